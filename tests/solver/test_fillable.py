"""A shortcut may make the model smaller, never make a fillable seat unfillable; coverage is
reported apart from the soft terms."""

from __future__ import annotations

from solver import load_instance, solve
from solver.instance import Pair
from solver.model import Part
from solver.parts import CANDIDATES_PER_ROLE, keep_fillable, prune_candidates
from solver.phases import PartRun, prove_coverage
from solver.progress import Solvers
from solver.rules import RuleBook
from solver.solve import _proven_shortfall
from tests.solver.builders import doc, east, person, post, run, school, session, station


def crowded_station() -> dict[str, object]:
    """Ten policemen share the station's address next to both posts; the eleventh lives
    3 km away, beyond the 10-nearest cut of post B, and is the only one free for it."""
    near = [person(f"N{i}", km=0.0) for i in range(CANDIDATES_PER_ROLE)]
    return doc(
        schools=[school("A", 0.0), school("B", 0.2)],
        posts=[post("PA", "A", 3), post("PB", "B", 1)],
        sessions=[
            session("y", "PA", "07:20", "07:55", (10, 10, 10)),
            session("x", "PB", "07:20", "07:55", (1, 1, 1)),
        ],
        people=[*near, person("F1", km=3.0)],
    )


def test_the_only_filler_beyond_the_cut_still_fills_the_seat() -> None:
    data = crowded_station()
    instance = load_instance(data)
    book = RuleBook(instance)
    cands = book.candidates()
    pruned = prune_candidates(book, list(instance.sessions), cands, CANDIDATES_PER_ROLE, set())
    assert "F1" not in {p.id for p in pruned["x"]}  # the cut removes the only free filler
    _, result, pairs = run(data)
    assert ("x", "F1") in pairs
    assert result.shortages == ()
    assert result.stats["coverage"] == "full"


def test_short_sessions_and_their_swaps_get_every_eligible_candidate_back() -> None:
    instance = load_instance(crowded_station())
    book = RuleBook(instance)
    sessions = list(instance.sessions)
    eligible = book.candidates()
    pruned = prune_candidates(book, sessions, eligible, CANDIDATES_PER_ROLE, set())
    # A roster that gave x's only nearby people to y and left x short.
    around = [Pair("y", f"N{i}") for i in range(CANDIDATES_PER_ROLE)]
    widened, extra, count = keep_fillable(instance, book, sessions, pruned, eligible, around)
    assert widened["x"] == eligible["x"]
    assert count == 2  # x, and y whose people could swap into x
    assert extra == [Pair("x", "F1")]


def test_coverage_proven_optimal_when_nobody_can_fill_a_seat() -> None:
    data = doc(sessions=[session("a", "PA", "07:20", "07:55", (1, 1, 2))], people=[person("E1")])
    _, result, _ = run(data)
    assert result.stats["coverage"] == "proven_optimal"
    assert result.stats["coverage_cost"] == result.stats["coverage_bound"] > 0
    assert result.stats["soft_gap"] is not None


def test_coverage_not_proven_when_the_search_had_no_time() -> None:
    from tests.solver.synth import make_week

    instance = load_instance(make_week(seed=3, stations=2, schools_per_station=6, police=1))
    result = solve(instance, time_limit=0.01, workers=1)
    stats = result.stats
    # Whatever the status, it is consistent with the costs it reports.
    assert (stats["coverage"] == "full") == (stats["coverage_cost"] == 0)
    assert (stats["coverage"] == "not_proven") == (stats["coverage_bound"] < stats["coverage_cost"])
    assert (stats["soft_gap"] is None) == (stats["coverage"] == "not_proven")


def test_coverage_proven_by_the_coverage_phase_when_two_gates_share_one_officer() -> None:
    # Each gate alone has an eligible officer (no per-session floor), but one officer cannot
    # stand at both at 07:20: only the coverage phase over the whole station proves one short.
    data = doc(
        sessions=[
            session("a", "PA", "07:20", "07:55", (1, 1, 1)),
            session("b", "PB", "07:20", "07:55", (1, 1, 1)),
        ],
        people=[person("P1")],
    )
    _, result, _ = run(data)
    assert len(result.shortages) == 1
    assert result.stats["coverage"] == "proven_optimal"


def two_stations(need: tuple[int, int, int], volunteers: int = 1) -> dict[str, object]:
    """Station S1's gate needs `need` at 07:20 and has one policeman and `volunteers`;
    station S2's security guard lives next to it and is free then (S2's gate has its own
    volunteer)."""
    return doc(
        stations=[station("S1"), station("S2", lon=east(5.0))],
        schools=[school("A", 0.0), school("C", 5.0, st="S2")],
        posts=[post("PA", "A"), post("PC", "C")],
        sessions=[
            session("a", "PA", "07:20", "07:55", need),
            session("c", "PC", "07:20", "07:55", (0, 0, 1)),
        ],
        people=[
            person("P1"),
            *(person(f"V1{i}", "volunteer") for i in range(volunteers)),
            person("G2", "security", st="S2", km=0.1),
            person("V2", "volunteer", st="S2", km=5.0),
        ],
    )


def test_a_seat_only_another_stations_guard_can_fill_is_filled() -> None:
    # The station split keeps S2's guard out of S1's part: the seat comes back through him.
    _, result, pairs = run(two_stations((1, 1, 3)))
    assert ("a", "G2") in pairs
    assert result.stats["coverage"] == "full"


def test_a_short_part_lacking_people_of_another_station_is_proven_on_its_relaxation() -> None:
    # S2's guard could stand at S1's gate, but not as the second policeman it lacks (S1's
    # volunteers take the other seats): the seat stays short, and only the model with S2's
    # people in it proves that no roster of the week does better.
    _, result, pairs = run(two_stations((2, 2, 3), volunteers=2))
    assert ("a", "G2") not in pairs
    assert result.stats["parts"] == 2
    assert result.stats["coverage"] == "proven_optimal"
    assert result.stats["coverage_cost"] == result.stats["coverage_bound"] > 0


def test_a_relaxation_that_does_better_proves_nothing() -> None:
    # Only the bound of the relaxation counts: a part short of what its model holds is not
    # proven by its own bound when people of another station were left out.
    instance = load_instance(crowded_station())
    book = RuleBook(instance)
    sessions = list(instance.sessions)
    eligible = book.candidates()
    pruned = prune_candidates(book, sessions, eligible, CANDIDATES_PER_ROLE, set())
    part = Part(sessions, pruned, [], list(instance.people))
    part.eligible = {s.id: list(eligible[s.id]) for s in sessions}
    around = [Pair("y", f"N{i}") for i in range(CANDIDATES_PER_ROLE)]
    run_ = PartRun(0, part, around)
    prove_coverage(
        instance,
        book,
        run_,
        wall=lambda: 5.0,
        deterministic=None,
        workers=1,
        seed=0,
        solvers=Solvers(),
    )
    # F1 fills x in the relaxation: the bound is 0, below what the part's roster costs.
    assert run_.week_bound == 0
    assert _proven_shortfall([run_]) == 0
    # A part short of nothing holds at 0 whatever its model; a repair proves nothing.
    run_.part = Part(sessions, pruned, [], part.people, previous=[Pair("x", "F1")])
    assert _proven_shortfall([run_]) is None
