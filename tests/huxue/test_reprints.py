"""Sheets not reprinted after a repair: printing or exporting notes each station's roster
version in the audit trail, and the overview's to-do names the stations whose published roster
changed after their sheets went out."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from huxue.cli import main
from huxue.database import open_database
from huxue.models import AuditEntry, Person, Station
from huxue.overview import week_overview
from huxue.planning import PlanScope
from huxue.planning_views import load_week_plan
from huxue.reprints import covered_stations, stations_to_reprint
from tests.huxue.test_reports import WEEK, build_week_db


@pytest.fixture(scope="module")
def week_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("reprint") / "week.db"
    build_week_db(path).dispose()
    yield path


@pytest.fixture
def db(week_db: Path, tmp_path: Path) -> Path:
    path = tmp_path / "week.db"
    shutil.copy(week_db, path)
    return path


def _todo(engine: Engine, station_id: int | None = None) -> list[str]:
    with Session(engine) as session:
        plan = load_week_plan(session, PlanScope(WEEK, station_id))
        return [r.station_name for r in week_overview(plan, session).to_reprint]


def _station(engine: Engine, code: str) -> Station:
    with Session(engine) as session:
        return session.exec(select(Station).where(Station.code == code)).one()


def _busy_police(engine: Engine, station_id: int) -> str:
    """A police officer of the station with duties on the week's Tuesday."""
    with Session(engine) as session:
        plan = load_week_plan(session, PlanScope(WEEK, station_id))
        tuesday = WEEK + dt.timedelta(days=1)
        for key, duties in plan.duties.items():
            if plan.sessions[key].date != tuesday:
                continue
            for duty in duties:
                person = session.get(Person, duty.person_id)
                if person is not None and person.station_id == station_id:
                    return person.code
    raise AssertionError("nobody on duty on Tuesday")


def test_a_repair_after_printing_puts_the_station_on_the_to_do_list(
    db: Path, tmp_path: Path
) -> None:
    engine = open_database(db)
    stations = [_station(engine, "JM"), _station(engine, "QY")]
    jm, qy = stations[0], stations[1]
    assert main(["publish", "--week", WEEK.isoformat(), "--db", str(db)]) == 0
    # Nothing printed yet: nothing to reprint (unprinted weeks are another to-do).
    assert _todo(engine) == []

    out = tmp_path / "sheets"
    args = ["print", "--week", WEEK.isoformat(), "--kind", "school", "--db", str(db)]
    assert main([*args, "--station", "jm", "-o", str(out)]) == 0
    with Session(engine) as session:
        entries = session.exec(
            select(AuditEntry).where(AuditEntry.action == "print").order_by(col(AuditEntry.id))
        ).all()
    assert [e.entity for e in entries] == [f"sheets {WEEK.isoformat()} JM"]
    assert json.loads(entries[0].after_json) == {
        "what": "school",
        "status": "published",
        "version": 1,
    }
    assert _todo(engine) == []

    # A sick call on the published week makes version 2 of JM's roster.
    person = _busy_police(engine, jm.id or 0)
    tuesday = (WEEK + dt.timedelta(days=1)).isoformat()
    repair = ["repair", "--week", WEEK.isoformat(), "--person", person, "--from", tuesday]
    assert main([*repair, "--to", tuesday, "--time-limit", "5", "--db", str(db)]) == 0
    assert _todo(engine) == [jm.name]
    assert _todo(engine, jm.id) == [jm.name]
    assert _todo(engine, qy.id) == []  # never printed, and not changed
    with Session(engine) as session:
        (reprint,) = stations_to_reprint(session, WEEK, {jm.id or 0: 2})
    assert (reprint.printed_version, reprint.version) == (1, 2)

    # Exporting the station's week counts as sending the sheets out again.
    assert (
        main(
            [
                "export",
                "--week",
                WEEK.isoformat(),
                "--format",
                "xlsx",
                "--station",
                "JM",
                "-o",
                str(tmp_path / "jm.xlsx"),
                "--db",
                str(db),
            ]
        )
        == 0
    )
    assert _todo(engine) == []

    # Publishing the repaired draft after that export: the sheets say 草稿, print again.
    assert main(["publish", "--week", WEEK.isoformat(), "--db", str(db)]) == 0
    assert _todo(engine) == [jm.name]
    assert main([*args, "-o", str(tmp_path / "all")]) == 0
    assert _todo(engine) == []
    engine.dispose()


def test_covered_stations_follow_the_selection(db: Path) -> None:
    engine = open_database(db)
    with Session(engine) as session:
        jm = session.exec(select(Station).where(Station.code == "JM")).one()
        everyone = covered_stations(session)
        assert jm.id in everyone and len(everyone) == 2
        assert covered_stations(session, station="jm") == [jm.id]
        school = session.exec(select(Person).where(Person.station_id == jm.id)).first()
        assert school is not None
        assert covered_stations(session, person=school.code.lower()) == [jm.id]
        assert covered_stations(session, school="NOPE") == []
    engine.dispose()
