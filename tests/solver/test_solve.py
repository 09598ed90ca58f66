"""Whole solves: causes, repair, progress, cancel, determinism; checked by `verify`."""

from __future__ import annotations

import math
import threading
from typing import Any

import pytest

from solver import CANCELLED, OPTIMAL, load_instance, objective_terms, solve
from tests.solver.builders import MONDAY, TUESDAY, doc, person, run, session, solved
from tests.solver.synth import make_week


def test_cause_all_busy_names_where_the_person_is(two_posts: dict[str, Any]) -> None:
    _, result, pairs = run(two_posts)
    (shortage,) = result.shortages
    assert shortage.reason is not None
    assert shortage.reason.code == "all_busy"
    (candidate,) = shortage.reason.candidates
    taken = next(s for s, _ in pairs)
    assert candidate.person == "E1" and candidate.blocked_by == f"busy at {taken}"


def test_cause_mixed_and_at_most_three_named() -> None:
    sessions = [
        session("a", "PA", "07:20", "07:55", (0, 0, 4)),
        session("b", "PB", "07:20", "07:55", (0, 0, 5)),
        session("c", "PA", "16:20", "17:00", (0, 0, 5), kind="dismissal"),
    ]
    people = [person(f"E{i}", max_per_day=1 if i < 2 else None) for i in range(4)]
    _, result, _ = run(doc(sessions=sessions, people=people))
    reasons = {s.session: s.reason for s in result.shortages}
    # 4 people for 9 morning seats and 5 dismissal seats: c and a morning session are short.
    assert "c" in reasons and len(reasons) == 2
    for r in reasons.values():
        assert r is not None and len(r.candidates) <= 3
        # Eligible people elsewhere: the code says what holds every one of them.
        assert r.code in ("all_busy", "at_limit", "mixed")
        eligible, busy, limited = r.params["eligible"], r.params["busy"], r.params["at_limit"]
        assert eligible == busy + limited + r.params["other"]
        assert len(r.candidates) == min(3, eligible)
        assert (r.code == "all_busy") == (busy == eligible)
        assert (r.code == "at_limit") == (limited == eligible)
    # E0 and E1 take one duty a day: someone is at the daily limit at a short session.
    assert any(r is not None and r.params["at_limit"] for r in reasons.values())


def test_cause_no_eligible_counts_who_is_already_there() -> None:
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55", (0, 0, 3))],
        people=[person("E1"), person("E2", leave=[{"from": MONDAY, "to": MONDAY}])],
    )
    _, result, _ = run(data)
    (shortage,) = result.shortages
    assert shortage.reason is not None
    assert shortage.reason.code == "no_eligible"
    assert dict(shortage.reason.params) == {
        "missing_police": 0,
        "missing_officers": 0,
        "missing_total": 2,
        "here": 1,
        "leave": 1,
    }
    assert [c.blocked_by for c in shortage.reason.candidates] == ["leave"]


def test_police_shortfall_outweighs_everything_else() -> None:
    # One policeman, a police seat at a risk-1 post and a total seat at a risk-3 post.
    from tests.solver.builders import post, school

    data = doc(
        schools=[school("A"), school("B", 1.0)],
        posts=[post("PA", "A", 1), post("PB", "B", 3)],
        sessions=[
            session("p", "PA", "07:20", "07:55", (1, 1, 1)),
            session("t", "PB", "07:20", "07:55", (0, 0, 1)),
        ],
        people=[person("E1")],
    )
    _, _, pairs = run(data)
    assert pairs == {("p", "E1")}


def test_progress_reports_improvements() -> None:
    calls: list[tuple[float, float, float, int]] = []
    instance = load_instance(make_week(seed=3, stations=1, schools_per_station=2, days=2))
    result = solve(instance, time_limit=2, workers=1, on_progress=lambda *a: calls.append(a))
    solved(instance, result)
    assert calls
    assert all(0 <= filled <= result.stats["seats"] for *_, filled in calls)
    assert [c[0] for c in calls] == sorted(c[0] for c in calls)


def test_cancel_returns_best_roster_within_a_second() -> None:
    instance = load_instance(make_week(seed=4, stations=3, schools_per_station=10, volunteers=10))
    stop = threading.Event()
    first = threading.Event()
    box: dict[str, Any] = {}

    def work() -> None:
        box["result"] = solve(
            instance, time_limit=60, workers=2, stop=stop, on_progress=lambda *a: first.set()
        )

    thread = threading.Thread(target=work)
    thread.start()
    assert first.wait(30)
    stop.set()
    # The cancel's latency (under 1 s) is measured by bench/solver_bench.py --timing.
    thread.join(30)
    assert not thread.is_alive()
    result = box["result"]
    assert result.status == CANCELLED
    assert result.assignments
    solved(instance, result)


