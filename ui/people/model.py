"""Table models of the people page: people, their filter, leave and preferred schools."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QDate,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from huxue.editing import LeaveData, PersonRow
from ui.i18n import role_name
from ui.tables import Index, RecordFilterModel, RecordTableModel, TableModel

_GREY = QBrush(QColor("#7a7a7a"))
_INVALID = QBrush(QColor("#ffd9d9"))


class PersonTableModel(RecordTableModel):
    """Every person of the database, one per row; `IdRole` gives a row's person id."""

    COLUMNS = ("code", "name", "role", "station", "phone", "max_per_week", "status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(lambda r: (r.name, r.code, r.phone), parent)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Role"),
            self.tr("Police station"),
            self.tr("Phone"),
            self.tr("Max/week"),
            self.tr("Status"),
        )

    def cell(self, row: PersonRow, column: str, role: int, index: Index) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "role":
                return role_name(row.role)
            if column == "station":
                return row.station_name
            if column == "max_per_week":
                return "–" if row.max_per_week is None else row.max_per_week
            if column == "status":
                if not row.active:
                    return self.tr("inactive")
                return self.tr("on leave") if row.on_leave_today else self.tr("active")
            return getattr(row, column)
        if role == self.SortRole:
            if column == "station":
                return row.station_name
            if column == "max_per_week":
                return -1 if row.max_per_week is None else row.max_per_week
            if column == "status":
                return (int(row.active), int(not row.on_leave_today))
            return getattr(row, column)
        if role == self.IdRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return _GREY
        return None


class PersonFilterModel(RecordFilterModel):
    """Filters people by station, role, active and a (pinyin) search text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.role: str | None = None
        self.active: bool | None = None

    def set_filters(self, **changes: Any) -> None:
        """Change some of text, station_id, role and active; re-filter once."""
        with self._filter_change():
            for name, value in changes.items():
                setattr(self, name, value)
            self._matching = None

    def accepts(self, row: PersonRow) -> bool:
        if self.role is not None and row.role != self.role:
            return False
        return not (self.active is not None and row.active != self.active)


class LeaveTableModel(TableModel):
    """A person's leave (inclusive date ranges), edited in place."""

    changed = Signal()
    COLUMNS = ("date_from", "date_to", "reason")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.leaves: list[LeaveData] = []
        self.invalid_row: int | None = None

    def set_leaves(self, leaves: tuple[LeaveData, ...]) -> None:
        self.beginResetModel()
        self.leaves = list(leaves)
        self.invalid_row = None
        self.endResetModel()

    def set_invalid_row(self, row: int | None) -> None:
        if row != self.invalid_row:
            self.invalid_row = row
            if self.leaves:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.leaves) - 1, 2))

    def add(self, leave: LeaveData) -> int:
        row = len(self.leaves)
        self.beginInsertRows(QModelIndex(), row, row)
        self.leaves.append(leave)
        self.endInsertRows()
        self.changed.emit()
        return row

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.leaves):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.leaves[row]
            self.endRemoveRows()
            self.changed.emit()

    def records(self) -> list[LeaveData]:
        return self.leaves

    def headers(self) -> tuple[str, ...]:
        return (self.tr("From"), self.tr("To"), self.tr("Reason"))

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def cell(self, leave: LeaveData, column: str, role: int, index: Index) -> Any:
        value = getattr(leave, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return value.isoformat() if isinstance(value, dt.date) else value
        if role == Qt.ItemDataRole.EditRole:
            return (
                QDate(value.year, value.month, value.day) if isinstance(value, dt.date) else value
            )
        if role == Qt.ItemDataRole.BackgroundRole and index.row() == self.invalid_row:
            return _INVALID
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        leave = self.leaves[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "reason":
            new = replace(leave, reason=str(value))
        else:
            if isinstance(value, QDate):
                day = dt.date(value.year(), value.month(), value.day())
            else:
                try:
                    day = dt.date.fromisoformat(str(value))
                except ValueError:
                    return False
            dates: dict[str, Any] = {column: day}
            new = replace(leave, **dates)
        if new == leave:
            return False
        self.leaves[index.row()] = new
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True


class SchoolListModel(TableModel):
    """A person's preferred schools (id, name)."""

    changed = Signal()
    COLUMNS = ("name",)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.schools: list[tuple[int, str]] = []

    def set_schools(self, schools: list[tuple[int, str]]) -> None:
        self.beginResetModel()
        self.schools = list(schools)
        self.endResetModel()

    def ids(self) -> tuple[int, ...]:
        return tuple(sorted(i for i, _ in self.schools))

    def add(self, school_id: int, name: str) -> None:
        if school_id in {i for i, _ in self.schools}:
            return
        row = len(self.schools)
        self.beginInsertRows(QModelIndex(), row, row)
        self.schools.append((school_id, name))
        self.endInsertRows()
        self.changed.emit()

    def remove(self, row: int) -> None:
        if 0 <= row < len(self.schools):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.schools[row]
            self.endRemoveRows()
            self.changed.emit()

    def records(self) -> list[tuple[int, str]]:
        return self.schools

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Preferred school"),)

    def cell(self, school: tuple[int, str], column: str, role: int, index: Index) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return school[1]
        if role == Qt.ItemDataRole.UserRole:
            return school[0]
        return None
