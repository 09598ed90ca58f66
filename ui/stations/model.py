"""The table of the stations dialog: code, name, location, and how many schools and people."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from huxue.editing import StationRow
from ui.tables import Index, RecordTableModel


def location_text(lat: float | None, lon: float | None) -> str:
    """``24.600000, 118.100000``, or an empty text for no location."""
    if lat is None or lon is None:
        return ""
    return f"{lat:.6f}, {lon:.6f}"


class StationTableModel(RecordTableModel):
    """Every police station, one per row; `IdRole` gives a row's station id."""

    COLUMNS = ("code", "name", "location", "schools", "people")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(lambda r: (r.name, r.code), parent)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Location (lat, lon)"),
            self.tr("Schools"),
            self.tr("People"),
        )

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )

    def cell(self, row: StationRow, column: str, role: int, index: Index) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "location":
                return location_text(row.lat, row.lon) or self.tr("not placed")
            return getattr(row, column)
        if role == self.SortRole:
            if column == "location":
                return location_text(row.lat, row.lon)
            return getattr(row, column)
        if role == self.IdRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and column == "location" and row.lat is None:
            return Qt.GlobalColor.gray
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("schools", "people"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None
