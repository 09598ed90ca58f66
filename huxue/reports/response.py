"""The response-time report ("1、3、5") of a week as CSV, a PDF (figures, the schools beyond
5 minutes with their fix, and the district map of each peak window of one day) and a PNG map.

Texts follow the core's language (`huxue.i18n`); the PDF header is the sheets' Chinese one.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlmodel import Session

from huxue.errors import InputError
from huxue.exports import csv_bytes
from huxue.i18n import pick
from huxue.patrol_units import window_label
from huxue.patrols import ResponseReport, school_names
from huxue.reports.district_map import (
    LATE_COLOUR,
    LOOP_COLOURS,
    NONE_COLOUR,
    TIER_COLOURS,
    MapScene,
    Projection,
    map_scene,
    response_colour,
)
from huxue.reports.pdf import (
    FONT,
    FONT_PATH,
    FOOTER_HEIGHT,
    HEADER_HEIGHT,
    MARGIN,
    PageHeader,
    build_pdf,
    content_width,
    grid_table,
    page_size,
    para,
    register_font,
    style,
)
from solver.patrol.model import PEAK_KINDS
from solver.patrol.response import Figures, Fix


def fix_text(fix: Fix, names: dict[str, str]) -> str:
    """A fix in the current language."""
    if fix.code == "post":
        return pick(
            f"在岗位 {fix.target} 安排一名民警/辅警（同时惠及 {fix.helps} 校）",
            f"an officer at post {fix.target} (serves {fix.helps} schools)",
        )
    if fix.code == "loop":
        return pick(f"收紧巡逻单元 {fix.target} 的路线", f"tighten the loop of unit {fix.target}")
    return pick(f"{fix.target} 增加一个巡逻单元", f"one more patrol unit for {fix.target}")


def legend() -> list[tuple[tuple[int, int, int], str]]:
    """The map's colour legend in the current language."""
    out = [(colour, pick(f"≤{limit} 分钟", f"≤ {limit} min")) for limit, colour in TIER_COLOURS]
    out.append((LATE_COLOUR, pick("超过 5 分钟", "over 5 min")))
    out.append((NONE_COLOUR, pick("无在岗民警", "no officer on duty")))
    return out


