"""A published week of the small seed, for the attendance tests."""

from __future__ import annotations

import datetime as dt

from sqlmodel import Session, select

from huxue.models import Person
from huxue.planning import PlanScope, publish, store_roster_document, week_context
from tests.huxue.factories import seed_small

WEEK = dt.date(2026, 12, 7)
A1 = "JM-P001-1/2026-12-07/arrival"  # 07:20–07:55, risk 3
D1 = "JM-P001-1/2026-12-07/dismissal"  # 16:00–16:40, risk 3
K2 = "JM-K001-1/2026-12-08/arrival"  # 08:05–08:40, risk 2
S2 = "JM-P001-2/2026-12-08/arrival"  # 07:20–07:55, risk 1
PAIRS = [
    (A1, "100001"),
    (A1, "V30001"),
    (D1, "A20001"),
    (K2, "V30001"),
    (S2, "A20001"),
]


def roster_doc(pairs: list[tuple[str, str]]) -> dict:  # type: ignore[type-arg]
    """A huxue-roster/1 document of (session, person) pairs."""
    return {
        "format": "huxue-roster/1",
        "assignments": [{"session": s, "person": p} for s, p in pairs],
        "shortages": [],
    }


def seed_published(session: Session) -> dict[str, int]:
    """The small seed plus a second volunteer, and JM's week published as version 1.

    Returns station ids and person ids by code.
    """
    ids = seed_small(session)
    session.add(Person(code="V30002", name="赵敏", role="volunteer", station_id=ids["JM"]))
    session.commit()
    ctx = week_context(session, PlanScope(WEEK, ids["JM"]))
    store_roster_document(session, ctx, roster_doc(PAIRS), who="planner")
    publish(session, WEEK, ids["JM"], who="planner")
    session.commit()
    people = {p.code: p.id or 0 for p in session.exec(select(Person))}
    return {**ids, **people}


def republish(session: Session, ids: dict[str, int], pairs: list[tuple[str, str]]) -> None:
    """Store a new version of JM's week with `pairs` and publish it."""
    ctx = week_context(session, PlanScope(WEEK, ids["JM"]))
    store_roster_document(session, ctx, roster_doc(pairs), who="planner")
    publish(session, WEEK, ids["JM"], who="planner")
    session.commit()
