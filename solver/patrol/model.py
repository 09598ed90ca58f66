"""Plain data of patrol planning: units, peak windows, routing stops and the loops found.

Times inside the routing are seconds after midnight (integers); travel follows DESIGN.md's
officer rule with the unit's own speed, in whole minutes, so the checker and the response
report agree with the router to the second.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from solver.geo import haversine_km, travel_minutes_for

UNIT_KINDS = ("car", "ebike", "foot")
# Peak windows: the session kinds a patrol runs in (after-school care is not a peak).
PEAK_KINDS = ("arrival", "noon", "dismissal", "evening")
# Default speeds per kind (km/h), used when a unit has none of its own.
DEFAULT_SPEED_KMH = {"car": 30.0, "ebike": 18.0, "foot": 5.0}
# Minutes a unit stays at a school's gate on a visit.
DEFAULT_SERVICE_MIN = 3
# Longest loop (minutes) a unit drives in one peak window.
DEFAULT_MAX_ROUTE_MIN = 120
# How long before a peak window a unit may leave its start point (minutes).
LEAD_MIN = 30


@dataclass(frozen=True)
class Point:
    """A WGS-84 location."""

    lat: float
    lon: float


@dataclass(frozen=True)
class PatrolUnit:
    """A patrol unit (car, e-bike or foot) of a station, with its crew and daily shift.

    `shift_start`/`shift_end` are minutes after midnight; `crew` are person ids of the roster.
    """

    id: str
    station: str
    kind: str
    speed_kmh: float
    crew: tuple[str, ...]
    start: Point
    end: Point
    shift_start: int
    shift_end: int
    name: str = ""


@dataclass(frozen=True)
class Stop:
    """A school to visit in one peak window: its gate, bell window (seconds) and risk."""

    school: str
    gate: Point
    open_s: int
    close_s: int
    service_s: int
    risk: int


@dataclass(frozen=True)
class RouteUnit:
    """A unit as the router sees it in one window: places, speed and its time range (s)."""

    unit: str
    start: Point
    end: Point
    speed_kmh: float
    earliest_s: int
    latest_s: int


@dataclass(frozen=True)
class RoutingProblem:
    """One station's peak window: the stops, the units free to drive and the limits."""

    station: str
    date: dt.date
    window: str
    window_start_s: int
    window_end_s: int
    stops: tuple[Stop, ...]
    units: tuple[RouteUnit, ...]
    road_factor: float = 1.3
    max_route_s: int = DEFAULT_MAX_ROUTE_MIN * 60


@dataclass(frozen=True)
class Visit:
    """A stop of a loop: the school and the arrival time at its gate (seconds)."""

    school: str
    arrival_s: int
    service_s: int


@dataclass(frozen=True)
class Loop:
    """A unit's loop in one peak window: leaves its start, visits schools, returns."""

    unit: str
    station: str
    date: dt.date
    window: str
    depart_s: int
    return_s: int
    visits: tuple[Visit, ...]


@dataclass(frozen=True)
class RoutingResult:
    """The loops of one routing problem and the schools left without a visit."""

    loops: tuple[Loop, ...]
    dropped: tuple[str, ...]
    status: str
    wall_s: float


def travel_minutes(a: Point, b: Point, speed_kmh: float, road_factor: float) -> int:
    """Travel minutes between two points by DESIGN.md's rule at `speed_kmh`; 0 at one place."""
    if a == b:
        return 0
    return travel_minutes_for(haversine_km(a.lat, a.lon, b.lat, b.lon), road_factor, speed_kmh)


def hhmm_s(seconds: int) -> str:
    """Seconds after midnight as "HH:MM"."""
    minutes = seconds // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
