"""Load, save and delete snapshots: each save validates first and writes the record as a
whole (creating the row when its id is None or no longer exists, keeping an explicit id so
that an undone delete comes back as it was).

Every save and delete checks the snapshot's `row_version` against the stored one (a stale
one raises `ConflictError` with both sides' values and who changed the record last) and
writes an audit entry under the record's label ("school JM-012"), which is where "who changed
it last" comes from.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, replace
from typing import Any, TypeVar

from sqlalchemy import delete, func
from sqlmodel import Session, SQLModel, col, select

from huxue.audit import audit
from huxue.conflicts import claim, stale_flush
from huxue.editing.records import (
    AvailabilityData,
    BellData,
    CalendarDayData,
    DayTimeData,
    LeaveData,
    NeedData,
    PersonData,
    PostData,
    SchoolData,
    StationData,
    TermData,
    VacationData,
)
from huxue.editing.validation import (
    validate_calendar_day,
    validate_person,
    validate_school,
    validate_station,
    validate_term,
)
from huxue.errors import FieldError, InputError
from huxue.models import (
    Assignment,
    Availability,
    BellTime,
    CalendarDay,
    DayKind,
    DayTime,
    Leave,
    Person,
    PersonSchool,
    Post,
    PostNeed,
    Roster,
    RowVersioned,
    School,
    Scope,
    Station,
    Term,
    Vacation,
)
from huxue.phones import validate_phone
from huxue.vocabulary import SESSION_ORDER

T = TypeVar("T")
M = TypeVar("M", bound=SQLModel)

# --- loading -------------------------------------------------------------------------------


def _bell(row: BellTime) -> BellData:
    return BellData(row.weekday, row.kind, row.start, row.end, row.seq)


def kind_defaults(session: Session, school_kind: str) -> tuple[BellData, ...]:
    """The district's default bell times of a kind of school, every weekday."""
    rows = session.exec(
        select(BellTime).where(
            col(BellTime.school_id).is_(None), BellTime.school_kind == school_kind
        )
    ).all()
    return tuple(_bell(r) for r in sorted(rows, key=lambda r: (r.weekday, r.start, r.seq)))


def _get(session: Session, model: type[T], row_id: int | None, what: str) -> T:
    row = session.get(model, row_id) if row_id is not None else None
    if row is None:
        raise InputError(f"no {what} with id {row_id}")
    return row


def load_station(session: Session, station_id: int) -> StationData:
    """The snapshot of one police station."""
    station = _get(session, Station, station_id, "station")
    return StationData(
        station.id, station.code, station.name, station.lat, station.lon, station.row_version
    )


def load_school(session: Session, school_id: int) -> SchoolData:
    """The snapshot of one school with its posts, needs and own bell times."""
    school = _get(session, School, school_id, "school")
    posts = session.exec(
        select(Post).where(Post.school_id == school_id).order_by(col(Post.code))
    ).all()
    post_ids = [p.id for p in posts]
    needs: dict[int, list[NeedData]] = defaultdict(list)
    for need in session.exec(select(PostNeed).where(col(PostNeed.post_id).in_(post_ids))).all():
        needs[need.post_id].append(NeedData(need.kind, need.police, need.officers, need.total))
    bells = session.exec(select(BellTime).where(BellTime.school_id == school_id)).all()
    return SchoolData(
        id=school.id,
        code=school.code,
        name=school.name,
        kind=school.kind,
        station_id=school.station_id,
        address=school.address,
        lat=school.lat,
        lon=school.lon,
        enrolment=school.enrolment,
        responsible_person_id=school.responsible_person_id,
        deputy_person_id=school.deputy_person_id,
        notes=school.notes,
        active=school.active,
        posts=tuple(
            PostData(
                id=p.id,
                code=p.code,
                name=p.name,
                risk=p.risk,
                lat=p.lat,
                lon=p.lon,
                active=p.active,
                needs=tuple(
                    sorted(needs.get(p.id or 0, []), key=lambda n: SESSION_ORDER.get(n.kind, 9))
                ),
            )
            for p in posts
        ),
        bell_times=tuple(
            _bell(b) for b in sorted(bells, key=lambda b: (b.weekday, b.start, b.kind, b.seq))
        ),
        row_version=school.row_version,
    )


