"""Entry point of the self-contained bundle: the GUI, or a sub-command, exactly as ``main.py``."""

from __future__ import annotations

import multiprocessing
import sys

if __name__ == "__main__":
    # The GUI's solver runs in a child process started as this same program ("spawn"):
    # freeze_support() makes that child run the solver instead of opening another window.
    multiprocessing.freeze_support()
    from main import gui_main

    sys.exit(gui_main())
