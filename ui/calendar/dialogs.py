"""Dialogs of the calendar page: a term with its vacations, and a calendar exception.

Each dialog gets the shared rule (`huxue.editing.validation`) it validates with, shows the
first problem in a red banner and keeps OK disabled until the values are valid;
`result_data()` is the snapshot.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from huxue import editing
from huxue.editing import CalendarDayData, DayTimeData, FieldError, TermData, VacationData
from huxue.errors import HuxueError
from huxue.models import DayKind, SchoolKind
from ui.i18n import (
    day_kind_name,
    error_text,
    school_kind_name,
    scope_name,
    session_kind_name,
    weekday_name,
)
from ui.widgets import Banner, KeyedComboBox, mark_invalid

EXCEPTION_KINDS = ("closure", "early_release", "exam", "holiday", "makeup")


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _date_edit(day: dt.date) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class TermDialog(QDialog):
    """Edit a term: name, first and last day, and up to four vacations."""

    MAX_VACATIONS = 4

    def __init__(self, term: TermData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.term = term
        self.banner = Banner("error")
        self.name = QLineEdit(term.name)
        self.first = _date_edit(term.first_day)
        self.last = _date_edit(term.last_day)
        form = QFormLayout()
        self._labels = [QLabel(), QLabel(), QLabel()]
        form.addRow(self._labels[0], self.name)
        form.addRow(self._labels[1], self.first)
        form.addRow(self._labels[2], self.last)
        self.vacations_box = QGroupBox()
        grid = QGridLayout(self.vacations_box)
        self.vacation_rows: list[tuple[QLineEdit, QDateEdit, QDateEdit]] = []
        for i in range(self.MAX_VACATIONS):
            vacation = term.vacations[i] if i < len(term.vacations) else None
            name = QLineEdit(vacation.name if vacation else "")
            first = _date_edit(vacation.first_day if vacation else term.first_day)
            last = _date_edit(vacation.last_day if vacation else term.first_day)
            grid.addWidget(name, i, 0)
            grid.addWidget(first, i, 1)
            grid.addWidget(last, i, 2)
            self.vacation_rows.append((name, first, last))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(form)
        layout.addWidget(self.vacations_box)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        for line in (self.name, *(r[0] for r in self.vacation_rows)):
            line.textChanged.connect(self._validate)
        for edit in (self.first, self.last, *(d for r in self.vacation_rows for d in r[1:])):
            edit.dateChanged.connect(self._validate)
        self.retranslate()
        self._validate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Term"))
        for label, text in zip(
            self._labels, (self.tr("Name"), self.tr("First day"), self.tr("Last day")), strict=True
        ):
            label.setText(text)
        self.vacations_box.setTitle(
            self.tr("Vacations (name, first day, last day; leave the name empty for none)")
        )

    def result_data(self) -> TermData:
        vacations = tuple(
            VacationData(name.text().strip(), _pydate(first.date()), _pydate(last.date()))
            for name, first, last in self.vacation_rows
            if name.text().strip()
        )
        return TermData(
            id=self.term.id,
            name=self.name.text().strip(),
            first_day=_pydate(self.first.date()),
            last_day=_pydate(self.last.date()),
            vacations=vacations,
        )

    def _validate(self, *_args: object) -> bool:
        for widget in (self.name, self.last, *(w for r in self.vacation_rows for w in r)):
            mark_invalid(widget, False)
        try:
            editing.validate_term(self.result_data())
        except FieldError as exc:
            self.banner.show_message(error_text(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            parts = exc.field.split(".")
            if parts[0] == "vacations" and len(parts) > 1:
                named = [r for r in self.vacation_rows if r[0].text().strip()]
                row = named[int(parts[1])]
                mark_invalid(row[2] if exc.rule == "end_before_start" else row[1], True)
            elif parts[0] == "name":
                mark_invalid(self.name, True)
            else:
                mark_invalid(self.last, True)
            return False
        self.banner.show_message("")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        return True

    def _on_ok(self) -> None:
        if self._validate():
            self.accept()


class ExceptionDialog(QDialog):
    """Add or change a calendar exception: closure, early release, exam, holiday, make-up day."""

    def __init__(
        self,
        validate: Callable[[CalendarDayData], None],
        day: CalendarDayData,
        schools: list[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._check = validate  # the shared rule of a calendar row, in a transaction
        self.day = day
        self.banner = Banner("error")
        self.kind = KeyedComboBox(day_kind_name, EXCEPTION_KINDS)
        self.scope = KeyedComboBox(scope_name, ["all", "kind", "school"])
        self.school_kind = KeyedComboBox(school_kind_name, [k.value for k in SchoolKind])
        self._school_names = dict(schools)
        self.school = QComboBox()
        self.school.setEditable(True)
        self.school.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for school_id, name in schools:
            self.school.addItem(name, school_id)
        completer = QCompleter(self.school.model(), self.school)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.school.setCompleter(completer)
        self.date_from = _date_edit(day.date_from)
        self.date_to = _date_edit(day.date_to)
        self.name = QLineEdit(day.name)
        self.follows = KeyedComboBox(weekday_name, list(range(5)))
        self.times_box = QGroupBox()
        times = QFormLayout(self.times_box)
        self.times: dict[str, QLineEdit] = {}
        self._time_labels: dict[str, QLabel] = {}
        for kind in editing.SESSION_KINDS:
            line = QLineEdit(
                "; ".join(
                    editing.format_window(t.start, t.end) for t in day.times if t.kind == kind
                )
            )
            label = QLabel()
            times.addRow(label, line)
            self.times[kind] = line
            self._time_labels[kind] = label
        self.form = QFormLayout()
        self._labels = [QLabel() for _ in range(7)]
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope)
        scope_row.addWidget(self.school_kind)
        scope_row.addWidget(self.school, 1)
        for label, widget in zip(
            self._labels,
            (self.kind, scope_row, self.date_from, self.date_to, self.name, self.follows, None),
            strict=True,
        ):
            if widget is None:
                continue
            self.form.addRow(label, widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form)
        layout.addWidget(self.times_box)
        layout.addWidget(self.buttons)
        self._fill(day)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        for combo in (self.kind, self.scope, self.school_kind, self.follows):
            combo.currentIndexChanged.connect(self._on_changed)
        self.school.currentIndexChanged.connect(self._on_changed)
        self.date_from.dateChanged.connect(self._on_from_changed)
        self.date_to.dateChanged.connect(self._on_changed)
        self.name.textChanged.connect(self._on_changed)
        for line in self.times.values():
            line.textChanged.connect(self._on_changed)
        self.retranslate()
        self._on_changed()
        self.setMinimumWidth(520)

    def _fill(self, day: CalendarDayData) -> None:
        kind = day.kind
        if kind == DayKind.SPECIAL:
            kind = "exam" if ("考" in day.name or "exam" in day.name.lower()) else "early_release"
        self.kind.set_current_key(kind)
        self.scope.set_current_key(day.scope)
        self.school_kind.set_current_key(day.school_kind or SchoolKind.PRIMARY.value)
        if day.school_id is not None:
            index = self.school.findData(day.school_id)
            self.school.setCurrentIndex(max(index, 0))
        self.follows.set_current_key(day.follows_weekday or 0)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Calendar exception"))
        texts = (
            self.tr("Exception"),
            self.tr("Applies to"),
            self.tr("From"),
            self.tr("To"),
            self.tr("Name"),
            self.tr("Follows the timetable of"),
            "",
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        for combo in (self.kind, self.scope, self.school_kind, self.follows):
            combo.retranslate()
        self.times_box.setTitle(self.tr("Own guard times (07:20-07:55; several separated by ;)"))
        for kind, label in self._time_labels.items():
            label.setText(session_kind_name(kind))
        self.name.setPlaceholderText(self.tr("e.g. sports day, mid-term exam"))

    def result_data(self) -> CalendarDayData:
        """The exception as the dialog shows it (FieldError for times that are not windows)."""
        kind = self.kind.current_key()
        stored = DayKind.SPECIAL.value if kind in ("early_release", "exam") else kind
        name = self.name.text().strip()
        if kind in ("early_release", "exam") and not name:
            name = day_kind_name(kind)
        times: list[DayTimeData] = []
        if stored == DayKind.SPECIAL:
            for session_kind, line in self.times.items():
                windows = editing.parse_windows(line.text(), f"times.{session_kind}")
                times.extend(
                    DayTimeData(session_kind, start, end, seq)
                    for seq, (start, end) in enumerate(windows, start=1)
                )
        scope = self.scope.current_key()
        school_id = None
        if scope == "school":
            index = self.school.findText(self.school.currentText())
            school_id = int(self.school.itemData(index)) if index >= 0 else None
        return CalendarDayData(
            id=self.day.id,
            date_from=_pydate(self.date_from.date()),
            date_to=_pydate(self.date_to.date()),
            kind=stored,
            scope=scope,
            school_kind=self.school_kind.current_key() if scope == "kind" else None,
            school_id=school_id,
            follows_weekday=self.follows.current_key() if stored == DayKind.MAKEUP else None,
            name=name,
            times=tuple(times),
        )

    def _on_from_changed(self, date: QDate) -> None:
        if self.date_to.date() < date:
            self.date_to.setDate(date)
        self._on_changed()

    def _on_changed(self, *_args: object) -> None:
        kind = self.kind.current_key()
        scope = self.scope.current_key()
        self.school_kind.setVisible(scope == "kind")
        self.school.setVisible(scope == "school")
        self.follows.setEnabled(kind == "makeup")
        self.times_box.setEnabled(kind in ("early_release", "exam"))
        self._validate()

    def _validate(self) -> bool:
        marked = [self.date_to, self.school, *self.times.values()]
        for widget in marked:
            mark_invalid(widget, False)
        try:
            data = self.result_data()
            self._check(data)
        except HuxueError as exc:
            self.banner.show_message(error_text(exc))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            if isinstance(exc, FieldError):
                parts = exc.field.split(".")
                if parts[0] == "times" and len(parts) > 1 and parts[1] in self.times:
                    mark_invalid(self.times[parts[1]], True)
                elif parts[0] == "times":
                    for line in self.times.values():
                        mark_invalid(line, True)
                elif parts[0] == "date_to":
                    mark_invalid(self.date_to, True)
                elif parts[0] == "school":
                    mark_invalid(self.school, True)
            return False
        self.banner.show_message("")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        return True

    def _on_ok(self) -> None:
        if self._validate():
            self.accept()
