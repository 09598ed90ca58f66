"""Planning a week: its duty sessions and instance, solving it, storing drafts, publishing.

Rosters are stored per week and station (`huxue.rosters`). A solve over the whole district is
split by station when stored. A published version is never changed: the first change after
publishing opens a new draft version, and every change to a week that has been published writes
an `AuditEntry`. Manual edits are in `huxue.planning_edits`, the sick-call repair in
`huxue.planning_repair`, version comparison in `huxue.planning_versions`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlmodel import Session, select

from huxue.attendance.learn import with_real_load, with_turnout
from huxue.audit import audit, current_user
from huxue.drafts import (
    DraftState,
    check_drafts,
    draft_state,
    mark_of,
    roster_races,
    touch,
)
from huxue.errors import InputError, RosterConflictError
from huxue.i18n import pick
from huxue.instance import week_instance
from huxue.models import (
    Assignment,
    AssignmentSource,
    Person,
    Roster,
    RosterStatus,
    Station,
)
from huxue.rosters import RosterDuty, current_roster, roster_assignments, roster_duties
from huxue.week import DutySession, WeekExpansion, expand_week
from solver.instance import Instance, InstanceError, load_instance
from solver.solve import Result, result_to_roster_dict, solve
from solver.verify import check_pinned

ROSTER_FORMAT = "huxue-roster/1"


class StopFlag(Protocol):
    """What a solve polls to learn it should stop (a `threading.Event` will do)."""

    def is_set(self) -> bool: ...


ProgressFn = Callable[[float, float, float, int], None]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class PlanScope:
    """A week and a station (None: the whole district)."""

    week_start: dt.date
    station_id: int | None = None


@dataclass
class WeekContext:
    """A week's duty sessions and the code ↔ id maps needed to store and show a roster."""

    scope: PlanScope
    expansion: WeekExpansion
    sessions: dict[str, DutySession]
    person_ids: dict[str, int]
    person_codes: dict[int, str]
    station_ids: list[int]

    @property
    def warnings(self) -> list[str]:
        return self.expansion.warnings


def week_context(session: Session, scope: PlanScope) -> WeekContext:
    """Expand the week once and load the maps every planning step needs."""
    expansion = expand_week(session, scope.week_start, scope.station_id)
    people = session.exec(select(Person.id, Person.code)).all()
    station_query = select(Station.id)
    if scope.station_id is not None:
        station_query = station_query.where(Station.id == scope.station_id)
    station_ids = [sid for sid in session.exec(station_query).all() if sid is not None]
    return WeekContext(
        scope=scope,
        expansion=expansion,
        sessions={s.key: s for s in expansion.sessions},
        person_ids={code: pid for pid, code in people if pid is not None},
        person_codes={pid: code for pid, code in people if pid is not None},
        station_ids=sorted(station_ids),
    )


class NothingToPlanError(InputError):
    """The week has no duty session at all (vacation, outside every term, closed...): nothing
    is solved and nothing stored. `reason` is `WeekExpansion.idle_reason()`'s code."""

    def __init__(self, week: dt.date, reason: str) -> None:
        super().__init__(idle_text(week, reason))
        self.week = week
        self.reason = reason


_IDLE_TEXTS = {
    "vacation": (
        "是假期（寒暑假），学校不上课，没有需要排班的护学岗。",
        "falls in a school vacation (winter or summer break): there is nothing to plan.",
    ),
    "no_term": (
        "不在任何学期内，学校不上课，没有需要排班的护学岗。",
        "lies outside every school term: there is nothing to plan.",
    ),
    "closure": (
        "各校全部停课，没有需要排班的护学岗。",
        "has every school closed: there is nothing to plan.",
    ),
    "holiday": (
        "是法定节假日，学校放假，没有需要排班的护学岗。",
        "is a public holiday: schools are off and there is nothing to plan.",
    ),
    "no_schools": (
        "所选范围内没有在用的学校，没有需要排班的护学岗。",
        "has no active school in scope: there is nothing to plan.",
    ),
    "no_posts": (
        "所选范围内的学校没有在用的护学岗，没有需要排班的内容。",
        "has no active post at the schools in scope: there is nothing to plan.",
    ),
    "no_needs": (
        "各岗位在学校的作息时段都不需要人员，没有需要排班的内容。",
        "has no post that needs people at the schools' bell times: there is nothing to plan.",
    ),
}


