"""One solve per station and week: a lock held while a solve (or a sick-call repair) runs.

A second Generate, `solve` or `repair` for a station and week that another planner is solving
is refused with who holds the lock and since when (`SolveBusyError`).

- **PostgreSQL**: a session-level advisory lock per (week, station), held on a dedicated
  connection opened for the solve (`pg_try_advisory_lock`, never waiting). The server drops it
  when that connection ends, also when the app is killed or the network goes. Who and since
  when come from the server itself: `pg_locks` joined with `pg_stat_activity` (the holder's
  login role, its `application_name` naming the computer's user, and when the connection
  began — it is opened for the lock and runs nothing after it).
- **SQLite**: a database file is used by the processes of one computer, so the lock is an
  operating-system lock on a small file per (week, station) in a folder beside the database
  (`fcntl.flock` / `msvcrt.locking`). The system releases it when the process ends, however it
  ends, so a killed solve never leaves a stale lock; the file's text names the holder and the
  time. An in-memory database (tests) uses a lock inside the process.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import socket
import sys
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.audit import current_user
from huxue.errors import HuxueError
from huxue.i18n import pick
from huxue.models import Station
from huxue.save_once import ServerAwayError

# The first key of every Huxue advisory lock ("HX" and 1), so that other software on the same
# server using two-key advisory locks does not collide with ours.
LOCK_NAMESPACE = 0x48580001
APPLICATION_PREFIX = "huxue solve"


@dataclass(frozen=True)
class Holder:
    """Who holds a solve lock: a name (login role and computer user) and since when."""

    who: str
    since: dt.datetime | None


class SolveBusyError(HuxueError):
    """A solve for the station and week runs already (`holder` says whose, since when)."""

    def __init__(self, week: dt.date, station: str, holder: Holder) -> None:
        since = holder.since.astimezone().strftime("%H:%M:%S") if holder.since else "?"
        super().__init__(
            pick(
                f"{station} {week.isoformat()} 这一周正在由 {holder.who} 排班"
                f"（自 {since} 起），请等其完成后再试",
                f"the week of {week.isoformat()} for {station} is being solved by "
                f"{holder.who} (since {since}); try again when it is done",
            )
        )
        self.week = week
        self.station = station
        self.holder = holder


def lock_key(week: dt.date, station_id: int | None) -> int:
    """The advisory lock's second key for a week and station (a signed 32-bit number)."""
    value = zlib.crc32(f"{week.isoformat()}/{station_id or 0}".encode())
    return value - (1 << 32) if value >= (1 << 31) else value


def _app_name(who: str) -> str:
    host = socket.gethostname()
    return f"{APPLICATION_PREFIX} {who}@{host}"[:63]


class _Held:
    """What one held key needs to be let go."""

    def release(self) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class _PgHeld(_Held):
    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def release(self) -> None:
        # Closing the connection ends the session, and the server drops its advisory locks.
        with suppress(Exception):
            self.conn.close()


def _pg_conninfo(engine: Engine) -> str:
    url = engine.url.set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def _pg_holder(conn: Any, key: int) -> Holder:
    row = conn.execute(
        "SELECT a.usename, a.application_name, a.backend_start FROM pg_locks l "
        "JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = %s "
        "AND l.objid::bigint = %s AND l.objsubid = 2 AND l.database = "
        "(SELECT oid FROM pg_database WHERE datname = current_database())",
        (LOCK_NAMESPACE, key & 0xFFFFFFFF),
    ).fetchone()
    if row is None:
        return Holder(pick("另一位排班员", "another planner"), None)
    role, app, started = row
    person = str(app).removeprefix(APPLICATION_PREFIX).strip() if app else ""
    who = f"{role} ({person})" if person and person.split("@")[0] != role else str(role)
    return Holder(who, started)


def _pg_acquire(engine: Engine, key: int, who: str) -> _PgHeld | Holder:
    import psycopg

    try:
        conn = psycopg.connect(
            _pg_conninfo(engine),
            autocommit=True,
            application_name=_app_name(who),
            connect_timeout=5,
        )
    except psycopg.OperationalError as exc:
        raise ServerAwayError(
            pick(
                "暂时连不上数据库服务器，排班没有开始，请稍后再试。",
                "The database server cannot be reached: the solve was not started; try again "
                "in a moment.",
            )
        ) from exc
    try:
        got = conn.execute("SELECT pg_try_advisory_lock(%s, %s)", (LOCK_NAMESPACE, key)).fetchone()
        if got is not None and got[0]:
            return _PgHeld(conn)
        holder = _pg_holder(conn, key)
    except BaseException:
        conn.close()
        raise
    conn.close()
    return holder


# ------------------------------------------------------------------------------- SQLite


_memory_locks: dict[tuple[int, int], tuple[threading.Lock, Holder]] = {}
_memory_guard = threading.Lock()


class _MemoryHeld(_Held):
    def __init__(self, slot: tuple[int, int], lock: threading.Lock) -> None:
        self.slot = slot
        self.lock = lock

    def release(self) -> None:
        with _memory_guard:
            _memory_locks.pop(self.slot, None)
        self.lock.release()


