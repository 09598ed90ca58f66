"""Calendar page: month view, make-up days, exceptions that change the week's duty sessions."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlmodel import Session

from huxue.editing import CalendarDayData, DayTimeData
from huxue.week import expand_week

pytestmark = pytest.mark.gui

WEEK = dt.date(2026, 12, 7)
WEDNESDAY = dt.date(2026, 12, 9)


@pytest.fixture
def page(window):  # type: ignore[no-untyped-def]
    window.show_page("calendar")
    return window.page("calendar")


def sessions_on(ctx, day: dt.date, school_id: int | None = None) -> int:  # type: ignore[no-untyped-def]
    with Session(ctx.engine) as session:
        week = expand_week(session, day - dt.timedelta(days=day.weekday()))
    return sum(1 for s in week.sessions if s.date == day and school_id in (None, s.school_id))


def test_the_month_shows_holidays_and_make_up_days(page) -> None:  # type: ignore[no-untyped-def]
    controller = page.controller
    controller.show_month(2026, 10)
    model = controller.month_model
    national_day = model.data(model.index_of(dt.date(2026, 10, 1)))
    assert "国庆节" in national_day
    makeup = next(
        d for d, info in model.national.items() if info.kind == "makeup" and d.month in (9, 10)
    )
    assert "补班" in model.data(model.index_of(makeup))
    assert not page.notice.isVisible()


def test_a_year_the_calendar_does_not_know_is_announced(page) -> None:  # type: ignore[no-untyped-def]
    page.controller.show_month(2027, 3)
    assert page.notice.isVisibleTo(page)
    assert "2027" in page.notice.text()
    page.controller.show_month(2026, 3)
    assert not page.notice.isVisibleTo(page)


def test_exceptions_change_the_weeks_sessions_and_undo(page, ctx) -> None:  # type: ignore[no-untyped-def]
    controller = page.controller
    school_id = controller._schools[0][0]
    before_school = sessions_on(ctx, WEDNESDAY, school_id)
    before_all = sessions_on(ctx, WEDNESDAY)
    assert before_school > 0
    closure = CalendarDayData(
        None, WEDNESDAY, WEDNESDAY, "closure", scope="school", school_id=school_id, name="停电"
    )
    assert controller.save_exception(None, closure)
    assert sessions_on(ctx, WEDNESDAY, school_id) == 0
    assert sessions_on(ctx, WEDNESDAY) == before_all - before_school
    controller.show_month(2026, 12)
    assert controller.exception_model.rowCount() == 1

    exam = CalendarDayData(
        None,
        WEDNESDAY,
        WEDNESDAY,
        "special",
        scope="all",
        name="期末考试",
        times=(DayTimeData("dismissal", dt.time(11, 30), dt.time(12, 0)),),
    )
    assert controller.save_exception(None, exam)
    with Session(ctx.engine) as session:
        wednesday = [s for s in expand_week(session, WEEK).sessions if s.date == WEDNESDAY]
    assert wednesday and {(s.kind, s.start) for s in wednesday} == {("dismissal", dt.time(11, 30))}
    assert all(s.school_id != school_id for s in wednesday)  # the closure comes first

    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert sessions_on(ctx, WEDNESDAY) == before_all
    assert controller.exception_model.rowCount() == 0


def test_changing_the_weekday_a_make_up_day_follows(page, ctx) -> None:  # type: ignore[no-untyped-def]
    controller = page.controller
    saturday = dt.date(2026, 12, 12)
    assert controller.set_makeup_follows(saturday, 4)
    with Session(ctx.engine) as session:
        week = expand_week(session, WEEK)
    on_saturday = [s for s in week.sessions if s.date == saturday]
    assert on_saturday and {s.follows_weekday for s in on_saturday} == {4}
    controller.select_day(saturday)
    assert page.follows.isEnabled() and page.follows.current_key() == 4
    page.follows.set_current_key(2)  # the combo box edits the override
    with Session(ctx.engine) as session:
        week = expand_week(session, WEEK)
    assert {s.follows_weekday for s in week.sessions if s.date == saturday} == {2}
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert sessions_on(ctx, saturday) == 0


def test_the_exception_dialog_validates(page, ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.calendar.dialogs import ExceptionDialog

    data = CalendarDayData(None, WEDNESDAY, WEDNESDAY, "closure")
    dialog = ExceptionDialog(page.controller._validate_day, data, page.controller._schools, page)
    qtbot.addWidget(dialog)
    dialog.kind.set_current_key("early_release")
    assert "不能为空" in dialog.banner.text()  # no times yet
    dialog.times["dismissal"].setText("15:00-14:00")
    assert "结束时间必须晚于开始时间" in dialog.banner.text()
    assert dialog.times["dismissal"].property("invalid") is True
    dialog.times["dismissal"].setText("14:00-14:30")
    assert not dialog.banner.isVisibleTo(dialog)
    result = dialog.result_data()
    assert result.kind == "special" and result.name == "提前放学"
    assert result.times == (DayTimeData("dismissal", dt.time(14), dt.time(14, 30)),)


def test_terms_are_added_and_removed(page, ctx) -> None:  # type: ignore[no-untyped-def]
    from huxue.editing import TermData

    controller = page.controller
    count = controller.term_model.rowCount()
    term = TermData(None, "2027 秋季学期", dt.date(2027, 9, 1), dt.date(2028, 1, 20))
    assert controller._apply("term", "add", None, term)
    assert controller.term_model.rowCount() == count + 1
    ctx.undo_stack.undo()
    assert controller.term_model.rowCount() == count
