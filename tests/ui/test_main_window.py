"""The main window on the demo: pages, menus, status bar, language, remembered state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel

from ui.i18n import current_language, install_language

pytestmark = pytest.mark.gui


def nav_texts(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [window.navigation.item(i).text() for i in range(window.navigation.count())]


def test_the_window_opens_on_the_demo_in_chinese(window) -> None:  # type: ignore[no-untyped-def]
    assert nav_texts(window) == ["总览", "学校", "人员", "日历", "排班", "巡逻", "出勤登记"]
    assert window.current_page_key() == "overview"
    assert "20 所学校" in window.counts_label.text()
    assert "huxue.db" in window.database_label.text()
    assert window.file_menu.title() == "文件(&F)"
    schools = window.page("schools")
    assert schools.controller.model.rowCount() == 20


def test_every_page_opens(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    for key in window.page_keys():
        window.show_page(key)
        assert window.stack.currentWidget() is window.page(key)
    assert window.page("people").controller.model.rowCount() > 0


def test_a_page_can_be_added_and_replaced(window) -> None:  # type: ignore[no-untyped-def]
    made = []

    def factory() -> QLabel:
        made.append(1)
        return QLabel("roster")

    window.add_page("roster", factory, lambda: "排班表")
    assert not made  # made when first shown
    window.show_page("roster")
    assert made == [1] and isinstance(window.page("roster"), QLabel)
    assert nav_texts(window)[window.page_keys().index("roster")] == "排班表"
    window.add_page("extra", QLabel("x"), lambda: "其他")
    assert window.page_keys()[-1] == "extra"


def test_the_language_switches_live(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    schools = window.page("schools")
    window.language_actions["en"].trigger()
    assert current_language() == "en"
    # Qt posts LanguageChange to every widget; each retranslates when the event arrives.
    qtbot.waitUntil(lambda: schools.add.text() == "New school")
    assert nav_texts(window) == [
        "Overview",
        "Schools",
        "People",
        "Calendar",
        "Roster",
        "Patrols",
        "Attendance",
    ]
    assert window.file_menu.title() == "&File"
    assert schools.add.text() == "New school"
    assert schools.search.placeholderText().startswith("Search")
    model = schools.controller.model
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Kind"
    assert model.data(model.index(0, 2)) in {
        "Kindergarten",
        "Primary school",
        "High school",
        "Middle school",
        "Nine-year school",
    }
    assert "20 schools" in window.counts_label.text()
    window.language_actions["zh_CN"].trigger()
    qtbot.waitUntil(lambda: schools.add.text() == "新增学校")
    assert nav_texts(window)[:2] == ["总览", "学校"]
    assert window.settings.value("ui/language") == "zh_CN"


def test_state_and_database_are_remembered(window, settings: QSettings) -> None:  # type: ignore[no-untyped-def]
    window.show_page("calendar")
    window.close()
    assert settings.value("window/page") == "calendar"
    assert str(settings.value("db/last")).endswith("huxue.db")
    assert settings.value("window/geometry") is not None


def test_undo_and_redo_actions_name_the_edit(window) -> None:  # type: ignore[no-untyped-def]
    editor = window.page("schools").controller
    first = editor.model.row_of(0)
    editor.select_school(first.id)
    editor.editor.view.name.setText("改名小学")
    editor.editor._on_changed()
    assert editor.editor.save()
    assert "改名小学" in window.undo_action.text()
    window.undo_action.trigger()
    assert editor.model.row_of(0).name == first.name
    assert "改名小学" in window.redo_action.text()
    window.redo_action.trigger()
    assert editor.model.row_of(0).name == "改名小学"


def teardown_module() -> None:
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        install_language("zh_CN")


def test_a_heatmap_cell_opens_that_school_day_in_the_roster(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from PySide6.QtCore import Qt

    overview = window.page("overview")
    week = dt.date(2026, 12, 7)
    with qtbot.waitSignal(overview.week_loaded, timeout=60_000):
        overview.set_week(week)
    row = overview.heatmap.rows()[0]
    day = next(i for i, cell in enumerate(row.days) if cell is not None)
    target = overview.heatmap.cell_rect(0, day).center()
    qtbot.mouseClick(overview.heatmap, Qt.MouseButton.LeftButton, pos=target)
    assert window.current_page_key() == "roster"
    roster = window.page("roster")
    assert roster.controller.scope().week_start == week
    assert roster.tabs.currentIndex() == 1  # by school
    assert roster.school.current_key() == row.school_id
    index = roster.school_grid.currentIndex()
    assert index.isValid()
