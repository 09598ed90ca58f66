"""Each rule family of the model on a tiny case where it bites and one where it does not."""

from __future__ import annotations

import pytest

from solver import OPTIMAL
from solver.rules import haversine_km
from tests.solver.builders import (
    LAT,
    MONDAY,
    TUESDAY,
    doc,
    east,
    person,
    post,
    run,
    school,
    session,
    station,
)


def test_overlapping_sessions_take_one_person_once(two_posts: dict) -> None:
    _, result, pairs = run(two_posts)
    assert result.status == OPTIMAL
    assert len(pairs) == 1
    assert len(result.shortages) == 1


def test_non_overlapping_sessions_share_one_person() -> None:
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55"), session("b", "PA", "16:30", "17:10")],
        people=[person("E1")],
    )
    _, result, pairs = run(data)
    assert pairs == {("a", "E1"), ("b", "E1")}
    assert result.shortages == ()


def test_staggered_bells_chain_when_travel_fits() -> None:
    # 1 km at 20 km/h × 1.3 road factor = 3.9 → 4 min; 07:55 + 4 ≤ 08:00.
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55"), session("b", "PB", "08:00", "08:40")],
        people=[person("E1")],
    )
    _, result, pairs = run(data)
    assert pairs == {("a", "E1"), ("b", "E1")}


def test_staggered_bells_do_not_chain_when_travel_is_too_long() -> None:
    # 07:55 + 4 min > 07:58.
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55"), session("b", "PB", "07:58", "08:40")],
        people=[person("E1")],
    )
    _, _, pairs = run(data)
    assert len(pairs) == 1


def test_slow_volunteer_cannot_chain_what_an_officer_can() -> None:
    # A volunteer walks: 1 km × 1.3 / 5 km/h = 15.6 → 16 min > 5 min gap.
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55"), session("b", "PB", "08:00", "08:40")],
        people=[person("V1", "volunteer")],
    )
    _, _, pairs = run(data)
    assert len(pairs) == 1


def test_max_per_day_bites_and_not() -> None:
    sessions = [
        session("a", "PA", "07:20", "07:55"),
        session("b", "PA", "11:40", "12:10", kind="noon"),
        session("c", "PA", "16:30", "17:10", kind="dismissal"),
    ]
    _, _, pairs = run(doc(sessions=sessions, people=[person("E1", max_per_day=2)]))
    assert len(pairs) == 2
    _, _, pairs = run(doc(sessions=sessions, people=[person("E1", max_per_day=3)]))
    assert len(pairs) == 3


def test_max_per_week_bites_and_not() -> None:
    sessions = [
        session(f"s{d}", "PA", "07:20", "07:55", date=f"2026-12-{7 + d:02d}") for d in range(4)
    ]
    _, _, pairs = run(doc(sessions=sessions, people=[person("E1", max_per_week=3)]))
    assert len(pairs) == 3
    _, _, pairs = run(doc(sessions=sessions, people=[person("E1", max_per_week=None)]))
    assert len(pairs) == 4


def test_zero_limit_means_none() -> None:
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55")], people=[person("E1", max_per_week=0)]
    )
    _, result, pairs = run(data)
    assert pairs == set()
    assert result.shortages[0].reason is not None
    assert result.shortages[0].reason.code == "at_limit"


def test_never_more_people_than_need_total() -> None:
    people = [person(f"E{i}") for i in range(3)]
    _, _, pairs = run(
        doc(sessions=[session("a", "PA", "07:20", "07:55", (0, 0, 2))], people=people)
    )
    assert len(pairs) == 2
    _, _, pairs = run(
        doc(sessions=[session("a", "PA", "07:20", "07:55", (0, 0, 3))], people=people)
    )
    assert len(pairs) == 3


def test_session_nobody_needs_gets_nobody() -> None:
    _, result, pairs = run(
        doc(sessions=[session("a", "PA", "07:20", "07:55", (0, 0, 0))], people=[person("E1")])
    )
    assert pairs == set() and result.shortages == ()


def test_station_bites_and_cross_station_lifts_it() -> None:
    data = doc(
        stations=[station("S1"), station("S2")],
        sessions=[session("a", "PA", "07:20", "07:55", (0, 1, 1))],
        people=[person("E2", "auxiliary", st="S2")],
    )
    _, _, pairs = run(data)
    assert pairs == set()
    data["rules"] = {"cross_station": True}
    _, result, pairs = run(data)
    assert pairs == {("a", "E2")}
    assert result.terms["cross_station"] == 20


