"""Turnout reports and volunteer-hour statements as PDF, XLSX and CSV, in the user's language.

Every file is written to a temporary name and renamed, so a failed write leaves no half file.
Spreadsheet cells are neutralised against formula injection like every other export.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate, Spacer

from huxue.attendance.duties import Places
from huxue.attendance.hours import HoursLine
from huxue.attendance.reports import DIMENSIONS, AttendanceReport, Tally
from huxue.errors import InputError
from huxue.exports import neutralise
from huxue.i18n import pick
from huxue.reports.data import ROLE_LABELS, SESSION_LABELS, WEEKDAYS
from huxue.reports.pdf import FONT, fit, grid_table, para, register_font, style

FORMATS = ("pdf", "xlsx", "csv")
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_STATUS = {
    "present": ("到岗", "present"),
    "late": ("迟到", "late"),
    "absent": ("缺岗", "absent"),
    "excused": ("请假", "excused"),
    "substituted": ("替岗", "substituted"),
    "": ("未登记", "not recorded"),
}
_DIMENSION = {
    "station": ("按派出所", "By station"),
    "school": ("按学校", "By school"),
    "post": ("按岗位", "By post"),
    "role": ("按身份", "By role"),
    "person": ("按人员", "By person"),
}


def status_label(status: str) -> str:
    """到岗 / present … in the current language."""
    zh, en = _STATUS.get(status, (status, status))
    return pick(zh, en)


def role_label(role: str) -> str:
    """民警 / police … in the current language."""
    return pick(ROLE_LABELS.get(role, role), role)


def session_kind_label(kind: str) -> str:
    """早入校 / arrival … in the current language."""
    return pick(SESSION_LABELS.get(kind, kind), kind.replace("_", " "))


def weekday_label(weekday: int) -> str:
    """周一 / Mon … in the current language."""
    return pick(WEEKDAYS[weekday], _WEEKDAYS_EN[weekday])


def _duty_cells(
    day: dt.date, kind: str, start: dt.time, end: dt.time, school_id: int, places: Places
) -> list[str]:
    """When and where a duty was, as table cells: date, weekday, session, time, school."""
    return [
        day.isoformat(),
        weekday_label(day.weekday()),
        session_kind_label(kind),
        f"{start:%H:%M}–{end:%H:%M}",
        places.schools[school_id][1],
    ]


def percent(rate: float | None) -> str:
    """A rate as "87.5 %" ("—" when nothing is recorded)."""
    return "—" if rate is None else f"{100 * rate:.1f} %"


@dataclass(frozen=True)
class Block:
    """One table of a report: a title, a header row and text rows."""

    title: str
    header: list[str]
    rows: list[list[str]]


def _tally_header() -> list[str]:
    return [
        pick("应到", "planned"),
        pick("已登记", "recorded"),
        pick("到岗", "present"),
        pick("迟到", "late"),
        pick("缺岗", "absent"),
        pick("请假", "excused"),
        pick("替岗", "substituted"),
        pick("到岗率", "turnout"),
        pick("在岗率(含替岗)", "cover"),
    ]


def _tally_cells(t: Tally) -> list[str]:
    counts = (t.planned, t.recorded, t.present, t.late, t.absent, t.excused, t.substituted)
    return [*(str(v) for v in counts), percent(t.turnout), percent(t.cover)]


def report_blocks(report: AttendanceReport, dimensions: Sequence[str] = DIMENSIONS) -> list[Block]:
    """The report's tables: summary, each dimension, late and absent by weekday and session,
    and the unguarded peak sessions (riskiest first)."""
    places = report.places
    blocks = [Block(pick("合计", "Total"), _tally_header(), [_tally_cells(report.total)])]
    for dimension in dimensions:
        rows = []
        for line in report.by.get(dimension, []):
            code, name = line.code, line.name
            if dimension == "role":
                code = name = role_label(line.key)
            rows.append([code, name, *_tally_cells(line.tally)])
        blocks.append(
            Block(
                pick(*_DIMENSION[dimension]),
                [pick("编号", "code"), pick("名称", "name"), *_tally_header()],
                rows,
            )
        )
    slot_rows = [
        [
            weekday_label(weekday),
            session_kind_label(kind),
            str(t.recorded),
            str(t.late),
            str(t.minutes_late),
            str(t.absent),
            str(t.excused),
        ]
        for (weekday, kind), t in sorted(report.by_slot.items())
    ]
    blocks.append(
        Block(
            pick("迟到与缺岗：按星期和时段", "Late and absent by weekday and session"),
            [
                pick("星期", "weekday"),
                pick("时段", "session"),
                pick("已登记", "recorded"),
                pick("迟到", "late"),
                pick("迟到分钟", "minutes late"),
                pick("缺岗", "absent"),
                pick("请假", "excused"),
            ],
            slot_rows,
        )
    )
    unguarded_rows = []
    for u in report.unguarded:
        code, post_name, school_id, _ = places.posts[u.post_id]
        who = "、".join(
            f"{places.people[pid][1]}（{status_label(status)}）" for pid, status in u.planned
        )
        unguarded_rows.append(
            [
                *_duty_cells(u.date, u.kind, u.start, u.end, school_id, places),
                f"{post_name}（{code}）",
                str(u.risk),
                who,
            ]
        )
    blocks.append(
        Block(
            pick("高峰时段无人在岗（风险高者在前）", "Unguarded at a peak (riskiest first)"),
            [
                pick("日期", "date"),
                pick("星期", "weekday"),
                pick("时段", "session"),
                pick("时间", "time"),
                pick("学校", "school"),
                pick("岗位", "post"),
                pick("风险", "risk"),
                pick("应到人员", "planned"),
            ],
            unguarded_rows,
        )
    )
    return blocks


def hours_blocks(lines: Sequence[HoursLine], places: Places) -> list[Block]:
    """A list of people with their duties and hours (for a school or a group)."""
    rows = []
    for line in lines:
        schools = "、".join(places.schools[s][1] for s in line.school_ids(places))
        rows.append(
            [
                line.code,
                line.name,
                role_label(line.role),
                schools,
                str(len(line.items)),
                str(line.minutes),
                f"{line.hours:.2f}",
            ]
        )
    header = [
        pick("编号", "code"),
        pick("姓名", "name"),
        pick("身份", "role"),
        pick("服务学校", "schools"),
        pick("服务次数", "duties"),
        pick("服务分钟", "minutes"),
        pick("服务时长(小时)", "hours"),
    ]
    return [Block(pick("志愿服务时长汇总", "Volunteer service hours"), header, rows)]


def statement_rows(line: HoursLine, places: Places) -> list[list[str]]:
    """A person's duties, one per row: date, weekday, session, time, school, post, minutes."""
    rows = []
    for item in sorted(line.items, key=lambda i: (i.date, i.start)):
        code, post_name, school_id, _ = places.posts[item.post_id]
        note = pick("替岗", "stood in") if item.status == "substituted" else ""
        if item.status == "late":
            note = status_label("late")
        rows.append(
            [
                *_duty_cells(item.date, item.kind, item.start, item.end, school_id, places),
                post_name,
                str(item.minutes),
                note,
            ]
        )
    return rows


