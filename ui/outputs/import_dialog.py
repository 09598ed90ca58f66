"""导入 Import: schools, posts, bell times or people from an Excel or CSV file, all or nothing.

The file is checked first (a dry run in the background). Errors are listed by row, column,
value and reason and nothing is imported; a clean file shows how many rows it holds and the
planner confirms. The import itself is one transaction; then every page reloads.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QUrl,
)
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huxue.imports import KINDS, ImportReport, RowError, import_file, write_template
from ui.context import AppContext
from ui.jobs import ThreadJob, error_text
from ui.outputs.common import (
    JobDialog,
    PathField,
    confirm_replace,
    documents_folder,
    replacing,
)
from ui.widgets import Banner, KeyedComboBox

# The entity each kind of import changes, for `AppContext.data_changed`.
ENTITY_OF_KIND = {"schools": "school", "posts": "school", "bells": "school", "people": "person"}
FILE_FILTER = "Excel / CSV (*.xlsx *.csv);;Excel (*.xlsx);;CSV (*.csv)"


def kind_label(kind: str) -> str:
    from PySide6.QtCore import QCoreApplication

    names = {
        "schools": QCoreApplication.translate("ImportKinds", "Schools"),
        "posts": QCoreApplication.translate("ImportKinds", "Guard posts"),
        "bells": QCoreApplication.translate("ImportKinds", "Bell times"),
        "people": QCoreApplication.translate("ImportKinds", "People"),
    }
    return names.get(kind, kind)


def run_import(engine: Engine, kind: str, path: Path, *, dry_run: bool) -> ImportReport:
    """Check (`dry_run`) or import a file (off the GUI thread)."""
    with Session(engine, expire_on_commit=False) as session:
        return import_file(session, kind, path, dry_run=dry_run)


class ImportErrorsModel(QAbstractTableModel):
    """The row errors of an import: row, column, value, reason."""

    COLUMNS = ("row", "column", "value", "reason")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._errors: list[RowError] = []

    def set_errors(self, errors: list[RowError]) -> None:
        self.beginResetModel()
        self._errors = list(errors)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._errors)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._errors):
            return None
        error = self._errors[index.row()]
        key = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return str(error.row) if key == "row" else str(getattr(error, key))
        if role == Qt.ItemDataRole.UserRole:  # sort key
            return error.row if key == "row" else str(getattr(error, key))
        if role == Qt.ItemDataRole.ToolTipRole and key in ("value", "reason"):
            return str(getattr(error, key))
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return {
            "row": self.tr("Row"),
            "column": self.tr("Column"),
            "value": self.tr("Value"),
            "reason": self.tr("Reason"),
        }[self.COLUMNS[section]]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.COLUMNS) - 1)


class ImportDialog(JobDialog):
    """Pick a kind and a file, check it, read the errors or confirm, import."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.report: ImportReport | None = None
        self._checked: tuple[str, Path] | None = None  # what the last clean check was for
        self._pending: tuple[str, Path] | None = None  # what the running job reads
        self._build()
        self._connect()
        self.retranslate()
        self._reset()

    def _build(self) -> None:
        self.kind = KeyedComboBox(kind_label, KINDS)
        self.file = PathField("open")
        self.file.filter = FILE_FILTER
        self.template_button = QPushButton()
        self.kind_label = QLabel()
        self.file_label = QLabel()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.file_label, self.file)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_button)
        template_row.addStretch(1)
        form.addRow("", template_row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.banner = Banner("error")
        self.model = ImportErrorsModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Qt.ItemDataRole.UserRole)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)  # busy or idle: no percentage to show
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.check_button, self.import_button = self._button_row(
            QDialogButtonBox.ButtonRole.ActionRole, QDialogButtonBox.ButtonRole.AcceptRole
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(760, 520)

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._reset)
        self.file.changed.connect(self._reset)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.import_now)
        self.template_button.clicked.connect(self._on_template)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import from Excel or CSV"))
        self.intro.setText(
            self.tr(
                "Rows are matched by code: a code already in the database is updated, a new "
                "code is added. A file with any error imports nothing."
            )
        )
        self.kind_label.setText(self.tr("Import"))
        self.file_label.setText(self.tr("File"))
        self.kind.retranslate()
        self.file.caption = self.tr("File to import")
        self.file.retranslate()
        self.template_button.setText(self.tr("Download a template…"))
        self.check_button.setText(self.tr("Check file"))
        self.import_button.setText(self.tr("Import"))
        self.close_button.setText(self.tr("Close"))
        self.model.retranslate()
        self._show_report()

    # -- state ---------------------------------------------------------------------------

    def _reset(self, *_args: object) -> None:
        self.report = None
        self._checked = None
        self.model.set_errors([])
        self.table.hide()
        self.banner.show_message("")
        self.summary.setText("")
        self.import_button.setEnabled(False)
        self.check_button.setEnabled(self.file.path() is not None)

    def _current(self) -> tuple[str, Path] | None:
        path = self.file.path()
        return (str(self.kind.current_key()), path) if path is not None else None

    def _show_report(self) -> None:
        report = self.report
        if report is None:
            return
        if report.errors:
            self.summary.setText(
                self.tr(
                    "{n} errors in {rows} rows; nothing was imported. "
                    "Correct the file and check it again."
                ).format(n=len(report.errors), rows=report.rows)
            )
        elif report.created or report.updated:
            self.summary.setText(
                self.tr(
                    "Imported {rows} rows of {kind}: {created} added, {updated} updated."
                ).format(
                    rows=report.rows,
                    kind=kind_label(report.kind),
                    created=report.created,
                    updated=report.updated,
                )
            )
        else:
            self.summary.setText(
                self.tr(
                    "The file is fine: {rows} rows of {kind}. Import them now? The import "
                    "cannot be undone with Ctrl+Z (make a backup first if unsure)."
                ).format(rows=report.rows, kind=kind_label(report.kind))
            )
        if report.warnings:
            self.summary.setText(self.summary.text() + "\n" + "\n".join(report.warnings))

    def _set_busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0 if busy else 1)
        self.progress.setValue(0)
        for widget in (self.kind, self.file, self.check_button, self.template_button):
            widget.setEnabled(not busy)
        if busy:
            self.import_button.setEnabled(False)

    # -- work ----------------------------------------------------------------------------

    def check(self) -> ThreadJob | None:
        """Check the file in the background (a dry run): errors or a confirm."""
        return self._run(dry_run=True)

    def import_now(self) -> ThreadJob | None:
        """Import the checked file in one transaction."""
        if self._checked is None or self._checked != self._current():
            return None
        return self._run(dry_run=False)

    def _run(self, *, dry_run: bool) -> ThreadJob | None:
        if self.running():
            return None
        current = self._current()
        if current is None:
            self.banner.show_message(self.tr("Choose a file to import."))
            return None
        kind, path = current
        engine = self.ctx.engine
        job = ThreadJob(lambda _progress: run_import(engine, kind, path, dry_run=dry_run))
        self._pending = current
        self.banner.show_message("")
        self._set_busy(True)
        return self._run_job(
            job,
            finished=self._on_checked if dry_run else self._on_imported,
            failed=self._on_failed,
        )

    def _on_checked(self, report: ImportReport) -> None:
        checked = self._pending
        self._set_busy(False)
        self.report = report
        self.model.set_errors(report.errors)
        self.table.setVisible(bool(report.errors))
        self._checked = None if report.errors else checked
        self.import_button.setEnabled(not report.errors)
        if report.errors:
            self.table.resizeColumnToContents(2)
        self._show_report()
        self.job_finished.emit(report)

    def _on_imported(self, report: ImportReport) -> None:
        self._set_busy(False)
        self.report = report
        self._checked = None
        self.model.set_errors(report.errors)
        self.table.setVisible(bool(report.errors))
        self._show_report()
        if not report.errors:
            self._after_import(report)
        self.job_finished.emit(report)

    def _after_import(self, report: ImportReport) -> None:
        # Snapshots in the undo history may predate rows the import rewrote.
        self.ctx.undo_stack.clear()
        self.ctx.data_changed.emit(ENTITY_OF_KIND[report.kind], 0)
        self.ctx.database_changed.emit()  # every page reloads the rows the import touched

    def _on_failed(self, text: str) -> None:
        self._set_busy(False)
        self.banner.show_message(self.tr("The file cannot be read: {reason}").format(reason=text))
        self.job_failed.emit(text)

    def _on_template(self) -> None:
        dialog = TemplateDialog(self)
        dialog.kind.set_current_key(self.kind.current_key())
        dialog.exec()

    def reject(self) -> None:
        if self.running():
            return  # an import in progress finishes first (it is one transaction)
        super().reject()


