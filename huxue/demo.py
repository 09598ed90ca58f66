"""The Jimei (集美) demo district: a deterministic, plausible district to explore and test on.

`build_demo` fills an empty database with the six police stations of Jimei, its schools and
kindergartens with their gates and bell times, the 2026/27 terms, and the people who stand guard.
The build is planned in memory first (plain dataclasses, one `random.Random(seed)`), then written
with bulk inserts, so the 276-school district takes well under a second or two.

The force is *calibrated*: each station gets just enough police and auxiliary police that a
careful plan — chaining staggered bell times, keeping police for the risky posts — covers the
week, while a first-come plan runs short where it matters.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy import delete, update
from sqlmodel import Session

from huxue.database import district, is_empty
from huxue.demo_names import (
    CITY_EXTRA_STATIONS,
    GIVEN_CHARS,
    JIMEI_STATIONS,
    KINDER_ADJ,
    ORDINALS,
    PLACE_SUFFIXES,
    ROAD_SUFFIXES,
    SCHOOL_ADJ,
    SURNAMES,
    TRADES,
    StationSpec,
)
from huxue.errors import DatabaseError, InputError
from huxue.models import (
    Assignment,
    AuditEntry,
    Availability,
    BellTime,
    CalendarDay,
    DayTime,
    Leave,
    PatrolCrew,
    PatrolLoop,
    PatrolUnit,
    Person,
    PersonSchool,
    Post,
    PostNeed,
    Roster,
    School,
    SchoolKind,
    SessionKind,
    Station,
    Term,
    Vacation,
)
from huxue.models import (
    District as DistrictRow,
)
from huxue.patrol_units import add_demo_patrols

_T = TypeVar("_T")

DISTRICT_NAME = "集美区"
SIZES: tuple[str, ...] = ("small", "district", "city")

# The Jimei box (WGS-84 degrees); every generated location lies inside it, with a margin.
LAT_MIN, LAT_MAX = 24.55, 24.72
LON_MIN, LON_MAX = 117.95, 118.13
_MARGIN = 0.002

# The default rules of DESIGN.md's `huxue-instance/1` example.
DEFAULT_RULES: dict[str, object] = {
    "officer_speed_kmh": 20,
    "guard_speed_kmh": 12,
    "volunteer_speed_kmh": 5,
    "road_factor": 1.3,
    "volunteer_radius_km": 3.0,
    "cross_station": False,
    "time_limit_s": 30,
    "seed": 0,
}

# The reference week the force is calibrated for (and leave is placed around).
REFERENCE_WEEK = dt.date(2026, 12, 7)

KIND_LABELS: dict[str, str] = {
    SchoolKind.KINDERGARTEN: "幼儿园 kindergarten",
    SchoolKind.PRIMARY: "小学 primary",
    SchoolKind.MIDDLE: "初中 middle",
    SchoolKind.HIGH: "高中 high",
    SchoolKind.NINE_YEAR: "九年一贯制 nine-year",
    SchoolKind.VOCATIONAL: "职业学校 vocational",
}
ROLE_LABELS: dict[str, str] = {
    "police": "民警 police",
    "auxiliary": "辅警 auxiliary",
    "security": "保安 security",
    "volunteer": "志愿者 volunteer",
}

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


@dataclass(frozen=True)
class DemoSummary:
    """What a demo build wrote: counts by kind, risk and role."""

    size: str
    seed: int
    stations: int
    schools_by_kind: dict[str, int]
    posts: int
    posts_by_risk: dict[int, int]
    people_by_role: dict[str, int]
    bell_times: int
    terms: int

    @property
    def schools(self) -> int:
        """All schools and kindergartens."""
        return sum(self.schools_by_kind.values())

    @property
    def people(self) -> int:
        """Everyone who can stand guard."""
        return sum(self.people_by_role.values())

    def summary_lines(self) -> list[str]:
        """The summary as short lines of Chinese and English for the CLI."""
        kinds = ", ".join(
            f"{KIND_LABELS.get(kind, kind)} {n}" for kind, n in self.schools_by_kind.items()
        )
        risks = ", ".join(f"{risk}: {n}" for risk, n in sorted(self.posts_by_risk.items()))
        roles = ", ".join(
            f"{ROLE_LABELS.get(role, role)} {n}" for role, n in self.people_by_role.items()
        )
        return [
            f"{DISTRICT_NAME} Jimei demo district — size {self.size}, seed {self.seed}",
            f"派出所 stations: {self.stations}",
            f"学校 schools: {self.schools} ({kinds})",
            f"护学岗 posts: {self.posts} (风险 risk {risks})",
            f"作息时间 bell-time rows: {self.bell_times}",
            f"人员 people: {self.people} ({roles})",
            f"学期 terms: {self.terms} (2026 秋季学期, 2027 春季学期)",
        ]


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


def _stations_for(size: str, rng: random.Random) -> list[StationSpec]:
    if size != "city":
        return list(JIMEI_STATIONS[:2] if size == "small" else JIMEI_STATIONS)
    # A city keeps Jimei's six stations and adds 24 more on a jittered grid over the box, so
    # each station keeps a district-like load (~50 schools) and a city-wide solve decomposes
    # into station sub-models of realistic size instead of six giant ones.
    stations = list(JIMEI_STATIONS)
    cols, rows = 6, 4
    for i, (code, stem) in enumerate(CITY_EXTRA_STATIONS):
        row, col = divmod(i, cols)
        lat = LAT_MIN + 0.02 + (row + 0.5) * (LAT_MAX - LAT_MIN - 0.04) / rows
        lon = LON_MIN + 0.02 + (col + 0.5) * (LON_MAX - LON_MIN - 0.04) / cols
        lat += rng.uniform(-0.006, 0.006)
        lon += rng.uniform(-0.006, 0.006)
        places = tuple(stem + suffix for suffix in PLACE_SUFFIXES)
        roads = tuple(stem + suffix for suffix in ROAD_SUFFIXES)
        stations.append(
            StationSpec(
                code, f"{stem}派出所", f"{stem}街道", round(lat, 6), round(lon, 6), places, roads
            )
        )
    return stations


def _school_counts(size: str, n_stations: int, rng: random.Random) -> list[int]:
    if size == "small":
        return [12, 8]
    if size == "district":
        # Jimei's 276 schools: the old town and 杏林 are densest.
        return [60, 40, 45, 45, 45, 41]
    return [50 + rng.randint(-6, 6) for _ in range(n_stations)]


def _kind_sequence(n: int, rng: random.Random) -> list[SchoolKind]:
    """`n` school kinds in the district's shares (largest remainder), shuffled."""
    raw = [(kind, share * n) for kind, share in _KIND_SHARES]
    counts = {kind: int(x) for kind, x in raw}
    rest = n - sum(counts.values())
    for kind, _share in sorted(raw, key=lambda kx: kx[1] - int(kx[1]), reverse=True)[:rest]:
        counts[kind] += 1
    kinds = [kind for kind, _ in _KIND_SHARES for _ in range(counts[kind])]
    rng.shuffle(kinds)
    return kinds


