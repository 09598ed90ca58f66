"""What the planning page shows of a week, without Qt.

`load_week_plan` reads a week (one station or the district) once: its duty sessions, the
solver instance, people, posts and the current rosters; `refresh_duties` reads the rosters
again after a change. `eligible_free` and `shortfall_rows` answer the side panels. The edits
themselves are in `huxue.planning_edits`.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Engine, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, SQLModel, col, select

from huxue.database import session_scope
from huxue.models import (
    AuditEntry,
    District,
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
    load_checked,
    planning_instance,
    roster_pairs,
    scope_rosters,
    week_context,
)
from huxue.rosters import RosterDuty
from huxue.vocabulary import ROLE_ORDER
from huxue.week import DutySession
from solver.instance import Instance, Reason, Shortage, load_roster
from solver.roles import Missing, Need, counts, shortfall
from solver.rules import Occupancy, RuleBook


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
    school_kind: str = ""


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
    row_version: int = 1  # the stored row's version when read (an edit checks it)


class InstanceDocument:
    """A week's instance document (without pins), read on first use: showing a week needs
    only its sessions, people and rosters, and building the document cost a third of going
    to a week not shown before (170 of 520 ms on the district). Read in a session of its
    own, from the same expansion as the week shown."""

    def __init__(self, read: Callable[[], dict[str, Any]]) -> None:
        self._read: Callable[[], dict[str, Any]] | None = read
        self._doc: dict[str, Any] | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.failed = False  # the thread's reading failed (`get` reads again, and says why)

    @classmethod
    def of(cls, doc: dict[str, Any]) -> InstanceDocument:
        """A document already read."""
        made = cls(lambda: doc)
        made.get()
        return made

    def prefetch(self) -> None:
        """Start reading the document in a thread of its own, so that it is ready (or nearly)
        when Generate or an edit needs it; `get` then waits for that reading."""
        if self._doc is None and self._read is not None and self._thread is None:
            self._thread = threading.Thread(
                target=self._quietly, name="huxue-week-document", daemon=True
            )
            self._thread.start()

    def _quietly(self) -> None:
        # A failed reading leaves the reader in place: `get` in the window's thread reads
        # again and raises what went wrong there.
        # A full collection in the middle would walk the window's whole heap holding the
        # interpreter lock (gaps of 100-150 ms in the window's event loop, district week).
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self.get()
        except Exception:  # noqa: BLE001 - reported by the window's own `get`
            self.failed = True
        finally:
            if was_enabled:
                gc.enable()

    @property
    def ready(self) -> bool:
        """The document has been read: `get` returns at once."""
        return self._doc is not None

    def get(self) -> dict[str, Any]:
        """The document (read now if not yet)."""
        with self._lock:
            if self._doc is None:
                assert self._read is not None
                self._doc = self._read()
                self._read = None
            return self._doc


@dataclass
class WeekPlan:
    """A week's sessions, people, posts, current rosters and shortages, loaded once."""

    ctx: WeekContext
    document: InstanceDocument
    people: dict[int, PersonInfo]
    posts: dict[int, PostInfo]
    stations: dict[int, str]
    schools: dict[int, tuple[str, str]]  # id → (code, name)
    present: frozenset[str] = frozenset()  # codes of the instance's people (active, in scope)
    pins: list[dict[str, str]] = field(default_factory=list)  # the current roster's, as read
    rosters: dict[int, RosterInfo] = field(default_factory=dict)
    duties: dict[str, list[Duty]] = field(default_factory=dict)
    shortages: dict[str, Shortage] = field(default_factory=dict)
    _instance: Instance | None = None
    _book: RuleBook | None = None
    _occupancy: Occupancy | None = None

    @property
    def instance_data(self) -> dict[str, Any]:
        """The week as a huxue-instance/1 document with the pins as read (see
        `current_instance_data` for the pins as they stand now)."""
        return {**self.document.get(), "pinned": list(self.pins)}

    @property
    def instance(self) -> Instance:
        """The week as the solver's `Instance`, parsed on first use: showing a week needs
        only the documents and the duties, and parsing a district week costs as much as
        reading it. Raises `InputError` when the document breaks the format."""
        if self._instance is None:
            # Edits are checked without the pins (a pin broken by later leave must not stop
            # the page from opening); a re-generate sends them and the solver names any that
            # break a rule.
            self._instance = load_checked({**self.document.get(), "pinned": []})
        return self._instance

    def person_codes_present(self) -> set[str]:
        """Codes of the people in the week's instance (active, in scope)."""
        return set(self.present)

    def weekly_limits(self) -> dict[str, int | None]:
        """Person code → most duties a week (None: no limit) for the people of the instance."""
        return {p["id"]: p.get("max_per_week") for p in self.document.get()["people"]}

    def school_kinds(self) -> dict[str, str]:
        """School code → kind for the schools with sessions this week."""
        return {p.school_code: p.school_kind for p in self.posts.values()}

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
        return _pairs(self, self.duties)

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
        data = dict(self.document.get())
        present = self.present
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


