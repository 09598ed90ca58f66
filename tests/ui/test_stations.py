"""Police stations: the dialog from an empty database to a school, rules shown, undo and redo."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from huxue import editing
from huxue.database import open_database

pytestmark = pytest.mark.gui


@pytest.fixture
def empty_window(qtbot, app, settings, tmp_path: Path):  # type: ignore[no-untyped-def]
    """The main window on a new, empty database (the welcome dialog's second choice)."""
    from ui.context import AppContext
    from ui.main_window import MainWindow

    ctx = AppContext(open_database(tmp_path / "empty.db"))
    win = MainWindow(ctx, settings)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    for key in win.page_keys():
        editor = getattr(getattr(win.page(key), "controller", None), "editor", None)
        if editor is not None:
            editor.dirty = False
    dialog = stations_dialog(win)
    if dialog is not None:
        dialog.controller.dirty = False
        dialog.reject()
    win.close()
    win.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    ctx.engine.dispose()


def stations_dialog(window):  # type: ignore[no-untyped-def]
    from ui.stations import StationsDialog

    return window.findChild(StationsDialog)


def type_into(line, text: str) -> None:  # type: ignore[no-untyped-def]
    line.setText(text)
    line.textEdited.emit(text)


def test_a_station_then_a_school_in_an_empty_database(empty_window, qtbot) -> None:  # type: ignore[no-untyped-def]
    schools = empty_window.page("schools")
    ctx = schools.controller.ctx
    # "New school" with no station opens the stations dialog with a new station started.
    qtbot.mouseClick(schools.add, Qt.MouseButton.LeftButton)
    dialog = stations_dialog(empty_window)
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "派出所"
    stations = dialog.controller
    view = dialog.view
    assert stations.original is not None and stations.original.id is None
    type_into(view.code, "JM")
    type_into(view.name, "集美派出所")
    type_into(view.lat, "24.60")
    type_into(view.lon, "118.10")
    assert view.save.isEnabled()
    qtbot.mouseClick(view.save, Qt.MouseButton.LeftButton)
    station_id = stations.current_id()
    assert station_id is not None
    model = stations.model
    assert model.rowCount() == 1
    assert [model.data(model.index(0, c)) for c in range(5)] == [
        "JM",
        "集美派出所",
        "24.600000, 118.100000",
        0,
        0,
    ]
    assert "1 个派出所" in empty_window.counts_label.text()
    assert schools.station.findData(station_id) >= 0  # the filter offers the new station
    qtbot.mouseClick(view.buttons.buttons()[0], Qt.MouseButton.LeftButton)  # Close
    assert not dialog.isVisible()

    qtbot.mouseClick(schools.add, Qt.MouseButton.LeftButton)
    editor = schools.controller.editor
    assert editor.original is not None and editor.original.station_id == station_id
    editor.view.name.setText("集美小学")
    editor._on_changed()
    assert editor.save()
    school_id = editor.current_id()
    assert ctx.run(editing.load_school, school_id).station_id == station_id
    assert stations.model.row_of(0).schools == 1  # the dialog counts the new school

    # Undo the school, then the station; redo both: the same rows come back.
    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    assert ctx.run(editing.stations) == []
    assert stations.model.rowCount() == 0
    assert schools.station.findData(station_id) < 0
    ctx.undo_stack.redo()
    ctx.undo_stack.redo()
    assert ctx.run(editing.load_station, station_id).name == "集美派出所"
    assert ctx.run(editing.load_school, school_id).name == "集美小学"
    assert schools.controller.model.row_of(0).station_name == "集美派出所"


def test_new_person_in_an_empty_database_starts_with_a_station(empty_window) -> None:  # type: ignore[no-untyped-def]
    people = empty_window.page("people")
    people.controller._on_add()
    dialog = stations_dialog(empty_window)
    assert dialog is not None and dialog.isVisible()
    assert dialog.controller.original is not None and dialog.controller.original.id is None


def test_the_edit_menu_opens_the_stations_and_renames_reach_the_pages(  # type: ignore[no-untyped-def]
    window, ctx
) -> None:
    window.stations_action.trigger()
    dialog = stations_dialog(window)
    assert dialog is not None and dialog.isVisible()
    stations = dialog.controller
    assert stations.model.rowCount() == len(ctx.run(editing.stations))
    first = stations.model.row_of(0)
    assert first.schools > 0 and first.people > 0
    stations.load(first.id)
    assert str(first.schools) in dialog.view.usage.text()
    type_into(dialog.view.name, "集美新城派出所")
    assert stations.save()
    schools = window.page("schools").controller.model
    renamed = [schools.row_of(r) for r in range(schools.rowCount())]
    assert {r.station_name for r in renamed if r.station_id == first.id} == {"集美新城派出所"}
    people = window.page("people").controller.model
    assert any(people.row_of(r).station_name == "集美新城派出所" for r in range(people.rowCount()))
    assert "集美新城派出所" in window.undo_action.text()
    ctx.undo_stack.undo()
    assert stations.model.row_of(0).name == first.name
    assert dialog.view.name.text() == first.name  # the form shows what is stored
    dialog.reject()


def test_invalid_stations_are_refused_with_the_reason(window, ctx) -> None:  # type: ignore[no-untyped-def]
    page = window.page("schools")
    dialog = page.controller.open_stations()
    stations, view = dialog.controller, dialog.view
    before = ctx.run(editing.stations)
    first = stations.model.row_of(0)

    stations.new_station()
    type_into(view.code, first.code)
    assert f"“{first.code}”已被使用" in view.banner.text().replace(" ", "")
    assert view.code.property("invalid") is True
    assert not view.save.isEnabled()
    type_into(view.code, "HX")
    type_into(view.lat, "95")
    type_into(view.lon, "118.1")
    assert view.banner.text() == "纬度: 95.0 超出允许范围"
    assert view.lat.property("invalid") is True
    type_into(view.lat, "北纬24度")
    assert "北纬24度" in view.banner.text()
    type_into(view.lat, "24.6")
    type_into(view.lon, "")
    assert "纬度和经度须同时填写" in view.banner.text()
    assert view.lon.property("invalid") is True
    assert not stations.save()
    assert ctx.run(editing.stations) == before

    stations.dirty = False
    stations.load(first.id)
    assert not stations.delete_current()  # schools and people belong to it
    assert "请先将其调到其他派出所" in view.banner.text()
    assert f"{first.schools} 所学校" in view.banner.text()
    assert ctx.run(editing.stations) == before
    dialog.reject()


def test_an_unused_station_is_deleted_undoably(window, ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = window.page("schools").controller.open_stations(new=True)
    stations = dialog.controller
    count = stations.model.rowCount()
    type_into(dialog.view.name, "后溪派出所")
    assert stations.save()
    new_id = stations.current_id()
    assert stations.model.rowCount() == count + 1
    assert stations.delete_current()
    assert stations.model.rowCount() == count
    ctx.undo_stack.undo()
    assert ctx.run(editing.load_station, new_id).name == "后溪派出所"
    assert stations.model.rowCount() == count + 1
    dialog.reject()


def test_the_dialog_speaks_english(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_language

    window.stations_action.trigger()
    dialog = stations_dialog(window)
    try:
        install_language("en")
        qtbot.waitUntil(lambda: dialog.windowTitle() == "Police stations")
        model = dialog.controller.model
        assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(5)] == [
            "Code",
            "Name",
            "Location (lat, lon)",
            "Schools",
            "People",
        ]
        assert dialog.view.add.text() == "New station"
        assert window.stations_action.text() == "Police s&tations…"
    finally:
        install_language("zh_CN")
        dialog.reject()