def _school_name(rng: random.Random, kind: SchoolKind, places: Sequence[str]) -> str:
    p = rng.choice(places)
    o = rng.choice(ORDINALS[:6])
    patterns: Sequence[str]
    if kind is SchoolKind.KINDERGARTEN:
        patterns = (
            f"{p}幼儿园",
            f"{p}中心幼儿园",
            f"{p}第{o}幼儿园",
            f"{p}{rng.choice(KINDER_ADJ)}幼儿园",
            f"集美区第{rng.choice(ORDINALS)}实验幼儿园",
            f"{p}实验幼儿园",
        )
    elif kind is SchoolKind.PRIMARY:
        patterns = (
            f"{p}小学",
            f"{p}中心小学",
            f"{p}第{o}小学",
            f"{p}实验小学",
            f"{p}{rng.choice(SCHOOL_ADJ)}小学",
        )
    elif kind is SchoolKind.MIDDLE:
        patterns = (f"{p}中学", f"{p}第{o}中学", f"{p}初级中学", f"{p}实验中学")
    elif kind is SchoolKind.HIGH:
        patterns = (f"{p}高级中学", f"集美区第{o}高级中学", f"{p}{rng.choice(SCHOOL_ADJ)}中学")
    elif kind is SchoolKind.NINE_YEAR:
        patterns = (f"{p}九年一贯制学校", f"{p}实验学校", f"{p}{rng.choice(SCHOOL_ADJ)}学校")
    else:
        patterns = (
            f"{p}职业技术学校",
            f"{p}中等职业学校",
            f"集美区{rng.choice(TRADES)}职业学校",
        )
    return rng.choice(patterns)


