"""The page template every Huxue PDF shares, and the CJK font.

Each sheet is a *section*: the pages of one school, station, person or post. A combined file
holds many sections; page numbers ("第 N 页 / 共 M 页") count within a section, so a school's
two pages say "共 2 页" even in the district's combined file. Headers and footers are drawn
when the document is saved, once the number of pages of each section is known.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

FONT_PATH = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "wqy-microhei.ttc"
FONT = "HuxueCJK"

MARGIN = 12 * mm
HEADER_HEIGHT = 17 * mm
FOOTER_HEIGHT = 9 * mm
GRID = colors.black
HEADER_FILL = colors.Color(0.86, 0.86, 0.86)  # light grey: still readable on a B/W printer
ZEBRA_FILL = colors.Color(0.95, 0.95, 0.95)


def register_font() -> str:
    """Register the bundled WenQuanYi Micro Hei once and return its reportlab name.

    Its TrueType outlines embed as a subset (only the characters used), which keeps a school
    sheet near 30 kB; OpenType/CFF CJK fonts such as Noto CJK fail in reportlab.
    """
    if FONT not in pdfmetrics.getRegisteredFontNames():
        # Binary streams as they are: ASCII85 makes files 25 % bigger and costs time per file.
        rl_config.useA85 = 0
        if not FONT_PATH.is_file():
            raise FileNotFoundError(f"the CJK font is missing: {FONT_PATH}")
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_PATH), subfontIndex=0))
        # The font has one weight: bold and italic map to it, so <b> in a paragraph is harmless.
        from reportlab.lib.fonts import addMapping

        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(FONT, bold, italic, FONT)
    return FONT


@dataclass(frozen=True)
class PageHeader:
    """What the header and footer of every page of a section say."""

    title: str  # 学校护学岗值班表
    subject: str  # 集美小学
    district: str
    station: str
    week: str  # 2026年12月7日—12月13日
    roster: str  # 排班表 第 1 版 · 草稿
    draft: bool
    printed: str  # 2026-12-05 16:30


class _SectionMark(Flowable):  # type: ignore[misc]
    """An invisible flowable that tells the canvas which section the page belongs to."""

    def __init__(self, header: PageHeader, key: str) -> None:
        super().__init__()
        self.header = header
        self.key = key
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        canv = self.canv
        if isinstance(canv, _SectionCanvas):
            canv.start_section(self.header)
        # A bookmark per section: a combined file of 276 school sheets opens at any school.
        canv.bookmarkPage(self.key)
        canv.addOutlineEntry(self.header.subject, self.key, level=0, closed=True)


class _SectionCanvas(Canvas):  # type: ignore[misc]
    """A canvas that keeps its pages until `save` to draw 'page N of M' per section."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[tuple[dict[str, Any], int]] = []
        self._headers: list[PageHeader] = []
        self._section = -1

    def start_section(self, header: PageHeader) -> None:
        self._headers.append(header)
        self._section = len(self._headers) - 1

    def showPage(self) -> None:  # noqa: N802  (reportlab's name)
        self._saved.append((dict(self.__dict__), self._section))
        self._startPage()

    def save(self) -> None:
        totals: dict[int, int] = {}
        for _, section in self._saved:
            totals[section] = totals.get(section, 0) + 1
        numbers: dict[int, int] = {}
        for state, section in self._saved:
            self.__dict__.update(state)
            numbers[section] = numbers.get(section, 0) + 1
            if section >= 0:
                _decorate(self, self._headers[section], numbers[section], totals[section])
            Canvas.showPage(self)
        Canvas.save(self)


def _decorate(canv: Canvas, header: PageHeader, page: int, pages: int) -> None:
    width, height = canv._pagesize
    top = height - MARGIN
    canv.saveState()
    if header.draft:
        # A faint diagonal watermark over the content; the boxed label below says it in words.
        canv.saveState()
        canv.setFillColor(colors.black)
        canv.setFillAlpha(0.07)
        canv.setFont(FONT, 120)
        canv.translate(width / 2, height / 2)
        canv.rotate(30)
        canv.drawCentredString(0, -40, "草稿")
        canv.restoreState()

    canv.setFillColor(colors.black)
    canv.setFont(FONT, 9)
    place = " · ".join(p for p in (header.district, header.station) if p)
    canv.drawString(MARGIN, top - 9, place)
    canv.drawString(MARGIN, top - 21, f"日期范围 {header.week}")
    canv.setFont(FONT, 13)
    canv.drawCentredString(width / 2, top - 11, f"{header.subject}  {header.title}")
    canv.setFont(FONT, 9)
    right = width - MARGIN
    roster_x = right
    if header.draft:
        label_w = 30
        canv.setLineWidth(1.2)
        canv.rect(right - label_w, top - 12, label_w, 14, stroke=1, fill=0)
        canv.setFont(FONT, 10.5)
        canv.drawCentredString(right - label_w / 2, top - 8.5, "草稿")
        canv.setFont(FONT, 9)
        roster_x = right - label_w - 6
    canv.drawRightString(roster_x, top - 9, header.roster)
    canv.drawRightString(right, top - 21, f"打印日期 {header.printed}")
    canv.setLineWidth(0.8)
    canv.line(MARGIN, top - 26, right, top - 26)

    bottom = MARGIN - 2
    canv.setLineWidth(0.4)
    canv.line(MARGIN, bottom + 10, right, bottom + 10)
    canv.setFont(FONT, 9)
    canv.drawCentredString(width / 2, bottom, f"第 {page} 页 / 共 {pages} 页")
    canv.drawString(MARGIN, bottom, header.subject)
    canv.drawRightString(right, bottom, "护学 Huxue")
    canv.restoreState()


