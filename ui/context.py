"""What every page and dialog shares: the database, its transactions and the undo stack.

`AppContext` is the service the pages get (never the main window). Each edit goes through
`AppContext.apply`, which writes it in one transaction through `huxue.editing` and pushes an
undoable `SnapshotCommand`; `data_changed` then tells every page what to reload.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huxue import editing
from huxue.database import describe_url, session_scope
from huxue.errors import HuxueError

T = TypeVar("T")


@dataclass(frozen=True)
class Entity:
    """How to load, save and delete one kind of snapshot (functions of an open session)."""

    name: str
    load: Callable[[Session, int], Any]
    save: Callable[[Session, Any], int]
    delete: Callable[[Session, int, int | None], None]


ENTITIES = {
    "station": Entity(
        "station", editing.load_station, editing.save_station, editing.delete_station
    ),
    "school": Entity("school", editing.load_school, editing.save_school, editing.delete_school),
    "person": Entity("person", editing.load_person, editing.save_person, editing.delete_person),
    "term": Entity("term", editing.load_term, editing.save_term, editing.delete_term),
    "calendar": Entity(
        "calendar",
        editing.load_calendar_day,
        editing.save_calendar_day,
        editing.delete_calendar_day,
    ),
}


class AppContext(QObject):
    """The open database and the window's undo stack."""

    database_changed = Signal()
    data_changed = Signal(str, int)  # entity name, id (0: several)
    failed = Signal(str)  # an undo or redo that the database refused

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.undo_stack = QUndoStack(self)

    @property
    def database_label(self) -> str:
        """The database for display (file path or URL without password)."""
        return describe_url(str(self.engine.url.render_as_string(hide_password=False)))

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(session, *args)` in one transaction: committed on success, rolled back on error."""
        with session_scope(self.engine) as session:
            return fn(session, *args)

    def set_engine(self, engine: Engine) -> None:
        """Switch to another database: the undo history belongs to the old one."""
        old = self.engine
        self.undo_stack.clear()
        self.engine = engine
        if old is not engine:
            old.dispose()
        self.database_changed.emit()

    def apply(self, entity: str, text: str, before: Any | None, after: Any | None) -> int:
        """Replace `before` by `after` (None: absent) now, undoably; returns the row's id.

        Raises `HuxueError` (nothing written, nothing pushed) when the change is refused.
        """
        command = SnapshotCommand(self, ENTITIES[entity], text, before, after)
        row_id = command.apply_forward()
        self.undo_stack.push(command)
        return row_id


class SnapshotCommand(QUndoCommand):
    """An edit as two snapshots; redo writes `after`, undo writes `before` (None: delete)."""

    def __init__(
        self, ctx: AppContext, entity: Entity, text: str, before: Any | None, after: Any | None
    ) -> None:
        super().__init__(text)
        self._ctx = ctx
        self._entity = entity
        self._before = before
        self._after = after
        self._skip_redo = False

    def _write(self, target: Any | None, other: Any | None) -> int:
        """Replace `other` (what is stored now, None: absent) by `target`, checking that the
        stored record is still at `other`'s version: an undo never overwrites a newer save of
        someone else's. Afterwards `target` holds the stored row's new version."""
        expected = self._expected_version(other)
        if target is None:
            assert other is not None and other.id is not None
            self._ctx.run(self._entity.delete, other.id, expected)
            return int(other.id)
        row_id = self._ctx.run(self._entity.save, replace(target, row_version=expected))
        # Keep the ids and the version the database gave, so undo and redo check against them.
        stored = self._ctx.run(self._entity.load, row_id)
        if target is self._after:
            self._after = stored
        else:
            self._before = stored
        return row_id

    def _expected_version(self, other: Any | None) -> int | None:
        """The version `other` is stored at now: the stored one when the stored record still
        holds `other`'s content (another command of this stack may have written it since),
        else `other`'s own (a change by someone else: the save is a conflict)."""
        if other is None or other.id is None:
            return None
        try:
            stored = self._ctx.run(self._entity.load, other.id)
        except HuxueError:
            return other.row_version  # gone: saving over it is a conflict
        if replace(stored, row_version=None) == replace(other, row_version=None):
            return stored.row_version
        return other.row_version

    def apply_forward(self) -> int:
        """The first redo, done before the push so that a refusal reaches the caller."""
        row_id = self._write(self._after, self._before)
        self._skip_redo = True
        self._ctx.data_changed.emit(self._entity.name, row_id)
        return row_id

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._run(self._after, self._before)

    def undo(self) -> None:
        self._run(self._before, self._after)

    def _run(self, target: Any | None, other: Any | None) -> None:
        try:
            row_id = self._write(target, other)
        except HuxueError as exc:
            self.setObsolete(True)
            self._ctx.failed.emit(str(exc))
            return
        self._ctx.data_changed.emit(self._entity.name, row_id)
