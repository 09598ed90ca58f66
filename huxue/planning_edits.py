"""Manual edits of a week's roster, checked by the rules of `verify`.

`add_duty`, `remove_duty` and `set_pinned` change a `WeekPlan` (see `huxue.planning_views`)
and the database in the caller's transaction. An edit that breaks a rule is refused before
anything is written (`edit_problems` names why, in the core's language); an accepted one is
stored pinned with source "manual". On a week that was published, an edit opens a new draft
version and writes an audit entry. Each edit recomputes the stored shortages, so a stored roster
stays exact for `verify`.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Concatenate, ParamSpec

from sqlmodel import Session, select

from huxue.audit import audit, current_user
from huxue.drafts import DraftMark, DraftState, check_drafts, roster_races, touch
from huxue.i18n import pick
from huxue.models import Assignment, AssignmentSource, Roster, RosterStatus, Station
from huxue.planning import editable_roster, was_published
from huxue.planning_views import WeekPlan, refresh_duties
from huxue.rosters import current_roster
from solver.causes import shortages_with_causes
from solver.instance import Instance, Shortage, shortage_to_dict
from solver.instance import Pair as SolverPair
from solver.instance import Roster as SolverRoster
from solver.rules import RuleBook, session_shortfalls
from solver.verify import verify


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


@dataclass
class EditResult:
    """An edit: refused with its reasons, or done (and whether it opened a new version)."""

    problems: list[str] = field(default_factory=list)
    new_version: bool = False

    @property
    def done(self) -> bool:
        return not self.problems


def needs_new_version(plan: WeekPlan, session_keys: Sequence[str]) -> bool:
    """True when an edit of these sessions writes into a published roster (ask first)."""
    for key in session_keys:
        duty = plan.sessions.get(key)
        if duty is None:
            continue
        roster = plan.rosters.get(duty.station_id)
        if roster is not None and roster.status == RosterStatus.PUBLISHED.value:
            return True
    return False


def check_add(
    plan: WeekPlan, session_key: str, person_code: str, from_key: str | None = None
) -> list[str]:
    """Why putting the person at the session (moving them from `from_key`) breaks a rule."""
    pairs = plan.pairs()
    if from_key is not None:
        if from_key == session_key:
            return []
        pairs = [p for p in pairs if p != (from_key, person_code)]
    return edit_problems(plan.instance, pairs, session_key, person_code)


P = ParamSpec("P")


def _races(
    fn: Callable[Concatenate[Session, WeekPlan, str, P], EditResult],
) -> Callable[Concatenate[Session, WeekPlan, str, P], EditResult]:
    """An edit that lost a race to another planner's write (its roster row or the duty changed
    between the check and the write) is a `RosterConflictError`, like a stale view."""

    def guarded(
        session: Session, plan: WeekPlan, session_key: str, /, *args: P.args, **kwargs: P.kwargs
    ) -> EditResult:
        duty = plan.sessions.get(session_key)
        stations = [duty.station_id] if duty is not None else []
        with roster_races(session, plan.scope.week_start, stations):
            return fn(session, plan, session_key, *args, **kwargs)

    guarded.__doc__, guarded.__name__ = fn.__doc__, fn.__name__
    return guarded


@_races
def add_duty(
    session: Session,
    plan: WeekPlan,
    session_key: str,
    person_code: str,
    *,
    from_key: str | None = None,
    who: str | None = None,
) -> EditResult:
    """Put a person at a session (or move them there from `from_key`), pinned, source manual.

    Refused (nothing written) when a rule breaks. Runs in the caller's transaction.
    """
    problems = check_add(plan, session_key, person_code, from_key)
    if problems:
        return EditResult(problems)
    if from_key == session_key:
        return EditResult()
    who = who or current_user()
    person_id = plan.ctx.person_ids[person_code]
    keys = [session_key] + ([from_key] if from_key else [])
    check_view(session, plan, keys)
    new_version = needs_new_version(plan, keys)
    before: list[str] = []
    after: list[str] = []
    if from_key is not None:
        _delete(session, plan, from_key, person_id, who)
        before.append(f"{from_key}:{person_code}")
    duty = plan.sessions[session_key]
    roster = _editable(session, plan, duty.station_id, who)
    assert roster.id is not None
    session.add(
        Assignment(
            roster_id=roster.id,
            session_key=duty.key,
            post_id=duty.post_id,
            date=duty.date,
            kind=duty.kind,
            start=duty.start,
            end=duty.end,
            person_id=person_id,
            pinned=True,
            source=AssignmentSource.MANUAL.value,
        )
    )
    after.append(f"{session_key}:{person_code}")
    _audit_edit(session, plan, keys, who, "move" if from_key else "add", before, after)
    _finish(session, plan, keys)
    return EditResult(new_version=new_version)


@_races
def remove_duty(
    session: Session, plan: WeekPlan, session_key: str, person_code: str, *, who: str | None = None
) -> EditResult:
    """Take a person off a session. Runs in the caller's transaction."""
    who = who or current_user()
    person_id = plan.ctx.person_ids.get(person_code)
    if person_id is None or not any(
        d.person_id == person_id for d in plan.duties.get(session_key, [])
    ):
        return EditResult([f"{person_code} is not at {session_key}"])
    check_view(session, plan, [session_key])
    new_version = needs_new_version(plan, [session_key])
    _delete(session, plan, session_key, person_id, who)
    _audit_edit(session, plan, [session_key], who, "remove", [f"{session_key}:{person_code}"], [])
    _finish(session, plan, [session_key])
    return EditResult(new_version=new_version)


