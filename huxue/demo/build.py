"""Building the demo district: the plan, checked with the editors' rules, written with bulk
inserts; and the demo database the window opens."""

from __future__ import annotations

import datetime as dt
import json
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from huxue.database import demo_db_path, district, is_empty, open_database, session_scope
from huxue.demo.people import _people_for
from huxue.demo.plan import (
    _ENROLMENT,
    _KIND_BELLS,
    _KIND_LETTER,
    _KIND_SHARES,
    _WEEKDAYS,
    DISTRICT_NAME,
    SIZES,
    _minutes,
    _near,
    _Plan,
    _School,
)
from huxue.demo.schools import (
    _SUFFIX,
    _chinese_number,
    _kind_sequence,
    _posts_for,
    _school_counts,
    _school_name,
    _school_week,
    _stations_for,
)
from huxue.editing.records import (
    AvailabilityData,
    BellData,
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
    check_deputy,
    check_person,
    check_school,
    check_station,
    validate_bell_times,
    validate_term,
)
from huxue.errors import DatabaseError, FieldError, InputError
from huxue.instance import DEFAULT_RULES
from huxue.models import (
    Assignment,
    Attendance,
    AuditEntry,
    Availability,
    BellTime,
    CalendarDay,
    DayTime,
    Leave,
    PatrolCrew,
    PatrolLoop,
    PatrolUnit,
    Person,
    PersonSchool,
    Post,
    PostNeed,
    Roster,
    School,
    SchoolKind,
    Station,
    Term,
    Vacation,
)
from huxue.models import (
    District as DistrictRow,
)
from huxue.patrol_units import add_demo_patrols
from huxue.vocabulary import (
    ROLE_LABELS,
    ROLE_LABELS_EN,
    ROLE_ORDER,
    SCHOOL_KIND_LABELS,
    SCHOOL_KIND_LABELS_EN,
    bilingual,
)


@dataclass(frozen=True)
class DemoSummary:
    """What a demo build wrote: counts by kind, risk and role."""

    size: str
    seed: int
    stations: int
    schools_by_kind: dict[str, int]
    posts: int
    posts_by_risk: dict[int, int]
    people_by_role: dict[str, int]
    bell_times: int
    terms: int

    @property
    def schools(self) -> int:
        """All schools and kindergartens."""
        return sum(self.schools_by_kind.values())

    @property
    def people(self) -> int:
        """Everyone who can stand guard."""
        return sum(self.people_by_role.values())

    def summary_lines(self) -> list[str]:
        """The summary as short lines of Chinese and English for the CLI."""
        kinds = ", ".join(
            f"{bilingual(SCHOOL_KIND_LABELS, SCHOOL_KIND_LABELS_EN, kind)} {n}"
            for kind, n in self.schools_by_kind.items()
        )
        risks = ", ".join(f"{risk}: {n}" for risk, n in sorted(self.posts_by_risk.items()))
        roles = ", ".join(
            f"{bilingual(ROLE_LABELS, ROLE_LABELS_EN, role)} {n}"
            for role, n in self.people_by_role.items()
        )
        return [
            f"{DISTRICT_NAME} Jimei demo district — size {self.size}, seed {self.seed}",
            f"派出所 stations: {self.stations}",
            f"学校 schools: {self.schools} ({kinds})",
            f"护学岗 posts: {self.posts} (风险 risk {risks})",
            f"作息时间 bell-time rows: {self.bell_times}",
            f"人员 people: {self.people} ({roles})",
            f"学期 terms: {self.terms} (2026 秋季学期, 2027 春季学期)",
        ]


