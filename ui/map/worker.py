"""Plan patrols and build the response report in a child process (routing and the week's
instance are CPU-heavy Python: a thread would hold the interpreter and freeze the window)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import queue as queue_module
import traceback
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

POLL_MS = 50


def _child(out: Any, url: str, week: dt.date, plan: bool, lang: str) -> None:
    try:
        from huxue.patrols import week_report

        out.put(("done", week_report(url, week, plan=plan, lang=lang)))
    except Exception as exc:  # the window shows the reason; the child ends either way
        from huxue.errors import HuxueError

        text = str(exc) if isinstance(exc, HuxueError) else traceback.format_exc(limit=3)
        out.put(("failed", text))


class ReportJob(QObject):
    """Signals: `finished((report, summary))` once, or `failed(text)`."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._mp = multiprocessing.get_context("spawn")
        self._process: Any = None
        self._queue: Any = None
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self._on_poll)

    def is_running(self) -> bool:
        """Whether a child is at work."""
        return self._process is not None

    def start(self, url: str, week: dt.date, *, plan: bool, lang: str) -> None:
        """Start the child (one at a time)."""
        if self._process is not None:
            return
        self._queue = self._mp.Queue()
        self._process = self._mp.Process(
            target=_child, args=(self._queue, url, week, plan, lang), daemon=True
        )
        self._process.start()
        process = self._process
        # A page closed mid-plan must not leave its child running.
        self.destroyed.connect(lambda *_: process.terminate() if process.is_alive() else None)
        self._timer.start()

    def stop(self) -> None:
        """End the child; an unfinished plan is rolled back with its transaction."""
        if self._process is not None:
            self._process.terminate()
            self._process.join(5)
            self._finish()

    def _finish(self) -> None:
        self._timer.stop()
        self._process = None
        self._queue = None

    def _on_poll(self) -> None:
        if self._process is None:
            return
        try:
            kind, payload = self._queue.get_nowait()
        except queue_module.Empty:
            if not self._process.is_alive():
                code = self._process.exitcode
                self._finish()
                self.failed.emit(f"the planning process ended unexpectedly (exit {code})")
            return
        self._process.join(5)
        self._finish()
        if kind == "done":
            self.finished.emit(payload)
        else:
            self.failed.emit(str(payload))
