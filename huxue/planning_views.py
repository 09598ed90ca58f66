"""What the planning page shows and the edits it makes, without Qt.

`load_week_plan` reads a week (one station or the district) once: its duty sessions, the
solver instance, people, posts and the current rosters. Manual edits (`add_duty`,
`remove_duty`, `set_pinned`) are checked by `huxue.planning.edit_problems` — the rules of
`verify` — and stored pinned with source "manual"; on a week that was published they open a new
draft version and write an audit entry. Each edit recomputes the stored shortages, so a stored
roster stays exact for `verify`. `solve_child` is the entry point of the solver process the GUI
starts.
"""

from __future__ import annotations

import datetime as dt
import json
import traceback
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from sqlmodel import Session, col, select

from huxue.errors import InputError
from huxue.models import (
    Assignment,
    AssignmentSource,
    Person,
    Post,
    Roster,
    RosterStatus,
    School,
    Station,
)
from huxue.planning import (
    PlanScope,
    WeekContext,
    audit,
    current_user,
    edit_problems,
    editable_roster,
    load_checked,
    planning_instance,
    roster_pairs,
    scope_rosters,
    shortages_now,
    was_published,
    week_context,
)
from huxue.rosters import roster_assignments
from huxue.vocabulary import ROLE_ORDER
from huxue.week import DutySession
from solver.instance import Instance, Shortage, load_roster, shortage_to_dict
from solver.rules import Occupancy, RuleBook, role_fits, session_shortfalls


@dataclass(frozen=True)
class PersonInfo:
    """A person as the roster views show them."""

    id: int
    code: str
    name: str
    role: str
    station_id: int


@dataclass(frozen=True)
class PostInfo:
    """A post with its school, as the roster views show it."""

    id: int
    code: str
    name: str
    school_id: int
    school_code: str
    school_name: str
    station_id: int
    risk: int


@dataclass(frozen=True)
class Duty:
    """One person at one duty session in the current roster."""

    session_key: str
    person_id: int
    pinned: bool
    source: str


@dataclass(frozen=True)
class RosterInfo:
    """The current roster of a station for the week."""

    id: int
    station_id: int
    status: str
    version: int


@dataclass
class WeekPlan:
    """A week's sessions, people, posts, current rosters and shortages, loaded once."""

    ctx: WeekContext
    instance_data: dict[str, Any]
    instance: Instance
    people: dict[int, PersonInfo]
    posts: dict[int, PostInfo]
    stations: dict[int, str]
    schools: dict[int, tuple[str, str]]  # id → (code, name)
    rosters: dict[int, RosterInfo] = field(default_factory=dict)
    duties: dict[str, list[Duty]] = field(default_factory=dict)
    shortages: dict[str, Shortage] = field(default_factory=dict)
    _book: RuleBook | None = None
    _occupancy: Occupancy | None = None

    @property
    def scope(self) -> PlanScope:
        return self.ctx.scope

    @property
    def sessions(self) -> dict[str, DutySession]:
        return self.ctx.sessions

    @property
    def has_roster(self) -> bool:
        return bool(self.rosters)

    @property
    def published(self) -> bool:
        """True when every station's current roster is published (and there is one)."""
        return bool(self.rosters) and all(
            r.status == RosterStatus.PUBLISHED.value for r in self.rosters.values()
        )

    def person_by_code(self, code: str) -> PersonInfo | None:
        pid = self.ctx.person_ids.get(code)
        return None if pid is None else self.people.get(pid)

    def pairs(self) -> list[tuple[str, str]]:
        """The roster as (session key, person code) pairs of people in the instance."""
        present = self.instance.person_by_id
        out = []
        for key, duties in self.duties.items():
            for d in duties:
                code = self.ctx.person_codes.get(d.person_id)
                if code is not None and code in present:
                    out.append((key, code))
        return out

    def book(self) -> RuleBook:
        if self._book is None:
            self._book = RuleBook(self.instance)
        return self._book

    def occupancy(self) -> Occupancy:
        """Who is where now (rebuilt after each change of duties)."""
        if self._occupancy is None:
            occ = Occupancy(self.book())
            for key, code in self.pairs():
                occ.add(self.instance.person_by_id[code], self.instance.session_by_id[key])
            self._occupancy = occ
        return self._occupancy

    def current_instance_data(self) -> dict[str, Any]:
        """The instance document with the pins as they stand now (for a re-generate)."""
        data = dict(self.instance_data)
        present = self.instance.person_by_id
        data["pinned"] = [
            {"session": key, "person": self.ctx.person_codes[d.person_id]}
            for key, duties in self.duties.items()
            for d in duties
            if d.pinned and self.ctx.person_codes.get(d.person_id) in present
        ]
        return data

    def missing(self, key: str) -> tuple[int, int, int]:
        """(police, officers, total) still missing at a session, from the shortages."""
        shortage = self.shortages.get(key)
        if shortage is None:
            return (0, 0, 0)
        m = shortage.missing
        return (m.police, m.officers, m.total)


