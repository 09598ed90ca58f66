"""Sub-commands of peak-hour patrols: `patrol`, `response`, `route-cards`, `patrol-units`."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from huxue.cli.core_cmds import add_db_option, db_arg, parse_week
from huxue.database import open_database, session_scope
from huxue.errors import InputError
from huxue.i18n import pick
from huxue.patrol_units import (
    delete_unit,
    import_units,
    list_units,
    window_label,
    write_units_template,
)
from huxue.patrols import plan_patrols, response_report, station_code, week_inputs
from huxue.reports.response import write_response
from huxue.reports.route_cards import write_route_cards
from solver.patrol.model import PEAK_KINDS
from solver.patrol.response import Figures


def _pct(part: float) -> str:
    return f"{100 * part:5.1f} %"


def _patrol(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    engine = open_database(db_arg(args))
    with session_scope(engine) as session:
        inputs = week_inputs(session, week)
        if not inputs.units:
            raise InputError(
                pick("没有巡逻单元：先在“巡逻”页添加", "no patrol units: add some first")
            )
        outcome = plan_patrols(
            session, week, args.station, time_limit_s=args.time_limit, inputs=inputs
        )
        visits = sum(len(loop.visits) for loop in outcome.loops)
        print(
            pick(
                f"巡逻路线 {len(outcome.loops)} 条（{outcome.windows} 个高峰时段），"
                f"到访 {visits} 校次，未到访 {len(outcome.dropped)} 校次，"
                f"用时 {outcome.wall_s:.1f} 秒；独立检查通过",
                f"{len(outcome.loops)} loops in {outcome.windows} peak windows, {visits} visits, "
                f"{len(outcome.dropped)} school-windows unvisited, {outcome.wall_s:.1f} s; "
                "independent check passed",
            )
        )
        report = response_report(session, week, args.station, inputs=inputs)
        _print_figures(report.by_window(patrols=False), report.by_window())
    return 0


def _print_figures(
    alone: dict[tuple[str, str], Figures], both: dict[tuple[str, str], Figures]
) -> None:
    print(
        pick(
            "时段            校次   3分钟内（仅岗位 → 加巡逻）   5分钟内（仅岗位 → 加巡逻）",
            "window       schools   ≤3 min (posts → +patrols)    ≤5 min (posts → +patrols)",
        )
    )
    order = sorted(both, key=lambda k: PEAK_KINDS.index(k[1]) if k[1] in PEAK_KINDS else 9)
    for key in order:
        fig = both[key]
        base = alone.get(key, fig)
        print(
            f"{window_label(key[1]):<14}{fig.schools:>6}   "
            f"{_pct(base.share(3))} → {_pct(fig.share(3))}          "
            f"{_pct(base.share(5))} → {_pct(fig.share(5))}"
        )


def _response(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    out = Path(args.output)
    if out.suffix.lower() not in (".csv", ".pdf", ".png"):
        raise InputError(
            pick("输出文件须为 .csv、.pdf 或 .png", "the output must be .csv, .pdf or .png")
        )
    day = None if args.date is None else dt.date.fromisoformat(args.date)
    engine = open_database(db_arg(args))
    with session_scope(engine) as session:
        report = response_report(session, week, args.station)
        write_response(session, report, out, day=day, window=args.window)
        fig = report.overall()
        print(
            pick(
                f"已写入 {out}：{fig.schools} 校次，3 分钟内 {_pct(fig.share(3))}，"
                f"5 分钟内 {_pct(fig.share(5))}，超过 5 分钟待改进 {len(report.fixes)} 校次",
                f"wrote {out}: {fig.schools} school-windows, within 3 min {_pct(fig.share(3))}, "
                f"within 5 min {_pct(fig.share(5))}, {len(report.fixes)} beyond 5 min with a fix",
            )
        )
    return 0


def _route_cards(args: argparse.Namespace) -> int:
    week = parse_week(args.week)
    engine = open_database(db_arg(args))
    with session_scope(engine) as session:
        paths = write_route_cards(
            session, week, Path(args.output), station_code(session, args.station), args.unit
        )
        print(
            pick(
                f"已写入 {len(paths)} 张路线卡到 {args.output}",
                f"wrote {len(paths)} route cards to {args.output}",
            )
        )
    return 0


def _units(args: argparse.Namespace) -> int:
    engine = open_database(db_arg(args))
    if args.action == "template":
        if not args.file:
            raise InputError(pick("请给出模板文件名", "give the template's file name"))
        write_units_template(Path(args.file))
        print(args.file)
        return 0
    with session_scope(engine) as session:
        if args.action == "import":
            if not args.file:
                raise InputError(pick("请给出要导入的文件", "give the file to import"))
            errors, count = import_units(session, Path(args.file))
            if errors:
                for error in errors:
                    print(error)
                session.rollback()
                return 1
            print(pick(f"已导入 {count} 个巡逻单元", f"imported {count} patrol units"))
            return 0
        if args.action == "delete":
            if not args.file:
                raise InputError(pick("请给出要删除的巡逻单元编号", "give the unit's code"))
            # With --version (as `list` shows it): refused when someone changed the unit since.
            delete_unit(session, args.file, args.version)
            print(pick(f"已删除巡逻单元 {args.file}", f"deleted patrol unit {args.file}"))
            return 0
        for unit in list_units(session):
            crew = " ".join(unit.crew) or "—"
            shift = f"{unit.shift_start:%H:%M}–{unit.shift_end:%H:%M}"
            speed = f"{unit.speed_kmh:g} km/h"
            print(
                f"{unit.code}\t{unit.station}\t{unit.kind}\t{speed}\t{shift}\t{crew}"
                f"\tv{unit.row_version}"
            )
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `patrol`, `response`, `route-cards` and `patrol-units`."""
    p = sub.add_parser("patrol", help="plan patrol loops for the week's peak windows")
    p.add_argument("--week", required=True, help="the week's Monday (any day selects its week)")
    p.add_argument("--station", help="one station's code (default: every station with units)")
    p.add_argument("--time-limit", type=float, default=None, metavar="S", help="per window")
    add_db_option(p)
    p.set_defaults(func=_patrol)

    p = sub.add_parser("response", help="response times per school and peak (csv, pdf or png)")
    p.add_argument("--week", required=True, help="the week's Monday (any day selects its week)")
    p.add_argument(
        "-o", "--output", required=True, metavar="FILE.csv|.pdf|.png", help="output file"
    )
    p.add_argument("--station", help="one station's schools (default: the district)")
    p.add_argument("--date", help="the day the map shows (default: the week's first school day)")
    p.add_argument("--window", choices=PEAK_KINDS, default="arrival", help="the map's window")
    add_db_option(p)
    p.set_defaults(func=_response)

    p = sub.add_parser("route-cards", help="print a route card (PDF) per patrol unit")
    p.add_argument("--week", required=True, help="the week's Monday (any day selects its week)")
    p.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    p.add_argument("--station", help="one station's code (default: every station with units)")
    p.add_argument("--unit", help="one unit's code")
    add_db_option(p)
    p.set_defaults(func=_route_cards)

    p = sub.add_parser(
        "patrol-units", help="list, import, delete or write a template of patrol units"
    )
    p.add_argument(
        "action",
        choices=["list", "import", "template", "delete"],
        help="list (the last column is the unit's version), import, template or delete",
    )
    p.add_argument(
        "file", nargs="?", metavar="FILE|CODE", help="CSV file (import, template), unit (delete)"
    )
    p.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="delete: the unit's version as listed; refused when it changed since (exit 1)",
    )
    add_db_option(p)
    p.set_defaults(func=_units)
