"""Backup of the whole database and a restore that brings it back exactly, all or nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import uuid
from pathlib import Path

import pytest
from sqlmodel import Session, SQLModel, select

from huxue.attendance.record import all_present, duty_lines, record_attendance
from huxue.backup import BACKUP_FORMAT, backup_data, read_backup, restore_file, write_backup
from huxue.cli import main
from huxue.database import open_database
from huxue.errors import DatabaseError, InputError
from huxue.models import AuditEntry, CalendarDay, DayTime, Leave, Person, School, Station
from huxue.patrols import plan_patrols
from huxue.planning import publish
from tests.huxue.test_reports import WEEK, build_week_db


@pytest.fixture(scope="module")
def full_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database with a row in every table: the demo, a published roster, and exceptions."""
    path = tmp_path_factory.mktemp("backup") / "full.db"
    engine = build_week_db(path)
    with Session(engine) as session:
        publish(session, WEEK, who="测试")
        plan_patrols(session, WEEK, time_limit_s=0.05)  # fills the patrol loop table
        school = session.exec(select(School)).first()
        assert school is not None and school.id is not None
        day = CalendarDay(
            date_from=dt.date(2026, 12, 10),
            date_to=dt.date(2026, 12, 10),
            scope="school",
            school_id=school.id,
            kind="special",
            name="期末考试",
        )
        session.add(day)
        session.flush()
        assert day.id is not None
        session.add(
            DayTime(day_id=day.id, kind="dismissal", start=dt.time(11), end=dt.time(11, 30))
        )
        person = session.exec(select(Person)).first()
        assert person is not None and person.id is not None
        person.notes = 'quote " and\nnewline, 逗号，'
        person.lat = 24.123456789012345
        session.add(person)
        session.add(Leave(person_id=person.id, date_from=WEEK, date_to=WEEK, reason="病假"))
        lines = duty_lines(session, WEEK, WEEK)
        record_attendance(session, WEEK, lines[0].duty.station_id, all_present(lines[:1]))
        session.commit()
    engine.dispose()
    return path


def test_every_table_is_in_the_backup(full_db: Path, tmp_path: Path) -> None:
    engine = open_database(full_db)
    write_backup(engine, tmp_path / "b.json")
    data = read_backup(tmp_path / "b.json")
    assert data["format"] == BACKUP_FORMAT
    assert set(data["tables"]) == set(SQLModel.metadata.tables)
    empty = [name for name, table in data["tables"].items() if not table["rows"]]
    assert empty == [], f"the fixture should fill every table: {empty}"
    engine.dispose()


def test_backup_restore_backup_is_identical(full_db: Path, tmp_path: Path) -> None:
    source = open_database(full_db)
    first = tmp_path / "first.json"
    counts = write_backup(source, first)
    target = open_database(tmp_path / "restored.db")
    restored = restore_file(target, first)
    assert restored == counts
    second = tmp_path / "second.json"
    write_backup(target, second)
    assert first.read_bytes() == second.read_bytes()
    # The restored rows are the same objects, not just the same text.
    with Session(source) as a, Session(target) as b:
        for model in (Person, AuditEntry, DayTime):
            assert [r.model_dump() for r in a.exec(select(model))] == [
                r.model_dump() for r in b.exec(select(model))
            ]
    source.dispose()
    target.dispose()


def test_restore_refuses_a_database_with_data_unless_forced(full_db: Path, tmp_path: Path) -> None:
    engine = open_database(full_db)
    backup = tmp_path / "b.json"
    write_backup(engine, backup)
    with pytest.raises(DatabaseError, match="--force"):
        restore_file(engine, backup)
    # Forced: the content is replaced (here by itself), ids and all.
    restore_file(engine, backup, force=True)
    write_backup(engine, tmp_path / "again.json")
    assert backup.read_bytes() == (tmp_path / "again.json").read_bytes()
    engine.dispose()


def test_a_failing_restore_changes_nothing(full_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    shutil.copy(full_db, copy)
    engine = open_database(copy)
    backup = tmp_path / "b.json"
    write_backup(engine, backup)
    data = json.loads(backup.read_text(encoding="utf-8"))
    rows = data["tables"]["assignment"]["rows"]
    rows.append(list(rows[0]))  # a duplicate primary key fails only while inserting
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="assignment"):
        restore_file(engine, broken, force=True)
    write_backup(engine, tmp_path / "after.json")
    assert backup.read_bytes() == (tmp_path / "after.json").read_bytes()
    # The same into an empty database leaves it empty.
    empty = open_database(tmp_path / "empty.db")
    with pytest.raises(InputError, match="assignment"):
        restore_file(empty, broken)
    with empty.connect() as conn:
        tables = backup_data(conn)["tables"]
        assert tables and all(not t["rows"] for t in tables.values())
    engine.dispose()
    empty.dispose()


def test_files_that_are_not_backups(tmp_path: Path) -> None:
    engine = open_database("sqlite://")
    (tmp_path / "x.json").write_text('{"format": "other"}', encoding="utf-8")
    (tmp_path / "y.json").write_text("not json", encoding="utf-8")
    for name in ("x.json", "y.json", "missing.json"):
        with pytest.raises(InputError):
            restore_file(engine, tmp_path / name)
    bad = {
        "format": BACKUP_FORMAT,
        "schema": None,
        "tables": {"station": {"columns": ["nope"], "rows": []}},
    }
    (tmp_path / "z.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(InputError, match="unknown columns"):
        restore_file(engine, tmp_path / "z.json")
    bad = {"format": BACKUP_FORMAT, "schema": "9999", "tables": {}}
    (tmp_path / "w.json").write_text(json.dumps(bad), encoding="utf-8")
    with pytest.raises(InputError, match="schema"):
        restore_file(engine, tmp_path / "w.json")


def test_backup_and_restore_commands(
    full_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "cli.json"
    assert main(["backup", "--db", str(full_db), "-o", str(out)]) == 0
    assert "rows" in capsys.readouterr().out
    target = tmp_path / "cli.db"
    assert main(["restore", "--db", str(target), str(out)]) == 0
    assert main(["restore", "--db", str(target), str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["restore", "--db", str(target), str(out), "--force"]) == 0
    again = tmp_path / "again.json"
    assert main(["backup", "--db", str(target), "-o", str(again)]) == 0
    assert out.read_bytes() == again.read_bytes()


PG_URL = os.environ.get("HUXUE_TEST_POSTGRES_URL")


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="HUXUE_TEST_POSTGRES_URL is not set")
def test_a_sqlite_backup_restores_identically_on_postgresql(full_db: Path, tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert PG_URL is not None
    name = f"huxue_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        pg = open_database(make_url(PG_URL).set(database=name).render_as_string(False))
        first = tmp_path / "sqlite.json"
        write_backup(open_database(full_db), first)
        restore_file(pg, first)
        second = tmp_path / "pg.json"
        write_backup(pg, second)
        assert first.read_bytes() == second.read_bytes()
        # Serial ids continue after the restored rows.
        with Session(pg) as session:
            station = Station(code="NEW", name="新站")
            session.add(station)
            session.commit()
            stored = read_backup(first)["tables"]["station"]["rows"]
            assert station.id == max(row[0] for row in stored) + 1
        pg.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
