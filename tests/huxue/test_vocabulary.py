"""One vocabulary: every role, session kind and school kind has its Chinese and English name,
and the orders follow the solver's role codes and the school day."""

from __future__ import annotations

from huxue import vocabulary
from huxue.instance import DEFAULT_RULES
from huxue.models import Role, SchoolKind, SessionKind
from solver.instance import ROLES, Rules


def test_every_code_has_its_names() -> None:
    assert list(vocabulary.ROLE_LABELS) == list(ROLES) == [r.value for r in Role]
    assert list(vocabulary.ROLE_LABELS_EN) == list(ROLES)
    assert list(vocabulary.SESSION_LABELS) == [k.value for k in SessionKind]
    assert list(vocabulary.SCHOOL_KIND_LABELS) == [k.value for k in SchoolKind]
    assert list(vocabulary.SCHOOL_KIND_LABELS_EN) == [k.value for k in SchoolKind]


def test_orders_and_bilingual_names() -> None:
    assert sorted(ROLES, key=vocabulary.ROLE_ORDER.__getitem__)[0] == "police"
    assert vocabulary.SESSION_ORDER["arrival"] < vocabulary.SESSION_ORDER["evening"]
    assert vocabulary.bilingual(vocabulary.ROLE_LABELS, vocabulary.ROLE_LABELS_EN, "police") == (
        "民警 police"
    )


def test_the_district_defaults_are_the_solvers() -> None:
    defaults = Rules()
    assert DEFAULT_RULES["road_factor"] == defaults.road_factor
    assert DEFAULT_RULES["volunteer_radius_km"] == defaults.volunteer_radius_km
    assert "weights" not in DEFAULT_RULES
