"""The local search (`solver.polish`): where each move bites and where it must not."""

from __future__ import annotations

import time
from typing import Any

from solver import Instance, Pair, RuleBook, load_instance, objective_terms, solve
from solver.model import Part
from solver.polish import polish
from solver.rules import session_shortfalls
from tests.solver.builders import MONDAY, TUESDAY, doc, person, run, session, solved
from tests.solver.synth import make_week


def _polished(data: dict[str, Any], start: set[tuple[str, str]]) -> tuple[Instance, set[Any]]:
    instance = load_instance(data)
    book = RuleBook(instance)
    part = Part(list(instance.sessions), book.candidates(), [], list(instance.people))
    pairs = [Pair(s, p) for s, p in sorted(start)]
    out = polish(
        instance, book, part, pairs, deadline=time.monotonic() + 5, max_moves=10_000, seed=0
    )
    before = objective_terms(instance, pairs, book=book)
    after = objective_terms(instance, out, book=book)
    assert after.total <= before.total
    assert after.shortfall <= before.shortfall
    return instance, {(p.session, p.person) for p in out}


def _two_days() -> list[dict[str, Any]]:
    return [
        session("m", "PA", "07:20", "07:55"),
        session("t", "PA", "07:20", "07:55", date=TUESDAY),
    ]


def test_evict_keeps_one_person_at_a_gate_all_week() -> None:
    data = doc(sessions=_two_days(), people=[person("E1"), person("E2")])
    _, out = _polished(data, {("m", "E1"), ("t", "E2")})
    assert len({p for _, p in out}) == 1 and len(out) == 2


def test_evict_does_not_bite_when_nobody_can_take_both_days() -> None:
    people = [
        person("E1", leave=[{"from": TUESDAY, "to": TUESDAY}]),
        person("E2", leave=[{"from": MONDAY, "to": MONDAY}]),
    ]
    data = doc(sessions=_two_days(), people=people)
    _, out = _polished(data, {("m", "E1"), ("t", "E2")})
    assert out == {("m", "E1"), ("t", "E2")}


def test_clashing_duties_are_swapped_so_each_keeps_a_gate() -> None:
    sessions = [
        session("ma", "PA", "07:20", "07:55"),
        session("mb", "PB", "07:20", "07:55"),
        session("ta", "PA", "07:20", "07:55", date=TUESDAY),
        session("tb", "PB", "07:20", "07:55", date=TUESDAY),
    ]
    data = doc(sessions=sessions, people=[person("E1"), person("E2")])
    start = {("ma", "E1"), ("mb", "E2"), ("ta", "E2"), ("tb", "E1")}
    _, out = _polished(data, start)
    at_a = {p for s, p in out if s in ("ma", "ta")}
    at_b = {p for s, p in out if s in ("mb", "tb")}
    assert len(out) == 4 and len(at_a) == 1 and len(at_b) == 1 and at_a != at_b


def test_a_police_seat_is_never_handed_to_a_volunteer() -> None:
    sessions = [
        session("m", "PA", "07:20", "07:55", (1, 1, 1)),
        session("t", "PA", "07:20", "07:55", (0, 0, 1), date=TUESDAY),
    ]
    people = [person("E1"), person("V1", role="volunteer", preferred_schools=["A"])]
    data = doc(sessions=sessions, people=people)
    instance, out = _polished(data, {("m", "E1"), ("t", "V1")})
    # Keeping E1 on both days would cost V1 nothing, but V1 can never take E1's police seat.
    assert ("m", "E1") in out
    missing = session_shortfalls(instance, [Pair(s, p) for s, p in out])
    assert not any(m.any() for m in missing.values())


def test_solve_with_the_local_search_stays_honest() -> None:
    # Objective recomputed from the roster, bound below it, every roster valid.
    instance = load_instance(make_week(seed=12, stations=1, schools_per_station=6, volunteers=8))
    result = solve(instance, time_limit=3, workers=2, seed=0)
    solved(instance, result)
    assert result.objective == objective_terms(instance, result.assignments).total
    assert 0 <= result.bound <= result.objective
    assert result.stats["seats_filled"] == result.stats["seats"] - sum(
        m.total for m in session_shortfalls(instance, result.assignments).values()
    )


def test_repair_widens_when_the_only_cover_is_at_the_weekly_limit() -> None:
    # E1 falls ill on Monday; E2 could take Monday but holds Tuesday at a weekly limit of 1,
    # which E1 or E3 (away on Monday) could take: a local repair cannot, the wider one can.
    sessions = [
        session("m", "PA", "07:20", "07:55"),
        session("t", "PB", "07:20", "07:55", date=TUESDAY),
    ]
    people = [
        person("E1", max_per_week=1, leave=[{"from": MONDAY, "to": MONDAY}]),
        person("E2", max_per_week=1),
        person("E3", max_per_week=1, km=3.0, leave=[{"from": MONDAY, "to": MONDAY}]),
    ]
    previous = [{"session": "m", "person": "E1"}, {"session": "t", "person": "E2"}]
    _, result, pairs = run(doc(sessions=sessions, people=people, previous=previous))
    assert ("m", "E2") in pairs and len(pairs) == 2
    assert not result.shortages


def test_repair_stays_local_when_nobody_is_at_a_limit() -> None:
    sessions = [
        session("m", "PA", "07:20", "07:55"),
        session("t", "PB", "07:20", "07:55", date=TUESDAY),
    ]
    people = [
        person("E1", leave=[{"from": MONDAY, "to": MONDAY}]),
        person("E2"),
        person("E3", km=3.0),
    ]
    previous = [{"session": "m", "person": "E1"}, {"session": "t", "person": "E2"}]
    _, result, pairs = run(doc(sessions=sessions, people=people, previous=previous))
    assert ("t", "E2") in pairs and ("m", "E1") not in pairs
    assert not result.shortages and result.stats["changes"] == 1