_SUFFIX: dict[SchoolKind, str] = {
    SchoolKind.KINDERGARTEN: "幼儿园",
    SchoolKind.PRIMARY: "小学",
    SchoolKind.MIDDLE: "中学",
    SchoolKind.HIGH: "高级中学",
    SchoolKind.NINE_YEAR: "学校",
    SchoolKind.VOCATIONAL: "职业学校",
}


def _chinese_number(n: int) -> str:
    """1..99 in Chinese numerals (十一, 二十三)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else ORDINALS[tens - 1] + "十")
    return head + (ORDINALS[ones - 1] if ones else "")


def _offset(rng: random.Random) -> int:
    return _weighted(rng, ((-15, 1), (-10, 2), (-5, 2), (0, 4), (5, 2), (10, 2), (15, 1)))


def _school_week(rng: random.Random, kind: SchoolKind) -> tuple[dict[int, list[_Bell]], bool, str]:
    """A school's weekly sessions, whether they differ from the kind's, and a note."""
    base = _KIND_BELLS[kind]
    arr_shift, dis_shift = _offset(rng), _offset(rng)
    notes: list[str] = []
    noon = after_care = two_dismissals = friday_early = evening = False
    evening_end = 0
    if kind is SchoolKind.PRIMARY:
        noon = rng.random() < 0.12
        after_care = rng.random() < 0.20
        two_dismissals = rng.random() < 0.12
        friday_early = rng.random() < 0.30
    elif kind is SchoolKind.NINE_YEAR:
        two_dismissals = rng.random() < 0.25
        evening = rng.random() < 0.25
    elif kind is SchoolKind.KINDERGARTEN:
        friday_early = rng.random() < 0.25
    elif kind is SchoolKind.MIDDLE:
        evening = rng.random() < 0.30
    elif kind is SchoolKind.HIGH:
        evening = rng.random() < 0.60
    if evening:
        evening_end = rng.choice((21 * 60, 21 * 60 + 10, 21 * 60 + 20, 21 * 60 + 30, 21 * 60 + 40))
    week: dict[int, list[_Bell]] = {}
    for weekday in _WEEKDAYS:
        day: list[_Bell] = []
        for session_kind, start, end in base:
            shift = arr_shift if session_kind is SessionKind.ARRIVAL else dis_shift
            if session_kind is SessionKind.DISMISSAL:
                if weekday == 4 and friday_early:
                    shift -= 30
                if two_dismissals:
                    # Lower grades first, upper grades 40 minutes later.
                    day.append(_Bell(session_kind, 1, start + shift - 10, end + shift - 10))
                    day.append(_Bell(session_kind, 2, start + shift + 30, end + shift + 30))
                    continue
            day.append(_Bell(session_kind, 1, start + shift, end + shift))
        if noon:
            day.append(_Bell(SessionKind.NOON, 1, 11 * 60 + 40, 12 * 60 + 10))
            day.append(_Bell(SessionKind.NOON, 2, 13 * 60 + 50, 14 * 60 + 20))
        if after_care and weekday < 4:
            day.append(_Bell(SessionKind.AFTER_CARE, 1, 17 * 60 + 30, 18 * 60))
        if evening and weekday < 4:
            day.append(_Bell(SessionKind.EVENING, 1, evening_end - 30, evening_end))
        day.sort(key=lambda b: b.start)
        week[weekday] = day
    if noon:
        notes.append("午间放学 noon release")
    if after_care:
        notes.append("课后延时服务至18:00 after-school care")
    if two_dismissals:
        notes.append("分年级错峰放学 staggered dismissal")
    if friday_early:
        notes.append("周五提前放学 early Friday dismissal")
    if evening:
        notes.append("晚自习 evening study")
    differs = bool(arr_shift or dis_shift or notes)
    return week, differs, "；".join(notes)


_GATES: tuple[str, ...] = ("北门", "南门", "东门", "西门")


def _posts_for(rng: random.Random, school: _School, roads: Sequence[str]) -> None:
    kind = school.kind
    if kind is SchoolKind.KINDERGARTEN:
        n = _weighted(rng, ((1, 0.95), (2, 0.05)))
    elif kind is SchoolKind.VOCATIONAL:
        n = _weighted(rng, ((1, 0.6), (2, 0.4)))
    else:
        n = _weighted(rng, ((1, 0.65), (2, 0.27), (3, 0.08)))
    gates = list(_GATES)
    rng.shuffle(gates)
    kinds_present: list[SessionKind] = []
    for day in school.week.values():
        for bell in day:
            if bell.kind not in kinds_present:
                kinds_present.append(bell.kind)
    kinds_present.sort(key=list(SessionKind).index)
    big = school.enrolment >= {
        SchoolKind.PRIMARY: 1800,
        SchoolKind.MIDDLE: 1500,
        SchoolKind.HIGH: 1600,
        SchoolKind.NINE_YEAR: 1600,
    }.get(kind, 10**9)
    for i in range(n):
        if i == 0:
            name, role = gates[0], "main"
        elif kind is not SchoolKind.KINDERGARTEN and rng.random() < 0.4:
            name, role = f"{rng.choice(roads)}路口", "crossing"
            if name in (p.name for p in school.posts):
                name, role = gates[i], "side"
        else:
            name, role = (gates[i], "side") if rng.random() < 0.7 else ("侧门", "side")
            if name in (p.name for p in school.posts):
                name = gates[i]
        if role == "main":
            # Main gates of big schools on a main road are the riskiest posts.
            if big and rng.random() < 0.75:
                risk = 3
            elif kind is SchoolKind.KINDERGARTEN:
                risk = _weighted(rng, ((1, 0.65), (2, 0.35)))
            else:
                risk = _weighted(rng, ((1, 0.35), (2, 0.55), (3, 0.10)))
            kinds = kinds_present
            if kind is SchoolKind.KINDERGARTEN and (risk == 1 or school.enrolment < 250):
                # A quiet kindergarten's arrival is spread over 40 minutes and parents walk
                # the children in: only its dismissal is guarded.
                kinds = [k for k in kinds if k is not SessionKind.ARRIVAL]
        elif role == "crossing":
            risk = _weighted(rng, ((1, 0.25), (2, 0.55), (3, 0.20)))
            # A crossing is guarded at dismissal; in the morning only when it is risky.
            guarded = (
                (SessionKind.ARRIVAL, SessionKind.DISMISSAL)
                if risk == 3
                else (SessionKind.DISMISSAL,)
            )
            kinds = [k for k in kinds_present if k in guarded]
        else:
            risk = _weighted(rng, ((1, 0.8), (2, 0.2)))
            kinds = [SessionKind.DISMISSAL]
        distance = 0.0 if role == "main" else (0.25 if role == "crossing" else 0.12)
        lat, lon = (
            (school.lat, school.lon)
            if distance == 0.0
            else _near(rng, school.lat, school.lon, distance)
        )
        post = _Post(f"{school.code}-{i + 1}", name, lat, lon, risk)
        for session_kind in kinds:
            post.needs.append(_need(session_kind, risk, big and role == "main"))
        school.posts.append(post)


def _need(kind: SessionKind, risk: int, big_main: bool) -> _Need:
    if kind in (SessionKind.ARRIVAL, SessionKind.DISMISSAL):
        if risk == 3:
            # A big school's dismissal crowd needs a second pair of hands beside the police.
            return _Need(kind, 1, 1, 2 if kind is SessionKind.DISMISSAL and big_main else 1)
        if risk == 2:
            return _Need(kind, 0, 1, 1)
        return _Need(kind, 0, 0, 1)
    if kind is SessionKind.EVENING:
        return _Need(kind, 0, 1 if risk >= 2 else 0, 1)
    if kind is SessionKind.NOON:
        return _Need(kind, 0, 1 if risk == 3 else 0, 1)
    return _Need(kind, 0, 0, 1)


def _name(rng: random.Random) -> str:
    surname = _weighted(rng, SURNAMES)
    n = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(GIVEN_CHARS) for _ in range(n))


def _mobile(rng: random.Random) -> str:
    return f"1{rng.choice('3456789')}{rng.randint(0, 999_999_999):09d}"


def _landline(rng: random.Random) -> str:
    return f"0592-{rng.choice('56')}{rng.randint(0, 999_999):06d}"


@dataclass
class _Demand:
    police: int = 0
    officers: int = 0
    total: int = 0
    police_day: Counter[int] = field(default_factory=Counter)
    officers_day: Counter[int] = field(default_factory=Counter)


def _station_demand(schools: Iterable[_School]) -> _Demand:
    """Seats of one week by need kind — for sizing the force, not a duty-session expansion."""
    demand = _Demand()
    for school in schools:
        for weekday, day in school.week.items():
            for bell in day:
                for post in school.posts:
                    for need in post.needs:
                        if need.kind is bell.kind:
                            demand.police += need.police
                            demand.officers += need.officers
                            demand.total += need.total
                            demand.police_day[weekday] += need.police
                            demand.officers_day[weekday] += need.officers
    return demand


def _leave(rng: random.Random, share: float) -> list[tuple[dt.date, dt.date, str]]:
    """Some leave in December 2026, a part of it in the reference week."""
    if rng.random() >= share:
        return []
    start = REFERENCE_WEEK + dt.timedelta(days=rng.randint(-7, 16))
    days = rng.choice((1, 1, 2, 3, 5))
    reason = rng.choice(("年休假 annual leave", "病假 sick leave", "培训 training", "事假"))
    return [(start, start + dt.timedelta(days=days - 1), reason)]


def _plan(size: str, seed: int) -> _Plan:
    rng = random.Random(seed)
    stations = _stations_for(size, rng)
    plan = _Plan(stations)
    counts = _school_counts(size, len(stations), rng)
    used_names: set[str] = set()
    used_codes: set[str] = set()
    for s_index, (spec, n_schools) in enumerate(zip(stations, counts, strict=True)):
        kinds = _kind_sequence(n_schools, rng)
        serial: Counter[SchoolKind] = Counter()
        first_school = len(plan.schools)
        for kind in kinds:
            name = _school_name(rng, kind, spec.places)
            tries = 0
            while name in used_names and tries < 40:
                tries += 1
                name = _school_name(rng, kind, spec.places)
            number = 7
            while name in used_names:  # a crowded station: number the school
                name = f"{rng.choice(spec.places)}第{_chinese_number(number)}{_SUFFIX[kind]}"
                number += 1
            used_names.add(name)
            serial[kind] += 1
            code = f"{spec.code}-{_KIND_LETTER[kind]}{serial[kind]:03d}"
            assert code not in used_codes
            used_codes.add(code)
            lat, lon = _near(rng, spec.lat, spec.lon, 3.0)
            low, high = _ENROLMENT[kind]
            enrolment = int(rng.triangular(low, high, (low + high) / 2.6)) // 10 * 10
            address = f"厦门市集美区{rng.choice(spec.roads)}{rng.randint(1, 999)}号"
            week, differs, notes = _school_week(rng, kind)
            school = _School(
                code, name, kind, s_index, address, lat, lon, enrolment, week, differs, [], notes
            )
            _posts_for(rng, school, spec.roads)
            plan.schools.append(school)
        _people_for(rng, plan, s_index, plan.schools[first_school:])
    return plan


def _people_for(rng: random.Random, plan: _Plan, s_index: int, schools: list[_School]) -> None:
    spec = plan.stations[s_index]
    demand = _station_demand(schools)
    used_codes = {p.code for p in plan.people}

    def add(person: _Person) -> int:
        plan.people.append(person)
        used_codes.add(person.code)
        return len(plan.people) - 1

    # 民警: long windows, a rest weekday for some, a few on leave. Police seats are the
    # scarcest resource: just enough capacity to hold every risk-3 post with careful use.
    police_week = 8
    n_police = max(3, math.ceil(demand.police * _POLICE_SLACK / police_week))
    police: list[int] = []
    for _ in range(n_police):
        code = f"{rng.randint(100000, 999999)}"
        while code in used_codes:
            code = f"{rng.randint(100000, 999999)}"
        lat, lon = _near(rng, spec.lat, spec.lon, 4.0)
        rest = rng.choice((None, None, None, 0, 1, 2, 3, 4))
        late = rng.random() < 0.7
        available = [(d, 6 * 60 + 30, (22 if late else 19) * 60) for d in _WEEKDAYS if d != rest]
        phone = _mobile(rng) if rng.random() < 0.85 else _landline(rng)
        police.append(
            add(
                _Person(
                    code,
                    _name(rng),
                    "police",
                    s_index,
                    phone,
                    lat,
                    lon,
                    3,
                    rng.choice((6, 8, 8, 10)),
                    rng.randint(0, 5),
                    available,
                    _leave(rng, 0.12),
                    [],
                )
            )
        )
    # 辅警: officers' seats beyond what police cover.
    aux_week = 10
    officer_gap = max(0, demand.officers * _OFFICER_SLACK - n_police * police_week * 0.8)
    n_aux = max(2, math.ceil(officer_gap / aux_week))
    for i in range(n_aux):
        lat, lon = _near(rng, spec.lat, spec.lon, 4.0)
        end = 22 * 60 if rng.random() < 0.3 else 19 * 60
        available = [(d, 6 * 60 + 30, end) for d in _WEEKDAYS]
        add(
            _Person(
                f"FJ-{spec.code}-{i + 1:03d}",
                _name(rng),
                "auxiliary",
                s_index,
                _mobile(rng),
                lat,
                lon,
                rng.choice((3, 4)),
                rng.choice((8, 10, 12)),
                rng.randint(0, 6),
                available,
                _leave(rng, 0.10),
                [],
            )
        )
    # 保安: the school's own guards, on duty over the school's hours, living nearby.
    for school_index, school in enumerate(schools, start=len(plan.schools) - len(schools)):
        n_guards = 1 if school.kind is SchoolKind.KINDERGARTEN else rng.choice((1, 2, 2, 3))
        for g in range(n_guards):
            lat, lon = _near(rng, school.lat, school.lon, 3.0)
            available = []
            for d, day in school.week.items():
                available.append((d, day[0].start - 20, day[-1].end + 10))
            add(
                _Person(
                    f"BA-{school.code}-{g + 1}",
                    _name(rng),
                    "security",
                    s_index,
                    _mobile(rng),
                    lat,
                    lon,
                    4,
                    20,
                    rng.randint(0, 3),
                    available,
                    _leave(rng, 0.05),
                    [school_index],
                )
            )
    # 志愿者: parents near their child's school and community volunteers, with narrow
    # patterns (mornings only, afternoons only, some weekdays).
    school_base = len(plan.schools) - len(schools)
    n_volunteers = max(4, round(demand.total * 0.09))
    for v in range(n_volunteers):
        school_index = school_base + rng.randrange(len(schools))
        school = plan.schools[school_index]
        parent = rng.random() < 0.75
        lat, lon = _near(rng, school.lat, school.lon, 2.0 if parent else 3.0)
        pattern = rng.choice(("mornings", "afternoons", "days", "days", "all"))
        days = sorted(rng.sample(range(5), rng.randint(2, 4))) if pattern == "days" else _WEEKDAYS
        windows = {
            "mornings": [(6 * 60 + 45, 9 * 60)],
            "afternoons": [(15 * 60 + 30, 18 * 60 + 30)],
            "days": [(6 * 60 + 45, 18 * 60 + 30)],
            "all": [(6 * 60 + 45, 9 * 60), (15 * 60 + 30, 21 * 60 + 45)],
        }[pattern]
        available = [(d, start, end) for d in days for start, end in windows]
        phone = _mobile(rng) if rng.random() < 0.9 else _landline(rng)
        add(
            _Person(
                f"ZY-{spec.code}-{v + 1:04d}",
                _name(rng),
                "volunteer",
                s_index,
                phone,
                lat,
                lon,
                rng.choice((1, 2, 2)),
                rng.choice((2, 3, 4, 5)),
                rng.randint(0, 4),
                available,
                _leave(rng, 0.08),
                [school_index] if parent else [],
                "家长志愿者 parent" if parent else "社区志愿者 community",
            )
        )
    # Every school's officer in charge is one of its station's police.
    for i, school in enumerate(schools):
        school.responsible = police[i % len(police)]


# --- writing -----------------------------------------------------------------------------

_DISTRICT_TABLES: tuple[type, ...] = (
    PatrolLoop,
    PatrolCrew,
    PatrolUnit,
    Assignment,
    Roster,
    AuditEntry,
    Leave,
    Availability,
    PersonSchool,
    DayTime,
    CalendarDay,
    BellTime,
    PostNeed,
    Post,
    School,
    Person,
    Station,
    Vacation,
    Term,
    DistrictRow,
)


def clear_district(session: Session) -> None:
    """Delete every row of district data (not the schema) inside the caller's transaction."""
    session.execute(update(School).values(responsible_person_id=None))
    for table in _DISTRICT_TABLES:
        session.execute(delete(table))
    session.expunge_all()


