"""The editors' spin boxes and line edits take their ranges and lengths from `solver.limits`."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel

from huxue.attendance.record import MAX_MINUTES_LATE
from huxue.models import Person, School, Station
from solver.limits import LIMITS, TEXT_COLUMNS, TEXT_LIMITS
from ui.people.editor import NO_LIMIT, PersonEditorView
from ui.schools.editor import SchoolEditorView
from ui.stations.dialog import StationsView

pytestmark = pytest.mark.gui


def _length(model: type[SQLModel], column: str) -> int:
    return TEXT_LIMITS[TEXT_COLUMNS[(str(model.__tablename__), column)]]


def test_editor_widgets_hold_the_limits(qtbot) -> None:  # type: ignore[no-untyped-def]
    school = SchoolEditorView()
    person = PersonEditorView()
    stations = StationsView()
    for widget in (school, person, stations):
        qtbot.addWidget(widget)
    assert (school.enrolment.minimum(), school.enrolment.maximum()) == (
        LIMITS["enrolment"].low,
        LIMITS["enrolment"].high,
    )
    for name in ("max_per_day", "max_per_week"):
        box = getattr(person, name)
        assert (box.minimum(), box.maximum()) == (NO_LIMIT, LIMITS[name].high)
    for view, model, columns in (
        (school, School, ("code", "name", "address")),
        (person, Person, ("code", "name", "phone")),
        (stations, Station, ("code", "name")),
    ):
        for column in columns:
            assert getattr(view, column).maxLength() == _length(model, column), column
    assert LIMITS["minutes_late"].high == MAX_MINUTES_LATE


def test_post_and_need_cells_are_edited_within_the_limits(qtbot, ctx) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit, QSpinBox, QStyleOptionViewItem

    from huxue.models import Post
    from ui.schools.editor import SchoolEditor
    from ui.schools.model import NeedTableModel, PostTableModel

    view = SchoolEditorView()
    qtbot.addWidget(view)
    SchoolEditor(ctx, view)
    option = QStyleOptionViewItem()
    index = view.posts.model().index(0, 0)
    risk = view.posts.itemDelegateForColumn(PostTableModel.COLUMNS.index("risk"))
    box = risk.createEditor(view.posts.viewport(), option, index)
    assert isinstance(box, QSpinBox)
    assert (box.minimum(), box.maximum()) == (LIMITS["risk"].low, LIMITS["risk"].high)
    code = view.posts.itemDelegateForColumn(PostTableModel.COLUMNS.index("code"))
    line = code.createEditor(view.posts.viewport(), option, index)
    assert isinstance(line, QLineEdit) and line.maxLength() == _length(Post, "code")
    for name in ("police", "officers", "total"):
        need = view.needs.itemDelegateForColumn(NeedTableModel.COLUMNS.index(name))
        box = need.createEditor(view.needs.viewport(), option, index)
        assert (box.minimum(), box.maximum()) == (LIMITS["need"].low, LIMITS["need"].high)
