"""Printed sheets: every kind carries Chinese names in an embedded font, page headers on every
page, 草稿 on drafts, masked phones, and the `print` command."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.cli import main
from huxue.database import open_database
from huxue.demo import build_demo
from huxue.errors import InputError
from huxue.instance import week_instance
from huxue.models import Person, School
from huxue.planning import PlanScope, publish, store_roster_document, week_context
from huxue.reports import PrintSelection, SheetOptions, load_week, print_week, sheet_pdf
from huxue.reports.pdf import fit, text_width
from huxue.reports.png import school_sheet_png
from solver.greedy import greedy
from solver.instance import load_instance

WEEK = dt.date(2026, 12, 7)
POPPLER = shutil.which("pdftotext") is not None and shutil.which("pdffonts") is not None
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext) not installed")


def build_week_db(path: Path) -> Engine:
    """The small demo district with a greedy draft roster stored for `WEEK` (per station)."""
    engine = open_database(path)
    with Session(engine, expire_on_commit=False) as session:
        build_demo(session, "small", 0)
        session.commit()
        pairs = greedy(load_instance(week_instance(session, WEEK)), careful=True)
        document = {
            "format": "huxue-roster/1",
            "assignments": [{"session": p.session, "person": p.person} for p in pairs],
            "shortages": [],
        }
        store_roster_document(session, week_context(session, PlanScope(WEEK)), document)
        session.commit()
    return engine


@pytest.fixture(scope="module")
def week_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("week") / "week.db"
    build_week_db(path).dispose()
    yield path


@pytest.fixture
def week_engine(week_db: Path) -> Iterator[Engine]:
    engine = open_database(week_db)
    yield engine
    engine.dispose()


def pdf_text(path: Path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"]
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    return subprocess.run(
        [*args, str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_pages(path: Path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    line = next(x for x in info.stdout.splitlines() if x.startswith("Pages:"))
    return int(line.split()[1])


def fonts(path: Path) -> list[list[str]]:
    out = subprocess.run(["pdffonts", str(path)], check=True, capture_output=True, text=True)
    return [line.split() for line in out.stdout.splitlines()[2:] if line.strip()]


@needs_poppler
@pytest.mark.parametrize("kind", ["station", "school", "person", "signin"])
def test_every_kind_prints_chinese_names_in_an_embedded_font(
    week_engine: Engine, tmp_path: Path, kind: str
) -> None:
    with Session(week_engine) as session:
        data = load_week(session, WEEK)
        result = print_week(session, WEEK, PrintSelection(kind), tmp_path, data=data)
        assert result.combined is not None
        assert len(result.files) > 1
        assert all(f.is_file() and f.stat().st_size > 1000 for f in result.files)
        text = pdf_text(result.combined)
        school_names = {data.schools[s.school_id].name for s in data.slots if s.people}
        person_names = {p.name for s in data.slots for p in s.people}
        assert any(name in text for name in school_names)
        assert any(name in text for name in person_names)
        for path in (result.files[0], result.combined):
            rows = fonts(path)
            assert rows, "no font in the PDF"
            for row in rows:
                # name type encoding emb sub uni …: every font embedded as a subset
                assert "WenQuanYi" in row[0]
                assert row[-5:-2] == ["yes", "yes", "yes"]


@needs_poppler
def test_a_draft_says_so_on_every_page_with_page_numbers_and_repeated_headers(
    week_engine: Engine, tmp_path: Path
) -> None:
    with Session(week_engine) as session:
        result = print_week(
            session, WEEK, PrintSelection("station"), tmp_path, printed="2026-12-05 09:00"
        )
    station_file = result.files[0]
    pages = pdf_pages(station_file)
    assert pages >= 2, "the station roster should run over several pages"
    for page in range(1, pages + 1):
        text = pdf_text(station_file, page)
        squashed = re.sub(r"\s+", "", text)  # pdftotext drops some spaces between CJK glyphs
        assert "草稿" in text
        assert f"第{page}页/共{pages}页" in squashed
        assert "打印日期2026-12-0509:00" in squashed
        assert "集美区" in text
        assert "排班表第1版" in squashed
        assert "2026年12月7日—12月13日" in text
        # the table header row repeats on every page
        assert "学校" in text and "岗位" in text and "时段" in text
    # In the combined file, pages count per station.
    assert result.combined is not None
    combined_pages = pdf_pages(result.combined)
    assert combined_pages == sum(pdf_pages(f) for f in result.files)
    last = re.sub(r"\s+", "", pdf_text(result.combined, combined_pages))
    assert f"共{pdf_pages(result.files[-1])}页" in last


@needs_poppler
def test_a_published_roster_prints_without_the_draft_mark(week_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "published.db"
    shutil.copy(week_db, copy)
    engine = open_database(copy)
    with Session(engine) as session:
        publish(session, WEEK, who="test")
        session.commit()
        result = print_week(session, WEEK, PrintSelection("school"), tmp_path / "out")
    engine.dispose()
    text = pdf_text(result.files[0])
    assert "已发布" in text
    assert "草稿" not in text


def _guarded_school(session: Session) -> tuple[School, Person, Person]:
    """A school with a responsible officer and at least one guard this week."""
    data = load_week(session, WEEK)
    for school_id in data.school_ids():
        officer = data.responsible(school_id)
        guards = [p for s in data.school_slots(school_id) for p in s.people if p.phone]
        guards = [g for g in guards if officer is None or g.id != officer.id]
        if officer is not None and officer.phone and guards:
            return data.schools[school_id], officer, guards[0]
    raise AssertionError("no school with an officer and a guard")


@needs_poppler
def test_school_sheet_masks_guards_but_shows_the_responsible_officer(
    week_engine: Engine, tmp_path: Path
) -> None:
    with Session(week_engine) as session:
        school, officer, guard = _guarded_school(session)
        masked = print_week(session, WEEK, PrintSelection("school", school=school.code), tmp_path)
        full = print_week(
            session,
            WEEK,
            PrintSelection("school", school=school.code),
            tmp_path / "full",
            full_contacts=True,
        )
    assert masked.combined is None and len(masked.files) == 1
    text = pdf_text(masked.files[0])
    assert school.name in text and guard.name in text
    assert officer.phone in text
    assert guard.phone not in text
    assert "****" in text
    assert guard.phone in pdf_text(full.files[0])


def test_selections_and_errors(week_engine: Engine, tmp_path: Path) -> None:
    with Session(week_engine) as session:
        data = load_week(session, WEEK)
        station = data.stations[data.station_ids()[0]]
        calls: list[tuple[int, int]] = []
        result = print_week(
            session,
            WEEK,
            PrintSelection("school", station=station.code),
            tmp_path,
            data=data,
            on_progress=lambda done, total: calls.append((done, total)),
        )
        own = data.school_ids(station.id)
        assert len(result.files) == len(own)
        assert calls[-1][0] == calls[-1][1] == len(own) + 1
        assert [c[0] for c in calls] == list(range(1, len(own) + 2))
        with pytest.raises(InputError, match="unknown school"):
            print_week(session, WEEK, PrintSelection("school", school="NOPE"), tmp_path, data=data)
        with pytest.raises(InputError, match="does not apply"):
            print_week(session, WEEK, PrintSelection("station", person="X"), tmp_path, data=data)
        with pytest.raises(InputError, match="no roster"):
            print_week(session, WEEK + dt.timedelta(days=70), PrintSelection("school"), tmp_path)


def test_one_sheet_as_bytes_and_the_school_png(week_engine: Engine) -> None:
    from PIL import Image

    with Session(week_engine) as session:
        data = load_week(session, WEEK)
        school_id = data.school_ids()[0]
        pdf = sheet_pdf(data, "school", school_id, SheetOptions(printed="2026-12-05"))
        png = school_sheet_png(data, school_id, SheetOptions(printed="2026-12-05"))
    assert pdf.startswith(b"%PDF")
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.width == 1080 and image.height > 400


def test_sheets_are_reproducible(week_engine: Engine) -> None:
    with Session(week_engine) as session:
        data = load_week(session, WEEK)
        opts = SheetOptions(printed="2026-12-05 09:00")
        first = sheet_pdf(data, "person", data.person_ids()[0], opts)
        second = sheet_pdf(data, "person", data.person_ids()[0], opts)
    assert first == second


def test_fit_wraps_to_the_width() -> None:
    text = fit("张鹏(警) 林毅荣(辅) 陈梅琪(保) 王小二(志)", 90, 8)
    lines = text.split("\n")
    assert len(lines) >= 2
    assert all(text_width(line, 8) <= 90 for line in lines)
    assert (
        fit("集美区第一实验幼儿园附属东校区", 40, 8).replace("\n", "")
        == "集美区第一实验幼儿园附属东校区"
    )


def test_print_command(week_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sheets"
    code = main(
        ["print", "--db", str(week_db), "--week", "2026-12-09", "--kind", "signin", "-o", str(out)]
    )
    assert code == 0
    assert "signin sheet(s)" in capsys.readouterr().out
    assert len(list(out.glob("*.pdf"))) > 2
    code = main(
        ["print", "--db", str(week_db), "--week", "2027-03-01", "--kind", "school", "-o", str(out)]
    )
    assert code == 2
    assert "no roster" in capsys.readouterr().err
    with Session(open_database(week_db)) as session:
        code_ = session.exec(select(School.code)).first()
    assert code_ is not None
    code = main(
        [
            "print",
            "--db",
            str(week_db),
            "--week",
            "2026-12-07",
            "--kind",
            "school",
            "--school",
            code_,
            "--png",
            "-o",
            str(tmp_path / "png"),
        ]  # fmt: skip
    )
    assert code == 0
    assert len(list((tmp_path / "png").glob("*.png"))) == 1


def test_duties_whose_session_left_the_timetable_are_still_printed(
    week_db: Path, tmp_path: Path
) -> None:
    from huxue.models import Assignment, PostNeed

    copy = tmp_path / "changed.db"
    shutil.copy(week_db, copy)
    engine = open_database(copy)
    with Session(engine) as session:
        assignment = session.exec(select(Assignment)).first()
        assert assignment is not None
        # The post is no longer staffed at that kind of session: the week has no such session.
        for need in session.exec(
            select(PostNeed).where(
                PostNeed.post_id == assignment.post_id, PostNeed.kind == assignment.kind
            )
        ):
            session.delete(need)
        session.commit()
        data = load_week(session, WEEK)
        slot = next(s for s in data.slots if s.key == assignment.session_key)
        assert slot.need_total is None and slot.missing == 0
        assert [p.id for p in slot.people if p.id == assignment.person_id]
        assert slot in data.person_slots(assignment.person_id)
    engine.dispose()


@needs_poppler
def test_headers_say_things_once_and_in_planners_words(week_engine: Engine, tmp_path: Path) -> None:
    with Session(week_engine) as session:
        data = load_week(session, WEEK)
        result = print_week(
            session, WEEK, PrintSelection("signin"), tmp_path, printed="2026-12-05 09:00"
        )
        school = print_week(session, WEEK, PrintSelection("school"), tmp_path / "school")
    first = re.sub(r"\s+", "", pdf_text(result.files[0], 1))
    assert first.count("草稿") == 1  # the header's box says it once (the watermark is art)
    assert first.count("护学岗签到表") == 1
    assert "日期范围" in first and "周次" not in first
    assert re.search(r"风险等级[高中低]", first), first
    assert school.combined is not None
    text = re.sub(r"\s+", "", pdf_text(school.files[0], 1))
    officer = data.responsible(data.school_ids()[0])
    if officer is not None and officer.role == "police":
        assert f"警号{officer.code}" in text


def test_the_combined_school_file_has_a_bookmark_per_school(
    week_engine: Engine, tmp_path: Path
) -> None:
    with Session(week_engine) as session:
        data = load_week(session, WEEK)
        result = print_week(session, WEEK, PrintSelection("school"), tmp_path, data=data)
    assert result.combined is not None
    raw = result.combined.read_bytes()
    assert b"/Outlines" in raw
    titles = re.findall(rb"/Title \(([^)]*)\)|/Title <([0-9A-Fa-f]+)>", raw)
    # one outline entry per school sheet, beside the document's own title
    assert len(titles) >= len(result.files) + 1


def test_station_rows_run_by_school_kind_then_code(week_engine: Engine) -> None:
    from huxue.reports.data import SCHOOL_KIND_ORDER
    from huxue.reports.sheets import station_section

    with Session(week_engine) as session:
        data = load_week(session, WEEK)
    station_id = data.station_ids()[0]
    _, story = station_section(data, station_id, SheetOptions(False, "2026-12-05 09:00"))
    table = next(f for f in story if hasattr(f, "_cellvalues"))
    names = [str(row[0]) for row in table._cellvalues[1:]]
    by_name = {s.name: s for s in data.schools.values()}
    kinds = [SCHOOL_KIND_ORDER[by_name[n].kind] for n in names if n in by_name]
    assert kinds and kinds == sorted(kinds)


def test_a_make_up_day_is_named_on_the_school_and_station_sheets(tmp_path: Path) -> None:
    from huxue.reports.data import day_note
    from huxue.reports.sheets import school_section, station_section
    from huxue.week import DayPlan

    assert (
        day_note(dt.date(2026, 10, 10), DayPlan((), "makeup", 0))
        == "10月10日 周六 调休上课（按周一作息）"
    )
    week = dt.date(2026, 10, 5)
    engine = open_database(tmp_path / "makeup.db")
    with Session(engine, expire_on_commit=False) as session:
        build_demo(session, "small", 0)
        session.commit()
        data = load_week(session, week, require_roster=False)
    engine.dispose()
    opts = SheetOptions(False, "2026-10-01 09:00")
    school_id = data.school_ids()[0]
    _, story = school_section(data, school_id, opts)
    text = " ".join(getattr(f, "text", "") for f in story)
    assert "注：10月10日 周六 调休上课（按周一作息）" in text
    _, story = station_section(data, data.schools[school_id].station_id, opts)
    text = " ".join(getattr(f, "text", "") for f in story)
    assert "10月10日 周六 调休上课（按周一作息）（全部学校）" in text


def test_a_printed_pdf_previews_as_page_images(week_engine: Engine, tmp_path: Path) -> None:
    from PIL import Image

    from huxue.reports.preview import pdf_preview

    with Session(week_engine) as session:
        result = print_week(session, WEEK, PrintSelection("station"), tmp_path)
    path = result.files[0]
    preview = pdf_preview(path, 600, max_pages=2)
    assert preview.total == pdf_pages(path) if POPPLER else preview.total >= 2
    assert len(preview.pages) == 2
    image = Image.open(io.BytesIO(preview.pages[0]))
    assert image.width == 600 and image.height < image.width  # A4 landscape
    # Not a blank page: the roster's ink is there.
    low, high = image.convert("L").getextrema()
    assert low < 100 < high


def test_noon_windows_read_as_what_they_guard() -> None:
    from huxue.reports.data import session_label

    assert session_label("noon", 1) == "午间放学"
    assert session_label("noon", 2) == "午间入校"
    assert session_label("dismissal", 2) == "放学(2)"
    assert session_label("arrival", 1) == "早入校"
