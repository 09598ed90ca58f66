"""The lone-officer rule: an officer of low turnout is kept from standing alone at a risk-3
post when someone else can, never at the cost of a seat."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solver import Pair, load_instance, objective_terms
from solver.instance import InstanceError, instance_to_dict
from tests.huxue.test_hostile_inputs import HOSTILE
from tests.solver.builders import doc, post, run, school, session

RULE_ON = {"lone_officer": {"enabled": True, "turnout_below": 0.8, "weight": 30}}


def _person(pid: str, km: float, turnout: float | None, role: str = "police") -> dict[str, Any]:
    from tests.solver.builders import person

    extra = {} if turnout is None else {"turnout": turnout}
    return person(pid, role, km=km, **extra)


def _week(turnout_e1: float | None, *, rules: dict[str, Any] | None = None) -> dict[str, Any]:
    """Two gates at the same time: PA (risk 3, at 0 km) and PB (risk 1, at 1 km), one officer
    each. E1 lives at PA, E2 at PB: travel alone puts E1 at the risky gate."""
    data = doc(
        schools=[school("A"), school("B", 1.0)],
        posts=[post("PA", "A", risk=3), post("PB", "B", risk=1)],
        sessions=[
            session("high", "PA", "07:20", "07:55", (0, 1, 1)),
            session("low", "PB", "07:20", "07:55", (0, 1, 1)),
        ],
        people=[_person("E1", 0.0, turnout_e1), _person("E2", 1.0, 1.0)],
    )
    if rules is not None:
        data["rules"] = rules
    return data


def test_the_rule_moves_a_low_turnout_officer_off_the_risky_gate() -> None:
    _, result, pairs = run(_week(0.5))
    assert pairs == {("high", "E1"), ("low", "E2")}  # off: the shorter way wins
    instance, result, pairs = run(_week(0.5, rules=RULE_ON))
    assert pairs == {("high", "E2"), ("low", "E1")}
    assert result.terms["lone_officer"] == 0
    assert result.objective == objective_terms(instance, result.assignments).total
    # The roster the rule-less solve chose costs the rule's weight once.
    terms = objective_terms(instance, [Pair("high", "E1"), Pair("low", "E2")])
    assert terms.lone_officer == 30


@pytest.mark.parametrize("turnout", [0.8, 0.95, None])
def test_at_or_above_the_threshold_or_unrecorded_nothing_changes(turnout: float | None) -> None:
    _, _, pairs = run(_week(turnout, rules=RULE_ON))
    assert pairs == {("high", "E1"), ("low", "E2")}


def test_a_weight_below_the_travel_saved_keeps_the_short_way() -> None:
    rules = {"lone_officer": {"enabled": True, "turnout_below": 0.8, "weight": 1}}
    _, result, pairs = run(_week(0.5, rules=rules))
    assert pairs == {("high", "E1"), ("low", "E2")}
    assert result.terms["lone_officer"] == 1


def test_coverage_comes_first_and_a_second_officer_ends_the_lone_stand() -> None:
    data = _week(0.5, rules=RULE_ON)
    data["sessions"] = [session("high", "PA", "07:20", "07:55", (0, 1, 1))]
    data["people"] = [_person("E1", 0.0, 0.5)]
    _, result, pairs = run(data)
    assert pairs == {("high", "E1")}  # nobody else: the seat is filled all the same
    assert result.terms["lone_officer"] == 30
    data["sessions"] = [session("high", "PA", "07:20", "07:55", (0, 1, 2))]
    data["people"] = [_person("E1", 0.0, 0.5), _person("E3", 0.0, 0.6)]
    _, result, pairs = run(data)
    assert pairs == {("high", "E1"), ("high", "E3")}
    assert result.terms["lone_officer"] == 0  # two officers: neither stands alone


def test_a_pinned_low_turnout_officer_gets_company_when_the_seats_allow() -> None:
    data = _week(0.5, rules=RULE_ON)
    data["sessions"] = [session("high", "PA", "07:20", "07:55", (0, 1, 2))]
    data["people"] = [_person("E1", 0.0, 0.5), _person("V1", 0.0, None, role="volunteer")]
    data["pinned"] = [{"session": "high", "person": "E1"}]
    data["people"].append(_person("E2", 5.0, 1.0))
    _, result, pairs = run(data)
    # The volunteer lives at the gate, E2 5 km away: the rule brings E2 all the same.
    assert pairs == {("high", "E1"), ("high", "E2")}
    assert result.terms["lone_officer"] == 0


def test_the_rule_and_turnout_survive_the_format_and_are_range_checked() -> None:
    instance = load_instance(_week(0.5, rules=RULE_ON))
    again = load_instance(json.loads(json.dumps(instance_to_dict(instance))))
    assert again.rules.lone_officer == instance.rules.lone_officer
    assert again.person_by_id["E1"].turnout == 0.5
    assert load_instance(_week(0.5)).rules.lone_officer.enabled is False
    with pytest.raises(InstanceError, match='person "E1".*"turnout"'):
        load_instance(_week(1.5))
    bad = {"lone_officer": {"enabled": "yes"}}
    with pytest.raises(InstanceError, match="rules.lone_officer"):
        load_instance(_week(0.5, rules=bad))
    bad = {"lone_officer": {"enabled": True, "turnout_below": 2}}
    with pytest.raises(InstanceError, match='"turnout_below"'):
        load_instance(_week(0.5, rules=bad))


@given(
    where=st.sampled_from(["enabled", "turnout_below", "weight", "rule", "turnout"]),
    value=HOSTILE,
)
@settings(max_examples=150, deadline=None)
def test_hostile_rule_and_turnout_values_are_refused_by_name(where: str, value: Any) -> None:
    data = _week(0.5, rules={"lone_officer": {"enabled": True}})
    if where == "rule":
        data["rules"]["lone_officer"] = value
    elif where == "turnout":
        data["people"][0]["turnout"] = value
    else:
        data["rules"]["lone_officer"][where] = value
    try:
        instance = load_instance(json.loads(json.dumps(data)))
    except InstanceError as exc:
        assert "lone_officer" in str(exc) or "turnout" in str(exc)
        return
    rule = instance.rules.lone_officer
    assert 0 <= rule.turnout_below <= 1 and rule.weight >= 0
    turnout = instance.person_by_id["E1"].turnout
    assert turnout is None or 0 <= turnout <= 1
