"""Augmenting paths fill a short seat by a chain of moves, keep every rule, never move a fixed
pair and leave every other session with what it had."""

from __future__ import annotations

from typing import Any

import pytest

from solver import Pair, load_instance, load_roster, verify
from solver.augment import augment
from solver.greedy import fill
from solver.instance import Instance
from solver.parts import warm_start
from solver.rules import Occupancy, RuleBook, session_shortfalls
from tests.solver.builders import doc, person, post, school, session
from tests.solver.planted import planted_week


def _school_posts() -> dict[str, Any]:
    return {
        "schools": [school("A"), school("B", 0.5), school("C", 1.0), school("D", 1.5)],
        "posts": [post("PA", "A", 3), post("PB", "B"), post("PC", "C"), post("PD", "D")],
    }


def _augment(
    data: dict[str, Any],
    roster: list[tuple[str, str]],
    frozen: frozenset[tuple[str, str]] = frozenset(),
    lower_levels: bool = False,
) -> tuple[Instance, list[Pair]]:
    instance = load_instance(data)
    book = RuleBook(instance)
    occupancy = Occupancy(book)
    pairs = [Pair(s, p) for s, p in roster]
    for pair in pairs:
        occupancy.add(instance.person_by_id[pair.person], instance.session_by_id[pair.session])
    added, removed = augment(
        instance,
        list(instance.sessions),
        book.candidates(),
        occupancy,
        frozen=frozenset(Pair(s, p) for s, p in frozen),
        lower_levels=lower_levels,
    )
    after = [p for p in pairs if p not in set(removed)] + added
    problems = verify(
        instance,
        load_roster(
            {
                "format": "huxue-roster/1",
                "assignments": [{"session": p.session, "person": p.person} for p in after],
                "shortages": [],
            }
        ),
    )
    assert [str(p) for p in problems if "short" not in str(p).lower()] == []
    assert sorted(after) == sorted(set(after))
    return instance, after


def _short(instance: Instance, pairs: list[Pair]) -> int:
    missing = session_shortfalls(instance, pairs).values()
    return sum(m.total + m.officers + m.police for m in missing)


def test_a_chain_of_two_moves_fills_a_police_seat() -> None:
    # A needs a police officer at 07:20; both police officers (one duty a day) stand at C and
    # D, and the free auxiliary X1 can take only D.
    data = doc(
        **_school_posts(),
        sessions=[
            session("a", "PA", "07:20", "07:55", (1, 1, 1)),
            session("c", "PC", "08:30", "09:00", (1, 1, 1)),
            session("d", "PD", "16:30", "17:00", (0, 1, 1)),
        ],
        people=[
            person("P1", max_per_day=1),
            person("P2", max_per_day=1),
            person("X1", role="auxiliary"),
        ],
    )
    instance, after = _augment(data, [("c", "P1"), ("d", "P2")])
    assert _short(instance, after) == 0
    # Whichever officer moves to A, the auxiliary ends at D: the only seat open to them.
    assert Pair("d", "X1") in after and len(after) == 3


def test_a_full_session_short_of_police_gives_up_a_volunteer() -> None:
    data = doc(
        **_school_posts(),
        sessions=[session("a", "PA", "07:20", "07:55", (1, 1, 2))],
        people=[
            person("V1", role="volunteer", preferred_schools=["A"]),
            person("V2", role="volunteer", preferred_schools=["A"]),
            person("P1"),
        ],
    )
    instance, after = _augment(data, [("a", "V1"), ("a", "V2")])
    assert _short(instance, after) == 0
    assert Pair("a", "P1") in after and len(after) == 2


def test_fixed_pairs_never_move() -> None:
    data = doc(
        **_school_posts(),
        sessions=[
            session("a", "PA", "07:20", "07:55", (1, 1, 1)),
            session("c", "PC", "08:30", "09:00", (0, 1, 1)),
        ],
        people=[person("P1", max_per_day=1), person("X1", role="auxiliary")],
    )
    instance, after = _augment(data, [("c", "P1")], frozen=frozenset({("c", "P1")}))
    assert after == [Pair("c", "P1")]
    instance, after = _augment(data, [("c", "P1")])
    assert _short(instance, after) == 0


def test_a_seat_nobody_can_fill_leaves_the_roster_as_it_was() -> None:
    data = doc(
        **_school_posts(),
        sessions=[
            session("a", "PA", "07:20", "07:55", (1, 1, 1)),
            session("b", "PB", "07:20", "07:55", (1, 1, 1)),
        ],
        people=[person("P1")],
    )
    instance, after = _augment(data, [("b", "P1")])
    assert after == [Pair("b", "P1")]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_warm_start_covers_a_planted_week_at_least_as_well_as_the_greedy(seed: int) -> None:
    data, _ = planted_week(seed=seed, stations=2, chains_per_station=4)
    instance = load_instance(data)
    book = RuleBook(instance)
    sessions = list(instance.sessions)
    cands = book.candidates()
    occupancy = Occupancy(book)
    plain = fill(instance, book, sessions, cands, occupancy, careful=True, keep_regulars=False)
    warm = warm_start(instance, book, [], sessions, cands, [])
    assert _short(instance, warm) <= _short(instance, plain)
    roster = load_roster(
        {
            "format": "huxue-roster/1",
            "assignments": [{"session": p.session, "person": p.person} for p in warm],
            "shortages": [],
        }
    )
    assert [p for p in verify(instance, roster) if "short" not in str(p).lower()] == []


def test_a_seat_left_takes_a_volunteer_when_no_policeman_can_come() -> None:
    # The gate lacks a policeman nobody can give and a seat a volunteer can fill: the chain
    # for the lower level still runs (the coverage cost counts each level).
    data = doc(
        **_school_posts(),
        sessions=[
            session("a", "PA", "07:20", "07:55", (2, 2, 3)),
            session("b", "PB", "07:20", "07:55", (0, 0, 1)),
        ],
        people=[person("P1"), person("V1", "volunteer"), person("V2", "volunteer")],
    )
    instance, after = _augment(data, [("a", "P1"), ("b", "V1")], lower_levels=True)
    assert sum(p.session == "a" for p in after) == 2
    assert Pair("b", "V1") in after or Pair("b", "V2") in after
