"""The roster grid: posts × days of a week (by station, or one school through `SchoolFilter`),
with drag and drop of people between cells and from the side lists."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from huxue.planning_views import PostInfo, WeekPlan
from huxue.vocabulary import SESSION_ORDER
from ui.i18n import risk_name, role_name, session_name
from ui.planning.labels import (
    HIGHLIGHT,
    PIN_MARK,
    SHORT_BACKGROUND,
    SHORT_TEXT,
    blocked_text,
    cause_text,
    day_label,
    missing_text,
    session_label,
)
from ui.tables import FilterModel, Index

MIME_TYPE = "application/x-huxue-duty"


def column_date(dates: Sequence[dt.date], fixed: int, column: int) -> dt.date | None:
    """The day of a week table's column: `fixed` columns come first, then one per day."""
    if not 0 <= column - fixed < len(dates):
        return None
    return dates[column - fixed]


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
    KindRole = Qt.ItemDataRole.UserRole + 6  # the row's school kind
    RiskRole = Qt.ItemDataRole.UserRole + 7  # the row's post risk
    ProblemRole = Qt.ItemDataRole.UserRole + 8  # a session of the row is short
    StationRole = Qt.ItemDataRole.UserRole + 9  # the row's school's station id
    # A day cell's (people, missing, background) in one call, kept until the duties change:
    # the delegate paints a screenful of cells per scroll step.
    CellRole = Qt.ItemDataRole.UserRole + 10
    FIXED = 2

    edit_refused = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: WeekPlan | None = None
        self._rows: list[_GridRow] = []
        self._dates: list[dt.date] = []
        self._where: dict[str, tuple[int, int]] = {}
        self._drag_person: dict[str, str] = {}
        self._kinds: dict[str, str] = {}  # school code → kind
        self._cells: dict[str, tuple[list[tuple[str, str, str, bool]], tuple[int, int, int], Any]]
        self._cells = {}
        self.highlight: int | None = None  # a person whose duties are marked
        self.drop_handler: Callable[[str, str, str | None], list[str]] | None = None

    # -- loading -----------------------------------------------------------------------------

    def set_plan(self, plan: WeekPlan | None) -> None:
        self.beginResetModel()
        self.plan = plan
        self._cells = {}
        self._rows = []
        self._where = {}
        self._drag_person = {}
        self._kinds = plan.school_kinds() if plan is not None else {}
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
        self._cells = {}
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
        return column_date(self._dates, self.FIXED, column)

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
        return day_label(date)

    def flags(self, index: Index) -> Qt.ItemFlag:
        # Combined once (below the class): the view asks for every cell it paints.
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        key = self.session_at(index)
        if key is None:
            return _CELL
        if self.plan is not None and self.plan.duties.get(key):
            return _DRAG_CELL
        return _DROP_CELL

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == self.KindRole:  # the row's, in every column (the filters read column 0)
            return self.row_kind(row)
        if role == self.RiskRole:
            return row.post.risk
        if role == self.StationRole:
            return row.post.station_id
        if role == self.ProblemRole:
            return self.row_short(row)
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, self.SortRole):
                return self.row_label(row)
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
                return session_name(row.kind, row.seq)
            if role == self.SchoolRole:
                return row.post.school_id
            return None
        if role == self.SchoolRole:
            return row.post.school_id
        key = self.session_at(index)
        if role == self.CellRole:
            return None if key is None else self._cell(key)
        if key is None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor("#f2f2f2"))
            return None
        return self._cell_data(key, role)

    def _cell(self, key: str) -> tuple[list[tuple[str, str, str, bool]], tuple[int, int, int], Any]:
        found = self._cells.get(key)
        if found is None:
            found = self._cells[key] = (
                self.people_at(key),
                self._cell_data(key, self.MissingRole),
                self._cell_data(key, Qt.ItemDataRole.BackgroundRole),
            )
        return found

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
            if self.highlight is not None and any(
                d.person_id == self.highlight for d in plan.duties.get(key, [])
            ):
                return QBrush(HIGHLIGHT)
            if plan.has_roster and any(plan.missing(key)):
                return QBrush(SHORT_BACKGROUND)
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(key)
        return None

    def grid_row(self, row: int) -> _GridRow | None:
        """The post and session kind shown in a row (None: no such row)."""
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_kind(self, row: _GridRow) -> str:
        """The kind of the row's school."""
        return self._kinds.get(row.post.school_code, "")

    @staticmethod
    def row_label(row: _GridRow) -> str:
        """The row's first column: school · post."""
        return f"{row.post.school_name} · {row.post.name}"

    def row_short(self, row: _GridRow) -> bool:
        """True when a session of the row lacks people (in a week with a roster)."""
        plan = self.plan
        if plan is None or not plan.has_roster:
            return False
        return any(any(plan.missing(key)) for key in row.keys.values())

    def set_highlight(self, person_id: int | None) -> list[str]:
        """Mark every duty of a person (None: nobody); returns their session keys in order."""
        self.highlight = person_id
        self.duties_changed()
        plan = self.plan
        if plan is None or person_id is None:
            return []
        keys = [
            k for k, duties in plan.duties.items() if any(d.person_id == person_id for d in duties)
        ]
        return sorted(keys, key=lambda k: self._where.get(k, (0, 0)))

    def _tooltip(self, key: str) -> str:
        plan = self.plan
        assert plan is not None
        duty = plan.sessions[key]
        lines = [
            f"{session_name(duty.kind, duty.seq)} {duty.start:%H:%M}–{duty.end:%H:%M}",
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
                    lines.append(cause_text(shortage.reason))
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


_CELL = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_DROP_CELL = _CELL | Qt.ItemFlag.ItemIsDropEnabled
_DRAG_CELL = _DROP_CELL | Qt.ItemFlag.ItemIsDragEnabled


class SchoolFilter(FilterModel):
    """Shows the grid rows of one school (None: all) whose school or post matches a text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.school_id: int | None = None
        self.text = ""
        self.kind: str | None = None
        self.risk: int | None = None
        self.station_id: int | None = None
        self.problems_only = False

    def set_station(self, station_id: int | None) -> None:
        """Only rows of one station's schools (None: every station of the scope)."""
        with self._filter_change():
            self.station_id = station_id

    def set_kind(self, kind: str | None) -> None:
        """Only rows of schools of this kind (None: every kind)."""
        with self._filter_change():
            self.kind = kind

    def set_risk(self, risk: int | None) -> None:
        """Only rows of posts of this risk (None: every risk)."""
        with self._filter_change():
            self.risk = risk

    def set_problems_only(self, on: bool) -> None:
        """Only rows with a short session."""
        with self._filter_change():
            self.problems_only = on

    def set_school(self, school_id: int | None) -> None:
        if school_id == self.school_id:  # the rows were filtered when the model last changed
            return
        with self._filter_change():
            self.school_id = school_id

    def set_text(self, text: str) -> None:
        with self._filter_change():
            self.text = text.strip().lower()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if isinstance(model, RosterGridModel) and not source_parent.isValid():
            # The grid's rows are read directly: a reload filters every district row twice,
            # and asking `data()` role by role costs an index and a call each.
            return self._accepts_grid_row(model, source_row)
        index = model.index(source_row, 0, source_parent)
        if self.school_id is not None and model.data(index, RosterGridModel.SchoolRole) != (
            self.school_id
        ):
            return False
        if self.station_id is not None and (
            model.data(index, RosterGridModel.StationRole) != self.station_id
        ):
            return False
        if self.kind is not None and model.data(index, RosterGridModel.KindRole) != self.kind:
            return False
        if self.risk is not None and model.data(index, RosterGridModel.RiskRole) != self.risk:
            return False
        if self.problems_only and not model.data(index, RosterGridModel.ProblemRole):
            return False
        if self.text:
            label = str(model.data(index, Qt.ItemDataRole.DisplayRole) or "").lower()
            return self.text in label
        return True

    def _accepts_grid_row(self, model: RosterGridModel, source_row: int) -> bool:
        """`filterAcceptsRow` on a `RosterGridModel` row, with the same tests as `data()`."""
        row = model.grid_row(source_row)
        if row is None:
            return False
        post = row.post
        if self.school_id is not None and post.school_id != self.school_id:
            return False
        if self.station_id is not None and post.station_id != self.station_id:
            return False
        if self.kind is not None and model.row_kind(row) != self.kind:
            return False
        if self.risk is not None and post.risk != self.risk:
            return False
        if self.problems_only and not model.row_short(row):
            return False
        if self.text:
            return self.text in model.row_label(row).lower()
        return True
