"""Typed values: times and windows as a planner types them."""

from __future__ import annotations

import pytest

from huxue import editing
from huxue.editing import (
    FieldError,
)
from tests.huxue.factories import t


def test_windows_are_parsed_and_checked() -> None:
    assert editing.parse_windows("07:20-07:55; 16:00–16:30") == [
        (t("07:20"), t("07:55")),
        (t("16:00"), t("16:30")),
    ]
    assert editing.parse_windows("") == []
    with pytest.raises(FieldError) as err:
        editing.parse_windows("07:55-07:20", "bell_times.0.arrival")
    assert err.value.rule == "end_before_start" and err.value.field == "bell_times.0.arrival"
    with pytest.raises(FieldError) as err:
        editing.parse_windows("7.20 to 8", "x")
    assert err.value.rule == "time_format"
