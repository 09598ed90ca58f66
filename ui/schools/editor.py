"""The school editor: fields, posts with their needs, and the bell-time grid.

`SchoolEditorView` lays the widgets out; `SchoolEditor` (the controller) fills them from a
`SchoolData` snapshot, validates every change with `huxue.editing` (marking the field and
saying why), and saves through `AppContext.apply`, so each save is one undoable transaction.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QEvent, QModelIndex
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFormLayout,
    QGroupBox,
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
from sqlmodel import Session, col, select

from huxue import editing
from huxue.editing import FieldError, NeedData, PostData, SchoolData
from huxue.errors import HuxueError
from huxue.models import Person, Post, Role, School, SchoolKind
from ui.context import AppContext
from ui.i18n import school_kind_name
from ui.record_editor import RecordEditorController
from ui.schools.model import BellGridModel, NeedTableModel, PostTableModel
from ui.widgets import (
    Banner,
    KeyedComboBox,
    LimitDelegate,
    TextDelegate,
    limit_spin_box,
    make_title,
    parse_float,
    text_edit,
)

SCHOOL_KINDS = [k.value for k in SchoolKind]


class SchoolEditorView(QWidget):
    """The editor's widgets: a title, an error banner, three tabs, Save and Revert."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        make_title(self.title)
        self.banner = Banner("error")

        self.code = text_edit(School, "code")
        self.name = text_edit(School, "name")
        self.kind = KeyedComboBox(school_kind_name, SCHOOL_KINDS)
        self.station = KeyedComboBox(lambda key: self._station_names.get(key, ""))
        self._station_names: dict[int, str] = {}
        self.address = text_edit(School, "address")
        self.lat = QLineEdit()
        self.lon = QLineEdit()
        self.enrolment = QSpinBox()
        limit_spin_box(self.enrolment, "enrolment")
        self.enrolment.setGroupSeparatorShown(False)
        self._people: dict[int | None, str] = {None: ""}
        self.responsible = KeyedComboBox(lambda key: self._people.get(key, ""))
        self._police: dict[int | None, str] = {None: ""}
        # 代理责任民警: a police officer who stands in while the responsible one is on leave.
        self.deputy = KeyedComboBox(lambda key: self._police.get(key, ""))
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        self.active = QCheckBox()

        self.tabs = QTabWidget()
        fields = QWidget()
        self.form_labels: list[QLabel] = []
        fields_layout = QVBoxLayout(fields)
        self.form = QFormLayout()
        fields_layout.addLayout(self.form)
        fields_layout.addStretch()
        self.form.addRow(self._label(), self.code)
        self.form.addRow(self._label(), self.name)
        self.form.addRow(self._label(), self.kind)
        self.form.addRow(self._label(), self.station)
        self.form.addRow(self._label(), self.address)
        location = QHBoxLayout()
        location.addWidget(self.lat)
        location.addWidget(self.lon)
        self.form.addRow(self._label(), location)
        self.form.addRow(self._label(), self.enrolment)
        self.form.addRow(self._label(), self.responsible)
        self.form.addRow(self._label(), self.deputy)
        self.form.addRow(self._label(), self.notes)
        self.form.addRow(self._label(), self.active)
        self.tabs.addTab(fields, "")

        posts_page = QWidget()
        posts_layout = QVBoxLayout(posts_page)
        self.posts = QTableView()
        self.posts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.posts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # Codes and coordinates are read whole; the name takes the rest (set with the model).
        self.posts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.posts.verticalHeader().setDefaultSectionSize(26)
        post_buttons = QHBoxLayout()
        self.add_post = QPushButton()
        self.remove_post = QPushButton()
        post_buttons.addWidget(self.add_post)
        post_buttons.addWidget(self.remove_post)
        post_buttons.addStretch()
        self.needs_box = QGroupBox()
        needs_layout = QVBoxLayout(self.needs_box)
        self.needs = QTableView()
        self.needs.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.needs.verticalHeader().hide()
        self.needs.verticalHeader().setDefaultSectionSize(26)
        needs_layout.addWidget(self.needs)
        posts_layout.addWidget(self.posts, 3)
        posts_layout.addLayout(post_buttons)
        posts_layout.addWidget(self.needs_box, 2)
        self.tabs.addTab(posts_page, "")

        bells_page = QWidget()
        bells_layout = QVBoxLayout(bells_page)
        self.bells_hint = QLabel()
        self.bells_hint.setWordWrap(True)
        self.bells = QTableView()
        self.bells.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.bells.verticalHeader().setDefaultSectionSize(30)
        self.bells.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        bell_buttons = QHBoxLayout()
        self.copy_monday = QPushButton()
        self.reset_bells = QPushButton()
        bell_buttons.addWidget(self.copy_monday)
        bell_buttons.addWidget(self.reset_bells)
        bell_buttons.addStretch()
        bells_layout.addWidget(self.bells_hint)
        bells_layout.addWidget(self.bells)
        bells_layout.addLayout(bell_buttons)
        self.tabs.addTab(bells_page, "")

        self.save = QPushButton()
        self.save.setDefault(True)
        self.revert = QPushButton()
        self.delete = QPushButton()
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete)
        buttons.addStretch()
        buttons.addWidget(self.revert)
        buttons.addWidget(self.save)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def _label(self) -> QLabel:
        label = QLabel()
        self.form_labels.append(label)
        return label

    def set_stations(self, names: dict[int, str]) -> None:
        self._station_names = names
        self.station.set_keys(list(names))

    def set_people(self, names: dict[int | None, str], police: dict[int | None, str]) -> None:
        """The officers who may be responsible, and the police officers who may deputise."""
        self._people = names
        self._police = police
        self.responsible.set_keys(list(names))
        self.deputy.set_keys(list(police))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        labels = (
            self.tr("Code"),
            self.tr("Name"),
            self.tr("Kind"),
            self.tr("Police station"),
            self.tr("Address"),
            self.tr("Location (lat, lon)"),
            self.tr("Enrolment"),
            self.tr("Officer in charge"),
            self.tr("Deputy officer in charge"),
            self.tr("Notes"),
            self.tr("Active"),
        )
        for label, text in zip(self.form_labels, labels, strict=True):
            label.setText(text)
        self.lat.setPlaceholderText(self.tr("latitude, e.g. 24.58"))
        self.lon.setPlaceholderText(self.tr("longitude, e.g. 118.10"))
        self.active.setText(self.tr("School takes part in planning"))
        self.deputy.setToolTip(
            self.tr(
                "A police officer named on the school's sheet while the officer in charge "
                "is on leave"
            )
        )
        self.kind.retranslate()
        self.tabs.setTabText(0, self.tr("School"))
        self.tabs.setTabText(1, self.tr("Posts"))
        self.tabs.setTabText(2, self.tr("Bell times"))
        self.add_post.setText(self.tr("Add post"))
        self.remove_post.setText(self.tr("Remove post"))
        self.needs_box.setTitle(self.tr("Staffing need of the selected post"))
        self.bells_hint.setText(
            self.tr(
                "Guard windows per weekday and session; several windows separated by ; "
                "(07:20-07:55). Grey italic days follow the defaults of this kind of school."
            )
        )
        self.copy_monday.setText(self.tr("Copy Monday to all weekdays"))
        self.reset_bells.setText(self.tr("Reset to the defaults of this school kind"))
        self.save.setText(self.tr("Save"))
        self.save.setToolTip(QKeySequence(QKeySequence.StandardKey.Save).toString())
        self.revert.setText(self.tr("Revert"))
        self.delete.setText(self.tr("Delete school"))


