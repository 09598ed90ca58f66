"""Peak-hour patrols of a stored week: plan and store the loops, read them back, and the
response-time ("1、3、5") report — roster alone and roster plus patrols.

The inputs are the whole district's week (a school's nearest officer may belong to another
station), its current rosters and its patrol units; routing and the response rule live in
`solver.patrol`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from sqlmodel import Session, col, delete, select

from huxue.errors import InputError
from huxue.i18n import pick
from huxue.instance import week_instance
from huxue.models import PatrolLoop, PatrolUnit, Person, School, Station
from huxue.rosters import roster_assignments, week_rosters
from solver.instance import OFFICER_ROLES, Instance, InstanceError, Pair, load_instance
from solver.patrol.build import peak_windows, school_gates
from solver.patrol.check import LoopProblem, check_loops
from solver.patrol.io import load_patrols
from solver.patrol.model import Loop, Visit
from solver.patrol.model import PatrolUnit as UnitData
from solver.patrol.plan import Dropped, plan_week
from solver.patrol.response import (
    Figures,
    Fix,
    SchoolResponse,
    figures,
    figures_by,
    fixes,
    response_times,
)


@dataclass(frozen=True)
class WeekInputs:
    """The district's week as the patrol planner sees it."""

    week_start: dt.date
    instance: Instance
    pairs: tuple[Pair, ...]
    units: tuple[UnitData, ...]


def week_inputs(session: Session, week_start: dt.date) -> WeekInputs:
    """The week's instance (whole district), its current roster pairs and its patrol units."""
    doc = week_instance(session, week_start)
    try:
        instance = load_instance(doc)
        units = load_patrols(doc, instance)
    except InstanceError as exc:
        raise InputError(str(exc)) from exc
    codes = dict(session.exec(select(Person.id, Person.code)).all())
    rows = roster_assignments(session, [r.id for r in week_rosters(session, week_start) if r.id])
    pairs = tuple(
        Pair(a.session_key, codes[a.person_id])
        for a in rows
        if a.session_key in instance.session_by_id
        and codes.get(a.person_id) in instance.person_by_id
    )
    return WeekInputs(week_start, instance, pairs, units)


def station_code(session: Session, code: str | None) -> str | None:
    """The stored code of a station given without regard to case (None stays None)."""
    if code is None:
        return None
    for known in session.exec(select(Station.code)).all():
        if known.lower() == code.lower():
            return known
    raise InputError(pick(f"派出所 {code} 不存在", f"unknown station {code!r}"))


@dataclass(frozen=True)
class PatrolOutcome:
    """A planned week: the loops stored, schools left unvisited, the check, the time."""

    loops: tuple[Loop, ...]
    dropped: tuple[Dropped, ...]
    problems: tuple[LoopProblem, ...]
    windows: int
    wall_s: float


def plan_patrols(
    session: Session,
    week_start: dt.date,
    station: str | None = None,
    *,
    time_limit_s: float | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    inputs: WeekInputs | None = None,
) -> PatrolOutcome:
    """Plan the week's loops (one station's, or every station's), check them and store them
    in place of the week's earlier loops of those units (the caller commits)."""
    inputs = inputs or week_inputs(session, week_start)
    station = station_code(session, station)
    plan = plan_week(
        inputs.instance,
        inputs.pairs,
        inputs.units,
        station=station,
        time_limit_s=time_limit_s,
        progress=progress,
        should_stop=should_stop,
    )
    problems = check_loops(inputs.instance, inputs.pairs, inputs.units, plan.loops)
    if problems:  # never store loops that break a rule
        raise InputError("; ".join(str(p) for p in problems[:3]))
    unit_ids = {
        code: uid or 0 for code, uid in session.exec(select(PatrolUnit.code, PatrolUnit.id)).all()
    }
    scope = [unit_ids[u.id] for u in inputs.units if station is None or u.station == station]
    if scope:
        session.execute(
            delete(PatrolLoop).where(
                col(PatrolLoop.unit_id).in_(scope),
                col(PatrolLoop.date) >= week_start,
                col(PatrolLoop.date) <= week_start + dt.timedelta(days=6),
            )
        )
    for loop in plan.loops:
        session.add(
            PatrolLoop(
                unit_id=unit_ids[loop.unit],
                date=loop.date,
                window=loop.window,
                depart=_time(loop.depart_s),
                back=_time(loop.return_s),
                stops_json=json.dumps(
                    [
                        {"school": v.school, "arrival": v.arrival_s, "service_s": v.service_s}
                        for v in loop.visits
                    ]
                ),
            )
        )
    session.flush()
    return PatrolOutcome(plan.loops, plan.dropped, tuple(problems), plan.windows, plan.wall_s)


