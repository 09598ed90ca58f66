"""What the planner learns from attendance: each person's turnout of the last weeks, and the
real load of earlier weeks (duties actually stood) for the solver's fairness term."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session

from huxue.attendance.duties import duties_with_marks, load_places, monday
from huxue.attendance.reports import Tally
from huxue.models import AttendanceStatus

DEFAULT_WEEKS = 8


def recent_turnout(
    session: Session,
    *,
    weeks: int = DEFAULT_WEEKS,
    today: dt.date | None = None,
    person_ids: Iterable[int] | None = None,
) -> dict[int, Tally]:
    """Each person's tally of their planned duties in the `weeks` weeks up to `today`."""
    today = today or dt.date.today()
    first = today - dt.timedelta(days=7 * weeks - 1)
    wanted = set(person_ids) if person_ids is not None else None
    tallies: dict[int, Tally] = {}
    one = next(iter(wanted)) if wanted is not None and len(wanted) == 1 else None
    duties, marks = duties_with_marks(session, first, today, person_id=one, ordered=False)
    for duty in duties:
        if wanted is not None and duty.person_id not in wanted:
            continue
        tallies.setdefault(duty.person_id, Tally()).add(marks.get(duty.key))
    return tallies


def real_load(session: Session, week_start: dt.date, *, weeks: int = 4) -> dict[int, int]:
    """Duties each person actually stood in the `weeks` weeks before `week_start`: present and
    late count for the planned person, a substitution for the substitute."""
    last = monday(week_start) - dt.timedelta(days=1)
    first = monday(week_start) - dt.timedelta(weeks=weeks)
    load: dict[int, int] = {}
    duties, marks = duties_with_marks(session, first, last, ordered=False)
    for duty in duties:
        mark = marks.get(duty.key)
        if mark is None:
            continue
        if mark.status in (AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value):
            load[duty.person_id] = load.get(duty.person_id, 0) + 1
        elif mark.status == AttendanceStatus.SUBSTITUTED.value and mark.substitute_id:
            load[mark.substitute_id] = load.get(mark.substitute_id, 0) + 1
    return load


def with_real_load(session: Session, instance: dict[str, Any], *, weeks: int = 4) -> int:
    """Set each person's `history_load` in a huxue-instance/1 dict to their real load of the
    `weeks` weeks before its week; returns how many people had any. The fairness term then
    balances what people did, not what was planned. Without any attendance recorded in those
    weeks the instance is left as it is (the stored history load stays)."""
    week = dt.date.fromisoformat(instance["week_start"])
    load = real_load(session, week, weeks=weeks)
    if not load:
        return 0
    codes = {code: pid for pid, (code, _, _, _) in load_places(session).people.items()}
    touched = 0
    for person in instance.get("people", []):
        value = load.get(codes.get(person["id"], -1), 0)
        person["history_load"] = value
        touched += value > 0
    return touched


def turnout_by_code(
    session: Session, *, weeks: int = DEFAULT_WEEKS, today: dt.date | None = None
) -> dict[str, Tally]:
    """`recent_turnout` of everyone, by person code (for lists that show people by code)."""
    codes = {pid: code for pid, (code, _, _, _) in load_places(session).people.items()}
    return {codes[pid]: t for pid, t in recent_turnout(session, weeks=weeks, today=today).items()}


def with_turnout(session: Session, instance: dict[str, Any], *, weeks: int = DEFAULT_WEEKS) -> int:
    """Set each person's `turnout` in a huxue-instance/1 dict: the share of their recorded
    duties of the `weeks` weeks before its week that they came to (present or late). Only when
    the instance's rules switch the lone-officer rule on (`rules.lone_officer.enabled`), which
    alone reads it; people with nothing recorded get none. Returns how many got one."""
    rule = (instance.get("rules") or {}).get("lone_officer") or {}
    if not rule.get("enabled"):
        return 0
    week = monday(dt.date.fromisoformat(instance["week_start"]))
    tallies = recent_turnout(session, weeks=weeks, today=week - dt.timedelta(days=1))
    codes = {code: pid for pid, (code, _, _, _) in load_places(session).people.items()}
    touched = 0
    for person in instance.get("people", []):
        tally = tallies.get(codes.get(person["id"], -1))
        turnout = tally.turnout if tally is not None else None
        if turnout is not None:
            person["turnout"] = round(turnout, 4)
            touched += 1
    return touched
