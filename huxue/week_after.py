"""Plan a week from an earlier one: the earlier week's published roster is the starting point
and the continuity target (same gates, same people), and earlier weeks' load feeds fairness.

With the same bells and people nothing changes; leave or a holiday changes only what it must
(the solve is a minimal-change repair of the earlier roster carried over to the new dates).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, col, select

from huxue.drafts import draft_state
from huxue.errors import InputError
from huxue.i18n import pick
from huxue.models import Assignment, Roster, RosterStatus
from huxue.planning import (
    PlanScope,
    SolveOutcome,
    WeekContext,
    load_checked,
    planning_instance,
    store_solution,
    week_context,
)
from huxue.week import monday_of
from solver.solve import solve


@dataclass
class CarriedOver:
    """An earlier week's roster moved onto a later week's dates."""

    pairs: list[dict[str, str]]  # huxue-roster/1 pairs of the later week
    dropped: int  # earlier pairs with no session (or person) in the later week


def published_rosters(session: Session, week_start: dt.date, scope: PlanScope) -> list[Roster]:
    """The newest published version of the week's roster for each station in scope."""
    query = select(Roster).where(
        Roster.week_start == week_start, Roster.status == RosterStatus.PUBLISHED.value
    )
    if scope.station_id is not None:
        query = query.where(Roster.station_id == scope.station_id)
    newest: dict[int | None, Roster] = {}
    for roster in session.exec(query).all():
        kept = newest.get(roster.station_id)
        if kept is None or roster.version > kept.version:
            newest[roster.station_id] = roster
    return sorted(newest.values(), key=lambda r: r.station_id or 0)


def shifted_key(key: str, days: int) -> str:
    """A session key (post/date/kind[#n]) moved by `days`."""
    post, date, rest = key.rsplit("/", 2)
    return f"{post}/{(dt.date.fromisoformat(date) + dt.timedelta(days=days)).isoformat()}/{rest}"


def carry_over(
    session: Session, ctx: WeekContext, from_week: dt.date, present: set[str]
) -> CarriedOver:
    """The earlier week's published pairs on the later week's dates (only those whose
    session exists in the later week and whose person is in its instance)."""
    rosters = published_rosters(session, from_week, ctx.scope)
    if not rosters:
        raise InputError(
            pick(
                f"{from_week.isoformat()} 所在周没有已发布的排班，请先发布",
                f"the week of {from_week.isoformat()} has no published roster: publish it first",
            )
        )
    days = (ctx.scope.week_start - from_week).days
    rows = session.exec(
        select(Assignment).where(col(Assignment.roster_id).in_([r.id for r in rosters]))
    ).all()
    pairs: list[dict[str, str]] = []
    dropped = 0
    for row in rows:
        key = shifted_key(row.session_key, days)
        code = ctx.person_codes.get(row.person_id)
        if key in ctx.sessions and code in present:
            pairs.append({"session": key, "person": code})
        else:
            dropped += 1
    pairs.sort(key=lambda p: (p["session"], p["person"]))
    return CarriedOver(pairs, dropped)


def earlier_load(session: Session, before: dt.date, scope: PlanScope) -> Counter[int]:
    """Duties per person id in the published rosters of the weeks before `before`."""
    query = select(Roster).where(
        Roster.week_start < before, Roster.status == RosterStatus.PUBLISHED.value
    )
    weeks = {roster.week_start for roster in session.exec(query).all()}
    load: Counter[int] = Counter()
    for week in sorted(weeks):
        ids = [r.id for r in published_rosters(session, week, scope) if r.id is not None]
        if ids:
            rows = select(Assignment.person_id).where(col(Assignment.roster_id).in_(ids))
            load.update(session.exec(rows).all())
    return load


@dataclass
class WeekAfterOutcome:
    """A week planned from an earlier one and stored as draft rosters."""

    outcome: SolveOutcome
    carried: int  # earlier pairs carried over to this week
    dropped: int  # earlier pairs with no session or person this week
    kept: int  # carried pairs the new roster keeps


def week_after_instance(
    session: Session, scope: PlanScope, from_week: dt.date, ctx: WeekContext
) -> tuple[dict[str, Any], CarriedOver]:
    """The week as huxue-instance/1 with the earlier week's roster as `previous` and earlier
    weeks' published load added to each person's `history_load`."""
    data = planning_instance(session, scope, ctx=ctx)
    present = {p["id"] for p in data["people"]}
    carried = carry_over(session, ctx, from_week, present)
    data["previous"] = carried.pairs
    load = earlier_load(session, scope.week_start, scope)
    for person in data["people"]:
        person_id = ctx.person_ids.get(person["id"])
        if person_id is not None:
            person["history_load"] = float(person.get("history_load") or 0) + load[person_id]
    return data, carried


def plan_week_after(
    session: Session,
    scope: PlanScope,
    from_week: dt.date,
    *,
    time_limit: float | None = None,
    workers: int = 2,
    who: str | None = None,
    replace: bool = False,
) -> WeekAfterOutcome:
    """Plan the scope's week starting from `from_week`'s published roster (same gates, same
    people; leave, holidays and changed bells change only what they must) and store it as
    draft rosters. Runs in the caller's transaction (commit it to accept); drafts changed
    while it solved: `RosterConflictError`, unless `replace`."""
    from_week = monday_of(from_week)
    if from_week == scope.week_start:
        raise InputError(pick("起始周不能是本周", "--from-week must be another week"))
    ctx = week_context(session, scope)
    started = draft_state(session, scope.week_start, ctx.station_ids)
    data, carried = week_after_instance(session, scope, from_week, ctx)
    instance = load_checked(data)
    result = solve(instance, time_limit=time_limit, workers=workers)
    outcome = store_solution(session, ctx, result, who=who, expected=started, replace=replace)
    chosen = {(p.session, p.person) for p in result.assignments}
    kept = sum(1 for p in carried.pairs if (p["session"], p["person"]) in chosen)
    return WeekAfterOutcome(outcome, len(carried.pairs), carried.dropped, kept)
