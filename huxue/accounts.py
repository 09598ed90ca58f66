"""Planner accounts and station ownership on a shared PostgreSQL server.

Each planner logs in as their own database role. A station planner writes only their station's
rows (schools with their posts, needs, bell times and calendar exceptions, people with their
preferences, availability and leave, rosters with their assignments, attendance, patrol units)
and reads everything; the district office writes everything. The database enforces it: the
tables belong to a NOLOGIN owner role (row-level security does not bind a table's owner or a
superuser), planners belong to a group role for station planners or one for the district office,
and row-level security policies on every table ask the `planner` table (login → station) about
``current_user`` — the server's idea of who is connected, which a desktop client cannot fake.

One server may hold several Huxue databases, so the owner and group role names derive from the
database's name; planner logins are server-wide by nature (one person may plan in two databases).
SQLite (one planner at one desk) has no accounts: whoever opens the file may write everything.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from huxue.errors import DatabaseError, InputError
from huxue.i18n import pick
from huxue.models import Planner, Station

PLANNER_NAME = re.compile(r"[a-z][a-z0-9_]{0,62}")
UPGRADE_HINT = "python main.py admin upgrade"

# How each table reaches the station that owns its rows (the SQL functions below).
# NULL station (district bell times, district-wide calendar days, terms) is the district's.
WRITE_RULES: dict[str, str] = {
    "district": "huxue_writes_station(NULL)",
    "term": "huxue_writes_station(NULL)",
    "vacation": "huxue_writes_station(NULL)",
    "station": "huxue_writes_station(id)",
    "school": "huxue_writes_station(station_id)",
    "post": "huxue_writes_school(school_id)",
    "postneed": "huxue_writes_post(post_id)",
    "belltime": "huxue_writes_school(school_id)",
    "calendarday": "huxue_writes_school(school_id)",
    "daytime": "huxue_writes_calendarday(day_id)",
    "person": "huxue_writes_station(station_id)",
    "personschool": "huxue_writes_person(person_id)",
    "availability": "huxue_writes_person(person_id)",
    "leave": "huxue_writes_person(person_id)",
    "roster": "huxue_writes_station(station_id)",
    "assignment": "huxue_writes_roster(roster_id)",
    "attendance": "huxue_writes_station(station_id)",
    "patrolunit": "huxue_writes_station(station_id)",
    "patrolcrew": "huxue_writes_unit(unit_id)",
    "patrolloop": "huxue_writes_unit(unit_id)",
}
# Read by all, written only by the owner (audit entries are added through their trigger).
READ_ONLY = ("planner", "alembic_version")
APPEND_ONLY = ("auditentry",)

# PL/pgSQL rather than SQL functions: the policies call them once per row, and PL/pgSQL keeps
# its query plans for the session (a roster of 3,000 rows is stored about 7 times faster).
_WRITE_FUNCTIONS = """
CREATE OR REPLACE FUNCTION huxue_writes_station(sid integer) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN EXISTS (
        SELECT 1 FROM planner p
        WHERE p.name = current_user
          AND (p.station_code IS NULL
               OR p.station_code = (SELECT s.code FROM station s WHERE s.id = sid)));
END
$$;
""" + "".join(
    f"""
CREATE OR REPLACE FUNCTION huxue_writes_{name}(row_id integer) RETURNS boolean
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN huxue_writes_{parent}((SELECT t.{column} FROM {table} t WHERE t.id = row_id));
END
$$;
"""
    for name, parent, column, table in (
        ("school", "station", "station_id", "school"),
        ("post", "school", "school_id", "post"),
        ("calendarday", "school", "school_id", "calendarday"),
        ("person", "station", "station_id", "person"),
        ("roster", "station", "station_id", "roster"),
        ("unit", "station", "station_id", "patrolunit"),
    )
)


class PermissionDeniedError(InputError):
    """The planner's login may not change this record (another station's, or the district's)."""


