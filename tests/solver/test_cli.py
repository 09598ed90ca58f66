"""`solve-file` and `verify` from the command line: exit codes and one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from huxue.cli import main
from tests.solver.builders import doc, person, session


def write(path: Path, data: object) -> str:
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def test_solve_file_then_verify(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = doc(
        sessions=[session("a", "PA", "07:20", "07:55"), session("b", "PB", "07:30", "08:00")],
        people=[person("E1")],
    )
    inp = write(tmp_path / "in.json", data)
    out = str(tmp_path / "out.json")
    assert main(["solve-file", inp, "-o", out, "--time-limit", "2", "--workers", "1"]) == 0
    roster = json.loads(Path(out).read_text(encoding="utf-8"))
    assert roster["format"] == "huxue-roster/1" and len(roster["shortages"]) == 1
    assert "status" in capsys.readouterr().out
    assert main(["verify", inp, out]) == 0
    roster["assignments"].append(
        {"session": "b" if roster["assignments"][0]["session"] == "a" else "a", "person": "E1"}
    )
    bad = write(tmp_path / "bad.json", roster)
    assert main(["verify", inp, bad]) == 1
    assert "overlap" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"format": "huxue-instance/9"}),
        json.dumps(doc(sessions=[session("a", "PX", "07:20", "07:55")], people=[])),
    ],
)
def test_unusable_instance_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    assert main(["solve-file", str(path), "-o", str(tmp_path / "o.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and "\n" not in err and "Traceback" not in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(tmp_path / "nope.json"), str(tmp_path / "r.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


@pytest.mark.parametrize("limit", ["inf", "nan", "0", "-1"])
def test_a_time_limit_that_never_ends_is_refused_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], limit: str
) -> None:
    inp = write(
        tmp_path / "in.json", doc(sessions=[session("a", "PA", "07:20", "07:55")], people=[])
    )
    out = tmp_path / "o.json"
    assert main(["solve-file", inp, "-o", str(out), "--time-limit", limit]) == 2
    err = capsys.readouterr().err.strip()
    assert "error:" in err and "--time-limit" in err and "\n" not in err
    assert not out.exists()


def test_the_summary_lists_short_sessions_with_their_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from huxue import i18n

    data = doc(sessions=[session("a", "PA", "07:20", "07:55", (0, 0, 2))], people=[person("E1")])
    inp = write(tmp_path / "in.json", data)
    before = i18n.language()
    try:
        assert main(["--lang", "en", "solve-file", inp, "-o", str(tmp_path / "o.json")]) == 0
    finally:
        i18n.set_language(before)
    out = capsys.readouterr().out
    assert "  a: Short of 1 people: all 1 eligible people are already at this post" in out
