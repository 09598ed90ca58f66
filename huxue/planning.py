"""Planning a week: solve and store drafts, manual edits checked by the rules, sick-call repair,
publishing versions, comparing them, and the audit trail.

Rosters are stored per week and station (`huxue.rosters`). A solve over the whole district is
split by station when stored. A published version is never changed: the first edit after
publishing opens a new draft version, and every change to a week that has been published writes
an `AuditEntry`.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlmodel import Session, col, select

from huxue.attendance.learn import with_real_load
from huxue.errors import InputError
from huxue.i18n import pick
from huxue.instance import week_instance
from huxue.models import (
    Assignment,
    AssignmentSource,
    AuditEntry,
    Leave,
    Person,
    Roster,
    RosterStatus,
    School,
    Station,
)
from huxue.rosters import current_roster, roster_assignments
from huxue.week import DutySession, WeekExpansion, expand_week
from solver.causes import shortages_with_causes
from solver.instance import Instance, InstanceError, Shortage, load_instance
from solver.instance import Pair as SolverPair
from solver.instance import Roster as SolverRoster
from solver.rules import RuleBook, session_shortfalls
from solver.solve import Result, result_to_roster_dict, solve
from solver.verify import verify

ROSTER_FORMAT = "huxue-roster/1"


class StopFlag(Protocol):
    """What a solve polls to learn it should stop (a `threading.Event` will do)."""

    def is_set(self) -> bool: ...


ProgressFn = Callable[[float, float, float, int], None]


def current_user() -> str:
    """Who is making a change, for the audit trail."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (service account, odd containers)
        return "unknown"


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


def roster_pairs(session: Session, rosters: Iterable[Roster]) -> list[Assignment]:
    """The assignments of the given rosters."""
    return roster_assignments(session, [r.id for r in rosters if r.id is not None])


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


def audit(
    session: Session, who: str, action: str, entity: str, before: Any, after: Any
) -> AuditEntry:
    """Record a change (who, when, before/after) in the audit trail."""
    entry = AuditEntry(
        at=_now(),
        who=who,
        action=action,
        entity=entity[:120],
        before_json=json.dumps(before, ensure_ascii=False, sort_keys=True, default=str),
        after_json=json.dumps(after, ensure_ascii=False, sort_keys=True, default=str),
    )
    session.add(entry)
    return entry


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
) -> StoreReport:
    """Replace the scope's draft assignments with a huxue-roster/1 document's, per station.

    Pins in the draft survive as pins when the document keeps their pair. Runs in the caller's
    transaction: commit or roll back as a whole.
    """
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
    for sid in ctx.station_ids:
        published = was_published(session, ctx.scope.week_start, sid)
        roster = editable_roster(session, ctx.scope.week_start, sid, who)
        assert roster.id is not None
        old = roster_assignments(session, [roster.id])
        pinned = {(a.session_key, a.person_id) for a in old if a.pinned}
        old_sources = {(a.session_key, a.person_id): a.source for a in old}
        for a in old:
            session.delete(a)
        session.flush()
        new_pairs = by_station.get(sid, [])
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
        report.rosters.append(roster)
    session.flush()
    return report


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
    session: Session, week_start: dt.date, station_id: int | None = None, who: str | None = None
) -> list[Roster]:
    """Lock the week's current drafts (one station or all) as published versions."""
    who = who or current_user()
    done = []
    for roster in scope_rosters(session, PlanScope(week_start, station_id)).values():
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
    if not done and not scope_rosters(session, PlanScope(week_start, station_id)):
        raise InputError(f"no roster for the week of {week_start.isoformat()} to publish")
    session.flush()
    return done


@dataclass(frozen=True)
class Change:
    """One pair that differs between two rosters."""

    session_key: str
    person_code: str
    person_name: str


@dataclass
class RosterDiff:
    """What changed between two rosters of a week: removed, added, and moves of one person
    from one session to another on the same day."""

    removed: list[Change] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)
    moved: list[tuple[Change, Change]] = field(default_factory=list)

    @property
    def people(self) -> list[str]:
        """Codes of everyone the changes touch."""
        codes = {c.person_code for c in self.removed + self.added}
        return sorted(codes)


