"""Schools page: filters, pinyin search, editing a school, its posts and bell times, undo."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import Qt

from huxue import editing
from huxue.database import open_database, session_scope
from huxue.search import pinyin_keys

pytestmark = pytest.mark.gui


def same(a: Any, b: Any) -> bool:
    """Two snapshots with the same content (whatever row version each was read at)."""
    return replace(a, row_version=None) == replace(b, row_version=None)


@pytest.fixture
def page(window):  # type: ignore[no-untyped-def]
    window.show_page("schools")  # the window opens on the overview
    return window.page("schools")


def visible_names(page) -> list[str]:  # type: ignore[no-untyped-def]
    proxy = page.controller.proxy
    return [proxy.data(proxy.index(r, 1)) for r in range(proxy.rowCount())]


def test_filters_by_station_kind_and_risk(page) -> None:  # type: ignore[no-untyped-def]
    model = page.controller.model
    total = model.rowCount()
    station_id = model.row_of(0).station_id
    page.station.set_current_key(station_id)
    in_station = [model.row_of(r) for r in range(total) if model.row_of(r).station_id == station_id]
    assert page.controller.proxy.rowCount() == len(in_station) < total
    page.kind.set_current_key("kindergarten")
    assert page.controller.proxy.rowCount() == sum(r.kind == "kindergarten" for r in in_station)
    page.station.set_current_key(None)
    page.kind.set_current_key(None)
    page.risk.set_current_key(3)
    assert page.controller.proxy.rowCount() == sum(
        model.row_of(r).max_risk == 3 for r in range(total)
    )
    assert page.count.text().startswith("共 20 所")


def test_pinyin_search_finds_the_school(page, qtbot) -> None:  # type: ignore[no-untyped-def]
    target = page.controller.model.row_of(5)
    _full, initials = pinyin_keys(target.name)
    qtbot.keyClicks(page.search, initials)
    assert target.name in visible_names(page)
    assert len(visible_names(page)) < page.controller.model.rowCount()
    page.search.clear()
    full, _ = pinyin_keys(target.name)
    qtbot.keyClicks(page.search, full[:8])
    assert target.name in visible_names(page)
    page.search.setText("没有这所学校")
    assert visible_names(page) == []


def test_edit_a_school_its_posts_and_bell_times_then_reopen(  # type: ignore[no-untyped-def]
    page, ctx, demo_db
) -> None:
    school_id = page.controller.model.row_of(0).id
    page.controller.select_school(school_id)
    editor = page.controller.editor
    view = editor.view
    view.name.setText("集美测试小学")
    editor._on_changed()

    editor._on_add_post()
    row = len(editor.posts_model.posts) - 1
    posts = editor.posts_model
    assert posts.setData(posts.index(row, 1), "东门")
    assert posts.setData(posts.index(row, 2), 3)
    view.posts.selectRow(row)
    needs = editor.needs_model
    evening = editing.SESSION_KINDS.index("dismissal")
    assert needs.setData(needs.index(evening, 1), 1)
    assert needs.setData(needs.index(evening, 2), 2)
    assert needs.setData(needs.index(evening, 3), 4)

    bells = editor.bells_model
    assert bells.setData(bells.index(0, 0), "07:05-07:45")
    editor._on_copy_monday()
    assert bells.cell_text(3, "arrival") == "07:05–07:45"
    assert not bells.follows_defaults(3)
    assert view.save.isEnabled()
    assert editor.save()

    reopened = open_database(demo_db)
    with session_scope(reopened) as session:
        stored = editing.load_school(session, school_id)
    assert stored.name == "集美测试小学"
    east = next(p for p in stored.posts if p.name == "东门")
    assert east.risk == 3
    assert editing.NeedData("dismissal", 1, 2, 4) in east.needs
    week = editing.week_of(stored.bell_times)
    for day in range(5):
        assert [(b.start, b.end) for b in week[day] if b.kind == "arrival"] == [
            (dt.time(7, 5), dt.time(7, 45))
        ]
    reopened.dispose()
    assert page.controller.model.row_of(0).name == "集美测试小学"


def test_reset_bell_times_to_the_kind(page) -> None:  # type: ignore[no-untyped-def]
    school_id = page.controller.model.row_of(1).id
    page.controller.select_school(school_id)
    editor = page.controller.editor
    bells = editor.bells_model
    bells.setData(bells.index(2, 0), "06:50-07:30")
    assert not bells.follows_defaults(2)
    editor._on_reset_bells()
    assert all(bells.follows_defaults(d) for d in range(7))
    assert editor.save()
    assert editor.ctx.run(editing.load_school, school_id).bell_times == ()


def test_invalid_input_is_marked_and_never_saved(page, ctx) -> None:  # type: ignore[no-untyped-def]
    school_id = page.controller.model.row_of(2).id
    page.controller.select_school(school_id)
    editor = page.controller.editor
    before = ctx.run(editing.load_school, school_id)

    needs = editor.needs_model
    view = editor.view
    view.posts.selectRow(0)
    kind_row = next(i for i, k in enumerate(editing.SESSION_KINDS) if k in needs.needs)
    kind = editing.SESSION_KINDS[kind_row]
    needs.setData(needs.index(kind_row, 3), 5)
    needs.setData(needs.index(kind_row, 2), 2)
    needs.setData(needs.index(kind_row, 1), 3)  # police 3 > officers 2
    assert view.banner.isVisible()
    assert "民警 ≤ 警力 ≤ 总人数" in view.banner.text()
    assert (kind, "officers") in needs.invalid
    assert not view.save.isEnabled()
    assert not editor.save()
    assert same(ctx.run(editing.load_school, school_id), before)

    editor.load(school_id)
    bells = editor.bells_model
    bells.setData(bells.index(1, 2), "18:00-17:00")
    assert "结束时间必须晚于开始时间" in view.banner.text()
    assert bells.data(bells.index(1, 2), Qt.ItemDataRole.BackgroundRole) is not None
    assert not editor.save()

    editor.load(school_id)
    bells.setData(bells.index(1, 0), "07:00-08:00")
    bells.setData(bells.index(1, 1), "07:30-08:30")
    assert "重叠" in view.banner.text()
    assert not editor.save()

    editor.load(school_id)
    view.code.setText("")
    editor._on_changed()
    assert view.code.property("invalid") is True
    assert "不能为空" in view.banner.text()
    assert same(ctx.run(editing.load_school, school_id), before)


def test_undo_and_redo_an_edit(page, ctx) -> None:  # type: ignore[no-untyped-def]
    school_id = page.controller.model.row_of(3).id
    page.controller.select_school(school_id)
    editor = page.controller.editor
    original = ctx.run(editing.load_school, school_id)
    bells = editor.bells_model
    bells.setData(bells.index(0, 2), "16:10-16:40")
    assert editor.save()
    changed = ctx.run(editing.load_school, school_id)
    assert changed.bell_times != original.bell_times
    ctx.undo_stack.undo()
    assert same(ctx.run(editing.load_school, school_id), original)
    assert editor.bells_model.own == original.bell_times  # the editor shows what is stored
    ctx.undo_stack.redo()
    assert same(ctx.run(editing.load_school, school_id), changed)


def test_add_and_delete_a_school_undoably(page, ctx) -> None:  # type: ignore[no-untyped-def]
    controller = page.controller
    count = controller.model.rowCount()
    controller._on_add()
    editor = controller.editor
    editor.view.name.setText("新建测试幼儿园")
    editor._on_changed()
    assert editor.save()
    assert controller.model.rowCount() == count + 1
    new_id = editor.current_id()
    assert new_id is not None
    assert editor.delete_current()
    assert controller.model.rowCount() == count
    ctx.undo_stack.undo()  # the delete
    assert controller.model.rowCount() == count + 1
    assert ctx.run(editing.load_school, new_id).name == "新建测试幼儿园"
    ctx.undo_stack.undo()  # the add
    assert controller.model.rowCount() == count


def test_a_post_location_is_set_cleared_and_checked(page, ctx, demo_db) -> None:  # type: ignore[no-untyped-def]
    school_id = page.controller.model.row_of(4).id
    page.controller.select_school(school_id)
    editor = page.controller.editor
    posts, view = editor.posts_model, editor.view
    lat, lon = posts.COLUMNS.index("lat"), posts.COLUMNS.index("lon")
    school = ctx.run(editing.load_school, school_id)
    assert school.posts[0].lat is not None  # the demo places its posts
    assert posts.data(posts.index(0, lat)) == f"{school.posts[0].lat:.6f}"
    assert posts.setData(posts.index(0, lat), "")
    assert posts.setData(posts.index(0, lon), "")
    # A post without its own location shows its school's, in grey.
    assert posts.data(posts.index(0, lat)) == f"{school.lat:.6f}"
    assert posts.data(posts.index(0, lat), Qt.ItemDataRole.EditRole) == ""
    assert posts.data(posts.index(0, lat), Qt.ItemDataRole.ForegroundRole) is not None

    assert posts.setData(posts.index(0, lat), "24.6123")
    assert "纬度和经度须同时填写" in view.banner.text()  # half a location
    assert posts.data(posts.index(0, lon), Qt.ItemDataRole.BackgroundRole) is not None
    assert not editor.save()
    assert posts.setData(posts.index(0, lon), "181")
    assert "岗位 1 · 经度: 181.0 超出允许范围" in view.banner.text()
    assert not editor.save()
    assert posts.setData(posts.index(0, lon), "东经118")
    assert "东经118" in view.banner.text()
    assert posts.data(posts.index(0, lon), Qt.ItemDataRole.BackgroundRole) is not None
    assert not editor.save()
    assert same(ctx.run(editing.load_school, school_id), school)

    assert posts.setData(posts.index(0, lon), "118.1021")
    assert not view.banner.isVisible()
    assert editor.save()
    reopened = open_database(demo_db)
    with session_scope(reopened) as session:
        stored = editing.load_school(session, school_id).posts[0]
    assert (stored.lat, stored.lon) == (24.6123, 118.1021)
    reopened.dispose()
    assert posts.data(posts.index(0, lat)) == "24.612300"  # reloaded into the editor

    # "lat, lon" pasted from a map sets both; an empty cell pair clears the location.
    assert posts.setData(posts.index(0, lon), "24.7, 118.2")
    assert (posts.posts[0].lat, posts.posts[0].lon) == (24.7, 118.2)
    assert posts.setData(posts.index(0, lat), "")
    assert posts.setData(posts.index(0, lon), "")
    assert editor.save()
    assert ctx.run(editing.load_school, school_id).posts[0].lat is None
    ctx.undo_stack.undo()
    assert ctx.run(editing.load_school, school_id).posts[0].lat == 24.6123
    ctx.undo_stack.undo()
    assert same(ctx.run(editing.load_school, school_id), school)


def test_the_deputy_is_picked_among_police_and_never_the_officer_in_charge(  # type: ignore[no-untyped-def]
    page, ctx
) -> None:
    from huxue.models import Person

    school_id = page.controller.model.row_of(3).id
    page.controller.select_school(school_id)
    editor = page.controller.editor
    view = editor.view
    before = ctx.run(editing.load_school, school_id)
    assert before.deputy_person_id is not None  # the demo gives every school a deputy
    assert view.deputy.current_key() == before.deputy_person_id
    keys = [view.deputy.itemData(i) for i in range(view.deputy.count())]
    roles = ctx.run(lambda s: {k: s.get(Person, k).role for k in keys if k is not None})
    assert set(roles.values()) == {"police"}

    view.deputy.set_current_key(before.responsible_person_id)
    assert view.banner.isVisible()
    assert view.deputy.property("invalid") is True
    assert not editor.save()
    assert ctx.run(editing.load_school, school_id) == before

    other = next(k for k in keys if k not in (None, before.responsible_person_id))
    view.deputy.set_current_key(other)
    assert not view.banner.isVisible()
    assert editor.save()
    assert ctx.run(editing.load_school, school_id).deputy_person_id == other
