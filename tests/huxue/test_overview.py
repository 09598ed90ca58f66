"""The overview's figures against counts made directly from the stored roster."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.database import open_database
from huxue.models import Assignment, Person, Roster
from huxue.overview import week_overview, week_to_open
from huxue.planning import PlanScope, publish
from huxue.planning_views import load_week_plan
from huxue.week import expand_week
from tests.huxue.test_reports import WEEK, build_week_db


@pytest.fixture(scope="module")
def week_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("overview") / "week.db"
    build_week_db(path).dispose()
    yield path


@pytest.fixture
def engine(week_db: Path, tmp_path: Path) -> Iterator[Engine]:
    copy = tmp_path / "copy.db"
    copy.write_bytes(week_db.read_bytes())
    engine = open_database(copy)
    yield engine
    engine.dispose()


def test_fill_load_and_hours_match_the_roster(engine: Engine) -> None:
    with Session(engine) as session:
        plan = load_week_plan(session, PlanScope(WEEK))
        sessions = {s.key: s for s in expand_week(session, WEEK).sessions}
        rows = session.exec(select(Assignment)).all()
        people = {p.id: p for p in session.exec(select(Person)).all()}
    overview = week_overview(plan)
    at: Counter[str] = Counter(a.session_key for a in rows)
    seats = sum(s.need_total for s in sessions.values())
    filled = sum(min(at[k], s.need_total) for k, s in sessions.items())
    assert (overview.fill.seats, overview.fill.filled) == (seats, filled)
    assert sum(r.fill.seats for r in overview.by_station) == seats
    assert sum(f.seats for f in overview.by_risk.values()) == seats
    assert sum(r.total.seats for r in overview.heat) == seats
    # Each person's duties and the hours by role, counted from the assignments.
    duties = Counter(a.person_id for a in rows)
    load = {r.person_id: r.duties for r in overview.load}
    assert all(load[pid] == n for pid, n in duties.items())
    minutes: Counter[str] = Counter()
    for a in rows:
        span = dt.datetime.combine(a.date, a.end) - dt.datetime.combine(a.date, a.start)
        minutes[people[a.person_id].role] += int(span.total_seconds() // 60)
    assert overview.hours == {r: round(m / 60, 1) for r, m in sorted(minutes.items())}
    assert sum(overview.load_histogram.values()) == len(overview.load)
    assert all(r.duties >= (r.limit or 0) for r in overview.at_limit())
    # Nothing is published yet: every station is still to do.
    assert len(overview.unpublished) == len(overview.by_station) > 0


def test_a_short_high_risk_seat_is_on_the_to_do_list(engine: Engine) -> None:
    with Session(engine) as session:
        plan = load_week_plan(session, PlanScope(WEEK))
        key = next(
            k
            for k, d in plan.duties.items()
            if d and plan.posts[plan.sessions[k].post_id].risk == 3
        )
        row = session.exec(select(Assignment).where(Assignment.session_key == key)).first()
        assert row is not None
        session.delete(row)
        session.commit()
        plan = load_week_plan(session, PlanScope(WEEK))
    overview = week_overview(plan)
    assert key in {s.session_key for s in overview.high_risk_short}
    station = plan.posts[plan.sessions[key].post_id].station_id
    assert next(r for r in overview.by_station if r.station_id == station).high_risk_short >= 1


def test_one_station_shows_its_posts(engine: Engine) -> None:
    with Session(engine) as session:
        whole = load_week_plan(session, PlanScope(WEEK))
        station = next(iter(whole.rosters))
        plan = load_week_plan(session, PlanScope(WEEK, station))
    overview = week_overview(plan)
    assert [r.station_id for r in overview.by_station] == [station]
    assert {r.key for r in overview.heat} <= {p.id for p in plan.posts.values()}
    assert all(plan.people[r.person_id].station_id == station for r in overview.load)


def test_the_page_opens_on_the_first_school_week_not_yet_published(engine: Engine) -> None:
    with Session(engine) as session:
        # A Wednesday: this week still needs the planner.
        assert week_to_open(session, WEEK + dt.timedelta(days=2)) == WEEK
        # At the weekend, next week.
        assert week_to_open(session, WEEK + dt.timedelta(days=5)) == WEEK + dt.timedelta(days=7)
        publish(session, WEEK)
        session.commit()
        assert session.exec(select(Roster).where(Roster.status == "draft")).first() is None
        assert week_to_open(session, WEEK) == WEEK + dt.timedelta(days=7)
        # The winter break (2027-01-23 … 02-21 in the demo's autumn term) is skipped.
        assert week_to_open(session, dt.date(2027, 1, 25)) > dt.date(2027, 2, 15)


def test_response_rows_match_the_response_report(engine: Engine) -> None:
    from huxue.database import session_scope
    from huxue.overview import response_rows
    from huxue.patrols import plan_patrols, response_report, stored_loops

    with session_scope(engine) as session:
        plan_patrols(session, WEEK, time_limit_s=0.05)
    with Session(engine) as session:
        plan = load_week_plan(session, PlanScope(WEEK))
        rows = response_rows(plan, stored_loops(session, WEEK))
        report = response_report(session, WEEK)
        station = session.exec(select(Roster.station_id)).first()
        one = response_rows(load_week_plan(session, PlanScope(WEEK, station)), [])
    alone, both = report.by_window(patrols=False), report.by_window()
    assert [r.window for r in rows] == [
        w for w in ("arrival", "noon", "dismissal", "evening") if ("", w) in both
    ]
    for row in rows:
        assert row.alone == alone[("", row.window)]
        assert row.with_patrols == both[("", row.window)]
    assert any(r.with_patrols.within[2] > r.alone.within[2] for r in rows)  # patrols help
    # One station: its own schools only, and no loops given, nothing added by patrols.
    district = {r.window: r.alone.schools for r in rows}
    assert one and all(r.alone.schools <= district[r.window] for r in one)
    assert all(r.alone == r.with_patrols for r in one)
