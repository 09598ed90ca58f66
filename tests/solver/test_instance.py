"""`load_instance`: malformed instances are rejected with a message naming the element."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from solver import InstanceError, check_pinned, instance_to_dict, load_instance
from tests.solver.builders import doc, person, session


def base() -> dict[str, Any]:
    return doc(
        sessions=[session("a", "PA", "07:20", "07:55", (0, 1, 2))],
        people=[person("E1", available=[{"weekday": 0, "start": "06:30", "end": "22:00"}])],
    )


def broken(change: Any) -> str:
    data = base()
    change(data)
    with pytest.raises(InstanceError) as info:
        check_pinned(load_instance(data))
    return str(info.value)


def test_valid_instance_round_trips() -> None:
    instance = load_instance(base())
    again = load_instance(instance_to_dict(instance))
    assert again.sessions == instance.sessions
    assert again.people == instance.people
    assert again.rules == instance.rules


def test_wrong_format() -> None:
    assert "format" in broken(lambda d: d.update(format="huxue-instance/2"))


def test_not_an_object() -> None:
    with pytest.raises(InstanceError):
        load_instance([1, 2])


def test_need_ordering_police_officers() -> None:
    message = broken(lambda d: d["sessions"][0]["need"].update(police=2, officers=1))
    assert message == 'session "a": need.police 2 > need.officers 1'


def test_need_ordering_officers_total() -> None:
    message = broken(lambda d: d["sessions"][0]["need"].update(officers=3, total=2))
    assert message == 'session "a": need.officers 3 > need.total 2'


def test_negative_need() -> None:
    assert 'session "a"' in broken(lambda d: d["sessions"][0]["need"].update(total=-1))


def test_malformed_time() -> None:
    assert 'session "a"' in broken(lambda d: d["sessions"][0].update(start="7:20"))


def test_impossible_time() -> None:
    assert '"25:00"' in broken(lambda d: d["sessions"][0].update(end="25:00")).replace("'", '"')


def test_end_not_after_start() -> None:
    assert "not after start" in broken(lambda d: d["sessions"][0].update(end="07:20"))


def test_availability_end_not_after_start() -> None:
    message = broken(lambda d: d["people"][0]["available"][0].update(end="06:00"))
    assert 'person "E1" available[0]' in message


def test_malformed_date() -> None:
    assert 'session "a"' in broken(lambda d: d["sessions"][0].update(date="2026-13-01"))


def test_week_start_not_a_monday() -> None:
    assert "Monday" in broken(lambda d: d.update(week_start="2026-12-08"))


def test_unknown_post() -> None:
    assert 'unknown post "PX"' in broken(lambda d: d["sessions"][0].update(post="PX"))


def test_unknown_station_of_person() -> None:
    assert 'person "E1": unknown station "S9"' in broken(
        lambda d: d["people"][0].update(station="S9")
    )


def test_unknown_role() -> None:
    assert 'unknown role "chief"' in broken(lambda d: d["people"][0].update(role="chief"))


def test_duplicate_session_id() -> None:
    assert 'duplicate session id "a"' in broken(
        lambda d: d["sessions"].append(copy.deepcopy(d["sessions"][0]))
    )


def test_missing_key() -> None:
    assert 'missing "people"' in broken(lambda d: d.pop("people"))


def test_bad_risk() -> None:
    assert 'post "PA"' in broken(lambda d: d["posts"][0].update(risk=4))


def test_unknown_pinned_person() -> None:
    assert 'unknown person "E9"' in broken(
        lambda d: d.update(pinned=[{"session": "a", "person": "E9"}])
    )


def test_pinned_pair_breaking_a_rule_is_named() -> None:
    def pin_on_leave(d: dict[str, Any]) -> None:
        d["people"][0]["leave"] = [{"from": "2026-12-07", "to": "2026-12-07"}]
        d["pinned"] = [{"session": "a", "person": "E1"}]

    message = broken(pin_on_leave)
    assert "pinned" in message and '"a"' in message and "E1" in message and "leave" in message


def test_pinned_pairs_overlapping_each_other() -> None:
    def pin_twice(d: dict[str, Any]) -> None:
        d["sessions"].append(session("b", "PB", "07:30", "08:00"))
        d["pinned"] = [{"session": "a", "person": "E1"}, {"session": "b", "person": "E1"}]

    assert "overlaps" in broken(pin_twice)


def test_unknown_weight() -> None:
    assert "unknown weight" in broken(lambda d: d.update(rules={"weights": {"beauty": 3}}))


def test_absent_optional_keys_take_defaults() -> None:
    data = base()
    data["people"][0] = {
        k: v
        for k, v in data["people"][0].items()
        if k in ("id", "name", "role", "station", "lat", "lon")
    }
    instance = load_instance(data)
    assert instance.people[0].max_per_week is None
    assert instance.rules.road_factor == 1.3
