"""People page: filters, the person editor, phone validation, painted availability, leave."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from huxue import editing
from huxue.database import open_database, session_scope
from ui.people.availability import FIRST_MINUTE, SLOT_MINUTES

pytestmark = pytest.mark.gui


def same(a: Any, b: Any) -> bool:
    """Two snapshots with the same content (whatever row version each was read at)."""
    return replace(a, row_version=None) == replace(b, row_version=None)


@pytest.fixture
def page(window):  # type: ignore[no-untyped-def]
    window.show_page("people")
    return window.page("people")


def test_filters_by_station_role_and_active(page) -> None:  # type: ignore[no-untyped-def]
    model, proxy = page.controller.model, page.controller.proxy
    rows = [model.row_of(r) for r in range(model.rowCount())]
    page.role.set_current_key("police")
    assert proxy.rowCount() == sum(r.role == "police" for r in rows)
    page.station.set_current_key(rows[0].station_id)
    assert proxy.rowCount() == sum(
        r.role == "police" and r.station_id == rows[0].station_id for r in rows
    )
    page.role.set_current_key(None)
    page.station.set_current_key(None)
    page.active.set_current_key(False)
    assert proxy.rowCount() == sum(not r.active for r in rows)


def test_phone_is_validated(page, ctx) -> None:  # type: ignore[no-untyped-def]
    person_id = page.controller.model.row_of(0).id
    page.controller.select_person(person_id)
    editor = page.controller.editor
    view = editor.view
    for good, kind in (("13912345678", "手机"), ("0592-6012345", "座机"), ("6101", "短号")):
        view.phone.setText(good)
        editor._on_changed()
        assert view.phone_kind.text() == kind
        assert not view.banner.isVisible()
    view.phone.setText("1391234567")
    editor._on_changed()
    assert view.phone.property("invalid") is True
    assert "不是手机号" in view.banner.text()
    assert not editor.save()
    assert ctx.run(editing.load_person, person_id).phone != "1391234567"


def test_paint_availability_with_the_mouse_and_reopen(  # type: ignore[no-untyped-def]
    page, ctx, qtbot, demo_db
) -> None:
    person_id = page.controller.model.row_of(1).id
    page.controller.select_person(person_id)
    editor = page.controller.editor
    view = editor.view
    view.tabs.setCurrentIndex(1)
    view.always.setChecked(False)
    editor._on_clear_grid()
    grid = view.grid
    qtbot.waitExposed(grid)

    def centre(day: int, minute: int) -> QPoint:
        slot = (minute - FIRST_MINUTE) // SLOT_MINUTES
        return grid.cell_rect(day, slot).center()

    # Tuesday 07:00–08:00: press on 07:00, drag to the 07:45 quarter, release.
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=centre(1, 7 * 60))
    for minute in range(7 * 60, 8 * 60, SLOT_MINUTES):
        qtbot.mouseMove(grid, centre(1, minute))
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=centre(1, 7 * 60 + 45))
    assert grid.windows() == (editing.AvailabilityData(1, dt.time(7), dt.time(8)),)

    view.tabs.setCurrentIndex(2)
    editor._on_add_leave()
    leave = editor.leave_model
    leave.setData(leave.index(0, 2), "培训")
    assert editor.save()

    reopened = open_database(demo_db)
    with session_scope(reopened) as session:
        stored = editing.load_person(session, person_id)
    reopened.dispose()
    assert stored.availability == (editing.AvailabilityData(1, dt.time(7), dt.time(8)),)
    assert stored.leaves[0].reason == "培训"


def test_pressing_on_a_painted_cell_erases(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    page.controller.select_person(page.controller.model.row_of(2).id)
    editor = page.controller.editor
    editor._on_school_days()
    grid = editor.view.grid
    cell = grid.cell_rect(0, 8).center()  # Monday 08:00
    assert grid.cells[0][8]
    qtbot.mousePress(grid, Qt.MouseButton.LeftButton, pos=cell)
    qtbot.mouseRelease(grid, Qt.MouseButton.LeftButton, pos=cell)
    assert not grid.cells[0][8]
    assert len([w for w in grid.windows() if w.weekday == 0]) == 2


def test_always_available_without_a_pattern(page, ctx) -> None:  # type: ignore[no-untyped-def]
    person_id = page.controller.model.row_of(3).id
    page.controller.select_person(person_id)
    editor = page.controller.editor
    editor.view.always.setChecked(True)
    assert editor.save()
    assert ctx.run(editing.load_person, person_id).availability == ()
    editor.view.always.setChecked(False)
    editor._on_clear_grid()
    assert "可用时间" in editor.view.banner.text()
    assert not editor.save()


def test_preferred_schools_and_undo(page, ctx) -> None:  # type: ignore[no-untyped-def]
    person_id = page.controller.model.row_of(4).id
    page.controller.select_person(person_id)
    editor = page.controller.editor
    before = ctx.run(editing.load_person, person_id)
    picker = editor.view.school_picker
    picker.setCurrentIndex(0)
    editor._on_add_school()
    assert editor.save()
    school_id = int(picker.itemData(0))
    assert school_id in ctx.run(editing.load_person, person_id).preferred_school_ids
    ctx.undo_stack.undo()
    assert same(ctx.run(editing.load_person, person_id), before)
