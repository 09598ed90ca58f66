"""Create, change and delete the district's data: one validated transaction per change.

The editors of the GUI, the CLI and the tests go through these functions. A change is described
by a frozen snapshot (`StationData`, `SchoolData`, `PersonData`, `TermData`, `CalendarDayData`):
`load_…` reads
one, `save_…` validates it and writes it as a whole (creating the row when its id is None or no
longer exists, keeping an explicit id so that an undone delete comes back as it was) and
`delete_…` removes it. Undo is "save the snapshot from before".

Validation raises `FieldError` (an `InputError`) before anything is written; it names the field
(``posts.1.needs.arrival.officers``, ``bell_times.0.dismissal``, ``phone`` …), the rule that was
broken and the values involved, so a window can mark the field and say why in its own language.
`Editor` wraps each function in one transaction: all or nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from sqlalchemy import delete, func
from sqlalchemy import select as sql_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from huxue.database import session_scope
from huxue.errors import InputError
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
    Role,
    Roster,
    School,
    SchoolKind,
    Scope,
    SessionKind,
    Station,
    Term,
    Vacation,
)
from huxue.week import in_force

T = TypeVar("T")

WORKDAYS = (0, 1, 2, 3, 4)
SESSION_KINDS = tuple(k.value for k in SessionKind)
_SESSION_ORDER = {kind: i for i, kind in enumerate(SESSION_KINDS)}


class FieldError(InputError):
    """An invalid value: `field` names it, `rule` says which rule it breaks, `params` the values.

    Rules: ``required``, ``duplicate``, ``unknown``, ``range``, ``time_format``,
    ``end_before_start``, ``overlap``, ``need_order``, ``phone``, ``in_use``, ``outside_term``,
    ``location_pair`` (a latitude without a longitude, or the reverse).
    """

    def __init__(self, field: str, rule: str, message: str, **params: Any) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.rule = rule
        self.message = message
        self.params = params


# --- values --------------------------------------------------------------------------------

MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}-\d{7,8}")
SHORT_NUMBER = re.compile(r"\d{3,6}")
_TIME = re.compile(r"(\d{1,2})[:：](\d{2})")
_WINDOW_SEPARATORS = re.compile(r"[;；,，\s]+")
_WINDOW = re.compile(r"(\d{1,2}[:：]\d{2})\s*[-–—~至]\s*(\d{1,2}[:：]\d{2})")


_AREA_IN_BRACKETS = re.compile(r"^[(（](0\d{2,3})[)）]-?")
_COUNTRY_CODE = re.compile(r"^(?:\+86|0086)-?(?=1[3-9]\d{9}$)")


def normalize_phone(text: str) -> str:
    """A phone number as stored: no spaces, ``(0592)1234567`` → ``0592-1234567``, a mobile's
    ``+86`` dropped. The one phone rule of the editors and the imports starts here."""
    value = re.sub(r"\s+", "", text.strip())
    value = _AREA_IN_BRACKETS.sub(r"\1-", value)
    return _COUNTRY_CODE.sub("", value)


def phone_kind(text: str) -> str | None:
    """'mobile', 'landline' or 'short' for a valid phone number, else None (empty: 'none')."""
    value = normalize_phone(text)
    if not value:
        return "none"
    if MOBILE.fullmatch(value):
        return "mobile"
    if LANDLINE.fullmatch(value):
        return "landline"
    if SHORT_NUMBER.fullmatch(value):
        return "short"
    return None


def validate_phone(text: str, field: str = "phone") -> str:
    """The phone number without spaces: mobile 1[3-9]xxxxxxxxx, 0xxx-xxxxxxx, or 3–6 digits."""
    if phone_kind(text) is None:
        raise FieldError(
            field,
            "phone",
            f"{text!r} is not a mobile number (13812345678), a landline with area code "
            "(0592-1234567) or an internal short number (3–6 digits)",
            value=text,
        )
    return normalize_phone(text)


def parse_time(text: str, field: str = "time") -> dt.time:
    """``"7:20"`` or ``"07:20"`` as a time; FieldError otherwise."""
    match = _TIME.fullmatch(text.strip())
    if match is not None:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise FieldError(field, "time_format", f"{text!r} is not a time (HH:MM)", value=text)


def format_window(start: dt.time, end: dt.time) -> str:
    """``07:20–07:55``."""
    return f"{start:%H:%M}–{end:%H:%M}"


def parse_windows(text: str, field: str = "times") -> list[tuple[dt.time, dt.time]]:
    """Windows typed as ``07:20-07:55`` separated by ``;`` or ``,``; empty text: none.

    Each window must end after it starts; FieldError names `field` otherwise.
    """
    windows: list[tuple[dt.time, dt.time]] = []
    rest = text.strip()
    while rest:
        match = _WINDOW.match(rest)
        if match is None:
            raise FieldError(
                field, "time_format", f"{text!r} is not a list of HH:MM-HH:MM", value=text
            )
        start = parse_time(match.group(1), field)
        end = parse_time(match.group(2), field)
        if end <= start:
            raise FieldError(
                field,
                "end_before_start",
                f"{format_window(start, end)} ends before it starts",
                start=start,
                end=end,
            )
        windows.append((start, end))
        rest = _WINDOW_SEPARATORS.sub(" ", rest[match.end() :]).strip()
    return windows


# --- snapshots -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StationData:
    """A police station (派出所): its code, name and location."""

    id: int | None
    code: str
    name: str
    lat: float | None = None
    lon: float | None = None


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
    notes: str = ""
    active: bool = True
    posts: tuple[PostData, ...] = ()
    bell_times: tuple[BellData, ...] = ()


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


# --- validation ----------------------------------------------------------------------------


def _required(value: str, field: str) -> None:
    if not value.strip():
        raise FieldError(field, "required", "must not be empty")


def _in_range(value: float | None, low: float, high: float, field: str) -> None:
    if value is not None and not low <= value <= high:
        raise FieldError(
            field,
            "range",
            f"{value} is not between {low} and {high}",
            value=value,
            low=low,
            high=high,
        )


def _one_of(value: str, allowed: Iterable[str], field: str) -> None:
    allowed = list(allowed)
    if value not in allowed:
        raise FieldError(field, "unknown", f"{value!r} is not one of {allowed}", value=value)


def _location(lat: float | None, lon: float | None, prefix: str = "") -> None:
    _in_range(lat, -90.0, 90.0, prefix + "lat")
    _in_range(lon, -180.0, 180.0, prefix + "lon")


def _location_pair(lat: float | None, lon: float | None, prefix: str = "") -> None:
    """Both coordinates in range, or neither: half a location places nothing."""
    _location(lat, lon, prefix)
    if (lat is None) != (lon is None):
        missing = "lon" if lon is None else "lat"
        raise FieldError(
            prefix + missing,
            "location_pair",
            "give both latitude and longitude, or neither",
            lat=lat,
            lon=lon,
        )


def validate_station(session: Session, data: StationData) -> None:
    """A station has a unique code, a name, and a whole location or none."""
    _required(data.code, "code")
    _required(data.name, "name")
    other = session.exec(select(Station.id).where(Station.code == data.code.strip())).first()
    if other is not None and other != data.id:
        raise FieldError(
            "code", "duplicate", f"another station has code {data.code!r}", value=data.code
        )
    _location_pair(data.lat, data.lon)


def check_windows(
    windows: Sequence[tuple[str, dt.time, dt.time]], field: Callable[[str], str]
) -> None:
    """Each window (label, start, end) ends after it starts; no two of one day overlap.

    `field(label)` names the field of a window in the error.
    """
    for label, start, end in windows:
        if end <= start:
            raise FieldError(
                field(label),
                "end_before_start",
                f"{format_window(start, end)} ends before it starts",
                start=start,
                end=end,
            )
    ordered = sorted(windows, key=lambda w: (w[1], w[2]))
    for (label_a, start_a, end_a), (label_b, start_b, end_b) in zip(
        ordered, ordered[1:], strict=False
    ):
        if start_b < end_a:
            raise FieldError(
                field(label_b),
                "overlap",
                f"{format_window(start_b, end_b)} overlaps {format_window(start_a, end_a)}",
                other=label_a,
                start=start_b,
                end=end_b,
                other_start=start_a,
                other_end=end_a,
            )


def validate_need(need: NeedData, field: str) -> None:
    """Counts are ≥ 0 and police ≤ officers ≤ total."""
    _one_of(need.kind, SESSION_KINDS, field)
    for name in ("police", "officers", "total"):
        value = getattr(need, name)
        if value < 0 or value > 99:
            raise FieldError(
                f"{field}.{name}",
                "range",
                f"{value} is not between 0 and 99",
                value=value,
                low=0,
                high=99,
            )
    if need.police > need.officers:
        raise FieldError(
            f"{field}.officers",
            "need_order",
            f"police {need.police} > officers {need.officers} (police ≤ officers ≤ total)",
            police=need.police,
            officers=need.officers,
            total=need.total,
        )
    if need.officers > need.total:
        raise FieldError(
            f"{field}.total",
            "need_order",
            f"officers {need.officers} > total {need.total} (police ≤ officers ≤ total)",
            police=need.police,
            officers=need.officers,
            total=need.total,
        )


def validate_bell_times(bells: Sequence[BellData], prefix: str = "bell_times") -> None:
    """Weekday 0–6, known kinds, each window ends after it starts, one day's windows apart."""
    by_day: dict[int, list[tuple[str, dt.time, dt.time]]] = defaultdict(list)
    for bell in bells:
        if not 0 <= bell.weekday <= 6:
            raise FieldError(
                f"{prefix}.{bell.weekday}",
                "range",
                "weekday must be 0–6",
                value=bell.weekday,
                low=0,
                high=6,
            )
        _one_of(bell.kind, SESSION_KINDS, f"{prefix}.{bell.weekday}.{bell.kind}")
        by_day[bell.weekday].append((bell.kind, bell.start, bell.end))
    for weekday, windows in sorted(by_day.items()):
        check_windows(windows, lambda kind, day=weekday: f"{prefix}.{day}.{kind}")  # type: ignore[misc]


