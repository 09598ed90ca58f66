"""Response times ("1、3、5"): minutes for the nearest on-duty officer to reach each school.

DESIGN.md's rule: in a peak window, the minimum over on-duty officers of their worst-case travel
to the school's gate — from a post (police or auxiliary in a session overlapping the window),
the travel from that post; from a patrol whose loop runs in the window, the largest travel from
any stop of its loop. Posts travel at the officer speed, patrols at their unit's speed.

Distances are taken in bulk with numpy; the chosen pair is then measured again with the scalar
haversine so that the minutes are exactly those of the rule.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from solver.geo import EARTH_RADIUS_KM
from solver.instance import OFFICER_ROLES, Instance, Pair
from solver.patrol.build import PeakWindow, bell_windows, peak_windows, school_gates
from solver.patrol.model import Loop, PatrolUnit, Point, travel_minutes

TIERS = (1, 3, 5)

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class SchoolResponse:
    """One school in one peak window: minutes (None: no officer on duty) and from where."""

    school: str
    station: str
    date: dt.date
    window: str
    minutes: int | None
    source: str  # "post:<post id>", "unit:<unit id>" or ""


@dataclass(frozen=True)
class Figures:
    """Shares within 1, 3 and 5 minutes, average and worst of a group of school responses."""

    schools: int
    within: tuple[int, int, int]
    unreached: int
    average: float | None
    worst: int | None

    def share(self, tier: int) -> float:
        """The share (0–1) of schools reached within `tier` minutes (1, 3 or 5)."""
        return self.within[TIERS.index(tier)] / self.schools if self.schools else 0.0


@dataclass(frozen=True)
class Fix:
    """A way to bring a school under 5 minutes: an officer at a post, a changed loop, a unit.

    `code` is "post" (an officer at `target`, an unstaffed post in reach, who would bring
    `helps` > 1 schools of the window under 5 minutes), "loop" (unit `target` passes within 5
    minutes but its loop is too long to count) or "unit" (one more unit for the station).
    """

    school: str
    date: dt.date
    window: str
    code: str
    target: str
    helps: int


def _xyz(lat: FloatArray, lon: FloatArray) -> FloatArray:
    phi, lam = np.radians(lat), np.radians(lon)
    return np.stack([np.cos(phi) * np.cos(lam), np.cos(phi) * np.sin(lam), np.sin(phi)], axis=-1)


def _km_matrix(a: Sequence[Point], b: Sequence[Point]) -> FloatArray:
    """Great-circle km between every point of `a` and every point of `b` (rows × columns)."""
    pa = _xyz(np.array([p.lat for p in a]), np.array([p.lon for p in a]))
    pb = _xyz(np.array([p.lat for p in b]), np.array([p.lon for p in b]))
    chord = np.linalg.norm(pa[:, None, :] - pb[None, :, :], axis=-1)
    km: FloatArray = 2 * EARTH_RADIUS_KM * np.arcsin(np.clip(chord / 2, 0.0, 1.0))
    return km


def response_times(
    instance: Instance,
    assignments: Iterable[Pair],
    loops: Iterable[Loop] = (),
    units: Iterable[PatrolUnit] = (),
) -> list[SchoolResponse]:
    """Minutes to every school in every district peak window of the week (DESIGN.md's rule)."""
    gates = school_gates(instance)
    bells = bell_windows(instance)
    road = instance.rules.road_factor
    officer_speed = instance.rules.officer_speed_kmh
    unit_speed = {u.id: u.speed_kmh for u in units}
    on_post: dict[dt.date, list[tuple[int, int, str]]] = defaultdict(list)
    for pair in assignments:
        session = instance.session_by_id.get(pair.session)
        person = instance.person_by_id.get(pair.person)
        if session is not None and person is not None and person.role in OFFICER_ROLES:
            on_post[session.date].append((session.start, session.end, session.post))
    loops_by_day: dict[dt.date, list[Loop]] = defaultdict(list)
    for loop in loops:
        if loop.visits:
            loops_by_day[loop.date].append(loop)

    out: list[SchoolResponse] = []
    for window in peak_windows(instance):
        schools = sorted(bells[(window.date, window.kind)])
        targets = [gates[s] for s in schools]
        sources = _post_sources(window, on_post[window.date], instance, targets, officer_speed)
        sources += _loop_sources(window, loops_by_day[window.date], gates, targets, unit_speed)
        best = _choose(sources, targets, road)
        for i, school in enumerate(schools):
            found = best[i]
            out.append(
                SchoolResponse(
                    school,
                    instance.school_by_id[school].station,
                    window.date,
                    window.kind,
                    None if found is None else found[0],
                    "" if found is None else found[1],
                )
            )
    return out


# A source of officers for every school of a window: its label, the place each school is
# reached from (nearest post, or farthest stop of a loop), the km from there and the speed.
_Source = tuple[str | list[str], list[Point], FloatArray, float]


def _post_sources(
    window: PeakWindow,
    duties: list[tuple[int, int, str]],
    instance: Instance,
    targets: list[Point],
    speed: float,
) -> list[_Source]:
    post_ids = sorted(
        {post for start, end, post in duties if start < window.end and window.start < end}
    )
    if not post_ids or not targets:
        return []
    places = [Point(instance.post_by_id[p].lat, instance.post_by_id[p].lon) for p in post_ids]
    km = _km_matrix(targets, places)
    nearest = np.argmin(km, axis=1)
    labels = [f"post:{post_ids[j]}" for j in nearest.tolist()]
    return [(labels, [places[j] for j in nearest.tolist()], km.min(axis=1), speed)]


def _loop_sources(
    window: PeakWindow,
    loops: list[Loop],
    gates: dict[str, Point],
    targets: list[Point],
    unit_speed: dict[str, float],
) -> list[_Source]:
    out: list[_Source] = []
    for loop in loops:
        if not (loop.depart_s < window.end * 60 and window.start * 60 < loop.return_s):
            continue
        speed = unit_speed.get(loop.unit)
        if speed is None or not targets:
            continue
        stops = [gates[v.school] for v in loop.visits]
        km = _km_matrix(targets, stops)
        farthest = np.argmax(km, axis=1)
        out.append(
            (f"unit:{loop.unit}", [stops[j] for j in farthest.tolist()], km.max(axis=1), speed)
        )
    return out


def _choose(
    sources: list[_Source], targets: list[Point], road: float
) -> list[tuple[int, str] | None]:
    """Per school, the (minutes, source) with the fewest minutes: estimated in bulk, then the
    few sources within a minute of the best measured exactly by the scalar rule."""
    if not sources:
        return [None] * len(targets)
    estimate = np.stack(
        [np.ceil(np.round(km * road / speed * 60, 6)) for _l, _p, km, speed in sources], axis=1
    )
    bound = estimate.min(axis=1) + 1
    best: list[tuple[int, str] | None] = []
    for i, target in enumerate(targets):
        found: tuple[int, str] | None = None
        for m in np.nonzero(estimate[i] <= bound[i])[0].tolist():
            labels, places, _km, speed = sources[m]
            label = labels[i] if isinstance(labels, list) else labels
            candidate = (travel_minutes(places[i], target, speed, road), label)
            if found is None or candidate < found:
                found = candidate
        best.append(found)
    return best


def figures(responses: Iterable[SchoolResponse]) -> Figures:
    """Shares within 1/3/5 minutes, unreached count, average and worst of some responses."""
    items = list(responses)
    reached = [r.minutes for r in items if r.minutes is not None]
    return Figures(
        schools=len(items),
        within=(
            sum(1 for m in reached if m <= 1),
            sum(1 for m in reached if m <= 3),
            sum(1 for m in reached if m <= 5),
        ),
        unreached=len(items) - len(reached),
        average=sum(reached) / len(reached) if reached else None,
        worst=max(reached) if reached else None,
    )


def figures_by(
    responses: Iterable[SchoolResponse], *, station: bool = True, window: bool = True
) -> dict[tuple[str, str], Figures]:
    """Figures grouped by (station or "", window kind or ""), over all dates of the week."""
    groups: dict[tuple[str, str], list[SchoolResponse]] = defaultdict(list)
    for r in responses:
        groups[(r.station if station else "", r.window if window else "")].append(r)
    return {key: figures(items) for key, items in sorted(groups.items())}


def fixes(
    instance: Instance,
    assignments: Iterable[Pair],
    responses: Iterable[SchoolResponse],
    loops: Iterable[Loop] = (),
    units: Iterable[PatrolUnit] = (),
) -> list[Fix]:
    """For each school beyond 5 minutes, the best fix found: a post, a loop or one more unit."""
    gates = school_gates(instance)
    road = instance.rules.road_factor
    officer_speed = instance.rules.officer_speed_kmh
    unit_speed = {u.id: u.speed_kmh for u in units}
    staffed = set()
    for pair in assignments:
        person = instance.person_by_id.get(pair.person)
        if person is not None and person.role in OFFICER_ROLES:
            staffed.add(pair.session)
    open_posts: dict[tuple[dt.date, str], set[str]] = defaultdict(set)
    for session in instance.sessions:
        if session.id not in staffed:
            open_posts[(session.date, session.kind)].add(session.post)
    late: dict[tuple[dt.date, str], list[SchoolResponse]] = defaultdict(list)
    for r in responses:
        if r.minutes is None or r.minutes > 5:
            late[(r.date, r.window)].append(r)
    loops_by_key: dict[tuple[dt.date, str], list[Loop]] = defaultdict(list)
    for loop in loops:
        loops_by_key[(loop.date, loop.window)].append(loop)

    out: list[Fix] = []
    for key, items in sorted(late.items()):
        posts = sorted(open_posts.get(key, ()))
        reach: dict[str, set[str]] = {}
        for post_id in posts:
            post = instance.post_by_id[post_id]
            place = Point(post.lat, post.lon)
            reach[post_id] = {
                r.school
                for r in items
                if travel_minutes(place, gates[r.school], officer_speed, road) <= 5
                and instance.school_by_id[r.school].station
                == instance.school_by_id[post.school].station
            }
        for r in items:
            # A post counts as a fix when one officer there serves more than this school;
            # otherwise a unit that passes nearby or one more unit costs fewer people.
            candidates = [p for p in posts if r.school in reach[p] and len(reach[p]) > 1]
            if candidates:
                post_id = max(candidates, key=lambda p: (len(reach[p]), p))
                out.append(Fix(r.school, r.date, r.window, "post", post_id, len(reach[post_id])))
                continue
            near = [
                loop.unit
                for loop in loops_by_key.get(key, ())
                if loop.station == r.station
                and loop.unit in unit_speed
                and any(
                    travel_minutes(gates[v.school], gates[r.school], unit_speed[loop.unit], road)
                    <= 5
                    for v in loop.visits
                )
            ]
            if near:
                out.append(Fix(r.school, r.date, r.window, "loop", sorted(near)[0], 1))
            else:
                out.append(Fix(r.school, r.date, r.window, "unit", r.station, 1))
    return out