def diff_pairs(
    session: Session, before: Iterable[tuple[str, int]], after: Iterable[tuple[str, int]]
) -> RosterDiff:
    """Compare two sets of (session key, person id) pairs."""
    before_set, after_set = set(before), set(after)
    ids = {p for _, p in before_set | after_set}
    people = {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(ids))).all()}

    def change(key: str, pid: int) -> Change:
        person = people[pid]
        return Change(key, person.code, person.name)

    diff = RosterDiff(
        removed=[change(k, p) for k, p in sorted(before_set - after_set)],
        added=[change(k, p) for k, p in sorted(after_set - before_set)],
    )
    for gone in diff.removed:
        day = gone.session_key.split("/")[1] if "/" in gone.session_key else ""
        for new in diff.added:
            if new.person_code == gone.person_code and f"/{day}/" in new.session_key:
                diff.moved.append((gone, new))
                break
    return diff


def compare_rosters(session: Session, old_id: int, new_id: int) -> RosterDiff:
    """What changed between two stored rosters (versions of one week, say)."""
    old = roster_assignments(session, [old_id])
    new = roster_assignments(session, [new_id])
    return diff_pairs(
        session,
        [(a.session_key, a.person_id) for a in old],
        [(a.session_key, a.person_id) for a in new],
    )


def roster_versions(session: Session, week_start: dt.date, station_id: int) -> list[Roster]:
    """Every version of a week's roster for a station, oldest first."""
    query = (
        select(Roster)
        .where(Roster.week_start == week_start, Roster.station_id == station_id)
        .order_by(col(Roster.version))
    )
    return list(session.exec(query).all())


def audit_entries(session: Session, limit: int = 500) -> list[AuditEntry]:
    """The newest audit entries first."""
    query = select(AuditEntry).order_by(col(AuditEntry.at).desc()).limit(limit)
    return list(session.exec(query).all())


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


# --------------------------------------------------------------------------- solving


def load_checked(data: dict[str, Any]) -> Instance:
    """Parse an instance document, turning the solver's validation error into `InputError`."""
    try:
        return load_instance(data)
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
) -> SolveOutcome:
    """Solve the scope's week keeping its pins, and store the result as draft rosters.

    Runs in the caller's transaction (commit it). The GUI runs the solve itself in a child
    process and stores with `store_solution`; this is the headless path.
    """
    ctx = week_context(session, scope)
    data = planning_instance(session, scope, ctx=ctx)
    instance = load_checked(data)
    result = solve(
        instance, time_limit=time_limit, workers=workers, on_progress=on_progress, stop=stop
    )
    return store_solution(session, ctx, result, who=who)


def store_solution(
    session: Session,
    ctx: WeekContext,
    result: Result,
    *,
    source: AssignmentSource = AssignmentSource.SOLVER,
    who: str | None = None,
) -> SolveOutcome:
    """Store a solver result for the context's week as draft rosters."""
    document = result_to_roster_dict(result)
    report = store_roster_document(
        session, ctx, document, source=source, who=who, stats=solution_stats(document)
    )
    return SolveOutcome(result, document, report.rosters, ctx.warnings, ctx)


@dataclass
class RepairOutcome:
    """A sick call handled: what changed and which sheets to print again."""

    person_code: str
    diff: RosterDiff
    result: Result
    rosters: list[Roster]
    schools_to_reprint: list[str]
    people_to_notify: list[str]


