"""The demo district planned in memory: its sizes and calibration constants, the plain
dataclasses of the plan, and the geometry every generated location goes through."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from huxue.demo_names import (
    StationSpec,
)
from huxue.models import (
    SchoolKind,
    SessionKind,
)

_T = TypeVar("_T")

DISTRICT_NAME = "集美区"
SIZES: tuple[str, ...] = ("small", "district", "city")

# The Jimei box (WGS-84 degrees); every generated location lies inside it, with a margin.
LAT_MIN, LAT_MAX = 24.55, 24.72
LON_MIN, LON_MAX = 117.95, 118.13
_MARGIN = 0.002

# The reference week the force is calibrated for (and leave is placed around).
REFERENCE_WEEK = dt.date(2026, 12, 7)

# Shares of school kinds (Jimei: many kindergartens, then primary schools).
_KIND_SHARES: tuple[tuple[SchoolKind, float], ...] = (
    (SchoolKind.KINDERGARTEN, 0.45),
    (SchoolKind.PRIMARY, 0.35),
    (SchoolKind.MIDDLE, 0.10),
    (SchoolKind.HIGH, 0.04),
    (SchoolKind.NINE_YEAR, 0.04),
    (SchoolKind.VOCATIONAL, 0.02),
)
_KIND_LETTER: dict[SchoolKind, str] = {
    SchoolKind.KINDERGARTEN: "K",
    SchoolKind.PRIMARY: "P",
    SchoolKind.MIDDLE: "M",
    SchoolKind.HIGH: "H",
    SchoolKind.NINE_YEAR: "N",
    SchoolKind.VOCATIONAL: "V",
}
_ENROLMENT: dict[SchoolKind, tuple[int, int]] = {
    SchoolKind.KINDERGARTEN: (120, 460),
    SchoolKind.PRIMARY: (600, 2800),
    SchoolKind.MIDDLE: (800, 2300),
    SchoolKind.HIGH: (1000, 2600),
    SchoolKind.NINE_YEAR: (900, 2400),
    SchoolKind.VOCATIONAL: (800, 2000),
}

# Kind defaults, Monday to Friday: (session kind, start, end) in minutes after midnight.
# Arrivals are staggered by kind (middle 07:00, primary 07:20, kindergarten 07:50) and so are
# dismissals, so one officer can chain a primary school and a kindergarten nearby.
_KIND_BELLS: dict[SchoolKind, tuple[tuple[SessionKind, int, int], ...]] = {
    SchoolKind.KINDERGARTEN: (
        (SessionKind.ARRIVAL, 7 * 60 + 50, 8 * 60 + 30),
        (SessionKind.DISMISSAL, 16 * 60 + 30, 17 * 60),
    ),
    SchoolKind.PRIMARY: (
        (SessionKind.ARRIVAL, 7 * 60 + 20, 7 * 60 + 55),
        (SessionKind.DISMISSAL, 15 * 60 + 50, 16 * 60 + 25),
    ),
    SchoolKind.MIDDLE: (
        (SessionKind.ARRIVAL, 7 * 60, 7 * 60 + 30),
        (SessionKind.DISMISSAL, 17 * 60 + 20, 17 * 60 + 50),
    ),
    SchoolKind.HIGH: (
        (SessionKind.ARRIVAL, 6 * 60 + 50, 7 * 60 + 20),
        (SessionKind.DISMISSAL, 17 * 60 + 40, 18 * 60 + 10),
    ),
    SchoolKind.NINE_YEAR: (
        (SessionKind.ARRIVAL, 7 * 60 + 10, 7 * 60 + 45),
        (SessionKind.DISMISSAL, 16 * 60 + 40, 17 * 60 + 15),
    ),
    SchoolKind.VOCATIONAL: (
        (SessionKind.ARRIVAL, 7 * 60 + 40, 8 * 60 + 10),
        (SessionKind.DISMISSAL, 17 * 60 + 10, 17 * 60 + 40),
    ),
}
_WEEKDAYS = range(5)

# Calibration of the force (see module docstring): capacity / demand per station.
_POLICE_SLACK = 1.20  # police week capacity over police seats
_OFFICER_SLACK = 0.95  # police + auxiliary week capacity over officer seats


# --- the plan in memory ------------------------------------------------------------------


@dataclass
class _Bell:
    kind: SessionKind
    seq: int
    start: int
    end: int


@dataclass
class _Need:
    kind: SessionKind
    police: int
    officers: int
    total: int


@dataclass
class _Post:
    code: str
    name: str
    lat: float
    lon: float
    risk: int
    needs: list[_Need] = field(default_factory=list)


@dataclass
class _School:
    code: str
    name: str
    kind: SchoolKind
    station: int
    address: str
    lat: float
    lon: float
    enrolment: int
    week: dict[int, list[_Bell]]  # weekday → sessions (the effective pattern)
    own_bells: bool  # False: the kind's defaults apply on every weekday
    posts: list[_Post] = field(default_factory=list)
    notes: str = ""
    responsible: int = -1  # index into the plan's people
    deputy: int = -1  # 代理责任民警: another police officer of the station (index, -1: none)


@dataclass
class _Person:
    code: str
    name: str
    role: str
    station: int
    phone: str
    lat: float
    lon: float
    max_per_day: int
    max_per_week: int
    history_load: int
    available: list[tuple[int, int, int]]  # (weekday, start, end) in minutes
    leave: list[tuple[dt.date, dt.date, str]]
    preferred: list[int]  # indexes into the plan's schools
    notes: str = ""


@dataclass
class _Plan:
    stations: list[StationSpec]
    schools: list[_School] = field(default_factory=list)
    people: list[_Person] = field(default_factory=list)


def _minutes(t: int) -> dt.time:
    return dt.time(t // 60, t % 60)


def _clamp_lat(lat: float) -> float:
    return min(max(lat, LAT_MIN + _MARGIN), LAT_MAX - _MARGIN)


def _clamp_lon(lon: float) -> float:
    return min(max(lon, LON_MIN + _MARGIN), LON_MAX - _MARGIN)


def _near(rng: random.Random, lat: float, lon: float, max_km: float) -> tuple[float, float]:
    """A point within `max_km` of (lat, lon), uniform over the disc, inside the Jimei box."""
    for _ in range(50):
        r = max_km * math.sqrt(rng.random())
        angle = rng.random() * 2 * math.pi
        dlat = r * math.cos(angle) / 111.2
        dlon = r * math.sin(angle) / (111.2 * math.cos(math.radians(lat)))
        plat, plon = lat + dlat, lon + dlon
        if (
            LAT_MIN + _MARGIN <= plat <= LAT_MAX - _MARGIN
            and LON_MIN + _MARGIN <= plon <= LON_MAX - _MARGIN
        ):
            return round(plat, 6), round(plon, 6)
    return round(_clamp_lat(lat), 6), round(_clamp_lon(lon), 6)


def _weighted(rng: random.Random, options: Sequence[tuple[_T, float]]) -> _T:
    total = sum(w for _, w in options)
    x = rng.random() * total
    for value, weight in options:
        x -= weight
        if x < 0:
            return value
    return options[-1][0]