def idle_text(week: dt.date, reason: str) -> str:
    """Why the week of `week` has nothing to plan, in the user's language (see
    `WeekExpansion.idle_reason` for the reason codes)."""
    zh, en = _IDLE_TEXTS.get(reason, _IDLE_TEXTS["no_needs"])
    return pick(
        f"{week.year}年{week.month}月{week.day}日这一周{zh}",
        f"The week of {week.isoformat()} {en}",
    )


def check_week_has_sessions(ctx: WeekContext) -> None:
    """Raise `NothingToPlanError` when the context's week has no duty session at all."""
    reason = ctx.expansion.idle_reason()
    if reason is not None:
        raise NothingToPlanError(ctx.scope.week_start, reason)


def scope_rosters(session: Session, scope: PlanScope) -> dict[int, Roster]:
    """The current roster of each station in scope that has one."""
    ctx_ids = (
        [scope.station_id]
        if scope.station_id is not None
        else [s for s in session.exec(select(Station.id)).all() if s is not None]
    )
    found = {}
    for sid in ctx_ids:
        roster = current_roster(session, scope.week_start, sid)
        if roster is not None:
            found[sid] = roster
    return found


def roster_pairs(session: Session, rosters: Iterable[Roster]) -> list[RosterDuty]:
    """The assignments of the given rosters (session, person, pinned, source)."""
    return roster_duties(session, [r.id for r in rosters if r.id is not None])


def planning_instance(
    session: Session,
    scope: PlanScope,
    *,
    ctx: WeekContext | None = None,
    keep_pins: bool = True,
    as_repair: bool = False,
    time_limit_s: float | None = None,
) -> dict[str, Any]:
    """The scope's week as huxue-instance/1, with the current roster's pins (and, for a repair,
    its assignments as `previous`)."""
    ctx = ctx or week_context(session, scope)
    data = week_instance(session, scope.week_start, scope.station_id, expansion=ctx.expansion)
    with_real_load(session, data)  # fairness weighs the duties people stood, once recorded
    with_turnout(session, data)  # the lone-officer rule reads turnout, when switched on
    if not (keep_pins or as_repair):  # the rosters are not needed
        if time_limit_s is not None:
            data["rules"]["time_limit_s"] = time_limit_s
        return data
    rows = roster_pairs(session, scope_rosters(session, scope).values())
    present = {p["id"] for p in data["people"]}
    keys = set(ctx.sessions)
    pairs = [
        {"session": a.session_key, "person": ctx.person_codes[a.person_id]}
        for a in rows
        if a.session_key in keys and ctx.person_codes.get(a.person_id) in present
    ]
    if keep_pins:
        pinned_keys = {(a.session_key, a.person_id) for a in rows if a.pinned}
        data["pinned"] = [
            p for p in pairs if (p["session"], ctx.person_ids[p["person"]]) in pinned_keys
        ]
    if as_repair:
        data["previous"] = pairs
    if time_limit_s is not None:
        data["rules"]["time_limit_s"] = time_limit_s
    return data


def _new_version(session: Session, roster: Roster, who: str) -> Roster:
    """A new draft version copying a published roster's assignments."""
    assert roster.id is not None
    draft = Roster(
        week_start=roster.week_start,
        station_id=roster.station_id,
        status=RosterStatus.DRAFT.value,
        version=roster.version + 1,
        created_at=_now(),
        stats_json=roster.stats_json,
    )
    session.add(draft)
    session.flush()
    for a in roster_assignments(session, [roster.id]):
        session.add(_copy_assignment(a, draft))
    audit(
        session,
        who,
        "new_version",
        _roster_label(session, draft),
        {"from": roster.version},
        {"version": draft.version},
    )
    return draft


