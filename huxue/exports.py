"""A week's rosters as files to share: XLSX, CSV, iCalendar and ready-to-paste messages.

- XLSX: a sheet per station (frozen header, widths to fit, a filter), and a notes sheet;
- CSV: UTF-8 with BOM (so Excel on a Chinese Windows opens it right), with every cell that
  a spreadsheet would read as a formula neutralised;
- iCalendar: one calendar per person and per school, times in Asia/Shanghai;
- text: one short plain-Chinese message per school and per person, for WeChat or SMS groups.

Phones are masked unless the planner asks for full contacts; a school's responsible officer's
work phone is always shown (it is the number the school should call).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session

from huxue.errors import InputError
from huxue.files import output_folder, write_output
from huxue.models import Person
from huxue.privacy import shown_phone
from huxue.reports.data import (
    Slot,
    WeekData,
    day_label,
    find_code,
    hhmm,
    load_week,
    session_label,
    week_label,
)
from huxue.vocabulary import ROLE_LABELS, STATUS_LABELS, WEEKDAYS

EXPORT_FORMATS = ("xlsx", "csv", "ics", "text")
TZID = "Asia/Shanghai"

# --------------------------------------------------------------------------------------------
# Selection and rows


@dataclass(frozen=True)
class ExportSelection:
    """Which part of the week to export: codes as on the command line, None for all."""

    station: str | None = None
    school: str | None = None
    person: str | None = None


@dataclass
class ExportResult:
    """The files an export wrote."""

    files: list[Path] = field(default_factory=list)
    rows: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Ids:
    station: int | None
    school: int | None
    person: int | None


def _resolve(data: WeekData, selection: ExportSelection) -> _Ids:
    return _Ids(
        find_code(data.stations, selection.station, "station") if selection.station else None,
        find_code(data.schools, selection.school, "school") if selection.school else None,
        find_code(data.people, selection.person, "person") if selection.person else None,
    )


HEADERS = (
    "派出所",
    "日期",
    "星期",
    "时段",
    "开始",
    "结束",
    "学校代码",
    "学校",
    "岗位代码",
    "岗位",
    "编号",
    "姓名",
    "身份",
    "电话",
    "排班表",
    "状态",
)
STATUS_FILLED = "已安排"
STATUS_SHORT = "缺员"
# The role an empty seat still asks for, in the 身份 column of its row.
MISSING_ROLE_LABELS = {"police": "需民警", "officer": "需民警或辅警", "any": "人员不限"}


def roster_rows(
    data: WeekData, selection: ExportSelection = ExportSelection(), *, full_contacts: bool = False
) -> list[list[str]]:
    """One row per seat (columns as `HEADERS`), in time order, as text.

    A filled seat names its person (状态 已安排); an empty one is a row of its own (状态 缺员)
    naming the role it still needs, so a school reading the spreadsheet sees its gap. A person
    selection lists that person's duties only.
    """
    ids = _resolve(data, selection)
    rows: list[list[str]] = []
    for slot in data.slots:
        if ids.station is not None and slot.station_id != ids.station:
            continue
        if ids.school is not None and slot.school_id != ids.school:
            continue
        school = data.schools[slot.school_id]
        post = data.posts[slot.post_id]
        info = data.roster_of(slot.station_id)
        roster = f"第{info.version}版 {STATUS_LABELS.get(info.status, info.status)}" if info else ""
        where = [
            data.stations[slot.station_id].name,
            slot.date.isoformat(),
            WEEKDAYS[slot.date.weekday()],
            session_label(slot.kind, slot.seq),
            hhmm(slot.start),
            hhmm(slot.end),
            school.code,
            school.name,
            post.code,
            post.name,
        ]
        for person in slot.people:
            if ids.person is not None and person.id != ids.person:
                continue
            rows.append(
                where
                + [
                    person.code,
                    person.name,
                    ROLE_LABELS.get(person.role, person.role),
                    shown_phone(person.phone, full=full_contacts),
                    roster,
                    STATUS_FILLED,
                ]
            )
        if ids.person is None:
            for seat in slot.missing_seats():
                rows.append(where + ["", "", MISSING_ROLE_LABELS[seat], "", roster, STATUS_SHORT])
    return rows


# --------------------------------------------------------------------------------------------
# CSV

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """A cell a spreadsheet will not run as a formula: a leading ' before = + - @ tab CR."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def csv_bytes(header: Sequence[str], rows: Sequence[Sequence[str]]) -> bytes:
    """CSV text, UTF-8 with BOM, CRLF line ends, every cell neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([neutralise(h) for h in header])
    for row in rows:
        writer.writerow([neutralise(str(v)) for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def write_csv(
    data: WeekData,
    path: Path,
    selection: ExportSelection = ExportSelection(),
    *,
    full_contacts: bool = False,
) -> int:
    """Write the week's assignments as one CSV file; return the number of rows."""
    rows = roster_rows(data, selection, full_contacts=full_contacts)
    _write(Path(path), csv_bytes(HEADERS, rows))
    return len(rows)