def validate_school(session: Session, data: SchoolData) -> None:
    """Every rule a school, its posts, needs and bell times must keep (FieldError otherwise)."""
    _required(data.code, "code")
    _required(data.name, "name")
    _one_of(data.kind, [k.value for k in SchoolKind], "kind")
    if session.get(Station, data.station_id) is None:
        raise FieldError(
            "station", "unknown", f"no station {data.station_id}", value=data.station_id
        )
    other = session.exec(select(School.id).where(School.code == data.code.strip())).first()
    if other is not None and other != data.id:
        raise FieldError(
            "code", "duplicate", f"another school has code {data.code!r}", value=data.code
        )
    if data.enrolment < 0:
        raise FieldError(
            "enrolment", "range", "must not be negative", value=data.enrolment, low=0, high=None
        )
    _location(data.lat, data.lon)
    if (
        data.responsible_person_id is not None
        and session.get(Person, data.responsible_person_id) is None
    ):
        raise FieldError(
            "responsible_person", "unknown", "no such person", value=data.responsible_person_id
        )
    codes: dict[str, int] = {}
    for i, post in enumerate(data.posts):
        prefix = f"posts.{i}"
        _required(post.code, f"{prefix}.code")
        _required(post.name, f"{prefix}.name")
        code = post.code.strip()
        if code in codes:
            raise FieldError(
                f"{prefix}.code", "duplicate", f"two posts have code {code!r}", value=code
            )
        codes[code] = i
        holder = session.exec(select(Post.id, Post.school_id).where(Post.code == code)).first()
        if holder is not None and holder[0] != post.id and holder[1] != data.id:
            raise FieldError(
                f"{prefix}.code",
                "duplicate",
                f"another school's post has code {code!r}",
                value=code,
            )
        if not 1 <= post.risk <= 3:
            raise FieldError(
                f"{prefix}.risk", "range", "risk must be 1–3", value=post.risk, low=1, high=3
            )
        _location_pair(post.lat, post.lon, f"{prefix}.")
        kinds: set[str] = set()
        for need in post.needs:
            if need.kind in kinds:
                raise FieldError(
                    f"{prefix}.needs.{need.kind}", "duplicate", "kind given twice", value=need.kind
                )
            kinds.add(need.kind)
            validate_need(need, f"{prefix}.needs.{need.kind}")
    validate_bell_times(data.bell_times)