def _plan(size: str, seed: int) -> _Plan:
    rng = random.Random(seed)
    stations = _stations_for(size, rng)
    plan = _Plan(stations)
    counts = _school_counts(size, len(stations), rng)
    used_names: set[str] = set()
    used_codes: set[str] = set()
    for s_index, (spec, n_schools) in enumerate(zip(stations, counts, strict=True)):
        kinds = _kind_sequence(n_schools, rng)
        serial: Counter[SchoolKind] = Counter()
        first_school = len(plan.schools)
        for kind in kinds:
            name = _school_name(rng, kind, spec.places)
            tries = 0
            while name in used_names and tries < 40:
                tries += 1
                name = _school_name(rng, kind, spec.places)
            number = 7
            while name in used_names:  # a crowded station: number the school
                name = f"{rng.choice(spec.places)}第{_chinese_number(number)}{_SUFFIX[kind]}"
                number += 1
            used_names.add(name)
            serial[kind] += 1
            code = f"{spec.code}-{_KIND_LETTER[kind]}{serial[kind]:03d}"
            assert code not in used_codes
            used_codes.add(code)
            lat, lon = _near(rng, spec.lat, spec.lon, 3.0)
            low, high = _ENROLMENT[kind]
            enrolment = int(rng.triangular(low, high, (low + high) / 2.6)) // 10 * 10
            address = f"厦门市集美区{rng.choice(spec.roads)}{rng.randint(1, 999)}号"
            week, differs, notes = _school_week(rng, kind)
            school = _School(
                code, name, kind, s_index, address, lat, lon, enrolment, week, differs, [], notes
            )
            _posts_for(rng, school, spec.roads)
            plan.schools.append(school)
        _people_for(rng, plan, s_index, plan.schools[first_school:])
    return plan


_DISTRICT_TABLES: tuple[type, ...] = (
    Attendance,
    PatrolLoop,
    PatrolCrew,
    PatrolUnit,
    Assignment,
    Roster,
    AuditEntry,
    Leave,
    Availability,
    PersonSchool,
    DayTime,
    CalendarDay,
    BellTime,
    PostNeed,
    Post,
    School,
    Person,
    Station,
    Vacation,
    Term,
    DistrictRow,
)


def clear_district(session: Session) -> None:
    """Delete every row of district data (not the schema) inside the caller's transaction."""
    session.execute(update(School).values(responsible_person_id=None, deputy_person_id=None))
    for table in _DISTRICT_TABLES:
        session.execute(delete(table))
    session.expunge_all()


# The school year of the demo: 2026 autumn and 2027 spring, with their vacations.
TERMS: tuple[TermData, ...] = (
    TermData(
        None,
        "2026 秋季学期",
        dt.date(2026, 8, 31),
        dt.date(2027, 2, 26),
        (VacationData("寒假", dt.date(2027, 1, 23), dt.date(2027, 2, 21)),),
    ),
    TermData(
        None,
        "2027 春季学期",
        dt.date(2027, 2, 22),
        dt.date(2027, 8, 31),
        (VacationData("暑假", dt.date(2027, 7, 3), dt.date(2027, 8, 31)),),
    ),
)


def _write_terms(session: Session) -> None:
    for data in TERMS:
        term = Term(name=data.name, first_day=data.first_day, last_day=data.last_day)
        session.add(term)
        session.flush()
        assert term.id is not None
        session.add_all(
            Vacation(term_id=term.id, name=v.name, first_day=v.first_day, last_day=v.last_day)
            for v in data.vacations
        )


def _unique(codes: list[str], field: str) -> None:
    seen: set[str] = set()
    for code in codes:
        if code in seen:
            raise FieldError(field, "duplicate", f"two records have code {code!r}", value=code)
        seen.add(code)


