"""Patrol loops, their check and response times on small hand-made weeks.

Rules: road factor 1.0 and 60 km/h, so the travel minutes between two places are the kilometres
rounded up (schools are put at fractional kilometres east of the station to stay off the edges).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from solver import Pair, load_instance
from solver.patrol.build import routing_problems
from solver.patrol.check import check_loops
from solver.patrol.model import Loop, PatrolUnit, Point, RouteUnit, RoutingProblem, Stop, Visit
from solver.patrol.response import figures, fixes, response_times
from solver.patrol.routing import plan_loops, plan_loops_ortools, plan_loops_pyvrp
from tests.solver.builders import LAT, MONDAY, doc, east, person, post, school, session

DAY = dt.date(2026, 12, 7)
FAST = {"road_factor": 1.0, "officer_speed_kmh": 60}
HOME = Point(LAT, east(0.0))


def at(km: float) -> Point:
    return Point(LAT, east(km))


def stop(name: str, km: float, open_: str, close: str, risk: int = 2, service: int = 3) -> Stop:
    h1, m1 = map(int, open_.split(":"))
    h2, m2 = map(int, close.split(":"))
    return Stop(name, at(km), (h1 * 60 + m1) * 60, (h2 * 60 + m2) * 60, service * 60, risk)


def car(uid: str = "U1", earliest: str = "06:30", latest: str = "09:30") -> RouteUnit:
    h1, m1 = map(int, earliest.split(":"))
    h2, m2 = map(int, latest.split(":"))
    return RouteUnit(uid, HOME, HOME, 60.0, (h1 * 60 + m1) * 60, (h2 * 60 + m2) * 60)


def problem(stops: list[Stop], units: list[RouteUnit], max_route_min: int = 120) -> RoutingProblem:
    return RoutingProblem(
        "S1",
        DAY,
        "arrival",
        7 * 3600,
        9 * 3600,
        tuple(stops),
        tuple(units),
        1.0,
        max_route_min * 60,
    )


def order(result: Any) -> list[list[str]]:
    return [[v.school for v in loop.visits] for loop in result.loops]


# --------------------------------------------------------------------------- routing


@pytest.fixture(params=["pyvrp", "ortools"])
def route(request: pytest.FixtureRequest) -> Any:
    """Both engines must find the known best answers (PyVRP is the product's)."""
    return plan_loops_pyvrp if request.param == "pyvrp" else plan_loops_ortools


def test_one_unit_visits_a_line_of_schools_out_and_back(route: Any) -> None:
    stops = [
        stop("C", 14.5, "07:00", "09:00"),
        stop("A", 4.5, "07:00", "09:00"),
        stop("B", 9.5, "07:00", "09:00"),
    ]
    result = route(problem(stops, [car()]), time_limit_s=0.3)
    assert result.dropped == ()
    assert order(result) in ([["A", "B", "C"]], [["C", "B", "A"]])
    loop = result.loops[0]
    # 5 + 5 + 5 minutes out, 15 back, 3 × 3 minutes at the gates; it leaves as late as it may.
    assert loop.return_s - loop.depart_s == (30 + 9) * 60


def test_bell_windows_set_the_order(route: Any) -> None:
    # B (far) rings first, A (near) later: B then A, waiting at A for its window.
    stops = [stop("A", 4.5, "08:00", "08:20"), stop("B", 9.5, "07:30", "07:40")]
    result = route(problem(stops, [car()]), time_limit_s=0.3)
    assert order(result) == [["B", "A"]]
    b, a = result.loops[0].visits
    assert b.arrival_s >= 7 * 3600 + 30 * 60 and a.arrival_s >= 8 * 3600
    # 10 minutes to B, whose visit must start by 07:37: it leaves as late as that allows.
    assert result.loops[0].depart_s == 7 * 3600 + 27 * 60


def test_a_school_reachable_only_by_dropping_another_keeps_the_riskier(route: Any) -> None:
    # Ten km apart on either side, the same 5-minute window: one unit can serve only one.
    stops = [
        stop("LOW", 9.5, "07:30", "07:35", risk=1),
        stop("HIGH", -9.5, "07:30", "07:35", risk=3),
    ]
    result = route(problem(stops, [car()]), time_limit_s=0.3)
    assert order(result) == [["HIGH"]]
    assert result.dropped == ("LOW",)
    # With a second unit both are served.
    both = route(problem(stops, [car("U1"), car("U2")]), time_limit_s=0.3)
    assert both.dropped == ()
    assert sorted(s for loop in order(both) for s in loop) == ["HIGH", "LOW"]


def test_maximum_route_duration_drops_the_far_school(route: Any) -> None:
    stops = [stop("NEAR", 4.5, "07:00", "09:00"), stop("FAR", 29.5, "07:00", "09:00", risk=3)]
    result = route(problem(stops, [car()], max_route_min=40), time_limit_s=0.3)
    assert order(result) == [["NEAR"]]
    assert result.dropped == ("FAR",)


def test_no_units_drops_every_stop(route: Any) -> None:
    result = route(problem([stop("A", 1.5, "07:00", "08:00")], []))
    assert result.loops == () and result.dropped == ("A",)


# --------------------------------------------------------------------------- from a week


def week(**extra: Any) -> dict[str, Any]:
    """Station S1 with schools A (0.5 km), B (2.5 km), C (4.5 km) and D (9.5 km) east; one
    arrival session each 07:30–08:10; E1 (police) stands at PA."""
    return doc(
        schools=[school("A", 0.5), school("B", 2.5), school("C", 4.5), school("D", 9.5)],
        posts=[post("PA", "A", 3), post("PB", "B", 2), post("PC", "C", 1), post("PD", "D", 2)],
        sessions=[session(f"s{p}", f"P{p}", "07:30", "08:10") for p in "ABCD"],
        people=[person("E1"), person("E2", "auxiliary"), person("E3", "auxiliary")],
        rules=FAST,
        **extra,
    )


def unit(uid: str, crew: tuple[str, ...], speed: float = 60.0) -> PatrolUnit:
    return PatrolUnit(uid, "S1", "car", speed, crew, HOME, HOME, 6 * 60, 20 * 60)


def test_guarded_schools_are_not_stops_and_a_crew_on_a_post_keeps_its_unit_home() -> None:
    instance = load_instance(week())
    roster = [Pair("sA", "E1"), Pair("sB", "E2")]  # E2 (crew of U1) stands at B
    units = [unit("U1", ("E2",)), unit("U2", ("E3",))]
    (prob,) = routing_problems(instance, roster, units)
    assert [s.school for s in prob.stops] == ["C", "D"]  # A and B have an officer at the gate
    assert [u.unit for u in prob.units] == ["U2"]
    result = plan_loops(prob, time_limit_s=0.2)
    assert [loop.unit for loop in result.loops] == ["U2"] and result.dropped == ()
    assert check_loops(instance, roster, units, result.loops) == []
    # The same loop given to U1 breaks the crew rule.
    stolen = [
        Loop(
            "U1",
            *(
                getattr(result.loops[0], f)
                for f in ("station", "date", "window", "depart_s", "return_s", "visits")
            ),
        )
    ]
    codes = {p.code for p in check_loops(instance, roster, units, stolen)}
    assert codes == {"crew_on_post"}


def test_checker_finds_windows_travel_and_double_visits() -> None:
    instance = load_instance(week())
    units = [unit("U1", ())]
    at_0735 = 7 * 3600 + 35 * 60
    bad = Loop(
        "U1",
        "S1",
        DAY,
        "arrival",
        at_0735 - 60,
        9 * 3600,
        (
            Visit("C", at_0735, 180),
            Visit("C", at_0735 + 600, 180),
            Visit("D", 8 * 3600 + 9 * 60, 180),
        ),
    )
    codes = [p.code for p in check_loops(instance, [], units, [bad])]
    # C is 5 minutes away but reached after 1; C twice; D's visit ends after 08:10.
    assert sorted(codes) == ["travel", "visited_twice", "window"]


def test_every_planned_loop_of_a_week_passes_the_check() -> None:
    instance = load_instance(week())
    units = [unit("U1", ()), unit("U2", ("E3",), speed=18.0)]
    loops = []
    for prob in routing_problems(instance, [Pair("sA", "E1")], units):
        loops.extend(plan_loops(prob, time_limit_s=0.2).loops)
    assert loops
    assert check_loops(instance, [Pair("sA", "E1")], units, loops) == []


# --------------------------------------------------------------------------- response


def test_response_minutes_by_hand() -> None:
    instance = load_instance(week())
    # E1 at PA (0.5 km): A 0, B 2 km → 2 min, C 4 km → 4 min, D 9 km → 9 min at 60 km/h.
    posts_only = {r.school: r.minutes for r in response_times(instance, [Pair("sA", "E1")])}
    assert posts_only == {"A": 0, "B": 2, "C": 4, "D": 9}
    # A 30 km/h unit looping over C and D: worst case from the far stop.
    # To C: max(0, 5 km → 10 min) = 10; to D: max(5 km → 10, 0) = 10; to B: 7 km → 14.
    loop = Loop(
        "U1",
        "S1",
        DAY,
        "arrival",
        7 * 3600,
        9 * 3600,
        (Visit("C", 7 * 3600 + 35 * 60, 180), Visit("D", 7 * 3600 + 50 * 60, 180)),
    )
    both = response_times(instance, [Pair("sA", "E1")], [loop], [unit("U1", (), speed=30.0)])
    assert {r.school: (r.minutes, r.source) for r in both} == {
        "A": (0, "post:PA"),
        "B": (2, "post:PA"),
        "C": (4, "post:PA"),
        "D": (9, "post:PA"),
    }
    fast = response_times(instance, [Pair("sA", "E1")], [loop], [unit("U1", (), speed=120.0)])
    # At 120 km/h, 5 km is 2.5 → 3 minutes: C and D within 3 from the loop.
    assert {r.school: r.minutes for r in fast} == {"A": 0, "B": 2, "C": 3, "D": 3}
    f = figures(fast)
    assert (f.schools, f.within, f.unreached, f.worst) == (4, (1, 4, 4), 0, 3)
    assert f.average == 2.0


def test_no_officer_on_duty_means_no_response_and_a_fix_is_offered() -> None:
    instance = load_instance(week())
    responses = response_times(instance, [])
    assert all(r.minutes is None for r in responses)
    assert figures(responses).unreached == 4
    found = fixes(instance, [], responses)
    # An officer at PC (4.5 km) reaches all four within 5 minutes (D is 5 km away).
    assert {(f.school, f.code, f.target, f.helps) for f in found} == {
        (school, "post", "PC", 4) for school in "ABCD"
    }


def test_a_school_beyond_every_reach_asks_for_a_unit() -> None:
    data = week()
    data["sessions"] = [
        session("sA", "PA", "07:30", "08:10"),
        session("sD", "PD", "07:30", "08:10", date=MONDAY),
    ]
    instance = load_instance(data)
    responses = response_times(instance, [Pair("sA", "E1")])
    found = fixes(instance, [Pair("sA", "E1")], responses)
    # PD would serve D alone and no loop passes nearby: one more unit.
    assert [(f.school, f.code, f.target) for f in found] == [("D", "unit", "S1")]
    loop = Loop(
        "U1",
        "S1",
        DAY,
        "arrival",
        7 * 3600,
        9 * 3600,
        (Visit("D", 7 * 3600 + 40 * 60, 180), Visit("A", 7 * 3600 + 55 * 60, 180)),
    )
    units = [unit("U1", (), speed=60.0)]
    with_loop = fixes(
        instance,
        [Pair("sA", "E1")],
        response_times(instance, [Pair("sA", "E1")], [loop], units),
        [loop],
        units,
    )
    # D is a stop, but the loop's far end (A, 9 km) is 9 minutes away: tighten the loop.
    assert [(f.school, f.code, f.target) for f in with_loop] == [("D", "loop", "U1")]
    assert [(r.school, r.minutes) for r in responses] == [("A", 0), ("D", 9)]
