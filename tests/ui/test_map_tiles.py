"""The offline basemap reader: MBTiles rows are in TMS order (row 0 at the south)."""

from __future__ import annotations

import http.server
import sqlite3
import threading
from collections.abc import Iterator
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


# --------------------------------------------------------------------------- tile server


def test_a_tile_url_in_either_row_order() -> None:
    from ui.map.tiles import TileSource, template_problem

    xyz = TileSource("http://10.0.0.5/t/{z}/{x}/{y}.png")
    assert xyz.url(12, 3391, 1758) == "http://10.0.0.5/t/12/3391/1758.png"
    assert (
        TileSource("http://h/{z}/{x}/{-y}.png").url(12, 3391, 1758) == "http://h/12/3391/2337.png"
    )
    assert (
        TileSource("http://h/{z}/{x}/{y}.png", tms=True).url(12, 3391, 1758).endswith("/2337.png")
    )
    assert template_problem("http://h/{z}/{x}/{y}.png") is None
    assert template_problem("ftp://h/{z}/{x}/{y}.png") == "scheme"
    assert template_problem("http://h/{z}/{x}.png") == "placeholders"


@pytest.fixture
def tile_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP tile server: /{z}/{x}/{y}.png is a PNG, except in column 1 (404);
    yields its base URL and the paths asked for."""
    asked: list[str] = []
    png = _png()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            asked.append(self.path)
            column = int(self.path.split("/")[-2])
            if column == 1:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(png)))
            self.end_headers()
            self.wfile.write(png)

        def log_message(self, *_args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", asked
    server.shutdown()
    server.server_close()


def _png() -> bytes:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(256, 256, QImage.Format.Format_RGB32)
    image.fill(QColor(200, 220, 240))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


@pytest.mark.gui
def test_tiles_come_from_the_users_server_then_from_the_cache(
    qapp, qtbot, tile_server, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QWidget

    from ui.map.tile_fetcher import TileFetcher
    from ui.map.tiles import TileSource

    base, asked = tile_server
    holder = QWidget()  # Qt deletes the fetcher with its network manager, as the map view does
    qtbot.addWidget(holder)
    fetcher = TileFetcher(tmp_path / "cache", parent=holder)
    got: list[object] = []
    fetcher.tile_ready.connect(got.append)
    source = TileSource(base + "/{z}/{x}/{-y}.png")  # a TMS server
    tiles = [(12, 3391, 1758), (12, 3392, 1758), (12, 3391, 1759)]
    with qtbot.waitSignal(fetcher.finished, timeout=20_000) as blocker:
        fetcher.fetch(source, tiles)
    assert blocker.args == [3, 0]
    assert sorted(asked) == ["/12/3391/2336.png", "/12/3391/2337.png", "/12/3392/2337.png"]
    assert {(t.zoom, t.x, t.y) for t in got} == set(tiles)  # type: ignore[attr-defined]
    assert source.cache_file(tmp_path / "cache", 12, 3391, 1758).read_bytes() == _png()
    # Again: every tile from the cache, nothing asked of the server.
    asked.clear()
    with qtbot.waitSignal(fetcher.finished, timeout=5_000) as blocker:
        fetcher.fetch(source, tiles)
    assert blocker.args == [3, 0] and asked == []
    # A tile the server does not have counts as failed, quietly.
    with qtbot.waitSignal(fetcher.finished, timeout=20_000) as blocker:
        fetcher.fetch(TileSource(base + "/{z}/{x}/{y}.png"), [(12, 1, 100)])
    assert blocker.args == [0, 1]


@pytest.mark.gui
def test_an_unreachable_server_leaves_the_plain_map(qapp, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import socket

    from huxue.reports.district_map import MapScene
    from ui.map.tiles import TileSource
    from ui.map.view import MapView

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    view = MapView()
    qtbot.addWidget(view)
    view.fetcher.cache = tmp_path / "cache"
    view.tile_source = TileSource(f"http://127.0.0.1:{port}/{{z}}/{{x}}/{{y}}.png")
    with qtbot.waitSignal(view.fetcher.finished, timeout=30_000) as blocker:
        view.show_scene(MapScene(None, "arrival", (), (), (), ()))
    had, failed = blocker.args
    assert had == 0 and failed > 0
    assert not [i for i in view.scene().items() if i.zValue() == -10]


@pytest.mark.gui
def test_the_map_draws_the_servers_tiles_under_the_schools(
    qapp, qtbot, tile_server, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    from huxue.reports.district_map import MapScene
    from ui.map.tiles import TileSource
    from ui.map.view import MapView

    base, asked = tile_server
    view = MapView()
    qtbot.addWidget(view)
    view.fetcher.cache = tmp_path / "cache"
    view.tile_source = TileSource(base + "/{z}/{x}/{y}.png")
    with qtbot.waitSignal(view.fetcher.finished, timeout=60_000) as blocker:
        view.show_scene(MapScene(None, "arrival", (), (), (), ()))
    had, failed = blocker.args
    assert failed == 0 and had == len(asked) > 0
    assert len([i for i in view.scene().items() if i.zValue() == -10]) == had
