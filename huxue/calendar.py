"""The Chinese working calendar: public holidays and make-up working days (调休/补班).

`chinese-calendar` knows 2004–2026 and raises for later years; for such a year Huxue says so
and falls back to plain weekdays plus the planner's own `CalendarDay` rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

import chinese_calendar

from huxue.i18n import pick

# The weekday a make-up working day follows unless the planner says otherwise (DESIGN.md).
DEFAULT_FOLLOWS_WEEKDAY = 0

_HOLIDAY_NAMES_ZH = {
    "New Year's Day": "元旦",
    "Spring Festival": "春节",
    "Tomb-sweeping Day": "清明节",
    "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节",
    "National Day": "国庆节",
    "Mid-autumn Festival": "中秋节",
    "Anti-Fascist 70th Day": "抗战胜利纪念日",
}


class ChinaDayKind(StrEnum):
    WORKDAY = "workday"
    WEEKEND = "weekend"
    HOLIDAY = "holiday"
    MAKEUP = "makeup"


@dataclass(frozen=True)
class ChinaDay:
    """What the national calendar says about one date."""

    date: dt.date
    kind: ChinaDayKind
    name: str = ""  # holiday name in Chinese ("国庆节"), or the holiday a make-up day serves
    follows_weekday: int | None = None  # for a make-up day: the weekday whose timetable it keeps
    known: bool = True  # False: the package does not cover the year, so weekdays are assumed

    @property
    def is_school_day(self) -> bool:
        """A day with the national calendar's go-ahead for duty sessions."""
        return self.kind in (ChinaDayKind.WORKDAY, ChinaDayKind.MAKEUP)


def calendar_known(year: int) -> bool:
    """True when the calendar package knows `year`'s holidays and make-up days."""
    try:
        chinese_calendar.is_holiday(dt.date(year, 6, 1))
    except NotImplementedError:
        return False
    return True


def unknown_year_warning(year: int) -> str:
    """The notice shown when the calendar package does not cover `year`."""
    return pick(
        f"{year} 年的法定节假日和调休安排未知（日历数据只到 2026 年）：按普通工作日排班，"
        "请在日历中录入节假日和补班日",
        f"the Chinese holiday calendar for {year} is unknown: weekdays are used; enter "
        "holidays and make-up days in the calendar",
    )


def china_day(day: dt.date) -> ChinaDay:
    """The national calendar's view of `day` (holidays, make-up days, weekends)."""
    weekend = day.weekday() >= 5
    try:
        holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        kind = ChinaDayKind.WEEKEND if weekend else ChinaDayKind.WORKDAY
        return ChinaDay(day, kind, known=False)
    zh_name = _HOLIDAY_NAMES_ZH.get(name or "", name or "")
    if weekend and not holiday:
        return ChinaDay(day, ChinaDayKind.MAKEUP, zh_name, DEFAULT_FOLLOWS_WEEKDAY)
    if holiday and (not weekend or name):
        return ChinaDay(day, ChinaDayKind.HOLIDAY, zh_name)
    if weekend:
        return ChinaDay(day, ChinaDayKind.WEEKEND)
    return ChinaDay(day, ChinaDayKind.WORKDAY)


def month_days(year: int, month: int) -> list[ChinaDay]:
    """Every date of a month with the national calendar's view of it (for the month view)."""
    first = dt.date(year, month, 1)
    days = []
    day = first
    while day.month == month:
        days.append(china_day(day))
        day += dt.timedelta(days=1)
    return days
