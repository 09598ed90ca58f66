"""The bell grid: copying a weekday and going back to the kind's times."""

from __future__ import annotations

from dataclasses import replace

from sqlmodel import Session, select

from huxue import editing
from huxue.models import BellTime
from tests.huxue.editing.conftest import Edits
from tests.huxue.factories import t


def test_copy_monday_and_reset_to_the_kind(editor: Edits, ids: dict[str, int]) -> None:
    school = editor.run(editing.load_school, ids["primary"])
    with Session(editor.engine) as session:
        defaults = editing.kind_defaults(session, "primary")
    own = editing.set_cell(school.bell_times, defaults, 0, "arrival", [(t("07:00"), t("07:40"))])
    copied = editing.copy_weekday(own, defaults, 0)
    week = editing.effective_week(copied, defaults)
    for day in range(5):
        assert [(b.kind, b.start) for b in week[day] if b.kind == "arrival"] == [
            ("arrival", t("07:00"))
        ]
    editor.run(editing.save_school, replace(school, bell_times=copied))
    with Session(editor.engine) as session:
        rows = session.exec(select(BellTime).where(BellTime.school_id == ids["primary"])).all()
        assert {r.weekday for r in rows} == {0, 1, 2, 3, 4}
    school = editor.run(editing.load_school, ids["primary"])
    editor.run(editing.save_school, replace(school, bell_times=()))  # reset to the kind's defaults
    with Session(editor.engine) as session:
        assert not session.exec(select(BellTime).where(BellTime.school_id == ids["primary"])).all()
