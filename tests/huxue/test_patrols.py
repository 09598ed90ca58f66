"""Patrol units in the database, the week's "patrols" key, planning and storing loops, the
response report and its files, the CLI, and the unit import — on the small demo district."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.cli import main as cli_main
from huxue.database import open_database
from huxue.demo import build_demo
from huxue.errors import InputError
from huxue.instance import week_instance
from huxue.models import PatrolCrew, PatrolLoop, PatrolUnit, Person
from huxue.patrol_units import UnitRecord, import_units, list_units, save_unit
from huxue.patrols import plan_patrols, response_report, stored_loops, week_inputs
from huxue.reports.response import write_response
from huxue.reports.route_cards import write_route_cards
from solver import load_instance
from solver.patrol.check import check_loops
from solver.patrol.io import load_patrols, patrols_to_list

WEEK = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("patrols") / "demo.db"
    engine = open_database(path)
    with Session(engine) as s:
        build_demo(s, "small")
        s.commit()
    engine.dispose()
    return path


@pytest.fixture
def demo(demo_path: Path, tmp_path: Path) -> Iterator[Engine]:
    """A private copy of the small demo (tests may write)."""
    copy = tmp_path / "demo.db"
    copy.write_bytes(demo_path.read_bytes())
    engine = open_database(copy)
    yield engine
    engine.dispose()


def test_demo_stations_have_crewed_units(demo: Engine) -> None:
    with Session(demo) as s:
        units = list_units(s)
        assert len(units) == 6  # two stations × (two cars + an e-bike team)
        assert {u.kind for u in units} == {"car", "ebike"}
        crew = {c for u in units for c in u.crew}
        roles = {p.role for p in s.exec(select(Person)).all() if p.code in crew}
        assert roles == {"auxiliary"} and len(crew) == 12


def test_week_instance_carries_patrols_and_keeps_crews_off_posts(demo: Engine) -> None:
    with Session(demo) as s:
        doc = week_instance(s, WEEK)
    instance = load_instance(doc)
    units = load_patrols(doc, instance)
    assert len(units) == 6
    assert patrols_to_list(units) == doc["patrols"]
    crew = units[0].crew[0]
    windows = next(p for p in doc["people"] if p["id"] == crew)["available"]
    # The shift 06:30–22:30 is cut out of every day: only the night is left.
    assert {(w["start"], w["end"]) for w in windows} == {("00:00", "06:30"), ("22:30", "24:00")}
    # An older reader (the plain loader) ignores the key.
    assert load_instance(doc).sessions == instance.sessions


def test_plan_store_reload_and_check(demo: Engine) -> None:
    with Session(demo) as s:
        outcome = plan_patrols(s, WEEK, time_limit_s=0.1)
        s.commit()
        assert outcome.loops and outcome.problems == ()
        loops = stored_loops(s, WEEK)
        assert sorted(loops, key=repr) == sorted(outcome.loops, key=repr)
        inputs = week_inputs(s, WEEK)
        assert check_loops(inputs.instance, inputs.pairs, inputs.units, loops) == []
        # Planning one station again replaces only that station's loops.
        first = outcome.loops[0].station
        again = plan_patrols(s, WEEK, first.lower(), time_limit_s=0.1)
        s.commit()
        assert {lp.station for lp in again.loops} == {first}
        assert len(s.exec(select(PatrolLoop)).all()) == len(outcome.loops)


def test_response_report_and_its_files(demo: Engine, tmp_path: Path) -> None:
    with Session(demo) as s:
        plan_patrols(s, WEEK, time_limit_s=0.1)
        s.commit()
        report = response_report(s, WEEK)
        # No roster yet: posts alone reach nobody, the loops reach some schools.
        assert report.overall(patrols=False).unreached == report.overall(patrols=False).schools
        assert report.overall().unreached < report.overall().schools
        for name in ("r.csv", "r.pdf", "r.png"):
            write_response(s, report, tmp_path / name)
            assert (tmp_path / name).stat().st_size > 1000
        assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
        assert (tmp_path / "r.png").read_bytes().startswith(b"\x89PNG")
        lines = (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()
        assert len(lines) == len(report.with_patrols) + 1
        cards = write_route_cards(s, WEEK, tmp_path / "cards")
        assert len(cards) == 6 and all(p.read_bytes().startswith(b"%PDF") for p in cards)


def test_cli_patrol_and_response(
    demo: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = str(demo.url)
    assert cli_main(["patrol", "--db", url, "--week", "2026-12-09", "--time-limit", "0.1"]) == 0
    assert "independent check passed" in capsys.readouterr().out
    out = tmp_path / "resp.csv"
    assert cli_main(["response", "--db", url, "--week", "2026-12-07", "-o", str(out)]) == 0
    assert out.is_file()
    assert (
        cli_main(["response", "--db", url, "--week", "2026-12-07", "-o", str(tmp_path / "x.txt")])
        == 2
    )
    assert cli_main(["patrol", "--db", url, "--week", "2026-12-07", "--station", "NOPE"]) == 2


def test_unit_validation_names_the_unit_and_field(demo: Engine) -> None:
    with Session(demo) as s:
        unit = list_units(s)[0]
        other = list_units(s)[1]
        with pytest.raises(InputError, match=f"{other.code}.*already in {unit.code}"):
            save_unit(s, UnitRecord(other.code, other.station, crew=[unit.crew[0]]), other.code)
        with pytest.raises(InputError, match="shift must end after"):
            save_unit(
                s, UnitRecord("NEW", unit.station, shift_start=dt.time(9), shift_end=dt.time(8))
            )
        with pytest.raises(InputError, match="unknown station"):
            save_unit(s, UnitRecord("NEW", "NOWHERE"))
        # The speed's range is the limits' (solver.limits), as in the units editor.
        for speed in (0.5, 121):
            with pytest.raises(InputError, match="NEW.*speed must be within 1–120 km/h"):
                save_unit(s, UnitRecord("NEW", unit.station, speed_kmh=speed))
        save_unit(s, UnitRecord("NEW", unit.station, speed_kmh=120))


def test_import_is_all_or_nothing(demo: Engine, tmp_path: Path) -> None:
    with Session(demo) as s:
        station = list_units(s)[0].station
        station_id = s.exec(select(PatrolUnit.station_id)).first()
        free = [
            p.code
            for p in s.exec(select(Person).where(Person.role == "police")).all()
            if p.station_id == station_id
        ][:2]
        before = len(s.exec(select(PatrolUnit)).all())
    good = f"编号 code,派出所 station,类型 kind,组员 crew\nNEW1,{station},car,{free[0]}\n"
    bad = good + f"NEW2,{station},boat,{free[1]}\n"
    (tmp_path / "bad.csv").write_text(bad, encoding="utf-8")
    (tmp_path / "good.csv").write_text(good, encoding="utf-8")
    with Session(demo) as s:
        errors, _ = import_units(s, tmp_path / "bad.csv")
        assert errors == ["row 3: patrol unit NEW2: unknown kind boat"]
        s.rollback()
        assert len(s.exec(select(PatrolUnit)).all()) == before
    url = str(demo.url)
    assert cli_main(["patrol-units", "import", str(tmp_path / "bad.csv"), "--db", url]) == 1
    assert cli_main(["patrol-units", "import", str(tmp_path / "good.csv"), "--db", url]) == 0
    with Session(demo) as s:
        assert len(s.exec(select(PatrolUnit)).all()) == before + 1
        assert len(s.exec(select(PatrolCrew)).all()) == 13
