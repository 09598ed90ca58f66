"""Sub-command `demo`: build the Jimei demo district in the demo database."""

from __future__ import annotations

import argparse
import time

from sqlmodel import Session

from huxue.accounts import require_admin
from huxue.backup import record_replacement, safety_backup
from huxue.cli import options
from huxue.cli.core_cmds import add_db_option, db_arg
from huxue.cli.progress import progress
from huxue.database import describe_url, is_empty, open_database, session_scope
from huxue.demo import SIZES, build_demo
from huxue.i18n import pick


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `demo` to the CLI."""
    parser = sub.add_parser(
        "demo",
        help="build the Jimei demo district (default: in the demo database)",
        description=(
            "Build the Jimei (集美) demo district: stations, schools, posts, bell times, terms "
            "and people. Writes to the demo database unless --db names another; refuses a "
            "database that already holds data unless --force."
        ),
    )
    parser.add_argument(
        "--size",
        choices=SIZES,
        default="district",
        help="small (~20 schools), district (276 schools, default) or city (~1,500 schools)",
    )
    options.add_seed(parser, 0, "default 0")
    parser.add_argument(
        "--force", action="store_true", help="replace the data of a database that holds some"
    )
    parser.add_argument(
        "--if-missing",
        action="store_true",
        help="do nothing when the database already holds a district (for `make run`)",
    )
    add_db_option(parser)
    parser.set_defaults(func=_demo)


def _demo(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    db = db_arg(args)
    engine = open_database(db, demo=db is None)
    safety = None
    try:
        with Session(engine) as session:
            empty = is_empty(session)
        holds_data = not empty and args.force
        if args.if_missing and not args.force and not empty:
            where = describe_url(str(engine.url))
            print(
                pick(
                    f"数据库已有辖区数据：{where}",
                    f"the database already holds a district: {where}",
                )
            )
            return 0
        if holds_data:
            require_admin(engine, pick("替换为演示数据", "replace the data by a demo district"))
            # Rosters and the audit trail go with the district: keep them in a file first.
            safety = safety_backup(engine, "demo")
        with (
            progress(("生成演示辖区", "building the demo"), ("步", "steps"), 5) as update,
            session_scope(engine) as session,
        ):
            summary = build_demo(
                session, args.size, args.seed, force=args.force, on_progress=update
            )
            if holds_data:
                record_replacement(session, "demo", f"demo {args.size} seed {args.seed}", safety)
    finally:
        engine.dispose()
    elapsed = time.perf_counter() - started
    if safety is not None:
        print(pick(f"原有数据已保存到 {safety}", f"the data it replaced was saved to {safety}"))
    where = describe_url(str(engine.url))
    print(pick(f"数据库：{where}", f"database: {where}"))
    for line in summary.summary_lines():
        print(line)
    print(pick(f"用时 {elapsed:.1f} 秒", f"built in {elapsed:.1f} s"))
    return 0