def check_plan(plan: _Plan) -> None:
    """Every planned record keeps the editors' rules (`huxue.editing.validation`): the demo is
    data a planner could have typed and saved. `FieldError` here is a fault of the generator."""
    for spec in plan.stations:
        check_station(StationData(None, spec.code, spec.name, spec.lat, spec.lon))
    for kind, bells in _KIND_BELLS.items():
        validate_bell_times(
            [
                BellData(day, k.value, _minutes(a), _minutes(b))
                for day in _WEEKDAYS
                for k, a, b in bells
            ],
            f"kind_defaults.{kind.value}",
        )
    for school in plan.schools:
        own = (
            tuple(
                BellData(day, b.kind.value, _minutes(b.start), _minutes(b.end), b.seq)
                for day, windows in school.week.items()
                for b in windows
            )
            if school.own_bells
            else ()
        )
        posts = tuple(
            PostData(
                None,
                p.code,
                p.name,
                p.risk,
                p.lat,
                p.lon,
                needs=tuple(NeedData(n.kind.value, n.police, n.officers, n.total) for n in p.needs),
            )
            for p in school.posts
        )
        check_school(
            SchoolData(
                None,
                school.code,
                school.name,
                school.kind.value,
                school.station,
                address=school.address,
                lat=school.lat,
                lon=school.lon,
                enrolment=school.enrolment,
                notes=school.notes,
                posts=posts,
                bell_times=own,
            )
        )
        if school.deputy >= 0:
            deputy = plan.people[school.deputy]
            check_deputy(school.deputy, deputy.role, deputy.code, school.responsible)
    for person in plan.people:
        check_person(
            PersonData(
                None,
                person.code,
                person.name,
                person.role,
                person.station,
                phone=person.phone,
                lat=person.lat,
                lon=person.lon,
                max_per_day=person.max_per_day,
                max_per_week=person.max_per_week,
                history_load=person.history_load,
                notes=person.notes,
                availability=tuple(
                    AvailabilityData(d, _minutes(a), _minutes(b)) for d, a, b in person.available
                ),
                leaves=tuple(LeaveData(a, b, reason) for a, b, reason in person.leave),
            )
        )
    for term in TERMS:
        validate_term(term)
    _unique([s.code for s in plan.stations], "stations.code")
    _unique([s.code for s in plan.schools], "schools.code")
    _unique([p.code for s in plan.schools for p in s.posts], "posts.code")
    _unique([p.code for p in plan.people], "people.code")


def _id(value: int | None) -> int:
    # Primary keys are set by the flush that precedes every use.
    assert value is not None
    return value


def _write(session: Session, plan: _Plan) -> None:
    stations = [Station(code=s.code, name=s.name, lat=s.lat, lon=s.lon) for s in plan.stations]
    session.add_all(stations)
    session.flush()
    station_ids = [_id(s.id) for s in stations]

    people = [
        Person(
            code=p.code,
            name=p.name,
            role=p.role,
            station_id=station_ids[p.station],
            phone=p.phone,
            lat=p.lat,
            lon=p.lon,
            max_per_day=p.max_per_day,
            max_per_week=p.max_per_week,
            history_load=p.history_load,
            notes=p.notes,
        )
        for p in plan.people
    ]
    session.add_all(people)
    session.flush()
    person_ids = [_id(p.id) for p in people]

    schools = [
        School(
            code=s.code,
            name=s.name,
            kind=s.kind.value,
            station_id=station_ids[s.station],
            address=s.address,
            lat=s.lat,
            lon=s.lon,
            enrolment=s.enrolment,
            responsible_person_id=person_ids[s.responsible],
            deputy_person_id=person_ids[s.deputy] if s.deputy >= 0 else None,
            notes=s.notes,
        )
        for s in plan.schools
    ]
    session.add_all(schools)
    session.flush()
    school_ids = [_id(s.id) for s in schools]

    posts: list[Post] = []
    for school, school_id in zip(plan.schools, school_ids, strict=True):
        assert school_id is not None
        for p in school.posts:
            posts.append(
                Post(
                    code=p.code, school_id=school_id, name=p.name, lat=p.lat, lon=p.lon, risk=p.risk
                )
            )
    session.add_all(posts)
    session.flush()

    rows: list[object] = []
    post_iter = iter(posts)
    for school in plan.schools:
        for p in school.posts:
            post_id = next(post_iter).id
            assert post_id is not None
            rows.extend(
                PostNeed(
                    post_id=post_id,
                    kind=n.kind.value,
                    police=n.police,
                    officers=n.officers,
                    total=n.total,
                )
                for n in p.needs
            )
    for kind, bells in _KIND_BELLS.items():
        for weekday in _WEEKDAYS:
            rows.extend(
                BellTime(
                    school_kind=kind.value,
                    weekday=weekday,
                    kind=k.value,
                    seq=1,
                    start=_minutes(a),
                    end=_minutes(b),
                )
                for k, a, b in bells
            )
    for school, school_id in zip(plan.schools, school_ids, strict=True):
        if not school.own_bells:
            continue
        # A school's rows for a weekday replace the kind's defaults for that weekday as a
        # whole, so every session of each of its weekdays is written.
        for weekday, day in school.week.items():
            rows.extend(
                BellTime(
                    school_id=school_id,
                    weekday=weekday,
                    kind=b.kind.value,
                    seq=b.seq,
                    start=_minutes(b.start),
                    end=_minutes(b.end),
                )
                for b in day
            )
    for person, person_id in zip(plan.people, person_ids, strict=True):
        rows.extend(
            Availability(person_id=person_id, weekday=d, start=_minutes(a), end=_minutes(b))
            for d, a, b in person.available
        )
        rows.extend(
            Leave(person_id=person_id, date_from=a, date_to=b, reason=reason)
            for a, b, reason in person.leave
        )
        rows.extend(
            PersonSchool(person_id=person_id, school_id=school_ids[i]) for i in person.preferred
        )
    session.add_all(rows)
    _write_terms(session)
    session.flush()


