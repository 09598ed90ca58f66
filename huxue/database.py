"""Engines, sessions and schema migrations.

SQLite (a file in the user's data folder) is the default; a URL (``postgresql+psycopg://…``)
selects a shared server database. Opening a database brings its schema to the newest migration,
after writing a backup copy of an older SQLite file beside it; a database made by a newer Huxue
is refused.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from platformdirs import user_data_dir
from sqlalchemy import event, inspect, text, update
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError, ProgrammingError
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.pool import StaticPool
from sqlmodel import Session, col, create_engine, select

from huxue.errors import DatabaseError
from huxue.models import District

if TYPE_CHECKING:
    from alembic.config import Config

ENV_URL = "HUXUE_DATABASE_URL"
MIGRATIONS = Path(__file__).with_name("migrations")
APP_NAME = "huxue"
# The newest migration. Kept here so that opening an up-to-date database needs no alembic
# import (a few hundred ms at every start); a test checks it against the migrations folder.
HEAD_REVISION = "0009"
SQLITE_BUSY_MS = 30_000  # how long a write waits for another process's transaction


def data_dir() -> Path:
    """The user's data folder for Huxue (created when missing)."""
    path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_path() -> Path:
    """The user's own database file."""
    return data_dir() / "huxue.db"


def demo_db_path() -> Path:
    """The Jimei demo database, beside (never inside) the user's database."""
    return data_dir() / "huxue-demo.db"


def resolve_url(db: str | os.PathLike[str] | None = None, *, demo: bool = False) -> str:
    """A SQLAlchemy URL from a path or URL, `HUXUE_DATABASE_URL`, or the default file."""
    if db is None:
        db = demo_db_path() if demo else (os.environ.get(ENV_URL) or default_db_path())
    text = str(db)
    if "://" in text:
        if text.startswith("postgresql://"):
            text = "postgresql+psycopg://" + text.removeprefix("postgresql://")
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def describe_url(url: str) -> str:
    """The URL for display: a file path, or the URL without its password."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        return parsed.database or ":memory:"
    return parsed.render_as_string(hide_password=True)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    # A solve stores a few thousand duties in one transaction, which on a busy desktop can hold
    # the write lock for seconds: another window's save waits for it rather than failing.
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine for `url` with SQLite's foreign keys on and WAL for files (no migration)."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database path or URL: {url}") from exc
    if not parsed.drivername.startswith(("sqlite", "postgresql")):
        raise DatabaseError(f"unsupported database {parsed.drivername}:// (SQLite or PostgreSQL)")
    if parsed.drivername.startswith("sqlite"):
        memory = parsed.database in (None, "", ":memory:")
        if memory:
            engine = create_engine(
                url, connect_args={"check_same_thread": False}, poolclass=StaticPool
            )
        else:
            Path(parsed.database or "").parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        if not memory:
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA journal_mode=WAL")
        return engine
    from huxue.live import application_name

    # Named connections: a window tells its own change notifications from other planners'.
    # A short connect timeout and keepalives: a server gone away is noticed in seconds.
    args = {
        "application_name": application_name(),
        "connect_timeout": 5,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 3,
        "keepalives_count": 3,
    }
    return create_engine(url, pool_pre_ping=True, connect_args=args)


def _alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def known_revisions() -> set[str]:
    """Every schema revision this version of Huxue has a migration for."""
    from alembic.script import ScriptDirectory

    return {rev.revision for rev in ScriptDirectory.from_config(_alembic_config()).walk_revisions()}


def head_revision() -> str:
    """The newest schema revision this version of Huxue knows."""
    return HEAD_REVISION


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database (None for an empty database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        try:
            value = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, ProgrammingError):
            return None
    return str(value) if value is not None else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run the migrations up to `revision` in one transaction."""
    from alembic import command

    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    if engine.dialect.name == "sqlite":
        # The migration turned foreign keys off on its connection: on again (an in-memory
        # database has that one connection), or fresh connections for a file.
        if isinstance(engine.pool, StaticPool):
            with engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
        else:
            engine.dispose()


def _backup_before_upgrade(engine: Engine, revision: str) -> Path | None:
    parsed = engine.url
    if not parsed.drivername.startswith("sqlite") or parsed.database in (None, "", ":memory:"):
        return None
    source = Path(parsed.database or "")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = source.with_name(f"{source.name}.before-upgrade-{revision}-{stamp}.bak")
    with engine.connect() as conn:  # fold the WAL into the file before copying it
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy2(source, target)
    return target


def open_database(db: str | os.PathLike[str] | None = None, *, demo: bool = False) -> Engine:
    """Open (creating or upgrading as needed) a Huxue database and return its engine.

    Raises `DatabaseError` when the server cannot be reached, the file is not a database, or
    its schema is newer than this version of Huxue knows.
    """
    url = resolve_url(db, demo=demo)
    try:
        engine = make_engine(url)
        current = current_revision(engine)
        if current is None and inspect(engine).get_table_names():
            names = set(inspect(engine).get_table_names())
            if "school" not in names:
                raise DatabaseError(f"{describe_url(url)} is not a Huxue database")
    except SQLAlchemyDatabaseError as exc:  # unreachable server, not a database file …
        raise DatabaseError(f"cannot open {describe_url(url)}: {exc.orig}") from exc
    head = head_revision()
    if current == head:
        return engine
    if current is not None and current not in known_revisions():
        raise DatabaseError(
            f"{describe_url(url)} was made by a newer Huxue (schema {current}); "
            "install the newer version to open it"
        )
    if engine.dialect.name == "postgresql":
        return _upgrade_server(engine)
    if current is not None:
        _backup_before_upgrade(engine, current)
    upgrade(engine)
    return engine


def _upgrade_server(engine: Engine) -> Engine:
    """Upgrade a server database if this login may (else say who can), keeping it secured."""
    from huxue import accounts

    with engine.connect() as conn:
        refused = accounts.upgrade_refused(conn)
        secured = accounts.accounts_installed(conn)
    if refused:
        raise DatabaseError(refused)
    upgrade(engine)
    if secured:  # new tables go to the owner role with the planners' grants and row rules
        with engine.begin() as conn:
            accounts.secure(conn)
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits on success and rolls back everything on any error."""
    with Session(engine, expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def is_empty(session: Session) -> bool:
    """True when the database holds no district data yet (stations, schools, people, terms)."""
    from huxue.models import Person, School, Station, Term

    return all(
        session.exec(select(table).limit(1)).first() is None
        for table in (Station, School, Person, Term)
    )


def district(session: Session) -> District:
    """The district settings row (created on first use)."""
    return _district_row(session, select(District).limit(1))


def district_for_update(session: Session) -> District:
    """The district settings row as stored now, locked until the caller's transaction ends:
    a change of one rule reads the whole `rules_json` and writes it back, and a second
    planner's change made in between must be read, not overwritten.

    PostgreSQL locks the row (SELECT … FOR UPDATE: a second writer waits, then reads the
    first one's rules). SQLite has no row locks; a write takes the database's write lock,
    so a no-op UPDATE first makes the read happen inside the write transaction."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(update(District).values(rules_json=District.rules_json))
        query = select(District).order_by(col(District.id)).limit(1)
    else:
        query = select(District).order_by(col(District.id)).limit(1).with_for_update()
    # populate_existing: a row this session read before is replaced by the stored one.
    return _district_row(session, query.execution_options(populate_existing=True))


def _district_row(session: Session, query: Any) -> District:
    """The row `query` finds, or a new one when the district has none yet."""
    row: District | None = session.exec(query).first()
    if row is None:
        row = District(name="")
        session.add(row)
        session.flush()
    return row
