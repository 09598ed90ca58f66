"""The rule primitives of "Rules, exactly" — the one place the solver, the greedy, `verify`
and the causes take distance, travel, eligibility and counting from.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from solver.geo import EARTH_RADIUS_KM, haversine_km, travel_minutes_for
from solver.instance import Instance, Pair, Person, Session, Window
from solver.lone_officer import lone_officer_cost
from solver.response_reach import response_cost
from solver.roles import OFFICER_ROLES, ROLES, Missing, counts, role_fits, shortfall

# Reason codes for a (person, session) pair that cannot be assigned at all, in the order they
# are checked. "role" is the solver's own restriction (the person's role fills no seat the
# session has); the others are rules that `verify` checks too.
ROLE = "role"
STATION = "station"
REACH = "reach"
LEAVE = "leave"
AVAILABILITY = "availability"


def speed_kmh(instance: Instance, role: str) -> float:
    """Travel speed of a role: officers (police, auxiliary), guards (security), volunteers."""
    rules = instance.rules
    if role in OFFICER_ROLES:
        return rules.officer_speed_kmh
    if role == "security":
        return rules.guard_speed_kmh
    return rules.volunteer_speed_kmh


class RuleBook:
    """Rule primitives bound to one instance, with the distances and travel times cached."""

    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        self._post_distance: dict[tuple[str, str], float] = {}
        self._travel: dict[tuple[float, str, str], int] = {}
        self._home_distance: dict[tuple[str, str], float] = {}
        self._pools: dict[str, list[Person]] = {}
        self._index: _PoolIndex | None = None
        self._post_school = {p.id: p.school for p in instance.posts}
        self._school_station = {s.id: s.station for s in instance.schools}
        self._session_station = {
            s.id: self._school_station[self._post_school[s.post]] for s in instance.sessions
        }

    # -- geometry

    def post_distance_km(self, post_a: str, post_b: str) -> float:
        """Great-circle distance between two posts."""
        if post_a == post_b:
            return 0.0
        key = (post_a, post_b) if post_a < post_b else (post_b, post_a)
        km = self._post_distance.get(key)
        if km is None:
            a = self.instance.post_by_id[post_a]
            b = self.instance.post_by_id[post_b]
            km = haversine_km(a.lat, a.lon, b.lat, b.lon)
            self._post_distance[key] = km
        return km

    def home_distance_km(self, person: Person, post_id: str) -> float:
        """Distance from a person's home to a post."""
        key = (person.id, post_id)
        km = self._home_distance.get(key)
        if km is None:
            post = self.instance.post_by_id[post_id]
            km = haversine_km(person.lat, person.lon, post.lat, post.lon)
            self._home_distance[key] = km
        return km

    def travel_minutes(self, role: str, post_a: str, post_b: str) -> int:
        """Travel minutes between two posts for a role: 0 at the same post."""
        if post_a == post_b:
            return 0
        speed = speed_kmh(self.instance, role)
        key = (speed, post_a, post_b) if post_a < post_b else (speed, post_b, post_a)
        minutes = self._travel.get(key)
        if minutes is None:
            minutes = travel_minutes_for(
                self.post_distance_km(post_a, post_b), self.instance.rules.road_factor, speed
            )
            self._travel[key] = minutes
        return minutes

    def travel_minutes_for_km(self, role: str, km: float) -> int:
        """Travel minutes over `km` for a role (the rule of `travel_minutes`)."""
        rules = self.instance.rules
        return travel_minutes_for(km, rules.road_factor, speed_kmh(self.instance, role))

    def conflict(self, role: str, a: Session, b: Session) -> bool:
        """Whether one person of `role` cannot take both sessions (no-overlap with travel)."""
        if a.date != b.date:
            return False
        if a.start > b.start:
            a, b = b, a
        return a.end + self.travel_minutes(role, a.post, b.post) > b.start

    # -- eligibility

    def station_of(self, session: Session) -> str:
        """The station that owns the session's school."""
        return self._session_station[session.id]

    def school_of(self, session: Session) -> str:
        """The school of the session's post."""
        return self._post_school[session.post]

    def rule_block(self, person: Person, session: Session) -> str | None:
        """The first rule of station, reach, leave, availability the pair breaks, or None."""
        rules = self.instance.rules
        if person.role in OFFICER_ROLES:
            if not rules.cross_station and self.station_of(session) != person.station:
                return STATION
        elif self.school_of(session) not in person.preferred_schools and (
            self.home_distance_km(person, session.post) > rules.volunteer_radius_km
        ):
            return REACH
        return self._free_then(person, session)

    def ineligibility(self, person: Person, session: Session) -> str | None:
        """Why the pair can never be assigned (role, station, reach, leave, availability)."""
        if not role_fits(person.role, session.need):
            return ROLE
        return self.rule_block(person, session)

    def _pool_index(self) -> _PoolIndex:
        """Officers by station, everyone else by preferred school and by a grid of home
        locations (cells wider than the radius), so the city size stays fast."""
        if self._index is not None:
            return self._index
        instance = self.instance
        index = _PoolIndex({p.id: i for i, p in enumerate(instance.people)})
        # A cell (degrees) spans at least the radius in both directions at every latitude used,
        # so a reachable home is always in the post's cell or a neighbouring one.
        top = max(
            [abs(p.lat) for p in instance.people] + [abs(p.lat) for p in instance.posts] + [0.0]
        )
        shrink = max(math.cos(math.radians(min(top, 89.0))), 0.01)
        index.cell = max(instance.rules.volunteer_radius_km / (111.0 * shrink), 1e-4) * 1.01
        for person in instance.people:
            if person.role in OFFICER_ROLES:
                index.officers_by_station[person.station].append(person)
                index.all_officers.append(person)
                continue
            index.others.append(person)
            for school in person.preferred_schools:
                index.by_preferred[school].append(person)
            index.grid[
                (math.floor(person.lat / index.cell), math.floor(person.lon / index.cell))
            ].append(person)
        self._index = index
        return index

    def post_pool(self, post_id: str) -> list[Person]:
        """The people that station and reach allow at a post, in list order (computed on
        first use, so a repair touching a few posts looks at those alone)."""
        pool = self._pools.get(post_id)
        if pool is not None:
            return pool
        index = self._pool_index()
        rules = self.instance.rules
        post = self.instance.post_by_id[post_id]
        station = self._school_station[post.school]
        pool = list(
            index.all_officers if rules.cross_station else index.officers_by_station[station]
        )
        near: dict[str, Person] = {p.id: p for p in index.by_preferred.get(post.school, ())}
        ci, cj = math.floor(post.lat / index.cell), math.floor(post.lon / index.cell)
        radius = rules.volunteer_radius_km
        # No home farther north or south than the radius can be within it (the great-circle
        # distance is at least the meridian arc between the latitudes): skip the distance.
        lat_room = math.degrees(radius / EARTH_RADIUS_KM) * (1 + 1e-6) + 1e-9
        lon_room = _lon_room(post.lat, lat_room, radius)
        if max(lat_room, lon_room) <= index.cell and abs(post.lon) + lon_room < 180.0:
            nearby = [
                person
                for di in (-1, 0, 1)
                for dj in (-1, 0, 1)
                for person in index.grid.get((ci + di, cj + dj), ())
            ]
        else:  # near a pole or the date line the grid's neighbours miss homes: everyone
            nearby = index.others
        for person in nearby:
            if (
                person.id not in near
                and abs(person.lat - post.lat) <= lat_room
                and not (lon_room < abs(person.lon - post.lon) < 360.0 - lon_room)
                and self.home_distance_km(person, post.id) <= radius
            ):
                near[person.id] = person
        pool += near.values()
        pool.sort(key=lambda p: index.order[p.id])
        self._pools[post_id] = pool
        return pool

    def candidates(self, sessions: Iterable[Session] | None = None) -> dict[str, list[Person]]:
        """Eligible people per session id (all sessions, or the given ones), in list order.

        The same as asking `ineligibility` of everyone, faster: a post's pool already keeps
        station and reach, so only role, leave and availability are left to check, and most
        people share a few weekly patterns: who is not free is worked out once per (date,
        window) and availability pattern."""
        chosen = list(self.instance.sessions if sessions is None else sessions)
        out: dict[str, list[Person]] = {}
        patterns: dict[tuple[Window, ...], list[str]] = defaultdict(list)
        on_leave: dict[object, set[str]] = defaultdict(set)
        dates = {s.date for s in chosen}
        for p in self.instance.people:
            if p.available:
                patterns[p.available].append(p.id)
            for leave in p.leave:
                for day in dates:
                    if leave.first <= day <= leave.last:
                        on_leave[day].add(p.id)
        # Each pattern's windows by weekday, so a session looks at its own day's alone.
        by_weekday: list[tuple[dict[int, list[tuple[int, int]]], list[str]]] = []
        for windows, ids in patterns.items():
            days: dict[int, list[tuple[int, int]]] = defaultdict(list)
            for w in windows:
                days[w.weekday].append((w.start, w.end))
            by_weekday.append((dict(days), ids))
        away: dict[tuple[object, int, int, int], frozenset[str]] = {}
        for session in chosen:
            weekday, start, end = session.weekday, session.start, session.end
            key = (session.date, weekday, start, end)
            not_free = away.get(key)
            if not_free is None:
                unavailable = set(on_leave.get(session.date, ()))
                for days, ids in by_weekday:
                    if not any(s <= start and end <= e for s, e in days.get(weekday, ())):
                        unavailable.update(ids)
                not_free = frozenset(unavailable)
                away[key] = not_free
            fits = {role for role in ROLES if role_fits(role, session.need)}
            out[session.id] = [
                p for p in self.post_pool(session.post) if p.role in fits and p.id not in not_free
            ]
        return out

    def _free_then(self, person: Person, session: Session) -> str | None:
        """LEAVE or AVAILABILITY when the person is not free for the session, else None."""
        for leave in person.leave:
            if leave.first <= session.date <= leave.last:
                return LEAVE
        if person.available:
            weekday = session.weekday
            if not any(
                w.weekday == weekday and w.start <= session.start and session.end <= w.end
                for w in person.available
            ):
                return AVAILABILITY
        return None


