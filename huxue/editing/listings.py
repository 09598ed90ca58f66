"""What the tables of the window list: stations, schools and people with their counts,
terms and calendar exceptions, and free codes for new rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlalchemy import select as sql_select
from sqlmodel import Session, col, select

from huxue.editing.records import CalendarDayData, TermData
from huxue.editing.store import load_calendar_day, load_term
from huxue.models import (
    CalendarDay,
    Leave,
    Person,
    Post,
    School,
    Station,
    Term,
)

# --- listings for tables -------------------------------------------------------------------


@dataclass(frozen=True)
class StationRow:
    """One police station with how many schools and people belong to it."""

    id: int
    code: str
    name: str
    lat: float | None = None
    lon: float | None = None
    schools: int = 0
    people: int = 0


@dataclass(frozen=True)
class SchoolRow:
    """One line of the schools table."""

    id: int
    code: str
    name: str
    kind: str
    station_id: int
    station_name: str
    address: str
    posts: int
    max_risk: int
    active: bool


@dataclass(frozen=True)
class PersonRow:
    """One line of the people table."""

    id: int
    code: str
    name: str
    role: str
    station_id: int
    station_name: str
    phone: str
    max_per_week: int | None
    active: bool
    on_leave_today: bool


@dataclass(frozen=True)
class Counts:
    stations: int
    schools: int
    posts: int
    people: int


def stations(session: Session) -> list[StationRow]:
    """Every police station, by code, with its numbers of schools and people."""
    rows = session.exec(select(Station).order_by(col(Station.code))).all()
    schools: dict[int, int] = dict(
        session.exec(
            select(School.station_id, func.count(col(School.id))).group_by(col(School.station_id))
        ).all()
    )
    people: dict[int, int] = dict(
        session.exec(
            select(Person.station_id, func.count(col(Person.id))).group_by(col(Person.station_id))
        ).all()
    )
    return [
        StationRow(
            s.id or 0,
            s.code,
            s.name,
            s.lat,
            s.lon,
            schools.get(s.id or 0, 0),
            people.get(s.id or 0, 0),
        )
        for s in rows
    ]


def station_row(session: Session, station_id: int) -> StationRow | None:
    """One station's table line (None when it no longer exists)."""
    return next((r for r in stations(session) if r.id == station_id), None)


def school_rows(session: Session) -> list[SchoolRow]:
    """Every school with its station's name, its number of posts and its highest post risk."""
    names = dict(session.exec(select(Station.id, Station.name)).all())
    stats: dict[int, tuple[int, int]] = {
        school_id: (count, risk or 0)
        for school_id, count, risk in session.exec(
            select(Post.school_id, func.count(col(Post.id)), func.max(Post.risk)).group_by(
                col(Post.school_id)
            )
        ).all()
    }
    query = sql_select(
        col(School.id),
        col(School.code),
        col(School.name),
        col(School.kind),
        col(School.station_id),
        col(School.address),
        col(School.active),
    ).order_by(col(School.code))
    result = []
    for school_id, code, name, kind, station_id, address, active in (
        session.connection().execute(query).all()
    ):
        assert school_id is not None
        count, risk = stats.get(school_id, (0, 0))
        result.append(
            SchoolRow(
                school_id,
                code,
                name,
                kind,
                station_id,
                names.get(station_id, ""),
                address,
                count,
                risk,
                active,
            )
        )
    return result


def school_row(session: Session, school_id: int) -> SchoolRow | None:
    """One school's table line (None when it no longer exists)."""
    return next((r for r in school_rows(session) if r.id == school_id), None)


def person_rows(session: Session, today: dt.date | None = None) -> list[PersonRow]:
    """Every person with their station's name and whether they are on leave `today`."""
    today = today or dt.date.today()
    names = dict(session.exec(select(Station.id, Station.name)).all())
    on_leave = set(
        session.exec(
            select(Leave.person_id).where(Leave.date_from <= today, Leave.date_to >= today)
        ).all()
    )
    query = sql_select(
        col(Person.id),
        col(Person.code),
        col(Person.name),
        col(Person.role),
        col(Person.station_id),
        col(Person.phone),
        col(Person.max_per_week),
        col(Person.active),
    ).order_by(col(Person.code))
    result = []
    for pid, code, name, role, station_id, phone, max_week, active in (
        session.connection().execute(query).all()
    ):
        assert pid is not None
        result.append(
            PersonRow(
                pid,
                code,
                name,
                role,
                station_id,
                names.get(station_id, ""),
                phone,
                max_week,
                active,
                pid in on_leave,
            )
        )
    return result


def counts(session: Session) -> Counts:
    """How many stations, schools, posts and people the database holds."""

    def count(model: Any) -> int:
        return int(session.exec(select(func.count()).select_from(model)).one())

    return Counts(count(Station), count(School), count(Post), count(Person))


def terms(session: Session) -> list[TermData]:
    """Every term with its vacations, by first day."""
    ids = session.exec(select(Term.id).order_by(col(Term.first_day))).all()
    return [load_term(session, i) for i in ids if i is not None]


def calendar_days(
    session: Session, first: dt.date | None = None, last: dt.date | None = None
) -> list[CalendarDayData]:
    """The planner's calendar exceptions that touch [first, last] (all without bounds)."""
    query = select(CalendarDay.id).order_by(col(CalendarDay.date_from))
    if last is not None:
        query = query.where(CalendarDay.date_from <= last)
    if first is not None:
        query = query.where(CalendarDay.date_to >= first)
    return [load_calendar_day(session, i) for i in session.exec(query).all() if i is not None]


def next_code(session: Session, model: Any, prefix: str) -> str:
    """A free code ``prefix`` + number for a new row (``P0012``)."""
    taken = set(session.exec(select(model.code)).all())
    n = len(taken) + 1
    while f"{prefix}{n:04d}" in taken:
        n += 1
    return f"{prefix}{n:04d}"
