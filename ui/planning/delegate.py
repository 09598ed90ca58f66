"""Paints a roster cell: each name in its role's colour, pins marked, what is missing in red."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ui.planning.grid import RosterGridModel
from ui.planning.labels import PIN_MARK, ROLE_COLOURS, SHORT_TEXT
from ui.tables import Index


class RosterCellDelegate(QStyledItemDelegate):
    """Draws the day cells of `RosterGridModel`; the first columns are drawn as usual."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        key = index.data(RosterGridModel.KeyRole)
        if key is None:
            super().paint(painter, option, index)
            return
        people: list[tuple[str, str, str, bool]] = index.data(RosterGridModel.PeopleRole) or []
        missing: tuple[int, int, int] = index.data(RosterGridModel.MissingRole) or (0, 0, 0)
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        rect: QRect = option.rect
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if selected:
            painter.fillRect(rect, option.palette.brush(QPalette.ColorRole.Highlight))
        elif isinstance(background, QBrush):
            painter.fillRect(rect, background)
        font = option.font
        painter.setFont(font)
        metrics = QFontMetrics(font)
        x, y = rect.left() + 4, rect.top() + 3
        line = metrics.height()
        right = rect.right() - 3
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
            width = metrics.horizontalAdvance(text)
            if x + width > right and x > rect.left() + 4:
                x = rect.left() + 4
                y += line
            if y + line > rect.bottom() + 2:
                break
            if colour is not None:
                painter.setPen(colour)
            painter.drawText(QRect(x, y, width + 2, line), Qt.AlignmentFlag.AlignLeft, text)
            x += width + metrics.horizontalAdvance("  ")
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(max(size.width(), 120), max(size.height(), 40))