def _copy_assignment(a: Assignment, roster: Roster) -> Assignment:
    assert roster.id is not None
    return Assignment(
        roster_id=roster.id,
        session_key=a.session_key,
        post_id=a.post_id,
        date=a.date,
        kind=a.kind,
        start=a.start,
        end=a.end,
        person_id=a.person_id,
        pinned=a.pinned,
        source=a.source,
    )


def _roster_label(session: Session, roster: Roster) -> str:
    station = session.get(Station, roster.station_id) if roster.station_id else None
    name = station.code if station else "district"
    return f"roster {roster.week_start.isoformat()} {name} v{roster.version}"


def was_published(session: Session, week_start: dt.date, station_id: int) -> bool:
    """True when any version of the week's roster for the station has been published."""
    query = select(Roster.id).where(
        Roster.week_start == week_start,
        Roster.station_id == station_id,
        Roster.status == RosterStatus.PUBLISHED.value,
    )
    return session.exec(query.limit(1)).first() is not None


def editable_roster(session: Session, week_start: dt.date, station_id: int, who: str) -> Roster:
    """The draft to write into: the current draft, a new version after a published one, or a
    first draft."""
    roster = current_roster(session, week_start, station_id)
    if roster is None:
        roster = Roster(
            week_start=week_start,
            station_id=station_id,
            status=RosterStatus.DRAFT.value,
            version=1,
            created_at=_now(),
        )
        session.add(roster)
        session.flush()
        return roster
    if roster.status == RosterStatus.PUBLISHED.value:
        return _new_version(session, roster, who)
    return roster


@dataclass
class StoreReport:
    """What storing a solved roster did, per station."""

    rosters: list[Roster] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


def store_roster_document(
    session: Session,
    ctx: WeekContext,
    document: dict[str, Any],
    *,
    source: AssignmentSource = AssignmentSource.SOLVER,
    who: str | None = None,
    stats: dict[str, Any] | None = None,
    expected: DraftState | None = None,
    replace: bool = False,
) -> StoreReport:
    """Replace the scope's draft assignments with a huxue-roster/1 document's, per station.

    Pins in the draft survive as pins when the document keeps their pair. Runs in the caller's
    transaction: commit or roll back as a whole. With `expected` (the drafts as they were when
    the solve started), a station whose roster changed meanwhile — an edit, another solve, a
    publish — refuses the whole store with `RosterConflictError`, unless `replace` says to
    replace the newer draft (a published roster is never written: a new version is). A store
    that loses a race to another writer is the same conflict.
    """
    check_week_has_sessions(ctx)  # an idle week stores no empty drafts
    who = who or current_user()
    report = StoreReport()
    by_station: dict[int, list[tuple[DutySession, int]]] = defaultdict(list)
    for pair in document.get("assignments", []):
        duty = ctx.sessions.get(pair["session"])
        pid = ctx.person_ids.get(pair["person"])
        if duty is None or pid is None:
            report.unknown.append(f"{pair['session']} / {pair['person']}")
            continue
        by_station[duty.station_id].append((duty, pid))
    if report.unknown:
        raise InputError(
            "the roster names sessions or people this week does not have: "
            + ", ".join(report.unknown[:5])
        )
    shortages = document.get("shortages", [])
    with roster_races(session, ctx.scope.week_start, ctx.station_ids):
        if expected is not None:
            _check_expected(session, ctx, expected, replace, who)
        for sid in ctx.station_ids:
            pairs = by_station.get(sid, [])
            roster = _store_station(session, ctx, sid, pairs, shortages, source, who, stats)
            report.rosters.append(roster)
        session.flush()
    return report


