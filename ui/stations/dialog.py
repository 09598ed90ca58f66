"""The stations dialog: the list of police stations beside the form of the selected one.

`StationsView` lays the widgets out; `StationsController` fills the form from a `StationData`
snapshot, validates as the planner types (marking the field and saying why), and saves and
deletes through `AppContext.apply`, so each change is one undoable transaction on the window's
undo stack (the dialog has its own Undo and Redo buttons, since it holds the keyboard).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QItemSelection, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from huxue import editing
from huxue.editing import StationData
from huxue.models import Station
from ui.context import AppContext
from ui.i18n import error_text
from ui.record_editor import RecordEditorController
from ui.stations.model import StationTableModel
from ui.widgets import Banner, make_record_table, make_title, parse_float, text_edit


class StationsView(QWidget):
    """The dialog's widgets: the station table with New and Delete, the form, Undo and Redo."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.table = make_record_table()
        self.count = QLabel()
        self.add = QPushButton()
        self.delete = QPushButton()
        below = QHBoxLayout()
        below.addWidget(self.count)
        below.addStretch()
        below.addWidget(self.delete)
        below.addWidget(self.add)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(below)

        self.form_box = QGroupBox()
        self.title = QLabel()
        make_title(self.title)
        self.banner = Banner("error")
        self.code = text_edit(Station, "code")
        self.name = text_edit(Station, "name")
        self.lat = QLineEdit()
        self.lon = QLineEdit()
        self.form_labels = [QLabel() for _ in range(3)]
        form = QFormLayout()
        form.addRow(self.form_labels[0], self.code)
        form.addRow(self.form_labels[1], self.name)
        location = QHBoxLayout()
        location.addWidget(self.lat)
        location.addWidget(self.lon)
        form.addRow(self.form_labels[2], location)
        self.usage = QLabel()
        self.usage.setWordWrap(True)
        self.save = QPushButton()
        self.save.setDefault(True)
        self.save.setAutoDefault(True)
        self.revert = QPushButton()
        form_buttons = QHBoxLayout()
        form_buttons.addStretch()
        form_buttons.addWidget(self.revert)
        form_buttons.addWidget(self.save)
        box_layout = QVBoxLayout(self.form_box)
        box_layout.addWidget(self.title)
        box_layout.addWidget(self.banner)
        box_layout.addLayout(form)
        box_layout.addWidget(self.usage)
        box_layout.addStretch()
        box_layout.addLayout(form_buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.form_box)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        self.undo = QPushButton()
        self.redo = QPushButton()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo)
        bottom.addWidget(self.redo)
        bottom.addStretch()
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.hint.setText(
            self.tr(
                "Every school and every person belongs to a police station (派出所). "
                "Officers guard only the schools of their own station."
            )
        )
        self.add.setText(self.tr("New station"))
        self.delete.setText(self.tr("Delete station"))
        self.form_box.setTitle(self.tr("Station"))
        for label, text in zip(
            self.form_labels,
            (self.tr("Code"), self.tr("Name"), self.tr("Location (lat, lon)")),
            strict=True,
        ):
            label.setText(text)
        self.code.setPlaceholderText(self.tr("e.g. JM"))
        self.name.setPlaceholderText(self.tr("e.g. 集美派出所"))
        self.lat.setPlaceholderText(self.tr("latitude, e.g. 24.58"))
        self.lon.setPlaceholderText(self.tr("longitude, e.g. 118.10"))
        self.save.setText(self.tr("Save"))
        self.save.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString())
        self.revert.setText(self.tr("Revert"))
        self.undo.setText(self.tr("Undo"))
        self.redo.setText(self.tr("Redo"))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText(self.tr("Close"))
        controller = getattr(self, "controller", None)
        if controller is not None:
            controller.retranslate()


