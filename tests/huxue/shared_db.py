"""Databases that two sessions (two planners) can use at the same time: a SQLite file, and a
fresh PostgreSQL database on the server of HUXUE_TEST_POSTGRES_URL, named after that URL's
own database (created and dropped here)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url

from huxue.database import open_database

PG_URL = os.environ.get("HUXUE_TEST_POSTGRES_URL")
BACKENDS = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not PG_URL, reason="HUXUE_TEST_POSTGRES_URL is not set"),
        ],
    ),
]


@contextmanager
def fresh_postgres() -> Iterator[Engine]:
    """A new, migrated database on the test server, dropped afterwards."""
    assert PG_URL is not None
    base = make_url(PG_URL)
    name = f"{base.database}_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = open_database(base.set(database=name).render_as_string(hide_password=False))
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def shared_database(backend: str, folder: Path) -> Iterator[Engine]:
    """A database for `backend` ("sqlite": a file in `folder`; "postgres")."""
    if backend == "postgres":
        with fresh_postgres() as engine:
            yield engine
        return
    engine = open_database(folder / "shared.db")
    try:
        yield engine
    finally:
        engine.dispose()
