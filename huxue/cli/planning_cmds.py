"""Sub-commands that plan a stored week: `solve`, `repair`, `publish`."""

from __future__ import annotations

import argparse
import datetime as dt
from collections import Counter

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from huxue.accounts import write_scope
from huxue.causes import coverage_text, reason_text
from huxue.cli import options
from huxue.cli.core_cmds import add_db_option, db_arg, parse_week, writable_station
from huxue.cli.progress import progress
from huxue.cli.solver_cmds import SHORTAGES_SHOWN, limit_lines
from huxue.database import open_database, session_scope
from huxue.errors import InputError
from huxue.i18n import pick
from huxue.models import Post, School, Station
from huxue.planning import NothingToPlanError, PlanScope, WeekContext, publish, solve_week
from huxue.planning_repair import person_by_code, repair_sick_call
from huxue.reports.data import day_label, session_label
from huxue.solve_lock import SolveLock, station_lock
from huxue.vocabulary import RISK_LABELS
from huxue.week import monday_of
from huxue.week_after import plan_week_after
from solver.instance import REPAIR_TIME_LIMIT_S
from solver.solve import Result

_RISK_EN = {1: "low", 2: "medium", 3: "high"}
_SESSION_EN = {
    "arrival": "arrival",
    "noon": "noon",
    "dismissal": "dismissal",
    "after_care": "after-school care",
    "evening": "evening study",
}


def result_summary(result: Result, risk_of: dict[str, int]) -> list[str]:
    """A one-screen summary of a solve: status, fill rate, shortfalls by risk, gap, time."""
    seats = int(result.stats.get("seats", 0))
    filled = int(result.stats.get("seats_filled", 0))
    rate = f"{100.0 * filled / seats:.1f} %" if seats else "—"
    used = result.stats.get("people_used", 0)
    lines = [
        pick(
            f"求解状态 {result.status}：已排 {filled}/{seats} 个座位（{rate}），用到 {used} 人，"
            f"目标差距 {100 * result.gap:.2f}%，用时 {result.wall_s:.1f} 秒",
            f"status {result.status}: {filled}/{seats} seats filled ({rate}), "
            f"{used} people used, gap {100 * result.gap:.2f} %, {result.wall_s:.1f} s",
        ),
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
            pick(
                f"{RISK_LABELS.get(r, r)}风险 {short_by_risk[r]} 个时段、缺 {seats_short[r]} 人次",
                f"{_RISK_EN.get(r, r)} risk: {short_by_risk[r]} sessions / {seats_short[r]} seats",
            )
            for r in sorted(short_by_risk, reverse=True)
        ]
        lines.append(pick("缺员：", "short: ") + pick("，", ", ").join(parts))
    else:
        lines.append(pick("没有缺员：全部座位已排满", "no shortfall: every seat is filled"))
    return lines + limit_lines(result)


def short_post_lines(session: Session, ctx: WeekContext, result: Result) -> list[str]:
    """The short sessions by school and post name, riskiest first, with why they are short."""
    duties = ctx.sessions
    ranked = sorted(
        result.shortages,
        key=lambda s: (
            -(duties[s.session].risk if s.session in duties else 1),
            -s.missing.police,
            -s.missing.officers,
            -s.missing.total,
            s.session,
        ),
    )
    shown = ranked[:SHORTAGES_SHOWN]
    post_ids = {duties[s.session].post_id for s in shown if s.session in duties}
    names: dict[int, tuple[str, str]] = {}
    if post_ids:
        rows = session.exec(
            select(Post.id, Post.name, School.name)
            .join(School, col(School.id) == col(Post.school_id))
            .where(col(Post.id).in_(post_ids))
        ).all()
        names = {pid: (school, post) for pid, post, school in rows if pid is not None}
    lines: list[str] = []
    for shortage in shown:
        duty = duties.get(shortage.session)
        if duty is None:
            lines.append(f"  {shortage.session}")
            continue
        school, post = names.get(duty.post_id, ("?", duty.post_code))
        why = reason_text(shortage.reason, shortage.missing) if shortage.reason else ""
        when = pick(
            f"{day_label(duty.date)} {session_label(duty.kind, duty.seq)}",
            f"{duty.date:%a %m-%d} {_SESSION_EN.get(duty.kind, duty.kind)}"
            + (f" ({duty.seq})" if duty.seq > 1 else ""),
        )
        risk = pick(
            f"{RISK_LABELS.get(duty.risk, duty.risk)}风险", f"{_RISK_EN.get(duty.risk)} risk"
        )
        lines.append(
            pick(
                f"  [{risk}] {school} {post}，{when} {duty.start:%H:%M}–{duty.end:%H:%M}：{why}",
                f"  [{risk}] {school} {post}, {when} {duty.start:%H:%M}–{duty.end:%H:%M}: {why}",
            )
        )
    if len(ranked) > SHORTAGES_SHOWN:
        more = len(ranked) - SHORTAGES_SHOWN
        lines.append(pick(f"  ……另有 {more} 个时段缺员", f"  … {more} more short sessions"))
    return lines


def _solve(args: argparse.Namespace) -> int:
    try:
        return _solve_week(args)
    except NothingToPlanError as exc:  # a vacation or closed week: say why, store nothing
        print(exc)
        return 0


