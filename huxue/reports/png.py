"""A school's duty sheet as one tall PNG, to send into a school's WeChat group.

Drawn with Pillow (a dependency of reportlab) in the same CJK font as the PDFs. Rasterising
the PDF would need poppler or a Cairo backend for reportlab's renderPM (rlPyCairo), neither of
which the app may shell out to or ships; a phone-width image laid out for reading on a phone is
also better than a shrunken A4 page.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from huxue.privacy import shown_phone
from huxue.reports.data import (
    WeekData,
    day_label,
    session_label,
    week_label,
)
from huxue.reports.pdf import FONT_PATH
from huxue.reports.sheets import NO_ROSTER, SheetOptions
from huxue.vocabulary import ROLE_LABELS, SCHOOL_KIND_LABELS

WIDTH = 1080
PAD = 40
BLACK = 0
GREY = 90
RULE = 150
BAND = 232
WHITE = 255

Font = ImageFont.FreeTypeFont


@lru_cache(maxsize=8)
def _font(size: int) -> Font:
    return ImageFont.truetype(str(FONT_PATH), size=size, index=0)


def _wrap(text: str, font: Font, width: float) -> list[str]:
    lines: list[str] = []
    for raw in text.split("\n"):
        line = ""
        for ch in raw:
            if line and font.getlength(line + ch) > width:
                lines.append(line)
                line = ""
            line += ch
        lines.append(line)
    return lines


@dataclass
class _Canvas:
    """Draw operations collected while laying out, so the image can be sized exactly."""

    ops: list[Callable[[ImageDraw.ImageDraw], None]] = field(default_factory=list)
    y: float = PAD

    def text(self, x: float, text: str, size: int, fill: int = BLACK) -> None:
        y = self.y
        self.ops.append(lambda d: d.text((x, y), text, font=_font(size), fill=fill))

    def rect(
        self,
        box: tuple[float, float, float, float],
        fill: int | None,
        outline: int | None = None,
        width: int = 1,
    ) -> None:
        self.ops.append(lambda d: d.rectangle(box, fill=fill, outline=outline, width=width))

    def line(self, y: float, fill: int = RULE, width: int = 1) -> None:
        self.ops.append(lambda d: d.line((PAD, y, WIDTH - PAD, y), fill=fill, width=width))


def school_sheet_png(data: WeekData, school_id: int, opts: SheetOptions) -> bytes:
    """The school's week of duties as PNG bytes (phones masked unless `opts.full_contacts`)."""
    school = data.schools[school_id]
    info = data.roster_of(school.station_id)
    roster = info.label if info is not None else NO_ROSTER
    draft = info is None or info.draft
    station = data.stations[school.station_id].name
    contact = data.contact(school_id)
    c = _Canvas()

    c.text(PAD, f"{school.name}护学岗值班表", 44)
    if draft:
        c.rect((WIDTH - PAD - 104, c.y + 2, WIDTH - PAD, c.y + 56), None, BLACK, 3)
        c.text(WIDTH - PAD - 92, "草稿", 40)
    c.y += 70
    kind = SCHOOL_KIND_LABELS.get(school.kind, school.kind)
    lines = [
        f"日期范围  {week_label(data.week_start)}",
        f"{data.district_name} · {station} · {kind} · {roster}",
    ]
    lines += [f"{label}  {text}" for label, text in contact.rows()]
    lines += contact.notes(station)
    for text in lines:
        for part in _wrap(text, _font(28), WIDTH - 2 * PAD):
            c.text(PAD, part, 28, GREY if text.startswith(data.district_name) else BLACK)
            c.y += 40
    c.y += 10
    c.line(c.y, BLACK, 3)
    c.y += 16

    slots = data.school_slots(school_id)
    body = _font(30)
    columns = (PAD + 10, PAD + 150, PAD + 380)  # session, time, post + people
    people_x = PAD + 380
    people_w = WIDTH - PAD - people_x - 10
    day = None
    if not slots:
        c.text(PAD, "本周没有护学岗时段（休息日、假期或停课）。", 30)
        c.y += 50
    for slot in slots:
        if slot.date != day:
            day = slot.date
            c.y += 8
            c.rect((PAD, c.y, WIDTH - PAD, c.y + 50), BAND)
            c.text(PAD + 10, day_label(day), 30)
            c.y += 62
        post = data.posts[slot.post_id].name
        names = [
            f"{p.name}（{ROLE_LABELS.get(p.role, p.role)}）"
            f" {shown_phone(p.phone, full=opts.full_contacts)}"
            for p in slot.people
        ] or ["未安排"]
        if slot.missing:
            names.append(f"缺 {slot.missing} 人")
        c.text(columns[0], session_label(slot.kind, slot.seq), 30)
        c.text(columns[1], slot.time_range, 30)
        c.text(columns[2], post, 30)
        c.y += 42
        for name in names:
            for part in _wrap(name, body, people_w):
                c.text(people_x + 20, part, 28, GREY if name.startswith("缺") else BLACK)
                c.y += 38
        c.y += 8
        c.line(c.y)
        c.y += 10

    c.y += 16
    note = "人员如有临时调整，以责任民警通知为准。"
    if not opts.full_contacts:
        note += "值守人员电话已部分隐藏。"
    for part in _wrap(note, _font(24), WIDTH - 2 * PAD):
        c.text(PAD, part, 24, GREY)
        c.y += 34
    c.text(PAD, f"打印日期 {opts.printed} · 护学 Huxue", 24, GREY)
    c.y += 34 + PAD

    # Greyscale: a third of the pixels to compress, and the sheet is black and white anyway.
    image = Image.new("L", (WIDTH, int(c.y)), WHITE)
    draw = ImageDraw.Draw(image)
    for op in c.ops:
        op(draw)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
