"""Web Mercator scene coordinates and an optional basemap: an MBTiles file, or an intranet
tile server the user sets (fetched by `ui.map.tile_fetcher`, never from anywhere else).

Scene units are Web Mercator pixels at zoom `SCENE_ZOOM`, so tiles of any zoom line up with
the schools. MBTiles stores rows in TMS order (row 0 at the south): the XYZ row is
``2**z - 1 - tile_row``; tile servers use either order (``{y}`` or ``{-y}``, or the TMS switch).
"""

from __future__ import annotations

import hashlib
import math
import sqlite3
from dataclasses import dataclass
from pathlib import Path

SCENE_ZOOM = 16
TILE = 256


def to_scene(lat: float, lon: float) -> tuple[float, float]:
    """Scene position (Web Mercator pixels at `SCENE_ZOOM`) of a WGS-84 location."""
    size = TILE * 2**SCENE_ZOOM
    x = (lon + 180.0) / 360.0 * size
    phi = math.radians(max(-85.0511, min(85.0511, lat)))
    y = (1.0 - math.log(math.tan(phi) + 1.0 / math.cos(phi)) / math.pi) / 2.0 * size
    return x, y


def tile_range(
    south: float, west: float, north: float, east: float, zoom: int
) -> tuple[int, int, int, int]:
    """XYZ tile columns and rows (first, last, inclusive) covering a box at `zoom`."""
    scale = 2 ** (SCENE_ZOOM - zoom) * TILE
    x0, y0 = to_scene(north, west)
    x1, y1 = to_scene(south, east)
    return int(x0 // scale), int(x1 // scale), int(y0 // scale), int(y1 // scale)


@dataclass(frozen=True)
class Tile:
    """One basemap tile: zoom, XYZ column and row, image bytes (PNG or JPEG)."""

    zoom: int
    x: int
    y: int
    data: bytes


def read_tiles(
    path: Path, box: tuple[float, float, float, float], max_tiles: int = 400
) -> list[Tile]:
    """The tiles of an MBTiles file covering `box` (south, west, north, east) at the deepest
    zoom the file has that needs at most `max_tiles` tiles. Raises OSError for a bad file."""
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise OSError(str(exc)) from exc
    try:
        zooms = [z for (z,) in db.execute("SELECT DISTINCT zoom_level FROM tiles ORDER BY 1")]
        chosen = None
        for zoom in zooms:
            x0, x1, y0, y1 = tile_range(*box, zoom)
            if (x1 - x0 + 1) * (y1 - y0 + 1) <= max_tiles:
                chosen = zoom
        if chosen is None:
            return []
        x0, x1, y0, y1 = tile_range(*box, chosen)
        last = 2**chosen - 1
        rows = db.execute(
            "SELECT tile_column, tile_row, tile_data FROM tiles WHERE zoom_level = ? "
            "AND tile_column BETWEEN ? AND ? AND tile_row BETWEEN ? AND ?",
            (chosen, x0, x1, last - y1, last - y0),
        )
        return [Tile(chosen, x, last - row, bytes(data)) for x, row, data in rows]
    except sqlite3.Error as exc:
        raise OSError(f"not an MBTiles file: {exc}") from exc
    finally:
        db.close()


# --------------------------------------------------------------------------- tile URL

MAX_URL_ZOOM = 18


@dataclass(frozen=True)
class TileSource:
    """An intranet tile server set by the user: a URL template with ``{z}``, ``{x}`` and
    ``{y}`` (XYZ rows, row 0 at the north) or ``{-y}`` (TMS rows, row 0 at the south);
    `tms` reads ``{y}`` as a TMS row too, for servers that number rows from the south."""

    template: str
    tms: bool = False

    def url(self, zoom: int, x: int, y: int) -> str:
        """The URL of the XYZ tile (zoom, x, y)."""
        flipped = 2**zoom - 1 - y
        row = flipped if self.tms else y
        return (
            self.template.replace("{z}", str(zoom))
            .replace("{x}", str(x))
            .replace("{-y}", str(flipped))
            .replace("{y}", str(row))
        )

    def cache_file(self, folder: Path, zoom: int, x: int, y: int) -> Path:
        """Where the tile is kept on disk: one folder per server template and row order."""
        key = hashlib.sha256(f"{self.template}|{self.tms}".encode()).hexdigest()[:16]
        return folder / key / str(zoom) / str(x) / f"{y}.tile"


def template_problem(template: str) -> str | None:
    """Why a tile URL template is unusable ("scheme", "placeholders"), or None."""
    lowered = template.strip().lower()
    if not lowered.startswith(("http://", "https://")):
        return "scheme"
    if "{z}" not in lowered or "{x}" not in lowered:
        return "placeholders"
    if "{y}" not in lowered and "{-y}" not in lowered:
        return "placeholders"
    return None


def url_tiles(
    box: tuple[float, float, float, float], max_tiles: int = 120
) -> list[tuple[int, int, int]]:
    """The XYZ tiles (zoom, x, y) covering `box` (south, west, north, east) at the deepest
    zoom up to `MAX_URL_ZOOM` that needs at most `max_tiles` of them."""
    chosen = 0
    for zoom in range(MAX_URL_ZOOM + 1):
        x0, x1, y0, y1 = tile_range(*box, zoom)
        if (x1 - x0 + 1) * (y1 - y0 + 1) <= max_tiles:
            chosen = zoom
    x0, x1, y0, y1 = tile_range(*box, chosen)
    return [(chosen, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