def test_same_input_same_roster_with_one_worker() -> None:
    # Small enough that the deterministic budget, not the wall-clock guard, ends each search
    # even on a loaded machine.
    instance = load_instance(make_week(seed=5, stations=2, schools_per_station=2, days=1))
    first = solve(instance, time_limit=10, workers=1, seed=7)
    second = solve(instance, time_limit=10, workers=1, seed=7)
    assert first.assignments == second.assignments
    solved(instance, first)


def test_repair_after_an_absence_changes_only_what_it_must() -> None:
    data = make_week(seed=6, stations=1, schools_per_station=3, days=3, police=3, auxiliary=5)
    instance = load_instance(data)
    before = solve(instance, time_limit=2, workers=1)
    solved(instance, before)
    # The busiest officer falls ill on Monday.
    monday = [p for p in before.assignments if p.session.split("/")[1] == MONDAY]
    counts: dict[str, int] = {}
    for p in monday:
        if instance.person_by_id[p.person].role in ("police", "auxiliary"):
            counts[p.person] = counts.get(p.person, 0) + 1
    sick = max(counts, key=lambda k: counts[k])
    held = {(p.session, p.person) for p in monday if p.person == sick}
    for person_doc in data["people"]:
        if person_doc["id"] == sick:
            person_doc["leave"] = [{"from": MONDAY, "to": MONDAY}]
    data["previous"] = [{"session": p.session, "person": p.person} for p in before.assignments]
    repaired_instance = load_instance(data)
    after = solve(repaired_instance, time_limit=5, workers=1)
    pairs = solved(repaired_instance, after)
    assert not any(p == sick and s.split("/")[1] == MONDAY for s, p in pairs)
    # Everything away from Monday is kept, and the changes are about what the sick person held.
    kept_elsewhere = {
        (p.session, p.person) for p in before.assignments if p.session.split("/")[1] != MONDAY
    }
    assert kept_elsewhere <= pairs
    assert len(held) <= after.stats["changes"] <= 3 * len(held)
    assert after.stats["seats_filled"] >= before.stats["seats_filled"] - len(held)


def test_full_repair_also_keeps_previous() -> None:
    data = doc(
        sessions=[
            session("a", "PA", "07:20", "07:55"),
            session("b", "PA", "07:20", "07:55", date=TUESDAY),
        ],
        people=[person("E1"), person("E2", km=0.5)],
        previous=[{"session": "a", "person": "E2"}, {"session": "b", "person": "E2"}],
    )
    _, result, pairs = run(data, repair="full")
    # E1 lives nearer, but changes cost more than travel.
    assert pairs == {("a", "E2"), ("b", "E2")}
    assert result.stats["changes"] == 0


def test_decomposed_and_monolithic_agree_when_both_are_optimal() -> None:
    data = make_week(
        seed=8, stations=2, schools_per_station=2, days=2, volunteers=0, guards_per_school=0
    )
    instance = load_instance(data)
    parts = solve(instance, time_limit=4, workers=2, decompose=True)
    whole = solve(instance, time_limit=4, workers=2, decompose=False)
    solved(instance, parts)
    solved(instance, whole)
    assert parts.stats["parts"] == 2 and whole.stats["parts"] == 1
    # Without volunteers or guards the stations share nobody: both solve the same problem,
    # so each one's bound holds for the other's roster, and the objectives are the rosters'.
    assert parts.bound <= whole.objective and whole.bound <= parts.objective
    for result in (parts, whole):
        assert result.objective == objective_terms(instance, result.assignments).total
        assert result.status != OPTIMAL or result.bound == result.objective


def test_first_solution_is_the_warm_start_and_the_objective_only_improves() -> None:
    instance = load_instance(make_week(seed=9, stations=2, schools_per_station=4, volunteers=10))
    calls: list[tuple[float, float, float, int]] = []
    result = solve(instance, time_limit=3, workers=2, on_progress=lambda *a: calls.append(a))
    solved(instance, result)
    # The careful greedy is a complete, valid roster: reported before any CP-SAT search.
    assert abs(calls[0][0] - result.stats["first_solution_s"]) < 1e-3
    assert calls[0][0] >= result.stats["build_s"] - 1e-3
    objectives = [c[1] for c in calls]
    assert objectives == sorted(objectives, reverse=True)
    assert result.objective <= objectives[-1]
    assert all(bound <= objective for _, objective, bound, _ in calls)
    assert 0 <= result.bound <= result.objective


