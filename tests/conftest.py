"""Fixtures shared by every test package: in-memory databases migrated to the newest schema."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

# GUI tests run without a screen; set before any Qt import.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def english_core_messages() -> Iterator[None]:
    """Core messages in English whatever the machine's locale; tests of Chinese set it."""
    from huxue import i18n

    before = i18n.language()
    i18n.set_language("en")
    yield
    i18n.set_language(before)


@pytest.fixture
def engine() -> Iterator[Engine]:
    """A fresh in-memory SQLite database at the newest migration."""
    from huxue.database import open_database

    eng = open_database("sqlite://")
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session on the in-memory database; tests commit as the app would."""
    with Session(engine, expire_on_commit=False) as s:
        yield s
