"""JSON backup of the whole database, and a restore that brings it back exactly.

The backup holds every table of `huxue.models` (all of `SQLModel.metadata`), rows in primary-key
order, values in a JSON-safe form (dates, times and datetimes as ISO strings). It carries no
timestamp of its own, so backup → restore → backup gives byte-identical files: a planner can
compare two backups with any diff tool.

A restore checks the whole backup before it changes anything it keeps: every table present,
every value of the right type and range for its column, every record by the editors' rules
(`huxue.restore_checks`). Replacing data that is there first saves it beside the database, and
leaves an audit entry that says so.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, SQLModel

import huxue.models  # noqa: F401  (registers every table in SQLModel.metadata)
from huxue import restore_checks
from huxue.accounts import require_admin
from huxue.audit import audit
from huxue.database import current_revision, data_dir
from huxue.errors import DatabaseError, InputError
from huxue.files import check_output, database_files, output_policy, read_json, write_output
from huxue.i18n import pick

BACKUP_FORMAT = "huxue-backup/1"


# Bookkeeping of the running app, not district data: save receipts only matter for the few
# seconds a save is retried, so a backup leaves them out and a restore keeps them.
TRANSIENT_TABLES = frozenset({"savereceipt"})


def _tables() -> list[sa.Table]:
    """Every data table, parents before children (the order rows must be inserted in)."""
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in TRANSIENT_TABLES]


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def backup_data(conn: Connection | Session) -> dict[str, Any]:
    """The whole database as a `huxue-backup/1` dict (tables in dependency order)."""
    connection = conn.connection() if isinstance(conn, Session) else conn
    tables: dict[str, Any] = {}
    for table in _tables():
        columns = [c.name for c in table.columns]
        order = [c for c in table.primary_key.columns]
        rows = connection.execute(sa.select(table).order_by(*order)).all()
        tables[table.name] = {
            "columns": columns,
            "rows": [[_encode(v) for v in row] for row in rows],
        }
    return {
        "format": BACKUP_FORMAT,
        "schema": _schema_revision(connection),
        "tables": tables,
    }


def _schema_revision(connection: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def dumps_backup(data: dict[str, Any]) -> str:
    """The canonical text of a backup: one row per line, so diffs of two backups stay readable."""
    lines = ["{", f' "format": {json.dumps(data["format"])},']
    lines.append(f' "schema": {json.dumps(data["schema"])},')
    lines.append(' "tables": {')
    names = list(data["tables"])
    for i, name in enumerate(names):
        table = data["tables"][name]
        lines.append(f"  {json.dumps(name)}: {{")
        lines.append(f'   "columns": {json.dumps(table["columns"], ensure_ascii=False)},')
        rows = table["rows"]
        if not rows:
            lines.append('   "rows": []')
        else:
            lines.append('   "rows": [')
            for j, row in enumerate(rows):
                comma = "," if j < len(rows) - 1 else ""
                lines.append(f"    {json.dumps(row, ensure_ascii=False)}{comma}")
            lines.append("   ]")
        lines.append("  }" + ("," if i < len(names) - 1 else ""))
    lines.append(" }")
    lines.append("}")
    return "\n".join(lines) + "\n"


def write_backup(engine: Engine, path: Path) -> dict[str, int]:
    """Write the whole database to `path` as JSON; return the row count of each table.

    The file is written through `huxue.files.write_output`: it never replaces the database in
    use, and replaces an existing file only as the output policy allows.
    """
    path = check_output(Path(path))  # before reading a large database, not after
    with engine.connect() as conn:
        data = backup_data(conn)
    write_output(path, dumps_backup(data))
    return {name: len(t["rows"]) for name, t in data["tables"].items()}


def read_backup(path: Path) -> dict[str, Any]:
    """Read and check a backup file; `InputError` when it is not one."""
    path = Path(path)
    data = read_json(path, pick("备份", "backup"))
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        raise InputError(
            pick(
                f"{path} 不是护学备份（格式不是 {BACKUP_FORMAT}）",
                f"{path} is not a Huxue backup (format is not {BACKUP_FORMAT})",
            )
        )
    if not isinstance(data.get("tables"), dict):
        raise InputError(
            pick(f"{path} 不是护学备份（没有数据表）", f"{path} is not a Huxue backup (no tables)")
        )
    if not isinstance(data.get("schema"), str):
        raise InputError(
            pick(
                f"{path} 没有注明数据库结构版本（schema），无法确认能否恢复",
                f'{path} does not say its database schema (no "schema"): cannot restore it',
            )
        )
    return data


def database_has_data(conn: Connection) -> bool:
    """True when any table of the model holds a row."""
    return any(
        conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first() is not None
        for t in _tables()
    )


@dataclass
class RestoreOutcome:
    """What a restore did: rows per table, and where the data it replaced was saved."""

    counts: dict[str, int]
    safety_copy: Path | None = None


def restore_data(
    engine: Engine,
    data: dict[str, Any],
    *,
    force: bool = False,
    source: str = "",
    keep_in: Path | None = None,
) -> RestoreOutcome:
    """Replace the database's content with a backup dict, all or nothing.

    Every table must be in the backup, and every value must fit its column and pass the rules
    the editors use (`restore_checks`); else `InputError` naming table, row and field, and
    nothing changes. A database that holds data is refused (`DatabaseError`) unless `force`;
    then its content is first saved by `safety_backup` (into `keep_in`, default beside the
    database), and the replacement is recorded as an audit entry after the restored ones.
    """
    revision = current_revision(engine)
    if data.get("schema") != revision:
        raise InputError(
            pick(
                f"备份的数据库结构版本是 {data.get('schema')}，本数据库是 {revision}："
                "请用相应版本的护学恢复",
                f"backup was made with database schema {data.get('schema')}, "
                f"this database has {revision}: restore it with the matching Huxue version",
            )
        )
    plans = restore_checks.decode_tables(data["tables"], _tables())
    # On a shared server only the owner may replace everything (and the audit trail with it).
    require_admin(engine, pick("恢复备份", "restore a backup"))
    safety: Path | None = None
    with engine.connect() as conn:
        has_data = database_has_data(conn)
    if has_data:
        if not force:
            raise DatabaseError(
                pick(
                    "数据库已有数据：加 --force 才会替换",
                    "the database already holds data: restore with --force",
                )
            )
        safety = safety_backup(engine, "restore", keep_in)
    current = ""
    try:
        with engine.begin() as conn:
            if has_data:
                for table in reversed(_tables()):
                    conn.execute(table.delete())
            for table, records in plans:
                current = table.name
                if records:
                    conn.execute(table.insert(), records)
            current = ""
            with Session(bind=conn) as session:
                restore_checks.validate_records(session)
                if has_data:
                    record_replacement(session, "restore", source, safety)
                session.flush()
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
    except sa.exc.IntegrityError as exc:
        # The transaction was rolled back: the database is as it was before.
        _forget(safety)
        where = current or "?"
        raise InputError(
            pick(
                f"备份表 {where} 的数据对不上：{one_line(exc.orig)}",
                f"backup table {where} does not fit together: {one_line(exc.orig)}",
            )
        ) from exc
    except BaseException:
        _forget(safety)
        raise
    return RestoreOutcome({table.name: len(records) for table, records in plans}, safety)


def _forget(safety: Path | None) -> None:
    """Remove the safety copy of a restore that changed nothing (it would only mislead)."""
    if safety is not None:
        safety.unlink(missing_ok=True)


def one_line(value: object) -> str:
    """A database message on one line."""
    return " ".join(str(value).split())


def safety_backup(engine: Engine, action: str, keep_in: Path | None = None) -> Path:
    """Save the whole database before `action` replaces it, and return the file.

    Beside a SQLite file (``<name>-before-<action>-<time>.json``); for a server database or
    one in memory, in the user's data folder under ``backups``.
    """
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    files = database_files(str(engine.url))
    if keep_in is not None:
        folder, stem = Path(keep_in), "huxue"
    elif files:
        folder, stem = files[0].parent, files[0].stem
    else:
        folder, stem = data_dir() / "backups", "huxue"
    for n in range(1000):
        suffix = f"-{n}" if n else ""
        path = folder / f"{stem}-before-{action}-{stamp}{suffix}.json"
        if not path.exists():
            break
    # A new name of our own: no other output policy applies to it.
    with output_policy(force=False, protect=files):
        write_backup(engine, path)
    return path


def record_replacement(session: Session, action: str, source: str, safety: Path | None) -> None:
    """The audit entry saying the data was replaced (by a restore or a new demo district).

    It is added after the new rows, so it survives the replacement it tells of.
    """
    audit(
        session,
        None,
        action,
        "database",
        {"saved_as": str(safety) if safety else None},
        {"source": source},
    )


def _reset_sequences(conn: Connection) -> None:
    """Move each serial id past the restored rows (PostgreSQL does not do it for explicit ids)."""
    for table in _tables():
        if "id" not in table.columns or not table.columns["id"].autoincrement:
            continue
        conn.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f'COALESCE((SELECT MAX(id) FROM "{table.name}"), 0) + 1, false)'
            )
        )


def restore_file(
    engine: Engine, path: Path, *, force: bool = False, keep_in: Path | None = None
) -> RestoreOutcome:
    """Restore the backup file at `path` into the database (see `restore_data`)."""
    return restore_data(engine, read_backup(path), force=force, source=str(path), keep_in=keep_in)