def validate_person(session: Session, data: PersonData) -> None:
    """Every rule a person, their availability, leave and preferences must keep."""
    _required(data.code, "code")
    _required(data.name, "name")
    _one_of(data.role, [r.value for r in Role], "role")
    if session.get(Station, data.station_id) is None:
        raise FieldError(
            "station", "unknown", f"no station {data.station_id}", value=data.station_id
        )
    other = session.exec(select(Person.id).where(Person.code == data.code.strip())).first()
    if other is not None and other != data.id:
        raise FieldError(
            "code", "duplicate", f"another person has code {data.code!r}", value=data.code
        )
    validate_phone(data.phone)
    _location(data.lat, data.lon)
    for name in ("max_per_day", "max_per_week", "history_load"):
        value = getattr(data, name)
        if value is not None and value < 0:
            raise FieldError(name, "range", "must not be negative", value=value, low=0, high=None)
    if (
        data.max_per_day is not None
        and data.max_per_week is not None
        and data.max_per_day > data.max_per_week
    ):
        raise FieldError(
            "max_per_day",
            "range",
            "more per day than per week",
            value=data.max_per_day,
            low=0,
            high=data.max_per_week,
        )
    by_day: dict[int, list[tuple[str, dt.time, dt.time]]] = defaultdict(list)
    for a in data.availability:
        if not 0 <= a.weekday <= 6:
            raise FieldError(
                f"availability.{a.weekday}",
                "range",
                "weekday must be 0–6",
                value=a.weekday,
                low=0,
                high=6,
            )
        by_day[a.weekday].append((format_window(a.start, a.end), a.start, a.end))
    for weekday, windows in by_day.items():
        check_windows(windows, lambda _label, day=weekday: f"availability.{day}")  # type: ignore[misc]
    for i, leave in enumerate(data.leaves):
        if leave.date_to < leave.date_from:
            raise FieldError(
                f"leaves.{i}",
                "end_before_start",
                "leave ends before it starts",
                start=leave.date_from,
                end=leave.date_to,
            )
    for school_id in data.preferred_school_ids:
        if session.get(School, school_id) is None:
            raise FieldError(
                "preferred_schools", "unknown", f"no school {school_id}", value=school_id
            )


