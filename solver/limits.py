"""The one table of value ranges: every number and text a user can give has its range here.

The instance format, the CLI's options, the restore and the imports read `LIMITS`; a value outside
its range is refused with the field's name instead of reaching CP-SAT (whose coefficients and
parameters are 32- or 64-bit), SQLite (64-bit integers) or `datetime` (years 1–9999) and ending in
an overflow. The ranges are generous for a district and tight enough that every product the model
builds (weights × risk × seats × sessions) stays far inside 64 bits.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Dates a week may start on: `datetime` overflows near year 9999, and the calendar knows nothing
# of far years anyway.
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)


@dataclass(frozen=True)
class Range:
    """Inclusive bounds of a number (`integer`: whole numbers only; `positive`: above `low`)."""

    low: float
    high: float
    integer: bool = False
    positive: bool = False

    def holds(self, value: object) -> bool:
        """True when `value` is a number (not a bool) inside the range."""
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False
        if isinstance(value, float) and not math.isfinite(value):
            return False
        if self.integer and isinstance(value, float) and not value.is_integer():
            return False
        if self.positive and value <= self.low:
            return False
        return self.low <= value <= self.high

    def text(self) -> str:
        """The range as people read it: "1–3", "> 0 and ≤ 86400"."""

        def show(v: float) -> str:
            return str(int(v)) if float(v).is_integer() else str(v)

        if self.positive:
            return f"> {show(self.low)} and ≤ {show(self.high)}"
        return f"{show(self.low)}–{show(self.high)}"


LIMITS: dict[str, Range] = {
    # places
    "lat": Range(-90, 90),
    "lon": Range(-180, 180),
    # posts and sessions
    "risk": Range(1, 3, integer=True),
    # people at one post in one session (police ≤ officers ≤ total)
    "need": Range(0, 99, integer=True),
    "weekday": Range(0, 6, integer=True),
    # windows of one kind a day may have (dismissal staggered by grade: 2, 3 …)
    "seq": Range(1, 9, integer=True),
    # attendance: minutes late on one duty
    "minutes_late": Range(0, 240, integer=True),
    # people
    "max_per_day": Range(0, 50, integer=True),
    "max_per_week": Range(0, 500, integer=True),
    "history_load": Range(0, 100_000),
    # share of recorded duties a person came to (到岗率)
    "turnout": Range(0, 1),
    # schools
    "enrolment": Range(0, 1_000_000, integer=True),
    # rules
    "speed_kmh": Range(0.5, 300),
    # a patrol unit's own speed (a car in town; the units editor, import and store)
    "patrol_speed_kmh": Range(1, 120),
    "road_factor": Range(0.1, 10),
    "volunteer_radius_km": Range(0, 500),
    "weight": Range(0, 1_000_000, integer=True),
    # solving (CP-SAT's random_seed is a 32-bit integer)
    "time_limit_s": Range(0, 7 * 86_400, positive=True),
    "seed": Range(0, 2**31 - 1, integer=True),
    "workers": Range(1, 256, integer=True),
}

# Longest texts, in characters (the database's columns, and a bound for ids in the files).
TEXT_LIMITS: dict[str, int] = {
    "id": 200,
    "code": 40,
    "name": 100,
    "person_name": 60,
    "phone": 30,
    "address": 200,
    "reason": 200,
    "notes": 1000,
    "who": 60,
}

# The texts of the database by table and column, with their kind in `TEXT_LIMITS`: the
# columns are declared with these lengths, and the editors, imports and restore refuse longer.
TEXT_COLUMNS: dict[tuple[str, str], str] = {
    ("station", "code"): "code",
    ("station", "name"): "name",
    ("school", "code"): "code",
    ("school", "name"): "name",
    ("school", "address"): "address",
    ("school", "notes"): "notes",
    ("post", "code"): "code",
    ("post", "name"): "name",
    ("person", "code"): "code",
    ("person", "name"): "person_name",
    ("person", "phone"): "phone",
    ("person", "notes"): "notes",
    ("leave", "reason"): "reason",
    ("term", "name"): "name",
    ("vacation", "name"): "name",
    ("calendarday", "name"): "name",
    ("auditentry", "who"): "who",
    ("attendance", "recorded_by"): "who",
}

_SINGULAR = {
    "stations": "station",
    "schools": "school",
    "posts": "post",
    "sessions": "session",
    "people": "person",
}

_RULE_FIELDS = {
    "officer_speed_kmh": "speed_kmh",
    "guard_speed_kmh": "speed_kmh",
    "volunteer_speed_kmh": "speed_kmh",
    "road_factor": "road_factor",
    "volunteer_radius_km": "volunteer_radius_km",
    "time_limit_s": "time_limit_s",
    "seed": "seed",
}


def in_range(field: str, value: object) -> bool:
    """True when `value` fits the range of `field` (a key of `LIMITS`)."""
    return LIMITS[field].holds(value)


def day_in_range(day: dt.date) -> bool:
    """True when `day` lies in the years a week may be planned in."""
    return FIRST_DAY <= day <= LAST_DAY


def text_fits(kind: str, value: str) -> bool:
    """True when `value` is no longer than texts of `kind` (a key of `TEXT_LIMITS`) may be."""
    return len(value) <= TEXT_LIMITS[kind]


def check_instance_document(doc: Mapping[str, Any], error: type[Exception]) -> None:
    """Refuse, by raising `error(message)`, a number or text of a parsed instance out of range.

    Values of the wrong type are left to the parser, which names them in its own words; this
    check only looks at numbers and texts, so it runs before anything converts or multiplies them.
    A session dated outside its week is refused too.
    """

    def number(item: Mapping[str, Any], key: str, field: str, where: str) -> None:
        value = item.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            return
        if not LIMITS[field].holds(value):
            shown = value if isinstance(value, float) or abs(value) < 10**20 else "a huge number"
            raise error(f'{where}: "{key}" {shown} is outside {LIMITS[field].text()}')

    def ident(item: Mapping[str, Any], where: str) -> None:
        for key in ("id", "name", "station", "school", "post", "person"):
            value = item.get(key)
            if isinstance(value, str) and len(value) > TEXT_LIMITS["id"]:
                raise error(f'{where}: "{key}" is longer than {TEXT_LIMITS["id"]} characters')

    def items(key: str) -> list[tuple[str, Mapping[str, Any]]]:
        """The objects of a list, each with its name as the parser gives it (`post "P1"`)."""
        value = doc.get(key)
        if not isinstance(value, list):
            return []
        singular = _SINGULAR.get(key)
        named = []
        for i, item in enumerate(value):
            if not isinstance(item, Mapping):
                continue
            ident = item.get("id")
            if singular and isinstance(ident, str) and 0 < len(ident) <= TEXT_LIMITS["id"]:
                named.append((f'{singular} "{ident}"', item))
            else:
                named.append((f"{key}[{i}]", item))
        return named

    week: tuple[dt.date, dt.date] | None = None
    start = doc.get("week_start")
    if isinstance(start, str):
        try:
            first = dt.date.fromisoformat(start)
        except ValueError:
            first = None
        if first is not None:
            if not day_in_range(first):
                raise error(f'instance: "week_start" {start} is outside {FIRST_DAY}–{LAST_DAY}')
            if first.weekday() == 0:  # else the parser says it is not a Monday
                week = (first, first + dt.timedelta(days=6))

    for key in ("stations", "schools", "posts"):
        for where, item in items(key):
            ident(item, where)
            number(item, "lat", "lat", where)
            number(item, "lon", "lon", where)
            if key == "posts":
                number(item, "risk", "risk", where)
    for where, item in items("sessions"):
        ident(item, where)
        number(item, "follows_weekday", "weekday", where)
        need = item.get("need")
        if isinstance(need, Mapping):
            for key in ("police", "officers", "total"):
                number(need, key, "need", f"{where} need")
        day = item.get("date")
        if week is not None and isinstance(day, str):
            try:
                date = dt.date.fromisoformat(day)
            except ValueError:
                continue
            if not week[0] <= date <= week[1]:
                raise error(f'{where}: "date" {day} is outside the week {week[0]}–{week[1]}')
    for where, item in items("people"):
        ident(item, where)
        for key, field in (
            ("lat", "lat"),
            ("lon", "lon"),
            ("max_per_day", "max_per_day"),
            ("max_per_week", "max_per_week"),
            ("history_load", "history_load"),
            ("turnout", "turnout"),
        ):
            number(item, key, field, where)
        available = item.get("available")
        if isinstance(available, list):
            for j, window in enumerate(available):
                if isinstance(window, Mapping):
                    number(window, "weekday", "weekday", f"{where} available[{j}]")
    for key in ("pinned", "previous"):
        for where, item in items(key):
            ident(item, where)
    rules = doc.get("rules")
    if isinstance(rules, Mapping):
        for key, field in _RULE_FIELDS.items():
            number(rules, key, field, "rules")
        weights = rules.get("weights")
        if isinstance(weights, Mapping):
            for key in weights:
                number(weights, key, "weight", "rules.weights")
        lone = rules.get("lone_officer")
        if isinstance(lone, Mapping):
            number(lone, "turnout_below", "turnout", "rules.lone_officer")
            number(lone, "weight", "weight", "rules.lone_officer")
