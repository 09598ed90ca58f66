"""Attendance page: a day's duties, all present then exceptions by keyboard, sheet codes, import."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlmodel import Session, select

from huxue.attendance.codes import sheet_code
from huxue.database import open_database
from huxue.models import Attendance, AuditEntry, Post
from tests.huxue.attendance_seed import A1, D1, WEEK, seed_published

pytestmark = pytest.mark.gui


@pytest.fixture
def seeded(app, tmp_path: Path):  # type: ignore[no-untyped-def]
    from ui.context import AppContext

    engine = open_database(tmp_path / "a.db")
    with Session(engine, expire_on_commit=False) as session:
        ids = seed_published(session)
    context = AppContext(engine)
    yield context, ids
    context.engine.dispose()


@pytest.fixture
def page(qtbot, seeded):  # type: ignore[no-untyped-def]
    from ui.attendance.page import AttendancePage

    ctx, ids = seeded
    widget = AttendancePage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.set_day(WEEK, ("station", ids["JM"]))
    return widget


def test_model(qtmodeltester, page) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)


def test_all_present_then_exceptions_by_keyboard(qtbot, page, seeded) -> None:  # type: ignore[no-untyped-def]
    ctx, ids = seeded
    assert page.model.rowCount() == 3  # Monday at JM: A1 × 2, D1
    page.view.all_present.click()
    page.view.table.setFocus()
    page.view.table.selectRow(1)
    page.ask_minutes = lambda: 12
    qtbot.keyClick(page.view.table, Qt.Key.Key_L)
    assert page.view.table.selectionModel().selectedRows()[0].row() == 2  # moved on
    page.ask_substitute = lambda: ids["V30002"]
    qtbot.keyClick(page.view.table, Qt.Key.Key_S)
    assert "3 unsaved" in page.view.summary.text() or "3 条未保存" in page.view.summary.text()
    with qtbot.waitSignal(page.saved, timeout=30_000) as saved:
        page.view.save.click()
    assert saved.args == [3]
    with Session(ctx.engine) as session:
        rows = {(r.session_key, r.person_id): r for r in session.exec(select(Attendance))}
        assert rows[(A1, ids["V30001"])].minutes_late == 12
        assert rows[(D1, ids["A20001"])].substitute_id == ids["V30002"]
        assert (
            len(session.exec(select(AuditEntry).where(AuditEntry.action == "attendance")).all())
            == 3
        )
    assert page.model.pending() == []
    assert page.model.row(0).line.mark is not None


def test_open_by_sheet_code_and_refuse_a_bad_one(page, seeded) -> None:  # type: ignore[no-untyped-def]
    ctx, _ = seeded
    with Session(ctx.engine) as session:
        post = session.exec(select(Post.id).where(Post.code == "JM-P001-1")).one()
    page.view.code.setText(sheet_code(post, WEEK, 1))
    page.view.open_sheet.click()
    assert page.model.rowCount() == 3 and page.view.error.isHidden()
    assert not page.open_code("2F-1CP-1Y")
    assert not page.view.error.isHidden() and "签到码" in page.view.error.text()


def test_import_errors_show_and_nothing_is_written(page, seeded, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ctx, _ = seeded
    bad = tmp_path / "bad.csv"
    bad.write_text(f"班次,人员编号,到岗情况\n{A1},100001,睡觉\n", encoding="utf-8")
    # The import runs as a background job; the page relays its end by `imported`.
    with qtbot.waitSignal(page.imported, timeout=60_000) as done:
        job = page.import_path(bad)
        assert job is not None and job.running
        assert not page.view.import_file.isEnabled()
    assert done.args[0].errors
    assert "第 2 行" in page.view.error.text()
    assert page.model.row(0).line.mark is None and page.view.import_file.isEnabled()
    good = tmp_path / "good.csv"
    good.write_text(f"班次,人员编号,到岗情况\n{A1},100001,到岗\n", encoding="utf-8")
    with qtbot.waitSignal(page.imported, timeout=60_000) as done:
        assert page.import_path(good) is not None
    assert not done.args[0].errors
    assert page.model.row(0).line.mark is not None
    assert page.view.error.isHidden()


def test_report_dialog_writes_the_files(page, seeded, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ui.attendance.dialogs import ReportDialog

    ctx, ids = seeded
    dialog = ReportDialog(ctx, WEEK, ("station", ids["JM"]), page)
    qtbot.addWidget(dialog)
    for kind in ("turnout", "statements", "hours_list"):
        dialog.kind.set_current_key(kind)
        target = tmp_path / f"{kind}.pdf"
        # Built off the GUI thread; the dialog relays the job's end by `written`.
        with qtbot.waitSignal(dialog.written, timeout=60_000) as done:
            job = dialog.write(target)
            assert job is not None and not dialog.save.isEnabled()
        assert done.args == [target]
        assert target.read_bytes().startswith(b"%PDF")
        assert str(target) in dialog.notice.text()
    # A failure arrives by the job's other signal and shows in the dialog.
    folder = tmp_path / "a folder"
    folder.mkdir()
    with qtbot.waitSignal(dialog.written, timeout=60_000) as done:
        assert dialog.write(folder) is not None
    assert done.args == [None]
    assert not dialog.error.isHidden() and dialog.save.isEnabled()
    dialog.term.click()
    assert dialog.period()[0].isoformat() == "2026-08-31"


def test_the_window_has_the_page(window) -> None:  # type: ignore[no-untyped-def]
    window.show_page("attendance")
    assert window.current_page_key() == "attendance"


def test_turnout_beside_people(page, seeded) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from huxue.attendance.learn import turnout_by_code
    from ui.attendance.turnout import TurnoutLabel
    from ui.planning.people import PeopleListModel

    ctx, ids = seeded
    page.view.all_present.click()
    page.view.table.selectRow(1)
    page.mark_selected("absent")
    assert page.save_current()
    label = TurnoutLabel()
    after = WEEK + dt.timedelta(days=6)
    label.show_person(ctx.engine, ids["V30001"], today=after)
    assert label.text().startswith("到岗率 0 %") and "1 个班次" in label.text()
    label.show_person(ctx.engine, ids["V30002"], today=after)
    assert "没有出勤记录" in label.text()
    model = PeopleListModel()
    with Session(ctx.engine) as session:
        model.turnout = turnout_by_code(session, today=after)
    model.set_people([("100001", "张伟", "police", False), ("V30002", "赵敏", "volunteer", False)])
    assert model.data(model.index(0)).endswith("到岗率 100 %")
    assert "到岗率" not in model.data(model.index(1))


def test_typed_attendance_is_not_lost_silently(page) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    asked: list[bool] = []

    def answer(cancel: bool) -> QMessageBox.StandardButton:
        asked.append(cancel)
        return QMessageBox.StandardButton.Cancel if cancel else QMessageBox.StandardButton.Save

    page.ask_unsaved = answer
    page.view.all_present.click()
    assert not page.resolve_unsaved()  # closing the window: cancelled
    page.set_day(WEEK + dt.timedelta(days=1), ("station", page.model.row(0).line.duty.station_id))
    assert asked == [True, False]  # switching day: saved first
    page.set_day(WEEK, ("station", page.model.row(0).line.duty.station_id))
    assert all(page.model.row(i).line.mark for i in range(page.model.rowCount()))


def test_plan_with_turnout_switches_the_lone_officer_rule(page, seeded) -> None:  # type: ignore[no-untyped-def]
    from huxue.instance import district_rules

    ctx, _ = seeded

    def enabled() -> bool:
        with Session(ctx.engine) as session:
            return bool(district_rules(session)["lone_officer"]["enabled"])

    assert not page.view.lone_officer.isChecked() and not enabled()
    page.view.lone_officer.click()
    assert page.view.lone_officer.isChecked() and enabled()
    page.view.lone_officer.click()
    assert not page.view.lone_officer.isChecked() and not enabled()
