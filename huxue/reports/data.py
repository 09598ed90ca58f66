"""A week's rosters gathered once for every sheet and export.

`load_week` reads the week's duty sessions (from `huxue.week.expand_week`, the one place bell
times become sessions), the current roster of each station and its assignments, and the rows
they name. Sheets and exports then only filter and format: printing 276 school sheets reads the
database once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from sqlmodel import Session, select

from huxue.codes import match_code
from huxue.database import district
from huxue.errors import InputError
from huxue.models import (
    Leave,
    Person,
    Post,
    RosterStatus,
    School,
    Station,
)
from huxue.rosters import roster_assignments, week_rosters
from huxue.vocabulary import (
    NOON_LABELS,
    RISK_LABELS,
    ROLE_LABELS,
    ROLE_ORDER,
    ROLE_SHORT,
    SCHOOL_KIND_LABELS,
    SCHOOL_KIND_ORDER,
    SESSION_LABELS,
    SESSION_ORDER,
    STATUS_LABELS,
    WEEKDAYS,
)
from huxue.week import DayPlan, expand_week
from solver.roles import Need, counts, shortfall


def hhmm(value: dt.time) -> str:
    """A time as "HH:MM"."""
    return value.strftime("%H:%M")


def day_label(day: dt.date) -> str:
    """ "12月7日 周一"."""
    return f"{day.month}月{day.day}日 {WEEKDAYS[day.weekday()]}"


def day_note(day: dt.date, plan: DayPlan) -> str:
    """What a sheet says of an unusual day: "10月10日 周六 调休上课（按周一作息）"."""
    if plan.reason == "makeup":
        follows = WEEKDAYS[plan.follows_weekday or 0]
        what = f"调休上课（按{follows}作息）"
    elif plan.reason == "special":
        what = "特殊作息（提前放学或考试）" if plan.windows else "特殊作息（无护学时段）"
    elif plan.reason == "closure":
        what = "停课"
    else:
        what = "法定节假日，不上课"
    return f"{day_label(day)} {what}"


def session_label(kind: str, seq: int) -> str:
    """ "放学", or "放学(2)" for the second window of a kind on one day; the noon windows read
    as what they guard: 午间放学 (children leaving for lunch), 午间入校 (coming back)."""
    if kind in NOON_LABELS and seq in NOON_LABELS[kind]:
        return NOON_LABELS[kind][seq]
    label = SESSION_LABELS.get(kind, kind)
    return label if seq <= 1 else f"{label}({seq})"


def code_label(role: str) -> str:
    """What a person's code is called: 警号 for police officers, 编号 for everyone else."""
    return "警号" if role == "police" else "编号"


def week_label(week_start: dt.date) -> str:
    """ "2026年12月7日—12月13日"."""
    end = week_start + dt.timedelta(days=6)
    tail = (
        f"{end.month}月{end.day}日"
        if end.year == week_start.year
        else f"{end.year}年{end.month}月{end.day}日"
    )
    return f"{week_start.year}年{week_start.month}月{week_start.day}日—{tail}"


@dataclass(frozen=True)
class RosterInfo:
    """The version and status of the roster a sheet shows."""

    roster_id: int
    version: int
    status: str

    @property
    def draft(self) -> bool:
        """True unless published: draft sheets are marked 草稿."""
        return self.status != RosterStatus.PUBLISHED.value

    @property
    def label(self) -> str:
        """ "排班表 第 2 版 · 已发布"."""
        return f"排班表 第 {self.version} 版 · {STATUS_LABELS.get(self.status, self.status)}"


@dataclass(frozen=True)
class Slot:
    """One duty session with the people assigned to it (sorted police first)."""

    key: str
    post_id: int
    school_id: int
    station_id: int
    date: dt.date
    kind: str
    seq: int
    start: dt.time
    end: dt.time
    need_total: int | None  # None: the session is no longer in the week's timetable
    people: tuple[Person, ...]
    need_police: int = 0
    need_officers: int = 0

    @property
    def missing(self) -> int:
        """Seats without a person."""
        return max(0, (self.need_total or 0) - len(self.people))

    def missing_seats(self) -> list[str]:
        """The role each empty seat still asks for, most demanding first.

        "police" for a police seat, "officer" for one a police or auxiliary officer must take,
        "any" for one anybody may take: at least `missing` entries, more where the people there
        are of the wrong role (the solver's shortfall, `solver.roles.shortfall`).
        """
        need = Need(self.need_police, self.need_officers, self.need_total or 0)
        short = shortfall(need, *counts(p.role for p in self.people))
        officers = max(short.officers, short.police)
        seats = ["police"] * short.police + ["officer"] * (officers - short.police)
        return seats + ["any"] * max(0, short.total - len(seats))

    @property
    def time_range(self) -> str:
        """ "07:20–07:55"."""
        return f"{hhmm(self.start)}–{hhmm(self.end)}"


