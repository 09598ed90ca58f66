"""日历 Calendar page: terms, the month view with holidays and make-up days, and exceptions."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from huxue import editing
from huxue.calendar import calendar_known, month_days
from huxue.editing import CalendarDayData, TermData
from huxue.errors import HuxueError
from huxue.models import DayKind
from ui.calendar.dialogs import ExceptionDialog, TermDialog
from ui.calendar.model import ExceptionTableModel, MonthModel, TermTableModel, exception_label
from ui.context import AppContext
from ui.i18n import weekday_name
from ui.widgets import Banner, KeyedComboBox, make_title


def _table(stretch_last: bool = True) -> QTableView:
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(stretch_last)
    return table


class CalendarView(QWidget):
    """The page's widgets; `CalendarController` gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.terms_box = QGroupBox()
        self.terms = _table()
        self.add_term = QPushButton()
        self.edit_term = QPushButton()
        self.remove_term = QPushButton()
        term_buttons = QHBoxLayout()
        for button in (self.add_term, self.edit_term, self.remove_term):
            term_buttons.addWidget(button)
        term_buttons.addStretch()
        terms_layout = QVBoxLayout(self.terms_box)
        terms_layout.addWidget(self.terms)
        terms_layout.addLayout(term_buttons)

        self.exceptions_box = QGroupBox()
        self.exceptions = _table()
        self.add_exception = QPushButton()
        self.edit_exception = QPushButton()
        self.remove_exception = QPushButton()
        exception_buttons = QHBoxLayout()
        for button in (self.add_exception, self.edit_exception, self.remove_exception):
            exception_buttons.addWidget(button)
        exception_buttons.addStretch()
        exceptions_layout = QVBoxLayout(self.exceptions_box)
        exceptions_layout.addWidget(self.exceptions)
        exceptions_layout.addLayout(exception_buttons)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.terms_box, 2)
        left_layout.addWidget(self.exceptions_box, 3)

        self.previous = QPushButton("◀")
        self.next = QPushButton("▶")
        self.today = QPushButton()
        self.month_label = QLabel()
        make_title(self.month_label)
        self.month_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        navigation = QHBoxLayout()
        navigation.addWidget(self.previous)
        navigation.addWidget(self.month_label, 1)
        navigation.addWidget(self.next)
        navigation.addWidget(self.today)
        self.notice = Banner("notice")
        self.month = QTableView()
        self.month.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.month.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.month.verticalHeader().hide()
        self.month.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.month.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.month.setWordWrap(True)
        self.legend = QLabel()
        self.legend.setWordWrap(True)
        self.day_label = QLabel()
        self.day_label.setWordWrap(True)
        self.follows_label = QLabel()
        self.follows = KeyedComboBox(weekday_name, list(range(5)))
        day_row = QHBoxLayout()
        day_row.addWidget(self.day_label, 1)
        day_row.addWidget(self.follows_label)
        day_row.addWidget(self.follows)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addLayout(navigation)
        right_layout.addWidget(self.notice)
        right_layout.addWidget(self.month, 1)
        right_layout.addLayout(day_row)
        right_layout.addWidget(self.legend)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.terms_box.setTitle(self.tr("Terms and vacations"))
        self.add_term.setText(self.tr("Add term"))
        self.edit_term.setText(self.tr("Edit"))
        self.remove_term.setText(self.tr("Remove"))
        self.exceptions_box.setTitle(
            self.tr("Exceptions this month (closure, early release, exam)")
        )
        self.add_exception.setText(self.tr("Add exception"))
        self.edit_exception.setText(self.tr("Edit"))
        self.remove_exception.setText(self.tr("Remove"))
        self.today.setText(self.tr("Today"))
        self.previous.setToolTip(self.tr("Previous month"))
        self.next.setToolTip(self.tr("Next month"))
        self.follows_label.setText(self.tr("Make-up day follows"))
        self.follows.retranslate()
        self.legend.setText(
            self.tr(
                "<span style='background:#fde0dc'>&nbsp;holiday&nbsp;</span> "
                "<span style='background:#dbe9fb'>&nbsp;make-up working day&nbsp;</span> "
                "<span style='background:#fff1c4'>&nbsp;exception&nbsp;</span> "
                "<span style='background:#e8e8e8'>&nbsp;no school (outside term, vacation)"
                "&nbsp;</span>"
            )
        )
        for table in (self.terms, self.exceptions, self.month):
            model = table.model()
            if model is not None and model.columnCount() > 0:
                model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
            table.viewport().update()


