"""File ▸ Print, Export, Import, Template, Backup and Restore on the small demo with a roster."""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from sqlmodel import Session, select

from huxue.backup import read_backup
from huxue.database import open_database
from huxue.models import Person, School
from huxue.planning import PlanScope, solve_week
from ui.context import AppContext

pytestmark = pytest.mark.gui

WEEK = dt.date(2026, 12, 7)
JOB_TIMEOUT_MS = 60_000


@pytest.fixture(scope="session")
def rostered_template(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small demo with a stored draft roster for the reference week (solved once)."""
    path = tmp_path_factory.mktemp("rostered") / "huxue.db"
    shutil.copy(demo_template, path)
    engine = open_database(path)
    with Session(engine) as session:
        solve_week(session, PlanScope(WEEK), time_limit=2.0, workers=2)
        session.commit()
    engine.dispose()
    return path


@pytest.fixture
def rostered_ctx(app: Any, rostered_template: Path, tmp_path: Path) -> Any:
    path = tmp_path / "rostered.db"
    shutil.copy(rostered_template, path)
    context = AppContext(open_database(path))
    yield context
    context.engine.dispose()


@pytest.fixture
def out_window(qtbot: Any, rostered_ctx: AppContext, settings: Any) -> Any:
    from ui.main_window import MainWindow
    from ui.outputs import install_output_actions

    win = MainWindow(rostered_ctx, settings)
    qtbot.addWidget(win)
    install_output_actions(win, rostered_ctx)
    return win


class ReplaceAnswers:
    """Stands in for the "Replace?" question box: records what was asked, answers `yes`."""

    def __init__(self) -> None:
        self.asked: list[str] = []
        self.yes = True

    def __call__(self, _parent: Any, _title: str, text: str, *_args: Any) -> Any:
        from PySide6.QtWidgets import QMessageBox

        self.asked.append(text)
        return QMessageBox.StandardButton.Yes if self.yes else QMessageBox.StandardButton.No


@pytest.fixture(autouse=True)
def replace_answers(monkeypatch: pytest.MonkeyPatch) -> ReplaceAnswers:
    """No modal box in tests: the question is answered here."""
    answers = ReplaceAnswers()
    monkeypatch.setattr("ui.outputs.common.QMessageBox.question", answers)
    return answers


def run_job(qtbot: Any, dialog: Any, start: Any, signal: str = "job_finished") -> list[Any]:
    """Start a dialog's background job and wait until the dialog has shown its end."""
    with qtbot.waitSignal(getattr(dialog, signal), timeout=JOB_TIMEOUT_MS) as blocker:
        assert start() is not None
    return list(blocker.args)


def test_the_actions_sit_in_the_file_menu_before_quit(out_window: Any) -> None:
    texts = [a.text() for a in out_window.file_menu.actions() if not a.isSeparator()]
    assert texts[-1] == "退出(&Q)"
    assert texts[3:9] == [
        "打印值班表(&P)…",
        "导出一周(&E)…",
        "从 Excel 或 CSV 导入(&I)…",
        "下载导入模板(&T)…",
        "备份数据库(&B)…",
        "恢复备份(&R)…",
    ]


def test_the_actions_follow_the_language(qtbot: Any, out_window: Any) -> None:
    from ui.i18n import install_language

    action = out_window.findChild(QAction, "outputPrint")
    install_language("en")
    qtbot.waitUntil(lambda: action.text() == "&Print duty sheets…")
    install_language("zh_CN")
    qtbot.waitUntil(lambda: action.text() == "打印值班表(&P)…")


def test_print_a_school_sheet_batch_with_progress_and_preview(
    qtbot: Any, out_window: Any, rostered_ctx: AppContext, tmp_path: Path
) -> None:
    from ui.outputs.print_dialog import PrintDialog

    dialog = PrintDialog(rostered_ctx.engine, out_window)
    qtbot.addWidget(dialog)
    assert dialog.week.week() == WEEK  # the week that has a roster
    dialog.kind.set_current_key("school")
    dialog.folder.set_path(tmp_path / "sheets")
    steps: list[int] = []
    dialog.progress.valueChanged.connect(steps.append)
    run_job(qtbot, dialog, dialog.start)
    result = dialog.outcome.result
    assert len(result.files) == 20 and result.combined is not None
    assert all(p.read_bytes().startswith(b"%PDF") for p in result.files)
    assert 1 in steps and 21 in steps  # each sheet, then the combined file
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.files.count() == 21
    assert not dialog.image.pixmap().isNull()  # the combined file's first pages
    assert "21" not in dialog.preview_hint.text() and "页" in dialog.preview_hint.text()
    dialog.files.setCurrentRow(1)  # one school's sheet: a page of its own
    assert dialog.image.pixmap().height() < dialog.image.pixmap().width() * 2
    assert dialog.print_button.isEnabled() and not dialog.stop_button.isEnabled()


def test_print_one_person_card_and_a_week_without_roster(
    qtbot: Any, out_window: Any, rostered_ctx: AppContext, tmp_path: Path
) -> None:
    from ui.outputs.print_dialog import PrintDialog

    dialog = PrintDialog(rostered_ctx.engine, out_window)
    qtbot.addWidget(dialog)
    dialog.kind.set_current_key("person")
    dialog.one_radio.setChecked(True)
    code = dialog.item.currentData()
    dialog.folder.set_path(tmp_path)
    run_job(qtbot, dialog, dialog.start)
    assert [p.name.split("-")[4] for p in dialog.outcome.result.files] == [code.split("-")[0]]
    assert not dialog.image.pixmap().isNull()  # the card's page, as printed

    dialog.week.set_week(WEEK + dt.timedelta(days=14))
    run_job(qtbot, dialog, dialog.start, "job_failed")
    assert "no roster" in dialog.banner.text()


def test_export_xlsx_opens_with_openpyxl(
    qtbot: Any, out_window: Any, rostered_ctx: AppContext, tmp_path: Path
) -> None:
    from ui.outputs.export_dialog import ExportDialog

    dialog = ExportDialog(rostered_ctx.engine, out_window)
    qtbot.addWidget(dialog)
    dialog.format.set_current_key("xlsx")
    target = tmp_path / "week.xlsx"
    dialog.path.set_path(target)
    run_job(qtbot, dialog, dialog.start)
    assert dialog.outcome.rows > 0
    book = load_workbook(target)
    stations = [sheet for sheet in book.worksheets if sheet.title != "说明"]
    assert stations and all(sheet.freeze_panes == "A2" for sheet in stations)
    assert sum(sheet.max_row - 1 for sheet in stations) == dialog.outcome.rows
    assert dialog.open_button.isEnabled()


def test_export_messages_of_one_school_into_a_folder(
    qtbot: Any, out_window: Any, rostered_ctx: AppContext, tmp_path: Path
) -> None:
    from ui.outputs.export_dialog import ExportDialog

    dialog = ExportDialog(rostered_ctx.engine, out_window)
    qtbot.addWidget(dialog)
    dialog.format.set_current_key("text")
    assert dialog.path.mode == "folder"
    dialog.scope.set_current_key("school")
    dialog.path.set_path(tmp_path / "messages")
    run_job(qtbot, dialog, dialog.start)
    names = [p.name for p in dialog.outcome.files]
    assert any("-school-" in n for n in names) and all(n.endswith(".txt") for n in names)


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _template_header(tmp_path: Path, kind: str) -> list[str]:
    from ui.outputs.import_dialog import TemplateDialog

    dialog = TemplateDialog()
    dialog.kind.set_current_key(kind)
    dialog.format.set_current_key("csv")
    dialog.path.set_path(tmp_path / f"{kind}.csv")
    written = dialog.save()
    assert written is not None
    dialog.deleteLater()
    with written.open(encoding="utf-8-sig") as handle:
        return next(csv.reader(handle))


def _school_count(ctx: AppContext) -> int:
    with Session(ctx.engine) as session:
        return len(session.exec(select(School)).all())


def test_import_with_errors_lists_them_and_imports_nothing(
    qtbot: Any, out_window: Any, rostered_ctx: AppContext, tmp_path: Path
) -> None:
    from ui.outputs.import_dialog import ImportDialog

    header = _template_header(tmp_path, "schools")
    blank = [""] * len(header)
    good = _filled(header, "JM-NEW1", "新建小学", "primary", "JM")
    bad_station = _filled(header, "JM-NEW2", "另一小学", "primary", "NOPE")
    missing_name = _filled(header, "JM-NEW3", "", "primary", "JM")
    file = _write_csv(tmp_path / "schools.csv", [header, good, bad_station, missing_name, blank])
    before = _school_count(rostered_ctx)
    dialog = ImportDialog(rostered_ctx, out_window)
    qtbot.addWidget(dialog)
    dialog.kind.set_current_key("schools")
    dialog.file.set_path(file)
    run_job(qtbot, dialog, dialog.check)
    assert dialog.report is not None and dialog.report.errors
    assert dialog.model.rowCount() == len(dialog.report.errors) >= 2
    assert not dialog.table.isHidden()
    rows = {int(dialog.model.index(r, 0).data()) for r in range(dialog.model.rowCount())}
    assert {3, 4} <= rows
    reasons = " ".join(dialog.model.index(r, 3).data() for r in range(dialog.model.rowCount()))
    # The window is in Chinese, and so are the core's reasons.
    assert "未知派出所" in reasons
    assert not dialog.import_button.isEnabled()
    assert dialog.import_now() is None
    assert _school_count(rostered_ctx) == before


def _filled(header: list[str], code: str, name: str, kind: str, station: str) -> list[str]:
    """A row of the schools template with the required columns filled."""
    from huxue.imports import COLUMNS

    values = {"code": code, "name": name, "kind": kind, "station": station}
    return [
        values.get(column.key, "")
        for column, _label in zip(COLUMNS["schools"], header, strict=True)
    ]


def test_import_ok_updates_by_code_and_reloads_the_pages(
    qtbot: Any, out_window: Any, rostered_ctx: AppContext, tmp_path: Path
) -> None:
    from ui.outputs.import_dialog import ImportDialog

    with Session(rostered_ctx.engine, expire_on_commit=False) as session:
        school = session.exec(select(School).order_by(School.code)).first()
        station = school.station_id
        from huxue.models import Station

        station_code = session.get(Station, station).code
    header = _template_header(tmp_path, "schools")
    rows = [
        header,
        _filled(header, school.code, school.name + "（更名）", school.kind, station_code),
        _filled(header, "JM-NEW9", "新建实验小学", "primary", station_code),
    ]
    file = _write_csv(tmp_path / "ok.csv", rows)
    before = _school_count(rostered_ctx)
    dialog = ImportDialog(rostered_ctx, out_window)
    qtbot.addWidget(dialog)
    dialog.kind.set_current_key("schools")
    dialog.file.set_path(file)
    run_job(qtbot, dialog, dialog.check)
    assert dialog.report.ok and dialog.import_button.isEnabled()
    assert "2" in dialog.summary.text()
    assert _school_count(rostered_ctx) == before  # a check writes nothing
    with (
        qtbot.waitSignal(rostered_ctx.data_changed, timeout=JOB_TIMEOUT_MS) as changed,
        qtbot.waitSignal(rostered_ctx.database_changed, timeout=JOB_TIMEOUT_MS),
    ):
        assert dialog.import_now() is not None
    assert changed.args == ["school", 0]
    assert (dialog.report.created, dialog.report.updated) == (1, 1)
    assert _school_count(rostered_ctx) == before + 1
    with Session(rostered_ctx.engine) as session:
        renamed = session.exec(select(School).where(School.code == school.code)).one()
    assert renamed.name.endswith("（更名）")
    assert "21" in out_window.counts_label.text()


def test_backup_then_restore_round_trip(
    qtbot: Any, out_window: Any, rostered_ctx: AppContext, tmp_path: Path
) -> None:
    from ui.outputs.backup_dialog import BackupDialog, RestoreDialog

    backup = BackupDialog(rostered_ctx.engine, out_window)
    qtbot.addWidget(backup)
    first = tmp_path / "first.json"
    backup.path.set_path(first)
    run_job(qtbot, backup, backup.start)
    assert backup.written == first and first.exists()

    # A change the restore must undo.
    with Session(rostered_ctx.engine, expire_on_commit=False) as session:
        person = session.exec(select(Person).order_by(Person.code)).first()
        old_name = person.name
        person.name = "改过的名字"
        session.add(person)
        session.commit()

    restore = RestoreDialog(rostered_ctx, out_window)
    qtbot.addWidget(restore)
    restore.keep_in = tmp_path / "kept"
    restore.path.set_path(first)
    assert not restore.run_button.isEnabled()  # not before the planner confirms
    assert restore.start() is None
    restore.confirm.setChecked(True)
    assert restore.run_button.isEnabled()
    with qtbot.waitSignal(rostered_ctx.database_changed, timeout=JOB_TIMEOUT_MS):
        assert restore.start() is not None
    assert restore.outcome is not None and restore.outcome.safety_copy.exists()
    with Session(rostered_ctx.engine) as session:
        assert session.exec(select(Person).where(Person.code == person.code)).one().name == (
            old_name
        )

    second = tmp_path / "second.json"
    backup.path.set_path(second)
    run_job(qtbot, backup, backup.start)
    before, after = read_backup(first)["tables"], read_backup(second)["tables"]
    assert {k: v for k, v in after.items() if k != "auditentry"} == {
        k: v for k, v in before.items() if k != "auditentry"
    }
    # One audit entry more: the restore itself, naming where the replaced data went.
    assert len(after["auditentry"]["rows"]) == len(before["auditentry"]["rows"]) + 1
    assert str(restore.outcome.safety_copy) in json.dumps(after["auditentry"]["rows"][-1])


def test_an_existing_file_is_replaced_only_when_the_planner_agrees(
    qtbot: Any,
    out_window: Any,
    rostered_ctx: AppContext,
    tmp_path: Path,
    replace_answers: ReplaceAnswers,
) -> None:
    from ui.outputs.backup_dialog import BackupDialog

    target = tmp_path / "kept.json"
    target.write_text("an older file", encoding="utf-8")
    dialog = BackupDialog(rostered_ctx.engine, out_window)
    qtbot.addWidget(dialog)
    dialog.path.set_path(target)
    replace_answers.yes = False
    assert dialog.start() is None
    assert replace_answers.asked and str(target) in replace_answers.asked[-1]
    assert target.read_text(encoding="utf-8") == "an older file"
    replace_answers.yes = True
    run_job(qtbot, dialog, dialog.start)
    assert read_backup(target)["format"] == "huxue-backup/1"


def test_restoring_a_file_that_is_not_a_backup_changes_nothing(
    qtbot: Any, out_window: Any, rostered_ctx: AppContext, tmp_path: Path
) -> None:
    from ui.outputs.backup_dialog import RestoreDialog

    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"format": "something-else"}', encoding="utf-8")
    before = _school_count(rostered_ctx)
    dialog = RestoreDialog(rostered_ctx, out_window)
    qtbot.addWidget(dialog)
    dialog.keep_in = tmp_path / "kept"
    dialog.path.set_path(wrong)
    dialog.confirm.setChecked(True)
    run_job(qtbot, dialog, dialog.start, "job_failed")
    assert "不是" in dialog.banner.text() or "not a Huxue backup" in dialog.banner.text()
    assert _school_count(rostered_ctx) == before
    assert not (tmp_path / "kept").exists()