def _lon_room(lat: float, lat_room: float, radius_km: float) -> float:
    """Degrees of longitude beyond which no home within `lat_room` degrees of latitude of a
    post at `lat` can be within `radius_km` of it: the haversine term of the longitudes,
    cos φ1 cos φ2 sin²(Δλ/2), alone exceeds the radius's (a margin keeps it safe; 360 when
    no such bound exists, near the poles or for radii that span the globe)."""
    cos_low = math.cos(math.radians(min(90.0, abs(lat) + lat_room)))
    if cos_low <= 1e-6 or radius_km >= math.pi * EARTH_RADIUS_KM / 2:
        return 360.0
    ratio = math.sin(radius_km / (2 * EARTH_RADIUS_KM)) / cos_low
    if ratio >= 1.0:
        return 360.0
    return math.degrees(2 * math.asin(ratio)) * (1 + 1e-6) + 1e-9


@dataclass
class _PoolIndex:
    """Where to look for the people a post can have (see `RuleBook.post_pool`)."""

    order: dict[str, int]
    cell: float = 1.0
    officers_by_station: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    all_officers: list[Person] = field(default_factory=list)
    others: list[Person] = field(default_factory=list)
    by_preferred: dict[str, list[Person]] = field(default_factory=lambda: defaultdict(list))
    grid: dict[tuple[int, int], list[Person]] = field(default_factory=lambda: defaultdict(list))


