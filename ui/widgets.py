"""Small widgets shared by the pages: keyed combo boxes, the error banner, invalid marking."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)
from sqlmodel import SQLModel

# Style sheets are set on the few widgets that need them, never on the application: an
# application-wide sheet sends every item view through the slow style-sheet style.
INVALID_STYLE = "background-color: #ffd9d9; border: 1px solid #c62828;"
BANNER_STYLES = {
    "error": "color: #b71c1c; background: #fdecea; border: 1px solid #f5c2c0; "
    "border-radius: 3px; padding: 4px 6px;",
    "notice": "color: #6d4c00; background: #fff6d6; border: 1px solid #f0d98a; "
    "border-radius: 3px; padding: 4px 6px;",
}
NAVIGATION_STYLE = """
QListWidget { font-size: 14px; }
QListWidget::item { padding: 10px 8px; }
QListWidget::item:selected { background: #1565c0; color: white; }
"""


def make_title(label: QLabel) -> QLabel:
    """A page or editor title: larger and bold."""
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    label.setFont(font)
    return label


def make_record_table() -> QTableView:
    """The read-only list beside a record editor: one whole row selected at a time."""
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    return table


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Show `widget` as holding an invalid value (red) or not."""
    if bool(widget.property("invalid")) == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.setStyleSheet(INVALID_STYLE if invalid else "")


class Banner(QLabel):
    """A message strip that hides itself when empty (errors in red, notices in amber)."""

    def __init__(self, kind: str = "error", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner" if kind == "error" else "noticeBanner")
        self.setStyleSheet(BANNER_STYLES["error" if kind == "error" else "notice"])
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


class KeyedComboBox(QComboBox):
    """A combo box whose items carry a key and whose labels are re-made on a language change.

    `label` turns a key into the visible text (translated at call time); an optional first
    item with key None stands for "all" in filters.
    """

    def __init__(
        self,
        label: Callable[[Any], str],
        keys: Sequence[Any] = (),
        all_label: Callable[[], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._label = label
        self._all_label = all_label
        self.set_keys(keys)

    def set_keys(self, keys: Sequence[Any]) -> None:
        current = self.current_key()
        self.blockSignals(True)
        self.clear()
        if self._all_label is not None:
            self.addItem(self._all_label(), None)
        for key in keys:
            self.addItem(self._label(key), key)
        self.blockSignals(False)
        self.set_current_key(current)

    def retranslate(self) -> None:
        for i in range(self.count()):
            key = self.itemData(i)
            if key is None and self._all_label is not None:
                self.setItemText(i, self._all_label())
            else:
                self.setItemText(i, self._label(key))

    def current_key(self) -> Any:
        return self.currentData() if self.count() else None

    def set_current_key(self, key: Any) -> None:
        for i in range(self.count()):
            if self.itemData(i) == key:
                self.setCurrentIndex(i)
                return
        if self.count():
            self.setCurrentIndex(0)


@contextmanager
def wait_cursor() -> Iterator[None]:
    """Show the busy cursor while a slow step runs."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


@contextmanager
def collection_paused() -> Iterator[None]:
    """Hold Python's cyclic garbage collector while a step builds many objects that all stay
    alive (a district week: some 100,000): a full collection in the middle walks the whole heap
    for nothing and cost a third of the week's loading time. Collection resumes afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_float(text: str, field: str) -> float | None:
    """A number typed into a field (empty: None); FieldError naming `field` otherwise."""
    from huxue.editing import FieldError

    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise FieldError(field, "range", f"{text!r} is not a number", value=text) from None


def text_edit(model: type[SQLModel], name: str) -> QLineEdit:
    """A line edit for a text field that takes no more characters than the field may hold
    (`huxue.editing.max_length`, from `solver.limits.TEXT_LIMITS`)."""
    from huxue.editing.validation import max_length

    edit = QLineEdit()
    limit = max_length(model, name)
    if limit is not None:
        edit.setMaxLength(limit)
    return edit


def limit_spin_box(box: QSpinBox, field: str, *, no_limit: int | None = None) -> QSpinBox:
    """Give `box` the range of `field` in `solver.limits.LIMITS` (below it `no_limit`, a value
    the box shows as "no limit", when given)."""
    from solver.limits import LIMITS

    bounds = LIMITS[field]
    low = int(bounds.low) if no_limit is None else no_limit
    box.setRange(low, int(bounds.high))
    return box


class LimitDelegate(QStyledItemDelegate):
    """Edits a table's whole-number cell with a spin box holding the range of `field` in
    `solver.limits.LIMITS` (a post's risk, a need's counts)."""

    def __init__(self, field: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.field = field

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        return limit_spin_box(QSpinBox(parent), self.field)


class TextDelegate(QStyledItemDelegate):
    """Edits a table's text cell with a line edit that takes no more characters than the
    model's field may hold (see `text_edit`)."""

    def __init__(self, model: type[SQLModel], name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.name = name

    def createEditor(  # noqa: N802
        self,
        parent: QWidget,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> QWidget:
        edit = text_edit(self.model, self.name)
        edit.setParent(parent)
        return edit
