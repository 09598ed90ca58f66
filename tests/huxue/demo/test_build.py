"""The Jimei demo district: sizes, determinism, geometry, codes, needs, bell times, refusal."""

from __future__ import annotations

import datetime as dt
import itertools
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from huxue.cli import main
from huxue.database import open_database, session_scope
from huxue.demo import LAT_MAX, LAT_MIN, LON_MAX, LON_MIN, DemoSummary, build_demo
from huxue.errors import DatabaseError, InputError
from huxue.models import (
    Availability,
    BellTime,
    District,
    Leave,
    Person,
    PersonSchool,
    Post,
    PostNeed,
    School,
    Station,
    Term,
    Vacation,
)


def _build(engine: Engine, size: str = "district", seed: int = 0) -> DemoSummary:
    with session_scope(engine) as session:
        return build_demo(session, size, seed)


@pytest.fixture(scope="module")
def district_engine() -> Iterator[Engine]:
    """One district build shared by the read-only tests of this module."""
    eng = open_database("sqlite://")
    _build(eng)
    yield eng
    eng.dispose()


@pytest.fixture
def district_session(district_engine: Engine) -> Iterator[Session]:
    with Session(district_engine) as s:
        yield s


def _snapshot(session: Session) -> list[tuple[object, ...]]:
    """Every demo row as plain tuples (ids included: same seed, same ids)."""
    rows: list[tuple[object, ...]] = []
    for table in (Station, School, Post, PostNeed, BellTime, Person, Availability, Leave):
        for row in session.exec(select(table).order_by(col(table.id))).all():
            rows.append((table.__name__, *row.model_dump().values()))
    for link in session.exec(select(PersonSchool)).all():
        rows.append(("PersonSchool", link.person_id, link.school_id))
    return sorted(rows, key=repr)


def test_district_counts(district_session: Session) -> None:
    schools = district_session.exec(select(School)).all()
    assert len(schools) == 276
    stations = district_session.exec(select(Station).order_by(col(Station.code))).all()
    assert [s.name for s in stations] == [
        "灌口派出所",
        "后溪派出所",
        "集美派出所",
        "侨英派出所",
        "杏滨派出所",
        "杏林派出所",
    ]
    kinds = defaultdict(int)
    for school in schools:
        kinds[school.kind] += 1
    assert 0.40 <= kinds["kindergarten"] / 276 <= 0.50
    assert 0.30 <= kinds["primary"] / 276 <= 0.40
    assert kinds["vocational"] >= 2
    row = district_session.exec(select(District)).one()
    assert row.name == "集美区"
    assert '"volunteer_radius_km": 3.0' in row.rules_json


@pytest.mark.parametrize(("size", "low", "high"), [("small", 15, 25), ("city", 1400, 1600)])
def test_other_sizes_build(engine: Engine, size: str, low: int, high: int) -> None:
    summary = _build(engine, size)
    assert low <= summary.schools <= high
    with Session(engine) as session:
        assert len(session.exec(select(School)).all()) == summary.schools
        assert len(session.exec(select(Post)).all()) == summary.posts


def test_summary_lines() -> None:
    with session_scope(open_database("sqlite://")) as session:
        summary = build_demo(session, "small")
    text = "\n".join(summary.summary_lines())
    assert "集美区" in text and "schools: 20" in text and "民警 police" in text


def test_same_seed_same_rows_other_seed_other_rows() -> None:
    snaps = []
    for seed in (5, 5, 6):
        eng = open_database("sqlite://")
        _build(eng, "small", seed)
        with Session(eng) as session:
            snaps.append(_snapshot(session))
        eng.dispose()
    assert snaps[0] == snaps[1]
    assert snaps[0] != snaps[2]


def test_locations_inside_jimei(district_session: Session) -> None:
    points: list[tuple[float | None, float | None]] = []
    for table in (Station, School, Post, Person):
        points += [(r.lat, r.lon) for r in district_session.exec(select(table)).all()]
    for lat, lon in points:
        assert lat is not None and lon is not None
        assert LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX


def test_schools_near_their_station(district_session: Session) -> None:
    stations = {s.id: s for s in district_session.exec(select(Station)).all()}
    for school in district_session.exec(select(School)).all():
        station = stations[school.station_id]
        assert school.lat is not None and school.lon is not None
        assert station.lat is not None and station.lon is not None
        km = ((school.lat - station.lat) * 111.2) ** 2 + ((school.lon - station.lon) * 101.2) ** 2
        assert km**0.5 <= 3.2, school.code


