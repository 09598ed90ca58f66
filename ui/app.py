"""Start the GUI: application, font, language, database, welcome dialog and main window.

``python main.py`` calls `run_app(args)` (args: ``.demo``, ``.db``, ``.lang``).

Pages
-----
The main window (`ui.main_window.MainWindow`) hosts pages reached from its navigation bar::

    window.add_page("roster", widget)                     # title from widget.page_title()
    window.add_page("roster", widget, lambda: tr(...))    # or an explicit title function
    window.add_page("roster", lambda: make(ctx), title)   # made when first shown

Adding an existing key replaces that page in place; ``window.page(key)`` returns it (making
it if needed) and ``window.show_page(key)`` shows it. A page widget may also offer, and the
window calls them when present:

- ``page_title() -> str``: its name in the current language (called again on a language
  change);
- ``focus_search()``: Edit ▸ Find (Ctrl+F);
- ``save_current()``: Edit ▸ Save (Ctrl+S) for its editor;
- ``resolve_unsaved() -> bool``: before the window closes or another database opens, save or
  drop unsaved edits (False: the planner cancelled).

Pages get the `ui.context.AppContext` (engine, `run` in one transaction, undo stack,
``data_changed`` / ``database_changed`` signals), never the main window. Menus are extended
through ``window.file_menu``, inserting before ``window.file_menu_anchor``; `run_app` adds the
print, export, import and backup actions (``ui.outputs.install_output_actions(window, ctx)``).
Each widget retranslates itself on ``QEvent.LanguageChange`` (`ui.i18n.install_language`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy.engine import Engine

from huxue.database import default_db_path, is_empty, open_database, session_scope
from huxue.demo import ensure_demo_database
from huxue.errors import HuxueError
from ui.i18n import DEFAULT_LANGUAGE, LANGUAGES, install_language
from ui.widgets import wait_cursor

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FONT_FILE = RESOURCES / "fonts" / "wqy-microhei.ttc"
ORGANISATION = "Huxue"
APPLICATION = "Huxue"


def load_font(app: QApplication) -> str | None:
    """Make the bundled WenQuanYi Micro Hei the application font; its family, or None."""
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    if font_id < 0:
        return None
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:
        return None
    family = next((f for f in families if "Mono" not in f), families[0])
    font = QFont(family)
    font.setPointSize(10)
    app.setFont(font)
    return family


def create_application(lang: str | None = None, argv: list[str] | None = None) -> QApplication:
    """The QApplication with Huxue's font, style sheet and language (zh_CN by default)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("护学 Huxue")
    icon = RESOURCES / "icons" / "huxue.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    load_font(app)
    if lang is None:
        stored = QSettings().value("ui/language", DEFAULT_LANGUAGE)
        lang = stored if stored in LANGUAGES else DEFAULT_LANGUAGE
    install_language(str(lang))
    return app


def _database_has_data(path: Path) -> bool:
    if not path.exists():
        return False
    try:
        engine = open_database(path)
    except HuxueError:
        return True  # let the main path report the problem
    try:
        with session_scope(engine) as session:
            return not is_empty(session)
    finally:
        engine.dispose()


def choose_engine(args: argparse.Namespace, settings: QSettings) -> Engine | None:
    """The database to open: --demo, --db, the last one, the user's, or the welcome dialog's."""
    if getattr(args, "demo", False):
        with wait_cursor():
            return ensure_demo_database()
    if getattr(args, "db", None):
        return open_database(args.db)
    last = settings.value("db/last")
    if isinstance(last, str) and last and ("://" in last or Path(last).exists()):
        return open_database(last)
    if _database_has_data(default_db_path()):
        return open_database(default_db_path())
    from ui.welcome import WelcomeDialog

    dialog = WelcomeDialog()
    if not dialog.exec():
        return None
    with wait_cursor():
        return dialog.open_engine()


def run_app(args: argparse.Namespace) -> int:
    """Open the main window (the GUI entry point of ``python main.py``); the exit code."""
    app = create_application(getattr(args, "lang", None))
    settings = QSettings()
    try:
        engine = choose_engine(args, settings)
    except HuxueError as exc:
        QMessageBox.critical(None, "护学 Huxue", str(exc))
        return 2
    if engine is None:
        return 0
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.outputs import install_output_actions

    ctx = AppContext(engine)
    window = MainWindow(ctx, settings)
    install_output_actions(window, ctx)
    window.show()
    code = app.exec()
    ctx.engine.dispose()
    return int(code)