def load_person(session: Session, person_id: int) -> PersonData:
    """The snapshot of one person with availability, leave and preferred schools."""
    person = _get(session, Person, person_id, "person")
    avail = session.exec(select(Availability).where(Availability.person_id == person_id)).all()
    leaves = session.exec(select(Leave).where(Leave.person_id == person_id)).all()
    schools = session.exec(
        select(PersonSchool.school_id).where(PersonSchool.person_id == person_id)
    ).all()
    return PersonData(
        id=person.id,
        code=person.code,
        name=person.name,
        role=person.role,
        station_id=person.station_id,
        phone=person.phone,
        lat=person.lat,
        lon=person.lon,
        max_per_day=person.max_per_day,
        max_per_week=person.max_per_week,
        history_load=person.history_load,
        active=person.active,
        notes=person.notes,
        availability=tuple(
            AvailabilityData(a.weekday, a.start, a.end)
            for a in sorted(avail, key=lambda a: (a.weekday, a.start))
        ),
        leaves=tuple(
            LeaveData(v.date_from, v.date_to, v.reason)
            for v in sorted(leaves, key=lambda v: v.date_from)
        ),
        preferred_school_ids=tuple(sorted(schools)),
        row_version=person.row_version,
    )


def load_term(session: Session, term_id: int) -> TermData:
    """The snapshot of one term with its vacations."""
    term = _get(session, Term, term_id, "term")
    vacations = session.exec(select(Vacation).where(Vacation.term_id == term_id)).all()
    return TermData(
        id=term.id,
        name=term.name,
        first_day=term.first_day,
        last_day=term.last_day,
        vacations=tuple(
            VacationData(v.name, v.first_day, v.last_day)
            for v in sorted(vacations, key=lambda v: v.first_day)
        ),
        row_version=term.row_version,
    )


def load_calendar_day(session: Session, day_id: int) -> CalendarDayData:
    """The snapshot of one calendar exception with its own times."""
    day = _get(session, CalendarDay, day_id, "calendar day")
    times = session.exec(select(DayTime).where(DayTime.day_id == day_id)).all()
    return CalendarDayData(
        id=day.id,
        date_from=day.date_from,
        date_to=day.date_to,
        kind=day.kind,
        scope=day.scope,
        school_kind=day.school_kind,
        school_id=day.school_id,
        follows_weekday=day.follows_weekday,
        name=day.name,
        times=tuple(
            DayTimeData(t.kind, t.start, t.end, t.seq)
            for t in sorted(times, key=lambda t: (t.start, t.seq))
        ),
        row_version=day.row_version,
    )


# --- saving --------------------------------------------------------------------------------


def _row_for(session: Session, model: type[M], row_id: int | None, **required: Any) -> M:
    """The row a save writes into: the stored one with `row_id`, or a new one added with that
    id (so that an undone delete comes back as it was), holding the `required` columns until
    the caller sets them all."""
    row = session.get(model, row_id) if row_id is not None else None
    if row is None:
        row = model(id=row_id, **required)
        session.add(row)
    return row


def record_label(kind: str, row: Any) -> str:
    """The stable label of a record in the audit trail and in conflicts ("school JM-012")."""
    if kind == "term":
        return f"term {row.name}".strip()
    if kind == "calendar":
        return f"calendar day {row.date_from.isoformat()}" + (
            f"..{row.date_to.isoformat()}" if row.date_to != row.date_from else ""
        )
    return f"{kind} {row.code}"


def _fields(data: Any) -> dict[str, Any] | None:
    if data is None:
        return None
    out = asdict(data)
    out.pop("row_version", None)
    return out


