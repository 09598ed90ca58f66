"""A week's patrol loops: every station's peak windows routed one by one.

Windows whose stops and free units repeat from an earlier day of the week (the same bell times
and the same gates without an officer) reuse that day's loops, shifted to their own date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from solver.instance import Instance, Pair
from solver.patrol.build import routing_problems
from solver.patrol.model import (
    DEFAULT_MAX_ROUTE_MIN,
    DEFAULT_SERVICE_MIN,
    Loop,
    PatrolUnit,
    RoutingProblem,
    RoutingResult,
)
from solver.patrol.routing import plan_loops


@dataclass(frozen=True)
class Dropped:
    """A school without an officer at its gate that no loop visits in a window."""

    station: str
    date: dt.date
    window: str
    school: str


@dataclass(frozen=True)
class WeekPlan:
    """The loops of a week, the schools left unvisited and how long routing took."""

    loops: tuple[Loop, ...]
    dropped: tuple[Dropped, ...]
    windows: int
    routed: int
    wall_s: float


def plan_week(
    instance: Instance,
    assignments: Iterable[Pair],
    units: Iterable[PatrolUnit],
    *,
    station: str | None = None,
    time_limit_s: float | None = None,
    service_min: int = DEFAULT_SERVICE_MIN,
    max_route_min: int = DEFAULT_MAX_ROUTE_MIN,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> WeekPlan:
    """Plan every peak window of the week (of one station, or all stations with units)."""
    started = time.perf_counter()
    problems = routing_problems(
        instance,
        assignments,
        units,
        station=station,
        service_min=service_min,
        max_route_min=max_route_min,
    )
    loops: list[Loop] = []
    dropped: list[Dropped] = []
    done: dict[tuple[object, ...], RoutingResult] = {}
    routed = 0
    for i, problem in enumerate(problems):
        if should_stop is not None and should_stop():
            break
        key = _signature(problem)
        result = done.get(key)
        if result is None:
            result = plan_loops(problem, time_limit_s=time_limit_s)
            done[key] = result
            routed += 1
        loops.extend(dataclasses.replace(loop, date=problem.date) for loop in result.loops)
        dropped.extend(
            Dropped(problem.station, problem.date, problem.window, school)
            for school in result.dropped
        )
        if progress is not None:
            progress(i + 1, len(problems))
    return WeekPlan(
        tuple(loops), tuple(dropped), len(problems), routed, time.perf_counter() - started
    )


def _signature(problem: RoutingProblem) -> tuple[object, ...]:
    return (
        problem.station,
        problem.window,
        problem.stops,
        problem.units,
        problem.road_factor,
        problem.max_route_s,
    )
