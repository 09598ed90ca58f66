"""Where a week stands, at a glance: the figures of the overview page (总览).

`week_overview` summarises a week already loaded for the planning page (`WeekPlan`), so the
overview of the whole district builds in milliseconds; given a session it also asks the audit
trail which stations' sheets must be printed again (one small query per station). Seats are counted
as the solver counts them (need.total per session), filled seats as the people assigned up to
that need, so a week's fill here is the fill the roster views and the sheets show.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from huxue.attendance.reports import Tally, build_report
from huxue.models import Roster, RosterStatus, School
from huxue.planning_views import WeekPlan
from huxue.reprints import Reprint, stations_to_reprint
from huxue.week import DayRules, monday_of
from solver.instance import InstanceError, Pair
from solver.patrol.io import load_patrols
from solver.patrol.model import PEAK_KINDS, Loop
from solver.patrol.response import Figures, figures, response_times

HIGH_RISK = 3
# The map's turnout layer: at or above GOOD is green, at or above FAIR amber, below red.
GOOD_TURNOUT = 0.95
FAIR_TURNOUT = 0.8
OFFICERS = frozenset({"police", "auxiliary"})


@dataclass(frozen=True)
class Fill:
    """Seats asked for and seats filled."""

    seats: int = 0
    filled: int = 0

    @property
    def short(self) -> int:
        """Seats without a person."""
        return self.seats - self.filled

    @property
    def ratio(self) -> float:
        """Filled share of the seats, 1.0 when nothing is asked for."""
        return self.filled / self.seats if self.seats else 1.0

    def __add__(self, other: Fill) -> Fill:
        return Fill(self.seats + other.seats, self.filled + other.filled)


@dataclass(frozen=True)
class StationRow:
    """One station's week: fill, high-risk seats short and where its roster stands."""

    station_id: int
    name: str
    fill: Fill
    high_risk_short: int
    roster: str  # "none", "draft" or "published"
    version: int | None


@dataclass(frozen=True)
class HeatRow:
    """A school (district) or a post (one station) with its fill on each day of the week."""

    key: int  # school id, or post id in a station's overview
    school_id: int
    code: str
    name: str
    days: tuple[Fill | None, ...]  # Monday … Sunday; None where nothing is asked for

    @property
    def total(self) -> Fill:
        """The row's fill over the week."""
        out = Fill()
        for cell in self.days:
            if cell is not None:
                out = out + cell
        return out


@dataclass(frozen=True)
class LoadRow:
    """A person's duties this week against their weekly limit."""

    person_id: int
    code: str
    name: str
    role: str
    duties: int
    limit: int | None

    @property
    def at_limit(self) -> bool:
        """At or over the weekly limit."""
        return self.limit is not None and self.duties >= self.limit


@dataclass(frozen=True)
class ShortSeat:
    """A high-risk session still short, for the to-do list."""

    session_key: str
    school_id: int
    school_name: str
    post_name: str
    date: dt.date
    start: int  # minutes after midnight
    missing: int


@dataclass(frozen=True)
class ResponseRow:
    """One peak window of the week: response figures of the roster alone and with the
    week's stored patrol loops (schools of the scope, every day of the week)."""

    window: str
    alone: Figures
    with_patrols: Figures


@dataclass
class WeekOverview:
    """Everything the overview page draws for one week and scope."""

    week_start: dt.date
    station_id: int | None
    fill: Fill = field(default_factory=Fill)
    by_station: list[StationRow] = field(default_factory=list)
    by_risk: dict[int, Fill] = field(default_factory=dict)
    heat: list[HeatRow] = field(default_factory=list)
    load: list[LoadRow] = field(default_factory=list)
    load_histogram: dict[int, int] = field(default_factory=dict)  # duties → people
    hours: dict[str, float] = field(default_factory=dict)  # role → hours on duty
    high_risk_short: list[ShortSeat] = field(default_factory=list)
    unpublished: list[str] = field(default_factory=list)  # station names
    response: list[ResponseRow] = field(default_factory=list)  # `response_rows`, by peak
    turnout: WeekTurnout | None = None  # attendance recorded for the week (`week_turnout`)
    # Stations whose printed or exported sheets predate a change of their roster.
    to_reprint: list[Reprint] = field(default_factory=list)

    @property
    def days(self) -> list[dt.date]:
        """Monday … Sunday of the week."""
        return [self.week_start + dt.timedelta(days=i) for i in range(7)]

    def at_limit(self) -> list[LoadRow]:
        """People at or over their weekly limit, the most loaded first."""
        rows = [r for r in self.load if r.at_limit]
        return sorted(rows, key=lambda r: (-(r.duties - (r.limit or 0)), r.code))


