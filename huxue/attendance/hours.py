"""Volunteer service hours (志愿服务时长) from recorded attendance.

Present counts the duty's whole window; late counts the window less the minutes late; a
substitution earns the substitute the window (less their minutes late) and the planned person
nothing; absent and excused earn nothing. Unrecorded duties earn nothing until recorded.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from huxue.attendance.duties import Duty, DutyKey, Mark, Places, load_places
from huxue.attendance.errors import AttendanceError
from huxue.attendance.reports import scoped_duties
from huxue.models import AttendanceStatus, Role, Term


def served_minutes(duty_minutes: int, status: str, minutes_late: int) -> int:
    """Minutes a duty earns whoever stood it (see the module's rules)."""
    if status in (AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value):
        return max(0, duty_minutes - minutes_late)
    if status == AttendanceStatus.SUBSTITUTED.value:
        return max(0, duty_minutes - minutes_late)
    return 0


@dataclass(frozen=True)
class ServiceItem:
    """One duty a person served."""

    date: dt.date
    session_key: str
    post_id: int
    kind: str
    start: dt.time
    end: dt.time
    minutes: int
    status: str  # present, late, or substituted (stood in for someone)


@dataclass
class HoursLine:
    """A person's service in a date range."""

    person_id: int
    code: str
    name: str
    role: str
    station_id: int
    items: list[ServiceItem] = field(default_factory=list)

    @property
    def minutes(self) -> int:
        """Total minutes served."""
        return sum(i.minutes for i in self.items)

    @property
    def hours(self) -> float:
        """Total hours served, to two decimals."""
        return round(self.minutes / 60, 2)

    def school_ids(self, places: Places) -> list[int]:
        """The schools the person served at, most duties first."""
        counts: dict[int, int] = {}
        for item in self.items:
            school = places.school_of(item.post_id)
            counts[school] = counts.get(school, 0) + 1
        return sorted(counts, key=lambda s: (-counts[s], s))


def hours_from(
    duties: Sequence[Duty], marks: dict[DutyKey, Mark], places: Places
) -> dict[int, HoursLine]:
    """Service per person id from duties and their marks."""
    lines: dict[int, HoursLine] = {}
    for duty in duties:
        mark = marks.get(duty.key)
        if mark is None:
            continue
        earner = mark.substitute_id if mark.status == AttendanceStatus.SUBSTITUTED else None
        if earner is None:
            earner = duty.person_id
        minutes = served_minutes(duty.minutes, mark.status, mark.minutes_late)
        if minutes <= 0:
            continue
        line = lines.get(earner)
        if line is None:
            code, name, role, station = places.people[earner]
            line = lines[earner] = HoursLine(earner, code, name, role, station)
        line.items.append(
            ServiceItem(
                duty.date,
                duty.session_key,
                duty.post_id,
                duty.kind,
                duty.start,
                duty.end,
                minutes,
                mark.status,
            )
        )
    return lines


def service_hours(
    session: Session,
    first: dt.date,
    last: dt.date,
    *,
    station_id: int | None = None,
    school_id: int | None = None,
    person_id: int | None = None,
    roles: Sequence[str] = (Role.VOLUNTEER.value,),
) -> tuple[list[HoursLine], Places]:
    """Service of the people of `roles` (all roles when empty) in first..last at a station's or
    a school's posts, or of one person anywhere; by name."""
    places = load_places(session)
    duties, marks = scoped_duties(session, first, last, station_id=station_id, school_id=school_id)
    lines = hours_from(duties, marks, places)
    chosen = [
        line
        for pid, line in lines.items()
        if (person_id is None or pid == person_id) and (not roles or line.role in roles)
    ]
    chosen.sort(key=lambda ln: (ln.code, ln.name))
    return chosen, places


def term_range(session: Session, name: str) -> tuple[dt.date, dt.date, str]:
    """The first and last day and the name of the term called `name` (any case)."""
    term = session.exec(select(Term).where(func.lower(col(Term.name)) == name.lower())).first()
    if term is None:
        raise AttendanceError("unknown_term", term=name)
    return term.first_day, term.last_day, term.name