def _check_expected(
    session: Session, ctx: WeekContext, expected: DraftState, replace: bool, who: str
) -> None:
    """Refuse a store over drafts that moved on; with `replace`, record that it replaces
    them (an audit entry per station)."""
    for sid in ctx.station_ids:
        try:
            check_drafts(session, ctx.scope.week_start, {sid: expected.get(sid)})
        except RosterConflictError as conflict:
            if not replace:
                raise
            audit(session, who, "replace_draft", conflict.label, conflict.theirs, conflict.mine)


def _store_station(
    session: Session,
    ctx: WeekContext,
    sid: int,
    new_pairs: list[tuple[DutySession, int]],
    shortages: list[Any],
    source: AssignmentSource,
    who: str,
    stats: dict[str, Any] | None,
) -> Roster:
    """Write one station's part of a stored roster into its editable draft."""
    published = was_published(session, ctx.scope.week_start, sid)
    roster = editable_roster(session, ctx.scope.week_start, sid, who)
    touch(session, roster)
    assert roster.id is not None
    old = roster_assignments(session, [roster.id])
    pinned = {(a.session_key, a.person_id) for a in old if a.pinned}
    old_sources = {(a.session_key, a.person_id): a.source for a in old}
    for a in old:
        session.delete(a)
    session.flush()
    for duty, pid in new_pairs:
        key = (duty.key, pid)
        session.add(
            _assignment(
                roster,
                duty,
                pid,
                pinned=key in pinned,
                source=AssignmentSource(old_sources.get(key, source.value)),
            )
        )
    station_keys = {s.key for s in ctx.expansion.sessions if s.station_id == sid}
    roster_stats = dict(stats or {})
    roster_stats["shortages"] = [s for s in shortages if s.get("session") in station_keys]
    roster.stats_json = json.dumps(roster_stats, ensure_ascii=False, sort_keys=True)
    session.add(roster)
    if published:
        before = sorted(f"{k}:{ctx.person_codes[p]}" for k, p in old_sources)
        after = sorted(f"{d.key}:{ctx.person_codes[p]}" for d, p in new_pairs)
        removed = sorted(set(before) - set(after))
        added = sorted(set(after) - set(before))
        if removed or added:
            audit(
                session,
                who,
                source.value,
                _roster_label(session, roster),
                {"removed": removed},
                {"added": added},
            )
    return roster


def _assignment(
    roster: Roster, duty: DutySession, person_id: int, *, pinned: bool, source: AssignmentSource
) -> Assignment:
    assert roster.id is not None
    return Assignment(
        roster_id=roster.id,
        session_key=duty.key,
        post_id=duty.post_id,
        date=duty.date,
        kind=duty.kind,
        start=duty.start,
        end=duty.end,
        person_id=person_id,
        pinned=pinned,
        source=source.value,
    )


def roster_document(session: Session, ctx: WeekContext) -> dict[str, Any]:
    """The scope's current rosters as one huxue-roster/1 document (shortages recomputed by the
    caller's verifier or the solver; stored ones are copied)."""
    rosters = scope_rosters(session, ctx.scope)
    pairs = [
        {"session": a.session_key, "person": ctx.person_codes[a.person_id]}
        for a in roster_pairs(session, rosters.values())
        if a.session_key in ctx.sessions
    ]
    shortages: list[Any] = []
    for roster in rosters.values():
        shortages.extend(json.loads(roster.stats_json or "{}").get("shortages", []))
    return {"format": ROSTER_FORMAT, "assignments": pairs, "shortages": shortages}