def _scope_lock(engine: Engine, week: dt.date, station_id: int | None) -> SolveLock:
    """The solve lock of one station's week, or of every station's for the whole district."""
    with session_scope(engine) as session:
        if station_id is not None:
            ids: list[int | None] = [station_id]
        else:
            ids = [sid for sid in session.exec(select(Station.id)).all() if sid is not None]
        return station_lock(session, week, ids)


def _solve_week(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    engine = open_database(db_arg(args))
    with session_scope(engine) as session:
        station_id = writable_station(session, args.station, pick("排班", "roster"))
    # Held until the roster is committed: a second solve of the week is refused meanwhile.
    with _scope_lock(engine, week, station_id) as _lock:
        return _solve_locked(args, engine, PlanScope(week, station_id))


def _solve_locked(args: argparse.Namespace, engine: Engine, scope: PlanScope) -> int:
    week = scope.week_start
    lines: list[str] = []  # printed after the commit: a closed pipe never undoes the solve
    with session_scope(engine) as session:
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
            start = monday_of(args.from_week).isoformat()
            changed = after.carried - after.kept
            lines.append(
                pick(
                    f"以 {start} 一周为起点：沿用 {after.carried} 个岗次（其中 {after.dropped} 个"
                    f"本周没有对应时段或人员），保留 {after.kept} 个，改动 {changed} 个",
                    f"from the week of {start}: {after.carried} duties carried over "
                    f"({after.dropped} had no session or person this week), {after.kept} kept, "
                    f"{changed} changed",
                )
            )
        else:
            with progress(("求解", "solving"), ("个座位已排", "seats filled")) as update:
                outcome = solve_week(
                    session,
                    scope,
                    time_limit=args.time_limit,
                    workers=args.workers,
                    on_progress=lambda _t, _obj, _bound, filled: update(filled),
                    replace=args.replace,
                )
        lines += [pick(f"注意：{w}", f"warning: {w}") for w in outcome.warnings]
        risk_of = {key: duty.risk for key, duty in outcome.ctx.sessions.items()}
        lines += result_summary(outcome.result, risk_of)
        lines += short_post_lines(session, outcome.ctx, outcome.result)
        codes = dict(session.exec(select(Station.id, Station.code)).all())
        versions = ", ".join(
            f"{codes.get(r.station_id, '?')} v{r.version}" for r in outcome.rosters
        )
        lines.append(
            pick(
                f"已存为 {week.isoformat()} 一周的排班草稿（{versions}）",
                f"stored as draft roster(s) for the week of {week.isoformat()} ({versions})",
            )
        )
    print("\n".join(lines))
    return 0


def _repair(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    first, last = args.date_from, args.date_to
    if last < first:
        raise InputError(
            pick(f"--to {last} 早于 --from {first}", f"--to {last} is before --from {first}")
        )
    engine = open_database(db_arg(args))
    with session_scope(engine) as session:
        person = person_by_code(session, args.person)
        station_id = person.station_id
        write_scope(session).require(station_id, f"person {person.code}")
    with _scope_lock(engine, week, station_id) as _lock:
        return _repair_locked(args, engine, week, first, last)


def _repair_locked(
    args: argparse.Namespace, engine: Engine, week: dt.date, first: dt.date, last: dt.date
) -> int:
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
    span = f"{first.isoformat()}–{last.isoformat()}"
    lines.append(
        pick(
            f"{args.person} {span} 请假：撤下 {len(diff.removed)} 个岗次，"
            f"新增 {len(diff.added)} 个，调动 {len(diff.moved)} 个（用时 {outcome.wall_s:.1f} 秒）",
            f"{args.person} on leave {span}: {len(diff.removed)} removed, "
            f"{len(diff.added)} added, {len(diff.moved)} moved ({outcome.wall_s:.1f} s)",
        )
    )
    for change in diff.removed:
        lines.append(f"  - {change.session_key}  {change.person_code} {change.person_name}")
    for change in diff.added:
        lines.append(f"  + {change.session_key}  {change.person_code} {change.person_name}")
    if outcome.schools_to_reprint:
        lines.append(
            pick("需重新打印的学校值班表：", "reprint school sheets: ")
            + ", ".join(outcome.schools_to_reprint)
        )
    if outcome.people_to_notify:
        lines.append(pick("需通知：", "notify: ") + ", ".join(outcome.people_to_notify))
    print("\n".join(lines))
    return 0


def _publish(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    engine = open_database(db_arg(args))
    lines: list[str] = []  # printed after the commit
    with session_scope(engine) as session:
        station_id = writable_station(session, args.station, pick("排班", "roster"))
        done = publish(session, week, station_id)
        if not done:
            lines.append(
                pick(
                    f"{week.isoformat()} 一周已经发布",
                    f"the week of {week.isoformat()} is already published",
                )
            )
        codes = dict(session.exec(select(Station.id, Station.code)).all())
        for roster in done:
            code = codes.get(roster.station_id, "?")
            lines.append(
                pick(
                    f"已发布 {code} {week.isoformat()} 一周的排班表，第 {roster.version} 版",
                    f"published the roster of {code} for the week of {week.isoformat()} as "
                    f"version {roster.version}",
                )
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
    p.add_argument(
        "--reason", type=options.reason, default="病假", help="reason of the leave (default 病假)"
    )
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
