"""GUI fixtures: the small demo district in a file, the application, the context and window."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from huxue.database import open_database, session_scope


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo district, built once per test session."""
    from huxue.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    engine = open_database(path)
    with session_scope(engine) as session:
        build_demo(session, "small")
    engine.dispose()
    return path


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the small demo district for one test."""
    path = tmp_path / "huxue.db"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    """The application with Huxue's font, style and Chinese translations."""
    from ui.app import create_application
    from ui.i18n import install_language

    create_application("zh_CN")
    yield qapp
    install_language("zh_CN")


@pytest.fixture
def ctx(app: QApplication, demo_db: Path):  # type: ignore[no-untyped-def]
    from ui.context import AppContext

    context = AppContext(open_database(demo_db))
    yield context
    context.engine.dispose()


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, ctx, settings):  # type: ignore[no-untyped-def]
    from ui.main_window import MainWindow

    win = MainWindow(ctx, settings)
    # Not qtbot.addWidget: pytest-qt closes registered widgets before fixtures are finalised,
    # and closing asks about unsaved edits; this fixture settles them first, then closes.
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    # Closing asks about unsaved edits; a test that leaves an editor dirty must not hang.
    for key in win.page_keys():
        controller = getattr(win.page(key), "controller", None)
        editor = getattr(controller, "editor", None)
        if editor is not None:
            editor.dirty = False
    win.close()
    win.deleteLater()
    # Delete the window now, not whenever a later test happens to run the event loop or the
    # garbage collector (a late deletion of a window's wrappers has crashed an unrelated test).
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
