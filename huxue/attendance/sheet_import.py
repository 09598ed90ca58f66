"""Import a filled sign-in spreadsheet (XLSX or CSV), all or nothing, and write its template.

The template has one row per published duty (of a sheet code, or of a station's or school's
days) with the sheet code, the duty's session key and the planned person already filled; the
clerk fills 到岗情况 (or only 到岗时间, from which lateness is worked out), 迟到分钟 and 替岗人.
Rows with neither status nor arrival time are left unrecorded. Every row is checked before
anything is written; a row of a duty the published roster no longer has is an error that says
whether the sheet was printed from an older version (the duty moved after printing).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from sqlmodel import Session

from huxue.attendance.codes import parse_sheet_code, sheet_code
from huxue.attendance.duties import Duty, Places, load_places, monday, published_duties
from huxue.attendance.errors import AttendanceError
from huxue.attendance.output import (
    Block,
    csv_bytes,
    session_kind_label,
    status_label,
    write_atomic,
    xlsx_bytes,
)
from huxue.attendance.record import (
    DutyLine,
    Entry,
    check_entry,
    parse_status,
    record_attendance,
)
from huxue.errors import InputError
from huxue.i18n import pick
from huxue.imports import ImportReport, RowError, decode_csv_bytes, parse_time_of_day
from huxue.models import AttendanceStatus

# key → (Chinese header, English header); the import accepts either, in any order.
COLUMNS: dict[str, tuple[str, str]] = {
    "sheet": ("签到码", "sheet code"),
    "session": ("班次", "session"),
    "date": ("日期", "date"),
    "time": ("规定时间", "time"),
    "post": ("岗位", "post"),
    "name": ("姓名", "name"),
    "person": ("人员编号", "person"),
    "status": ("到岗情况", "status"),
    "minutes": ("迟到分钟", "minutes late"),
    "arrived": ("到岗时间", "arrived"),
    "substitute": ("替岗人编号", "substitute"),
}
REQUIRED = ("session", "person")


def _header_keys() -> dict[str, str]:
    keys: dict[str, str] = {}
    for key, (zh, en) in COLUMNS.items():
        for name in (key, zh, en):
            keys[name.strip().lower().replace(" ", "").replace("_", "")] = key
    return keys


def template_rows(lines: Iterable[DutyLine], places: Places) -> list[list[str]]:
    """One row per duty: the fixed columns filled, the recorded ones too when there are any."""
    people = {pid: code for pid, (code, _, _, _) in places.people.items()}
    rows = []
    for line in lines:
        d = line.duty
        code, post_name, school, _ = places.posts[d.post_id]
        mark = line.mark
        rows.append(
            [
                sheet_code(d.post_id, d.week_start, d.roster_version),
                d.session_key,
                d.date.isoformat(),
                f"{d.start:%H:%M}–{d.end:%H:%M} {session_kind_label(d.kind)}",
                f"{places.schools[school][1]} {post_name}",
                places.people[d.person_id][1],
                people[d.person_id],
                status_label(mark.status) if mark else "",
                str(mark.minutes_late) if mark and mark.minutes_late else "",
                "",
                people.get(mark.substitute_id, "") if mark and mark.substitute_id else "",
            ]
        )
    return rows


def write_template(session: Session, path: Path, lines: Sequence[DutyLine]) -> int:
    """Write the sign-in template (XLSX, or CSV by the file's suffix) for these duties."""
    places = load_places(session)
    header = [pick(zh, en) for zh, en in COLUMNS.values()]
    rows = template_rows(lines, places)
    blocks = [Block(pick("签到登记", "sign-in"), header, rows)]
    if Path(path).suffix.lower() == ".csv":
        write_atomic(path, csv_bytes(blocks, titles=False))
    else:
        write_atomic(path, xlsx_bytes(blocks, []))
    return len(rows)


def _read(path: Path) -> list[tuple[int, list[str]]]:
    """(spreadsheet row number, cell texts) of the first sheet, blank rows left out."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            raw: list[Sequence[Any]] = list(
                csv.reader(io.StringIO(decode_csv_bytes(path.read_bytes()), newline=""))
            )
        elif suffix in (".xlsx", ".xlsm"):
            from openpyxl import load_workbook

            try:
                book = load_workbook(path, read_only=True, data_only=True)
            except Exception as exc:  # a corrupt or foreign file: zipfile, KeyError, ValueError
                raise InputError(f"{path} is not a readable Excel file: {exc}") from exc
            try:
                raw = [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
            finally:
                book.close()
        else:
            raise InputError(f"import file must be .xlsx or .csv: {path}")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    except csv.Error as exc:
        raise InputError(f"{path} is not a readable CSV file: {exc}") from exc
    rows = []
    for number, values in enumerate(raw, start=1):
        cells = [_text(v) for v in values]
        if any(cells):
            rows.append((number, cells))
    return rows


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.strftime("%H:%M") if value.year < 1901 else value.date().isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def import_signin(session: Session, path: Path, *, who: str | None = None) -> ImportReport:
    """Validate and import a filled sign-in file, all or nothing; commits on success.

    The report lists each bad row's row, column, value and reason; with any error nothing is
    written.
    """
    report = ImportReport("attendance")
    rows = _read(Path(path))
    if not rows:
        report.errors.append(
            RowError(0, "", "", pick("文件为空：没有表头行", "the file is empty: no header row"))
        )
        return report
    (_, headers), data = rows[0], rows[1:]
    accepted = _header_keys()
    index: dict[int, str] = {}
    labels: dict[str, str] = {}
    for i, header in enumerate(headers):
        key = accepted.get(header.strip().lower().replace(" ", "").replace("_", ""))
        if key is None:
            if header:
                report.warnings.append(f"column {header!r} is not used")
            continue
        index[i], labels[key] = key, header
    for key in REQUIRED:
        if key not in labels:
            report.errors.append(
                RowError(1, pick(*COLUMNS[key]), "", pick("缺少此列", "missing column"))
            )
    if "status" not in labels and "arrived" not in labels:
        report.errors.append(
            RowError(1, pick(*COLUMNS["status"]), "", pick("缺少此列", "missing column"))
        )
    if report.errors:
        return report
    report.rows = len(data)
    if not data:
        report.errors.append(
            RowError(1, "", "", pick("文件没有数据行", "the file has no data rows"))
        )
        return report
    places = load_places(session)
    by_code = {code.lower(): pid for pid, (code, _, _, _) in places.people.items()}
    # Duties of every week the file names, loaded once per week.
    duties: dict[tuple[dt.date, int], dict[tuple[str, int], Duty]] = {}
    loaded: set[dt.date] = set()
    groups: dict[tuple[dt.date, int], list[Entry]] = defaultdict(list)
    seen: dict[tuple[str, int], int] = {}
    for number, cells in data:
        values = {key: cells[i].strip() if i < len(cells) else "" for i, key in index.items()}

        def error(
            key: str,
            reason: str,
            value: str | None = None,
            number: int = number,
            values: dict[str, str] = values,
        ) -> None:
            shown = values.get(key, "") if value is None else value
            report.errors.append(
                RowError(number, labels.get(key, pick(*COLUMNS[key])), shown, reason)
            )

        status_text, arrived_text = values.get("status", ""), values.get("arrived", "")
        if not status_text and not arrived_text:
            continue  # not filled in: left unrecorded
        key, person_text = values.get("session", ""), values.get("person", "")
        if not key:
            error("session", pick("必填", "required"))
            continue
        pid = by_code.get(person_text.lower())
        if pid is None:
            error("person", pick("没有此人员编号", "no person with this code"))
            continue
        parts = key.split("/")
        try:
            day = dt.date.fromisoformat(parts[1]) if len(parts) >= 3 else None
        except ValueError:
            day = None
        if day is None:
            error(
                "session", pick("不是班次编号（岗位/日期/时段）", "not a session (post/date/kind)")
            )
            continue
        week = monday(day)
        if week not in loaded:
            loaded.add(week)
            for d in published_duties(session, week, week + dt.timedelta(days=6)):
                duties.setdefault((week, d.station_id), {})[(d.session_key, d.person_id)] = d
        group = next(
            ((w, s) for (w, s), found in duties.items() if w == week and (key, pid) in found), None
        )
        if group is None:
            error(
                "session", _missing_reason(values.get("sheet", ""), duties, week, key, pid, places)
            )
            continue
        duty = duties[group][(key, pid)]
        if (key, pid) in seen:
            error(
                "person",
                pick(f"与第 {seen[key, pid]} 行重复", f"same duty as row {seen[key, pid]}"),
            )
            continue
        seen[(key, pid)] = number
        try:
            entry = _entry(values, duty, by_code)
            check_entry(entry, duties[group], places)
        except AttendanceError as exc:
            column = {
                "late_minutes": "minutes",
                "minutes_not_allowed": "minutes",
                "bad_status": "status",
                "unknown_person": "substitute",  # the planned person was matched above
            }.get(exc.reason, "substitute" if "substitute" in exc.reason else "status")
            error(column, str(exc))
            continue
        except ValueError as exc:
            error("arrived" if "time" in str(exc) or "时间" in str(exc) else "minutes", str(exc))
            continue
        groups[group].append(entry)
    if report.errors:
        report.errors.sort(key=lambda e: e.row)
        return report
    try:
        for (week, station), entries in sorted(groups.items()):
            result = record_attendance(session, week, station, entries, who)
            report.created += result.created
            report.updated += result.updated
        session.commit()
    except BaseException:
        session.rollback()
        raise
    return report


def _entry(values: dict[str, str], duty: Duty, by_code: dict[str, int]) -> Entry:
    """The entry a row asks for; ValueError or AttendanceError when it cannot be read."""
    status_text, arrived_text = values.get("status", ""), values.get("arrived", "")
    minutes_text = values.get("minutes", "")
    minutes = 0
    if minutes_text:
        if not minutes_text.isdigit():
            raise ValueError(pick("迟到分钟须为整数", "minutes late must be a whole number"))
        minutes = int(minutes_text)
    status = parse_status(status_text) if status_text else None
    if arrived_text:
        arrived = parse_time_of_day(arrived_text)
        late = (arrived.hour * 60 + arrived.minute) - (duty.start.hour * 60 + duty.start.minute)
        if status is None:
            status = AttendanceStatus.LATE if late > 0 else AttendanceStatus.PRESENT
        if status in (AttendanceStatus.LATE, AttendanceStatus.SUBSTITUTED) and not minutes:
            minutes = max(0, late)
    assert status is not None
    substitute = None
    sub_text = values.get("substitute", "")
    if sub_text:
        substitute = by_code.get(sub_text.lower())
        if substitute is None:
            raise AttendanceError("unknown_person", person=sub_text)
    return Entry(duty.session_key, duty.person_id, status.value, minutes, substitute, None)


def _missing_reason(
    code: str,
    duties: dict[tuple[dt.date, int], dict[tuple[str, int], Duty]],
    week: dt.date,
    key: str,
    pid: int,
    places: Places,
) -> str:
    """Why a row's duty is not in the published roster, naming a stale sheet when it is one."""
    person = f"{places.people[pid][1]}（{places.people[pid][0]}）"
    versions = [
        next(iter(found.values())).roster_version
        for (w, _), found in duties.items()
        if w == week and found
    ]
    published = max(versions, default=0)
    if code:
        try:
            ref = parse_sheet_code(code)
        except AttendanceError as exc:
            return str(exc)
        if ref.version < published:
            return pick(
                f"签到表按第 {ref.version} 版打印，之后该班次已调整：已发布的第 {published} 版中"
                f"{person}没有此班次",
                f"the sheet was printed from version {ref.version} and the duty moved after "
                f"printing: published version {published} has no such duty for {person}",
            )
    if not published:
        return pick(
            f"{week.isoformat()} 这一周没有已发布的排班表",
            f"the week of {week.isoformat()} has no published roster",
        )
    return pick(
        f"已发布的第 {published} 版排班表中{person}没有此班次",
        f"published version {published} of the roster has no such duty for {person}",
    )
