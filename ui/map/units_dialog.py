"""巡逻单元… : the patrol units of the district, a list and an editor beside it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session, col, select

from huxue.database import session_scope
from huxue.errors import ConflictError, HuxueError, InputError
from huxue.models import Station
from huxue.patrol_units import (
    KINDS,
    UnitRecord,
    delete_unit,
    import_units,
    list_units,
    save_unit,
)
from solver.limits import LIMITS
from ui.conflict import ConflictDialog, conflict_summary
from ui.context import AppContext
from ui.tables import Index


class UnitsModel(QAbstractTableModel):
    """The units as rows: code, name, station, kind, speed, shift, crew."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows: list[UnitRecord] = []

    def set_rows(self, rows: list[UnitRecord]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else 6

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        return (
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Station"),
            self.tr("Kind"),
            self.tr("Shift"),
            self.tr("Crew"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        unit = self.rows[index.row()]
        return (
            unit.code,
            unit.name,
            unit.station,
            kind_name(unit.kind),
            f"{unit.shift_start:%H:%M}–{unit.shift_end:%H:%M}",
            " ".join(unit.crew),
        )[index.column()]


def kind_name(kind: str) -> str:
    """A unit kind in the window's language."""
    from PySide6.QtCore import QCoreApplication

    return {
        "car": QCoreApplication.translate("UnitsDialog", "Patrol car"),
        "ebike": QCoreApplication.translate("UnitsDialog", "E-bike"),
        "foot": QCoreApplication.translate("UnitsDialog", "On foot"),
    }.get(kind, kind)


def _coordinate(limit: int) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(-limit, limit)
    box.setDecimals(6)
    box.setSingleStep(0.001)
    return box


def _pair(first: QWidget, second: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(first)
    layout.addWidget(second)
    return row


def _qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


class UnitsDialog(QDialog):
    """List and edit patrol units; every save is one transaction, refused with the reason.

    A save or delete is based on the unit's version when it was shown: when another planner
    changed the unit meanwhile, the record editors' conflict dialog offers both sides."""

    saved = Signal(str)
    conflicted = Signal(str)  # the conflict's message, once it was shown

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Patrol units"))
        self.resize(980, 520)
        self._original: str | None = None
        self._version: int | None = None  # the shown unit's stored version
        self._home_name = ""  # the shown unit's place name when it starts at its station
        self.model = UnitsModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()

        self.code = QLineEdit()
        self.name = QLineEdit()
        self.station = QComboBox()
        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.speed = QDoubleSpinBox()
        speed = LIMITS["patrol_speed_kmh"]
        self.speed.setRange(speed.low, speed.high)
        self.speed.setSuffix(" km/h")
        self.crew = QLineEdit()
        self.crew.setPlaceholderText(self.tr("person codes, separated by spaces"))
        # Start and end: the station, or a police post (警务站) or any place by coordinates;
        # places other units start from are offered by name.
        self.start_kind = QComboBox()
        self.start_kind.addItem("", "station")
        self.start_kind.addItem("", "place")
        self.start_name = QComboBox()
        self.start_name.setEditable(True)
        self.start_lat, self.start_lon = _coordinate(90), _coordinate(180)
        self.end_kind = QComboBox()
        for key in ("start", "station", "place"):
            self.end_kind.addItem("", key)
        self.end_lat, self.end_lon = _coordinate(90), _coordinate(180)
        self._places: dict[str, tuple[float, float]] = {}
        self._station_places: dict[str, tuple[float | None, float | None]] = {}
        self.shift_start = QTimeEdit()
        self.shift_end = QTimeEdit()
        for edit in (self.shift_start, self.shift_end):
            edit.setDisplayFormat("HH:mm")
        form = QFormLayout()
        form.addRow(self.tr("Code"), self.code)
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Station"), self.station)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Speed"), self.speed)
        form.addRow(self.tr("Crew"), self.crew)
        form.addRow(self.tr("Starts from"), self.start_kind)
        form.addRow(self.tr("Place"), self.start_name)
        form.addRow(self.tr("Start latitude, longitude"), _pair(self.start_lat, self.start_lon))
        form.addRow(self.tr("Ends at"), self.end_kind)
        form.addRow(self.tr("End latitude, longitude"), _pair(self.end_lat, self.end_lon))
        form.addRow(self.tr("Shift starts"), self.shift_start)
        form.addRow(self.tr("Shift ends"), self.shift_end)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.new_button = QPushButton(self.tr("New"))
        self.save_button = QPushButton(self.tr("Save"))
        self.delete_button = QPushButton(self.tr("Delete"))
        self.import_button = QPushButton(self.tr("Import…"))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button, self.import_button):
            buttons.addWidget(button)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(self.error)
        editor.addLayout(buttons)
        editor.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.table, 3)
        body.addLayout(editor, 2)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(close)

        self.table.selectionModel().currentRowChanged.connect(self._on_row)
        self.new_button.clicked.connect(self.new_unit)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.import_button.clicked.connect(self._on_import)
        self.start_kind.currentIndexChanged.connect(lambda _i: self._enable_places())
        self.end_kind.currentIndexChanged.connect(lambda _i: self._enable_places())
        self.start_name.activated.connect(self._on_place)
        self.station.currentIndexChanged.connect(lambda _i: self._enable_places())
        self._name_places()
        self.reload()

    def reload(self) -> None:
        """Read stations and units again."""
        with Session(self.ctx.engine) as session:
            stations = session.exec(select(Station).order_by(col(Station.code))).all()
            self.station.clear()
            for station in stations:
                self.station.addItem(f"{station.code} {station.name}", station.code)
            self._station_places = {s.code: (s.lat, s.lon) for s in stations}
            self.model.set_rows(list_units(session))
        self._places = {
            u.start_name: (u.start_lat, u.start_lon)
            for u in self.model.rows
            if u.start_name and u.start_lat is not None and u.start_lon is not None
        }
        self.start_name.clear()
        self.start_name.addItems(sorted(self._places))
        if self.model.rows:
            self.table.selectRow(0)
        else:
            self.new_unit()

    def _on_row(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.show_unit(self.model.rows[current.row()])

    def show_unit(self, unit: UnitRecord) -> None:
        """Fill the editor with a unit."""
        self._original = unit.code or None
        self._version = unit.row_version
        self.code.setText(unit.code)
        self.name.setText(unit.name)
        self.station.setCurrentIndex(max(0, self.station.findData(unit.station)))
        self.kind.setCurrentIndex(max(0, self.kind.findData(unit.kind)))
        self.speed.setValue(unit.speed_kmh or 30.0)
        self.crew.setText(" ".join(unit.crew))
        place = unit.start_lat is not None and unit.start_lon is not None
        self.start_kind.setCurrentIndex(self.start_kind.findData("place" if place else "station"))
        self.start_name.setEditText(unit.start_name if place else "")
        self._home_name = "" if place else unit.start_name
        self.start_lat.setValue(unit.start_lat or 0.0)
        self.start_lon.setValue(unit.start_lon or 0.0)
        end = "start"
        if unit.end_lat is not None and unit.end_lon is not None:
            same = (unit.end_lat, unit.end_lon) == (unit.start_lat, unit.start_lon)
            home = self._station_places.get(unit.station) == (unit.end_lat, unit.end_lon)
            end = "start" if same else "station" if home else "place"
        self.end_kind.setCurrentIndex(self.end_kind.findData(end))
        self.end_lat.setValue(unit.end_lat or 0.0)
        self.end_lon.setValue(unit.end_lon or 0.0)
        self._enable_places()
        self.shift_start.setTime(_qtime(unit.shift_start))
        self.shift_end.setTime(_qtime(unit.shift_end))
        self.error.clear()

    def new_unit(self) -> None:
        """Start a new unit in the editor."""
        self.table.clearSelection()
        station = str(self.station.currentData() or "")
        self.show_unit(UnitRecord(code="", station=station))
        self._original = None
        self._version = None
        self.code.setFocus()

    def record(self) -> UnitRecord:
        """The editor's unit."""
        start = self.shift_start.time()
        end = self.shift_end.time()
        station = str(self.station.currentData() or "")
        start_place: tuple[float | None, float | None] = (None, None)
        start_name = self._home_name  # kept as stored, not an edit of the planner's
        if self.start_kind.currentData() == "place":
            start_place = (self.start_lat.value(), self.start_lon.value())
            start_name = self.start_name.currentText().strip()
        end_place: tuple[float | None, float | None] = (None, None)  # back where it started
        if self.end_kind.currentData() == "station":
            end_place = self._station_places.get(station, (None, None))
        elif self.end_kind.currentData() == "place":
            end_place = (self.end_lat.value(), self.end_lon.value())
        return UnitRecord(
            code=self.code.text().strip(),
            station=station,
            kind=str(self.kind.currentData()),
            name=self.name.text().strip(),
            speed_kmh=self.speed.value(),
            crew=self.crew.text().replace(",", " ").replace("，", " ").split(),
            start_name=start_name,
            start_lat=start_place[0],
            start_lon=start_place[1],
            end_lat=end_place[0],
            end_lon=end_place[1],
            shift_start=dt.time(start.hour(), start.minute()),
            shift_end=dt.time(end.hour(), end.minute()),
            row_version=self._version,
        )

    def _enable_places(self) -> None:
        place = self.start_kind.currentData() == "place"
        for widget in (self.start_name, self.start_lat, self.start_lon):
            widget.setEnabled(place)
        other = self.end_kind.currentData() == "place"
        for widget in (self.end_lat, self.end_lon):
            widget.setEnabled(other)

    def _on_place(self, index: int) -> None:
        lat, lon = self._places.get(self.start_name.itemText(index), (None, None))
        if lat is not None and lon is not None:
            self.start_lat.setValue(lat)
            self.start_lon.setValue(lon)

    def _name_places(self) -> None:
        self.start_kind.setItemText(0, self.tr("The station"))
        self.start_kind.setItemText(1, self.tr("A police post (警务站) or another place"))
        self.end_kind.setItemText(0, self.tr("Back where it started"))
        self.end_kind.setItemText(1, self.tr("The station"))
        self.end_kind.setItemText(2, self.tr("Another place"))
        edit = self.start_name.lineEdit()
        if edit is not None:
            edit.setPlaceholderText(self.tr("e.g. 杏林湾警务站"))

    def save(self) -> bool:
        """Save the editor's unit; show the reason when refused."""
        return self._store(self.record(), self._original)

    def _store(self, record: UnitRecord, original: str | None) -> bool:
        try:
            with session_scope(self.ctx.engine) as session:
                save_unit(session, record, original)
        except ConflictError as exc:
            return self._resolve_conflict(record, original, exc)
        except HuxueError as exc:
            self.error.setText(str(exc))
            return False
        self._original = record.code
        self.reload()
        self._select(record.code)
        self.saved.emit(record.code)
        return True

    def _resolve_conflict(
        self, record: UnitRecord, original: str | None, exc: ConflictError
    ) -> bool:
        """Someone saved the unit first: nothing was written. Show both sides and save the
        planner's choice on the stored version; on cancel (or when the unit is gone) show the
        unit as stored now with the reason."""
        summary = conflict_summary(exc)
        stored = None
        if not exc.gone:
            dialog = ConflictDialog(exc, self)
            self.conflicted.emit(summary)
            if dialog.exec() == QDialog.DialogCode.Accepted:
                stored = self._stored(original)
                if stored is not None:
                    return self._store(dialog.merged(stored, record), original)
        else:
            self.conflicted.emit(summary)
            QMessageBox.warning(self, self._conflict_title(), summary)
        self.reload()
        self._select(original)
        self.error.setText(summary)
        return False

    def _stored(self, code: str | None) -> UnitRecord | None:
        with Session(self.ctx.engine) as session:
            return next((u for u in list_units(session) if u.code == code), None)

    def _select(self, code: str | None) -> None:
        row = next((i for i, u in enumerate(self.model.rows) if u.code == code), None)
        if row is not None:
            self.table.selectRow(row)

    def _conflict_title(self) -> str:
        return QCoreApplication.translate("Conflict", "Someone else saved this record first")

    def import_file(self, path: Path) -> bool:
        """Import units from a CSV file, all or nothing; show the row errors when refused."""
        try:
            with session_scope(self.ctx.engine) as session:
                errors, count = import_units(session, path)
                if errors:
                    raise InputError("\n".join(errors[:10]))
        except HuxueError as exc:
            self.error.setText(str(exc))
            return False
        self.reload()
        self.error.setText(self.tr("Imported: %1").replace("%1", str(count)))
        return True

    def _on_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import patrol units"), "", self.tr("CSV files (*.csv)")
        )
        if path:
            self.import_file(Path(path))

    def delete(self) -> None:
        """Delete the unit in the editor (with its loops), unless someone changed it since it
        was shown: then the unit is shown as stored now, with the reason."""
        if self._original is None:
            return
        original = self._original
        try:
            with session_scope(self.ctx.engine) as session:
                delete_unit(session, original, self._version)
        except ConflictError as exc:
            summary = conflict_summary(exc)
            self.conflicted.emit(summary)
            QMessageBox.warning(self, self._conflict_title(), summary)
            self.reload()
            self._select(original)
            self.error.setText(summary)
            return
        except HuxueError as exc:
            self.error.setText(str(exc))
            return
        self.reload()