def test_reach_radius_is_inclusive_and_preferred_schools_extend_it() -> None:
    far = school("F", 5.0)
    base = {
        "schools": [school("A"), far],
        "posts": [post("PA", "A"), post("PF", "F")],
        "sessions": [session("a", "PA", "07:20", "07:55"), session("f", "PF", "16:00", "16:40")],
    }
    _, _, pairs = run(doc(people=[person("V1", "volunteer")], **base))
    assert pairs == {("a", "V1")}
    _, _, pairs = run(doc(people=[person("V1", "volunteer", preferred_schools=["F"])], **base))
    assert pairs == {("a", "V1"), ("f", "V1")}
    # Exactly at the radius counts as within reach.
    data = doc(people=[person("V1", "volunteer")], **base)
    exact = haversine_km(LAT, east(0.0), LAT, far["lon"])
    data["rules"] = {"volunteer_radius_km": exact}
    _, _, pairs = run(data)
    assert ("f", "V1") in pairs


def test_availability_window_must_contain_the_session() -> None:
    sessions = [session("a", "PA", "07:20", "07:55")]
    inside = [{"weekday": 0, "start": "07:00", "end": "08:00"}]
    partial = [{"weekday": 0, "start": "07:30", "end": "08:00"}]
    other_day = [{"weekday": 1, "start": "06:00", "end": "22:00"}]
    _, _, pairs = run(doc(sessions=sessions, people=[person("V", "volunteer", available=inside)]))
    assert pairs == {("a", "V")}
    for windows in (partial, other_day):
        _, _, pairs = run(
            doc(sessions=sessions, people=[person("V", "volunteer", available=windows)])
        )
        assert pairs == set()


def test_make_up_day_uses_followed_weekday_availability() -> None:
    sat = session("a", "PA", "07:20", "07:55", date="2026-12-12")
    sat["follows_weekday"] = 0
    monday_only = [{"weekday": 0, "start": "07:00", "end": "08:00"}]
    _, _, pairs = run(doc(sessions=[sat], people=[person("V", "volunteer", available=monday_only)]))
    assert pairs == {("a", "V")}


def test_leave_bites_inclusive_range() -> None:
    sessions = [
        session("m", "PA", "07:20", "07:55"),
        session("t", "PA", "07:20", "07:55", date=TUESDAY),
    ]
    leave = [{"from": TUESDAY, "to": TUESDAY}]
    _, _, pairs = run(doc(sessions=sessions, people=[person("E1", leave=leave)]))
    assert pairs == {("m", "E1")}


def test_role_mix_police_first() -> None:
    # One police seat: the auxiliary cannot fill it; the policeman goes where police are needed.
    sessions = [
        session("p", "PA", "07:20", "07:55", (1, 1, 1)),
        session("o", "PB", "07:20", "07:55", (0, 1, 1)),
    ]
    people = [person("E1", "police"), person("X1", "auxiliary")]
    _, result, pairs = run(doc(sessions=sessions, people=people))
    assert pairs == {("p", "E1"), ("o", "X1")}
    assert result.shortages == ()


def test_volunteers_only_take_seats_beyond_the_officers() -> None:
    sessions = [session("a", "PA", "07:20", "07:55", (0, 1, 1))]
    _, result, pairs = run(doc(sessions=sessions, people=[person("V1", "volunteer")]))
    assert pairs == set()
    assert result.shortages[0].reason is not None
    assert result.shortages[0].reason.code == "no_eligible"


def test_risk_triage_under_shortage() -> None:
    # Three officers, two high-risk and two low-risk posts at the same time.
    schools = [school(f"C{i}", 0.5 * i) for i in range(4)]
    posts = [post("H1", "C0", 3), post("L1", "C1", 1), post("H2", "C2", 3), post("L2", "C3", 1)]
    sessions = [session(p["id"], p["id"], "07:20", "07:55", (0, 1, 1)) for p in posts]
    people = [person(f"X{i}", "auxiliary") for i in range(3)]
    _, result, pairs = run(doc(schools=schools, posts=posts, sessions=sessions, people=people))
    covered = {s for s, _ in pairs}
    assert {"H1", "H2"} <= covered
    assert len(covered) == 3
    assert all(s.session.startswith("L") for s in result.shortages)


def test_pinned_pair_is_kept_even_when_not_the_cheapest() -> None:
    sessions = [session("a", "PA", "07:20", "07:55")]
    people = [person("E1", km=0.0), person("E2", km=2.0)]
    _, _, pairs = run(doc(sessions=sessions, people=people))
    assert pairs == {("a", "E1")}  # nearer: travel term
    _, _, pairs = run(
        doc(sessions=sessions, people=people, pinned=[{"session": "a", "person": "E2"}])
    )
    assert pairs == {("a", "E2")}


