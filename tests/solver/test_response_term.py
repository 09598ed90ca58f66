"""The response-time term of the roster solve: an officer short of two gates goes where they
reach more schools within 3 and 5 minutes, never at the cost of a seat's coverage."""

from __future__ import annotations

from typing import Any

from solver import load_instance
from solver.instance import Pair, Rules
from solver.patrol.response import figures, response_times
from solver.response_reach import reach_table
from tests.solver.builders import doc, person, post, run, school, session


def _week(risk_a: int = 2, *, term: bool) -> dict[str, Any]:
    """One officer for two officer seats at the same time: A stands alone, B has C (0.5 km,
    2 minutes) and D (0.8 km, 4 minutes) beside it. The officer lives nearer A."""
    return doc(
        schools=[school("A"), school("B", 10.0), school("C", 10.5), school("D", 10.8)],
        posts=[post("PA", "A", risk_a), post("PB", "B"), post("PC", "C"), post("PD", "D")],
        sessions=[
            session("a", "PA", "07:20", "07:55", (0, 1, 1)),
            session("b", "PB", "07:20", "07:55", (0, 1, 1)),
            session("c", "PC", "07:25", "07:55", (0, 0, 0)),
            session("d", "PD", "07:30", "08:00", (0, 0, 0)),
        ],
        people=[person("E1", km=4.0)],
        rules={"response_term": term},
    )


def test_the_reach_table_counts_minutes_by_the_officer_rule() -> None:
    instance = load_instance(_week(term=True))
    table = {r.school: r.sessions for r in reach_table(instance, list(instance.sessions), {"S1"})}
    # Tiers (3, 5): B's post reaches C in 2 minutes and D in 4.
    assert table["C"] == (("b", "c", "d"), ("b", "c", "d"))
    assert "b" in table["D"][1] and "b" not in table["D"][0]
    assert table["A"] == (("a",), ("a",))


def test_the_term_moves_the_officer_where_more_schools_are_in_reach() -> None:
    alone_instance, _result, alone = run(_week(term=False))
    instance, result, pairs = run(_week(term=True))
    assert alone == {("a", "E1")}  # nearer home: travel decides without the term
    assert pairs == {("b", "E1")}
    # A is missed within 3 and 5 minutes, D within 3 (4 minutes from B): 3 × 10, reported
    # as the model weighs it.
    assert result.terms["response"] == 30
    before = figures(response_times(alone_instance, [*_pairs(alone)]))
    after = figures(response_times(instance, [*_pairs(pairs)]))
    assert before.within == (1, 1, 1)  # within 1, 3, 5 minutes
    assert after.within == (1, 2, 3)


def test_the_term_never_trades_a_riskier_seat() -> None:
    _instance, _result, pairs = run(_week(risk_a=3, term=True))
    assert pairs == {("a", "E1")}


def test_the_switch_is_off_by_default_and_read_from_the_rules() -> None:
    assert Rules().response_term is False
    assert load_instance(_week(term=True)).rules.response_term is True


def _pairs(pairs: set[tuple[str, str]]) -> list[Pair]:
    return [Pair(s, p) for s, p in pairs]


def test_improve_response_puts_a_free_officer_in_a_guards_seat() -> None:
    """The swap CP-SAT's soft phase seldom makes on big weeks: the only seat at B is a
    volunteer's; a free officer takes it, which brings B, C and D within reach."""
    from solver.model import Part
    from solver.response_term import improve_response
    from solver.rules import RuleBook

    data = _week(term=True)
    data["sessions"] = [s for s in data["sessions"] if s["id"] != "a"]
    data["sessions"][0]["need"] = {"police": 0, "officers": 0, "total": 1}
    data["people"] = [person("E1", km=4.0), person("V1", role="volunteer", km=10.0)]
    instance = load_instance(data)
    book = RuleBook(instance)
    part = Part(
        sessions=list(instance.sessions),
        candidates={s.id: list(instance.people) for s in instance.sessions},
        fixed=[],
        people=list(instance.people),
    )
    assert improve_response(instance, book, part, [Pair("b", "V1")]) == [Pair("b", "E1")]
    # Nothing to gain where an officer already stands.
    assert improve_response(instance, book, part, [Pair("b", "E1")]) == [Pair("b", "E1")]
