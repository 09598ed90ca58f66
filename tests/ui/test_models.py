"""Every table model of the editors passes Qt's model tester, empty and filled."""

from __future__ import annotations

import datetime as dt

import pytest

from huxue import editing
from huxue.calendar import month_days
from huxue.editing import BellData, CalendarDayData, LeaveData, NeedData, PostData, TermData
from ui.calendar.model import ExceptionTableModel, MonthModel, TermTableModel
from ui.people.model import LeaveTableModel, PersonFilterModel, PersonTableModel, SchoolListModel
from ui.schools.model import (
    BellGridModel,
    NeedTableModel,
    PostTableModel,
    SchoolFilterModel,
    SchoolTableModel,
)
from ui.stations.model import StationTableModel

pytestmark = pytest.mark.gui


def test_school_table_and_filter(qtmodeltester, app, ctx) -> None:  # type: ignore[no-untyped-def]
    model = SchoolTableModel()
    qtmodeltester.check(model)
    model.set_rows(ctx.run(editing.school_rows))
    qtmodeltester.check(model)
    proxy = SchoolFilterModel()
    proxy.setSourceModel(model)
    proxy.set_filters(text="xx", kind="primary")
    qtmodeltester.check(proxy)
    assert 0 < proxy.rowCount() < model.rowCount()


def test_post_need_and_bell_models(qtmodeltester, app) -> None:  # type: ignore[no-untyped-def]
    posts = PostTableModel()
    qtmodeltester.check(posts)
    posts.set_posts((PostData(1, "P1", "北门", 2, needs=(NeedData("arrival", 0, 1, 2),)),))
    posts.add_post(PostData(None, "P2", "南门"))
    posts.set_school_location(24.6, 118.1)
    posts.setData(posts.index(1, posts.COLUMNS.index("lat")), "不是数字")
    qtmodeltester.check(posts)
    needs = NeedTableModel()
    qtmodeltester.check(needs)
    needs.set_needs((NeedData("arrival", 0, 1, 2),))
    qtmodeltester.check(needs)
    bells = BellGridModel()
    defaults = tuple(BellData(d, "arrival", dt.time(7, 20), dt.time(7, 55)) for d in range(5))
    bells.set_bells((BellData(0, "dismissal", dt.time(16), dt.time(16, 30)),), defaults)
    qtmodeltester.check(bells)


def test_station_table(qtmodeltester, app, ctx) -> None:  # type: ignore[no-untyped-def]
    model = StationTableModel()
    qtmodeltester.check(model)
    model.set_rows(ctx.run(editing.stations))
    qtmodeltester.check(model)
    assert model.rowCount() > 1


def test_people_models(qtmodeltester, app, ctx) -> None:  # type: ignore[no-untyped-def]
    people = PersonTableModel()
    people.set_rows(ctx.run(editing.person_rows))
    qtmodeltester.check(people)
    proxy = PersonFilterModel()
    proxy.setSourceModel(people)
    proxy.set_filters(role="police")
    qtmodeltester.check(proxy)
    leave = LeaveTableModel()
    leave.set_leaves((LeaveData(dt.date(2026, 12, 1), dt.date(2026, 12, 2), "病假"),))
    qtmodeltester.check(leave)
    schools = SchoolListModel()
    schools.set_schools([(1, "集美小学")])
    qtmodeltester.check(schools)


def test_calendar_models(qtmodeltester, app) -> None:  # type: ignore[no-untyped-def]
    terms = TermTableModel()
    term = TermData(1, "2026 秋季学期", dt.date(2026, 8, 31), dt.date(2027, 1, 22))
    terms.set_terms([term])
    qtmodeltester.check(terms)
    month = MonthModel()
    closure = CalendarDayData(1, dt.date(2026, 10, 9), dt.date(2026, 10, 9), "closure")
    month.set_month(2026, 10, {d.date: d for d in month_days(2026, 10)}, [closure], [term])
    qtmodeltester.check(month)
    exceptions = ExceptionTableModel()
    exceptions.set_days([closure], {})
    qtmodeltester.check(exceptions)
