"""JSON backup of the whole database, and a restore that brings it back exactly.

The backup holds every table of `huxue.models` (all of `SQLModel.metadata`), rows in primary-key
order, values in a JSON-safe form (dates, times and datetimes as ISO strings). It carries no
timestamp of its own, so backup → restore → backup gives byte-identical files: a planner can
compare two backups with any diff tool.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, SQLModel

import huxue.models  # noqa: F401  (registers every table in SQLModel.metadata)
from huxue.database import current_revision
from huxue.errors import DatabaseError, InputError

BACKUP_FORMAT = "huxue-backup/1"


def _tables() -> list[sa.Table]:
    """Every table, parents before children (the order rows must be inserted in)."""
    return list(SQLModel.metadata.sorted_tables)


def _encode(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def _decoder(column: sa.Column[Any]) -> Any:
    """A function turning a JSON value back into what the column stores."""
    kind_type = column.type
    if isinstance(kind_type, sa.TypeDecorator):  # e.g. sqlmodel's UTCDateTime over DateTime
        kind_type = kind_type.impl_instance
    try:
        kind = kind_type.python_type
    except NotImplementedError:
        return lambda v: v
    if kind is dt.datetime:
        return lambda v: None if v is None else dt.datetime.fromisoformat(v)
    if kind is dt.date:
        return lambda v: None if v is None else dt.date.fromisoformat(v)
    if kind is dt.time:
        return lambda v: None if v is None else dt.time.fromisoformat(v)
    if kind is bool:
        return lambda v: None if v is None else bool(v)
    return lambda v: v


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
    """Write the whole database to `path` as JSON; return the row count of each table."""
    with engine.connect() as conn:
        data = backup_data(conn)
    text = dumps_backup(data)
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)  # a half-written backup never carries the real name
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc
    return {name: len(t["rows"]) for name, t in data["tables"].items()}


def read_backup(path: Path) -> dict[str, Any]:
    """Read and check a backup file; `InputError` when it is not one."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{path} is not a Huxue backup (not JSON: {exc})") from exc
    if not isinstance(data, dict) or data.get("format") != BACKUP_FORMAT:
        raise InputError(f"{path} is not a Huxue backup (format is not {BACKUP_FORMAT})")
    if not isinstance(data.get("tables"), dict):
        raise InputError(f"{path} is not a Huxue backup (no tables)")
    return data


def database_has_data(conn: Connection) -> bool:
    """True when any table of the model holds a row."""
    return any(
        conn.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first() is not None
        for t in _tables()
    )


def restore_data(engine: Engine, data: dict[str, Any], *, force: bool = False) -> dict[str, int]:
    """Replace the database's content with a backup dict, all or nothing.

    Refuses (`DatabaseError`) a database that holds data unless `force`; then every table is
    emptied first, in the same transaction as the inserts. Returns the rows restored per table.
    """
    tables = {t.name: t for t in _tables()}
    stored = data["tables"]
    unknown = sorted(set(stored) - set(tables))
    if unknown:
        raise InputError(f"backup holds tables this version does not know: {', '.join(unknown)}")
    plans: list[tuple[sa.Table, list[dict[str, Any]]]] = []
    for table in _tables():
        entry = stored.get(table.name, {"columns": [], "rows": []})
        columns = entry.get("columns")
        rows = entry.get("rows")
        if not isinstance(columns, list) or not isinstance(rows, list):
            raise InputError(f"backup table {table.name} has no columns or rows")
        missing = [c for c in columns if c not in table.columns]
        if missing:
            raise InputError(f"backup table {table.name} has unknown columns: {', '.join(missing)}")
        decoders = [_decoder(table.columns[c]) for c in columns]
        records = []
        for n, row in enumerate(rows, start=1):
            if not isinstance(row, list) or len(row) != len(columns):
                raise InputError(f"backup table {table.name}, row {n}: wrong number of values")
            try:
                records.append(
                    {c: dec(v) for c, dec, v in zip(columns, decoders, row, strict=True)}
                )
            except (TypeError, ValueError) as exc:
                raise InputError(f"backup table {table.name}, row {n}: {exc}") from exc
        plans.append((table, records))

    revision = current_revision(engine)
    if data.get("schema") not in (None, revision):
        raise InputError(
            f"backup was made with database schema {data.get('schema')}, "
            f"this database has {revision}: restore it with the matching Huxue version"
        )
    current = ""
    try:
        with engine.begin() as conn:
            if database_has_data(conn):
                if not force:
                    raise DatabaseError("the database already holds data: restore with --force")
                for table in reversed(_tables()):
                    conn.execute(table.delete())
            for table, records in plans:
                current = table.name
                if records:
                    conn.execute(table.insert(), records)
            if conn.dialect.name == "postgresql":
                _reset_sequences(conn)
    except sa.exc.IntegrityError as exc:
        # The transaction was rolled back: the database is as it was before.
        raise InputError(f"backup table {current} does not fit together: {exc.orig}") from exc
    return {table.name: len(records) for table, records in plans}


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


def restore_file(engine: Engine, path: Path, *, force: bool = False) -> dict[str, int]:
    """Restore the backup file at `path` into the database (see `restore_data`)."""
    return restore_data(engine, read_backup(path), force=force)
