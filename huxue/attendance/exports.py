"""Write a turnout report or volunteer-hour statements for a scope to a file: the one function
the CLI and the GUI both call."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from huxue.attendance.duties import Places
from huxue.attendance.hours import HoursLine, service_hours
from huxue.attendance.output import (
    FORMATS,
    Block,
    PdfPage,
    csv_bytes,
    hours_blocks,
    hours_list_pdf,
    printed_stamp,
    report_blocks,
    report_pdf,
    statement_header,
    statement_rows,
    statements_pdf,
    write_atomic,
    xlsx_bytes,
)
from huxue.attendance.reports import build_report
from huxue.database import district
from huxue.errors import InputError
from huxue.i18n import pick


@dataclass(frozen=True)
class Scope:
    """Whose attendance: the district (all None), a station, a school or a person."""

    station_id: int | None = None
    school_id: int | None = None
    person_id: int | None = None


def _check_format(fmt: str, allowed: tuple[str, ...] = FORMATS) -> None:
    if fmt not in allowed:
        raise InputError(
            pick(
                f"格式须为 {'/'.join(allowed)}：{fmt}", f"format must be {'/'.join(allowed)}: {fmt}"
            )
        )


def _heading(places: Places, scope: Scope, district_name: str) -> tuple[str, str]:
    """(the scope's name, the station that signs) for a scope."""
    if scope.person_id is not None:
        code, name, _, station = places.people[scope.person_id]
        return f"{name}（{code}）", places.stations[station][1]
    if scope.school_id is not None:
        code, name, station = places.schools[scope.school_id]
        return name, places.stations[station][1]
    if scope.station_id is not None:
        name = places.stations[scope.station_id][1]
        return name, name
    whole = district_name or pick("全区", "the district")
    return whole, whole


def write_report(
    session: Session, path: Path, fmt: str, first: dt.date, last: dt.date, scope: Scope
) -> int:
    """Write the turnout report of first..last for a scope; returns the number of duties."""
    _check_format(fmt)
    report = build_report(
        session,
        first,
        last,
        station_id=scope.station_id,
        school_id=scope.school_id,
        person_id=scope.person_id,
    )
    district_name = district(session).name
    heading, station = _heading(report.places, scope, district_name)
    title = pick("护学岗到岗率报表", "School-guard turnout report")
    if fmt == "csv":
        content = csv_bytes(report_blocks(report))
    elif fmt == "xlsx":
        content = xlsx_bytes(report_blocks(report), _notes(heading, first, last))
    else:
        page = PdfPage(title, " · ".join(p for p in (district_name, station) if p), printed_stamp())
        content = report_pdf(report, heading, page)
    write_atomic(path, content)
    return report.total.planned


def _notes(heading: str, first: dt.date, last: dt.date) -> list[tuple[str, str]]:
    return [
        (pick("范围", "scope"), heading),
        (pick("统计期间", "period"), f"{first.isoformat()} — {last.isoformat()}"),
        (pick("生成时间", "made"), dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
    ]


def write_hours(
    session: Session,
    path: Path,
    fmt: str,
    first: dt.date,
    last: dt.date,
    scope: Scope,
    *,
    statements: bool,
    period_name: str = "",
    roles: tuple[str, ...] = ("volunteer",),
) -> list[HoursLine]:
    """Write volunteer hours of first..last: a statement per volunteer (`statements`) or a list
    (per school or station). PDF or XLSX (CSV for the list too). Returns the people written."""
    _check_format(fmt)
    lines, places = service_hours(
        session,
        first,
        last,
        station_id=scope.station_id,
        school_id=scope.school_id,
        person_id=scope.person_id,
        roles=roles,
    )
    district_name = district(session).name
    heading, station = _heading(places, scope, district_name)
    period = period_name or f"{first.isoformat()} — {last.isoformat()}"
    if fmt == "pdf":
        organisation = " · ".join(p for p in (district_name, station) if p)
        if statements:
            page = PdfPage(
                pick("志愿服务时长证明", "Volunteer service statement"),
                organisation,
                printed_stamp(),
            )
            content = statements_pdf(lines, places, period=period, station_name=station, page=page)
        else:
            page = PdfPage(
                pick("志愿服务时长汇总表", "Volunteer service hours"), organisation, printed_stamp()
            )
            content = hours_list_pdf(
                lines, places, heading=f"{heading}　{period}", station_name=station, page=page
            )
    else:
        blocks = hours_blocks(lines, places)
        if statements:
            blocks += [
                Block(f"{line.name} {line.code}", statement_header(), statement_rows(line, places))
                for line in lines
            ]
        if fmt == "csv":
            content = csv_bytes(blocks)
        else:
            content = xlsx_bytes(blocks, _notes(heading, first, last))
    write_atomic(path, content)
    return lines
