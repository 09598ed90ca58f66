"""A shortcut may make the model smaller, never make a fillable seat unfillable; coverage is
reported apart from the soft terms."""

from __future__ import annotations

from solver import load_instance, solve
from solver.instance import Pair
from solver.model import Part
from solver.parts import CANDIDATES_PER_ROLE, keep_fillable, prune_candidates
from solver.phases import PartRun
from solver.result import OPTIMAL
from solver.rules import RuleBook
from solver.solve import _proven_shortfall
from tests.solver.builders import doc, person, post, run, school, session


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


def test_a_short_part_whose_model_lacks_an_eligible_person_proves_nothing() -> None:
    instance = load_instance(crowded_station())
    book = RuleBook(instance)
    sessions = list(instance.sessions)
    eligible = book.candidates()
    pruned = prune_candidates(book, sessions, eligible, CANDIDATES_PER_ROLE, set())
    part = Part(sessions, pruned, [], list(instance.people))
    run_ = PartRun(0, part, [])
    run_.status1, run_.shortfall_value, run_.shortfall_bound = OPTIMAL, 1000, 1000
    assert _proven_shortfall([run_], eligible) is None
    run_.part = Part(sessions, {s.id: list(eligible[s.id]) for s in sessions}, [], part.people)
    assert _proven_shortfall([run_], eligible) == 1000
    # A part short of nothing holds at 0 whatever its model.
    run_.part, run_.shortfall_value, run_.shortfall_bound = part, 0, 0
    assert _proven_shortfall([run_], eligible) == 0