class SchoolEditor(RecordEditorController):
    """Controller of the school editor: load, validate as the planner types, save undoably."""

    original: SchoolData | None

    def __init__(self, ctx: AppContext, view: SchoolEditorView) -> None:
        super().__init__(ctx, view, "school", editing.validate_school)
        self.posts_model = PostTableModel(view)
        self.needs_model = NeedTableModel(view)
        self.bells_model = BellGridModel(view)
        view.posts.setModel(self.posts_model)
        view.posts.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        view.needs.setModel(self.needs_model)
        # Cells are edited within the ranges and lengths of `solver.limits`.
        columns = PostTableModel.COLUMNS
        view.posts.setItemDelegateForColumn(
            columns.index("risk"), LimitDelegate("risk", view.posts)
        )
        for name in ("code", "name"):
            view.posts.setItemDelegateForColumn(
                columns.index(name), TextDelegate(Post, name, view.posts)
            )
        for name in ("police", "officers", "total"):
            view.needs.setItemDelegateForColumn(
                NeedTableModel.COLUMNS.index(name), LimitDelegate("need", view.needs)
            )
        view.bells.setModel(self.bells_model)
        self._connect()
        self.show_nothing()

    # -- wiring ------------------------------------------------------------------------------

    def _connect(self) -> None:
        v = self.view
        for line in (v.code, v.name, v.address, v.lat, v.lon):
            line.textEdited.connect(self._on_changed)
        for line in (v.lat, v.lon):
            line.textEdited.connect(self._on_school_location)
        v.notes.textChanged.connect(self._on_changed)
        v.enrolment.valueChanged.connect(self._on_changed)
        v.active.toggled.connect(self._on_changed)
        v.kind.currentIndexChanged.connect(self._on_kind_changed)
        v.station.currentIndexChanged.connect(self._on_station_changed)
        v.responsible.currentIndexChanged.connect(self._on_changed)
        v.deputy.currentIndexChanged.connect(self._on_changed)
        self.posts_model.changed.connect(self._on_changed)
        self.needs_model.changed.connect(self._on_needs_changed)
        self.bells_model.changed.connect(self._on_changed)
        v.posts.selectionModel().currentRowChanged.connect(self._on_post_selected)
        v.add_post.clicked.connect(self._on_add_post)
        v.remove_post.clicked.connect(self._on_remove_post)
        v.copy_monday.clicked.connect(self._on_copy_monday)
        v.reset_bells.clicked.connect(self._on_reset_bells)
        v.save.clicked.connect(self.save)
        v.revert.clicked.connect(self._on_revert)
        v.delete.clicked.connect(self._on_delete)
        self.ctx.data_changed.connect(self._on_data_changed)

    # -- public ------------------------------------------------------------------------------

    def new_school(self, station_id: int | None) -> None:
        """Start a new, unsaved school in `station_id` (the first station when None)."""
        stations = self.ctx.run(editing.stations)
        if not stations:
            self.view.banner.show_message(self.tr("Add a police station first."))
            return
        code = self.ctx.run(editing.next_code, School, "SC")
        data = SchoolData(
            id=None,
            code=code,
            name=self.tr("New school"),
            kind=SchoolKind.PRIMARY.value,
            station_id=station_id or stations[0].id,
        )
        self.start_new(data)

    def collect(self) -> SchoolData:
        """The editor's content as a snapshot (FieldError for text that is not a value)."""
        assert self.original is not None
        v = self.view
        self.bells_model.check_text()
        self.posts_model.check_text()
        return replace(
            self.original,
            code=v.code.text().strip(),
            name=v.name.text().strip(),
            kind=v.kind.current_key(),
            station_id=v.station.current_key(),
            address=v.address.text().strip(),
            lat=parse_float(v.lat.text(), "lat"),
            lon=parse_float(v.lon.text(), "lon"),
            enrolment=v.enrolment.value(),
            responsible_person_id=v.responsible.current_key(),
            deputy_person_id=v.deputy.current_key(),
            notes=v.notes.toPlainText(),
            active=v.active.isChecked(),
            posts=tuple(self.posts_model.posts),
            bell_times=self.bells_model.own,
        )

    # -- hooks of RecordEditorController -----------------------------------------------------

    def _load_snapshot(self, row_id: int) -> SchoolData:
        return self.ctx.run(editing.load_school, row_id)

    def _fill(self, data: SchoolData) -> None:
        v = self.view
        v.setEnabled(True)
        self._fill_people(data.station_id)
        v.code.setText(data.code)
        v.name.setText(data.name)
        v.kind.set_current_key(data.kind)
        v.station.set_current_key(data.station_id)
        v.address.setText(data.address)
        v.lat.setText("" if data.lat is None else f"{data.lat:.6f}")
        v.lon.setText("" if data.lon is None else f"{data.lon:.6f}")
        v.enrolment.setValue(data.enrolment)
        v.responsible.set_current_key(data.responsible_person_id)
        v.deputy.set_current_key(data.deputy_person_id)
        v.notes.setPlainText(data.notes)
        v.active.setChecked(data.active)
        self.posts_model.set_posts(data.posts)
        self.posts_model.set_school_location(data.lat, data.lon)
        defaults = self.ctx.run(editing.kind_defaults, data.kind)
        self.bells_model.set_bells(data.bell_times, defaults)
        if data.posts:
            v.posts.selectRow(0)
            self._on_post_selected(self.posts_model.index(0, 0), QModelIndex())
        else:
            self.needs_model.set_needs(None)
        v.remove_post.setEnabled(bool(data.posts))

    def _blank(self) -> None:
        self.view.setEnabled(False)

    def _nothing_title(self) -> str:
        return self.tr("Select a school")

    def _command_text(self, before: SchoolData | None, after: SchoolData | None) -> str:
        if after is None:
            assert before is not None
            return self.tr("Delete school %1").replace("%1", before.name)
        text = self.tr("Edit school %1") if before is not None else self.tr("Add school %1")
        return text.replace("%1", after.name)

    def _delete_question(self, data: SchoolData) -> tuple[str, str]:
        return (
            self.tr("Delete school"),
            self.tr("Delete %1 with its posts and bell times? You can undo this.").replace(
                "%1", data.name
            ),
        )

    def _unsaved_question(self) -> tuple[str, str]:
        return self.tr("Unsaved changes"), self.tr("Save the changes to this school?")

    def _edited(self) -> None:
        self.view.remove_post.setEnabled(bool(self.posts_model.posts))

    def _field_widgets(self) -> dict[str, QWidget]:
        return {
            "code": self.view.code,
            "name": self.view.name,
            "kind": self.view.kind,
            "station": self.view.station,
            "address": self.view.address,
            "lat": self.view.lat,
            "lon": self.view.lon,
            "enrolment": self.view.enrolment,
            "responsible_person": self.view.responsible,
            "deputy_person": self.view.deputy,
        }

    def _mark_cells(self, parts: list[str]) -> None:
        post_cells: set[tuple[int, str]] = set()
        need_cells: set[tuple[str, str]] = set()
        bell_cells: set[tuple[int, str]] = set()
        if parts and parts[0] == "posts" and len(parts) >= 3 and parts[1].isdigit():
            row = int(parts[1])
            if parts[2] == "needs":
                post_cells.add((row, "code"))
                current = self.view.posts.currentIndex().row()
                if current == row and len(parts) >= 5:
                    need_cells.add((parts[3], parts[4]))
            else:
                post_cells.add((row, parts[2]))
        if parts and parts[0] == "bell_times" and len(parts) >= 3 and parts[1].isdigit():
            bell_cells.add((int(parts[1]), parts[2]))
        self.posts_model.set_invalid(post_cells)
        self.needs_model.set_invalid(need_cells)
        self.bells_model.set_invalid(bell_cells)

    def _fill_people(self, station_id: int) -> None:
        def officers(session: Session) -> list[tuple[int, str, str]]:
            rows = session.exec(
                select(Person.id, Person.name, Person.code, Person.role)
                .where(Person.station_id == station_id)
                .where(col(Person.role).in_([Role.POLICE.value, Role.AUXILIARY.value]))
                .order_by(col(Person.code))
            ).all()
            return [
                (pid, f"{name} ({code})", role) for pid, name, code, role in rows if pid is not None
            ]

        none = self.tr("(none)")
        rows = self.ctx.run(officers)
        people: dict[int | None, str] = {None: none}
        people.update({pid: text for pid, text, _role in rows})
        police: dict[int | None, str] = {None: none}
        police.update({pid: text for pid, text, role in rows if role == Role.POLICE.value})
        for names, current in (
            (people, self.original.responsible_person_id if self.original else None),
            (police, self.original.deputy_person_id if self.original else None),
        ):
            if current is not None and current not in names:
                names[current] = f"#{current}"
        self.view.set_people(people, police)

    # -- slots -------------------------------------------------------------------------------

    def _on_school_location(self, *_args: object) -> None:
        # Posts without their own location follow the school's, shown in their cells.
        try:
            lat = parse_float(self.view.lat.text(), "lat")
            lon = parse_float(self.view.lon.text(), "lon")
        except HuxueError:
            return
        self.posts_model.set_school_location(lat, lon)

    def _on_kind_changed(self, *_args: object) -> None:
        if self._loading or self.original is None:
            return
        kind = self.view.kind.current_key()
        defaults = self.ctx.run(editing.kind_defaults, kind)
        own = self.bells_model.own
        self.bells_model.set_bells(own, defaults)
        self._on_changed()

    def _on_station_changed(self, *_args: object) -> None:
        if self._loading or self.original is None:
            return
        self._loading = True
        self._fill_people(self.view.station.current_key())
        self._loading = False
        self._on_changed()

    def _on_post_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = current.row()
        if 0 <= row < len(self.posts_model.posts):
            self.needs_model.set_needs(self.posts_model.posts[row].needs)
        else:
            self.needs_model.set_needs(None)
        if self.error is not None and isinstance(self.error, FieldError):
            self._mark(self.error.field)

    def _on_needs_changed(self) -> None:
        row = self.view.posts.currentIndex().row()
        if 0 <= row < len(self.posts_model.posts):
            post = self.posts_model.posts[row]
            self.posts_model.replace_post(row, replace(post, needs=self.needs_model.result()))

    def _on_add_post(self) -> None:
        if self.original is None:
            return
        taken = {p.code for p in self.posts_model.posts}
        base = self.view.code.text().strip() or "P"
        n = len(taken) + 1
        while f"{base}-{n}" in taken:
            n += 1
        post = PostData(
            id=None,
            code=f"{base}-{n}",
            name=self.tr("Gate %1").replace("%1", str(n)),
            risk=1,
            needs=(NeedData("arrival", 0, 1, 1), NeedData("dismissal", 0, 1, 1)),
        )
        row = self.posts_model.add_post(post)
        self.view.posts.selectRow(row)
        self.view.posts.edit(self.posts_model.index(row, 1))

    def _on_remove_post(self) -> None:
        row = self.view.posts.currentIndex().row()
        if row < 0 and self.posts_model.posts:
            row = len(self.posts_model.posts) - 1
        self.posts_model.remove_post(row)
        if self.posts_model.posts:
            self.view.posts.selectRow(min(row, len(self.posts_model.posts) - 1))
        else:
            self.needs_model.set_needs(None)

    def _on_copy_monday(self) -> None:
        model = self.bells_model
        model.set_own(editing.copy_weekday(model.own, model.defaults, 0))

    def _on_reset_bells(self) -> None:
        self.bells_model.set_own(())
