"""人员 People page: filters and the people table on the left, the person editor on the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from huxue import editing
from ui.context import AppContext
from ui.i18n import role_name
from ui.people.editor import ROLES, PersonEditor, PersonEditorView
from ui.people.model import PersonFilterModel, PersonTableModel
from ui.record_editor import ListEditorController
from ui.widgets import KeyedComboBox, make_record_table


class PeopleView(QWidget):
    """The page's widgets; `PeopleController` gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self._stations: dict[int, str] = {}
        self.station = KeyedComboBox(
            lambda key: self._stations.get(key, ""), all_label=lambda: self.tr("All stations")
        )
        self.role = KeyedComboBox(role_name, ROLES, all_label=lambda: self.tr("All roles"))
        self.active = KeyedComboBox(
            lambda key: self.tr("Active") if key else self.tr("Inactive"),
            [True, False],
            all_label=lambda: self.tr("Active and inactive"),
        )
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.station, 1)
        filters.addWidget(self.role, 1)
        filters.addWidget(self.active, 1)
        self.table = make_record_table()
        self.count = QLabel()
        self.add = QPushButton()
        below = QHBoxLayout()
        below.addWidget(self.count)
        below.addStretch()
        below.addWidget(self.add)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(below)
        self.editor = PersonEditorView()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.retranslate()

    def set_stations(self, names: dict[int, str]) -> None:
        self._stations = names
        self.station.set_keys(list(names))
        self.editor.set_stations(names)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(self.tr("Search name, code, phone or pinyin…"))
        for combo in (self.station, self.role, self.active):
            combo.retranslate()
        self.add.setText(self.tr("New person"))
        model = self.table.model()
        if model is not None and model.columnCount() > 0:
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)
        self.table.viewport().update()


class PeopleController(ListEditorController):
    """Loads the people, applies the filters, and keeps the editor on the selected person."""

    proxy: PersonFilterModel
    editor: PersonEditor

    def __init__(self, ctx: AppContext, view: PeopleView) -> None:
        super().__init__(
            ctx,
            view,
            PersonTableModel(),
            PersonFilterModel(),
            PersonEditor(ctx, view.editor),
        )
        self._connect()
        self.reload()
        header = view.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 70), (2, 100), (3, 100), (4, 110), (5, 60), (6, 60)):
            header.resizeSection(column, width)
        # Rows come sorted by code; a click on a header sorts (no sorting cost at start).
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.table.setSortingEnabled(True)

    def _connect(self) -> None:
        self._connect_list()
        v = self.view
        v.station.currentIndexChanged.connect(self._on_filters)
        v.role.currentIndexChanged.connect(self._on_filters)
        v.active.currentIndexChanged.connect(self._on_filters)
        v.add.clicked.connect(self._on_add)
        self.ctx.data_changed.connect(self._on_data_changed)
        self.ctx.database_changed.connect(self.reload)

    def reload(self) -> None:
        stations = self.ctx.run(editing.stations)
        self.view.set_stations({s.id: s.name for s in stations})
        schools = self.ctx.run(editing.school_rows)
        self.editor.set_schools([(s.id, s.name) for s in schools])
        self.model.set_rows(self.ctx.run(editing.person_rows))
        self.proxy.refresh()
        self.editor.show_nothing()
        self._update_count()

    def select_person(self, person_id: int) -> bool:
        return self.select(person_id)

    def _clear_filters(self) -> None:
        for combo in (self.view.station, self.view.role, self.view.active):
            combo.set_current_key(None)

    def _count_text(self, shown: int, total: int) -> str:
        return self.tr("%1 of %2 people").replace("%1", str(shown)).replace("%2", str(total))

    def _on_filters(self, *_args: object) -> None:
        self.proxy.set_filters(
            station_id=self.view.station.current_key(),
            role=self.view.role.current_key(),
            active=self.view.active.current_key(),
        )

    def _on_add(self) -> None:
        if not self.resolve_unsaved():
            return
        if not self.ctx.run(editing.stations):
            # An empty database: a person needs their station, so start with that.
            from ui.stations import open_stations

            open_stations(self.ctx, self.view, new=True)
            return
        self.view.table.clearSelection()
        self.editor.new_person(self.view.station.current_key())

    def _on_data_changed(self, entity: str, row_id: int) -> None:
        if entity == "person":
            self.model.update_row(self.ctx.run(_person_row, row_id), row_id)
            self.proxy.refresh()
            self._update_count()
        elif entity == "school":
            schools = self.ctx.run(editing.school_rows)
            self.editor.set_schools([(s.id, s.name) for s in schools])
        elif entity == "station":
            stations = self.ctx.run(editing.stations)
            self.view.set_stations({s.id: s.name for s in stations})
            name = next((s.name for s in stations if s.id == row_id), None)
            if name is not None:
                self.model.set_station_name(row_id, name)


def _person_row(session: Session, person_id: int) -> editing.PersonRow | None:
    return next((r for r in editing.person_rows(session) if r.id == person_id), None)


class PeoplePage(PeopleView):
    """The page the main window hosts: the view with its controller attached."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = PeopleController(ctx, self)

    def page_title(self) -> str:
        return self.tr("People")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def save_current(self) -> None:
        self.controller.editor.save()

    def resolve_unsaved(self) -> bool:
        return self.controller.resolve_unsaved()
