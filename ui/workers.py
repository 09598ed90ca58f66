"""Work off the GUI thread, reported only by signals.

`SolveWorker` runs the solver in a child process (spawn): building a district model in Python
holds the interpreter lock, so a thread would freeze the window. The child puts progress and
the final roster on a `multiprocessing` queue that a `QTimer` in the GUI thread drains; Stop
sets a `multiprocessing` event that the solver polls, and the best roster found still arrives
through `finished`.

`TaskThread` runs a short database job (a sick-call repair) in a `QThread` and hands its result
back through `done` / `failed`.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.queues  # noqa: F401  (loaded now, not when Generate is clicked)
import multiprocessing.synchronize  # noqa: F401
import queue as queue_module
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, QTimer, Signal

from huxue import solve_child
from huxue.solve_child import instance_pieces

POLL_MS = 30


class SolveWorker(QObject):
    """Solves an instance document in a child process.

    Signals: `progress(elapsed, objective, bound, seats_filled)` at each improvement,
    `finished(roster document)` once (also after Stop: the best roster found), `failed(text)`.
    """

    progress = Signal(float, float, float, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mp = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._queue: Any = None
        self._inbox: Any = None  # kept until the child ends: it holds the queue's semaphores
        self._stop: Any = None
        self._started = 0.0
        self._dead_since: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_poll)

    def is_running(self) -> bool:
        return self._process is not None

    def elapsed(self) -> float:
        """Seconds since `start` (0 when idle)."""
        return time.monotonic() - self._started if self.is_running() else 0.0

    def start(
        self, instance_data: dict[str, Any], *, time_limit: float | None, workers: int = 2
    ) -> None:
        """Start a solve; a running one must finish or be stopped first."""
        if self.is_running():
            raise RuntimeError("a solve is already running")
        # The week just loaded lives as long as the page: moving it out of the collector's
        # reach keeps full collections (which hold the interpreter lock) short while the
        # progress chart and the stored roster are handled.
        gc.freeze()
        self._queue = self._mp.Queue()
        self._stop = self._mp.Event()
        # The instance travels through a queue in small pieces, which the queue's feeder
        # thread pickles and writes while the child starts up. Passed as a Process argument, a
        # district instance would block `start()` until the new interpreter had read it (over
        # a second); pickled in one piece, it would hold the interpreter lock for ~50 ms.
        inbox = self._inbox = self._mp.Queue()
        for piece in instance_pieces(instance_data):
            inbox.put(piece)
        self._process = self._mp.Process(
            target=solve_child.run,
            args=(inbox, self._queue, self._stop, time_limit, workers),
            name="huxue-solver",
            daemon=True,
        )
        self._started = time.monotonic()
        self._dead_since = None
        self._process.start()
        self._timer.start()

    def stop(self) -> None:
        """Ask the solve to stop; `finished` then brings the best roster found."""
        if self._stop is not None:
            self._stop.set()

    def kill(self) -> None:
        """End the child at once, without a result (the window is closing)."""
        if self._process is not None:
            self._process.kill()
            self._process.join(2)
        self._reset()

    def _reset(self) -> None:
        self._timer.stop()
        for q in (self._queue, self._inbox):
            if q is not None:
                q.close()
        self._process = self._queue = self._inbox = self._stop = None

    def _on_poll(self) -> None:
        if self._queue is None:
            return
        # Drain what arrived, but never hold the event loop long.
        deadline = time.monotonic() + 0.015
        while time.monotonic() < deadline:
            try:
                message = self._queue.get_nowait()
            except queue_module.Empty:
                break
            kind = message[0]
            if kind == "progress":
                elapsed, objective, bound, filled = message[1]
                self.progress.emit(float(elapsed), float(objective), float(bound), int(filled))
            elif kind == "done":
                self._finish()
                self.finished.emit(message[1])
                return
            elif kind == "failed":
                self._finish()
                self.failed.emit(str(message[1]))
                return
        process = self._process
        if process is not None and not process.is_alive():
            # The queue's pipe may still hold the last message: give it a few polls.
            now = time.monotonic()
            if self._dead_since is None:
                self._dead_since = now
            elif now - self._dead_since > 1.0:
                code = process.exitcode
                self._finish()
                self.failed.emit(f"the solver process ended without a roster (exit code {code})")

    def _finish(self) -> None:
        # The child is ending on its own; `multiprocessing` reaps it later (a join here
        # would hold the event loop while it exits).
        self._reset()


class TaskThread(QThread):
    """Runs `fn()` off the GUI thread; `done(result)` or `failed(text)` arrive in the GUI."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn

    def run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # reported to the window, which shows it
            self.failed.emit(_error_text(exc))
            return
        self.done.emit(result)


def _error_text(exc: Exception) -> str:
    from huxue.errors import HuxueError

    if isinstance(exc, HuxueError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=4)}"
