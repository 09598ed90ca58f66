"""Printing a week: one PDF per station, school, person or post, plus one combined file."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session

from huxue.errors import InputError
from huxue.files import output_folder, write_output
from huxue.reports.data import WeekData, find_code, load_week
from huxue.reports.pdf import build_pdf
from huxue.reports.png import school_sheet_png
from huxue.reports.sheets import (
    Section,
    SheetOptions,
    person_section,
    school_section,
    signin_section,
    station_section,
)

PRINT_KINDS = ("station", "school", "person", "signin")
KIND_TITLES = {
    "station": "周排班表",
    "school": "学校值班表",
    "person": "执勤卡",
    "signin": "签到表",
}

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PrintSelection:
    """Which sheets of a kind to print; codes as on the command line, None for all."""

    kind: str
    station: str | None = None
    school: str | None = None
    person: str | None = None
    post: str | None = None


@dataclass
class PrintResult:
    """The files written: one per sheet, and the combined file when more than one sheet."""

    files: list[Path] = field(default_factory=list)
    combined: Path | None = None
    images: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


_BUILDERS: dict[str, Callable[[WeekData, int, SheetOptions], Section]] = {
    "station": station_section,
    "school": school_section,
    "person": person_section,
    "signin": signin_section,
}


def _safe(text: str) -> str:
    """A file-name part: no path separators or characters Windows refuses."""
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._")
    return cleaned or "_"


def select_items(data: WeekData, selection: PrintSelection) -> list[int]:
    """The ids of the stations, schools, people or posts a selection prints, in code order."""
    kind = selection.kind
    if kind not in PRINT_KINDS:
        raise InputError(f"unknown sheet kind {kind!r} (one of: {', '.join(PRINT_KINDS)})")
    allowed = {
        "station": {"station"},
        "school": {"station", "school"},
        "person": {"station", "school", "person"},
        "signin": {"station", "school", "post"},
    }[kind]
    given = {
        name
        for name in ("station", "school", "person", "post")
        if getattr(selection, name) is not None
    }
    wrong = sorted(given - allowed)
    if wrong:
        raise InputError(f"--{wrong[0]} does not apply to --kind {kind}")
    station_id = (
        find_code(data.stations, selection.station, "station") if selection.station else None
    )
    school_id = find_code(data.schools, selection.school, "school") if selection.school else None
    if kind == "station":
        return [station_id] if station_id is not None else data.station_ids()
    if kind == "school":
        if school_id is not None:
            return [school_id]
        return data.school_ids(station_id)
    if kind == "person":
        if selection.person:
            return [find_code(data.people, selection.person, "person")]
        ids = data.person_ids(station_id)
        if school_id is not None:
            ids = [i for i in ids if any(s.school_id == school_id for s in data.person_slots(i))]
        return ids
    if selection.post:
        return [find_code(data.posts, selection.post, "post")]
    ids = data.post_ids(station_id)
    if school_id is not None:
        ids = [i for i in ids if data.posts[i].school_id == school_id]
    return ids


def item_name(data: WeekData, kind: str, item_id: int) -> tuple[str, str]:
    """(code, name) of a printed item."""
    if kind == "station":
        station = data.stations[item_id]
        return station.code, station.name
    if kind == "school":
        school = data.schools[item_id]
        return school.code, school.name
    if kind == "person":
        person = data.people[item_id]
        return person.code, person.name
    post = data.posts[item_id]
    return post.code, f"{data.schools[post.school_id].name}{post.name}"


def sheet_pdf(data: WeekData, kind: str, item_id: int, opts: SheetOptions) -> bytes:
    """One sheet of `kind` for a station, school, person or post id, as PDF bytes."""
    header, story = _BUILDERS[kind](data, item_id, opts)
    return build_pdf(
        [(header, story)], wide=kind == "station", title=f"{header.subject} {header.title}"
    )


def print_week(
    session: Session,
    week_start: dt.date,
    selection: PrintSelection,
    out_dir: Path,
    *,
    full_contacts: bool = False,
    combined: bool = True,
    png: bool = False,
    printed: str | None = None,
    on_progress: Progress | None = None,
    data: WeekData | None = None,
) -> PrintResult:
    """Write the selected sheets of a week into `out_dir`.

    One file per sheet; with more than one sheet (and `combined`) also one file holding them
    all, for a single print job; with `png`, each school sheet also as an image to send.
    `on_progress(done, total)` is called after each sheet.
    Raises `InputError` for an unknown code, a filter that does not apply, or a week without
    any roster.
    """
    data = data or load_week(session, week_start)
    items = select_items(data, selection)
    if not items:
        raise InputError(f"nothing to print: no {selection.kind} sheet has duties this week")
    opts = SheetOptions(full_contacts, printed or dt.datetime.now().strftime("%Y-%m-%d %H:%M"))
    out = output_folder(Path(out_dir))
    kind = selection.kind
    wide = kind == "station"
    week = week_start.isoformat()
    total = len(items) + (1 if combined and len(items) > 1 else 0)
    result = PrintResult(warnings=list(data.warnings))
    sections: list[Section] = []
    for done, item_id in enumerate(items, start=1):
        header, story = _BUILDERS[kind](data, item_id, opts)
        code, name = item_name(data, kind, item_id)
        path = out / f"{week}-{kind}-{_safe(code)}-{_safe(name)}.pdf"
        pdf = build_pdf([(header, story)], wide=wide, title=f"{header.subject} {header.title}")
        _write(path, pdf)
        result.files.append(path)
        if png and kind == "school":
            image = path.with_suffix(".png")
            _write(image, school_sheet_png(data, item_id, opts))
            result.images.append(image)
        if combined and len(items) > 1:
            # A layout leaves state in paragraphs it split: build fresh flowables to reuse.
            sections.append(_BUILDERS[kind](data, item_id, opts))
        if on_progress is not None:
            on_progress(done, total)
    if sections:
        scope = selection.station or selection.school or "all"
        path = out / f"{week}-{kind}-{_safe(scope)}-combined.pdf"
        pdf = build_pdf(sections, wide=wide, title=f"{KIND_TITLES[kind]} {week}")
        _write(path, pdf)
        result.combined = path
        if on_progress is not None:
            on_progress(total, total)
    return result


def _write(path: Path, content: bytes) -> None:
    write_output(path, content)
