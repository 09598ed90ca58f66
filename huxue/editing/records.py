"""The snapshots an editor loads, changes and saves: frozen dataclasses, one per record
kind, each saved as a whole (undo is "save the snapshot from before").

A record's snapshot carries the `row_version` it was loaded at; saving it over a newer stored
version is a conflict (`huxue.errors.ConflictError`), never an overwrite. None: no check (a
new record).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from huxue.models import (
    Scope,
)

# --- snapshots -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StationData:
    """A police station (派出所): its code, name and location."""

    id: int | None
    code: str
    name: str
    lat: float | None = None
    lon: float | None = None
    row_version: int | None = None  # the stored version this snapshot was loaded at


@dataclass(frozen=True)
class NeedData:
    """Staffing need of a post for one session kind: police ≤ officers ≤ total."""

    kind: str
    police: int = 0
    officers: int = 0
    total: int = 1


@dataclass(frozen=True)
class PostData:
    id: int | None
    code: str
    name: str
    risk: int = 1
    lat: float | None = None
    lon: float | None = None
    active: bool = True
    needs: tuple[NeedData, ...] = ()


@dataclass(frozen=True)
class BellData:
    """One guard window of a weekday's timetable."""

    weekday: int
    kind: str
    start: dt.time
    end: dt.time
    seq: int = 1


@dataclass(frozen=True)
class SchoolData:
    """A school with its posts, their needs and its own bell times (empty: the kind's)."""

    id: int | None
    code: str
    name: str
    kind: str
    station_id: int
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    enrolment: int = 0
    responsible_person_id: int | None = None
    deputy_person_id: int | None = None
    notes: str = ""
    active: bool = True
    posts: tuple[PostData, ...] = ()
    bell_times: tuple[BellData, ...] = ()
    row_version: int | None = None  # the stored version this snapshot was loaded at


@dataclass(frozen=True)
class AvailabilityData:
    weekday: int
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class LeaveData:
    date_from: dt.date
    date_to: dt.date
    reason: str = ""


@dataclass(frozen=True)
class PersonData:
    """A person with weekly availability (empty: always), leave and preferred schools."""

    id: int | None
    code: str
    name: str
    role: str
    station_id: int
    phone: str = ""
    lat: float | None = None
    lon: float | None = None
    max_per_day: int | None = None
    max_per_week: int | None = None
    history_load: int = 0
    active: bool = True
    notes: str = ""
    availability: tuple[AvailabilityData, ...] = ()
    leaves: tuple[LeaveData, ...] = ()
    preferred_school_ids: tuple[int, ...] = ()
    row_version: int | None = None  # the stored version this snapshot was loaded at


@dataclass(frozen=True)
class VacationData:
    name: str
    first_day: dt.date
    last_day: dt.date


@dataclass(frozen=True)
class TermData:
    id: int | None
    name: str
    first_day: dt.date
    last_day: dt.date
    vacations: tuple[VacationData, ...] = ()
    row_version: int | None = None  # the stored version this snapshot was loaded at


@dataclass(frozen=True)
class DayTimeData:
    kind: str
    start: dt.time
    end: dt.time
    seq: int = 1


@dataclass(frozen=True)
class CalendarDayData:
    """A calendar exception: holiday, closure, make-up day or a special day with own times."""

    id: int | None
    date_from: dt.date
    date_to: dt.date
    kind: str
    scope: str = Scope.ALL.value
    school_kind: str | None = None
    school_id: int | None = None
    follows_weekday: int | None = None
    name: str = ""
    times: tuple[DayTimeData, ...] = field(default=())
    row_version: int | None = None  # the stored version this snapshot was loaded at
