"""Week expansion: terms, vacations, the Chinese calendar and the planner's exceptions."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
from sqlmodel import Session

from huxue.models import BellTime, CalendarDay, DayTime, PostNeed
from huxue.week import expand_week, session_key
from tests.huxue.factories import seed_small, t

NORMAL_WEEK = dt.date(2026, 12, 7)


def by_date(week) -> Counter[dt.date]:  # type: ignore[no-untyped-def]
    return Counter(s.date for s in week.sessions)


def test_normal_week_has_every_post_on_every_weekday(session: Session) -> None:
    seed_small(session)
    week = expand_week(session, NORMAL_WEEK)
    assert week.warnings == []
    # 4 posts × 2 kinds on each of the five weekdays, none at the weekend.
    counts = by_date(week)
    assert [counts[NORMAL_WEEK + dt.timedelta(days=i)] for i in range(7)] == [8] * 5 + [0, 0]
    first = week.sessions[0]
    assert (first.key, first.start, first.end) == (
        "JM-P001-1/2026-12-07/arrival",
        t("07:20"),
        t("07:55"),
    )
    assert first.need_police == 1 and first.risk == 3
    kinder_friday = next(
        s
        for s in week.sessions
        if s.post_code == "JM-K001-1" and s.date.weekday() == 4 and s.kind == "dismissal"
    )
    assert kinder_friday.start == t("15:30")


def test_station_filter(session: Session) -> None:
    ids = seed_small(session)
    week = expand_week(session, NORMAL_WEEK, station_id=ids["XL"])
    assert {s.post_code for s in week.sessions} == {"XL-P001-1"}


def test_holiday_week_national_day(session: Session) -> None:
    seed_small(session)
    # 2026-10-01 (Thu) to 10-07 are the National Day holiday.
    week = expand_week(session, dt.date(2026, 9, 28))
    counts = by_date(week)
    assert counts[dt.date(2026, 9, 30)] == 8
    assert all(counts[dt.date(2026, 10, d)] == 0 for d in range(1, 5))


def test_makeup_saturday_follows_monday_by_default_and_the_planner_can_change_it(
    session: Session,
) -> None:
    seed_small(session)
    saturday = dt.date(2026, 10, 10)  # 补班 for National Day
    week = expand_week(session, dt.date(2026, 10, 5))
    counts = by_date(week)
    assert counts[dt.date(2026, 10, 5)] == 0  # still the holiday
    assert counts[saturday] == 8
    sat = [s for s in week.sessions if s.date == saturday]
    assert {s.follows_weekday for s in sat} == {0}
    kinder = next(s for s in sat if s.post_code == "JM-K001-1" and s.kind == "dismissal")
    assert kinder.start == t("16:30")  # Monday's time

    session.add(
        CalendarDay(
            date_from=saturday, date_to=saturday, kind="makeup", follows_weekday=4, scope="all"
        )
    )
    session.commit()
    sat = [s for s in expand_week(session, dt.date(2026, 10, 5)).sessions if s.date == saturday]
    kinder = next(s for s in sat if s.post_code == "JM-K001-1" and s.kind == "dismissal")
    assert kinder.start == t("15:30") and kinder.follows_weekday == 4


def test_vacation_and_outside_term_have_no_sessions(session: Session) -> None:
    seed_small(session)
    assert expand_week(session, dt.date(2027, 1, 25)).sessions == []  # 寒假
    assert expand_week(session, dt.date(2026, 8, 24)).sessions == []  # before the term


def test_year_the_calendar_does_not_know_warns_and_uses_weekdays_and_planner_rows(
    session: Session,
) -> None:
    seed_small(session)
    monday = dt.date(2027, 1, 4)
    week = expand_week(session, monday)
    assert len(week.warnings) == 1 and "2027" in week.warnings[0]
    assert by_date(week)[monday] == 8
    session.add(CalendarDay(date_from=monday, date_to=monday, kind="holiday", name="元旦补休"))
    session.commit()
    week = expand_week(session, monday)
    assert by_date(week)[monday] == 0
    assert by_date(week)[monday + dt.timedelta(days=1)] == 8


def test_closure_for_one_school_and_special_times_for_a_kind(session: Session) -> None:
    ids = seed_small(session)
    day = dt.date(2026, 12, 9)
    session.add(
        CalendarDay(
            date_from=day,
            date_to=day,
            kind="closure",
            scope="school",
            school_id=ids["primary"],
            name="台风停课",
        )
    )
    exam = CalendarDay(
        date_from=day,
        date_to=day,
        kind="special",
        scope="kind",
        school_kind="kindergarten",
        name="提前放学",
    )
    session.add(exam)
    session.flush()
    session.add(DayTime(day_id=exam.id, kind="dismissal", start=t("11:30"), end=t("12:00")))
    session.commit()
    week = expand_week(session, NORMAL_WEEK)
    on_day = [s for s in week.sessions if s.date == day]
    assert {s.post_code for s in on_day} == {"JM-K001-1", "XL-P001-1"}
    kinder = [s for s in on_day if s.post_code == "JM-K001-1"]
    assert [(s.kind, s.start) for s in kinder] == [("dismissal", t("11:30"))]


def test_school_rows_replace_kind_defaults_for_that_weekday_only(session: Session) -> None:
    ids = seed_small(session)
    session.add_all(
        [
            BellTime(
                school_id=ids["primary"],
                weekday=2,
                kind="arrival",
                start=t("07:40"),
                end=t("08:10"),
            ),
            BellTime(
                school_id=ids["primary"],
                weekday=2,
                kind="dismissal",
                seq=1,
                start=t("15:30"),
                end=t("16:00"),
            ),
            BellTime(
                school_id=ids["primary"],
                weekday=2,
                kind="dismissal",
                seq=2,
                start=t("16:50"),
                end=t("17:20"),
            ),
        ]
    )
    session.commit()
    week = expand_week(session, NORMAL_WEEK)
    wed = [s for s in week.sessions if s.post_code == "JM-P001-1" and s.date.weekday() == 2]
    assert [(s.kind, s.seq, s.start) for s in wed] == [
        ("arrival", 1, t("07:40")),
        ("dismissal", 1, t("15:30")),
        ("dismissal", 2, t("16:50")),
    ]
    assert wed[2].key == "JM-P001-1/2026-12-09/dismissal#2"
    tue = [s for s in week.sessions if s.post_code == "JM-P001-1" and s.date.weekday() == 1]
    assert [s.start for s in tue] == [t("07:20"), t("16:00")]


def test_a_post_without_a_need_for_a_kind_gets_no_session_of_it(session: Session) -> None:
    seed_small(session)
    session.add(
        BellTime(school_kind="primary", weekday=0, kind="noon", start=t("11:40"), end=t("12:10"))
    )
    session.commit()
    week = expand_week(session, NORMAL_WEEK)
    assert not any(s.kind == "noon" for s in week.sessions)
    post_id = week.sessions[0].post_id
    session.add(PostNeed(post_id=post_id, kind="noon", police=0, officers=0, total=1))
    session.commit()
    noon = [s for s in expand_week(session, NORMAL_WEEK).sessions if s.kind == "noon"]
    assert len(noon) == 1 and noon[0].post_id == post_id


def test_week_must_start_on_monday(session: Session) -> None:
    with pytest.raises(ValueError, match="not a Monday"):
        expand_week(session, dt.date(2026, 12, 8))


def test_session_key_numbers_second_windows() -> None:
    day = dt.date(2026, 12, 7)
    assert session_key("P1", day, "arrival", 1) == "P1/2026-12-07/arrival"
    assert session_key("P1", day, "dismissal", 2) == "P1/2026-12-07/dismissal#2"


def test_a_week_without_sessions_says_why(session: Session) -> None:
    seed_small(session)
    assert expand_week(session, NORMAL_WEEK).idle_reason() is None
    assert expand_week(session, dt.date(2027, 2, 1)).idle_reason() == "vacation"  # 寒假
    assert expand_week(session, dt.date(2027, 7, 19)).idle_reason() == "no_term"  # summer
    # A whole week closed by the planner.
    session.add(
        CalendarDay(
            date_from=NORMAL_WEEK,
            date_to=NORMAL_WEEK + dt.timedelta(days=6),
            kind="closure",
            scope="all",
        )
    )
    session.commit()
    assert expand_week(session, NORMAL_WEEK).idle_reason() == "closure"


def test_a_week_without_schools_or_posts_says_so(session: Session) -> None:
    assert expand_week(session, NORMAL_WEEK).idle_reason() == "no_schools"


def test_unusual_days_name_make_up_days_and_closures(session: Session) -> None:
    ids = seed_small(session)
    week = expand_week(session, dt.date(2026, 10, 5))
    school_id = next(iter({s.school_id for s in week.sessions}))
    days = week.unusual_days(school_id)
    # 10-05 (Mon) to 10-07 are the holiday; Saturday 10-10 is a make-up day on Monday's bells.
    assert [(d.isoformat(), p.reason) for d, p in days] == [
        ("2026-10-05", "holiday"),
        ("2026-10-06", "holiday"),
        ("2026-10-07", "holiday"),
        ("2026-10-10", "makeup"),
    ]
    assert days[-1][1].follows_weekday == 0
    assert expand_week(session, NORMAL_WEEK).unusual_days(school_id) == []
    assert ids  # the seeded district
