"""Fixtures of the solver tests; the builders live in `tests.solver.builders`."""

from __future__ import annotations

from typing import Any

import pytest

from tests.solver.builders import doc, person, session


@pytest.fixture
def two_posts() -> dict[str, Any]:
    """One police officer, two overlapping sessions at two posts."""
    return doc(
        sessions=[session("a", "PA", "07:20", "07:55"), session("b", "PB", "07:30", "08:00")],
        people=[person("E1")],
    )