def test_each_action_opens_its_dialog_with_the_services(out_window: Any) -> None:
    from ui.outputs.backup_dialog import BackupDialog, RestoreDialog
    from ui.outputs.export_dialog import ExportDialog
    from ui.outputs.import_dialog import ImportDialog, TemplateDialog
    from ui.outputs.print_dialog import PrintDialog

    actions = out_window.findChild(QObject, "outputActions")
    opened: list[Any] = []
    actions.exec_dialog = opened.append
    for name in ("Print", "Export", "Import", "Template", "Backup", "Restore"):
        out_window.findChild(QAction, f"output{name}").trigger()
    kinds = (PrintDialog, ExportDialog, ImportDialog, TemplateDialog, BackupDialog, RestoreDialog)
    assert [type(d) for d in opened] == list(kinds)
    for dialog in opened:
        dialog.deleteLater()


def test_a_print_batch_can_be_stopped(
    qtbot: Any, out_window: Any, rostered_ctx: AppContext, tmp_path: Path
) -> None:
    from ui.outputs.print_dialog import PrintDialog

    dialog = PrintDialog(rostered_ctx.engine, out_window)
    qtbot.addWidget(dialog)
    dialog.kind.set_current_key("person")
    dialog.folder.set_path(tmp_path)

    def start_and_stop() -> Any:
        job = dialog.start()
        dialog.stop()  # before the first sheet: the week is still being read
        return job

    run_job(qtbot, dialog, start_and_stop, "job_cancelled")
    assert dialog.print_button.isEnabled() and dialog.outcome is None
