"""Exports: XLSX matches the roster, CSV is safe against formula injection, every iCalendar
file parses with the right events at the right local times, and messages read right."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import icalendar
import openpyxl
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.cli import main
from huxue.database import open_database
from huxue.exports import (
    ExportSelection,
    csv_bytes,
    export_week,
    neutralise,
    person_message,
    school_message,
)
from huxue.models import Assignment, Person, Post, School, Station
from huxue.reports import load_week
from huxue.rosters import current_roster
from tests.huxue.test_reports import WEEK, build_week_db


@pytest.fixture(scope="module")
def week_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("exports") / "week.db"
    build_week_db(path).dispose()
    yield path


@pytest.fixture
def week_engine(week_db: Path) -> Iterator[Engine]:
    engine = open_database(week_db)
    yield engine
    engine.dispose()


def test_xlsx_has_a_sheet_per_station_matching_the_roster(
    week_engine: Engine, tmp_path: Path
) -> None:
    path = tmp_path / "week.xlsx"
    with Session(week_engine) as session:
        result = export_week(session, WEEK, "xlsx", path)
        stations = session.exec(select(Station)).all()
        posts = {p.id: p.code for p in session.exec(select(Post)).all()}
        people = {p.id: p.code for p in session.exec(select(Person)).all()}
        expected: dict[str, Counter[tuple[object, ...]]] = {}
        total = 0
        for station in stations:
            assert station.id is not None
            roster = current_roster(session, WEEK, station.id)
            assert roster is not None
            rows = session.exec(select(Assignment).where(Assignment.roster_id == roster.id)).all()
            total += len(rows)
            expected[station.name] = Counter(
                (a.date, a.start, a.end, posts[a.post_id], people[a.person_id]) for a in rows
            )
    book = openpyxl.load_workbook(path)
    assert set(book.sheetnames) == {*expected, "说明"}
    for name, wanted in expected.items():
        sheet = book[name]
        assert sheet.freeze_panes == "A2"
        header = [c.value for c in sheet[1]]
        assert header[:5] == ["日期", "星期", "时段", "开始", "结束"]
        col = {h: i for i, h in enumerate(header)}
        got: Counter[tuple[object, ...]] = Counter()
        for row in sheet.iter_rows(min_row=2, values_only=True):
            if row[col["状态"]] == "缺员":
                continue
            assert row[col["状态"]] == "已安排"
            day = row[col["日期"]]
            assert isinstance(day, dt.datetime | dt.date)
            day = day.date() if isinstance(day, dt.datetime) else day
            got[
                (day, row[col["开始"]], row[col["结束"]], row[col["岗位代码"]], row[col["编号"]])
            ] += 1
        assert got == wanted
        assert sheet.column_dimensions["G"].width >= 8  # school names get room
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.page_setup.fitToWidth == 1
    assert result.rows >= total > 0  # filled seats, and a row for each empty one


def _poison(session: Session) -> tuple[str, str]:
    """Give an assigned person and their school names a spreadsheet would run as formulas."""
    data = load_week(session, WEEK)
    slot = next(s for s in data.slots if s.people)
    person = session.get(Person, slot.people[0].id)
    school = session.get(School, slot.school_id)
    assert person is not None and school is not None
    person.name = '=HYPERLINK("http://evil.example","点我")'
    school.name = "+1+cmd|' /C calc'!A0"
    session.add_all([person, school])
    session.commit()
    return person.code, school.code


def test_csv_is_utf8_with_bom_and_neutralises_formulas(week_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "poisoned.db"
    shutil.copy(week_db, copy)
    engine = open_database(copy)
    with Session(engine) as session:
        person_code, _ = _poison(session)
        export_week(session, WEEK, "csv", tmp_path / "week.csv")
        export_week(session, WEEK, "xlsx", tmp_path / "week.xlsx")
    engine.dispose()
    raw = (tmp_path / "week.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"))))
    assert rows[0][:3] == ["派出所", "日期", "星期"]
    names = {r[11] for r in rows[1:] if r[10] == person_code}
    assert names == {'\'=HYPERLINK("http://evil.example","点我")'}
    assert any(r[7] == "'+1+cmd|' /C calc'!A0" for r in rows[1:])
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    # In the workbook the same text is a plain string, never a formula.
    book = openpyxl.load_workbook(tmp_path / "week.xlsx")
    found = [
        c
        for sheet in book.worksheets
        for line in sheet.iter_rows()
        for c in line
        if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")
    ]
    assert found and all(c.data_type == "s" for c in found)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+86 138", "'+86 138"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("集美小学", "集美小学"),
        ("a=b", "a=b"),
        ("", ""),
    ],
)
def test_neutralise(value: str, safe: str) -> None:
    assert neutralise(value) == safe


def test_csv_bytes_quotes_newlines_and_commas() -> None:
    data = csv_bytes(["a", "b"], [["x,y", "line\nbreak"]])
    rows = list(csv.reader(io.StringIO(data[3:].decode("utf-8"))))
    assert rows == [["a", "b"], ["x,y", "line\nbreak"]]


def test_phones_are_masked_unless_full_contacts(week_engine: Engine, tmp_path: Path) -> None:
    with Session(week_engine) as session:
        export_week(session, WEEK, "csv", tmp_path / "masked.csv")
        export_week(session, WEEK, "csv", tmp_path / "full.csv", full_contacts=True)
        phones = {p.phone for p in session.exec(select(Person)).all() if len(p.phone) == 11}
    masked = (tmp_path / "masked.csv").read_text(encoding="utf-8-sig")
    full = (tmp_path / "full.csv").read_text(encoding="utf-8-sig")
    assert "****" in masked and not any(p in masked for p in phones)
    assert any(p in full for p in phones)


def test_every_calendar_parses_with_the_right_events_and_times(
    week_engine: Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "ics"
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with Session(week_engine) as session:
        data = load_week(session, WEEK)
        result = export_week(session, WEEK, "ics", folder, data=data)
    after = dt.datetime.now(dt.UTC)
    school_files = [f for f in result.files if "-school-" in f.name]
    person_files = [f for f in result.files if "-person-" in f.name]
    assert len(school_files) == len(data.school_ids())
    assert len(person_files) == len(data.person_ids())
    by_code_school = {data.schools[i].code: i for i in data.school_ids()}
    by_code_person = {data.people[i].code: i for i in data.person_ids()}
    for path in result.files:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
        events = list(cal.walk("VEVENT"))
        code = path.stem.split("-", 4)[4].rsplit("-", 1)[0]
        if "-school-" in path.name:
            slots = data.school_slots(by_code_school[code])
        else:
            slots = data.person_slots(by_code_person[code])
        assert len(events) == len(slots) > 0
        for event, slot in zip(
            sorted(events, key=lambda e: (e["DTSTART"].dt, str(e["UID"]))),
            sorted(slots, key=lambda s: (s.date, s.start, s.key)),
            strict=True,
        ):
            start, end = event["DTSTART"].dt, event["DTEND"].dt
            assert start.utcoffset() == dt.timedelta(hours=8)
            assert str(event["DTSTART"].params["TZID"]) == "Asia/Shanghai"
            assert (start.date(), start.time(), end.time()) == (slot.date, slot.start, slot.end)
            assert data.schools[slot.school_id].name in str(event["LOCATION"])
            assert str(event["DESCRIPTION"])
            assert event["STATUS"] == "TENTATIVE"  # the roster is a draft
            assert before <= event["DTSTAMP"].dt <= after  # stamped at export time
            alarms = list(event.walk("VALARM"))
            assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
            assert alarms[0]["TRIGGER"].dt == -dt.timedelta(minutes=30)


def test_one_person_ics_and_unknown_codes(week_engine: Engine, tmp_path: Path) -> None:
    from huxue.errors import InputError

    with Session(week_engine) as session:
        data = load_week(session, WEEK)
        person = data.people[data.person_ids()[0]]
        result = export_week(
            session, WEEK, "ics", tmp_path, ExportSelection(person=person.code), data=data
        )
        assert len(result.files) == 1 and person.code in result.files[0].name
        with pytest.raises(InputError, match="unknown station"):
            export_week(session, WEEK, "csv", tmp_path / "x.csv", ExportSelection(station="ZZ"))
        with pytest.raises(InputError, match="unknown export format"):
            export_week(session, WEEK, "pdf", tmp_path / "x.pdf")


def test_messages_are_short_plain_chinese(week_engine: Engine, tmp_path: Path) -> None:
    with Session(week_engine) as session:
        data = load_week(session, WEEK)
        school_id = data.school_ids()[0]
        person_id = data.person_ids()[0]
        school_text = school_message(data, school_id)
        person_text = person_message(data, person_id)
        calls: list[tuple[int, int]] = []
        result = export_week(
            session, WEEK, "text", tmp_path, data=data, on_progress=lambda *c: calls.append(c)
        )
    assert calls[-1] == (len(result.files), len(result.files))
    school = data.schools[school_id]
    assert school_text.startswith(f"【护学岗安排】{school.name}")
    assert "责任民警" in school_text and "草稿" in school_text
    for slot in data.school_slots(school_id):
        assert slot.time_range in school_text
    person = data.people[person_id]
    assert person.name in person_text
    assert f"{len(data.person_slots(person_id))} 次" in person_text
    assert len(person_text) < 1000
    assert len(result.files) == len(data.school_ids()) + len(data.person_ids())
    assert all(f.suffix == ".txt" for f in result.files)


def test_export_command(week_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["export", "--db", str(week_db), "--week", "2026-12-10"]
    assert main([*args, "--format", "xlsx", "-o", str(tmp_path / "w.xlsx")]) == 0
    assert (tmp_path / "w.xlsx").is_file()
    assert main([*args, "--format", "ics", "-o", str(tmp_path / "ics")]) == 0
    assert len(list((tmp_path / "ics").glob("*.ics"))) > 2
    assert "file(s)" in capsys.readouterr().out
    assert main([*args, "--format", "csv", "--school", "NOPE", "-o", str(tmp_path / "x")]) == 2
    assert "unknown school" in capsys.readouterr().err


def test_every_export_lists_unfilled_seats_with_the_role_they_need(
    week_db: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "short.db"
    shutil.copy(week_db, copy)
    engine = open_database(copy)
    with Session(engine) as session:
        # Empty one police seat: the export must show it as a row of its own.
        police = {p.id for p in session.exec(select(Person).where(Person.role == "police")).all()}
        removed = next(a for a in session.exec(select(Assignment)).all() if a.person_id in police)
        post = session.get(Post, removed.post_id)
        assert post is not None
        session.delete(removed)
        session.commit()
        data = load_week(session, WEEK)
        short = [s for s in data.slots if s.missing_seats()]
        # An empty seat, or a seat whose role is still lacking (two volunteers where a police
        # officer is needed), is a row of its own.
        expected = sum(len(s.missing_seats()) for s in short)
        assert expected >= sum(s.missing for s in data.slots)
        slot = next(s for s in short if s.key == removed.session_key)
        export_week(session, WEEK, "csv", tmp_path / "week.csv")
        export_week(session, WEEK, "xlsx", tmp_path / "week.xlsx")
    engine.dispose()
    assert slot.missing_seats()[0] == "police"
    rows = list(csv.reader(io.StringIO((tmp_path / "week.csv").read_bytes()[3:].decode())))
    col = {h: i for i, h in enumerate(rows[0])}
    gaps = [r for r in rows[1:] if r[col["状态"]] == "缺员"]
    assert len(gaps) == expected >= 1
    assert all(r[col["编号"]] == "" and r[col["姓名"]] == "" for r in gaps)
    mine = [
        r
        for r in gaps
        if r[col["岗位代码"]] == post.code
        and r[col["日期"]] == str(removed.date)
        and r[col["开始"]] == removed.start.strftime("%H:%M")
    ]
    assert mine and mine[0][col["身份"]] == "需民警"
    book = openpyxl.load_workbook(tmp_path / "week.xlsx")
    xlsx_gaps = [
        row
        for sheet in book.worksheets
        if sheet.title != "说明"
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[-1] == "缺员"
    ]
    assert len(xlsx_gaps) == expected
    notes = {r[0]: r[1] for r in book["说明"].iter_rows(values_only=True)}
    assert notes["缺员人次"] == str(expected)


def test_a_person_export_lists_only_that_persons_duties(week_db: Path, tmp_path: Path) -> None:
    engine = open_database(week_db)
    with Session(engine) as session:
        person = session.exec(select(Assignment)).first()
        assert person is not None
        code = session.get(Person, person.person_id).code  # type: ignore[union-attr]
        export_week(session, WEEK, "csv", tmp_path / "p.csv", ExportSelection(person=code))
    engine.dispose()
    rows = list(csv.reader(io.StringIO((tmp_path / "p.csv").read_bytes()[3:].decode())))
    assert len(rows) > 1
    assert {r[10] for r in rows[1:]} == {code}
    assert {r[-1] for r in rows[1:]} == {"已安排"}
