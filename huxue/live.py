"""Live refresh: what other planners change, as it is committed (PostgreSQL LISTEN/NOTIFY).

Migration 0007 puts a trigger on every planning table that sends a small JSON payload on the
channel ``huxue_change`` when a row changes (raw SQL included). `ChangeFeed` listens on a
dedicated connection of its own (never one of the engine's pool) and hands back `Change`
records; the window turns them into page refreshes and a status line. Each Huxue process names
its connections (`application_name`), so a window can tell its own changes from others'.
SQLite has no notifications: a database file is one planner's.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Engine

from huxue.audit import current_user

CHANNEL = "huxue_change"
APP_PREFIX = "huxue"


def application_name() -> str:
    """This process's name on the server: the computer user, host and process id."""
    return f"{APP_PREFIX} {current_user()}@{socket.gethostname()} {os.getpid()}"[:63]


def is_live(engine: Engine) -> bool:
    """True when the database sends change notifications (PostgreSQL)."""
    return engine.url.drivername.startswith("postgresql")


@dataclass(frozen=True)
class Change:
    """One change notification: the table, its action (insert/update/delete), the server's
    `current_user`, the writer's application name, and what the row belongs to."""

    table: str
    action: str
    who: str
    app: str = ""
    row_id: int | None = None
    station_id: int | None = None
    week: str | None = None
    person_id: int | None = None
    school_id: int | None = None
    roster_id: int | None = None
    term_id: int | None = None
    unit_id: int | None = None

    @property
    def planner(self) -> str:
        """Who made the change, for people: the login role, and the computer user when the
        role is shared."""
        parts = self.app.split(" ")
        user = parts[1].split("@")[0] if len(parts) >= 2 and parts[0] == APP_PREFIX else ""
        return f"{self.who} ({user})" if user and user != self.who else self.who


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def parse_change(payload: str) -> Change | None:
    """A `Change` from a notification's payload (None when it is not one of ours)."""
    try:
        data = json.loads(payload)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("t"), str):
        return None
    week = data.get("week")
    return Change(
        table=data["t"],
        action=str(data.get("a", "")),
        who=str(data.get("who", "")),
        app=str(data.get("app") or ""),
        row_id=_int(data.get("id")),
        station_id=_int(data.get("station")),
        week=week if isinstance(week, str) else None,
        person_id=_int(data.get("person")),
        school_id=_int(data.get("school")),
        roster_id=_int(data.get("roster")),
        term_id=_int(data.get("term")),
        unit_id=_int(data.get("unit")),
    )


class FeedLostError(Exception):
    """The feed's connection to the server is gone (restart, network); open it again."""


class ChangeFeed:
    """A dedicated connection that listens on ``huxue_change``.

    `open()` connects and listens (raising `FeedLostError` when the server cannot be reached);
    `wait(timeout)` returns the changes that arrived within `timeout` seconds (raising
    `FeedLostError` when the connection drops); `close()` ends it.
    """

    def __init__(self, engine: Engine, *, app: str | None = None) -> None:
        self.conninfo = engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False
        )
        self.app = app or application_name()
        self._conn: Any = None

    @property
    def connected(self) -> bool:
        """True while the feed's connection is open."""
        return self._conn is not None and not self._conn.closed

    def open(self, timeout: float = 5.0) -> None:
        """Connect and listen."""
        import psycopg

        self.close()
        try:
            conn = psycopg.connect(
                self.conninfo,
                autocommit=True,
                connect_timeout=max(1, int(timeout)),
                application_name=f"{self.app} listen"[:63],
                # Notice a silent network drop within seconds, not hours.
                keepalives=1,
                keepalives_idle=5,
                keepalives_interval=2,
                keepalives_count=2,
            )
            conn.execute(f"LISTEN {CHANNEL}")
        except psycopg.Error as exc:
            raise FeedLostError(str(exc)) from exc
        self._conn = conn

    def wait(self, timeout: float) -> list[Change]:
        """The changes committed by anyone within `timeout` seconds (at least one arrived, or
        the time passed)."""
        import psycopg

        if not self.connected:
            raise FeedLostError("not connected")
        changes: list[Change] = []
        try:
            for note in self._notifies(timeout):
                change = parse_change(note.payload)
                if change is not None:
                    changes.append(change)
            # One `SELECT 1` per wait: a server that restarted is noticed at once, not at
            # the next notification that never comes.
            self._conn.execute("SELECT 1")
        except psycopg.Error as exc:
            self.close()
            raise FeedLostError(str(exc)) from exc
        return changes

    def _notifies(self, timeout: float) -> Iterator[Any]:
        # The first notification ends the wait; those queued behind it come along.
        gen = self._conn.notifies(timeout=timeout, stop_after=1)
        yield from gen
        yield from self._conn.notifies(timeout=0.0)

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        conn, self._conn = self._conn, None
        if conn is not None:
            with suppress(Exception):
                conn.close()


# Which editor entity (the names of the window's `data_changed`) a table's rows belong to, and
# which field of the change names that entity's record.
_ENTITY_OF_TABLE: dict[str, tuple[str, str]] = {
    "station": ("station", "row_id"),
    "school": ("school", "row_id"),
    "post": ("school", "school_id"),
    "postneed": ("school", ""),
    "belltime": ("school", "school_id"),
    "person": ("person", "row_id"),
    "personschool": ("person", "person_id"),
    "availability": ("person", "person_id"),
    "leave": ("person", "person_id"),
    "term": ("term", "row_id"),
    "vacation": ("term", "term_id"),
    "calendarday": ("calendar", "row_id"),
    "daytime": ("calendar", ""),
    "roster": ("roster", "row_id"),
    "assignment": ("roster", "roster_id"),
    "attendance": ("attendance", ""),
    "patrolunit": ("patrol", "row_id"),
    "patrolcrew": ("patrol", "unit_id"),
    "patrolloop": ("patrol", "unit_id"),
}


def affected(change: Change) -> tuple[str, int]:
    """The entity a change touches and its record's id (0: not known, or several)."""
    entity, field = _ENTITY_OF_TABLE.get(change.table, (change.table, ""))
    row = getattr(change, field) if field else None
    return entity, int(row or 0)
