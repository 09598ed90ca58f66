"""The duties attendance is recorded against: assignments of the newest published version of
each week's roster, per station, with the places (post, school, station) they name.

Reading is by plain column queries, not ORM objects: a term of the district is ~64,000 duties.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import and_
from sqlalchemy import select as sql_select
from sqlmodel import Session, col

from huxue.models import (
    Assignment,
    Attendance,
    Person,
    Post,
    Roster,
    RosterStatus,
    School,
    Station,
)

DutyKey = tuple[dt.date, int, str, int]  # week start, station id, session key, planned person id


def monday(day: dt.date) -> dt.date:
    """The Monday of a date's week."""
    return day - dt.timedelta(days=day.weekday())


class Duty(NamedTuple):
    """One planned person at one duty session of a published roster (a tuple: a term of the
    district is ~64,000 of them)."""

    week_start: dt.date
    station_id: int
    roster_version: int
    session_key: str
    post_id: int
    date: dt.date
    kind: str
    start: dt.time
    end: dt.time
    person_id: int

    @property
    def key(self) -> DutyKey:
        """What an `Attendance` row is matched by."""
        return (self.week_start, self.station_id, self.session_key, self.person_id)

    @property
    def minutes(self) -> int:
        """The length of the duty's window in minutes."""
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


@dataclass(frozen=True)
class Places:
    """Names and links of the posts, schools, stations and people a report shows."""

    posts: dict[int, tuple[str, str, int, int]]  # id → code, name, school id, risk
    schools: dict[int, tuple[str, str, int]]  # id → code, name, station id
    stations: dict[int, tuple[str, str]]  # id → code, name
    people: dict[int, tuple[str, str, str, int]]  # id → code, name, role, station id

    def school_of(self, post_id: int) -> int:
        """The school of a post."""
        return self.posts[post_id][2]

    def station_of_post(self, post_id: int) -> int:
        """The station of a post's school."""
        return self.schools[self.posts[post_id][2]][2]


def _rows(session: Session, *columns: Any) -> list[Any]:
    session.flush()
    return list(session.connection().execute(sql_select(*columns)).all())


def _run(session: Session, query: Any) -> list[Any]:
    session.flush()  # plain connection queries do not flush by themselves
    return list(session.connection().execute(query).all())


def load_places(session: Session) -> Places:
    """Every post, school, station and person, by id (a few thousand rows)."""
    posts = {
        pid: (code, name, sid, risk)
        for pid, code, name, sid, risk in _rows(
            session,
            col(Post.id),
            col(Post.code),
            col(Post.name),
            col(Post.school_id),
            col(Post.risk),
        )
        if pid is not None
    }
    schools = {
        sid: (code, name, st)
        for sid, code, name, st in _rows(
            session, col(School.id), col(School.code), col(School.name), col(School.station_id)
        )
        if sid is not None
    }
    stations = {
        sid: (code, name)
        for sid, code, name in _rows(session, col(Station.id), col(Station.code), col(Station.name))
        if sid is not None
    }
    people = {
        pid: (code, name, role, st)
        for pid, code, name, role, st in _rows(
            session,
            col(Person.id),
            col(Person.code),
            col(Person.name),
            col(Person.role),
            col(Person.station_id),
        )
        if pid is not None
    }
    return Places(posts, schools, stations, people)


def published_rosters(
    session: Session, first: dt.date, last: dt.date, station_id: int | None = None
) -> dict[tuple[dt.date, int], tuple[int, int]]:
    """The newest published version of each (week, station) roster whose week meets
    [first, last]: (week start, station id) → (roster id, version)."""
    query = sql_select(
        col(Roster.id), col(Roster.week_start), col(Roster.station_id), col(Roster.version)
    ).where(
        col(Roster.status) == RosterStatus.PUBLISHED.value,
        col(Roster.week_start) >= monday(first),
        col(Roster.week_start) <= last,
        col(Roster.station_id).is_not(None),
    )
    if station_id is not None:
        query = query.where(col(Roster.station_id) == station_id)
    newest: dict[tuple[dt.date, int], tuple[int, int]] = {}
    for rid, week, sid, version in _run(session, query):
        if rid is None or sid is None:
            continue
        kept = newest.get((week, sid))
        if kept is None or version > kept[1]:
            newest[(week, sid)] = (rid, version)
    return newest


def published_duties(
    session: Session,
    first: dt.date,
    last: dt.date,
    *,
    station_id: int | None = None,
    post_ids: Iterable[int] | None = None,
    person_id: int | None = None,
) -> list[Duty]:
    """The duties dated first..last (inclusive) of the newest published rosters, by date,
    start, session and person."""
    return duties_with_marks(
        session,
        first,
        last,
        station_id=station_id,
        post_ids=post_ids,
        person_id=person_id,
        marks=False,
    )[0]


