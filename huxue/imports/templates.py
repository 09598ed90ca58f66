"""Empty import files to fill in: an XLSX with a notes sheet, or a CSV header row."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from huxue.errors import InputError
from huxue.files import atomic_output
from huxue.imports.columns import COLUMNS, Column, check_kind

# --------------------------------------------------------------------------------------------
# Templates


def write_template(kind: str, path: Path) -> Path:
    """Write an empty import file for `kind` (.xlsx with a notes sheet, or .csv) to `path`."""
    check_kind(kind)
    path = Path(path)
    columns = COLUMNS[kind]
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise InputError(f"template file must end in .xlsx or .csv: {path}")
    with atomic_output(path) as tmp:
        if suffix == ".csv":
            with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle).writerow([c.label for c in columns])
        else:
            _write_xlsx_template(kind, columns, tmp)
    return path


def _write_xlsx_template(kind: str, columns: Sequence[Column], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = kind
    sheet.append([c.label for c in columns])
    for i, c in enumerate(columns, start=1):
        sheet.cell(row=1, column=i).font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(i)].width = max(10, 2 * len(c.label) + 4)
        # Codes and phones are text: Excel would drop leading zeros of 0592-… otherwise.
        if c.key in ("code", "phone", "school", "station", "responsible", "deputy", "preferred"):
            for row in range(2, 1002):
                sheet.cell(row=row, column=i).number_format = "@"
    sheet.freeze_panes = "A2"
    notes = book.create_sheet("说明")
    notes.append(["列", "必填", "说明", "also accepted"])
    for c in columns:
        notes.append([c.label, "是" if c.required else "", c.note, ", ".join((c.key, *c.aliases))])
    for letter, width in zip("ABCD", (16, 6, 60, 30), strict=True):
        notes.column_dimensions[letter].width = width
    book.save(path)
