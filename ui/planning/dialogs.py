"""Dialogs of the planning page: the sick call, and what a repair changes (accept or cancel)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from huxue.planning_repair import RepairOutcome
from huxue.planning_views import PersonInfo, WeekPlan
from ui.i18n import role_name
from ui.planning.labels import session_label


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class SickCallDialog(QDialog):
    """Who called in sick, and from which day to which day (inclusive)."""

    def __init__(
        self,
        people: Sequence[PersonInfo],
        week_start: dt.date,
        parent: QWidget | None = None,
        preselect: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for p in people:
            self.person.addItem(f"{p.name}  {p.code} · {role_name(p.role)}", p.code)
        if preselect is not None:
            at = self.person.findData(preselect)
            if at >= 0:
                self.person.setCurrentIndex(at)
        self.first = QDateEdit(_qdate(week_start))
        self.last = QDateEdit(_qdate(week_start))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.first.dateChanged.connect(self._on_first)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.form = QFormLayout()
        self.person_label = QLabel()
        self.first_label = QLabel()
        self.last_label = QLabel()
        self.form.addRow(self.person_label, self.person)
        self.form.addRow(self.first_label, self.first)
        self.form.addRow(self.last_label, self.last)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        self.retranslate()

    def _on_first(self, value: QDate) -> None:
        if self.last.date() < value:
            self.last.setDate(value)

    def values(self) -> tuple[str, dt.date, dt.date]:
        return (
            str(self.person.currentData()),
            _date(self.first.date()),
            _date(self.last.date()),
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sick call"))
        self.person_label.setText(self.tr("Person"))
        self.first_label.setText(self.tr("From"))
        self.last_label.setText(self.tr("To"))
        self.note.setText(
            self.tr(
                "The person is put on leave and their station's week is re-solved changing as "
                "little as possible. You see every change before it is kept."
            )
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Repair"))


class RepairDialog(QDialog):
    """What a sick-call repair changes: removed, added, moved; the sheets to print again."""

    def __init__(self, plan: WeekPlan, outcome: RepairOutcome, parent: QWidget | None = None):
        super().__init__(parent)
        self.outcome = outcome
        diff = outcome.diff
        moved_pairs = {(a.session_key, a.person_code) for a, _ in diff.moved} | {
            (b.session_key, b.person_code) for _, b in diff.moved
        }
        self.removed = QListWidget()
        self.added = QListWidget()
        self.moved = QListWidget()
        for c in diff.removed:
            if (c.session_key, c.person_code) not in moved_pairs:
                self.removed.addItem(
                    f"{c.person_name} ({c.person_code}) — {session_label(plan, c.session_key)}"
                )
        for c in diff.added:
            if (c.session_key, c.person_code) not in moved_pairs:
                self.added.addItem(
                    f"{c.person_name} ({c.person_code}) — {session_label(plan, c.session_key)}"
                )
        for a, b in diff.moved:
            self.moved.addItem(
                f"{a.person_name} ({a.person_code}): {session_label(plan, a.session_key)} → "
                f"{session_label(plan, b.session_key)}"
            )
        names = {s[0]: s[1] for s in plan.schools.values()}
        self.reprint = QLabel("、".join(names.get(c, c) for c in outcome.schools_to_reprint))
        self.reprint.setWordWrap(True)
        notify = [plan.person_by_code(c) for c in outcome.people_to_notify]
        self.notify = QLabel("、".join(p.name for p in notify if p is not None))
        self.notify.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.removed_label = QLabel()
        self.added_label = QLabel()
        self.moved_label = QLabel()
        self.reprint_label = QLabel()
        self.notify_label = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        for label, widget in (
            (self.removed_label, self.removed),
            (self.added_label, self.added),
            (self.moved_label, self.moved),
        ):
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.addWidget(self.reprint_label)
        layout.addWidget(self.reprint)
        layout.addWidget(self.notify_label)
        layout.addWidget(self.notify)
        layout.addWidget(self.buttons)
        self.resize(720, 560)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        diff = self.outcome.diff
        self.setWindowTitle(self.tr("Sick-call repair"))
        self.summary.setText(
            self.tr("Repairing the roster changes {n} duties of {p} people.").format(
                n=len(diff.removed) + len(diff.added), p=len(self.outcome.people_to_notify)
            )
        )
        self.removed_label.setText(self.tr("Removed ({n})").format(n=self.removed.count()))
        self.added_label.setText(self.tr("Added ({n})").format(n=self.added.count()))
        self.moved_label.setText(self.tr("Moved ({n})").format(n=self.moved.count()))
        self.reprint_label.setText(self.tr("Sheets to print again:"))
        self.notify_label.setText(self.tr("People to tell:"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Accept"))
