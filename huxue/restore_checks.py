"""The checks a backup passes before its restore is committed.

Two steps. `decode_tables` reads the backup's tables into rows for the insert: every table of the
model must be there (a backup without its rosters or audit trail would silently drop them), with
every column, and every value must have its column's type, length and range (`solver.limits`):
SQLite would otherwise store ``"lots"`` in an integer column. `validate_records` then runs, inside
the restore's transaction, the editors' own validation on every station, school (with its posts,
needs and bell times), person, term and calendar exception, so a restored record is one the
editors could have saved. Problems are `InputError` naming table, row and field.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, col, select

from huxue.editing import (
    FieldError,
    load_calendar_day,
    load_person,
    load_school,
    load_station,
    load_term,
    validate_calendar_day,
    validate_person,
    validate_school,
    validate_station,
    validate_term,
)
from huxue.errors import InputError
from huxue.i18n import pick
from huxue.models import (
    Assignment,
    AssignmentSource,
    BellTime,
    CalendarDay,
    Person,
    Roster,
    RosterStatus,
    School,
    SchoolKind,
    SessionKind,
    Station,
    Term,
)
from solver.limits import LIMITS

# Columns whose values have a range in `solver.limits` (by column name).
COLUMN_RANGES = {
    "lat": "lat",
    "lon": "lon",
    "risk": "risk",
    "max_per_day": "max_per_day",
    "max_per_week": "max_per_week",
    "history_load": "history_load",
    "enrolment": "enrolment",
    "weekday": "weekday",
    "follows_weekday": "weekday",
    "police": "need",
    "officers": "need",
    "total": "need",
    "seq": "seq",
    "minutes_late": "minutes_late",
}
# A database integer (SQLite and PostgreSQL BIGINT alike).
INT64 = 2**63 - 1


class _BadValueError(Exception):
    """A value that does not fit its column (the message says why)."""


def _problem(table: str, row: str, field: str, message: str) -> InputError:
    return InputError(
        pick(
            f"备份表 {table} {row} 字段 {field}：{message}",
            f"backup table {table}, {row}, field {field}: {message}",
        )
    )


def _kind(column: sa.Column[Any]) -> type | None:
    column_type = column.type
    if isinstance(column_type, sa.TypeDecorator):  # e.g. sqlmodel's UTCDateTime over DateTime
        column_type = column_type.impl_instance
    try:
        kind: type = column_type.python_type
    except NotImplementedError:
        return None
    return kind


def _decoder(column: sa.Column[Any]) -> Callable[[Any], Any]:
    """A function turning a JSON value into what the column stores, or raising `_BadValueError`."""
    kind = _kind(column)
    nullable = bool(column.nullable) and not column.primary_key
    length = getattr(column.type, "length", None)
    limit = LIMITS.get(COLUMN_RANGES.get(column.name, ""))

    def check_range(value: float) -> None:
        if limit is not None and not limit.holds(value):
            raise _BadValueError(
                pick(f"{value} 超出范围 {limit.text()}", f"{value} is outside {limit.text()}")
            )

    def decode(value: Any) -> Any:
        if value is None:
            if nullable or kind is None:
                return None
            raise _BadValueError(pick("不能为空", "must not be empty"))
        if kind is bool:
            if isinstance(value, bool) or value in (0, 1):
                return bool(value)
            raise _BadValueError(pick(f"{value!r} 不是真假值", f"{value!r} is not true or false"))
        if kind is int:
            if isinstance(value, bool) or not isinstance(value, int):
                raise _BadValueError(
                    pick(f"{value!r} 不是整数", f"{value!r} is not a whole number")
                )
            if abs(value) > INT64:
                raise _BadValueError(pick("整数太大", "the number is too large for the database"))
            check_range(value)
            return value
        if kind is float:
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise _BadValueError(pick(f"{value!r} 不是数字", f"{value!r} is not a number"))
            if isinstance(value, int) and abs(value) > INT64:
                raise _BadValueError(pick("数字太大", "the number is too large"))
            if not math.isfinite(value):
                raise _BadValueError(
                    pick(f"{value!r} 不是有限的数", f"{value!r} is not a finite number")
                )
            check_range(value)
            return float(value)
        if kind is str:
            if not isinstance(value, str):
                raise _BadValueError(pick(f"{value!r} 不是文本", f"{value!r} is not text"))
            if length is not None and len(value) > length:
                raise _BadValueError(
                    pick(f"超过 {length} 个字符", f"is longer than {length} characters")
                )
            return value
        if kind in (dt.datetime, dt.date, dt.time):
            if not isinstance(value, str):
                raise _BadValueError(
                    pick(f"{value!r} 不是日期或时间", f"{value!r} is not a date or time")
                )
            try:
                return kind.fromisoformat(value)
            except ValueError:
                raise _BadValueError(
                    pick(
                        f"{value!r} 不是有效的日期或时间", f"{value!r} is not a valid date or time"
                    )
                ) from None
        return value

    return decode


def decode_tables(
    stored: dict[str, Any], tables: list[sa.Table]
) -> list[tuple[sa.Table, list[dict[str, Any]]]]:
    """The rows to insert per table (parents first), checked by type, length and range."""
    known = {t.name for t in tables}
    unknown = sorted(set(stored) - known)
    if unknown:
        raise InputError(
            pick(
                f"备份中有本版本不认识的表：{', '.join(unknown)}",
                f"backup holds tables this version does not know: {', '.join(unknown)}",
            )
        )
    missing = [t.name for t in tables if t.name not in stored]
    if missing:
        raise InputError(
            pick(
                f"备份不完整，缺少表：{', '.join(missing)}；不会恢复",
                f"the backup is incomplete, it lacks tables: {', '.join(missing)}; "
                "nothing restored",
            )
        )
    plans: list[tuple[sa.Table, list[dict[str, Any]]]] = []
    for table in tables:
        entry = stored[table.name]
        columns = entry.get("columns") if isinstance(entry, dict) else None
        rows = entry.get("rows") if isinstance(entry, dict) else None
        if not isinstance(columns, list) or not isinstance(rows, list):
            raise InputError(
                pick(
                    f"备份表 {table.name} 没有列或行",
                    f"backup table {table.name} has no columns or rows",
                )
            )
        strange = [str(c) for c in columns if not isinstance(c, str) or c not in table.columns]
        if strange:
            raise InputError(
                pick(
                    f"备份表 {table.name} 有未知的列：{', '.join(strange)}",
                    f"backup table {table.name} has unknown columns: {', '.join(strange)}",
                )
            )
        absent = [c.name for c in table.columns if c.name not in columns]
        if absent:
            raise InputError(
                pick(
                    f"备份表 {table.name} 缺少列：{', '.join(absent)}",
                    f"backup table {table.name} lacks columns: {', '.join(absent)}",
                )
            )
        decoders = [_decoder(table.columns[c]) for c in columns]
        records = []
        for n, row in enumerate(rows, start=1):
            where = pick(f"第 {n} 行", f"row {n}")
            if not isinstance(row, list) or len(row) != len(columns):
                raise InputError(
                    pick(
                        f"备份表 {table.name} {where}：值的个数不对",
                        f"backup table {table.name}, {where}: wrong number of values",
                    )
                )
            record = {}
            for name, decode, value in zip(columns, decoders, row, strict=True):
                try:
                    record[name] = decode(value)
                except _BadValueError as exc:
                    raise _problem(table.name, where, name, str(exc)) from None
            records.append(record)
        plans.append((table, records))
    return plans


def _row(record_id: object, code: str | None = None) -> str:
    label = f"id {record_id}" + (f" ({code})" if code else "")
    return pick(f"记录 {label}", f"record {label}")


def _one_of(table: str, row: str, field: str, value: str, allowed: list[str]) -> None:
    if value not in allowed:
        raise _problem(
            table,
            row,
            field,
            pick(f"{value!r} 不是 {allowed} 之一", f"{value!r} is not one of {allowed}"),
        )


def validate_records(session: Session) -> None:
    """Run the editors' validation on every restored record (inside the restore's transaction)."""
    # People before schools: a school's rules look at its officers (a deputy is police).
    checks: list[tuple[str, Any, Callable[[int], None]]] = [
        ("station", Station, lambda i: validate_station(session, load_station(session, i))),
        ("person", Person, lambda i: validate_person(session, load_person(session, i))),
        ("school", School, lambda i: validate_school(session, load_school(session, i))),
        ("term", Term, lambda i: validate_term(load_term(session, i))),
        (
            "calendarday",
            CalendarDay,
            lambda i: validate_calendar_day(session, load_calendar_day(session, i)),
        ),
    ]
    for table, model, check in checks:
        code_column = getattr(model, "code", None) or getattr(model, "name", None)
        for record_id, code in session.exec(select(model.id, code_column).order_by(model.id)):
            try:
                check(record_id)
            except FieldError as exc:
                raise _problem(table, _row(record_id, str(code)), exc.field, exc.message) from None
    kinds = [k.value for k in SessionKind]
    for row_id, kind, school_kind in session.exec(
        select(BellTime.id, BellTime.kind, BellTime.school_kind).where(
            col(BellTime.school_id).is_(None)
        )
    ):
        _one_of("belltime", _row(row_id), "kind", kind, kinds)
        _one_of(
            "belltime",
            _row(row_id),
            "school_kind",
            school_kind or "",
            [k.value for k in SchoolKind],
        )
    for row_id, status in session.exec(select(Roster.id, Roster.status)):
        _one_of("roster", _row(row_id), "status", status, [s.value for s in RosterStatus])
    for row_id, kind, source in session.exec(
        select(Assignment.id, Assignment.kind, Assignment.source)
    ):
        _one_of("assignment", _row(row_id), "kind", kind, kinds)
        _one_of("assignment", _row(row_id), "source", source, [s.value for s in AssignmentSource])
