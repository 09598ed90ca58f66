"""Patrol loops of one station's peak window with the OR-Tools routing solver.

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

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from solver.patrol.model import Loop, Point, RoutingProblem, RoutingResult, Visit
from solver.rules import haversine_km, travel_minutes_for

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
            b = points[j]
            if a == b:
                continue
            km = haversine_km(a.lat, a.lon, b.lat, b.lon)
            out[i][j] = out[j][i] = travel_minutes_for(km, road_factor, speed_kmh) * 60
    return out


def plan_loops(problem: RoutingProblem, *, time_limit_s: float | None = None) -> RoutingResult:
    """Plan the units' loops of one peak window; see the module docstring for the model."""
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
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
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