def validate_term(data: TermData) -> None:
    """A term ends after it starts; its vacations lie inside it and end after they start."""
    _required(data.name, "name")
    if data.last_day < data.first_day:
        raise FieldError(
            "last_day",
            "end_before_start",
            "the term ends before it starts",
            start=data.first_day,
            end=data.last_day,
        )
    for i, vacation in enumerate(data.vacations):
        _required(vacation.name, f"vacations.{i}.name")
        if vacation.last_day < vacation.first_day:
            raise FieldError(
                f"vacations.{i}.last_day",
                "end_before_start",
                "the vacation ends before it starts",
                start=vacation.first_day,
                end=vacation.last_day,
            )
        if vacation.first_day < data.first_day or vacation.last_day > data.last_day:
            raise FieldError(
                f"vacations.{i}",
                "outside_term",
                "the vacation is outside the term",
                start=vacation.first_day,
                end=vacation.last_day,
            )


def validate_calendar_day(session: Session, data: CalendarDayData) -> None:
    """Dates in order, a known kind and scope, a followed weekday and own times where needed."""
    _one_of(data.kind, [k.value for k in DayKind], "kind")
    _one_of(data.scope, [s.value for s in Scope], "scope")
    if data.date_to < data.date_from:
        raise FieldError(
            "date_to",
            "end_before_start",
            "ends before it starts",
            start=data.date_from,
            end=data.date_to,
        )
    if data.scope == Scope.KIND:
        _one_of(data.school_kind or "", [k.value for k in SchoolKind], "school_kind")
    if data.scope == Scope.SCHOOL and (
        data.school_id is None or session.get(School, data.school_id) is None
    ):
        raise FieldError("school", "unknown", "no such school", value=data.school_id)
    if data.follows_weekday is not None and not 0 <= data.follows_weekday <= 6:
        raise FieldError(
            "follows_weekday",
            "range",
            "weekday must be 0–6",
            value=data.follows_weekday,
            low=0,
            high=6,
        )
    if data.kind == DayKind.SPECIAL:
        if not data.times:
            raise FieldError("times", "required", "an early release or exam day needs its times")
        for t in data.times:
            _one_of(t.kind, SESSION_KINDS, f"times.{t.kind}")
        check_windows([(t.kind, t.start, t.end) for t in data.times], lambda k: f"times.{k}")


