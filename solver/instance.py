"""The solver's input and output as frozen dataclasses, and the `huxue-instance/1` and
`huxue-roster/1` JSON formats (see shared/DESIGN.md).

`load_instance` validates everything a solve relies on and raises `InstanceError` with a message
that names the offending element; the CLI turns that into one line and exit code 2.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from solver.limits import check_instance_document

INSTANCE_FORMAT = "huxue-instance/1"
ROSTER_FORMAT = "huxue-roster/1"

ROLES = ("police", "auxiliary", "security", "volunteer")
OFFICER_ROLES = frozenset({"police", "auxiliary"})
SESSION_KINDS = ("arrival", "noon", "dismissal", "after_care", "evening")
SCHOOL_KINDS = ("kindergarten", "primary", "middle", "high", "nine_year", "vocational")

_TIME_RE = re.compile(r"^(\d{2}):(\d{2})$")


class InstanceError(ValueError):
    """An instance or roster that cannot be used; the message names the offending element."""


# --------------------------------------------------------------------------- dataclasses


@dataclass(frozen=True)
class Station:
    """A police station (派出所)."""

    id: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class School:
    """A school; its station owns its posts."""

    id: str
    name: str
    kind: str
    station: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Post:
    """A guard post (gate or crossing); location resolved to the school's when absent."""

    id: str
    school: str
    name: str
    risk: int
    lat: float
    lon: float


@dataclass(frozen=True)
class Need:
    """Minimum police, minimum officers (police + auxiliary) and total people at a session."""

    police: int
    officers: int
    total: int


@dataclass(frozen=True)
class Session:
    """One post, one date, one time window; `start`/`end` in minutes after midnight."""

    id: str
    post: str
    date: dt.date
    kind: str
    start: int
    end: int
    need: Need
    follows_weekday: int | None = None

    @property
    def weekday(self) -> int:
        """The weekday whose availability applies (0 = Monday): `follows_weekday` if set."""
        if self.follows_weekday is not None:
            return self.follows_weekday
        return self.date.weekday()


@dataclass(frozen=True)
class Window:
    """A weekly availability window, minutes after midnight."""

    weekday: int
    start: int
    end: int


@dataclass(frozen=True)
class Leave:
    """An inclusive date range with no duty."""

    first: dt.date
    last: dt.date


@dataclass(frozen=True)
class Person:
    """Someone who can stand guard."""

    id: str
    name: str
    role: str
    station: str
    lat: float
    lon: float
    max_per_day: int | None = None
    max_per_week: int | None = None
    available: tuple[Window, ...] = ()
    leave: tuple[Leave, ...] = ()
    preferred_schools: tuple[str, ...] = ()
    history_load: float = 0.0


@dataclass(frozen=True, order=True)
class Pair:
    """A (session, person) assignment."""

    session: str
    person: str


@dataclass(frozen=True)
class Weights:
    """Objective weights per unit. Shortfalls are multiplied by the post's risk (1–3).

    Precedence: police shortfall ≫ officer shortfall ≫ total shortfall ≫ change against
    `previous` ≫ cross-station duty ≫ continuity ≫ fairness ≫ travel ≫ preference.

    - ``police_shortfall`` 10,000 × risk per missing police officer;
    - ``officer_shortfall`` 1,000 × risk per missing officer (police or auxiliary);
    - ``total_shortfall`` 100 × risk per missing person;
    - ``change`` 50 per `previous` pair not kept (repair);
    - ``cross_station`` 20 per duty of police/auxiliary at another station's school (only
      possible when ``rules.cross_station`` is true);
    - ``continuity`` 5 per extra (person, post, session kind): distinct people at a post and
      kind beyond the busiest day's seats there;
    - ``fairness`` 2 per session above the (rounded-down) mean load of the person's group
      (role × station), history load included;
    - ``travel_km`` 1 per whole km (rounded) between a person's home and the post, per duty;
    - ``preference`` 1 per duty outside a person's non-empty ``preferred_schools``.
    """

    police_shortfall: int = 10_000
    officer_shortfall: int = 1_000
    total_shortfall: int = 100
    change: int = 50
    cross_station: int = 20
    continuity: int = 5
    fairness: int = 2
    travel_km: int = 1
    preference: int = 1


