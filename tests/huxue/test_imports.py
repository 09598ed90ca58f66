"""Imports: templates, row-level errors that import nothing, updates by code, GBK files, and
coordinate conversion."""

from __future__ import annotations

import datetime as dt
import math
import time
from pathlib import Path

import openpyxl
import pytest
from sqlmodel import Session, select

from huxue import imports
from huxue.cli import main
from huxue.database import open_database
from huxue.errors import InputError
from huxue.imports import (
    COLUMNS,
    RowError,
    bd09_to_gcj02,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    import_file,
    parse_availability,
    parse_weekdays,
    to_wgs84,
    wgs84_to_gcj02,
    write_template,
)
from huxue.models import (
    Availability,
    BellTime,
    Person,
    PersonSchool,
    Post,
    PostNeed,
    School,
    Station,
)


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat = math.radians((a[0] + b[0]) / 2)
    dy = (a[0] - b[0]) * 111_320
    dx = (a[1] - b[1]) * 111_320 * math.cos(lat)
    return math.hypot(dx, dy)


@pytest.fixture
def stations(session: Session) -> Session:
    session.add_all([Station(code="JM", name="集美派出所"), Station(code="XL", name="杏林派出所")])
    session.commit()
    return session


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


SCHOOLS_CSV = (
    "学校代码,学校名称,学校类型,派出所,地址,纬度,经度,坐标系,在校人数\n"
    "JM-P001,集美小学,小学,JM,集美区石鼓路1号,24.5786,118.0978,GCJ-02,1200\n"
    "JM-K001,乐安幼儿园,幼儿园,集美派出所,,,,,\n"
    "XL-M001,杏林中学,初中,XL,,24.58,118.06,百度,900\n"
)


# --------------------------------------------------------------------------------------------
# coordinates


@pytest.mark.parametrize(
    "point", [(24.5786, 118.0978), (39.9087, 116.3975), (22.5431, 114.0579), (45.75, 126.63)]
)
def test_coordinate_round_trips_stay_within_a_metre(point: tuple[float, float]) -> None:
    gcj = wgs84_to_gcj02(*point)
    assert 100 < metres(gcj, point) < 1000  # the published shift: a few hundred metres
    assert metres(gcj02_to_wgs84(*gcj), point) < 1.0
    bd = gcj02_to_bd09(*gcj)
    assert metres(bd, gcj) > 100
    assert metres(bd09_to_gcj02(*bd), gcj) < 1.0
    assert metres(to_wgs84(*bd, "BD-09"), point) < 1.0
    assert metres(to_wgs84(*gcj, "GCJ-02"), point) < 1.0
    assert to_wgs84(*point, "WGS-84") == point


def test_outside_china_gcj_equals_wgs() -> None:
    assert wgs84_to_gcj02(48.85, 2.35) == (48.85, 2.35)


# --------------------------------------------------------------------------------------------
# templates


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


# --------------------------------------------------------------------------------------------
# happy paths and updates


def test_schools_import_converts_coordinates_and_updates_by_code(
    stations: Session, tmp_path: Path
) -> None:
    path = write(tmp_path / "schools.csv", SCHOOLS_CSV)
    report = import_file(stations, "schools", path)
    assert report.ok and (report.created, report.updated) == (3, 0)
    school = stations.exec(select(School).where(School.code == "JM-P001")).one()
    assert school.kind == "primary" and school.enrolment == 1200
    assert school.lat is not None and school.lon is not None
    assert metres(wgs84_to_gcj02(school.lat, school.lon), (24.5786, 118.0978)) < 1.0
    kinder = stations.exec(select(School).where(School.code == "JM-K001")).one()
    assert kinder.lat is None and kinder.station_id == school.station_id
    # Re-import: same rows are updated in place, a changed name is taken.
    path = write(tmp_path / "schools.csv", SCHOOLS_CSV.replace("集美小学", "集美第一小学"))
    report = import_file(stations, "schools", path)
    assert report.ok and (report.created, report.updated) == (0, 3)
    assert len(stations.exec(select(School)).all()) == 3
    stations.refresh(school)
    assert school.name == "集美第一小学"


def test_posts_bells_and_people(stations: Session, tmp_path: Path) -> None:
    assert import_file(stations, "schools", write(tmp_path / "s.csv", SCHOOLS_CSV)).ok
    posts = write(
        tmp_path / "posts.csv",
        "岗位代码,学校代码,岗位名称,风险等级,早入校民警,早入校警力,早入校总人数,放学总人数\n"
        "JM-P001-1,JM-P001,北门,3,1,1,3,2\n"
        "JM-P001-2,JM-P001,南门,1,,,,\n",
    )
    report = import_file(stations, "posts", posts)
    assert report.ok, report.errors
    north = stations.exec(select(Post).where(Post.code == "JM-P001-1")).one()
    needs = {
        n.kind: (n.police, n.officers, n.total)
        for n in stations.exec(select(PostNeed).where(PostNeed.post_id == north.id))
    }
    assert needs == {"arrival": (1, 1, 3), "dismissal": (0, 0, 2)}
    assert north.risk == 3

    bells = write(
        tmp_path / "bells.csv",
        "学校代码,学校类型,星期,时段,序号,开始,结束\n"
        ",小学,1-5,早入校,,7:20,07:55\n"
        "JM-P001,,周一至周五,放学,,16:30,17:10\n"
        "JM-P001,,3,放学,2,17:30,18:00\n",
    )
    report = import_file(stations, "bells", bells)
    assert report.ok, report.errors
    assert report.created == 11
    assert import_file(stations, "bells", bells).updated == 11
    rows = stations.exec(select(BellTime)).all()
    assert len(rows) == 11
    assert {(r.weekday, r.seq) for r in rows if r.seq == 2} == {(2, 2)}
    assert all(r.start < r.end for r in rows)

    people = write(
        tmp_path / "people.csv",
        "编号,姓名,身份,派出所,电话,每日上限,每周上限,偏好学校,可用时段\n"
        "051234,张鹏,民警,JM,13812345678,2,6,,\n"
        "V001,李梅,志愿者,XL,0592-6012345,1,3,JM-P001、XL-M001,1-5 07:00-09:00; 6 08:00-12:00\n",
    )
    report = import_file(stations, "people", people)
    assert report.ok, report.errors
    police = stations.exec(select(Person).where(Person.code == "051234")).one()
    assert police.role == "police" and police.max_per_week == 6
    volunteer = stations.exec(select(Person).where(Person.code == "V001")).one()
    links = stations.exec(select(PersonSchool).where(PersonSchool.person_id == volunteer.id)).all()
    assert len(links) == 2
    windows = stations.exec(
        select(Availability).where(Availability.person_id == volunteer.id)
    ).all()
    assert len(windows) == 6
    # The school's responsible officer can now name the imported police officer.
    officer = write(
        tmp_path / "s2.csv",
        "学校代码,学校名称,学校类型,派出所,责任民警\nJM-P001,集美小学,小学,JM,051234\n",
    )
    assert import_file(stations, "schools", officer).ok
    school = stations.exec(select(School).where(School.code == "JM-P001")).one()
    assert school.responsible_person_id == police.id


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