def week_overview(plan: WeekPlan, session: Session | None = None) -> WeekOverview:
    """Summarise a loaded week: fill by station, risk, school and day; load; hours; to-dos.

    With `session`, the to-dos also name the stations whose sheets must be printed again
    (`huxue.reprints`)."""
    station_scope = plan.scope.station_id
    out = WeekOverview(plan.ctx.scope.week_start, station_scope)
    weekly_limits = plan.weekly_limits()  # from the document: the instance is parsed lazily
    # Plain [seats, filled] pairs while counting; Fill values are made once at the end.
    station_fill: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    station_high: Counter[int] = Counter()
    risk_fill: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    heat: dict[int, list[list[int] | None]] = {}
    heat_meta: dict[int, tuple[int, str, str]] = {}
    duties_of: Counter[int] = Counter()
    minutes_of: Counter[str] = Counter()  # whole minutes, so hours round once
    short: list[ShortSeat] = []
    role_of = {pid: info.role for pid, info in plan.people.items()}
    week_start = out.week_start
    by_station = station_scope is not None
    for key, duty in plan.sessions.items():
        post = plan.posts.get(duty.post_id)
        if post is None:
            continue
        people = plan.duties.get(key, ())
        seats = duty.need_total
        filled = min(len(people), seats)
        pair = station_fill[post.station_id]
        pair[0] += seats
        pair[1] += filled
        pair = risk_fill[post.risk]
        pair[0] += seats
        pair[1] += filled
        if post.risk >= HIGH_RISK and filled < seats:
            station_high[post.station_id] += seats - filled
            short.append(
                ShortSeat(
                    key,
                    post.school_id,
                    post.school_name,
                    post.name,
                    duty.date,
                    duty.start.hour * 60 + duty.start.minute,
                    seats - filled,
                )
            )
        row_key = post.id if by_station else post.school_id
        cells = heat.get(row_key)
        if cells is None:
            cells = heat[row_key] = [None] * 7
            if by_station:
                heat_meta[row_key] = (post.school_id, post.code, f"{post.school_name} {post.name}")
            else:
                heat_meta[row_key] = (post.school_id, post.school_code, post.school_name)
        day = (duty.date - week_start).days
        if 0 <= day < 7:
            cell = cells[day]
            if cell is None:
                cells[day] = [seats, filled]
            else:
                cell[0] += seats
                cell[1] += filled
        minutes = (duty.end.hour - duty.start.hour) * 60 + duty.end.minute - duty.start.minute
        for d in people:
            duties_of[d.person_id] += 1
            role = role_of.get(d.person_id)
            if role is not None:
                minutes_of[role] += minutes

    out.fill = Fill(
        sum(p[0] for p in station_fill.values()), sum(p[1] for p in station_fill.values())
    )
    station_ids = sorted(station_fill, key=lambda sid: plan.stations.get(sid, ""))
    for sid in station_ids:
        roster = plan.rosters.get(sid)
        status = "none" if roster is None else roster.status
        out.by_station.append(
            StationRow(
                sid,
                plan.stations.get(sid, str(sid)),
                Fill(*station_fill[sid]),
                station_high[sid],
                status,
                None if roster is None else roster.version,
            )
        )
        if status != RosterStatus.PUBLISHED.value:
            out.unpublished.append(plan.stations.get(sid, str(sid)))
    out.by_risk = {risk: Fill(*pair) for risk, pair in sorted(risk_fill.items(), reverse=True)}
    out.heat = sorted(
        (
            HeatRow(
                k,
                *heat_meta[k],
                tuple(None if c is None else Fill(c[0], c[1]) for c in cells),
            )
            for k, cells in heat.items()
        ),
        key=lambda r: (r.total.ratio, r.code),
    )
    for pid, info in plan.people.items():
        if station_scope is not None and info.station_id != station_scope:
            continue
        in_instance = info.code in weekly_limits
        if not in_instance and not duties_of[pid]:
            continue  # not in this week's instance and no duty: not part of the scope
        limit = weekly_limits.get(info.code)
        out.load.append(LoadRow(pid, info.code, info.name, info.role, duties_of[pid], limit))
    out.load_histogram = dict(sorted(Counter(r.duties for r in out.load).items()))
    out.hours = {role: round(m / 60, 1) for role, m in sorted(minutes_of.items())}
    out.high_risk_short = sorted(short, key=lambda s: (s.date, s.start, s.school_name))
    if session is not None:
        versions = {
            sid: roster.version
            for sid, roster in plan.rosters.items()
            if station_scope is None or sid == station_scope
        }
        out.to_reprint = stations_to_reprint(session, week_start, versions)
    return out


