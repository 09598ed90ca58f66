"""Reports and hours from the attendance page: turnout report, volunteer statements and lists."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session, col, select

from huxue.attendance.exports import Scope, write_hours, write_report
from huxue.models import Term
from ui.context import AppContext
from ui.jobs import ThreadJob
from ui.outputs.common import replacing
from ui.widgets import Banner, KeyedComboBox

KINDS = ("turnout", "statements", "hours_list")
FORMATS = ("pdf", "xlsx", "csv")


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class ReportDialog(QDialog):
    """Choose what (turnout, statements, hour list), the period and the format, then save."""

    # A report job ended: the path written, or None when it failed (the dialog says why).
    written = Signal(object)

    def __init__(
        self,
        ctx: AppContext,
        day: dt.date,
        scope_key: tuple[str, int] | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = day
        self.scope = Scope()
        if scope_key is not None:
            kind, row_id = scope_key
            self.scope = Scope(station_id=row_id) if kind == "station" else Scope(school_id=row_id)
        self.setWindowTitle(self.tr("Attendance reports and volunteer hours"))
        self.kind = KeyedComboBox(self._kind_label, KINDS)
        self.fmt = KeyedComboBox(lambda f: f.upper(), FORMATS)
        self.first = QDateEdit(_qdate(day - dt.timedelta(days=day.weekday())))
        self.last = QDateEdit(_qdate(day - dt.timedelta(days=day.weekday()) + dt.timedelta(6)))
        for edit in (self.first, self.last):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        self.week = QPushButton(self.tr("This week"))
        self.month = QPushButton(self.tr("This month"))
        self.term = QPushButton(self.tr("This term"))
        quick = QHBoxLayout()
        for button in (self.week, self.month, self.term):
            quick.addWidget(button)
        self.whole = QPushButton(self.tr("Whole district"))
        self.scope_label = QLabel(self._scope_text())
        scope_row = QHBoxLayout()
        scope_row.addWidget(self.scope_label, 1)
        scope_row.addWidget(self.whole)
        form = QFormLayout()
        form.addRow(self.tr("Report"), self.kind)
        form.addRow(self.tr("For"), scope_row)
        form.addRow(self.tr("From"), self.first)
        form.addRow(self.tr("To"), self.last)
        form.addRow("", quick)
        form.addRow(self.tr("Format"), self.fmt)
        self.error = Banner("error")
        self.notice = Banner("notice")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.save = buttons.addButton(self.tr("Save as…"), QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.save.clicked.connect(self._on_save)
        self._job: ThreadJob | None = None
        self.week.clicked.connect(lambda: self._set_period("week"))
        self.month.clicked.connect(lambda: self._set_period("month"))
        self.term.clicked.connect(lambda: self._set_period("term"))
        self.whole.clicked.connect(self._on_whole)

    def _kind_label(self, kind: Any) -> str:
        return {
            "turnout": self.tr("Turnout report (到岗率)"),
            "statements": self.tr("Volunteer hours: a statement per volunteer"),
            "hours_list": self.tr("Volunteer hours: list"),
        }.get(kind, str(kind))

    def _scope_text(self) -> str:
        with Session(self.ctx.engine) as session:
            from huxue.attendance.duties import load_places

            places = load_places(session)
        if self.scope.school_id is not None:
            return places.schools[self.scope.school_id][1]
        if self.scope.station_id is not None:
            return places.stations[self.scope.station_id][1]
        return self.tr("The whole district")

    def _on_whole(self) -> None:
        self.scope = Scope()
        self.scope_label.setText(self._scope_text())

    def _set_period(self, which: str) -> None:
        day = self.day
        if which == "week":
            first = day - dt.timedelta(days=day.weekday())
            last = first + dt.timedelta(days=6)
        elif which == "month":
            first = day.replace(day=1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        else:
            with Session(self.ctx.engine) as session:
                term = session.exec(
                    select(Term).where(col(Term.first_day) <= day, col(Term.last_day) >= day)
                ).first()
            if term is None:
                self.error.show_message(self.tr("No term contains this day."))
                return
            first, last = term.first_day, term.last_day
        self.first.setDate(_qdate(first))
        self.last.setDate(_qdate(last))

    def period(self) -> tuple[dt.date, dt.date]:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        assert isinstance(first, dt.date) and isinstance(last, dt.date)
        return first, last

    def write(self, path: Path) -> ThreadJob | None:
        """Build the chosen report and write it to `path` off the window's thread; the job's
        `signals.finished` brings the path (the dialog then says where it was saved), its
        `failed` why not. None (and why) when the period is wrong or a report is being built."""
        first, last = self.period()
        kind, fmt, scope = self.kind.current_key(), self.fmt.current_key(), self.scope
        self.error.show_message("")
        if last < first:
            self.error.show_message(self.tr("The period ends before it starts."))
            return None
        if self._job is not None and self._job.running:
            return None
        engine = self.ctx.engine

        def build() -> Path:
            with Session(engine) as session:
                if kind == "turnout":
                    write_report(session, path, fmt, first, last, scope)
                else:
                    write_hours(
                        session, path, fmt, first, last, scope, statements=kind == "statements"
                    )
            return path

        # The save dialog asked before replacing a file; the database is never an output.
        job = ThreadJob(lambda _report: replacing(engine, build))
        job.signals.finished.connect(self._on_written)
        job.signals.failed.connect(self._on_failed)
        self._job = job
        self._set_busy(True)
        job.start()
        return job

    def _set_busy(self, busy: bool) -> None:
        self.save.setEnabled(not busy)
        self.notice.show_message(self.tr("Building the report…") if busy else "")

    def _on_written(self, path: Path) -> None:
        self._set_busy(False)
        self.notice.show_message(self.tr("Saved %1").replace("%1", str(path)))
        self.written.emit(path)

    def _on_failed(self, text: str) -> None:
        self._set_busy(False)
        self.error.show_message(text)
        self.written.emit(None)

    def _on_save(self) -> None:
        fmt = self.fmt.current_key()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save as"), f"attendance.{fmt}", f"{fmt.upper()} (*.{fmt})"
        )
        if path:
            self.write(Path(path))
