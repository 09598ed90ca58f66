"""Weeks with a known answer (a planted complete roster): the generator's answer keeps every
rule, and the solver fills every seat and never leaves more officer seats empty than the
plain greedy planner."""

from __future__ import annotations

import pytest

from solver import Pair, greedy, load_instance, load_roster, solve, verify
from tests.solver.builders import solved
from tests.solver.planted import extra_people, officer_shortfall, planted_week


@pytest.mark.parametrize("seed", [1, 2])
def test_the_planted_roster_fills_every_seat_with_one_person_per_gate(seed: int) -> None:
    doc, planted = planted_week(seed=seed, stations=2, chains_per_station=2)
    instance = load_instance(doc)
    roster = load_roster(
        {
            "format": "huxue-roster/1",
            "assignments": [{"session": s, "person": p} for s, p in planted],
            "shortages": [],
        }
    )
    assert verify(instance, roster) == []
    assert len(planted) == sum(s.need.total for s in instance.sessions)
    assert extra_people(instance, [Pair(s, p) for s, p in planted]) == 0
    # People share locations: every officer of a station lives at the same address.
    officers = [p for p in instance.people if p.role in ("police", "auxiliary")]
    assert len({(p.lat, p.lon) for p in officers}) <= len(instance.stations)


@pytest.mark.parametrize("seed", [3, 4])
def test_the_solver_fills_a_planted_week_and_beats_the_greedy(seed: int) -> None:
    doc, _ = planted_week(seed=seed, stations=2, chains_per_station=2)
    instance = load_instance(doc)
    result = solve(instance, time_limit=20, workers=2)
    pairs = solved(instance, result)
    assert result.shortages == ()
    assert result.stats["coverage"] == "full"
    baseline = greedy(instance)
    assert officer_shortfall(instance, [Pair(s, p) for s, p in pairs]) <= officer_shortfall(
        instance, baseline
    )