def page_size(*, wide: bool) -> tuple[float, float]:
    """A4, landscape for the station's weekly roster."""
    width, height = landscape(A4) if wide else A4
    return float(width), float(height)


def content_width(*, wide: bool) -> float:
    """The width tables may use."""
    return page_size(wide=wide)[0] - 2 * float(MARGIN)


def build_pdf(
    sections: Sequence[tuple[PageHeader, Sequence[Flowable]]], *, wide: bool, title: str
) -> bytes:
    """Lay out the sections (each from a new page) as one PDF and return its bytes."""
    register_font()
    size = page_size(wide=wide)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN + HEADER_HEIGHT,
        bottomMargin=MARGIN + FOOTER_HEIGHT,
        title=title,
        author="护学 Huxue",
        creator="护学 Huxue",
        # Without this reportlab stamps the time of the run into the file (and its id).
        invariant=1,
        # Start pages in the CJK font, so the file references no unembedded Helvetica.
        initialFontName=FONT,
    )
    frame = Frame(
        doc.leftMargin,
        doc.bottomMargin,
        doc.width,
        doc.height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
        id="body",
    )
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    story: list[Flowable] = []
    for i, (header, flowables) in enumerate(sections):
        if i:
            story.append(PageBreak())
        story.append(_SectionMark(header, f"section-{i}"))
        story.extend(flowables)
    if not story:
        raise ValueError("nothing to print")
    doc.build(story, canvasmaker=_SectionCanvas)
    return buffer.getvalue()


# --------------------------------------------------------------------------------------------
# Styles and tables


def style(size: float = 9, *, leading: float | None = None, align: int = TA_LEFT) -> ParagraphStyle:
    """A paragraph style in the CJK font that wraps between any two Chinese characters."""
    register_font()
    return ParagraphStyle(
        f"huxue-{size}-{align}",
        fontName=FONT,
        fontSize=size,
        leading=leading or size * 1.3,
        alignment=align,
        wordWrap="CJK",
    )


def para(text: str, st: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; newlines become line breaks)."""
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(safe.replace("\n", "<br/>"), st)


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    widths: Sequence[float],
    *,
    font_size: float = 9,
    row_height: float | None = None,
    extra: Sequence[tuple[Any, ...]] = (),
) -> Table:
    """A ruled table whose header row repeats on every page it runs onto."""
    register_font()
    data = [list(header), *[list(r) for r in rows]]
    heights = None if row_height is None else [None] + [row_height] * len(rows)
    table = Table(data, colWidths=list(widths), rowHeights=heights, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), FONT, font_size),
        ("LEADING", (0, 0), (-1, -1), font_size * 1.3),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("BOX", (0, 0), (-1, -1), 1.0, GRID),
        ("LINEBELOW", (0, 0), (-1, 0), 1.0, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    commands.extend(extra)
    table.setStyle(TableStyle(commands))
    return table


_WIDTHS: dict[str, float] = {}


def text_width(text: str, size: float) -> float:
    """The width of `text` in the CJK font at `size` points (per-character widths cached)."""
    register_font()
    total = 0.0
    for ch in text:
        w = _WIDTHS.get(ch)
        if w is None:
            w = _WIDTHS[ch] = pdfmetrics.stringWidth(ch, FONT, 1000)
        total += w
    return total * size / 1000


def fit(text: str, width: float, size: float) -> str:
    """`text` with line breaks so no line is wider than `width` points.

    Table cells hold these plain strings instead of `Paragraph`s: a paragraph re-wraps on
    every table split and made a district's sheets several times slower. Breaks fall at spaces
    where possible, else between any two characters (fine for Chinese).
    """
    lines: list[str] = []
    for raw in text.split("\n"):
        line = ""
        for word in re.split(r"(?<= )", raw):
            if text_width((line + word).rstrip(), size) <= width:
                line += word
                continue
            if line:
                lines.append(line.rstrip())
                line = ""
            for ch in word:  # a word wider than the cell breaks between characters
                if line and text_width((line + ch).rstrip(), size) > width:
                    lines.append(line.rstrip())
                    line = ""
                line += ch
        lines.append(line.rstrip())
    return "\n".join(lines)
