"""Patrol loops of one station's peak window: PyVRP solves them, OR-Tools' routing solver is
the measured peer (bench/patrol_bench.py).

`plan_loops` is the one entry point: a prize-collecting vehicle routing problem with time
windows. Each school without an officer at its gate is a stop whose visit (with a service time
at the gate) must start inside its bell window; a stop may be dropped at a penalty that grows
with its risk, so low-risk schools go first when units are short; each unit leaves its start
point and returns to its end point inside its time range, and no loop is longer than
`max_route_s`. Times are integer seconds after midnight.
"""

from __future__ import annotations

import math
import time
from typing import Any

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from solver.patrol.model import (
    Loop,
    Point,
    RoutingProblem,
    RoutingResult,
    Visit,
    travel_minutes,
)

# A dropped stop costs this × its risk: far above any loop's driving seconds, so a visit is
# never given up to save travel, and one risk-3 school outweighs two risk-1 schools.
DROP_PENALTY = 1_000_000
_DAY_S = 2 * 86_400


def default_time_limit_s(problem: RoutingProblem) -> float:
    """A search time for guided local search that grows with the number of stops (0.1–0.8 s)."""
    return min(0.8, max(0.1, 0.015 * len(problem.stops)))


def _points(problem: RoutingProblem) -> list[Point]:
    points = [s.gate for s in problem.stops]
    for unit in problem.units:
        points.extend((unit.start, unit.end))
    return points


def travel_matrix_s(points: list[Point], speed_kmh: float, road_factor: float) -> list[list[int]]:
    """Travel seconds between all points at one speed (whole minutes, DESIGN.md's rule)."""
    n = len(points)
    out = [[0] * n for _ in range(n)]
    for i in range(n):
        a = points[i]
        for j in range(i + 1, n):
            out[i][j] = out[j][i] = travel_minutes(a, points[j], speed_kmh, road_factor) * 60
    return out


def plan_loops(problem: RoutingProblem, *, time_limit_s: float | None = None) -> RoutingResult:
    """Plan the units' loops of one peak window; see the module docstring for the model.

    PyVRP solves it: on the demo week's peak windows, at the same search time, it visited as
    many or more schools than OR-Tools in every window (more in 15 of 24, e.g. 41 against 38
    of 41 stops) — see bench/patrol_bench.py. OR-Tools stays as `plan_loops_ortools`, the
    measured peer.
    """
    return plan_loops_pyvrp(problem, time_limit_s=time_limit_s)


def plan_loops_ortools(
    problem: RoutingProblem, *, time_limit_s: float | None = None
) -> RoutingResult:
    """The same model with the OR-Tools routing solver (cheapest insertion, guided local
    search)."""
    started = time.perf_counter()
    stops, units = problem.stops, problem.units
    if not stops or not units:
        return RoutingResult((), tuple(s.school for s in stops), "EMPTY", 0.0)
    n = len(stops)
    points = _points(problem)
    starts = [n + 2 * v for v in range(len(units))]
    ends = [n + 2 * v + 1 for v in range(len(units))]
    manager = pywrapcp.RoutingIndexManager(len(points), len(units), starts, ends)
    routing = pywrapcp.RoutingModel(manager)

    service = [s.service_s for s in stops] + [0] * (2 * len(units))
    by_speed: dict[float, list[list[int]]] = {}
    transit_ids: list[int] = []
    for v, unit in enumerate(units):
        travel = by_speed.get(unit.speed_kmh)
        if travel is None:
            travel = travel_matrix_s(points, unit.speed_kmh, problem.road_factor)
            by_speed[unit.speed_kmh] = travel
        cost_id = routing.RegisterTransitMatrix(travel)
        routing.SetArcCostEvaluatorOfVehicle(cost_id, v)
        with_service = [[service[i] + t for t in row] for i, row in enumerate(travel)]
        transit_ids.append(routing.RegisterTransitMatrix(with_service))

    routing.AddDimensionWithVehicleTransits(transit_ids, _DAY_S, _DAY_S, False, "time")
    clock = routing.GetDimensionOrDie("time")
    for node, stop in enumerate(stops):
        index = manager.NodeToIndex(node)
        clock.CumulVar(index).SetRange(stop.open_s, stop.close_s - stop.service_s)
        routing.AddDisjunction([index], DROP_PENALTY * stop.risk)
    for v, unit in enumerate(units):
        start_var = clock.CumulVar(routing.Start(v))
        end_var = clock.CumulVar(routing.End(v))
        start_var.SetRange(unit.earliest_s, unit.latest_s)
        end_var.SetRange(unit.earliest_s, unit.latest_s)
        clock.SetSpanUpperBoundForVehicle(problem.max_route_s, v)
        # Leave as late and come back as early as the visits allow.
        routing.AddVariableMaximizedByFinalizer(start_var)
        routing.AddVariableMinimizedByFinalizer(end_var)

    params = pywrapcp.DefaultRoutingSearchParameters()
    # Insertion handles optional stops with time windows better than path building (the
    # demo week's hard windows: 425 against 415 visits in the same time).
    params.first_solution_strategy = (
        routing_enums_pb2.FirstSolutionStrategy.LOCAL_CHEAPEST_INSERTION
    )
    params.local_search_metaheuristic = (
        routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    )
    limit = default_time_limit_s(problem) if time_limit_s is None else time_limit_s
    params.time_limit.FromMilliseconds(max(1, math.ceil(limit * 1000)))
    solution = routing.SolveWithParameters(params)
    wall = time.perf_counter() - started
    if solution is None:
        return RoutingResult((), tuple(s.school for s in stops), "NO_SOLUTION", wall)

    loops: list[Loop] = []
    visited: set[int] = set()
    for v, unit in enumerate(units):
        index = routing.NextVar(routing.Start(v))
        visits: list[Visit] = []
        index = routing.Start(v)
        depart = solution.Value(clock.CumulVar(index))
        index = solution.Value(routing.NextVar(index))
        while not routing.IsEnd(index):
            node = manager.IndexToNode(index)
            visited.add(node)
            arrival = solution.Value(clock.CumulVar(index))
            visits.append(Visit(stops[node].school, arrival, stops[node].service_s))
            index = solution.Value(routing.NextVar(index))
        if visits:
            back = solution.Value(clock.CumulVar(index))
            loops.append(
                Loop(
                    unit.unit,
                    problem.station,
                    problem.date,
                    problem.window,
                    depart,
                    back,
                    tuple(visits),
                )
            )
    dropped = tuple(s.school for node, s in enumerate(stops) if node not in visited)
    return RoutingResult(tuple(loops), dropped, "FEASIBLE", wall)


