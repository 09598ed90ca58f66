"""A sick call: record the leave and re-solve the person's station week, changing as little as
possible.

The work is split so that the solve can run anywhere: `repair_request` reads the week (nothing
is written) and returns the instance to solve, with the leave in it and the current roster as
`previous`; `store_repair` records the leave, stores the solved huxue-roster/1 document as
draft rosters and says what changed. The GUI solves in its child process between the two (the
database stays in the window's thread); `repair_sick_call` does all three in one call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, func, select

from huxue.codes import match_code
from huxue.errors import InputError
from huxue.models import AssignmentSource, Leave, Person, Roster, School
from huxue.planning import (
    PlanScope,
    WeekContext,
    load_checked,
    planning_instance,
    roster_pairs,
    scope_rosters,
    solution_stats,
    store_roster_document,
    week_context,
)
from huxue.planning_versions import RosterDiff, diff_pairs
from solver.instance import REPAIR_TIME_LIMIT_S
from solver.solve import result_to_roster_dict, solve

DEFAULT_REASON = "病假"
# A sick call is answered while the planner waits: its solve is never longer than this.


def add_leave(
    session: Session, person_id: int, first: dt.date, last: dt.date, reason: str
) -> Leave:
    """Record leave (a sick call) for a person over an inclusive date range."""
    if last < first:
        raise InputError(f"leave ends ({last.isoformat()}) before it starts ({first.isoformat()})")
    leave = Leave(person_id=person_id, date_from=first, date_to=last, reason=reason)
    session.add(leave)
    session.flush()
    return leave


def person_by_code(session: Session, code: str) -> Person:
    """The person with a code (警号), or an error naming it."""
    person = session.exec(select(Person).where(Person.code == code)).first()
    if person is None:  # typed in another case: the one person whose code it is, if only one
        alike = session.exec(
            select(Person).where(func.lower(Person.code) == code.strip().lower())
        ).all()
        person = match_code(((p.code, p) for p in alike), code)
    if person is None:
        raise InputError(f"unknown person {code!r}")
    return person


def schools_of_sessions(session: Session, keys: Sequence[str], ctx: WeekContext) -> list[School]:
    """The schools whose sheets show any of the given sessions (to reprint after a change)."""
    school_ids = {ctx.sessions[k].school_id for k in keys if k in ctx.sessions}
    if not school_ids:
        return []
    query = select(School).where(col(School.id).in_(school_ids)).order_by(col(School.code))
    return list(session.exec(query).all())


@dataclass(frozen=True)
class RepairRequest:
    """A sick call ready to solve: who, which days, and the instance document of their station's
    week with the leave recorded in it (plain data: it may go to another process)."""

    week_start: dt.date
    station_id: int
    person_id: int
    person_code: str
    first: dt.date
    last: dt.date
    reason: str
    instance_data: dict[str, Any]


@dataclass
class RepairOutcome:
    """A sick call handled: what changed and which sheets to print again."""

    person_code: str
    diff: RosterDiff
    status: str
    wall_s: float
    rosters: list[Roster]
    schools_to_reprint: list[str]
    people_to_notify: list[str]


def repair_request(
    session: Session,
    week_start: dt.date,
    person_code: str,
    first: dt.date,
    last: dt.date,
    *,
    reason: str = DEFAULT_REASON,
) -> RepairRequest:
    """The instance that repairs a sick call: the station's week with the person on leave, the
    current roster as `previous` and its pins, except the person's on their leave days.

    Reads only; refused with `InputError` for bad dates, an unknown person or a week without a
    roster at their station."""
    if last < first:
        raise InputError(f"leave ends ({last.isoformat()}) before it starts ({first.isoformat()})")
    person = person_by_code(session, person_code)
    assert person.id is not None
    scope = PlanScope(week_start, person.station_id)
    if not scope_rosters(session, scope):
        raise InputError(
            f"no roster for the week of {week_start.isoformat()} at {person_code}'s station: "
            "generate one first"
        )
    ctx = week_context(session, scope)
    data = planning_instance(session, scope, ctx=ctx, as_repair=True)
    for entry in data["people"]:
        if entry["id"] == person_code:
            leave = {"from": first.isoformat(), "to": last.isoformat()}
            entry["leave"] = [*entry.get("leave", []), leave]
    # The sick person's pins on their leave days cannot stand; everything else keeps its pin.
    data["pinned"] = [
        p
        for p in data["pinned"]
        if not (p["person"] == person_code and first <= ctx.sessions[p["session"]].date <= last)
    ]
    return RepairRequest(
        week_start, person.station_id, person.id, person_code, first, last, reason, data
    )


def store_repair(
    session: Session, request: RepairRequest, document: dict[str, Any], *, who: str | None = None
) -> RepairOutcome:
    """Record the leave and store the repaired roster (a huxue-roster/1 document) as drafts;
    returns what changed. Runs in the caller's transaction (commit it to accept)."""
    if document.get("status") == "NO_SOLUTION":
        raise InputError("the repair found no roster: the stored roster was left as it is")
    add_leave(session, request.person_id, request.first, request.last, request.reason)
    scope = PlanScope(request.week_start, request.station_id)
    ctx = week_context(session, scope)
    before = [
        (a.session_key, a.person_id)
        for a in roster_pairs(session, scope_rosters(session, scope).values())
        if a.session_key in ctx.sessions
    ]
    report = store_roster_document(
        session,
        ctx,
        document,
        source=AssignmentSource.REPAIR,
        who=who,
        stats=solution_stats(document),
    )
    after = [(p["session"], ctx.person_ids[p["person"]]) for p in document["assignments"]]
    diff = diff_pairs(session, before, after)
    changed = [c.session_key for c in diff.removed + diff.added]
    return RepairOutcome(
        person_code=request.person_code,
        diff=diff,
        status=str(document.get("status", "")),
        wall_s=float(document.get("wall_s", 0.0)),
        rosters=report.rosters,
        schools_to_reprint=[s.code for s in schools_of_sessions(session, changed, ctx)],
        people_to_notify=diff.people,
    )


def repair_sick_call(
    session: Session,
    week_start: dt.date,
    person_code: str,
    first: dt.date,
    last: dt.date,
    *,
    reason: str = DEFAULT_REASON,
    time_limit: float = REPAIR_TIME_LIMIT_S,
    workers: int = 2,
    who: str | None = None,
) -> RepairOutcome:
    """Record leave for a person and re-solve their station's week changing as little as
    possible, in this process; returns what changed. Runs in the caller's transaction (commit
    it to accept)."""
    request = repair_request(session, week_start, person_code, first, last, reason=reason)
    result = solve(load_checked(request.instance_data), time_limit=time_limit, workers=workers)
    return store_repair(session, request, result_to_roster_dict(result), who=who)