def test_continuity_prefers_the_same_person_at_a_post() -> None:
    sessions = [
        session(f"s{d}", "PA", "07:20", "07:55", date=f"2026-12-{7 + d:02d}") for d in range(3)
    ]
    people = [person("E1"), person("E2")]
    _, result, pairs = run(
        doc(sessions=sessions, people=people, rules={"weights": {"fairness": 0}})
    )
    assert len({p for _, p in pairs}) == 1
    assert result.terms["continuity"] == 0


def test_fairness_spreads_load_within_a_group() -> None:
    sessions = [
        session(f"s{d}", "PA", "07:20", "07:55", date=f"2026-12-{7 + d:02d}") for d in range(2)
    ]
    off = {"weights": {"continuity": 0}}
    _, result, pairs = run(doc(sessions=sessions, people=[person("E1"), person("E2")], rules=off))
    assert {p for _, p in pairs} == {"E1", "E2"}  # one each
    assert result.terms["fairness"] == 0


def test_fairness_counts_earlier_weeks() -> None:
    sessions = [
        session(f"s{d}", "PA", "07:20", "07:55", date=f"2026-12-{7 + d:02d}") for d in range(2)
    ]
    people = [person("E1"), person("E2", history_load=2)]
    _, result, pairs = run(
        doc(sessions=sessions, people=people, rules={"weights": {"continuity": 0}})
    )
    assert {p for _, p in pairs} == {"E1"}  # E2 carried two last week
    assert result.terms["fairness"] == 0


def test_preference_breaks_ties() -> None:
    sessions = [session("a", "PA", "07:20", "07:55"), session("b", "PB", "07:20", "07:55")]
    people = [
        person("V1", "volunteer", preferred_schools=["B"]),
        person("V2", "volunteer", km=1.0, preferred_schools=["A"]),
    ]
    data = doc(sessions=sessions, people=people, rules={"weights": {"travel_km": 0}})
    _, result, pairs = run(data)
    assert pairs == {("a", "V2"), ("b", "V1")}
    assert result.terms["preference"] == 0


def test_weights_can_be_overridden() -> None:
    # Near V1 prefers another school; far V2 prefers this one: travel 0 + 1 vs 2 + 0.
    sessions = [session("a", "PA", "07:20", "07:55")]
    people = [
        person("V1", "volunteer", preferred_schools=["B"]),
        person("V2", "volunteer", km=2.0, preferred_schools=["A"]),
    ]
    data = doc(sessions=sessions, people=people)
    _, _, pairs = run(data)
    assert pairs == {("a", "V1")}
    data["rules"] = {"weights": {"preference": 10}}
    _, _, pairs = run(data)
    assert pairs == {("a", "V2")}


@pytest.mark.parametrize("decompose", [True, False])
def test_two_stations_decompose_like_the_monolith(decompose: bool) -> None:
    schools = [school("A"), school("B", 1.0), school("Z", lat=24.70, st="S2")]
    posts = [post("PA", "A", 3), post("PB", "B", 1), post("PZ", "Z", 2)]
    sessions = [
        session("a", "PA", "07:20", "07:55", (1, 1, 2)),
        session("b", "PB", "07:30", "08:00", (0, 1, 1)),
        session("z", "PZ", "07:20", "07:55", (0, 1, 2)),
        session("z2", "PZ", "16:20", "17:00", (0, 1, 2), kind="dismissal"),
    ]
    people = [
        person("E1"),
        person("X1", "auxiliary"),
        person("E9", st="S2"),
        person("X9", "auxiliary", st="S2"),
    ]
    data = doc(
        stations=[station("S1"), station("S2", lat=24.70)],
        schools=schools,
        posts=posts,
        sessions=sessions,
        people=people,
    )
    _, result, _ = run(data, decompose=decompose)
    assert result.status == OPTIMAL
    assert result.stats["parts"] == (2 if decompose else 1)
    assert result.objective == result.bound
    # S1 has two officers for three seats at one time: the second seat at risk-3 "a" (300)
    # costs less than leaving risk-1 "b" without its officer (1,000 + 100).
    assert {s.session for s in result.shortages} == {"a"}
    assert result.terms["total_shortfall"] == 300
    assert result.terms["officer_shortfall"] == 0


def test_leave_is_named_as_the_cause() -> None:
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55", date=MONDAY)],
        people=[person("E1", leave=[{"from": MONDAY, "to": TUESDAY}])],
    )
    _, result, pairs = run(data)
    assert pairs == set()
    assert result.shortages[0].reason is not None
    assert result.shortages[0].reason.code == "no_eligible"
    assert result.shortages[0].reason.candidates[0].blocked_by == "leave"
