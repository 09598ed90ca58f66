"""Generate on the Roster page is refused while another planner solves the same week."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.models import Roster
from huxue.solve_lock import SolveLock
from tests.ui.test_planning_page import WEEK, _page, demo, generate_and_wait  # noqa: F401
from ui.planning.page import PlanningPage

pytestmark = pytest.mark.gui


@pytest.fixture
def page(qtbot: Any, demo: Engine) -> Iterator[PlanningPage]:  # noqa: F811
    page = _page(qtbot, demo, time_limit=1.0)
    yield page
    page.controller.shutdown()


def test_generate_is_refused_with_who_holds_the_week_then_runs_once_free(
    qtbot: Any,
    page: PlanningPage,
    demo: Engine,  # noqa: F811
) -> None:
    plan = page.controller.plan
    assert plan is not None
    other = SolveLock(demo, WEEK, plan.ctx.station_ids[:1], who="王警官").acquire()
    failures: list[str] = []
    page.controller.solving.failed.connect(failures.append)
    page.controller.solving.generate()
    assert not page.controller.busy()
    assert failures and "王警官" in failures[0]
    assert "王警官" in page.banner.text()
    with Session(demo) as session:
        assert session.exec(select(Roster)).all() == []
    other.release()
    generate_and_wait(qtbot, page)
    # The page let its lock go once the roster was stored.
    SolveLock(demo, WEEK, plan.ctx.station_ids).acquire().release()