def test_no_time_to_search_still_returns_the_warm_start() -> None:
    instance = load_instance(make_week(seed=10, stations=2, schools_per_station=4))
    calls: list[tuple[float, float, float, int]] = []
    result = solve(instance, time_limit=0.01, workers=2, on_progress=lambda *a: calls.append(a))
    pairs = solved(instance, result)
    assert pairs and calls
    assert result.objective <= calls[0][1]


@pytest.mark.parametrize("limit", [math.inf, math.nan, 0.0, -2.0])
def test_a_solve_must_have_a_finite_positive_limit(limit: float) -> None:
    instance = load_instance(make_week(seed=10, stations=1, schools_per_station=1, days=1))
    with pytest.raises(ValueError, match="time limit"):
        solve(instance, time_limit=limit)


def test_the_result_says_when_it_ran_past_its_limit() -> None:
    instance = load_instance(make_week(seed=12, stations=3, schools_per_station=6))
    result = solve(instance, time_limit=0.05, workers=2)
    solved(instance, result)
    assert result.stats["time_limit_s"] == 0.05
    assert ("over_limit_s" in result.stats) == (result.wall_s > 0.05 + 1.0)


def test_a_repair_never_empties_a_seat_someone_still_fills() -> None:
    from tests.solver.builders import post, school

    data = doc(
        schools=[school("A"), school("B", 0.5)],
        posts=[post("PA", "A", 3), post("PB", "B", 1)],
        sessions=[
            session("a", "PA", "07:20", "07:55", (0, 1, 1)),
            session("b", "PB", "07:20", "07:55", (0, 1, 1)),
        ],
        people=[
            person("E1", "auxiliary", leave=[{"from": MONDAY, "to": MONDAY}]),
            person("E2", "auxiliary"),
        ],
        previous=[{"session": "a", "person": "E1"}, {"session": "b", "person": "E2"}],
    )
    _, result, pairs = run(data)
    # Moving E2 to the riskier post would pay, but b's seat is still filled by E2: it stays,
    # and the cause names a for the planner.
    assert pairs == {("b", "E2")}
    assert [s.session for s in result.shortages] == ["a"]


def test_station_parts_solved_in_worker_processes_pass_verify(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import os

    import solver.schedule

    monkeypatch.setattr(solver.schedule, "MIN_PROCESS_PAIRS", 0)  # a small week, spread anyway
    monkeypatch.setattr(solver.schedule, "MIN_PROCESS_CORES", 2)  # and on this machine
    instance = load_instance(make_week(seed=13, stations=3, schools_per_station=3, days=2))
    result = solve(instance, time_limit=8, workers=2, processes=True)
    solved(instance, result)
    assert result.stats["parts"] == 3
    assert result.stats["processes"] == (2 if (os.cpu_count() or 1) > 1 else 0)
    alone = solve(instance, time_limit=8, workers=2, processes=False)
    assert alone.stats["processes"] == 0
    # Coverage is easy here: both ways fill the same seats.
    assert result.stats["seats_filled"] == alone.stats["seats_filled"]


def test_with_no_time_for_a_second_warm_start_the_cover_only_one_is_kept() -> None:
    import time

    from solver.greedy import fill
    from solver.parts import warm_start
    from solver.rules import Occupancy, RuleBook

    instance = load_instance(make_week(seed=10, stations=2, schools_per_station=4))
    book = RuleBook(instance)
    sessions = list(instance.sessions)
    cands = book.candidates()
    # A deadline already past: one roster only, the one that covers first.
    one = warm_start(instance, book, [], sessions, cands, [], deadline=time.monotonic() - 1)
    cover_only = fill(
        instance, book, sessions, cands, Occupancy(book), careful=True, keep_regulars=False
    )
    assert one == cover_only
    keeping = fill(instance, book, sessions, cands, Occupancy(book), careful=True)
    assert warm_start(instance, book, [], sessions, cands, []) in (cover_only, keeping)


def test_a_repair_fills_a_day_the_previous_roster_had_nothing_on() -> None:
    # The week before carried over: its Monday stands; Tuesday is a make-up working day it
    # did not have. Tuesday's seats are filled, Monday's pair is kept.
    data = doc(
        sessions=[
            session("mon", "PA", "07:20", "07:55", (0, 1, 1), date=MONDAY),
            session("tue", "PA", "07:20", "07:55", (0, 1, 1), date=TUESDAY),
        ],
        people=[person("E1"), person("E2")],
        previous=[{"session": "mon", "person": "E1"}],
    )
    _instance, result, pairs = run(data)
    assert ("mon", "E1") in pairs
    assert any(s == "tue" for s, _ in pairs)
    assert result.stats["changes"] == 0
