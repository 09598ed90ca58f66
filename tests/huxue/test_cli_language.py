"""The command line in the planner's language: every option has a help line with its Chinese,
`--help` and argparse's own words in Chinese, summaries and short posts by name, progress on a
terminal only, `init` as the one way (with `demo`) to create a database."""

from __future__ import annotations

import argparse
import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from huxue.cli import build_parser, main, words
from huxue.cli.progress import progress
from huxue.i18n import set_language

ROOT = Path(__file__).resolve().parents[2]


def _all_parsers() -> list[argparse.ArgumentParser]:
    from ui.cli import register  # the window's own sub-commands (no Qt import at this point)

    return list(words.parsers(build_parser((register,))))


def test_every_option_of_every_sub_command_has_a_help_line_and_its_chinese() -> None:
    parsers = _all_parsers()
    assert len(parsers) > 25  # sub-commands and the attendance group's own
    missing, untranslated = [], []
    for parser in parsers:
        for text, action in words.help_texts(parser):
            if action is not None and not text:
                missing.append(f"{parser.prog} {action.option_strings or action.dest}")
            elif text and text not in words.HELP_ZH:
                untranslated.append(f"{parser.prog}: {text}")
    assert missing == []
    assert untranslated == []


def test_help_is_chinese_down_to_argparse_own_words(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "zh_CN", "solve", "--help"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：huxue solve")
    assert "选项" in out and "显示本帮助并退出" in out
    assert "该周的周一（任一天都选中它所在的周）" in out
    assert "options" not in out and "the week's Monday" not in out

    assert main(["--lang", "zh_CN", "--help"]) == 0
    out = capsys.readouterr().out
    assert "子命令" in out and "新建空数据库" in out and "把一周的表打印为 PDF" in out

    assert main(["--lang", "zh_CN", "solve"]) == 2
    err = capsys.readouterr().err
    assert err == "huxue solve: 错误：缺少必需的参数：--week\n"

    # English stays English afterwards.
    set_language("en")
    assert main(["solve"]) == 2
    assert capsys.readouterr().err == (
        "huxue solve: error: the following arguments are required: --week\n"
    )


def test_huxue_lang_makes_help_chinese_in_a_new_process(tmp_path: Path) -> None:
    env = {**os.environ, "HUXUE_LANG": "zh_CN", "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--help"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("用法：") and "位置参数" not in done.stdout.split("\n")[0]


def test_a_missing_database_is_refused_and_init_creates_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "new.db"
    set_language("zh_CN")
    assert main(["solve", "--week", "2026-12-07", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "没有数据库文件" in err and "init" in err
    assert not path.exists()
    assert main(["init", "--db", str(path)]) == 0
    assert "已就绪" in capsys.readouterr().out and path.is_file()
    assert main(["init", "--db", str(path)]) == 0
    assert (
        main(
            ["instance", "--week", "2026-12-07", "--db", str(path), "-o", str(tmp_path / "x.json")]
        )
        == 0
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_and_stays_quiet_when_piped() -> None:
    piped = io.StringIO()
    with progress(("求解", "solving"), ("个座位已排", "seats filled"), 10, piped) as update:
        update(3)
        update(10)
    assert piped.getvalue() == ""

    set_language("zh_CN")
    terminal = _Terminal()
    with progress(("打印", "printing"), ("张", "sheets"), stream=terminal) as update:
        update(3, 12)
        update(12, 12)
    shown = terminal.getvalue()
    assert "打印：12/12 张" in shown and "已用 00:0" in shown


def _run_on_a_pty(args: list[str], cwd: Path) -> tuple[int, str]:
    """Run main.py with stderr on a pseudo terminal and stdout on a pipe."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *args],
        stdout=subprocess.PIPE,
        stderr=follower,
        env=env,
        cwd=cwd,
    )
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
    out, _ = child.communicate()
    os.close(leader)
    assert child.returncode == 0, seen.decode(errors="replace")
    return child.returncode, seen.decode("utf-8", errors="replace") + "\0" + out.decode()


@pytest.mark.skipif(sys.platform == "win32", reason="pseudo terminals are POSIX")
def test_a_long_job_draws_its_progress_on_the_terminal_only(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    _, shown = _run_on_a_pty(
        ["--lang", "zh_CN", "demo", "--size", "small", "--db", str(db)], tmp_path
    )
    terminal, piped = shown.split("\0")
    assert "生成演示辖区" in terminal and "步" in terminal
    assert "生成演示辖区" not in piped and "\r" not in piped
    _, shown = _run_on_a_pty(
        ["--lang", "zh_CN", "solve", "--week", "2026-12-07", "--time-limit", "3", "--db", str(db)],
        tmp_path,
    )
    terminal, piped = shown.split("\0")
    assert "求解" in terminal and "个座位已排" in terminal and "已用" in terminal
    assert "求解：" not in piped and "已存为 2026-12-07 一周的排班草稿" in piped


def test_short_posts_are_named_riskiest_first(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlmodel import Session, select

    from huxue.database import open_database
    from huxue.models import Person

    db = tmp_path / "d.db"
    assert main(["demo", "--size", "small", "--db", str(db)]) == 0
    engine = open_database(db)
    with Session(engine) as session:  # most police inactive: police seats stay short
        police = session.exec(select(Person).where(Person.role == "police")).all()
        for person in police[1:]:
            person.active = False
            session.add(person)
        session.commit()
    engine.dispose()
    capsys.readouterr()
    set_language("zh_CN")
    args = ["solve", "--week", "2026-12-07", "--time-limit", "3", "--db", str(db)]
    assert main(args) == 0
    out = capsys.readouterr().out
    named = [line for line in out.splitlines() if line.startswith("  [")]
    assert named, out
    assert named[0].startswith("  [高风险] ")
    risks = ["高中低".index(line[3]) for line in named]
    assert risks == sorted(risks)
    assert "/2026-12-" not in "\n".join(named)  # names, not session keys
    assert "缺员：高风险" in out
