"""The overview's "1、3、5" card: per peak window, the share of schools an on-duty officer
reaches within 1, 3 and 5 minutes, the roster alone → with the week's patrols
(`huxue.overview.response_rows`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huxue.overview import ResponseRow
from solver.patrol.response import Figures
from ui.map.page import window_name
from ui.tables import Index, TableModel


class ResponseModel(TableModel):
    """A row per peak window: schools, shares within 1/3/5 minutes, average and worst."""

    COLUMNS = ("window", "schools", "t1", "t3", "t5", "average", "worst")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ResponseRow] = []

    def set_rows(self, rows: Sequence[ResponseRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def records(self) -> Sequence[ResponseRow]:
        return self._rows

    def headers(self) -> Sequence[str]:
        return [
            self.tr("Peak"),
            self.tr("Schools"),
            self.tr("≤ 1 min"),
            self.tr("≤ 3 min"),
            self.tr("≤ 5 min"),
            self.tr("Avg"),
            self.tr("Max"),
        ]

    def cell(self, record: ResponseRow, column: str, role: int, index: Index) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column != "window":
            return self.tr("Posts alone → posts and patrols (minutes)")
        if role == Qt.ItemDataRole.TextAlignmentRole and column != "window":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        alone, both = record.alone, record.with_patrols
        if column == "window":
            return window_name(record.window)
        if column == "schools":
            return f"{both.schools:,}"
        if column in ("t1", "t3", "t5"):
            tier = int(column[1])
            return f"{100 * alone.share(tier):.0f}→{100 * both.share(tier):.0f}%"
        if column == "average":
            return f"{_minutes(alone.average)}→{_minutes(both.average)}"
        return f"{_whole(alone.worst)}→{_whole(both.worst)}"


def _minutes(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _whole(value: int | None) -> str:
    return "—" if value is None else str(value)


class ResponseCard(QGroupBox):
    """The card: a title, the table, a line on schools no officer reaches, and the switch of
    the roster solve's response-time term."""

    plan_switched = Signal(bool)  # the planner turned the response-time term on or off

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plan = QCheckBox()
        self.plan.toggled.connect(self.plan_switched)
        self.model = ResponseModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.note = QLabel()
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.note)
        layout.addWidget(self.plan)
        layout.addStretch(1)
        self.retranslate()

    def set_rows(self, rows: Sequence[ResponseRow]) -> None:
        """Show a week's rows (none: the week has no peak window)."""
        self.model.set_rows(rows)
        # As tall as its rows: four peak windows at most, no scrolling.
        height = self.table.horizontalHeader().sizeHint().height() + 4
        height += sum(self.table.rowHeight(i) for i in range(len(rows)))
        self.table.setFixedHeight(height)
        self._note()

    def show_plan_switch(self, on: bool) -> None:
        """Show the term's stored state without emitting `plan_switched`."""
        self.plan.blockSignals(True)
        self.plan.setChecked(on)
        self.plan.blockSignals(False)

    def _note(self) -> None:
        rows = self.model.records()
        if not rows:
            self.note.setText(self.tr("No peak window this week."))
            return
        unreached = sum(r.alone.unreached for r in rows)
        both = sum(r.with_patrols.unreached for r in rows)
        late = sum(_late(r.with_patrols) for r in rows)
        self.note.setText(
            self.tr("Beyond 5 minutes with patrols: %1 school-windows; no officer at all: %2 → %3")
            .replace("%1", str(late))
            .replace("%2", str(unreached))
            .replace("%3", str(both))
        )

    def retranslate(self) -> None:
        self.setTitle(self.tr("Response times at peaks (1-3-5 rule)"))
        self.plan.setText(self.tr("Place officers for response times when planning"))
        self.plan.setToolTip(
            self.tr(
                "Among gates of equal shortfall, the roster solve puts officers where they reach "
                "more schools within 3 and 5 minutes at peaks (no seat is left empty for it)"
            )
        )
        self.model.headerDataChanged.emit(
            Qt.Orientation.Horizontal, 0, len(ResponseModel.COLUMNS) - 1
        )
        self._note()


def _late(fig: Figures) -> int:
    """School-windows beyond 5 minutes or without any officer."""
    return fig.schools - fig.within[2]
