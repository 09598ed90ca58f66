"""Two planners edit the same record: the second save is refused with a conflict that names the
record, who changed it last and when, and both sides' values — never a silent overwrite."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, select

from huxue import editing
from huxue.audit import current_user
from huxue.database import session_scope
from huxue.errors import ConflictError
from huxue.models import AuditEntry, Person, School
from tests.huxue.factories import seed_small
from tests.huxue.shared_db import BACKENDS, shared_database


@pytest.fixture(params=BACKENDS)
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with shared_database(request.param, tmp_path) as engine:
        with Session(engine) as session:
            seed_small(session)
        yield engine


def _person_id(engine: Engine, code: str) -> int:
    with Session(engine) as session:
        person = session.exec(select(Person).where(Person.code == code)).one()
        assert person.id is not None
        return person.id


def _school_id(engine: Engine, code: str) -> int:
    with Session(engine) as session:
        school = session.exec(select(School).where(School.code == code)).one()
        assert school.id is not None
        return school.id


def run(engine: Engine, fn: Callable[..., Any], *args: Any) -> Any:
    with session_scope(engine) as session:
        return fn(session, *args)


def test_two_planners_edit_the_same_person(shared: Engine) -> None:
    pid = _person_id(shared, "100001")
    mine = run(shared, editing.load_person, pid)
    theirs = run(shared, editing.load_person, pid)
    run(shared, editing.save_person, replace(theirs, phone="13800000000", max_per_day=3))
    with pytest.raises(ConflictError) as err:
        run(shared, editing.save_person, replace(mine, name="张伟伟", max_per_day=1))
    conflict = err.value
    assert conflict.label == "person 100001"
    # Who changed it: the server's own login name on PostgreSQL, the desk's login on SQLite.
    if shared.dialect.name == "postgresql":
        with shared.connect() as conn:
            assert conflict.who == conn.exec_driver_sql("SELECT current_user").scalar()
    else:
        assert conflict.who == current_user()
    assert conflict.when is not None
    assert conflict.mine["name"] == "张伟伟" and conflict.theirs["name"] == "张伟"
    assert set(conflict.differing()) == {"name", "phone", "max_per_day"}
    stored = run(shared, editing.load_person, pid)
    assert (stored.name, stored.phone, stored.max_per_day) == ("张伟", "13800000000", 3)
    # Saving again on the stored version (the dialog's "keep mine") goes through.
    run(
        shared,
        editing.save_person,
        replace(mine, name="张伟伟", row_version=conflict.theirs_version),
    )
    assert run(shared, editing.load_person, pid).name == "张伟伟"


def test_a_change_of_parts_only_still_bumps_the_version(shared: Engine) -> None:
    """Leave and availability live in their own rows: editing only them is a change of the
    person all the same, so a stale save of the person is refused."""
    pid = _person_id(shared, "A20001")
    mine = run(shared, editing.load_person, pid)
    theirs = run(shared, editing.load_person, pid)
    leave = editing.LeaveData(dt.date(2026, 12, 8), dt.date(2026, 12, 9), "病假")
    run(shared, editing.save_person, replace(theirs, leaves=(leave,)))
    with pytest.raises(ConflictError):
        run(shared, editing.save_person, replace(mine, notes="x"))
    assert run(shared, editing.load_person, pid).leaves == (leave,)


def test_two_planners_edit_the_same_school(shared: Engine) -> None:
    sid = _school_id(shared, "JM-P001")
    mine = run(shared, editing.load_school, sid)
    theirs = run(shared, editing.load_school, sid)
    north = replace(theirs.posts[0], risk=1)
    run(shared, editing.save_school, replace(theirs, posts=(north, *theirs.posts[1:])))
    with pytest.raises(ConflictError) as err:
        run(shared, editing.save_school, replace(mine, enrolment=999))
    assert err.value.label == "school JM-P001"
    assert set(err.value.differing()) == {"enrolment", "posts"}
    assert run(shared, editing.load_school, sid).posts[0].risk == 1


def test_a_save_racing_another_at_flush_is_a_conflict(shared: Engine) -> None:
    """The version check is in the UPDATE itself: a row read before another planner's commit
    and written after it is refused, not overwritten."""
    pid = _person_id(shared, "V30001")
    with session_scope(shared) as slow:
        snapshot = editing.load_person(slow, pid)
        held = slow.get(Person, pid)  # the slow planner's session holds the row as it read it
        run(shared, editing.save_person, replace(snapshot, phone="13900000000"))
        with pytest.raises(ConflictError) as err:
            editing.save_person(slow, replace(snapshot, notes="late"))
        assert err.value.theirs["phone"] == "13900000000"
        assert isinstance(err.value.__cause__, StaleDataError)
        assert held is not None
    assert run(shared, editing.load_person, pid).phone == "13900000000"


def test_deleting_a_record_someone_changed_is_refused(shared: Engine) -> None:
    pid = _person_id(shared, "V30001")
    mine = run(shared, editing.load_person, pid)
    run(shared, editing.save_person, replace(mine, notes="changed"))
    with pytest.raises(ConflictError):
        run(shared, editing.delete_person, pid, mine.row_version)
    assert run(shared, editing.load_person, pid).notes == "changed"


def test_saving_a_record_someone_removed_is_refused(shared: Engine) -> None:
    pid = _person_id(shared, "V30001")
    mine = run(shared, editing.load_person, pid)
    run(shared, editing.delete_person, pid, mine.row_version)
    with pytest.raises(ConflictError) as err:
        run(shared, editing.save_person, replace(mine, notes="x"))
    assert err.value.gone


def test_every_save_and_delete_leaves_an_audit_entry(shared: Engine) -> None:
    sid = _school_id(shared, "JM-K001")
    school = run(shared, editing.load_school, sid)
    run(shared, editing.save_school, replace(school, notes="新的备注"))
    run(shared, editing.delete_school, sid, run(shared, editing.load_school, sid).row_version)
    with Session(shared) as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.entity == "school JM-K001")
        ).all()
    assert [e.action for e in entries] == ["update", "delete"]
    assert "新的备注" in entries[0].after_json and entries[1].after_json == "null"


PEOPLE_CSV = "编号,姓名,身份,派出所,电话\n100001,张伟,民警,JM,13700000000\n"


def test_an_editor_save_after_an_import_changed_the_record_is_a_conflict(
    shared: Engine, tmp_path: Path
) -> None:
    from huxue.imports import import_file

    pid = _person_id(shared, "100001")
    mine = run(shared, editing.load_person, pid)
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE_CSV, encoding="utf-8")
    with session_scope(shared) as session:
        assert import_file(session, "people", path).ok
    with pytest.raises(ConflictError):
        run(shared, editing.save_person, replace(mine, phone="13900000009"))
    assert run(shared, editing.load_person, pid).phone == "13700000000"


def test_an_import_racing_an_editor_is_refused_as_a_whole(shared: Engine, tmp_path: Path) -> None:
    from huxue.imports import import_file

    pid = _person_id(shared, "100001")
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE_CSV + "P777,新人,辅警,JM,13600000000\n", encoding="utf-8")
    with session_scope(shared) as importing:
        held = importing.exec(select(Person)).all()  # the import's session read the rows …
        snapshot = run(shared, editing.load_person, pid)
        run(shared, editing.save_person, replace(snapshot, notes="edited meanwhile"))
        with pytest.raises(ConflictError) as err:  # … and writes after the editor's save
            import_file(importing, "people", path)
        assert err.value.label == "person 100001" and held
    assert run(shared, editing.load_person, pid).notes == "edited meanwhile"
    with Session(shared) as session:  # nothing of the file was imported
        assert session.exec(select(Person).where(Person.code == "P777")).first() is None


def test_the_record_is_named_in_the_planners_language() -> None:
    from huxue.i18n import set_language

    conflict = ConflictError("calendar day 2026-10-01..2026-10-07", who="planner2")
    set_language("zh_CN")
    try:
        assert conflict.record_name() == "日历 2026-10-01..2026-10-07"
        assert str(ConflictError("school JM-P001")).startswith("冲突：学校 JM-P001 ")
    finally:
        set_language("en")
    assert conflict.record_name() == "calendar day 2026-10-01..2026-10-07"
    assert conflict.label == "calendar day 2026-10-01..2026-10-07"  # as the audit trail has it
