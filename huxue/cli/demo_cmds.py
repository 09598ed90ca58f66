"""Sub-command `demo`: build the Jimei demo district in the demo database."""

from __future__ import annotations

import argparse
import time

from huxue.cli.core_cmds import add_db_option, db_arg
from huxue.database import describe_url, is_empty, open_database, session_scope
from huxue.demo import SIZES, build_demo


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
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
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
    try:
        with session_scope(engine) as session:
            if args.if_missing and not args.force and not is_empty(session):
                print(
                    f"数据库已有辖区数据 the database already holds a district: "
                    f"{describe_url(str(engine.url))}"
                )
                return 0
            summary = build_demo(session, args.size, args.seed, force=args.force)
    finally:
        engine.dispose()
    elapsed = time.perf_counter() - started
    print(f"数据库 database: {describe_url(str(engine.url))}")
    for line in summary.summary_lines():
        print(line)
    print(f"用时 built in {elapsed:.1f} s")
    return 0
