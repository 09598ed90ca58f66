"""Painted charts of the overview page: the fill heatmap and the load histogram.

Both are plain QWidgets painted with QPainter: 276 rows × 7 days is 1,932 rectangles, which a
painter draws in a few milliseconds, and a click maps back to its cell without any scene.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from huxue.overview import Fill, HeatRow

ROW_HEIGHT = 16
LABEL_WIDTH = 190
HEADER_HEIGHT = 34
CELL_WIDTH = 58

FULL = QColor("#5cb85c")
MOST = QColor("#f0ad4e")
SHORT = QColor("#d9534f")
NOTHING = QColor("#eeeeee")


def fill_colour(cell: Fill | None) -> QColor:
    """Green when every seat is filled, amber from 80 %, red below; grey when none is asked."""
    if cell is None or not cell.seats:
        return NOTHING
    if cell.short == 0:
        return FULL
    return MOST if cell.ratio >= 0.8 else SHORT


class FillHeatmap(QWidget):
    """Schools (or posts) × days coloured by fill; a click on a cell emits `cell_clicked`."""

    cell_clicked = Signal(int, object)  # school id, date

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[HeatRow] = []
        self._days: list[dt.date] = []
        self._day_names: list[str] = []
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def set_rows(
        self, rows: Sequence[HeatRow], days: Sequence[dt.date], names: Sequence[str]
    ) -> None:
        """Show `rows` for the week's `days`, headed by `names` ("周一 12/7" …)."""
        self._rows, self._days, self._day_names = list(rows), list(days), list(names)
        self.setFixedHeight(HEADER_HEIGHT + ROW_HEIGHT * len(self._rows) + 2)
        self.update()

    def rows(self) -> list[HeatRow]:
        return list(self._rows)

    def sizeHint(self) -> QSize:
        return QSize(LABEL_WIDTH + CELL_WIDTH * 7 + 2, self.height())

    def cell_rect(self, row: int, day: int) -> QRect:
        """Where a cell is drawn (for tests and tool tips)."""
        return QRect(
            LABEL_WIDTH + day * CELL_WIDTH,
            HEADER_HEIGHT + row * ROW_HEIGHT,
            CELL_WIDTH - 1,
            ROW_HEIGHT - 1,
        )

    def cell_at(self, point: QPoint) -> tuple[int, int] | None:
        """(row, day) under a point, or None."""
        x, y = point.x() - LABEL_WIDTH, point.y() - HEADER_HEIGHT
        if x < 0 or y < 0:
            return None
        row, day = y // ROW_HEIGHT, x // CELL_WIDTH
        if row >= len(self._rows) or day >= len(self._days):
            return None
        return row, day

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        visible = event.rect()
        painter.setPen(self.palette().text().color())
        for day, name in enumerate(self._day_names):
            # "周一 12/7" on two lines: the weekday over the date.
            painter.drawText(
                QRect(LABEL_WIDTH + day * CELL_WIDTH, 0, CELL_WIDTH, HEADER_HEIGHT),
                Qt.AlignmentFlag.AlignCenter,
                name.replace(" ", "\n", 1),
            )
        first = max(0, (visible.top() - HEADER_HEIGHT) // ROW_HEIGHT)
        last = min(len(self._rows), (visible.bottom() - HEADER_HEIGHT) // ROW_HEIGHT + 1)
        for i in range(first, last):
            row = self._rows[i]
            top = HEADER_HEIGHT + i * ROW_HEIGHT
            painter.setPen(self.palette().text().color())
            painter.drawText(
                QRect(4, top, LABEL_WIDTH - 8, ROW_HEIGHT),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                painter.fontMetrics().elidedText(
                    f"{row.code} {row.name}", Qt.TextElideMode.ElideRight, LABEL_WIDTH - 8
                ),
            )
            for day, cell in enumerate(row.days[: len(self._days)]):
                rect = self.cell_rect(i, day)
                painter.fillRect(rect, fill_colour(cell))
                if cell is not None and cell.short:
                    painter.setPen(QPen(Qt.GlobalColor.white))
                    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, f"-{cell.short}")
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        hit = self.cell_at(event.position().toPoint())
        if hit is not None and event.button() == Qt.MouseButton.LeftButton:
            row, day = hit
            self.cell_clicked.emit(self._rows[row].school_id, self._days[day])
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        hit = self.cell_at(event.position().toPoint())
        if hit is None:
            QToolTip.hideText()
            return
        row, day = hit
        cell = self._rows[row].days[day]
        text = f"{self._rows[row].name} {self._day_names[day]}"
        if cell is not None:
            text += f"\n{cell.filled}/{cell.seats}"
        QToolTip.showText(event.globalPosition().toPoint(), text, self)


class LoadHistogram(QWidget):
    """People by number of duties this week, as bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._counts: dict[int, int] = {}
        self._caption = ""
        self.setMinimumHeight(120)

    def set_counts(self, counts: dict[int, int], caption: str) -> None:
        """`counts`: duties → people; `caption` under the bars."""
        self._counts, self._caption = dict(counts), caption
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        rect = self.rect().adjusted(6, 22, -6, -22)
        if not self._counts:
            painter.end()
            return
        top = max(self._counts)
        highest = max(self._counts.values()) or 1
        width = max(4, rect.width() // (top + 1))
        text = self.palette().text().color()
        for duties in range(top + 1):
            people = self._counts.get(duties, 0)
            height = int(rect.height() * people / highest)
            bar = QRect(rect.left() + duties * width, rect.bottom() - height, width - 2, height)
            painter.fillRect(bar, QColor("#4a7ebb"))
            painter.setPen(text)
            painter.drawText(
                QRect(bar.left(), rect.bottom() + 2, width, 16),
                Qt.AlignmentFlag.AlignHCenter,
                str(duties),
            )
        painter.drawText(
            QRect(rect.left(), 2, rect.width(), 16), Qt.AlignmentFlag.AlignLeft, self._caption
        )
        painter.end()
