"""Reading import files: typed XLSX cells, GBK and BOM-less CSV, empty and unreadable files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import Session, select

from huxue.errors import InputError
from huxue.imports import (
    import_file,
    write_template,
)
from huxue.models import (
    School,
)
from tests.huxue.imports.helpers import SCHOOLS_CSV, write


def test_xlsx_import_with_typed_cells(stations: Session, tmp_path: Path) -> None:
    assert import_file(stations, "schools", write(tmp_path / "s.csv", SCHOOLS_CSV)).ok
    path = write_template("bells", tmp_path / "bells.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet.append(["JM-P001", None, 1, "早入校", 1, dt.time(7, 20), dt.time(7, 55)])
    sheet.append([None, "幼儿园", "1-5", "dismissal", None, "16:00", "16:40"])
    book.save(path)
    report = import_file(stations, "bells", path)
    assert report.ok, report.errors
    assert report.created == 6


def test_gbk_csv_is_detected(stations: Session, tmp_path: Path) -> None:
    path = write(tmp_path / "gbk.csv", SCHOOLS_CSV, encoding="gbk")
    with pytest.raises(UnicodeDecodeError):
        path.read_bytes().decode("utf-8")
    report = import_file(stations, "schools", path)
    assert report.ok and report.created == 3
    names = {s.name for s in stations.exec(select(School)).all()}
    assert names == {"集美小学", "乐安幼儿园", "杏林中学"}


def test_utf8_without_bom_and_unused_columns(stations: Session, tmp_path: Path) -> None:
    path = write(tmp_path / "plain.csv", "序号," + SCHOOLS_CSV.replace("\n", "\n1,", 3)[:-2])
    report = import_file(stations, "schools", path)
    assert report.ok, report.errors
    assert report.warnings == ["column '序号' is not used"]


def test_empty_file_and_unreadable_files(stations: Session, tmp_path: Path) -> None:
    report = import_file(stations, "people", write(tmp_path / "empty.csv", ""))
    assert not report.ok and "empty" in report.errors[0].reason
    report = import_file(stations, "people", write(tmp_path / "blank.csv", "\n\n,,\n"))
    assert not report.ok
    with pytest.raises(InputError, match="not a readable Excel"):
        import_file(stations, "people", write(tmp_path / "fake.xlsx", "not a zip"))
    with pytest.raises(InputError, match=".xlsx or .csv"):
        import_file(stations, "people", write(tmp_path / "people.txt", "x"))
    (tmp_path / "bin.csv").write_bytes(b"\xff\xfe\x00\x81\x30\xff")
    with pytest.raises(InputError, match="neither UTF-8 nor GBK"):
        import_file(stations, "people", tmp_path / "bin.csv")