@dataclass(frozen=True)
class Terms:
    """The objective broken down by term (weighted costs)."""

    police_shortfall: int
    officer_shortfall: int
    total_shortfall: int
    change: int
    cross_station: int
    continuity: int
    fairness: int
    travel: int
    preference: int
    response: int = 0  # only with `rules.response_term` (see `solver.response_term`)
    lone_officer: int = 0

    @property
    def shortfall(self) -> int:
        """The coverage part (phase 1)."""
        return self.police_shortfall + self.officer_shortfall + self.total_shortfall

    @property
    def total(self) -> int:
        """The whole objective."""
        return (
            self.shortfall
            + self.change
            + self.cross_station
            + self.continuity
            + self.fairness
            + self.travel
            + self.preference
            + self.response
            + self.lone_officer
        )

    def as_dict(self) -> dict[str, int]:
        """Terms by name, with `total`."""
        return {
            "police_shortfall": self.police_shortfall,
            "officer_shortfall": self.officer_shortfall,
            "total_shortfall": self.total_shortfall,
            "change": self.change,
            "cross_station": self.cross_station,
            "continuity": self.continuity,
            "fairness": self.fairness,
            "travel": self.travel,
            "preference": self.preference,
            "response": self.response,
            "lone_officer": self.lone_officer,
            "total": self.total,
        }


def round_km(km: float) -> int:
    """Whole kilometres, halves rounded up (the travel term's unit)."""
    return math.floor(km + 0.5)


def continuity_baseline(instance: Instance) -> dict[tuple[str, str], int]:
    """Seats at each (post, kind) on its busiest day: people beyond that count as extra."""
    per_day: dict[tuple[str, str, object], int] = defaultdict(int)
    for s in instance.sessions:
        per_day[(s.post, s.kind, s.date)] += s.need.total
    base: dict[tuple[str, str], int] = defaultdict(int)
    for (post, kind, _day), seats in per_day.items():
        base[(post, kind)] = max(base[(post, kind)], seats)
    return dict(base)


