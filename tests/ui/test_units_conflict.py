"""Two planners on one patrol unit: the units dialog's save or delete after the other
planner's change shows the conflict (both sides, keep mine / take theirs), writes nothing of
the stale edit, and shows the unit as stored."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from PySide6.QtWidgets import QDialog, QMessageBox

from huxue.database import session_scope
from huxue.patrol_units import list_units, save_unit
from ui.conflict import THEIRS, ConflictDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def dialog(ctx, qtbot):  # type: ignore[no-untyped-def]
    from ui.map.units_dialog import UnitsDialog

    shown = UnitsDialog(ctx)
    qtbot.addWidget(shown)
    shown.table.selectRow(0)
    return shown


def _stored(ctx, code: str):  # type: ignore[no-untyped-def]
    with session_scope(ctx.engine) as session:
        return next((u for u in list_units(session) if u.code == code), None)


def _other_planner_saves(ctx, code: str, **changes) -> None:  # type: ignore[no-untyped-def]
    # Another planner's window: its own transaction, straight to the database.
    with session_scope(ctx.engine) as session:
        unit = next(u for u in list_units(session) if u.code == code)
        save_unit(session, replace(unit, **changes), code)


def test_a_stale_save_shows_the_conflict_and_writes_nothing(  # type: ignore[no-untyped-def]
    dialog, ctx, qtbot, monkeypatch
) -> None:
    unit = dialog.model.rows[0]
    _other_planner_saves(ctx, unit.code, crew=unit.crew[:1])  # a crew-only change
    dialog.name.setText("我的新名称")
    seen: list[ConflictDialog] = []

    def cancel(shown: ConflictDialog) -> int:
        seen.append(shown)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(ConflictDialog, "exec", cancel)
    with qtbot.waitSignal(dialog.conflicted, timeout=5_000) as blocker:
        assert not dialog.save()
    assert "巡逻单元 " + unit.code in blocker.args[0]
    assert set(seen[0].choices) == {"name", "crew"}
    stored = _stored(ctx, unit.code)
    assert stored is not None and stored.name == unit.name and stored.crew == unit.crew[:1]
    # The editor shows the unit as stored now, with the reason.
    assert dialog.name.text() == unit.name and dialog.crew.text() == unit.crew[0]
    assert "巡逻单元 " + unit.code in dialog.error.text()
    # Saving again now is based on the stored version.
    dialog.name.setText("我的新名称")
    assert dialog.save(), dialog.error.text()
    again = _stored(ctx, unit.code)
    assert again is not None and again.name == "我的新名称" and again.crew == unit.crew[:1]


def test_the_conflict_dialog_saves_the_choice_on_the_stored_version(  # type: ignore[no-untyped-def]
    dialog, ctx, qtbot, monkeypatch
) -> None:
    unit = dialog.model.rows[0]
    _other_planner_saves(ctx, unit.code, crew=unit.crew[:1], shift_end=dt.time(20))
    dialog.name.setText("我的新名称")

    def choose(shown: ConflictDialog) -> int:
        shown.set_choice("crew", THEIRS)  # keep my name and shift, take their crew
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ConflictDialog, "exec", choose)
    with qtbot.waitSignal(dialog.saved, timeout=5_000):
        assert dialog.save(), dialog.error.text()
    stored = _stored(ctx, unit.code)
    assert stored is not None
    assert (stored.name, stored.crew) == ("我的新名称", unit.crew[:1])
    assert stored.shift_end == unit.shift_end  # mine: the shift as the form had it


def test_deleting_a_unit_changed_meanwhile_is_refused(  # type: ignore[no-untyped-def]
    dialog, ctx, qtbot, monkeypatch
) -> None:
    unit = dialog.model.rows[0]
    _other_planner_saves(ctx, unit.code, shift_start=dt.time(7))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    with qtbot.waitSignal(dialog.conflicted, timeout=5_000):
        dialog.delete()
    assert warned and "巡逻单元 " + unit.code in warned[0]
    stored = _stored(ctx, unit.code)
    assert stored is not None and stored.shift_start == dt.time(7)
    assert dialog.code.text() == unit.code and dialog.shift_start.time().hour() == 7