def repair_sick_call(
    session: Session,
    week_start: dt.date,
    person_code: str,
    first: dt.date,
    last: dt.date,
    *,
    reason: str = "病假",
    time_limit: float = 10.0,
    workers: int = 2,
    who: str | None = None,
) -> RepairOutcome:
    """Record leave for a person and re-solve their station's week changing as little as
    possible; returns what changed. Runs in the caller's transaction (commit it to accept)."""
    person = person_by_code(session, person_code)
    assert person.id is not None
    add_leave(session, person.id, first, last, reason)
    scope = PlanScope(week_start, person.station_id)
    ctx = week_context(session, scope)
    rosters = scope_rosters(session, scope)
    if not rosters:
        raise InputError(
            f"no roster for the week of {week_start.isoformat()} at {person_code}'s station: "
            "generate one first"
        )
    before = [(a.session_key, a.person_id) for a in roster_pairs(session, rosters.values())]
    data = planning_instance(session, scope, ctx=ctx, as_repair=True)
    # The sick person's pins on their leave days cannot stand; everything else keeps its pin.
    data["pinned"] = [
        p
        for p in data["pinned"]
        if not (p["person"] == person_code and first <= ctx.sessions[p["session"]].date <= last)
    ]
    instance = load_checked(data)
    result = solve(instance, time_limit=time_limit, workers=workers)
    outcome = store_solution(session, ctx, result, source=AssignmentSource.REPAIR, who=who)
    after = [(p.session, ctx.person_ids[p.person]) for p in result.assignments]
    diff = diff_pairs(session, before, after)
    changed = [c.session_key for c in diff.removed + diff.added]
    return RepairOutcome(
        person_code=person_code,
        diff=diff,
        result=result,
        rosters=outcome.rosters,
        schools_to_reprint=[s.code for s in schools_of_sessions(session, changed, ctx)],
        people_to_notify=diff.people,
    )


def edit_problems(
    instance: Instance, pairs: Sequence[tuple[str, str]], session_key: str, person_code: str
) -> list[str]:
    """Why adding (session, person) to `pairs` breaks a rule — the same rules as `verify`.

    An empty list means the edit is allowed. Only the rules touching this person or this
    session are reported (others' problems are not this edit's), in the core's language.
    """
    if session_key not in instance.session_by_id:
        return [pick(f"未知时段 {session_key}", f'unknown session "{session_key}"')]
    person = instance.person_by_id.get(person_code)
    if person is None:
        return [pick(f"未知人员 {person_code}", f'unknown person "{person_code}"')]
    who = f"{person.name}（{person.id}）"
    if (session_key, person_code) in set(pairs):
        return [pick(f"{who}已在该时段", f"{person_code} is already at {session_key}")]
    proposed = [SolverPair(s, p) for s, p in pairs if p == person_code or s == session_key]
    proposed.append(SolverPair(session_key, person_code))
    roster = SolverRoster(tuple(proposed), ())
    problems = []
    for v in verify(instance, roster):
        if v.rule in ("shortages", "pinned"):
            continue
        if v.person == person_code or (v.session == session_key and v.person is None):
            problems.append(_rule_message(v.rule, who, v.message, person))
    return problems


def _rule_message(rule: str, who: str, detail: str, person: Any) -> str:
    """A verifier finding in the planner's words (the verifier's own text in English)."""
    zh = {
        "station": f"{who}只在本派出所辖区学校执勤",
        "reach": f"{who}不在此校的服务范围（非首选学校，且离家超出志愿者半径）",
        "leave": f"{who}当天休假",
        "availability": f"{who}在该时段不可执勤",
        "overlap": f"{who}与当天另一岗位时间冲突（含路程）",
        "max_per_day": f"{who}已达每日上限 {person.max_per_day} 次",
        "max_per_week": f"{who}已达每周上限 {person.max_per_week} 次",
        "need_total": "该时段人数已满",
        "duplicate": f"{who}已在该时段",
    }.get(rule)
    return pick(zh, detail) if zh else detail


def shortages_now(instance: Instance, pairs: Sequence[tuple[str, str]]) -> list[Shortage]:
    """The short sessions of a roster as it stands (after manual edits), with causes."""
    assignments = [SolverPair(s, p) for s, p in pairs]
    missing = session_shortfalls(instance, assignments)
    return shortages_with_causes(instance, RuleBook(instance), assignments, missing)
