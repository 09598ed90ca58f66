"""Turnout (到岗率) reports from recorded attendance, computed when asked, never stored.

Definitions (the reports, the GUI and the tests agree on these):

- a duty counts once it is recorded; unrecorded duties are shown apart as "not recorded";
- turnout = (present + late) / recorded: the planned person came (DESIGN's 到岗率);
- cover = (present + late + substituted) / recorded: someone stood at the post;
- a session is unguarded when it is a peak session (arrival, noon, dismissal, evening), every
  planned duty of it is recorded and none was covered (absent or excused, no substitute).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from huxue.attendance.duties import (
    Duty,
    DutyKey,
    Mark,
    Places,
    duties_with_marks,
    load_places,
)
from huxue.models import AttendanceStatus, Post, SessionKind

DIMENSIONS = ("station", "school", "post", "role", "person")
PEAK_KINDS = (
    SessionKind.ARRIVAL.value,
    SessionKind.NOON.value,
    SessionKind.DISMISSAL.value,
    SessionKind.EVENING.value,
)
_ATTENDED = (AttendanceStatus.PRESENT.value, AttendanceStatus.LATE.value)
_COVERED = (*_ATTENDED, AttendanceStatus.SUBSTITUTED.value)
_LATE = AttendanceStatus.LATE.value


@dataclass
class Tally:
    """Counts of a group of duties."""

    planned: int = 0
    recorded: int = 0
    present: int = 0
    late: int = 0
    absent: int = 0
    excused: int = 0
    substituted: int = 0
    minutes_late: int = 0

    def add(self, mark: Mark | None) -> None:
        """Count one planned duty with what was recorded for it."""
        self.planned += 1
        if mark is None:
            return
        self.recorded += 1
        setattr(self, mark.status, getattr(self, mark.status) + 1)
        if mark.status == AttendanceStatus.LATE.value:
            self.minutes_late += mark.minutes_late

    @property
    def attended(self) -> int:
        """Duties the planned person came to (present or late)."""
        return self.present + self.late

    @property
    def covered(self) -> int:
        """Duties someone stood at (the planned person or a substitute)."""
        return self.present + self.late + self.substituted

    @property
    def unrecorded(self) -> int:
        """Planned duties with nothing recorded yet."""
        return self.planned - self.recorded

    @property
    def turnout(self) -> float | None:
        """到岗率: attended / recorded (None before anything is recorded)."""
        return self.attended / self.recorded if self.recorded else None

    @property
    def cover(self) -> float | None:
        """Covered / recorded."""
        return self.covered / self.recorded if self.recorded else None


@dataclass(frozen=True)
class TurnoutLine:
    """One group (a station, school, post, role or person) of a turnout report."""

    key: str
    code: str
    name: str
    tally: Tally


@dataclass(frozen=True)
class Unguarded:
    """A peak session nobody covered."""

    session_key: str
    post_id: int
    date: dt.date
    kind: str
    start: dt.time
    end: dt.time
    risk: int
    planned: tuple[tuple[int, str], ...]  # (person id, status)


@dataclass
class AttendanceReport:
    """Turnout of a date range for a scope (the district, a station, a school or a person)."""

    first: dt.date
    last: dt.date
    places: Places
    total: Tally = field(default_factory=Tally)
    by: dict[str, list[TurnoutLine]] = field(default_factory=dict)
    by_slot: dict[tuple[int, str], Tally] = field(default_factory=dict)
    unguarded: list[Unguarded] = field(default_factory=list)


def _sort_rate(rate: float | None) -> float:
    return 2.0 if rate is None else rate


def _group_key(dimension: str, duty: Duty, places: Places) -> str:
    if dimension == "station":
        return str(duty.station_id)
    if dimension == "school":
        return str(places.school_of(duty.post_id))
    if dimension == "post":
        return str(duty.post_id)
    if dimension == "role":
        return places.people[duty.person_id][2]
    return str(duty.person_id)


def _label(dimension: str, key: str, places: Places) -> tuple[str, str]:
    if dimension == "station":
        return places.stations[int(key)]
    if dimension == "school":
        code, name, _ = places.schools[int(key)]
        return code, name
    if dimension == "post":
        code, name, school, _ = places.posts[int(key)]
        return code, f"{places.schools[school][1]} {name}"
    if dimension == "role":
        return key, key
    code, name, _, _ = places.people[int(key)]
    return code, name


def scoped_duties(
    session: Session,
    first: dt.date,
    last: dt.date,
    *,
    station_id: int | None = None,
    school_id: int | None = None,
    person_id: int | None = None,
) -> tuple[list[Duty], dict[DutyKey, Mark]]:
    """The published duties of a date range for the district, a station, a school or a person
    (planned there), with what was recorded for them."""
    post_ids = None
    if school_id is not None:
        post_ids = [
            p for p in session.exec(select(Post.id).where(Post.school_id == school_id)).all() if p
        ]
    return duties_with_marks(
        session,
        first,
        last,
        station_id=station_id,
        post_ids=post_ids,
        person_id=person_id,
        ordered=False,
    )


def build_report(
    session: Session,
    first: dt.date,
    last: dt.date,
    *,
    station_id: int | None = None,
    school_id: int | None = None,
    person_id: int | None = None,
) -> AttendanceReport:
    """Turnout by station, school, post, role and person; late and absent by weekday and
    session; unguarded peak sessions, riskiest first."""
    places = load_places(session)
    duties, marks = scoped_duties(
        session, first, last, station_id=station_id, school_id=school_id, person_id=person_id
    )
    return report_from(duties, marks, places, first, last)


def report_from(
    duties: list[Duty],
    marks: dict[DutyKey, Mark],
    places: Places,
    first: dt.date,
    last: dt.date,
) -> AttendanceReport:
    """The report of given duties (in any order) and their marks.

    Counting goes through `Counter`s of (group, status) pairs, not a tally per duty: a term of
    the district is ~64,000 duties × 6 groupings.
    """
    report = AttendanceReport(first, last, places)
    school_of = {pid: post[2] for pid, post in places.posts.items()}
    role_of = {pid: person[2] for pid, person in places.people.items()}
    get = marks.get
    statuses: list[str] = []
    for duty in duties:
        mark = get((duty.week_start, duty.station_id, duty.session_key, duty.person_id))
        statuses.append(mark.status if mark is not None else "")
    late_minutes = {
        i: mark.minutes_late
        for i, duty in enumerate(duties)
        if statuses[i] == _LATE
        and (mark := get((duty.week_start, duty.station_id, duty.session_key, duty.person_id)))
    }
    groupings: dict[str, list[Any]] = {
        "station": [d.station_id for d in duties],
        "school": [school_of[d.post_id] for d in duties],
        "post": [d.post_id for d in duties],
        "role": [role_of[d.person_id] for d in duties],
        "person": [d.person_id for d in duties],
        "slot": [(d.date.weekday(), d.kind) for d in duties],
    }
    # A period or scope without published duties has an empty total, not a missing one.
    report.total = _tallies([0] * len(duties), statuses, late_minutes).get(0, Tally())
    for dimension in DIMENSIONS:
        lines = []
        for key, tally in _tallies(groupings[dimension], statuses, late_minutes).items():
            code, name = _label(dimension, str(key), places)
            lines.append(TurnoutLine(str(key), code, name, tally))
        # Worst turnout first: that is what a planner looks for.
        lines.sort(key=lambda ln: (_sort_rate(ln.tally.turnout), ln.code))
        report.by[dimension] = lines
    report.by_slot = _tallies(groupings["slot"], statuses, late_minutes)
    sessions: dict[tuple[dt.date, int, str], list[int]] = {}
    for i, duty in enumerate(duties):
        if duty.kind in PEAK_KINDS:
            sessions.setdefault((duty.week_start, duty.station_id, duty.session_key), []).append(i)
    for (_, _, key), planned in sessions.items():
        if not all(statuses[i] and statuses[i] not in _COVERED for i in planned):
            continue
        duty = duties[planned[0]]
        report.unguarded.append(
            Unguarded(
                session_key=key,
                post_id=duty.post_id,
                date=duty.date,
                kind=duty.kind,
                start=duty.start,
                end=duty.end,
                risk=places.posts[duty.post_id][3],
                planned=tuple(
                    (duties[i].person_id, statuses[i])
                    for i in sorted(planned, key=lambda i: duties[i].person_id)
                ),
            )
        )
    report.unguarded.sort(key=lambda u: (-u.risk, u.date, u.start, u.session_key))
    return report


def _tallies(
    groups: list[Any], statuses: list[str], late_minutes: dict[int, int]
) -> dict[Any, Tally]:
    """A tally per group of duties (`groups[i]` is the group of duty i)."""
    tallies: dict[Any, Tally] = {}
    for (group, status), count in Counter(zip(groups, statuses, strict=True)).items():
        tally = tallies.get(group)
        if tally is None:
            tally = tallies[group] = Tally()
        tally.planned += count
        if status:
            tally.recorded += count
            setattr(tally, status, getattr(tally, status) + count)
    for i, minutes in late_minutes.items():
        tallies[groups[i]].minutes_late += minutes
    return tallies
