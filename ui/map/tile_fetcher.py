"""Basemap tiles from the intranet tile server the user set, kept on disk.

Only the user's own URL template is ever asked (police networks have no internet, and Huxue
fetches nothing by itself). A tile found in the cache folder is not fetched again. Failures
are counted, not raised: the map reads well without its basemap, and the page says quietly
how many tiles could not be had.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, QUrl, Signal
from PySide6.QtNetwork import QNetworkAccessManager, QNetworkReply, QNetworkRequest

from ui.map.tiles import Tile, TileSource

# Seconds a tile may take before it counts as failed.
TIMEOUT_S = 8
# Requests in flight at once (a small intranet server should not be flooded).
PARALLEL = 6


def default_cache_folder() -> Path:
    """The user's cache folder for basemap tiles."""
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.CacheLocation)
    return Path(base or Path.home() / ".cache" / "huxue") / "tiles"


class TileFetcher(QObject):
    """Fetches a set of tiles: `tile_ready(Tile)` for each one had (from the cache or the
    server), then `finished(had, failed)`. A new `fetch` drops the one still running."""

    tile_ready = Signal(object)
    finished = Signal(int, int)

    def __init__(self, cache: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cache = cache or default_cache_folder()
        self._manager = QNetworkAccessManager(self)
        self._queue: list[tuple[int, int, int]] = []
        self._running: set[QNetworkReply] = set()
        self._source: TileSource | None = None
        self._had = 0
        self._failed = 0
        self._generation = 0

    def fetch(self, source: TileSource, tiles: list[tuple[int, int, int]]) -> None:
        """Fetch `tiles` (zoom, x, y in XYZ order) from `source` or the cache."""
        self.cancel()
        self._generation += 1
        self._source = source
        self._had = self._failed = 0
        for zoom, x, y in tiles:
            path = source.cache_file(self.cache, zoom, x, y)
            data = _read(path)
            if data is not None:
                self._had += 1
                self.tile_ready.emit(Tile(zoom, x, y, data))
            else:
                self._queue.append((zoom, x, y))
        self._next()

    def cancel(self) -> None:
        """Forget the tiles not yet had."""
        self._queue = []
        for reply in list(self._running):
            reply.abort()
        self._running.clear()

    def _next(self) -> None:
        source = self._source
        while source is not None and self._queue and len(self._running) < PARALLEL:
            zoom, x, y = self._queue.pop(0)
            request = QNetworkRequest(QUrl(source.url(zoom, x, y)))
            request.setTransferTimeout(TIMEOUT_S * 1000)
            reply = self._manager.get(request)
            self._running.add(reply)
            generation = self._generation
            reply.finished.connect(
                lambda r=reply, t=(zoom, x, y), g=generation: self._on_reply(r, t, g)
            )
        if source is not None and not self._queue and not self._running:
            self.finished.emit(self._had, self._failed)
            self._source = None

    def _on_reply(self, reply: QNetworkReply, tile: tuple[int, int, int], generation: int) -> None:
        reply.deleteLater()
        if generation != self._generation or reply not in self._running:
            return  # a fetch since replaced this one
        self._running.discard(reply)
        status = reply.attribute(QNetworkRequest.Attribute.HttpStatusCodeAttribute)
        data = bytes(reply.readAll().data())
        if reply.error() == QNetworkReply.NetworkError.NoError and data and status in (None, 200):
            zoom, x, y = tile
            assert self._source is not None
            _write(self._source.cache_file(self.cache, zoom, x, y), data)
            self._had += 1
            self.tile_ready.emit(Tile(zoom, x, y, data))
        else:
            self._failed += 1
        self._next()


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes() or None
    except OSError:
        return None


def _write(path: Path, data: bytes) -> None:
    """Keep a tile: written beside its place and renamed, so a half tile is never read."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_suffix(f".{os.getpid()}.part")
        part.write_bytes(data)
        part.replace(path)
    except OSError:
        pass  # an unwritable cache only means fetching again next time
