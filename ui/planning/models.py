"""Table models of the planning page: the roster grid (by station and by school), the person
week, the people lists one drags from, the shortfall panel, the audit trail and a version diff.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from huxue.attendance.reports import Tally
from huxue.planning_views import PersonInfo, PostInfo, ShortRow, WeekPlan
from huxue.week import SESSION_ORDER
from ui.attendance.turnout import turnout_short
from ui.i18n import risk_name, role_name, session_kind_name, weekday_short
from ui.tables import FilterModel, Index, TableModel

MIME_TYPE = "application/x-huxue-duty"
ROLE_COLOURS = {
    "police": QColor("#0d47a1"),
    "auxiliary": QColor("#00695c"),
    "security": QColor("#6d4c41"),
    "volunteer": QColor("#2e7d32"),
}
ROLE_TINTS = {
    "police": QColor("#e3ecfa"),
    "auxiliary": QColor("#e0f2ef"),
    "security": QColor("#f3ece8"),
    "volunteer": QColor("#e8f5e9"),
}
SHORT_BACKGROUND = QColor("#ffd6d6")
SHORT_TEXT = QColor("#b71c1c")
PIN_MARK = "◆"


def duty_mime(person_code: str, from_key: str | None) -> QMimeData:
    """A person dragged from a list (from_key None) or from a roster cell."""
    mime = QMimeData()
    payload = json.dumps({"person": person_code, "from": from_key}).encode()
    mime.setData(MIME_TYPE, QByteArray(payload))
    return mime


def read_duty_mime(mime: QMimeData) -> tuple[str, str | None] | None:
    if not mime.hasFormat(MIME_TYPE):
        return None
    try:
        payload = json.loads(bytes(mime.data(MIME_TYPE).data()).decode())
        return str(payload["person"]), payload.get("from")
    except (ValueError, KeyError, TypeError):
        return None


def missing_text(missing: tuple[int, int, int]) -> str:
    """ "Short: 1 police, 2 people" in the current language."""
    police, officers, total = missing
    parts = []
    if police:
        parts.append(QCoreApplication.translate("Planning", "{n} police").format(n=police))
    if officers:
        parts.append(QCoreApplication.translate("Planning", "{n} officers").format(n=officers))
    if total:
        parts.append(QCoreApplication.translate("Planning", "{n} people").format(n=total))
    return ", ".join(parts)


def blocked_text(blocked_by: str, label_of: Callable[[str], str]) -> str:
    """What stops a candidate, readable (`label_of` names a session key)."""
    if blocked_by.startswith("busy at "):
        return QCoreApplication.translate("Planning", "on duty at {where}").format(
            where=label_of(blocked_by[len("busy at ") :])
        )
    words = {
        "max_per_day": QCoreApplication.translate(
            "Planning", "at the daily limit (raise max per day)"
        ),
        "max_per_week": QCoreApplication.translate(
            "Planning", "at the weekly limit (raise max per week)"
        ),
        "station": QCoreApplication.translate(
            "Planning", "another station's officer (cross the station boundary)"
        ),
        "reach": QCoreApplication.translate("Planning", "lives beyond the travel radius"),
        "leave": QCoreApplication.translate("Planning", "on leave"),
        "availability": QCoreApplication.translate("Planning", "not available at that time"),
        "role": QCoreApplication.translate("Planning", "the post does not need this role"),
        "session_full": QCoreApplication.translate("Planning", "the post is full"),
        "not_chosen": QCoreApplication.translate(
            "Planning", "free, not chosen (the solve ended early)"
        ),
    }
    return words.get(blocked_by, blocked_by)


@dataclass
class _GridRow:
    post: PostInfo
    kind: str
    seq: int
    keys: dict[dt.date, str]


class RosterGridModel(QAbstractTableModel):
    """Posts × session kinds down, days across; a cell holds one duty session's people.

    Cells take drops of people (`MIME_TYPE`): `drop_handler(session_key, person_code,
    from_key)` makes the edit and returns the problems that refused it (empty: done). Dragging
    a cell carries the person chosen for it with `set_drag_person` (else its first person).
    """

    KeyRole = Qt.ItemDataRole.UserRole + 1
    PeopleRole = Qt.ItemDataRole.UserRole + 2
    SchoolRole = Qt.ItemDataRole.UserRole + 3
    MissingRole = Qt.ItemDataRole.UserRole + 4
    SortRole = Qt.ItemDataRole.UserRole + 5
    FIXED = 2

    edit_refused = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: WeekPlan | None = None
        self._rows: list[_GridRow] = []
        self._dates: list[dt.date] = []
        self._where: dict[str, tuple[int, int]] = {}
        self._drag_person: dict[str, str] = {}
        self.drop_handler: Callable[[str, str, str | None], list[str]] | None = None

    # -- loading -----------------------------------------------------------------------------

    def set_plan(self, plan: WeekPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self._rows = []
        self._where = {}
        self._drag_person = {}
        rows: dict[tuple[int, str, int], _GridRow] = {}
        dates: set[dt.date] = set()
        if plan is not None:
            for key, duty in plan.sessions.items():
                post = plan.posts.get(duty.post_id)
                if post is None:
                    continue
                row = rows.get((duty.post_id, duty.kind, duty.seq))
                if row is None:
                    row = rows[(duty.post_id, duty.kind, duty.seq)] = _GridRow(
                        post, duty.kind, duty.seq, {}
                    )
                row.keys[duty.date] = key
                dates.add(duty.date)
            week = plan.scope.week_start
        else:
            week = dt.date.today()
        self._rows = sorted(
            rows.values(),
            key=lambda r: (r.post.school_code, r.post.code, SESSION_ORDER.get(r.kind, 9), r.seq),
        )
        workdays = {week + dt.timedelta(days=i) for i in range(5)}
        self._dates = sorted(dates | workdays)
        for r, row in enumerate(self._rows):
            for date, key in row.keys.items():
                self._where[key] = (r, self.FIXED + self._dates.index(date))
        self.endResetModel()

    def duties_changed(self) -> None:
        """The plan's people moved (same sessions): repaint every cell."""
        if self._rows and self._dates:
            self._drag_person = {}
            self.dataChanged.emit(
                self.index(0, self.FIXED),
                self.index(len(self._rows) - 1, self.columnCount() - 1),
            )

    # -- lookups -----------------------------------------------------------------------------

    def session_at(self, index: Index) -> str | None:
        if not index.isValid() or index.column() < self.FIXED:
            return None
        if not 0 <= index.row() < len(self._rows):
            return None
        date = self._dates[index.column() - self.FIXED]
        return self._rows[index.row()].keys.get(date)

    def index_of_session(self, key: str) -> QModelIndex:
        where = self._where.get(key)
        return QModelIndex() if where is None else self.index(*where)

    def date_of_column(self, column: int) -> dt.date | None:
        if column < self.FIXED or column - self.FIXED >= len(self._dates):
            return None
        return self._dates[column - self.FIXED]

    def set_drag_person(self, key: str, person_code: str) -> None:
        self._drag_person[key] = person_code

    def people_at(self, key: str) -> list[tuple[str, str, str, bool]]:
        """(code, name, role, pinned) of everyone at a session."""
        plan = self.plan
        if plan is None:
            return []
        out = []
        for d in plan.duties.get(key, []):
            info = plan.people.get(d.person_id)
            if info is not None:
                out.append((info.code, info.name, info.role, d.pinned))
        return out

    # -- Qt model ----------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.FIXED + len(self._dates)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if section == 0:
            return QCoreApplication.translate("Planning", "School · post")
        if section == 1:
            return QCoreApplication.translate("Planning", "Session")
        date = self.date_of_column(section)
        if date is None:
            return None
        return f"{weekday_short(date.weekday())} {date.month}/{date.day}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        key = self.session_at(index)
        if key is None:
            return base
        flags = base | Qt.ItemFlag.ItemIsDropEnabled
        if self.plan is not None and self.plan.duties.get(key):
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, self.SortRole):
                return f"{row.post.school_name} · {row.post.name}"
            if role == Qt.ItemDataRole.ToolTipRole:
                return QCoreApplication.translate(
                    "Planning", "{school} ({code}), post {post}, risk {risk}"
                ).format(
                    school=row.post.school_name,
                    code=row.post.school_code,
                    post=row.post.name,
                    risk=risk_name(row.post.risk),
                )
            if role == self.SchoolRole:
                return row.post.school_id
            if role == Qt.ItemDataRole.ForegroundRole and row.post.risk >= 3:
                return QBrush(SHORT_TEXT)
            return None
        if column == 1:
            if role in (Qt.ItemDataRole.DisplayRole, self.SortRole):
                name = session_kind_name(row.kind)
                return name if row.seq <= 1 else f"{name} {row.seq}"
            if role == self.SchoolRole:
                return row.post.school_id
            return None
        if role == self.SchoolRole:
            return row.post.school_id
        key = self.session_at(index)
        if key is None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#f2f2f2"))
            return None
        return self._cell_data(key, role)

    def _cell_data(self, key: str, role: int) -> Any:
        plan = self.plan
        assert plan is not None
        if role == self.KeyRole:
            return key
        if role == self.PeopleRole:
            return self.people_at(key)
        if role == self.MissingRole:
            return plan.missing(key) if plan.has_roster else (0, 0, 0)
        if role in (Qt.ItemDataRole.DisplayRole, self.SortRole):
            names = [
                (PIN_MARK if pinned else "") + name for _, name, _, pinned in self.people_at(key)
            ]
            return "、".join(names)
        if role == Qt.ItemDataRole.BackgroundRole:
            if plan.has_roster and any(plan.missing(key)):
                return QBrush(SHORT_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key)
        return None

    def _tooltip(self, key: str) -> str:
        plan = self.plan
        assert plan is not None
        duty = plan.sessions[key]
        lines = [
            f"{session_kind_name(duty.kind)} {duty.start:%H:%M}–{duty.end:%H:%M}",
            QCoreApplication.translate(
                "Planning", "Need: {police} police, {officers} officers, {total} people"
            ).format(police=duty.need_police, officers=duty.need_officers, total=duty.need_total),
        ]
        for code, name, role, pinned in self.people_at(key):
            mark = " " + QCoreApplication.translate("Planning", "(pinned)") if pinned else ""
            lines.append(f"• {name} ({code}) · {role_name(role)}{mark}")
        if plan.has_roster:
            shortage = plan.shortages.get(key)
            if shortage is not None:
                lines.append(
                    QCoreApplication.translate("Planning", "Short: {what}").format(
                        what=missing_text(
                            (
                                shortage.missing.police,
                                shortage.missing.officers,
                                shortage.missing.total,
                            )
                        )
                    )
                )
                if shortage.reason is not None:
                    lines.append(shortage.reason.text)
                    for c in shortage.reason.candidates:
                        info = plan.person_by_code(c.person)
                        lines.append(
                            f"  – {info.name if info else c.person}: "
                            + blocked_text(c.blocked_by, lambda k: session_label(plan, k))
                        )
        return "\n".join(lines)

    # -- drag and drop -----------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        for index in indexes:
            key = self.session_at(index)
            if key is None:
                continue
            people = self.people_at(key)
            if not people:
                continue
            codes = [code for code, *_ in people]
            chosen = self._drag_person.get(key)
            return duty_mime(chosen if chosen in codes else codes[0], key)
        return QMimeData()

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        target = parent if parent.isValid() else self.index(row, column)
        return read_duty_mime(data) is not None and self.session_at(target) is not None

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        payload = read_duty_mime(data)
        target = parent if parent.isValid() else self.index(row, column)
        key = self.session_at(target)
        if payload is None or key is None or self.drop_handler is None:
            return False
        person, from_key = payload
        problems = self.drop_handler(key, person, from_key)
        if problems:
            self.edit_refused.emit("\n".join(problems))
            return False
        return True


