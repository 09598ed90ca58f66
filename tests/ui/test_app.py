"""Starting the GUI: run_app on a database, the demo, the welcome dialog, the font."""

from __future__ import annotations

import argparse
import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QPushButton

pytestmark = pytest.mark.gui


def test_run_app_opens_the_window_on_a_database(app, demo_db: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ui import app as app_module
    from ui.main_window import MainWindow

    shown: list[MainWindow] = []
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    original_show = MainWindow.show

    def show(window: MainWindow) -> None:
        shown.append(window)
        original_show(window)

    monkeypatch.setattr(MainWindow, "show", show)
    monkeypatch.setattr(app_module, "QSettings", lambda: _settings(demo_db.parent))
    args = argparse.Namespace(demo=False, db=str(demo_db), lang="en")
    assert app_module.run_app(args) == 0
    assert shown and shown[0].navigation.item(0).text() == "Overview"
    shown[0].close()
    shown[0].deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    shown.clear()
    gc.collect()


def _settings(folder: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    return QSettings(str(folder / "run.ini"), QSettings.Format.IniFormat)


def test_the_font_is_loaded(app) -> None:  # type: ignore[no-untyped-def]
    from ui.app import load_font

    family = load_font(app)
    assert family is not None and "WenQuanYi" in family
    assert app.font().family() == family


def test_the_welcome_dialog_creates_an_empty_database(app, tmp_path, monkeypatch, qtbot) -> None:  # type: ignore[no-untyped-def]
    from huxue.database import is_empty, session_scope
    from ui import welcome

    monkeypatch.setattr(welcome, "default_db_path", lambda: tmp_path / "mine.db")
    dialog = welcome.WelcomeDialog()
    qtbot.addWidget(dialog)
    assert dialog.demo.text() == "打开集美示例辖区"
    # The four choices and nothing else (importing is a File menu action of the main window).
    buttons = set(dialog.findChildren(QPushButton))
    assert buttons == {dialog.demo, dialog.empty, dialog.open_file, dialog.quit}
    dialog.empty.click()
    assert dialog.result() == dialog.DialogCode.Accepted
    engine = dialog.open_engine()
    assert engine is not None
    with session_scope(engine) as session:
        assert is_empty(session)
    engine.dispose()
    assert (tmp_path / "mine.db").exists()


def test_the_demo_is_built_on_first_use(app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from huxue import editing
    from huxue.database import session_scope
    from huxue.demo import ensure_demo_database

    engine = ensure_demo_database("small", tmp_path / "demo.db")
    with session_scope(engine) as session:
        assert editing.counts(session).schools == 20
    engine.dispose()
    engine = ensure_demo_database("small", tmp_path / "demo.db")  # not built twice
    with session_scope(engine) as session:
        assert editing.counts(session).schools == 20
    engine.dispose()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_screenshot_command_writes_each_page(app, demo_db: Path, tmp_path, lang) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from huxue.cli import main
    from ui.cli import register
    from ui.i18n import install_language

    out = tmp_path / "shots"
    code = main(
        ["screenshot", "-o", str(out), "--lang", lang, "--db", str(demo_db)],
        extra=(register,),
    )
    install_language("zh_CN")
    assert code == 0
    for page in ("schools", "people", "calendar", "roster"):
        image = QImage(str(out / f"{page}.png"))
        assert not image.isNull() and image.width() >= 1200, page