@contextmanager
def _saving(
    session: Session,
    kind: str,
    model: type[RowVersioned],
    data: Any,
    load: Callable[[Session, int], Any],
) -> Iterator[None]:
    """Check and bump the stored row's version before a save writes it, turn a lost race at
    flush into `ConflictError`, and write the audit entry (before → after) at the end."""
    stored = session.get(model, data.id) if data.id is not None else None
    label = record_label(kind, stored if stored is not None else data)
    before = load(session, data.id) if stored is not None else None
    claim(
        session,
        stored,
        data.row_version,
        label=label,
        mine=data,
        row_id=data.id,
        load=load,
    )
    with stale_flush(session, label, data, data.id, load):
        yield
        session.flush()
    audit(
        session,
        None,
        "update" if before is not None else "create",
        record_label(kind, data),
        _fields(before),
        _fields(data),
    )


def _deleting(
    session: Session,
    kind: str,
    model: type[RowVersioned],
    row_id: int,
    row_version: int | None,
    load: Callable[[Session, int], Any],
) -> None:
    """Delete a row as a whole after its version check, with its audit entry."""
    stored = session.get(model, row_id)
    if stored is None:
        if row_version is not None:
            claim(
                session,
                None,
                row_version,
                label=f"{kind} #{row_id}",
                mine=None,
                row_id=row_id,
                load=load,
            )
        raise InputError(f"no {kind} with id {row_id}")
    label = record_label(kind, stored)
    before = load(session, row_id)
    claim(
        session,
        stored,
        row_version,
        label=label,
        mine=before,
        row_id=row_id,
        load=load,
        bump=False,
    )
    with stale_flush(session, label, before, row_id, load):
        session.delete(stored)
        session.flush()
    audit(session, None, "delete", label, _fields(before), None)


def _in_use(session: Session, column: Any, value: int) -> bool:
    return session.exec(select(Assignment.id).where(column == value).limit(1)).first() is not None


def save_station(session: Session, data: StationData) -> int:
    """Validate and write a police station; returns its id."""
    validate_station(session, data)
    with _saving(session, "station", Station, data, load_station):
        station = _row_for(session, Station, data.id, code="", name="")
        station.code = data.code.strip()
        station.name = data.name.strip()
        station.lat, station.lon = data.lat, data.lon
        session.flush()
        assert station.id is not None
        station_id = station.id
    session.expire_all()
    return station_id


def delete_station(session: Session, station_id: int, row_version: int | None = None) -> None:
    """Remove a police station (refused while schools, people or rosters belong to it, and
    when it changed since `row_version`)."""
    station = _get(session, Station, station_id, "station")

    def count(model: Any) -> int:
        query = select(func.count()).select_from(model).where(model.station_id == station_id)
        return int(session.exec(query).one())

    schools, people, rosters = count(School), count(Person), count(Roster)
    if schools or people or rosters:
        raise FieldError(
            "station",
            "in_use",
            f"{station.code} still has {schools} schools, {people} people and {rosters} "
            "rosters; move them to another station first",
            value=station.code,
            schools=schools,
            people=people,
            rosters=rosters,
        )
    _deleting(session, "station", Station, station_id, row_version, load_station)


def save_school(session: Session, data: SchoolData) -> int:
    """Validate and write a school with its posts, needs and bell times; returns its id.

    Refused with `ConflictError` when the stored record changed since `data.row_version`.
    """
    with _saving(session, "school", School, data, load_school):
        row_id = _write_school(session, data)
    return row_id


