"""排班 Roster page: generate a week in the background, look at it by station, school and person,
fix cells by hand, see why posts are short, repair a sick call, publish, compare versions.

`PlanningView` builds the widgets; `PlanningController` gives them behaviour. Every database
change runs in one transaction (`session_scope`); the solve runs in a child process
(`ui.workers.SolveWorker`) and talks to the window only by signals.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import (
    QDate,
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huxue.attendance.learn import turnout_by_code
from huxue.database import session_scope
from huxue.errors import HuxueError
from huxue.models import RosterStatus
from huxue.planning import (
    PlanScope,
    RepairOutcome,
    audit_entries,
    compare_rosters,
    publish,
    repair_sick_call,
    solution_stats,
    store_roster_document,
)
from huxue.planning_views import (
    WeekPlan,
    add_duty,
    check_add,
    eligible_free,
    load_week_plan,
    refresh_duties,
    remove_duty,
    roster_versions_of,
    set_pinned,
    shortfall_rows,
)
from huxue.week import monday_of
from ui.context import AppContext
from ui.planning.delegate import RosterCellDelegate
from ui.planning.dialogs import RepairDialog, SickCallDialog
from ui.planning.models import (
    AuditModel,
    AuditRow,
    DiffModel,
    PeopleListModel,
    PersonWeekModel,
    RosterGridModel,
    SchoolFilter,
    ShortfallModel,
    session_label,
)
from ui.widgets import Banner, KeyedComboBox, wait_cursor
from ui.workers import SolveWorker, TaskThread

DEFAULT_TIME_LIMIT = 30.0


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def _table(drag: bool = False) -> QTableView:
    table = QTableView()
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setHighlightSections(False)
    table.setWordWrap(True)
    if drag:
        table.setDragEnabled(True)
        table.setAcceptDrops(True)
        table.viewport().setAcceptDrops(True)
        table.setDropIndicatorShown(True)
        table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        table.setDefaultDropAction(Qt.DropAction.MoveAction)
        table.setDragDropOverwriteMode(True)
    return table


class PlanningView(QWidget):
    """The page's widgets; `PlanningController` gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # -- top bar: week, scope, generate / stop, actions
        self.week_label = QLabel()
        self.week = QDateEdit()
        self.week.setCalendarPopup(True)
        self.week.setDisplayFormat("yyyy-MM-dd")
        self._stations: dict[int, str] = {}
        self.station = KeyedComboBox(
            lambda key: self._stations.get(key, ""), all_label=lambda: self.tr("Whole district")
        )
        self.time_limit_label = QLabel()
        self.time_limit = QDoubleSpinBox()
        self.time_limit.setRange(1.0, 600.0)
        self.time_limit.setDecimals(0)
        self.time_limit.setValue(DEFAULT_TIME_LIMIT)
        self.generate = QPushButton()
        self.generate.setObjectName("primaryButton")
        self.stop = QPushButton()
        self.stop.setEnabled(False)
        self.sick_call = QPushButton()
        self.publish = QPushButton()
        self.status = QLabel()
        self.status.setObjectName("rosterStatus")
        top = QHBoxLayout()
        top.addWidget(self.week_label)
        top.addWidget(self.week)
        top.addWidget(self.station, 1)
        top.addWidget(self.time_limit_label)
        top.addWidget(self.time_limit)
        top.addWidget(self.generate)
        top.addWidget(self.stop)
        top.addSpacing(16)
        top.addWidget(self.sick_call)
        top.addWidget(self.publish)
        top.addWidget(self.status)

        # -- progress: bar with elapsed time, seats filled, objective/bound chart
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.elapsed = QLabel()
        self.filled = QLabel()
        self.objective = QLabel()
        self.chart = pg.PlotWidget(background="w")
        self.chart.setFixedHeight(130)
        self.chart.showGrid(x=True, y=True, alpha=0.3)
        self.chart.addLegend(offset=(-10, 5))
        self.objective_curve = self.chart.plot(
            [], [], pen=pg.mkPen("#1565c0", width=2), name="objective", stepMode=None
        )
        self.bound_curve = self.chart.plot(
            [], [], pen=pg.mkPen("#ef6c00", width=2, style=Qt.PenStyle.DashLine), name="bound"
        )
        numbers = QVBoxLayout()
        numbers.addWidget(self.progress)
        numbers.addWidget(self.elapsed)
        numbers.addWidget(self.filled)
        numbers.addWidget(self.objective)
        numbers.addStretch()
        progress_row = QHBoxLayout()
        progress_row.addLayout(numbers, 1)
        progress_row.addWidget(self.chart, 2)

        self.banner = Banner("error")
        self.notice = Banner("notice")

        # -- views of the roster
        self.tabs = QTabWidget()
        self.grid = _table(drag=True)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid_search = QLineEdit()
        self.grid_search.setClearButtonEnabled(True)
        station_tab = QWidget()
        station_layout = QVBoxLayout(station_tab)
        station_layout.setContentsMargins(0, 4, 0, 0)
        station_layout.addWidget(self.grid_search)
        station_layout.addWidget(self.grid, 1)

        self._schools: dict[int, str] = {}
        self.school = KeyedComboBox(lambda key: self._schools.get(key, ""))
        self.school_grid = _table(drag=True)
        school_tab = QWidget()
        school_layout = QVBoxLayout(school_tab)
        school_layout.setContentsMargins(0, 4, 0, 0)
        school_layout.addWidget(self.school)
        school_layout.addWidget(self.school_grid, 1)

        self.person_search = QLineEdit()
        self.person_search.setClearButtonEnabled(True)
        self.person_table = _table()
        self.person_table.setSortingEnabled(True)
        person_tab = QWidget()
        person_layout = QVBoxLayout(person_tab)
        person_layout.setContentsMargins(0, 4, 0, 0)
        person_layout.addWidget(self.person_search)
        person_layout.addWidget(self.person_table, 1)

        self.compare_station = KeyedComboBox(lambda key: self._stations.get(key, ""))
        self.compare_old = QComboBox()
        self.compare_new = QComboBox()
        self.compare_button = QPushButton()
        self.compare_summary = QLabel()
        self.compare_table = _table()
        compare_tab = QWidget()
        compare_bar = QHBoxLayout()
        compare_bar.addWidget(self.compare_station, 1)
        compare_bar.addWidget(self.compare_old)
        compare_bar.addWidget(QLabel("→"))
        compare_bar.addWidget(self.compare_new)
        compare_bar.addWidget(self.compare_button)
        compare_layout = QVBoxLayout(compare_tab)
        compare_layout.setContentsMargins(0, 4, 0, 0)
        compare_layout.addLayout(compare_bar)
        compare_layout.addWidget(self.compare_summary)
        compare_layout.addWidget(self.compare_table, 1)

        self.audit_table = _table()
        audit_tab = QWidget()
        audit_layout = QVBoxLayout(audit_tab)
        audit_layout.setContentsMargins(0, 4, 0, 0)
        audit_layout.addWidget(self.audit_table)

        self.tabs.addTab(station_tab, "")
        self.tabs.addTab(school_tab, "")
        self.tabs.addTab(person_tab, "")
        self.tabs.addTab(compare_tab, "")
        self.tabs.addTab(audit_tab, "")

        # -- the selected cell: who is there, who could be, and the shortfall panel
        self.cell_box = QGroupBox()
        self.cell_title = QLabel()
        self.cell_title.setWordWrap(True)
        self.cell_need = QLabel()
        self.cell_need.setWordWrap(True)
        self.assigned_label = QLabel()
        self.assigned = QListView()
        self.assigned.setDragEnabled(True)
        self.assigned.setMaximumHeight(110)
        self.remove = QPushButton()
        self.pin = QPushButton()
        self.candidates_label = QLabel()
        self.candidates = QListView()
        self.candidates.setDragEnabled(True)
        self.add = QPushButton()
        cell_buttons = QHBoxLayout()
        cell_buttons.addWidget(self.remove)
        cell_buttons.addWidget(self.pin)
        cell_buttons.addStretch()
        cell_layout = QVBoxLayout(self.cell_box)
        cell_layout.addWidget(self.cell_title)
        cell_layout.addWidget(self.cell_need)
        cell_layout.addWidget(self.assigned_label)
        cell_layout.addWidget(self.assigned)
        cell_layout.addLayout(cell_buttons)
        cell_layout.addWidget(self.candidates_label)
        cell_layout.addWidget(self.candidates, 1)
        cell_layout.addWidget(self.add)

        self.short_box = QGroupBox()
        self.shortfall = _table()
        self.shortfall.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.shortfall.setWordWrap(False)
        short_layout = QVBoxLayout(self.short_box)
        short_layout.addWidget(self.shortfall)

        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self.cell_box)
        side.addWidget(self.short_box)
        side.setStretchFactor(0, 3)
        side.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.tabs)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 380])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(progress_row)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self.retranslate()

    def set_stations(self, names: dict[int, str]) -> None:
        self._stations = names
        self.station.set_keys(list(names))

    def set_schools(self, names: dict[int, str]) -> None:
        self._schools = names
        self.school.set_keys(list(names))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.week_label.setText(self.tr("Week of"))
        self.station.retranslate()
        self.school.retranslate()
        self.compare_station.retranslate()
        self.time_limit_label.setText(self.tr("Time limit"))
        self.time_limit.setSuffix(self.tr(" s"))
        self.generate.setText(self.tr("Generate"))
        self.generate.setToolTip(
            self.tr("Solve the week in the background; pinned duties are kept")
        )
        self.stop.setText(self.tr("Stop"))
        self.stop.setToolTip(self.tr("Stop the search and keep the best roster found"))
        self.sick_call.setText(self.tr("Sick call…"))
        self.publish.setText(self.tr("Publish"))
        self.grid_search.setPlaceholderText(self.tr("Filter schools and posts…"))
        self.person_search.setPlaceholderText(self.tr("Filter people by name or code…"))
        self.tabs.setTabText(0, self.tr("By station"))
        self.tabs.setTabText(1, self.tr("By school"))
        self.tabs.setTabText(2, self.tr("By person"))
        self.tabs.setTabText(3, self.tr("Compare versions"))
        self.tabs.setTabText(4, self.tr("Audit trail"))
        self.compare_button.setText(self.tr("Compare"))
        self.cell_box.setTitle(self.tr("Selected duty"))
        self.assigned_label.setText(self.tr("On duty (drag to another cell to move):"))
        self.remove.setText(self.tr("Remove"))
        self.pin.setText(self.tr("Pin / unpin"))
        self.candidates_label.setText(self.tr("Eligible and free (drag onto a cell):"))
        self.add.setText(self.tr("Add to this duty"))
        self.short_box.setTitle(self.tr("Short posts, riskiest first"))
        self.chart.setLabel("bottom", self.tr("seconds"))
        legend = self.chart.getPlotItem().legend
        if legend is not None:
            for (_sample, label), text in zip(
                legend.items, (self.tr("objective"), self.tr("bound")), strict=False
            ):
                label.setText(text)
        for view in (
            self.grid,
            self.school_grid,
            self.person_table,
            self.shortfall,
            self.audit_table,
            self.compare_table,
        ):
            model = view.model()
            if model is not None and model.columnCount() > 0:
                model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
            view.viewport().update()


