"""Codes match without regard to case, and an exact match still wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from huxue.codes import match_code


def test_exact_then_the_only_one_alike() -> None:
    rows = [("JM", 1), ("QY", 2)]
    assert match_code(rows, "JM") == 1
    assert match_code(rows, "jm") == 1
    assert match_code(rows, " qy ") == 2
    assert match_code(rows, "XX") is None
    # Two codes that differ only in case: typed exactly, each is found; otherwise neither.
    both = [("ab", 1), ("AB", 2)]
    assert match_code(both, "AB") == 2 and match_code(both, "ab") == 1
    assert match_code(both, "Ab") is None


@pytest.mark.parametrize("code", ["jm", "Jm"])
def test_the_command_line_takes_a_station_code_in_any_case(
    tmp_path: Path, code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from huxue.cli import main

    db = tmp_path / "d.db"
    assert main(["demo", "--size", "small", "--db", str(db)]) == 0
    out = tmp_path / "w.json"
    assert (
        main(
            ["instance", "--db", str(db), "--week", "2026-12-07", "-o", str(out), "--station", code]
        )
        == 0
    )
    assert out.is_file()
    assert (
        main(
            [
                "instance",
                "--db",
                str(db),
                "--week",
                "2026-12-07",
                "-o",
                str(out),
                "--station",
                "nope",
                "--force",
            ]
        )
        == 2
    )
    assert "unknown station" in capsys.readouterr().err