@dataclass(frozen=True)
class Rules:
    """Speeds, reach and solve defaults; absent keys take these values."""

    officer_speed_kmh: float = 20.0
    guard_speed_kmh: float = 12.0
    volunteer_speed_kmh: float = 5.0
    road_factor: float = 1.3
    volunteer_radius_km: float = 3.0
    cross_station: bool = False
    time_limit_s: float = 30.0
    seed: int = 0
    weights: Weights = field(default_factory=Weights)


@dataclass(frozen=True)
class Instance:
    """A week to roster: everything the solver and `verify` need, nothing else."""

    week_start: dt.date
    stations: tuple[Station, ...]
    schools: tuple[School, ...]
    posts: tuple[Post, ...]
    sessions: tuple[Session, ...]
    people: tuple[Person, ...]
    pinned: tuple[Pair, ...] = ()
    previous: tuple[Pair, ...] = ()
    rules: Rules = field(default_factory=Rules)

    @cached_property
    def station_by_id(self) -> dict[str, Station]:
        """Stations by id."""
        return {s.id: s for s in self.stations}

    @cached_property
    def school_by_id(self) -> dict[str, School]:
        """Schools by id."""
        return {s.id: s for s in self.schools}

    @cached_property
    def post_by_id(self) -> dict[str, Post]:
        """Posts by id."""
        return {p.id: p for p in self.posts}

    @cached_property
    def session_by_id(self) -> dict[str, Session]:
        """Sessions by id."""
        return {s.id: s for s in self.sessions}

    @cached_property
    def person_by_id(self) -> dict[str, Person]:
        """People by id."""
        return {p.id: p for p in self.people}

    def station_of_session(self, session: Session) -> str:
        """The station owning the session's school."""
        return self.school_by_id[self.post_by_id[session.post].school].station

    def school_of_session(self, session: Session) -> str:
        """The school of the session's post."""
        return self.post_by_id[session.post].school

    def risk(self, session: Session) -> int:
        """The risk level of the session's post."""
        return self.post_by_id[session.post].risk


# --------------------------------------------------------------------------- parsing helpers


def _fail(where: str, message: str) -> InstanceError:
    return InstanceError(f"{where}: {message}")