def officer_hours(overview: WeekOverview) -> float:
    """Hours police and auxiliary officers stand at posts this week."""
    return round(sum(h for role, h in overview.hours.items() if role in OFFICERS), 1)


def week_to_open(session: Session, today: dt.date, horizon: int = 8) -> dt.date:
    """The Monday of the week that most needs the planner: the first school week from this
    one (from next week at the weekend) whose stations are not all published.

    Falls back to that first Monday when every week within `horizon` weeks is published or
    has no school day.
    """
    first = monday_of(today) + dt.timedelta(days=7 if today.weekday() >= 5 else 0)
    last = first + dt.timedelta(days=7 * horizon - 1)
    rules = DayRules(session, first, last)
    stations = set(
        session.exec(
            select(School.station_id).where(School.active == True).distinct()  # noqa: E712
        ).all()
    )
    published: dict[dt.date, set[int | None]] = defaultdict(set)
    query = select(col(Roster.week_start), col(Roster.station_id)).where(
        Roster.week_start >= first,
        Roster.week_start <= last,
        Roster.status == RosterStatus.PUBLISHED.value,
    )
    for week_start, station_id in session.exec(query).all():
        published[week_start].add(station_id)
    for i in range(horizon):
        monday = first + dt.timedelta(days=7 * i)
        if not any(rules.in_term(monday + dt.timedelta(days=d)) for d in range(5)):
            continue
        done = published.get(monday, set())
        if None in done:  # a district-wide roster stands for every station
            continue
        if not stations <= done:
            return monday
    return first


def response_rows(plan: WeekPlan, loops: Iterable[Loop] = ()) -> list[ResponseRow]:
    """The overview's "1、3、5" card: per peak window, the share of the scope's schools an
    on-duty officer reaches within 1, 3 and 5 minutes (DESIGN.md's response rule), from the
    week already loaded (its roster and its patrol units) and the week's stored `loops`
    (`huxue.patrols.stored_loops`), for the roster alone and with the patrols. A station's
    scope counts its own officers and units. Empty when the week has no peak window."""
    instance = plan.instance
    try:
        units = load_patrols(plan.instance_data, instance)
    except InstanceError:
        units = ()
    unit_ids = {u.id for u in units}
    mine = [loop for loop in loops if loop.unit in unit_ids]
    pairs = []
    for key, duties in plan.duties.items():
        if key not in instance.session_by_id:
            continue
        for duty in duties:
            person = plan.people.get(duty.person_id)
            if person is not None and person.code in instance.person_by_id:
                pairs.append(Pair(key, person.code))
    alone = response_times(instance, pairs)
    both = response_times(instance, pairs, mine, units)
    rows = []
    for window in PEAK_KINDS:
        here = [r for r in alone if r.window == window]
        if here:
            with_patrols = [r for r in both if r.window == window]
            rows.append(ResponseRow(window, figures(here), figures(with_patrols)))
    return rows


# --------------------------------------------------------------------------- turnout


@dataclass(frozen=True)
class WeekTurnout:
    """Attendance recorded for a week's published duties: the overview's turnout line."""

    tally: Tally
    unguarded: int  # peak sessions whose planned people were all absent, nobody substituting


def week_turnout(session: Session, week_start: dt.date, station_id: int | None) -> WeekTurnout:
    """Turnout (到岗率) of the week's published duties of the district or a station, and the
    peak sessions left unguarded (see `huxue.attendance.reports`)."""
    first = monday_of(week_start)
    report = build_report(session, first, first + dt.timedelta(days=6), station_id=station_id)
    return WeekTurnout(report.total, len(report.unguarded))


def school_turnout(session: Session, week_start: dt.date) -> dict[str, Tally]:
    """Each school's tally of the week's published duties at its posts, by school code."""
    first = monday_of(week_start)
    report = build_report(session, first, first + dt.timedelta(days=6))
    return {line.code: line.tally for line in report.by.get("school", [])}


def turnout_colour(rate: float | None) -> tuple[int, int, int]:
    """A school's colour on the map's turnout layer: green from 95 %, amber from 80 %, red
    below, grey with nothing recorded."""
    if rate is None:
        return (170, 170, 170)
    if rate >= GOOD_TURNOUT:
        return (46, 125, 50)
    if rate >= FAIR_TURNOUT:
        return (249, 168, 37)
    return (198, 40, 40)
