"""Import schools, posts, bell times and people from XLSX or CSV, and write their templates.

Every row is parsed (`reading`, `values`) and the record it makes is checked with the editors'
rules (`rows`, `huxue.editing.validation`) before anything is written (`writing`); a file with
any error imports nothing and the report lists each error's row, column, value and reason.
Rows are matched by code (bell times by school or school kind, weekday, session kind and
sequence), so importing the same file twice updates instead of duplicating. The write is one
transaction.

CSV files may be UTF-8 (with or without BOM) or GBK/GB18030, which is what Excel on a Chinese
Windows saves. Coordinates may be WGS-84 (GPS), GCJ-02 (Amap, Tencent) or BD-09 (Baidu), as a
column says; they are stored as WGS-84.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlmodel import Session

from huxue.i18n import pick
from huxue.imports.columns import COLUMNS, KINDS, Column, ImportReport, RowError, check_kind
from huxue.imports.reading import decode_csv_bytes, read_table
from huxue.imports.rows import (
    VALIDATORS,
    Row,
    check_bells,
    check_duplicates,
    load_lookups,
    map_headers,
)
from huxue.imports.templates import write_template
from huxue.imports.values import (
    parse_availability,
    parse_bool,
    parse_coord_system,
    parse_phone,
    parse_role,
    parse_school_kind,
    parse_session_kind,
    parse_time_of_day,
    parse_weekdays,
)
from huxue.imports.writing import APPLIERS

__all__ = [
    "COLUMNS",
    "KINDS",
    "Column",
    "ImportReport",
    "RowError",
    "decode_csv_bytes",
    "import_file",
    "import_table",
    "parse_availability",
    "parse_bool",
    "parse_coord_system",
    "parse_phone",
    "parse_role",
    "parse_school_kind",
    "parse_session_kind",
    "parse_time_of_day",
    "parse_weekdays",
    "write_template",
]


def import_file(
    session: Session,
    kind: str,
    path: Path,
    *,
    dry_run: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Validate and import an XLSX or CSV file of `kind`, all or nothing.

    Returns a report; when it has errors nothing was written. An unreadable file or an unknown
    kind raises `InputError`. On success the session is committed; with `dry_run` the file is
    only checked (a GUI can show the errors before the planner confirms). `on_progress(rows
    checked, rows)` follows the checking of the rows.
    """
    check_kind(kind)
    table = read_table(Path(path))
    return import_table(
        session, kind, table.headers, table.rows, dry_run=dry_run, on_progress=on_progress
    )


def import_table(
    session: Session,
    kind: str,
    headers: list[str],
    rows: list[tuple[int, list[str]]],
    *,
    dry_run: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Validate and import rows already read (header texts; (row number, cell texts))."""
    check_kind(kind)
    report = ImportReport(kind, rows=len(rows))
    if not headers:
        report.errors.append(
            RowError(0, "", "", pick("文件为空：没有表头行", "the file is empty: no header row"))
        )
        return report
    index, labels = map_headers(kind, headers, report)
    if report.errors:
        return report
    if not rows:
        report.errors.append(
            RowError(1, "", "", pick("文件没有数据行", "the file has no data rows"))
        )
        return report
    lookups = load_lookups(session, kind)
    validate = VALIDATORS[kind]
    records: list[dict[str, Any]] = []
    for done, (number, cells) in enumerate(rows, start=1):
        if on_progress is not None and done % 100 == 0:
            on_progress(done, len(rows))
        values = {key: cells[i].strip() if i < len(cells) else "" for i, key in index.items()}
        row = Row(number, values, labels, report.errors)
        record = validate(row, lookups)
        record["_row"] = number
        record["_failed"] = row.failed
        records.append(record)
    if kind == "bells":
        check_bells(records, lookups, labels, report.errors)
    # Rows that failed still take part, so a duplicate code is reported beside the other errors.
    check_duplicates(kind, records, labels, report)
    if report.errors:
        report.errors.sort(key=lambda e: e.row)
        return report
    if dry_run:
        return report
    try:
        created, updated = APPLIERS[kind](session, records, labels, lookups)
        session.commit()
    except BaseException:
        session.rollback()
        raise
    report.created, report.updated = created, updated
    return report
