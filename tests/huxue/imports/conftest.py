"""The two stations every import test starts from."""

from __future__ import annotations

import pytest
from sqlmodel import Session

from huxue.models import Station


@pytest.fixture
def stations(session: Session) -> Session:
    session.add_all([Station(code="JM", name="集美派出所"), Station(code="XL", name="杏林派出所")])
    session.commit()
    return session