def load_week_plan(session: Session, scope: PlanScope) -> WeekPlan:
    """Everything the planning page needs for a week, read in one go."""
    ctx = week_context(session, scope)
    data = planning_instance(session, scope, ctx=ctx)
    # Edits are checked without the pins (a pin broken by later leave must not stop the page
    # from opening); a re-generate sends them and the solver names any that break a rule.
    instance = load_checked({**data, "pinned": []})
    people = {
        p.id: PersonInfo(p.id, p.code, p.name, p.role, p.station_id)
        for p in session.exec(select(Person)).all()
        if p.id is not None
    }
    post_ids = {s.post_id for s in ctx.sessions.values()}
    posts: dict[int, PostInfo] = {}
    schools: dict[int, tuple[str, str]] = {}
    if post_ids:
        query = select(Post, School).join(School).where(col(Post.id).in_(post_ids))
        for post, school in session.exec(query).all():
            assert post.id is not None and school.id is not None
            posts[post.id] = PostInfo(
                post.id,
                post.code,
                post.name,
                school.id,
                school.code,
                school.name,
                school.station_id,
                post.risk,
            )
            schools[school.id] = (school.code, school.name)
    stations = {s.id: s.name for s in session.exec(select(Station)).all() if s.id is not None}
    plan = WeekPlan(ctx, data, instance, people, posts, stations, schools)
    refresh_duties(session, plan)
    return plan


def refresh_duties(session: Session, plan: WeekPlan) -> None:
    """Read the current rosters, their assignments and stored shortages again."""
    rosters = scope_rosters(session, plan.scope)
    plan.rosters = {
        sid: RosterInfo(r.id, sid, r.status, r.version)
        for sid, r in rosters.items()
        if r.id is not None
    }
    duties: dict[str, list[Duty]] = defaultdict(list)
    for a in roster_pairs(session, rosters.values()):
        if a.session_key in plan.sessions:
            duties[a.session_key].append(Duty(a.session_key, a.person_id, a.pinned, a.source))
    for items in duties.values():
        items.sort(key=lambda d: (ROLE_ORDER.get(_role(plan, d.person_id), 9), d.person_id))
    plan.duties = dict(duties)
    stored: list[Any] = []
    for r in rosters.values():
        stored.extend(json.loads(r.stats_json or "{}").get("shortages", []))
    parsed = load_roster({"format": "huxue-roster/1", "assignments": [], "shortages": stored})
    plan.shortages = {s.session: s for s in parsed.shortages if s.session in plan.sessions}
    if rosters:
        # Stations whose roster stores no shortage list (older rosters): count them now.
        known = {s for s in plan.shortages}
        missing = session_shortfalls(plan.instance, _solver_pairs(plan.pairs()))
        for key, m in missing.items():
            if m.any() and key not in known:
                station = plan.sessions[key].station_id
                if station in rosters:
                    plan.shortages[key] = Shortage(key, m, None)
    plan._occupancy = None


