"""One validation per record kind: the rules a station, school (posts, needs, bell times),
person (availability, leave), term and calendar row must keep, used by the editors, the
imports, the CLI and the demo builder alike. Each broken rule raises `FieldError`."""

from __future__ import annotations

import datetime as dt
import functools
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence

from annotated_types import MaxLen
from sqlmodel import Session, SQLModel, select

from huxue.editing.fields import format_window
from huxue.editing.records import (
    AvailabilityData,
    BellData,
    CalendarDayData,
    NeedData,
    PersonData,
    PostData,
    SchoolData,
    StationData,
    TermData,
)
from huxue.errors import FieldError
from huxue.models import (
    CalendarDay,
    DayKind,
    Leave,
    Person,
    Post,
    Role,
    School,
    SchoolKind,
    Scope,
    Station,
    Term,
    Vacation,
)
from huxue.phones import validate_phone
from huxue.vocabulary import SESSION_KINDS
from solver.limits import LIMITS, TEXT_COLUMNS, TEXT_LIMITS

# Every number's range comes from `solver.limits.LIMITS`, the one table the file formats, the
# CLI, the imports, the restore and the editors' widgets read.


@functools.cache
def column_length(model: type[SQLModel], name: str) -> int | None:
    """The column width a model declares for a text field (`Field(max_length=…)`)."""
    for item in model.model_fields[name].metadata:
        if isinstance(item, MaxLen):
            return int(item.max_length)
    return None


def max_length(model: type[SQLModel], name: str) -> int | None:
    """The longest text a field takes: its kind's length in `solver.limits.TEXT_LIMITS` (which
    a test holds equal to the column's width), else the column's width."""
    kind = TEXT_COLUMNS.get((str(model.__tablename__), name))
    return TEXT_LIMITS[kind] if kind is not None else column_length(model, name)


def _required(value: str, field: str) -> None:
    if not value.strip():
        raise FieldError(field, "required", "must not be empty")


def _text(
    value: str, field: str, model: type[SQLModel], name: str, *, required: bool = False
) -> None:
    """Required when `required`; never longer than the model's column."""
    if required:
        _required(value, field)
    limit = max_length(model, name)
    if limit is not None and len(value.strip()) > limit:
        raise FieldError(
            field,
            "too_long",
            f"longer than {limit} characters",
            value=value,
            length=len(value.strip()),
            max=limit,
        )


def _bound(value: float) -> float | int:
    """A range's end as people read it (0 rather than 0.0)."""
    return int(value) if float(value).is_integer() else value


def _in_range(value: float | None, limit: str, field: str) -> None:
    """`value` (when given) lies in the range `LIMITS[limit]`; else a "range" error on `field`."""
    bounds = LIMITS[limit]
    if value is not None and not bounds.holds(value):
        low, high = _bound(bounds.low), _bound(bounds.high)
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
    _in_range(lat, "lat", prefix + "lat")
    _in_range(lon, "lon", prefix + "lon")


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


def check_station(data: StationData) -> None:
    """The rules of a station on its own: a code, a name, a whole location or none."""
    _text(data.code, "code", Station, "code", required=True)
    _text(data.name, "name", Station, "name", required=True)
    _location_pair(data.lat, data.lon)


def _unique_code(
    session: Session,
    model: type[Station] | type[School] | type[Person],
    what: str,
    code: str,
    own_id: int | None,
) -> None:
    """No other row of `model` (a `what`) has `code` (the record's own row, `own_id`, may)."""
    other = session.exec(select(model.id).where(model.code == code.strip())).first()
    if other is not None and other != own_id:
        raise FieldError("code", "duplicate", f"another {what} has code {code!r}", value=code)


def _known_station(session: Session, station_id: int) -> None:
    """The record's station exists."""
    if session.get(Station, station_id) is None:
        raise FieldError("station", "unknown", f"no station {station_id}", value=station_id)


def validate_station(session: Session, data: StationData) -> None:
    """A station keeps `check_station` and has a code no other station has."""
    check_station(data)
    _unique_code(session, Station, "station", data.code, data.id)


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
        _in_range(getattr(need, name), "need", f"{field}.{name}")
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
        _in_range(bell.weekday, "weekday", f"{prefix}.{bell.weekday}")
        _one_of(bell.kind, SESSION_KINDS, f"{prefix}.{bell.weekday}.{bell.kind}")
        _in_range(bell.seq, "seq", f"{prefix}.{bell.weekday}.{bell.kind}")
        by_day[bell.weekday].append((bell.kind, bell.start, bell.end))
    for weekday, windows in sorted(by_day.items()):
        check_windows(windows, lambda kind, day=weekday: f"{prefix}.{day}.{kind}")  # type: ignore[misc]


def check_post(post: PostData, prefix: str = "") -> None:
    """The rules of a post on its own: code, name, risk 1–3, a whole location or none, and
    needs (one per session kind, police ≤ officers ≤ total). Fields start with `prefix`."""
    _text(post.code, f"{prefix}code", Post, "code", required=True)
    _text(post.name, f"{prefix}name", Post, "name", required=True)
    _in_range(post.risk, "risk", f"{prefix}risk")
    _location_pair(post.lat, post.lon, prefix)
    kinds: set[str] = set()
    for need in post.needs:
        if need.kind in kinds:
            raise FieldError(
                f"{prefix}needs.{need.kind}", "duplicate", "kind given twice", value=need.kind
            )
        kinds.add(need.kind)
        validate_need(need, f"{prefix}needs.{need.kind}")