def days_label(days: list[dt.date]) -> str:
    """Dates as a sheet lists them: "12月8日", "12月8日—12月10日", "12月8日、12月10日"."""
    if not days:
        return ""
    days = sorted(days)
    runs: list[tuple[dt.date, dt.date]] = []
    for day in days:
        if runs and (day - runs[-1][1]).days == 1:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return "、".join(
        f"{a.month}月{a.day}日" if a == b else f"{a.month}月{a.day}日—{b.month}月{b.day}日"
        for a, b in runs
    )


@dataclass(frozen=True)
class SchoolContact:
    """Who a school calls this week: the responsible officer (责任民警), and the deputy
    (代理责任民警) on the school days the responsible officer is on leave."""

    responsible: Person | None
    deputy: Person | None
    away: tuple[dt.date, ...] = ()  # school days the responsible officer is on leave
    uncovered: tuple[dt.date, ...] = ()  # of those, days the deputy is missing or away too

    @property
    def deputy_stands_in(self) -> bool:
        """True when the deputy is the contact on some day of the week."""
        return self.deputy is not None and len(self.uncovered) < len(self.away)

    @property
    def nobody(self) -> bool:
        """True when on some school day neither the responsible officer nor a deputy is there
        (or the school has no responsible officer at all)."""
        return (self.responsible is None and self.deputy is None) or bool(self.uncovered)

    def rows(self) -> list[tuple[str, str]]:
        """The sheet's contact lines: 责任民警 (with its leave), and 代理责任民警 when the deputy
        stands in or there is no responsible officer."""
        rows = [("责任民警", officer_text(self.responsible) if self.responsible else "未指定")]
        if self.away:
            rows[0] = (rows[0][0], f"{rows[0][1]}（{days_label(list(self.away))} 休假）")
        if self.deputy is not None and (self.deputy_stands_in or self.responsible is None):
            rows.append(("代理责任民警", officer_text(self.deputy)))
        return rows

    def notes(self, station_name: str) -> list[str]:
        """What the sheet says under the duties: who stands in, and a warning when nobody does."""
        notes: list[str] = []
        if self.deputy is not None and self.deputy_stands_in and self.responsible is not None:
            covered = [d for d in self.away if d not in self.uncovered]
            notes.append(
                f"责任民警{self.responsible.name}{days_label(covered)}休假，"
                f"期间请联系代理责任民警{self.deputy.name}（电话 {self.deputy.phone or '—'}）。"
            )
        if self.uncovered:
            notes.append(
                f"注意：{days_label(list(self.uncovered))}责任民警休假，且没有可联系的代理责任民警，"
                f"请直接联系{station_name}。"
            )
        elif self.responsible is None and self.deputy is None:
            notes.append(f"注意：本校未指定责任民警，请直接联系{station_name}。")
        return notes


def officer_text(person: Person) -> str:
    """ "张伟（民警，警号 100001）  电话 0592-1234567"."""
    return (
        f"{person.name}（{ROLE_LABELS.get(person.role, person.role)}，"
        f"{code_label(person.role)} {person.code}）  电话 {person.phone or '—'}"
    )


