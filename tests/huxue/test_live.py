"""Change notifications from PostgreSQL triggers (migration 0007): what a raw SQL change sends,
and folding of a bulk write."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.database import open_database
from huxue.live import Change, ChangeFeed, affected, parse_change
from huxue.models import Person, Station
from huxue.planning import PlanScope, solve_week
from tests.huxue.factories import seed_small
from tests.huxue.pg_fixtures import fresh_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg() -> Iterator[Engine]:
    with fresh_database("live") as url:
        engine = open_database(url)
        with Session(engine) as s:
            seed_small(s)
            s.commit()
        yield engine
        engine.dispose()


def raw(engine: Engine) -> psycopg.Connection[tuple[object, ...]]:
    info = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    return psycopg.connect(info, autocommit=True)


def collect(feed: ChangeFeed, until: int = 1) -> list[Change]:
    changes: list[Change] = []
    for _ in range(10):
        changes += feed.wait(0.5)
        if len(changes) >= until:
            break
    changes += feed.wait(0.2)
    return changes


def test_a_raw_sql_change_is_announced_with_who_and_what(pg: Engine) -> None:
    feed = ChangeFeed(pg)
    feed.open()
    with Session(pg) as s:
        person = s.exec(select(Person)).first()
        assert person is not None and person.id is not None
    with raw(pg) as conn:
        conn.execute("UPDATE person SET name = 'X' WHERE id = %s", (person.id,))
        conn.execute("DELETE FROM leave")
        conn.execute(
            'INSERT INTO availability (person_id, weekday, start, "end") '
            "VALUES (%s, 0, '07:00', '09:00')",
            (person.id,),
        )
    changes = collect(feed, 2)
    feed.close()
    update = next(c for c in changes if c.table == "person")
    assert (update.action, update.who, update.row_id) == ("update", "postgres", person.id)
    assert update.station_id == person.station_id
    assert affected(update) == ("person", person.id)
    detail = next(c for c in changes if c.table == "availability")
    assert affected(detail) == ("person", person.id) and detail.row_id is None


def test_a_stored_roster_folds_into_a_few_notifications(pg: Engine) -> None:
    feed = ChangeFeed(pg)
    feed.open()
    with Session(pg, expire_on_commit=False) as s:
        jm = s.exec(select(Station).where(Station.code == "JM")).one()
        outcome = solve_week(s, PlanScope(dt.date(2026, 12, 7), jm.id), time_limit=2, workers=1)
        s.commit()
    changes = collect(feed, 2)
    feed.close()
    rosters = [c for c in changes if c.table == "roster"]
    assert rosters and rosters[0].week == "2026-12-07" and rosters[0].station_id == jm.id
    assignments = [c for c in changes if c.table == "assignment"]
    assert outcome.document["assignments"]
    assert 1 <= len(assignments) <= 2  # one per roster and action, however many rows
    assert {affected(c) for c in assignments} == {("roster", outcome.rosters[0].id)}


def test_a_payload_that_is_not_ours_is_ignored() -> None:
    assert parse_change("not json") is None
    assert parse_change('{"x": 1}') is None
    change = parse_change('{"t": "school", "a": "update", "who": "li", "app": "huxue wang@h 1"}')
    assert change is not None and change.planner == "li (wang)"