@_races
def set_pinned(
    session: Session,
    plan: WeekPlan,
    session_key: str,
    person_code: str,
    pinned: bool,
    *,
    who: str | None = None,
) -> EditResult:
    """Pin (keep through a re-generate) or unpin a duty. Runs in the caller's transaction."""
    who = who or current_user()
    person_id = plan.ctx.person_ids.get(person_code)
    duty = plan.sessions.get(session_key)
    if person_id is None or duty is None:
        return EditResult([f"{person_code} is not at {session_key}"])
    check_view(session, plan, [session_key])
    new_version = needs_new_version(plan, [session_key])
    roster = _editable(session, plan, duty.station_id, who)
    row = _row(session, roster, session_key, person_id)
    if row is None:
        return EditResult([f"{person_code} is not at {session_key}"])
    if row.pinned != pinned:
        row.pinned = pinned
        session.add(row)
        touch(session, roster)
        _audit_edit(
            session,
            plan,
            [session_key],
            who,
            "pin" if pinned else "unpin",
            [f"{session_key}:{person_code} pinned={not pinned}"],
            [f"{session_key}:{person_code} pinned={pinned}"],
        )
    session.flush()
    refresh_duties(session, plan)
    _sync_versions(session, plan)
    return EditResult(new_version=new_version)


def view_state(plan: WeekPlan, station_ids: Iterable[int]) -> DraftState:
    """The stations' drafts as the plan (the planner's view) shows them."""
    marks: dict[int, DraftMark | None] = {}
    for sid in station_ids:
        info = plan.rosters.get(sid)
        marks[sid] = None if info is None else DraftMark(info.id, info.row_version, info.status)
    return marks


def check_view(session: Session, plan: WeekPlan, keys: Sequence[str]) -> None:
    """Refuse an edit made from a stale view: `RosterConflictError` when the roster of a
    touched station changed since the plan read it (the caller reloads the view)."""
    stations = {plan.sessions[k].station_id for k in keys if k in plan.sessions}
    check_drafts(session, plan.scope.week_start, view_state(plan, stations))


def _editable(session: Session, plan: WeekPlan, station_id: int, who: str) -> Roster:
    roster = editable_roster(session, plan.scope.week_start, station_id, who)
    assert roster.id is not None
    return roster


def _row(session: Session, roster: Roster, key: str, person_id: int) -> Assignment | None:
    assert roster.id is not None
    query = select(Assignment).where(
        Assignment.roster_id == roster.id,
        Assignment.session_key == key,
        Assignment.person_id == person_id,
    )
    return session.exec(query).first()


def _delete(session: Session, plan: WeekPlan, key: str, person_id: int, who: str) -> None:
    roster = _editable(session, plan, plan.sessions[key].station_id, who)
    row = _row(session, roster, key, person_id)
    if row is not None:
        session.delete(row)
        session.flush()


def _audit_edit(
    session: Session,
    plan: WeekPlan,
    keys: Sequence[str],
    who: str,
    action: str,
    before: list[str],
    after: list[str],
) -> None:
    """Edits of a week that has been published leave a trace (who, when, before/after)."""
    stations = {plan.sessions[k].station_id for k in keys if k in plan.sessions}
    if not any(was_published(session, plan.scope.week_start, sid) for sid in stations):
        return
    for sid in sorted(stations):
        station = session.get(Station, sid)
        label = f"roster {plan.scope.week_start.isoformat()} {station.code if station else sid}"
        audit(session, who, f"manual_{action}", label, {"pairs": before}, {"pairs": after})


def _finish(session: Session, plan: WeekPlan, keys: Sequence[str]) -> None:
    """Re-read the duties and store the shortages as they now stand, per touched station."""
    for sid in sorted({plan.sessions[k].station_id for k in keys if k in plan.sessions}):
        roster = current_roster(session, plan.scope.week_start, sid)
        if roster is not None:
            touch(session, roster)
    session.flush()
    refresh_duties(session, plan)
    stations = {plan.sessions[k].station_id for k in keys if k in plan.sessions}
    shortages = store_shortages(session, plan, stations)
    plan.shortages = {
        s.session: s for s in shortages if plan.sessions[s.session].station_id in plan.rosters
    }
    _sync_versions(session, plan)


def _sync_versions(session: Session, plan: WeekPlan) -> None:
    """The plan now shows the rosters as this edit leaves them: note their stored versions,
    so that the planner's next edit is checked against them."""
    session.flush()
    for sid, info in list(plan.rosters.items()):
        roster = session.get(Roster, info.id)
        if roster is not None:
            plan.rosters[sid] = replace(info, row_version=roster.row_version)


def store_shortages(session: Session, plan: WeekPlan, station_ids: Iterable[int]) -> list[Shortage]:
    """Recompute the short sessions (with causes), store them in the stations' rosters and
    return them all."""
    shortages = shortages_now(plan.instance, plan.pairs())
    by_station: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for s in shortages:
        by_station[plan.sessions[s.session].station_id].append(shortage_to_dict(s))
    for sid in station_ids:
        info = plan.rosters.get(sid)
        if info is None:
            continue
        roster = session.get(Roster, info.id)
        if roster is None:
            continue
        stats = json.loads(roster.stats_json or "{}")
        stats["shortages"] = by_station.get(sid, [])
        seats = sum(d.need_total for d in plan.sessions.values() if d.station_id == sid)
        short = sum(s["missing"]["total"] for s in stats["shortages"])
        stats["seats_filled_now"] = seats - short
        roster.stats_json = json.dumps(stats, ensure_ascii=False, sort_keys=True)
        session.add(roster)
    session.flush()
    return shortages
