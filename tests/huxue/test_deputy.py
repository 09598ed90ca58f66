"""The deputy responsible officer (代理责任民警): the rules on who may deputise, the import
column, backup and restore, the upgrade of an older database, the demo, and what a school's
sheet says while the responsible officer is on leave."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from huxue import editing
from huxue.backup import backup_data, restore_data
from huxue.database import make_engine, open_database, resolve_url, upgrade
from huxue.demo import build_demo
from huxue.editing.reasons import reason
from huxue.errors import FieldError
from huxue.i18n import set_language
from huxue.imports import import_file
from huxue.imports.templates import write_template
from huxue.models import Leave, Person, School, Station
from huxue.planning import PlanScope, store_roster_document, week_context
from huxue.reports import SheetOptions, load_week
from huxue.reports.sheets import school_section
from tests.huxue.factories import seed_small

WEEK = dt.date(2026, 12, 7)


def _police(session: Session, station: str = "JM") -> dict[str, int]:
    """Two police officers and an auxiliary of `station`."""
    station_id = session.exec(select(Station.id).where(Station.code == station)).one()
    people = [
        Person(
            code="051001", name="张伟", role="police", station_id=station_id, phone="13800000001"
        ),
        Person(
            code="051002", name="李娜", role="police", station_id=station_id, phone="13800000002"
        ),
        Person(code="F1", name="王强", role="auxiliary", station_id=station_id),
    ]
    session.add_all(people)
    session.flush()
    return {p.code: p.id for p in people if p.id is not None}


def _school(session: Session) -> editing.SchoolData:
    school_id = session.exec(select(School.id).where(School.code == "JM-P001")).one()
    assert school_id is not None
    return editing.load_school(session, school_id)


def test_the_deputy_is_another_police_officer(session: Session) -> None:
    from dataclasses import replace

    seed_small(session)
    ids = _police(session)
    session.commit()
    data = replace(_school(session), responsible_person_id=ids["051001"])

    def refused(deputy: int) -> FieldError:
        # Each save in its own transaction, as the window and the imports do: a refused one
        # leaves nothing behind (not even the row's version).
        with pytest.raises(FieldError) as caught, session.begin_nested():
            editing.save_school(session, replace(data, deputy_person_id=deputy))
        return caught.value

    error = refused(ids["F1"])
    assert (error.field, error.rule) == ("deputy_person", "not_police")
    error = refused(ids["051001"])
    assert error.rule == "same_as_responsible"
    set_language("zh_CN")
    assert reason(error) == "不能与责任民警是同一人"
    set_language("en")
    assert refused(99999).rule == "unknown"

    school_id = editing.save_school(session, replace(data, deputy_person_id=ids["051002"]))
    session.commit()
    assert editing.load_school(session, school_id).deputy_person_id == ids["051002"]
    # Removing the deputy from the records leaves the school without one.
    session.delete(session.get(Person, ids["051002"]))
    session.commit()
    session.expire_all()
    assert editing.load_school(session, school_id).deputy_person_id is None


def test_the_import_column_names_the_deputy_by_police_code(
    session: Session, tmp_path: Path
) -> None:
    seed_small(session)
    ids = _police(session)
    session.commit()
    head = "学校代码,学校名称,学校类型,派出所,责任民警,代理责任民警\n"
    bad = tmp_path / "bad.csv"
    bad.write_text(
        head
        + "JM-P001,集美第一小学,小学,JM,051001,F1\n"
        + "JM-K001,集美第一幼儿园,幼儿园,JM,051001,051001\n"
        + "XL-P001,杏林小学,小学,XL,,NOPE\n",
        encoding="utf-8",
    )
    report = import_file(session, "schools", bad)
    assert not report.ok
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(2, "代理责任民警"), (3, "代理责任民警"), (4, "代理责任民警")}
    assert "police officer" in str(report.errors[0])
    assert session.exec(select(School.deputy_person_id)).all() == [None, None, None]

    good = tmp_path / "good.csv"
    good.write_text(head + "JM-P001,集美第一小学,小学,JM,051001,051002\n", encoding="utf-8")
    assert import_file(session, "schools", good).ok
    assert _school(session).deputy_person_id == ids["051002"]
    # A file without the column keeps the deputy; one naming the deputy as responsible is
    # checked against the deputy already stored.
    clash = tmp_path / "clash.csv"
    clash.write_text(
        "学校代码,学校名称,学校类型,派出所,责任民警\nJM-P001,集美第一小学,小学,JM,051002\n",
        encoding="utf-8",
    )
    report = import_file(session, "schools", clash)
    assert not report.ok and report.errors[0].column == "责任民警"

    template = tmp_path / "schools.xlsx"
    write_template("schools", template)
    from openpyxl import load_workbook

    assert "代理责任民警" in [c.value for c in load_workbook(template)["schools"][1]]


def test_backup_and_restore_keep_the_deputy(engine: sa.Engine, tmp_path: Path) -> None:
    from dataclasses import replace

    with Session(engine) as session:
        seed_small(session)
        ids = _police(session)
        editing.save_school(
            session,
            replace(
                _school(session),
                responsible_person_id=ids["051001"],
                deputy_person_id=ids["051002"],
            ),
        )
        session.commit()
        data = backup_data(session)
    assert "deputy_person_id" in data["tables"]["school"]["columns"]
    other = open_database("sqlite://")
    restore_data(other, data)
    with Session(other) as session:
        school = session.exec(select(School).where(School.code == "JM-P001")).one()
        assert school.deputy_person_id == ids["051002"]
    # A restore checks the deputy by the editors' rule.
    column = data["tables"]["school"]["columns"].index("deputy_person_id")
    responsible = data["tables"]["school"]["columns"].index("responsible_person_id")
    for row in data["tables"]["school"]["rows"]:
        row[column] = row[responsible]
    empty = open_database("sqlite://")
    with pytest.raises(Exception, match="responsible officer"):
        restore_data(empty, data)


def test_an_older_database_gets_the_column_and_keeps_its_schools(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(resolve_url(path))
    upgrade(engine, "0004")
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO station (id, code, name) VALUES (1, 'JM', '集美')"))
        conn.execute(
            sa.text(
                "INSERT INTO school (id, code, name, kind, station_id, address, enrolment, notes,"
                " active) VALUES (1, 'S1', '小学', 'primary', 1, '', 0, '', 1)"
            )
        )
    engine.dispose()
    engine = open_database(path)
    with Session(engine) as session:
        school = session.exec(select(School)).one()
        assert school.code == "S1" and school.deputy_person_id is None
    engine.dispose()


def test_the_demo_district_has_deputies(session: Session) -> None:
    build_demo(session, "small", 0)
    session.commit()
    schools = session.exec(select(School)).all()
    assert schools and all(s.deputy_person_id is not None for s in schools)
    for school in schools:
        assert school.deputy_person_id is not None
        deputy = session.get(Person, school.deputy_person_id)
        assert deputy is not None and deputy.role == "police"
        assert deputy.id != school.responsible_person_id
        assert deputy.station_id == school.station_id


def _texts(story: list[object]) -> str:
    parts: list[str] = []
    for flowable in story:
        text = getattr(flowable, "text", None)
        if isinstance(text, str):
            parts.append(text)
        for row in getattr(flowable, "_cellvalues", []):
            for cell in row:
                parts.append(getattr(cell, "text", None) or str(cell))
    return "\n".join(parts)


def _school_with_roster(session: Session) -> tuple[int, int, int]:
    """The seeded school JM-P001 with a responsible officer, a deputy and an empty roster."""
    from dataclasses import replace

    seed_small(session)
    ids = _police(session)
    school_id = editing.save_school(
        session,
        replace(
            _school(session), responsible_person_id=ids["051001"], deputy_person_id=ids["051002"]
        ),
    )
    session.commit()
    ctx = week_context(session, PlanScope(WEEK))
    store_roster_document(
        session, ctx, {"format": "huxue-roster/1", "assignments": [], "shortages": []}
    )
    session.commit()
    return school_id, ids["051001"], ids["051002"]


def test_the_sheet_names_the_deputy_while_the_responsible_officer_is_on_leave(
    session: Session,
) -> None:
    school_id, responsible, deputy = _school_with_roster(session)
    opts = SheetOptions(printed="2026-12-05")

    data = load_week(session, WEEK)
    contact = data.contact(school_id)
    assert contact.away == () and not contact.deputy_stands_in and not contact.nobody
    text = _texts(school_section(data, school_id, opts)[1])
    assert "张伟" in text and "代理责任民警" not in text

    session.add(
        Leave(
            person_id=responsible,
            date_from=WEEK + dt.timedelta(days=1),
            date_to=WEEK + dt.timedelta(days=2),
        )
    )
    session.commit()
    data = load_week(session, WEEK)
    contact = data.contact(school_id)
    assert contact.away == (WEEK + dt.timedelta(days=1), WEEK + dt.timedelta(days=2))
    assert contact.deputy_stands_in and not contact.nobody
    text = _texts(school_section(data, school_id, opts)[1])
    assert "12月8日—12月9日 休假" in text
    assert "代理责任民警" in text and "李娜" in text and "13800000002" in text
    assert "期间请联系代理责任民警李娜" in text
    assert "注意" not in text
    assert data.officer_on(school_id, WEEK).id == responsible  # type: ignore[union-attr]
    assert data.officer_on(school_id, WEEK + dt.timedelta(days=1)).id == deputy  # type: ignore[union-attr]

    # The deputy on leave the same Tuesday: nobody answers that day, and the sheet says so.
    session.add(
        Leave(
            person_id=deputy,
            date_from=WEEK + dt.timedelta(days=1),
            date_to=WEEK + dt.timedelta(days=1),
        )
    )
    session.commit()
    data = load_week(session, WEEK)
    contact = data.contact(school_id)
    assert contact.uncovered == (WEEK + dt.timedelta(days=1),) and contact.nobody
    text = _texts(school_section(data, school_id, opts)[1])
    assert "注意：12月8日责任民警休假，且没有可联系的代理责任民警，请直接联系集美派出所" in text
    assert "12月9日休假，期间请联系代理责任民警李娜" in text
    assert data.officer_on(school_id, WEEK + dt.timedelta(days=1)) is None


def test_a_school_without_a_deputy_warns_while_its_officer_is_away(session: Session) -> None:
    from dataclasses import replace

    school_id, responsible, _deputy = _school_with_roster(session)
    editing.save_school(session, replace(_school(session), deputy_person_id=None))
    session.add(Leave(person_id=responsible, date_from=WEEK, date_to=WEEK + dt.timedelta(days=6)))
    session.commit()
    data = load_week(session, WEEK)
    text = _texts(school_section(data, school_id, SheetOptions(printed="x"))[1])
    assert "注意：12月7日—12月11日责任民警休假，且没有可联系的代理责任民警" in text
