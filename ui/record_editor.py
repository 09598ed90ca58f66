"""What every record editor does the same way, whatever the record.

`RecordEditorController` fills a form from a snapshot of `huxue.editing` (a frozen dataclass
with `id`, `code` and `name`), turns the form back into one (`collect`), validates every change
(marking the field and saying why in the view's banner), and saves, reverts and deletes through
`AppContext.apply`, so each change is one undoable transaction. The person and school editors
and the stations dialog build on it; each says in its hooks what differs: its widgets, how a
snapshot fills them and which fields mark which widget. User-visible strings stay in the
subclasses, so every `tr()` keeps its translation context.

`ListEditorController` is the page around such an editor: the filterable table on the left,
the count under it, selection that follows the editor and asks about unsaved changes first.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QObject,
    QSortFilterProxyModel,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from huxue.editing import FieldError
from huxue.errors import ConflictError, HuxueError
from huxue.save_once import ServerAwayError
from ui.conflict import ConflictDialog, conflict_summary
from ui.context import AppContext
from ui.i18n import error_text
from ui.widgets import mark_invalid


class RecordEditorController(QObject):
    """Load a snapshot into a form, validate as the planner types, save and delete undoably.

    The view must have `title`, `banner`, `code`, `name` and `save`. Subclasses implement
    `collect`, `_load_snapshot`, `_fill`, `_blank`, `_field_widgets`, `_nothing_title`,
    `_command_text`, `_delete_question` and `_unsaved_question`.
    """

    saved = Signal(int)
    deleted = Signal(int)
    dirty_changed = Signal(bool)

    def __init__(
        self, ctx: AppContext, view: Any, entity: str, validate: Callable[..., Any]
    ) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.entity = entity
        self._validator = validate
        self.original: Any | None = None
        self.dirty = False
        self.changed_elsewhere = ""  # who changed the shown record while it had unsaved input
        self.error: HuxueError | None = None
        self._loading = False
        self._marked: list[QWidget] = []
        self._greyed: list[QWidget] = []  # widgets greyed out for another station's record
        self._locked_tables: list[tuple[QAbstractItemView, Any]] = []

    # -- hooks -------------------------------------------------------------------------------

    def collect(self) -> Any:
        """The form's content as a snapshot (FieldError for text that is not a value)."""
        raise NotImplementedError

    def _load_snapshot(self, row_id: int) -> Any:
        raise NotImplementedError

    def _fill(self, data: Any) -> None:
        """Put `data` into the widgets and enable them (signals of edits are ignored)."""
        raise NotImplementedError

    def _blank(self) -> None:
        """Show that no record is on show (disable the form)."""
        raise NotImplementedError

    def _field_widgets(self) -> dict[str, QWidget]:
        """The widget a FieldError's field (its first dotted part) marks."""
        raise NotImplementedError

    def _mark_cells(self, parts: list[str]) -> None:
        """Mark the table cells of a dotted field (`parts` is empty to clear them)."""

    def _nothing_title(self) -> str:
        raise NotImplementedError

    def _command_text(self, before: Any | None, after: Any | None) -> str:
        """The undo stack's text of adding (no `before`), editing or deleting (no `after`)."""
        raise NotImplementedError

    def _delete_question(self, data: Any) -> tuple[str, str]:
        """The title and text of the question before deleting `data`."""
        raise NotImplementedError

    def _unsaved_question(self) -> tuple[str, str]:
        """The title and text of the question about unsaved edits."""
        raise NotImplementedError

    def _edited(self) -> None:
        """After each edit, before the title and the validation: update dependent widgets."""

    # -- public ------------------------------------------------------------------------------

    def load(self, row_id: int) -> None:
        """Show one record as it is stored."""
        self._show(self._load_snapshot(row_id))

    def start_new(self, data: Any) -> None:
        """Show a new, unsaved record (dirty from the start, so it can be saved as it is)."""
        self._show(data)
        self._set_dirty(True)
        self._validate()

    def show_nothing(self) -> None:
        self.original = None
        self._set_dirty(False)
        self._loading = True
        self._blank()
        self._loading = False
        self._clear_error()
        self._set_title()

    def current_id(self) -> int | None:
        return self.original.id if self.original is not None else None

    def save(self) -> bool:
        """Validate and store the form's record; False (with the reason shown) if refused."""
        if self.original is None:
            return False
        try:
            # The save is based on the version the form was loaded at (checked when stored).
            data = replace(self.collect(), row_version=self.original.row_version)
            self.ctx.run(self._validator, data)
            if not self.dirty and data == self.original:
                return True
            self.ctx.scope.require(self._station_of(data), self.view.title.text())
        except ServerAwayError as exc:
            self._wait_for_server(exc)
            return False
        except HuxueError as exc:
            self._show_error(exc)
            return False
        before = self.original if self.original.id is not None else None
        return self._store(before, data)

    def _store(self, before: Any | None, data: Any) -> bool:
        try:
            row_id = self.ctx.apply(self.entity, self._command_text(before, data), before, data)
        except ServerAwayError as exc:
            self._wait_for_server(exc)
            return False
        except ConflictError as exc:
            return self._resolve_conflict(data, exc)
        except HuxueError as exc:
            self._show_error(exc)
            return False
        self.load(row_id)
        self.saved.emit(row_id)
        return True

    def _wait_for_server(self, exc: ServerAwayError) -> None:
        # The input stays as typed; it is saved when the server is back.
        self.view.banner.show_message(str(exc))
        self.ctx.save_later(self._save_when_back)

    def _save_when_back(self) -> None:
        if self.dirty and self.original is not None:
            self.save()

    def _resolve_conflict(self, data: Any, exc: ConflictError) -> bool:
        """Someone saved the record first: show both sides and save the planner's choice on
        the stored version, or keep the form as it is (nothing is overwritten silently)."""
        if exc.gone or data.id is None:
            QMessageBox.warning(self.view, self._conflict_title(), conflict_summary(exc))
            self._show_error(exc)
            return False
        dialog = ConflictDialog(exc, self.view)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            self._show_error(exc)
            return False
        try:
            stored = self._load_snapshot(data.id)
        except HuxueError as gone:
            self._show_error(gone)
            return False
        return self._store(stored, dialog.merged(stored, data))

    def _conflict_title(self) -> str:
        return QCoreApplication.translate("Conflict", "Someone else saved this record first")

    def delete_current(self) -> bool:
        """Delete the shown record (undoably); False with the reason shown when refused."""
        if self.original is None or self.original.id is None:
            return False
        row_id = self.original.id
        text = self._command_text(self.original, None)
        try:
            self.ctx.scope.require(self._station_of(self.original), self.view.title.text())
            self.ctx.apply(self.entity, text, self.original, None)
        except ConflictError as exc:  # changed since it was opened: show what is stored now
            QMessageBox.warning(self.view, self._conflict_title(), conflict_summary(exc))
            self._reload_shown(row_id)
            return False
        except HuxueError as exc:
            self._show_error(exc)
            return False
        self.show_nothing()
        self.deleted.emit(row_id)
        return True

    def resolve_unsaved(self) -> bool:
        """Ask what to do with unsaved edits; True when the form may move on."""
        if not self.dirty:
            return True
        title, text = self._unsaved_question()
        answer = QMessageBox.question(
            self.view,
            title,
            text,
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        if answer == QMessageBox.StandardButton.Discard:
            self._set_dirty(False)
            return True
        return False

    # -- showing and validation --------------------------------------------------------------

    def _show(self, data: Any) -> None:
        for widget in self._greyed:  # the last record on show was another station's
            widget.setEnabled(True)
        for table, triggers in self._locked_tables:
            table.setEditTriggers(triggers)
        self._greyed = []
        self._locked_tables = []
        self.changed_elsewhere = ""
        self._loading = True
        self.original = data
        self._fill(data)
        self._loading = False
        self._set_dirty(False)
        self._clear_error()
        self._set_title()
        if data.id is not None and not self.ctx.scope.may_write(self._station_of(data)):
            self._read_only()

    def _station_of(self, data: Any) -> int | None:
        """The station whose planners may change `data` (None: the district office only)."""
        if self.entity == "station":
            return int(data.id) if data.id is not None else None
        station = getattr(data, "station_id", None)
        return int(station) if station is not None else None

    def _read_only(self) -> None:
        """Grey out a record this login may not change (another station's)."""
        inputs = (
            QLineEdit,
            QAbstractSpinBox,
            QComboBox,
            QAbstractButton,
            QPlainTextEdit,
            QTextEdit,
        )
        widgets = [*self._field_widgets().values(), *self.view.findChildren(QWidget)]
        self._greyed = [
            w for w in dict.fromkeys(widgets) if isinstance(w, inputs) and w.isEnabled()
        ]
        for widget in self._greyed:
            widget.setEnabled(False)
        # Tables stay readable and scrollable, but their cells no longer open an editor.
        for table in self.view.findChildren(QAbstractItemView):
            self._locked_tables.append((table, table.editTriggers()))
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.save.setEnabled(False)
        self.view.banner.show_message(
            self.tr("Read only: {who} may not change another station's records.").format(
                who=self.ctx.scope.user
            )
        )

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self.dirty:
            self.dirty = dirty
            self.dirty_changed.emit(dirty)

    def _set_title(self) -> None:
        if self.original is None:
            self.view.title.setText(self._nothing_title())
            return
        name = self.view.name.text() or self.original.name
        star = " *" if self.dirty else ""
        self.view.title.setText(f"{name} · {self.view.code.text()}{star}")

    def _validate(self) -> bool:
        try:
            self.ctx.run(self._validator, self.collect())
        except HuxueError as exc:
            self._show_error(exc)
            return False
        self._clear_error()
        return True

    def _show_error(self, exc: HuxueError) -> None:
        if isinstance(exc, ServerAwayError):
            # Not the input's fault: it stays, and so does Save (the check runs on saving).
            self.view.banner.show_message(str(exc))
            self.view.save.setEnabled(self.dirty)
            return
        self.error = exc
        self.view.banner.show_message(error_text(exc))
        self.view.save.setEnabled(False)
        self._mark(exc.field if isinstance(exc, FieldError) else "")

    def _clear_error(self) -> None:
        self.error = None
        self.view.banner.show_message("")
        self._mark("")
        self.view.save.setEnabled(self.dirty)

    def _mark(self, field: str) -> None:
        for widget in self._marked:
            mark_invalid(widget, False)
        self._marked = []
        parts = field.split(".") if field else []
        marked = self._field_widgets().get(parts[0]) if parts else None
        if marked is not None:
            mark_invalid(marked, True)
            self._marked.append(marked)
        self._mark_cells(parts)

    # -- slots -------------------------------------------------------------------------------

    def _on_changed(self, *_args: object) -> None:
        if self._loading or self.original is None or self._greyed:
            return
        self._set_dirty(True)
        self._edited()
        self._set_title()
        self._validate()

    def _on_revert(self) -> None:
        if self.original is None:
            return
        if self.original.id is None:
            self.show_nothing()
        else:
            self.load(self.original.id)

    def _on_delete(self) -> None:
        if self.original is None:
            return
        if self.original.id is None:
            self.show_nothing()  # a new record is not stored yet: deleting it discards it
            return
        title, text = self._delete_question(self.original)
        if QMessageBox.question(self.view, title, text) == QMessageBox.StandardButton.Yes:
            self.delete_current()

    def _on_data_changed(self, entity: str, row_id: int) -> None:
        # An undo or redo (or another planner) changed the record on show: show what is stored
        # now — unless the planner is typing into it: their input stays, and the form says who
        # changed the record meanwhile.
        if entity != self.entity or self._loading or self.current_id() != row_id:
            return
        remote = self.ctx.remote_change
        if remote is not None and self.dirty:
            self.changed_elsewhere = remote.planner
            self.view.banner.show_message(
                self.tr(
                    "%1 changed this record while you were editing it. Your input is kept: "
                    "save to store it over theirs, or discard it to see theirs."
                ).replace("%1", remote.planner)
            )
            return
        self._reload_shown(row_id)

    def _reload_shown(self, row_id: int) -> None:
        try:
            self.load(row_id)
        except HuxueError:
            self.show_nothing()  # the record is gone


class ListEditorController(QObject):
    """A page of a filterable table beside a record editor that follows the selection.

    The view must have `table`, `search` and `count`; `proxy` must be the table's model with
    `set_filters(text=...)` and `refresh()`, over `model` with `source_row_of_id` and an
    `IdRole`. Subclasses say how filters hidden a row are cleared (`_clear_filters`) and what
    the count says (`_count_text`).
    """

    def __init__(
        self,
        ctx: AppContext,
        view: Any,
        model: Any,
        proxy: QSortFilterProxyModel,
        editor: RecordEditorController,
    ) -> None:
        super().__init__(view)
        self.ctx = ctx
        self.view = view
        self.model = model
        self.proxy = proxy
        model.setParent(self)
        proxy.setParent(self)
        proxy.setSourceModel(model)
        view.table.setModel(proxy)
        self.editor = editor
        self._selecting = False

    def _connect_list(self) -> None:
        self.view.search.textChanged.connect(self._on_search)
        self.view.table.selectionModel().selectionChanged.connect(self._on_selection)
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)
        self.editor.saved.connect(self.select)
        self.editor.deleted.connect(self._on_deleted)

    # -- hooks -------------------------------------------------------------------------------

    def _clear_filters(self) -> None:
        """Show every row (the filters beside the search are set to all)."""
        raise NotImplementedError

    def _count_text(self, shown: int, total: int) -> str:
        raise NotImplementedError

    # -- public ------------------------------------------------------------------------------

    def select(self, row_id: int) -> bool:
        """Select a row (clearing filters that hide it) and open it in the editor."""
        row = self.model.source_row_of_id(row_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            self.view.search.clear()
            self._clear_filters()
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self._selecting = True
        self.view.table.selectRow(index.row())
        self.view.table.scrollTo(index)
        self._selecting = False
        if self.editor.current_id() != row_id or not self.editor.dirty:
            self.editor.load(row_id)
        return True

    def resolve_unsaved(self) -> bool:
        """Ask what to do with unsaved edits; True when the editor may move on."""
        return self.editor.resolve_unsaved()

    # -- slots -------------------------------------------------------------------------------

    def _on_search(self, text: str) -> None:
        self.proxy.set_filters(text=text)  # type: ignore[attr-defined]

    def _update_count(self, *_args: object) -> None:
        self.view.count.setText(self._count_text(self.proxy.rowCount(), self.model.rowCount()))

    def _on_selection(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        if self._selecting or not selected.indexes():
            return
        row_id = int(self.proxy.data(selected.indexes()[0], self.model.IdRole))
        if row_id == self.editor.current_id():
            return
        if not self.resolve_unsaved():
            current = self.editor.current_id()
            if current is not None:
                self.select(current)  # back to the record the planner kept editing
            return
        self.editor.load(row_id)

    def _on_deleted(self, _row_id: int) -> None:
        self.view.table.clearSelection()