class TemplateDialog(QDialog):
    """下载模板: write an empty import file (.xlsx with notes, or .csv) for a kind."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.written: Path | None = None
        self.kind = KeyedComboBox(kind_label, KINDS)
        self.format = KeyedComboBox(self._format_label, ("xlsx", "csv"))
        self.path = PathField("save")
        self.banner = Banner("error")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.kind_label = QLabel()
        self.format_label = QLabel()
        self.path_label = QLabel()
        form = QFormLayout()
        form.addRow(self.kind_label, self.kind)
        form.addRow(self.format_label, self.format)
        form.addRow(self.path_label, self.path)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.status)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._update_path)
        self.format.currentIndexChanged.connect(self._update_path)
        self.save_button.clicked.connect(self.save)
        self.open_button.clicked.connect(self._on_open)
        self.close_button.clicked.connect(self.reject)
        self.retranslate()
        self._update_path()
        self.resize(560, 240)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Download an import template"))
        self.kind_label.setText(self.tr("Template for"))
        self.format_label.setText(self.tr("Format"))
        self.path_label.setText(self.tr("Save as"))
        self.kind.retranslate()
        self.format.retranslate()
        self.path.retranslate()
        self.save_button.setText(self.tr("Save"))
        self.open_button.setText(self.tr("Open"))
        self.close_button.setText(self.tr("Close"))

    def _format_label(self, fmt: str) -> str:
        if fmt == "xlsx":
            return self.tr("Excel (.xlsx, with a sheet explaining each column)")
        return self.tr("CSV (.csv, header row only)")

    def _update_path(self, *_args: object) -> None:
        kind, fmt = str(self.kind.current_key()), str(self.format.current_key())
        self.path.filter = "Excel (*.xlsx)" if fmt == "xlsx" else "CSV (*.csv)"
        current = self.path.path()
        folder = current.parent if current is not None else documents_folder() / "Huxue"
        self.path.set_path(folder / f"huxue-template-{kind}.{fmt}")

    def save(self) -> Path | None:
        """Write the template; its path (None: refused, the reason shown)."""
        path = self.path.path()
        if path is None or not confirm_replace(self, path):
            return None
        kind = str(self.kind.current_key())
        try:
            self.written = replacing(None, lambda: write_template(kind, path))
        except Exception as exc:
            self.banner.show_message(error_text(exc))
            return None
        self.banner.show_message("")
        self.status.setText(self.tr("Template saved: {path}").format(path=str(self.written)))
        self.open_button.setEnabled(True)
        return self.written

    def _on_open(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written)))
