"""Who counts toward which need, and the rule defaults written once."""

from __future__ import annotations

import itertools

from solver.instance import Rules, load_instance, rules_to_dict
from solver.roles import LEVELS, ROLES, Need, counts, counts_toward, role_fits, shortfall
from tests.solver.builders import doc


def test_police_count_everywhere_auxiliary_as_officers_everyone_in_the_total() -> None:
    table = {role: [counts_toward(role, level) for level in LEVELS] for role in ROLES}
    assert table == {
        "police": [True, True, True],
        "auxiliary": [False, True, True],
        "security": [False, False, True],
        "volunteer": [False, False, True],
    }
    assert counts(["police", "auxiliary", "volunteer", "security"]) == (1, 2, 4)


def test_a_role_fits_a_session_exactly_when_it_can_reduce_a_shortfall() -> None:
    for police, officers, total in itertools.product(range(3), repeat=3):
        if not police <= officers <= total:
            continue
        need = Need(police, officers, total)
        for role in ROLES:
            # Someone fits when, with every seat of the roles above empty, their presence
            # leaves less missing than before.
            empty = shortfall(need, 0, 0, 0)
            fits = any(
                counts_toward(role, level) and getattr(empty, level) > 0 for level in LEVELS
            ) and (role == "police" or total > (police if role == "auxiliary" else officers))
            assert role_fits(role, need) == fits, (role, need)


def test_absent_rules_take_the_written_defaults() -> None:
    instance = load_instance(doc(sessions=[], people=[]))
    assert instance.rules == Rules()
    written = rules_to_dict(Rules(), weights=False)
    assert written["time_limit_s"] == 30.0 and written["road_factor"] == 1.3
    assert load_instance(doc(sessions=[], people=[], rules=written)).rules == Rules()
