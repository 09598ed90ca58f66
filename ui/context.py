"""What every page and dialog shares: the database, its transactions and the undo stack.

`AppContext` is the service the pages get (never the main window). Each edit goes through
`AppContext.apply`, which writes it in one transaction through `huxue.editing` and pushes an
undoable `SnapshotCommand`; `data_changed` then tells every page what to reload.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session

from huxue import editing
from huxue.accounts import PermissionDeniedError, WriteScope, permission_message, write_scope
from huxue.database import describe_url, session_scope
from huxue.errors import HuxueError
from huxue.live import Change, affected, application_name, is_live
from huxue.save_once import ServerAwayError, is_connection_lost, receipt_row, save_once

if TYPE_CHECKING:
    from ui.live import LiveFeed

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


# Entities whose pages reload a week or month as a whole: a change without a record id still
# reaches them.
WHOLE_RELOAD = {"roster", "calendar", "term", "patrol", "attendance"}


class AppContext(QObject):
    """The open database and the window's undo stack."""

    database_changed = Signal()
    data_changed = Signal(str, int)  # entity name, id (0: several)
    failed = Signal(str)  # an undo or redo that the database refused
    remote_changed = Signal(object)  # a huxue.live.Change committed by another planner
    server_online = Signal(bool)  # the shared server went away (False) or is back (True)

    def __init__(self, engine: Engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self.undo_stack = QUndoStack(self)
        self.scope = self._load_scope()
        self.live: LiveFeed | None = None
        # Set while `data_changed` is emitted for another planner's change: an editor with
        # unsaved input then keeps it and says who changed the record instead of reloading.
        self.remote_change: Change | None = None
        self._app = application_name()
        self.server_away = False
        self._retries: list[Callable[[], object]] = []
        # The token of each save refused while the server was away, with what it saved: a
        # retry of the same change uses the same token, so it is never stored twice.
        self._pending: dict[tuple[str, Any], tuple[str, Any]] = {}

    def start_live(self) -> None:
        """Listen for other planners' changes (PostgreSQL; nothing on SQLite)."""
        if self.live is not None or not is_live(self.engine):
            return
        from ui.live import LiveFeed

        feed = LiveFeed(self.engine, self)
        feed.changed.connect(self._on_remote_changes)
        feed.online.connect(self._on_online)
        self.live = feed
        feed.start()

    def stop_live(self) -> None:
        """Stop listening (the window closes or the database changes)."""
        feed, self.live = self.live, None
        if feed is not None:
            feed.stop()

    def _on_remote_changes(self, changes: list[Change]) -> None:
        seen: set[tuple[str, int]] = set()
        for change in changes:
            if change.app == self._app:
                continue  # this window's own save
            entity, row_id = affected(change)
            if (entity, row_id) in seen:
                continue
            seen.add((entity, row_id))
            # Lists and editors update one record; a record they cannot name is left to the
            # pages that reload a whole week or month.
            if row_id or entity in WHOLE_RELOAD:
                self.remote_change = change
                try:
                    self.data_changed.emit(entity, row_id)
                finally:
                    self.remote_change = None
            self.remote_changed.emit(change)

    def _load_scope(self) -> WriteScope:
        """Who is logged in and what they may write (everything on SQLite)."""
        with Session(self.engine) as session:
            return write_scope(session)

    @property
    def database_label(self) -> str:
        """The database for display (file path or URL without password)."""
        return describe_url(str(self.engine.url.render_as_string(hide_password=False)))

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(session, *args)` in one transaction: committed on success, rolled back on error.

        A refusal by the server (another station's record) becomes `PermissionDeniedError`;
        `ServerAwayError` (a `HuxueError`) when the shared server cannot be reached.
        """
        try:
            with session_scope(self.engine) as session:
                return fn(session, *args)
        except DBAPIError as exc:
            denied = permission_message(exc)
            if denied is not None:
                raise PermissionDeniedError(denied) from exc
            if not is_connection_lost(exc, self.engine):
                raise
            self._went_away()
            raise ServerAwayError from exc

    # -- server trouble ------------------------------------------------------------------------

    def _went_away(self) -> None:
        if self.server_away:
            return
        self.server_away = True
        if self.live is not None:
            self.live.recheck()  # its thread reports the server's return
        self.server_online.emit(False)

    def _on_online(self, online: bool) -> None:
        if online == (not self.server_away):
            return
        self.server_away = not online
        self.server_online.emit(online)
        if online:
            retries, self._retries = self._retries, []
            for retry in retries:
                retry()

    def save_later(self, retry: Callable[[], object]) -> None:
        """Call `retry` once the server is back (a save refused while it was away)."""
        if retry not in self._retries:
            self._retries.append(retry)

    def set_engine(self, engine: Engine) -> None:
        """Switch to another database: the undo history belongs to the old one."""
        old = self.engine
        listening = self.live is not None
        self.stop_live()
        self.undo_stack.clear()
        self.engine = engine
        if old is not engine:
            old.dispose()
        self.scope = self._load_scope()
        if listening:
            self.start_live()
        self.database_changed.emit()

    def apply(self, entity: str, text: str, before: Any | None, after: Any | None) -> int:
        """Replace `before` by `after` (None: absent) now, undoably; returns the row's id.

        Raises `HuxueError` (nothing written, nothing pushed) when the change is refused.
        """
        key = (entity, getattr(before, "id", None))
        token = uuid.uuid4().hex
        pending = self._pending.pop(key, None)
        if pending is not None:
            old_token, old_after = pending
            if old_after == after:
                token = old_token  # the same change again: stored at most once
            else:
                saved = self.run(receipt_row, old_token)
                if saved is not None and after is not None:
                    # The earlier attempt was stored after all: change what it stored.
                    before = self.run(ENTITIES[entity].load, saved)
                    key = (entity, saved)
        command = SnapshotCommand(self, ENTITIES[entity], text, before, after, token)
        try:
            row_id = command.apply_forward()
        except ServerAwayError:
            self._pending[key] = (token, after)
            raise
        self.undo_stack.push(command)
        return row_id


class SnapshotCommand(QUndoCommand):
    """An edit as two snapshots; redo writes `after`, undo writes `before` (None: delete)."""

    def __init__(
        self,
        ctx: AppContext,
        entity: Entity,
        text: str,
        before: Any | None,
        after: Any | None,
        token: str = "",
    ) -> None:
        super().__init__(text)
        self._token = token
        self._ctx = ctx
        self._entity = entity
        self._before = before
        self._after = after
        self._skip_redo = False

    def _write(self, target: Any | None, other: Any | None) -> int:
        """Replace `other` (what is stored now, None: absent) by `target`, checking that the
        stored record is still at `other`'s version: an undo never overwrites a newer save of
        someone else's. Afterwards `target` holds the stored row's new version. The first write
        uses the token its save was given (retries too, so a save is stored once); undo and redo
        are new actions, each with a token of its own."""
        token, self._token = self._token or uuid.uuid4().hex, ""
        entity = self._entity
        expected = self._expected_version(other)
        if target is None:
            assert other is not None and other.id is not None
            row = int(other.id)

            def remove(session: Session) -> int:
                entity.delete(session, row, expected)
                return row

            return self._ctx.run(save_once, token, entity.name, remove)[0]
        versioned = replace(target, row_version=expected)
        row_id = self._ctx.run(
            save_once, token, entity.name, lambda session: entity.save(session, versioned)
        )[0]
        # Keep the ids and the version the database gave, so undo and redo check against them.
        stored = self._ctx.run(entity.load, row_id)
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
