"""备份 Backup and 恢复 Restore: the whole database as one JSON file, and back.

Restore replaces every row of the open database with the backup's (`huxue.backup`: all or
nothing, one transaction; a backup from another schema version is refused). Before it does,
the current data is saved beside the user's database, so a wrong file can be undone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine

from huxue.backup import restore_file, write_backup
from huxue.database import default_db_path
from ui.context import AppContext
from ui.jobs import ThreadJob
from ui.outputs.common import (
    JobDialog,
    PathField,
    confirm_replace,
    documents_folder,
    replacing,
)
from ui.widgets import Banner


def default_backup_path(today: dt.date | None = None) -> Path:
    day = (today or dt.date.today()).isoformat()
    return documents_folder() / "Huxue" / f"huxue-backup-{day}.json"


def safety_folder() -> Path:
    """Where the data a restore replaces is kept."""
    return default_db_path().parent / "backups"


@dataclass
class RestoreOutcome:
    rows: int
    tables: int
    safety_copy: Path | None


def run_restore(engine: Engine, path: Path, keep_in: Path) -> RestoreOutcome:
    """Restore `path` over the data, which is first saved into `keep_in` (off the GUI thread).

    A file that is not a complete, valid backup changes nothing; the restore leaves an audit
    entry naming the saved copy."""
    outcome = restore_file(engine, path, force=True, keep_in=keep_in)
    return RestoreOutcome(sum(outcome.counts.values()), len(outcome.counts), outcome.safety_copy)


class _FileJobDialog(JobDialog):
    """A path, an action button, a busy bar, a status line and an error banner."""

    def __init__(self, mode: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = PathField(mode)
        self.path.filter = "Huxue backup (*.json)"
        self.path_label = QLabel()
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.banner = Banner("error")
        self.notice = Banner("notice")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setTextVisible(False)  # busy or idle: no percentage to show
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.form = QFormLayout()
        self.form.addRow(self.path_label, self.path)
        (self.run_button,) = self._button_row(QDialogButtonBox.ButtonRole.ActionRole)
        self.run_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.notice)
        layout.addWidget(self.banner)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self.resize(600, 280)

    def retranslate(self) -> None:
        self.path.retranslate()
        self.close_button.setText(self.tr("Close"))

    def _busy(self, busy: bool) -> None:
        self.progress.setRange(0, 0 if busy else 1)
        self.progress.setValue(0)
        self.run_button.setEnabled(not busy)
        self.path.setEnabled(not busy)
        self.close_button.setEnabled(not busy)

    def reject(self) -> None:
        if self.running():
            return  # a backup or restore in progress finishes first
        super().reject()


class BackupDialog(_FileJobDialog):
    """Write the whole database to a JSON file."""

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__("save", parent)
        self.engine = engine
        self.written: Path | None = None
        self.path.set_path(default_backup_path())
        self.open_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.setEnabled(False)
        self.run_button.clicked.connect(self.start)
        self.open_button.clicked.connect(self._on_open)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Back up the database"))
        self.intro.setText(
            self.tr(
                "Saves every school, post, person, calendar entry and roster into one file. "
                "Restore brings it back exactly."
            )
        )
        self.path_label.setText(self.tr("Save as"))
        self.path.caption = self.tr("Backup file")
        self.run_button.setText(self.tr("Back up"))
        self.open_button.setText(self.tr("Open folder"))

    def start(self) -> ThreadJob | None:
        path = self.path.path()
        if path is None or self.running():
            return None
        if path.suffix.lower() != ".json":
            path = path.with_name(path.name + ".json")
        if not confirm_replace(self, path):
            return None
        engine = self.engine
        job = ThreadJob(
            lambda _progress: (path, replacing(engine, lambda: write_backup(engine, path)))
        )
        self.banner.show_message("")
        self.status.setText(self.tr("Backing up…"))
        self._busy(True)
        return self._run_job(job, finished=self._on_finished, failed=self._on_failed)

    def _on_finished(self, outcome: tuple[Path, dict[str, int]]) -> None:
        self._busy(False)
        path, counts = outcome
        self.written = path
        self.open_button.setEnabled(True)
        self.status.setText(
            self.tr("{rows} rows of {tables} tables saved to {path}").format(
                rows=sum(counts.values()), tables=len(counts), path=str(path)
            )
        )
        self.job_finished.emit(path)

    def _on_failed(self, text: str) -> None:
        self._busy(False)
        self.status.setText("")
        self.banner.show_message(self.tr("No backup written: {reason}").format(reason=text))
        self.job_failed.emit(text)

    def _on_open(self) -> None:
        if self.written is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.written.parent)))


class RestoreDialog(_FileJobDialog):
    """Replace the open database's data with a backup, after an explicit confirmation."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("open", parent)
        self.ctx = ctx
        self.keep_in = safety_folder()
        self.outcome: RestoreOutcome | None = None
        self.confirm = QCheckBox()
        self.form.addRow("", self.confirm)
        self.run_button.setEnabled(False)
        self.confirm.toggled.connect(self._update_button)
        self.path.changed.connect(self._update_button)
        self.run_button.clicked.connect(self.start)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Restore a backup"))
        self.intro.setText(
            self.tr(
                "Restoring replaces all data of the open database ({db}) with the backup's. "
                "The current data is first saved to {folder}."
            ).format(db=self.ctx.database_label, folder=str(self.keep_in))
        )
        self.path_label.setText(self.tr("Backup file"))
        self.path.caption = self.tr("Backup file")
        self.confirm.setText(self.tr("Yes, replace all data of this database"))
        self.run_button.setText(self.tr("Restore"))

    def _update_button(self, *_args: object) -> None:
        running = self.running()
        self.run_button.setEnabled(
            self.confirm.isChecked() and self.path.path() is not None and not running
        )

    def start(self) -> ThreadJob | None:
        path = self.path.path()
        if path is None or not self.confirm.isChecked():
            return None
        if self.running():
            return None
        engine, keep_in = self.ctx.engine, self.keep_in
        job = ThreadJob(lambda _progress: run_restore(engine, path, keep_in))
        self.banner.show_message("")
        self.status.setText(self.tr("Restoring…"))
        self._busy(True)
        return self._run_job(job, finished=self._on_finished, failed=self._on_failed)

    def _on_finished(self, outcome: RestoreOutcome) -> None:
        self._busy(False)
        self.outcome = outcome
        self.confirm.setChecked(False)
        self.status.setText(
            self.tr(
                "Restored {rows} rows of {tables} tables. The data it replaced is in {path}."
            ).format(rows=outcome.rows, tables=outcome.tables, path=str(outcome.safety_copy))
        )
        # Same database, new content: drop the undo history and reload every page.
        self.ctx.set_engine(self.ctx.engine)
        self.job_finished.emit(outcome)

    def _on_failed(self, text: str) -> None:
        self._busy(False)
        self._update_button()
        self.status.setText("")
        self.banner.show_message(
            self.tr("Nothing restored; the database is unchanged: {reason}").format(reason=text)
        )
        self.job_failed.emit(text)