T = TypeVar("T")


@dataclass(frozen=True)
class _WeekBase:
    """What showing a week reads besides its rosters: the expansion and maps, the instance
    document without pins, people, posts, stations and schools. Shared by the plans made from
    one `WeekCache` entry, so it is never changed after it is built."""

    ctx: WeekContext
    document: InstanceDocument
    people: dict[int, PersonInfo]
    posts: dict[int, PostInfo]
    stations: dict[int, str]
    schools: dict[int, tuple[str, str]]
    present: frozenset[str]
    extras: dict[str, Any] = field(default_factory=dict)  # `WeekCache.remember`


# Tables whose rows an instance never reads, or whose changes bump a row that is stamped:
# an assignment's change bumps its roster's row_version.
_UNSTAMPED = {"assignment", "savereceipt", "auditentry", "district"}


def data_stamp(session: Session) -> tuple[Any, ...]:
    """A value that changes whenever a record a week's expansion or instance reads changes:
    per table its row count, highest id and sum of row versions (every ORM update bumps
    `row_version`), the district's rules and the newest audit entry (every record save writes
    one). Two queries, a few milliseconds on the district."""
    parts: list[Any] = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name in _UNSTAMPED:
            continue
        parts.append(sa_select(func.count()).select_from(table).scalar_subquery())
        for name, function in (("id", func.max), ("row_version", func.sum), ("version", func.sum)):
            if name in table.c:
                parts.append(sa_select(function(table.c[name])).scalar_subquery())
    parts.append(sa_select(func.max(col(AuditEntry.id))).scalar_subquery())
    row = session.execute(sa_select(*parts)).one()
    rules = session.execute(sa_select(col(District.id), col(District.rules_json))).all()
    return (*row, *sorted((r[0] or 0, r[1]) for r in rules))


class WeekCache:
    """The weeks a window has shown, keyed by scope and `data_stamp`: going back to a week
    seen before reads only its stamp and rosters, and any change to what the week reads (by
    this window or another planner) makes the stamp differ, so the week is read again."""

    def __init__(self, size: int = 6) -> None:
        self.size = size
        self._entries: OrderedDict[PlanScope, tuple[tuple[Any, ...], _WeekBase]] = OrderedDict()

    def get(self, scope: PlanScope, stamp: tuple[Any, ...]) -> _WeekBase | None:
        entry = self._entries.get(scope)
        if entry is None or entry[0] != stamp:
            return None
        self._entries.move_to_end(scope)
        return entry[1]

    def put(self, scope: PlanScope, stamp: tuple[Any, ...], base: _WeekBase) -> None:
        self._entries[scope] = (stamp, base)
        self._entries.move_to_end(scope)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def remember(self, scope: PlanScope, name: str, compute: Callable[[], T]) -> T:
        """`compute()`, kept with the scope's entry (read by the last `load_week_plan` of
        the scope with this cache): something else read from the same records."""
        entry = self._entries.get(scope)
        if entry is None:
            return compute()
        extras = entry[1].extras
        if name not in extras:
            extras[name] = compute()
        value: T = extras[name]
        return value

    def clear(self) -> None:
        self._entries.clear()


