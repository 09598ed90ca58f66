"""打印 Print: a week's station rosters, school sheets, person cards or sign-in sheets as PDF.

The batch runs in the thread pool with a progress bar; then the dialog lists the files and
previews the chosen file's pages as they were written (rendered with PDFium, see
`huxue.reports.preview`: QtPdf is not part of PySide6-Essentials); a file also opens in the
system's viewer.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huxue.database import session_scope
from huxue.reports import (
    PRINT_KINDS,
    PrintResult,
    PrintSelection,
    load_week,
    print_week,
)
from huxue.reports.preview import pdf_preview
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

PREVIEW_WIDTH = 420
PREVIEW_PAGES = 8
# The codes a single sheet of each kind is chosen by.
ITEM_OF_KIND = {"station": "station", "school": "school", "person": "person", "signin": "post"}


@dataclass
class PrintOutcome:
    """What a print job wrote, and the first school sheet image it wrote (or None)."""

    result: PrintResult
    preview_png: bytes | None


def run_print(
    engine: Engine,
    week: dt.date,
    selection: PrintSelection,
    folder: Path,
    *,
    full_contacts: bool,
    png: bool,
    on_progress: Report | None = None,
) -> PrintOutcome:
    """Print the selected sheets into `folder` (off the GUI thread)."""
    printed = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    with Session(engine) as session:
        data = load_week(session, week)
        result = print_week(
            session,
            week,
            selection,
            folder,
            full_contacts=full_contacts,
            png=png and selection.kind == "school",
            printed=printed,
            on_progress=on_progress,
            data=data,
        )
    with session_scope(engine) as session:  # printed: the overview knows from when
        covered = covered_stations(
            session,
            station=selection.station,
            school=selection.school,
            person=selection.person,
            post=selection.post,
        )
        record_output(session, week, covered, "print", selection.kind)
    preview = result.images[0].read_bytes() if result.images else None
    return PrintOutcome(result, preview)


class PrintDialog(JobDialog):
    """Choose a week and the sheets, print them in the background, preview and open them."""

    job_cancelled = Signal()

    def __init__(self, engine: Engine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.outcome: PrintOutcome | None = None
        self._preview_pages = 0
        self._preview_total = 0
        self._build()
        self._connect()
        self.retranslate()
        self._on_kind()

    # -- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self.week = WeekEdit(likely_week(self.engine))
        self.kind = KeyedComboBox(self._kind_label, PRINT_KINDS)
        self.kind.set_current_key("school")
        self.all_radio = QRadioButton()
        self.one_radio = QRadioButton()
        self.all_radio.setChecked(True)
        self.scope_group = QButtonGroup(self)
        self.scope_group.addButton(self.all_radio)
        self.scope_group.addButton(self.one_radio)
        self.item = QComboBox()
        self.item.setMinimumWidth(260)
        self.station = QComboBox()
        self._stations = load_choices(self.engine, "station")
        self.full_contacts = QCheckBox()
        self.png = QCheckBox()
        self.folder = PathField("folder")
        self.folder.set_path(documents_folder() / "Huxue")
        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.banner = Banner("error")
        self.notice = Banner("notice")

        scope_row = QWidget()
        scope = QHBoxLayout(scope_row)
        scope.setContentsMargins(0, 0, 0, 0)
        scope.addWidget(self.all_radio)
        scope.addWidget(self.one_radio)
        scope.addWidget(self.item, 1)
        self.form = QFormLayout()
        self.week_label = QLabel()
        self.kind_label = QLabel()
        self.scope_label = QLabel()
        self.station_label = QLabel()
        self.folder_label = QLabel()
        self.form.addRow(self.week_label, self.week)
        self.form.addRow(self.kind_label, self.kind)
        self.form.addRow(self.scope_label, scope_row)
        self.form.addRow(self.station_label, self.station)
        self.form.addRow("", self.full_contacts)
        self.form.addRow("", self.png)
        self.form.addRow(self.folder_label, self.folder)
        left = QVBoxLayout()
        left.addLayout(self.form)
        left.addWidget(self.banner)
        left.addWidget(self.notice)
        left.addStretch(1)
        left.addWidget(self.status)
        left.addWidget(self.progress)

        self.preview_box = QGroupBox()
        self.image = QLabel()
        self.image.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview_scroll = QScrollArea()
        self.preview_scroll.setWidget(self.image)
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setMinimumSize(PREVIEW_WIDTH + 24, 300)
        self.preview_hint = QLabel()
        self.preview_hint.setWordWrap(True)
        self.files = QListWidget()
        self.files.setMaximumHeight(130)
        self.open_file = QPushButton()
        self.open_folder = QPushButton()
        self.open_file.setEnabled(False)
        self.open_folder.setEnabled(False)
        opens = QHBoxLayout()
        opens.addWidget(self.open_file)
        opens.addWidget(self.open_folder)
        opens.addStretch(1)
        right = QVBoxLayout(self.preview_box)
        right.addWidget(self.preview_scroll, 1)
        right.addWidget(self.preview_hint)
        right.addWidget(self.files)
        right.addLayout(opens)

        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addWidget(self.preview_box, 1)
        action = QDialogButtonBox.ButtonRole.ActionRole
        self.print_button, self.stop_button = self._button_row(action, action)
        self.print_button.setDefault(True)
        self.stop_button.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.buttons)
        self.resize(920, 560)

    def _connect(self) -> None:
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.scope_group.buttonToggled.connect(self._on_scope)
        self.print_button.clicked.connect(self.start)
        self.stop_button.clicked.connect(self.stop)
        self.open_file.clicked.connect(self._on_open_file)
        self.open_folder.clicked.connect(self._on_open_folder)
        self.files.itemDoubleClicked.connect(self._on_open_item)
        self.files.currentRowChanged.connect(lambda _row: self._show_preview())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Print duty sheets"))
        self.week_label.setText(self.tr("Week of"))
        self.kind_label.setText(self.tr("Kind of sheet"))
        self.kind.retranslate()
        self.scope_label.setText(self.tr("Which sheets"))
        self.all_radio.setText(self.tr("All"))
        self.one_radio.setText(self.tr("Only"))
        self.station_label.setText(self.tr("Police station"))
        current = self.station.currentData()
        self.station.clear()
        self.station.addItem(self.tr("All stations"), None)
        for choice in self._stations:
            self.station.addItem(choice.label, choice.code)
        self.station.setCurrentIndex(max(self.station.findData(current), 0))
        self.full_contacts.setText(self.tr("Full phone numbers (otherwise masked: 138****5678)"))
        self.png.setText(self.tr("Also save each school sheet as an image (PNG) for WeChat"))
        self.folder_label.setText(self.tr("Save in folder"))
        self.folder.caption = self.tr("Folder for the printed sheets")
        self.folder.retranslate()
        self.preview_box.setTitle(self.tr("Preview"))
        self.print_button.setText(self.tr("Print"))
        self.stop_button.setText(self.tr("Stop"))
        self.close_button.setText(self.tr("Close"))
        self.open_file.setText(self.tr("Open in the system viewer"))
        self.open_folder.setText(self.tr("Open folder"))
        self._show_preview_hint()

    def _kind_label(self, kind: str) -> str:
        return {
            "station": self.tr("Station weekly roster"),
            "school": self.tr("School duty sheet"),
            "person": self.tr("Person duty card"),
            "signin": self.tr("Post sign-in sheet"),
        }.get(kind, kind)

    # -- state ---------------------------------------------------------------------------

    def selection(self) -> PrintSelection:
        """The sheets the dialog's choices print."""
        kind = str(self.kind.current_key())
        if self.one_radio.isChecked() and self.item.currentData():
            code = str(self.item.currentData())
            return PrintSelection(kind, **{ITEM_OF_KIND[kind]: code})
        station = self.station.currentData()
        return PrintSelection(kind, station=str(station) if station else None)

    def _on_kind(self, *_args: object) -> None:
        kind = str(self.kind.current_key())
        fill_choices(self.item, load_choices(self.engine, ITEM_OF_KIND[kind]))
        self.png.setEnabled(kind == "school")
        self._on_scope()

    def _on_scope(self, *_args: object) -> None:
        one = self.one_radio.isChecked()
        self.item.setEnabled(one)
        self.station.setEnabled(not one)

    def _set_running(self, running: bool) -> None:
        for widget in (self.week, self.kind, self.all_radio, self.one_radio, self.folder):
            widget.setEnabled(not running)
        self.item.setEnabled(not running and self.one_radio.isChecked())
        self.station.setEnabled(not running and not self.one_radio.isChecked())
        self.print_button.setEnabled(not running)
        self.stop_button.setEnabled(running)

    # -- work ----------------------------------------------------------------------------

    def start(self) -> ThreadJob | None:
        """Print in the background; the job's signals report (None: nothing started)."""
        if self.running():
            return None
        folder = self.folder.path()
        self.banner.show_message("")
        self.notice.show_message("")
        if folder is None:
            self.banner.show_message(self.tr("Choose a folder for the sheets."))
            return None
        engine, week, selection = self.engine, self.week.week(), self.selection()
        full, png = self.full_contacts.isChecked(), self.png.isChecked()
        if not confirm_replace(self, folder, folder=True):
            return None
        job = ThreadJob(
            lambda progress: replacing(
                engine,
                lambda: run_print(
                    engine,
                    week,
                    selection,
                    folder,
                    full_contacts=full,
                    png=png,
                    on_progress=progress,
                ),
            )
        )
        self.outcome = None
        self.progress.setRange(0, 0)  # busy until the first sheet is written
        self.status.setText(self.tr("Reading the week…"))
        self._set_running(True)
        return self._run_job(
            job,
            progress=self._on_progress,
            finished=self._on_finished,
            failed=self._on_failed,
            cancelled=self._on_cancelled,
        )

    def stop(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _on_progress(self, step: Step) -> None:
        done, total = step.done, step.total
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(self.tr("Sheet {done} of {total}").format(done=done, total=total))

    def _on_finished(self, outcome: PrintOutcome) -> None:
        self._set_running(False)
        self.outcome = outcome
        result = outcome.result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        text = self.tr("{n} sheets written to {folder}").format(
            n=len(result.files), folder=str(self.folder.path())
        )
        if result.combined is not None:
            text += "\n" + self.tr("All in one file for printing: {name}").format(
                name=result.combined.name
            )
        self.status.setText(text)
        if result.warnings:
            self.notice.show_message("\n".join(result.warnings))
        self.files.clear()
        paths = ([result.combined] if result.combined else []) + result.files + result.images
        for path in paths:
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.files.addItem(item)
        if self.files.count():
            self.files.setCurrentRow(0)
        self.open_file.setEnabled(bool(paths))
        self.open_folder.setEnabled(True)
        if not self.files.count():
            self._show_preview()
        self.job_finished.emit(outcome)

    def _on_failed(self, text: str) -> None:
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText("")
        self.banner.show_message(self.tr("Nothing printed: {reason}").format(reason=text))
        self.job_failed.emit(text)

    def _on_cancelled(self) -> None:
        self._set_running(False)
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status.setText(self.tr("Stopped; the sheets written so far are in the folder."))
        self.job_cancelled.emit()

    # -- preview -------------------------------------------------------------------------

    def _show_preview(self, _png: bytes | None = None) -> None:
        """Draw the chosen PDF's pages one under the other."""
        path = self._selected_path()
        self._preview_pages = 0
        self._preview_total = 0
        if path is None or path.suffix.lower() != ".pdf" or not path.is_file():
            self.image.clear()
            self._show_preview_hint()
            return
        try:
            # Twice as sharp, shown at half; the first pages are enough to check a batch.
            preview = pdf_preview(path, PREVIEW_WIDTH * 2, max_pages=PREVIEW_PAGES)
        except Exception as exc:  # a damaged file: say so, keep the dialog usable
            self.image.clear()
            self.preview_hint.setText(self.tr("Cannot show this file: %1").replace("%1", str(exc)))
            return
        images = [QImage.fromData(png) for png in preview.pages]
        gap = 12
        height = sum(i.height() for i in images) + gap * max(0, len(images) - 1)
        sheet = QImage(PREVIEW_WIDTH * 2, max(1, height), QImage.Format.Format_RGB32)
        sheet.fill(Qt.GlobalColor.gray)
        painter = QPainter(sheet)
        top = 0
        for image in images:
            painter.drawImage(0, top, image)
            top += image.height() + gap
        painter.end()
        pixmap = QPixmap.fromImage(sheet).scaledToWidth(
            PREVIEW_WIDTH, Qt.TransformationMode.SmoothTransformation
        )
        self.image.setPixmap(pixmap)
        self._preview_pages, self._preview_total = len(images), preview.total
        self._show_preview_hint()

    def _show_preview_hint(self) -> None:
        if self.outcome is None:
            self.preview_hint.setText(self.tr("The printed files appear here."))
        elif self._preview_pages:
            text = self.tr("%1: %2 page(s), as printed.")
            path = self._selected_path()
            text = text.replace("%1", path.name if path else "").replace(
                "%2", str(self._preview_total)
            )
            if self._preview_pages < self._preview_total:
                text += " " + self.tr("The first %1 are shown.").replace(
                    "%1", str(self._preview_pages)
                )
            self.preview_hint.setText(text)
        else:
            self.preview_hint.setText(self.tr("Choose a PDF in the list to see its pages."))

    def _selected_path(self) -> Path | None:
        item = self.files.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _on_open_file(self) -> None:
        path = self._selected_path()
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _on_open_item(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(item.data(Qt.ItemDataRole.UserRole))))

    def _on_open_folder(self) -> None:
        folder = self.folder.path()
        if folder is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def reject(self) -> None:
        if self.job is not None and self.running():
            self.job.cancel()  # the pool finishes the current sheet and stops
        super().reject()