def test_codes_and_names_unique(district_session: Session) -> None:
    for table in (Station, School, Post, Person):
        codes = [r.code for r in district_session.exec(select(table)).all()]
        assert len(codes) == len(set(codes)), table.__name__
    names = [s.name for s in district_session.exec(select(School)).all()]
    assert len(names) == len(set(names))


def test_posts_and_needs(district_session: Session) -> None:
    posts = district_session.exec(select(Post)).all()
    per_school = defaultdict(int)
    for post in posts:
        per_school[post.school_id] += 1
        assert 1 <= post.risk <= 3
    assert set(per_school.values()) <= {1, 2, 3}
    assert len(per_school) == 276
    needs = district_session.exec(select(PostNeed)).all()
    assert {n.post_id for n in needs} == {p.id for p in posts}  # every post is staffed sometime
    risk = {p.id: p.risk for p in posts}
    for need in needs:
        assert 0 <= need.police <= need.officers <= need.total
        if risk[need.post_id] == 3 and need.kind in ("arrival", "dismissal"):
            assert need.police == 1
        if risk[need.post_id] < 3:
            assert need.police == 0


def test_responsible_officer_is_station_police(district_session: Session) -> None:
    people = {p.id: p for p in district_session.exec(select(Person)).all()}
    for school in district_session.exec(select(School)).all():
        officer = people[school.responsible_person_id]  # type: ignore[index]
        assert officer.role == "police" and officer.station_id == school.station_id


def _day_rows(session: Session) -> dict[tuple[object, int], list[BellTime]]:
    days: dict[tuple[object, int], list[BellTime]] = defaultdict(list)
    for row in session.exec(select(BellTime)).all():
        owner = row.school_id if row.school_id is not None else row.school_kind
        days[(owner, row.weekday)].append(row)
    return days


def test_bell_windows_are_ordered_and_disjoint(district_session: Session) -> None:
    days = _day_rows(district_session)
    assert any(isinstance(owner, str) for owner, _ in days)  # kind defaults exist
    for (owner, weekday), rows in days.items():
        assert 0 <= weekday <= 4
        rows.sort(key=lambda r: r.start)
        for row in rows:
            assert row.end > row.start, (owner, weekday, row.kind)
        for a, b in itertools.pairwise(rows):
            assert a.end <= b.start, (owner, weekday, a.kind, b.kind)
        keys = [(r.kind, r.seq) for r in rows]
        assert len(keys) == len(set(keys))


def test_bell_variety(district_session: Session) -> None:
    rows = district_session.exec(select(BellTime)).all()
    kinds = {r.kind for r in rows}
    assert kinds == {"arrival", "noon", "dismissal", "after_care", "evening"}
    assert any(r.seq == 2 and r.kind == "dismissal" for r in rows)
    evening_ends = {r.end for r in rows if r.kind == "evening"}
    assert evening_ends and all(dt.time(21) <= t <= dt.time(21, 40) for t in evening_ends)
    arrivals = {r.start for r in rows if r.kind == "arrival" and r.school_id is not None}
    assert len(arrivals) >= 8  # staggered arrivals


def test_school_weekday_rows_are_complete(district_session: Session) -> None:
    """A school's own rows replace the kind's for that weekday: arrival and dismissal present."""
    days = _day_rows(district_session)
    for (owner, weekday), rows in days.items():
        if isinstance(owner, int):
            kinds = {r.kind for r in rows}
            assert {"arrival", "dismissal"} <= kinds, (owner, weekday)


def test_people_roles_and_details(district_session: Session) -> None:
    people = district_session.exec(select(Person)).all()
    roles = defaultdict(int)
    for p in people:
        roles[p.role] += 1
        assert p.phone.startswith("0592-") or (len(p.phone) == 11 and p.phone[1] in "3456789")
        assert p.max_per_day is not None and p.max_per_week is not None
        assert 0 <= p.history_load <= 6
        if p.role == "police":
            assert len(p.code) == 6 and p.code.isdigit()
    assert set(roles) == {"police", "auxiliary", "security", "volunteer"}
    guards = {p.id: p for p in people if p.role == "security"}
    links = district_session.exec(select(PersonSchool)).all()
    assert {link.person_id for link in links} >= set(guards)
    leave = district_session.exec(select(Leave)).all()
    assert any(r.date_from.month == 12 and r.date_from.year == 2026 for r in leave)


