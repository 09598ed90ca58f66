"""The person editor: fields, weekly availability (painted), leave and preferred schools."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from huxue import editing
from huxue.editing import FieldError, LeaveData, PersonData
from huxue.models import Person, Role
from huxue.phones import phone_kind
from ui.attendance.turnout import TurnoutLabel
from ui.context import AppContext
from ui.i18n import role_name
from ui.people.availability import AvailabilityGrid
from ui.people.model import LeaveTableModel, SchoolListModel
from ui.record_editor import RecordEditorController
from ui.widgets import (
    Banner,
    KeyedComboBox,
    limit_spin_box,
    make_title,
    parse_float,
    text_edit,
)

ROLES = [r.value for r in Role]
NO_LIMIT = -1


class PersonEditorView(QWidget):
    """The editor's widgets: a title, an error banner, three tabs, Save, Revert and Delete."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        make_title(self.title)
        self.banner = Banner("error")
        self.turnout = TurnoutLabel()
        self.code = text_edit(Person, "code")
        self.name = text_edit(Person, "name")
        self.role = KeyedComboBox(role_name, ROLES)
        self._stations: dict[int, str] = {}
        self.station = KeyedComboBox(lambda key: self._stations.get(key, ""))
        self.phone = text_edit(Person, "phone")
        self.phone_kind = QLabel()
        self.lat = QLineEdit()
        self.lon = QLineEdit()
        self.max_per_day = QSpinBox()
        limit_spin_box(self.max_per_day, "max_per_day", no_limit=NO_LIMIT)
        self.max_per_week = QSpinBox()
        limit_spin_box(self.max_per_week, "max_per_week", no_limit=NO_LIMIT)
        self.active = QCheckBox()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)

        self.tabs = QTabWidget()
        fields = QWidget()
        self.form_labels: list[QLabel] = []
        fields_layout = QVBoxLayout(fields)
        self.form = QFormLayout()
        fields_layout.addLayout(self.form)
        fields_layout.addStretch()
        self.form.addRow(self._label(), self.code)
        self.form.addRow(self._label(), self.name)
        self.form.addRow(self._label(), self.role)
        self.form.addRow(self._label(), self.station)
        phone = QHBoxLayout()
        phone.addWidget(self.phone, 1)
        phone.addWidget(self.phone_kind)
        self.form.addRow(self._label(), phone)
        home = QHBoxLayout()
        home.addWidget(self.lat)
        home.addWidget(self.lon)
        self.form.addRow(self._label(), home)
        limits = QHBoxLayout()
        limits.addWidget(self.max_per_day)
        limits.addWidget(self.max_per_week)
        self.form.addRow(self._label(), limits)
        self.form.addRow(self._label(), self.active)
        self.form.addRow(self._label(), self.notes)
        self.tabs.addTab(fields, "")

        avail_page = QWidget()
        avail_layout = QVBoxLayout(avail_page)
        self.always = QCheckBox()
        self.avail_hint = QLabel()
        self.avail_hint.setWordWrap(True)
        self.grid = AvailabilityGrid()
        avail_buttons = QHBoxLayout()
        self.school_days = QPushButton()
        self.clear_grid = QPushButton()
        avail_buttons.addWidget(self.school_days)
        avail_buttons.addWidget(self.clear_grid)
        avail_buttons.addStretch()
        avail_layout.addWidget(self.always)
        avail_layout.addWidget(self.avail_hint)
        avail_layout.addWidget(self.grid)
        avail_layout.addLayout(avail_buttons)
        avail_layout.addStretch()
        self.tabs.addTab(avail_page, "")

        leave_page = QWidget()
        leave_layout = QVBoxLayout(leave_page)
        self.leaves = QTableView()
        self.leaves.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.leaves.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        leave_buttons = QHBoxLayout()
        self.add_leave = QPushButton()
        self.remove_leave = QPushButton()
        leave_buttons.addWidget(self.add_leave)
        leave_buttons.addWidget(self.remove_leave)
        leave_buttons.addStretch()
        leave_layout.addWidget(self.leaves)
        leave_layout.addLayout(leave_buttons)
        self.tabs.addTab(leave_page, "")

        schools_page = QWidget()
        schools_layout = QVBoxLayout(schools_page)
        self.preferred = QTableView()
        self.preferred.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preferred.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.preferred.verticalHeader().hide()
        pick = QHBoxLayout()
        self.school_picker = QComboBox()
        self.school_picker.setEditable(True)
        self.school_picker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.add_school = QPushButton()
        self.remove_school = QPushButton()
        pick.addWidget(self.school_picker, 1)
        pick.addWidget(self.add_school)
        pick.addWidget(self.remove_school)
        schools_layout.addWidget(self.preferred)
        schools_layout.addLayout(pick)
        self.tabs.addTab(schools_page, "")

        self.save = QPushButton()
        self.revert = QPushButton()
        self.delete = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete)
        buttons.addStretch()
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.turnout)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def _label(self) -> QLabel:
        label = QLabel()
        self.form_labels.append(label)
        return label

    def set_stations(self, names: dict[int, str]) -> None:
        self._stations = names
        self.station.set_keys(list(names))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        labels = (
            self.tr("Code (badge no.)"),
            self.tr("Name"),
            self.tr("Role"),
            self.tr("Police station"),
            self.tr("Phone"),
            self.tr("Home (lat, lon)"),
            self.tr("Max per day / week"),
            self.tr("Active"),
            self.tr("Notes"),
        )
        for label, text in zip(self.form_labels, labels, strict=True):
            label.setText(text)
        self.role.retranslate()
        self.phone.setPlaceholderText(self.tr("13812345678, 0592-1234567 or 6101"))
        self.lat.setPlaceholderText(self.tr("latitude"))
        self.lon.setPlaceholderText(self.tr("longitude"))
        for box in (self.max_per_day, self.max_per_week):
            box.setSpecialValueText(self.tr("no limit"))
        self.max_per_day.setSuffix(self.tr(" per day"))
        self.max_per_week.setSuffix(self.tr(" per week"))
        self.active.setText(self.tr("Can be rostered"))
        self.tabs.setTabText(0, self.tr("Person"))
        self.tabs.setTabText(1, self.tr("Availability"))
        self.tabs.setTabText(2, self.tr("Leave"))
        self.tabs.setTabText(3, self.tr("Preferred schools"))
        self.always.setText(self.tr("Always available (no weekly pattern)"))
        self.avail_hint.setText(
            self.tr(
                "Paint the times this person can stand guard: press and drag with the mouse; "
                "start on a green cell to erase. Columns are quarter hours, 06:00–22:00."
            )
        )
        self.school_days.setText(self.tr("Weekdays 06:30–19:00"))
        self.clear_grid.setText(self.tr("Clear"))
        self.add_leave.setText(self.tr("Add leave"))
        self.remove_leave.setText(self.tr("Remove leave"))
        self.add_school.setText(self.tr("Add"))
        self.remove_school.setText(self.tr("Remove"))
        line = self.school_picker.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("School name or pinyin…"))
        self.save.setText(self.tr("Save"))
        self.revert.setText(self.tr("Revert"))
        self.delete.setText(self.tr("Delete person"))


