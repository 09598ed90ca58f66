"""Table models of the calendar page: terms, the month grid and the planner's exceptions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from huxue.calendar import ChinaDay, ChinaDayKind
from huxue.editing import CalendarDayData, TermData, format_window
from huxue.models import DayKind
from ui.i18n import day_kind_name, school_kind_name, scope_name, session_kind_name, weekday_short
from ui.tables import Index, TableModel

HOLIDAY = QColor("#fde0dc")
MAKEUP = QColor("#dbe9fb")
WEEKEND = QColor("#f1f1f1")
NO_TERM = QColor("#e8e8e8")
EXCEPTION = QColor("#fff1c4")
OTHER_MONTH = QColor("#b0b0b0")


def exception_label(day: CalendarDayData) -> str:
    """Closure, early release, exam day … as the planner named it."""
    if day.kind == DayKind.SPECIAL:
        return day.name or day_kind_name("special")
    return day_kind_name(day.kind)


class TermTableModel(TableModel):
    """Terms with their vacations."""

    COLUMNS = ("name", "first_day", "last_day", "vacations")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.terms: list[TermData] = []

    def set_terms(self, terms: list[TermData]) -> None:
        self.beginResetModel()
        self.terms = list(terms)
        self.endResetModel()

    def records(self) -> list[TermData]:
        return self.terms

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Term"), self.tr("First day"), self.tr("Last day"), self.tr("Vacations"))

    def cell(self, term: TermData, column: str, role: int, index: Index) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "name":
                return term.name
            if column == "first_day":
                return term.first_day.isoformat()
            if column == "last_day":
                return term.last_day.isoformat()
            return "; ".join(
                f"{v.name} {v.first_day:%m-%d}–{v.last_day:%m-%d}" for v in term.vacations
            )
        if role == Qt.ItemDataRole.UserRole:
            return term.id
        return None


class MonthModel(QAbstractTableModel):
    """Six weeks × seven days around one month: holidays, make-up days, terms and exceptions."""

    DateRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.year = 2026
        self.month = 9
        self.first = dt.date(2026, 8, 31)
        self.national: dict[dt.date, ChinaDay] = {}
        self.exceptions: list[CalendarDayData] = []
        self.terms: list[TermData] = []

    def set_month(
        self,
        year: int,
        month: int,
        national: dict[dt.date, ChinaDay],
        exceptions: list[CalendarDayData],
        terms: list[TermData],
    ) -> None:
        self.beginResetModel()
        self.year, self.month = year, month
        first_of_month = dt.date(year, month, 1)
        self.first = first_of_month - dt.timedelta(days=first_of_month.weekday())
        self.national, self.exceptions, self.terms = national, exceptions, terms
        self.endResetModel()

    def date_at(self, row: int, column: int) -> dt.date:
        return self.first + dt.timedelta(days=row * 7 + column)

    def index_of(self, day: dt.date) -> QModelIndex:
        offset = (day - self.first).days
        if 0 <= offset < 42:
            return self.index(offset // 7, offset % 7)
        return QModelIndex()

    def exceptions_on(self, day: dt.date) -> list[CalendarDayData]:
        return [e for e in self.exceptions if e.date_from <= day <= e.date_to]

    def in_term(self, day: dt.date) -> bool:
        for term in self.terms:
            if term.first_day <= day <= term.last_day:
                return not any(v.first_day <= day <= v.last_day for v in term.vacations)
        return False

    def makeup_follows(self, day: dt.date) -> int | None:
        """The weekday a make-up day follows (the planner's override first), else None."""
        for e in self.exceptions_on(day):
            if e.kind == DayKind.MAKEUP and e.scope == "all":
                return e.follows_weekday if e.follows_weekday is not None else 0
        national = self.national.get(day)
        if national is not None and national.kind == ChinaDayKind.MAKEUP:
            return national.follows_weekday if national.follows_weekday is not None else 0
        return None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 6

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return weekday_short(section) if 0 <= section < 7 else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < 6 and 0 <= index.column() < 7):
            return None
        day = self.date_at(index.row(), index.column())
        national = self.national.get(day)
        own = self.exceptions_on(day)
        if role == Qt.ItemDataRole.DisplayRole:
            lines = [str(day.day)]
            follows = self.makeup_follows(day)
            if follows is not None:
                lines.append(self.tr("Make-up (%1)").replace("%1", weekday_short(follows)))
            elif national is not None and national.kind == ChinaDayKind.HOLIDAY:
                lines.append(national.name or day_kind_name("holiday"))
            elif not self.in_term(day) and day.weekday() < 5:
                lines.append(self.tr("No school"))
            for e in own:
                if e.kind == DayKind.MAKEUP and e.scope == "all":
                    continue
                lines.append(exception_label(e))
            return "\n".join(lines[:3])
        if role == Qt.ItemDataRole.BackgroundRole:
            if self.makeup_follows(day) is not None:
                return QBrush(MAKEUP)
            if any(e.kind != DayKind.MAKEUP for e in own):
                return QBrush(EXCEPTION)
            if national is not None and national.kind == ChinaDayKind.HOLIDAY:
                return QBrush(HOLIDAY)
            if day.weekday() >= 5:
                return QBrush(WEEKEND)
            if not self.in_term(day):
                return QBrush(NO_TERM)
            return None
        if role == Qt.ItemDataRole.ForegroundRole and day.month != self.month:
            return QBrush(OTHER_MONTH)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        if role == Qt.ItemDataRole.ToolTipRole:
            tips = [day.isoformat()]
            if national is not None and national.name:
                tips.append(national.name)
            tips.extend(exception_label(e) for e in own)
            return "\n".join(tips)
        if role == self.DateRole:
            return day.isoformat()
        return None


class ExceptionTableModel(TableModel):
    """The planner's calendar exceptions that touch the month on show."""

    COLUMNS = ("dates", "kind", "scope", "times")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.days: list[CalendarDayData] = []
        self.school_names: dict[int, str] = {}

    def set_days(self, days: list[CalendarDayData], school_names: dict[int, str]) -> None:
        self.beginResetModel()
        self.days = list(days)
        self.school_names = school_names
        self.endResetModel()

    def records(self) -> list[CalendarDayData]:
        return self.days

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Dates"), self.tr("Exception"), self.tr("Applies to"), self.tr("Times"))

    def cell(self, day: CalendarDayData, column: str, role: int, index: Index) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "dates":
                if day.date_from == day.date_to:
                    return day.date_from.isoformat()
                return f"{day.date_from.isoformat()} – {day.date_to:%m-%d}"
            if column == "kind":
                text = exception_label(day)
                if day.kind == DayKind.MAKEUP:
                    text += " · " + weekday_short(day.follows_weekday or 0)
                return text
            if column == "scope":
                if day.scope == "kind":
                    return school_kind_name(day.school_kind or "")
                if day.scope == "school":
                    return self.school_names.get(day.school_id or 0, "")
                return scope_name(day.scope)
            return "; ".join(
                f"{session_kind_name(t.kind)} {format_window(t.start, t.end)}" for t in day.times
            )
        if role == Qt.ItemDataRole.UserRole:
            return day.id
        return None