# --------------------------------------------------------------------------------------------
# XLSX

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _display_width(text: str) -> int:
    """Excel column units: CJK characters take two."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def xlsx_bytes(
    data: WeekData, selection: ExportSelection = ExportSelection(), *, full_contacts: bool = False
) -> bytes:
    """The week as an Excel workbook: a sheet per station and a notes sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    rows = roster_rows(data, selection, full_contacts=full_contacts)
    by_station: dict[str, list[list[str]]] = {}
    for row in rows:
        by_station.setdefault(row[0], []).append(row)
    ids = _resolve(data, selection)
    station_names = [
        data.stations[sid].name
        for sid in data.station_ids()
        if ids.station is None or sid == ids.station
    ]
    book = Workbook()
    book.remove(book.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDDDDD")
    thin = Side(style="thin", color="000000")
    header_border = Border(bottom=thin)
    used: set[str] = set()
    exported: set[str] = set()
    for name in station_names:
        station_rows = by_station.get(name, [])
        if not station_rows and (ids.school is not None or ids.person is not None):
            continue
        title = _SHEET_FORBIDDEN.sub("_", name)[:31] or "sheet"
        while title in used:
            title = title[:28] + f"_{len(used)}"
        used.add(title)
        exported.add(name)
        sheet = book.create_sheet(title)
        sheet.append(list(HEADERS[1:]))  # the sheet's name is the station
        for cell in sheet[1]:
            cell.font, cell.fill, cell.border = bold, fill, header_border
            cell.alignment = Alignment(horizontal="center")
        for row in station_rows:
            # Real date and time cells, so the sheet sorts and filters by them in Excel.
            values: list[Any] = list(row[1:])
            values[0] = dt.date.fromisoformat(row[1])
            values[3] = dt.time.fromisoformat(row[4])
            values[4] = dt.time.fromisoformat(row[5])
            sheet.append(values)
        short_fill = PatternFill("solid", fgColor="FFD9D9")
        for line in sheet.iter_rows(min_row=2):
            line[0].number_format = "yyyy-mm-dd"
            line[3].number_format = line[4].number_format = "hh:mm"
            if line[-1].value == STATUS_SHORT:
                for cell in line:
                    cell.fill = short_fill
        # Strings starting with '=' are formulas to openpyxl: keep every value a plain string.
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
        for i, header in enumerate(HEADERS[1:], start=1):
            longest = max(
                [_display_width(header)] + [_display_width(r[i]) for r in station_rows[:2000]]
            )
            sheet.column_dimensions[get_column_letter(i)].width = min(40, longest + 2)
        sheet.freeze_panes = "A2"
        if station_rows:
            sheet.auto_filter.ref = sheet.dimensions
        sheet.print_title_rows = "1:1"
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    notes = book.create_sheet("说明")
    notes.append(["区", data.district_name])
    notes.append(["日期范围", week_label(data.week_start)])
    for sid in data.station_ids():
        if data.stations[sid].name not in exported:
            continue  # the notes speak of what was exported only
        info = data.roster_of(sid)
        label = info.label if info else "尚无排班表"
        notes.append([data.stations[sid].name, label])
    filled = sum(1 for row in rows if row[-1] == STATUS_FILLED)
    notes.append(["已安排人次", str(filled)])
    notes.append(["缺员人次", str(len(rows) - filled)])
    notes.append(["电话", "完整" if full_contacts else "已部分隐藏"])
    notes.column_dimensions["A"].width = 14
    notes.column_dimensions["B"].width = 40
    for line in notes.iter_rows():
        for cell in line:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def write_xlsx(
    data: WeekData,
    path: Path,
    selection: ExportSelection = ExportSelection(),
    *,
    full_contacts: bool = False,
) -> int:
    """Write the week as an XLSX workbook; return the number of assignment rows."""
    content = xlsx_bytes(data, selection, full_contacts=full_contacts)
    _write(Path(path), content)
    return len(roster_rows(data, selection, full_contacts=full_contacts))


# --------------------------------------------------------------------------------------------
# iCalendar

_VTIMEZONE = (
    "BEGIN:VTIMEZONE\r\nTZID:Asia/Shanghai\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
    "TZOFFSETFROM:+0800\r\nTZOFFSETTO:+0800\r\nTZNAME:CST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
)


def _calendar(name: str) -> Any:
    from icalendar import Calendar, Timezone

    cal = Calendar()
    cal.add("prodid", "-//Huxue//护学 school-guard rosters//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", TZID)
    # China has kept +08:00 all year since 1991: a one-rule VTIMEZONE, written by us so the
    # file does not depend on the tz database (Windows has none without the tzdata package).
    cal.add_component(Timezone.from_ical(_VTIMEZONE))
    return cal


def _event(
    data: WeekData, slot: Slot, uid: str, summary: str, description: str, stamp: dt.datetime
) -> Any:
    from icalendar import Event

    school = data.schools[slot.school_id]
    post = data.posts[slot.post_id]
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    tz = {"TZID": TZID}
    event.add("dtstart", dt.datetime.combine(slot.date, slot.start), parameters=tz)
    event.add("dtend", dt.datetime.combine(slot.date, slot.end), parameters=tz)
    event.add("summary", summary)
    location = f"{school.name} {post.name}"
    if school.address:
        location += f"（{school.address}）"
    event.add("location", location)
    lat = post.lat if post.lat is not None else school.lat
    lon = post.lon if post.lon is not None else school.lon
    if lat is not None and lon is not None:
        event.add("geo", (lat, lon))
    event.add("description", description)
    info = data.roster_of(slot.station_id)
    if info is not None:
        event.add("sequence", info.version)
        event.add("status", "TENTATIVE" if info.draft else "CONFIRMED")
    event.add("categories", ["护学岗"])
    event.add_component(_reminder(summary))
    return event


# A duty's reminder: time to finish what one is doing and walk or drive to the gate.
REMINDER_MINUTES = 30


def _stamp() -> dt.datetime:
    """DTSTAMP: when the file was exported (RFC 5545), in UTC; calendar apps update an event by
    UID and SEQUENCE (the roster version)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _reminder(summary: str) -> Any:
    from icalendar import Alarm

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary)
    alarm.add("trigger", dt.timedelta(minutes=-REMINDER_MINUTES))
    return alarm


def _names(people: Sequence[Person], full: bool, skip: int | None = None) -> str:
    parts = []
    for p in people:
        if p.id == skip:
            continue
        phone = shown_phone(p.phone, full=full)
        parts.append(
            f"{p.name}（{ROLE_LABELS.get(p.role, p.role)}）" + (f" {phone}" if phone else "")
        )
    return "\n".join(parts)


def _officer_line(data: WeekData, school_id: int, day: dt.date | None = None) -> str:
    """Whom the school calls: on `day` the responsible officer or, while they are on leave,
    the deputy; for the whole week the responsible officer and what stands in for them."""
    school = data.schools[school_id]
    station = data.stations[school.station_id].name
    if day is not None:
        officer = data.officer_on(school_id, day)
        if officer is None:
            return f"责任民警：未指定或休假，请联系{station}"
        label = "责任民警" if officer.id == school.responsible_person_id else "代理责任民警"
        return f"{label}：{officer.name} {officer.phone}".rstrip()
    contact = data.contact(school_id)
    officer = contact.responsible
    line = f"责任民警：{officer.name} {officer.phone}".rstrip() if officer else "责任民警：未指定"
    return "\n".join([line, *contact.notes(station)])


def school_calendar_bytes(data: WeekData, school_id: int, *, full_contacts: bool = False) -> bytes:
    """A school's week as iCalendar: one event per duty session at its posts."""
    school = data.schools[school_id]
    cal = _calendar(f"{school.name} 护学岗")
    stamp = _stamp()
    for slot in data.school_slots(school_id):
        post = data.posts[slot.post_id]
        label = session_label(slot.kind, slot.seq)
        names = _names(slot.people, full_contacts) or "未安排"
        if slot.missing:
            names += f"\n（缺 {slot.missing} 人）"
        description = (
            f"{label} {slot.time_range} {post.name}\n{names}\n"
            f"{_officer_line(data, school_id, slot.date)}"
        )
        short = "、".join(p.name for p in slot.people) or "未安排"
        cal.add_component(
            _event(
                data,
                slot,
                f"{slot.key}@huxue",
                f"护学岗 {post.name} {label}：{short}",
                description,
                stamp,
            )
        )
    return bytes(cal.to_ical())


def person_calendar_bytes(data: WeekData, person_id: int, *, full_contacts: bool = False) -> bytes:
    """A person's week as iCalendar: one event per duty."""
    person = data.people[person_id]
    cal = _calendar(f"{person.name} 护学岗执勤")
    stamp = _stamp()
    for slot in data.person_slots(person_id):
        school = data.schools[slot.school_id]
        post = data.posts[slot.post_id]
        label = session_label(slot.kind, slot.seq)
        others = _names(slot.people, full_contacts, skip=person_id)
        description = f"{label} {slot.time_range} {school.name} {post.name}"
        if others:
            description += f"\n同岗：\n{others}"
        description += f"\n{_officer_line(data, slot.school_id, slot.date)}"
        cal.add_component(
            _event(
                data,
                slot,
                f"{slot.key}/{person.code}@huxue",
                f"护学岗 {school.name} {post.name}（{label}）",
                description,
                stamp,
            )
        )
    return bytes(cal.to_ical())


# --------------------------------------------------------------------------------------------
# Messages for WeChat and SMS


def school_message(data: WeekData, school_id: int) -> str:
    """A short message to a school's group: the week's guards per gate and session."""
    school = data.schools[school_id]
    lines = [f"【护学岗安排】{school.name} {week_label(data.week_start)}"]
    day = None
    slots = data.school_slots(school_id)
    for slot in slots:
        if slot.date != day:
            day = slot.date
            lines.append(day_label(day))
        names = (
            "、".join(f"{p.name}({ROLE_LABELS.get(p.role, p.role)})" for p in slot.people)
            or "未安排"
        )
        post = data.posts[slot.post_id].name
        lines.append(f"· {session_label(slot.kind, slot.seq)} {slot.time_range} {post}：{names}")
    if not slots:
        lines.append("本周没有护学岗时段。")
    lines.append(_officer_line(data, school_id))
    info = data.roster_of(school.station_id)
    if info is not None and info.draft:
        lines.append("（草稿，如有调整另行通知）")
    else:
        lines.append("如有调整另行通知。")
    return "\n".join(lines) + "\n"


def person_message(data: WeekData, person_id: int) -> str:
    """A short message to one guard: the week's duties."""
    person = data.people[person_id]
    slots = data.person_slots(person_id)
    station = data.stations[person.station_id].name
    head = f"【护学岗执勤提醒】{person.name}您好，{week_label(data.week_start)}，"
    if not slots:
        return f"{head}您没有护学岗执勤任务。—— {station}\n"
    lines = [f"{head}您有 {len(slots)} 次护学岗执勤："]
    for slot in slots:
        school = data.schools[slot.school_id].name
        post = data.posts[slot.post_id].name
        lines.append(
            f"· {day_label(slot.date)} {slot.time_range} {school}{post}"
            f"（{session_label(slot.kind, slot.seq)}）"
        )
    lines.append("请提前5分钟到岗并签到；不能到岗请尽早报告。")
    if any(i.draft for i in data.rosters_of_person(person_id)):
        lines.append("（草稿，如有调整另行通知）")
    lines.append(f"—— {station}")
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Files per person and school


def _safe(text: str) -> str:
    cleaned = re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("._")
    return cleaned or "_"


def _targets(data: WeekData, selection: ExportSelection) -> tuple[list[int], list[int]]:
    """(school ids, person ids) that get a file of their own."""
    ids = _resolve(data, selection)
    if ids.person is not None:
        return [], [ids.person]
    if ids.school is not None:
        people = [
            i
            for i in data.person_ids()
            if any(s.school_id == ids.school for s in data.person_slots(i))
        ]
        return [ids.school], people
    people = [
        i
        for i in data.person_ids()
        if ids.station is None
        or any(s.station_id == ids.station for s in data.person_slots(i))
        or data.people[i].station_id == ids.station
    ]
    return data.school_ids(ids.station), people


def write_per_target(
    data: WeekData,
    folder: Path,
    fmt: str,
    selection: ExportSelection = ExportSelection(),
    *,
    full_contacts: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[Path]:
    """One .ics or .txt file per school and per person into `folder`.

    `on_progress(done, total)` is called after each file.
    """
    folder = output_folder(Path(folder))
    schools, people = _targets(data, selection)
    week = data.week_start.isoformat()
    suffix = "ics" if fmt == "ics" else "txt"
    total = len(schools) + len(people)
    files: list[Path] = []
    for sid in schools:
        school = data.schools[sid]
        path = folder / f"{week}-school-{_safe(school.code)}-{_safe(school.name)}.{suffix}"
        if fmt == "ics":
            content = school_calendar_bytes(data, sid, full_contacts=full_contacts)
        else:
            content = school_message(data, sid).encode("utf-8")
        _write(path, content)
        files.append(path)
        if on_progress is not None:
            on_progress(len(files), total)
    for pid in people:
        person = data.people[pid]
        path = folder / f"{week}-person-{_safe(person.code)}-{_safe(person.name)}.{suffix}"
        if fmt == "ics":
            content = person_calendar_bytes(data, pid, full_contacts=full_contacts)
        else:
            content = person_message(data, pid).encode("utf-8")
        _write(path, content)
        files.append(path)
        if on_progress is not None:
            on_progress(len(files), total)
    return files


def export_week(
    session: Session,
    week_start: dt.date,
    fmt: str,
    path: Path,
    selection: ExportSelection = ExportSelection(),
    *,
    full_contacts: bool = False,
    data: WeekData | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ExportResult:
    """Export a week: `xlsx`/`csv` to the file `path`, `ics`/`text` into the folder `path`.

    Raises `InputError` for an unknown format or code, or a week without any roster.
    """
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r} (one of: {', '.join(EXPORT_FORMATS)})")
    data = data or load_week(session, week_start)
    result = ExportResult(warnings=list(data.warnings))
    path = Path(path)
    if fmt == "xlsx":
        result.rows = write_xlsx(data, path, selection, full_contacts=full_contacts)
        result.files.append(path)
    elif fmt == "csv":
        result.rows = write_csv(data, path, selection, full_contacts=full_contacts)
        result.files.append(path)
    else:
        result.files = write_per_target(
            data, path, fmt, selection, full_contacts=full_contacts, on_progress=on_progress
        )
        result.rows = len(roster_rows(data, selection))
    return result


def _write(path: Path, content: bytes) -> None:
    write_output(path, content)