def plan_loops_pyvrp(
    problem: RoutingProblem, *, time_limit_s: float | None = None
) -> RoutingResult:
    """The model with PyVRP (prize-collecting VRP with time windows; hybrid genetic search)."""
    from pyvrp import Model
    from pyvrp.stop import MaxRuntime

    started = time.perf_counter()
    stops, units = problem.stops, problem.units
    if not stops or not units:
        return RoutingResult((), tuple(s.school for s in stops), "EMPTY", 0.0)
    n = len(stops)
    points = _points(problem)
    model = Model()
    locations = [model.add_location(x=p.lon, y=p.lat) for p in points]
    depots = [model.add_depot(locations[i]) for i in range(n, len(points))]
    profiles: dict[float, Any] = {}
    for unit in units:
        if unit.speed_kmh in profiles:
            continue
        profile = model.add_profile()
        profiles[unit.speed_kmh] = profile
        travel = travel_matrix_s(points, unit.speed_kmh, problem.road_factor)
        for i, a in enumerate(locations):
            row = travel[i]
            for j, b in enumerate(locations):
                if i != j:
                    model.add_edge(a, b, distance=row[j], duration=row[j], profile=profile)
    for v, unit in enumerate(units):
        model.add_vehicle_type(
            start_depot=depots[2 * v],
            end_depot=depots[2 * v + 1],
            tw_early=unit.earliest_s,
            tw_late=unit.latest_s,
            shift_duration=problem.max_route_s,
            profile=profiles[unit.speed_kmh],
        )
    for i, stop in enumerate(stops):
        model.add_client(
            locations[i],
            service_duration=stop.service_s,
            tw_early=stop.open_s,
            tw_late=stop.close_s - stop.service_s,
            prize=DROP_PENALTY * stop.risk,
            required=False,
        )
    limit = default_time_limit_s(problem) if time_limit_s is None else time_limit_s
    result = model.solve(stop=MaxRuntime(limit), display=False, collect_stats=False)
    wall = time.perf_counter() - started
    best = result.best
    if not best.is_feasible():
        return RoutingResult((), tuple(s.school for s in stops), "NO_SOLUTION", wall)
    loops: list[Loop] = []
    visited: set[int] = set()
    for route in best.routes():
        unit = units[route.vehicle_type()]
        visits = []
        for activity in route.schedule():
            if activity.is_client():
                node = activity.idx  # the client's number, in the order they were added
                visited.add(node)
                visits.append(Visit(stops[node].school, activity.start_time, stops[node].service_s))
        if visits:
            loops.append(
                Loop(
                    unit.unit,
                    problem.station,
                    problem.date,
                    problem.window,
                    route.start_time(),
                    route.end_time(),
                    tuple(visits),
                )
            )
    dropped = tuple(s.school for node, s in enumerate(stops) if node not in visited)
    return RoutingResult(tuple(loops), dropped, "FEASIBLE", wall)
