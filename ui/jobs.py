"""Background jobs: one pattern for every long job of the window.

A job is made with its work, started with `start()`, asked to stop with `cancel()`, and talks
to the window only through its `signals` (delivered in the GUI thread):

- ``progress(object)``: a `Step` (done of total) for file and database jobs, a
  `huxue.solve_child.SolveProgress` for solves;
- ``finished(object)``: the result;
- ``failed(str)``: the error text (a domain error's message; anything else with its type and a
  short trace);
- ``cancelled()``: stopped before there was a result.

Two kinds run the work:

- `ThreadJob` runs Python that mostly waits on files or the database in Qt's thread pool
  (print, export, import, backup, storing a roster). Its function gets a `report(done, total)`
  callback, which raises `CancelledError` once `cancel()` was called.
- `SolveJob` runs CP-SAT in a spawned child process (solve and sick-call repair): building a
  district model holds the interpreter lock, so a thread would freeze the window. Plain data
  goes in (the instance document, in small pieces) and comes back (progress and the
  huxue-roster/1 document) on `multiprocessing` queues that a `QTimer` drains. `cancel()` stops
  the search; the best roster found still arrives through ``finished``.
"""

from __future__ import annotations

import gc
import multiprocessing
import multiprocessing.queues  # noqa: F401  (loaded now, not when Generate is clicked)
import multiprocessing.synchronize  # noqa: F401
import queue as queue_module
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from huxue import solve_child
from huxue.errors import HuxueError

POLL_MS = 30

Report = Callable[[int, int], None]


@dataclass(frozen=True)
class Step:
    """Progress of a file or database job: `done` of `total` items."""

    done: int
    total: int


class CancelledError(Exception):
    """Raised inside a thread job's function at a progress report after `cancel()`."""


class JobSignals(QObject):
    """The signals every job has (see the module's docstring)."""

    progress = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    received = Signal()  # a solve job's child has its instance (the hand-over is done)


def error_text(exc: BaseException) -> str:
    """A domain error as its message; anything else with its type and a short trace."""
    if isinstance(exc, HuxueError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=4)}"


class _Keeper(QObject):
    """Holds running jobs, so a dialog or page closed mid-job does not free a job still
    running."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: set[Any] = set()

    def hold(self, job: ThreadJob | SolveJob) -> None:
        self.jobs.add(job)
        for signal in (job.signals.finished, job.signals.failed, job.signals.cancelled):
            signal.connect(self._release)

    def _release(self, *_args: object) -> None:
        self.jobs = {job for job in self.jobs if job.running}


_keeper: _Keeper | None = None


def _hold(job: ThreadJob | SolveJob) -> None:
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()
    _keeper.hold(job)


class ThreadJob(QRunnable):
    """`fn(report)` in the global thread pool; its result arrives by `signals.finished`."""

    def __init__(self, fn: Callable[[Report], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)  # Python keeps the job (and its signals) alive
        self.signals = JobSignals()
        self._fn = fn
        self._cancel = threading.Event()
        self.running = False

    def start(self) -> None:
        self.running = True
        _hold(self)
        QThreadPool.globalInstance().start(self)

    def cancel(self) -> None:
        self._cancel.set()

    def _report(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise CancelledError
        self.signals.progress.emit(Step(int(done), int(total)))

    def run(self) -> None:
        # `running` turns False before the signal, so a slot may start the next job.
        try:
            result = self._fn(self._report)
        except CancelledError:
            self.running = False
            self.signals.cancelled.emit()
            return
        except Exception as exc:  # shown by whoever started the job
            self.running = False
            self.signals.failed.emit(error_text(exc))
            return
        self.running = False
        self.signals.finished.emit(result)


class SolveJob(QObject):
    """Solves an instance document in a child process (spawn).

    `finished` brings the huxue-roster/1 document once, also after `cancel()` (the best roster
    found); `progress` a `SolveProgress` at each improvement.
    """

    def __init__(
        self,
        instance_data: dict[str, Any],
        *,
        time_limit: float | None,
        workers: int = 2,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.signals = JobSignals(self)
        self.running = False
        self._data = instance_data
        self._time_limit = time_limit
        self._workers = workers
        self._mp = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._outbox: Any = None
        self._inbox: Any = None  # kept until the child ends: it holds the queue's semaphores
        self._stop: Any = None
        self._started = 0.0
        self._dead_since: float | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_poll)

    @property
    def pid(self) -> int | None:
        """The child process's id while it runs."""
        return None if self._process is None else int(self._process.pid)

    def elapsed(self) -> float:
        """Seconds since `start` (0 when idle)."""
        return time.monotonic() - self._started if self.running else 0.0

    def start(self) -> None:
        """Start the child; a job runs once."""
        if self.running or self._started:
            raise RuntimeError("a solve job runs once")
        # The week just loaded lives as long as the page: moving it out of the collector's
        # reach keeps full collections (which hold the interpreter lock) short while the
        # progress chart and the stored roster are handled.
        gc.freeze()
        self._outbox = self._mp.Queue()
        self._stop = self._mp.Event()
        # The instance travels through a queue in small pieces, which the queue's feeder
        # thread pickles and writes while the child starts up. Passed as a Process argument, a
        # district instance would block `start()` until the new interpreter had read it (over
        # a second); pickled in one piece, it would hold the interpreter lock for ~50 ms.
        inbox = self._inbox = self._mp.Queue()
        for piece in solve_child.instance_pieces(self._data):
            inbox.put(piece)
        self._process = self._mp.Process(
            target=solve_child.run,
            args=(inbox, self._outbox, self._stop, self._time_limit, self._workers),
            name="huxue-solver",
            daemon=True,
        )
        self._started = time.monotonic()
        self._dead_since = None
        self.running = True
        _hold(self)
        self._process.start()
        self._timer.start()

    def cancel(self) -> None:
        """Ask the search to stop; `finished` then brings the best roster found."""
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
        for q in (self._outbox, self._inbox):
            if q is not None:
                q.close()
        self._process = self._outbox = self._inbox = self._stop = None
        self.running = False

    def _on_poll(self) -> None:
        if self._outbox is None:
            return
        # Drain what arrived, but never hold the event loop long.
        deadline = time.monotonic() + 0.015
        while time.monotonic() < deadline:
            try:
                kind, payload = self._outbox.get_nowait()
            except queue_module.Empty:
                break
            if kind == "progress":
                self.signals.progress.emit(payload)
            elif kind == "received":
                self.signals.received.emit()
            elif kind == "done":
                self._reset()  # the child ends on its own; `multiprocessing` reaps it later
                self.signals.finished.emit(payload)
                return
            elif kind == "failed":
                self._reset()
                self.signals.failed.emit(str(payload))
                return
        process = self._process
        if process is not None and not process.is_alive():
            # The queue's pipe may still hold the last message: give it a few polls.
            now = time.monotonic()
            if self._dead_since is None:
                self._dead_since = now
            elif now - self._dead_since > 1.0:
                code = process.exitcode
                self._reset()
                self.signals.failed.emit(
                    f"the solver process ended without a roster (exit code {code})"
                )
