"""Checking rows: each error names row, column, value and reason; nothing is imported; every
record keeps the editors' rules."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from sqlmodel import Session, select

from huxue.imports import (
    RowError,
    import_file,
)
from huxue.models import (
    BellTime,
    Person,
    School,
)
from tests.huxue.imports.helpers import SCHOOLS_CSV, nothing, write


def test_missing_column(stations: Session, tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", "编号,姓名,派出所\nP1,张三,JM\n")
    report = import_file(stations, "people", path)
    assert report.errors == [RowError(1, "身份", "", "missing column")]
    nothing(stations)


def test_bad_values_name_row_column_value_and_reason(stations: Session, tmp_path: Path) -> None:
    path = write(
        tmp_path / "bells.csv",
        "学校类型,星期,时段,开始,结束\n"
        "小学,1-5,早入校,7:20,07:55\n"
        "小学,1,放学,25:00,17:00\n"
        "小学,8,午间,12:00,11:00\n"
        "大学,1,晚自习,19:00,20:00\n",
    )
    report = import_file(stations, "bells", path)
    assert not report.ok
    assert RowError(3, "开始", "25:00", "not a time of day") in report.errors
    assert RowError(4, "星期", "8", "not a weekday (1–7 or 周一…周日)") in report.errors
    end_error = RowError(4, "结束", "11:00", "the end must come after the start (12:00 – 11:00)")
    assert end_error in report.errors
    assert any(e.row == 5 and e.column == "学校类型" and e.value == "大学" for e in report.errors)
    assert not any(e.row == 2 for e in report.errors)
    assert stations.exec(select(BellTime)).all() == []
    assert "row 3, column 开始: '25:00' not a time of day" in [str(e) for e in report.errors]


def test_unknown_station_and_duplicate_code(stations: Session, tmp_path: Path) -> None:
    path = write(
        tmp_path / "people.csv",
        "编号,姓名,身份,派出所,电话\n"
        "P1,张三,民警,JM,13800000000\n"
        "P2,李四,辅警,HX,13800000001\n"
        "P1,王五,保安,XL,13800000002\n"
        "P3,赵六,警察,XL,abc\n",
    )
    report = import_file(stations, "people", path)
    assert RowError(3, "派出所", "HX", "unknown station") in report.errors
    assert RowError(4, "编号", "P1", "duplicate of row 2") in report.errors
    assert any(e.row == 5 and e.column == "身份" for e in report.errors)
    assert any(e.row == 5 and e.column == "电话" for e in report.errors)
    assert [e.row for e in report.errors] == sorted(e.row for e in report.errors)
    nothing(stations)


def test_ten_thousand_rows_with_one_bad_row_importnothing(
    stations: Session, tmp_path: Path
) -> None:
    lines = ["编号,姓名,身份,派出所,电话"]
    lines += [f"V{i:05d},志愿者{i},志愿者,JM,139{i:08d}" for i in range(10_000)]
    lines[9_000] = "V08999,志愿者8999,志愿者,JM,139-bad-phone"
    path = write(tmp_path / "many.csv", "\n".join(lines) + "\n")
    report = import_file(stations, "people", path)
    assert [(e.row, e.column) for e in report.errors] == [(9_001, "电话")]
    assert report.rows == 10_000
    assert stations.exec(select(Person)).first() is None


ROUND_TRIP_POSTS = (
    "岗位代码,学校代码,岗位名称,风险等级,纬度,经度,早入校民警,早入校警力,早入校总人数,放学总人数\n"
    "JM-P001-1,JM-P001,北门,3,24.5790,118.0980,1,1,3,2\n"
    "JM-P001-2,JM-P001,南门,1,,,,,,\n"
    "XL-M001-1,XL-M001,正门,2,,,0,2,2,\n"
)
ROUND_TRIP_BELLS = (
    "学校代码,学校类型,星期,时段,序号,开始,结束\n"
    ",小学,1-5,早入校,,7:20,07:55\n"
    "JM-P001,,周一至周五,放学,,16:30,17:10\n"
    "JM-P001,,3,放学,2,17:30,18:00\n"
    "XL-M001,,1-5,晚自习,,20:40,21:10\n"
)
ROUND_TRIP_PEOPLE = (
    "编号,姓名,身份,派出所,电话,纬度,经度,每日上限,每周上限,偏好学校,可用时段\n"
    "051234,张鹏,民警,JM,+86 138 1234 5678,24.60,118.10,2,6,,\n"
    "V001,李梅,志愿者,XL,(0592)6012345,,,1,3,JM-P001、XL-M001,1-5 07:00-09:00; 6 08:00-12:00\n"
    "S001,王强,保安,集美派出所,66123,,,,,,\n"
)


def test_every_imported_row_is_saved_again_unchanged_by_the_editors(
    stations: Session, tmp_path: Path
) -> None:
    from huxue import editing

    files = {
        "schools": SCHOOLS_CSV,
        "posts": ROUND_TRIP_POSTS,
        "bells": ROUND_TRIP_BELLS,
        "people": ROUND_TRIP_PEOPLE,
    }
    for kind, text in files.items():
        report = import_file(stations, kind, write(tmp_path / f"{kind}.csv", text))
        assert report.ok, (kind, report.errors)
    school_ids = [s.id for s in stations.exec(select(School)).all()]
    person_ids = [p.id for p in stations.exec(select(Person)).all()]
    assert len(school_ids) == 3 and len(person_ids) == 3
    for school_id in school_ids:
        assert school_id is not None
        before = editing.load_school(stations, school_id)
        assert editing.save_school(stations, before) == school_id
        after = editing.load_school(stations, school_id)
        assert replace(after, row_version=None) == replace(before, row_version=None)
    for person_id in person_ids:
        assert person_id is not None
        before = editing.load_person(stations, person_id)
        assert editing.save_person(stations, before) == person_id
        after = editing.load_person(stations, person_id)
        assert replace(after, row_version=None) == replace(before, row_version=None)
    stations.commit()


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("P9,赵六,辅警,JM,,5,3,", "每日上限"),  # more a day than a week
        ("P9,赵六,辅警,JM,,,,1 07:00-09:00; 1 08:30-10:00", "可用时段"),  # overlapping windows
        ("P9,赵六,辅警,JM,,,,1-5 09:00-09:00", "可用时段"),  # ends as it starts
    ],
)
def test_a_person_the_editor_would_refuse_is_not_imported(
    stations: Session, tmp_path: Path, row: str, column: str
) -> None:
    header = "编号,姓名,身份,派出所,电话,每日上限,每周上限,可用时段\n"
    path = write(tmp_path / "p.csv", header + row)
    report = import_file(stations, "people", path)
    assert [(e.row, e.column) for e in report.errors] == [(2, column)]
    nothing(stations)


def test_bell_rows_the_editor_would_refuse_are_not_imported(
    stations: Session, tmp_path: Path
) -> None:
    assert import_file(stations, "schools", write(tmp_path / "s.csv", SCHOOLS_CSV)).ok
    overlapping = (
        "学校代码,学校类型,星期,时段,序号,开始,结束\n"
        "JM-P001,,1,放学,,16:30,17:10\n"
        "JM-P001,,1,放学,2,17:00,17:40\n"
    )
    report = import_file(stations, "bells", write(tmp_path / "b.csv", overlapping))
    assert [(e.row, e.column) for e in report.errors] == [(3, "开始")]
    assert stations.exec(select(BellTime)).all() == []
    # Also against the rows already stored: a second window of the day that overlaps.
    first = "学校代码,学校类型,星期,时段,开始,结束\nJM-P001,,1,放学,16:30,17:10\n"
    assert import_file(stations, "bells", write(tmp_path / "b1.csv", first)).ok
    second = "学校代码,学校类型,星期,时段,开始,结束\nJM-P001,,1,晚自习,17:00,18:00\n"
    report = import_file(stations, "bells", write(tmp_path / "b2.csv", second))
    assert [(e.row, e.column) for e in report.errors] == [(2, "开始")]
    assert len(stations.exec(select(BellTime)).all()) == 1


def test_a_bell_sequence_out_of_range_is_reported_at_its_row(
    stations: Session, tmp_path: Path
) -> None:
    assert import_file(stations, "schools", write(tmp_path / "s.csv", SCHOOLS_CSV)).ok
    rows = (
        "学校代码,学校类型,星期,时段,序号,开始,结束\n"
        "JM-P001,,1,放学,,16:30,17:10\n"
        "JM-P001,,1,晚自习,12,19:00,19:30\n"
    )
    report = import_file(stations, "bells", write(tmp_path / "b.csv", rows))
    assert [(e.row, e.column) for e in report.errors] == [(3, "序号")]
