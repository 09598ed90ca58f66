"""Sub-commands that plan a stored week: `solve`, `repair`, `publish`."""

from __future__ import annotations

import argparse
from collections import Counter

from sqlmodel import select

from huxue.causes import coverage_text
from huxue.cli import options
from huxue.cli.core_cmds import add_db_option, db_arg, parse_week, station_id_for
from huxue.cli.solver_cmds import limit_lines, shortage_lines
from huxue.database import open_database, session_scope
from huxue.errors import InputError
from huxue.models import Station
from huxue.planning import NothingToPlanError, PlanScope, publish, solve_week
from huxue.planning_repair import repair_sick_call
from huxue.week import monday_of
from huxue.week_after import plan_week_after
from solver.instance import REPAIR_TIME_LIMIT_S
from solver.solve import Result


def result_summary(result: Result, risk_of: dict[str, int]) -> list[str]:
    """A one-screen summary of a solve: status, fill rate, shortfalls by risk, gap, time."""
    seats = int(result.stats.get("seats", 0))
    filled = int(result.stats.get("seats_filled", 0))
    rate = f"{100.0 * filled / seats:.1f} %" if seats else "—"
    lines = [
        f"status {result.status}: {filled}/{seats} seats filled ({rate}), "
        f"{result.stats.get('people_used', 0)} people used, gap {100 * result.gap:.2f} %, "
        f"{result.wall_s:.1f} s",
        coverage_text(result.stats),
    ]
    short_by_risk: Counter[int] = Counter()
    seats_short: Counter[int] = Counter()
    for shortage in result.shortages:
        risk = risk_of.get(shortage.session, 1)
        short_by_risk[risk] += 1
        seats_short[risk] += shortage.missing.total
    if short_by_risk:
        parts = [
            f"risk {r}: {short_by_risk[r]} sessions / {seats_short[r]} seats"
            for r in sorted(short_by_risk, reverse=True)
        ]
        lines.append("short: " + ", ".join(parts))
        lines += shortage_lines(result, risk_of)
    else:
        lines.append("no shortfall: every seat is filled")
    return lines + limit_lines(result)


def _solve(args: argparse.Namespace) -> int:
    try:
        return _solve_week(args)
    except NothingToPlanError as exc:  # a vacation or closed week: say why, store nothing
        print(exc)
        return 0


def _solve_week(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    engine = open_database(db_arg(args))
    lines: list[str] = []  # printed after the commit: a closed pipe never undoes the solve
    with session_scope(engine) as session:
        scope = PlanScope(week, station_id_for(session, args.station))
        if args.from_week:
            after = plan_week_after(
                session,
                scope,
                args.from_week,
                time_limit=args.time_limit,
                workers=args.workers,
                replace=args.replace,
            )
            outcome = after.outcome
            lines.append(
                f"from the week of {monday_of(args.from_week).isoformat()}: "
                f"{after.carried} duties carried over ({after.dropped} had no session or person "
                f"this week), {after.kept} kept, {after.carried - after.kept} changed"
            )
        else:
            outcome = solve_week(
                session,
                scope,
                time_limit=args.time_limit,
                workers=args.workers,
                replace=args.replace,
            )
        lines += [f"warning: {warning}" for warning in outcome.warnings]
        risk_of = {key: duty.risk for key, duty in outcome.ctx.sessions.items()}
        lines += result_summary(outcome.result, risk_of)
        codes = dict(session.exec(select(Station.id, Station.code)).all())
        versions = ", ".join(
            f"{codes.get(r.station_id, '?')} v{r.version}" for r in outcome.rosters
        )
        lines.append(f"stored as draft roster(s) for the week of {week.isoformat()} ({versions})")
    print("\n".join(lines))
    return 0


def _repair(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    first, last = args.date_from, args.date_to
    if last < first:
        raise InputError(f"--to {last} is before --from {first}")
    engine = open_database(db_arg(args))
    lines: list[str] = []  # printed after the commit
    with session_scope(engine) as session:
        outcome = repair_sick_call(
            session,
            week,
            args.person,
            first,
            last,
            reason=args.reason,
            time_limit=args.time_limit,
        )
    diff = outcome.diff
    lines.append(
        f"{args.person} on leave {first.isoformat()}–{last.isoformat()}: "
        f"{len(diff.removed)} removed, {len(diff.added)} added, {len(diff.moved)} moved "
        f"({outcome.wall_s:.1f} s)"
    )
    for change in diff.removed:
        lines.append(f"  - {change.session_key}  {change.person_code} {change.person_name}")
    for change in diff.added:
        lines.append(f"  + {change.session_key}  {change.person_code} {change.person_name}")
    if outcome.schools_to_reprint:
        lines.append("reprint school sheets: " + ", ".join(outcome.schools_to_reprint))
    if outcome.people_to_notify:
        lines.append("notify: " + ", ".join(outcome.people_to_notify))
    print("\n".join(lines))
    return 0


def _publish(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    engine = open_database(db_arg(args))
    lines: list[str] = []  # printed after the commit
    with session_scope(engine) as session:
        station_id = station_id_for(session, args.station)
        done = publish(session, week, station_id)
        if not done:
            lines.append(f"the week of {week.isoformat()} is already published")
        codes = dict(session.exec(select(Station.id, Station.code)).all())
        for roster in done:
            lines.append(
                f"published the roster of {codes.get(roster.station_id, '?')} for the week of "
                f"{week.isoformat()} as version {roster.version}"
            )
    print("\n".join(lines))
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `solve`, `repair` and `publish`."""
    p = sub.add_parser("solve", help="solve a stored week and keep it as a draft roster")
    options.add_week(p)
    p.add_argument(
        "--station", type=options.code, help="one station's code (default: the whole district)"
    )
    options.add_time_limit(p, None, "default: the district's rule, 30")
    options.add_workers(p)
    p.add_argument(
        "--from-week",
        type=lambda text: options.day(text, "--from-week"),
        metavar="DATE",
        help="start from that week's published roster (same gates, same people)",
    )
    p.add_argument(
        "--replace",
        action="store_true",
        help="store the new roster even if the week's draft changed while solving "
        "(default: keep the newer draft and exit 1)",
    )
    add_db_option(p)
    p.set_defaults(func=_solve)

    p = sub.add_parser("repair", help="sick call: record leave and re-solve with few changes")
    options.add_week(p)
    p.add_argument("--person", type=options.code, required=True, help="the person's code (警号)")
    p.add_argument(
        "--from", dest="date_from", type=options.day, required=True, help="first day of leave"
    )
    p.add_argument(
        "--to", dest="date_to", type=options.day, required=True, help="last day of leave"
    )
    p.add_argument("--reason", type=options.reason, default="病假")
    options.add_time_limit(p, REPAIR_TIME_LIMIT_S, f"{REPAIR_TIME_LIMIT_S:g}")
    add_db_option(p)
    p.set_defaults(func=_repair)

    p = sub.add_parser("publish", help="lock a week's roster as a new published version")
    options.add_week(p)
    p.add_argument(
        "--station", type=options.code, help="one station's code (default: every station)"
    )
    add_db_option(p)
    p.set_defaults(func=_publish)
