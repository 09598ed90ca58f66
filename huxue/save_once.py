"""Saves that survive a lost connection: refused clearly while the server is away, and never
stored twice when retried.

A commit whose answer is lost (the server restarts or the network drops just then) leaves the
app unsure whether it was stored. The window gives each save a token; `save_once` stores a
receipt with the change in the same transaction, so a retry with the same token finds the
receipt and stores nothing again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session, col

from huxue.errors import DatabaseError
from huxue.i18n import pick
from huxue.models import SaveReceipt

# Receipts older than this are no longer needed: a retry happens within minutes.
KEEP_RECEIPTS = dt.timedelta(days=2)


class ServerAwayError(DatabaseError):
    """The database server cannot be reached now (restart, network); nothing was stored."""

    def __init__(self, text: str | None = None) -> None:
        super().__init__(
            text
            or pick(
                "暂时连不上数据库服务器，本次没有保存。您输入的内容已保留，连接恢复后会自动保存。",
                "The database server cannot be reached: nothing was saved. Your input is kept "
                "and is saved as soon as the server is back.",
            )
        )


def is_connection_lost(exc: BaseException, engine: Engine) -> bool:
    """True when `exc` means the server is away (not a refused or invalid change)."""
    if not engine.url.drivername.startswith("postgresql"):
        return False  # a file database has no server to lose ("database is locked" is not it)
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    return isinstance(exc, OperationalError)


def receipt_row(session: Session, token: str) -> int | None:
    """The record id a save with `token` stored, or None when it was never stored."""
    found = session.get(SaveReceipt, token)
    return None if found is None else found.row_id


def save_once(
    session: Session, token: str, entity: str, write: Callable[[Session], int]
) -> tuple[int, bool]:
    """Run `write` (which returns the record's id) unless a save with `token` is stored
    already; returns the id and whether it was written now. Runs in the caller's transaction,
    so the receipt commits with the change or not at all."""
    done = receipt_row(session, token)
    if done is not None:
        return done, False
    row_id = write(session)
    now = dt.datetime.now(dt.UTC)
    session.add(SaveReceipt(token=token, entity=entity[:20], row_id=row_id, saved_at=now))
    session.execute(delete(SaveReceipt).where(col(SaveReceipt.saved_at) < now - KEEP_RECEIPTS))
    return row_id, True