def _role(plan: WeekPlan, person_id: int) -> str:
    info = plan.people.get(person_id)
    return info.role if info else ""


def _solver_pairs(pairs: Iterable[tuple[str, str]]) -> list[Any]:
    from solver.instance import Pair

    return [Pair(s, p) for s, p in pairs]


# --------------------------------------------------------------------------- reading


def eligible_free(plan: WeekPlan, session_key: str) -> list[PersonInfo]:
    """People who could be added to a session now: the rules allow it and they are free.

    The same rules as `edit_problems` (role, station, reach, leave, availability, no overlap
    with travel, daily and weekly limits, a seat left), computed for all candidates at once.
    """
    instance = plan.instance
    target = instance.session_by_id.get(session_key)
    if target is None:
        return []
    occupancy = plan.occupancy()
    if len(occupancy.at_session.get(session_key, ())) >= target.need.total:
        return []
    book = plan.book()
    out = []
    for person in book.candidates([target])[session_key]:
        if occupancy.blocked_by(person, target) is not None:
            continue
        info = plan.person_by_code(person.id)
        if info is not None:
            out.append(info)
    out.sort(key=lambda p: (ROLE_ORDER.get(p.role, 9), p.code))
    return out


def could_serve(plan: WeekPlan, session_key: str, person_code: str) -> bool:
    """Whether the person's role fits the session's need at all (for drag feedback)."""
    target = plan.instance.session_by_id.get(session_key)
    person = plan.instance.person_by_id.get(person_code)
    return target is not None and person is not None and role_fits(person.role, target.need)


@dataclass(frozen=True)
class ShortRow:
    """One short session for the shortfall panel."""

    session_key: str
    risk: int
    date: dt.date
    start: dt.time
    kind: str
    post: PostInfo
    missing: tuple[int, int, int]
    reason_code: str
    reason_text: str
    candidates: tuple[tuple[str, str, str], ...]  # (code, name, blocked_by)


def shortfall_rows(plan: WeekPlan) -> list[ShortRow]:
    """Every short session, riskiest first, then the most missing police, officers, people."""
    rows = []
    for key, shortage in plan.shortages.items():
        duty = plan.sessions[key]
        post = plan.posts.get(duty.post_id)
        if post is None:
            continue
        reason = shortage.reason
        cands = []
        if reason is not None:
            for c in reason.candidates:
                info = plan.person_by_code(c.person)
                cands.append((c.person, info.name if info else c.person, c.blocked_by))
        m = shortage.missing
        rows.append(
            ShortRow(
                key,
                duty.risk,
                duty.date,
                duty.start,
                duty.kind,
                post,
                (m.police, m.officers, m.total),
                reason.code if reason else "",
                reason.text if reason else "",
                tuple(cands),
            )
        )
    rows.sort(key=lambda r: (-r.risk, -r.missing[0], -r.missing[1], -r.missing[2], r.date, r.start))
    return rows


# --------------------------------------------------------------------------- editing


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
    new_version = needs_new_version(plan, [session_key])
    _delete(session, plan, session_key, person_id, who)
    _audit_edit(session, plan, [session_key], who, "remove", [f"{session_key}:{person_code}"], [])
    _finish(session, plan, [session_key])
    return EditResult(new_version=new_version)


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
    new_version = needs_new_version(plan, [session_key])
    roster = _editable(session, plan, duty.station_id, who)
    row = _row(session, roster, session_key, person_id)
    if row is None:
        return EditResult([f"{person_code} is not at {session_key}"])
    if row.pinned != pinned:
        row.pinned = pinned
        session.add(row)
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
    return EditResult(new_version=new_version)


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
    session.flush()
    refresh_duties(session, plan)
    stations = {plan.sessions[k].station_id for k in keys if k in plan.sessions}
    shortages = store_shortages(session, plan, stations)
    plan.shortages = {
        s.session: s for s in shortages if plan.sessions[s.session].station_id in plan.rosters
    }


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


