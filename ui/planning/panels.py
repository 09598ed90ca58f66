"""The planning page's side tables: short seats riskiest first, the audit trail, a diff of two
versions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush

from huxue.planning_views import ShortRow, WeekPlan
from ui.i18n import risk_name, session_name, session_seq
from ui.planning.labels import (
    SHORT_TEXT,
    blocked_text,
    cause_text,
    day_label,
    missing_text,
    session_label,
)
from ui.tables import Index, TableModel


class ShortfallModel(TableModel):
    """Every short seat, riskiest first, with its cause and who could cover it."""

    KeyRole = Qt.ItemDataRole.UserRole + 1
    COLUMNS = ("risk", "when", "where", "missing", "cause")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ShortRow] = []
        self.plan: WeekPlan | None = None

    def set_rows(self, plan: WeekPlan | None, rows: list[ShortRow]) -> None:
        self.beginResetModel()
        self.plan = plan
        self._rows = rows
        self.endResetModel()

    def key_at(self, row: int) -> str | None:
        return self._rows[row].session_key if 0 <= row < len(self._rows) else None

    def records(self) -> list[ShortRow]:
        return self._rows

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("Planning", "Risk"),
            QCoreApplication.translate("Planning", "When"),
            QCoreApplication.translate("Planning", "School · post"),
            QCoreApplication.translate("Planning", "Missing"),
            QCoreApplication.translate("Planning", "Cause"),
        )

    def cell(self, row: ShortRow, column: str, role: int, index: Index) -> Any:
        if role == self.KeyRole:
            return row.session_key
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "risk":
                return risk_name(row.risk)
            if column == "when":
                name = session_name(row.kind, session_seq(row.session_key))
                return f"{day_label(row.date)} {row.start:%H:%M} {name}"
            if column == "where":
                return f"{row.post.school_name} · {row.post.name}"
            if column == "missing":
                return missing_text(row.missing)
            return cause_text(row.reason) or QCoreApplication.translate(
                "Planning", "(cause not computed)"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and column == "risk" and row.risk >= 3:
            return QBrush(SHORT_TEXT)
        return None

    def _tooltip(self, row: ShortRow) -> str:
        cause = cause_text(row.reason)
        lines = [cause] if cause else []
        if row.candidates:
            lines.append(
                QCoreApplication.translate("Planning", "Who could cover it, and what stops them:")
            )
            plan = self.plan
            for code, name, blocked in row.candidates:
                label = blocked_text(
                    blocked, (lambda k: session_label(plan, k)) if plan else (lambda k: k)
                )
                lines.append(f"  – {name} ({code}): {label}")
        return "\n".join(lines)


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    who: str
    action: str
    entity: str
    before: str
    after: str


class AuditModel(TableModel):
    """The audit trail, newest first: when, who, what, before and after."""

    COLUMNS = ("when", "who", "action", "roster", "before", "after")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRow] = []

    def set_rows(self, rows: list[AuditRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def records(self) -> list[AuditRow]:
        return self._rows

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("Planning", "When"),
            QCoreApplication.translate("Planning", "Who"),
            QCoreApplication.translate("Planning", "Action"),
            QCoreApplication.translate("Planning", "Roster"),
            QCoreApplication.translate("Planning", "Before"),
            QCoreApplication.translate("Planning", "After"),
        )

    def cell(self, row: AuditRow, column: str, role: int, index: Index) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            local = row.at.replace(tzinfo=dt.UTC).astimezone() if row.at.tzinfo is None else row.at
            return (
                f"{local.astimezone():%Y-%m-%d %H:%M:%S}",
                row.who,
                action_name(row.action),
                row.entity,
                row.before,
                row.after,
            )[index.column()]
        return None


def action_name(action: str) -> str:
    names = {
        "publish": QCoreApplication.translate("Planning", "Published"),
        "new_version": QCoreApplication.translate("Planning", "New version"),
        "solver": QCoreApplication.translate("Planning", "Generated"),
        "repair": QCoreApplication.translate("Planning", "Sick-call repair"),
        "manual": QCoreApplication.translate("Planning", "Manual edit"),
        "manual_add": QCoreApplication.translate("Planning", "Added by hand"),
        "manual_remove": QCoreApplication.translate("Planning", "Removed by hand"),
        "manual_move": QCoreApplication.translate("Planning", "Moved by hand"),
        "manual_pin": QCoreApplication.translate("Planning", "Pinned"),
        "manual_unpin": QCoreApplication.translate("Planning", "Unpinned"),
    }
    return names.get(action, action)


class DiffModel(TableModel):
    """What changed between two rosters: removed, added and moved duties, by person."""

    COLUMNS = ("change", "person", "duty")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, str, str]] = []  # change, person, session(s)

    def set_rows(self, rows: list[tuple[str, str, str]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def records(self) -> list[tuple[str, str, str]]:
        return self._rows

    def headers(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("Planning", "Change"),
            QCoreApplication.translate("Planning", "Person"),
            QCoreApplication.translate("Planning", "Duty"),
        )

    def cell(self, row: tuple[str, str, str], column: str, role: int, index: Index) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return row[index.column()]
        return None
