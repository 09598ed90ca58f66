"""The week as huxue-instance/1: what it holds, and that the solver's loader accepts it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlmodel import Session

from huxue.cli import main
from huxue.database import open_database
from huxue.instance import week_instance
from huxue.models import Availability, Leave, PersonSchool
from solver.instance import instance_to_dict, load_instance
from tests.huxue.factories import seed_small, t

WEEK = dt.date(2026, 12, 7)


def test_instance_holds_the_week_and_round_trips_through_the_loader(session: Session) -> None:
    ids = seed_small(session)
    session.add(Availability(person_id=3, weekday=0, start=t("07:00"), end=t("09:00")))
    session.add(Leave(person_id=2, date_from=dt.date(2026, 12, 9), date_to=dt.date(2026, 12, 9)))
    session.add(Leave(person_id=2, date_from=dt.date(2026, 11, 1), date_to=dt.date(2026, 11, 2)))
    session.add(PersonSchool(person_id=3, school_id=ids["kinder"]))
    session.commit()
    data = week_instance(session, WEEK)
    assert data["format"] == "huxue-instance/1" and data["week_start"] == "2026-12-07"
    assert [s["id"] for s in data["stations"]] == ["JM", "XL"]
    assert len(data["sessions"]) == 40
    first = data["sessions"][0]
    assert first == {
        "id": "JM-P001-1/2026-12-07/arrival",
        "post": "JM-P001-1",
        "date": "2026-12-07",
        "kind": "arrival",
        "start": "07:20",
        "end": "07:55",
        "need": {"police": 1, "officers": 1, "total": 2},
    }
    people = {p["id"]: p for p in data["people"]}
    assert people["V30001"]["available"] == [{"weekday": 0, "start": "07:00", "end": "09:00"}]
    assert people["V30001"]["preferred_schools"] == ["JM-K001"]
    assert people["A20001"]["leave"] == [{"from": "2026-12-09", "to": "2026-12-09"}]
    assert people["100001"]["max_per_week"] == 8
    loaded = load_instance(json.loads(json.dumps(data)))
    assert len(loaded.sessions) == 40
    again = instance_to_dict(loaded)
    assert load_instance(again) == loaded


def test_station_instance_only_has_that_station(session: Session) -> None:
    ids = seed_small(session)
    data = week_instance(session, WEEK, ids["XL"])
    assert [s["id"] for s in data["stations"]] == ["XL"]
    assert {s["post"] for s in data["sessions"]} == {"XL-P001-1"}
    assert data["people"] == []


def test_instance_command_writes_a_loadable_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.db"
    engine = open_database(db)
    with Session(engine) as s:
        seed_small(s)
    engine.dispose()
    out = tmp_path / "w.json"
    assert main(["instance", "--db", str(db), "--week", "2026-12-09", "-o", str(out)]) == 0
    assert "40 sessions" in capsys.readouterr().out
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["week_start"] == "2026-12-07"  # any day selects its Monday
    load_instance(data)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--week", "2026-13-01"], "is not a date"),
        (["--week", "2026-12-07", "--station", "ZZ"], "unknown station 'ZZ'"),
    ],
)
def test_instance_command_rejects_bad_input_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    db = tmp_path / "d.db"
    engine = open_database(db)
    with Session(engine) as s:
        seed_small(s)
    engine.dispose()
    code = main(["instance", "--db", str(db), *argv, "-o", str(tmp_path / "x.json")])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err and err.count("\n") == 1


def test_newer_database_is_an_error_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import text

    db = tmp_path / "n.db"
    engine = open_database(db)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'zzzz'"))
    engine.dispose()
    code = main(["instance", "--db", str(db), "--week", "2026-12-07", "-o", str(tmp_path / "x")])
    assert code == 2 and "newer Huxue" in capsys.readouterr().err


def test_instance_command_warns_about_an_unknown_calendar_year(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "d.db"
    engine = open_database(db)
    with Session(engine) as s:
        seed_small(s)
    engine.dispose()
    out = tmp_path / "w.json"
    assert main(["instance", "--db", str(db), "--week", "2027-01-04", "-o", str(out)]) == 0
    assert "calendar for 2027 is unknown" in capsys.readouterr().err
