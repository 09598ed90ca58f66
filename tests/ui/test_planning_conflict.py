"""Generate while another planner stores the same week: the window asks, and by default keeps
the newer draft — the new roster never replaces it silently."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huxue.planning import PlanScope, solve_week
from tests.ui.test_planning_page import (  # noqa: F401 - fixtures
    SOLVE_TIMEOUT_MS,
    WEEK,
    _page,
    demo,
    pairs_in_db,
)

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("replace", [False, True])
def test_a_draft_stored_while_generating_is_kept_unless_replaced(
    qtbot: Any,
    demo: Engine,  # noqa: F811 - the fixture imported above
    monkeypatch: pytest.MonkeyPatch,
    replace: bool,
) -> None:
    page = _page(qtbot, demo)
    solving = page.controller.solving
    asked: list[str] = []

    def ask(conflict: Any) -> bool:
        asked.append(str(conflict))
        return replace

    monkeypatch.setattr(solving, "ask_replace", ask)
    solving.generate()  # the window's solve starts from "no draft yet" …
    with Session(demo) as session:  # … and another planner's solve is stored meanwhile
        solve_week(session, PlanScope(WEEK), time_limit=2.0, workers=1)
        session.commit()
    theirs = pairs_in_db(demo)
    signal = solving.stored if replace else solving.failed
    with qtbot.waitSignal(signal, timeout=SOLVE_TIMEOUT_MS):
        pass
    assert len(asked) == 1 and "roster 2026-12-07" in asked[0]
    if replace:
        assert page.controller.plan is not None and page.controller.plan.has_roster
    else:
        assert pairs_in_db(demo) == theirs  # the newer draft is kept as it was
        assert page.banner.text()
    page.controller.shutdown()
