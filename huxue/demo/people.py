"""Generated people: a force calibrated to each station's week of seats, with their phones,
availability, leave and preferred schools."""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from huxue.demo.plan import (
    _OFFICER_SLACK,
    _POLICE_SLACK,
    _WEEKDAYS,
    REFERENCE_WEEK,
    _near,
    _Person,
    _Plan,
    _School,
    _weighted,
)
from huxue.demo_names import (
    GIVEN_CHARS,
    SURNAMES,
    mobile_number,
)
from huxue.models import (
    SchoolKind,
)


def _name(rng: random.Random) -> str:
    surname = _weighted(rng, SURNAMES)
    n = 1 if rng.random() < 0.3 else 2
    return surname + "".join(rng.choice(GIVEN_CHARS) for _ in range(n))


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
        phone = mobile_number(rng) if rng.random() < 0.85 else _landline(rng)
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
                mobile_number(rng),
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
                    mobile_number(rng),
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
        phone = mobile_number(rng) if rng.random() < 0.9 else _landline(rng)
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
    # Every school's officer in charge is one of its station's police, and its deputy the
    # next one (a station has at least three police).
    for i, school in enumerate(schools):
        school.responsible = police[i % len(police)]
        school.deputy = police[(i + 1) % len(police)]


# --- writing -----------------------------------------------------------------------------