# --- bell-time helpers (pure) --------------------------------------------------------------


def week_of(bells: Iterable[BellData]) -> dict[int, list[BellData]]:
    """Bell rows grouped by weekday, each day in time order."""
    days: dict[int, list[BellData]] = defaultdict(list)
    for bell in bells:
        days[bell.weekday].append(bell)
    for rows in days.values():
        rows.sort(key=lambda b: (b.start, _SESSION_ORDER.get(b.kind, 9), b.seq))
    return dict(days)


def effective_week(
    own: Iterable[BellData], defaults: Iterable[BellData]
) -> dict[int, list[BellData]]:
    """Each weekday's windows in force: the school's rows for a day replace the kind's rows."""
    mine, theirs = week_of(own), week_of(defaults)
    return {day: in_force(mine.get(day, []), theirs.get(day, [])) for day in range(7)}


def copy_weekday(
    own: Iterable[BellData],
    defaults: Iterable[BellData],
    source: int = 0,
    targets: Sequence[int] = WORKDAYS,
) -> tuple[BellData, ...]:
    """The school's rows with `source`'s windows in force copied onto every day of `targets`."""
    week = effective_week(own, defaults)
    mine = week_of(own)
    result: list[BellData] = []
    for day in range(7):
        if day in targets and day != source:
            result.extend(replace(b, weekday=day) for b in week[source])
        elif day == source and day in targets:
            result.extend(week[source])
        else:
            result.extend(mine.get(day, []))
    return tuple(result)


def set_cell(
    own: Iterable[BellData],
    defaults: Iterable[BellData],
    weekday: int,
    kind: str,
    windows: Sequence[tuple[dt.time, dt.time]],
) -> tuple[BellData, ...]:
    """The school's rows with one weekday × kind cell replaced by `windows`.

    A weekday that followed the defaults gets its own rows (the defaults of the other kinds
    copied), since a school's rows for a day replace the kind's for that day as a whole.
    """
    week = effective_week(own, defaults)
    mine = week_of(own)
    result: list[BellData] = []
    for day in range(7):
        if day != weekday:
            result.extend(mine.get(day, []))
            continue
        result.extend(b for b in week[day] if b.kind != kind)
        result.extend(
            BellData(weekday, kind, start, end, seq)
            for seq, (start, end) in enumerate(sorted(windows), start=1)
        )
    return tuple(sorted(result, key=lambda b: (b.weekday, b.start, b.kind, b.seq)))


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
    return StationData(station.id, station.code, station.name, station.lat, station.lon)


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
                    sorted(needs.get(p.id or 0, []), key=lambda n: _SESSION_ORDER.get(n.kind, 9))
                ),
            )
            for p in posts
        ),
        bell_times=tuple(
            _bell(b) for b in sorted(bells, key=lambda b: (b.weekday, b.start, b.kind, b.seq))
        ),
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
    )


# --- saving --------------------------------------------------------------------------------


def _in_use(session: Session, column: Any, value: int) -> bool:
    return session.exec(select(Assignment.id).where(column == value).limit(1)).first() is not None


def save_station(session: Session, data: StationData) -> int:
    """Validate and write a police station; returns its id."""
    validate_station(session, data)
    station = session.get(Station, data.id) if data.id is not None else None
    if station is None:
        station = Station(id=data.id, code="", name="")
        session.add(station)
    station.code = data.code.strip()
    station.name = data.name.strip()
    station.lat, station.lon = data.lat, data.lon
    session.flush()
    assert station.id is not None
    station_id = station.id
    session.expire_all()
    return station_id


def delete_station(session: Session, station_id: int) -> None:
    """Remove a police station (refused while schools, people or rosters belong to it)."""
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
    session.delete(station)
    session.flush()


