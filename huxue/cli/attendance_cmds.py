"""`attendance`: record, import and report attendance of published weeks, and volunteer hours."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from sqlmodel import Session

from huxue.attendance.duties import id_by_code, load_places
from huxue.attendance.exports import Scope, write_hours, write_report
from huxue.attendance.hours import term_range
from huxue.attendance.learn import recent_turnout
from huxue.attendance.output import percent
from huxue.attendance.record import (
    Entry,
    all_present,
    duty_lines,
    duty_scope,
    open_sheet,
    parse_status,
    person_id_by_code,
    record_attendance,
)
from huxue.attendance.sheet_import import import_signin, write_template
from huxue.cli.core_cmds import add_db_option, db_arg
from huxue.database import open_database, session_scope
from huxue.errors import InputError
from huxue.models import Person, School, Station


def _date(text: str | None, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text or "")
    except ValueError as exc:
        raise InputError(f"{option} {text!r} is not a date (YYYY-MM-DD)") from exc


def _scope(session: Session, args: argparse.Namespace) -> Scope:
    given = [n for n in ("station", "school", "person") if getattr(args, n, None)]
    if len(given) > 1:
        raise InputError("give at most one of --station, --school, --person")
    return Scope(
        station_id=id_by_code(session, Station, args.station, "station") if args.station else None,
        school_id=id_by_code(session, School, args.school, "school") if args.school else None,
        person_id=id_by_code(session, Person, args.person, "person") if args.person else None,
    )


def _period(session: Session, args: argparse.Namespace) -> tuple[dt.date, dt.date, str]:
    if getattr(args, "term", None):
        return term_range(session, args.term)
    first, last = _date(args.date_from, "--from"), _date(args.date_to, "--to")
    if last < first:
        raise InputError(f"--to {last} is before --from {first}")
    return first, last, ""


def _record(args: argparse.Namespace) -> int:
    engine = open_database(db_arg(args))
    with session_scope(engine) as session:
        if args.sheet:
            opened = open_sheet(session, args.sheet)
            if opened.stale:
                print(
                    f"warning: sheet printed from version {opened.printed_version}, "
                    f"published is version {opened.published_version}"
                )
                people = load_places(session).people
                for moved_key, pid in opened.moved:
                    print(f"warning: moved after printing: {moved_key} {people[pid][0]}")
            week, station, lines = opened.week_start, opened.station_id, opened.lines
        elif args.session:
            week, station, key = duty_scope(session, args.session)
            lines = []
        else:
            if not (args.station and args.date):
                raise InputError("give --sheet CODE, or --session KEY, or --station and --date")
            day = _date(args.date, "--date")
            station = id_by_code(session, Station, args.station, "station")
            week = day - dt.timedelta(days=day.weekday())
            lines = duty_lines(session, day, day, station_id=station)
        entries: list[Entry] = []
        if args.session:
            if not (args.person and args.status):
                raise InputError("--session needs --person and --status")
            substitute = person_id_by_code(session, args.substitute) if args.substitute else None
            entries.append(
                Entry(
                    key,
                    person_id_by_code(session, args.person),
                    parse_status(args.status).value,
                    args.minutes or 0,
                    substitute,
                )
            )
        elif args.all_present:
            entries = all_present(lines)
        else:
            raise InputError("say what to record: --all-present, or --session with --status")
        result = record_attendance(session, week, station, entries)
        print(
            f"recorded {result.created} new, {result.updated} changed, {result.unchanged} unchanged"
        )
    return 0


def _import(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    engine = open_database(db_arg(args))
    with session_scope(engine) as session:
        report = import_signin(session, Path(args.file))
    for warning in report.warnings:
        print(f"warning: {warning}")
    if report.errors:
        for error in report.errors:
            print(error)
        print(f"{len(report.errors)} error(s): nothing imported")
        return 1
    print(
        f"imported {report.created} new and {report.updated} changed attendance record(s) "
        f"from {report.rows} rows ({time.perf_counter() - started:.2f} s)"
    )
    return 0


def _template(args: argparse.Namespace) -> int:
    engine = open_database(db_arg(args))
    with session_scope(engine) as session:
        if args.sheet:
            lines = open_sheet(session, args.sheet).lines
        else:
            first, last = (
                _date(args.date_from, "--from"),
                _date(args.date_to or args.date_from, "--to"),
            )
            scope = _scope(session, args)
            lines = duty_lines(
                session, first, last, station_id=scope.station_id, school_id=scope.school_id
            )
        count = write_template(session, Path(args.output), lines)
    print(f"wrote {count} duties to {args.output}")
    return 0


def _report(args: argparse.Namespace) -> int:
    engine = open_database(db_arg(args))
    with session_scope(engine) as session:
        first, last, _ = _period(session, args)
        duties = write_report(
            session, Path(args.output), args.format, first, last, _scope(session, args)
        )
    print(f"wrote the turnout report of {duties} duties to {args.output}")
    return 0


def _hours(args: argparse.Namespace) -> int:
    engine = open_database(db_arg(args))
    with session_scope(engine) as session:
        first, last, name = _period(session, args)
        lines = write_hours(
            session,
            Path(args.output),
            args.format,
            first,
            last,
            _scope(session, args),
            statements=args.statements,
            period_name=name,
            roles=() if args.all_roles else ("volunteer",),
        )
    total = sum(line.minutes for line in lines)
    print(f"wrote {len(lines)} people, {total / 60:.2f} hours, to {args.output}")
    return 0


def _turnout(args: argparse.Namespace) -> int:
    engine = open_database(db_arg(args))
    with session_scope(engine) as session:
        today = _date(args.today, "--today") if args.today else dt.date.today()
        scope = _scope(session, args)
        tallies = recent_turnout(session, weeks=args.weeks, today=today)
        people = load_places(session).people
        shown = 0
        for pid, tally in sorted(
            tallies.items(), key=lambda kv: (kv[1].turnout or 0, people[kv[0]][0])
        ):
            code, name, _, station = people[pid]
            if scope.person_id not in (None, pid) or scope.station_id not in (None, station):
                continue
            print(f"{code}\t{name}\t{tally.attended}/{tally.recorded}\t{percent(tally.turnout)}")
            shown += 1
    print(f"{shown} people, last {args.weeks} weeks to {today.isoformat()}")
    return 0


def _period_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", help="last day (YYYY-MM-DD)")
    p.add_argument("--term", help="a term's name instead of --from/--to")
    _scope_options(p)


def _scope_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--station", help="one station's code")
    p.add_argument("--school", help="one school's code")
    p.add_argument("--person", help="one person's code")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `attendance` with `record`, `import`, `template`, `report`, `hours`, `turnout`."""
    top = sub.add_parser(
        "attendance", help="attendance of published weeks, turnout, volunteer hours"
    )
    cmds = top.add_subparsers(dest="attendance_command", metavar="ACTION", required=True)

    p = cmds.add_parser("record", help="record attendance (all present, or one duty)")
    p.add_argument("--sheet", help="a sign-in sheet's code: its week's duties at its post")
    p.add_argument("--station", help="a station's code (with --date)")
    p.add_argument("--date", help="a day (with --station)")
    p.add_argument("--all-present", action="store_true", help="present for every unrecorded duty")
    p.add_argument("--session", help="one duty's session key (post/date/kind)")
    p.add_argument("--person", help="the planned person's code (with --session)")
    p.add_argument(
        "--status", help="到岗/迟到/缺岗/请假/替岗 or present/late/absent/excused/substituted"
    )
    p.add_argument("--minutes", type=int, help="minutes late")
    p.add_argument("--substitute", help="the substitute's code (with --status substituted)")
    add_db_option(p)
    p.set_defaults(func=_record)

    p = cmds.add_parser("import", help="import a filled sign-in file (all or nothing)")
    p.add_argument("file", help=".xlsx or .csv file (CSV in UTF-8 or GBK)")
    add_db_option(p)
    p.set_defaults(func=_import)

    p = cmds.add_parser("template", help="write the sign-in file to fill for a sheet or days")
    p.add_argument("--sheet", help="a sign-in sheet's code")
    p.add_argument("--from", dest="date_from", help="first day")
    p.add_argument("--to", dest="date_to", help="last day (default: the first)")
    p.add_argument("--station", help="one station's code")
    p.add_argument("--school", help="one school's code")
    p.add_argument("-o", "--output", required=True, help="output .xlsx or .csv file")
    add_db_option(p)
    p.set_defaults(func=_template, person=None)

    p = cmds.add_parser("report", help="turnout report (到岗率) as PDF, XLSX or CSV")
    _period_options(p)
    p.add_argument("--format", required=True, choices=("pdf", "xlsx", "csv"), help="file format")
    p.add_argument("-o", "--output", required=True, help="output file")
    add_db_option(p)
    p.set_defaults(func=_report)

    p = cmds.add_parser("hours", help="volunteer service hours: statements or a list")
    _period_options(p)
    p.add_argument("--format", required=True, choices=("pdf", "xlsx", "csv"), help="file format")
    p.add_argument("--statements", action="store_true", help="a statement per volunteer")
    p.add_argument("--all-roles", action="store_true", help="everyone, not volunteers only")
    p.add_argument("-o", "--output", required=True, help="output file")
    add_db_option(p)
    p.set_defaults(func=_hours)

    p = cmds.add_parser("turnout", help="each person's turnout of the last weeks")
    p.add_argument("--weeks", type=int, default=8, help="how many weeks back (default 8)")
    p.add_argument("--today", help="the last day counted (default: today)")
    _scope_options(p)
    add_db_option(p)
    p.set_defaults(func=_turnout)
