"""Table models of the people page: people, their filter, leave and preferred schools."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from huxue.editing import LeaveData, PersonRow
from huxue.search import SearchIndex
from ui.i18n import role_name

Index = QModelIndex | QPersistentModelIndex
_GREY = QBrush(QColor("#7a7a7a"))
_INVALID = QBrush(QColor("#ffd9d9"))


class PersonTableModel(QAbstractTableModel):
    """Every person of the database, one per row; `IdRole` gives a row's person id."""

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2
    COLUMNS = ("code", "name", "role", "station", "phone", "max_per_week", "status")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PersonRow] = []
        self.index_for_search = SearchIndex([])

    def set_rows(self, rows: list[PersonRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.index_for_search = SearchIndex([(r.name, r.code, r.phone) for r in rows])
        self.endResetModel()

    def update_row(self, row: PersonRow | None, person_id: int) -> None:
        at = self.source_row_of_id(person_id)
        rows = list(self._rows)
        if row is None and at is not None:
            del rows[at]
        elif row is not None and at is None:
            rows = sorted([*rows, row], key=lambda r: r.code)
        elif row is not None and at is not None:
            self._rows[at] = row
            self.index_for_search = SearchIndex([(r.name, r.code, r.phone) for r in self._rows])
            self.dataChanged.emit(self.index(at, 0), self.index(at, len(self.COLUMNS) - 1))
            return
        self.set_rows(rows)

    def row_of(self, row: int) -> PersonRow:
        return self._rows[row]

    def source_row_of_id(self, person_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == person_id), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Role"),
            self.tr("Police station"),
            self.tr("Phone"),
            self.tr("Max/week"),
            self.tr("Status"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
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


class PersonFilterModel(QSortFilterProxyModel):
    """Filters people by station, role, active and a (pinyin) search text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.station_id: int | None = None
        self.role: str | None = None
        self.active: bool | None = None
        self.text = ""
        self._matching: set[int] | None = None
        self.setSortRole(PersonTableModel.SortRole)
        self.setSortLocaleAware(True)

    def set_filters(self, **changes: Any) -> None:
        """Change some of text, station_id, role and active; re-filter once."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
        for name, value in changes.items():
            setattr(self, name, value)
        self._matching = None
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def refresh(self) -> None:
        self.set_filters()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, PersonTableModel):
            return True
        if self._matching is None:
            self._matching = model.index_for_search.matching(self.text)
        if source_row not in self._matching:
            return False
        row = model.row_of(source_row)
        if self.station_id is not None and row.station_id != self.station_id:
            return False
        if self.role is not None and row.role != self.role:
            return False
        return not (self.active is not None and row.active != self.active)


class LeaveTableModel(QAbstractTableModel):
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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.leaves)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (self.tr("From"), self.tr("To"), self.tr("Reason"))[section]

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.leaves):
            return None
        leave = self.leaves[index.row()]
        column = self.COLUMNS[index.column()]
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
            new = replace(leave, **{column: day})
        if new == leave:
            return False
        self.leaves[index.row()] = new
        self.dataChanged.emit(index, index)
        self.changed.emit()
        return True


class SchoolListModel(QAbstractTableModel):
    """A person's preferred schools (id, name)."""

    changed = Signal()

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

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.schools)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr("Preferred school") if section == 0 else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.schools):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.schools[index.row()][1]
        if role == Qt.ItemDataRole.UserRole:
            return self.schools[index.row()][0]
        return None
