"""总览 Overview: where the chosen week stands, for the district or one station.

Fill by station and by risk, a schools × days heatmap (a click opens that school and day in the
roster), each person's load against their weekly limit, hours on duty, and what remains to do.
The figures come from `huxue.overview.week_overview` over the same `WeekPlan` the roster page
loads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QDate, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import col, select

from huxue.database import session_scope
from huxue.errors import HuxueError
from huxue.instance import district_rules, set_response_term
from huxue.models import Station
from huxue.overview import (
    LoadRow,
    StationRow,
    WeekOverview,
    officer_hours,
    response_rows,
    week_overview,
    week_to_open,
    week_turnout,
)
from huxue.patrols import stored_loops
from huxue.planning import PlanScope
from huxue.planning_views import load_week_plan
from huxue.week import monday_of
from ui.context import AppContext
from ui.jobs import ThreadJob
from ui.overview.charts import FillHeatmap, LoadHistogram, fill_colour
from ui.overview.response_card import ResponseCard
from ui.tables import Index, TableModel
from ui.widgets import Banner, KeyedComboBox


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class StationFillModel(TableModel):
    """A row per station: seats, filled, short, high-risk short and the roster's state."""

    COLUMNS = ("station", "seats", "filled", "short", "high", "roster")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[StationRow] = []

    def set_rows(self, rows: Sequence[StationRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def records(self) -> Sequence[StationRow]:
        return self._rows

    def headers(self) -> Sequence[str]:
        return [
            self.tr("Station"),
            self.tr("Seats"),
            self.tr("Filled"),
            self.tr("Short"),
            self.tr("High risk short"),
            self.tr("Roster"),
        ]

    def roster_text(self, row: StationRow) -> str:
        if row.roster == "none":
            return self.tr("not generated")
        state = self.tr("published") if row.roster == "published" else self.tr("draft")
        return self.tr("v%1 %2").replace("%1", str(row.version)).replace("%2", state)

    def cell(self, record: StationRow, column: str, role: int, index: Index) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                "station": record.name,
                "seats": f"{record.fill.seats:,}",
                "filled": f"{record.fill.filled:,} ({record.fill.ratio:.1%})",
                "short": str(record.fill.short),
                "high": str(record.high_risk_short),
                "roster": self.roster_text(record),
            }[column]
        if role == Qt.ItemDataRole.BackgroundRole and column in ("filled", "short"):
            return fill_colour(record.fill).lighter(150)
        if role == Qt.ItemDataRole.ForegroundRole and column == "high" and record.high_risk_short:
            return QColor("#c9302c")
        if role == Qt.ItemDataRole.TextAlignmentRole and column not in ("station", "roster"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AtLimitModel(TableModel):
    """People at or over their weekly limit."""

    COLUMNS = ("code", "name", "role", "duties")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[LoadRow] = []

    def set_rows(self, rows: Sequence[LoadRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def records(self) -> Sequence[LoadRow]:
        return self._rows

    def headers(self) -> Sequence[str]:
        return [self.tr("Code"), self.tr("Name"), self.tr("Role"), self.tr("Duties / limit")]

    def cell(self, record: LoadRow, column: str, role: int, index: Index) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "role":
            return self.role_label(record.role)
        if column == "duties":
            return f"{record.duties} / {record.limit}"
        return getattr(record, column)

    def role_label(self, role: str) -> str:
        """A role in the window's language."""
        labels = {
            "police": self.tr("Police"),
            "auxiliary": self.tr("Auxiliary"),
            "security": self.tr("Security guard"),
            "volunteer": self.tr("Volunteer"),
        }
        return labels.get(role, role)


def _table(model: TableModel, *, fit: bool = True) -> QTableView:
    """A read-only table; `fit` sizes columns to their contents (only for short tables: it
    reads every cell)."""
    table = QTableView()
    table.setModel(model)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    if fit:
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class OverviewPage(QWidget):
    """The overview page; `open_in_roster(week, station or None, school id, date)` asks the
    window to show a school's day on the roster page."""

    open_in_roster = Signal(object, object, int, object)
    week_loaded = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.overview: WeekOverview | None = None
        self._stations: dict[int, str] = {}
        self._loaded_key: tuple[dt.date, int | None] | None = None
        self._job: ThreadJob | None = None
        self._pending = False
        self._build()
        self._load_stations()
        with session_scope(ctx.engine) as session:
            # The week that most needs the planner; it is read when the page is first shown.
            self.week.setDate(_qdate(week_to_open(session, dt.date.today())))
        self._connect()
        self.retranslate()

    # -- building --------------------------------------------------------------------------

    def _build(self) -> None:
        self.previous = QPushButton()
        self.next = QPushButton()
        self.week = QDateEdit()
        self.week.setCalendarPopup(True)
        self.week.setDisplayFormat("yyyy-MM-dd")
        self.station = KeyedComboBox(
            lambda key: self._stations.get(key, ""), all_label=lambda: self.tr("Whole district")
        )
        self.refresh = QPushButton()
        top = QHBoxLayout()
        for widget in (self.previous, self.week, self.next, self.station, self.refresh):
            top.addWidget(widget)
        top.addStretch(1)
        self.summary = QLabel()
        self.summary.setObjectName("overviewSummary")
        self.summary.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.summary.setWordWrap(True)
        self.banner = Banner("notice")

        self.stations_model = StationFillModel(self)
        self.stations_table = _table(self.stations_model)
        self.risk_label = QLabel()
        self.risk_label.setWordWrap(True)
        self.hours_label = QLabel()
        self.hours_label.setWordWrap(True)
        self.turnout_label = QLabel()
        self.turnout_label.setWordWrap(True)
        self.todo = QListWidget()
        self.histogram = LoadHistogram()
        self.limit_model = AtLimitModel(self)
        self.limit_table = _table(self.limit_model, fit=False)
        for column, width in enumerate((70, 70, 56)):
            self.limit_table.setColumnWidth(column, width)
        self.heatmap = FillHeatmap()
        self.heat_scroll = QScrollArea()
        self.heat_scroll.setWidget(self.heatmap)
        self.heat_scroll.setWidgetResizable(True)
        # The whole week shows without a horizontal scroll bar.
        self.heat_scroll.setMinimumWidth(self.heatmap.sizeHint().width() + 24)

        self.stations_box = self._box(
            self.stations_table, self.risk_label, self.hours_label, self.turnout_label
        )
        self.todo_box = self._box(self.todo)
        self.load_box = self._box(self.histogram, self.limit_table)
        self.heat_box = self._box(self.heat_scroll)
        self.response_card = ResponseCard()
        grid = QGridLayout()
        grid.addWidget(self.stations_box, 0, 0)
        grid.addWidget(self.todo_box, 1, 0)
        grid.addWidget(self.response_card, 2, 0)
        grid.addWidget(self.heat_box, 0, 1, 3, 1)
        grid.addWidget(self.load_box, 0, 2, 3, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 4)
        grid.setColumnStretch(2, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addLayout(grid, 1)

    @staticmethod
    def _box(*widgets: QWidget) -> QGroupBox:
        box = QGroupBox()
        inner = QVBoxLayout(box)
        for widget in widgets:
            inner.addWidget(widget)
        return box

    def _connect(self) -> None:
        self.previous.clicked.connect(lambda: self._step(-7))
        self.next.clicked.connect(lambda: self._step(7))
        QShortcut(QKeySequence("Alt+Left"), self, lambda: self._step(-7))
        QShortcut(QKeySequence("Alt+Right"), self, lambda: self._step(7))
        self.week.dateChanged.connect(lambda _d: self.load())
        self.station.currentIndexChanged.connect(lambda _i: self.load())
        self.refresh.clicked.connect(lambda: self.load(force=True))
        self.heatmap.cell_clicked.connect(self._on_cell)
        self.todo.itemActivated.connect(self._on_todo)
        self.response_card.plan_switched.connect(self.set_response_term)
        self.ctx.data_changed.connect(lambda _entity, _id: self._invalidate())

    # -- behaviour -------------------------------------------------------------------------

    def page_title(self) -> str:
        return self.tr("Overview")

    def week_start(self) -> dt.date:
        return monday_of(_date(self.week.date()))

    def set_week(self, week: dt.date, station_id: int | None = None) -> None:
        """Show a week (and scope), loading it now."""
        self.station.set_current_key(station_id)
        self.week.setDate(_qdate(monday_of(week)))
        self.load()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._show_response_term()
        self.load()

    def _show_response_term(self) -> None:
        with session_scope(self.ctx.engine) as session:
            on = bool(district_rules(session).get("response_term"))
        self.response_card.show_plan_switch(on)

    def set_response_term(self, on: bool) -> None:
        """Switch the roster solve's response-time term (`huxue.instance.set_response_term`)."""
        try:
            self.ctx.run(lambda session: set_response_term(session, enabled=on))
        except HuxueError as exc:
            self.banner.show_message(str(exc))
        self._show_response_term()

    def _step(self, days: int) -> None:
        self.week.setDate(_qdate(self.week_start() + dt.timedelta(days=days)))

    def _invalidate(self) -> None:
        self._loaded_key = None
        if self.isVisible():
            self.load()

    def _load_stations(self) -> None:
        with session_scope(self.ctx.engine) as session:
            rows = session.exec(select(Station).order_by(col(Station.code))).all()
        self._stations = {s.id: s.name for s in rows if s.id is not None}
        self.station.set_keys(list(self._stations))

    def load(self, *, force: bool = False) -> None:
        """Read the chosen week in the background and redraw (skipped when already shown).

        The window paints first: at the district's size reading a week takes a second or two.
        """
        key = (self.week_start(), self.station.current_key())
        if key == self._loaded_key and not force:
            return
        self._loaded_key = key
        if self._job is not None and self._job.running:
            self._pending = True  # read again when the running job is done
            return
        engine = self.ctx.engine

        def work(_report: Any) -> tuple[tuple[dt.date, int | None], WeekOverview]:
            with session_scope(engine) as session:
                plan = load_week_plan(session, PlanScope(*key))
                loops = stored_loops(session, key[0])
                overview = week_overview(plan, session)
                overview.turnout = week_turnout(session, *key)
            overview.response = response_rows(plan, loops)
            return key, overview

        self._pending = False
        self._job = ThreadJob(work)
        self._job.signals.finished.connect(self._on_loaded)
        self._job.signals.failed.connect(self._on_failed)
        self.summary.setText(self.tr("Reading the week…"))
        self._job.start()

    def _on_loaded(self, result: tuple[tuple[dt.date, int | None], WeekOverview]) -> None:
        key, overview = result
        if self._pending or key != self._loaded_key:
            self._pending = False
            self._loaded_key = None
            self.load()
            return
        self.show_overview(overview)

    def _on_failed(self, text: str) -> None:
        self._loaded_key = None
        self.summary.setText("")
        self.banner.show_message(text)

    def show_overview(self, overview: WeekOverview) -> None:
        """Draw an overview (the figures come from `huxue.overview`)."""
        self.overview = overview
        self.banner.show_message("")
        self.summary.setText(self._summary_text(overview))
        self.stations_model.set_rows(overview.by_station)
        self.risk_label.setText(self._risk_text(overview))
        self.hours_label.setText(self._hours_text(overview))
        self.turnout_label.setText(self._turnout_text(overview))
        limit = overview.at_limit()
        self.histogram.set_counts(
            overview.load_histogram,
            self.tr("people by duties this week; %1 at their limit").replace("%1", str(len(limit))),
        )
        self.limit_model.set_rows(limit)
        self.heatmap.set_rows(overview.heat, overview.days, self._day_names(overview.days))
        self._fill_todo(overview)
        self.response_card.set_rows(overview.response)
        self.week_loaded.emit()

    def _day_names(self, days: Sequence[dt.date]) -> list[str]:
        names = [
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        ]
        return [f"{names[d.weekday()]} {d.month}/{d.day}" for d in days]

    def _summary_text(self, overview: WeekOverview) -> str:
        fill = overview.fill
        if not fill.seats:
            return self.tr("No duty this week.")
        if all(row.roster == "none" for row in overview.by_station):
            return self.tr("Not planned yet: %1 seats to fill.").replace("%1", f"{fill.seats:,}")
        if not fill.short:
            return self.tr("All %1 seats filled.").replace("%1", f"{fill.seats:,}")
        high = sum(s.missing for s in overview.high_risk_short)
        return (
            self.tr("%1 of %2 seats filled (%3); %4 short, %5 of them at high-risk posts.")
            .replace("%1", f"{fill.filled:,}")
            .replace("%2", f"{fill.seats:,}")
            .replace("%3", f"{fill.ratio:.1%}")
            .replace("%4", str(fill.short))
            .replace("%5", str(high))
        )

    def _risk_text(self, overview: WeekOverview) -> str:
        names = {3: self.tr("High"), 2: self.tr("Medium"), 1: self.tr("Low")}
        parts = [
            f"{names.get(risk, str(risk))} {fill.filled:,}/{fill.seats:,} ({fill.ratio:.1%})"
            for risk, fill in overview.by_risk.items()
        ]
        return self.tr("By risk: ") + " · ".join(parts)

    def _hours_text(self, overview: WeekOverview) -> str:
        volunteer = overview.hours.get("volunteer", 0.0)
        return (
            self.tr("Hours on duty: officers %1 h, volunteers %2 h, security guards %3 h")
            .replace("%1", f"{officer_hours(overview):,.1f}")
            .replace("%2", f"{volunteer:,.1f}")
            .replace("%3", f"{overview.hours.get('security', 0.0):,.1f}")
        )

    def _turnout_text(self, overview: WeekOverview) -> str:
        turnout = overview.turnout
        if turnout is None or not turnout.tally.recorded:
            return self.tr("Turnout (到岗率): no attendance recorded for this week yet.")
        tally = turnout.tally
        rate = tally.turnout or 0.0
        return (
            self.tr(
                "Turnout (到岗率): %1 — %2 of %3 recorded duties attended; %4 absent, "
                "%5 late; %6 peak sessions unguarded"
            )
            .replace("%1", f"{rate:.0%}")
            .replace("%2", f"{tally.attended:,}")
            .replace("%3", f"{tally.recorded:,}")
            .replace("%4", f"{tally.absent:,}")
            .replace("%5", f"{tally.late:,}")
            .replace("%6", f"{turnout.unguarded:,}")
        )

    def _fill_todo(self, overview: WeekOverview) -> None:
        self.todo.clear()
        for seat in overview.high_risk_short[:50]:
            text = (
                self.tr("High risk short: %1 %2, %3 %4 (%5 missing)")
                .replace("%1", seat.school_name)
                .replace("%2", seat.post_name)
                .replace("%3", f"{seat.date.month}/{seat.date.day}")
                .replace("%4", f"{seat.start // 60:02d}:{seat.start % 60:02d}")
                .replace("%5", str(seat.missing))
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, (seat.school_id, seat.date))
            item.setForeground(QColor("#c9302c"))
            self.todo.addItem(item)
        for name in overview.unpublished:
            self.todo.addItem(QListWidgetItem(self.tr("Not yet published: %1").replace("%1", name)))
        for reprint in overview.to_reprint:
            at = reprint.printed_at
            local = (at.replace(tzinfo=dt.UTC) if at.tzinfo is None else at).astimezone()
            item = QListWidgetItem(
                self.tr("Sheets to print again: %1 (printed %2, the roster changed since)")
                .replace("%1", reprint.station_name)
                .replace("%2", f"{local:%m/%d %H:%M}")
            )
            item.setForeground(QColor("#b36b00"))
            self.todo.addItem(item)
        if not self.todo.count():
            self.todo.addItem(QListWidgetItem(self.tr("Nothing left to do for this week.")))

    def _on_cell(self, school_id: int, day: dt.date) -> None:
        self.open_in_roster.emit(self.week_start(), self.station.current_key(), school_id, day)

    def _on_todo(self, item: QListWidgetItem) -> None:
        target = item.data(Qt.ItemDataRole.UserRole)
        if target:
            self._on_cell(*target)

    # -- language --------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.previous.setText(self.tr("◀ Previous week"))
        self.next.setText(self.tr("Next week ▶"))
        self.refresh.setText(self.tr("Refresh"))
        self.station.retranslate()
        self.stations_box.setTitle(self.tr("Fill by station"))
        self.todo_box.setTitle(self.tr("What remains to do"))
        self.load_box.setTitle(self.tr("Load against weekly limits"))
        self.heat_box.setTitle(self.tr("Fill by school and day (click to open in the roster)"))
        self.response_card.retranslate()
        self.stations_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        self.limit_model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        if self.overview is not None:
            self.show_overview(self.overview)
