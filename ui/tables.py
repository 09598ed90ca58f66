"""Base classes of the pages' table models: a flat table over a list of records, a table of
database rows searched by pinyin, and a filter that re-filters once per change."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from huxue.search import SearchIndex

Index = QModelIndex | QPersistentModelIndex


class TableModel(QAbstractTableModel):
    """A flat table: a row per item of `records()`, a column per name in `COLUMNS`.

    Subclasses give `records()`, the translated column titles in `headers()` (their `tr()` calls
    stay in the subclass, so the translation context is the subclass's name) and `cell()`.
    """

    COLUMNS: tuple[str, ...] = ()

    def records(self) -> Sequence[Any]:
        """The items shown, one per row."""
        raise NotImplementedError

    def headers(self) -> Sequence[str]:
        """The column titles, in the order of `COLUMNS`."""
        return ()

    def cell(self, record: Any, column: str, role: int, index: Index) -> Any:
        """What `data()` answers for `record` (the row of `index`) in `column`."""
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.records())

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return self.headers()[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        records = self.records()
        if not index.isValid() or not 0 <= index.row() < len(records):
            return None
        return self.cell(records[index.row()], self.COLUMNS[index.column()], role, index)


class RecordTableModel(TableModel):
    """Rows of one database table (each with an `id` and a `code`), searched by pinyin.

    `IdRole` gives a row's id, `SortRole` the value the filter model sorts by.
    """

    IdRole = Qt.ItemDataRole.UserRole + 1
    SortRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, search_fields: Callable[[Any], tuple[str, ...]], parent: Any = None) -> None:
        super().__init__(parent)
        self._search_fields = search_fields
        self._rows: list[Any] = []
        self.index_for_search = SearchIndex([])

    def records(self) -> Sequence[Any]:
        return self._rows

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._forget(None)
        self.index_for_search = SearchIndex([self._search_fields(r) for r in rows])
        self.endResetModel()

    def update_row(self, row: Any | None, row_id: int) -> None:
        """Refresh, add or drop the row of one record after an edit."""
        at = self.source_row_of_id(row_id)
        if row is None:
            if at is not None:
                rows = list(self._rows)
                del rows[at]
                self.set_rows(rows)
            return
        if at is None:
            self.set_rows(sorted([*self._rows, row], key=lambda r: r.code))
            return
        self._rows[at] = row
        self._forget(at)
        self.index_for_search = SearchIndex([self._search_fields(r) for r in self._rows])
        self.dataChanged.emit(self.index(at, 0), self.index(at, len(self.COLUMNS) - 1))

    def set_station_name(self, station_id: int, name: str) -> None:
        """Show a renamed police station on the rows that belong to it (`station_name`)."""
        changed = False
        for i, row in enumerate(self._rows):
            if getattr(row, "station_id", None) == station_id and row.station_name != name:
                self._rows[i] = replace(row, station_name=name)
                changed = True
        if changed:
            self._forget(None)
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    def _forget(self, row: int | None) -> None:
        """Drop what was cached of one row (None: of every row); nothing by default."""

    def row_of(self, row: int) -> Any:
        return self._rows[row]

    def source_row_of_id(self, row_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == row_id), None)


class FilterModel(QSortFilterProxyModel):
    """A filter whose settings change inside `_filter_change()`, re-filtering once."""

    @contextmanager
    def _filter_change(self) -> Iterator[None]:
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
        yield
        if hasattr(self, "endFilterChange"):
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # Qt < 6.9
            self.invalidateFilter()


class RecordFilterModel(FilterModel):
    """Filters a `RecordTableModel` by a (pinyin) search text, a police station and `accepts()`.

    A keystroke computes the matching rows once with the model's `SearchIndex`, so
    `filterAcceptsRow` is a set lookup.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.station_id: int | None = None
        self.text = ""
        self._matching: set[int] | None = None
        self.setSortRole(RecordTableModel.SortRole)
        self.setSortLocaleAware(True)

    def refresh(self) -> None:
        """Re-filter after the source rows changed."""
        with self._filter_change():
            self._matching = None

    def accepts(self, row: Any) -> bool:
        """Whether the filters other than text and station let `row` through."""
        return True

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RecordTableModel):
            return True
        if self._matching is None:
            self._matching = model.index_for_search.matching(self.text)
        if source_row not in self._matching:
            return False
        row = model.row_of(source_row)
        if self.station_id is not None and row.station_id != self.station_id:
            return False
        return self.accepts(row)
