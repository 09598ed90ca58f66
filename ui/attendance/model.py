"""The duties shown on the attendance page, with what is recorded and what is typed but unsaved."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont

from huxue.attendance.duties import Places
from huxue.attendance.record import DutyLine, Entry
from ui.i18n import role_name, session_name, session_seq
from ui.tables import Index, TableModel

STATUS_KEYS = {
    Qt.Key.Key_P: "present",
    Qt.Key.Key_L: "late",
    Qt.Key.Key_A: "absent",
    Qt.Key.Key_E: "excused",
    Qt.Key.Key_S: "substituted",
}
_STATUS_COLOURS = {
    "present": "#e3f3e3",
    "late": "#fff3cd",
    "absent": "#f8d7da",
    "excused": "#e2e3f3",
    "substituted": "#d9ecf7",
}


@dataclass
class DutyRow:
    """A duty line and the entry typed for it (None: nothing typed)."""

    line: DutyLine
    pending: Entry | None = None

    @property
    def status(self) -> str:
        """The status shown: typed, else recorded, else ""."""
        if self.pending is not None:
            return self.pending.status
        return self.line.mark.status if self.line.mark else ""

    @property
    def minutes_late(self) -> int:
        if self.pending is not None:
            return self.pending.minutes_late
        return self.line.mark.minutes_late if self.line.mark else 0

    @property
    def substitute_id(self) -> int | None:
        if self.pending is not None:
            return self.pending.substitute_id
        return self.line.mark.substitute_id if self.line.mark else None


class AttendanceModel(TableModel):
    """One row per duty: when, where, who, and its attendance."""

    COLUMNS = ("date", "session", "time", "post", "person", "role", "status", "late", "substitute")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[DutyRow] = []
        self._places: Places | None = None

    def records(self) -> Sequence[DutyRow]:
        return self._rows

    def set_lines(self, lines: Sequence[DutyLine], places: Places) -> None:
        """Show these duties, forgetting anything typed."""
        self.beginResetModel()
        self._rows = [DutyRow(line) for line in lines]
        self._places = places
        self.endResetModel()

    def row(self, row: int) -> DutyRow:
        return self._rows[row]

    def set_entry(self, row: int, entry: Entry | None) -> None:
        """Type (or, with None, clear) the entry of a row."""
        self._rows[row].pending = entry
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))

    def drop_pending(self) -> None:
        """Forget everything typed (once it is saved, or to discard it)."""
        for i, row in enumerate(self._rows):
            if row.pending is not None:
                self.set_entry(i, None)

    def pending(self) -> list[Entry]:
        """Everything typed and not saved."""
        return [r.pending for r in self._rows if r.pending is not None]

    def status_label(self, status: str) -> str:
        labels = {
            "present": self.tr("Present"),
            "late": self.tr("Late"),
            "absent": self.tr("Absent"),
            "excused": self.tr("Excused"),
            "substituted": self.tr("Substituted"),
            "": self.tr("Not recorded"),
        }
        return labels.get(status, status)

    def headers(self) -> Sequence[str]:
        return (
            self.tr("Date"),
            self.tr("Session"),
            self.tr("Time"),
            self.tr("School and post"),
            self.tr("Person"),
            self.tr("Role"),
            self.tr("Attendance"),
            self.tr("Minutes late"),
            self.tr("Substitute"),
        )

    def cell(self, record: DutyRow, column: str, role: int, index: Index) -> Any:
        places = self._places
        assert places is not None
        duty = record.line.duty
        if role == Qt.ItemDataRole.BackgroundRole and column == "status" and record.status:
            return QBrush(QColor(_STATUS_COLOURS[record.status]))
        if role == Qt.ItemDataRole.FontRole and record.pending is not None:
            font = QFont()
            font.setBold(True)  # typed but not saved yet
            return font
        if role == Qt.ItemDataRole.ToolTipRole and column == "status" and record.line.mark:
            mark = record.line.mark
            return (
                self.tr("Recorded by %1 at %2")
                .replace("%1", mark.recorded_by)
                .replace(
                    "%2", mark.recorded_at.strftime("%Y-%m-%d %H:%M") if mark.recorded_at else "—"
                )
            )
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column == "date":
            return duty.date.isoformat()
        if column == "session":
            return session_name(duty.kind, session_seq(duty.session_key))
        if column == "time":
            return f"{duty.start:%H:%M}–{duty.end:%H:%M}"
        if column == "post":
            _, post_name, school, _ = places.posts[duty.post_id]
            return f"{places.schools[school][1]} {post_name}"
        if column == "person":
            code, name, _, _ = places.people[duty.person_id]
            return f"{name} ({code})"
        if column == "role":
            return role_name(places.people[duty.person_id][2])
        if column == "status":
            return self.status_label(record.status) + (" *" if record.pending else "")
        if column == "late":
            return str(record.minutes_late) if record.minutes_late else ""
        if column == "substitute":
            sub = record.substitute_id
            return places.people[sub][1] if sub in places.people else ""
        return None