def publish(
    session: Session,
    week_start: dt.date,
    station_id: int | None = None,
    who: str | None = None,
    *,
    expected: DraftState | None = None,
) -> list[Roster]:
    """Lock the week's current drafts (one station or all) as published versions.

    With `expected` (the drafts as the planner saw them), a draft that changed since — a solve
    stored, another planner's edit — is not published: `RosterConflictError`. Each roster
    row is locked (PostgreSQL) and its version checked by its UPDATE, so a store racing the
    publish either lands before it (and is published, as the planner saw it when `expected`
    is given) or fails as a conflict; it never changes a published roster.
    """
    who = who or current_user()
    done = []
    rosters = scope_rosters(session, PlanScope(week_start, station_id))
    seen = expected if expected is not None else {sid: mark_of(r) for sid, r in rosters.items()}
    with roster_races(session, week_start, rosters):
        locked = check_drafts(session, week_start, seen)
        done = _publish_rosters(session, [r for r in locked.values() if r is not None], who)
    if not done and not rosters:
        raise InputError(f"no roster for the week of {week_start.isoformat()} to publish")
    return done


def _publish_rosters(session: Session, rosters: Iterable[Roster], who: str) -> list[Roster]:
    done = []
    for roster in rosters:
        if roster.status == RosterStatus.PUBLISHED.value:
            continue
        roster.status = RosterStatus.PUBLISHED.value
        roster.published_at = _now()
        session.add(roster)
        audit(
            session,
            who,
            "publish",
            _roster_label(session, roster),
            {"status": "draft"},
            {"status": "published", "version": roster.version},
        )
        done.append(roster)
    session.flush()
    return done


# --------------------------------------------------------------------------- solving


def load_checked(data: dict[str, Any]) -> Instance:
    """Parse an instance document, turning the solver's validation error into `InputError`."""
    try:
        return check_pinned(load_instance(data))
    except InstanceError as exc:
        raise InputError(str(exc)) from exc


@dataclass
class SolveOutcome:
    """A solve stored as draft rosters."""

    result: Result
    document: dict[str, Any]
    rosters: list[Roster]
    warnings: list[str]
    ctx: WeekContext


def solution_stats(document: dict[str, Any]) -> dict[str, Any]:
    """What a stored roster keeps of a huxue-roster/1 document's solve (shown in the GUI and
    the summaries): status, objective, bound, gap, time and the numeric statistics."""
    stats: dict[str, Any] = {
        k: document[k] for k in ("status", "objective", "bound", "gap", "wall_s") if k in document
    }
    raw = document.get("stats") or {}
    stats.update({k: v for k, v in raw.items() if isinstance(v, int | float | str)})
    return stats


def solve_week(
    session: Session,
    scope: PlanScope,
    *,
    time_limit: float | None = None,
    workers: int = 2,
    on_progress: ProgressFn | None = None,
    stop: StopFlag | None = None,
    who: str | None = None,
    replace: bool = False,
) -> SolveOutcome:
    """Solve the scope's week keeping its pins, and store the result as draft rosters.

    Runs in the caller's transaction (commit it). The GUI runs the solve itself in a child
    process and stores with `store_solution`; this is the headless path. A week without any
    duty session raises `NothingToPlanError` and stores nothing. When the week's drafts
    changed while the solve ran, `RosterConflictError` (nothing stored) unless `replace`.
    """
    ctx = week_context(session, scope)
    check_week_has_sessions(ctx)
    started = draft_state(session, scope.week_start, ctx.station_ids)
    data = planning_instance(session, scope, ctx=ctx)
    instance = load_checked(data)
    result = solve(
        instance, time_limit=time_limit, workers=workers, on_progress=on_progress, stop=stop
    )
    return store_solution(session, ctx, result, who=who, expected=started, replace=replace)


def store_solution(
    session: Session,
    ctx: WeekContext,
    result: Result,
    *,
    source: AssignmentSource = AssignmentSource.SOLVER,
    who: str | None = None,
    expected: DraftState | None = None,
    replace: bool = False,
) -> SolveOutcome:
    """Store a solver result for the context's week as draft rosters (see
    `store_roster_document` for `expected` and `replace`)."""
    document = result_to_roster_dict(result)
    report = store_roster_document(
        session,
        ctx,
        document,
        source=source,
        who=who,
        stats=solution_stats(document),
        expected=expected,
        replace=replace,
    )
    return SolveOutcome(result, document, report.rosters, ctx.warnings, ctx)
