"""The Roster page's widgets: built here, given behaviour by `ui.planning.controller`."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ui.i18n import risk_name, role_name, school_kind_name
from ui.planning.frozen import FrozenColumnsTable
from ui.planning.labels import PIN_MARK, ROLE_COLOURS, SHORT_BACKGROUND, SHORT_TEXT
from ui.widgets import Banner, KeyedComboBox

DEFAULT_TIME_LIMIT = 30.0
KINDS = ["kindergarten", "primary", "middle", "nine_year", "high", "vocational"]


def _table(drag: bool = False, frozen: bool = False) -> QTableView:
    table = FrozenColumnsTable() if frozen else QTableView()
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


def _idle_stack(grid: QTableView) -> tuple[QStackedWidget, QLabel]:
    """The grid, or in its place the reason a week has nothing to plan."""
    idle = QLabel()
    idle.setObjectName("idleWeek")
    idle.setWordWrap(True)
    idle.setAlignment(Qt.AlignmentFlag.AlignCenter)
    idle.setStyleSheet("font-size: 16px; color: #555; padding: 24px;")
    stack = QStackedWidget()
    stack.addWidget(grid)
    stack.addWidget(idle)
    return stack, idle


class PlanningView(QWidget):
    """The page's widgets; `PlanningController` gives them behaviour. `retranslated` is
    emitted after the language changed and the widgets' own texts were set again."""

    retranslated = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stations: dict[int, str] = {}
        self._schools: dict[int, str] = {}
        top = self._build_top_bar()
        self.progress_panel = QWidget()  # only while a solve or repair runs
        progress = self._build_progress()
        progress.setContentsMargins(0, 0, 0, 0)
        self.progress_panel.setLayout(progress)
        self.progress_panel.hide()
        self.summary = QLabel()  # the week's fill in plain words, in the panel's place
        self.summary.setObjectName("rosterSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 14px; padding: 2px 4px;")
        self.banner = Banner("error")
        self.notice = Banner("notice")
        self.tabs = QTabWidget()
        for tab in (
            self._build_station_tab(),
            self._build_school_tab(),
            self._build_person_tab(),
            self._build_compare_tab(),
            self._build_audit_tab(),
        ):
            self.tabs.addTab(tab, "")
        side = QSplitter(Qt.Orientation.Vertical)
        side.addWidget(self._build_cell_panel())
        side.addWidget(self._build_shortfall_panel())
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
        layout.addWidget(self.progress_panel)
        layout.addWidget(self.summary)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addWidget(self.splitter, 1)
        self.retranslate()

    # -- builders ----------------------------------------------------------------------------

    def _build_top_bar(self) -> QHBoxLayout:
        """Week, scope, time limit, Generate / Stop, Sick call and Publish, the status."""
        self.week_label = QLabel()
        self.week = QDateEdit()
        self.week.setCalendarPopup(True)
        self.week.setDisplayFormat("yyyy-MM-dd")
        self.previous_week = QPushButton()
        self.next_week = QPushButton()
        for button in (self.previous_week, self.next_week):
            button.setFixedWidth(32)
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
        self.plan_next = QPushButton()
        self.plan_next.setEnabled(False)
        self.publish = QPushButton()
        self.status = QLabel()
        self.status.setObjectName("rosterStatus")
        bar = QHBoxLayout()
        bar.addWidget(self.week_label)
        bar.addWidget(self.previous_week)
        bar.addWidget(self.week)
        bar.addWidget(self.next_week)
        bar.addWidget(self.station, 1)
        bar.addWidget(self.time_limit_label)
        bar.addWidget(self.time_limit)
        bar.addWidget(self.generate)
        bar.addWidget(self.stop)
        bar.addSpacing(16)
        bar.addWidget(self.sick_call)
        bar.addWidget(self.publish)
        bar.addWidget(self.plan_next)
        bar.addWidget(self.status)
        return bar

    def _build_progress(self) -> QHBoxLayout:
        """The progress bar with elapsed time and seats filled, and the objective/bound chart."""
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.elapsed = QLabel()
        self.filled = QLabel()
        self.objective = QLabel()
        self.chart = pg.PlotWidget(background="w")
        self.chart.setFixedHeight(130)
        # Hidden while a solve starts, the chart keeps its space: showing it then repaints the
        # chart alone, not the grid below it.
        policy = self.chart.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.chart.setSizePolicy(policy)
        self.chart.showGrid(x=True, y=True, alpha=0.3)
        self.chart.addLegend(offset=(-10, 5))
        # A fixed axis width: new figures change the tick labels, not the chart's layout.
        self.chart.getAxis("left").setWidth(56)
        self.chart.setMouseEnabled(x=False, y=False)
        self.chart.hideButtons()
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
        row = QHBoxLayout()
        row.addLayout(numbers, 1)
        row.addWidget(self.chart, 2)
        return row

    def _build_station_tab(self) -> QWidget:
        """The roster grid of the station (or district), with its filter."""
        self.grid = _table(drag=True, frozen=True)
        self.grid.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.grid_search = QLineEdit()
        self.grid_search.setClearButtonEnabled(True)
        self.compact = QCheckBox()
        self.legend = QLabel()
        self.legend.setObjectName("rosterLegend")
        self.legend.setWordWrap(True)
        self.problems_only = QCheckBox()
        # District scope: one station's schools at a time, without planning it alone.
        self.station_filter = KeyedComboBox(
            lambda key: self._stations.get(key, ""), all_label=lambda: self.tr("All stations")
        )
        self.kind_filter = KeyedComboBox(school_kind_name, all_label=lambda: self.tr("All kinds"))
        self.kind_filter.set_keys(KINDS)
        self.risk_filter = KeyedComboBox(risk_name, all_label=lambda: self.tr("All risks"))
        self.risk_filter.set_keys([3, 2, 1])
        self.find_person = QLineEdit()
        self.find_person.setClearButtonEnabled(True)
        self.find_result = QLabel()
        search_row = QHBoxLayout()
        search_row.addWidget(self.grid_search, 2)
        search_row.addWidget(self.problems_only)
        search_row.addWidget(self.station_filter)
        search_row.addWidget(self.kind_filter)
        search_row.addWidget(self.risk_filter)
        search_row.addWidget(self.compact)
        find_row = QHBoxLayout()
        find_row.addWidget(self.find_person, 1)
        find_row.addWidget(self.find_result, 2)
        station_tab = QWidget()
        station_layout = QVBoxLayout(station_tab)
        station_layout.setContentsMargins(0, 4, 0, 0)
        station_layout.addLayout(search_row)
        station_layout.addLayout(find_row)
        self.grid_stack, self.grid_idle = _idle_stack(self.grid)
        station_layout.addWidget(self.grid_stack, 1)
        station_layout.addWidget(self.legend)
        return station_tab

    def _build_school_tab(self) -> QWidget:
        """One school's grid."""
        self.school = KeyedComboBox(lambda key: self._schools.get(key, ""))
        self.school_grid = _table(drag=True, frozen=True)
        school_tab = QWidget()
        school_layout = QVBoxLayout(school_tab)
        school_layout.setContentsMargins(0, 4, 0, 0)
        school_layout.addWidget(self.school)
        self.school_stack, self.school_idle = _idle_stack(self.school_grid)
        school_layout.addWidget(self.school_stack, 1)
        return school_tab

    def _build_person_tab(self) -> QWidget:
        """Each person's week."""
        self.person_search = QLineEdit()
        self.person_search.setClearButtonEnabled(True)
        self.person_table = _table()
        self.person_table.setSortingEnabled(True)
        person_tab = QWidget()
        person_layout = QVBoxLayout(person_tab)
        person_layout.setContentsMargins(0, 4, 0, 0)
        person_layout.addWidget(self.person_search)
        person_layout.addWidget(self.person_table, 1)
        return person_tab

    def _build_compare_tab(self) -> QWidget:
        """Two versions of a station's week side by side."""
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
        return compare_tab

    def _build_audit_tab(self) -> QWidget:
        """The audit trail."""
        self.audit_table = _table()
        audit_tab = QWidget()
        audit_layout = QVBoxLayout(audit_tab)
        audit_layout.setContentsMargins(0, 4, 0, 0)
        audit_layout.addWidget(self.audit_table)
        return audit_tab

    def _build_cell_panel(self) -> QGroupBox:
        """The selected duty: who is there, who could be."""
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
        return self.cell_box

    def _build_shortfall_panel(self) -> QGroupBox:
        """Short posts, riskiest first."""
        self.short_box = QGroupBox()
        self.shortfall = _table()
        self.shortfall.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.shortfall.setWordWrap(False)
        short_layout = QVBoxLayout(self.short_box)
        short_layout.addWidget(self.shortfall)
        return self.short_box

    def _legend_html(self) -> str:
        """What the grid's colours and marks mean."""
        high_risk = self.tr("red post: high risk")
        short = self.tr("red cell: short")
        pinned = self.tr("pinned")
        parts = [
            f'<span style="color:{ROLE_COLOURS[role].name()}">■ {role_name(role)}</span>'
            for role in ("police", "auxiliary", "security", "volunteer")
        ]
        parts.append(f'<span style="color:{SHORT_TEXT.name()}">{high_risk}</span>')
        parts.append(
            f'<span style="background:{SHORT_BACKGROUND.name()}">&nbsp;{short}&nbsp;</span>'
        )
        parts.append(f"{PIN_MARK} {pinned}")
        return "&nbsp;&nbsp; ".join(parts)

    def show_idle(self, text: str) -> None:
        """Show `text` (why the week has nothing to plan) in place of the grids; "" shows them."""
        for stack, label in (
            (self.grid_stack, self.grid_idle),
            (self.school_stack, self.school_idle),
        ):
            label.setText(text)
            stack.setCurrentIndex(1 if text else 0)

    def set_stations(self, names: dict[int, str]) -> None:
        self._stations = names
        self.station.set_keys(list(names))
        self.station_filter.set_keys(list(names))

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
        self.previous_week.setText(self.tr("◀"))
        self.previous_week.setToolTip(self.tr("Previous week (Alt+Left)"))
        self.next_week.setText(self.tr("▶"))
        self.next_week.setToolTip(self.tr("Next week (Alt+Right)"))
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
        self.plan_next.setText(self.tr("Plan next week from this one"))
        self.plan_next.setToolTip(
            self.tr(
                "Open next week and solve it from this week's published roster: the same "
                "people at the same gates; leave and holidays change only what they must"
            )
        )
        self.publish.setText(self.tr("Publish"))
        self.grid_search.setPlaceholderText(self.tr("Filter schools and posts…"))
        self.problems_only.setText(self.tr("Problems only"))
        self.problems_only.setToolTip(self.tr("Only posts with a short session this week"))
        self.station_filter.retranslate()
        self.station_filter.setToolTip(self.tr("Show one station's schools of the district"))
        self.kind_filter.retranslate()
        self.risk_filter.retranslate()
        self.find_person.setPlaceholderText(self.tr("Find a person (name or code)…"))
        self.compact.setText(self.tr("Compact rows"))
        self.compact.setToolTip(self.tr("One line per row: more posts on screen"))
        self.legend.setText(self._legend_html())
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
        self.retranslated.emit()
