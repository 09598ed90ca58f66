"""The national calendar: holidays, make-up days, and years the package does not know."""

from __future__ import annotations

import datetime as dt

from huxue.calendar import ChinaDayKind, calendar_known, china_day, month_days


def test_public_holiday_weekday_and_weekend() -> None:
    national = china_day(dt.date(2026, 10, 1))
    assert national.kind == ChinaDayKind.HOLIDAY and national.name == "国庆节"
    assert not national.is_school_day
    assert china_day(dt.date(2026, 12, 7)).kind == ChinaDayKind.WORKDAY
    assert china_day(dt.date(2026, 12, 12)).kind == ChinaDayKind.WEEKEND


def test_makeup_days_follow_monday_by_default() -> None:
    sat = china_day(dt.date(2026, 10, 10))
    assert sat.kind == ChinaDayKind.MAKEUP and sat.is_school_day
    assert sat.follows_weekday == 0 and sat.name == "国庆节"


def test_unknown_year_assumes_weekdays_and_says_so() -> None:
    assert calendar_known(2026) and not calendar_known(2027)
    monday = china_day(dt.date(2027, 1, 4))
    assert monday.kind == ChinaDayKind.WORKDAY and not monday.known
    assert china_day(dt.date(2027, 1, 2)).kind == ChinaDayKind.WEEKEND


def test_month_days_cover_the_month() -> None:
    october = month_days(2026, 10)
    assert len(october) == 31
    assert sum(d.kind == ChinaDayKind.HOLIDAY for d in october) == 7  # 1–7 Oct 2026
