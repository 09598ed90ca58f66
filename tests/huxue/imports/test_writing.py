"""Writing imports: created and updated by code, coordinates converted, all or nothing, the
CLI command."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from huxue.cli import main
from huxue.database import open_database
from huxue.imports import (
    import_file,
    writing,
)
from huxue.models import (
    Availability,
    BellTime,
    Person,
    PersonSchool,
    Post,
    PostNeed,
    School,
)
from solver.geo import haversine_km, wgs84_to_gcj02
from tests.huxue.imports.helpers import SCHOOLS_CSV, nothing, write


def test_schools_import_converts_coordinates_and_updates_by_code(
    stations: Session, tmp_path: Path
) -> None:
    path = write(tmp_path / "schools.csv", SCHOOLS_CSV)
    report = import_file(stations, "schools", path)
    assert report.ok and (report.created, report.updated) == (3, 0)
    school = stations.exec(select(School).where(School.code == "JM-P001")).one()
    assert school.kind == "primary" and school.enrolment == 1200
    assert school.lat is not None and school.lon is not None
    assert haversine_km(*wgs84_to_gcj02(school.lat, school.lon), 24.5786, 118.0978) < 0.001
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


def test_a_failure_while_writing_rolls_everything_back(
    stations: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = writing.APPLIERS["schools"]

    def broken(*args: object) -> tuple[int, int]:
        original(*args)  # type: ignore[arg-type]
        raise RuntimeError("disk full")

    monkeypatch.setitem(writing.APPLIERS, "schools", broken)
    with pytest.raises(RuntimeError):
        import_file(stations, "schools", write(tmp_path / "s.csv", SCHOOLS_CSV))
    nothing(stations)


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
    nothing(stations)
