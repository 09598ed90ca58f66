"""The planning page's edit commands without a window: add (drop), move, remove and pin, each
checked by the rules before anything is written; and the sick-call repair split into a
read-only request and a store."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from huxue.errors import InputError
from huxue.models import Assignment, AuditEntry, Leave
from huxue.planning import PlanScope, publish, store_roster_document, week_context
from huxue.planning_edits import add_duty, check_add, remove_duty, set_pinned
from huxue.planning_views import WeekPlan, eligible_free, load_week_plan
from tests.huxue.factories import seed_small

WEEK = dt.date(2026, 12, 7)
MON_ARRIVAL = "JM-P001-1/2026-12-07/arrival"
KINDER_ARRIVAL = "JM-K001-1/2026-12-07/arrival"
XL_ARRIVAL = "XL-P001-1/2026-12-07/arrival"


def _plan(session: Session) -> WeekPlan:
    return load_week_plan(session, PlanScope(WEEK))


def _rows(session: Session) -> set[tuple[str, int, bool, str]]:
    return {
        (a.session_key, a.person_id, a.pinned, a.source)
        for a in session.exec(select(Assignment)).all()
    }


def test_an_add_is_stored_pinned_and_manual(session: Session) -> None:
    seed_small(session)
    plan = _plan(session)
    assert "100001" in {p.code for p in eligible_free(plan, MON_ARRIVAL)}
    result = add_duty(session, plan, MON_ARRIVAL, "100001", who="planner")
    session.commit()
    assert result.done and not result.new_version
    pid = plan.ctx.person_ids["100001"]
    assert _rows(session) == {(MON_ARRIVAL, pid, True, "manual")}
    assert [d.person_id for d in plan.duties[MON_ARRIVAL]] == [pid]
    # The seat still lacks a second person: the stored shortage says so.
    assert plan.missing(MON_ARRIVAL) == (0, 0, 1)


def test_an_add_breaking_a_rule_writes_nothing(session: Session) -> None:
    seed_small(session)
    plan = _plan(session)
    problems = check_add(plan, XL_ARRIVAL, "100001")
    assert problems and "station" in " ".join(problems)
    result = add_duty(session, plan, XL_ARRIVAL, "100001")
    assert result.problems == problems and not result.done
    assert _rows(session) == set()
    # The same person twice at one session is refused too.
    assert add_duty(session, plan, MON_ARRIVAL, "100001").done
    assert add_duty(session, plan, MON_ARRIVAL, "100001").problems


def test_a_move_checks_the_new_place_without_the_old_one(session: Session) -> None:
    seed_small(session)
    plan = _plan(session)
    assert add_duty(session, plan, MON_ARRIVAL, "A20001").done
    # Two arrivals that overlap in time: moving is allowed, adding a second duty is not.
    other = "JM-P001-2/2026-12-07/arrival"
    assert check_add(plan, other, "A20001")
    assert check_add(plan, other, "A20001", from_key=MON_ARRIVAL) == []
    assert add_duty(session, plan, other, "A20001", from_key=MON_ARRIVAL).done
    pid = plan.ctx.person_ids["A20001"]
    assert _rows(session) == {(other, pid, True, "manual")}


def test_remove_and_pin(session: Session) -> None:
    seed_small(session)
    store_roster_document(
        session,
        week_context(session, PlanScope(WEEK)),
        {
            "format": "huxue-roster/1",
            "assignments": [{"session": KINDER_ARRIVAL, "person": "V30001"}],
        },
    )
    session.commit()
    plan = _plan(session)
    pid = plan.ctx.person_ids["V30001"]
    assert _rows(session) == {(KINDER_ARRIVAL, pid, False, "solver")}
    assert set_pinned(session, plan, KINDER_ARRIVAL, "V30001", True).done
    assert _rows(session) == {(KINDER_ARRIVAL, pid, True, "solver")}
    assert plan.duties[KINDER_ARRIVAL][0].pinned
    assert set_pinned(session, plan, MON_ARRIVAL, "V30001", True).problems  # not there
    assert remove_duty(session, plan, MON_ARRIVAL, "V30001").problems
    assert remove_duty(session, plan, KINDER_ARRIVAL, "V30001").done
    assert _rows(session) == set()
    assert KINDER_ARRIVAL not in plan.duties


def test_an_edit_of_a_published_week_opens_a_version_with_audit(session: Session) -> None:
    ids = seed_small(session)
    plan = _plan(session)
    assert add_duty(session, plan, MON_ARRIVAL, "100001", who="planner").done
    publish(session, WEEK, ids["JM"], who="planner")
    session.commit()
    plan = _plan(session)
    result = remove_duty(session, plan, MON_ARRIVAL, "100001", who="planner")
    session.commit()
    assert result.done and result.new_version
    assert plan.rosters[ids["JM"]].version == 2 and plan.rosters[ids["JM"]].status == "draft"
    actions = [e.action for e in session.exec(select(AuditEntry)).all()]
    assert actions == ["publish", "new_version", "manual_remove"]


def test_a_repair_request_writes_nothing_and_the_store_records_the_leave(
    session: Session,
) -> None:
    from huxue.planning_repair import repair_request, store_repair

    seed_small(session)
    plan = _plan(session)
    assert add_duty(session, plan, MON_ARRIVAL, "100001").done
    assert add_duty(session, plan, KINDER_ARRIVAL, "A20001").done
    session.commit()
    monday = WEEK
    request = repair_request(session, WEEK, "100001", monday, monday)
    assert session.exec(select(Leave)).all() == []
    person = next(p for p in request.instance_data["people"] if p["id"] == "100001")
    assert {"from": "2026-12-07", "to": "2026-12-07"} in person["leave"]
    # The pin of the sick person on the leave day is dropped; the other pin stays.
    assert request.instance_data["pinned"] == [{"session": KINDER_ARRIVAL, "person": "A20001"}]
    assert len(request.instance_data["previous"]) == 2
    document = {
        "format": "huxue-roster/1",
        "status": "OPTIMAL",
        "wall_s": 0.5,
        "assignments": [{"session": KINDER_ARRIVAL, "person": "A20001"}],
        "shortages": [],
    }
    outcome = store_repair(session, request, document)
    session.commit()
    assert [(c.session_key, c.person_code) for c in outcome.diff.removed] == [
        (MON_ARRIVAL, "100001")
    ]
    assert outcome.schools_to_reprint == ["JM-P001"]
    leave = session.exec(select(Leave)).one()
    assert (leave.date_from, leave.date_to, leave.reason) == (monday, monday, "病假")


def test_a_repair_without_a_roster_or_with_no_solution_is_refused(session: Session) -> None:
    from huxue.planning_repair import repair_request, store_repair

    seed_small(session)
    with pytest.raises(InputError, match="no roster"):
        repair_request(session, WEEK, "100001", WEEK, WEEK)
    plan = _plan(session)
    assert add_duty(session, plan, MON_ARRIVAL, "100001").done
    with pytest.raises(InputError, match="before it starts"):
        repair_request(session, WEEK, "100001", WEEK, WEEK - dt.timedelta(days=1))
    request = repair_request(session, WEEK, "100001", WEEK, WEEK)
    with pytest.raises(InputError, match="no roster"):
        store_repair(session, request, {"status": "NO_SOLUTION", "assignments": []})
    assert session.exec(select(Leave)).all() == []
