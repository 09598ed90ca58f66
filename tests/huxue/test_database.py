"""Opening databases: creation, migration of older schemas with a backup, refusal of newer ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from huxue.database import (
    current_revision,
    head_revision,
    is_empty,
    make_engine,
    open_database,
    resolve_url,
    session_scope,
    upgrade,
)
from huxue.errors import DatabaseError
from huxue.models import Station


def test_new_file_gets_newest_schema_with_foreign_keys_and_wal(tmp_path: Path) -> None:
    engine = open_database(tmp_path / "new.db")
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert {"school", "post", "person", "roster", "auditentry"} <= set(
        inspect(engine).get_table_names()
    )


def test_older_database_is_upgraded_in_place_after_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = make_engine(resolve_url(path))
    upgrade(old, "0001")
    with old.begin() as conn:
        conn.execute(text("INSERT INTO station (code, name) VALUES ('JM', '集美派出所')"))
        conn.execute(
            text(
                "INSERT INTO person (code, name, role, station_id, phone, active, notes) "
                "VALUES ('100001', '张伟', 'police', 1, '', 1, '')"
            )
        )
    assert "history_load" not in {c["name"] for c in inspect(old).get_columns("person")}
    old.dispose()

    engine = open_database(path)
    assert current_revision(engine) == head_revision()
    backups = list(tmp_path.glob("old.db.before-upgrade-0001-*.bak"))
    assert len(backups) == 1
    with engine.connect() as conn:
        assert conn.execute(text("SELECT history_load FROM person")).scalar() == 0
        assert conn.execute(text("SELECT name FROM station")).scalar() == "集美派出所"
    # The backup is the old schema, still readable.
    backup = make_engine(resolve_url(backups[0]))
    assert current_revision(backup) == "0001"


def test_newer_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    engine = open_database(path)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    engine.dispose()
    with pytest.raises(DatabaseError, match="newer Huxue"):
        open_database(path)


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    other = make_engine(resolve_url(path))
    with other.begin() as conn:
        conn.execute(text("CREATE TABLE invoices (id INTEGER PRIMARY KEY)"))
    other.dispose()
    with pytest.raises(DatabaseError, match="not a Huxue database"):
        open_database(path)


def test_session_scope_is_all_or_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RuntimeError), session_scope(engine) as s:
        s.add(Station(code="JM", name="集美派出所"))
        s.flush()
        raise RuntimeError("half-way")
    with Session(engine) as s:
        assert s.exec(select(Station)).first() is None
        assert is_empty(s)


def test_url_resolution(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_url(tmp_path / "a.db") == f"sqlite:///{tmp_path / 'a.db'}"
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("HUXUE_DATABASE_URL", "sqlite:////x/y.db")
    assert resolve_url(None) == "sqlite:////x/y.db"
    assert resolve_url(None, demo=True).endswith("huxue-demo.db")


def test_head_revision_matches_the_migrations() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from huxue.database import MIGRATIONS, known_revisions

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert head_revision() == ScriptDirectory.from_config(cfg).get_current_head()
    assert head_revision() in known_revisions()


def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库 " * 200, encoding="utf-8")
    with pytest.raises(DatabaseError, match="cannot open"):
        open_database(path)


def test_a_district_goes_down_to_the_first_schema_and_back_with_its_rows(tmp_path: Path) -> None:
    """Migrations rebuild SQLite tables that other rows refer to (a station with its schools
    and people): down to 0001 and up again, nothing refused and nothing lost."""
    from alembic import command

    from huxue.database import _alembic_config
    from huxue.demo import build_demo
    from huxue.models import School

    path = tmp_path / "district.db"
    engine = open_database(path)
    with Session(engine) as session:
        build_demo(session, "small", 0)
        session.commit()
        schools = len(session.exec(select(School.id)).all())
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    engine.dispose()
    engine = open_database(path)
    assert current_revision(engine) == head_revision()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.execute(text("SELECT count(*) FROM school")).scalar() == schools > 0
