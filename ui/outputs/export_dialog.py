"""导出 Export: a week as XLSX, CSV, calendar files (.ics) or ready-to-paste messages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huxue.database import session_scope
from huxue.exports import EXPORT_FORMATS, ExportResult, ExportSelection, export_week
from huxue.reprints import covered_stations, record_output
from ui.jobs import Report, Step, ThreadJob
from ui.outputs.common import (
    JobDialog,
    PathField,
    WeekEdit,
    confirm_replace,
    documents_folder,
    fill_choices,
    likely_week,
    load_choices,
    replacing,
)
from ui.widgets import Banner, KeyedComboBox

SCOPES = ("district", "station", "school", "person")
FOLDER_FORMATS = ("ics", "text")


def run_export(
    engine: Engine,
    week: dt.date,
    fmt: str,
    path: Path,
    selection: ExportSelection,
    *,
    full_contacts: bool,
    on_progress: Report | None = None,
) -> ExportResult:
    """Export the week (off the GUI thread)."""
    with Session(engine) as session:
        result = export_week(
            session,
            week,
            fmt,
            path,
            selection,
            full_contacts=full_contacts,
            on_progress=on_progress,
        )
    with session_scope(engine) as session:  # exported: the overview knows from when
        covered = covered_stations(
            session, station=selection.station, school=selection.school, person=selection.person
        )
        record_output(session, week, covered, "export", fmt)
    return result


def default_path(week: dt.date, fmt: str) -> Path:
    base = documents_folder() / "Huxue"
    if fmt in FOLDER_FORMATS:
        return base / f"{week.isoformat()}-{fmt}"
    return base / f"{week.isoformat()}-roster.{fmt}"


class ExportDialog(JobDialog):
    """Choose week, format and scope; the export runs in the background."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.outcome: ExportResult | None = None
        self._auto_path = ""
        self._build()
        self._connect()
        self.retranslate()
        self._on_scope()
        self._update_path()

    def _build(self) -> None:
        self.week = WeekEdit(likely_week(self.engine))
        self.format = KeyedComboBox(self._format_label, EXPORT_FORMATS)
        self.scope = KeyedComboBox(self._scope_label, SCOPES)
        self.item = QComboBox()
        self.item.setMinimumWidth(280)
        self.full_contacts = QCheckBox()
        self.path = PathField("save")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.banner = Banner("error")
        self.notice = Banner("notice")
        self.week_label = QLabel()
        self.format_label = QLabel()
        self.scope_label = QLabel()
        self.item_label = QLabel()
        self.path_label = QLabel()
        self.format_hint = QLabel()
        self.format_hint.setWordWrap(True)
        self.format_hint.setStyleSheet("color: #555;")
        form = QFormLayout()
        form.addRow(self.week_label, self.week)
        form.addRow(self.format_label, self.format)
        form.addRow("", self.format_hint)
        form.addRow(self.scope_label, self.scope)
        form.addRow(self.item_label, self.item)
        form.addRow("", self.full_contacts)
        form.addRow(self.path_label, self.path)
        action = QDialogButtonBox.ButtonRole.ActionRole
        self.export_button, self.open_button = self._button_row(action, action)
        self.export_button.setDefault(True)
        self.open_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.notice)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

    def _connect(self) -> None:
        self.format.currentIndexChanged.connect(self._update_path)
        self.week.week_changed.connect(self._update_path)
        self.scope.currentIndexChanged.connect(self._on_scope)
        self.export_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self._on_open)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export a week"))
        self.week_label.setText(self.tr("Week of"))
        self.format_label.setText(self.tr("Format"))
        self.scope_label.setText(self.tr("Scope"))
        self.item_label.setText(self.tr("Which"))
        self.format.retranslate()
        self.scope.retranslate()
        self.full_contacts.setText(self.tr("Full phone numbers (otherwise masked: 138****5678)"))
        self.path_label.setText(self.tr("Save as"))
        self.path.retranslate()
        self.export_button.setText(self.tr("Export"))
        self.open_button.setText(self.tr("Open"))
        self.close_button.setText(self.tr("Close"))
        self._update_hint()

    def _format_label(self, fmt: str) -> str:
        return {
            "xlsx": self.tr("Excel workbook (.xlsx), a sheet per station"),
            "csv": self.tr("CSV table (.csv, opens in Excel)"),
            "ics": self.tr("Calendar files (.ics), one per school and person"),
            "text": self.tr("Messages for WeChat and SMS (.txt), one per school and person"),
        }.get(fmt, fmt)

    def _scope_label(self, scope: str) -> str:
        return {
            "district": self.tr("The whole district"),
            "station": self.tr("One police station"),
            "school": self.tr("One school"),
            "person": self.tr("One person"),
        }.get(scope, scope)

    def _update_hint(self) -> None:
        fmt = self.format.current_key()
        if fmt in FOLDER_FORMATS:
            self.format_hint.setText(
                self.tr("Writes one file per school and per person into a folder.")
            )
        else:
            self.format_hint.setText(self.tr("Writes one file with a row per duty."))

    # -- state ---------------------------------------------------------------------------

    def selection(self) -> ExportSelection:
        scope = self.scope.current_key()
        code = self.item.currentData()
        if scope == "district" or not code:
            return ExportSelection()
        return ExportSelection(**{str(scope): str(code)})

    def _on_scope(self, *_args: object) -> None:
        scope = self.scope.current_key()
        if scope == "district":
            fill_choices(self.item, [])
        else:
            fill_choices(self.item, load_choices(self.engine, str(scope)))
        self.item.setEnabled(scope != "district")

    def _update_path(self, *_args: object) -> None:
        fmt = str(self.format.current_key())
        self.path.mode = "folder" if fmt in FOLDER_FORMATS else "save"
        self.path.filter = {"xlsx": "Excel (*.xlsx)", "csv": "CSV (*.csv)"}.get(fmt, "")
        current = self.path.edit.text()
        if not current or current == self._auto_path:
            self._auto_path = str(default_path(self.week.week(), fmt))
            self.path.set_path(self._auto_path)
        elif fmt not in FOLDER_FORMATS:
            # A file name the planner typed keeps its name but gets the format's suffix.
            self.path.set_path(Path(current).with_suffix(f".{fmt}"))
        self._update_hint()

    # -- work ----------------------------------------------------------------------------

    def start(self) -> ThreadJob | None:
        """Export in the background (None: nothing started)."""
        if self.running():
            return None
        self.banner.show_message("")
        self.notice.show_message("")
        path = self.path.path()
        if path is None:
            self.banner.show_message(self.tr("Choose where to save the export."))
            return None
        engine, week, fmt = self.engine, self.week.week(), str(self.format.current_key())
        selection, full = self.selection(), self.full_contacts.isChecked()
        if not confirm_replace(self, path, folder=fmt in FOLDER_FORMATS):
            return None
        job = ThreadJob(
            lambda progress: replacing(
                engine,
                lambda: run_export(
                    engine, week, fmt, path, selection, full_contacts=full, on_progress=progress
                ),
            )
        )
        self.outcome = None
        self.progress.setRange(0, 0)
        self.status.setText(self.tr("Exporting…"))
        self.export_button.setEnabled(False)
        self.open_button.setEnabled(False)
        return self._run_job(
            job, progress=self._on_progress, finished=self._on_finished, failed=self._on_failed
        )

    def _on_progress(self, step: Step) -> None:
        done, total = step.done, step.total
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_finished(self, result: ExportResult) -> None:
        self.outcome = result
        self.export_button.setEnabled(True)
        self.open_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.status.setText(
            self.tr("{rows} duties exported: {files} file(s) in {path}").format(
                rows=result.rows, files=len(result.files), path=str(self.path.path())
            )
        )
        if result.warnings:
            self.notice.show_message("\n".join(result.warnings))
        self.job_finished.emit(result)

    def _on_failed(self, text: str) -> None:
        self.export_button.setEnabled(True)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText("")
        self.banner.show_message(self.tr("Nothing exported: {reason}").format(reason=text))
        self.job_failed.emit(text)

    def _on_open(self) -> None:
        path = self.path.path()
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
