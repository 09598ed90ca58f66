"""Outputs never clobber, every option has one parser and a range, bad input never ends in a
traceback, and a closed pipe never undoes work (issue: hardening files, restore and input)."""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select

from huxue.cli import main
from huxue.errors import InputError
from huxue.files import (
    atomic_output,
    leftover_temporaries,
    output_policy,
    read_json,
    write_output,
)
from huxue.i18n import set_language
from huxue.models import Roster
from solver.instance import InstanceError, load_instance
from tests.huxue.test_reports import WEEK, build_week_db
from tests.solver.builders import doc, person, session


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield


@pytest.fixture(scope="module")
def source_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hardening") / "week.db"
    build_week_db(path).dispose()
    return path


@pytest.fixture
def db(source_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "work.db"
    shutil.copy(source_db, copy)
    return copy


def one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    return lines[0]


# --- outputs never clobber ------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ["backup"],
        ["export", "--week", WEEK.isoformat(), "--format", "csv"],
        ["instance", "--week", WEEK.isoformat()],
    ],
    ids=["backup", "export", "instance"],
)
def test_no_output_onto_the_database_in_use(
    db: Path, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    assert main([*command, "-o", str(db), "--db", str(db), "--force"]) == 2
    assert "database in use" in one_error_line(capsys)
    assert db.read_bytes() == before
    assert main(["backup", "-o", str(db.with_name("ok.json")), "--db", str(db)]) == 0


def test_an_existing_file_is_replaced_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filled = tmp_path / "people.csv"
    filled.write_text("编号,姓名\nP1,张三\n", encoding="utf-8")
    assert main(["template", "--kind", "people", "-o", str(filled)]) == 2
    assert "--force" in one_error_line(capsys)
    assert "张三" in filled.read_text(encoding="utf-8")
    assert main(["template", "--kind", "people", "-o", str(filled), "--force"]) == 0
    assert "张三" not in filled.read_text(encoding="utf-8-sig")


def test_not_a_regular_file_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    assert main(["backup", "--db", str(db), "-o", str(folder), "--force"]) == 2
    assert "not a regular file" in one_error_line(capsys)
    assert folder.is_dir() and not any(folder.iterdir())
    if Path("/dev/full").exists():
        assert main(["backup", "--db", str(db), "-o", "/dev/full", "--force"]) == 2
        assert "not a regular file" in one_error_line(capsys)
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old", encoding="utf-8")
    with output_policy(force=True), pytest.raises(RuntimeError), atomic_output(target) as tmp:
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("crash while writing")
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]
    with output_policy(force=True):
        write_output(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_outside_a_policy_nothing_existing_is_replaced(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    write_output(target, "first")
    with pytest.raises(InputError, match="exists"):
        write_output(target, "second")
    assert target.read_text(encoding="utf-8") == "first"


# --- no traceback on bad input --------------------------------------------------------------


def _instance_file(tmp_path: Path, **change: object) -> str:
    data = doc(sessions=[session("S1", "PA", "07:20", "07:55")], people=[person("E1")])
    data.update(change)
    path = tmp_path / "in.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_json_nested_too_deep_or_numbers_too_long(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    long = tmp_path / "long.json"
    long.write_text('{"format": "huxue-instance/1", "x": ' + "9" * 5000 + "}", encoding="utf-8")
    for path, words in ((deep, "nested too deep"), (long, "too long")):
        assert main(["verify", str(path), str(path)]) == 2
        assert words in one_error_line(capsys)
        with pytest.raises(InputError):
            read_json(path, "file")


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda d: d["stations"][0].update(lat=10**400), '"lat"'),
        (lambda d: d["sessions"][0]["need"].update(total=10**18), '"total"'),
        (lambda d: d["sessions"][0].update(date="2027-03-01"), "outside the week"),
        (lambda d: d.update(rules={"seed": 2**70}), '"seed"'),
        (lambda d: d.update(rules={"weights": {"change": 10**20}}), '"change"'),
        (lambda d: d["people"][0].update(max_per_week=10**30), '"max_per_week"'),
        (lambda d: d["people"][0].update(history_load=1e300), '"history_load"'),
        (lambda d: d.update(week_start="9999-12-27"), '"week_start"'),
    ],
)
def test_values_beyond_their_range_are_refused_by_name(mutate, words: str) -> None:  # type: ignore[no-untyped-def]
    data = doc(sessions=[session("S1", "PA", "07:20", "07:55")], people=[person("E1")])
    mutate(data)
    with pytest.raises(InstanceError, match=words):
        load_instance(data)


