"""Generated small instances: every roster passes `verify`; on the tiniest, the solver's
objective equals a brute-force search over every roster."""

from __future__ import annotations

import itertools
import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from solver import OPTIMAL, Pair, load_instance, objective_terms, solve
from solver.rules import RuleBook
from solver.verify import _pair_violations
from tests.solver.builders import doc, person, session

TIMES = [
    ("07:00", "07:30"),
    ("07:20", "07:55"),
    ("07:58", "08:30"),
    ("08:05", "08:40"),
    ("16:20", "17:00"),
]
NEEDS = [(0, 0, 1), (0, 1, 1), (1, 1, 1), (0, 1, 2), (1, 1, 2), (0, 0, 2), (0, 0, 0)]


@st.composite
def instances(draw: st.DrawFn, max_sessions: int = 4, max_people: int = 3) -> dict[str, Any]:
    n_sessions = draw(st.integers(1, max_sessions))
    sessions = []
    for i in range(n_sessions):
        start, end = draw(st.sampled_from(TIMES))
        sessions.append(
            session(
                f"s{i}",
                draw(st.sampled_from(["PA", "PB"])),
                start,
                end,
                draw(st.sampled_from(NEEDS)),
                date=draw(st.sampled_from(["2026-12-07", "2026-12-08"])),
                kind=["arrival", "noon", "dismissal", "after_care"][i % 4],
            )
        )
    people = []
    for i in range(draw(st.integers(1, max_people))):
        extra: dict[str, Any] = {
            "max_per_day": draw(st.sampled_from([None, 1, 2])),
            "max_per_week": draw(st.sampled_from([None, 1, 2, 3])),
            "history_load": draw(st.integers(0, 2)),
        }
        if draw(st.booleans()):
            extra["leave"] = [{"from": "2026-12-08", "to": "2026-12-08"}]
        role = draw(st.sampled_from(["police", "auxiliary", "security", "volunteer"]))
        people.append(person(f"E{i}", role, km=draw(st.sampled_from([0.0, 0.6, 2.0])), **extra))
    posts = [
        {"id": "PA", "school": "A", "name": "PA", "risk": draw(st.integers(1, 3))},
        {"id": "PB", "school": "B", "name": "PB", "risk": draw(st.integers(1, 3))},
    ]
    return doc(sessions=sessions, people=people, posts=posts)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_sessions=6, max_people=4))
def test_every_roster_passes_verify(data: dict[str, Any]) -> None:
    from tests.solver.builders import solved

    instance = load_instance(data)
    result = solve(instance, time_limit=5, workers=1)
    solved(instance, result)


def brute_force(data: dict[str, Any]) -> int:
    instance = load_instance(data)
    book = RuleBook(instance)
    pairs = [Pair(s, p.id) for s, people in book.candidates().items() for p in people]
    best: tuple[int, int] | None = None
    for r in range(len(pairs) + 1):
        for chosen in itertools.combinations(pairs, r):
            if _pair_violations(instance, book, chosen, label="x"):
                continue
            terms = objective_terms(instance, chosen)
            key = (terms.shortfall, terms.total)
            if best is None or key < best:
                best = key
    assert best is not None
    return best[1]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances(max_sessions=3, max_people=3))
def test_objective_equals_brute_force(data: dict[str, Any]) -> None:
    instance = load_instance(data)
    result = solve(instance, time_limit=5, workers=1)
    assert result.status == OPTIMAL
    best = brute_force(data)
    assert result.objective == best
    assert result.bound == best


# Far-apart posts (up to ~600 km) and extreme speeds and road factors: whatever the format
# accepts, the model's no-overlap and `verify` must agree.
FAR_KM = [0.0, 0.5, 3.0, 25.0, 80.0, 600.0]


@st.composite
def far_instances(draw: st.DrawFn) -> dict[str, Any]:
    from tests.solver.builders import post, school

    kms = draw(st.lists(st.sampled_from(FAR_KM), min_size=2, max_size=4))
    schools = [school(f"C{i}", km) for i, km in enumerate(kms)]
    posts = [post(f"P{i}", f"C{i}") for i in range(len(kms))]
    sessions = []
    for i in range(draw(st.integers(2, 6))):
        start = draw(st.integers(6 * 60, 20 * 60))
        length = draw(st.integers(5, 60))
        sessions.append(
            session(
                f"s{i}",
                f"P{draw(st.integers(0, len(kms) - 1))}",
                f"{start // 60:02d}:{start % 60:02d}",
                f"{(start + length) // 60:02d}:{(start + length) % 60:02d}",
                draw(st.sampled_from([(0, 0, 1), (0, 1, 1), (0, 0, 2)])),
                kind=["arrival", "noon", "dismissal", "after_care", "evening"][i % 5],
            )
        )
    people = [
        person(
            f"E{i}",
            draw(st.sampled_from(["police", "auxiliary", "security", "volunteer"])),
            preferred_schools=[s["id"] for s in schools],
        )
        for i in range(draw(st.integers(1, 3)))
    ]
    # The extremes the format accepts (solver/limits.py: 0.5–300 km/h, road factor 0.1–10).
    speed = st.sampled_from([0.5, 1.0, 5.0, 20.0, 300.0])
    rules = {
        "officer_speed_kmh": draw(speed),
        "guard_speed_kmh": draw(speed),
        "volunteer_speed_kmh": draw(speed),
        "road_factor": draw(st.sampled_from([0.1, 1.0, 1.3, 5.0, 10.0])),
    }
    return doc(sessions=sessions, people=people, schools=schools, posts=posts, rules=rules)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(far_instances())
