"""Entry point of the solver's child process.

It lowers the process's priority before importing anything heavy: the imports (sqlmodel,
OR-Tools, the planning code) take most of a second of CPU, and on a two-core machine they would
otherwise compete with the window that just started the solve.
"""

from __future__ import annotations

import os
from typing import Any


def run(inbox: Any, queue: Any, stop: Any, time_limit: float | None, workers: int) -> None:
    """Solve the instance that arrives in pieces on `inbox`; report on `queue`."""
    if hasattr(os, "nice"):
        os.nice(10)
    from huxue.planning_views import solve_child_from_queue

    solve_child_from_queue(inbox, queue, stop, time_limit, workers)
