"""Going back to a week already shown reuses its reading (`WeekCache`), and any change to what
the week reads makes it read again: the plan is the same as one read without the cache."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, select

from huxue.database import session_scope
from huxue.models import District, Leave, Person, Post
from huxue.planning import PlanScope
from huxue.planning_edits import add_duty
from huxue.planning_views import WeekCache, WeekPlan, load_week_plan
from tests.huxue.factories import seed_small
from tests.huxue.shared_db import BACKENDS, shared_database

WEEK = dt.date(2026, 12, 7)
SCOPE = PlanScope(WEEK)
MON_ARRIVAL = "JM-P001-1/2026-12-07/arrival"


@pytest.fixture(params=BACKENDS)
def session(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Session]:
    """A session on SQLite and, when a server is set, on PostgreSQL (the stamp's queries)."""
    with (
        shared_database(request.param, tmp_path) as engine,
        Session(engine, expire_on_commit=False) as s,
    ):
        yield s


def _same(cached: WeekPlan, fresh: WeekPlan) -> None:
    assert cached.instance_data == fresh.instance_data
    assert cached.sessions == fresh.sessions
    assert cached.duties == fresh.duties
    assert cached.shortages == fresh.shortages
    assert cached.rosters == fresh.rosters
    assert (cached.people, cached.posts, cached.schools, cached.stations) == (
        fresh.people,
        fresh.posts,
        fresh.schools,
        fresh.stations,
    )


def test_a_week_seen_before_is_not_read_again(session: Session) -> None:
    seed_small(session)
    load_week_plan(session, SCOPE)  # the first reading stores the district's default rules
    session.commit()
    cache = WeekCache()
    first = load_week_plan(session, SCOPE, cache=cache)
    other = load_week_plan(session, PlanScope(WEEK + dt.timedelta(days=7)), cache=cache)
    again = load_week_plan(session, SCOPE, cache=cache)
    assert again.ctx is first.ctx and other.ctx is not first.ctx
    _same(again, load_week_plan(session, SCOPE))
    # The duties are read every time: a pinned add shows, with its pin in the document.
    assert add_duty(session, again, MON_ARRIVAL, "100001", who="planner").done
    session.commit()
    after = load_week_plan(session, SCOPE, cache=cache)
    assert after.instance_data["pinned"] == [{"session": MON_ARRIVAL, "person": "100001"}]
    _same(after, load_week_plan(session, SCOPE))


def test_a_change_to_what_the_week_reads_reads_it_again(session: Session) -> None:
    seed_small(session)
    load_week_plan(session, SCOPE)
    session.commit()
    cache = WeekCache()
    person = session.exec(select(Person).where(Person.code == "100001")).one()
    post = session.exec(select(Post)).first()
    district = session.exec(select(District)).one()
    assert person.id is not None and post is not None

    def leave() -> None:
        session.add(Leave(person_id=person.id, date_from=WEEK, date_to=WEEK))

    def risk() -> None:
        post.risk = 1 if post.risk != 1 else 2
        session.add(post)

    def rules() -> None:
        district.rules_json = json.dumps({**json.loads(district.rules_json), "probe": 1})
        session.add(district)

    for change in (leave, risk, rules):
        before = load_week_plan(session, SCOPE, cache=cache)
        kept = cache.remember(SCOPE, "probe", object)  # something read beside the week
        assert cache.remember(SCOPE, "probe", object) is kept
        change()
        session.commit()
        after = load_week_plan(session, SCOPE, cache=cache)
        assert after.ctx is not before.ctx, change.__name__
        assert cache.remember(SCOPE, "probe", object) is not kept
        _same(after, load_week_plan(session, SCOPE))


def test_a_patrol_crew_change_reads_the_week_again(session: Session) -> None:
    """A crew member holds no post during the unit's shift: changing the crew changes the
    week, though no row count or version does (the unit's save leaves an audit entry)."""
    from huxue.models import Station
    from huxue.patrol_units import UnitRecord, save_unit

    seed_small(session)
    station = session.exec(select(Station)).first()
    people = session.exec(select(Person).where(Person.station_id == station.id)).all()
    assert station is not None and len(people) >= 2
    save_unit(session, UnitRecord("XL-9", station.code, crew=[people[0].code]))
    load_week_plan(session, SCOPE)  # the first reading stores the district's default rules
    session.commit()
    cache = WeekCache()
    before = load_week_plan(session, SCOPE, cache=cache)
    assert load_week_plan(session, SCOPE, cache=cache).ctx is before.ctx
    save_unit(session, UnitRecord("XL-9", station.code, crew=[people[1].code]), "XL-9")
    session.commit()
    after = load_week_plan(session, SCOPE, cache=cache)
    assert after.ctx is not before.ctx
    _same(after, load_week_plan(session, SCOPE))


def test_the_window_reads_the_instance_document_only_when_it_is_used(session: Session) -> None:
    seed_small(session)
    load_week_plan(session, SCOPE)
    session.commit()
    engine = session.get_bind()
    assert isinstance(engine, Engine)
    with session_scope(engine) as own:
        lazy = load_week_plan(own, SCOPE, lazy_document=True)
    # Showing the week (sessions, duties, shortfalls, kinds) did not read it.
    assert lazy.document._doc is None
    assert lazy.school_kinds() and lazy.sessions
    assert lazy.document._doc is None
    eager = load_week_plan(session, SCOPE)
    assert lazy.instance_data == eager.instance_data
    assert lazy.person_codes_present() == {p["id"] for p in eager.instance_data["people"]}
