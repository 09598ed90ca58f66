"""Every number and text of a record has its range in one place (`solver.limits`): the
validation the editors, imports and restore share refuses a value beyond it, naming the field,
and the database's text columns are as wide as the limits say."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from sqlmodel import SQLModel

from huxue.editing import (
    AvailabilityData,
    BellData,
    FieldError,
    NeedData,
    PersonData,
    PostData,
    SchoolData,
    StationData,
)
from huxue.editing.reasons import reason
from huxue.editing.validation import (
    check_availability,
    check_person,
    check_post,
    check_school,
    check_station,
    column_length,
    max_length,
    validate_bell_times,
)
from huxue.i18n import set_language
from huxue.restore_checks import COLUMN_RANGES
from solver.limits import LIMITS, TEXT_COLUMNS, TEXT_LIMITS


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    yield
    set_language("en")


def _station(value: float) -> None:
    check_station(StationData(None, "S1", "站", lat=value, lon=118.0))


def _station_lon(value: float) -> None:
    check_station(StationData(None, "S1", "站", lat=24.5, lon=value))


def _post(**change: object) -> Callable[[float], None]:
    def run(value: float) -> None:
        fields = {key: value if v is None else v for key, v in change.items()}
        check_post(PostData(None, "P1", "门", **fields))  # type: ignore[arg-type]

    return run


def _need(value: float) -> None:
    check_post(PostData(None, "P1", "门", needs=(NeedData("arrival", 0, 0, int(value)),)))


def _school(value: float) -> None:
    check_school(SchoolData(None, "X1", "学校", "primary", 1, enrolment=int(value)))


def _seq(value: float) -> None:
    validate_bell_times([BellData(0, "arrival", dt.time(7, 20), dt.time(7, 50), seq=int(value))])


def _weekday(value: float) -> None:
    check_availability([AvailabilityData(int(value), dt.time(7), dt.time(8))])


def _person(name: str) -> Callable[[float], None]:
    def run(value: float) -> None:
        check_person(PersonData(None, "E1", "张三", "police", 1, **{name: value}))  # type: ignore[arg-type]

    return run


# (limit, how a record with the value is checked, the field its error names)
NUMBERS: list[tuple[str, Callable[[float], None], Callable[[float], str]]] = [
    ("lat", _station, lambda v: "lat"),
    ("lon", _station_lon, lambda v: "lon"),
    ("risk", _post(risk=None), lambda v: "risk"),
    ("need", _need, lambda v: "needs.arrival.total"),
    ("enrolment", _school, lambda v: "enrolment"),
    ("seq", _seq, lambda v: "bell_times.0.arrival"),
    ("weekday", _weekday, lambda v: f"availability.{int(v)}"),
    ("max_per_day", _person("max_per_day"), lambda v: "max_per_day"),
    ("max_per_week", _person("max_per_week"), lambda v: "max_per_week"),
    ("history_load", _person("history_load"), lambda v: "history_load"),
]


@pytest.mark.parametrize(("limit", "check", "field"), NUMBERS, ids=[n[0] for n in NUMBERS])
def test_each_number_is_held_to_its_one_range(
    limit: str, check: Callable[[float], None], field: Callable[[float], str]
) -> None:
    bounds = LIMITS[limit]
    check(bounds.low)
    check(bounds.high)
    for beyond in (bounds.low - 1, bounds.high + 1):
        with pytest.raises(FieldError) as err:
            check(beyond)
        assert (err.value.field, err.value.rule) == (field(beyond), "range")
        assert (err.value.params["low"], err.value.params["high"]) == (bounds.low, bounds.high)
        set_language("zh_CN")
        assert f"须在 {err.value.params['low']}–{err.value.params['high']} 之间" in reason(
            err.value
        )
        set_language("en")
        assert f"must lie within {err.value.params['low']}–" in reason(err.value)


def test_every_ranged_column_of_the_restore_has_a_limit() -> None:
    assert set(COLUMN_RANGES.values()) <= set(LIMITS)
    # every number the validation checks is a number the restore checks too
    assert {n[0] for n in NUMBERS} <= set(COLUMN_RANGES.values())


def _table(name: str) -> type[SQLModel]:
    for mapper in SQLModel._sa_registry.mappers:
        if mapper.class_.__tablename__ == name:
            return mapper.class_  # type: ignore[no-any-return]
    raise AssertionError(f"no table {name}")


@pytest.mark.parametrize(("table", "column"), sorted(TEXT_COLUMNS))
def test_text_columns_are_as_wide_as_their_limit(table: str, column: str) -> None:
    model = _table(table)
    limit = TEXT_LIMITS[TEXT_COLUMNS[(table, column)]]
    assert column_length(model, column) == limit
    assert max_length(model, column) == limit


@pytest.mark.parametrize(
    ("check", "field", "limit"),
    [
        (lambda s: check_station(StationData(None, s, "站")), "code", "code"),
        (lambda s: check_station(StationData(None, "S", s)), "name", "name"),
        (
            lambda s: check_school(SchoolData(None, "X", "学校", "primary", 1, address=s)),
            "address",
            "address",
        ),
        (
            lambda s: check_person(PersonData(None, "E1", s, "police", 1)),
            "name",
            "person_name",
        ),
        (
            lambda s: check_person(PersonData(None, "E1", "张三", "police", 1, notes=s)),
            "notes",
            "notes",
        ),
    ],
)
def test_a_text_beyond_its_limit_is_refused_by_name(
    check: Callable[[str], None], field: str, limit: str
) -> None:
    check("字" * TEXT_LIMITS[limit])
    with pytest.raises(FieldError) as err:
        check("字" * (TEXT_LIMITS[limit] + 1))
    assert (err.value.field, err.value.rule) == (field, "too_long")
    set_language("zh_CN")
    assert reason(err.value) == f"超过 {TEXT_LIMITS[limit]} 个字符"
    set_language("en")
    assert reason(err.value) == f"longer than {TEXT_LIMITS[limit]} characters"
