"""The solver's input as frozen dataclasses and the `huxue-instance/1` JSON format (see
shared/DESIGN.md): reading it (`load_instance`) and writing it (`instance_to_dict`).

`load_instance` validates everything a solve relies on and raises `InstanceError` with a message
that names the offending element; the CLI turns that into one line and exit code 2.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from functools import cached_property
from typing import Any

from solver.fields import (
    InstanceError,
    as_int,
    as_list,
    as_location,
    as_number,
    as_object,
    as_str,
    fail,
    format_time,
    parse_date,
    parse_time,
    unique_ids,
)
from solver.limits import check_instance_document
from solver.lone_rule import LoneOfficerRule, load_rule, load_turnout, rule_to_dict
from solver.roles import OFFICER_ROLES, ROLES, Missing, Need
from solver.roster import (
    ROSTER_FORMAT,
    Candidate,
    Pair,
    Reason,
    Roster,
    Shortage,
    load_roster,
    roster_to_dict,
    shortage_to_dict,
)

# The roster format's names and the field parsers are re-exported: callers take the types of
# both formats from here.
__all__ = [
    "INSTANCE_FORMAT",
    "OFFICER_ROLES",
    "REPAIR_TIME_LIMIT_S",
    "ROLES",
    "ROSTER_FORMAT",
    "SCHOOL_KINDS",
    "SESSION_KINDS",
    "Candidate",
    "Instance",
    "InstanceError",
    "Leave",
    "Missing",
    "Need",
    "Pair",
    "Person",
    "Post",
    "Reason",
    "Roster",
    "Rules",
    "School",
    "Session",
    "Shortage",
    "Station",
    "Weights",
    "Window",
    "format_time",
    "instance_to_dict",
    "load_instance",
    "load_roster",
    "parse_date",
    "parse_time",
    "roster_to_dict",
    "rules_to_dict",
    "shortage_to_dict",
]

INSTANCE_FORMAT = "huxue-instance/1"

SESSION_KINDS = ("arrival", "noon", "dismissal", "after_care", "evening")
SCHOOL_KINDS = ("kindergarten", "primary", "middle", "high", "nine_year", "vocational")


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
    # Share of recorded duties of the last weeks the person came to (None: nothing recorded);
    # read by the lone-officer rule (`solver.lone_officer`).
    turnout: float | None = None


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
    - ``preference`` 1 per duty outside a person's non-empty ``preferred_schools``;
    - ``response`` 10 per (peak window, school) with no on-duty officer within 5 minutes, and
      10 again per one with none within 3 minutes (only when ``rules.response_term`` is true;
      see `solver.response_term`). It sits with continuity: it moves officers between gates
      of equal shortfall, never a seat.
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
    response: int = 10


# The sick-call repair's time limit (seconds) unless the caller gives one: a repair touches
# one station's week around one person, and the planner waits for it.
REPAIR_TIME_LIMIT_S = 10.0


@dataclass(frozen=True)
class Rules:
    """Speeds, reach and solve defaults; absent keys take these values. The one place the
    defaults are written (the application derives its copies with `rules_to_dict(Rules())`)."""

    officer_speed_kmh: float = 20.0
    guard_speed_kmh: float = 12.0
    volunteer_speed_kmh: float = 5.0
    road_factor: float = 1.3
    volunteer_radius_km: float = 3.0
    cross_station: bool = False
    # The response-time term (officers placed where they reach more schools at peaks).
    response_term: bool = False
    time_limit_s: float = 30.0
    seed: int = 0
    weights: Weights = field(default_factory=Weights)
    lone_officer: LoneOfficerRule = field(default_factory=LoneOfficerRule)


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
        """Stations by id (patrol units start from their station)."""
        return {s.id: s for s in self.stations}

    @cached_property
    def school_by_id(self) -> dict[str, School]:
        """Schools by id (patrol stops and response times are per school)."""
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

    def school_of_session(self, session: Session) -> str:
        """The school of the session's post."""
        return self.post_by_id[session.post].school

    def risk(self, session: Session) -> int:
        """The risk level of the session's post."""
        return self.post_by_id[session.post].risk


# --------------------------------------------------------------------------- loading