def _write_terms(session: Session) -> None:
    autumn = Term(
        name="2026 秋季学期", first_day=dt.date(2026, 8, 31), last_day=dt.date(2027, 2, 26)
    )
    spring = Term(
        name="2027 春季学期", first_day=dt.date(2027, 2, 22), last_day=dt.date(2027, 8, 31)
    )
    session.add_all([autumn, spring])
    session.flush()
    assert autumn.id is not None and spring.id is not None
    session.add_all(
        [
            Vacation(
                term_id=autumn.id,
                name="寒假",
                first_day=dt.date(2027, 1, 23),
                last_day=dt.date(2027, 2, 21),
            ),
            Vacation(
                term_id=spring.id,
                name="暑假",
                first_day=dt.date(2027, 7, 3),
                last_day=dt.date(2027, 8, 31),
            ),
        ]
    )


def _id(value: int | None) -> int:
    # Primary keys are set by the flush that precedes every use.
    assert value is not None
    return value


def _write(session: Session, plan: _Plan) -> None:
    stations = [Station(code=s.code, name=s.name, lat=s.lat, lon=s.lon) for s in plan.stations]
    session.add_all(stations)
    session.flush()
    station_ids = [_id(s.id) for s in stations]

    people = [
        Person(
            code=p.code,
            name=p.name,
            role=p.role,
            station_id=station_ids[p.station],
            phone=p.phone,
            lat=p.lat,
            lon=p.lon,
            max_per_day=p.max_per_day,
            max_per_week=p.max_per_week,
            history_load=p.history_load,
            notes=p.notes,
        )
        for p in plan.people
    ]
    session.add_all(people)
    session.flush()
    person_ids = [_id(p.id) for p in people]

    schools = [
        School(
            code=s.code,
            name=s.name,
            kind=s.kind.value,
            station_id=station_ids[s.station],
            address=s.address,
            lat=s.lat,
            lon=s.lon,
            enrolment=s.enrolment,
            responsible_person_id=person_ids[s.responsible],
            notes=s.notes,
        )
        for s in plan.schools
    ]
    session.add_all(schools)
    session.flush()
    school_ids = [_id(s.id) for s in schools]

    posts: list[Post] = []
    for school, school_id in zip(plan.schools, school_ids, strict=True):
        assert school_id is not None
        for p in school.posts:
            posts.append(
                Post(
                    code=p.code, school_id=school_id, name=p.name, lat=p.lat, lon=p.lon, risk=p.risk
                )
            )
    session.add_all(posts)
    session.flush()

    rows: list[object] = []
    post_iter = iter(posts)
    for school in plan.schools:
        for p in school.posts:
            post_id = next(post_iter).id
            assert post_id is not None
            rows.extend(
                PostNeed(
                    post_id=post_id,
                    kind=n.kind.value,
                    police=n.police,
                    officers=n.officers,
                    total=n.total,
                )
                for n in p.needs
            )
    for kind, bells in _KIND_BELLS.items():
        for weekday in _WEEKDAYS:
            rows.extend(
                BellTime(
                    school_kind=kind.value,
                    weekday=weekday,
                    kind=k.value,
                    seq=1,
                    start=_minutes(a),
                    end=_minutes(b),
                )
                for k, a, b in bells
            )
    for school, school_id in zip(plan.schools, school_ids, strict=True):
        if not school.own_bells:
            continue
        # A school's rows for a weekday replace the kind's defaults for that weekday as a
        # whole, so every session of each of its weekdays is written.
        for weekday, day in school.week.items():
            rows.extend(
                BellTime(
                    school_id=school_id,
                    weekday=weekday,
                    kind=b.kind.value,
                    seq=b.seq,
                    start=_minutes(b.start),
                    end=_minutes(b.end),
                )
                for b in day
            )
    for person, person_id in zip(plan.people, person_ids, strict=True):
        rows.extend(
            Availability(person_id=person_id, weekday=d, start=_minutes(a), end=_minutes(b))
            for d, a, b in person.available
        )
        rows.extend(
            Leave(person_id=person_id, date_from=a, date_to=b, reason=reason)
            for a, b, reason in person.leave
        )
        rows.extend(
            PersonSchool(person_id=person_id, school_id=school_ids[i]) for i in person.preferred
        )
    session.add_all(rows)
    _write_terms(session)
    session.flush()