def _count(session: Session, plan: _Plan, size: str, seed: int) -> DemoSummary:
    kinds = Counter(s.kind.value for s in plan.schools)
    risks = Counter(p.risk for s in plan.schools for p in s.posts)
    roles = Counter(p.role for p in plan.people)
    bells = sum(len(b) for b in _KIND_BELLS.values()) * len(_WEEKDAYS) + sum(
        len(day) for s in plan.schools if s.own_bells for day in s.week.values()
    )
    return DemoSummary(
        size=size,
        seed=seed,
        stations=len(plan.stations),
        schools_by_kind={k.value: kinds[k.value] for k, _ in _KIND_SHARES if kinds[k.value]},
        posts=sum(risks.values()),
        posts_by_risk={r: risks[r] for r in (1, 2, 3)},
        people_by_role={r: roles[r] for r in ROLE_ORDER if roles[r]},
        bell_times=bells,
        terms=2,
    )


def build_demo(
    session: Session,
    size: str = "district",
    seed: int = 0,
    *,
    force: bool = False,
    on_progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty database with the Jimei demo district and return what was written.

    `size` is ``small`` (20 schools, 2 stations), ``district`` (Jimei's 276 schools, 6
    stations) or ``city`` (~1,500 schools, 30 stations, for scale tests). The same seed gives
    the same rows. A database that holds data is refused with `DatabaseError` unless `force`,
    which first deletes all district data in the same transaction. The caller commits.
    `on_progress(steps done, 5)` follows its steps (plan, check, write, patrols, count).
    """
    step = on_progress or (lambda _done, _total: None)
    if size not in SIZES:
        raise InputError(f"unknown demo size {size!r}; choose one of {', '.join(SIZES)}")
    if not is_empty(session):
        if not force:
            raise DatabaseError(
                "the database already holds district data; use --force to replace it"
            )
        clear_district(session)
    plan = _plan(size, seed)
    step(1, 5)
    check_plan(plan)
    step(2, 5)
    settings = district(session)
    settings.name = DISTRICT_NAME
    settings.rules_json = json.dumps(DEFAULT_RULES, ensure_ascii=False)
    _write(session, plan)
    step(3, 5)
    add_demo_patrols(session, seed)
    step(4, 5)
    summary = _count(session, plan, size, seed)
    step(5, 5)
    return summary


def ensure_demo_database(size: str = "district", path: Path | None = None) -> Engine:
    """The demo database (beside the user's own), built the first time it is opened."""
    engine = open_database(path if path is not None else demo_db_path())
    with session_scope(engine) as session:
        if is_empty(session):
            build_demo(session, size)
    return engine
