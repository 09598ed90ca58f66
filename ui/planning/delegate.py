"""Paints a roster cell: each name in its role's colour, pins marked, what is missing in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.planning.grid import RosterGridModel
from ui.planning.labels import PIN_MARK, ROLE_COLOURS, SHORT_TEXT
from ui.tables import Index


class RosterCellDelegate(QStyledItemDelegate):
    """Draws the day cells of `RosterGridModel`; the first columns are drawn as usual."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._font: QFont | None = None
        self._metrics = QFontMetrics(QFont())
        self._widths: dict[str, int] = {}

    def _measure(self, font: QFont) -> tuple[QFontMetrics, dict[str, int]]:
        """The font's metrics and a cache of text widths (names repeat on every screen)."""
        if self._font is None or font != self._font:
            self._font = QFont(font)
            self._metrics = QFontMetrics(font)
            self._widths = {}
        return self._metrics, self._widths

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if index.column() < getattr(option.widget, "frozen_count", 0):
            return  # under the frozen columns' own view, which paints these cells
        cell = index.data(RosterGridModel.CellRole)
        if cell is None:
            super().paint(painter, option, index)
            return
        people, missing, background = cell
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect: QRect = option.rect
        if selected:
            painter.fillRect(rect, option.palette.brush(QPalette.ColorRole.Highlight))
        elif isinstance(background, QBrush):
            painter.fillRect(rect, background)
        font = option.font
        painter.setFont(font)
        metrics, widths = self._measure(font)
        left = rect.left() + 4
        x, y = left, rect.top() + 3
        line = metrics.height()
        right = rect.right() - 3
        gap = widths.get("  ")
        if gap is None:
            gap = widths["  "] = metrics.horizontalAdvance("  ")
        pieces: list[tuple[str, Any]] = []
        for _code, name, role, pinned in people:
            colour = (
                option.palette.color(QPalette.ColorRole.HighlightedText)
                if selected
                else ROLE_COLOURS.get(role)
            )
            pieces.append(((PIN_MARK if pinned else "") + name, colour))
        if any(missing):
            text = QCoreApplication.translate("Planning", "short {n}").format(n=missing[2] or 1)
            pieces.append((text, SHORT_TEXT))
        for text, colour in pieces:
            width = widths.get(text)
            if width is None:
                width = widths[text] = metrics.horizontalAdvance(text)
            if x + width > right and x > left:
                x = left
                y += line
            if y + line > rect.bottom() + 2:
                break
            if colour is not None:
                painter.setPen(colour)
            painter.drawText(QRect(x, y, width + 2, line), Qt.AlignmentFlag.AlignLeft, text)
            x += width + gap
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 120), max(size.height(), 40))