def _load_rules(raw: Any) -> Rules:
    if raw is None:
        return Rules()
    data = as_object(raw, "rules")
    defaults = Rules()
    values: dict[str, Any] = {}
    for key in ("officer_speed_kmh", "guard_speed_kmh", "volunteer_speed_kmh", "road_factor"):
        if data.get(key) is not None:
            value = as_number(data[key], "rules", key)
            if value <= 0:
                raise fail("rules", f'"{key}" must be positive, not {value}')
            values[key] = value
    if data.get("volunteer_radius_km") is not None:
        radius = as_number(data["volunteer_radius_km"], "rules", "volunteer_radius_km")
        if radius < 0:
            raise fail("rules", f'"volunteer_radius_km" must not be negative, not {radius}')
        values["volunteer_radius_km"] = radius
    if data.get("cross_station") is not None:
        if not isinstance(data["cross_station"], bool):
            raise fail("rules", '"cross_station" must be true or false')
        values["cross_station"] = data["cross_station"]
    if data.get("response_term") is not None:
        if not isinstance(data["response_term"], bool):
            raise fail("rules", '"response_term" must be true or false')
        values["response_term"] = data["response_term"]
    if data.get("time_limit_s") is not None:
        limit = as_number(data["time_limit_s"], "rules", "time_limit_s")
        if limit <= 0:
            raise fail("rules", f'"time_limit_s" must be positive, not {limit}')
        values["time_limit_s"] = limit
    if data.get("seed") is not None:
        values["seed"] = as_int(data["seed"], "rules", "seed", low=0)
    if data.get("weights") is not None:
        raw_weights = as_object(data["weights"], "rules.weights")
        known = {f.name for f in fields(Weights)}
        weight_values: dict[str, int] = {}
        for key, value in raw_weights.items():
            if key not in known:
                raise fail("rules.weights", f'unknown weight "{key}"')
            weight_values[key] = as_int(value, "rules.weights", key, low=0)
        values["weights"] = Weights(**weight_values)
    values["lone_officer"] = load_rule(data.get("lone_officer"))
    return Rules(**{**{f.name: getattr(defaults, f.name) for f in fields(Rules)}, **values})


def _load_person(raw: Any, index: int) -> Person:
    data = as_object(raw, f"people[{index}]")
    pid = as_str(data, "id", f"people[{index}]")
    where = f'person "{pid}"'
    role = as_str(data, "role", where)
    if role not in ROLES:
        raise fail(where, f'unknown role "{role}" (expected one of {", ".join(ROLES)})')
    lat, lon = as_location(data, where)
    limits: dict[str, int | None] = {}
    for key in ("max_per_day", "max_per_week"):
        value = data.get(key)
        limits[key] = None if value is None else as_int(value, where, key, low=0)
    windows = []
    for i, raw_window in enumerate(as_list(data, "available", where, required=False)):
        wwhere = f"{where} available[{i}]"
        window = as_object(raw_window, wwhere)
        weekday = as_int(window.get("weekday"), wwhere, "weekday", low=0, high=6)
        start = parse_time(window.get("start"), wwhere, "start")
        end = parse_time(window.get("end"), wwhere, "end")
        if end <= start:
            raise fail(wwhere, f"end {format_time(end)} is not after start {format_time(start)}")
        windows.append(Window(weekday, start, end))
    leaves = []
    for i, raw_leave in enumerate(as_list(data, "leave", where, required=False)):
        lwhere = f"{where} leave[{i}]"
        leave = as_object(raw_leave, lwhere)
        first = parse_date(leave.get("from"), lwhere, "from")
        last = parse_date(leave.get("to"), lwhere, "to")
        if last < first:
            raise fail(lwhere, f'"to" {last} is before "from" {first}')
        leaves.append(Leave(first, last))
    preferred = as_list(data, "preferred_schools", where, required=False)
    if not all(isinstance(s, str) for s in preferred):
        raise fail(where, '"preferred_schools" must be a list of school ids')
    history = data.get("history_load")
    history_load = 0.0 if history is None else as_number(history, where, "history_load")
    if history_load < 0:
        raise fail(where, f'"history_load" must not be negative, not {history_load}')
    name = data.get("name")
    return Person(
        id=pid,
        name=name if isinstance(name, str) else pid,
        role=role,
        station=as_str(data, "station", where),
        lat=lat,
        lon=lon,
        max_per_day=limits["max_per_day"],
        max_per_week=limits["max_per_week"],
        available=tuple(windows),
        leave=tuple(leaves),
        preferred_schools=tuple(preferred),
        history_load=history_load,
        turnout=load_turnout(data, where),
    )


def _load_session(raw: Any, index: int) -> Session:
    data = as_object(raw, f"sessions[{index}]")
    sid = as_str(data, "id", f"sessions[{index}]")
    where = f'session "{sid}"'
    kind = as_str(data, "kind", where)
    if kind not in SESSION_KINDS:
        raise fail(where, f'unknown kind "{kind}" (expected one of {", ".join(SESSION_KINDS)})')
    day = parse_date(data.get("date"), where, "date")
    start = parse_time(data.get("start"), where, "start")
    end = parse_time(data.get("end"), where, "end")
    if end <= start:
        raise fail(where, f"end {format_time(end)} is not after start {format_time(start)}")
    need_raw = as_object(data.get("need"), f"{where} need")
    police = as_int(need_raw.get("police"), where, "need.police", low=0)
    officers = as_int(need_raw.get("officers"), where, "need.officers", low=0)
    total = as_int(need_raw.get("total"), where, "need.total", low=0)
    if police > officers:
        raise fail(where, f"need.police {police} > need.officers {officers}")
    if officers > total:
        raise fail(where, f"need.officers {officers} > need.total {total}")
    follows = data.get("follows_weekday")
    return Session(
        id=sid,
        post=as_str(data, "post", where),
        date=day,
        kind=kind,
        start=start,
        end=end,
        need=Need(police, officers, total),
        follows_weekday=None
        if follows is None
        else as_int(follows, where, "follows_weekday", low=0, high=6),
    )


