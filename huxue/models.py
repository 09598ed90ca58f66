"""Database tables (sqlmodel). Engines and sessions live in `huxue.database`.

Enumerations are stored as plain strings (portable between SQLite and PostgreSQL and simple to
migrate); the allowed values are the `StrEnum`s below and services validate them.
"""

import datetime as dt
from enum import StrEnum
from typing import Any, Optional

from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, Relationship, SQLModel


class SchoolKind(StrEnum):
    """学校类型."""

    KINDERGARTEN = "kindergarten"
    PRIMARY = "primary"
    MIDDLE = "middle"
    HIGH = "high"
    NINE_YEAR = "nine_year"
    VOCATIONAL = "vocational"


class SessionKind(StrEnum):
    """护学时段类型, in the order of a school day."""

    ARRIVAL = "arrival"
    NOON = "noon"
    DISMISSAL = "dismissal"
    AFTER_CARE = "after_care"
    EVENING = "evening"


class Role(StrEnum):
    """民警 / 辅警 / 保安 / 志愿者."""

    POLICE = "police"
    AUXILIARY = "auxiliary"
    SECURITY = "security"
    VOLUNTEER = "volunteer"


class DayKind(StrEnum):
    """What a calendar exception does to the duty sessions of its dates."""

    HOLIDAY = "holiday"  # no sessions
    CLOSURE = "closure"  # no sessions (a school or kind closed: weather, event)
    MAKEUP = "makeup"  # 调休/补班: a weekend day that follows `follows_weekday`'s bell times
    SPECIAL = "special"  # early release or exam day: its own times (`DayTime` rows)


class Scope(StrEnum):
    """Which schools a calendar exception applies to."""

    ALL = "all"
    KIND = "kind"
    SCHOOL = "school"


class RosterStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class AssignmentSource(StrEnum):
    SOLVER = "solver"
    MANUAL = "manual"
    REPAIR = "repair"


class RowVersioned(SQLModel):
    """A row that carries `row_version`, checked and bumped by every ORM update and delete.

    A flush whose row changed meanwhile (another planner's save) raises SQLAlchemy's
    `StaleDataError`; saves turn it into `huxue.errors.ConflictError`. (`Roster.version` is
    the published version number, a different thing.)
    """

    row_version: int = Field(default=1)

    @declared_attr  # type: ignore[arg-type]
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.row_version}  # type: ignore[attr-defined]


class District(SQLModel, table=True):
    """The one row of district settings; `rules_json` holds solver rules and weights."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    rules_json: str = Field(default="{}")


class Station(RowVersioned, table=True):
    """派出所."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True, index=True)
    name: str = Field(max_length=100)
    lat: float | None = None
    lon: float | None = None

    schools: list["School"] = Relationship(back_populates="station")
    people: list["Person"] = Relationship(back_populates="station")