class PlanningController(QObject):
    """Loads the week, runs the solver, applies edits and keeps every view current."""

    plan_loaded = Signal()
    roster_stored = Signal()
    edited = Signal(str)  # session key
    repair_ready = Signal(object)  # RepairOutcome
    repair_failed = Signal(str)
    repair_done = Signal(bool)  # accepted

    def __init__(self, ctx: AppContext, view: PlanningView) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.plan: WeekPlan | None = None
        self.worker = SolveWorker(self)
        self.confirm: Callable[[str, str], bool] = self._ask
        self.show_repair_dialog = True
        self.repair_dialog: RepairDialog | None = None
        self._repair_session: Session | None = None
        self._repair_thread: TaskThread | None = None
        self._last_repair: RepairOutcome | None = None
        self._store_thread: TaskThread | None = None
        self.last_store_s = 0.0
        self._selected: str | None = None
        self._progress_x: list[float] = []
        self._objective_y: list[float] = []
        self._bound_y: list[float] = []
        self._seats = 0
        self._solve_scope: PlanScope | None = None
        self._tick = QTimer(self)
        self._tick.setInterval(200)
        self._tick.timeout.connect(self._on_tick)

        self.grid_model = RosterGridModel(self)
        self.grid_model.drop_handler = self.drop
        self.grid_proxy = SchoolFilter(self)
        self.grid_proxy.setSourceModel(self.grid_model)
        self.school_proxy = SchoolFilter(self)
        self.school_proxy.setSourceModel(self.grid_model)
        self.person_model = PersonWeekModel(self)
        self.person_proxy = _TextFilter(self)
        self.person_proxy.setSourceModel(self.person_model)
        self.person_proxy.setSortRole(PersonWeekModel.SortRole)
        self.assigned_model = PeopleListModel(self)
        self.candidate_model = PeopleListModel(self)
        self.short_model = ShortfallModel(self)
        self.audit_model = AuditModel(self)
        self.diff_model = DiffModel(self)
        delegate = RosterCellDelegate(self)
        for table, model in ((view.grid, self.grid_proxy), (view.school_grid, self.school_proxy)):
            table.setModel(model)
            table.setItemDelegate(delegate)
            table.verticalHeader().setDefaultSectionSize(44)
        view.person_table.setModel(self.person_proxy)
        view.person_table.verticalHeader().setDefaultSectionSize(44)
        view.assigned.setModel(self.assigned_model)
        view.candidates.setModel(self.candidate_model)
        view.shortfall.setModel(self.short_model)
        view.audit_table.setModel(self.audit_model)
        view.compare_table.setModel(self.diff_model)
        self._connect()
        self._load_stations()
        week = monday_of(dt.date.today())
        view.week.blockSignals(True)
        view.week.setDate(_qdate(week))
        view.week.blockSignals(False)
        self.reload()
        self._layout_columns()

    def _connect(self) -> None:
        v = self.view
        v.week.dateChanged.connect(self._on_week)
        v.station.currentIndexChanged.connect(self._on_scope)
        v.generate.clicked.connect(self.generate)
        v.stop.clicked.connect(self.stop)
        v.publish.clicked.connect(self._on_publish)
        v.sick_call.clicked.connect(self._on_sick_call)
        v.grid.selectionModel().currentChanged.connect(self._on_grid_current)
        v.school_grid.selectionModel().currentChanged.connect(self._on_school_grid_current)
        v.grid_search.textChanged.connect(self.grid_proxy.set_text)
        v.school.currentIndexChanged.connect(self._on_school)
        v.person_search.textChanged.connect(self.person_proxy.set_text)
        v.shortfall.clicked.connect(self._on_short_clicked)
        v.shortfall.activated.connect(self._on_short_clicked)
        v.assigned.selectionModel().currentChanged.connect(self._on_assigned_current)
        v.remove.clicked.connect(self._on_remove)
        v.pin.clicked.connect(self._on_pin)
        v.add.clicked.connect(self._on_add)
        v.candidates.doubleClicked.connect(lambda _i: self._on_add())
        v.compare_station.currentIndexChanged.connect(self._on_compare_station)
        v.compare_button.clicked.connect(self._on_compare)
        v.tabs.currentChanged.connect(self._on_tab)
        self.grid_model.edit_refused.connect(self._on_refused)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_solved)
        self.worker.failed.connect(self._on_solve_failed)
        self.ctx.database_changed.connect(self._on_database_changed)
        self.ctx.data_changed.connect(self._on_data_changed)

    # -- public ------------------------------------------------------------------------------

    def set_scope(self, week: dt.date, station_id: int | None) -> None:
        """Show a week (snapped to its Monday) for a station (None: the whole district)."""
        v = self.view
        for widget in (v.week, v.station):
            widget.blockSignals(True)
        v.week.setDate(_qdate(monday_of(week)))
        v.station.set_current_key(station_id)
        for widget in (v.week, v.station):
            widget.blockSignals(False)
        self.reload()

    def scope(self) -> PlanScope:
        return PlanScope(monday_of(_date(self.view.week.date())), self.view.station.current_key())

    def reload(self) -> None:
        """Read the week again (sessions, people, rosters) and refill every view."""
        try:
            with wait_cursor(), session_scope(self.ctx.engine) as session:
                self.plan = load_week_plan(session, self.scope())
                # Turnout of the weeks before the planned one, beside each free person.
                self.candidate_model.turnout = turnout_by_code(
                    session, today=self.scope().week_start - dt.timedelta(days=1)
                )
        except HuxueError as exc:
            self.plan = None
            self.view.banner.show_message(str(exc))
        else:
            self.view.banner.show_message("")
        plan = self.plan
        self.view.notice.show_message("\n".join(plan.ctx.warnings) if plan else "")
        self.grid_model.set_plan(plan)
        self.person_model.set_plan(plan)
        if plan is not None:
            names = {
                sid: f"{code} {name}"
                for sid, (code, name) in sorted(plan.schools.items(), key=lambda item: item[1][0])
            }
            self.view.set_schools(names)
            self._on_school()
        self._after_duties(reset_selection=True)
        self._load_versions()
        self._load_audit()
        self.plan_loaded.emit()

    def generate(self) -> None:
        """Solve the week in the child process, keeping the pins."""
        plan = self.plan
        if plan is None or self._busy():
            return
        if not plan.sessions:
            self.view.banner.show_message(self.tr("This week has no duty sessions to roster."))
            return
        if self._touches_published(list(plan.sessions)) and not self.confirm(
            self.tr("Generate again?"),
            self.tr(
                "This week is published. Generating opens a new draft version; the change is "
                "recorded in the audit trail."
            ),
        ):
            return
        self._solve_scope = plan.scope
        self._progress_x, self._objective_y, self._bound_y = [], [], []
        self._seats = sum(d.need_total for d in plan.sessions.values())
        self.view.objective_curve.setData([], [])
        self.view.bound_curve.setData([], [])
        self.view.banner.show_message("")
        self.view.filled.setText(self.tr("Seats filled: – / {n}").format(n=self._seats))
        self.view.objective.setText("")
        self._set_running(True)
        self.worker.start(
            plan.current_instance_data(), time_limit=self.view.time_limit.value(), workers=2
        )
        self._tick.start()
        self._on_tick()

    def stop(self) -> None:
        """Stop the search; the best roster found is stored."""
        self.worker.stop()
        self.view.stop.setEnabled(False)
        self.view.elapsed.setText(self.tr("Stopping… the best roster found will be kept"))

    def select_session(self, key: str) -> bool:
        """Show a duty session's cell in the station grid and its details on the side."""
        index = self.grid_model.index_of_session(key)
        if not index.isValid():
            return False
        proxy_index = self.grid_proxy.mapFromSource(index)
        if not proxy_index.isValid():
            self.view.grid_search.clear()
            proxy_index = self.grid_proxy.mapFromSource(index)
        self.view.tabs.setCurrentIndex(0)
        self.view.grid.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.grid.scrollTo(proxy_index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_cell(key)
        return True

    def drop(self, key: str, person_code: str, from_key: str | None) -> list[str]:
        """Put a person at a session (moving them from `from_key`): the problems that refuse
        it, or [] when done. Called by the grid's `dropMimeData` and the Add button."""
        plan = self.plan
        if plan is None:
            return [self.tr("No week is loaded.")]
        if self._busy():
            return [self.tr("Wait for the solve to finish (or stop it) before editing.")]
        # The rules first, without the database: a refused drop answers at once.
        problems = check_add(plan, key, person_code, from_key)
        if problems:
            return problems
        keys = [key] + ([from_key] if from_key else [])
        if not self._may_edit(keys):
            return [self.tr("Cancelled: the published roster was left as it is.")]
        try:
            with session_scope(self.ctx.engine) as session:
                result = add_duty(session, plan, key, person_code, from_key=from_key)
                if not result.done:
                    session.rollback()
        except HuxueError as exc:
            self._reload_duties()
            return [str(exc)]
        if not result.done:
            self._reload_duties()
            return result.problems
        self._after_edit(key)
        return []

    def remove_person(self, key: str, person_code: str) -> list[str]:
        plan = self.plan
        if plan is None or self._busy():
            return [self.tr("Wait for the solve to finish (or stop it) before editing.")]
        if not self._may_edit([key]):
            return [self.tr("Cancelled: the published roster was left as it is.")]
        with session_scope(self.ctx.engine) as session:
            result = remove_duty(session, plan, key, person_code)
        if not result.done:
            self._reload_duties()
            return result.problems
        self._after_edit(key)
        return []

    def toggle_pin(self, key: str, person_code: str) -> list[str]:
        plan = self.plan
        if plan is None or self._busy():
            return [self.tr("Wait for the solve to finish (or stop it) before editing.")]
        info = plan.person_by_code(person_code)
        pinned = any(d.pinned for d in plan.duties.get(key, []) if info and d.person_id == info.id)
        if not self._may_edit([key]):
            return [self.tr("Cancelled: the published roster was left as it is.")]
        with session_scope(self.ctx.engine) as session:
            result = set_pinned(session, plan, key, person_code, not pinned)
        self._after_edit(key)
        return result.problems

    def publish_week(self) -> int:
        """Publish the scope's current drafts; returns how many were published."""
        scope = self.scope()
        try:
            with session_scope(self.ctx.engine) as session:
                done = publish(session, scope.week_start, scope.station_id)
        except HuxueError as exc:
            self.view.banner.show_message(str(exc))
            return 0
        self._reload_duties()
        self._load_versions()
        self._load_audit()
        self.view.notice.show_message(
            self.tr("Published {n} roster(s); later edits open a new version.").format(n=len(done))
        )
        return len(done)

    def start_sick_call(self, person_code: str, first: dt.date, last: dt.date) -> None:
        """Record leave and repair the week off the GUI thread; `repair_ready` brings the
        changes, which `accept_repair` keeps and `cancel_repair` rolls back."""
        plan = self.plan
        if plan is None or self._repair_thread is not None:
            return
        engine = self.ctx.engine
        week = plan.scope.week_start
        limit = min(self.view.time_limit.value(), 10.0)

        def run() -> tuple[Session, RepairOutcome]:
            session = Session(engine, expire_on_commit=False)
            try:
                outcome = repair_sick_call(
                    session, week, person_code, first, last, time_limit=limit
                )
            except BaseException:
                session.rollback()
                session.close()
                raise
            return session, outcome

        thread = TaskThread(run, self)
        thread.done.connect(self._on_repair_done)
        thread.failed.connect(self._on_repair_failed)
        thread.finished.connect(thread.deleteLater)
        self._repair_thread = thread
        self.view.setEnabled(False)
        self.view.notice.show_message(self.tr("Repairing the roster…"))
        thread.start()

    def accept_repair(self) -> None:
        self._end_repair(True)

    def cancel_repair(self) -> None:
        self._end_repair(False)

    def compare(self, station_id: int, old_id: int, new_id: int) -> None:
        plan = self.plan
        with session_scope(self.ctx.engine) as session:
            diff = compare_rosters(session, old_id, new_id)
        label = (lambda k: session_label(plan, k)) if plan else (lambda k: k)
        moved = {(a.session_key, a.person_code) for a, _ in diff.moved} | {
            (b.session_key, b.person_code) for _, b in diff.moved
        }
        rows = [
            (
                self.tr("moved"),
                f"{a.person_name} ({a.person_code})",
                f"{label(a.session_key)} → {label(b.session_key)}",
            )
            for a, b in diff.moved
        ]
        rows += [
            (self.tr("removed"), f"{c.person_name} ({c.person_code})", label(c.session_key))
            for c in diff.removed
            if (c.session_key, c.person_code) not in moved
        ]
        rows += [
            (self.tr("added"), f"{c.person_name} ({c.person_code})", label(c.session_key))
            for c in diff.added
            if (c.session_key, c.person_code) not in moved
        ]
        self.diff_model.set_rows(rows)
        self.view.compare_summary.setText(
            self.tr("{r} removed, {a} added, {m} moved; {p} people concerned").format(
                r=len(diff.removed) - len(diff.moved),
                a=len(diff.added) - len(diff.moved),
                m=len(diff.moved),
                p=len(diff.people),
            )
        )
        self.view.compare_table.resizeColumnToContents(0)
        self.view.compare_table.resizeColumnToContents(1)

    def shutdown(self) -> None:
        """The window closes: end a running solve."""
        if self.worker.is_running():
            self.worker.kill()

    # -- helpers -----------------------------------------------------------------------------

    def _busy(self) -> bool:
        """A solve runs or its roster is being stored: the plan must not change now."""
        return self.worker.is_running() or self._store_thread is not None

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self.view,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _touches_published(self, keys: list[str]) -> bool:
        plan = self.plan
        if plan is None:
            return False
        stations = {plan.sessions[k].station_id for k in keys if k in plan.sessions}
        return any(
            plan.rosters[s].status == RosterStatus.PUBLISHED.value
            for s in stations
            if s in plan.rosters
        )

    def _may_edit(self, keys: list[str]) -> bool:
        if not self._touches_published(keys):
            return True
        return self.confirm(
            self.tr("Change a published roster?"),
            self.tr(
                "This week's roster is published. The change opens a new draft version and is "
                "recorded in the audit trail (who, when, before and after). Go on?"
            ),
        )

    def _load_stations(self) -> None:
        from huxue import editing

        stations = self.ctx.editor.run(editing.stations)
        names = {s.id: s.name for s in stations}
        self.view.set_stations(names)
        self.view.compare_station.set_keys(list(names))

    def _reload_duties(self) -> None:
        plan = self.plan
        if plan is None:
            return
        with session_scope(self.ctx.engine) as session:
            refresh_duties(session, plan)
        self._after_duties()

    def _after_edit(self, key: str) -> None:
        self.view.banner.show_message("")
        self.grid_model.duties_changed()
        self.person_model.duties_changed()
        self.short_model.set_rows(self.plan, shortfall_rows(self.plan) if self.plan else [])
        self._update_status()
        # The side lists may be a drag's source right now: refill them once the drop is over.
        QTimer.singleShot(0, lambda: self._show_cell(self._selected))
        self._load_versions()
        self._load_audit()
        self.edited.emit(key)

    def _after_duties(self, reset_selection: bool = False) -> None:
        plan = self.plan
        self.grid_model.duties_changed()
        self.person_model.duties_changed()
        self.short_model.set_rows(plan, shortfall_rows(plan) if plan else [])
        self._update_status()
        if reset_selection:
            self._selected = None
        self._show_cell(self._selected)

    def _update_status(self) -> None:
        plan = self.plan
        v = self.view
        if plan is None or not plan.sessions:
            v.status.setText(self.tr("No duty sessions this week"))
            v.publish.setEnabled(False)
            return
        seats = sum(d.need_total for d in plan.sessions.values())
        short = sum(s.missing.total for s in plan.shortages.values())
        if not plan.has_roster:
            text = self.tr("No roster yet: {n} sessions, {s} seats").format(
                n=len(plan.sessions), s=seats
            )
        else:
            versions = sorted({r.version for r in plan.rosters.values()})
            version = "/".join(f"v{n}" for n in versions)
            state = self.tr("Published") if plan.published else self.tr("Draft")
            text = self.tr("{state} {version} · {filled}/{seats} seats filled").format(
                state=state, version=version, filled=seats - short, seats=seats
            )
        v.status.setText(text)
        v.publish.setEnabled(plan.has_roster and not plan.published)
        v.sick_call.setEnabled(plan.has_roster)

    def _show_cell(self, key: str | None) -> None:
        plan = self.plan
        v = self.view
        self._selected = (
            key if plan is not None and key in (plan.sessions if plan else {}) else None
        )
        if plan is None or self._selected is None:
            v.cell_title.setText(self.tr("Select a cell of the roster."))
            v.cell_need.setText("")
            self.assigned_model.set_people([])
            self.candidate_model.set_people([])
            for button in (v.remove, v.pin, v.add):
                button.setEnabled(False)
            return
        key = self._selected
        duty = plan.sessions[key]
        v.cell_title.setText(session_label(plan, key) + f"–{duty.end:%H:%M}")
        missing = plan.missing(key)
        need = self.tr("Need {police} police, {officers} officers, {total} people").format(
            police=duty.need_police, officers=duty.need_officers, total=duty.need_total
        )
        if plan.has_roster and any(missing):
            shortage = plan.shortages.get(key)
            reason = shortage.reason.text if shortage and shortage.reason else ""
            need += "\n" + reason
        v.cell_need.setText(need)
        people = self.grid_model.people_at(key)
        self.assigned_model.set_people(people, from_key=key)
        free = eligible_free(plan, key)
        self.candidate_model.set_people([(p.code, p.name, p.role, False) for p in free])
        if len(people) >= duty.need_total:
            v.cell_need.setText(
                v.cell_need.text() + "\n" + self.tr("Full: remove someone to put another here.")
            )
        v.remove.setEnabled(bool(people))
        v.pin.setEnabled(bool(people))
        v.add.setEnabled(bool(free))

    def _layout_columns(self) -> None:
        for table in (self.view.grid, self.view.school_grid):
            header = table.horizontalHeader()
            header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
            header.resizeSection(0, 200)
            header.resizeSection(1, 80)
            header.setDefaultSectionSize(150)
        header = self.view.person_table.horizontalHeader()
        header.setDefaultSectionSize(190)
        header.resizeSection(0, 150)
        header.resizeSection(1, 80)
        header.resizeSection(2, 50)
        short = self.view.shortfall.horizontalHeader()
        short.setStretchLastSection(True)
        for column, width in ((0, 60), (1, 130), (2, 160), (3, 90)):
            short.resizeSection(column, width)
        audit = self.view.audit_table.horizontalHeader()
        audit.setStretchLastSection(True)
        for column, width in ((0, 140), (1, 80), (2, 110), (3, 200), (4, 220)):
            audit.resizeSection(column, width)
        self.view.compare_table.horizontalHeader().setStretchLastSection(True)

    def _load_versions(self) -> None:
        self._on_compare_station()

    def _load_audit(self) -> None:
        with session_scope(self.ctx.engine) as session:
            rows = [
                AuditRow(e.at, e.who, e.action, e.entity, e.before_json, e.after_json)
                for e in audit_entries(session)
            ]
        self.audit_model.set_rows(rows)

    def _set_running(self, running: bool) -> None:
        v = self.view
        v.generate.setEnabled(not running)
        v.stop.setEnabled(running)
        for widget in (v.week, v.station, v.time_limit, v.publish, v.sick_call):
            widget.setEnabled(not running)
        if not running:
            self._update_status()

    def _end_repair(self, accept: bool) -> None:
        session = self._repair_session
        self._repair_session = None
        dialog = self.repair_dialog
        self.repair_dialog = None
        if dialog is not None:
            dialog.blockSignals(True)
            dialog.close()
            dialog.deleteLater()
        if session is None:
            return
        outcome_schools: list[str] = []
        try:
            if accept:
                session.commit()
            else:
                session.rollback()
        finally:
            session.close()
        self.view.setEnabled(True)
        self.reload()
        if accept and self._last_repair is not None:
            plan = self.plan
            names = {c: n for c, n in (plan.schools.values() if plan else [])}
            outcome_schools = [names.get(c, c) for c in self._last_repair.schools_to_reprint]
            self.view.notice.show_message(
                self.tr("Repair kept. Sheets to print again: {schools}").format(
                    schools="、".join(outcome_schools) or self.tr("none")
                )
            )
        elif not accept:
            self.view.notice.show_message(self.tr("Repair cancelled: nothing was changed."))
        self.repair_done.emit(accept)

    # -- slots -------------------------------------------------------------------------------

    def _on_week(self, value: QDate) -> None:
        day = _date(value)
        monday = monday_of(day)
        if monday != day:
            self.view.week.blockSignals(True)
            self.view.week.setDate(_qdate(monday))
            self.view.week.blockSignals(False)
        self.reload()

    def _on_scope(self, *_args: object) -> None:
        self.reload()

    def _on_school(self, *_args: object) -> None:
        self.school_proxy.set_school(self.view.school.current_key())

    def _on_tick(self) -> None:
        elapsed = self.worker.elapsed()
        limit = max(1.0, self.view.time_limit.value())
        self.view.progress.setValue(int(1000 * min(1.0, elapsed / limit)))
        self.view.progress.setFormat(f"{elapsed:.1f} / {limit:.0f} s")
        self.view.elapsed.setText(self.tr("Solving… {t:.1f} s").format(t=elapsed))

    def _on_progress(self, elapsed: float, objective: float, bound: float, filled: int) -> None:
        self._progress_x.append(elapsed)
        self._objective_y.append(objective)
        self._bound_y.append(bound)
        self.view.objective_curve.setData(self._progress_x, self._objective_y)
        self.view.bound_curve.setData(self._progress_x, self._bound_y)
        self.view.filled.setText(
            self.tr("Seats filled: {filled} / {seats}").format(filled=filled, seats=self._seats)
        )
        self.view.objective.setText(
            self.tr("Objective {o:,.0f} · bound {b:,.0f}").format(o=objective, b=bound)
        )

    def _on_solved(self, document: dict[str, Any]) -> None:
        self._tick.stop()
        plan = self.plan
        if plan is None or plan.scope != self._solve_scope:
            self._set_running(False)
            return
        self.view.elapsed.setText(self.tr("Storing the roster…"))
        engine = self.ctx.engine
        started = time.monotonic()

        def store() -> float:
            # Off the GUI thread: a district roster is thousands of rows. The plan is not
            # touched by the window meanwhile (edits wait while a solve is running).
            with session_scope(engine) as session:
                store_roster_document(session, plan.ctx, document, stats=solution_stats(document))
                refresh_duties(session, plan)
            return time.monotonic() - started

        thread = TaskThread(store, self)
        thread.done.connect(lambda seconds: self._on_stored(document, float(seconds)))
        thread.failed.connect(self._on_store_failed)
        thread.finished.connect(thread.deleteLater)
        self._store_thread = thread
        thread.start()

    def _on_stored(self, document: dict[str, Any], seconds: float) -> None:
        self._store_thread = None
        self.last_store_s = seconds
        self._set_running(False)
        self._after_duties()
        self._load_versions()
        self._load_audit()
        stats = document.get("stats", {})
        self.view.progress.setValue(1000)
        self.view.progress.setFormat(f"{float(document.get('wall_s', 0.0)):.1f} s")
        self.view.elapsed.setText(
            self.tr("{status} in {t:.1f} s (stored in {s:.1f} s)").format(
                status=self._status_name(str(document.get("status", ""))),
                t=float(document.get("wall_s", 0.0)),
                s=seconds,
            )
        )
        self.view.filled.setText(
            self.tr("Seats filled: {filled} / {seats}").format(
                filled=stats.get("seats_filled", "–"), seats=stats.get("seats", self._seats)
            )
        )
        self.roster_stored.emit()

    def _on_store_failed(self, text: str) -> None:
        self._store_thread = None
        self._set_running(False)
        self._reload_duties()
        self.view.elapsed.setText("")
        self.view.banner.show_message(
            self.tr("The roster could not be stored: {why}").format(why=text)
        )

    def _status_name(self, status: str) -> str:
        names = {
            "OPTIMAL": self.tr("Optimal roster"),
            "FEASIBLE": self.tr("Roster found"),
            "CANCELLED": self.tr("Stopped; best roster kept"),
            "NO_SOLUTION": self.tr("No roster found"),
        }
        return names.get(status, status)

    def _on_solve_failed(self, text: str) -> None:
        self._tick.stop()
        self._set_running(False)
        self.view.elapsed.setText("")
        self.view.banner.show_message(self.tr("The solve failed: {why}").format(why=text))

    def _on_grid_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        source = self.grid_proxy.mapToSource(current)
        key = self.grid_model.session_at(source)
        if key is not None:
            self._show_cell(key)

    def _on_school_grid_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        source = self.school_proxy.mapToSource(current)
        key = self.grid_model.session_at(source)
        if key is not None:
            self._show_cell(key)

    def _on_short_clicked(self, index: QModelIndex) -> None:
        key = self.short_model.key_at(index.row())
        if key is not None:
            self.select_session(key)

    def _on_assigned_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        code = self.assigned_model.code_at(current.row())
        if code is not None and self._selected is not None:
            self.grid_model.set_drag_person(self._selected, code)

    def _current_assigned(self) -> str | None:
        index = self.view.assigned.currentIndex()
        code = self.assigned_model.code_at(index.row()) if index.isValid() else None
        if code is None and self.assigned_model.rowCount() == 1:
            code = self.assigned_model.code_at(0)
        return code

    def _on_remove(self) -> None:
        code = self._current_assigned()
        if code is None or self._selected is None:
            self.view.banner.show_message(self.tr("Choose who to remove in the list."))
            return
        self._show_problems(self.remove_person(self._selected, code))

    def _on_pin(self) -> None:
        code = self._current_assigned()
        if code is None or self._selected is None:
            self.view.banner.show_message(self.tr("Choose whose duty to pin in the list."))
            return
        self._show_problems(self.toggle_pin(self._selected, code))

    def _on_add(self) -> None:
        index = self.view.candidates.currentIndex()
        code = self.candidate_model.code_at(index.row()) if index.isValid() else None
        if code is None or self._selected is None:
            return
        self._show_problems(self.drop(self._selected, code, None))

    def _show_problems(self, problems: list[str]) -> None:
        if problems:
            self._on_refused("\n".join(problems))

    def _on_refused(self, text: str) -> None:
        self.view.banner.show_message(self.tr("Refused: {why}").format(why=text))

    def _on_publish(self) -> None:
        if self.confirm(
            self.tr("Publish the week?"),
            self.tr(
                "Publishing locks this version of the roster. Later changes open a new "
                "version and are recorded in the audit trail."
            ),
        ):
            self.publish_week()

    def _on_sick_call(self) -> None:
        plan = self.plan
        if plan is None:
            return
        codes = set(plan.instance.person_by_id)
        people = sorted((p for p in plan.people.values() if p.code in codes), key=lambda p: p.code)
        selected = self._current_assigned()
        dialog = SickCallDialog(people, plan.scope.week_start, self.view, preselect=selected)
        if dialog.exec() == SickCallDialog.DialogCode.Accepted:
            self.start_sick_call(*dialog.values())

    def _on_repair_done(self, result: tuple[Session, RepairOutcome]) -> None:
        self._repair_thread = None
        session, outcome = result
        self._repair_session = session
        self._last_repair = outcome
        self.view.notice.show_message("")
        self.repair_ready.emit(outcome)
        if self.show_repair_dialog and self.plan is not None and self._repair_session is not None:
            dialog = RepairDialog(self.plan, outcome, self.view.window())
            dialog.accepted.connect(self.accept_repair)
            dialog.rejected.connect(self.cancel_repair)
            self.repair_dialog = dialog
            dialog.open()

    def _on_repair_failed(self, text: str) -> None:
        self._repair_thread = None
        self.view.setEnabled(True)
        self.view.notice.show_message("")
        self.view.banner.show_message(self.tr("The repair failed: {why}").format(why=text))
        self.repair_failed.emit(text)

    def _on_compare_station(self, *_args: object) -> None:
        v = self.view
        sid = v.compare_station.current_key()
        plan = self.plan
        if sid is None or plan is None:
            return
        with session_scope(self.ctx.engine) as session:
            versions = roster_versions_of(session, plan.scope.week_start, sid)
        for combo in (v.compare_old, v.compare_new):
            combo.clear()
            for r in versions:
                state = self.tr("published") if r.status == "published" else self.tr("draft")
                combo.addItem(f"v{r.version} ({state})", r.id)
        if len(versions) >= 2:
            v.compare_old.setCurrentIndex(len(versions) - 2)
            v.compare_new.setCurrentIndex(len(versions) - 1)
        v.compare_button.setEnabled(len(versions) >= 2)
        self.diff_model.set_rows([])
        v.compare_summary.setText(self.tr("{n} version(s) of this week").format(n=len(versions)))

    def _on_compare(self) -> None:
        v = self.view
        old, new = v.compare_old.currentData(), v.compare_new.currentData()
        sid = v.compare_station.current_key()
        if old is None or new is None or sid is None:
            return
        self.compare(sid, int(old), int(new))

    def _on_tab(self, index: int) -> None:
        if index == 4:
            self._load_audit()

    def _on_database_changed(self) -> None:
        if self.worker.is_running():
            self.worker.kill()
            self._set_running(False)
        self._load_stations()
        self.reload()

    def _on_data_changed(self, entity: str, _row_id: int) -> None:
        # Stations, schools, people and the calendar shape the week: read it again (not while
        # solving).
        if entity in ("station", "school", "person", "term", "calendar") and not self._busy():
            if entity in ("station", "school"):
                self._load_stations()
            self.reload()


class _TextFilter(SchoolFilter):
    """Filters the person week by name or code (column 0)."""


class PlanningPage(PlanningView):
    """The page the main window hosts: the view with its controller attached."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = PlanningController(ctx, self)

    def page_title(self) -> str:
        return self.tr("Roster")

    def closeEvent(self, event: Any) -> None:
        self.controller.shutdown()
        super().closeEvent(event)
