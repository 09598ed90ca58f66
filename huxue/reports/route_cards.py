"""Route cards (巡逻路线卡): one PDF per patrol unit for a week — each day's loops, stops in
order with arrival time, the school, its address and the contact of its officer in charge."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer
from sqlmodel import Session, col, select

from huxue.database import district
from huxue.errors import InputError
from huxue.i18n import pick
from huxue.models import PatrolUnit, Person, School, Station
from huxue.patrol_units import kind_label, list_units, window_label
from huxue.patrols import stored_loops
from huxue.reports.pdf import PageHeader, build_pdf, content_width, fit, grid_table, para, style
from huxue.reports.response import write_file
from solver.patrol.model import PEAK_KINDS, Loop

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}"


def route_card_pdf(session: Session, week_start: dt.date, unit_code: str) -> bytes:
    """The route card of one unit for the week (loops as stored by `plan_patrols`)."""
    unit = session.exec(select(PatrolUnit).where(PatrolUnit.code == unit_code)).first()
    if unit is None:
        raise InputError(pick(f"巡逻单元 {unit_code} 不存在", f"unknown patrol unit {unit_code}"))
    station = session.get(Station, unit.station_id)
    record = next(u for u in list_units(session) if u.code == unit.code)
    people = {p.code: p for p in session.exec(select(Person)).all()}
    by_id = {p.id: p for p in people.values()}
    schools = {s.code: s for s in session.exec(select(School)).all()}
    loops = [loop for loop in stored_loops(session, week_start) if loop.unit == unit.code]
    width = content_width(wide=False)
    crew = "、".join(
        f"{people[c].name} {people[c].phone}".strip() for c in record.crew if c in people
    )
    flow: list[Flowable] = [
        para(
            pick(
                f"{kind_label(unit.kind)} · 时速 {unit.speed_kmh:g} km/h · 班次 "
                f"{unit.shift_start:%H:%M}–{unit.shift_end:%H:%M} · 出发 "
                f"{unit.start_name or (station.name if station else '')}\n组员：{crew or '—'}",
                f"{kind_label(unit.kind)} · {unit.speed_kmh:g} km/h · shift "
                f"{unit.shift_start:%H:%M}–{unit.shift_end:%H:%M} · from "
                f"{unit.start_name or (station.name if station else '')}\nCrew: {crew or '—'}",
            ),
            style(10),
        ),
        Spacer(1, 3 * mm),
    ]
    by_day: dict[dt.date, list[Loop]] = defaultdict(list)
    for loop in loops:
        by_day[loop.date].append(loop)
    if not loops:
        flow.append(para(pick("本周没有巡逻路线。", "No loops this week."), style(10)))
    w = width / 100
    for day in sorted(by_day):
        for loop in sorted(by_day[day], key=lambda lp: PEAK_KINDS.index(lp.window)):
            label = window_label(loop.window)
            flow.append(
                para(
                    pick(
                        f"{day:%m月%d日} 星期{WEEKDAYS[day.weekday()]} · {label}"
                        f" · {_clock(loop.depart_s)} 出发，{_clock(loop.return_s)} 返回",
                        f"{day:%m-%d} {WEEKDAYS_EN[day.weekday()]} · {label}"
                        f" · leave {_clock(loop.depart_s)}, back {_clock(loop.return_s)}",
                    ),
                    style(10.5),
                )
            )
            rows = []
            for n, visit in enumerate(loop.visits, start=1):
                school = schools.get(visit.school)
                officer = by_id.get(school.responsible_person_id) if school else None
                contact = f"{officer.name} {officer.phone}".strip() if officer else ""
                rows.append(
                    [
                        str(n),
                        _clock(visit.arrival_s),
                        fit(school.name if school else visit.school, w * 30, 8.5),
                        fit(school.address if school else "", w * 30, 8.5),
                        fit(contact, w * 20, 8.5),
                        str(visit.service_s // 60),
                    ]
                )
            flow.append(
                grid_table(
                    [
                        pick("序", "#"),
                        pick("到达", "arrive"),
                        pick("学校", "school"),
                        pick("地址", "address"),
                        pick("负责民警", "officer in charge"),
                        pick("停留(分)", "stay (min)"),
                    ],
                    rows,
                    [w * 5, w * 9, w * 31, w * 31, w * 16, w * 8],
                    font_size=8.5,
                )
            )
            flow.append(Spacer(1, 3 * mm))
    header = PageHeader(
        title=pick("巡逻路线卡", "patrol route card"),
        subject=unit.name or unit.code,
        district=district(session).name,
        station=station.name if station else "",
        week=f"{week_start:%Y-%m-%d} — {week_start + dt.timedelta(days=6):%m-%d}",
        roster=unit.code,
        draft=False,
        printed=dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
    )
    return build_pdf([(header, flow)], wide=False, title=f"{unit.code} route card")


def write_route_cards(
    session: Session,
    week_start: dt.date,
    folder: Path,
    station: str | None = None,
    unit: str | None = None,
) -> list[Path]:
    """Write route-<unit>.pdf for every unit (of a station, or one unit) into `folder`."""
    query = select(PatrolUnit).order_by(col(PatrolUnit.code))
    units = list(session.exec(query).all())
    codes = dict(session.exec(select(Station.id, Station.code)).all())
    chosen = [
        u
        for u in units
        if (station is None or codes.get(u.station_id) == station)
        and (unit is None or u.code.lower() == unit.lower())
    ]
    if not chosen:
        raise InputError(pick("没有符合条件的巡逻单元", "no patrol unit matches"))
    paths = []
    for u in chosen:
        path = folder / f"route-{u.code}.pdf"
        write_file(path, route_card_pdf(session, week_start, u.code))
        paths.append(path)
    return paths
