"""Printed sheets (PDF) and the school sheet as an image.

`print_week` writes a week's station rosters, school duty sheets, person duty cards or post
sign-in sheets (with a progress callback); `sheet_pdf` gives one sheet's bytes and
`school_sheet_png` a school's sheet as an image (for a preview or a WeChat group); `load_week`
gathers a week once for many sheets and exports.
"""

from huxue.reports.batch import (
    PRINT_KINDS,
    PrintResult,
    PrintSelection,
    print_week,
    select_items,
    sheet_pdf,
)
from huxue.reports.data import RosterInfo, Slot, WeekData, load_week
from huxue.reports.png import school_sheet_png
from huxue.reports.sheets import SheetOptions

__all__ = [
    "PRINT_KINDS",
    "PrintResult",
    "PrintSelection",
    "RosterInfo",
    "SheetOptions",
    "Slot",
    "WeekData",
    "load_week",
    "print_week",
    "school_sheet_png",
    "select_items",
    "sheet_pdf",
]