def _write_school(session: Session, data: SchoolData) -> int:
    validate_school(session, data)
    school = _row_for(
        session, School, data.id, code="", name="", kind=data.kind, station_id=data.station_id
    )
    school.code = data.code.strip()
    school.name = data.name.strip()
    school.kind = data.kind
    school.station_id = data.station_id
    school.address = data.address.strip()
    school.lat, school.lon = data.lat, data.lon
    school.enrolment = data.enrolment
    school.responsible_person_id = data.responsible_person_id
    school.deputy_person_id = data.deputy_person_id
    school.notes = data.notes
    school.active = data.active
    session.flush()
    assert school.id is not None
    school_id = school.id

    existing = {
        p.id: p for p in session.exec(select(Post).where(Post.school_id == school_id)).all()
    }
    wanted = {p.id for p in data.posts if p.id is not None}
    for post_id, post in existing.items():
        if post_id not in wanted:
            assert post_id is not None
            if _in_use(session, Assignment.post_id, post_id):
                raise FieldError(
                    "posts", "in_use", f"post {post.code} has duties in a roster", value=post.code
                )
            session.delete(post)
    session.flush()
    for i, pd in enumerate(data.posts):
        row = existing.get(pd.id) if pd.id is not None else None
        if row is None:
            if pd.id is not None and session.get(Post, pd.id) is not None:
                raise FieldError(
                    f"posts.{i}", "duplicate", "the post belongs to another school", value=pd.code
                )
            row = Post(id=pd.id, code="", school_id=school_id, name="")
            session.add(row)
        row.code = pd.code.strip()
        row.name = pd.name.strip()
        row.risk = pd.risk
        row.lat, row.lon = pd.lat, pd.lon
        row.active = pd.active
        session.flush()
        assert row.id is not None
        session.exec(delete(PostNeed).where(col(PostNeed.post_id) == row.id))
        for need in pd.needs:
            session.add(
                PostNeed(
                    post_id=row.id,
                    kind=need.kind,
                    police=need.police,
                    officers=need.officers,
                    total=need.total,
                )
            )
    session.exec(delete(BellTime).where(col(BellTime.school_id) == school_id))
    for bell in data.bell_times:
        session.add(
            BellTime(
                school_id=school_id,
                weekday=bell.weekday,
                kind=bell.kind,
                seq=bell.seq,
                start=bell.start,
                end=bell.end,
            )
        )
    session.flush()
    session.expire_all()
    return school_id


def delete_school(session: Session, school_id: int, row_version: int | None = None) -> None:
    """Remove a school with its posts and bell times (refused while a roster uses its posts)."""
    school = _get(session, School, school_id, "school")
    post_ids = session.exec(select(Post.id).where(Post.school_id == school_id)).all()
    if (
        post_ids
        and session.exec(
            select(Assignment.id).where(col(Assignment.post_id).in_(post_ids)).limit(1)
        ).first()
        is not None
    ):
        raise FieldError(
            "school",
            "in_use",
            f"{school.code} has duties in a roster; set it inactive instead",
            value=school.code,
        )
    _deleting(session, "school", School, school_id, row_version, load_school)


def save_person(session: Session, data: PersonData) -> int:
    """Validate and write a person with availability, leave and preferred schools.

    Refused with `ConflictError` when the stored record changed since `data.row_version`.
    """
    with _saving(session, "person", Person, data, load_person):
        row_id = _write_person(session, data)
    return row_id


def _write_person(session: Session, data: PersonData) -> int:
    validate_person(session, data)
    person = _row_for(
        session, Person, data.id, code="", name="", role=data.role, station_id=data.station_id
    )
    person.code = data.code.strip()
    person.name = data.name.strip()
    person.role = data.role
    person.station_id = data.station_id
    person.phone = validate_phone(data.phone)
    person.lat, person.lon = data.lat, data.lon
    person.max_per_day = data.max_per_day
    person.max_per_week = data.max_per_week
    person.history_load = data.history_load
    person.active = data.active
    person.notes = data.notes
    session.flush()
    assert person.id is not None
    pid = person.id
    session.exec(delete(Availability).where(col(Availability.person_id) == pid))
    session.exec(delete(Leave).where(col(Leave.person_id) == pid))
    session.exec(delete(PersonSchool).where(col(PersonSchool.person_id) == pid))
    for a in data.availability:
        session.add(Availability(person_id=pid, weekday=a.weekday, start=a.start, end=a.end))
    for v in data.leaves:
        session.add(Leave(person_id=pid, date_from=v.date_from, date_to=v.date_to, reason=v.reason))
    for school_id in sorted(set(data.preferred_school_ids)):
        session.add(PersonSchool(person_id=pid, school_id=school_id))
    session.flush()
    session.expire_all()
    return pid


def delete_person(session: Session, person_id: int, row_version: int | None = None) -> None:
    """Remove a person (refused while a roster names them: set them inactive instead)."""
    person = _get(session, Person, person_id, "person")
    if _in_use(session, Assignment.person_id, person_id):
        raise FieldError(
            "person",
            "in_use",
            f"{person.code} has duties in a roster; set them inactive instead",
            value=person.code,
        )
    _deleting(session, "person", Person, person_id, row_version, load_person)


