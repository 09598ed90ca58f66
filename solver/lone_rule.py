"""The lone-officer rule's settings in the instance format: the switch, the turnout threshold
and the weight (``rules.lone_officer``), and each person's ``turnout``. The rule itself, the
CP-SAT term and the cost of a roster, is `solver.lone_officer`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from solver.fields import as_int, as_number, as_object, fail
from solver.limits import LIMITS

# The risk of the posts the rule watches: the highest there is.
WATCHED_RISK = int(LIMITS["risk"].high)


@dataclass(frozen=True)
class LoneOfficerRule:
    """Switch, threshold and weight of the lone-officer rule (see the module)."""

    enabled: bool = False
    turnout_below: float = 0.8
    weight: int = 30


def load_rule(raw: Any) -> LoneOfficerRule:
    """`rules.lone_officer` of an instance document (absent or null: the defaults, off)."""
    if raw is None:
        return LoneOfficerRule()
    where = "rules.lone_officer"
    data = as_object(raw, where)
    defaults = LoneOfficerRule()
    enabled = data.get("enabled", defaults.enabled)
    if not isinstance(enabled, bool):
        raise fail(where, '"enabled" must be true or false')
    threshold = defaults.turnout_below
    if data.get("turnout_below") is not None:
        threshold = as_number(data["turnout_below"], where, "turnout_below")
        if not LIMITS["turnout"].holds(threshold):
            raise fail(where, f'"turnout_below" {threshold} is outside {LIMITS["turnout"].text()}')
    weight = defaults.weight
    if data.get("weight") is not None:
        weight = as_int(data["weight"], where, "weight", low=0, high=int(LIMITS["weight"].high))
    return LoneOfficerRule(enabled, threshold, weight)


def rule_to_dict(rule: LoneOfficerRule) -> dict[str, Any]:
    """The rule as `rules.lone_officer` of `huxue-instance/1`."""
    return {"enabled": rule.enabled, "turnout_below": rule.turnout_below, "weight": rule.weight}


def load_turnout(data: Mapping[str, Any], where: str) -> float | None:
    """A person's optional `turnout` (0–1; absent or null: none recorded)."""
    value = data.get("turnout")
    if value is None:
        return None
    turnout = as_number(value, where, "turnout")
    if not LIMITS["turnout"].holds(turnout):
        raise fail(where, f'"turnout" {turnout} is outside {LIMITS["turnout"].text()}')
    return turnout
