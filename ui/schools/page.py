"""学校 Schools page: filters and the school table on the left, the editor on the right."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
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
from ui.context import AppContext
from ui.i18n import risk_name, school_kind_name
from ui.record_editor import ListEditorController
from ui.schools.editor import SCHOOL_KINDS, SchoolEditor, SchoolEditorView
from ui.schools.model import SchoolFilterModel, SchoolTableModel
from ui.widgets import KeyedComboBox, make_record_table


class SchoolsView(QWidget):
    """The page's widgets; `SchoolsController` gives them behaviour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setClearButtonEnabled(True)
        self._stations: dict[int, str] = {}
        self.station = KeyedComboBox(
            lambda key: self._stations.get(key, ""), all_label=lambda: self.tr("All stations")
        )
        self.kind = KeyedComboBox(
            school_kind_name, SCHOOL_KINDS, all_label=lambda: self.tr("All kinds")
        )
        self.risk = KeyedComboBox(
            lambda r: self.tr("Risk %1").replace("%1", risk_name(r)),
            [3, 2, 1],
            all_label=lambda: self.tr("Any risk"),
        )
        self.count = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.station, 1)
        filters.addWidget(self.kind, 1)
        filters.addWidget(self.risk, 1)

        self.table = make_record_table()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setHighlightSections(False)
        self.stations = QPushButton()
        self.add = QPushButton()
        below = QHBoxLayout()
        below.addWidget(self.count)
        below.addStretch()
        below.addWidget(self.stations)
        below.addWidget(self.add)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(below)

        self.editor = SchoolEditorView()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.editor)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
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
        self.search.setPlaceholderText(self.tr("Search name, code or pinyin (jmxx)…"))
        self.station.retranslate()
        self.kind.retranslate()
        self.risk.retranslate()
        self.add.setText(self.tr("New school"))
        self.stations.setText(self.tr("Police stations…"))
        controller = getattr(self, "controller", None)
        if controller is not None:
            controller.model.retranslate()
        self.table.viewport().update()


class SchoolsController(ListEditorController):
    """Loads the schools, applies the filters, and keeps the editor on the selected school."""

    proxy: SchoolFilterModel
    editor: SchoolEditor

    def __init__(self, ctx: AppContext, view: SchoolsView) -> None:
        super().__init__(
            ctx,
            view,
            SchoolTableModel(),
            SchoolFilterModel(),
            SchoolEditor(ctx, view.editor),
        )
        self._connect()
        self.reload()
        header = view.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for column, width in ((0, 70), (2, 105), (3, 110), (4, 45), (5, 70), (6, 50)):
            header.resizeSection(column, width)
        # Rows come sorted by code; a click on a header sorts (no sorting cost at start).
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.table.setSortingEnabled(True)

    def _connect(self) -> None:
        self._connect_list()
        v = self.view
        v.station.currentIndexChanged.connect(self._on_filters)
        v.kind.currentIndexChanged.connect(self._on_filters)
        v.risk.currentIndexChanged.connect(self._on_filters)
        v.add.clicked.connect(self._on_add)
        v.stations.clicked.connect(self._on_stations)
        self.ctx.data_changed.connect(self._on_data_changed)
        self.ctx.database_changed.connect(self.reload)

    # -- public ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read every school and station again (a database was opened)."""
        stations = self.ctx.run(editing.stations)
        self.view.set_stations({s.id: s.name for s in stations})
        self.model.set_rows(self.ctx.run(editing.school_rows))
        # Pinyin keys are prepared just after the window has painted its rows.
        QTimer.singleShot(100, self.model.index_for_search.prepare)
        self.proxy.refresh()
        self.editor.show_nothing()
        self._update_count()

    def select_school(self, school_id: int) -> bool:
        """Select a school in the table (clearing filters that hide it) and open its editor."""
        return self.select(school_id)

    def open_stations(self, new: bool = False) -> QDialog:
        """The police stations dialog (`new`: with a new station started)."""
        from ui.stations import open_stations

        return open_stations(self.ctx, self.view, new=new)

    # -- hooks of ListEditorController -------------------------------------------------------

    def _clear_filters(self) -> None:
        for combo in (self.view.station, self.view.kind, self.view.risk):
            combo.set_current_key(None)

    def _count_text(self, shown: int, total: int) -> str:
        return self.tr("%1 of %2 schools").replace("%1", str(shown)).replace("%2", str(total))

    # -- slots -------------------------------------------------------------------------------

    def _on_filters(self, *_args: object) -> None:
        self.proxy.set_filters(
            station_id=self.view.station.current_key(),
            kind=self.view.kind.current_key(),
            risk=self.view.risk.current_key(),
        )

    def _on_add(self) -> None:
        if not self.resolve_unsaved():
            return
        if not self.ctx.run(editing.stations):
            # An empty database: a school needs its station, so start with that.
            self.open_stations(new=True)
            return
        self.view.table.clearSelection()
        self.editor.new_school(self.view.station.current_key())

    def _on_stations(self) -> None:
        self.open_stations()

    def _on_data_changed(self, entity: str, row_id: int) -> None:
        if entity == "station":
            self._on_station_changed(row_id)
            return
        if entity != "school":
            return
        row = self.ctx.run(editing.school_row, row_id)
        self.model.update_row(row, row_id)
        self.proxy.refresh()
        self._update_count()

    def _on_station_changed(self, station_id: int) -> None:
        stations = self.ctx.run(editing.stations)
        self.view.set_stations({s.id: s.name for s in stations})
        name = next((s.name for s in stations if s.id == station_id), None)
        if name is not None:
            self.model.set_station_name(station_id, name)


class SchoolsPage(SchoolsView):
    """The page the main window hosts: the view with its controller attached."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = SchoolsController(ctx, self)

    def page_title(self) -> str:
        return self.tr("Schools")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def save_current(self) -> None:
        self.controller.editor.save()

    def resolve_unsaved(self) -> bool:
        return self.controller.resolve_unsaved()
