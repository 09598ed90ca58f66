"""Tiny hand-made instances for the solver tests (imported as `tests.solver.builders`).

Locations: station S1 and its schools around (24.60, 118.10); `east(km)` gives the longitude
`km` kilometres east of there, so distances and travel times are easy to reason about.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from solver import Instance, Result, load_instance, load_roster, result_to_roster_dict, verify

LAT = 24.60
LON = 118.10
MONDAY = "2026-12-07"
TUESDAY = "2026-12-08"


def east(km: float) -> float:
    """Longitude `km` east of the reference point (haversine-exact enough for tests)."""
    return LON + math.degrees(km / 6371.0 / math.cos(math.radians(LAT)))


def station(sid: str = "S1", lat: float = LAT, lon: float = LON) -> dict[str, Any]:
    return {"id": sid, "name": sid, "lat": lat, "lon": lon}


def school(
    cid: str, km: float = 0.0, st: str = "S1", kind: str = "primary", lat: float = LAT
) -> dict[str, Any]:
    return {"id": cid, "name": cid, "kind": kind, "station": st, "lat": lat, "lon": east(km)}


def post(pid: str, sc: str, risk: int = 2) -> dict[str, Any]:
    """A post standing at its school."""
    return {"id": pid, "school": sc, "name": pid, "risk": risk}


def session(
    sid: str,
    pst: str,
    start: str,
    end: str,
    need: tuple[int, int, int] = (0, 0, 1),
    date: str = MONDAY,
    kind: str = "arrival",
) -> dict[str, Any]:
    return {
        "id": sid,
        "post": pst,
        "date": date,
        "kind": kind,
        "start": start,
        "end": end,
        "need": {"police": need[0], "officers": need[1], "total": need[2]},
    }


def person(
    pid: str, role: str = "police", st: str = "S1", km: float = 0.0, **extra: Any
) -> dict[str, Any]:
    return {
        "id": pid,
        "name": pid,
        "role": role,
        "station": st,
        "lat": LAT,
        "lon": east(km),
        **extra,
    }


def doc(
    *,
    sessions: Iterable[dict[str, Any]],
    people: Iterable[dict[str, Any]],
    schools: Iterable[dict[str, Any]] | None = None,
    posts: Iterable[dict[str, Any]] | None = None,
    stations: Iterable[dict[str, Any]] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A `huxue-instance/1` dict; by default one station, schools A (0 km) and B (1 km east),
    posts PA and PB (risk 2)."""
    return {
        "format": "huxue-instance/1",
        "week_start": MONDAY,
        "stations": list(stations) if stations is not None else [station()],
        "schools": list(schools) if schools is not None else [school("A"), school("B", 1.0)],
        "posts": list(posts) if posts is not None else [post("PA", "A"), post("PB", "B")],
        "sessions": list(sessions),
        "people": list(people),
        **extra,
    }


def solved(instance: Instance, result: Result) -> set[tuple[str, str]]:
    """The result's pairs, after checking the roster passes `verify`."""
    problems = verify(instance, load_roster(result_to_roster_dict(result)))
    assert problems == [], [str(p) for p in problems]
    return {(p.session, p.person) for p in result.assignments}


def run(data: dict[str, Any], **kwargs: Any) -> tuple[Instance, Result, set[tuple[str, str]]]:
    """Load, solve (small limit, 1 worker, seed 0) and verify."""
    from solver import solve

    instance = load_instance(data)
    kwargs.setdefault("time_limit", 10.0)
    kwargs.setdefault("workers", 1)
    kwargs.setdefault("seed", 0)
    result = solve(instance, **kwargs)
    return instance, result, solved(instance, result)