class School(RowVersioned, table=True):
    """学校 / 幼儿园."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True, index=True)
    name: str = Field(max_length=100, index=True)
    kind: str = Field(max_length=20)
    station_id: int = Field(foreign_key="station.id", index=True)
    address: str = Field(default="", max_length=200)
    lat: float | None = None
    lon: float | None = None
    enrolment: int = 0
    responsible_person_id: int | None = Field(
        default=None, foreign_key="person.id", ondelete="SET NULL"
    )
    # 代理责任民警: named on the school's sheet while the responsible officer is on leave.
    deputy_person_id: int | None = Field(default=None, foreign_key="person.id", ondelete="SET NULL")
    notes: str = Field(default="", max_length=1000)
    active: bool = True

    station: Optional["Station"] = Relationship(back_populates="schools")
    posts: list["Post"] = Relationship(
        back_populates="school", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )
    bell_times: list["BellTime"] = Relationship(
        back_populates="school", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )


class Post(RowVersioned, table=True):
    """护学岗: a gate or crossing of a school; a post without lat/lon stands at its school's."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True, index=True)
    school_id: int = Field(foreign_key="school.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=100)
    lat: float | None = None
    lon: float | None = None
    risk: int = Field(default=1, ge=1, le=3)
    active: bool = True

    school: Optional["School"] = Relationship(back_populates="posts")
    needs: list["PostNeed"] = Relationship(
        back_populates="post", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )


class PostNeed(RowVersioned, table=True):
    """Staffing need of a post for one session kind: police ≤ officers ≤ total."""

    __table_args__ = (UniqueConstraint("post_id", "kind"),)

    id: int | None = Field(default=None, primary_key=True)
    post_id: int = Field(foreign_key="post.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    police: int = 0
    officers: int = 0
    total: int = 1

    post: Optional["Post"] = Relationship(back_populates="needs")


class BellTime(RowVersioned, table=True):
    """A guard window of one session kind.

    A row with `school_id` set belongs to that school; a row with only `school_kind` set is the
    district default for that kind of school. `weekday` (0 = Monday) rows are the weekly pattern;
    a school's rows for a weekday replace the kind's defaults for that weekday as a whole.
    `seq` tells two sessions of one kind on one day apart (dismissal staggered by grade).
    """

    id: int | None = Field(default=None, primary_key=True)
    school_id: int | None = Field(
        default=None, foreign_key="school.id", index=True, ondelete="CASCADE"
    )
    school_kind: str | None = Field(default=None, max_length=20)
    weekday: int = Field(ge=0, le=6)
    kind: str = Field(max_length=20)
    seq: int = 1
    start: dt.time
    end: dt.time

    school: Optional["School"] = Relationship(back_populates="bell_times")


class Term(RowVersioned, table=True):
    """学期: no duty sessions outside a term or inside one of its vacations."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    first_day: dt.date
    last_day: dt.date

    vacations: list["Vacation"] = Relationship(
        back_populates="term", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )


class Vacation(RowVersioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    term_id: int = Field(foreign_key="term.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=100)
    first_day: dt.date
    last_day: dt.date

    term: Optional["Term"] = Relationship(back_populates="vacations")


class CalendarDay(RowVersioned, table=True):
    """A planner's calendar exception over a date range (inclusive) for a scope of schools.

    Chinese public holidays and make-up days come from the calendar package; rows here add to
    them or, for the same date and scope, override them (a make-up day that follows another
    weekday, a year the package does not know).
    """

    id: int | None = Field(default=None, primary_key=True)
    date_from: dt.date = Field(index=True)
    date_to: dt.date
    scope: str = Field(default=Scope.ALL.value, max_length=10)
    school_kind: str | None = Field(default=None, max_length=20)
    school_id: int | None = Field(default=None, foreign_key="school.id", ondelete="CASCADE")
    kind: str = Field(max_length=10)
    follows_weekday: int | None = Field(default=None, ge=0, le=6)
    name: str = Field(default="", max_length=100)

    times: list["DayTime"] = Relationship(
        back_populates="day", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )


class DayTime(RowVersioned, table=True):
    """The guard windows of a `special` calendar day (early release, exam)."""

    id: int | None = Field(default=None, primary_key=True)
    day_id: int = Field(foreign_key="calendarday.id", index=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    seq: int = 1
    start: dt.time
    end: dt.time

    day: Optional["CalendarDay"] = Relationship(back_populates="times")


class PersonSchool(SQLModel, table=True):
    """A person's preferred school."""

    person_id: int = Field(foreign_key="person.id", primary_key=True, ondelete="CASCADE")
    school_id: int = Field(foreign_key="school.id", primary_key=True, ondelete="CASCADE")


class Person(RowVersioned, table=True):
    """民警 / 辅警 / 保安 / 志愿者 who can stand guard. `code` is the 警号 for police."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True, index=True)
    name: str = Field(max_length=60, index=True)
    role: str = Field(max_length=20)
    station_id: int = Field(foreign_key="station.id", index=True)
    phone: str = Field(default="", max_length=30)
    lat: float | None = None
    lon: float | None = None
    max_per_day: int | None = None
    max_per_week: int | None = None
    history_load: int = 0
    active: bool = True
    notes: str = Field(default="", max_length=1000)

    station: Optional["Station"] = Relationship(back_populates="people")
    availability: list["Availability"] = Relationship(
        back_populates="person", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )
    leaves: list["Leave"] = Relationship(
        back_populates="person", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )
    preferred_schools: list["School"] = Relationship(link_model=PersonSchool)


class Availability(RowVersioned, table=True):
    """A weekly window in which the person can stand guard; none at all means always."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    weekday: int = Field(ge=0, le=6)
    start: dt.time
    end: dt.time

    person: Optional["Person"] = Relationship(back_populates="availability")


class Leave(RowVersioned, table=True):
    """Leave over an inclusive date range."""

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True, ondelete="CASCADE")
    date_from: dt.date
    date_to: dt.date
    reason: str = Field(default="", max_length=200)

    person: Optional["Person"] = Relationship(back_populates="leaves")


class Roster(RowVersioned, table=True):
    """排班表 of one week for one station (or, with no station, the whole district).

    Each publish freezes a version; the working copy is the newest draft.
    """

    __table_args__ = (UniqueConstraint("week_start", "station_id", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    week_start: dt.date = Field(index=True)
    station_id: int | None = Field(default=None, foreign_key="station.id")
    status: str = Field(default=RosterStatus.DRAFT.value, max_length=12)
    version: int = 1
    created_at: dt.datetime
    published_at: dt.datetime | None = None
    stats_json: str = Field(default="{}")

    assignments: list["Assignment"] = Relationship(
        back_populates="roster", sa_relationship_kwargs={"cascade": "all, delete-orphan"}
    )


class Assignment(RowVersioned, table=True):
    """One person at one duty session. `session_key` is the instance id (post/date/kind[#n])."""

    __table_args__ = (UniqueConstraint("roster_id", "session_key", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    roster_id: int = Field(foreign_key="roster.id", index=True, ondelete="CASCADE")
    session_key: str = Field(max_length=120)
    post_id: int = Field(foreign_key="post.id")
    date: dt.date
    kind: str = Field(max_length=20)
    start: dt.time
    end: dt.time
    person_id: int = Field(foreign_key="person.id", index=True)
    pinned: bool = False
    source: str = Field(default=AssignmentSource.SOLVER.value, max_length=10)

    roster: Optional["Roster"] = Relationship(back_populates="assignments")


class AuditEntry(SQLModel, table=True):
    """A trace of a change: nothing in a published roster changes without one.

    Entries form a hash chain: `seq` numbers them without gaps and `hash` covers the entry's
    fields and the previous entry's hash (`prev_hash`), so a removed or altered entry shows
    (``huxue.audit.verify_chain``). On PostgreSQL the server sets `who`, `at` and the chain.
    """

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(index=True)
    who: str = Field(max_length=60)
    action: str = Field(max_length=40)
    entity: str = Field(max_length=120)
    before_json: str = Field(default="")
    after_json: str = Field(default="")
    seq: int | None = Field(default=None, unique=True)
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)


class Planner(SQLModel, table=True):
    """A planner's database login (PostgreSQL) and the station they write for; no station
    means the district office, which writes everything."""

    name: str = Field(primary_key=True, max_length=63)
    station_code: str | None = Field(default=None, max_length=40)


class PatrolKind(StrEnum):
    """巡逻车 / 电动车巡逻 / 步巡."""

    CAR = "car"
    EBIKE = "ebike"
    FOOT = "foot"


class PatrolUnit(RowVersioned, table=True):
    """A patrol unit of a station: a kind, a speed, a start and end point (the station when
    empty, or a 警务站) and a daily shift; its crew hold no post during the shift.

    A crew change bumps the unit's `row_version` too (the crew are rows of their own)."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True, index=True)
    name: str = Field(default="", max_length=100)
    station_id: int = Field(foreign_key="station.id", index=True)
    kind: str = Field(default=PatrolKind.CAR.value, max_length=10)
    speed_kmh: float = 30.0
    start_name: str = Field(default="", max_length=100)
    start_lat: float | None = None
    start_lon: float | None = None
    end_lat: float | None = None
    end_lon: float | None = None
    shift_start: dt.time = dt.time(6, 30)
    shift_end: dt.time = dt.time(21, 30)
    active: bool = True


class PatrolCrew(SQLModel, table=True):
    """A person of a patrol unit's crew."""

    unit_id: int = Field(foreign_key="patrolunit.id", primary_key=True, ondelete="CASCADE")
    person_id: int = Field(foreign_key="person.id", primary_key=True, ondelete="CASCADE")


class PatrolLoop(SQLModel, table=True):
    """巡逻路线: a unit's planned loop in one peak window; `stops_json` holds the ordered
    visits as [{"school": code, "arrival": "HH:MM:SS", "service_min": n}]."""

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="patrolunit.id", index=True, ondelete="CASCADE")
    date: dt.date = Field(index=True)
    window: str = Field(max_length=20)
    depart: dt.time
    back: dt.time
    stops_json: str = Field(default="[]")


class AttendanceStatus(StrEnum):
    """到岗 / 迟到 / 缺岗 / 请假 / 替岗 of one planned duty."""

    PRESENT = "present"
    LATE = "late"
    ABSENT = "absent"
    EXCUSED = "excused"
    SUBSTITUTED = "substituted"


class Attendance(SQLModel, table=True):
    """Whether a duty of a published roster was kept: one row per (week, station, session,
    planned person), so a record survives a later version that keeps the duty.

    `roster_version` is the published version it was recorded against; `substitute_id` is who
    stood in (status substituted; they earn the duty's minutes). `minutes_late` counts for late
    and, for a substitution, the substitute's lateness.
    """

    __table_args__ = (UniqueConstraint("week_start", "station_id", "session_key", "person_id"),)

    id: int | None = Field(default=None, primary_key=True)
    week_start: dt.date = Field(index=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    roster_version: int
    session_key: str = Field(max_length=120)
    person_id: int = Field(foreign_key="person.id", index=True)
    date: dt.date
    status: str = Field(max_length=12)
    minutes_late: int = 0
    substitute_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    recorded_by: str = Field(max_length=60)
    recorded_at: dt.datetime
    version: int = 1


class SaveReceipt(SQLModel, table=True):
    """Which user action a transaction saved (`token`, made by the window for one save), so
    that a save retried after a lost connection finds it done instead of storing it twice."""

    token: str = Field(primary_key=True, max_length=36)
    entity: str = Field(max_length=20)
    row_id: int
    saved_at: dt.datetime = Field(index=True)
