"""The four printed sheets as sections of the shared page template.

- station weekly roster (A4 landscape): posts × days, each cell the window and the names;
- school duty sheet: who stands at which gate when, and the responsible officer's contact;
- person duty card: one person's duties of the week;
- post sign-in sheet: a row per person and session with arrival, departure and signature.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from huxue.attendance.codes import sheet_code
from huxue.models import Person
from huxue.privacy import shown_phone
from huxue.reports.data import (
    RosterInfo,
    Slot,
    WeekData,
    code_label,
    day_label,
    day_note,
    session_label,
    week_label,
)
from huxue.reports.pdf import (
    FONT,
    ZEBRA_FILL,
    PageHeader,
    content_width,
    fit,
    grid_table,
    para,
    register_font,
    style,
    text_width,
)
from huxue.vocabulary import (
    RISK_LABELS,
    ROLE_LABELS,
    ROLE_SHORT,
    SCHOOL_KIND_LABELS,
    SCHOOL_KIND_ORDER,
    SESSION_ORDER,
    WEEKDAYS,
)


@dataclass(frozen=True)
class SheetOptions:
    """How sheets are printed: full phone numbers or masked, and the printed date shown."""

    full_contacts: bool = False
    printed: str = ""

    @staticmethod
    def now(full_contacts: bool = False) -> SheetOptions:
        """Options stamped with the current local time."""
        return SheetOptions(full_contacts, dt.datetime.now().strftime("%Y-%m-%d %H:%M"))


Section = tuple[PageHeader, list[Flowable]]

NO_ROSTER = "尚无排班表"


def _roster_text(infos: list[RosterInfo]) -> tuple[str, bool]:
    if not infos:
        return NO_ROSTER, True
    # A draft says so once, in the header's 草稿 box: the label keeps only the version.
    labels = sorted({f"排班表 第 {i.version} 版" if i.draft else i.label for i in infos})
    return " / ".join(labels), any(i.draft for i in infos)


def _header(
    data: WeekData,
    title: str,
    subject: str,
    station_id: int | None,
    infos: list[RosterInfo],
    opts: SheetOptions,
) -> PageHeader:
    roster, draft = _roster_text(infos)
    station = data.stations[station_id].name if station_id in data.stations else ""
    return PageHeader(
        title=title,
        subject=subject,
        district=data.district_name,
        station=station,
        week=week_label(data.week_start),
        roster=roster,
        draft=draft,
        printed=opts.printed,
    )


def _info_table(pairs: list[tuple[str, str]], width: float) -> Table:
    """Label/value pairs two per line, without rules."""
    register_font()
    body = style(9.5)
    rows: list[list[object]] = []
    for i in range(0, len(pairs), 2):
        row: list[object] = []
        for label, value in pairs[i : i + 2]:
            row.extend([label, para(value, body)])
        while len(row) < 4:
            row.append("")
        rows.append(row)
    # Room for the longest label (代理责任民警 is wider than the usual four characters).
    label_w = max(20 * mm, max(text_width(label, 9.5) for label, _ in pairs) + 2 * mm)
    table = Table(rows, colWidths=[label_w, width / 2 - label_w, label_w, width / 2 - label_w])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), FONT, 9.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _cell(text: str, width: float, size: float = 9) -> str:
    """Plain cell text wrapped to a column (the table's 3 pt paddings left out)."""
    return fit(text, width - 6, size)


def _missing_text(slot: Slot) -> str:
    return f"（缺 {slot.missing} 人）" if slot.missing else ""


def _note(text: str) -> Paragraph:
    return para(text, style(8.5))


def _phone(person: Person, opts: SheetOptions) -> str:
    return shown_phone(person.phone, full=opts.full_contacts) or "—"


def _day_separators(slots: list[Slot]) -> list[tuple[object, ...]]:
    """A heavier rule where the date changes (row 0 is the header)."""
    commands: list[tuple[object, ...]] = []
    for i in range(1, len(slots)):
        if slots[i].date != slots[i - 1].date:
            commands.append(("LINEABOVE", (0, i + 1), (-1, i + 1), 1.2, (0, 0, 0)))
    return commands


# --------------------------------------------------------------------------------------------
# School duty sheet


def school_section(data: WeekData, school_id: int, opts: SheetOptions) -> Section:
    """A school's duty sheet: every session of its posts with names and (masked) phones."""
    school = data.schools[school_id]
    infos = [i for i in [data.roster_of(school.station_id)] if i is not None]
    header = _header(data, "护学岗值班表", school.name, school.station_id, infos, opts)
    width = content_width(wide=False)
    slots = data.school_slots(school_id)
    contact = data.contact(school_id)
    station_name = data.stations[school.station_id].name
    posts = sorted({data.posts[s.post_id].name for s in slots})
    story: list[Flowable] = [
        _info_table(
            [
                ("学校", f"{school.name}（{SCHOOL_KIND_LABELS.get(school.kind, school.kind)}）"),
                ("派出所", station_name),
                ("地址", school.address or "—"),
                ("护学岗", "、".join(posts) or "—"),
                ("日期范围", week_label(data.week_start)),
                *contact.rows(),
            ],
            width,
        ),
        Spacer(1, 3 * mm),
    ]
    for text in contact.notes(station_name):
        story.append(para(text, style(10.5)))
    if contact.notes(station_name):
        story.append(Spacer(1, 2 * mm))
    widths = [26 * mm, 18 * mm, 24 * mm, 30 * mm, 48 * mm]
    widths.append(width - sum(widths))
    rows = []
    for slot in slots:
        names = "\n".join(f"{p.name}（{ROLE_LABELS.get(p.role, p.role)}）" for p in slot.people)
        phones = "\n".join(_phone(p, opts) for p in slot.people)
        if not names:
            names = "未安排"
        if slot.missing:
            names += "\n" + _missing_text(slot)
        rows.append(
            [
                day_label(slot.date),
                session_label(slot.kind, slot.seq),
                slot.time_range,
                _cell(data.posts[slot.post_id].name, widths[3]),
                _cell(names, widths[4]),
                _cell(phones, widths[5]),
            ]
        )
    if rows:
        story.append(
            grid_table(
                ["日期", "时段", "时间", "岗位", "值守人员", "联系电话"],
                rows,
                widths,
                extra=_day_separators(slots),
            )
        )
    else:
        story.append(para("本周没有护学岗时段（休息日、假期或停课）。", style(11)))
    story.append(Spacer(1, 3 * mm))
    for day, plan in data.unusual_days.get(school_id, []):
        story.append(para(f"注：{day_note(day, plan)}", style(10)))
    notes = ["人员如有临时调整，以责任民警通知为准。"]
    if not opts.full_contacts:
        notes.append("为保护个人信息，值守人员电话已部分隐藏；如需联系请致电责任民警。")
    story.append(_note(" ".join(notes)))
    return header, story


# --------------------------------------------------------------------------------------------
# Station weekly roster


def _station_day_notes(data: WeekData, station_id: int) -> list[str]:
    """Unusual days of the station's schools, each once: for all of them or naming a few."""
    schools = [s for s in data.schools.values() if s.station_id == station_id and s.active]
    who: dict[tuple[dt.date, str], list[str]] = defaultdict(list)
    for school in sorted(schools, key=lambda s: s.code):
        assert school.id is not None
        for day, plan in data.unusual_days.get(school.id, []):
            who[(day, day_note(day, plan))].append(school.name)
    notes = []
    for (_, note), names in sorted(who.items()):
        if len(names) == len(schools):
            notes.append(f"{note}（全部学校）")
        else:
            shown = "、".join(names[:5]) + (f" 等 {len(names)} 所" if len(names) > 5 else "")
            notes.append(f"{note}：{shown}")
    return notes


def station_section(data: WeekData, station_id: int, opts: SheetOptions) -> Section:
    """The station's week: a row per post and session kind, a column per day with sessions."""
    station = data.stations[station_id]
    info = data.roster_of(station_id)
    header = _header(data, "护学岗周排班表", station.name, station_id, [info] if info else [], opts)
    width = content_width(wide=True)
    slots = data.station_slots(station_id)
    days = sorted({s.date for s in slots})
    grid: dict[tuple[int, str, int], dict[dt.date, list[Slot]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for slot in slots:
        grid[(slot.post_id, slot.kind, slot.seq)][slot.date].append(slot)

    def row_key(key: tuple[int, str, int]) -> tuple[int, str, str, int, int]:
        post = data.posts[key[0]]
        school = data.schools[post.school_id]
        return (
            SCHOOL_KIND_ORDER.get(school.kind, 9),
            school.code,
            post.code,
            SESSION_ORDER.get(key[1], 9),
            key[2],
        )

    keys = sorted(grid, key=row_key)
    seats = sum(s.need_total or 0 for s in slots)
    filled = sum(min(len(s.people), s.need_total or len(s.people)) for s in slots)
    people = {p.id for s in slots for p in s.people}
    missing = sum(s.missing for s in slots)
    summary = (
        f"本周 {len(slots)} 个护学时段，需 {seats} 人次，已安排 {filled} 人次"
        f"{f'，缺 {missing} 人次' if missing else ''}，参与 {len(people)} 人。"
        "  警＝民警  辅＝辅警  保＝保安  志＝志愿者"
    )
    story: list[Flowable] = []
    story.append(para(summary, style(9)))
    for note in _station_day_notes(data, station_id):
        story.append(para(f"注：{note}", style(9)))
    story.append(Spacer(1, 2 * mm))
    if not keys:
        story.append(para("本周没有护学岗时段。", style(11)))
        return header, story

    fixed = [38 * mm, 22 * mm, 16 * mm]
    day_w = (width - sum(fixed)) / max(1, len(days))
    rows = []
    shading: list[tuple[object, ...]] = []
    last_school = None
    band = False
    for i, key in enumerate(keys, start=1):
        post = data.posts[key[0]]
        school = data.schools[post.school_id]
        if school.id != last_school:
            band = not band
            last_school = school.id
        if band:
            shading.append(("BACKGROUND", (0, i), (-1, i), ZEBRA_FILL))
        row: list[object] = [
            _cell(school.name, fixed[0], 8),
            _cell(post.name, fixed[1], 8),
            session_label(key[1], key[2]),
        ]
        for day in days:
            parts = []
            for slot in grid[key].get(day, []):
                names = " ".join(f"{p.name}({ROLE_SHORT.get(p.role, '')})" for p in slot.people)
                text = f"{slot.time_range}\n{names or '—'}"
                if slot.missing:
                    text += f" 缺{slot.missing}"
                parts.append(text)
            row.append(_cell("\n".join(parts), day_w, 8) if parts else "")
        rows.append(row)
    header_row = [
        "学校",
        "岗位",
        "时段",
        *[f"{WEEKDAYS[d.weekday()]} {d.month}/{d.day}" for d in days],
    ]
    story.append(
        grid_table(
            header_row,
            rows,
            [*fixed, *[day_w] * len(days)],
            font_size=8,
            extra=[*shading, ("VALIGN", (0, 1), (-1, -1), "TOP")],
        )
    )
    return header, story


# --------------------------------------------------------------------------------------------
# Person duty card


def person_section(data: WeekData, person_id: int, opts: SheetOptions) -> Section:
    """A person's duties of the week, with colleagues and each school's responsible officer."""
    person = data.people[person_id]
    infos = data.rosters_of_person(person_id)
    header = _header(data, "护学岗执勤卡", person.name, person.station_id, infos, opts)
    width = content_width(wide=False)
    slots = data.person_slots(person_id)
    story: list[Flowable] = [
        _info_table(
            [
                ("姓名", person.name),
                (code_label(person.role), person.code),
                ("身份", ROLE_LABELS.get(person.role, person.role)),
                ("派出所", data.stations[person.station_id].name),
                ("电话", _phone(person, opts)),
                ("本周执勤", f"{len(slots)} 次"),
            ],
            width,
        ),
        Spacer(1, 3 * mm),
    ]
    widths = [24 * mm, 15 * mm, 22 * mm, 38 * mm, 20 * mm, 36 * mm]
    widths.append(width - sum(widths))
    rows = []
    for slot in slots:
        school = data.schools[slot.school_id]
        others = " ".join(
            f"{p.name}({ROLE_LABELS.get(p.role, p.role)})" for p in slot.people if p.id != person_id
        )
        officer = data.officer_on(slot.school_id, slot.date)
        officer_text = "—"
        if officer is not None:
            deputy = officer.id != data.schools[slot.school_id].responsible_person_id
            officer_text = f"{officer.name}{'（代理）' if deputy else ''}\n{officer.phone}"
        rows.append(
            [
                day_label(slot.date),
                session_label(slot.kind, slot.seq),
                slot.time_range,
                _cell(school.name, widths[3], 8.5),
                _cell(data.posts[slot.post_id].name, widths[4], 8.5),
                _cell(others or "—", widths[5], 8.5),
                _cell(officer_text, widths[6], 8.5),
            ]
        )
    if rows:
        story.append(
            grid_table(
                ["日期", "时段", "时间", "学校", "岗位", "同岗人员", "学校责任民警"],
                rows,
                widths,
                font_size=8.5,
                extra=_day_separators(slots),
            )
        )
    else:
        story.append(para("本周没有护学岗执勤任务。", style(11)))
    story.append(Spacer(1, 3 * mm))
    story.append(_note("请提前 5 分钟到岗，到岗后在岗位签到表签到；不能到岗请尽早报告所属派出所。"))
    return header, story


# --------------------------------------------------------------------------------------------
# Post sign-in sheet


def signin_section(data: WeekData, post_id: int, opts: SheetOptions) -> Section:
    """A post's sign-in sheet: one row per assigned person and per open seat of each session."""
    post = data.posts[post_id]
    school = data.schools[post.school_id]
    infos = [i for i in [data.roster_of(school.station_id)] if i is not None]
    subject = f"{school.name} {post.name}"
    header = _header(data, "护学岗签到表", subject, school.station_id, infos, opts)
    width = content_width(wide=False)
    slots = data.post_slots(post_id)
    story: list[Flowable] = [
        _info_table(
            [
                ("学校", school.name),
                ("岗位", f"{post.name}（{post.code}）"),
                ("地址", school.address or "—"),
                ("风险等级", RISK_LABELS.get(post.risk, str(post.risk))),
                # The code a clerk types to record this sheet's attendance (post, week, version).
                (
                    "签到码",
                    sheet_code(post_id, data.week_start, infos[0].version) if infos else "—",
                ),
            ],
            width,
        ),
        Spacer(1, 3 * mm),
    ]
    rows: list[list[object]] = []
    row_slots: list[Slot] = []
    for slot in slots:
        for p in slot.people:
            rows.append(
                [
                    day_label(slot.date),
                    session_label(slot.kind, slot.seq),
                    slot.time_range,
                    p.name,
                    ROLE_LABELS.get(p.role, p.role),
                    "",
                    "",
                    "",
                    "",
                ]
            )
            row_slots.append(slot)
        for _ in range(slot.missing):  # an open seat: a blank line for whoever stands in
            blank: list[object] = [
                day_label(slot.date),
                session_label(slot.kind, slot.seq),
                slot.time_range,
            ]
            rows.append(blank + [""] * 6)
            row_slots.append(slot)
    if rows:
        widths = [24 * mm, 15 * mm, 22 * mm, 20 * mm, 14 * mm, 19 * mm, 19 * mm, 30 * mm]
        widths.append(width - sum(widths))
        story.append(
            grid_table(
                [
                    "日期",
                    "时段",
                    "规定时间",
                    "姓名",
                    "身份",
                    "到岗时间",
                    "离岗时间",
                    "签名",
                    "备注",
                ],
                rows,
                widths,
                row_height=9 * mm,
                extra=_day_separators(row_slots),
            )
        )
    else:
        story.append(para("本周没有护学岗时段。", style(11)))
    story.append(Spacer(1, 5 * mm))
    story.append(para("核查人（签字）：____________        核查日期：____________", style(10)))
    return header, story
