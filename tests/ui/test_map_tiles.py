"""The offline basemap reader: MBTiles rows are in TMS order (row 0 at the south)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from ui.map.tiles import SCENE_ZOOM, TILE, read_tiles, tile_range, to_scene

BOX = (24.55, 118.0, 24.70, 118.2)  # south, west, north, east: around Jimei


def _mbtiles(path: Path, zoom: int) -> dict[tuple[int, int], bytes]:
    """A file with every tile of BOX at `zoom`, each tile's bytes naming its XYZ position."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE tiles (zoom_level INT, tile_column INT, tile_row INT, tile_data BLOB)")
    x0, x1, y0, y1 = tile_range(*BOX, zoom)
    written = {}
    for x in range(x0, x1 + 1):
        for y in range(y0, y1 + 1):
            data = f"{x}/{y}".encode()
            db.execute("INSERT INTO tiles VALUES (?, ?, ?, ?)", (zoom, x, 2**zoom - 1 - y, data))
            written[(x, y)] = data
    db.commit()
    db.close()
    return written


def test_rows_are_flipped_from_tms_to_xyz(tmp_path: Path) -> None:
    written = _mbtiles(tmp_path / "jimei.mbtiles", 12)
    tiles = read_tiles(tmp_path / "jimei.mbtiles", BOX)
    assert {(t.x, t.y): t.data for t in tiles} == written
    # 24.62 N 118.1 E at zoom 12: column 3391, XYZ row 1758 (from the north), TMS row 2337.
    assert (3391, 1758) in written
    db = sqlite3.connect(tmp_path / "jimei.mbtiles")
    stored = db.execute("SELECT tile_data FROM tiles WHERE tile_column = 3391 AND tile_row = 2337")
    assert stored.fetchone()[0] == b"3391/1758"
    db.close()


def test_scene_coordinates_match_the_tile_grid() -> None:
    x, y = to_scene(24.62, 118.1)
    scale = TILE * 2 ** (SCENE_ZOOM - 12)
    assert (int(x // scale), int(y // scale)) == (3391, 1758)


def test_a_file_that_is_not_mbtiles_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.mbtiles"
    bad.write_bytes(b"not a database")
    with pytest.raises(OSError):
        read_tiles(bad, BOX)
