"""The Roster page's behaviour: load the week, keep every view current, show the selected cell.

`PlanningController` owns the week (`plan`) and the table models, and hands the jobs to four
controllers of its own: `solving` (Generate / Stop), `edits` (drop, remove, pin), `repair` (sick
call) and `versions` (publish, compare, audit). Every database change runs in one transaction;
the solver runs in a child process and reports only by signals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QItemSelectionModel, QModelIndex, QObject, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMessageBox

from huxue.attendance.learn import turnout_by_code
from huxue.database import session_scope
from huxue.errors import HuxueError
from huxue.models import RosterStatus
from huxue.overview import HIGH_RISK, week_to_open
from huxue.planning import PlanScope, idle_text
from huxue.planning_views import (
    WeekCache,
    WeekPlan,
    eligible_free,
    load_week_plan,
    refresh_duties,
    shortfall_rows,
)
from huxue.week import monday_of
from ui.context import AppContext
from ui.planning.delegate import RosterCellDelegate
from ui.planning.frozen import FrozenColumnsTable
from ui.planning.grid import RosterGridModel, SchoolFilter
from ui.planning.labels import cause_text, session_label
from ui.planning.panels import ShortfallModel
from ui.planning.people import PeopleListModel, PersonWeekModel
from ui.planning.progress import ProgressDisplay
from ui.planning.repair import RepairController
from ui.planning.roster_edits import EditController
from ui.planning.solving import SolveController
from ui.planning.versions import VersionsController
from ui.planning.view import PlanningView
from ui.widgets import collection_paused, wait_cursor

ROW = 44  # two lines of names
COMPACT_ROW = 22
STATION_TAB = 0
SCHOOL_TAB = 1
AUDIT_TAB = 4
# A week shown this long starts reading its instance document in a thread (measured on the
# district: 170 ms of reading, which stepping through weeks should not pay for each).
PREFETCH_MS = 250


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _today() -> dt.date:
    return dt.date.today()


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class PlanningController(QObject):
    """Loads the week and keeps every view current; the jobs are its sub-controllers'."""

    plan_loaded = Signal()

    def __init__(self, ctx: AppContext, view: PlanningView) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.plan: WeekPlan | None = None
        self.week_cache = WeekCache()  # weeks shown before, read again only when changed
        self._prefetch = QTimer(self)
        self._prefetch.setSingleShot(True)
        self._prefetch.setInterval(PREFETCH_MS)
        self._prefetch.timeout.connect(self._read_document)
        self.confirm: Callable[[str, str], bool] = self._ask
        self._selected: str | None = None
        self.last_run = ""  # how the last solve of this week ended, shown with the summary
        self._found: list[str] = []  # the duties of the person found, in grid order
        self._found_at = -1
        self._build_models()
        display = ProgressDisplay(view)
        self.solving = SolveController(self, display)
        self.edits = EditController(self)
        self.repair = RepairController(self, display)
        self.versions = VersionsController(self)
        self.grid_model.drop_handler = self.edits.drop
        self._connect()
        self._load_stations()
        view.week.blockSignals(True)
        view.week.setDate(_qdate(self.ctx.run(week_to_open, _today())))
        if not self.ctx.scope.everything and self.ctx.scope.station_id is not None:
            view.station.blockSignals(True)
            view.station.set_current_key(self.ctx.scope.station_id)  # a planner's own station
            view.station.blockSignals(False)
        view.week.blockSignals(False)
        self.reload()
        self._layout_columns()

    def _build_models(self) -> None:
        view = self.view
        self.grid_model = RosterGridModel(self)
        self.grid_proxy = SchoolFilter(self)
        self.grid_proxy.setSourceModel(self.grid_model)
        self.school_proxy = SchoolFilter(self)
        self.school_proxy.setSourceModel(self.grid_model)
        self.person_model = PersonWeekModel(self)
        self.person_proxy = SchoolFilter(self)  # filters on column 0: name and code
        self.person_proxy.setSourceModel(self.person_model)
        self.person_proxy.setSortRole(PersonWeekModel.SortRole)
        self.assigned_model = PeopleListModel(self)
        self.candidate_model = PeopleListModel(self)
        self.short_model = ShortfallModel(self)
        delegate = RosterCellDelegate(self)
        for table, model in ((view.grid, self.grid_proxy), (view.school_grid, self.school_proxy)):
            table.setModel(model)
            table.setItemDelegate(delegate)
        self._set_density(False)
        view.person_table.setModel(self.person_proxy)
        view.person_table.verticalHeader().setDefaultSectionSize(44)
        view.assigned.setModel(self.assigned_model)
        view.candidates.setModel(self.candidate_model)
        view.shortfall.setModel(self.short_model)

    def _connect(self) -> None:
        v = self.view
        v.week.dateChanged.connect(self._on_week)
        v.station.currentIndexChanged.connect(self._on_scope)
        v.previous_week.clicked.connect(lambda: self.step_week(-1))
        v.next_week.clicked.connect(lambda: self.step_week(1))
        QShortcut(QKeySequence("Alt+Left"), v, lambda: self.step_week(-1))
        QShortcut(QKeySequence("Alt+Right"), v, lambda: self.step_week(1))
        v.generate.clicked.connect(self.solving.generate)
        v.stop.clicked.connect(self._on_stop)
        v.sick_call.clicked.connect(self.repair.ask)
        v.plan_next.clicked.connect(self.plan_next_week)
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
        v.tabs.currentChanged.connect(self._on_tab)
        v.compact.toggled.connect(self._set_density)
        v.problems_only.toggled.connect(self.grid_proxy.set_problems_only)
        v.station_filter.currentIndexChanged.connect(
            lambda _i: self.grid_proxy.set_station(v.station_filter.current_key())
        )
        v.station.currentIndexChanged.connect(lambda _i: self._sync_station_filter())
        v.kind_filter.currentIndexChanged.connect(
            lambda _i: self.grid_proxy.set_kind(v.kind_filter.current_key())
        )
        v.risk_filter.currentIndexChanged.connect(
            lambda _i: self.grid_proxy.set_risk(v.risk_filter.current_key())
        )
        v.find_person.textChanged.connect(lambda _t: self.find_person())
        v.find_person.returnPressed.connect(self._next_found)
        v.retranslated.connect(lambda: v.show_idle(self.idle_text()))
        self.grid_model.edit_refused.connect(self._on_refused)
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
        self._sync_station_filter()
        self.reload()

    def step_week(self, weeks: int) -> None:
        """Show the week `weeks` weeks later (earlier when negative); not while a job runs."""
        if self.busy():
            return
        monday = monday_of(_date(self.view.week.date())) + dt.timedelta(days=7 * weeks)
        self.view.week.setDate(_qdate(monday))

    def plan_next_week(self) -> None:
        """Open the week after this one and solve it from this week's published roster
        (`huxue.week_after`): its start and its continuity target, so with the same bells
        and people nothing changes."""
        plan = self.plan
        if plan is None or self.busy():
            return
        if not plan.published:
            self.view.banner.show_message(
                self.tr("Publish this week first: next week starts from its published roster.")
            )
            return
        from_week = plan.scope.week_start
        self.step_week(1)
        if self.plan is not None and self.plan.scope.week_start > from_week:
            self.solving.generate(from_week=from_week)

    def scope(self) -> PlanScope:
        return PlanScope(monday_of(_date(self.view.week.date())), self.view.station.current_key())

    def reload(self) -> None:
        """Read the week again (sessions, people, rosters) and refill every view."""
        with collection_paused():
            self._reload()

    def _reload(self) -> None:
        self.last_run = ""
        try:
            with wait_cursor(), session_scope(self.ctx.engine) as session:
                scope = self.scope()
                self.plan = load_week_plan(
                    session, scope, cache=self.week_cache, lazy_document=True
                )
                # Read while the planner looks at the week (Generate and edits need it); not
                # at once, so that stepping through weeks reads none of those passed by.
                self._prefetch.start()
                # Turnout of the weeks before the planned one, beside each free person.
                self.candidate_model.turnout = self.week_cache.remember(
                    scope,
                    "turnout",
                    lambda: turnout_by_code(session, today=scope.week_start - dt.timedelta(days=1)),
                )
        except HuxueError as exc:
            self.plan = None
            self.view.banner.show_message(str(exc))
        else:
            self.view.banner.show_message("")
        plan = self.plan
        self.view.notice.show_message("\n".join(plan.ctx.warnings) if plan else "")
        self.view.show_idle(self.idle_text())
        self.grid_model.set_plan(plan)
        self.person_model.set_plan(plan)
        if plan is not None:
            names = {
                sid: f"{code} {name}"
                for sid, (code, name) in sorted(plan.schools.items(), key=lambda item: item[1][0])
            }
            self.view.set_schools(names)
            self._on_school()
        self._selected = None
        if self.view.find_person.text():  # look the person up again in this week
            self.find_person()
            self._selected = None
        self.after_duties()
        self.refresh_history()
        self.plan_loaded.emit()

    def find_person(self) -> list[str]:
        """Mark every duty of the person typed in the finder (code, or a part of the name) and
        show the first; returns their session keys."""
        plan = self.plan
        text = self.view.find_person.text().strip().lower()
        person = None
        if plan is not None and text:
            matches = [
                p for p in plan.people.values() if p.code.lower() == text or text in p.name.lower()
            ]
            exact = [p for p in matches if p.code.lower() == text or p.name.lower() == text]
            found = exact or matches
            person = found[0] if found else None
        self._found = self.grid_model.set_highlight(person.id if person else None)
        self._found_at = -1
        v = self.view
        if person is None:
            v.find_result.setText(self.tr("Nobody found") if text else "")
            return []
        v.find_result.setText(
            self.tr("{name} ({code}): {n} duties this week, marked yellow").format(
                name=person.name, code=person.code, n=len(self._found)
            )
        )
        self._next_found()
        return self._found

    def _next_found(self) -> None:
        """Show the next duty of the person found (Enter in the finder)."""
        if not self._found:
            return
        self._found_at = (self._found_at + 1) % len(self._found)
        self.select_session(self._found[self._found_at])
        self.view.find_person.setFocus()

    def idle_text(self) -> str:
        """Why the week shown has nothing to plan ("" when it has duty sessions)."""
        plan = self.plan
        reason = plan.ctx.expansion.idle_reason() if plan is not None else None
        return idle_text(plan.scope.week_start, reason) if plan and reason else ""

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

    def show_school_day(
        self, week: dt.date, station_id: int | None, school_id: int, day: dt.date
    ) -> bool:
        """Show a school's week on the "By school" tab with its first session of `day` chosen
        (the overview's click-through); False when the school has no session that day."""
        if self.plan is None or self.scope() != PlanScope(monday_of(week), station_id):
            self.set_scope(week, station_id)
        plan = self.plan
        if plan is None:
            return False
        self.view.school.set_current_key(school_id)
        self._on_school()
        self.view.tabs.setCurrentIndex(1)
        keys = sorted(
            (duty.start, key)
            for key, duty in plan.sessions.items()
            if duty.date == day and plan.posts[duty.post_id].school_id == school_id
        )
        if not keys:
            return False
        key = keys[0][1]
        index = self.school_proxy.mapFromSource(self.grid_model.index_of_session(key))
        if not index.isValid():
            return False
        self.view.school_grid.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.view.school_grid.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self._show_cell(key)
        return True

    def shutdown(self) -> None:
        """The window closes: end a running solve or repair."""
        self.solving.kill()
        self.repair.kill()

    # -- for the sub-controllers ---------------------------------------------------------------

    def busy(self) -> bool:
        """A solve or a repair is under way: the plan must not change now."""
        return self.solving.busy() or self.repair.busy()

    def touches_published(self, keys: list[str]) -> bool:
        """Whether changing these sessions writes into a published roster."""
        plan = self.plan
        if plan is None:
            return False
        stations = {plan.sessions[k].station_id for k in keys if k in plan.sessions}
        return any(
            plan.rosters[s].status == RosterStatus.PUBLISHED.value
            for s in stations
            if s in plan.rosters
        )

    def set_running(self, running: bool) -> None:
        """A job in the solver's process starts (only Stop stays usable) or ends."""
        v = self.view
        v.generate.setEnabled(not running)
        v.stop.setEnabled(running)
        if running:
            self.last_run = ""
            # The panel appears when the solver's process has its instance (see
            # `ProgressDisplay.start`), not in the turn that started the job: the grid's
            # relayout and repaint then neither add to that turn nor share the interpreter
            # with the thread that hands the week over (together 75-140 ms on the district).
        else:
            v.progress_panel.hide()
            v.summary.show()
        for widget in (
            v.week,
            v.previous_week,
            v.next_week,
            v.station,
            v.time_limit,
            v.publish,
            v.sick_call,
            v.plan_next,
        ):
            widget.setEnabled(not running)
        if not running:
            self._update_status()

    def _read_document(self) -> None:
        if self.plan is not None:
            self.plan.document.prefetch()

    def reload_duties(self) -> None:
        """Read the rosters again (not the week) and refresh the views."""
        plan = self.plan
        if plan is None:
            return
        with session_scope(self.ctx.engine) as session:
            refresh_duties(session, plan)
        self.after_duties()

    def after_duties(self, keep_side_lists: bool = False) -> None:
        """The duties changed: refresh the grids, the shortfall panel, the status, the cell.

        With `keep_side_lists`, the cell's lists are refilled once the event loop is back: they
        may be a drag's source right now."""
        plan = self.plan
        self.grid_model.duties_changed()
        if self.grid_proxy.problems_only:  # which posts are short may have changed
            self.grid_proxy.set_problems_only(True)
        self.person_model.duties_changed()
        self.short_model.set_rows(plan, shortfall_rows(plan) if plan else [])
        self._update_status()
        if keep_side_lists:
            QTimer.singleShot(0, lambda: self._show_cell(self._selected))
        else:
            self._show_cell(self._selected)

    def refresh_history(self) -> None:
        """A roster was stored or published: refresh the versions and the audit trail."""
        self.versions.load_versions()
        self.versions.load_audit()

    def current_assigned(self) -> str | None:
        """The person chosen in the cell's On duty list (the only one if there is one)."""
        index = self.view.assigned.currentIndex()
        code = self.assigned_model.code_at(index.row()) if index.isValid() else None
        if code is None and self.assigned_model.rowCount() == 1:
            code = self.assigned_model.code_at(0)
        return code

    # -- helpers -----------------------------------------------------------------------------

    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(
            self.view,
            title,
            text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _sync_station_filter(self) -> None:
        # A station's own scope shows only its schools: the filter has nothing to choose.
        v = self.view
        district = v.station.current_key() is None
        if not district:
            v.station_filter.set_current_key(None)
        v.station_filter.setEnabled(district)

    def _load_stations(self) -> None:
        from huxue import editing

        stations = self.ctx.run(editing.stations)
        names = {s.id: s.name for s in stations}
        self.view.set_stations(names)
        self.view.compare_station.set_keys(list(names))

    def _update_status(self) -> None:
        plan = self.plan
        v = self.view
        v.summary.setText(self.summary_text())
        mine = self.may_write_scope()
        v.generate.setEnabled(mine and not self.busy())
        if plan is None or not plan.sessions:
            v.status.setText(self.tr("No duty sessions this week"))
            v.publish.setEnabled(False)
            v.plan_next.setEnabled(False)
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
        v.publish.setEnabled(mine and plan.has_roster and not plan.published)
        v.sick_call.setEnabled(mine and plan.has_roster)
        v.plan_next.setEnabled(mine and plan.published)

    def may_write_scope(self) -> bool:
        """May this login change the roster on show (its station, or the whole district)?"""
        return self.ctx.scope.may_write(self.view.station.current_key())

    def summary_text(self) -> str:
        """The week's fill in plain words ("All 252 seats filled", "14 short, 2 of them at
        high-risk posts"), after how the last solve ended; "" with no roster yet."""
        plan = self.plan
        if plan is None or not plan.sessions or not plan.has_roster:
            return self.last_run
        seats = sum(d.need_total for d in plan.sessions.values())
        short = high = 0
        for key, shortage in plan.shortages.items():
            short += shortage.missing.total
            if plan.sessions[key].risk >= HIGH_RISK:
                high += shortage.missing.total
        if short == 0:
            text = self.tr("All {n} seats filled").format(n=f"{seats:,}")
        else:
            text = self.tr("{short} short, {high} of them at high-risk posts").format(
                short=f"{short:,}", high=high
            )
        return f"{self.last_run} · {text}" if self.last_run else text

    def _show_cell(self, key: str | None) -> None:
        plan = self.plan
        v = self.view
        self._selected = key if plan is not None and key in plan.sessions else None
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
        need = self.tr("Need {police} police, {officers} officers, {total} people").format(
            police=duty.need_police, officers=duty.need_officers, total=duty.need_total
        )
        if plan.has_roster and any(plan.missing(key)):
            shortage = plan.shortages.get(key)
            need += "\n" + cause_text(shortage.reason if shortage else None)
        people = self.grid_model.people_at(key)
        self.assigned_model.set_people(people, from_key=key)
        free = eligible_free(plan, key)
        self.candidate_model.set_people([(p.code, p.name, p.role, False) for p in free])
        if len(people) >= duty.need_total:
            need += "\n" + self.tr("Full: remove someone to put another here.")
        v.cell_need.setText(need)
        mine = self.ctx.scope.may_write(duty.station_id)  # another station's cell: read only
        v.remove.setEnabled(mine and bool(people))
        v.pin.setEnabled(mine and bool(people))
        v.add.setEnabled(mine and bool(free))

    def _set_density(self, compact: bool) -> None:
        """Compact rows hold one line of names: 30 and more posts show at 1440×900."""
        for table in (self.view.grid, self.view.school_grid):
            assert isinstance(table, FrozenColumnsTable)
            table.set_row_height(COMPACT_ROW if compact else ROW)

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
        if self.view.tabs.currentIndex() == SCHOOL_TAB:  # a duty of the school left behind
            self._show_cell(self._tab_cell(SCHOOL_TAB))

    def _on_stop(self) -> None:
        self.view.stop.setEnabled(False)
        self.solving.stop()
        self.repair.stop()

    def _on_grid_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.grid_model.session_at(self.grid_proxy.mapToSource(current))
        if key is not None:
            self._show_cell(key)

    def _on_school_grid_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = self.grid_model.session_at(self.school_proxy.mapToSource(current))
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

    def _on_remove(self) -> None:
        code = self.current_assigned()
        if code is None or self._selected is None:
            self.view.banner.show_message(self.tr("Choose who to remove in the list."))
            return
        self._show_problems(self.edits.remove_person(self._selected, code))

    def _on_pin(self) -> None:
        code = self.current_assigned()
        if code is None or self._selected is None:
            self.view.banner.show_message(self.tr("Choose whose duty to pin in the list."))
            return
        self._show_problems(self.edits.toggle_pin(self._selected, code))

    def _on_add(self) -> None:
        index = self.view.candidates.currentIndex()
        code = self.candidate_model.code_at(index.row()) if index.isValid() else None
        if code is None or self._selected is None:
            return
        self._show_problems(self.edits.drop(self._selected, code, None))

    def _show_problems(self, problems: list[str]) -> None:
        if problems:
            self._on_refused("\n".join(problems))

    def _on_refused(self, text: str) -> None:
        self.view.banner.show_message(self.tr("Refused: {why}").format(why=text))

    def _on_tab(self, index: int) -> None:
        if index == AUDIT_TAB:
            self.versions.load_audit()
        # The selected-duty panel shows the cell chosen on the tab now shown, or none.
        self._show_cell(self._tab_cell(index))

    def _tab_cell(self, index: int) -> str | None:
        v = self.view
        if index == STATION_TAB:
            return self.grid_model.session_at(self.grid_proxy.mapToSource(v.grid.currentIndex()))
        if index == SCHOOL_TAB:
            return self.grid_model.session_at(
                self.school_proxy.mapToSource(v.school_grid.currentIndex())
            )
        return None

    def _on_database_changed(self) -> None:
        if self.busy():
            self.shutdown()
            self.set_running(False)
        self._load_stations()
        self.reload()

    def _on_data_changed(self, entity: str, _row_id: int) -> None:
        # Stations, schools, people and the calendar shape the week: read it again (not while
        # solving).
        if entity in ("station", "school", "person", "term", "calendar") and not self.busy():
            if entity in ("station", "school"):
                self._load_stations()
            self.reload()
        elif entity == "roster" and self.ctx.remote_change is not None and not self.busy():
            # Another planner generated, edited or published a roster: show the week as stored.
            self.reload()
