"""Sub-commands over the database's week: `instance`."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from pathlib import Path

from sqlmodel import Session, select

from huxue.database import open_database
from huxue.errors import InputError
from huxue.instance import week_instance
from huxue.models import Station
from huxue.week import expand_week


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """`--db PATH-or-URL` on a sub-command (the top-level `--db` works too)."""
    parser.add_argument(
        "--db",
        dest="sub_db",
        metavar="PATH-or-URL",
        help="database file or URL (default: $HUXUE_DATABASE_URL or the user's database)",
    )


def db_arg(args: argparse.Namespace) -> str | None:
    """The database the user named, on the sub-command or before it."""
    value: str | None = getattr(args, "sub_db", None) or getattr(args, "db", None)
    return value


def parse_week(text: str) -> dt.date:
    """A `--week` value: an ISO date; any day of the week selects its Monday."""
    try:
        day = dt.date.fromisoformat(text)
    except ValueError as exc:
        raise InputError(f"--week {text!r} is not a date (YYYY-MM-DD)") from exc
    return day - dt.timedelta(days=day.weekday())


def station_id_for(session: Session, code: str | None) -> int | None:
    """The id of the station with `code` (None for the whole district)."""
    if code is None:
        return None
    station = session.exec(select(Station).where(Station.code == code)).first()
    if station is None:
        known = ", ".join(s.code for s in session.exec(select(Station)).all())
        raise InputError(f"unknown station {code!r} (known: {known})")
    assert station.id is not None
    return station.id


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
    out = Path(args.output)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot write {out}: {exc.strerror}") from exc
    seats = sum(s["need"]["total"] for s in data["sessions"])
    print(
        f"week {week.isoformat()}: {len(data['sessions'])} sessions, {seats} seats, "
        f"{len(data['people'])} people, {len(data['posts'])} posts → {out} "
        f"({time.perf_counter() - started:.2f} s)"
    )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `instance`."""
    p = sub.add_parser("instance", help="write a week as huxue-instance/1 JSON")
    p.add_argument("--week", required=True, help="the week's Monday (any day selects its week)")
    p.add_argument("--station", help="one station's code (default: the whole district)")
    p.add_argument("-o", "--output", required=True, help="output JSON file")
    add_db_option(p)
    p.set_defaults(func=_instance)
