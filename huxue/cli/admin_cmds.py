"""Sub-commands `audit verify` and `admin …` (planner accounts on a shared server)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from sqlalchemy.engine import Engine
from sqlmodel import Session

from huxue import accounts
from huxue.audit import verify_chain
from huxue.cli import options
from huxue.database import describe_url, make_engine, open_database, resolve_url, upgrade
from huxue.errors import InputError
from huxue.i18n import pick


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `audit` and `admin` to the CLI."""
    audit = sub.add_parser("audit", help="check the audit trail")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit_sub.add_parser(
        "verify",
        help="check the audit hash chain: exit 0 intact, 1 naming the first removed or "
        "altered entry",
    )
    options.add_db(verify)
    verify.set_defaults(func=_verify)

    admin = sub.add_parser(
        "admin",
        help="planner accounts on a shared PostgreSQL database (superuser connection)",
        description=(
            "Set up planner accounts and station ownership on a PostgreSQL database. Run with "
            "a superuser's URL (e.g. postgresql://postgres@host/huxue)."
        ),
    )
    admin_sub = admin.add_subparsers(dest="admin_command", metavar="ACTION", required=True)
    init = admin_sub.add_parser(
        "init-db",
        help="create the owner and group roles, the schema, row-level security and grants",
    )
    options.add_db(init)
    init.set_defaults(func=_init_db)
    upgrade = admin_sub.add_parser(
        "upgrade", help="bring the schema up to date and re-apply the planners' rights"
    )
    options.add_db(upgrade)
    upgrade.set_defaults(func=_upgrade)
    add = admin_sub.add_parser(
        "add-planner",
        help="create or change a planner's login for one station or the district office",
        description=(
            "The password is asked for at a prompt, or read from the environment variable "
            "named by --password-env; it is never an argument. --no-password: the server's "
            "own authentication (pg_hba.conf) admits the login."
        ),
    )
    add.add_argument("name", help="login name (lower-case letters, digits, _)")
    who = add.add_mutually_exclusive_group(required=True)
    who.add_argument("--station", type=options.code, help="the station's code")
    who.add_argument("--district", action="store_true", help="the district office")
    secret = add.add_mutually_exclusive_group()
    secret.add_argument(
        "--password-env", metavar="VAR", help="read the password from environment variable VAR"
    )
    secret.add_argument(
        "--no-password", action="store_true", help="no password: the server authenticates"
    )
    options.add_db(add)
    add.set_defaults(func=_add_planner)
    listing = admin_sub.add_parser("list-planners", help="list planners and their stations")
    options.add_db(listing)
    listing.set_defaults(func=_list_planners)
    remove = admin_sub.add_parser("remove-planner", help="take a planner's rights away")
    remove.add_argument("name", help="login name (lower-case letters, digits, _)")
    options.add_db(remove)
    remove.set_defaults(func=_remove_planner)


def _verify(args: argparse.Namespace) -> int:
    engine = open_database(options.db_arg(args))
    try:
        with Session(engine) as session:
            report = verify_chain(session)
    finally:
        engine.dispose()
    print(report.message())
    return 0 if report.intact else 1


def _server(args: argparse.Namespace) -> Engine:
    """The engine of the named database without migrating it (the admin commands do that)."""
    return make_engine(resolve_url(options.db_arg(args)))


def _init_db(args: argparse.Namespace) -> int:
    engine = _server(args)
    try:
        roles, unknown = accounts.init_db(engine, upgrade)
    finally:
        engine.dispose()
    print(
        pick(
            f"已设置 {describe_url(str(engine.url))}：所有者 {roles.owner}，"
            f"派出所规划员组 {roles.station}，区（分局）组 {roles.district}",
            f"set up {describe_url(str(engine.url))}: owner {roles.owner}, "
            f"station planners {roles.station}, district office {roles.district}",
        )
    )
    _warn_unknown(unknown)
    return 0


def _upgrade(args: argparse.Namespace) -> int:
    engine = _server(args)
    try:
        unknown = accounts.admin_upgrade(engine, upgrade)
    finally:
        engine.dispose()
    print(pick("数据库结构已是最新", "the database schema is up to date"))
    _warn_unknown(unknown)
    return 0


def _warn_unknown(tables: list[str]) -> None:
    if tables:
        print(
            pick(
                f"注意：这些表没有按派出所划分的规则，所有规划员都可写：{', '.join(tables)}",
                f"note: these tables have no per-station rule; every planner may write them: "
                f"{', '.join(tables)}",
            ),
            file=sys.stderr,
        )


def _password(args: argparse.Namespace) -> str | None:
    if args.no_password:
        return None
    if args.password_env:
        value = os.environ.get(args.password_env)
        if not value:
            raise InputError(
                pick(
                    f"环境变量 {args.password_env} 没有设置密码",
                    f"environment variable {args.password_env} holds no password",
                )
            )
        return value
    if not sys.stdin.isatty():
        raise InputError(
            pick(
                "没有终端可输入密码：用 --password-env VAR 或 --no-password",
                "no terminal to ask for the password: use --password-env VAR or --no-password",
            )
        )
    first = getpass.getpass(pick("密码：", "Password: "))
    if not first or first != getpass.getpass(pick("再输一次：", "Again: ")):
        raise InputError(pick("两次密码不一致或为空", "the passwords are empty or differ"))
    return first


def _add_planner(args: argparse.Namespace) -> int:
    password = _password(args)
    engine = _server(args)
    try:
        planner = accounts.add_planner(engine, args.name, args.station, password)
    finally:
        engine.dispose()
    where = planner.station_code or pick("区（分局）", "the district office")
    print(pick(f"规划员 {planner.name}：{where}", f"planner {planner.name}: {where}"))
    return 0


def _list_planners(args: argparse.Namespace) -> int:
    engine = _server(args)
    try:
        rows = accounts.list_planners(engine)
    finally:
        engine.dispose()
    if not rows:
        print(pick("还没有规划员", "no planners yet"))
    for planner, login in rows:
        where = planner.station_code or pick("区（分局）", "district office")
        missing = "" if login else pick("（服务器上没有此登录）", " (no such login on the server)")
        print(f"{planner.name}\t{where}{missing}")
    return 0


def _remove_planner(args: argparse.Namespace) -> int:
    engine = _server(args)
    try:
        dropped = accounts.remove_planner(engine, args.name)
    finally:
        engine.dispose()
    if dropped:
        print(pick(f"已删除规划员 {args.name} 及其登录", f"removed planner {args.name} and login"))
    else:
        print(
            pick(
                f"已删除规划员 {args.name}；其登录仍用于服务器上的其他数据库",
                f"removed planner {args.name}; the login stays (used elsewhere on the server)",
            )
        )
    return 0