def _memory_acquire(engine: Engine, key: int, who: str) -> _MemoryHeld | Holder:
    slot = (id(engine), key)
    with _memory_guard:
        entry = _memory_locks.get(slot)
        if entry is not None:
            return entry[1]
        lock = threading.Lock()
        lock.acquire()
        _memory_locks[slot] = (lock, Holder(who, dt.datetime.now(dt.UTC)))
    return _MemoryHeld(slot, lock)


# The holder's text starts here in a lock file; byte 0 is the locked byte (Windows refuses to
# read a locked range, so the text stays outside it).
_INFO_OFFSET = 16


def lock_folder(database: Path) -> Path:
    """The folder beside a SQLite database that holds its solve lock files."""
    return database.with_name(database.name + ".solve-locks")


def _try_os_lock(handle: IO[bytes]) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class _FileHeld(_Held):
    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle

    def release(self) -> None:
        # Closing the file lets the lock go (the file stays: removing it would race a planner
        # opening it at the same moment).
        with suppress(OSError):
            self.handle.seek(_INFO_OFFSET)
            self.handle.truncate()
            self.handle.flush()
        self.handle.close()


def _file_holder(path: Path) -> Holder:
    try:
        with path.open("rb") as handle:
            handle.seek(_INFO_OFFSET)
            info = json.loads(handle.read().decode("utf-8") or "{}")
    except (OSError, ValueError):
        info = {}
    since = None
    with suppress(TypeError, ValueError):
        since = dt.datetime.fromisoformat(info["since"])
    who = info.get("who") or pick("另一位排班员", "another planner")
    if info.get("pid"):
        who = f"{who} ({pick('进程', 'process')} {info['pid']})"
    return Holder(str(who), since)


def _file_acquire(
    database: Path, week: dt.date, station_id: int | None, who: str
) -> _FileHeld | Holder:
    folder = lock_folder(database)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{week.isoformat()}-{station_id or 0}.lock"
    handle = path.open("a+b")
    if not _try_os_lock(handle):
        handle.close()
        return _file_holder(path)
    info = {
        "who": f"{who}@{socket.gethostname()}",
        "pid": os.getpid(),
        "since": dt.datetime.now(dt.UTC).isoformat(),
    }
    handle.seek(0)
    handle.truncate()
    handle.write(b"\0" * _INFO_OFFSET + json.dumps(info).encode("utf-8"))
    handle.flush()
    return _FileHeld(handle)


# ------------------------------------------------------------------------------- public


class SolveLock:
    """The locks of one solve: one per station in its scope, all or none.

    `acquire()` raises `SolveBusyError` (holding nothing) when any station's week is being
    solved elsewhere; `release()` lets them go (also safe when nothing is held).
    """

    def __init__(
        self,
        engine: Engine,
        week: dt.date,
        station_ids: Iterable[int | None],
        *,
        who: str | None = None,
        station_names: dict[int, str] | None = None,
    ) -> None:
        self.engine = engine
        self.week = week
        self.station_ids = sorted({s or 0 for s in station_ids})
        self.who = who or current_user()
        self.names = station_names or {}
        self._held: list[_Held] = []

    @property
    def held(self) -> bool:
        """True while the locks are held."""
        return bool(self._held)

    def _one(self, station_id: int) -> _Held | Holder:
        key = lock_key(self.week, station_id)
        url = self.engine.url
        if url.drivername.startswith("postgresql"):
            return _pg_acquire(self.engine, key, self.who)
        if url.database in (None, "", ":memory:"):
            return _memory_acquire(self.engine, key, self.who)
        return _file_acquire(Path(url.database or ""), self.week, station_id, self.who)

    def acquire(self) -> SolveLock:
        """Take every station's lock or none; `SolveBusyError` names the first holder."""
        for station_id in self.station_ids:
            got = self._one(station_id)
            if isinstance(got, Holder):
                self.release()
                name = self.names.get(station_id) or (
                    str(station_id) if station_id else pick("全区", "the district")
                )
                raise SolveBusyError(self.week, name, got)
            self._held.append(got)
        return self

    def release(self) -> None:
        """Let every held lock go."""
        held, self._held = self._held, []
        for item in reversed(held):
            item.release()

    def __enter__(self) -> SolveLock:
        return self.acquire()

    def __exit__(self, *_exc: object) -> None:
        self.release()


def station_lock(
    session: Session, week: dt.date, station_ids: Iterable[int | None], who: str | None = None
) -> SolveLock:
    """A `SolveLock` for the stations of `session`'s database, named by their codes."""
    bind = session.get_bind()
    engine = bind if isinstance(bind, Engine) else bind.engine
    names = {sid: code for sid, code in session.exec(select(Station.id, Station.code)) if sid}
    return SolveLock(engine, week, station_ids, who=who, station_names=names)


@contextmanager
def solve_lock(
    engine: Engine,
    week: dt.date,
    station_ids: Iterable[int | None],
    *,
    who: str | None = None,
    station_names: dict[int, str] | None = None,
) -> Iterator[SolveLock]:
    """Hold the solve locks of `station_ids` for the week while the block runs."""
    lock = SolveLock(engine, week, station_ids, who=who, station_names=station_names)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()
