"""Optimistic locking: who changed a record last, and the `ConflictError` a stale save gets.

Every editable table carries `row_version` (`huxue.models.RowVersioned`). A save names the
version it was based on; `claim` refuses a stale one before anything is written and bumps the
row's version, so the UPDATE itself checks the version again (`WHERE row_version = …`) and a
save racing another in a second transaction fails at flush (`StaleDataError`), which
`stale_flush` turns into the same `ConflictError`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from huxue.errors import ConflictError, HuxueError
from huxue.models import AuditEntry, RowVersioned

Loader = Callable[[Session, int], Any]


def last_change(session: Session, label: str) -> tuple[str, dt.datetime | None]:
    """Who made the newest audit entry for `label`, and when ("" and None: no entry)."""
    entry = session.exec(
        select(AuditEntry)
        .where(AuditEntry.entity == label[:120])
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .limit(1)
    ).first()
    return ("", None) if entry is None else (entry.who, entry.at)


def snapshot_fields(data: Any) -> dict[str, Any]:
    """A snapshot's field values by name, without its id and row version."""
    if data is None:
        return {}
    return {
        f.name: getattr(data, f.name)
        for f in dataclasses.fields(data)
        if f.name not in ("id", "row_version")
    }


def conflict(
    session: Session, label: str, mine: Any, row_id: int | None, load: Loader | None
) -> ConflictError:
    """The `ConflictError` of saving `mine` over the record `row_id` as it is stored now."""
    theirs: Any = None
    if row_id is not None and load is not None:
        try:
            theirs = load(session, row_id)
        except HuxueError:  # gone
            theirs = None
    who, when = last_change(session, label)
    return ConflictError(
        label,
        who=who,
        when=when,
        mine=snapshot_fields(mine),
        theirs=snapshot_fields(theirs),
        theirs_version=getattr(theirs, "row_version", None),
        gone=theirs is None,
    )


def claim(
    session: Session,
    row: RowVersioned | None,
    expected: int | None,
    *,
    label: str,
    mine: Any,
    row_id: int | None,
    load: Loader | None,
    bump: bool = True,
) -> None:
    """Check that a stored row is still at the version a save was based on, then bump it.

    `row` None means the row is absent: a conflict when the save expected one (someone
    removed it). `expected` None means "no check" (a new record, an undone delete). Bumping
    the version makes the flush an UPDATE guarded by the old version even when only the
    record's parts (posts, availability …) change; a delete checks without bumping (its
    DELETE is guarded by the version all the same).
    """
    if row is None:
        if expected is not None:
            raise conflict(session, label, mine, row_id, load)
        return
    if expected is not None and row.row_version != expected:
        raise conflict(session, label, mine, row_id, load)
    if not bump:
        return
    row.row_version = row.row_version + 1
    session.add(row)


@contextmanager
def stale_flush(
    session: Session, label: str, mine: Any, row_id: int | None, load: Loader | None
) -> Iterator[None]:
    """Turn a flush that lost a race (a row changed or removed by another transaction, or a
    unique row another transaction made first) into `ConflictError`."""
    try:
        yield
    except (StaleDataError, IntegrityError) as exc:
        if isinstance(exc, IntegrityError) and not _is_unique_violation(exc):
            raise
        session.rollback()
        raise conflict(session, label, mine, row_id, load) from exc


def _is_unique_violation(exc: IntegrityError) -> bool:
    text = str(exc.orig).lower()
    return "unique" in text or "duplicate key" in text