def save_term(session: Session, data: TermData) -> int:
    """Validate and write a term with its vacations.

    Refused with `ConflictError` when the stored record changed since `data.row_version`.
    """
    with _saving(session, "term", Term, data, load_term):
        row_id = _write_term(session, data)
    return row_id


def _write_term(session: Session, data: TermData) -> int:
    validate_term(data)
    term = _row_for(
        session, Term, data.id, name="", first_day=data.first_day, last_day=data.last_day
    )
    term.name = data.name.strip()
    term.first_day, term.last_day = data.first_day, data.last_day
    session.flush()
    assert term.id is not None
    session.exec(delete(Vacation).where(col(Vacation.term_id) == term.id))
    for v in data.vacations:
        session.add(
            Vacation(
                term_id=term.id, name=v.name.strip(), first_day=v.first_day, last_day=v.last_day
            )
        )
    session.flush()
    session.expire_all()
    return term.id


def delete_term(session: Session, term_id: int, row_version: int | None = None) -> None:
    """Remove a term and its vacations."""
    _deleting(session, "term", Term, term_id, row_version, load_term)


def save_calendar_day(session: Session, data: CalendarDayData) -> int:
    """Validate and write a calendar exception with its own times.

    Refused with `ConflictError` when the stored record changed since `data.row_version`.
    """
    with _saving(session, "calendar", CalendarDay, data, load_calendar_day):
        row_id = _write_calendar_day(session, data)
    return row_id


def _write_calendar_day(session: Session, data: CalendarDayData) -> int:
    validate_calendar_day(session, data)
    row = _row_for(
        session,
        CalendarDay,
        data.id,
        date_from=data.date_from,
        date_to=data.date_to,
        kind=data.kind,
    )
    row.date_from, row.date_to = data.date_from, data.date_to
    row.kind = data.kind
    row.scope = data.scope
    row.school_kind = data.school_kind if data.scope == Scope.KIND else None
    row.school_id = data.school_id if data.scope == Scope.SCHOOL else None
    row.follows_weekday = (
        (data.follows_weekday if data.follows_weekday is not None else 0)
        if data.kind == DayKind.MAKEUP
        else None
    )
    row.name = data.name.strip()
    session.flush()
    assert row.id is not None
    session.exec(delete(DayTime).where(col(DayTime.day_id) == row.id))
    if data.kind == DayKind.SPECIAL:
        for t in data.times:
            session.add(DayTime(day_id=row.id, kind=t.kind, seq=t.seq, start=t.start, end=t.end))
    session.flush()
    session.expire_all()
    return row.id


def delete_calendar_day(session: Session, day_id: int, row_version: int | None = None) -> None:
    """Remove a calendar exception."""
    _deleting(session, "calendar", CalendarDay, day_id, row_version, load_calendar_day)


def makeup_override(session: Session, day: dt.date) -> CalendarDayData | None:
    """The planner's district-wide make-up row for exactly `day`, if there is one."""
    row = session.exec(
        select(CalendarDay).where(
            CalendarDay.date_from == day,
            CalendarDay.date_to == day,
            CalendarDay.kind == DayKind.MAKEUP.value,
            CalendarDay.scope == Scope.ALL.value,
        )
    ).first()
    return None if row is None or row.id is None else load_calendar_day(session, row.id)


def makeup_data(
    session: Session, day: dt.date, follows_weekday: int, name: str = ""
) -> CalendarDayData:
    """The snapshot that makes `day` a make-up working day following `follows_weekday`.

    It updates the planner's existing override for that date, or makes a new one (saved with
    `save_calendar_day`): the national calendar's own make-up days are overridden this way.
    """
    current = makeup_override(session, day)
    if current is not None:
        return replace(current, follows_weekday=follows_weekday, name=name or current.name)
    return CalendarDayData(
        id=None,
        date_from=day,
        date_to=day,
        kind=DayKind.MAKEUP.value,
        follows_weekday=follows_weekday,
        name=name,
    )