def write_file(path: Path, content: bytes) -> None:
    """Write `content` through a temporary file and a rename."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        tmp.write_bytes(content)
        tmp.replace(path)  # never a half-written file under the real name
    except OSError as exc:
        raise InputError(
            pick(f"无法写入 {path}：{exc.strerror}", f"cannot write {path}: {exc.strerror}")
        ) from exc


def response_csv(report: ResponseReport, names: dict[str, str]) -> bytes:
    """One row per school and peak window: minutes by posts alone and with patrols, the fix."""
    alone = {(r.date, r.window, r.school): r for r in report.roster_alone}
    fixes = {(f.date, f.window, f.school): f for f in report.fixes}
    header = [
        pick("日期", "date"),
        pick("时段", "window"),
        pick("派出所", "station"),
        pick("学校编号", "school code"),
        pick("学校", "school"),
        pick("仅岗位（分钟）", "posts alone (min)"),
        pick("加巡逻（分钟）", "with patrols (min)"),
        pick("最近警力", "nearest officer"),
        pick("改进建议", "fix"),
    ]
    rows = []
    for r in report.with_patrols:
        base = alone.get((r.date, r.window, r.school))
        fix = fixes.get((r.date, r.window, r.school))
        rows.append(
            [
                r.date.isoformat(),
                window_label(r.window),
                r.station,
                r.school,
                names.get(r.school, r.school),
                "" if base is None or base.minutes is None else str(base.minutes),
                "" if r.minutes is None else str(r.minutes),
                r.source,
                "" if fix is None else fix_text(fix, names),
            ]
        )
    return csv_bytes(header, rows)


# --------------------------------------------------------------------------- PNG


@lru_cache(maxsize=8)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_PATH), size, index=0)


def map_png(scene: MapScene, title: str, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """The district map of one peak window as a PNG (white background, legend bottom left)."""
    width, height = size
    image = Image.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(image)
    top, bottom = 60, 40
    proj = Projection.fit(scene.bounds(), width - 40, height - top - bottom)

    def xy(lat: float, lon: float) -> tuple[float, float]:
        x, y = proj.xy(lat, lon)
        return x + 20, y + top

    for i, loop in enumerate(scene.loops):
        colour = LOOP_COLOURS[i % len(LOOP_COLOURS)]
        draw.line([xy(*p) for p in loop.points], fill=colour, width=3)
        for (_school, clock), point in zip(loop.stops, loop.points[1:-1], strict=False):
            x, y = xy(*point)
            draw.text((x + 7, y - 16), clock, fill=colour, font=_font(14))
    for lat, lon in scene.posts:
        x, y = xy(lat, lon)
        draw.rectangle((x - 4, y - 4, x + 4, y + 4), outline=(0, 0, 0), width=2)
    for school in scene.schools:
        x, y = xy(school.lat, school.lon)
        draw.ellipse(
            (x - 6, y - 6, x + 6, y + 6), fill=response_colour(school.minutes), outline=(40, 40, 40)
        )
    for station in scene.stations:
        x, y = xy(station.lat, station.lon)
        draw.polygon([(x, y - 12), (x + 11, y + 8), (x - 11, y + 8)], fill=(20, 40, 120))
        draw.text((x + 13, y - 8), station.name, fill=(20, 40, 120), font=_font(18))
    draw.text((20, 16), title, fill=(0, 0, 0), font=_font(26))
    lx, ly = 20, height - bottom - 24 * len(legend()) - 10
    draw.rectangle(
        (lx - 6, ly - 8, lx + 230, height - bottom), fill=(255, 255, 255), outline=(120, 120, 120)
    )
    for colour, label in legend():
        draw.ellipse((lx, ly, lx + 14, ly + 14), fill=colour, outline=(40, 40, 40))
        draw.text((lx + 22, ly - 3), label, fill=(0, 0, 0), font=_font(16))
        ly += 24
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --------------------------------------------------------------------------- PDF


class MapFlowable(Flowable):  # type: ignore[misc]
    """The district map of one peak window drawn with reportlab vector graphics."""

    def __init__(self, scene: MapScene, width: float, height: float) -> None:
        super().__init__()
        self.scene = scene
        self.width = width
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        scene = self.scene
        proj = Projection.fit(scene.bounds(), self.width, self.height)

        def xy(lat: float, lon: float) -> tuple[float, float]:
            x, y = proj.xy(lat, lon)
            return x, self.height - y

        def rgb(colour: tuple[int, int, int]) -> Any:
            return colors.Color(colour[0] / 255, colour[1] / 255, colour[2] / 255)

        canv.saveState()
        canv.setLineWidth(0.5)
        canv.rect(0, 0, self.width, self.height)
        canv.setFont(FONT, 5.5)
        for i, loop in enumerate(scene.loops):
            colour = rgb(LOOP_COLOURS[i % len(LOOP_COLOURS)])
            canv.setStrokeColor(colour)
            canv.setFillColor(colour)
            canv.setLineWidth(1.2)
            path = canv.beginPath()
            path.moveTo(*xy(*loop.points[0]))
            for point in loop.points[1:]:
                path.lineTo(*xy(*point))
            canv.drawPath(path, stroke=1, fill=0)
            for (_school, clock), point in zip(loop.stops, loop.points[1:-1], strict=False):
                x, y = xy(*point)
                canv.drawString(x + 3, y + 3, clock)
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(0.8)
        for lat, lon in scene.posts:
            x, y = xy(lat, lon)
            canv.rect(x - 2.2, y - 2.2, 4.4, 4.4, stroke=1, fill=0)
        canv.setLineWidth(0.3)
        for school in scene.schools:
            x, y = xy(school.lat, school.lon)
            if not school.in_window:
                canv.setStrokeColor(colors.Color(0.75, 0.75, 0.75))
                canv.circle(x, y, 1.2, stroke=1, fill=0)
                canv.setStrokeColor(colors.black)
                continue
            canv.setFillColor(rgb(response_colour(school.minutes)))
            canv.circle(x, y, 2.6, stroke=1, fill=1)
        canv.setFont(FONT, 8)
        for station in scene.stations:
            x, y = xy(station.lat, station.lon)
            canv.setFillColor(colors.Color(0.08, 0.16, 0.47))
            path = canv.beginPath()
            path.moveTo(x, y + 6)
            path.lineTo(x + 5.5, y - 4)
            path.lineTo(x - 5.5, y - 4)
            path.close()
            canv.drawPath(path, stroke=0, fill=1)
            canv.drawString(x + 7, y - 3, station.name)
        ly = 8.0
        canv.setFont(FONT, 7.5)
        for colour, label in reversed(legend()):
            canv.setFillColor(rgb(colour))
            canv.setStrokeColor(colors.black)
            canv.circle(10, ly + 2.5, 3, stroke=1, fill=1)
            canv.setFillColor(colors.black)
            canv.drawString(17, ly, label)
            ly += 11
        canv.restoreState()


def _pct(f: Figures, tier: int) -> str:
    return f"{100 * f.share(tier):.0f}%" if f.schools else "—"


def _worst(f: Figures) -> str:
    return "—" if f.worst is None else str(f.worst)


def _avg(f: Figures) -> str:
    return "—" if f.average is None else f"{f.average:.1f}"


def figures_table(report: ResponseReport, width: float) -> Flowable:
    """Per station and peak window: 1/3/5-minute shares, average and worst, posts → patrols."""
    alone = report.by_station(patrols=False)
    both = report.by_station()
    header = [
        pick("派出所", "station"),
        pick("时段", "window"),
        pick("校次", "schools"),
        pick("1分钟", "≤1 min"),
        pick("3分钟", "≤3 min"),
        pick("5分钟", "≤5 min"),
        pick("平均", "average"),
        pick("最长", "worst"),
        pick("无警力", "none"),
    ]
    rows = []
    order = sorted(both, key=lambda k: (k[0], PEAK_KINDS.index(k[1]) if k[1] in PEAK_KINDS else 9))
    for key in order:
        f, b = both[key], alone.get(key, both[key])
        rows.append(
            [
                key[0],
                window_label(key[1]),
                str(f.schools),
                f"{_pct(b, 1)} → {_pct(f, 1)}",
                f"{_pct(b, 3)} → {_pct(f, 3)}",
                f"{_pct(b, 5)} → {_pct(f, 5)}",
                f"{_avg(b)} → {_avg(f)}",
                f"{_worst(b)} → {_worst(f)}",
                f"{b.unreached} → {f.unreached}",
            ]
        )
    w = width / 100
    return grid_table(
        header,
        rows,
        [w * 9, w * 11, w * 7, w * 12, w * 12, w * 12, w * 13, w * 12, w * 12],
        font_size=8,
    )


def response_pdf(
    session: Session, report: ResponseReport, day: dt.date | None, district: str = "集美区"
) -> bytes:
    """Figures, the schools beyond 5 minutes with a fix, and a map page per peak window."""
    register_font()
    names = school_names(session)
    width = content_width(wide=True)
    week = f"{report.week_start:%Y-%m-%d} — {report.week_start + dt.timedelta(days=6):%m-%d}"
    printed = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    title = pick("1、3、5 快速响应", "1-3-5 response")

    def header(subject: str) -> PageHeader:
        return PageHeader(
            title,
            subject,
            district,
            "",
            week,
            pick("仅岗位 → 岗位加巡逻", "posts → posts + patrols"),
            False,
            printed,
        )

    flow: list[Flowable] = [
        para(
            pick(
                "每所学校在各高峰时段最近在岗民警/辅警（固定岗位或巡逻路线上最远一点）到达校门的分钟数；"
                "箭头前为仅按排班岗位，箭头后为加上巡逻路线。",
                "Minutes for the nearest on-duty officer (at a post, or anywhere on a patrol loop) "
                "to reach each school's gate in each peak window; before the arrow the roster's "
                "posts alone, after it with the patrol loops.",
            ),
            style(9),
        ),
        Spacer(1, 3 * mm),
        figures_table(report, width),
        Spacer(1, 4 * mm),
    ]
    late = sorted(report.fixes, key=lambda f: (f.date, PEAK_KINDS.index(f.window), f.school))
    minutes = {(r.date, r.window, r.school): r.minutes for r in report.with_patrols}
    if late:
        flow.append(
            para(
                pick(
                    f"超过 5 分钟的学校（{len(late)} 校次）",
                    f"Schools beyond 5 minutes ({len(late)})",
                ),
                style(11),
            )
        )
        flow.append(Spacer(1, 2 * mm))
        rows = [
            [
                f"{f.date:%m-%d}",
                window_label(f.window),
                names.get(f.school, f.school),
                "—"
                if minutes.get((f.date, f.window, f.school)) is None
                else str(minutes[(f.date, f.window, f.school)]),
                fix_text(f, names),
            ]
            for f in late
        ]
        w = width / 100
        flow.append(
            grid_table(
                [
                    pick("日期", "date"),
                    pick("时段", "window"),
                    pick("学校", "school"),
                    pick("分钟", "min"),
                    pick("改进建议", "fix"),
                ],
                rows,
                [w * 8, w * 10, w * 30, w * 7, w * 45],
                font_size=8,
            )
        )
    sections = [(header(pick("全区汇总", "district figures")), flow)]
    map_height = (
        page_size(wide=True)[1] - 2 * float(MARGIN) - float(HEADER_HEIGHT + FOOTER_HEIGHT) - 4 * mm
    )
    for window in PEAK_KINDS:
        scene = map_scene(session, report, day, window)
        if not any(s.minutes is not None for s in scene.schools) and not scene.loops:
            continue
        label = (
            f"{scene.date:%Y-%m-%d} {window_label(window)}" if scene.date else window_label(window)
        )
        sections.append(
            (
                header(pick(f"响应地图 {label}", f"response map {label}")),
                [MapFlowable(scene, width, map_height)],
            )
        )
    return build_pdf(sections, wide=True, title=title)


def write_response(
    session: Session,
    report: ResponseReport,
    path: Path,
    *,
    day: dt.date | None = None,
    window: str = "arrival",
) -> None:
    """Write the report as .csv, .pdf or .png (chosen by the suffix)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        write_file(path, response_csv(report, school_names(session)))
    elif suffix == ".pdf":
        write_file(path, response_pdf(session, report, day))
    elif suffix == ".png":
        scene = map_scene(session, report, day, window)
        when = f"{scene.date:%Y-%m-%d} " if scene.date else ""
        title = pick(
            f"集美区 1、3、5 响应地图 · {when}{window_label(window)}",
            f"1-3-5 response map · {when}{window_label(window)}",
        )
        write_file(path, map_png(scene, title))
    else:
        raise InputError(
            pick("输出文件须为 .csv、.pdf 或 .png", "the output must be .csv, .pdf or .png")
        )


__all__: Sequence[str] = ("map_png", "response_csv", "response_pdf", "write_response")
