"""巡逻 · 响应地图: plan the week's patrol loops and see, on the district map and in figures, how
many schools the nearest on-duty officer reaches within 1, 3 and 5 minutes at each peak."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session, col, func, select

from huxue.errors import HuxueError
from huxue.models import Roster, School
from huxue.overview import FAIR_TURNOUT, GOOD_TURNOUT, school_turnout, turnout_colour
from huxue.patrols import ResponseReport
from huxue.reports.district_map import LATE_COLOUR, NONE_COLOUR, TIER_COLOURS, map_scene
from huxue.reports.response import write_response
from huxue.reports.route_cards import write_route_cards
from solver.patrol.model import PEAK_KINDS
from solver.patrol.response import Figures
from ui.context import AppContext
from ui.i18n import current_language
from ui.map.basemap_dialog import BasemapDialog, basemap_choice
from ui.map.view import MapView
from ui.map.worker import ReportJob
from ui.tables import Index


class FiguresModel(QAbstractTableModel):
    """One row per peak window: schools, shares within 1/3/5 minutes (posts → +patrols)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, Figures, Figures]] = []

    def set_report(self, report: ResponseReport | None, day: dt.date | None) -> None:
        """Show one day's figures (all days when `day` is None)."""
        self.beginResetModel()
        self._rows = []
        if report is not None:
            from solver.patrol.response import figures

            for window in PEAK_KINDS:
                both = [
                    r
                    for r in report.with_patrols
                    if r.window == window and (day is None or r.date == day)
                ]
                if not both:
                    continue
                alone = [
                    r
                    for r in report.roster_alone
                    if r.window == window and (day is None or r.date == day)
                ]
                self._rows.append((window, figures(alone), figures(both)))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 5

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            self.tr("Window"),
            self.tr("Schools"),
            self.tr("≤ 1 min"),
            self.tr("≤ 3 min"),
            self.tr("≤ 5 min"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        window, alone, both = self._rows[index.row()]
        column = index.column()
        if column == 0:
            return window_name(window)
        if column == 1:
            return str(both.schools)
        tier = (1, 3, 5)[column - 2]
        text = f"{100 * alone.share(tier):.0f}% → {100 * both.share(tier):.0f}%"
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Posts alone → posts and patrols")
        return text


def window_name(window: str) -> str:
    """A peak window's name in the window's language."""
    names = {
        "arrival": QCoreApplication.translate("PatrolMapPage", "Morning arrival"),
        "noon": QCoreApplication.translate("PatrolMapPage", "Noon"),
        "dismissal": QCoreApplication.translate("PatrolMapPage", "Dismissal"),
        "evening": QCoreApplication.translate("PatrolMapPage", "Evening study"),
    }
    return str(names.get(window, window))


class PatrolMapPage(QWidget):
    """The page: toolbar, the map and the figures; `report_ready` after each (re)load."""

    report_ready = Signal()
    failed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: ResponseReport | None = None
        self.job = ReportJob(self)
        self.job.finished.connect(self._on_report)
        self.job.failed.connect(self._on_failed)
        self._build()
        self._use_basemap()
        self.week.setDate(_qdate(self._default_week()))
        self.week.dateChanged.connect(self._on_week)
        self.ctx.database_changed.connect(self.reload)

    def page_title(self) -> str:
        return self.tr("Patrols")

    # -- building ----------------------------------------------------------------------

    def _build(self) -> None:
        self.week = QDateEdit()
        self.week.setCalendarPopup(True)
        self.week.setDisplayFormat("yyyy-MM-dd")
        self.day = QComboBox()
        self.day.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.window_box = QComboBox()
        for kind in PEAK_KINDS:
            self.window_box.addItem(kind, kind)
        self.with_patrols = QCheckBox()
        self.with_patrols.setChecked(True)
        self.by_turnout = QCheckBox()  # the optional turnout layer
        self.plan_button = QPushButton()
        self.units_button = QPushButton()
        self.cards_button = QPushButton()
        self.export_button = QPushButton()
        self.basemap_button = QPushButton()
        self.fit_button = QPushButton()
        self.week_label = QLabel()
        bar = QHBoxLayout()
        bar.addWidget(self.week_label)
        bar.addWidget(self.week)
        bar.addWidget(self.day)
        bar.addWidget(self.window_box)
        bar.addWidget(self.with_patrols)
        bar.addWidget(self.by_turnout)
        bar.addStretch(1)
        for button in (
            self.plan_button,
            self.units_button,
            self.cards_button,
            self.export_button,
            self.basemap_button,
            self.fit_button,
        ):
            bar.addWidget(button)

        self.map = MapView()
        self.figures = FiguresModel(self)
        self.table = QTableView()
        self.table.setModel(self.figures)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel()
        self.status.setWordWrap(True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        self.figures_label = QLabel()
        self.legend = QLabel()
        side_layout.addWidget(self.figures_label)
        side_layout.addWidget(self.table, 1)
        side_layout.addWidget(self.legend)
        side_layout.addWidget(self.status)
        self.basemap_note = QLabel()
        self.basemap_note.setWordWrap(True)
        self.basemap_note.setStyleSheet("color: #777")
        side_layout.addWidget(self.basemap_note)
        self.map.fetcher.finished.connect(self._on_tiles)
        split = QSplitter()
        split.addWidget(self.map)
        split.addWidget(side)
        split.setStretchFactor(0, 1)
        split.setSizes([900, 330])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

        self.day.currentIndexChanged.connect(self._redraw)
        self.window_box.currentIndexChanged.connect(self._redraw)
        self.with_patrols.toggled.connect(self._redraw)
        self.by_turnout.toggled.connect(self._on_turnout_layer)
        self.plan_button.clicked.connect(self.plan)
        self.units_button.clicked.connect(self._on_units)
        self.cards_button.clicked.connect(self._on_cards)
        self.export_button.clicked.connect(self._on_export)
        self.basemap_button.clicked.connect(self._on_basemap)
        self.fit_button.clicked.connect(lambda: self._redraw(fit=True))
        self.map.school_clicked.connect(self._on_school)
        self._retranslate()

    def _retranslate(self) -> None:
        for i, kind in enumerate(PEAK_KINDS):
            self.window_box.setItemText(i, window_name(kind))
        self.with_patrols.setText(self.tr("With patrols"))
        self.by_turnout.setText(self.tr("Colour by turnout"))
        self.plan_button.setText(self.tr("Plan patrols"))
        self.units_button.setText(self.tr("Patrol units…"))
        self.cards_button.setText(self.tr("Route cards…"))
        self.export_button.setText(self.tr("Export…"))
        self.basemap_button.setText(self.tr("Basemap…"))
        self.fit_button.setText(self.tr("Fit"))
        self.week_label.setText(self.tr("Week"))
        self.figures_label.setText(
            self.tr("Response within 1, 3, 5 minutes (posts → with patrols)")
        )
        self.legend.setText(self._legend())
        self.figures.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 4)
        self.figures.dataChanged.emit(
            self.figures.index(0, 0), self.figures.index(self.figures.rowCount() - 1, 0)
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _legend(self) -> str:
        def dot(rgb: tuple[int, int, int], text: str) -> str:
            return f'<span style="color: rgb{rgb}">●</span> {text}'

        if self.by_turnout.isChecked():
            turnout = [
                dot(turnout_colour(GOOD_TURNOUT), self.tr("turnout ≥ %1").replace("%1", "95%")),
                dot(turnout_colour(FAIR_TURNOUT), self.tr("turnout ≥ %1").replace("%1", "80%")),
                dot(turnout_colour(0.0), self.tr("turnout below %1").replace("%1", "80%")),
                dot(turnout_colour(None), self.tr("no attendance recorded")),
            ]
            return "<br>".join(turnout)
        parts = [
            dot(colour, self.tr("≤ %1 min").replace("%1", str(limit)))
            for limit, colour in TIER_COLOURS
        ]
        parts.append(dot(LATE_COLOUR, self.tr("over 5 min")))
        parts.append(dot(NONE_COLOUR, self.tr("no officer on duty")))
        parts.append("□ " + self.tr("officer at a post") + " &nbsp; ▲ " + self.tr("police station"))
        return "<br>".join(parts)

    # -- loading -----------------------------------------------------------------------

    def _default_week(self) -> dt.date:
        with Session(self.ctx.engine) as session:
            latest = session.exec(select(func.max(col(Roster.week_start)))).first()
        day = latest or dt.date.today()
        return day - dt.timedelta(days=day.weekday())

    def week_start(self) -> dt.date:
        """The Monday of the chosen week."""
        day = self.week.date().toPython()
        assert isinstance(day, dt.date)
        return day - dt.timedelta(days=day.weekday())

    def reload(self) -> None:
        """Read the week's report again (in a child process)."""
        self._start(plan=False)

    def plan(self) -> None:
        """Plan the week's patrols, store them and show the new report."""
        self._start(plan=True)

    def _start(self, *, plan: bool) -> None:
        if self.job.is_running():
            return
        self.plan_button.setEnabled(False)
        self.status.setText(self.tr("Planning patrols…") if plan else self.tr("Loading…"))
        url = self.ctx.engine.url.render_as_string(hide_password=False)
        self.job.start(url, self.week_start(), plan=plan, lang=current_language())

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        if self.report is None and not self.job.is_running():
            self.reload()

    def _on_week(self) -> None:
        self.report = None
        if self.by_turnout.isChecked():
            self._on_turnout_layer(True)
        self.reload()

    def _on_report(self, payload: tuple[ResponseReport, str]) -> None:
        self.plan_button.setEnabled(True)
        self.report, summary = payload
        days = sorted({r.date for r in self.report.with_patrols})
        self.day.blockSignals(True)
        self.day.clear()
        for day in days:
            self.day.addItem(day.strftime("%m-%d %a"), day)
        self.day.blockSignals(False)
        fig = self.report.overall()
        loops = len(self.report.loops)
        self.status.setText(
            (summary + "\n" if summary else "")
            + self.tr("%1 loops this week; %2 school-windows beyond 5 minutes")
            .replace("%1", str(loops))
            .replace("%2", str(len(self.report.fixes)))
            + ("" if fig.schools else "\n" + self.tr("No duty sessions this week."))
        )
        self._redraw(fit=True)
        self.report_ready.emit()

    def _on_failed(self, text: str) -> None:
        self.plan_button.setEnabled(True)
        self.status.setText(text)
        self.failed.emit(text)

    def _on_turnout_layer(self, on: bool) -> None:
        """Colour schools by the week's recorded turnout (read when switched on)."""
        self.map.turnout = None
        if on:
            with Session(self.ctx.engine) as session:
                tallies = school_turnout(session, self.week_start())
            self.map.turnout = {code: t.turnout for code, t in tallies.items()}
        self.legend.setText(self._legend())
        self._redraw()

    def _redraw(self, *_args: object, fit: bool = False) -> None:
        if self.report is None:
            return
        day = self.day.currentData()
        window = str(self.window_box.currentData())
        with Session(self.ctx.engine) as session:
            scene = map_scene(
                session, self.report, day, window, patrols=self.with_patrols.isChecked()
            )
        self.map.show_scene(scene, keep_view=not fit)
        self.figures.set_report(self.report, day)

    # -- actions -------------------------------------------------------------------------

    def _on_school(self, code: str) -> None:
        with Session(self.ctx.engine) as session:
            school_id = session.exec(select(School.id).where(School.code == code)).first()
        window = self.window()
        if school_id is None or not hasattr(window, "show_page"):
            return
        window.show_page("schools")
        window.page("schools").controller.select_school(school_id)  # type: ignore[attr-defined]

    def _on_units(self) -> None:
        from ui.map.units_dialog import UnitsDialog

        dialog = UnitsDialog(self.ctx, self)
        dialog.exec()

    def _on_cards(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the route cards"))
        if not folder:
            return
        try:
            with Session(self.ctx.engine) as session:
                paths = write_route_cards(session, self.week_start(), Path(folder))
        except HuxueError as exc:
            QMessageBox.warning(self, self.tr("Route cards"), str(exc))
            return
        self.status.setText(self.tr("Route cards written: %1").replace("%1", str(len(paths))))

    def _on_export(self) -> None:
        if self.report is None:
            return
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the response report"),
            "response.pdf",
            "PDF (*.pdf);;PNG (*.png);;CSV (*.csv)",
        )
        if not path:
            return
        try:
            with Session(self.ctx.engine) as session:
                write_response(
                    session,
                    self.report,
                    Path(path),
                    day=self.day.currentData(),
                    window=str(self.window_box.currentData()),
                )
        except HuxueError as exc:
            QMessageBox.warning(self, self.tr("Export"), str(exc))
            return
        self.status.setText(self.tr("Written: %1").replace("%1", path))

    def _on_basemap(self) -> None:
        dialog = BasemapDialog(self)
        if dialog.exec():
            self._use_basemap()
            self._redraw()

    def _use_basemap(self) -> None:
        choice = basemap_choice()
        self.map.basemap = choice.path
        self.map.tile_source = choice.source
        self.basemap_note.clear()

    def _on_tiles(self, _had: int, failed: int) -> None:
        # Quietly: the map reads well without its basemap.
        self.basemap_note.setText(
            self.tr("Basemap: %1 tiles could not be fetched from the tile server").replace(
                "%1", str(failed)
            )
            if failed
            else ""
        )


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