class PersonEditor(RecordEditorController):
    """Controller of the person editor: load, validate as the planner types, save undoably."""

    original: PersonData | None

    def __init__(self, ctx: AppContext, view: PersonEditorView) -> None:
        super().__init__(ctx, view, "person", editing.validate_person)
        self.leave_model = LeaveTableModel(view)
        self.schools_model = SchoolListModel(view)
        view.leaves.setModel(self.leave_model)
        view.preferred.setModel(self.schools_model)
        self._school_names: dict[int, str] = {}
        self._connect()
        self.show_nothing()

    def _connect(self) -> None:
        v = self.view
        for line in (v.code, v.name, v.phone, v.lat, v.lon):
            line.textEdited.connect(self._on_changed)
        v.notes.textChanged.connect(self._on_changed)
        v.role.currentIndexChanged.connect(self._on_changed)
        v.station.currentIndexChanged.connect(self._on_changed)
        v.max_per_day.valueChanged.connect(self._on_changed)
        v.max_per_week.valueChanged.connect(self._on_changed)
        v.active.toggled.connect(self._on_changed)
        v.always.toggled.connect(self._on_always)
        v.grid.changed.connect(self._on_changed)
        v.school_days.clicked.connect(self._on_school_days)
        v.clear_grid.clicked.connect(self._on_clear_grid)
        self.leave_model.changed.connect(self._on_changed)
        self.schools_model.changed.connect(self._on_changed)
        v.add_leave.clicked.connect(self._on_add_leave)
        v.remove_leave.clicked.connect(self._on_remove_leave)
        v.add_school.clicked.connect(self._on_add_school)
        v.remove_school.clicked.connect(self._on_remove_school)
        v.save.clicked.connect(self.save)
        v.revert.clicked.connect(self._on_revert)
        v.delete.clicked.connect(self._on_delete)
        self.ctx.data_changed.connect(self._on_data_changed)

    # -- public ------------------------------------------------------------------------------

    def set_schools(self, schools: list[tuple[int, str]]) -> None:
        """The schools a person may prefer (id, name), for the picker."""
        self._school_names = dict(schools)
        picker = self.view.school_picker
        picker.blockSignals(True)
        picker.clear()
        for school_id, name in schools:
            picker.addItem(name, school_id)
        picker.setCurrentIndex(-1)
        picker.blockSignals(False)
        completer = QCompleter(picker.model(), picker)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        picker.setCompleter(completer)

    def new_person(self, station_id: int | None) -> None:
        stations = self.ctx.run(editing.stations)
        if not stations:
            self.view.banner.show_message(self.tr("Add a police station first."))
            return
        code = self.ctx.run(editing.next_code, Person, "E")
        self.start_new(
            PersonData(
                id=None,
                code=code,
                name=self.tr("New person"),
                role=Role.VOLUNTEER.value,
                station_id=station_id or stations[0].id,
                max_per_day=2,
                max_per_week=6,
            )
        )

    def collect(self) -> PersonData:
        """The editor's content as a snapshot (FieldError for text that is not a value)."""
        assert self.original is not None
        v = self.view
        availability = () if v.always.isChecked() else v.grid.windows()
        if not v.always.isChecked() and not availability:
            raise FieldError(
                "availability", "required", "paint at least one window or tick always available"
            )
        return replace(
            self.original,
            code=v.code.text().strip(),
            name=v.name.text().strip(),
            role=v.role.current_key(),
            station_id=v.station.current_key(),
            phone=v.phone.text().strip(),
            lat=parse_float(v.lat.text(), "lat"),
            lon=parse_float(v.lon.text(), "lon"),
            max_per_day=None if v.max_per_day.value() == NO_LIMIT else v.max_per_day.value(),
            max_per_week=None if v.max_per_week.value() == NO_LIMIT else v.max_per_week.value(),
            active=v.active.isChecked(),
            notes=v.notes.toPlainText(),
            availability=availability,
            leaves=tuple(self.leave_model.leaves),
            preferred_school_ids=self.schools_model.ids(),
        )

    # -- hooks of RecordEditorController -----------------------------------------------------

    def _load_snapshot(self, row_id: int) -> PersonData:
        return self.ctx.run(editing.load_person, row_id)

    def _fill(self, data: PersonData) -> None:
        v = self.view
        v.setEnabled(True)
        v.code.setText(data.code)
        v.name.setText(data.name)
        v.role.set_current_key(data.role)
        v.station.set_current_key(data.station_id)
        v.phone.setText(data.phone)
        v.lat.setText("" if data.lat is None else f"{data.lat:.6f}")
        v.lon.setText("" if data.lon is None else f"{data.lon:.6f}")
        v.max_per_day.setValue(NO_LIMIT if data.max_per_day is None else data.max_per_day)
        v.max_per_week.setValue(NO_LIMIT if data.max_per_week is None else data.max_per_week)
        v.active.setChecked(data.active)
        v.notes.setPlainText(data.notes)
        v.always.setChecked(not data.availability)
        v.grid.set_windows(data.availability)
        v.grid.setEnabled(bool(data.availability))
        self.leave_model.set_leaves(data.leaves)
        self.schools_model.set_schools(
            [(i, self._school_names.get(i, f"#{i}")) for i in data.preferred_school_ids]
        )
        self._update_phone_kind()
        v.turnout.show_person(self.ctx.engine, data.id)

    def _blank(self) -> None:
        self.view.setEnabled(False)

    def _nothing_title(self) -> str:
        return self.tr("Select a person")

    def _command_text(self, before: PersonData | None, after: PersonData | None) -> str:
        if after is None:
            assert before is not None
            return self.tr("Delete person %1").replace("%1", before.name)
        text = self.tr("Edit person %1") if before is not None else self.tr("Add person %1")
        return text.replace("%1", after.name)

    def _delete_question(self, data: PersonData) -> tuple[str, str]:
        return (
            self.tr("Delete person"),
            self.tr("Delete %1? You can undo this.").replace("%1", data.name),
        )

    def _unsaved_question(self) -> tuple[str, str]:
        return self.tr("Unsaved changes"), self.tr("Save the changes to this person?")

    def _edited(self) -> None:
        self._update_phone_kind()

    def _field_widgets(self) -> dict[str, QWidget]:
        v = self.view
        return {
            "code": v.code,
            "name": v.name,
            "role": v.role,
            "station": v.station,
            "phone": v.phone,
            "lat": v.lat,
            "lon": v.lon,
            "max_per_day": v.max_per_day,
            "max_per_week": v.max_per_week,
            "availability": v.grid,
            "preferred_schools": v.preferred,
        }

    def _mark_cells(self, parts: list[str]) -> None:
        leave = parts[:1] == ["leaves"] and len(parts) > 1 and parts[1].isdigit()
        self.leave_model.set_invalid_row(int(parts[1]) if leave else None)

    def _update_phone_kind(self) -> None:
        kind = phone_kind(self.view.phone.text())
        texts = {
            "mobile": self.tr("mobile"),
            "landline": self.tr("landline"),
            "short": self.tr("short number"),
            "none": "",
            None: self.tr("invalid"),
        }
        self.view.phone_kind.setText(texts[kind])

    # -- slots -------------------------------------------------------------------------------

    def _on_always(self, always: bool) -> None:
        self.view.grid.setEnabled(not always)
        if not always and not self.view.grid.windows():
            self.view.grid.fill(range(5), dt.time(6, 30), dt.time(19, 0))
        self._on_changed()

    def _on_school_days(self) -> None:
        self.view.always.setChecked(False)
        self.view.grid.clear()
        self.view.grid.fill(range(5), dt.time(6, 30), dt.time(19, 0))

    def _on_clear_grid(self) -> None:
        self.view.grid.clear()

    def _on_add_leave(self) -> None:
        today = dt.date.today()
        row = self.leave_model.add(LeaveData(today, today, ""))
        self.view.leaves.selectRow(row)

    def _on_remove_leave(self) -> None:
        row = self.view.leaves.currentIndex().row()
        self.leave_model.remove(row if row >= 0 else len(self.leave_model.leaves) - 1)

    def _on_add_school(self) -> None:
        picker = self.view.school_picker
        index = picker.findText(picker.currentText())
        if index < 0:
            return
        self.schools_model.add(int(picker.itemData(index)), picker.itemText(index))
        picker.setCurrentIndex(-1)

    def _on_remove_school(self) -> None:
        row = self.view.preferred.currentIndex().row()
        self.schools_model.remove(row if row >= 0 else len(self.schools_model.schools) - 1)