@dataclass
class WeekData:
    """Everything the sheets and exports of one week show."""

    week_start: dt.date
    district_name: str
    stations: dict[int, Station]
    schools: dict[int, School]
    posts: dict[int, Post]
    people: dict[int, Person]
    rosters: dict[int, RosterInfo]  # by station id
    slots: list[Slot]
    warnings: list[str] = field(default_factory=list)
    # Per school: the days this week that do not keep their own weekday's bells.
    unusual_days: dict[int, list[tuple[dt.date, DayPlan]]] = field(default_factory=dict)
    # Per person: the days of this week they are on leave.
    leave_days: dict[int, frozenset[dt.date]] = field(default_factory=dict)
    _by_school: dict[int, list[Slot]] = field(default_factory=dict, repr=False)
    _by_post: dict[int, list[Slot]] = field(default_factory=dict, repr=False)
    _by_person: dict[int, list[Slot]] = field(default_factory=dict, repr=False)
    _by_station: dict[int, list[Slot]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_school: dict[int, list[Slot]] = defaultdict(list)
        by_post: dict[int, list[Slot]] = defaultdict(list)
        by_person: dict[int, list[Slot]] = defaultdict(list)
        by_station: dict[int, list[Slot]] = defaultdict(list)
        for slot in self.slots:
            by_school[slot.school_id].append(slot)
            by_post[slot.post_id].append(slot)
            by_station[slot.station_id].append(slot)
            for person in slot.people:
                assert person.id is not None
                by_person[person.id].append(slot)
        self._by_school, self._by_post = dict(by_school), dict(by_post)
        self._by_person, self._by_station = dict(by_person), dict(by_station)

    @property
    def week_end(self) -> dt.date:
        """The Sunday of the week."""
        return self.week_start + dt.timedelta(days=6)

    def school_slots(self, school_id: int) -> list[Slot]:
        """The school's sessions in time order."""
        return self._by_school.get(school_id, [])

    def post_slots(self, post_id: int) -> list[Slot]:
        """The post's sessions in time order."""
        return self._by_post.get(post_id, [])

    def person_slots(self, person_id: int) -> list[Slot]:
        """The person's duties in time order."""
        return self._by_person.get(person_id, [])

    def station_slots(self, station_id: int) -> list[Slot]:
        """The station's sessions in time order."""
        return self._by_station.get(station_id, [])

    def roster_of(self, station_id: int) -> RosterInfo | None:
        """The current roster of a station this week, if it has one."""
        return self.rosters.get(station_id)

    def rosters_of_person(self, person_id: int) -> list[RosterInfo]:
        """The rosters that hold a person's duties (more than one when serving elsewhere)."""
        ids = {slot.station_id for slot in self.person_slots(person_id)}
        person = self.people.get(person_id)
        if person is not None:
            ids.add(person.station_id)
        return [r for sid in sorted(ids) if (r := self.rosters.get(sid)) is not None]

    def school_ids(self, station_id: int | None = None) -> list[int]:
        """Schools with sessions this week (of one station), by code."""
        ids = [
            i
            for i in self._by_school
            if station_id is None or self.schools[i].station_id == station_id
        ]
        return sorted(ids, key=lambda i: self.schools[i].code)

    def post_ids(self, station_id: int | None = None) -> list[int]:
        """Posts with sessions this week (of one station), by code."""
        ids = [
            i
            for i in self._by_post
            if station_id is None or self.schools[self.posts[i].school_id].station_id == station_id
        ]
        return sorted(ids, key=lambda i: self.posts[i].code)

    def person_ids(self, station_id: int | None = None) -> list[int]:
        """People with duties this week (of one station), by code."""
        ids = [
            i
            for i in self._by_person
            if station_id is None or self.people[i].station_id == station_id
        ]
        return sorted(ids, key=lambda i: self.people[i].code)

    def station_ids(self) -> list[int]:
        """Stations with sessions or a roster this week, by code."""
        ids = set(self._by_station) | set(self.rosters)
        return sorted(ids, key=lambda i: self.stations[i].code)

    def responsible(self, school_id: int) -> Person | None:
        """The school's responsible officer."""
        pid = self.schools[school_id].responsible_person_id
        return None if pid is None else self.people.get(pid)

    def deputy(self, school_id: int) -> Person | None:
        """The school's deputy responsible officer (代理责任民警)."""
        pid = self.schools[school_id].deputy_person_id
        return None if pid is None else self.people.get(pid)

    def on_leave(self, person: Person | None, day: dt.date) -> bool:
        """True when `person` is on leave on `day` (a missing person counts as away)."""
        return person is None or day in self.leave_days.get(person.id or 0, frozenset())

    def officer_on(self, school_id: int, day: dt.date) -> Person | None:
        """Who a school calls on `day`: the responsible officer, or the deputy while the
        responsible officer is on leave, or nobody when both are away."""
        responsible = self.responsible(school_id)
        if responsible is not None and not self.on_leave(responsible, day):
            return responsible
        deputy = self.deputy(school_id)
        if deputy is not None and not self.on_leave(deputy, day):
            return deputy
        return None

    def contact(self, school_id: int) -> SchoolContact:
        """The school's contacts this week, with the school days its responsible officer is
        on leave (its days with sessions; Monday to Friday when it has none)."""
        responsible, deputy = self.responsible(school_id), self.deputy(school_id)
        days = sorted({s.date for s in self.school_slots(school_id)}) or [
            self.week_start + dt.timedelta(days=i) for i in range(5)
        ]
        if responsible is None:
            return SchoolContact(None, deputy)
        away = tuple(d for d in days if self.on_leave(responsible, d))
        uncovered = tuple(d for d in away if self.on_leave(deputy, d))
        return SchoolContact(responsible, deputy, away, uncovered)


def _person_sort(person: Person) -> tuple[int, str]:
    return ROLE_ORDER.get(person.role, 9), person.code


def load_week(session: Session, week_start: dt.date, *, require_roster: bool = True) -> WeekData:
    """Read a week's sessions, current rosters and the rows they name.

    Raises `InputError` when no station has a roster for the week and `require_roster`.
    """
    if week_start.weekday() != 0:
        raise ValueError(f"week start {week_start.isoformat()} is not a Monday")
    rosters = week_rosters(session, week_start)
    if require_roster and not rosters:
        raise InputError(
            f"no roster for the week of {week_start.isoformat()}: solve the week first"
        )
    stations = {s.id: s for s in session.exec(select(Station)).all() if s.id is not None}
    schools = {s.id: s for s in session.exec(select(School)).all() if s.id is not None}
    posts = {p.id: p for p in session.exec(select(Post)).all() if p.id is not None}
    people = {p.id: p for p in session.exec(select(Person)).all() if p.id is not None}

    infos: dict[int, RosterInfo] = {}
    district_roster: RosterInfo | None = None
    for roster in rosters:
        assert roster.id is not None
        info = RosterInfo(roster.id, roster.version, roster.status)
        if roster.station_id is None:
            district_roster = info
        else:
            infos[roster.station_id] = info
    if district_roster is not None:  # a district-wide roster stands for stations without one
        for sid in stations:
            infos.setdefault(sid, district_roster)

    assignments = roster_assignments(session, [r.id for r in rosters if r.id is not None])
    by_key: dict[str, list[Person]] = defaultdict(list)
    orphans: dict[str, tuple[int, dt.date, str, dt.time, dt.time]] = {}
    for a in assignments:
        person = people.get(a.person_id)
        if person is not None:
            by_key[a.session_key].append(person)
        orphans.setdefault(a.session_key, (a.post_id, a.date, a.kind, a.start, a.end))

    expansion = expand_week(session, week_start)
    slots: list[Slot] = []
    for s in expansion.sessions:
        orphans.pop(s.key, None)
        slots.append(
            Slot(
                key=s.key,
                post_id=s.post_id,
                school_id=s.school_id,
                station_id=s.station_id,
                date=s.date,
                kind=s.kind,
                seq=s.seq,
                start=s.start,
                end=s.end,
                need_total=s.need_total,
                people=tuple(sorted(by_key.get(s.key, []), key=_person_sort)),
                need_police=s.need_police,
                need_officers=s.need_officers,
            )
        )
    # Assignments whose session the timetable no longer has (bell times changed after the
    # solve) are still printed: the roster is what people were told.
    for key, (post_id, day, kind, start, end) in orphans.items():
        post = posts.get(post_id)
        if post is None:
            continue
        school = schools[post.school_id]
        seq = int(key.rsplit("#", 1)[1]) if "#" in key else 1
        slots.append(
            Slot(
                key,
                post_id,
                school.id or 0,
                school.station_id,
                day,
                kind,
                seq,
                start,
                end,
                None,
                tuple(sorted(by_key.get(key, []), key=_person_sort)),
            )
        )
    post_codes = {pid: p.code for pid, p in posts.items()}
    slots.sort(
        key=lambda s: (
            s.date,
            s.start,
            SESSION_ORDER.get(s.kind, 9),
            post_codes.get(s.post_id, ""),
            s.seq,
        )
    )
    warnings = list(expansion.warnings)
    unusual = {sid: days for sid in schools if (days := expansion.unusual_days(sid))}
    week_end = week_start + dt.timedelta(days=6)
    leave_days: dict[int, set[dt.date]] = defaultdict(set)
    for leave in session.exec(
        select(Leave).where(Leave.date_from <= week_end, Leave.date_to >= week_start)
    ).all():
        day = max(leave.date_from, week_start)
        while day <= min(leave.date_to, week_end):
            leave_days[leave.person_id].add(day)
            day += dt.timedelta(days=1)
    return WeekData(
        week_start=week_start,
        district_name=district(session).name or "",
        stations=stations,
        schools=schools,
        posts=posts,
        people=people,
        rosters=infos,
        slots=slots,
        warnings=warnings,
        unusual_days=unusual,
        leave_days={pid: frozenset(days) for pid, days in leave_days.items()},
    )


def find_code(
    rows: dict[int, School] | dict[int, Post] | dict[int, Person] | dict[int, Station],
    code: str,
    what: str,
) -> int:
    """The id of the row with `code` (case aside, see `huxue.codes`); `InputError` naming the
    kind when there is none."""
    found = match_code(((row.code, row_id) for row_id, row in rows.items()), code)
    if found is None:
        raise InputError(f"unknown {what} {code!r}")
    return found


# The labels stay importable from here for the sheets' callers; they live in the vocabulary.
__all__ = [
    "ROLE_LABELS",
    "ROLE_SHORT",
    "RISK_LABELS",
    "SCHOOL_KIND_LABELS",
    "SCHOOL_KIND_ORDER",
    "SESSION_LABELS",
    "STATUS_LABELS",
    "WEEKDAYS",
    "RosterInfo",
    "Slot",
    "WeekData",
    "code_label",
    "day_label",
    "day_note",
    "find_code",
    "hhmm",
    "load_week",
    "session_label",
    "week_label",
]
