"""The main window: navigation between pages, menus, status bar and remembered state.

Pages are registered with `MainWindow.add_page(key, widget, title)`; see `ui.app` for the
contract a page may fulfil (title, search focus, saving its editor before the window closes).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QEvent, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from huxue import __version__, editing
from huxue.database import open_database
from huxue.demo import ensure_demo_database
from huxue.errors import HuxueError
from huxue.live import Change, affected
from ui.context import AppContext
from ui.i18n import current_language, install_language
from ui.widgets import NAVIGATION_STYLE, Banner, wait_cursor


def _people_page(ctx: AppContext) -> QWidget:
    from ui.people.page import PeoplePage

    return PeoplePage(ctx)


def _calendar_page(ctx: AppContext) -> QWidget:
    from ui.calendar.page import CalendarPage

    return CalendarPage(ctx)


def _patrol_page(ctx: AppContext) -> QWidget:
    from ui.map.page import PatrolMapPage

    return PatrolMapPage(ctx)


def _attendance_page(ctx: AppContext) -> QWidget:
    from ui.attendance.page import AttendancePage

    return AttendancePage(ctx)


def _roster_page(ctx: AppContext) -> QWidget:
    from ui.planning.page import PlanningPage

    return PlanningPage(ctx)


@dataclass
class _Page:
    widget: QWidget
    factory: Callable[[], QWidget] | None
    title: Callable[[], str] | None


class MainWindow(QMainWindow):
    """护学 Huxue's main window over one `AppContext` (database, editor, undo stack)."""

    language_changed = Signal(str)
    page_changed = Signal(str)

    def __init__(
        self, ctx: AppContext, settings: QSettings | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.settings = settings if settings is not None else QSettings()
        self._pages: dict[str, _Page] = {}
        self._build()
        self._build_menus()
        self._connect()
        self.install_default_pages()
        self.retranslate()
        self._restore_state()
        self.update_status()

    # -- pages -------------------------------------------------------------------------------

    def add_page(
        self,
        key: str,
        widget: QWidget | Callable[[], QWidget],
        title: Callable[[], str] | None = None,
    ) -> None:
        """Show a page reached from the navigation bar and View ▸ (Ctrl+1 … Ctrl+9).

        `widget` is the page, or a function that makes it the first time it is shown (so
        start-up pays only for the first page). `title` returns the page's name in the current
        language; without it the widget's ``page_title()`` is used (a lazily made page needs a
        `title`). Adding a key again replaces that page in place.
        """
        factory = None if isinstance(widget, QWidget) else widget
        shown = widget if isinstance(widget, QWidget) else QWidget()
        if factory is not None and title is None:
            raise ValueError(f"page {key!r} is made on demand and needs a title")
        if key in self._pages:
            old = self._pages[key].widget
            index = self.stack.indexOf(old)
            current = self.stack.currentWidget() is old
            self.stack.removeWidget(old)
            old.deleteLater()
            self.stack.insertWidget(index, shown)
            if current:
                self.stack.setCurrentWidget(shown)
            self._pages[key] = _Page(shown, factory, title)
        else:
            self._pages[key] = _Page(shown, factory, title)
            self.stack.addWidget(shown)
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(120, 42))
            self.navigation.addItem(item)
            action = QAction(self)
            action.setData(key)
            number = len(self._pages)
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, k=key: self.show_page(k))
            self.view_menu.insertAction(self._view_separator, action)
            self._page_actions[key] = action
        self._retranslate_pages()

    def page(self, key: str) -> QWidget:
        """The widget of a registered page (made now if it was registered as a factory)."""
        entry = self._pages[key]
        if entry.factory is not None:
            made = entry.factory()
            index = self.stack.indexOf(entry.widget)
            current = self.stack.currentWidget() is entry.widget
            self.stack.removeWidget(entry.widget)
            entry.widget.deleteLater()
            self.stack.insertWidget(index, made)
            if current:
                self.stack.setCurrentWidget(made)
            entry.widget, entry.factory = made, None
        return entry.widget

    def page_keys(self) -> list[str]:
        return list(self._pages)

    def current_page_key(self) -> str:
        widget = self.stack.currentWidget()
        return next((k for k, p in self._pages.items() if p.widget is widget), "")

    def show_page(self, key: str) -> None:
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        for row in range(self.navigation.count()):
            item = self.navigation.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == key:
                self.navigation.setCurrentRow(row)
        self._set_window_title()
        self.page_changed.emit(key)

    def install_default_pages(self) -> None:
        """Overview (the first page), Schools, People, Calendar and Roster."""
        from ui.overview.page import OverviewPage
        from ui.schools.page import SchoolsPage

        ctx = self.ctx
        overview = OverviewPage(ctx)
        overview.open_in_roster.connect(self.open_school_day)
        self.add_page("overview", overview)
        self.add_page("schools", SchoolsPage(ctx))
        # The other pages (and their modules) are made when first shown: a faster start.
        self.add_page("people", lambda: _people_page(ctx), lambda: self.tr("People"))
        self.add_page("calendar", lambda: _calendar_page(ctx), lambda: self.tr("Calendar"))
        self.add_page("roster", lambda: _roster_page(ctx), lambda: self.tr("Roster"))
        self.add_page("patrols", lambda: _patrol_page(ctx), lambda: self.tr("Patrols"))
        self.add_page("attendance", lambda: _attendance_page(ctx), lambda: self.tr("Attendance"))
        self.show_page("overview")

    def open_school_day(
        self, week: dt.date, station_id: int | None, school_id: int, day: dt.date
    ) -> None:
        """Show a school's day on the roster page (from the overview)."""
        page = self.page("roster")
        self.show_page("roster")
        controller = getattr(page, "controller", None)
        if controller is not None:
            controller.show_school_day(week, station_id, school_id, day)

    # -- building ----------------------------------------------------------------------------

    def _build(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAVIGATION_STYLE)
        self.navigation.setFixedWidth(132)
        self.stack = QStackedWidget()
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        # Shown while the shared server cannot be reached (restart, network).
        self.server_banner = Banner("notice")
        self.server_banner.setObjectName("serverBanner")
        outer.addWidget(self.server_banner)
        layout = QHBoxLayout()
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        outer.addLayout(layout, 1)
        self.setCentralWidget(central)
        self.database_label = QLabel()
        self.counts_label = QLabel()
        self.account_label = QLabel()
        self.account_label.setObjectName("account")
        self.account_label.hide()
        self.statusBar().addPermanentWidget(self.account_label)
        self.live_label = QLabel()  # who changed what, on a shared server
        self.live_label.setObjectName("live_label")
        self.statusBar().addWidget(self.live_label, 1)
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.database_label)
        self._page_actions: dict[str, QAction] = {}

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = QMenu(self)
        self.edit_menu = QMenu(self)
        self.view_menu = QMenu(self)
        self.language_menu = QMenu(self)
        self.help_menu = QMenu(self)
        for menu in (
            self.file_menu,
            self.edit_menu,
            self.view_menu,
            self.language_menu,
            self.help_menu,
        ):
            bar.addMenu(menu)

        self.new_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.New))
        self.open_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Open))
        self.demo_action = QAction(self)
        self.quit_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Quit))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.file_menu.addAction(self.new_action)
        self.file_menu.addAction(self.open_action)
        self.file_menu.addAction(self.demo_action)
        # Import, export and backup actions are inserted before this separator.
        self.file_menu_anchor = self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        self.undo_action = self.ctx.undo_stack.createUndoAction(self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.ctx.undo_stack.createRedoAction(self)
        self.redo_action.setShortcuts(
            [QKeySequence(QKeySequence.StandardKey.Redo), QKeySequence("Ctrl+Y")]
        )
        self.save_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Save))
        self.find_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Find))
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.edit_menu.addSeparator()
        self.edit_menu.addAction(self.save_action)
        self.edit_menu.addAction(self.find_action)
        self.edit_menu.addSeparator()
        self.stations_action = QAction(self)
        self.edit_menu.addAction(self.stations_action)

        self._view_separator = self.view_menu.addSeparator()
        self.refresh_action = QAction(self, shortcut=QKeySequence(QKeySequence.StandardKey.Refresh))
        self.fullscreen_action = QAction(
            self, shortcut=QKeySequence(QKeySequence.StandardKey.FullScreen)
        )
        self.fullscreen_action.setCheckable(True)
        self.view_menu.addAction(self.refresh_action)
        self.view_menu.addAction(self.fullscreen_action)

        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        for lang in ("zh_CN", "en"):
            action = QAction(self, checkable=True)
            action.setData(lang)
            self.language_group.addAction(action)
            self.language_menu.addAction(action)
            self.language_actions[lang] = action

        self.guide_action = QAction(
            self, shortcut=QKeySequence(QKeySequence.StandardKey.HelpContents)
        )
        self.about_action = QAction(self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.help_menu.addAction(self.guide_action)
        self.help_menu.addAction(self.about_action)

    def _connect(self) -> None:
        self.navigation.currentRowChanged.connect(self._on_navigation)
        self.new_action.triggered.connect(self._on_new_database)
        self.open_action.triggered.connect(self._on_open_database)
        self.demo_action.triggered.connect(self._on_open_demo)
        self.quit_action.triggered.connect(self.close)
        self.save_action.triggered.connect(self._on_save)
        self.find_action.triggered.connect(self._on_find)
        self.stations_action.triggered.connect(self._on_stations)
        self.refresh_action.triggered.connect(self._on_refresh)
        self.fullscreen_action.toggled.connect(self._on_fullscreen)
        self.language_group.triggered.connect(self._on_language)
        self.guide_action.triggered.connect(self._on_guide)
        self.about_action.triggered.connect(self._on_about)
        self.ctx.data_changed.connect(self._on_data_changed)
        self.ctx.database_changed.connect(self.update_status)
        self.ctx.failed.connect(self._on_failed)
        self.ctx.undo_stack.indexChanged.connect(self._on_undo_index)
        self.ctx.remote_changed.connect(self._on_remote_changed)
        self.ctx.server_online.connect(self._on_server_online)
        self.ctx.start_live()

    # -- translation -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.edit_menu.setTitle(self.tr("&Edit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.new_action.setText(self.tr("&New database…"))
        self.open_action.setText(self.tr("&Open database…"))
        self.demo_action.setText(self.tr("Open the Jimei &demo district"))
        self.quit_action.setText(self.tr("&Quit"))
        self.undo_action.setText(self.tr("&Undo"))
        self.redo_action.setText(self.tr("&Redo"))
        self._on_undo_index()
        self.save_action.setText(self.tr("&Save changes"))
        self.find_action.setText(self.tr("&Find…"))
        self.stations_action.setText(self.tr("Police s&tations…"))
        self.refresh_action.setText(self.tr("Re&load from the database"))
        self.fullscreen_action.setText(self.tr("&Full screen"))
        self.language_actions["zh_CN"].setText(self.tr("中文 (Chinese)"))
        self.language_actions["en"].setText(self.tr("English"))
        self.language_actions.get(current_language(), self.language_actions["zh_CN"]).setChecked(
            True
        )
        self.guide_action.setText(self.tr("Short &guide"))
        self.about_action.setText(self.tr("&About Huxue"))
        self._retranslate_pages()
        self.update_status()

    def _retranslate_pages(self) -> None:
        for row in range(self.navigation.count()):
            item = self.navigation.item(row)
            key = item.data(Qt.ItemDataRole.UserRole)
            item.setText(self._title(key))
        for key, action in self._page_actions.items():
            action.setText(self._title(key))
        self._set_window_title()

    def _title(self, key: str) -> str:
        entry = self._pages[key]
        if entry.title is not None:
            return entry.title()
        page_title = getattr(entry.widget, "page_title", None)
        return page_title() if callable(page_title) else key

    def _set_window_title(self) -> None:
        page = self.current_page_key()
        suffix = f" — {self._title(page)}" if page else ""
        self.setWindowTitle(self.tr("Huxue school-guard planning") + suffix)

    # -- status ------------------------------------------------------------------------------

    def update_status(self) -> None:
        """Show the database in use and how many schools, posts and people it holds."""
        try:
            counts = self.ctx.run(editing.counts)
        except HuxueError:
            return
        self.counts_label.setText(
            self.tr("%1 stations · %2 schools · %3 posts · %4 people")
            .replace("%1", str(counts.stations))
            .replace("%2", str(counts.schools))
            .replace("%3", str(counts.posts))
            .replace("%4", str(counts.people))
        )
        self.database_label.setText(self.tr("Database: %1").replace("%1", self.ctx.database_label))
        self.database_label.setToolTip(self.ctx.database_label)
        # On a shared server: who is logged in and which station they write for.
        shared = self.ctx.engine.dialect.name == "postgresql"
        self.account_label.setVisible(shared)
        if shared:
            self.account_label.setText(
                self.tr("Planner: %1").replace("%1", self.ctx.scope.describe())
            )

    # -- state -------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1360, 820)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        page = self.settings.value("window/page")
        if isinstance(page, str) and page in self._pages:
            self.show_page(page)

    def save_state(self) -> None:
        """Remember geometry, page, language and database for the next start."""
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/page", self.current_page_key())
        self.settings.setValue("ui/language", current_language())
        self.settings.setValue("db/last", self.ctx.database_label)
        self.settings.sync()

    def confirm_unsaved(self) -> bool:
        """Let each page save or drop unsaved edits; False when the planner cancels."""
        for entry in self._pages.values():
            resolve = getattr(entry.widget, "resolve_unsaved", None)
            if callable(resolve) and not resolve():
                return False
        return True

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.confirm_unsaved():
            event.ignore()
            return
        self.save_state()
        self.ctx.stop_live()
        super().closeEvent(event)

    # -- slots -------------------------------------------------------------------------------

    def _on_navigation(self, row: int) -> None:
        if row < 0:
            return
        key = self.navigation.item(row).data(Qt.ItemDataRole.UserRole)
        widget = self.page(key)
        if self.stack.currentWidget() is not widget:
            self.stack.setCurrentWidget(widget)
            self.page_changed.emit(key)
        self._set_window_title()

    def _on_save(self) -> None:
        save = getattr(self.stack.currentWidget(), "save_current", None)
        if callable(save):
            save()

    def _on_find(self) -> None:
        focus = getattr(self.stack.currentWidget(), "focus_search", None)
        if callable(focus):
            focus()

    def _on_stations(self) -> None:
        from ui.stations import open_stations

        open_stations(self.ctx, self)

    def _on_refresh(self) -> None:
        if self.confirm_unsaved():
            self.ctx.database_changed.emit()

    def _on_fullscreen(self, on: bool) -> None:
        self.showFullScreen() if on else self.showNormal()

    def _on_language(self, action: QAction) -> None:
        lang = str(action.data())
        if lang == current_language():
            return
        install_language(lang)  # every widget gets LanguageChange and retranslates
        self.settings.setValue("ui/language", lang)
        self.language_changed.emit(lang)

    def _on_data_changed(self, _entity: str, _row_id: int) -> None:
        self.update_status()

    def _on_server_online(self, online: bool) -> None:
        if online:
            self.server_banner.show_message("")
            self.live_label.setText(
                self.tr("Connected to the server again at %1").replace(
                    "%1", dt.datetime.now().strftime("%H:%M:%S")
                )
            )
            return
        self.server_banner.show_message(
            self.tr(
                "The database server cannot be reached. What you type is kept; Huxue reconnects "
                "by itself and saves your pending changes as soon as the server is back."
            )
        )

    def _on_remote_changed(self, change: Change) -> None:
        what = {
            "station": self.tr("a station"),
            "school": self.tr("a school"),
            "person": self.tr("a person"),
            "term": self.tr("a term"),
            "calendar": self.tr("the calendar"),
            "roster": self.tr("a roster"),
            "patrol": self.tr("a patrol unit"),
            "attendance": self.tr("attendance"),
        }.get(affected(change)[0], change.table)
        line = (
            self.tr("%1 changed %2 at %3")
            .replace("%1", change.planner)
            .replace("%2", what)
            .replace("%3", dt.datetime.now().strftime("%H:%M:%S"))
        )
        self.live_label.setText(line)
        if change.table in ("school", "person", "station", "post"):
            self.update_status()

    def _on_undo_index(self, *_args: object) -> None:
        try:
            undo, redo = self.ctx.undo_stack.undoText(), self.ctx.undo_stack.redoText()
        except RuntimeError:  # the stack is being destroyed with its context
            return
        self.undo_action.setText(
            self.tr("&Undo %1").replace("%1", undo) if undo else self.tr("&Undo")
        )
        self.redo_action.setText(
            self.tr("&Redo %1").replace("%1", redo) if redo else self.tr("&Redo")
        )

    def _on_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Change not possible"), message)

    def open_database_file(self, path: str) -> bool:
        """Switch the window to another database (after unsaved edits are settled)."""
        if not self.confirm_unsaved():
            return False
        try:
            with wait_cursor():
                engine = open_database(path)
        except HuxueError as exc:
            QMessageBox.critical(self, self.tr("Cannot open the database"), str(exc))
            return False
        self.ctx.set_engine(engine)
        self.settings.setValue("db/last", self.ctx.database_label)
        return True

    def _on_new_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New database"),
            str(Path.home() / "huxue.db"),
            self.tr("Huxue database (*.db)"),
        )
        if path:
            if Path(path).exists():
                QMessageBox.warning(
                    self,
                    self.tr("New database"),
                    self.tr("%1 exists already; choose a new file name.").replace("%1", path),
                )
                return
            self.open_database_file(path)

    def _on_open_database(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open database"),
            str(Path.home()),
            self.tr("Huxue database (*.db);;All files (*)"),
        )
        if path:
            self.open_database_file(path)

    def _on_open_demo(self) -> None:
        if not self.confirm_unsaved():
            return
        try:
            with wait_cursor():
                engine = ensure_demo_database()
        except HuxueError as exc:
            QMessageBox.critical(self, self.tr("Cannot open the database"), str(exc))
            return
        self.ctx.set_engine(engine)

    def _on_guide(self) -> None:
        QMessageBox.information(
            self,
            self.tr("Short guide"),
            self.tr(
                "<h3>Huxue in five steps</h3><ol>"
                "<li><b>Schools</b>: find a school by name, code or pinyin initials (jmxx); "
                "edit its fields, its posts and their staffing needs, and its bell times. "
                "Grey times are the defaults of the school's kind.</li>"
                "<li><b>People</b>: police, auxiliary police, security guards and volunteers, "
                "with their phone, limits, preferred schools, weekly availability (paint it "
                "with the mouse) and leave.</li>"
                "<li><b>Calendar</b>: terms and vacations, public holidays and make-up days, "
                "and exceptions such as closures, early release or exam days.</li>"
                "<li><b>Roster</b>: plan a week and print the duty sheets.</li>"
                "<li>Every change is saved at once and can be undone with Ctrl+Z.</li></ol>"
            ),
        )

    def _on_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About Huxue"),
            self.tr(
                "<h3>护学 Huxue %1</h3><p>School-guard post planning for police stations: "
                "schools, posts, bell times, people and rosters.</p>"
                "<p>Chinese text uses WenQuanYi Micro Hei (Apache 2.0 / GPL).</p>"
            ).replace("%1", __version__),
        )