def check_school(data: SchoolData) -> None:
    """The rules of a school on its own, with its posts and its own bell times."""
    _text(data.code, "code", School, "code", required=True)
    _text(data.name, "name", School, "name", required=True)
    _one_of(data.kind, [k.value for k in SchoolKind], "kind")
    _text(data.address, "address", School, "address")
    _text(data.notes, "notes", School, "notes")
    _in_range(data.enrolment, "enrolment", "enrolment")
    _location_pair(data.lat, data.lon)
    codes: set[str] = set()
    for i, post in enumerate(data.posts):
        check_post(post, f"posts.{i}.")
        code = post.code.strip()
        if code in codes:
            raise FieldError(
                f"posts.{i}.code", "duplicate", f"two posts have code {code!r}", value=code
            )
        codes.add(code)
    validate_bell_times(data.bell_times)


def validate_school(session: Session, data: SchoolData) -> None:
    """A school keeps `check_school`; its station and responsible officer exist, its deputy
    (代理责任民警) is a police officer other than the responsible one, and its code and its
    posts' codes belong to no other school."""
    check_school(data)
    _known_station(session, data.station_id)
    _unique_code(session, School, "school", data.code, data.id)
    if (
        data.responsible_person_id is not None
        and session.get(Person, data.responsible_person_id) is None
    ):
        raise FieldError(
            "responsible_person", "unknown", "no such person", value=data.responsible_person_id
        )
    _check_deputy(session, data.deputy_person_id, data.responsible_person_id)
    for i, post in enumerate(data.posts):
        code = post.code.strip()
        holder = session.exec(select(Post.id, Post.school_id).where(Post.code == code)).first()
        if holder is not None and holder[0] != post.id and holder[1] != data.id:
            raise FieldError(
                f"posts.{i}.code",
                "duplicate",
                f"another school's post has code {code!r}",
                value=code,
            )


def _check_deputy(session: Session, deputy_id: int | None, responsible_id: int | None) -> None:
    if deputy_id is None:
        return
    deputy = session.get(Person, deputy_id)
    if deputy is None:
        raise FieldError("deputy_person", "unknown", "no such person", value=deputy_id)
    check_deputy(deputy_id, deputy.role, deputy.code, responsible_id)


def check_deputy(deputy_id: int, role: str, code: str, responsible_id: int | None) -> None:
    """A school's deputy (代理责任民警) is a police officer and not the responsible officer."""
    if role != "police":
        raise FieldError(
            "deputy_person", "not_police", "the deputy must be a police officer", value=code
        )
    if deputy_id == responsible_id:
        raise FieldError(
            "deputy_person",
            "same_as_responsible",
            "the deputy must not be the responsible officer",
            value=code,
        )


def check_availability(windows: Sequence[AvailabilityData]) -> None:
    """Weekdays 0–6; each window ends after it starts; one day's windows do not overlap."""
    by_day: dict[int, list[tuple[str, dt.time, dt.time]]] = defaultdict(list)
    for a in windows:
        _in_range(a.weekday, "weekday", f"availability.{a.weekday}")
        by_day[a.weekday].append((format_window(a.start, a.end), a.start, a.end))
    for weekday, day_windows in sorted(by_day.items()):
        check_windows(day_windows, lambda _label, day=weekday: f"availability.{day}")  # type: ignore[misc]


def check_person(data: PersonData) -> None:
    """The rules of a person on their own: code, name, role, phone, a whole location or none,
    limits in their ranges with no more a day than a week, availability and leave in order."""
    _text(data.code, "code", Person, "code", required=True)
    _text(data.name, "name", Person, "name", required=True)
    _one_of(data.role, [r.value for r in Role], "role")
    validate_phone(data.phone)
    _location_pair(data.lat, data.lon)
    _text(data.notes, "notes", Person, "notes")
    for name in ("max_per_day", "max_per_week", "history_load"):
        _in_range(getattr(data, name), name, name)
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
    check_availability(data.availability)
    for i, leave in enumerate(data.leaves):
        _text(leave.reason, f"leaves.{i}", Leave, "reason")
        if leave.date_to < leave.date_from:
            raise FieldError(
                f"leaves.{i}",
                "end_before_start",
                "leave ends before it starts",
                start=leave.date_from,
                end=leave.date_to,
            )


def validate_person(session: Session, data: PersonData) -> None:
    """A person keeps `check_person`; their station and preferred schools exist and no other
    person has their code."""
    check_person(data)
    _known_station(session, data.station_id)
    _unique_code(session, Person, "person", data.code, data.id)
    for school_id in data.preferred_school_ids:
        if session.get(School, school_id) is None:
            raise FieldError(
                "preferred_schools", "unknown", f"no school {school_id}", value=school_id
            )


def validate_term(data: TermData) -> None:
    """A term ends after it starts; its vacations lie inside it and end after they start."""
    _text(data.name, "name", Term, "name", required=True)
    if data.last_day < data.first_day:
        raise FieldError(
            "last_day",
            "end_before_start",
            "the term ends before it starts",
            start=data.first_day,
            end=data.last_day,
        )
    for i, vacation in enumerate(data.vacations):
        _text(vacation.name, f"vacations.{i}.name", Vacation, "name", required=True)
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
    _text(data.name, "name", CalendarDay, "name")
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
    _in_range(data.follows_weekday, "weekday", "follows_weekday")
    if data.kind == DayKind.SPECIAL:
        if not data.times:
            raise FieldError("times", "required", "an early release or exam day needs its times")
        for t in data.times:
            _one_of(t.kind, SESSION_KINDS, f"times.{t.kind}")
        check_windows([(t.kind, t.start, t.end) for t in data.times], lambda k: f"times.{k}")