@dataclass(frozen=True)
class RoleNames:
    """The roles of one Huxue database: the tables' owner and the two planner groups."""

    owner: str
    station: str
    district: str


def role_names(database: str) -> RoleNames:
    """The owner and group role names of `database` (distinct per database on one server)."""
    base = re.sub(r"[^a-z0-9_]", "_", database.lower())
    if len(base) > 40:  # role names hold 63 bytes: keep them apart by a hash of the full name
        base = base[:31] + "_" + hashlib.sha256(database.encode()).hexdigest()[:8]
    return RoleNames(f"{base}_owner", f"{base}_station", f"{base}_district")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def is_postgres(engine: Engine | Connection) -> bool:
    """True for a PostgreSQL database (accounts exist only there)."""
    return engine.dialect.name == "postgresql"


def _scalar(conn: Connection, sql: str, **params: object) -> object:
    return conn.execute(sa.text(sql), params).scalar()


def _is_admin(conn: Connection) -> bool:
    """A superuser, or a member of the role that owns the tables."""
    owner = _scalar(
        conn,
        "SELECT tableowner FROM pg_tables "
        "WHERE schemaname = current_schema() AND tablename = 'alembic_version'",
    )
    superuser = _scalar(conn, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if superuser or owner is None:
        return bool(superuser) or owner is None
    return bool(_scalar(conn, "SELECT pg_has_role(current_user, :o, 'USAGE')", o=owner))


def may_administer(engine: Engine) -> bool:
    """True when this login may upgrade, restore and manage accounts (always on SQLite)."""
    if not is_postgres(engine):
        return True
    with engine.connect() as conn:
        return _is_admin(conn)


def accounts_installed(conn: Connection) -> bool:
    """True when `admin init-db` has run on this database (its owner role exists)."""
    database = str(_scalar(conn, "SELECT current_database()"))
    owner = role_names(database).owner
    return bool(_scalar(conn, "SELECT count(*) FROM pg_roles WHERE rolname = :r", r=owner))


def upgrade_refused(conn: Connection) -> str | None:
    """Why this login may not bring the schema up to date (None: it may)."""
    if not is_postgres(conn) or _is_admin(conn):
        return None
    user = _scalar(conn, "SELECT current_user")
    return pick(
        f"数据库结构需要升级，而登录 {user} 无权升级：请区（分局）管理员运行 `{UPGRADE_HINT}`",
        f"the database schema needs an upgrade that login {user} may not run: "
        f"ask the district administrator to run `{UPGRADE_HINT}`",
    )


def require_admin(engine: Engine, action: str) -> None:
    """Refuse `action` (restore, a new demo district) to a planner's login on PostgreSQL."""
    if may_administer(engine):
        return
    with engine.connect() as conn:
        user = _scalar(conn, "SELECT current_user")
    raise PermissionDeniedError(
        pick(
            f"只有区（分局）管理员（数据库所有者）才能在共享数据库上执行 {action}；"
            f"登录 {user} 不能",
            f"only the district administrator (the database's owner) may {action} "
            f"on a shared database; login {user} may not",
        )
    )


# -- scope: what the logged-in planner may write ---------------------------------------------


@dataclass(frozen=True)
class WriteScope:
    """Who is logged in and what they may write.

    `everything`: the district office, the owner, a superuser, a server database without
    accounts, or SQLite. Else `station_id` is the one station they write (None: nothing).
    """

    user: str
    everything: bool
    station_id: int | None = None
    station_code: str | None = None
    station_name: str | None = None

    def may_write(self, station_id: int | None) -> bool:
        """May this login change a record of `station_id` (None: a district-wide record)?"""
        return self.everything or (station_id is not None and station_id == self.station_id)

    def describe(self) -> str:
        """For the status bar: the login and the station it writes for."""
        if self.everything:
            return pick(f"{self.user}（可写全区）", f"{self.user} (writes the whole district)")
        if self.station_id is None:
            return pick(f"{self.user}（只读）", f"{self.user} (read only)")
        name = self.station_name or self.station_code or ""
        return pick(f"{self.user}（{name}）", f"{self.user} ({name})")

    def require(self, station_id: int | None, what: str) -> None:
        """Raise `PermissionDeniedError` naming `what` when this login may not change it."""
        if self.may_write(station_id):
            return
        if self.station_id is None:
            raise PermissionDeniedError(
                pick(
                    f"登录 {self.user} 没有规划员账号，只能查看：不能修改 {what}",
                    f"login {self.user} has no planner account and may only read: "
                    f"cannot change {what}",
                )
            )
        mine = self.station_code or ""
        raise PermissionDeniedError(
            pick(
                f"{what} 不属于 {mine}：登录 {self.user} 只能修改 {mine} 的记录",
                f"{what} is not {mine}'s: login {self.user} may change only {mine}'s records",
            )
        )


def write_scope(session: Session) -> WriteScope:
    """What the session's login may write (SQLite: everything)."""
    conn = session.connection()
    if not is_postgres(conn):
        from huxue.audit import current_user

        return WriteScope(current_user(), True)
    user = str(_scalar(conn, "SELECT current_user"))
    if _is_admin(conn):
        return WriteScope(user, True)
    row = session.exec(select(Planner).where(Planner.name == user)).first()
    if row is None:
        secured = _scalar(conn, "SELECT relrowsecurity FROM pg_class WHERE relname = 'school'")
        return WriteScope(user, not secured)
    if row.station_code is None:
        return WriteScope(user, True)
    station = session.exec(select(Station).where(Station.code == row.station_code)).first()
    if station is None:
        return WriteScope(user, False, None, row.station_code)
    return WriteScope(user, False, station.id, station.code, station.name)


def permission_message(exc: BaseException) -> str | None:
    """One line for a permission error from the server (a privilege or row-level security
    refusal), naming the table; None for any other error."""
    orig = getattr(exc, "orig", None)
    if not isinstance(exc, DBAPIError) or getattr(orig, "sqlstate", None) != "42501":
        return None
    text = " ".join(str(orig).split())
    found = re.search(r'(?:table|relation) "?([a-z_]+)"?', text)
    table = found.group(1) if found else "?"
    if "append-only" in text:
        return pick(
            "审计记录只能追加，不能修改或删除", "audit entries are append-only: not changed"
        )
    return pick(
        f"没有权限：你的登录不能修改这条 {table} 记录（属于其他派出所或全区），未保存",
        f"permission denied: your login may not change this {table} record "
        "(another station's or the district's); nothing saved",
    )


# -- administration (run with the owner's or a superuser's login) ----------------------------


def _require_superuser(conn: Connection) -> None:
    if not _scalar(conn, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"):
        user = _scalar(conn, "SELECT current_user")
        raise DatabaseError(
            pick(
                f"账号管理需要数据库超级用户（如 postgres）的连接；{user} 不是",
                f"account administration needs a superuser connection (such as postgres); "
                f"{user} is not one",
            )
        )


def _require_postgres(engine: Engine) -> None:
    if not is_postgres(engine):
        raise InputError(
            pick(
                "规划员账号只用于 PostgreSQL 共享数据库；SQLite 文件由打开它的人全权使用",
                "planner accounts exist only on a shared PostgreSQL database; "
                "a SQLite file is fully writable by whoever opens it",
            )
        )


def _tables(conn: Connection) -> list[str]:
    rows = conn.execute(
        sa.text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
    )
    return sorted(str(r[0]) for r in rows)


def secure(conn: Connection) -> list[str]:
    """Hand every table to the owner role and (re)apply grants and row-level security.

    Idempotent; `admin init-db` and `admin upgrade` run it. Returns the tables this version does
    not know a rule for (a newer migration's): both groups may write them, without row rules.
    """
    roles = role_names(str(_scalar(conn, "SELECT current_database()")))
    groups = f"{_q(roles.station)}, {_q(roles.district)}"
    database = _q(str(_scalar(conn, "SELECT current_database()")))
    conn.execute(sa.text(f"GRANT CONNECT ON DATABASE {database} TO {groups}"))
    conn.execute(sa.text(f"GRANT USAGE, CREATE ON SCHEMA public TO {_q(roles.owner)}"))
    conn.execute(sa.text(f"GRANT USAGE ON SCHEMA public TO {groups}"))
    conn.execute(sa.text(_WRITE_FUNCTIONS))  # before the policies that call them
    unknown: list[str] = []
    for table in _tables(conn):
        name = _q(table)
        conn.execute(sa.text(f"ALTER TABLE {name} OWNER TO {_q(roles.owner)}"))
        conn.execute(sa.text(f"REVOKE ALL ON {name} FROM PUBLIC"))
        conn.execute(sa.text(f"GRANT SELECT ON {name} TO {groups}"))
        if table in READ_ONLY:
            continue
        if table in APPEND_ONLY:
            conn.execute(sa.text(f"REVOKE UPDATE, DELETE, TRUNCATE ON {name} FROM {groups}"))
            conn.execute(sa.text(f"GRANT INSERT ON {name} TO {groups}"))
            continue
        conn.execute(sa.text(f"GRANT INSERT, UPDATE, DELETE ON {name} TO {groups}"))
        rule = WRITE_RULES.get(table)
        if rule is None:
            unknown.append(table)
            continue
        conn.execute(sa.text(f"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY"))
        for policy, sql in (
            ("huxue_read", "FOR SELECT USING (true)"),
            ("huxue_insert", f"FOR INSERT WITH CHECK ({rule})"),
            ("huxue_update", f"FOR UPDATE USING ({rule}) WITH CHECK ({rule})"),
            ("huxue_delete", f"FOR DELETE USING ({rule})"),
        ):
            conn.execute(sa.text(f"DROP POLICY IF EXISTS {policy} ON {name}"))
            conn.execute(sa.text(f"CREATE POLICY {policy} ON {name} {sql}"))
    conn.execute(sa.text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {groups}"))
    functions = conn.execute(
        sa.text(
            "SELECT p.oid::regprocedure::text FROM pg_proc p "
            "JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND p.proname LIKE 'huxue\\_%'"
        )
    )
    for (signature,) in functions.all():
        conn.execute(sa.text(f"ALTER FUNCTION {signature} OWNER TO {_q(roles.owner)}"))
    return unknown


def init_db(engine: Engine, upgrade: Callable[[Engine], None]) -> tuple[RoleNames, list[str]]:
    """Create the owner and group roles, bring the schema up to date (`upgrade`, from
    `huxue.database`) and secure it.

    Returns the role names and the tables without a station rule (see `secure`).
    """
    _require_postgres(engine)
    with engine.begin() as conn:
        _require_superuser(conn)
        roles = role_names(str(_scalar(conn, "SELECT current_database()")))
        for role in (roles.owner, roles.station, roles.district):
            exists = _scalar(conn, "SELECT count(*) FROM pg_roles WHERE rolname = :r", r=role)
            if not exists:
                conn.execute(sa.text(f"CREATE ROLE {_q(role)} NOLOGIN"))
    upgrade(engine)
    with engine.begin() as conn:
        unknown = secure(conn)
    return roles, unknown


def admin_upgrade(engine: Engine, upgrade: Callable[[Engine], None]) -> list[str]:
    """Bring the schema up to date (`upgrade`) as an administrator and re-secure it."""
    _require_postgres(engine)
    with engine.begin() as conn:
        _require_superuser(conn)
        installed = accounts_installed(conn)
    upgrade(engine)
    if not installed:
        return []
    with engine.begin() as conn:
        return secure(conn)


def _check_name(name: str) -> str:
    if not PLANNER_NAME.fullmatch(name):
        raise InputError(
            pick(
                f"规划员登录名 {name!r} 无效：以小写字母开头，"
                "只含小写字母、数字和下划线，最多 63 个",
                f"planner login {name!r} is not valid: a lower-case letter, then lower-case "
                "letters, digits or underscores, at most 63",
            )
        )
    return name


def add_planner(
    engine: Engine, name: str, station_code: str | None, password: str | None
) -> Planner:
    """Create (or update) planner `name` for `station_code` (None: the district office).

    The login role is created when missing (server-wide); without `password` it logs in by the
    server's own authentication (pg_hba.conf). The password travels to the server inside the
    statement, never on a command line.
    """
    _require_postgres(engine)
    _check_name(name)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        conn = session.connection()
        _require_superuser(conn)
        if not accounts_installed(conn):
            raise DatabaseError(
                pick(
                    "还没有设置账号：请先运行 `python main.py admin init-db`",
                    "accounts are not set up yet: run `python main.py admin init-db` first",
                )
            )
        roles = role_names(str(_scalar(conn, "SELECT current_database()")))
        if name in (roles.owner, roles.station, roles.district):
            raise InputError(pick(f"{name} 是系统角色名", f"{name} is one of Huxue's own roles"))
        code = None
        if station_code is not None:
            stations = session.exec(select(Station)).all()
            match = [s for s in stations if s.code.lower() == station_code.lower()]
            if not match:
                known = ", ".join(s.code for s in stations) or pick("无", "none")
                raise InputError(
                    pick(
                        f"没有派出所 {station_code!r}（已有：{known}）",
                        f"unknown station {station_code!r} (known: {known})",
                    )
                )
            code = match[0].code
        exists = _scalar(conn, "SELECT count(*) FROM pg_roles WHERE rolname = :r", r=name)
        secret = f" PASSWORD {_literal(password)}" if password else ""
        verb = "ALTER" if exists else "CREATE"
        conn.execute(sa.text(f"{verb} ROLE {_q(name)} LOGIN{secret}"))
        group, other = (roles.station, roles.district) if code else (roles.district, roles.station)
        conn.execute(sa.text(f"REVOKE {_q(other)} FROM {_q(name)}"))
        conn.execute(sa.text(f"GRANT {_q(group)} TO {_q(name)}"))
        planner = session.get(Planner, name)
        if planner is None:
            planner = Planner(name=name)
        planner.station_code = code
        session.add(planner)
        session.flush()
        return planner


def list_planners(engine: Engine) -> list[tuple[Planner, bool]]:
    """Every planner of this database, and whether their login role exists on the server."""
    _require_postgres(engine)
    with Session(engine) as session:
        planners = session.exec(select(Planner).order_by(Planner.name)).all()
        logins = {
            str(r[0])
            for r in session.connection().execute(
                sa.text("SELECT rolname FROM pg_roles WHERE rolcanlogin")
            )
        }
        return [(p, p.name in logins) for p in planners]


def remove_planner(engine: Engine, name: str) -> bool:
    """Take planner `name` out of this database; drop the login when nothing else holds it.

    Returns True when the login role itself was dropped.
    """
    _require_postgres(engine)
    with Session(engine, expire_on_commit=False) as session, session.begin():
        conn = session.connection()
        _require_superuser(conn)
        planner = session.get(Planner, name)
        if planner is None:
            raise InputError(pick(f"没有规划员 {name!r}", f"no planner {name!r}"))
        session.delete(planner)
        roles = role_names(str(_scalar(conn, "SELECT current_database()")))
        for group in (roles.station, roles.district):
            conn.execute(sa.text(f"REVOKE {_q(group)} FROM {_q(name)}"))
        others = _scalar(
            conn,
            "SELECT count(*) FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member "
            "WHERE r.rolname = :r",
            r=name,
        )
        if others:
            return False  # a planner of another database on this server too
        try:
            with conn.begin_nested():
                conn.execute(sa.text(f"DROP ROLE {_q(name)}"))
        except DBAPIError:
            return False  # owns or holds something elsewhere: keep the login
        return True