def test_conflict_cliques_cover_every_conflicting_pair(data: dict[str, Any]) -> None:
    from solver.model import conflict_cliques

    instance = load_instance(data)
    book = RuleBook(instance)
    sessions = list(instance.sessions)
    for role in ("police", "security", "volunteer"):
        covered = set()
        for clique in conflict_cliques(book, role, sessions):
            covered.update(itertools.combinations(sorted(clique), 2))
        for a, b in itertools.combinations(sessions, 2):
            if book.conflict(role, a, b):
                assert tuple(sorted((a.id, b.id))) in covered, (role, a.id, b.id)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(far_instances())
def test_far_apart_rosters_pass_verify(data: dict[str, Any]) -> None:
    from tests.solver.builders import solved

    instance = load_instance(data)
    result = solve(instance, time_limit=5, workers=1, seed=0)
    solved(instance, result)


@st.composite
def instances_with_windows(draw: st.DrawFn) -> dict[str, Any]:
    data = draw(instances(max_sessions=6, max_people=5))
    for p in data["people"]:
        windows = []
        for weekday in draw(st.lists(st.integers(0, 1), max_size=2, unique=True)):
            start = draw(st.sampled_from(["06:30", "07:10", "07:25", "15:00"]))
            end = draw(st.sampled_from(["08:00", "12:30", "17:30", "22:00"]))
            windows.append({"weekday": weekday, "start": start, "end": end})
        p["available"] = [w for w in windows if w["start"] < w["end"]]
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances_with_windows())
def test_candidates_are_exactly_the_eligible_people(data: dict[str, Any]) -> None:
    instance = load_instance(data)
    book = RuleBook(instance)
    expected = {
        s.id: [p for p in instance.people if book.ineligibility(p, s) is None]
        for s in instance.sessions
    }
    assert book.candidates() == expected


@st.composite
def scattered_homes(draw: st.DrawFn) -> dict[str, Any]:
    """Volunteers and guards at homes just inside and just outside the radius of a post, at
    any latitude (near the poles too) and across the date line."""
    lat = draw(st.sampled_from([-89.5, -60.0, 0.0, 24.6, 45.0, 70.0, 89.9]))
    lon = draw(st.sampled_from([-179.99, 0.0, 118.1, 179.99]))
    radius = draw(st.sampled_from([0.0, 0.5, 3.0, 40.0, 500.0]))
    schools = [{"id": "A", "name": "A", "kind": "primary", "station": "S1", "lat": lat, "lon": lon}]
    people = []
    for i in range(draw(st.integers(1, 6))):
        km = radius * draw(st.sampled_from([0.0, 0.5, 0.999, 1.0, 1.001, 1.5]))
        bearing = draw(st.floats(0, 2 * math.pi))
        d_lat = math.degrees(km / 6371.0) * math.cos(bearing)
        shrink = max(math.cos(math.radians(lat)), 1e-6)
        d_lon = math.degrees(km / 6371.0) * math.sin(bearing) / shrink
        p_lon = (lon + d_lon + 180.0) % 360.0 - 180.0
        people.append(
            person(
                f"V{i}",
                draw(st.sampled_from(["security", "volunteer"])),
                lat=max(-90.0, min(90.0, lat + d_lat)),
                lon=p_lon,
            )
        )
    return doc(
        sessions=[session("s0", "PA", "07:00", "07:30")],
        people=people,
        schools=schools,
        posts=[{"id": "PA", "school": "A", "name": "PA", "risk": 2}],
        rules={"volunteer_radius_km": radius},
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scattered_homes())
def test_post_pools_skip_only_homes_beyond_reach(data: dict[str, Any]) -> None:
    # The pools skip the distance of homes outside a latitude band and a longitude band:
    # they must still hold exactly who is within reach.
    instance = load_instance(data)
    book = RuleBook(instance)
    expected = {
        s.id: [p for p in instance.people if book.ineligibility(p, s) is None]
        for s in instance.sessions
    }
    assert book.candidates() == expected
