"""Sub-commands over the database's week: `instance`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from sqlmodel import Session, select

from huxue.accounts import write_scope
from huxue.cli import options
from huxue.codes import match_code
from huxue.database import describe_url, head_revision, is_empty, open_database, resolve_url
from huxue.errors import InputError
from huxue.files import write_output
from huxue.i18n import pick
from huxue.instance import week_instance
from huxue.models import Station
from huxue.week import expand_week

# The shared option parsers, under the names the command modules know them by.
add_db_option = options.add_db
db_arg = options.db_arg


def parse_week(value: str | dt.date) -> dt.date:
    """A `--week` value (already parsed by `options.week`, or text): its Monday."""
    if isinstance(value, dt.date):
        return value - dt.timedelta(days=value.weekday())
    try:
        return options.week(value)
    except argparse.ArgumentTypeError as exc:
        raise InputError(str(exc)) from None


def station_id_for(session: Session, code: str | None) -> int | None:
    """The id of the station with `code` (None for the whole district)."""
    if code is None:
        return None
    stations = session.exec(select(Station)).all()
    found = match_code(((s.code, s.id) for s in stations), code)
    if found is None:
        known = ", ".join(s.code for s in stations)
        raise InputError(f"unknown station {code!r} (known: {known})")
    return found


def writable_station(session: Session, code: str | None, what: str) -> int | None:
    """The id of station `code` (None: the whole district) after checking that the login may
    write it (`PermissionDeniedError` naming the station otherwise; SQLite: always)."""
    station_id = station_id_for(session, code)
    target = f"{what} {code}" if code else pick(f"全区的{what}", f"the whole district's {what}")
    write_scope(session).require(station_id, target)
    return station_id


def _instance(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    started = time.perf_counter()
    engine = open_database(db_arg(args))
    with Session(engine) as session:
        station_id = station_id_for(session, args.station)
        expansion = expand_week(session, week, station_id)
        for warning in expansion.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        data = week_instance(session, week, station_id, expansion=expansion)
    out = write_output(Path(args.output), json.dumps(data, ensure_ascii=False, indent=1))
    seats = sum(s["need"]["total"] for s in data["sessions"])
    print(
        f"week {week.isoformat()}: {len(data['sessions'])} sessions, {seats} seats, "
        f"{len(data['people'])} people, {len(data['posts'])} posts → {out} "
        f"({time.perf_counter() - started:.2f} s)"
    )
    return 0


def _init(args: argparse.Namespace) -> int:
    db = db_arg(args)
    where = describe_url(resolve_url(db))
    engine = open_database(db)
    try:
        with Session(engine) as session:
            empty = is_empty(session)
    finally:
        engine.dispose()
    if not empty:
        print(pick(f"数据库 {where} 已有数据，未做改动", f"{where} already holds data; unchanged"))
        return 0
    print(
        pick(
            f"数据库 {where} 已就绪（空，结构版本 {head_revision()}）",
            f"{where} is ready (empty, schema {head_revision()})",
        )
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `init` and `instance`."""
    p = sub.add_parser("init", help="create an empty database (only init and demo create one)")
    add_db_option(p)
    p.set_defaults(func=_init)

    p = sub.add_parser("instance", help="write a week as huxue-instance/1 JSON")
    options.add_week(p)
    p.add_argument(
        "--station", type=options.code, help="one station's code (default: the whole district)"
    )
    p.add_argument("-o", "--output", required=True, help="output JSON file")
    options.add_force_output(p)
    add_db_option(p)
    p.set_defaults(func=_instance)
