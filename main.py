"""Huxue entry point: no arguments opens the GUI; sub-commands run headless."""

from __future__ import annotations

import argparse
import sys

from huxue.cli import main
from ui.cli import register as register_gui_commands


def _open_gui(args: argparse.Namespace) -> int:
    # Qt is imported only when a window is wanted, so headless commands start fast.
    from ui.app import run_app

    return run_app(args)


def gui_main() -> int:
    """The `huxue` entry point: the GUI, or a sub-command."""
    return main(extra=(register_gui_commands,), open_gui=_open_gui)


if __name__ == "__main__":
    sys.exit(gui_main())