def load_week_plan(
    session: Session,
    scope: PlanScope,
    *,
    cache: WeekCache | None = None,
    lazy_document: bool = False,
) -> WeekPlan:
    """Everything the planning page needs for a week, read in one go. With a `cache`, a week
    whose records have not changed since it was last read reuses that reading and reads only
    its rosters. With `lazy_document` the instance document is read on first use, in a
    session of its own (for a caller whose session ends with the call, as the window's do)."""
    base: _WeekBase | None = None
    stamp: tuple[Any, ...] = ()
    if cache is not None:
        stamp = data_stamp(session)
        base = cache.get(scope, stamp)
    if base is None:
        base = _read_week_base(session, scope, lazy_document=lazy_document)
        if cache is not None:
            cache.put(scope, stamp, base)
    plan = WeekPlan(
        base.ctx,
        base.document,
        base.people,
        base.posts,
        base.stations,
        base.schools,
        present=base.present,
    )
    state, rows = _read_duty_rows(session, plan)
    apply_duties(plan, state)
    # The current roster's pins, as `planning_instance` sets them.
    present = base.present
    codes = plan.ctx.person_codes
    plan.pins = [
        {"session": a.session_key, "person": codes[a.person_id]}
        for a in rows
        if a.pinned and a.session_key in plan.sessions and codes.get(a.person_id) in present
    ]
    return plan


MEMORY = (None, "", ":memory:")


def _read_week_base(session: Session, scope: PlanScope, *, lazy_document: bool) -> _WeekBase:
    ctx = week_context(session, scope)
    engine = session.get_bind()
    # An in-memory database is one connection, which another thread must not share.
    if lazy_document and isinstance(engine, Engine) and engine.url.database not in MEMORY:

        def read_document() -> dict[str, Any]:
            with session_scope(engine) as own:
                return planning_instance(own, scope, ctx=ctx, keep_pins=False)

        document = InstanceDocument(read_document)
    else:
        document = InstanceDocument.of(planning_instance(session, scope, ctx=ctx, keep_pins=False))

    people_query = sa_select(
        col(Person.id),
        col(Person.code),
        col(Person.name),
        col(Person.role),
        col(Person.station_id),
        col(Person.active),
    )
    people: dict[int, PersonInfo] = {}
    present: set[str] = set()
    for row in session.execute(people_query).all():
        if row[0] is None:
            continue
        people[row[0]] = PersonInfo(*row[:5])
        # The instance's people, as `week_instance` chooses them.
        if row[5] and (scope.station_id is None or row[4] == scope.station_id):
            present.add(row[1])
    post_ids = {s.post_id for s in ctx.sessions.values()}
    posts: dict[int, PostInfo] = {}
    schools: dict[int, tuple[str, str]] = {}
    if post_ids:
        query = (
            sa_select(
                col(Post.id),
                col(Post.code),
                col(Post.name),
                col(School.id),
                col(School.code),
                col(School.name),
                col(School.station_id),
                col(Post.risk),
                col(School.kind),
            )
            .join(School)
            .where(col(Post.id).in_(post_ids))
        )
        for row in session.execute(query).all():
            info = PostInfo(*row)
            posts[info.id] = info
            schools[info.school_id] = (info.school_code, info.school_name)
    stations = {s.id: s.name for s in session.exec(select(Station)).all() if s.id is not None}
    return _WeekBase(
        ctx,
        document,
        people,
        posts,
        stations,
        schools,
        frozenset(present),
    )


@dataclass(frozen=True)
class DutyState:
    """A week's current rosters, duties and shortages as read from the database (plain data:
    it may be read in one thread and applied to the plan in another)."""

    rosters: dict[int, RosterInfo]
    duties: dict[str, list[Duty]]
    shortages: dict[str, Shortage]


def read_duties(session: Session, plan: WeekPlan) -> DutyState:
    """Read the current rosters, their assignments and stored shortages (the plan is only
    read)."""
    return _read_duty_rows(session, plan)[0]