def _obj(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _fail(where, "must be an object")
    return value


def _list(data: Mapping[str, Any], key: str, where: str, *, required: bool) -> list[Any]:
    if key not in data or data[key] is None:
        if required:
            raise _fail(where, f'missing "{key}"')
        return []
    value = data[key]
    if not isinstance(value, list):
        raise _fail(where, f'"{key}" must be a list')
    return value


def _str(data: Mapping[str, Any], key: str, where: str) -> str:
    if key not in data:
        raise _fail(where, f'missing "{key}"')
    value = data[key]
    if not isinstance(value, str) or not value:
        raise _fail(where, f'"{key}" must be a non-empty string')
    return value


def _num(value: Any, where: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise _fail(where, f'"{key}" must be a number, not {value!r}')
    return float(value)


def _int(
    value: Any, where: str, key: str, *, low: int | None = None, high: int | None = None
) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise _fail(where, f'"{key}" must be an integer, not {value!r}')
    if low is not None and value < low:
        raise _fail(where, f'"{key}" must be at least {low}, not {value}')
    if high is not None and value > high:
        raise _fail(where, f'"{key}" must be at most {high}, not {value}')
    return int(value)


def _location(data: Mapping[str, Any], where: str) -> tuple[float, float]:
    for key in ("lat", "lon"):
        if key not in data or data[key] is None:
            raise _fail(where, f'missing "{key}"')
    lat = _num(data["lat"], where, "lat")
    lon = _num(data["lon"], where, "lon")
    if not -90 <= lat <= 90:
        raise _fail(where, f'"lat" {lat} is outside -90..90')
    if not -180 <= lon <= 180:
        raise _fail(where, f'"lon" {lon} is outside -180..180')
    return lat, lon


def parse_time(value: Any, where: str, key: str) -> int:
    """Parse "HH:MM" (00:00–24:00) into minutes after midnight."""
    match = _TIME_RE.match(value) if isinstance(value, str) else None
    if match is None:
        raise _fail(where, f'"{key}" must be a time "HH:MM", not {value!r}')
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise _fail(where, f'"{key}" is not a valid time: {value!r}')
    return hours * 60 + minutes


def format_time(minutes: int) -> str:
    """Minutes after midnight as "HH:MM"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_date(value: Any, where: str, key: str) -> dt.date:
    """Parse an ISO date "YYYY-MM-DD"."""
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        raise _fail(where, f'"{key}" must be a date "YYYY-MM-DD", not {value!r}')
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail(where, f'"{key}" is not a valid date: {value!r}') from None


def _unique(items: Iterable[Any], kind: str) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise InstanceError(f'duplicate {kind} id "{item.id}"')
        seen.add(item.id)


# --------------------------------------------------------------------------- loading


def _load_rules(raw: Any) -> Rules:
    if raw is None:
        return Rules()
    data = _obj(raw, "rules")
    defaults = Rules()
    values: dict[str, Any] = {}
    for key in ("officer_speed_kmh", "guard_speed_kmh", "volunteer_speed_kmh", "road_factor"):
        if data.get(key) is not None:
            value = _num(data[key], "rules", key)
            if value <= 0:
                raise _fail("rules", f'"{key}" must be positive, not {value}')
            values[key] = value
    if data.get("volunteer_radius_km") is not None:
        radius = _num(data["volunteer_radius_km"], "rules", "volunteer_radius_km")
        if radius < 0:
            raise _fail("rules", f'"volunteer_radius_km" must not be negative, not {radius}')
        values["volunteer_radius_km"] = radius
    if data.get("cross_station") is not None:
        if not isinstance(data["cross_station"], bool):
            raise _fail("rules", '"cross_station" must be true or false')
        values["cross_station"] = data["cross_station"]
    if data.get("time_limit_s") is not None:
        limit = _num(data["time_limit_s"], "rules", "time_limit_s")
        if limit <= 0:
            raise _fail("rules", f'"time_limit_s" must be positive, not {limit}')
        values["time_limit_s"] = limit
    if data.get("seed") is not None:
        values["seed"] = _int(data["seed"], "rules", "seed", low=0)
    if data.get("weights") is not None:
        raw_weights = _obj(data["weights"], "rules.weights")
        known = {f.name for f in fields(Weights)}
        weight_values: dict[str, int] = {}
        for key, value in raw_weights.items():
            if key not in known:
                raise _fail("rules.weights", f'unknown weight "{key}"')
            weight_values[key] = _int(value, "rules.weights", key, low=0)
        values["weights"] = Weights(**weight_values)
    return Rules(**{**{f.name: getattr(defaults, f.name) for f in fields(Rules)}, **values})


def _load_person(raw: Any, index: int) -> Person:
    data = _obj(raw, f"people[{index}]")
    pid = _str(data, "id", f"people[{index}]")
    where = f'person "{pid}"'
    role = _str(data, "role", where)
    if role not in ROLES:
        raise _fail(where, f'unknown role "{role}" (expected one of {", ".join(ROLES)})')
    lat, lon = _location(data, where)
    limits: dict[str, int | None] = {}
    for key in ("max_per_day", "max_per_week"):
        value = data.get(key)
        limits[key] = None if value is None else _int(value, where, key, low=0)
    windows = []
    for i, raw_window in enumerate(_list(data, "available", where, required=False)):
        wwhere = f"{where} available[{i}]"
        window = _obj(raw_window, wwhere)
        weekday = _int(window.get("weekday"), wwhere, "weekday", low=0, high=6)
        start = parse_time(window.get("start"), wwhere, "start")
        end = parse_time(window.get("end"), wwhere, "end")
        if end <= start:
            raise _fail(wwhere, f"end {format_time(end)} is not after start {format_time(start)}")
        windows.append(Window(weekday, start, end))
    leaves = []
    for i, raw_leave in enumerate(_list(data, "leave", where, required=False)):
        lwhere = f"{where} leave[{i}]"
        leave = _obj(raw_leave, lwhere)
        first = parse_date(leave.get("from"), lwhere, "from")
        last = parse_date(leave.get("to"), lwhere, "to")
        if last < first:
            raise _fail(lwhere, f'"to" {last} is before "from" {first}')
        leaves.append(Leave(first, last))
    preferred = _list(data, "preferred_schools", where, required=False)
    if not all(isinstance(s, str) for s in preferred):
        raise _fail(where, '"preferred_schools" must be a list of school ids')
    history = data.get("history_load")
    history_load = 0.0 if history is None else _num(history, where, "history_load")
    if history_load < 0:
        raise _fail(where, f'"history_load" must not be negative, not {history_load}')
    name = data.get("name")
    return Person(
        id=pid,
        name=name if isinstance(name, str) else pid,
        role=role,
        station=_str(data, "station", where),
        lat=lat,
        lon=lon,
        max_per_day=limits["max_per_day"],
        max_per_week=limits["max_per_week"],
        available=tuple(windows),
        leave=tuple(leaves),
        preferred_schools=tuple(preferred),
        history_load=history_load,
    )


def _load_session(raw: Any, index: int) -> Session:
    data = _obj(raw, f"sessions[{index}]")
    sid = _str(data, "id", f"sessions[{index}]")
    where = f'session "{sid}"'
    kind = _str(data, "kind", where)
    if kind not in SESSION_KINDS:
        raise _fail(where, f'unknown kind "{kind}" (expected one of {", ".join(SESSION_KINDS)})')
    day = parse_date(data.get("date"), where, "date")
    start = parse_time(data.get("start"), where, "start")
    end = parse_time(data.get("end"), where, "end")
    if end <= start:
        raise _fail(where, f"end {format_time(end)} is not after start {format_time(start)}")
    need_raw = _obj(data.get("need"), f"{where} need")
    police = _int(need_raw.get("police"), where, "need.police", low=0)
    officers = _int(need_raw.get("officers"), where, "need.officers", low=0)
    total = _int(need_raw.get("total"), where, "need.total", low=0)
    if police > officers:
        raise _fail(where, f"need.police {police} > need.officers {officers}")
    if officers > total:
        raise _fail(where, f"need.officers {officers} > need.total {total}")
    follows = data.get("follows_weekday")
    return Session(
        id=sid,
        post=_str(data, "post", where),
        date=day,
        kind=kind,
        start=start,
        end=end,
        need=Need(police, officers, total),
        follows_weekday=None
        if follows is None
        else _int(follows, where, "follows_weekday", low=0, high=6),
    )


def _load_pairs(data: Mapping[str, Any], key: str) -> tuple[Pair, ...]:
    pairs: list[Pair] = []
    seen: set[Pair] = set()
    for i, raw in enumerate(_list(data, key, key, required=False)):
        item = _obj(raw, f"{key}[{i}]")
        pair = Pair(_str(item, "session", f"{key}[{i}]"), _str(item, "person", f"{key}[{i}]"))
        if pair in seen:
            raise InstanceError(f'{key}: duplicate pair "{pair.session}" / "{pair.person}"')
        seen.add(pair)
        pairs.append(pair)
    return tuple(pairs)


def load_instance(data: Any) -> Instance:
    """Validate a parsed `huxue-instance/1` document and build an `Instance`.

    Raises `InstanceError` naming the element for: a wrong or missing `format`, missing keys,
    malformed values, duplicate or unknown ids, need ordering, end not after start, and pinned
    pairs that break a rule.
    """
    doc = _obj(data, "instance")
    if doc.get("format") != INSTANCE_FORMAT:
        raise InstanceError(f'format must be "{INSTANCE_FORMAT}", not {doc.get("format")!r}')
    check_instance_document(doc, InstanceError)
    week_start = parse_date(doc.get("week_start"), "instance", "week_start")
    if week_start.weekday() != 0:
        raise _fail("instance", f'"week_start" {week_start} is not a Monday')

    stations = []
    for i, raw in enumerate(_list(doc, "stations", "instance", required=True)):
        item = _obj(raw, f"stations[{i}]")
        sid = _str(item, "id", f"stations[{i}]")
        lat, lon = _location(item, f'station "{sid}"')
        name = item.get("name")
        stations.append(Station(sid, name if isinstance(name, str) else sid, lat, lon))
    _unique(stations, "station")
    station_ids = {s.id for s in stations}

    schools = []
    for i, raw in enumerate(_list(doc, "schools", "instance", required=True)):
        item = _obj(raw, f"schools[{i}]")
        sid = _str(item, "id", f"schools[{i}]")
        where = f'school "{sid}"'
        kind = _str(item, "kind", where)
        if kind not in SCHOOL_KINDS:
            raise _fail(where, f'unknown kind "{kind}"')
        station = _str(item, "station", where)
        if station not in station_ids:
            raise _fail(where, f'unknown station "{station}"')
        lat, lon = _location(item, where)
        name = item.get("name")
        schools.append(School(sid, name if isinstance(name, str) else sid, kind, station, lat, lon))
    _unique(schools, "school")
    school_by_id = {s.id: s for s in schools}

    posts = []
    for i, raw in enumerate(_list(doc, "posts", "instance", required=True)):
        item = _obj(raw, f"posts[{i}]")
        pid = _str(item, "id", f"posts[{i}]")
        where = f'post "{pid}"'
        school_id = _str(item, "school", where)
        if school_id not in school_by_id:
            raise _fail(where, f'unknown school "{school_id}"')
        risk = _int(item.get("risk"), where, "risk", low=1, high=3)
        if item.get("lat") is None and item.get("lon") is None:
            lat, lon = school_by_id[school_id].lat, school_by_id[school_id].lon
        else:
            lat, lon = _location(item, where)
        name = item.get("name")
        posts.append(Post(pid, school_id, name if isinstance(name, str) else pid, risk, lat, lon))
    _unique(posts, "post")
    post_ids = {p.id for p in posts}

    sessions = [
        _load_session(raw, i)
        for i, raw in enumerate(_list(doc, "sessions", "instance", required=True))
    ]
    _unique(sessions, "session")
    for session in sessions:
        if session.post not in post_ids:
            raise _fail(f'session "{session.id}"', f'unknown post "{session.post}"')

    people = [
        _load_person(raw, i)
        for i, raw in enumerate(_list(doc, "people", "instance", required=True))
    ]
    _unique(people, "person")
    for person in people:
        if person.station not in station_ids:
            raise _fail(f'person "{person.id}"', f'unknown station "{person.station}"')
        for school in person.preferred_schools:
            if school not in school_by_id:
                raise _fail(f'person "{person.id}"', f'unknown preferred school "{school}"')

    session_ids = {s.id for s in sessions}
    person_ids = {p.id for p in people}
    pinned = _load_pairs(doc, "pinned")
    previous = _load_pairs(doc, "previous")
    for key, pairs in (("pinned", pinned), ("previous", previous)):
        for pair in pairs:
            if pair.session not in session_ids:
                raise InstanceError(f'{key}: unknown session "{pair.session}"')
            if pair.person not in person_ids:
                raise InstanceError(f'{key}: unknown person "{pair.person}"')

    instance = Instance(
        week_start=week_start,
        stations=tuple(stations),
        schools=tuple(schools),
        posts=tuple(posts),
        sessions=tuple(sessions),
        people=tuple(people),
        pinned=pinned,
        previous=previous,
        rules=_load_rules(doc.get("rules")),
    )
    _check_pinned(instance)
    return instance


def _check_pinned(instance: Instance) -> None:
    # Imported here: rules.py and verify.py import this module.
    from solver.verify import pinned_violations

    problems = pinned_violations(instance)
    if problems:
        raise InstanceError(
            "pinned pairs break a rule: " + "; ".join(v.message for v in problems[:3])
        )


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """The `huxue-instance/1` document of an instance (inverse of `load_instance`)."""
    rules = instance.rules
    return {
        "format": INSTANCE_FORMAT,
        "week_start": instance.week_start.isoformat(),
        "stations": [
            {"id": s.id, "name": s.name, "lat": s.lat, "lon": s.lon} for s in instance.stations
        ],
        "schools": [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "station": s.station,
                "lat": s.lat,
                "lon": s.lon,
            }
            for s in instance.schools
        ],
        "posts": [
            {
                "id": p.id,
                "school": p.school,
                "name": p.name,
                "risk": p.risk,
                "lat": p.lat,
                "lon": p.lon,
            }
            for p in instance.posts
        ],
        "sessions": [_session_to_dict(s) for s in instance.sessions],
        "people": [_person_to_dict(p) for p in instance.people],
        "pinned": [{"session": p.session, "person": p.person} for p in instance.pinned],
        "previous": [{"session": p.session, "person": p.person} for p in instance.previous],
        "rules": {
            "officer_speed_kmh": rules.officer_speed_kmh,
            "guard_speed_kmh": rules.guard_speed_kmh,
            "volunteer_speed_kmh": rules.volunteer_speed_kmh,
            "road_factor": rules.road_factor,
            "volunteer_radius_km": rules.volunteer_radius_km,
            "cross_station": rules.cross_station,
            "time_limit_s": rules.time_limit_s,
            "seed": rules.seed,
            "weights": {f.name: getattr(rules.weights, f.name) for f in fields(Weights)},
        },
    }


def _session_to_dict(session: Session) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": session.id,
        "post": session.post,
        "date": session.date.isoformat(),
        "kind": session.kind,
        "start": format_time(session.start),
        "end": format_time(session.end),
        "need": {
            "police": session.need.police,
            "officers": session.need.officers,
            "total": session.need.total,
        },
    }
    if session.follows_weekday is not None:
        out["follows_weekday"] = session.follows_weekday
    return out


def _person_to_dict(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "role": person.role,
        "station": person.station,
        "lat": person.lat,
        "lon": person.lon,
        "max_per_day": person.max_per_day,
        "max_per_week": person.max_per_week,
        "available": [
            {"weekday": w.weekday, "start": format_time(w.start), "end": format_time(w.end)}
            for w in person.available
        ],
        "leave": [{"from": lv.first.isoformat(), "to": lv.last.isoformat()} for lv in person.leave],
        "preferred_schools": list(person.preferred_schools),
        "history_load": person.history_load,
    }


# --------------------------------------------------------------------------- rosters


@dataclass(frozen=True)
class Missing:
    """Shortfall of police, officers and total people at a session."""

    police: int
    officers: int
    total: int

    def any(self) -> bool:
        """Whether anything is missing."""
        return bool(self.police or self.officers or self.total)


@dataclass(frozen=True)
class Candidate:
    """Someone who could have filled a short session and what stopped them."""

    person: str
    blocked_by: str


@dataclass(frozen=True)
class Reason:
    """Why a session is short: code no_eligible | all_busy | at_limit | mixed."""

    code: str
    text: str
    candidates: tuple[Candidate, ...] = ()


@dataclass(frozen=True)
class Shortage:
    """A session with a non-zero shortfall."""

    session: str
    missing: Missing
    reason: Reason | None = None


@dataclass(frozen=True)
class Roster:
    """A parsed `huxue-roster/1`: assignments and shortages (the rest is informative)."""

    assignments: tuple[Pair, ...]
    shortages: tuple[Shortage, ...]
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False)


def load_roster(data: Any) -> Roster:
    """Validate the shape of a `huxue-roster/1` document (ids are checked by `verify`)."""
    doc = _obj(data, "roster")
    if doc.get("format") != ROSTER_FORMAT:
        raise InstanceError(f'roster format must be "{ROSTER_FORMAT}", not {doc.get("format")!r}')
    assignments = []
    for i, raw in enumerate(_list(doc, "assignments", "roster", required=True)):
        item = _obj(raw, f"assignments[{i}]")
        assignments.append(
            Pair(
                _str(item, "session", f"assignments[{i}]"),
                _str(item, "person", f"assignments[{i}]"),
            )
        )
    shortages = []
    for i, raw in enumerate(_list(doc, "shortages", "roster", required=True)):
        where = f"shortages[{i}]"
        item = _obj(raw, where)
        session = _str(item, "session", where)
        missing_raw = _obj(item.get("missing"), f"{where} missing")
        missing = Missing(
            *(
                _int(missing_raw.get(k), where, f"missing.{k}", low=0)
                for k in ("police", "officers", "total")
            )
        )
        reason = None
        if isinstance(item.get("reason"), Mapping):
            r = item["reason"]
            cands = tuple(
                Candidate(str(c.get("person", "")), str(c.get("blocked_by", "")))
                for c in r.get("candidates", []) or []
                if isinstance(c, Mapping)
            )
            reason = Reason(str(r.get("code", "")), str(r.get("text", "")), cands)
        shortages.append(Shortage(session, missing, reason))
    return Roster(tuple(assignments), tuple(shortages), doc)


def shortage_to_dict(shortage: Shortage) -> dict[str, Any]:
    """A shortage as in `huxue-roster/1`."""
    out: dict[str, Any] = {
        "session": shortage.session,
        "missing": {
            "police": shortage.missing.police,
            "officers": shortage.missing.officers,
            "total": shortage.missing.total,
        },
    }
    if shortage.reason is not None:
        out["reason"] = {
            "code": shortage.reason.code,
            "text": shortage.reason.text,
            "candidates": [
                {"person": c.person, "blocked_by": c.blocked_by} for c in shortage.reason.candidates
            ],
        }
    return out


def roster_to_dict(roster: Roster) -> dict[str, Any]:
    """A roster as a `huxue-roster/1` document (informative keys of `raw` are kept)."""
    out: dict[str, Any] = {
        k: v for k, v in roster.raw.items() if k not in ("assignments", "shortages")
    }
    out["format"] = ROSTER_FORMAT
    out["assignments"] = [{"session": p.session, "person": p.person} for p in roster.assignments]
    out["shortages"] = [shortage_to_dict(s) for s in roster.shortages]
    return out
