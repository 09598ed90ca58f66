"""Reading an import file's cells as text: CSV (UTF-8 or GBK/GB18030) or XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huxue.errors import InputError

# --------------------------------------------------------------------------------------------
# Reading files


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells as text)


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.datetime):
        if value.year < 1901:  # Excel stores a bare time as a time on its 1899/1900 epoch
            return value.strftime("%H:%M")
        return value.isoformat(sep=" ")
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    return str(value).strip()


def decode_csv_bytes(data: bytes) -> str:
    """CSV bytes as text: UTF-8 (BOM or not), else GB18030 (a superset of GBK)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise InputError("the CSV file is neither UTF-8 nor GBK text") from exc


def read_table(path: Path) -> Table:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            text = decode_csv_bytes(path.read_bytes())
            raw: Iterable[Sequence[Any]] = list(csv.reader(io.StringIO(text, newline="")))
        elif suffix in (".xlsx", ".xlsm"):
            raw = _xlsx_rows(path)
        else:
            raise InputError(f"import file must be .xlsx or .csv: {path}")
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from exc
    except csv.Error as exc:
        raise InputError(f"{path} is not a readable CSV file: {exc}") from exc
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, values in enumerate(raw, start=1):
        cells = [_cell_text(v) for v in values]
        if headers is None:
            if any(cells):
                headers = cells
            continue
        if any(cells):
            rows.append((number, cells))
    if headers is None:
        return Table([], [])
    return Table(headers, rows)


def _xlsx_rows(path: Path) -> list[tuple[Any, ...]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise InputError(f"{path} is not a readable Excel file: {exc}") from exc
    except Exception as exc:  # zipfile.BadZipFile and friends from a corrupt file
        raise InputError(f"{path} is not a readable Excel file: {exc}") from exc
    try:
        sheet = book.worksheets[0]
        return [tuple(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
