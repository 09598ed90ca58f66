"""The window's ear on the server: other planners' changes as Qt signals (PostgreSQL only).

A `LiveFeed` runs `huxue.live.ChangeFeed` on a thread of its own (it waits on its dedicated
connection's socket, never on the GUI thread) and emits:

- ``changed(list)``: the `huxue.live.Change` records that arrived together;
- ``online(bool)``: False when the server went away (restart, network), True when the feed
  connected again. While away it retries with a growing pause (0.5 s doubling to 8 s).
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from sqlalchemy.engine import Engine

from huxue.live import ChangeFeed, FeedLostError

WAIT_S = 0.5
BACKOFF_S = (0.5, 1.0, 2.0, 4.0, 8.0)


class LiveFeed(QObject):
    """Listens for change notifications until `stop()` (see the module's docstring)."""

    changed = Signal(list)
    online = Signal(bool)

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._feed = ChangeFeed(engine)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.is_online = True

    def start(self) -> None:
        """Start listening (once)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="huxue-live", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop listening and close the connection (waits a moment for the thread)."""
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(WAIT_S * 4)

    def recheck(self) -> None:
        """The app lost the server on a connection of its own: report `online(True)` as soon
        as the feed's next round trip succeeds."""
        self.is_online = False

    def _set_online(self, value: bool) -> None:
        if value != self.is_online:
            self.is_online = value
            self.online.emit(value)

    def _run(self) -> None:
        attempt = 0
        while not self._stop.is_set():
            try:
                if not self._feed.connected:
                    self._feed.open()
                    attempt = 0
                changes = self._feed.wait(WAIT_S)
                self._set_online(True)
            except FeedLostError:
                self._set_online(False)
                self._stop.wait(BACKOFF_S[min(attempt, len(BACKOFF_S) - 1)])
                attempt += 1
                continue
            if changes and not self._stop.is_set():
                self.changed.emit(changes)
        self._feed.close()