def statement_header() -> list[str]:
    return [
        pick("日期", "date"),
        pick("星期", "weekday"),
        pick("时段", "session"),
        pick("时间", "time"),
        pick("学校", "school"),
        pick("岗位", "post"),
        pick("分钟", "minutes"),
        pick("备注", "note"),
    ]


# --------------------------------------------------------------------------------------------
# Writers


def write_atomic(path: Path, content: bytes) -> None:
    """Write `content` to `path` through a temporary file in the same folder."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror}") from exc


def csv_bytes(blocks: Sequence[Block], *, titles: bool = True) -> bytes:
    """The tables one after another (a title row, the header, the rows, a blank row); UTF-8
    with BOM so Excel reads the Chinese. Without `titles`: header and rows only."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    for block in blocks:
        if titles:
            writer.writerow([neutralise(block.title)])
        writer.writerow([neutralise(h) for h in block.header])
        for row in block.rows:
            writer.writerow([neutralise(v) for v in row])
        if titles:
            writer.writerow([])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def xlsx_bytes(blocks: Sequence[Block], notes: Sequence[tuple[str, str]]) -> bytes:
    """A sheet per table, and a notes sheet (period, scope, made when)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDDDDD")
    for block in blocks:
        title = "".join(ch for ch in block.title if ch not in "[]:*?/\\")[:28] or "sheet"
        while title in used:
            title = f"{title[:25]}_{len(used)}"
        used.add(title)
        sheet = book.create_sheet(title)
        sheet.append(block.header)
        for cell in sheet[1]:
            cell.font, cell.fill = bold, fill
        for row in block.rows:
            sheet.append([_xlsx_value(v) for v in row])
        for i, header in enumerate(block.header):
            width = max([len(header) * 2] + [len(r[i]) * 2 for r in block.rows[:500]])
            sheet.column_dimensions[sheet.cell(1, i + 1).column_letter].width = min(48, width + 2)
        sheet.freeze_panes = "A2"
        for line in sheet.iter_rows(min_row=2):
            for cell in line:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    info = book.create_sheet(pick("说明", "notes"))
    for label, value in notes:
        info.append([neutralise(label), neutralise(value)])
    info.column_dimensions["A"].width, info.column_dimensions["B"].width = 16, 50
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_value(text: str) -> Any:
    """Counts as numbers (so sums work in Excel), everything else as neutralised text."""
    if text.isdigit() and len(text) < 10:
        return int(text)
    return neutralise(text)


@dataclass(frozen=True)
class PdfPage:
    """The words on every page of a PDF: who made it and for what."""

    title: str
    organisation: str  # the district and station
    printed: str


def _page_decor(page: PdfPage) -> Any:
    def draw(canv: Canvas, doc: Any) -> None:
        width, height = A4
        canv.saveState()
        canv.setFont(FONT, 9)
        canv.drawString(12 * mm, height - 10 * mm, page.organisation)
        canv.drawRightString(width - 12 * mm, height - 10 * mm, page.printed)
        canv.line(12 * mm, height - 12 * mm, width - 12 * mm, height - 12 * mm)
        canv.drawCentredString(
            width / 2, 7 * mm, pick(f"第 {doc.page} 页", f"page {doc.page}") + " · " + page.title
        )
        canv.drawRightString(width - 12 * mm, 7 * mm, "护学 Huxue")
        canv.restoreState()

    return draw


def pdf_bytes(story: list[Flowable], page: PdfPage) -> bytes:
    """An A4 portrait PDF of a story, every page headed with the organisation."""
    register_font()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=16 * mm,
        bottomMargin=14 * mm,
        title=page.title,
        author="护学 Huxue",
        creator="护学 Huxue",
        invariant=1,
        initialFontName=FONT,
    )
    decor = _page_decor(page)
    doc.build(story, onFirstPage=decor, onLaterPages=decor)
    return buffer.getvalue()


def _widths(header: Sequence[str], rows: Sequence[Sequence[str]], total: float) -> list[float]:
    """Column widths in proportion to the longest text (CJK counts double), within `total`."""

    def size(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    longest = [
        max([size(h) + 2] + [min(size(r[i]), 40) + 2 for r in rows[:300]])
        for i, h in enumerate(header)
    ]
    scale = total / sum(longest)
    return [w * scale for w in longest]


def _block_story(block: Block, width: float, font_size: float = 8.5) -> list[Flowable]:
    story: list[Flowable] = [para(block.title, style(11)), Spacer(1, 1.5 * mm)]
    if block.rows:
        widths = _widths(block.header, block.rows, width)
        # Plain wrapped strings, not paragraphs: a district's term has thousands of rows.
        rows = [
            [fit(v, w - 6, font_size) for v, w in zip(row, widths, strict=True)]
            for row in block.rows
        ]
        header = [fit(h, w - 6, font_size) for h, w in zip(block.header, widths, strict=True)]
        story.append(grid_table(header, rows, widths, font_size=font_size))
    else:
        story.append(para(pick("（无）", "(none)"), style(9)))
    story.append(Spacer(1, 5 * mm))
    return story


_WIDTH = A4[0] - 24 * mm


def report_pdf(
    report: AttendanceReport, heading: str, page: PdfPage, dimensions: Sequence[str] = DIMENSIONS
) -> bytes:
    """The turnout report as a PDF."""
    title = para(page.title, style(15, align=TA_CENTER, leading=20))
    period = f"{report.first.isoformat()} — {report.last.isoformat()}"
    story: list[Flowable] = [
        title,
        para(
            pick(f"{heading}　统计期间：{period}", f"{heading} · {period}"),
            style(10, align=TA_CENTER),
        ),
        Spacer(1, 4 * mm),
    ]
    for block in report_blocks(report, dimensions):
        story.extend(_block_story(block, _WIDTH))
    note = pick(
        "到岗率 = (到岗 + 迟到) / 已登记；在岗率另计替岗。未登记的班次不计入比率。",
        "Turnout = (present + late) / recorded; cover also counts substitutes. "
        "Unrecorded duties are left out of the rates.",
    )
    story.append(para(note, style(8.5)))
    return pdf_bytes(story, page)


def _signature(station_name: str) -> list[Flowable]:
    return [
        Spacer(1, 10 * mm),
        para(
            pick(
                f"出具单位：{station_name}（盖章）",
                f"Issued by: {station_name} (seal)",
            ),
            style(10.5),
        ),
        Spacer(1, 6 * mm),
        para(
            pick(
                "经办人（签字）：________________　　　　日期：________________",
                "Signed: ________________        Date: ________________",
            ),
            style(10.5),
        ),
    ]


def statements_pdf(
    lines: Sequence[HoursLine],
    places: Places,
    *,
    period: str,
    station_name: str,
    page: PdfPage,
) -> bytes:
    """A term statement per volunteer, each from a new page, with the station's name and a
    signature line."""
    story: list[Flowable] = []
    for i, line in enumerate(lines):
        if i:
            story.append(PageBreak())
        story.append(para(page.title, style(16, align=TA_CENTER, leading=22)))
        story.append(Spacer(1, 4 * mm))
        story.append(
            para(
                pick(
                    f"兹证明 {line.name}（编号 {line.code}，{role_label(line.role)}）于 {period} "
                    f"在{station_name}辖区参加护学岗志愿服务 {len(line.items)} 次，"
                    f"累计服务时长 {line.hours:.2f} 小时（{line.minutes} 分钟）。",
                    f"This certifies that {line.name} (code {line.code}, {role_label(line.role)}) "
                    f"served {len(line.items)} school-guard "
                    f"{'duty' if len(line.items) == 1 else 'duties'} in the area of {station_name} "
                    f"during {period}, {line.hours:.2f} hours ({line.minutes} minutes) in all.",
                ),
                style(11, leading=18),
            )
        )
        story.append(Spacer(1, 4 * mm))
        rows = statement_rows(line, places)
        story.extend(
            _block_story(Block(pick("服务明细", "Duties"), statement_header(), rows), _WIDTH)
        )
        story.append(
            para(
                pick(
                    "时长按实际到岗计：迟到者扣除迟到分钟，缺岗、请假不计，替岗者计入替岗人。",
                    "Hours as served: minutes late are deducted; absent and excused duties "
                    "count nothing; a substitution counts for the substitute.",
                ),
                style(8.5),
            )
        )
        story.extend(_signature(station_name))
    if not story:
        story.append(
            para(pick("该期间没有志愿服务记录。", "No service in this period."), style(11))
        )
    return pdf_bytes(story, page)


def hours_list_pdf(
    lines: Sequence[HoursLine], places: Places, *, heading: str, station_name: str, page: PdfPage
) -> bytes:
    """A list of volunteers with their hours (per school or group), with a signature line."""
    story: list[Flowable] = [
        para(page.title, style(15, align=TA_CENTER, leading=20)),
        para(heading, style(10, align=TA_CENTER)),
        Spacer(1, 4 * mm),
    ]
    for block in hours_blocks(lines, places):
        story.extend(_block_story(block, _WIDTH, 9))
    total = sum(line.minutes for line in lines)
    story.append(
        para(
            pick(
                f"合计 {len(lines)} 人，{total / 60:.2f} 小时。",
                f"{len(lines)} people, {total / 60:.2f} hours in all.",
            ),
            style(10),
        )
    )
    story.extend(_signature(station_name))
    return pdf_bytes(story, page)


def printed_stamp() -> str:
    """ "打印日期 2026-12-05 16:30" in the current language."""
    return pick("打印日期 ", "printed ") + dt.datetime.now().strftime("%Y-%m-%d %H:%M")