def _count(session: Session, plan: _Plan, size: str, seed: int) -> DemoSummary:
    kinds = Counter(s.kind.value for s in plan.schools)
    risks = Counter(p.risk for s in plan.schools for p in s.posts)
    roles = Counter(p.role for p in plan.people)
    bells = sum(len(b) for b in _KIND_BELLS.values()) * len(_WEEKDAYS) + sum(
        len(day) for s in plan.schools if s.own_bells for day in s.week.values()
    )
    return DemoSummary(
        size=size,
        seed=seed,
        stations=len(plan.stations),
        schools_by_kind={k.value: kinds[k.value] for k, _ in _KIND_SHARES if kinds[k.value]},
        posts=sum(risks.values()),
        posts_by_risk={r: risks[r] for r in (1, 2, 3)},
        people_by_role={r: roles[r] for r in ROLE_LABELS if roles[r]},
        bell_times=bells,
        terms=2,
    )


def build_demo(
    session: Session, size: str = "district", seed: int = 0, *, force: bool = False
) -> DemoSummary:
    """Fill an empty database with the Jimei demo district and return what was written.

    `size` is ``small`` (20 schools, 2 stations), ``district`` (Jimei's 276 schools, 6
    stations) or ``city`` (~1,500 schools, 30 stations, for scale tests). The same seed gives
    the same rows. A database that holds data is refused with `DatabaseError` unless `force`,
    which first deletes all district data in the same transaction. The caller commits.
    """
    if size not in SIZES:
        raise InputError(f"unknown demo size {size!r}; choose one of {', '.join(SIZES)}")
    if not is_empty(session):
        if not force:
            raise DatabaseError(
                "the database already holds district data; use --force to replace it"
            )
        clear_district(session)
    plan = _plan(size, seed)
    settings = district(session)
    settings.name = DISTRICT_NAME
    settings.rules_json = json.dumps(DEFAULT_RULES, ensure_ascii=False)
    _write(session, plan)
    add_demo_patrols(session, seed)
    return _count(session, plan, size, seed)
