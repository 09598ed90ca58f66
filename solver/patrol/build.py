"""From a week (instance + roster assignments + patrol units) to routing problems.

Definitions shared by the router, the checker and the response report:

- a school's *gate* is its first post (by id), or the school itself when it has no post;
- a school's *bell window* of a session kind on a date spans its sessions of that kind there
  (earliest start to latest end);
- a station's *peak window* of a kind on a date spans its schools' bell windows of that kind;
- a school is *guarded* in a window when a police officer or auxiliary stands at one of its posts
  in a session of that kind on that date; guarded schools need no patrol visit;
- a unit is *free* in a window when its shift meets the window and no crew member is on leave
  that day or at a post in a session overlapping the unit's time range.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from solver.instance import OFFICER_ROLES, Instance, Pair, Session
from solver.patrol.model import (
    DEFAULT_MAX_ROUTE_MIN,
    DEFAULT_SERVICE_MIN,
    LEAD_MIN,
    PEAK_KINDS,
    PatrolUnit,
    Point,
    RouteUnit,
    RoutingProblem,
    Stop,
)

WindowKey = tuple[dt.date, str]


@dataclass(frozen=True)
class PeakWindow:
    """A peak window (minutes after midnight) of one date and session kind."""

    date: dt.date
    kind: str
    start: int
    end: int


def school_gates(instance: Instance) -> dict[str, Point]:
    """Each school's gate: its first post by id, else the school's own location."""
    gates = {s.id: Point(s.lat, s.lon) for s in instance.schools}
    seen: set[str] = set()
    for post in sorted(instance.posts, key=lambda p: p.id):
        if post.school not in seen:
            seen.add(post.school)
            gates[post.school] = Point(post.lat, post.lon)
    return gates


def school_risks(instance: Instance) -> dict[str, int]:
    """Each school's risk: the highest of its posts (1 without posts)."""
    risks: dict[str, int] = defaultdict(lambda: 1)
    for post in instance.posts:
        risks[post.school] = max(risks[post.school], post.risk)
    return dict(risks)


def bell_windows(instance: Instance) -> dict[WindowKey, dict[str, tuple[int, int]]]:
    """(date, kind) → school → (first start, last end) of its sessions, peak kinds only."""
    out: dict[WindowKey, dict[str, tuple[int, int]]] = defaultdict(dict)
    for session in instance.sessions:
        if session.kind not in PEAK_KINDS:
            continue
        school = instance.school_of_session(session)
        by_school = out[(session.date, session.kind)]
        old = by_school.get(school)
        if old is None:
            by_school[school] = (session.start, session.end)
        else:
            by_school[school] = (min(old[0], session.start), max(old[1], session.end))
    return dict(out)


def peak_windows(instance: Instance, station: str | None = None) -> list[PeakWindow]:
    """The peak windows of the week (of one station's schools, or the district's), in order."""
    out = []
    for (day, kind), schools in bell_windows(instance).items():
        spans = [
            span
            for school, span in schools.items()
            if station is None or instance.school_by_id[school].station == station
        ]
        if spans:
            out.append(PeakWindow(day, kind, min(s[0] for s in spans), max(s[1] for s in spans)))
    return sorted(out, key=lambda w: (w.date, w.start, PEAK_KINDS.index(w.kind)))


def guarded_schools(
    instance: Instance, assignments: Iterable[Pair]
) -> set[tuple[dt.date, str, str]]:
    """(date, kind, school) of every school with an officer at a post in that window."""
    out: set[tuple[dt.date, str, str]] = set()
    for pair in assignments:
        session = instance.session_by_id.get(pair.session)
        person = instance.person_by_id.get(pair.person)
        if session is None or person is None or person.role not in OFFICER_ROLES:
            continue
        out.add((session.date, session.kind, instance.school_of_session(session)))
    return out


def busy_sessions(instance: Instance, assignments: Iterable[Pair]) -> dict[str, list[Session]]:
    """Each person's sessions in the roster."""
    out: dict[str, list[Session]] = defaultdict(list)
    for pair in assignments:
        session = instance.session_by_id.get(pair.session)
        if session is not None:
            out[pair.person].append(session)
    return dict(out)


def unit_range(unit: PatrolUnit, window: PeakWindow) -> tuple[int, int] | None:
    """The minutes a unit may drive in a window: its shift cut to the window and a lead-in."""
    earliest = max(unit.shift_start, window.start - LEAD_MIN)
    latest = min(unit.shift_end, window.end + LEAD_MIN)
    if latest <= max(earliest, window.start):
        return None
    return earliest, latest


def crew_blocked(
    instance: Instance,
    unit: PatrolUnit,
    day: dt.date,
    span: tuple[int, int],
    busy: dict[str, list[Session]],
) -> str | None:
    """Why a unit's crew cannot drive on `day` during `span` (minutes), or None."""
    for person_id in unit.crew:
        person = instance.person_by_id.get(person_id)
        if person is not None and any(lv.first <= day <= lv.last for lv in person.leave):
            return f"leave:{person_id}"
        for session in busy.get(person_id, ()):
            if session.date == day and session.start < span[1] and span[0] < session.end:
                return f"post:{person_id}:{session.id}"
    return None


def routing_problems(
    instance: Instance,
    assignments: Iterable[Pair],
    units: Iterable[PatrolUnit],
    *,
    station: str | None = None,
    service_min: int = DEFAULT_SERVICE_MIN,
    max_route_min: int = DEFAULT_MAX_ROUTE_MIN,
) -> list[RoutingProblem]:
    """One routing problem per station and peak window of the week (stations with units)."""
    pairs = list(assignments)
    guarded = guarded_schools(instance, pairs)
    busy = busy_sessions(instance, pairs)
    gates = school_gates(instance)
    risks = school_risks(instance)
    windows = bell_windows(instance)
    by_station: dict[str, list[PatrolUnit]] = defaultdict(list)
    for unit in units:
        by_station[unit.station].append(unit)
    problems = []
    for station_id in sorted(by_station):
        if station is not None and station_id != station:
            continue
        for window in peak_windows(instance, station_id):
            bells = windows[(window.date, window.kind)]
            stops = tuple(
                Stop(
                    school,
                    gates[school],
                    span[0] * 60,
                    span[1] * 60,
                    service_min * 60,
                    risks.get(school, 1),
                )
                for school, span in sorted(bells.items())
                if instance.school_by_id[school].station == station_id
                and (window.date, window.kind, school) not in guarded
                and span[1] - span[0] >= service_min
            )
            route_units = []
            for unit in sorted(by_station[station_id], key=lambda u: u.id):
                span = unit_range(unit, window)
                if span is None or crew_blocked(instance, unit, window.date, span, busy):
                    continue
                route_units.append(
                    RouteUnit(
                        unit.id, unit.start, unit.end, unit.speed_kmh, span[0] * 60, span[1] * 60
                    )
                )
            problems.append(
                RoutingProblem(
                    station_id,
                    window.date,
                    window.kind,
                    window.start * 60,
                    window.end * 60,
                    stops,
                    tuple(route_units),
                    instance.rules.road_factor,
                    max_route_min * 60,
                )
            )
    return problems
