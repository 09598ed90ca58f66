"""The overview page: figures shown in the window's language, and a heatmap click that asks
for the school's day on the roster page."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from ui.overview.page import OverviewPage

pytestmark = pytest.mark.gui
WEEK = dt.date(2026, 12, 7)


@pytest.fixture
def page(qtbot, ctx):  # type: ignore[no-untyped-def]
    widget = OverviewPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1440, 900)
    return widget


def test_the_overview_draws_the_week_and_a_click_opens_a_school_day(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.week_loaded, timeout=30_000):
        page.set_week(WEEK)
    overview = page.overview
    assert overview is not None and overview.fill.seats > 0
    # No roster yet in the demo: the summary says so, in Chinese.
    assert page.summary.text() == f"尚未排班：共 {overview.fill.seats} 人次待安排。"
    assert page.stations_model.rowCount() == len(overview.by_station) > 0
    rows = page.heatmap.rows()
    assert len(rows) == len(overview.heat) > 0
    day = next(i for i, cell in enumerate(rows[0].days) if cell is not None)
    page.show()
    qtbot.waitExposed(page)
    target = page.heatmap.cell_rect(0, day).center()
    with qtbot.waitSignal(page.open_in_roster, timeout=5_000) as blocker:
        qtbot.mouseClick(page.heatmap, Qt.MouseButton.LeftButton, pos=target)
    assert blocker.args == [WEEK, None, rows[0].school_id, WEEK + dt.timedelta(days=day)]


def test_week_navigation_and_the_station_scope(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.week_loaded, timeout=30_000):
        page.set_week(WEEK)
    with qtbot.waitSignal(page.week_loaded, timeout=30_000):
        page.next.click()
    assert page.week_start() == WEEK + dt.timedelta(days=7)
    station = page.station.itemData(1)
    with qtbot.waitSignal(page.week_loaded, timeout=30_000):
        page.station.set_current_key(station)
    assert page.overview is not None
    assert [r.station_id for r in page.overview.by_station] == [station]


def test_the_turnout_line_shows_the_weeks_attendance(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    from huxue.attendance.reports import Tally
    from huxue.overview import WeekOverview, WeekTurnout

    with qtbot.waitSignal(page.week_loaded, timeout=30_000):
        page.set_week(WEEK)
    assert page.overview is not None and page.overview.turnout is not None
    assert page.turnout_label.text() == page.tr(
        "Turnout (到岗率): no attendance recorded for this week yet."
    )
    tally = Tally(planned=10, recorded=8, present=5, late=1, absent=2)
    with qtbot.waitSignal(page.week_loaded, timeout=5_000):
        page.show_overview(WeekOverview(WEEK, None, turnout=WeekTurnout(tally, unguarded=1)))
    text = page.turnout_label.text()
    assert "75%" in text and "8" in text and "6" in text


def test_the_response_card_shows_each_peak_window(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(page.week_loaded, timeout=30_000):
        page.set_week(WEEK)
    assert page.overview is not None
    card = page.response_card
    rows = page.overview.response
    assert card.model.rowCount() == len(rows) > 0
    first = card.model.index(0, 4)  # within 5 minutes
    text = card.model.data(first)
    assert "→" in text and text.endswith("%")
    # No roster yet in the demo: no officer on duty, so nobody is reached.
    assert rows[0].alone.unreached == rows[0].alone.schools
    assert card.note.text()


def test_sheets_printed_before_a_repair_are_a_to_do(qtbot, page, ctx) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import select

    from huxue.audit import audit
    from huxue.database import session_scope
    from huxue.models import Station
    from huxue.planning import PlanScope, publish, solve_week
    from huxue.reprints import record_output

    ctx.run(lambda s: solve_week(s, PlanScope(WEEK), time_limit=2.0, workers=2))
    with session_scope(ctx.engine) as session:
        publish(session, WEEK, None)
        station = session.exec(select(Station).order_by(Station.code)).first()
        record_output(session, WEEK, [station.id], "print", "school")
        name, code = station.name, station.code
    with qtbot.waitSignal(page.week_loaded, timeout=30_000):
        page.set_week(WEEK)
    texts = [page.todo.item(i).text() for i in range(page.todo.count())]
    assert not any(name in t and "重新打印" in t for t in texts)

    with session_scope(ctx.engine) as session:  # a repair of the published roster
        audit(session, "test", "repair", f"roster {WEEK.isoformat()} {code} v2", {}, {})
    with qtbot.waitSignal(page.week_loaded, timeout=30_000):
        page.load(force=True)
    texts = [page.todo.item(i).text() for i in range(page.todo.count())]
    assert any(t.startswith(f"需重新打印的值班表：{name}") for t in texts), texts


def test_the_response_card_switches_the_roster_solves_response_term(qtbot, page) -> None:  # type: ignore[no-untyped-def]
    from sqlmodel import Session

    from huxue.instance import district_rules

    def stored() -> bool:
        with Session(page.ctx.engine) as session:
            return bool(district_rules(session).get("response_term"))

    page.show()
    qtbot.waitExposed(page)
    switch = page.response_card.plan
    assert switch.text() == "排班时按响应时间安排民警" and not switch.isChecked()
    assert not stored()
    switch.click()
    assert switch.isChecked() and stored()
    switch.click()
    assert not switch.isChecked() and not stored()
