"""Sub-commands that take data out of and into the database: `print`, `export`, `template`,
`import`, `backup`, `restore`."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from sqlmodel import Session

from huxue.backup import restore_file, write_backup
from huxue.cli import options
from huxue.cli.core_cmds import add_db_option, db_arg, parse_week
from huxue.cli.progress import progress
from huxue.database import open_database, session_scope
from huxue.errors import InputError
from huxue.exports import EXPORT_FORMATS, ExportSelection, export_week
from huxue.i18n import pick
from huxue.imports import KINDS, import_file, write_template
from huxue.reports import PRINT_KINDS, PrintSelection, load_week, print_week
from huxue.reprints import covered_stations, record_output

MAX_ERRORS_SHOWN = 200


def _print(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    started = time.perf_counter()
    engine = open_database(db_arg(args))
    selection = PrintSelection(args.kind, args.station, args.school, args.person, args.post)
    if args.png and args.kind != "school":
        raise InputError("--png applies to --kind school only")
    with (
        Session(engine) as session,
        progress(("打印", "printing"), ("张", "sheets")) as update,
    ):
        data = load_week(session, week)
        result = print_week(
            session,
            week,
            selection,
            Path(args.output),
            full_contacts=args.full_contacts,
            combined=not args.no_combined,
            png=args.png,
            data=data,
            on_progress=update,
        )
    # The sheets are on disk: note it, so the overview knows when a later change wants them
    # printed again.
    with session_scope(engine) as session:
        covered = covered_stations(
            session, station=args.station, school=args.school, person=args.person, post=args.post
        )
        record_output(session, week, covered, "print", args.kind)
    for warning in result.warnings:
        print(pick(f"注意：{warning}", f"warning: {warning}"))
    kind = pick(_PRINT_KIND_ZH.get(args.kind, args.kind), f"{args.kind} sheet(s)")
    combined = result.combined.name if result.combined else ""
    extra = pick(f"，另有合并文件 {combined}", f" + combined {combined}") if combined else ""
    images = f" + {len(result.images)} PNG" if result.images else ""
    elapsed = time.perf_counter() - started
    print(
        pick(
            f"{week.isoformat()} 一周：{len(result.files)} 张{kind}"
            f"{extra}{images} → {args.output}（用时 {elapsed:.2f} 秒）",
            f"week {week.isoformat()}: {len(result.files)} {kind}"
            f"{extra}{images} → {args.output} ({elapsed:.2f} s)",
        )
    )
    return 0


_PRINT_KIND_ZH = {
    "station": "派出所周排班表",
    "school": "学校值班表",
    "person": "执勤卡",
    "signin": "签到表",
}


def _export(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    started = time.perf_counter()
    engine = open_database(db_arg(args))
    selection = ExportSelection(args.station, args.school, args.person)
    with Session(engine) as session:
        result = export_week(
            session,
            week,
            args.format,
            Path(args.output),
            selection,
            full_contacts=args.full_contacts,
        )
    with session_scope(engine) as session:
        covered = covered_stations(
            session, station=args.station, school=args.school, person=args.person
        )
        record_output(session, week, covered, "export", args.format)
    for warning in result.warnings:
        print(f"warning: {warning}")
    what = f"{len(result.files)} file(s)" if args.format in ("ics", "text") else "1 file"
    print(
        f"week {week.isoformat()}: {result.rows} duties as {args.format}, {what} → "
        f"{args.output} ({time.perf_counter() - started:.2f} s)"
    )
    return 0


def _template(args: argparse.Namespace) -> int:
    path = write_template(args.kind, Path(args.output))
    print(f"{args.kind} template → {path}")
    return 0


def _import(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    path = Path(args.file)
    if not path.is_file():
        raise InputError(f"no such file: {path}")
    engine = open_database(db_arg(args))
    with (
        Session(engine, expire_on_commit=False) as session,
        progress(("检查导入行", "checking rows"), ("行", "rows")) as update,
    ):
        report = import_file(session, args.kind, path, on_progress=update)
    for warning in report.warnings:
        print(pick(f"注意：{warning}", f"warning: {warning}"))
    if report.errors:
        for error in report.errors[:MAX_ERRORS_SHOWN]:
            print(error)
        more = len(report.errors) - MAX_ERRORS_SHOWN
        if more > 0:
            print(pick(f"……另有 {more} 处", f"… and {more} more"))
        print(
            pick(
                f"{path}：{len(report.errors)} 处错误，未导入任何数据",
                f"{path}: {len(report.errors)} error(s); nothing imported",
            )
        )
        return 1
    elapsed = time.perf_counter() - started
    print(
        pick(
            f"{path}：{report.rows} 行，新建 {report.created}，更新 {report.updated}"
            f"（用时 {elapsed:.2f} 秒）",
            f"{path}: {report.rows} {args.kind} row(s): {report.created} created, "
            f"{report.updated} updated ({elapsed:.2f} s)",
        )
    )
    return 0


def _backup(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    engine = open_database(db_arg(args))
    counts = write_backup(engine, Path(args.output))
    rows = sum(counts.values())
    print(
        f"backup of {len(counts)} tables, {rows} rows → {args.output} "
        f"({time.perf_counter() - started:.2f} s)"
    )
    return 0


def _restore(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    engine = open_database(db_arg(args))
    outcome = restore_file(engine, Path(args.file), force=args.force)
    counts = outcome.counts
    if outcome.safety_copy is not None:
        print(
            pick(
                f"原有数据已保存到 {outcome.safety_copy}",
                f"the data it replaced was saved to {outcome.safety_copy}",
            )
        )
    print(
        f"restored {sum(counts.values())} rows in {len(counts)} tables from {args.file} "
        f"({time.perf_counter() - started:.2f} s)"
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `print`, `export`, `template`, `import`, `backup` and `restore`."""
    p = sub.add_parser("print", help="print a week's sheets as PDF")
    options.add_week(p)
    p.add_argument("--kind", required=True, choices=PRINT_KINDS, help="which sheets to print")
    p.add_argument("-o", "--output", required=True, help="output folder")
    p.add_argument(
        "--station", type=options.code, help="one station's code (or its schools, people, posts)"
    )
    p.add_argument(
        "--school", type=options.code, help="one school's code (school sheet, its posts or people)"
    )
    p.add_argument("--person", type=options.code, help="one person's code (person card)")
    p.add_argument("--post", type=options.code, help="one post's code (sign-in sheet)")
    options.add_force_output(p)
    p.add_argument("--full-contacts", action="store_true", help="print phone numbers unmasked")
    p.add_argument("--no-combined", action="store_true", help="skip the combined file")
    p.add_argument("--png", action="store_true", help="also save each school sheet as PNG")
    add_db_option(p)
    p.set_defaults(func=_print)

    p = sub.add_parser("export", help="export a week as XLSX, CSV, iCalendar or messages")
    options.add_week(p)
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS, help="file format")
    p.add_argument(
        "-o", "--output", required=True, help="output file (xlsx, csv) or folder (ics, text)"
    )
    p.add_argument("--station", type=options.code, help="one station's code")
    p.add_argument("--school", type=options.code, help="one school's code")
    p.add_argument("--person", type=options.code, help="one person's code")
    options.add_force_output(p)
    p.add_argument("--full-contacts", action="store_true", help="export phone numbers unmasked")
    add_db_option(p)
    p.set_defaults(func=_export)

    p = sub.add_parser("template", help="write an empty import file (.xlsx or .csv)")
    p.add_argument("--kind", required=True, choices=KINDS, help="which records the file holds")
    p.add_argument("-o", "--output", required=True, help="output .xlsx or .csv file")
    options.add_force_output(p)
    p.set_defaults(func=_template)

    p = sub.add_parser("import", help="import schools, posts, bell times or people (all or none)")
    p.add_argument("--kind", required=True, choices=KINDS, help="which records the file holds")
    p.add_argument("file", help=".xlsx or .csv file (CSV in UTF-8 or GBK)")
    add_db_option(p)
    p.set_defaults(func=_import)

    p = sub.add_parser("backup", help="write the whole database as JSON")
    p.add_argument("-o", "--output", required=True, help="output JSON file")
    options.add_force_output(p)
    add_db_option(p)
    p.set_defaults(func=_backup)

    p = sub.add_parser("restore", help="restore a JSON backup into an empty database")
    p.add_argument("file", help="a backup written by `backup`")
    p.add_argument("--force", action="store_true", help="replace a database that holds data")
    add_db_option(p)
    p.set_defaults(func=_restore)
