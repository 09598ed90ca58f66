"""Import templates: every column, accepted as an empty file; only .xlsx and .csv."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlmodel import Session

from huxue import imports
from huxue.errors import InputError
from huxue.imports import (
    COLUMNS,
    import_file,
    write_template,
)


@pytest.mark.parametrize("kind", imports.KINDS)
def test_templates_have_every_column_and_import_as_empty(
    stations: Session, tmp_path: Path, kind: str
) -> None:
    labels = [c.label for c in COLUMNS[kind]]
    xlsx = write_template(kind, tmp_path / f"{kind}.xlsx")
    book = openpyxl.load_workbook(xlsx)
    assert [c.value for c in book.worksheets[0][1]] == labels
    assert "说明" in book.sheetnames
    csv_file = write_template(kind, tmp_path / f"{kind}.csv")
    raw = csv_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode("utf-8").strip().split(",") == labels
    for path in (xlsx, csv_file):
        report = import_file(stations, kind, path)
        assert not report.ok
        assert [e.reason for e in report.errors] == ["the file has no data rows"]


def test_template_refuses_other_suffixes(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        write_template("people", tmp_path / "people.txt")
    with pytest.raises(InputError):
        write_template("rooms", tmp_path / "rooms.csv")
