"""Which officer posts reach which schools at peaks, for the roster's response-time term
(`solver.response_term`) and its value in `solver.rules.objective_terms`.

A school counts the officers at its own station's posts only (see `solver.response_term`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from solver.instance import Instance, Pair, Session
from solver.patrol.build import bell_windows, peak_windows, school_gates
from solver.patrol.model import Point, travel_minutes
from solver.roles import OFFICER_ROLES

# The tiers the term counts (minutes); the 1-minute tier of the report is left out: it is
# reached only by a post at the school itself, which coverage already weighs.
TERM_TIERS = (3, 5)


@dataclass(frozen=True)
class Reach:
    """One school in one peak window and, per tier, the sessions whose officer reaches it."""

    date: dt.date
    window: str
    school: str
    sessions: tuple[tuple[str, ...], ...]  # per tier of TERM_TIERS


def reach_table(instance: Instance, sessions: list[Session], stations: set[str]) -> list[Reach]:
    """For every (peak window, school of `stations`), the given sessions at its own station's
    posts that overlap the window and stand within each tier's minutes of the school's gate."""
    gates = school_gates(instance)
    bells = bell_windows(instance)
    rules = instance.rules
    station_of = {p.id: instance.school_by_id[p.school].station for p in instance.posts}
    by_date: dict[dt.date, list[Session]] = defaultdict(list)
    for session in sessions:
        by_date[session.date].append(session)
    minutes: dict[tuple[str, str], int] = {}
    out: list[Reach] = []
    for window in peak_windows(instance):
        overlapping = [
            s for s in by_date[window.date] if s.start < window.end and window.start < s.end
        ]
        for school in sorted(bells.get((window.date, window.kind), {})):
            station = instance.school_by_id[school].station
            if station not in stations:
                continue
            gate = gates[school]
            tiers: list[list[str]] = [[] for _ in TERM_TIERS]
            for session in overlapping:
                if station_of[session.post] != station:
                    continue
                key = (session.post, school)
                travel = minutes.get(key)
                if travel is None:
                    post = instance.post_by_id[session.post]
                    travel = travel_minutes(
                        Point(post.lat, post.lon),
                        gate,
                        rules.officer_speed_kmh,
                        rules.road_factor,
                    )
                    minutes[key] = travel
                for i, tier in enumerate(TERM_TIERS):
                    if travel <= tier:
                        tiers[i].append(session.id)
            out.append(Reach(window.date, window.kind, school, tuple(tuple(t) for t in tiers)))
    return out


def response_cost(instance: Instance, assignments: Iterable[Pair]) -> int:
    """The term's value for a whole roster, as the model weighs it (parts summed)."""
    weight = instance.rules.weights.response
    on = {
        pair.session
        for pair in assignments
        if pair.session in instance.session_by_id
        and instance.person_by_id[pair.person].role in OFFICER_ROLES
    }
    stations = {s.id for s in instance.stations}
    missed = 0
    for reach in reach_table(instance, list(instance.sessions), stations):
        missed += sum(1 for sids in reach.sessions if not any(sid in on for sid in sids))
    return weight * missed
