"""Two planners on one person: the second save shows their values beside yours, per field
"keep mine / take theirs", and saves the choice on the stored version — never silently over
the other planner's change."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QRadioButton

from huxue import editing
from huxue.database import session_scope
from huxue.errors import ConflictError
from ui.conflict import THEIRS, ConflictDialog, value_text
from ui.i18n import install_language

pytestmark = pytest.mark.gui


@pytest.fixture
def page(window):  # type: ignore[no-untyped-def]
    window.show_page("people")
    return window.page("people")


def _other_planner_saves(ctx, person_id: int, **changes) -> None:  # type: ignore[no-untyped-def]
    # Another planner's window: its own transaction, straight to the database.
    with session_scope(ctx.engine) as session:
        stored = editing.load_person(session, person_id)
        editing.save_person(session, replace(stored, **changes))


def test_the_second_save_shows_both_sides_and_saves_the_choice(  # type: ignore[no-untyped-def]
    page, ctx, monkeypatch
) -> None:
    person_id = page.controller.model.row_of(0).id
    page.controller.select_person(person_id)
    editor = page.controller.editor
    view = editor.view
    _other_planner_saves(ctx, person_id, phone="13800000001", notes="他们的备注")
    view.phone.setText("13900000002")
    view.name.setText(view.name.text() + "甲")
    editor._on_changed()
    shown: list[ConflictDialog] = []

    def choose(dialog: ConflictDialog) -> int:
        shown.append(dialog)
        assert set(dialog.choices) == {"name", "phone", "notes"}
        dialog.set_choice("notes", THEIRS)  # keep my phone and name, take their notes
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", choose)
    assert editor.save()
    assert shown
    stored = ctx.run(editing.load_person, person_id)
    assert (stored.phone, stored.notes) == ("13900000002", "他们的备注")
    assert stored.name.endswith("甲")
    assert not editor.dirty and editor.original.row_version == stored.row_version


def test_cancelling_the_conflict_overwrites_nothing(page, ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    person_id = page.controller.model.row_of(1).id
    page.controller.select_person(person_id)
    editor = page.controller.editor
    _other_planner_saves(ctx, person_id, phone="13800000003")
    editor.view.phone.setText("13900000004")
    editor._on_changed()
    monkeypatch.setattr(ConflictDialog, "exec", lambda _d: QDialog.DialogCode.Rejected)
    assert not editor.save()
    assert ctx.run(editing.load_person, person_id).phone == "13800000003"
    assert editor.dirty  # the planner's input is still in the form
    assert "13800000003" not in editor.view.phone.text()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_dialog_reads_well(app, qtbot, tmp_path, lang) -> None:  # type: ignore[no-untyped-def]
    install_language(lang)

    exc = ConflictError(
        "person 100001",
        who="planner2",
        when=dt.datetime(2026, 12, 1, 9, 30),
        mine={"name": "张伟伟", "phone": "13900000002", "max_per_day": 1, "notes": ""},
        theirs={"name": "张伟", "phone": "13800000001", "max_per_day": 3, "notes": ""},
        theirs_version=4,
    )
    dialog = ConflictDialog(exc)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert set(dialog.choices) == {"name", "phone", "max_per_day"}
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "planner2" in texts and "2026-12-01 09:30" in texts and "13800000001" in texts
    assert ("保留我的" in " ".join(b.text() for b in dialog.findChildren(QRadioButton))) == (
        lang == "zh_CN"
    )
    dialog.grab().save(str(tmp_path / f"conflict_{lang}.png"))
    assert value_text(None) == "—"
    install_language("zh_CN")
