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
from huxue.backup import (
    BACKUP_FORMAT,
    TRANSIENT_TABLES,
    backup_data,
    read_backup,
    restore_file,
    write_backup,
)
from huxue.cli import main
from huxue.database import open_database
from huxue.errors import DatabaseError, InputError
from huxue.models import (
    AuditEntry,
    CalendarDay,
    DayTime,
    Leave,
    Person,
    Planner,
    School,
    Station,
)
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
        session.add(Planner(name="jm_planner", station_code="JM"))  # a server's accounts
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
    assert set(data["tables"]) == set(SQLModel.metadata.tables) - TRANSIENT_TABLES
    empty = [name for name, table in data["tables"].items() if not table["rows"]]
    assert empty == [], f"the fixture should fill every table: {empty}"
    engine.dispose()


def test_backup_restore_backup_is_identical(full_db: Path, tmp_path: Path) -> None:
    source = open_database(full_db)
    first = tmp_path / "first.json"
    counts = write_backup(source, first)
    target = open_database(tmp_path / "restored.db")
    restored = restore_file(target, first)
    assert restored.counts == counts
    assert restored.safety_copy is None  # nothing was there to save
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
    # Forced: the content is replaced (here by itself), ids and all, after it was saved beside
    # the database; one audit entry more tells of the replacement and where the data went.
    outcome = restore_file(engine, backup, force=True)
    assert outcome.safety_copy is not None and outcome.safety_copy.parent == full_db.parent
    assert outcome.safety_copy.read_bytes() == backup.read_bytes()
    write_backup(engine, tmp_path / "again.json")
    before, after = read_backup(backup)["tables"], read_backup(tmp_path / "again.json")["tables"]
    assert {k: v for k, v in before.items() if k != "auditentry"} == {
        k: v for k, v in after.items() if k != "auditentry"
    }
    audit = after["auditentry"]["rows"]
    assert audit[:-1] == before["auditentry"]["rows"]
    last = dict(zip(after["auditentry"]["columns"], audit[-1], strict=True))
    assert last["action"] == "restore"
    assert str(outcome.safety_copy) in last["before_json"]
    outcome.safety_copy.unlink()
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
    with engine.connect() as conn:
        bad = backup_data(conn)
    bad["tables"]["station"]["columns"].append("nope")
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
    assert main(["restore", "--db", str(target), str(out)]) == 0  # into a new, empty file
    assert main(["restore", "--db", str(target), str(out)]) == 2
    assert "--force" in capsys.readouterr().err
    again = tmp_path / "again.json"
    assert main(["backup", "--db", str(target), "-o", str(again)]) == 0
    assert out.read_bytes() == again.read_bytes()
    assert main(["backup", "--db", str(target), "-o", str(again)]) == 2  # exists: no --force
    assert main(["restore", "--db", str(target), str(out), "--force"]) == 0
    said = capsys.readouterr().out
    assert "saved to" in said and "before-restore" in said


PG_URL = os.environ.get("HUXUE_TEST_POSTGRES_URL")


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="HUXUE_TEST_POSTGRES_URL is not set")
def test_a_sqlite_backup_restores_identically_on_postgresql(full_db: Path, tmp_path: Path) -> None:
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert PG_URL is not None
    name = f"{make_url(PG_URL).database}_{uuid.uuid4().hex[:10]}"
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
            at = read_backup(first)["tables"]["station"]["columns"].index("id")
            assert station.id == max(row[at] for row in stored) + 1
        pg.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def _edited(path: Path, target: Path, table: str, column: str, value: object, row: int = 0) -> Path:
    """A copy of the backup at `path` with one value changed."""
    data = read_backup(path)
    columns = data["tables"][table]["columns"]
    data["tables"][table]["rows"][row][columns.index(column)] = value
    target.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("table", "column", "value", "words"),
    [
        ("person", "role", "chief", "role"),
        ("post", "risk", 99, "risk"),
        ("person", "max_per_day", "lots", "max_per_day"),
        ("person", "max_per_day", -5, "max_per_day"),
        ("school", "enrolment", 2**70, "enrolment"),
        ("roster", "status", "final", "status"),
        ("person", "name", "名" * 500, "name"),
    ],
)
def test_a_restore_validates_every_record(
    full_db: Path, tmp_path: Path, table: str, column: str, value: object, words: str
) -> None:
    source = open_database(full_db)
    good = tmp_path / "good.json"
    write_backup(source, good)
    source.dispose()
    bad = _edited(good, tmp_path / "bad.json", table, column, value)
    target = open_database(tmp_path / "target.db")
    with pytest.raises(InputError, match=rf"backup table {table}.*{words}"):
        restore_file(target, bad)
    with target.connect() as conn:
        assert all(not t["rows"] for t in backup_data(conn)["tables"].values())
    target.dispose()


def test_an_incomplete_backup_or_one_without_schema_is_refused(
    full_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = open_database(full_db)
    good = tmp_path / "good.json"
    write_backup(source, good)
    source.dispose()
    data = read_backup(good)
    for name in ("roster", "assignment", "auditentry"):
        partial = json.loads(json.dumps(data))
        del partial["tables"][name]
        path = tmp_path / f"without-{name}.json"
        path.write_text(json.dumps(partial, ensure_ascii=False), encoding="utf-8")
        assert main(["restore", "--db", str(tmp_path / "t.db"), str(path)]) == 2
        err = capsys.readouterr().err
        assert "incomplete" in err and name in err and len(err.strip().splitlines()) == 1
    no_schema = json.loads(json.dumps(data))
    del no_schema["schema"]
    path = tmp_path / "no-schema.json"
    path.write_text(json.dumps(no_schema, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="schema"):
        read_backup(path)


def test_demo_force_saves_the_data_and_leaves_an_audit_entry(
    full_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    shutil.copy(full_db, db)
    with Session(open_database(db)) as session:
        published = len(session.exec(select(AuditEntry)).all())
    assert published > 0
    assert main(["demo", "--size", "small", "--db", str(db), "--force"]) == 0
    said = capsys.readouterr().out
    saved = [p for p in tmp_path.iterdir() if "before-demo" in p.name]
    assert len(saved) == 1 and str(saved[0]) in said
    # The saved file holds the published roster and the audit trail the demo replaced.
    assert len(read_backup(saved[0])["tables"]["auditentry"]["rows"]) == published
    with Session(open_database(db)) as session:
        entries = session.exec(select(AuditEntry)).all()
    assert [e.action for e in entries] == ["demo"]
    assert str(saved[0]) in entries[0].before_json