def save_school(session: Session, data: SchoolData) -> int:
    """Validate and write a school with its posts, needs and bell times; returns its id."""
    validate_school(session, data)
    school = session.get(School, data.id) if data.id is not None else None
    if school is None:
        school = School(id=data.id, code="", name="", kind=data.kind, station_id=data.station_id)
        session.add(school)
    school.code = data.code.strip()
    school.name = data.name.strip()
    school.kind = data.kind
    school.station_id = data.station_id
    school.address = data.address.strip()
    school.lat, school.lon = data.lat, data.lon
    school.enrolment = data.enrolment
    school.responsible_person_id = data.responsible_person_id
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


def delete_school(session: Session, school_id: int) -> None:
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
    session.delete(school)
    session.flush()


def save_person(session: Session, data: PersonData) -> int:
    """Validate and write a person with availability, leave and preferred schools."""
    validate_person(session, data)
    person = session.get(Person, data.id) if data.id is not None else None
    if person is None:
        person = Person(id=data.id, code="", name="", role=data.role, station_id=data.station_id)
        session.add(person)
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


def delete_person(session: Session, person_id: int) -> None:
    """Remove a person (refused while a roster names them: set them inactive instead)."""
    person = _get(session, Person, person_id, "person")
    if _in_use(session, Assignment.person_id, person_id):
        raise FieldError(
            "person",
            "in_use",
            f"{person.code} has duties in a roster; set them inactive instead",
            value=person.code,
        )
    session.delete(person)
    session.flush()


def save_term(session: Session, data: TermData) -> int:
    """Validate and write a term with its vacations."""
    validate_term(data)
    term = session.get(Term, data.id) if data.id is not None else None
    if term is None:
        term = Term(id=data.id, name="", first_day=data.first_day, last_day=data.last_day)
        session.add(term)
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


def delete_term(session: Session, term_id: int) -> None:
    """Remove a term and its vacations."""
    session.delete(_get(session, Term, term_id, "term"))
    session.flush()


def save_calendar_day(session: Session, data: CalendarDayData) -> int:
    """Validate and write a calendar exception with its own times."""
    validate_calendar_day(session, data)
    row = session.get(CalendarDay, data.id) if data.id is not None else None
    if row is None:
        row = CalendarDay(
            id=data.id, date_from=data.date_from, date_to=data.date_to, kind=data.kind
        )
        session.add(row)
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


def delete_calendar_day(session: Session, day_id: int) -> None:
    """Remove a calendar exception."""
    session.delete(_get(session, CalendarDay, day_id, "calendar day"))
    session.flush()


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


# --- one transaction per change ------------------------------------------------------------


class Editor:
    """The editing functions, each run in its own transaction on `engine` (all or nothing)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(session, *args)` in one transaction: committed on success, rolled back on error."""
        with session_scope(self.engine) as session:
            return fn(session, *args)

    def load_station(self, station_id: int) -> StationData:
        return self.run(load_station, station_id)

    def save_station(self, data: StationData) -> int:
        return self.run(save_station, data)

    def delete_station(self, station_id: int) -> None:
        self.run(delete_station, station_id)

    def load_school(self, school_id: int) -> SchoolData:
        return self.run(load_school, school_id)

    def save_school(self, data: SchoolData) -> int:
        return self.run(save_school, data)

    def delete_school(self, school_id: int) -> None:
        self.run(delete_school, school_id)

    def load_person(self, person_id: int) -> PersonData:
        return self.run(load_person, person_id)

    def save_person(self, data: PersonData) -> int:
        return self.run(save_person, data)

    def delete_person(self, person_id: int) -> None:
        self.run(delete_person, person_id)

    def load_term(self, term_id: int) -> TermData:
        return self.run(load_term, term_id)

    def save_term(self, data: TermData) -> int:
        return self.run(save_term, data)

    def delete_term(self, term_id: int) -> None:
        self.run(delete_term, term_id)

    def load_calendar_day(self, day_id: int) -> CalendarDayData:
        return self.run(load_calendar_day, day_id)

    def save_calendar_day(self, data: CalendarDayData) -> int:
        return self.run(save_calendar_day, data)

    def delete_calendar_day(self, day_id: int) -> None:
        self.run(delete_calendar_day, day_id)
