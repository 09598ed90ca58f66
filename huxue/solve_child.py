"""The solver's child process: a solve (or a sick-call repair) run off the window's process.

Building a district model in Python holds the interpreter lock, so the GUI runs CP-SAT in a
spawned child process and exchanges plain data with it: the instance document goes in, in small
pieces (`instance_pieces`); progress and the huxue-roster/1 document come back as messages.
Only the standard library is imported at module level: the window imports this module to name
the child's entry point, and the child lowers its priority before importing anything heavy.
"""

from __future__ import annotations

import os
import traceback
from typing import Any, NamedTuple, Protocol

PIECE = 400


class SolveProgress(NamedTuple):
    """A progress report of a solve: seconds, objective, bound and seats filled so far."""

    elapsed: float
    objective: float
    bound: float
    seats_filled: int


class _Queue(Protocol):
    def put(self, item: Any) -> None: ...


class _Event(Protocol):
    def is_set(self) -> bool: ...


class _Inbox(Protocol):
    def get(self) -> Any: ...


def instance_pieces(data: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """An instance document cut into small messages (lists in slices of `PIECE` items), so
    that no single pickling holds the interpreter lock long; `join_pieces` puts it together."""
    pieces: list[tuple[str, str, Any]] = []
    for key, value in data.items():
        if isinstance(value, list) and len(value) > PIECE:
            pieces.append(("list", key, []))
            for i in range(0, len(value), PIECE):
                pieces.append(("more", key, value[i : i + PIECE]))
        else:
            pieces.append(("value", key, value))
    pieces.append(("end", "", None))
    return pieces


def join_pieces(inbox: _Inbox) -> dict[str, Any]:
    """The instance document sent by `instance_pieces`."""
    data: dict[str, Any] = {}
    while True:
        kind, key, value = inbox.get()
        if kind == "end":
            return data
        if kind == "more":
            data[key].extend(value)
        else:
            data[key] = value


def run(
    inbox: _Inbox, outbox: _Queue, stop: _Event, time_limit: float | None, workers: int
) -> None:
    """The child process's entry: solve the instance that arrives in pieces on `inbox`.

    Messages on `outbox`: ("received", None) once the instance has arrived, ("progress",
    SolveProgress), then ("done", roster document) or ("failed", text). `stop.is_set()`
    ends the search; the best roster found is still sent.
    """
    if hasattr(os, "nice") and os.nice(0) < 10:
        # Below the window's process: on a machine with few cores the GUI must still get the
        # CPU at once when the user clicks; the imports below take most of a second of CPU.
        os.nice(10)
    try:
        data = join_pieces(inbox)
    except Exception as exc:  # a broken hand-over must reach the window as a message
        outbox.put(("failed", f"the solver process got no instance: {exc}"))
        return
    outbox.put(("received", None))
    solve_document(data, outbox, stop, time_limit, workers)


def solve_document(
    instance_data: dict[str, Any],
    outbox: _Queue,
    stop: _Event,
    time_limit: float | None,
    workers: int,
) -> None:
    """Solve an instance document, reporting progress and the result on `outbox` (the
    messages of `run`)."""
    from huxue.errors import InputError
    from huxue.planning import load_checked
    from solver.solve import result_to_roster_dict, solve

    try:
        instance = load_checked(instance_data)

        def progress(elapsed: float, objective: float, bound: float, filled: int) -> None:
            outbox.put(("progress", SolveProgress(elapsed, objective, bound, filled)))

        result = solve(
            instance, time_limit=time_limit, workers=workers, on_progress=progress, stop=stop
        )
        outbox.put(("done", result_to_roster_dict(result)))
    except InputError as exc:
        outbox.put(("failed", str(exc)))
    except Exception as exc:  # the window must hear of every failure, not a dead process
        outbox.put(("failed", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}"))
