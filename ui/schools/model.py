"""Table models of the schools page: the schools, their filter, posts, needs and bell times."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont

from huxue import editing
from huxue.editing import BellData, NeedData, PostData, SchoolRow
from ui.i18n import (
    risk_name,
    school_kind_name,
    session_kind_name,
    session_kind_short,
    weekday_name,
)
from ui.tables import Index, RecordFilterModel, RecordTableModel, TableModel

_INVALID = QBrush(QColor("#ffd9d9"))
_DEFAULT_TEXT = QBrush(QColor("#7a7a7a"))


class SchoolTableModel(RecordTableModel):
    """Every school of the database, one per row; `IdRole` gives a row's school id."""

    COLUMNS = ("code", "name", "kind", "station", "posts", "risk", "active")
    _ROLES = frozenset(
        {
            Qt.ItemDataRole.UserRole + 1,
            Qt.ItemDataRole.UserRole + 2,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.TextAlignmentRole,
        }
    )

    def __init__(self, parent: Any = None) -> None:
        self._texts: dict[int, tuple[Any, ...]] = {}
        super().__init__(lambda r: (r.name, r.code, r.address), parent)

    def _forget(self, row: int | None) -> None:
        if row is None:
            self._texts.clear()
        else:
            self._texts.pop(row, None)

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Kind"),
            self.tr("Police station"),
            self.tr("Posts"),
            self.tr("Risk"),
            self.tr("Active"),
        )

    def _display(self, row: int) -> tuple[Any, ...]:
        # Painting asks for every visible cell and role; the texts are made once per row.
        cached = self._texts.get(row)
        if cached is None:
            r = self._rows[row]
            cached = self._texts[row] = (
                r.code,
                r.name,
                school_kind_name(r.kind),
                r.station_name,
                r.posts,
                risk_name(r.max_risk),
                self.tr("yes") if r.active else self.tr("no"),
            )
        return cached

    def retranslate(self) -> None:
        """Forget the translated texts (the language changed) and repaint."""
        self._texts.clear()
        if self._rows:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            )
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            row = index.row()
            if not index.isValid() or not 0 <= row < len(self._rows):
                return None
            return self._display(row)[index.column()]
        if role not in self._ROLES or not index.isValid():
            return None
        if not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == self.SortRole:
            return {
                "code": row.code,
                "name": row.name,
                "kind": row.kind,
                "station": row.station_name,
                "posts": row.posts,
                "risk": row.max_risk,
                "active": int(row.active),
            }[column]
        if role == self.IdRole:
            return row.id
        if role == Qt.ItemDataRole.ForegroundRole and not row.active:
            return _DEFAULT_TEXT
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "posts":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class SchoolFilterModel(RecordFilterModel):
    """Filters schools by station, kind, highest post risk and a (pinyin) search text."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.kind: str | None = None
        self.risk: int | None = None

    def set_filters(
        self,
        *,
        text: str | None = None,
        station_id: int | None | str = "keep",
        kind: str | None = "keep",
        risk: int | None | str = "keep",
    ) -> None:
        """Change some filters (arguments left out keep their value) and re-filter once."""
        with self._filter_change():
            if text is not None:
                self.text = text
            if station_id != "keep":
                self.station_id = station_id  # type: ignore[assignment]
            if kind != "keep":
                self.kind = kind
            if risk != "keep":
                self.risk = risk  # type: ignore[assignment]
            self._matching = None

    def accepts(self, row: SchoolRow) -> bool:
        if self.kind is not None and row.kind != self.kind:
            return False
        return not (self.risk is not None and row.max_risk != self.risk)


class PostTableModel(TableModel):
    """The posts of the school in the editor (not saved until the editor saves).

    A post's location is typed as latitude and longitude (both, or neither: the post then
    stands at its school's, shown grey). A coordinate that is not a number is kept, marked red,
    and blocks saving; ``24.61, 118.11`` typed into either column sets both.
    """

    changed = Signal()
    COLUMNS = ("code", "name", "risk", "lat", "lon", "active")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.posts: list[PostData] = []
        self.invalid: set[tuple[int, str]] = set()
        self.bad_text: dict[tuple[int, str], str] = {}
        self.school_location: tuple[float | None, float | None] = (None, None)

    def set_posts(self, posts: tuple[PostData, ...]) -> None:
        self.beginResetModel()
        self.posts = list(posts)
        self.invalid = set()
        self.bad_text = {}
        self.endResetModel()

    def set_school_location(self, lat: float | None, lon: float | None) -> None:
        """Where posts without their own location stand (shown grey in their cells)."""
        self.school_location = (lat, lon)
        if self.posts:
            self.dataChanged.emit(self.index(0, 3), self.index(len(self.posts) - 1, 4))

    def set_invalid(self, cells: set[tuple[int, str]]) -> None:
        if cells == self.invalid:
            return
        self.invalid = cells
        if self.posts:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self.posts) - 1, len(self.COLUMNS) - 1)
            )

    def add_post(self, post: PostData) -> int:
        row = len(self.posts)
        self.beginInsertRows(QModelIndex(), row, row)
        self.posts.append(post)
        self.endInsertRows()
        self.changed.emit()
        return row

    def remove_post(self, row: int) -> None:
        if not 0 <= row < len(self.posts):
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.posts[row]
        self.bad_text = {
            (r - (r > row), column): text for (r, column), text in self.bad_text.items() if r != row
        }
        self.endRemoveRows()
        self.changed.emit()

    def replace_post(self, row: int, post: PostData) -> None:
        self.posts[row] = post
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
        self.changed.emit()

    def check_text(self) -> None:
        """Raise the `FieldError` of the first coordinate typed that is not a number."""
        for (row, column), text in sorted(self.bad_text.items()):
            raise editing.FieldError(
                f"posts.{row}.{column}", "range", f"{text!r} is not a number", value=text
            )

    def records(self) -> list[PostData]:
        return self.posts

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Risk 1–3"),
            self.tr("Latitude"),
            self.tr("Longitude"),
            self.tr("Active"),
        )

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return section + 1
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.ToolTipRole
            and section in (3, 4)
        ):
            return self.tr("Empty: the post stands at its school's location")
        return super().headerData(section, orientation, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.COLUMNS[index.column()] == "active":
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    def _coordinate(self, post: PostData, row: int, column: str, role: int) -> Any:
        bad = self.bad_text.get((row, column))
        own = getattr(post, column)
        if role == Qt.ItemDataRole.EditRole:
            if bad is not None:
                return bad
            return "" if own is None else f"{own:.6f}"
        if role == Qt.ItemDataRole.DisplayRole:
            if bad is not None:
                return bad
            if own is not None:
                return f"{own:.6f}"
            school = self.school_location[0 if column == "lat" else 1]
            return "" if school is None else f"{school:.6f}"
        at_school = bad is None and own is None
        if role == Qt.ItemDataRole.ForegroundRole and at_school:
            return _DEFAULT_TEXT
        if role == Qt.ItemDataRole.FontRole and at_school:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole and at_school:
            return self.tr("At the school's location; type to place the post itself")
        if role == Qt.ItemDataRole.BackgroundRole and (
            bad is not None or (row, column) in self.invalid
        ):
            return _INVALID
        return None

    def cell(self, post: PostData, column: str, role: int, index: Index) -> Any:
        if column in ("lat", "lon"):
            return self._coordinate(post, index.row(), column, role)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == "code":
                return post.code
            if column == "name":
                return post.name
            if column == "risk":
                return post.risk
            return None
        if role == Qt.ItemDataRole.CheckStateRole and column == "active":
            return Qt.CheckState.Checked if post.active else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.BackgroundRole and (index.row(), column) in self.invalid:
            return _INVALID
        return None

    def _set_coordinate(self, row: int, column: str, value: Any) -> PostData | None:
        """The post with `column` set from typed text (None: the text was kept as invalid)."""
        post = self.posts[row]
        text = str(value if value is not None else "").strip()
        parts = [p for p in re.split(r"[,，\s]+", text) if p]
        try:
            numbers = [float(p) for p in parts]
        except ValueError:
            self.bad_text[(row, column)] = text
            return None
        for key in ((row, "lat"), (row, "lon")) if len(numbers) == 2 else ((row, column),):
            self.bad_text.pop(key, None)
        if len(numbers) == 2:  # "lat, lon" pasted from a map
            return replace(post, lat=numbers[0], lon=numbers[1])
        if len(numbers) > 2:
            self.bad_text[(row, column)] = text
            return None
        number = numbers[0] if numbers else None
        return replace(post, lat=number) if column == "lat" else replace(post, lon=number)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not 0 <= index.row() < len(self.posts):
            return False
        row = index.row()
        post = self.posts[row]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column == "active":
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            new = replace(post, active=checked)
        elif role == Qt.ItemDataRole.EditRole and column in ("lat", "lon"):
            had_bad = (row, column) in self.bad_text
            made = self._set_coordinate(row, column, value)
            if made is None or made == post:
                if made is None or had_bad:
                    self.dataChanged.emit(self.index(row, 3), self.index(row, 4))
                    self.changed.emit()
                    return True
                return False
            new = made
        elif role == Qt.ItemDataRole.EditRole and column in ("code", "name"):
            text: dict[str, Any] = {column: str(value)}
            new = replace(post, **text)
        elif role == Qt.ItemDataRole.EditRole and column == "risk":
            try:
                new = replace(post, risk=int(value))
            except (TypeError, ValueError):
                return False
        else:
            return False
        if new == post:
            return False
        self.posts[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.COLUMNS) - 1))
        self.changed.emit()
        return True


class NeedTableModel(TableModel):
    """The staffing need of one post: a row per session kind; unchecked kinds are not staffed."""

    changed = Signal()
    COLUMNS = ("kind", "police", "officers", "total")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.needs: dict[str, NeedData] = {}
        self.enabled = False
        self.invalid: set[tuple[str, str]] = set()

    def set_needs(self, needs: tuple[NeedData, ...] | None) -> None:
        self.beginResetModel()
        self.enabled = needs is not None
        self.needs = {n.kind: n for n in needs or ()}
        self.endResetModel()

    def set_invalid(self, cells: set[tuple[str, str]]) -> None:
        if cells == self.invalid:
            return
        self.invalid = cells
        self.dataChanged.emit(
            self.index(0, 0), self.index(len(editing.SESSION_KINDS) - 1, len(self.COLUMNS) - 1)
        )

    def result(self) -> tuple[NeedData, ...]:
        return tuple(self.needs[k] for k in editing.SESSION_KINDS if k in self.needs)

    def records(self) -> tuple[str, ...]:
        return editing.SESSION_KINDS

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("Session (staffed)"),
            self.tr("Police ≥"),
            self.tr("Officers ≥"),
            self.tr("Total"),
        )

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if not self.enabled:
            return Qt.ItemFlag.NoItemFlags
        kind = editing.SESSION_KINDS[index.row()]
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == 0:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        if kind in self.needs:
            return base | Qt.ItemFlag.ItemIsEditable
        return Qt.ItemFlag.ItemIsSelectable

    def cell(self, kind: str, column: str, role: int, index: Index) -> Any:
        need = self.needs.get(kind)
        if column == "kind":
            if role == Qt.ItemDataRole.DisplayRole:
                return session_kind_name(kind)
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if need else Qt.CheckState.Unchecked
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return getattr(need, column) if need else None
        if role == Qt.ItemDataRole.BackgroundRole and (kind, column) in self.invalid:
            return _INVALID
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or not self.enabled:
            return False
        kind = editing.SESSION_KINDS[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "kind" and role == Qt.ItemDataRole.CheckStateRole:
            if Qt.CheckState(value) == Qt.CheckState.Checked:
                self.needs[kind] = self.needs.get(kind) or NeedData(kind, 0, 1, 1)
            else:
                self.needs.pop(kind, None)
            self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), 3))
            self.changed.emit()
            return True
        if column != "kind" and role == Qt.ItemDataRole.EditRole and kind in self.needs:
            try:
                number = int(value)
            except (TypeError, ValueError):
                return False
            need = self.needs[kind]
            if getattr(need, column) == number:
                return False
            changes: dict[str, Any] = {column: number}
            self.needs[kind] = replace(need, **changes)
            self.dataChanged.emit(index, index)
            self.changed.emit()
            return True
        return False


class BellGridModel(QAbstractTableModel):
    """A school's bell times as weekday rows × session-kind columns.

    A cell shows the windows in force (``07:20–07:55``; several separated by ``;``). Days that
    follow the school kind's defaults are grey and italic. Typing into a cell gives that day its
    own rows; text that is not a list of windows is kept, marked red, and blocks saving.
    """

    changed = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.own: tuple[BellData, ...] = ()
        self.defaults: tuple[BellData, ...] = ()
        self.bad_text: dict[tuple[int, str], str] = {}
        self.invalid: set[tuple[int, str]] = set()
        self._week: dict[int, list[BellData]] = {}
        self._own_days: set[int] = set()

    def set_bells(self, own: tuple[BellData, ...], defaults: tuple[BellData, ...]) -> None:
        self.beginResetModel()
        self.own, self.defaults = own, defaults
        self.bad_text = {}
        self.invalid = set()
        self._recompute()
        self.endResetModel()

    def set_own(self, own: tuple[BellData, ...]) -> None:
        """Replace the school's own rows (copy Monday, reset to the defaults)."""
        self.own = own
        self.bad_text = {}
        self._recompute()
        self._all_changed()
        self.changed.emit()

    def set_invalid(self, cells: set[tuple[int, str]]) -> None:
        if cells == self.invalid:
            return
        self.invalid = cells
        self._all_changed()

    def _recompute(self) -> None:
        self._week = editing.effective_week(self.own, self.defaults)
        self._own_days = {b.weekday for b in self.own}

    def _all_changed(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(6, len(editing.SESSION_KINDS) - 1))

    def follows_defaults(self, weekday: int) -> bool:
        return weekday not in self._own_days

    def cell_text(self, weekday: int, kind: str) -> str:
        bad = self.bad_text.get((weekday, kind))
        if bad is not None:
            return bad
        windows = [b for b in self._week.get(weekday, []) if b.kind == kind]
        return "; ".join(editing.format_window(b.start, b.end) for b in windows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(editing.SESSION_KINDS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(editing.SESSION_KINDS):
                return session_kind_short(editing.SESSION_KINDS[section])
            return None
        if 0 <= section < 7:
            return weekday_name(section)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < 7):
            return None
        weekday, kind = index.row(), editing.SESSION_KINDS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.cell_text(weekday, kind)
        defaults = self.follows_defaults(weekday) and (weekday, kind) not in self.bad_text
        if role == Qt.ItemDataRole.FontRole and defaults:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and defaults:
            return _DEFAULT_TEXT
        if role == Qt.ItemDataRole.BackgroundRole and (
            (weekday, kind) in self.bad_text or (weekday, kind) in self.invalid
        ):
            return _INVALID
        if role == Qt.ItemDataRole.ToolTipRole and defaults:
            return self.tr("The default of this kind of school; type to give the day its own times")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        weekday, kind = index.row(), editing.SESSION_KINDS[index.column()]
        text = str(value or "").strip()
        if text == self.cell_text(weekday, kind):
            return False
        try:
            windows = editing.parse_windows(text, f"bell_times.{weekday}.{kind}")
        except editing.FieldError:
            self.bad_text[(weekday, kind)] = text
        else:
            self.bad_text.pop((weekday, kind), None)
            self.own = editing.set_cell(self.own, self.defaults, weekday, kind, windows)
            self._recompute()
        self._all_changed()
        self.changed.emit()
        return True

    def check_text(self) -> None:
        """Raise the `FieldError` of the first cell whose text is not a list of windows."""
        for (weekday, kind), text in sorted(self.bad_text.items()):
            editing.parse_windows(text, f"bell_times.{weekday}.{kind}")
