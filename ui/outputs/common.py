"""Pieces the output dialogs share: the base of a dialog that runs a background job, a week
picker, a path field, the choices of stations, schools, people and posts, and the week a planner
most likely wants."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QDate, QEvent, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from huxue.database import resolve_url
from huxue.files import database_files, output_policy
from huxue.models import Person, Post, Roster, School, Station
from huxue.week import monday_of
from ui.jobs import ThreadJob

T = TypeVar("T")


def confirm_replace(parent: QWidget, path: Path, *, folder: bool = False) -> bool:
    """Ask before an output replaces something: True when nothing is there or the planner
    agreed. For a `folder` output, a folder holding files already counts as something."""
    if folder:
        there = path.is_dir() and any(path.iterdir())
        text = QCoreApplication.translate(
            "OutputFiles", "The folder %1 holds files already. Replace files of the same name?"
        )
    else:
        there = path.exists()
        text = QCoreApplication.translate("OutputFiles", "%1 exists already. Replace it?")
    if not there:
        return True
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("OutputFiles", "Replace?"),
        text.replace("%1", str(path)),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def replacing(engine: Engine | None, work: Callable[[], T]) -> T:
    """Run `work` (on the job's thread) allowed to replace outputs the planner agreed to
    replace, never the files of the open database (or, without one, the user's database)."""
    url = str(engine.url) if engine is not None else resolve_url(None)
    with output_policy(force=True, protect=database_files(url)):
        return work()


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


def to_qdate(value: dt.date) -> QDate:
    return QDate(value.year, value.month, value.day)


def likely_week(engine: Engine, today: dt.date | None = None) -> dt.date:
    """This week when it has a roster, else the next week with one, else the last one."""
    this_week = monday_of(today or dt.date.today())
    with Session(engine) as session:
        weeks = sorted(set(session.exec(select(col(Roster.week_start))).all()))
    later = [w for w in weeks if w >= this_week]
    if later:
        return later[0]
    return weeks[-1] if weeks else this_week


def documents_folder() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found else Path.home()


class WeekEdit(QDateEdit):
    """A date field that always shows a Monday (any day picked selects its week)."""

    week_changed = Signal()

    def __init__(self, week: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setDate(to_qdate(monday_of(week)))
        self.dateChanged.connect(self._on_date)

    def week(self) -> dt.date:
        return monday_of(to_date(self.date()))

    def set_week(self, week: dt.date) -> None:
        self.setDate(to_qdate(monday_of(week)))

    def _on_date(self, value: QDate) -> None:
        monday = monday_of(to_date(value))
        if to_date(value) != monday:
            self.setDate(to_qdate(monday))  # re-enters once with the Monday
            return
        self.week_changed.emit()


class PathField(QWidget):
    """A path typed or chosen with a file or folder dialog (`mode`: open, save or folder)."""

    changed = Signal(str)

    def __init__(self, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.mode = mode
        self.filter = ""
        self.caption = ""
        self.edit = QLineEdit()
        self.browse = QPushButton()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.browse)
        self.browse.clicked.connect(self._on_browse)
        self.edit.textChanged.connect(self.changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.browse.setText(self.tr("Browse…"))

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        return Path(text).expanduser() if text else None

    def set_path(self, path: Path | str) -> None:
        self.edit.setText(str(path))

    def _on_browse(self) -> None:
        start = self.edit.text() or str(documents_folder())
        if self.mode == "folder":
            chosen = QFileDialog.getExistingDirectory(self, self.caption, start)
        elif self.mode == "save":
            chosen, _ = QFileDialog.getSaveFileName(self, self.caption, start, self.filter)
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, self.caption, start, self.filter)
        if chosen:
            self.edit.setText(chosen)


@dataclass(frozen=True)
class Choice:
    code: str
    label: str


def load_choices(engine: Engine, what: str) -> list[Choice]:
    """Stations, schools, people or posts as (code, "code name") in code order."""
    with Session(engine) as session:
        if what == "station":
            rows = session.exec(select(Station).order_by(col(Station.code))).all()
            return [Choice(r.code, f"{r.code}  {r.name}") for r in rows]
        if what == "school":
            schools = session.exec(select(School).order_by(col(School.code))).all()
            return [Choice(s.code, f"{s.code}  {s.name}") for s in schools]
        if what == "person":
            people = session.exec(select(Person).order_by(col(Person.code))).all()
            return [Choice(p.code, f"{p.code}  {p.name}") for p in people]
        names = dict(session.exec(select(School.id, School.name)).all())
        posts = session.exec(select(Post).order_by(col(Post.code))).all()
        return [Choice(p.code, f"{p.code}  {names.get(p.school_id, '')}{p.name}") for p in posts]


def fill_choices(combo: QComboBox, choices: list[Choice]) -> None:
    """Refill `combo` with `choices`, keeping the current code when it is still there."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for choice in choices:
        combo.addItem(choice.label, choice.code)
    at = combo.findData(current)
    combo.setCurrentIndex(at if at >= 0 else 0)
    combo.blockSignals(False)


class JobDialog(QDialog):
    """A dialog that runs one `ThreadJob` at a time and re-translates on a language change.

    `_button_row()` makes the buttons above a Close button; `_run_job()` starts a job wired to
    the subclass's `_on_…` slots. `job_finished` and `job_failed` tell after the dialog has shown
    the outcome.
    """

    job_finished = Signal(object)  # the result, after the dialog has shown it
    job_failed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: ThreadJob | None = None

    def running(self) -> bool:
        return self.job is not None and self.job.running

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Set every text in the current language."""

    def _button_row(self, *roles: QDialogButtonBox.ButtonRole) -> list[QPushButton]:
        """`self.buttons`: a button per role (titled by `retranslate`), then Close (rejects)."""
        self.buttons = QDialogButtonBox()
        made = [self.buttons.addButton("", role) for role in roles]
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.clicked.connect(self.reject)
        return made

    def _run_job(self, job: ThreadJob, **slots: Callable[..., object]) -> ThreadJob:
        """Connect `job`'s signals named in `slots` (progress, finished, failed, cancelled)."""
        for name, slot in slots.items():
            getattr(job.signals, name).connect(slot)
        self.job = job
        job.start()
        return job
