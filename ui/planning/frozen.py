"""A table whose first columns stay in place while the rest scroll sideways (Qt's frozen-column
pattern): a second `QTableView` over the left edge shares the model and the selection, shows
only those columns, and follows the main view's rows, heights and vertical scrolling."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemDelegate, QAbstractItemView, QHeaderView, QTableView

Index = QModelIndex | QPersistentModelIndex


class FrozenColumnsTable(QTableView):
    """A `QTableView` with its first `frozen` columns fixed at the left (`self.frozen_view`)."""

    def __init__(self, frozen: int = 2) -> None:
        super().__init__()
        self.frozen_count = frozen
        view = QTableView(self)
        view.setObjectName("frozenColumns")
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        view.verticalHeader().hide()
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.horizontalHeader().setHighlightSections(False)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setWordWrap(True)
        view.setStyleSheet("QTableView#frozenColumns { border: none; }")
        self.frozen_view = view
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.viewport().stackUnder(view)
        self.horizontalHeader().sectionResized.connect(self._on_column_resized)
        self.verticalHeader().sectionResized.connect(self._on_row_resized)
        view.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(view.verticalScrollBar().setValue)
        view.show()

    def setModel(self, model: QAbstractItemModel | None) -> None:  # noqa: N802 (Qt's name)
        super().setModel(model)
        self.frozen_view.setModel(model)
        self.frozen_view.setSelectionModel(self.selectionModel())
        if model is not None:
            for signal in (model.modelReset, model.layoutChanged, model.columnsInserted):
                signal.connect(self._sync_columns)
        self._sync_columns()

    def setItemDelegate(self, delegate: QAbstractItemDelegate) -> None:  # noqa: N802
        super().setItemDelegate(delegate)
        self.frozen_view.setItemDelegate(delegate)

    def set_row_height(self, height: int) -> None:
        """Every row `height` pixels high, in both views."""
        for view in (self, self.frozen_view):
            view.verticalHeader().setMinimumSectionSize(min(height, 20))
            view.verticalHeader().setDefaultSectionSize(height)

    def frozen_width(self) -> int:
        """The width the fixed columns take."""
        return sum(self.columnWidth(c) for c in range(self.frozen_count))

    def _sync_columns(self, *_args: object) -> None:
        model = self.model()
        count = model.columnCount() if model is not None else 0
        for column in range(count):
            self.frozen_view.setColumnHidden(column, column >= self.frozen_count)
            if column < self.frozen_count:
                self.frozen_view.setColumnWidth(column, self.columnWidth(column))
        self._update_geometry()

    def _on_column_resized(self, column: int, _old: int, new: int) -> None:
        if column < self.frozen_count:
            self.frozen_view.setColumnWidth(column, new)
            self._update_geometry()

    def _on_row_resized(self, row: int, _old: int, new: int) -> None:
        self.frozen_view.setRowHeight(row, new)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._update_geometry()

    def moveCursor(  # noqa: N802
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        current = super().moveCursor(action, modifiers)
        # Moving left into the scrolled part: bring the cell out from under the fixed columns.
        if (
            action == QAbstractItemView.CursorAction.MoveLeft
            and current.column() >= self.frozen_count
            and self.visualRect(current).left() < self.frozen_width()
        ):
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + self.visualRect(current).left() - self.frozen_width())
        return current

    def scrollTo(  # noqa: N802
        self,
        index: Index,
        hint: QAbstractItemView.ScrollHint = QAbstractItemView.ScrollHint.EnsureVisible,
    ) -> None:
        if index.column() >= self.frozen_count:
            super().scrollTo(index, hint)
            # Qt scrolls as if nothing covered the left edge: uncover the cell if it hides there.
            left = self.visualRect(index).left()
            if left < self.frozen_width():
                bar = self.horizontalScrollBar()
                bar.setValue(bar.value() - (self.frozen_width() - left))
        else:  # a fixed cell is always in view sideways: only the rows scroll
            bar = self.horizontalScrollBar()
            keep = bar.value()
            super().scrollTo(index, hint)
            bar.setValue(keep)

    def _update_geometry(self) -> None:
        frame = self.frameWidth()
        self.frozen_view.setGeometry(
            self.verticalHeader().width() + frame,
            frame,
            self.frozen_width(),
            self.viewport().height() + self.horizontalHeader().height(),
        )
