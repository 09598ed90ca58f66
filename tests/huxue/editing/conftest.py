"""The small seeded district and a way to run each editing function in its own transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huxue.database import session_scope
from tests.huxue.factories import seed_small

T = TypeVar("T")


class Edits:
    """Runs each editing function in its own transaction, as the window does."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        with session_scope(self.engine) as session:
            return fn(session, *args)


@pytest.fixture
def ids(engine: Engine) -> dict[str, int]:
    with Session(engine) as session:
        found = seed_small(session)
        session.commit()
    return found


@pytest.fixture
def editor(engine: Engine) -> Edits:
    return Edits(engine)