class StationsController(RecordEditorController):
    """Loads the stations, keeps the form on the selected one, saves and deletes undoably."""

    original: StationData | None

    def __init__(self, ctx: AppContext, view: StationsView) -> None:
        super().__init__(ctx, view, "station", editing.validate_station)
        self.model = StationTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(StationTableModel.SortRole)
        self.proxy.setSortLocaleAware(True)
        view.table.setModel(self.proxy)
        header = view.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 70), (2, 170), (3, 55), (4, 55)):
            header.resizeSection(column, width)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.table.setSortingEnabled(True)
        self._selecting = False
        self._connect()
        self.reload()

    def _connect(self) -> None:
        v = self.view
        for line in (v.code, v.name, v.lat, v.lon):
            line.textEdited.connect(self._on_changed)
        v.table.selectionModel().selectionChanged.connect(self._on_selection)
        v.add.clicked.connect(self._on_add)
        v.delete.clicked.connect(self._on_delete)
        v.save.clicked.connect(self.save)
        v.revert.clicked.connect(self._on_revert)
        v.undo.clicked.connect(self._on_undo)
        v.redo.clicked.connect(self._on_redo)
        stack = self.ctx.undo_stack
        stack.canUndoChanged.connect(v.undo.setEnabled)
        stack.canRedoChanged.connect(v.redo.setEnabled)
        stack.indexChanged.connect(self._on_undo_index)
        self.ctx.data_changed.connect(self._on_data_changed)
        self.ctx.database_changed.connect(self.reload)

    # -- public ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every station again and empty the form."""
        self.model.set_rows(self.ctx.run(editing.stations))
        self.show_nothing()
        self._update_count()
        self._on_undo_index()

    def retranslate(self) -> None:
        self.model.retranslate()
        self._update_count()
        self._set_title()
        self._update_usage()
        if self.error is not None:
            self.view.banner.show_message(error_text(self.error))

    def load(self, station_id: int) -> None:
        """Show one station as it is stored, selected in the list."""
        super().load(station_id)
        self._select_row(station_id)

    def new_station(self) -> None:
        """Start a new, unsaved station with a free code."""
        self._select_row(None)
        code = self.ctx.run(editing.next_code, Station, "PS")
        self.start_new(StationData(None, code, self.tr("New police station")))
        self.view.name.setFocus()
        self.view.name.selectAll()

    def collect(self) -> StationData:
        """The form as a snapshot (FieldError for a coordinate that is not a number)."""
        assert self.original is not None
        v = self.view
        return replace(
            self.original,
            code=v.code.text().strip(),
            name=v.name.text().strip(),
            lat=parse_float(v.lat.text(), "lat"),
            lon=parse_float(v.lon.text(), "lon"),
        )

    # -- hooks of RecordEditorController -----------------------------------------------------

    def _load_snapshot(self, row_id: int) -> StationData:
        return self.ctx.run(editing.load_station, row_id)

    def _fill(self, data: StationData) -> None:
        v = self.view
        v.form_box.setEnabled(True)
        v.code.setText(data.code)
        v.name.setText(data.name)
        v.lat.setText("" if data.lat is None else f"{data.lat:.6f}")
        v.lon.setText("" if data.lon is None else f"{data.lon:.6f}")
        v.delete.setEnabled(data.id is not None)
        self._update_usage()

    def _blank(self) -> None:
        for line in (self.view.code, self.view.name, self.view.lat, self.view.lon):
            line.clear()
        self.view.form_box.setEnabled(False)
        self.view.delete.setEnabled(False)
        self._update_usage()

    def _nothing_title(self) -> str:
        return self.tr("Select a station")

    def _command_text(self, before: StationData | None, after: StationData | None) -> str:
        if after is None:
            assert before is not None
            return self.tr("Delete station %1").replace("%1", before.name)
        text = self.tr("Edit station %1") if before is not None else self.tr("Add station %1")
        return text.replace("%1", after.name)

    def _delete_question(self, data: StationData) -> tuple[str, str]:
        return (
            self.tr("Delete station"),
            self.tr("Delete %1? You can undo this.").replace("%1", data.name),
        )

    def _unsaved_question(self) -> tuple[str, str]:
        return self.tr("Unsaved changes"), self.tr("Save the changes to this station?")

    def _field_widgets(self) -> dict[str, QWidget]:
        return {
            "code": self.view.code,
            "name": self.view.name,
            "lat": self.view.lat,
            "lon": self.view.lon,
        }

    # -- the list ----------------------------------------------------------------------------

    def _select_row(self, station_id: int | None) -> None:
        self._selecting = True
        if station_id is None:
            self.view.table.clearSelection()
        else:
            row = self.model.source_row_of_id(station_id)
            if row is not None:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                self.view.table.selectRow(index.row())
                self.view.table.scrollTo(index)
        self._selecting = False

    def _update_usage(self) -> None:
        row = None
        if self.original is not None and self.original.id is not None:
            at = self.model.source_row_of_id(self.original.id)
            row = self.model.row_of(at) if at is not None else None
        if row is None:
            self.view.usage.setText("")
            return
        self.view.usage.setText(
            self.tr("%1 schools and %2 people belong to this station.")
            .replace("%1", str(row.schools))
            .replace("%2", str(row.people))
        )

    def _update_count(self) -> None:
        self.view.count.setText(
            self.tr("%1 police stations").replace("%1", str(self.model.rowCount()))
        )

    # -- slots -------------------------------------------------------------------------------

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._selecting:
            return
        indexes = selected.indexes()
        if not indexes:
            return
        station_id = self.proxy.data(indexes[0], StationTableModel.IdRole)
        if station_id == self.current_id():
            return
        if not self.resolve_unsaved():
            self._select_row(self.current_id())
            return
        self.load(int(station_id))

    def _on_add(self) -> None:
        if self.resolve_unsaved():
            self.new_station()

    def _on_undo(self) -> None:
        if self.resolve_unsaved():
            self.ctx.undo_stack.undo()

    def _on_redo(self) -> None:
        if self.resolve_unsaved():
            self.ctx.undo_stack.redo()

    def _on_undo_index(self, *_args: object) -> None:
        stack = self.ctx.undo_stack
        self.view.undo.setEnabled(stack.canUndo())
        self.view.redo.setEnabled(stack.canRedo())
        self.view.undo.setToolTip(stack.undoText())
        self.view.redo.setToolTip(stack.redoText())

    def _on_data_changed(self, entity: str, row_id: int) -> None:
        if entity == "station":
            self.model.update_row(self.ctx.run(editing.station_row, row_id), row_id)
            self._update_count()
            shown = self.current_id()
            # Unsaved edits stay: the dialog's own Undo and Redo ask about them first.
            if shown == row_id and not self.dirty:
                self._reload_shown(row_id)  # an undo or redo changed the station on show
            elif shown is not None:
                self._select_row(shown)
        elif entity in ("school", "person"):
            # The numbers of schools and people per station.
            shown = self.current_id()
            self.model.set_rows(self.ctx.run(editing.stations))
            if shown is not None:
                self._select_row(shown)
            self._update_usage()


class StationsDialog(QDialog):
    """派出所: the dialog the window and the schools page open (`ui.stations.open_stations`)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("stationsDialog")
        self.view = StationsView(self)
        self.controller = StationsController(ctx, self.view)
        self.view.controller = self.controller  # type: ignore[attr-defined]
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        self.view.buttons.rejected.connect(self.reject)
        self.resize(860, 460)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Police stations"))

    def reject(self) -> None:
        # Close, Escape and the title bar's close button all come here.
        if self.controller.resolve_unsaved():
            self.controller.show_nothing()
            super().reject()