@pytest.mark.parametrize(
    "argv",
    [
        ["solve-file", "{inp}", "-o", "{out}", "--seed", "99999999999999999999999"],
        ["solve-file", "{inp}", "-o", "{out}", "--time-limit", "nan"],
        ["solve-file", "{inp}", "-o", "{out}", "--time-limit", "inf"],
        ["solve", "--week", "2026-12-07", "--db", "{db}", "--time-limit", "0"],
        ["solve", "--week", "2026-12-07", "--db", "{db}", "--time-limit", "-5"],
        ["solve", "--week", "2026-12-07", "--db", "{db}", "--workers", "0"],
        ["instance", "--week", "9999-12-31", "--db", "{db}", "-o", "{out}"],
        ["instance", "--week", "2026-12-07", "--db", "mysql://u@h/x", "-o", "{out}"],
        [
            "repair",
            "--week",
            "2026-12-07",
            "--db",
            "{db}",
            "--person",
            "X",
            "--from",
            "2026-12-08",
            "--to",
            "2026-12-08",
            "--reason",
            "x" * 5000,
        ],
        ["demo", "--seed", str(2**70), "--db", "{out}"],
    ],
)
def test_bad_options_are_one_line_and_exit_2(
    argv: list[str], db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    values = {"inp": _instance_file(tmp_path), "out": str(tmp_path / "out.json"), "db": str(db)}
    try:
        code = main([a.format(**values) if a.startswith("{") else a for a in argv])
    except SystemExit as stopped:  # the option parser refuses before the command runs
        code = int(stopped.code or 0)
    assert code == 2
    one_error_line(capsys)
    assert db.read_bytes() == before


def test_a_mistyped_database_creates_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    out = str(tmp_path / "x.json")
    assert main(["instance", "--week", "2026-12-07", "--db", "::::", "-o", out]) == 2
    assert "::::" in one_error_line(capsys)
    assert list(tmp_path.iterdir()) == []


def test_an_unreachable_server_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    url = "postgresql://postgres@127.0.0.1:1/nothing"
    assert main(["instance", "--week", "2026-12-07", "--db", url, "-o", "/tmp/none.json"]) == 2
    assert "127.0.0.1" in one_error_line(capsys)


# --- printing after the commit --------------------------------------------------------------


class ClosedPipe:
    """stdout whose reader has gone: every write fails as with `… | head -0`."""

    def write(self, _text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        raise BrokenPipeError(32, "Broken pipe")


def test_a_closed_pipe_never_undoes_a_solve(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from huxue.database import open_database

    engine = open_database(db)
    with Session(engine) as s:
        before = [(r.id, r.stats_json) for r in s.exec(select(Roster))]
    monkeypatch.setattr("sys.stdout", ClosedPipe())
    argv = ["solve", "--week", WEEK.isoformat(), "--db", str(db)]
    assert main([*argv, "--time-limit", "1", "--workers", "1"]) == 0
    with Session(engine) as s:
        assert [(r.id, r.stats_json) for r in s.exec(select(Roster))] != before
    engine.dispose()


def test_an_enrolment_beyond_a_database_integer_is_a_row_error(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = db.read_bytes()
    path = tmp_path / "schools.csv"
    path.write_text(
        "学校代码,学校名称,学校类型,派出所,在校人数\nZZ-1,测试学校,小学,JM,99999999999999999999999\n",
        encoding="utf-8",
    )
    assert main(["import", "--kind", "schools", str(path), "--db", str(db)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.err and "在校人数" in out.out
    assert db.read_bytes() == before


def test_an_output_gets_the_permissions_of_a_plainly_written_file(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    written = write_output(tmp_path / "out.txt", "x")
    assert stat.S_IMODE(written.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode)


# A writer that stops inside `atomic_output` with half its content written and says so.
_HALF_WRITER = """
import sys, time
from pathlib import Path
from huxue.files import atomic_output
with atomic_output(Path(sys.argv[1])) as tmp:
    tmp.write_bytes(b"half a backup")
    print(tmp, flush=True)
    time.sleep(120)
"""


def test_a_killed_writer_leaves_a_temporary_the_next_write_removes(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    if os.name != "posix":
        pytest.skip("kill -9 of a child process")
    target = tmp_path / "week.backup.json"
    child = subprocess.Popen(
        [sys.executable, "-c", _HALF_WRITER, str(target)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    try:
        assert child.stdout is not None
        left = Path(child.stdout.readline().strip())
        assert left.exists()  # the writer is at work: its temporary is not a leftover
        assert leftover_temporaries(target) == []
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert left.exists() and not target.exists()
    assert leftover_temporaries(target) == [left]
    # Another target's temporaries in the same folder are not this target's leftovers.
    other = tmp_path / f"week.backup.{child.pid}.json"
    assert leftover_temporaries(other) == []
    write_output(target, "whole")
    assert target.read_text(encoding="utf-8") == "whole"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_a_live_writers_temporary_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    with output_policy(force=True), atomic_output(target) as mine:
        mine.write_text("at work", encoding="utf-8")
        # A second write to the same target meanwhile leaves this writer's file alone.
        write_output(target, "other")
        assert mine.exists()
    assert target.read_text(encoding="utf-8") == "at work"
    assert leftover_temporaries(target) == []
