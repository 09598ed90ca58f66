"""Output work off the GUI thread: a `Job` runs a pure-Python function in the thread pool.

The report, export, import and backup functions of `huxue` are plain Python; a `QRunnable`
keeps the window painting while they write files. The job talks to the GUI only through its
`signals` (queued into the GUI thread): `progress(done, total)`, `finished(result)`,
`failed(text)` and `cancelled()`. `cancel()` is polled at the next progress call.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from huxue.errors import HuxueError

Progress = Callable[[int, int], None]


class CancelledError(Exception):
    """Raised inside a job's function at a progress call after `cancel()`."""


class JobSignals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()


class _Keeper(QObject):
    """Holds running jobs, so a dialog closed mid-batch does not free a job the pool runs."""

    def __init__(self) -> None:
        super().__init__()
        self.jobs: set[Job] = set()

    def hold(self, job: Job) -> None:
        self.jobs.add(job)
        for signal in (job.signals.finished, job.signals.failed, job.signals.cancelled):
            signal.connect(self._release)

    def _release(self, *_args: object) -> None:
        self.jobs = {job for job in self.jobs if job.running}


_keeper: _Keeper | None = None


def _hold(job: Job) -> None:
    global _keeper
    if _keeper is None:
        _keeper = _Keeper()
    _keeper.hold(job)


class Job(QRunnable):
    """`fn(on_progress)` in the global thread pool; its result arrives by `signals.finished`."""

    def __init__(self, fn: Callable[[Progress], Any]) -> None:
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

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise CancelledError
        self.signals.progress.emit(int(done), int(total))

    def run(self) -> None:
        # `running` turns False before the signal, so a slot may start the next job.
        try:
            result = self._fn(self._progress)
        except CancelledError:
            self.running = False
            self.signals.cancelled.emit()
            return
        except Exception as exc:  # shown in the dialog that started the job
            self.running = False
            self.signals.failed.emit(error_text(exc))
            return
        self.running = False
        self.signals.finished.emit(result)


def error_text(exc: BaseException) -> str:
    """A domain error as its message; anything else with its type and a short trace."""
    if isinstance(exc, HuxueError):
        return str(exc)
    return f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=4)}"