def test_terms(district_session: Session) -> None:
    terms = {t.name: t for t in district_session.exec(select(Term)).all()}
    assert terms["2026 秋季学期"].first_day == dt.date(2026, 8, 31)
    assert terms["2027 春季学期"].last_day == dt.date(2027, 8, 31)
    vacations = {v.name: v for v in district_session.exec(select(Vacation)).all()}
    assert vacations["寒假"].first_day == dt.date(2027, 1, 23)
    assert vacations["暑假"].last_day == dt.date(2027, 8, 31)


def test_refuses_a_database_with_data_and_force_replaces(engine: Engine) -> None:
    first = _build(engine, "small", 1)
    with pytest.raises(DatabaseError), session_scope(engine) as session:
        build_demo(session, "small", 2)
    with Session(engine) as session:  # the refusal changed nothing
        assert len(session.exec(select(School)).all()) == first.schools
    with session_scope(engine) as session:
        build_demo(session, "small", 2, force=True)
    with Session(engine) as session:
        assert len(session.exec(select(Term)).all()) == 2
        assert len(session.exec(select(District)).all()) == 1
        assert len(session.exec(select(Station)).all()) == 2


def test_unknown_size(engine: Engine) -> None:
    with pytest.raises(InputError), session_scope(engine) as session:
        build_demo(session, "huge")


def test_cli_demo(tmp_path: object, capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    db = Path(str(tmp_path)) / "demo.db"
    assert main(["demo", "--size", "small", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "集美区" in out and "schools: 20" in out
    assert main(["--db", str(db), "demo", "--size", "small"]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["--db", str(db), "demo", "--size", "small", "--seed", "4", "--force"]) == 0


def test_force_is_calibrated(district_session: Session) -> None:
    """Planning matters: a careful plan covers every risk-3 session and ≥ 95 % of the week's
    seats; the first-come greedy wastes police on quiet posts and visibly does not."""
    instance_mod = pytest.importorskip("huxue.instance")
    greedy_mod = pytest.importorskip("solver.greedy")
    solver_instance = pytest.importorskip("solver.instance")
    rules = pytest.importorskip("solver.rules")
    data = instance_mod.week_instance(district_session, dt.date(2026, 12, 7))
    instance = solver_instance.load_instance(data)
    seats = sum(s.need.total for s in instance.sessions)
    assert 2000 <= seats <= 3600

    def coverage(pairs: object) -> tuple[float, float]:
        short = rules.session_shortfalls(instance, pairs)
        missing = sum(m.total for m in short.values())
        risky = [s for s in instance.sessions if instance.risk(s) == 3]
        covered = sum(not short[s.id].any() for s in risky)
        return 1 - missing / seats, covered / len(risky)

    careful_fill, careful_risk3 = coverage(greedy_mod.greedy(instance, careful=True))
    naive_fill, naive_risk3 = coverage(greedy_mod.greedy(instance))
    assert careful_risk3 == 1.0 and careful_fill >= 0.95
    assert naive_risk3 < 0.8 and naive_fill < 0.95


def test_every_demo_record_is_saved_again_unchanged_by_the_editors(engine: Engine) -> None:
    from huxue import editing

    _build(engine, "small")
    with session_scope(engine) as session:
        for model, load, save in (
            (Station, editing.load_station, editing.save_station),
            (School, editing.load_school, editing.save_school),
            (Person, editing.load_person, editing.save_person),
        ):
            for row_id in session.exec(select(model.id)).all():
                before = load(session, row_id)
                assert save(session, before) == row_id
                after = load(session, row_id)
                assert replace(after, row_version=None) == replace(before, row_version=None)
        for term in editing.terms(session):
            assert editing.save_term(session, term) == term.id


def test_a_plan_that_breaks_an_editor_rule_is_refused() -> None:
    from dataclasses import replace

    from huxue.demo.build import _plan, check_plan
    from huxue.errors import FieldError

    plan = _plan("small", 0)
    check_plan(plan)
    plan.people[0] = replace(plan.people[0], max_per_day=9, max_per_week=3)
    with pytest.raises(FieldError) as err:
        check_plan(plan)
    assert (err.value.field, err.value.rule) == ("max_per_day", "range")