def _time(seconds: int) -> dt.time:
    seconds = min(seconds, 24 * 3600 - 1)
    return dt.time(seconds // 3600, seconds // 60 % 60, seconds % 60)


def _seconds(value: dt.time) -> int:
    return value.hour * 3600 + value.minute * 60 + value.second


def stored_loops(session: Session, week_start: dt.date) -> list[Loop]:
    """The week's stored loops, by date, window and unit."""
    units = {u.id: u for u in session.exec(select(PatrolUnit)).all()}
    stations = dict(session.exec(select(Station.id, Station.code)).all())
    rows = session.exec(
        select(PatrolLoop).where(
            col(PatrolLoop.date) >= week_start,
            col(PatrolLoop.date) <= week_start + dt.timedelta(days=6),
        )
    ).all()
    out = []
    for row in rows:
        unit = units[row.unit_id]
        visits = tuple(
            Visit(str(v["school"]), int(v["arrival"]), int(v["service_s"]))
            for v in json.loads(row.stops_json)
        )
        out.append(
            Loop(
                unit.code,
                stations[unit.station_id],
                row.date,
                row.window,
                _seconds(row.depart),
                _seconds(row.back),
                visits,
            )
        )
    return sorted(out, key=lambda loop: (loop.date, loop.depart_s, loop.unit))


@dataclass(frozen=True)
class ResponseReport:
    """Response times of a week: roster alone and with the stored patrol loops."""

    week_start: dt.date
    roster_alone: tuple[SchoolResponse, ...]
    with_patrols: tuple[SchoolResponse, ...]
    fixes: tuple[Fix, ...]
    loops: tuple[Loop, ...]
    gates: dict[str, tuple[float, float]]
    unit_places: dict[str, tuple[float, float]]
    post_places: dict[str, tuple[float, float]]
    duties: tuple[tuple[dt.date, int, int, str], ...]  # officers at posts: date, start, end, post
    windows: dict[tuple[dt.date, str], tuple[int, int]]  # district peak windows (minutes)

    def posts_on_duty(self, day: dt.date | None, window: str) -> list[str]:
        """Posts with an officer in a session overlapping the district's peak window."""
        span = self.windows.get((day, window)) if day is not None else None
        if span is None:
            return []
        return sorted(
            {
                post
                for d, start, end, post in self.duties
                if d == day and start < span[1] and span[0] < end
            }
        )

    def by_window(self, *, patrols: bool = True) -> dict[tuple[str, str], Figures]:
        """Figures per peak window over the week (all stations)."""
        return figures_by(self.with_patrols if patrols else self.roster_alone, station=False)

    def by_station(self, *, patrols: bool = True) -> dict[tuple[str, str], Figures]:
        """Figures per station and peak window over the week."""
        return figures_by(self.with_patrols if patrols else self.roster_alone)

    def overall(self, *, patrols: bool = True) -> Figures:
        """Figures over every school and peak window of the week."""
        return figures(self.with_patrols if patrols else self.roster_alone)


def response_report(
    session: Session,
    week_start: dt.date,
    station: str | None = None,
    *,
    inputs: WeekInputs | None = None,
) -> ResponseReport:
    """The week's response times (schools of one station, or all) with fixes for the late."""
    inputs = inputs or week_inputs(session, week_start)
    station = station_code(session, station)
    loops = tuple(stored_loops(session, week_start))
    alone = response_times(inputs.instance, inputs.pairs)
    both = response_times(inputs.instance, inputs.pairs, loops, inputs.units)
    if station is not None:
        alone = [r for r in alone if r.station == station]
        both = [r for r in both if r.station == station]
    found = fixes(inputs.instance, inputs.pairs, both, loops, inputs.units)
    instance = inputs.instance
    duties = []
    for pair in inputs.pairs:
        duty = instance.session_by_id[pair.session]
        if instance.person_by_id[pair.person].role in OFFICER_ROLES:
            duties.append((duty.date, duty.start, duty.end, duty.post))
    return ResponseReport(
        week_start,
        tuple(alone),
        tuple(both),
        tuple(found),
        loops,
        gates={k: (p.lat, p.lon) for k, p in school_gates(instance).items()},
        unit_places={u.id: (u.start.lat, u.start.lon) for u in inputs.units},
        post_places={p.id: (p.lat, p.lon) for p in instance.posts},
        duties=tuple(duties),
        windows={(w.date, w.kind): (w.start, w.end) for w in peak_windows(instance)},
    )


def school_names(session: Session) -> dict[str, str]:
    """School code → name."""
    return dict(session.exec(select(School.code, School.name)).all())


def week_report(
    url: str,
    week_start: dt.date,
    *,
    plan: bool = False,
    station: str | None = None,
    lang: str | None = None,
) -> tuple[ResponseReport, str]:
    """Open the database at `url`, plan the week's patrols first when asked (committed), and
    return the response report with a one-line summary; run by the GUI in a child process."""
    from huxue.database import open_database, session_scope
    from huxue.i18n import set_language

    if lang is not None:
        set_language(lang)
    engine = open_database(url)
    try:
        summary = ""
        with session_scope(engine) as session:
            inputs = week_inputs(session, week_start)
            if plan:
                outcome = plan_patrols(session, week_start, station, inputs=inputs)
                visits = sum(len(loop.visits) for loop in outcome.loops)
                summary = pick(
                    f"巡逻路线 {len(outcome.loops)} 条，到访 {visits} 校次，"
                    f"未到访 {len(outcome.dropped)} 校次，用时 {outcome.wall_s:.1f} 秒",
                    f"{len(outcome.loops)} loops, {visits} visits, "
                    f"{len(outcome.dropped)} unvisited, {outcome.wall_s:.1f} s",
                )
        with session_scope(engine) as session:
            report = response_report(session, week_start, inputs=inputs)
        return report, summary
    finally:
        engine.dispose()
