"""The editors' spin boxes and line edits take their ranges and lengths from `solver.limits`."""

from __future__ import annotations

import pytest

from huxue.attendance.record import MAX_MINUTES_LATE
from huxue.models import Person, School, Station
from solver.limits import LIMITS, TEXT_COLUMNS, TEXT_LIMITS
from ui.people.editor import NO_LIMIT, PersonEditorView
from ui.schools.editor import SchoolEditorView
from ui.stations.dialog import StationsView

pytestmark = pytest.mark.gui


def _length(model: type[Person] | type[School] | type[Station], column: str) -> int:
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
