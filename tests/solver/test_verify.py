"""`verify`: each rule where it bites and where it does not, from the roster alone."""

from __future__ import annotations

from typing import Any

import pytest

from solver import Pair, load_instance, load_roster, session_shortfalls, verify
from tests.solver.builders import TUESDAY, doc, person, post, school, session, station


def roster(pairs: list[tuple[str, str]], shortages: list[dict[str, Any]] | None = None) -> Any:
    return load_roster(
        {
            "format": "huxue-roster/1",
            "assignments": [{"session": s, "person": p} for s, p in pairs],
            "shortages": shortages or [],
        }
    )


def rules_broken(
    data: dict[str, Any], pairs: list[tuple[str, str]], shortages: Any = None
) -> set[str]:
    """Broken rules; without `shortages`, the roster lists the true ones."""
    instance = load_instance(data)
    if shortages is None:
        known = [
            Pair(s, p)
            for s, p in pairs
            if s in instance.session_by_id and p in instance.person_by_id
        ]
        shortages = [
            {
                "session": sid,
                "missing": {"police": m.police, "officers": m.officers, "total": m.total},
            }
            for sid, m in session_shortfalls(instance, known).items()
            if m.any()
        ]
    return {v.rule for v in verify(instance, roster(pairs, shortages))}


def test_overlap_bites_and_not() -> None:
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55"), session("b", "PA", "07:50", "08:30")],
        people=[person("E1"), person("E2")],
    )
    assert rules_broken(data, [("a", "E1"), ("b", "E1")]) == {"overlap"}
    assert rules_broken(data, [("a", "E1"), ("b", "E2")]) == set()


def test_travel_overlap_bites_and_not() -> None:
    # 1 km for an officer: 4 minutes.
    close = doc(
        sessions=[session("a", "PA", "07:20", "07:55"), session("b", "PB", "07:58", "08:30")],
        people=[person("E1")],
    )
    assert rules_broken(close, [("a", "E1"), ("b", "E1")]) == {"overlap"}
    fits = doc(
        sessions=[session("a", "PA", "07:20", "07:55"), session("b", "PB", "07:59", "08:30")],
        people=[person("E1")],
    )
    assert rules_broken(fits, [("a", "E1"), ("b", "E1")]) == set()


def test_violation_names_session_and_person() -> None:
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55"), session("b", "PA", "07:50", "08:30")],
        people=[person("E1")],
    )
    (violation,) = verify(load_instance(data), roster([("a", "E1"), ("b", "E1")]))
    assert violation.session == "b" and violation.person == "E1"
    assert '"b"' in violation.message and "E1" in violation.message


@pytest.mark.parametrize(("limit", "broken"), [(1, {"max_per_day"}), (2, set())])
def test_max_per_day(limit: int, broken: set[str]) -> None:
    data = doc(
        sessions=[
            session("a", "PA", "07:20", "07:55"),
            session("b", "PA", "16:20", "17:00", kind="dismissal"),
        ],
        people=[person("E1", max_per_day=limit)],
    )
    assert rules_broken(data, [("a", "E1"), ("b", "E1")]) == broken


@pytest.mark.parametrize(("limit", "broken"), [(1, {"max_per_week"}), (2, set()), (None, set())])
def test_max_per_week(limit: int | None, broken: set[str]) -> None:
    data = doc(
        sessions=[
            session("a", "PA", "07:20", "07:55"),
            session("b", "PA", "07:20", "07:55", date=TUESDAY),
        ],
        people=[person("E1", max_per_week=limit)],
    )
    assert rules_broken(data, [("a", "E1"), ("b", "E1")]) == broken


def test_need_total_bites_and_not() -> None:
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55", (0, 0, 1))],
        people=[person("E1"), person("E2")],
    )
    assert rules_broken(data, [("a", "E1"), ("a", "E2")]) == {"need_total"}
    assert rules_broken(data, [("a", "E1")]) == set()


def test_station_bites_and_not() -> None:
    data = doc(
        stations=[station("S1"), station("S2")],
        sessions=[session("a", "PA", "07:20", "07:55")],
        people=[person("E1"), person("E2", st="S2")],
    )
    assert rules_broken(data, [("a", "E2")]) == {"station"}
    assert rules_broken(data, [("a", "E1")]) == set()
    data["rules"] = {"cross_station": True}
    assert rules_broken(data, [("a", "E2")]) == set()


def test_reach_bites_and_not() -> None:
    data = doc(
        schools=[school("A"), school("F", 4.0)],
        posts=[post("PA", "A"), post("PF", "F")],
        sessions=[session("f", "PF", "07:20", "07:55")],
        people=[person("V1", "volunteer"), person("V2", "volunteer", preferred_schools=["F"])],
    )
    assert rules_broken(data, [("f", "V1")]) == {"reach"}
    assert rules_broken(data, [("f", "V2")]) == set()


def test_availability_bites_and_not() -> None:
    windows = [{"weekday": 0, "start": "07:00", "end": "07:50"}]
    data = doc(
        sessions=[
            session("a", "PA", "07:20", "07:55"),
            session("b", "PA", "07:20", "07:45", kind="noon"),
        ],
        people=[person("V1", "volunteer", available=windows)],
    )
    assert rules_broken(data, [("a", "V1")]) == {"availability"}
    assert rules_broken(data, [("b", "V1")]) == set()


def test_leave_bites_and_not() -> None:
    data = doc(
        sessions=[
            session("a", "PA", "07:20", "07:55"),
            session("t", "PA", "07:20", "07:55", date=TUESDAY),
        ],
        people=[person("E1", leave=[{"from": "2026-12-01", "to": "2026-12-07"}])],
    )
    assert rules_broken(data, [("a", "E1")]) == {"leave"}
    assert rules_broken(data, [("t", "E1")]) == set()


def test_pinned_must_appear() -> None:
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55")],
        people=[person("E1"), person("E2")],
        pinned=[{"session": "a", "person": "E1"}],
    )
    assert rules_broken(data, [("a", "E2")]) == {"pinned"}
    assert rules_broken(data, [("a", "E1")]) == set()


def test_duplicate_and_unknown_pairs() -> None:
    data = doc(sessions=[session("a", "PA", "07:20", "07:55", (0, 0, 2))], people=[person("E1")])
    assert "duplicate" in rules_broken(data, [("a", "E1"), ("a", "E1")])
    assert "unknown" in rules_broken(data, [("a", "nobody")])
    assert "unknown" in rules_broken(data, [("zz", "E1")])


def test_shortages_must_be_exact() -> None:
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55", (1, 1, 2))],
        people=[person("X1", "auxiliary")],
    )
    right = [
        {
            "session": "a",
            "missing": {"police": 1, "officers": 0, "total": 1},
            "reason": {"code": "no_eligible", "text": "", "candidates": []},
        }
    ]
    assert rules_broken(data, [("a", "X1")], right) == set()
    wrong = [{"session": "a", "missing": {"police": 1, "officers": 1, "total": 1}}]
    assert rules_broken(data, [("a", "X1")], wrong) == {"shortages"}
    assert rules_broken(data, [("a", "X1")], []) == {"shortages"}
    twice = right + right
    assert rules_broken(data, [("a", "X1")], twice) == {"shortages"}


def test_shortages_must_not_list_a_full_session() -> None:
    data = doc(sessions=[session("a", "PA", "07:20", "07:55")], people=[person("E1")])
    listed = [{"session": "a", "missing": {"police": 0, "officers": 0, "total": 0}}]
    assert rules_broken(data, [("a", "E1")], listed) == {"shortages"}
    assert rules_broken(data, [("a", "E1")], []) == set()
