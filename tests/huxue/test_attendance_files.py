"""The sign-in import, the report and hour files, and the `attendance` command line."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.attendance.codes import sheet_code
from huxue.attendance.exports import Scope, write_hours, write_report
from huxue.attendance.record import duty_lines, open_sheet
from huxue.attendance.sheet_import import import_signin, write_template
from huxue.cli import main
from huxue.database import open_database
from huxue.models import Attendance, Post
from huxue.reports import PrintSelection, print_week
from tests.huxue.attendance_seed import A1, D1, K2, PAIRS, S2, WEEK, republish, seed_published
from tests.huxue.test_reports import needs_poppler, pdf_text

SUNDAY = WEEK + dt.timedelta(days=6)
HEADER = "签到码,班次,日期,规定时间,岗位,姓名,人员编号,到岗情况,迟到分钟,到岗时间,替岗人编号\n"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[tuple[Engine, dict[str, int], Path]]:
    path = tmp_path / "a.db"
    engine = open_database(path)
    with Session(engine, expire_on_commit=False) as session:
        ids = seed_published(session)
    yield engine, ids, path
    engine.dispose()


def _post(session: Session, code: str) -> int:
    return session.exec(select(Post.id).where(Post.code == code)).one() or 0


def _write(path: Path, *rows: str) -> Path:
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


def test_import_a_filled_sheet(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine, ids, _ = db
    with Session(engine) as session:
        code = sheet_code(_post(session, "JM-P001-1"), WEEK, 1)
        report = import_signin(
            session,
            _write(
                tmp_path / "in.csv",
                f"{code},{A1},,,,,100001,到岗,,,",
                f"{code},{A1},,,,,V30001,,,07:32,",  # arrival time only: late 12 minutes
                f"{code},{D1},,,,,A20001,替岗,,16:05,V30002",
                f"{code},{K2},,,,,V30001,,,,",  # not filled in: left unrecorded
            ),
            who="clerk",
        )
    assert report.ok, [str(e) for e in report.errors]
    assert (report.rows, report.created) == (4, 3)
    with Session(engine) as session:
        rows = {(r.session_key, r.person_id): r for r in session.exec(select(Attendance))}
    assert rows[(A1, ids["V30001"])].status == "late"
    assert rows[(A1, ids["V30001"])].minutes_late == 12
    sub = rows[(D1, ids["A20001"])]
    assert (sub.status, sub.minutes_late, sub.substitute_id) == ("substituted", 5, ids["V30002"])


def test_bad_rows_import_nothing_and_say_where(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine, _, _ = db
    with Session(engine) as session:
        report = import_signin(
            session,
            _write(
                tmp_path / "bad.csv",
                f",{A1},,,,,100001,到岗,,,",
                f",{A1},,,,,NOBODY,到岗,,,",
                f",{D1},,,,,A20001,迟到,,,",
                f",{K2},,,,,V30001,睡觉,,,",
                f",{S2},,,,,A20001,替岗,,,A20001",
                f",{A1},,,,,100001,缺岗,,,",
                ",JM-P001-1/2026-12-09/arrival,,,,,100001,到岗,,,",
            ),
        )
        more = import_signin(
            session,
            _write(
                tmp_path / "bad2.csv",
                f",{S2},,,,,A20001,替岗,,,NOBODY",
                f",{K2},,,,,V30001,,,7点,",
            ),
        )
    assert not report.ok
    found = [(e.row, e.column) for e in report.errors]
    assert found == [
        (3, "人员编号"),
        (4, "迟到分钟"),
        (5, "到岗情况"),
        (6, "替岗人编号"),
        (7, "人员编号"),
        (8, "班次"),
    ]
    assert "no such duty" in str(report.errors[-1])
    assert [(e.row, e.column) for e in more.errors] == [(2, "替岗人编号"), (3, "到岗时间")]
    with Session(engine) as session:
        assert session.exec(select(Attendance)).all() == []


def test_a_duty_moved_after_printing_is_named(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine, ids, _ = db
    with Session(engine) as session:
        code = sheet_code(_post(session, "JM-P001-1"), WEEK, 1)
        moved = [p for p in PAIRS if p != (A1, "100001")]
        republish(session, ids, moved)
        report = import_signin(
            session,
            _write(
                tmp_path / "stale.csv",
                f"{code},{A1},,,,,100001,到岗,,,",
                f"{code},{A1},,,,,V30001,到岗,,,",
            ),
        )
    assert [e.row for e in report.errors] == [2]
    assert "moved after printing" in str(report.errors[0])


def test_template_round_trip_xlsx(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine, _, _ = db
    path = tmp_path / "sheet.xlsx"
    with Session(engine) as session:
        code = sheet_code(_post(session, "JM-P001-1"), WEEK, 1)
        assert write_template(session, path, open_sheet(session, code).lines) == 3
    book = load_workbook(path)
    sheet = book.worksheets[0]
    for row in range(2, 5):
        sheet.cell(row, 8).value = "到岗"
    book.save(path)
    with Session(engine) as session:
        report = import_signin(session, path)
        assert report.ok and report.created == 3
        assert len(duty_lines(session, WEEK, SUNDAY, post_id=_post(session, "JM-P001-1"))) == 3


def test_report_and_hours_files(db, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    engine, ids, _ = db
    with Session(engine) as session:
        import_signin(
            session,
            _write(
                tmp_path / "in.csv",
                f",{A1},,,,,100001,到岗,,,",
                f",{A1},,,,,V30001,迟到,5,,",
                f",{K2},,,,,V30001,替岗,,,V30002",
            ),
        )
        for fmt in ("pdf", "xlsx", "csv"):
            assert write_report(session, tmp_path / f"r.{fmt}", fmt, WEEK, SUNDAY, Scope()) == 5
        text = (tmp_path / "r.csv").read_text(encoding="utf-8-sig")
        assert "Unguarded at a peak" in text and "66.7 %" in text
        book = load_workbook(tmp_path / "r.xlsx")
        assert "By person" in book.sheetnames
        lines = write_hours(
            session, tmp_path / "h.pdf", "pdf", WEEK, SUNDAY, Scope(), statements=True
        )
        assert [(ln.code, ln.minutes) for ln in lines] == [("V30001", 30), ("V30002", 35)]
        write_hours(
            session,
            tmp_path / "h.xlsx",
            "xlsx",
            WEEK,
            SUNDAY,
            Scope(school_id=ids["kinder"]),
            statements=False,
        )
    assert (tmp_path / "h.pdf").read_bytes().startswith(b"%PDF")
    sheet = load_workbook(tmp_path / "h.xlsx").worksheets[0]
    assert [c.value for c in sheet[2]][:2] == ["V30002", "赵敏"]
    assert sheet.cell(2, 7).value == "0.58"


def test_command_line(db, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    engine, _, path = db
    with Session(engine) as session:
        code = sheet_code(_post(session, "JM-P001-1"), WEEK, 1)
    db_args = ["--db", str(path)]
    assert main(["attendance", "record", "--sheet", code, "--all-present", *db_args]) == 0
    assert "recorded 3 new" in capsys.readouterr().out
    args = ["attendance", "record", "--session", K2.lower(), "--person", "v30001"]
    assert main([*args, "--status", "late", "--minutes", "7", *db_args]) == 0
    assert main([*args, "--status", "迟到", *db_args]) == 2
    assert "minutes late" in capsys.readouterr().err
    assert (
        main(
            [
                "attendance",
                "record",
                "--station",
                "JM",
                "--date",
                "2026-12-08",
                "--all-present",
                *db_args,
            ]
        )
        == 0
    )
    out = tmp_path / "t.pdf"
    report = ["attendance", "report", "--from", "2026-12-07", "--to", "2026-12-13"]
    assert main([*report, "--station", "jm", "--format", "pdf", "-o", str(out), *db_args]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    assert main([*report, "--school", "NOPE", "--format", "csv", "-o", str(out), *db_args]) == 2
    hours = ["attendance", "hours", "--term", "2026 秋季学期", "--statements"]
    assert main([*hours, "--format", "xlsx", "-o", str(tmp_path / "h.xlsx"), *db_args]) == 0
    # V30001: Monday arrival present (35 min) + Tuesday arrival 7 minutes late (28 min).
    assert "1 people, 1.05 hours" in capsys.readouterr().out
    bad = _write(tmp_path / "bad.csv", f",{A1},,,,,100001,睡觉,,,")
    assert main(["attendance", "import", str(bad), *db_args]) == 1
    turnout = ["attendance", "turnout", "--weeks", "2", "--today", "2026-12-13", *db_args]
    assert main(turnout) == 0
    assert "100.0 %" in capsys.readouterr().out


@needs_poppler
def test_the_printed_sign_in_sheet_carries_its_code_and_the_code_opens_it(
    db, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    engine, _, _ = db
    with Session(engine) as session:
        result = print_week(session, WEEK, PrintSelection("signin", post="JM-P001-1"), tmp_path)
        text = pdf_text(result.files[0])
        code = sheet_code(_post(session, "JM-P001-1"), WEEK, 1)
        assert "签到码" in text and code in text
        assert len(open_sheet(session, code).lines) == 3
