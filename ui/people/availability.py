"""A weekly availability grid painted with the mouse: weekdays × quarter hours, 06:00–22:00."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from huxue.editing import AvailabilityData
from ui.i18n import weekday_short

FIRST_MINUTE = 6 * 60
LAST_MINUTE = 22 * 60
SLOT_MINUTES = 15
SLOTS = (LAST_MINUTE - FIRST_MINUTE) // SLOT_MINUTES
LABEL_WIDTH = 44
HEADER_HEIGHT = 18


def _minutes(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _time(minutes: int) -> dt.time:
    return dt.time(minutes // 60, minutes % 60) if minutes < 24 * 60 else dt.time(23, 59)


class AvailabilityGrid(QWidget):
    """Press on a cell to paint (or, on a painted cell, to erase) and drag to continue.

    Windows the grid cannot show (outside 06:00–22:00 or not on quarter hours) are kept as they
    were until the planner paints that weekday.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cells = [[False] * SLOTS for _ in range(7)]
        self._original: dict[int, list[AvailabilityData]] = {}
        self._touched: set[int] = set()
        self._paint_value: bool | None = None
        self.setMouseTracking(False)
        self.setMinimumSize(QSize(LABEL_WIDTH + SLOTS * 7, HEADER_HEIGHT + 7 * 20))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(HEADER_HEIGHT + 7 * 24 + 2)

    # -- data --------------------------------------------------------------------------------

    def set_windows(self, windows: tuple[AvailabilityData, ...]) -> None:
        self.cells = [[False] * SLOTS for _ in range(7)]
        self._original = {}
        self._touched = set()
        for w in windows:
            self._original.setdefault(w.weekday, []).append(w)
            start, end = _minutes(w.start), _minutes(w.end)
            for slot in range(SLOTS):
                slot_start = FIRST_MINUTE + slot * SLOT_MINUTES
                if start <= slot_start and slot_start + SLOT_MINUTES <= end:
                    self.cells[w.weekday][slot] = True
        self.update()

    def windows(self) -> tuple[AvailabilityData, ...]:
        """The painted windows (weekdays not painted on keep their original windows)."""
        result: list[AvailabilityData] = []
        for day in range(7):
            if day not in self._touched:
                result.extend(self._original.get(day, []))
                continue
            slot = 0
            while slot < SLOTS:
                if not self.cells[day][slot]:
                    slot += 1
                    continue
                begin = slot
                while slot < SLOTS and self.cells[day][slot]:
                    slot += 1
                result.append(
                    AvailabilityData(
                        day,
                        _time(FIRST_MINUTE + begin * SLOT_MINUTES),
                        _time(FIRST_MINUTE + slot * SLOT_MINUTES),
                    )
                )
        return tuple(result)

    def fill(self, days: range | list[int], start: dt.time, end: dt.time) -> None:
        """Paint `start`–`end` on `days` (the "working days" button)."""
        for day in days:
            self._touched.add(day)
            for slot in range(SLOTS):
                slot_start = FIRST_MINUTE + slot * SLOT_MINUTES
                self.cells[day][slot] = _minutes(
                    start
                ) <= slot_start and slot_start + SLOT_MINUTES <= _minutes(end)
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        self.fill(range(7), dt.time(0, 0), dt.time(0, 0))

    # -- geometry ----------------------------------------------------------------------------

    def _cell_size(self) -> tuple[float, float]:
        width = (self.width() - LABEL_WIDTH - 1) / SLOTS
        height = (self.height() - HEADER_HEIGHT - 1) / 7
        return width, height

    def cell_at(self, pos: QPoint) -> tuple[int, int] | None:
        width, height = self._cell_size()
        x, y = pos.x() - LABEL_WIDTH, pos.y() - HEADER_HEIGHT
        if x < 0 or y < 0:
            return None
        slot, day = int(x // width), int(y // height)
        if 0 <= slot < SLOTS and 0 <= day < 7:
            return day, slot
        return None

    def cell_rect(self, day: int, slot: int) -> QRect:
        width, height = self._cell_size()
        return QRect(
            int(LABEL_WIDTH + slot * width),
            int(HEADER_HEIGHT + day * height),
            max(1, int(width)),
            max(1, int(height)),
        )

    # -- events ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if not self.isEnabled() or event.button() != Qt.MouseButton.LeftButton:
            return
        cell = self.cell_at(event.position().toPoint())
        if cell is None:
            return
        day, slot = cell
        self._paint_value = not self.cells[day][slot]
        self._paint(day, slot)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._paint_value is None:
            return
        cell = self.cell_at(event.position().toPoint())
        if cell is not None:
            self._paint(*cell)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._paint_value is not None:
            self._paint_value = None
            self.changed.emit()

    def _paint(self, day: int, slot: int) -> None:
        assert self._paint_value is not None
        if self.cells[day][slot] != self._paint_value or day not in self._touched:
            if day not in self._touched:
                self._touched.add(day)
            self.cells[day][slot] = self._paint_value
            self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        enabled = self.isEnabled()
        on = QColor("#2e7d32") if enabled else QColor("#a5c8a7")
        off = palette.color(QPalette.ColorRole.Base)
        grid = QColor("#d0d0d0")
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        width, height = self._cell_size()
        painter.setPen(palette.color(QPalette.ColorRole.WindowText))
        for hour in range(FIRST_MINUTE // 60, LAST_MINUTE // 60 + 1, 2):
            x = int(LABEL_WIDTH + (hour * 60 - FIRST_MINUTE) / SLOT_MINUTES * width)
            painter.drawText(
                QRect(x - 20, 0, 40, HEADER_HEIGHT), Qt.AlignmentFlag.AlignCenter, f"{hour:02d}"
            )
        for day in range(7):
            painter.setPen(palette.color(QPalette.ColorRole.WindowText))
            painter.drawText(
                QRect(0, int(HEADER_HEIGHT + day * height), LABEL_WIDTH - 4, int(height)),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                weekday_short(day),
            )
            for slot in range(SLOTS):
                painter.fillRect(self.cell_rect(day, slot), on if self.cells[day][slot] else off)
        painter.setPen(grid)
        for slot in range(SLOTS + 1):
            x = int(LABEL_WIDTH + slot * width)
            if slot % 4 == 0:
                painter.setPen(QColor("#9e9e9e"))
            else:
                painter.setPen(grid)
            painter.drawLine(x, HEADER_HEIGHT, x, int(HEADER_HEIGHT + 7 * height))
        painter.setPen(grid)
        for day in range(8):
            y = int(HEADER_HEIGHT + day * height)
            painter.drawLine(LABEL_WIDTH, y, int(LABEL_WIDTH + SLOTS * width), y)
        painter.end()
