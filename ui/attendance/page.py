"""出勤 Attendance page: a day's duties of a station or school (or a sign-in sheet's, opened by
its code), marked "all present" and then the exceptions by keyboard, saved in one transaction.

Keys on the table: P present, L late (asks the minutes), A absent, E excused, S substituted
(asks the substitute's code), Delete forgets what was typed.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huxue.attendance.duties import Mark, Places, load_places
from huxue.attendance.record import (
    MAX_MINUTES_LATE,
    Entry,
    all_present,
    duty_lines,
    open_sheet,
    person_id_by_code,
    record_attendance,
)
from huxue.attendance.reports import Tally
from huxue.attendance.sheet_import import import_signin
from huxue.database import session_scope
from huxue.errors import HuxueError
from huxue.imports import ImportReport
from huxue.instance import district_rules, set_lone_officer
from ui.attendance.model import STATUS_KEYS, AttendanceModel
from ui.context import AppContext
from ui.jobs import Report, ThreadJob
from ui.widgets import Banner, KeyedComboBox, make_title, wait_cursor


class AttendanceView(QWidget):
    """The page's widgets; `AttendancePage` gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = make_title(QLabel())
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self._scope_names: dict[Any, str] = {}
        self.scope = KeyedComboBox(lambda key: self._scope_names.get(key, ""))
        self.code = QLineEdit()
        self.code.setClearButtonEnabled(True)
        self.open_sheet = QPushButton()
        top = QHBoxLayout()
        top.addWidget(self.day)
        top.addWidget(self.scope, 2)
        top.addSpacing(16)
        top.addWidget(self.code, 1)
        top.addWidget(self.open_sheet)
        self.error = Banner("error")
        self.notice = Banner("notice")
        self.table = _attendance_table()
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.summary = QLabel()
        self.all_present = QPushButton()
        self.save = QPushButton()
        self.import_file = QPushButton()
        self.reports = QPushButton()
        # What the planner learns: the solver's lone-officer rule, read from this page's figures.
        self.lone_officer = QCheckBox()
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(self.lone_officer)
        for button in (self.all_present, self.save, self.import_file, self.reports):
            bottom.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addWidget(self.notice)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.hint)
        layout.addLayout(bottom)

    def set_scopes(self, names: dict[Any, str]) -> None:
        self._scope_names = names
        self.scope.set_keys(list(names))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Attendance"))
        self.code.setPlaceholderText(self.tr("Sign-in sheet code, e.g. 2F-1BX-1D"))
        self.open_sheet.setText(self.tr("Open sheet"))
        self.all_present.setText(self.tr("All present"))
        self.all_present.setToolTip(self.tr("Mark every duty with nothing recorded as present"))
        self.save.setText(self.tr("Save attendance"))
        self.import_file.setText(self.tr("Import sign-in file…"))
        self.reports.setText(self.tr("Reports and hours…"))
        self.lone_officer.setText(self.tr("Plan with turnout"))
        self.lone_officer.setToolTip(
            self.tr(
                "When planning, keep officers whose turnout of the last 8 weeks is below the "
                "threshold (80% unless changed with the rules command) "
                "from standing alone at a risk-3 post (a soft rule: no seat is left empty for it)"
            )
        )
        self.hint.setText(
            self.tr(
                "Keys: P present · L late · A absent · E excused · S substituted · "
                "Delete forget what was typed. Bold rows are not saved yet."
            )
        )


def _attendance_table() -> QTableView:
    """Rows selected whole, several at once (a clerk marks a run of rows with one key)."""
    table = QTableView()
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(24)
    return table