def _read_duty_rows(session: Session, plan: WeekPlan) -> tuple[DutyState, list[RosterDuty]]:
    """`read_duties`, and the assignment rows as read (in the database's order)."""
    rosters = scope_rosters(session, plan.scope)
    infos = {
        sid: RosterInfo(r.id, sid, r.status, r.version, r.row_version)
        for sid, r in rosters.items()
        if r.id is not None
    }
    found: dict[str, list[Duty]] = defaultdict(list)
    rows = roster_pairs(session, rosters.values())
    for a in rows:
        if a.session_key in plan.sessions:
            found[a.session_key].append(Duty(a.session_key, a.person_id, a.pinned, a.source))
    for items in found.values():
        items.sort(key=lambda d: (ROLE_ORDER.get(_role(plan, d.person_id), 9), d.person_id))
    duties = dict(found)
    stored: list[Any] = []
    for r in rosters.values():
        stored.extend(json.loads(r.stats_json or "{}").get("shortages", []))
    parsed = load_roster({"format": "huxue-roster/1", "assignments": [], "shortages": stored})
    shortages = {s.session: s for s in parsed.shortages if s.session in plan.sessions}
    if rosters:
        # Stations whose roster stores no shortage list (older rosters): count them now.
        known = set(shortages)
        for key, m in _session_shortfalls(plan, duties).items():
            if m.any() and key not in known:
                station = plan.sessions[key].station_id
                if station in rosters:
                    shortages[key] = Shortage(key, m, None)
    return DutyState(infos, duties, shortages), rows


def apply_duties(plan: WeekPlan, state: DutyState) -> None:
    """Make the plan show the duties read by `read_duties`."""
    plan.rosters = dict(state.rosters)
    plan.duties = dict(state.duties)
    plan.shortages = dict(state.shortages)
    plan._occupancy = None


def refresh_duties(session: Session, plan: WeekPlan) -> None:
    """Read the current rosters, their assignments and stored shortages again."""
    apply_duties(plan, read_duties(session, plan))


def _pairs(plan: WeekPlan, duties: dict[str, list[Duty]]) -> list[tuple[str, str]]:
    """(session key, person code) pairs of the duties whose people are in the instance."""
    present = plan.person_codes_present()
    out = []
    for key, items in duties.items():
        for d in items:
            code = plan.ctx.person_codes.get(d.person_id)
            if code is not None and code in present:
                out.append((key, code))
    return out


def _session_shortfalls(plan: WeekPlan, duties: dict[str, list[Duty]]) -> dict[str, Missing]:
    """`solver.rules.session_shortfalls` of the duties, counted from the documents (the
    instance's sessions are the week's sessions, its people those `present`), so that
    showing a week neither reads nor parses the instance."""
    roles = {p.code: p.role for p in plan.people.values() if p.code in plan.present}
    out = {}
    for key, duty in plan.sessions.items():
        present = []
        for d in duties.get(key, ()):
            code = plan.ctx.person_codes.get(d.person_id)
            if code is not None and code in roles:
                present.append(roles[code])
        need = Need(duty.need_police, duty.need_officers, duty.need_total)
        out[key] = shortfall(need, *counts(present))
    return out


def _role(plan: WeekPlan, person_id: int) -> str:
    info = plan.people.get(person_id)
    return info.role if info else ""


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
    reason: Reason | None
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
                reason,
                tuple(cands),
            )
        )
    rows.sort(key=lambda r: (-r.risk, -r.missing[0], -r.missing[1], -r.missing[2], r.date, r.start))
    return rows


def roster_versions_of(session: Session, week_start: dt.date, station_id: int) -> list[RosterInfo]:
    """Every version of a station's week roster, oldest first."""
    query = (
        select(Roster)
        .where(Roster.week_start == week_start, Roster.station_id == station_id)
        .order_by(col(Roster.version))
    )
    return [
        RosterInfo(r.id, station_id, r.status, r.version, r.row_version)
        for r in session.exec(query).all()
        if r.id is not None
    ]