# --------------------------------------------------------------------------------------------
# errors: nothing imported, each one located


def _nothing(session: Session) -> None:
    assert session.exec(select(School)).all() == []
    assert session.exec(select(Person)).all() == []


def test_missing_column(stations: Session, tmp_path: Path) -> None:
    path = write(tmp_path / "p.csv", "编号,姓名,派出所\nP1,张三,JM\n")
    report = import_file(stations, "people", path)
    assert report.errors == [RowError(1, "身份", "", "missing column")]
    _nothing(stations)


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
    assert RowError(4, "结束", "11:00", "must be after the start") in report.errors
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
    _nothing(stations)


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


def test_ten_thousand_rows_with_one_bad_row_import_nothing(
    stations: Session, tmp_path: Path
) -> None:
    lines = ["编号,姓名,身份,派出所,电话"]
    lines += [f"V{i:05d},志愿者{i},志愿者,JM,139{i:08d}" for i in range(10_000)]
    lines[9_000] = "V08999,志愿者8999,志愿者,JM,139-bad-phone"
    path = write(tmp_path / "many.csv", "\n".join(lines) + "\n")
    started = time.perf_counter()
    report = import_file(stations, "people", path)
    elapsed = time.perf_counter() - started
    assert [(e.row, e.column) for e in report.errors] == [(9_001, "电话")]
    assert report.rows == 10_000
    assert stations.exec(select(Person)).first() is None
    assert elapsed < 5.0


def test_a_failure_while_writing_rolls_everything_back(
    stations: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = imports._APPLIERS["schools"]

    def broken(*args: object) -> tuple[int, int]:
        original(*args)  # type: ignore[arg-type]
        raise RuntimeError("disk full")

    monkeypatch.setitem(imports._APPLIERS, "schools", broken)
    with pytest.raises(RuntimeError):
        import_file(stations, "schools", write(tmp_path / "s.csv", SCHOOLS_CSV))
    _nothing(stations)


def test_parsers() -> None:
    assert parse_weekdays("周一至周五") == [0, 1, 2, 3, 4]
    assert parse_weekdays("1,3、5") == [0, 2, 4]
    assert parse_weekdays("六-日") == [5, 6]
    assert parse_weekdays("Mon") == [0]
    with pytest.raises(ValueError):
        parse_weekdays("5-1")
    windows = parse_availability("1-2 06:30-18:00；周六 08:00~12:00")
    assert windows == [
        (0, dt.time(6, 30), dt.time(18)),
        (1, dt.time(6, 30), dt.time(18)),
        (5, dt.time(8), dt.time(12)),
    ]


def test_import_command(stations: Session, engine: object, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    open_database(db).dispose()  # import fills a database; it does not create one
    assert main(["template", "--kind", "schools", "-o", str(tmp_path / "t.xlsx")]) == 0
    # No stations in a new database: every row names an unknown station, nothing imported.
    path = write(tmp_path / "s.csv", SCHOOLS_CSV)
    assert main(["import", "--db", str(db), "--kind", "schools", str(path)]) == 1
    assert main(["import", "--db", str(db), "--kind", "schools", str(tmp_path / "t.xlsx")]) == 1
    assert main(["import", "--db", str(db), "--kind", "schools", str(tmp_path / "none.csv")]) == 2


def test_a_dry_run_checks_without_writing(stations: Session, tmp_path: Path) -> None:
    path = write(tmp_path / "schools.csv", SCHOOLS_CSV)
    report = import_file(stations, "schools", path, dry_run=True)
    assert report.ok and report.rows == 3 and report.created == 0
    _nothing(stations)


def test_imported_phones_follow_the_editors_rule(session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A phone the import accepts is one the person editor can save again, as stored."""
    from huxue.editing import phone_kind
    from huxue.imports import parse_phone

    assert parse_phone("+86 138 1234 5678") == "13812345678"
    assert parse_phone("(0592)6012345") == "0592-6012345"
    for bad in ("139-bad-phone", "05921234567", "0592-6012345转123"):
        with pytest.raises(ValueError, match="landline with area code"):
            parse_phone(bad)
    assert phone_kind(parse_phone("66123")) == "short"
