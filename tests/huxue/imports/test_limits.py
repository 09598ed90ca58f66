"""An imported value beyond its range in `solver.limits` is a row error naming its column."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session

from huxue.i18n import set_language
from huxue.imports import import_file
from solver.limits import LIMITS
from tests.huxue.imports.helpers import nothing, write


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    yield
    set_language("en")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_an_import_beyond_a_limit_names_its_column(
    stations: Session, tmp_path: Path, language: str
) -> None:
    set_language(language)
    high = int(LIMITS["max_per_week"].high)
    header = "编号,姓名,身份,派出所,电话,每日上限,每周上限,可用时段\n"
    path = write(tmp_path / "p.csv", header + f"P1,张三,民警,JM,,2,{high + 1},\n")
    report = import_file(stations, "people", path)
    assert [(e.row, e.column) for e in report.errors] == [(2, "每周上限")]
    words = "须在 0–" if language == "zh_CN" else "must lie within 0–"
    assert f"{words}{high}" in report.errors[0].reason
    nothing(stations)