def roster_versions_of(session: Session, week_start: dt.date, station_id: int) -> list[RosterInfo]:
    """Every version of a station's week roster, oldest first."""
    query = (
        select(Roster)
        .where(Roster.week_start == week_start, Roster.station_id == station_id)
        .order_by(col(Roster.version))
    )
    return [
        RosterInfo(r.id, station_id, r.status, r.version)
        for r in session.exec(query).all()
        if r.id is not None
    ]


def assignment_count(session: Session, roster_id: int) -> int:
    """How many duties a stored roster holds."""
    return len(roster_assignments(session, [roster_id]))


# --------------------------------------------------------------------------- solver process


class _Queue(Protocol):
    def put(self, item: Any) -> None: ...


class _Event(Protocol):
    def is_set(self) -> bool: ...


class _Inbox(Protocol):
    def get(self) -> Any: ...


PIECE = 400


def instance_pieces(data: dict[str, Any]) -> list[tuple[str, str, Any]]:
    """An instance document cut into small messages (lists in slices of `PIECE` items), so
    that no single pickling holds the interpreter lock long; `join_pieces` puts it together."""
    pieces: list[tuple[str, str, Any]] = []
    for key, value in data.items():
        if isinstance(value, list) and len(value) > PIECE:
            pieces.append(("list", key, []))
            for i in range(0, len(value), PIECE):
                pieces.append(("more", key, value[i : i + PIECE]))
        else:
            pieces.append(("value", key, value))
    pieces.append(("end", "", None))
    return pieces


def join_pieces(inbox: _Inbox) -> dict[str, Any]:
    """The instance document sent by `instance_pieces`."""
    data: dict[str, Any] = {}
    while True:
        kind, key, value = inbox.get()
        if kind == "end":
            return data
        if kind == "more":
            data[key].extend(value)
        else:
            data[key] = value


def solve_child_from_queue(
    inbox: _Inbox, queue: _Queue, stop: _Event, time_limit: float | None, workers: int
) -> None:
    """`solve_child` on an instance that arrives in pieces on `inbox` (a child process
    entry)."""
    try:
        data = join_pieces(inbox)
    except Exception as exc:  # a broken hand-over must reach the window as a message
        queue.put(("failed", f"the solver process got no instance: {exc}"))
        return
    solve_child(data, queue, stop, time_limit, workers)


def solve_child(
    instance_data: dict[str, Any],
    queue: _Queue,
    stop: _Event,
    time_limit: float | None,
    workers: int,
) -> None:
    """Run a solve in a child process: progress, then the roster (or an error) on `queue`.

    Messages: ("progress", elapsed, objective, bound, seats_filled), ("done", roster document),
    ("failed", text). `stop.is_set()` ends the search; the best roster found is still sent.
    """
    import os

    from solver.solve import result_to_roster_dict, solve

    if hasattr(os, "nice") and os.nice(0) < 10:
        # Below the window's process: on a machine with few cores the GUI must still get the
        # CPU at once when the user clicks (`huxue.solve_child` already did, before importing).
        os.nice(10)
    try:
        instance = load_checked(instance_data)

        def progress(elapsed: float, objective: float, bound: float, filled: int) -> None:
            queue.put(("progress", elapsed, objective, bound, filled))

        result = solve(
            instance, time_limit=time_limit, workers=workers, on_progress=progress, stop=stop
        )
        queue.put(("done", result_to_roster_dict(result)))
    except InputError as exc:
        queue.put(("failed", str(exc)))
    except Exception as exc:  # the window must hear of every failure, not a dead process
        queue.put(("failed", f"{type(exc).__name__}: {exc}\n{traceback.format_exc(limit=5)}"))