def duties_with_marks(
    session: Session,
    first: dt.date,
    last: dt.date,
    *,
    station_id: int | None = None,
    post_ids: Iterable[int] | None = None,
    person_id: int | None = None,
    marks: bool = True,
    ordered: bool = True,
) -> tuple[list[Duty], dict[DutyKey, Mark]]:
    """`published_duties` and, in the same query, what was recorded for them (the reports'
    read: one pass over a term's ~64,000 duties). Without `ordered` the duties come in no
    particular order (sorting a term costs as much as reading it)."""
    rosters = published_rosters(session, first, last, station_id)
    if not rosters:
        return [], {}
    by_id = {rid: (week, sid, version) for (week, sid), (rid, version) in rosters.items()}
    columns: list[Any] = [
        col(Assignment.roster_id),
        col(Assignment.session_key),
        col(Assignment.post_id),
        col(Assignment.date),
        col(Assignment.kind),
        col(Assignment.start),
        col(Assignment.end),
        col(Assignment.person_id),
    ]
    if marks:
        columns += [
            col(Attendance.status),
            col(Attendance.minutes_late),
            col(Attendance.substitute_id),
            col(Attendance.version),
        ]
    query = sql_select(*columns).where(
        col(Assignment.roster_id).in_(list(by_id)),
        col(Assignment.date) >= first,
        col(Assignment.date) <= last,
    )
    if marks:
        query = query.join(Roster, col(Roster.id) == col(Assignment.roster_id)).outerjoin(
            Attendance,
            and_(
                col(Attendance.week_start) == col(Roster.week_start),
                col(Attendance.station_id) == col(Roster.station_id),
                col(Attendance.session_key) == col(Assignment.session_key),
                col(Attendance.person_id) == col(Assignment.person_id),
            ),
        )
    if post_ids is not None:
        query = query.where(col(Assignment.post_id).in_(list(post_ids)))
    if person_id is not None:
        query = query.where(col(Assignment.person_id) == person_id)
    if ordered:
        query = query.order_by(
            col(Assignment.date),
            col(Assignment.start),
            col(Assignment.session_key),
            col(Assignment.person_id),
        )
    duties: list[Duty] = []
    found: dict[DutyKey, Mark] = {}
    for row in _run(session, query):
        duty = Duty(*by_id[row[0]], *row[1:8])
        duties.append(duty)
        if marks and row[8] is not None:
            found[(duty[0], duty[1], duty[3], duty[9])] = Mark(*row[8:12])
    return duties, found


class Mark(NamedTuple):
    """What was recorded for a duty (a read-only copy of an `Attendance` row); who recorded it
    and when are left out (empty) when the marks were read for a report."""

    status: str
    minutes_late: int
    substitute_id: int | None
    version: int
    recorded_by: str = ""
    recorded_at: dt.datetime | None = None


def recorded_marks(
    session: Session,
    first: dt.date,
    last: dt.date,
    *,
    station_id: int | None = None,
    details: bool = True,
) -> dict[DutyKey, Mark]:
    """The attendance recorded for duties dated first..last, by duty key; without `details`
    who recorded it and when are not read (reports do not show them)."""
    columns = [
        col(Attendance.week_start),
        col(Attendance.station_id),
        col(Attendance.session_key),
        col(Attendance.person_id),
        col(Attendance.status),
        col(Attendance.minutes_late),
        col(Attendance.substitute_id),
        col(Attendance.version),
    ]
    if details:
        columns += [col(Attendance.recorded_by), col(Attendance.recorded_at)]
    query = sql_select(*columns).where(col(Attendance.date) >= first, col(Attendance.date) <= last)
    if station_id is not None:
        query = query.where(col(Attendance.station_id) == station_id)
    return {(row[0], row[1], row[2], row[3]): Mark(*row[4:]) for row in _run(session, query)}


def id_by_code(session: Session, model: Any, code: str, what: str) -> int:
    """The id of the `model` row (Station, School, Post, Person) whose code is `code`, in any
    case; an `InputError` naming what was asked for when there is none."""
    from sqlalchemy import func

    from huxue.errors import InputError
    from huxue.i18n import pick

    found = _run(
        session, sql_select(model.id).where(func.lower(model.code) == code.strip().lower())
    )
    if not found:
        zh = {"station": "派出所", "school": "学校", "post": "岗位", "person": "人员"}.get(
            what, what
        )
        raise InputError(pick(f"没有编号为 {code} 的{zh}", f"unknown {what} {code!r}"))
    return int(found[0][0])
