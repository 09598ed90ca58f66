"""A fresh PostgreSQL database per test, named after the server's test database
(HUXUE_TEST_POSTGRES_URL), created and dropped here."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

URL = os.environ.get("HUXUE_TEST_POSTGRES_URL")


@contextmanager
def fresh_database(tag: str) -> Iterator[str]:
    """The URL of a new empty database on the test server (skips without a server)."""
    if not URL:
        pytest.skip("HUXUE_TEST_POSTGRES_URL is not set")
    base = make_url(URL)
    name = f"{base.database}_{tag}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
