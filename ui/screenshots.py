"""Render each main page of the window offscreen to PNG files (README pictures, review)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy.engine import Engine

from huxue import editing
from huxue.files import atomic_output, output_folder

SIZE = (1440, 880)


def _settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()


def _save(widget: QWidget, path: Path) -> Path:
    with atomic_output(path) as tmp:
        widget.grab().save(str(tmp), "PNG")
    return path


def render_pages(engine: Engine, out_dir: Path, lang: str = "zh_CN") -> list[Path]:
    """Write ``overview.png``, ``schools.png``, ``people.png``, ``calendar.png``,
    ``roster.png`` and a few close-ups of the editors (``schools-posts.png``,
    ``schools-bells.png``, ``people-availability.png``, ``stations.png``: the police stations
    dialog)."""
    from ui.app import create_application
    from ui.context import AppContext
    from ui.main_window import MainWindow

    app = create_application(lang)
    output_folder(out_dir)
    with tempfile.TemporaryDirectory() as folder:
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        ctx = AppContext(engine)
        window = MainWindow(ctx, settings)
        window.resize(*SIZE)
        window.show()
        _settle(app)
        written: list[Path] = []

        overview = window.page("overview")
        loop = QEventLoop()
        overview.week_loaded.connect(loop.quit)  # type: ignore[attr-defined]
        if overview.overview is None:  # type: ignore[attr-defined]
            QTimer.singleShot(120_000, loop.quit)
            loop.exec()
        window.show_page("overview")
        _settle(app)
        written.append(_save(window, out_dir / "overview.png"))

        schools = window.page("schools")
        rows = ctx.run(editing.school_rows)
        # A primary school with two gates shows the most; the search shows pinyin at work.
        pick = next(
            (r for r in rows if r.kind == "primary" and r.posts >= 2),
            rows[0] if rows else None,
        )
        if pick is not None:
            controller = schools.controller  # type: ignore[attr-defined]
            controller.select_school(pick.id)
            _settle(app)
        window.show_page("schools")
        _settle(app)
        written.append(_save(window, out_dir / "schools.png"))
        if pick is not None:
            editor_view = schools.controller.editor.view  # type: ignore[attr-defined]
            for tab, name in ((1, "schools-posts.png"), (2, "schools-bells.png")):
                editor_view.tabs.setCurrentIndex(tab)
                _settle(app)
                written.append(_save(window, out_dir / name))
            editor_view.tabs.setCurrentIndex(0)
        stations = schools.controller.open_stations()  # type: ignore[attr-defined]
        station_rows = ctx.run(editing.stations)
        if station_rows:
            stations.controller.load(station_rows[0].id)
        _settle(app)
        written.append(_save(stations, out_dir / "stations.png"))
        stations.reject()

        window.show_page("people")
        people = window.page("people")
        people_rows = ctx.run(editing.person_rows)
        if people_rows:
            chosen = next((p for p in people_rows if p.role == "volunteer"), people_rows[0])
            people.controller.select_person(chosen.id)  # type: ignore[attr-defined]
        _settle(app)
        written.append(_save(window, out_dir / "people.png"))
        if people_rows:
            people.controller.editor.view.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
            _settle(app)
            written.append(_save(window, out_dir / "people-availability.png"))
            people.controller.editor.view.tabs.setCurrentIndex(0)  # type: ignore[attr-defined]

        window.show_page("calendar")
        calendar = window.page("calendar")
        calendar.controller.select_day(dt.date(2026, 10, 1))  # type: ignore[attr-defined]
        _settle(app)
        written.append(_save(window, out_dir / "calendar.png"))

        window.show_page("roster")
        _settle(app)
        written.append(_save(window, out_dir / "roster.png"))

        window.close()
        window.deleteLater()
        _settle(app)
    return written
