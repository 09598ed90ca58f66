"""Web Mercator scene coordinates and an optional offline basemap from an MBTiles file.

Scene units are Web Mercator pixels at zoom `SCENE_ZOOM`, so tiles of any zoom line up with
the schools. MBTiles stores rows in TMS order (row 0 at the south): the XYZ row is
``2**z - 1 - tile_row``.
"""

from __future__ import annotations

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
