"""Storing rosters, publishing versions, edits after publishing, diffs and the audit trail."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session, select

from huxue.errors import InputError
from huxue.models import AuditEntry, Roster
from huxue.planning import (
    PlanScope,
    compare_rosters,
    planning_instance,
    publish,
    roster_document,
    roster_versions,
    store_roster_document,
    week_context,
)
from huxue.rosters import current_roster, roster_assignments
from tests.huxue.factories import seed_small

WEEK = dt.date(2026, 12, 7)


def doc(*pairs: tuple[str, str]) -> dict:  # type: ignore[type-arg]
    return {
        "format": "huxue-roster/1",
        "assignments": [{"session": s, "person": p} for s, p in pairs],
        "shortages": [],
    }


def test_store_splits_by_station_and_replaces_the_draft(session: Session) -> None:
    ids = seed_small(session)
    ctx = week_context(session, PlanScope(WEEK))
    report = store_roster_document(session, ctx, doc(("JM-P001-1/2026-12-07/arrival", "100001")))
    session.commit()
    assert len(report.rosters) == 2  # JM and XL, XL empty
    jm = current_roster(session, WEEK, ids["JM"])
    assert jm is not None and jm.status == "draft" and jm.version == 1
    assert [a.session_key for a in roster_assignments(session, [jm.id or 0])] == [
        "JM-P001-1/2026-12-07/arrival"
    ]
    store_roster_document(session, ctx, doc(("JM-P001-1/2026-12-08/arrival", "100001")))
    session.commit()
    rows = roster_assignments(session, [jm.id or 0])
    assert [a.session_key for a in rows] == ["JM-P001-1/2026-12-08/arrival"]
    assert len(session.exec(select(Roster)).all()) == 2  # no new version for a draft


def test_unknown_sessions_or_people_are_refused_whole(session: Session) -> None:
    seed_small(session)
    ctx = week_context(session, PlanScope(WEEK))
    with pytest.raises(InputError, match="NOPE"):
        store_roster_document(session, ctx, doc(("NOPE/2026-12-07/arrival", "100001")))


def test_publish_then_edit_opens_a_new_version_with_audit(session: Session) -> None:
    ids = seed_small(session)
    scope = PlanScope(WEEK, ids["JM"])
    ctx = week_context(session, scope)
    first = ("JM-P001-1/2026-12-07/arrival", "100001")
    store_roster_document(session, ctx, doc(first))
    published = publish(session, WEEK, ids["JM"], who="planner")
    session.commit()
    assert [r.version for r in published] == [1]
    assert publish(session, WEEK, ids["JM"]) == []  # nothing left to publish

    second = ("JM-P001-1/2026-12-08/arrival", "A20001")
    store_roster_document(session, ctx, doc(first, second), who="planner")
    session.commit()
    versions = roster_versions(session, WEEK, ids["JM"])
    assert [(r.version, r.status) for r in versions] == [(1, "published"), (2, "draft")]
    diff = compare_rosters(session, versions[0].id or 0, versions[1].id or 0)
    assert [(c.session_key, c.person_code) for c in diff.added] == [second]
    assert diff.removed == []
    actions = [e.action for e in session.exec(select(AuditEntry)).all()]
    assert actions == ["publish", "new_version", "solver"]
    assert roster_document(session, ctx)["assignments"] == [
        {"session": first[0], "person": "100001"},
        {"session": second[0], "person": "A20001"},
    ]


def test_publish_without_a_roster_is_an_error(session: Session) -> None:
    seed_small(session)
    with pytest.raises(InputError, match="no roster"):
        publish(session, WEEK)


def test_planning_instance_carries_pins_and_previous(session: Session) -> None:
    ids = seed_small(session)
    scope = PlanScope(WEEK, ids["JM"])
    ctx = week_context(session, scope)
    store_roster_document(
        session,
        ctx,
        doc(("JM-P001-1/2026-12-07/arrival", "100001"), ("JM-K001-1/2026-12-07/arrival", "A20001")),
    )
    jm = current_roster(session, WEEK, ids["JM"])
    rows = roster_assignments(session, [jm.id or 0])  # type: ignore[union-attr]
    rows[0].pinned = True
    session.commit()
    data = planning_instance(session, scope, as_repair=True, time_limit_s=2)
    assert data["pinned"] == [{"session": "JM-P001-1/2026-12-07/arrival", "person": "100001"}]
    assert len(data["previous"]) == 2
    assert data["rules"]["time_limit_s"] == 2
