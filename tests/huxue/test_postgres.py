"""The database suite once more on PostgreSQL (set HUXUE_TEST_POSTGRES_URL; `.ci/run` does).

Each test gets a fresh database on the server, created and dropped here.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, select

from huxue.database import current_revision, head_revision, open_database, session_scope
from huxue.instance import week_instance
from huxue.models import Station
from huxue.week import expand_week
from tests.huxue.factories import seed_small

URL = os.environ.get("HUXUE_TEST_POSTGRES_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not URL, reason="HUXUE_TEST_POSTGRES_URL is not set"),
]


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    assert URL is not None
    name = f"{make_url(URL).database}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(URL).set(database=name).render_as_string(hide_password=False)
    engine = open_database(url)
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


def test_migrations_create_the_newest_schema(pg_engine: Engine) -> None:
    assert current_revision(pg_engine) == head_revision()
    assert {"school", "post", "person", "roster", "auditentry"} <= set(
        inspect(pg_engine).get_table_names()
    )


def test_week_expansion_and_instance_match_sqlite(pg_engine: Engine, engine: Engine) -> None:
    results = []
    for eng in (pg_engine, engine):
        with Session(eng, expire_on_commit=False) as s:
            seed_small(s)
            week = expand_week(s, dt.date(2026, 12, 7))
            data = week_instance(s, dt.date(2026, 12, 7), expansion=week)
            results.append(data)
    assert results[0] == results[1]
    assert len(results[0]["sessions"]) == 40


def test_transactions_are_all_or_nothing(pg_engine: Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(pg_engine) as s:
        s.add(Station(code="JM", name="集美派出所"))
        s.flush()
        raise RuntimeError("half-way")
    with Session(pg_engine) as s:
        assert s.exec(select(Station)).first() is None