def session_label(plan: WeekPlan, key: str) -> str:
    """A session for people: "集美第一小学 北门 · Mon 12/7 Arrival"."""
    duty = plan.sessions.get(key)
    if duty is None:
        return key
    post = plan.posts.get(duty.post_id)
    where = f"{post.school_name} {post.name}" if post else key
    return (
        f"{where} · {weekday_short(duty.date.weekday())} {duty.date.month}/{duty.date.day} "
        f"{session_kind_name(duty.kind)} {duty.start:%H:%M}"
    )


class SchoolFilter(FilterModel):
    """Shows the grid rows of one school (None: all) whose school or post matches a text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.school_id: int | None = None
        self.text = ""

    def set_school(self, school_id: int | None) -> None:
        with self._filter_change():
            self.school_id = school_id

    def set_text(self, text: str) -> None:
        with self._filter_change():
            self.text = text.strip().lower()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self.school_id is not None and model.data(index, RosterGridModel.SchoolRole) != (
            self.school_id
        ):
            return False
        if self.text:
            label = str(model.data(index, Qt.ItemDataRole.DisplayRole) or "").lower()
            return self.text in label
        return True


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

    def set_plan(self, plan: WeekPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self._people = []
        self._dates = []
        if plan is not None:
            week = plan.scope.week_start
            dates = {d.date for d in plan.sessions.values()}
            self._dates = sorted(dates | {week + dt.timedelta(days=i) for i in range(5)})
            codes = set(plan.instance.person_by_id)
            self._people = sorted(
                (p for p in plan.people.values() if p.code in codes),
                key=lambda p: (_role_rank(p.role), p.code),
            )
        self._fill_days()
        self.endResetModel()

    def duties_changed(self) -> None:
        self._fill_days()
        if self._people:
            self.dataChanged.emit(
                self.index(0, 2), self.index(len(self._people) - 1, self.columnCount() - 1)
            )

    def _fill_days(self) -> None:
        self._days = {}
        plan = self.plan
        if plan is None:
            return
        entries: dict[tuple[int, dt.date], list[tuple[dt.time, str]]] = {}
        for key, duties in plan.duties.items():
            duty = plan.sessions[key]
            post = plan.posts.get(duty.post_id)
            where = f"{post.school_name} {post.name}" if post else key
            for d in duties:
                text = f"{duty.start:%H:%M} {session_kind_name(duty.kind)} {where}"
                entries.setdefault((d.person_id, duty.date), []).append((duty.start, text))
        self._days = {k: [t for _, t in sorted(v)] for k, v in entries.items()}

    def row_of_code(self, code: str) -> int | None:
        return next((i for i, p in enumerate(self._people) if p.code == code), None)

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
        if not 0 <= section - self.FIXED < len(self._dates):
            return None
        date = self._dates[section - self.FIXED]
        return f"{weekday_short(date.weekday())} {date.month}/{date.day}"

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
            count = sum(len(self._days.get((person.id, d), [])) for d in self._dates)
            if role in (Qt.ItemDataRole.DisplayRole, self.SortRole):
                return count
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if not 0 <= column - self.FIXED < len(self._dates):
            return None
        lines = self._days.get((person.id, self._dates[column - self.FIXED]), [])
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
                return (
                    f"{weekday_short(row.date.weekday())} {row.date.month}/{row.date.day} "
                    f"{row.start:%H:%M} {session_kind_name(row.kind)}"
                )
            if column == "where":
                return f"{row.post.school_name} · {row.post.name}"
            if column == "missing":
                return missing_text(row.missing)
            return row.reason_text or QCoreApplication.translate("Planning", "(cause not computed)")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole and column == "risk" and row.risk >= 3:
            return QBrush(SHORT_TEXT)
        return None

    def _tooltip(self, row: ShortRow) -> str:
        lines = [row.reason_text] if row.reason_text else []
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
