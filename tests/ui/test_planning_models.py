"""The planning page's table models pass Qt's model checks, with and without a roster."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huxue.demo import build_demo
from huxue.planning import PlanScope, solve_week
from huxue.planning_views import WeekPlan, load_week_plan, shortfall_rows
from ui.planning.grid import MIME_TYPE, RosterGridModel, SchoolFilter, read_duty_mime
from ui.planning.panels import AuditModel, AuditRow, DiffModel, ShortfallModel
from ui.planning.people import PeopleListModel, PersonWeekModel

pytestmark = pytest.mark.gui

WEEK = dt.date(2026, 12, 7)


@pytest.fixture(scope="module")
def plans() -> tuple[WeekPlan, WeekPlan]:
    """The small demo's week before and after a (short, headless) solve."""
    from huxue.database import open_database

    engine: Engine = open_database("sqlite://")
    with Session(engine) as session:
        build_demo(session, "small")
        session.commit()
        empty = load_week_plan(session, PlanScope(WEEK))
        solve_week(session, PlanScope(WEEK), time_limit=1.0, workers=1)
        # A seat left empty, so the shortfall panel has a row.
        session.commit()
        solved = load_week_plan(session, PlanScope(WEEK))
    engine.dispose()
    return empty, solved


def test_grid_model(qtmodeltester: Any, plans: tuple[WeekPlan, WeekPlan]) -> None:
    for plan in plans:
        model = RosterGridModel()
        model.set_plan(plan)
        qtmodeltester.check(model)
        key = next(iter(plan.sessions))
        index = model.index_of_session(key)
        assert model.session_at(index) == key
        assert model.data(index, RosterGridModel.KeyRole) == key
        proxy = SchoolFilter()
        proxy.setSourceModel(model)
        proxy.set_school(
            plan.sessions[key].post_id and plan.posts[plan.sessions[key].post_id].school_id
        )
        qtmodeltester.check(proxy)
        assert 0 < proxy.rowCount() < model.rowCount()
        proxy.set_text("no such school")
        assert proxy.rowCount() == 0


def test_grid_cells_drag_their_person(plans: tuple[WeekPlan, WeekPlan]) -> None:
    plan = plans[1]
    model = RosterGridModel()
    model.set_plan(plan)
    key = next(k for k, duties in plan.duties.items() if duties)
    code = plan.people[plan.duties[key][-1].person_id].code
    model.set_drag_person(key, code)
    mime = model.mimeData([model.index_of_session(key)])
    assert mime.hasFormat(MIME_TYPE)
    assert read_duty_mime(mime) == (code, key)
    assert model.flags(model.index_of_session(key)) & Qt.ItemFlag.ItemIsDropEnabled
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDropEnabled


def test_person_week_model(qtmodeltester: Any, plans: tuple[WeekPlan, WeekPlan]) -> None:
    for plan in plans:
        model = PersonWeekModel()
        model.set_plan(plan)
        qtmodeltester.check(model)
    busy = [
        r
        for r in range(model.rowCount())
        if model.data(model.index(r, 2), Qt.ItemDataRole.DisplayRole)
    ]
    assert busy


def test_people_list_model(qtmodeltester: Any) -> None:
    model = PeopleListModel()
    model.set_people([("P1", "张三", "police", True), ("V1", "李四", "volunteer", False)], "K")
    qtmodeltester.check(model)
    assert read_duty_mime(model.mimeData([model.index(1, 0)])) == ("V1", "K")


def test_shortfall_audit_and_diff_models(
    qtmodeltester: Any, plans: tuple[WeekPlan, WeekPlan]
) -> None:
    empty, solved = plans
    short = ShortfallModel()
    short.set_rows(solved, shortfall_rows(solved))
    qtmodeltester.check(short)
    audit = AuditModel()
    audit.set_rows(
        [AuditRow(dt.datetime(2026, 12, 7, 8, tzinfo=dt.UTC), "me", "publish", "r", "{}", "{}")]
    )
    qtmodeltester.check(audit)
    diff = DiffModel()
    diff.set_rows([("moved", "张三 (P1)", "a → b")])
    qtmodeltester.check(diff)