class CalendarController(QObject):
    """Shows a month, edits terms, make-up days and exceptions through undoable commands."""

    def __init__(self, ctx: AppContext, view: CalendarView, today: dt.date | None = None) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.term_model = TermTableModel(self)
        self.month_model = MonthModel(self)
        self.exception_model = ExceptionTableModel(self)
        view.terms.setModel(self.term_model)
        view.month.setModel(self.month_model)
        view.exceptions.setModel(self.exception_model)
        today = today or dt.date.today()
        self.year, self.month = today.year, today.month
        self.selected: dt.date | None = None
        self._schools: list[tuple[int, str]] = []
        self._updating = False
        self._connect()
        self.reload()
        header = view.terms.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)

    def _connect(self) -> None:
        v = self.view
        v.previous.clicked.connect(self._on_previous)
        v.next.clicked.connect(self._on_next)
        v.today.clicked.connect(self._on_today)
        v.month.selectionModel().currentChanged.connect(self._on_day_selected)
        v.follows.currentIndexChanged.connect(self._on_follows_changed)
        v.add_term.clicked.connect(self._on_add_term)
        v.edit_term.clicked.connect(self._on_edit_term)
        v.terms.doubleClicked.connect(self._on_edit_term)
        v.remove_term.clicked.connect(self._on_remove_term)
        v.add_exception.clicked.connect(self._on_add_exception)
        v.edit_exception.clicked.connect(self._on_edit_exception)
        v.exceptions.doubleClicked.connect(self._on_edit_exception)
        v.remove_exception.clicked.connect(self._on_remove_exception)
        self.ctx.data_changed.connect(self._on_data_changed)
        self.ctx.database_changed.connect(self.reload)

    # -- public ------------------------------------------------------------------------------

    def reload(self) -> None:
        self._schools = [(s.id, s.name) for s in self.ctx.run(editing.school_rows)]
        self.term_model.set_terms(self.ctx.run(editing.terms))
        self.show_month(self.year, self.month)

    def show_month(self, year: int, month: int) -> None:
        """Show one month with the national calendar, the terms and the planner's exceptions."""
        self.year, self.month = year, month
        national = {d.date: d for d in month_days(year, month)}
        first = dt.date(year, month, 1) - dt.timedelta(days=dt.date(year, month, 1).weekday())
        last = first + dt.timedelta(days=41)
        for day in (first, last):
            if (day.year, day.month) != (year, month):
                national.update({d.date: d for d in month_days(day.year, day.month)})
        exceptions = self.ctx.run(editing.calendar_days, first, last)
        terms = self.term_model.terms
        self.month_model.set_month(year, month, national, exceptions, terms)
        month_first = dt.date(year, month, 1)
        month_last = (month_first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        in_month = [e for e in exceptions if e.date_from <= month_last and e.date_to >= month_first]
        self.exception_model.set_days(in_month, dict(self._schools))
        self.view.month_label.setText(
            self.tr("%1 / %2").replace("%1", str(year)).replace("%2", f"{month:02d}")
        )
        years = sorted({first.year, last.year})
        unknown = [y for y in years if not calendar_known(y)]
        if unknown:
            self.view.notice.show_message(
                self.tr(
                    "The holiday calendar for %1 is not known yet (the calendar package covers "
                    "2004–2026): weekdays count as school days. Enter public holidays and "
                    "make-up days as exceptions."
                ).replace("%1", ", ".join(map(str, unknown)))
            )
        else:
            self.view.notice.show_message("")
        if self.selected is not None:
            index = self.month_model.index_of(self.selected)
            if index.isValid():
                self.view.month.setCurrentIndex(index)
        self._show_day()

    def select_day(self, day: dt.date) -> None:
        if (day.year, day.month) != (self.year, self.month):
            self.show_month(day.year, day.month)
        self.view.month.setCurrentIndex(self.month_model.index_of(day))

    def set_makeup_follows(self, day: dt.date, weekday: int) -> bool:
        """Store that make-up day `day` follows `weekday` (an undoable override)."""
        before = self.ctx.run(editing.makeup_override, day)
        after = self.ctx.run(editing.makeup_data, day, weekday)
        text = (
            self.tr("Make-up day %1 follows %2")
            .replace("%1", day.isoformat())
            .replace("%2", weekday_name(weekday))
        )
        return self._apply("calendar", text, before, after)

    def save_exception(self, before: CalendarDayData | None, after: CalendarDayData) -> bool:
        label = exception_label(after)
        text = self.tr("Calendar exception %1 on %2").replace("%1", label)
        return self._apply(
            "calendar", text.replace("%2", after.date_from.isoformat()), before, after
        )

    # -- slots -------------------------------------------------------------------------------

    def _apply(self, entity: str, text: str, before: object, after: object) -> bool:
        try:
            self.ctx.apply(entity, text, before, after)
        except HuxueError as exc:
            from ui.i18n import error_text

            QMessageBox.warning(self.view, self.tr("Change not possible"), error_text(exc))
            return False
        return True

    def _on_previous(self) -> None:
        year, month = (self.year, self.month - 1) if self.month > 1 else (self.year - 1, 12)
        self.show_month(year, month)

    def _on_next(self) -> None:
        year, month = (self.year, self.month + 1) if self.month < 12 else (self.year + 1, 1)
        self.show_month(year, month)

    def _on_today(self) -> None:
        today = dt.date.today()
        self.selected = today
        self.show_month(today.year, today.month)

    def _on_day_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.selected = self.month_model.date_at(current.row(), current.column())
        self._show_day()

    def _show_day(self) -> None:
        day = self.selected
        v = self.view
        if day is None:
            v.day_label.setText(self.tr("Select a day to see what applies."))
            v.follows.setEnabled(False)
            return
        parts = [day.isoformat() + " " + weekday_name(day.weekday())]
        national = self.month_model.national.get(day)
        if national is not None and national.name:
            parts.append(national.name)
        parts.extend(exception_label(e) for e in self.month_model.exceptions_on(day))
        v.day_label.setText(" · ".join(parts))
        follows = self.month_model.makeup_follows(day)
        self._updating = True
        v.follows.setEnabled(follows is not None)
        v.follows.set_current_key(follows if follows is not None else 0)
        self._updating = False

    def _on_follows_changed(self, *_args: object) -> None:
        if self._updating or self.selected is None:
            return
        if self.month_model.makeup_follows(self.selected) is None:
            return
        weekday = self.view.follows.current_key()
        if weekday == self.month_model.makeup_follows(self.selected):
            return
        self.set_makeup_follows(self.selected, int(weekday))

    def _selected_term(self) -> TermData | None:
        row = self.view.terms.currentIndex().row()
        return self.term_model.terms[row] if 0 <= row < len(self.term_model.terms) else None

    def _on_add_term(self) -> None:
        today = dt.date.today()
        term = TermData(None, "", today, today + dt.timedelta(days=140))
        dialog = TermDialog(term, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            data = dialog.result_data()
            self._apply("term", self.tr("Add term %1").replace("%1", data.name), None, data)

    def _on_edit_term(self, *_args: object) -> None:
        term = self._selected_term()
        if term is None:
            return
        dialog = TermDialog(term, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            data = dialog.result_data()
            if data != term:
                self._apply("term", self.tr("Edit term %1").replace("%1", data.name), term, data)

    def _on_remove_term(self) -> None:
        term = self._selected_term()
        if term is not None:
            self._apply("term", self.tr("Remove term %1").replace("%1", term.name), term, None)

    def _selected_exception(self) -> CalendarDayData | None:
        row = self.view.exceptions.currentIndex().row()
        days = self.exception_model.days
        return days[row] if 0 <= row < len(days) else None

    def _validate_day(self, data: CalendarDayData) -> None:
        """The shared rule of a calendar row, checked against the open database."""
        self.ctx.run(editing.validate_calendar_day, data)

    def _on_add_exception(self) -> None:
        day = self.selected or dt.date(self.year, self.month, 1)
        data = CalendarDayData(None, day, day, DayKind.CLOSURE.value)
        dialog = ExceptionDialog(self._validate_day, data, self._schools, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.save_exception(None, dialog.result_data())

    def _on_edit_exception(self, *_args: object) -> None:
        current = self._selected_exception()
        if current is None:
            return
        dialog = ExceptionDialog(self._validate_day, current, self._schools, self.view)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            data = dialog.result_data()
            if data != current:
                self.save_exception(current, data)

    def _on_remove_exception(self) -> None:
        current = self._selected_exception()
        if current is None:
            return
        text = self.tr("Remove calendar exception %1").replace("%1", exception_label(current))
        self._apply("calendar", text, current, None)

    def _on_data_changed(self, entity: str, _row_id: int) -> None:
        if entity == "term":
            self.term_model.set_terms(self.ctx.run(editing.terms))
            self.show_month(self.year, self.month)
        elif entity == "calendar":
            self.show_month(self.year, self.month)
        elif entity == "school":
            self._schools = [(s.id, s.name) for s in self.ctx.run(editing.school_rows)]


class CalendarPage(CalendarView):
    """The page the main window hosts: the view with its controller attached."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = CalendarController(ctx, self)

    def page_title(self) -> str:
        return self.tr("Calendar")