class AttendancePage(QWidget):
    """The attendance page over the window's database."""

    saved = Signal(int)  # how many records were written
    # An import job ended: its report (rows in error, or what was written), or None on failure.
    imported = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.view = AttendanceView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.model = AttendanceModel(self)
        self.view.table.setModel(self.model)
        self.view.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.view.table.horizontalHeader().setStretchLastSection(True)
        self.view.table.installEventFilter(self)
        self.places: Places | None = None
        self._sheet: str | None = None  # the code of the opened sheet, None: a day's duties
        # Asked when a key needs more than the status; tests replace them.
        self.ask_minutes = self._ask_minutes
        self.ask_substitute = self._ask_substitute
        self.ask_unsaved = self._ask_unsaved
        self._import_job: ThreadJob | None = None
        self.view.day.setDate(QDate.currentDate())
        self.view.day.dateChanged.connect(self._on_scope_changed)
        self.view.scope.currentIndexChanged.connect(self._on_scope_changed)
        self.view.open_sheet.clicked.connect(self._on_open_sheet)
        self.view.code.returnPressed.connect(self._on_open_sheet)
        self.view.all_present.clicked.connect(self._on_all_present)
        self.view.save.clicked.connect(self.save_current)
        self.view.import_file.clicked.connect(self._on_import)
        self.view.reports.clicked.connect(self._on_reports)
        self.view.lone_officer.toggled.connect(self.set_lone_officer)
        ctx.database_changed.connect(self.reload)
        self.view.retranslate()
        self.reload()

    def page_title(self) -> str:
        return self.tr("Attendance")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.view.retranslate()
            self.view.scope.retranslate()
            self.model.headerDataChanged.emit(
                Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1
            )
        super().changeEvent(event)

    # -- loading -----------------------------------------------------------------------------

    def reload(self) -> None:
        """Read stations and schools again and show the chosen day's duties."""
        with Session(self.ctx.engine) as session:
            self.places = load_places(session)
        names: dict[Any, str] = {}
        for sid, (_, name) in sorted(self.places.stations.items(), key=lambda kv: kv[1][0]):
            names[("station", sid)] = name
        for sid, (_, name, _) in sorted(self.places.schools.items(), key=lambda kv: kv[1][0]):
            names[("school", sid)] = f"  {name}"
        self.view.set_scopes(names)
        self._show_lone_officer()
        self._show_day()

    def _show_lone_officer(self) -> None:
        with Session(self.ctx.engine) as session:
            rule = district_rules(session).get("lone_officer") or {}
        self.view.lone_officer.blockSignals(True)
        self.view.lone_officer.setChecked(bool(rule.get("enabled")))
        self.view.lone_officer.blockSignals(False)

    def set_lone_officer(self, on: bool) -> None:
        """Switch the district's lone-officer rule (`huxue.instance.set_lone_officer`)."""
        try:
            with session_scope(self.ctx.engine) as session:
                set_lone_officer(session, enabled=on)
        except HuxueError as exc:
            self.view.error.show_message(str(exc))
        self._show_lone_officer()

    def set_day(self, day: dt.date, scope: tuple[str, int]) -> None:
        """Show a day's duties of ("station" | "school", id)."""
        self.view.scope.set_current_key(scope)
        self.view.day.setDate(QDate(day.year, day.month, day.day))
        self._show_day()

    def _on_scope_changed(self, *_args: Any) -> None:
        self._show_day()

    def _settle_unsaved(self, *, cancel: bool) -> bool:
        """Save or drop what was typed before other duties are shown; False: cancelled."""
        if not self.model.pending():
            return True
        answer = self.ask_unsaved(cancel)
        if answer == QMessageBox.StandardButton.Save:
            return self.save_current()
        return answer == QMessageBox.StandardButton.Discard

    def _ask_unsaved(self, cancel: bool) -> QMessageBox.StandardButton:
        buttons = QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
        if cancel:
            buttons |= QMessageBox.StandardButton.Cancel
        return QMessageBox.question(
            self,
            self.tr("Unsaved attendance"),
            self.tr("Save the attendance typed on this page?"),
            buttons,
        )

    def _show_day(self) -> None:
        self._settle_unsaved(cancel=False)
        key = self.view.scope.current_key()
        self._sheet = None
        self.view.error.show_message("")
        self.view.notice.show_message("")
        if key is None or self.places is None:
            self.model.set_lines([], self.places or Places({}, {}, {}, {}))
            self._update_summary()
            return
        day = self.view.day.date().toPython()
        assert isinstance(day, dt.date)
        kind, row_id = key
        with Session(self.ctx.engine) as session:
            lines = duty_lines(
                session,
                day,
                day,
                station_id=row_id if kind == "station" else None,
                school_id=row_id if kind == "school" else None,
            )
        self.model.set_lines(lines, self.places)
        if not lines:
            self.view.notice.show_message(
                self.tr("No published duties on this day here: publish the week's roster first.")
            )
        self._update_summary()

    def open_code(self, code: str) -> bool:
        """Show the duties of the sign-in sheet with this code; False (and why) when refused."""
        self._settle_unsaved(cancel=False)
        self.view.error.show_message("")
        self.view.notice.show_message("")
        try:
            with Session(self.ctx.engine) as session:
                opened = open_sheet(session, code)
                self.places = load_places(session)
        except HuxueError as exc:
            self.view.error.show_message(str(exc))
            return False
        self._sheet = opened.code
        self.model.set_lines(opened.lines, self.places)
        if opened.stale:
            text = (
                self.tr(
                    "This sheet was printed from version %1; the published roster is now "
                    "version %2. Record against the rows below."
                )
                .replace("%1", str(opened.printed_version))
                .replace("%2", str(opened.published_version))
            )
            if opened.moved:
                people = self.places.people
                moved = ", ".join(f"{key} {people[pid][1]}" for key, pid in opened.moved)
                text += " " + self.tr("Moved after printing: %1").replace("%1", moved)
            self.view.notice.show_message(text)
        self._update_summary()
        return True

    def _on_open_sheet(self) -> None:
        code = self.view.code.text().strip()
        if code:
            self.open_code(code)

    def _update_summary(self) -> None:
        tally = Tally()
        for i in range(self.model.rowCount()):
            row = self.model.row(i)
            mark = row.line.mark
            if row.pending is not None:
                mark = Mark(
                    row.pending.status,
                    row.pending.minutes_late,
                    row.pending.substitute_id,
                    0,
                    "",
                    dt.datetime.now(),
                )
            tally.add(mark)
        rate = "—" if tally.turnout is None else f"{100 * tally.turnout:.1f} %"
        self.view.summary.setText(
            self.tr("%1 duties · %2 recorded · turnout %3 · %4 unsaved")
            .replace("%1", str(tally.planned))
            .replace("%2", str(tally.recorded))
            .replace("%3", rate)
            .replace("%4", str(len(self.model.pending())))
        )
        self.view.save.setEnabled(bool(self.model.pending()))

    # -- typing ------------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                return False
            key = Qt.Key(event.key())
            if key in STATUS_KEYS:
                self.mark_selected(STATUS_KEYS[key])
                return True
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                for row in self._selected_rows():
                    self.model.set_entry(row, None)
                self._update_summary()
                return True
        return super().eventFilter(watched, event)

    def _selected_rows(self) -> list[int]:
        return sorted({i.row() for i in self.view.table.selectionModel().selectedRows()})

    def mark_selected(self, status: str) -> None:
        """Type `status` for the selected rows (asking minutes or the substitute when needed)."""
        rows = self._selected_rows()
        if not rows:
            return
        minutes, substitute = 0, None
        if status == "late":
            asked = self.ask_minutes()
            if asked is None:
                return
            minutes = asked
        if status == "substituted":
            substitute = self.ask_substitute()
            if substitute is None:
                return
        for row in rows:
            line = self.model.row(row).line
            seen = line.mark.version if line.mark else 0
            entry = Entry(
                line.duty.session_key, line.duty.person_id, status, minutes, substitute, seen
            )
            self.model.set_entry(row, entry)
        last = rows[-1] + 1
        if last < self.model.rowCount():  # move on, as a clerk goes down the sheet
            self.view.table.selectRow(last)
        self._update_summary()

    def _ask_minutes(self) -> int | None:
        value, ok = QInputDialog.getInt(
            self, self.tr("Late"), self.tr("Minutes late:"), 5, 1, MAX_MINUTES_LATE
        )
        return int(value) if ok else None

    def _ask_substitute(self) -> int | None:
        code, ok = QInputDialog.getText(
            self, self.tr("Substituted"), self.tr("Code of the person who stood in:")
        )
        if not ok or not code.strip():
            return None
        try:
            with Session(self.ctx.engine) as session:
                return person_id_by_code(session, code)
        except HuxueError as exc:
            self.view.error.show_message(str(exc))
            return None

    def _on_all_present(self) -> None:
        rows = [self.model.row(i) for i in range(self.model.rowCount())]
        at = {(r.line.duty.session_key, r.line.duty.person_id): i for i, r in enumerate(rows)}
        for entry in all_present([r.line for r in rows if r.pending is None]):
            self.model.set_entry(at[(entry.session_key, entry.person_id)], entry)
        self._update_summary()

    # -- saving ------------------------------------------------------------------------------

    def save_current(self) -> bool:
        """Record everything typed, in one transaction; False (and why) when refused."""
        groups: dict[tuple[dt.date, int], list[Entry]] = defaultdict(list)
        for i in range(self.model.rowCount()):
            row = self.model.row(i)
            if row.pending is not None:
                duty = row.line.duty
                groups[(duty.week_start, duty.station_id)].append(row.pending)
        if not groups:
            return True
        written = 0
        try:
            with wait_cursor(), Session(self.ctx.engine) as session:
                for (week, station), entries in sorted(groups.items()):
                    result = record_attendance(session, week, station, entries)
                    written += result.created + result.updated
                session.commit()
        except HuxueError as exc:
            self.view.error.show_message(str(exc))
            return False
        self.model.drop_pending()
        self._refresh_lines()
        self.view.error.show_message("")
        self.saved.emit(written)
        return True

    def resolve_unsaved(self) -> bool:
        """Called before the window closes: save or drop what was typed; False: cancelled."""
        return self._settle_unsaved(cancel=True)

    def _refresh_lines(self) -> None:
        if self._sheet is not None:
            notice = self.view.notice.text()
            self.open_code(self._sheet)
            self.view.notice.show_message(notice)
        else:
            self._show_day()

    # -- files -------------------------------------------------------------------------------

    def import_path(self, path: Path) -> ThreadJob | None:
        """Import a filled sign-in file off the window's thread; when the job ends (its
        `signals.finished`) the page shows the errors (nothing imported) or what was done.
        None while an import runs already."""
        if self._import_job is not None and self._import_job.running:
            return None
        engine = self.ctx.engine

        def work(_report: Report) -> ImportReport:
            with Session(engine) as session:
                return import_signin(session, path)

        job = ThreadJob(work)
        job.signals.finished.connect(self._on_imported)
        job.signals.failed.connect(self._on_import_failed)
        self._import_job = job
        self._set_importing(True)
        job.start()
        return job

    def _set_importing(self, busy: bool) -> None:
        for button in (self.view.import_file, self.view.save, self.view.all_present):
            button.setEnabled(not busy)
        self.view.error.show_message("")
        self.view.notice.show_message(self.tr("Importing the sign-in file…") if busy else "")

    def _on_import_failed(self, text: str) -> None:
        self._set_importing(False)
        self.view.error.show_message(text)
        self.imported.emit(None)

    def _on_imported(self, report: ImportReport) -> None:
        """Show what the import did (or why it did nothing)."""
        self._set_importing(False)
        if report.errors:
            shown = "\n".join(str(e) for e in report.errors[:15])
            more = len(report.errors) - 15
            if more > 0:
                shown += "\n" + self.tr("… and %1 more").replace("%1", str(more))
            self.view.error.show_message(self.tr("Nothing imported:") + "\n" + shown)
            self.imported.emit(report)
            return
        self.view.error.show_message("")
        self.view.notice.show_message(
            self.tr("Imported %1 new and %2 changed records.")
            .replace("%1", str(report.created))
            .replace("%2", str(report.updated))
        )
        self._refresh_lines()
        self.imported.emit(report)

    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import sign-in file"), "", self.tr("Spreadsheets (*.xlsx *.csv)")
        )
        if path:
            self.import_path(Path(path))

    def _on_reports(self) -> None:
        from ui.attendance.dialogs import ReportDialog

        day = self.view.day.date().toPython()
        assert isinstance(day, dt.date)
        dialog = ReportDialog(self.ctx, day, self.view.scope.current_key(), self)
        dialog.exec()
