"""People on the planning page: one person's week, and the lists one drags people from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from huxue.attendance.reports import Tally
from huxue.planning_views import PersonInfo, WeekPlan
from ui.attendance.turnout import turnout_short
from ui.i18n import role_name, session_name
from ui.planning.grid import MIME_TYPE, column_date, duty_mime
from ui.planning.labels import PIN_MARK, ROLE_COLOURS, ROLE_TINTS, day_label, place_label
from ui.tables import Index


class PersonWeekModel(QAbstractTableModel):
    """Everyone of the scope down, their duties per day across (a week timeline)."""

    SortRole = Qt.ItemDataRole.UserRole + 1
    CodeRole = Qt.ItemDataRole.UserRole + 2
    FIXED = 3

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: WeekPlan | None = None
        self._people: list[PersonInfo] = []
        self._dates: list[dt.date] = []
        self._days: dict[tuple[int, dt.date], list[str]] = {}
        self._days_stale = False  # filled on the first read: the tab may never be shown

    def set_plan(self, plan: WeekPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self._people = []
        self._dates = []
        if plan is not None:
            week = plan.scope.week_start
            dates = {d.date for d in plan.sessions.values()}
            self._dates = sorted(dates | {week + dt.timedelta(days=i) for i in range(5)})
            codes = plan.person_codes_present()
            self._people = sorted(
                (p for p in plan.people.values() if p.code in codes),
                key=lambda p: (_role_rank(p.role), p.code),
            )
        self._days_stale = True
        self.endResetModel()

    def duties_changed(self) -> None:
        self._days_stale = True
        if self._people:
            self.dataChanged.emit(
                self.index(0, 2), self.index(len(self._people) - 1, self.columnCount() - 1)
            )

    def _day_lines(self) -> dict[tuple[int, dt.date], list[str]]:
        if self._days_stale:
            self._fill_days()
            self._days_stale = False
        return self._days

    def _fill_days(self) -> None:
        self._days = {}
        plan = self.plan
        if plan is None:
            return
        entries: dict[tuple[int, dt.date], list[tuple[dt.time, str]]] = {}
        for key, duties in plan.duties.items():
            duty = plan.sessions[key]
            where = place_label(plan, duty.post_id, key)
            for d in duties:
                text = f"{duty.start:%H:%M} {session_name(duty.kind, duty.seq)} {where}"
                entries.setdefault((d.person_id, duty.date), []).append((duty.start, text))
        self._days = {k: [t for _, t in sorted(v)] for k, v in entries.items()}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._people)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.FIXED + len(self._dates)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return QCoreApplication.translate("Planning", "Person")
        if section == 1:
            return QCoreApplication.translate("Planning", "Role")
        if section == 2:
            return QCoreApplication.translate("Planning", "Duties")
        date = column_date(self._dates, self.FIXED, section)
        return None if date is None else day_label(date)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._people):
            return None
        person = self._people[index.row()]
        column = index.column()
        if role == self.CodeRole:
            return person.code
        if column == 0:
            if role == Qt.ItemDataRole.DisplayRole:
                return f"{person.name} ({person.code})"
            if role == self.SortRole:
                return person.code
            return None
        if column == 1:
            if role == Qt.ItemDataRole.DisplayRole:
                return role_name(person.role)
            if role == self.SortRole:
                return _role_rank(person.role)
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(ROLE_COLOURS.get(person.role, QColor("black")))
            return None
        if column == 2:
            days = self._day_lines()
            count = sum(len(days.get((person.id, d), [])) for d in self._dates)
            if role in (Qt.ItemDataRole.DisplayRole, self.SortRole):
                return count
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        date = column_date(self._dates, self.FIXED, column)
        if date is None:
            return None
        lines = self._day_lines().get((person.id, date), [])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return "\n".join(lines) if lines else None
        if role == self.SortRole:
            return len(lines)
        if role == Qt.ItemDataRole.BackgroundRole and lines:
            return QBrush(ROLE_TINTS.get(person.role, QColor("white")))
        return None


def _role_rank(role: str) -> int:
    return {"police": 0, "auxiliary": 1, "security": 2, "volunteer": 3}.get(role, 9)


class PeopleListModel(QAbstractListModel):
    """People one can drag onto a roster cell: the eligible free people of a session, or the
    people at the selected session (dragging one of those moves them)."""

    CodeRole = Qt.ItemDataRole.UserRole + 1
    PinnedRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._items: list[tuple[str, str, str, bool]] = []  # code, name, role, pinned
        self.from_key: str | None = None
        self.turnout: dict[str, Tally] = {}  # by code: each person's recent turnout

    def set_people(
        self, items: Sequence[tuple[str, str, str, bool]], from_key: str | None = None
    ) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.from_key = from_key
        self.endResetModel()

    def code_at(self, row: int) -> str | None:
        return self._items[row][0] if 0 <= row < len(self._items) else None

    def codes(self) -> list[str]:
        return [code for code, *_ in self._items]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
        )

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        code, name, person_role, pinned = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            mark = PIN_MARK + " " if pinned else ""
            shown = turnout_short(self.turnout.get(code))
            return f"{mark}{name}  {code} · {role_name(person_role)}" + (
                f" · {shown}" if shown else ""
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(ROLE_COLOURS.get(person_role, QColor("black")))
        if role == self.CodeRole:
            return code
        if role == self.PinnedRole:
            return pinned
        return None

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        for index in indexes:
            code = self.code_at(index.row()) if index.isValid() else None
            if code is not None:
                return duty_mime(code, self.from_key)
        return QMimeData()
