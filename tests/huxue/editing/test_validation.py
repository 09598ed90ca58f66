"""The one validation per record kind: each rule names its field and refuses the save."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from huxue import editing
from huxue.editing import (
    BellData,
    CalendarDayData,
    DayTimeData,
    FieldError,
    NeedData,
    StationData,
)
from tests.huxue.editing.conftest import Edits
from tests.huxue.factories import t


@pytest.mark.parametrize(
    ("need", "field"),
    [
        (NeedData("arrival", 2, 1, 3), "posts.0.needs.arrival.officers"),
        (NeedData("arrival", 0, 3, 2), "posts.0.needs.arrival.total"),
        (NeedData("arrival", -1, 1, 2), "posts.0.needs.arrival.police"),
    ],
)
def test_needs_keep_police_officers_total_in_order(
    editor: Edits, ids: dict[str, int], need: NeedData, field: str
) -> None:
    school = editor.run(editing.load_school, ids["primary"])
    post = replace(school.posts[0], needs=(need,))
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_school, replace(school, posts=(post, *school.posts[1:])))
    assert err.value.field == field


def test_bell_times_must_end_after_start_and_not_overlap(
    editor: Edits, ids: dict[str, int]
) -> None:
    school = editor.run(editing.load_school, ids["primary"])
    backwards = (BellData(0, "arrival", t("08:00"), t("07:30")),)
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_school, replace(school, bell_times=backwards))
    assert (err.value.field, err.value.rule) == ("bell_times.0.arrival", "end_before_start")
    overlapping = (
        BellData(2, "arrival", t("07:20"), t("08:00")),
        BellData(2, "noon", t("07:50"), t("08:30")),
    )
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_school, replace(school, bell_times=overlapping))
    assert (err.value.field, err.value.rule) == ("bell_times.2.noon", "overlap")
    assert err.value.params["other"] == "arrival"


def test_codes_are_unique(editor: Edits, ids: dict[str, int]) -> None:
    school = editor.run(editing.load_school, ids["primary"])
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_school, replace(school, code="JM-K001"))
    assert (err.value.field, err.value.rule) == ("code", "duplicate")
    post = replace(school.posts[1], code="JM-K001-1")
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_school, replace(school, posts=(school.posts[0], post)))
    assert err.value.field == "posts.1.code"


def test_special_days_need_valid_times(editor: Edits, ids: dict[str, int]) -> None:
    day = dt.date(2026, 12, 9)
    data = CalendarDayData(None, day, day, "special", name="考试")
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_calendar_day, data)
    assert err.value.field == "times"
    overlapping = (
        DayTimeData("arrival", t("07:00"), t("08:00")),
        DayTimeData("dismissal", t("07:30"), t("08:30")),
    )
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_calendar_day, replace(data, times=overlapping))
    assert err.value.rule == "overlap"
    with pytest.raises(FieldError) as err:
        editor.run(
            editing.save_calendar_day, replace(data, kind="closure", date_to=dt.date(2026, 12, 1))
        )
    assert err.value.field == "date_to"


@pytest.mark.parametrize(
    ("data", "field", "rule"),
    [
        (StationData(None, "JM", "重复派出所"), "code", "duplicate"),
        (StationData(None, "  ", "无编号派出所"), "code", "required"),
        (StationData(None, "HJ", " "), "name", "required"),
        (StationData(None, "HJ", "后溪派出所", 95.0, 118.0), "lat", "range"),
        (StationData(None, "HJ", "后溪派出所", 24.6, 181.0), "lon", "range"),
        (StationData(None, "HJ", "后溪派出所", 24.6, None), "lon", "location_pair"),
        (StationData(None, "HJ", "后溪派出所", None, 118.0), "lat", "location_pair"),
    ],
)
def test_station_rules(
    editor: Edits, ids: dict[str, int], data: StationData, field: str, rule: str
) -> None:
    before = editor.run(editing.stations)
    with pytest.raises(FieldError) as err:
        editor.run(editing.save_station, data)
    assert (err.value.field, err.value.rule) == (field, rule)
    assert editor.run(editing.stations) == before


def test_a_post_location_is_whole_or_absent(editor: Edits, ids: dict[str, int]) -> None:
    school = editor.run(editing.load_school, ids["primary"])
    north = replace(school.posts[0], lat=24.6105, lon=118.1102)
    editor.run(editing.save_school, replace(school, posts=(north, *school.posts[1:])))
    school = editor.run(editing.load_school, ids["primary"])
    assert school.posts[0].lat == 24.6105
    for lat, lon, field, rule in (
        (24.61, None, "posts.0.lon", "location_pair"),
        (91.0, 118.1, "posts.0.lat", "range"),
    ):
        half = replace(north, lat=lat, lon=lon)
        with pytest.raises(FieldError) as err:
            editor.run(editing.save_school, replace(school, posts=(half, *school.posts[1:])))
        assert (err.value.field, err.value.rule) == (field, rule)
    cleared = replace(north, lat=None, lon=None)
    editor.run(editing.save_school, replace(school, posts=(cleared, *school.posts[1:])))
    assert editor.run(editing.load_school, ids["primary"]).posts[0].lat is None
