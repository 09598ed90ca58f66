"""Headless command line: every sub-command is a function of `huxue` reached without a window.

Each module named in `COMMAND_MODULES` exposes ``register(subparsers)``; a sub-command sets
``func`` to a handler ``(args) -> int`` that returns the exit code (0 done, 1 problems found,
2 unusable input). A handler raises `HuxueError` for unusable input; `main` prints its message
on one line and exits 2, never with a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Sequence

from huxue.errors import HuxueError
from huxue.i18n import set_language

COMMAND_MODULES = (
    "huxue.cli.core_cmds",
    "huxue.cli.demo_cmds",
    "huxue.cli.solver_cmds",
    "huxue.cli.planning_cmds",
    "huxue.cli.output_cmds",
    "huxue.cli.patrol_cmds",
    "huxue.cli.attendance_cmds",
)


def build_parser(extra_modules: Sequence[str] = ()) -> argparse.ArgumentParser:
    """The parser with every sub-command of the modules that are present.

    `extra_modules` lets `main.py` add the GUI's commands (``ui.cli``) without `huxue`
    importing Qt.
    """
    parser = argparse.ArgumentParser(
        prog="huxue",
        description="护学 Huxue — school-guard post planning. Without a sub-command: open the GUI.",
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the GUI on the Jimei demo database"
    )
    parser.add_argument("--db", help="database file or URL (default: the user's database)")
    parser.add_argument(
        "--lang",
        choices=["zh_CN", "en"],
        help="language of the window and of messages (default: the system's)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (*COMMAND_MODULES, *extra_modules):
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    extra_modules: Sequence[str] = (),
    open_gui: Callable[[argparse.Namespace], int] | None = None,
) -> int:
    """Run one sub-command (or, with none, `open_gui`) and return the process exit code."""
    parser = build_parser(extra_modules)
    args = parser.parse_args(argv)
    if args.lang:
        set_language(args.lang)
    if args.command is None:
        if open_gui is None:
            parser.print_help()
            return 0
        return open_gui(args)
    try:
        code: int = args.func(args)
    except HuxueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    return code
