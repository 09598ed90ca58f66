"""The lone-officer rule: people whose turnout (到岗率) lies below a threshold are kept from
being the only officer at a risk-3 post.

A session at a post of the highest risk whose officers (police and auxiliary) are exactly one
person, and that person's recorded turnout is below `turnout_below`, costs `weight`. People
without a recorded turnout (`Person.turnout` None) count as reliable. The rule is a soft term,
off unless `enabled`: a week the rule cannot satisfy still gets every seat filled (coverage
weighs far more), and `verify`, which checks the hard rules, needs no part of it.

In `huxue-instance/1` it is the optional object ``rules.lone_officer`` (``enabled``,
``turnout_below`` 0–1, ``weight``) and each person's optional ``turnout`` (0–1); older readers
ignore both (read by `solver.lone_rule`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

from solver.lone_rule import WATCHED_RISK, LoneOfficerRule
from solver.roles import OFFICER_ROLES

if TYPE_CHECKING:
    from solver.instance import Instance, Pair, Person, Session


def below_threshold(rule: LoneOfficerRule, person: Person) -> bool:
    """An officer whose recorded turnout is below the rule's threshold."""
    return (
        person.role in OFFICER_ROLES
        and person.turnout is not None
        and person.turnout < rule.turnout_below
    )


def watched(instance: Instance, session: Session) -> bool:
    """A session the rule looks at: at a post of the highest risk."""
    return instance.risk(session) >= WATCHED_RISK


def lone_sessions(instance: Instance, pairs: Iterable[Pair]) -> list[str]:
    """Ids of the watched sessions whose only officer is below the threshold."""
    rule = instance.rules.lone_officer
    officers: dict[str, list[Person]] = defaultdict(list)
    for pair in pairs:
        person = instance.person_by_id[pair.person]
        if person.role in OFFICER_ROLES:
            officers[pair.session].append(person)
    return [
        sid
        for sid, people in officers.items()
        if len(people) == 1
        and below_threshold(rule, people[0])
        and watched(instance, instance.session_by_id[sid])
    ]


def lone_officer_cost(instance: Instance, pairs: Iterable[Pair]) -> int:
    """The rule's cost of a roster: `weight` per watched session with a lone officer below the
    threshold (0 when the rule is off)."""
    rule = instance.rules.lone_officer
    if not rule.enabled or not rule.weight:
        return 0
    return rule.weight * len(lone_sessions(instance, pairs))


def add_lone_officer(rm: Any) -> None:
    """The rule as a CP-SAT term of a part (`rm`, a `solver.model.RosterModel`, which imports
    this module): per watched session, a boolean `lone` that is 1
    when one officer below the threshold stands there with no other officer; `weight` each.

    Fixed officers are constants: two or more (or one at or above the threshold) leave nothing
    to watch; one below it makes the session lone unless a free officer joins."""
    instance = rm.instance
    rule = instance.rules.lone_officer
    fixed = rm.fixed_by_session()
    lone_vars = []
    constant = 0
    for session in rm.part.sessions:
        if not watched(instance, session):
            continue
        fixed_officers = [p for p in fixed.get(session.id, ()) if p.role in OFFICER_ROLES]
        if len(fixed_officers) > 1 or (
            fixed_officers and not below_threshold(rule, fixed_officers[0])
        ):
            continue
        keys = [
            (session.id, p.id)
            for p in rm.part.candidates.get(session.id, ())
            if p.role in OFFICER_ROLES and (session.id, p.id) in rm.x
        ]
        doubtful = [k for k in keys if below_threshold(rule, instance.person_by_id[k[1]])]
        if fixed_officers:
            if not keys:
                constant += rule.weight
                continue
            lone = rm.model.new_bool_var(f"lone|{session.id}")
            # The fixed officer stays alone unless a free officer joins.
            rm.model.add(lone >= 1 - sum(rm.x[k] for k in keys))
            rm.derived.append((lone, _alone_recipe(keys)))
        else:
            if not doubtful:
                continue
            lone = rm.model.new_bool_var(f"lone|{session.id}")
            for key in doubtful:
                others = [rm.x[k] for k in keys if k != key]
                rm.model.add(lone >= rm.x[key] - sum(others))
            rm.derived.append((lone, _lone_recipe(keys, set(doubtful))))
        lone_vars.append(lone)
    if lone_vars:
        rm.terms["lone_officer"] = rule.weight * sum(lone_vars) + constant
    else:
        rm.terms["lone_officer"] = constant


Recipe = Callable[[Mapping[tuple[str, str], int]], int]


def _alone_recipe(keys: list[tuple[str, str]]) -> Recipe:
    def recipe(values: Mapping[tuple[str, str], int]) -> int:
        return int(not any(values[k] for k in keys))

    return recipe


def _lone_recipe(keys: list[tuple[str, str]], doubtful: set[tuple[str, str]]) -> Recipe:
    def recipe(values: Mapping[tuple[str, str], int]) -> int:
        chosen = [k for k in keys if values[k]]
        return int(len(chosen) == 1 and chosen[0] in doubtful)

    return recipe