def session_shortfalls(
    instance: Instance, assignments: Iterable[Pair], sessions: Iterable[Session] | None = None
) -> dict[str, Missing]:
    """Shortfall of every session (zeros included) for a roster of known ids; of `sessions`
    alone when given (a repair weighs its few free sessions, not the whole week)."""
    chosen = instance.sessions if sessions is None else list(sessions)
    wanted = None if sessions is None else {s.id for s in chosen}
    roles: dict[str, list[str]] = defaultdict(list)
    person_by_id = instance.person_by_id
    for pair in assignments:
        if wanted is None or pair.session in wanted:
            roles[pair.session].append(person_by_id[pair.person].role)
    out: dict[str, Missing] = {}
    for s in chosen:
        held = roles.get(s.id)
        need = s.need
        out[s.id] = (
            shortfall(need, *counts(held))
            if held
            else Missing(need.police, need.officers, need.total)
        )
    return out


def objective_terms(
    instance: Instance, assignments: Iterable[Pair], *, book: RuleBook | None = None
) -> Terms:
    """The objective of a roster, term by term, exactly as the model weighs it."""
    book = book or RuleBook(instance)
    weights = instance.rules.weights
    pairs = set(assignments)
    police_sf = officer_sf = total_sf = 0
    for sid, missing in session_shortfalls(instance, pairs).items():
        risk = instance.risk(instance.session_by_id[sid])
        police_sf += weights.police_shortfall * risk * missing.police
        officer_sf += weights.officer_shortfall * risk * missing.officers
        total_sf += weights.total_shortfall * risk * missing.total
    change = weights.change * sum(1 for p in instance.previous if p not in pairs)
    cross = travel = preference = 0
    people_at: dict[tuple[str, str], set[str]] = defaultdict(set)
    load: dict[str, int] = defaultdict(int)
    for pair in pairs:
        session = instance.session_by_id[pair.session]
        person = instance.person_by_id[pair.person]
        if person.role in OFFICER_ROLES and book.station_of(session) != person.station:
            cross += weights.cross_station
        travel += weights.travel_km * round_km(book.home_distance_km(person, session.post))
        if person.preferred_schools and book.school_of(session) not in person.preferred_schools:
            preference += weights.preference
        people_at[(session.post, session.kind)].add(person.id)
        load[person.id] += 1
    base = continuity_baseline(instance)
    continuity = weights.continuity * sum(
        max(0, len(people) - base[key]) for key, people in people_at.items()
    )
    fairness = 0
    for members in fairness_groups(instance).values():
        loads = [history_units(p) + load[p.id] for p in members]
        mean = sum(loads) // len(loads)
        fairness += weights.fairness * sum(max(0, x - mean) for x in loads)
    response = 0
    if instance.rules.response_term and weights.response:
        response = response_cost(instance, pairs)
    return Terms(
        police_sf,
        officer_sf,
        total_sf,
        change,
        cross,
        continuity,
        fairness,
        travel,
        preference,
        response,
        lone_officer=lone_officer_cost(instance, pairs),
    )


def history_units(person: Person) -> int:
    """Earlier weeks' load in whole sessions (the fairness term counts whole sessions)."""
    return math.floor(person.history_load + 0.5)


def fairness_groups(instance: Instance) -> dict[tuple[str, str], list[Person]]:
    """People grouped by (role, station): the fairness term balances load within a group."""
    groups: dict[tuple[str, str], list[Person]] = defaultdict(list)
    for person in instance.people:
        groups[(person.role, person.station)].append(person)
    return dict(groups)


class Occupancy:
    """Who is where: the no-overlap and limit checks for adding one more duty to a person."""

    def __init__(self, book: RuleBook) -> None:
        self.book = book
        self.by_person_day: dict[tuple[str, object], list[Session]] = defaultdict(list)
        self.week: dict[str, int] = defaultdict(int)
        self.at_session: dict[str, set[str]] = defaultdict(set)

    def add(self, person: Person, session: Session) -> None:
        """Record a duty."""
        self.by_person_day[(person.id, session.date)].append(session)
        self.week[person.id] += 1
        self.at_session[session.id].add(person.id)

    def remove(self, person: Person, session: Session) -> None:
        """Forget a duty."""
        self.by_person_day[(person.id, session.date)].remove(session)
        self.week[person.id] -= 1
        self.at_session[session.id].discard(person.id)

    def blocked_by(self, person: Person, session: Session) -> str | None:
        """Why the person cannot also take the session: "busy at <id>", "max_per_day",
        "max_per_week", "assigned" (already there) — or None when they can."""
        if person.id in self.at_session.get(session.id, ()):
            return "assigned"
        day = self.by_person_day.get((person.id, session.date), [])
        for other in day:
            if self.book.conflict(person.role, other, session):
                return f"busy at {other.id}"
        if person.max_per_day is not None and len(day) >= person.max_per_day:
            return "max_per_day"
        if person.max_per_week is not None and self.week.get(person.id, 0) >= person.max_per_week:
            return "max_per_week"
        return None
