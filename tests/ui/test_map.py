"""The patrols page: the map of the demo week, click-through to a school, figures, units."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlmodel import Session, select

from huxue.database import session_scope
from huxue.models import PatrolUnit, School, Station
from huxue.patrols import plan_patrols

pytestmark = pytest.mark.gui

WEEK = dt.date(2026, 12, 7)


@pytest.fixture
def patrol_page(window, qtbot):  # type: ignore[no-untyped-def]
    with session_scope(window.ctx.engine) as session:
        plan_patrols(session, WEEK, time_limit_s=0.05)
    page = window.page("patrols")
    page.week.setDate(page.week.date().fromString(WEEK.isoformat(), "yyyy-MM-dd"))
    with qtbot.waitSignal(page.report_ready, timeout=120_000):
        window.show_page("patrols")
        page.reload()
    return page


def test_the_map_shows_schools_loops_and_figures(patrol_page, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    page = patrol_page
    with Session(page.ctx.engine) as session:
        schools = session.exec(select(School)).all()
    assert set(page.map.school_items) == {s.code for s in schools}
    assert page.report is not None and page.report.loops
    assert page.figures.rowCount() >= 2  # arrival and dismissal at least
    qtmodeltester.check(page.figures)
    text = page.figures.data(page.figures.index(0, 3))
    assert "→" in text and text.endswith("%")


def test_clicking_a_school_opens_it(window, patrol_page, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = patrol_page.map
    code, item = next(iter(view.school_items.items()))
    view.centerOn(item)
    pos = view.mapFromScene(item.scenePos())
    with qtbot.waitSignal(view.school_clicked, timeout=5_000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == [code]
    assert window.current_page_key() == "schools"
    editor = window.page("schools").controller.editor
    assert editor.view.code.text() == code


def test_a_drag_pans_without_opening(window, patrol_page, qtbot) -> None:  # type: ignore[no-untyped-def]
    view = patrol_page.map
    _code, item = next(iter(view.school_items.items()))
    view.centerOn(item)
    pos = view.mapFromScene(item.scenePos())
    clicked = []
    view.school_clicked.connect(clicked.append)
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.mouseMove(view.viewport(), pos + pos.__class__(40, 30))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=pos + pos.__class__(40, 30))
    assert clicked == [] and window.current_page_key() == "patrols"


def test_units_dialog_saves_and_refuses_with_the_reason(ctx, qtbot, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    from ui.map.units_dialog import UnitsDialog

    dialog = UnitsDialog(ctx)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert dialog.model.rowCount() == 6
    first = dialog.model.rows[0]
    dialog.table.selectRow(1)
    dialog.crew.setText(first.crew[0])  # already in another unit
    assert not dialog.save()
    assert first.code in dialog.error.text()
    dialog.new_unit()
    dialog.code.setText("NEW-1")
    dialog.name.setText("新巡逻组")
    assert dialog.save(), dialog.error.text()
    with Session(ctx.engine) as session:
        unit = session.exec(select(PatrolUnit).where(PatrolUnit.code == "NEW-1")).one()
        assert unit.name == "新巡逻组"


def test_units_dialog_sets_start_and_end_points_used_by_routing(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from huxue.patrol_units import patrols_key
    from ui.map.units_dialog import UnitsDialog

    dialog = UnitsDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    unit = dialog.model.rows[0]
    assert dialog.start_kind.currentData() == "station"  # the demo's units start at home
    assert not dialog.start_lat.isEnabled()
    dialog.start_kind.setCurrentIndex(dialog.start_kind.findData("place"))
    assert dialog.start_lat.isEnabled() and not dialog.end_lat.isEnabled()
    dialog.start_name.setEditText("杏林湾警务站")
    dialog.start_lat.setValue(24.5812)
    dialog.start_lon.setValue(118.0511)
    dialog.end_kind.setCurrentIndex(dialog.end_kind.findData("station"))
    assert dialog.save(), dialog.error.text()
    with Session(ctx.engine) as session:
        stored = session.exec(select(PatrolUnit).where(PatrolUnit.code == unit.code)).one()
        entry = next(e for e in patrols_key(session, {unit.station}) if e["id"] == unit.code)
        home = session.get(Station, stored.station_id)
        assert home is not None
    assert stored.start_name == "杏林湾警务站"
    assert entry["start"] == {"lat": 24.5812, "lon": 118.0511}
    assert entry["end"] == {"lat": home.lat, "lon": home.lon}
    # Read back: the editor shows the place, and a second unit may pick it by name.
    dialog.table.selectRow(1)
    dialog.table.selectRow(0)
    assert dialog.start_kind.currentData() == "place"
    assert dialog.end_kind.currentData() == "station"
    assert dialog.start_lat.value() == pytest.approx(24.5812)
    dialog.table.selectRow(1)
    dialog.start_kind.setCurrentIndex(dialog.start_kind.findData("place"))
    index = dialog.start_name.findText("杏林湾警务站")
    assert index >= 0
    dialog.start_name.setCurrentIndex(index)
    dialog.start_name.activated.emit(index)
    assert dialog.start_lon.value() == pytest.approx(118.0511)
    # Back to the station: the coordinates are cleared, routing starts at the station again.
    dialog.start_kind.setCurrentIndex(dialog.start_kind.findData("station"))
    dialog.end_kind.setCurrentIndex(dialog.end_kind.findData("start"))
    assert dialog.save(), dialog.error.text()
    second = dialog.model.rows[1]
    assert second.start_lat is None and second.end_lat is None


def test_units_dialog_imports_all_or_nothing(ctx, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from ui.map.units_dialog import UnitsDialog

    dialog = UnitsDialog(ctx)
    qtbot.addWidget(dialog)
    station = dialog.model.rows[0].station
    bad = tmp_path / "bad.csv"
    bad.write_text(f"编号 code,派出所 station,类型 kind\nA1,{station},car\nA2,{station},boat\n")
    assert not dialog.import_file(bad)
    assert "A2" in dialog.error.text() and "boat" in dialog.error.text()
    assert dialog.model.rowCount() == 6
    good = tmp_path / "good.csv"
    good.write_text(f"编号 code,派出所 station,类型 kind\nA1,{station},car\n")
    assert dialog.import_file(good)
    assert dialog.model.rowCount() == 7


def test_plan_patrols_runs_in_a_child_and_shows_the_new_loops(patrol_page, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = patrol_page
    with qtbot.waitSignal(page.report_ready, timeout=180_000):
        qtbot.mouseClick(page.plan_button, Qt.MouseButton.LeftButton)
        assert not page.plan_button.isEnabled()  # one plan at a time
    assert page.plan_button.isEnabled()
    assert page.report is not None and page.report.loops
    assert "巡逻路线" in page.status.text()  # the plan's summary, in the window's language


def test_the_turnout_layer_colours_schools_by_turnout(patrol_page) -> None:  # type: ignore[no-untyped-def]
    from huxue.overview import turnout_colour

    page = patrol_page
    before = page.legend.text()
    page.by_turnout.setChecked(True)
    assert page.map.turnout is not None and page.legend.text() != before
    # Nothing recorded in the demo week: every school is grey.
    grey = turnout_colour(None)
    assert {item.brush().color().getRgb()[:3] for item in page.map.school_items.values()} == {grey}
    code = next(iter(page.map.school_items))
    page.map.turnout = {code: 0.5}
    page._redraw()
    item = page.map.school_items[code]
    assert item.brush().color().getRgb()[:3] == turnout_colour(0.5)
    assert "50%" in item.toolTip()
    page.by_turnout.setChecked(False)
    assert page.map.turnout is None and page.legend.text() == before