def _load_pairs(data: Mapping[str, Any], key: str) -> tuple[Pair, ...]:
    pairs: list[Pair] = []
    seen: set[Pair] = set()
    for i, raw in enumerate(as_list(data, key, key, required=False)):
        item = as_object(raw, f"{key}[{i}]")
        pair = Pair(as_str(item, "session", f"{key}[{i}]"), as_str(item, "person", f"{key}[{i}]"))
        if pair in seen:
            raise InstanceError(f'{key}: duplicate pair "{pair.session}" / "{pair.person}"')
        seen.add(pair)
        pairs.append(pair)
    return tuple(pairs)


def load_instance(data: Any) -> Instance:
    """Validate a parsed `huxue-instance/1` document and build an `Instance`.

    Raises `InstanceError` naming the element for: a wrong or missing `format`, missing keys,
    malformed values, duplicate or unknown ids, need ordering, end not after start. Whether
    the pinned pairs keep the rules is `solver.verify.check_pinned`'s question.
    """
    doc = as_object(data, "instance")
    if doc.get("format") != INSTANCE_FORMAT:
        raise InstanceError(f'format must be "{INSTANCE_FORMAT}", not {doc.get("format")!r}')
    check_instance_document(doc, InstanceError)
    week_start = parse_date(doc.get("week_start"), "instance", "week_start")
    if week_start.weekday() != 0:
        raise fail("instance", f'"week_start" {week_start} is not a Monday')

    stations = []
    for i, raw in enumerate(as_list(doc, "stations", "instance", required=True)):
        item = as_object(raw, f"stations[{i}]")
        sid = as_str(item, "id", f"stations[{i}]")
        lat, lon = as_location(item, f'station "{sid}"')
        name = item.get("name")
        stations.append(Station(sid, name if isinstance(name, str) else sid, lat, lon))
    unique_ids(stations, "station")
    station_ids = {s.id for s in stations}

    schools = []
    for i, raw in enumerate(as_list(doc, "schools", "instance", required=True)):
        item = as_object(raw, f"schools[{i}]")
        sid = as_str(item, "id", f"schools[{i}]")
        where = f'school "{sid}"'
        kind = as_str(item, "kind", where)
        if kind not in SCHOOL_KINDS:
            raise fail(where, f'unknown kind "{kind}"')
        station = as_str(item, "station", where)
        if station not in station_ids:
            raise fail(where, f'unknown station "{station}"')
        lat, lon = as_location(item, where)
        name = item.get("name")
        schools.append(School(sid, name if isinstance(name, str) else sid, kind, station, lat, lon))
    unique_ids(schools, "school")
    school_by_id = {s.id: s for s in schools}

    posts = []
    for i, raw in enumerate(as_list(doc, "posts", "instance", required=True)):
        item = as_object(raw, f"posts[{i}]")
        pid = as_str(item, "id", f"posts[{i}]")
        where = f'post "{pid}"'
        school_id = as_str(item, "school", where)
        if school_id not in school_by_id:
            raise fail(where, f'unknown school "{school_id}"')
        risk = as_int(item.get("risk"), where, "risk", low=1, high=3)
        if item.get("lat") is None and item.get("lon") is None:
            lat, lon = school_by_id[school_id].lat, school_by_id[school_id].lon
        else:
            lat, lon = as_location(item, where)
        name = item.get("name")
        posts.append(Post(pid, school_id, name if isinstance(name, str) else pid, risk, lat, lon))
    unique_ids(posts, "post")
    post_ids = {p.id for p in posts}

    sessions = [
        _load_session(raw, i)
        for i, raw in enumerate(as_list(doc, "sessions", "instance", required=True))
    ]
    unique_ids(sessions, "session")
    for session in sessions:
        if session.post not in post_ids:
            raise fail(f'session "{session.id}"', f'unknown post "{session.post}"')

    people = [
        _load_person(raw, i)
        for i, raw in enumerate(as_list(doc, "people", "instance", required=True))
    ]
    unique_ids(people, "person")
    for person in people:
        if person.station not in station_ids:
            raise fail(f'person "{person.id}"', f'unknown station "{person.station}"')
        for school in person.preferred_schools:
            if school not in school_by_id:
                raise fail(f'person "{person.id}"', f'unknown preferred school "{school}"')

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

    return Instance(
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


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """The `huxue-instance/1` document of an instance (inverse of `load_instance`)."""
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
        "rules": rules_to_dict(instance.rules),
    }


def rules_to_dict(rules: Rules, *, weights: bool = True) -> dict[str, Any]:
    """The `rules` object of `huxue-instance/1` (`weights` only when asked)."""
    out: dict[str, Any] = {
        f.name: getattr(rules, f.name)
        for f in fields(Rules)
        if f.name not in ("weights", "lone_officer")
    }
    out["lone_officer"] = rule_to_dict(rules.lone_officer)
    if weights:
        out["weights"] = {f.name: getattr(rules.weights, f.name) for f in fields(Weights)}
    return out


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
        **({"turnout": person.turnout} if person.turnout is not None else {}),
    }


# --------------------------------------------------------------------------- rosters
