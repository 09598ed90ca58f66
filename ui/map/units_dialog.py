"""巡逻单元… : the patrol units of the district, a list and an editor beside it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
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
    QPushButton,
    QTableView,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session, col, select

from huxue.database import session_scope
from huxue.errors import HuxueError, InputError
from huxue.models import Station
from huxue.patrol_units import (
    KINDS,
    UnitRecord,
    delete_unit,
    import_units,
    list_units,
    save_unit,
)
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


def _qtime(value: dt.time) -> QTime:
    return QTime(value.hour, value.minute)


class UnitsDialog(QDialog):
    """List and edit patrol units; every save is one transaction, refused with the reason."""

    saved = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Patrol units"))
        self.resize(980, 520)
        self._original: str | None = None
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
        self.speed.setRange(1, 120)
        self.speed.setSuffix(" km/h")
        self.crew = QLineEdit()
        self.crew.setPlaceholderText(self.tr("person codes, separated by spaces"))
        self.start_name = QLineEdit()
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
        form.addRow(self.tr("Starts from"), self.start_name)
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
        self.reload()

    def reload(self) -> None:
        """Read stations and units again."""
        with Session(self.ctx.engine) as session:
            stations = session.exec(select(Station).order_by(col(Station.code))).all()
            self.station.clear()
            for station in stations:
                self.station.addItem(f"{station.code} {station.name}", station.code)
            self.model.set_rows(list_units(session))
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
        self.code.setText(unit.code)
        self.name.setText(unit.name)
        self.station.setCurrentIndex(max(0, self.station.findData(unit.station)))
        self.kind.setCurrentIndex(max(0, self.kind.findData(unit.kind)))
        self.speed.setValue(unit.speed_kmh or 30.0)
        self.crew.setText(" ".join(unit.crew))
        self.start_name.setText(unit.start_name)
        self.shift_start.setTime(_qtime(unit.shift_start))
        self.shift_end.setTime(_qtime(unit.shift_end))
        self.error.clear()

    def new_unit(self) -> None:
        """Start a new unit in the editor."""
        self.table.clearSelection()
        station = str(self.station.currentData() or "")
        self.show_unit(UnitRecord(code="", station=station))
        self._original = None
        self.code.setFocus()

    def record(self) -> UnitRecord:
        """The editor's unit."""
        old = next((u for u in self.model.rows if u.code == self._original), None)
        start = self.shift_start.time()
        end = self.shift_end.time()
        return UnitRecord(
            code=self.code.text().strip(),
            station=str(self.station.currentData() or ""),
            kind=str(self.kind.currentData()),
            name=self.name.text().strip(),
            speed_kmh=self.speed.value(),
            crew=self.crew.text().replace(",", " ").replace("，", " ").split(),
            start_name=self.start_name.text().strip(),
            start_lat=old.start_lat if old else None,
            start_lon=old.start_lon if old else None,
            end_lat=old.end_lat if old else None,
            end_lon=old.end_lon if old else None,
            shift_start=dt.time(start.hour(), start.minute()),
            shift_end=dt.time(end.hour(), end.minute()),
        )

    def save(self) -> bool:
        """Save the editor's unit; show the reason when refused."""
        record = self.record()
        try:
            with session_scope(self.ctx.engine) as session:
                save_unit(session, record, self._original)
        except HuxueError as exc:
            self.error.setText(str(exc))
            return False
        self._original = record.code
        self.reload()
        row = next(i for i, u in enumerate(self.model.rows) if u.code == record.code)
        self.table.selectRow(row)
        self.saved.emit(record.code)
        return True

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
        """Delete the unit in the editor (with its loops)."""
        if self._original is None:
            return
        try:
            with session_scope(self.ctx.engine) as session:
                delete_unit(session, self._original)
        except HuxueError as exc:
            self.error.setText(str(exc))
            return
        self.reload()
