"""Recording attendance: one transaction per action, every change audited.

A record names a duty of the newest published version of a week's roster for a station (by
session key and planned person); a duty that version no longer has is refused with the reason.
A record made against an older version stays valid while the newer version keeps the duty.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func
from sqlmodel import Session, col, select

from huxue.attendance.codes import parse_sheet_code, sheet_code
from huxue.attendance.duties import (
    Duty,
    Mark,
    Places,
    load_places,
    monday,
    published_duties,
    published_rosters,
    recorded_marks,
)
from huxue.attendance.errors import AttendanceError
from huxue.audit import audit, current_user
from huxue.models import Assignment, Attendance, AttendanceStatus, Person, Post, Roster, School
from solver.limits import LIMITS

MAX_MINUTES_LATE = int(LIMITS["minutes_late"].high)

STATUS_WORDS: dict[str, AttendanceStatus] = {}
for _status, _words in (
    (AttendanceStatus.PRESENT, ("到岗", "到", "present", "p", "√", "✓")),
    (AttendanceStatus.LATE, ("迟到", "迟", "late", "l")),
    (AttendanceStatus.ABSENT, ("缺岗", "缺", "absent", "a", "×", "✗")),
    (AttendanceStatus.EXCUSED, ("请假", "假", "excused", "e")),
    (AttendanceStatus.SUBSTITUTED, ("替岗", "替", "substituted", "s")),
):
    for _word in (*_words, _status.value):
        STATUS_WORDS[_word] = _status


def parse_status(text: str) -> AttendanceStatus:
    """到岗/迟到/缺岗/请假/替岗, their English names, or the one-letter keys P L A E S."""
    status = STATUS_WORDS.get(text.strip().lower())
    if status is None:
        raise AttendanceError("bad_status", status=text.strip())
    return status


@dataclass(frozen=True)
class Entry:
    """What a clerk records for one duty.

    `seen_version` is the version of the record the clerk saw (0: none yet); a different stored
    version is a conflict. None skips the check (a file import overwrites, with audit entries).
    """

    session_key: str
    person_id: int
    status: str
    minutes_late: int = 0
    substitute_id: int | None = None
    seen_version: int | None = None


@dataclass
class RecordResult:
    """What one recording action did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)


def _person_label(places: Places, pid: int | None) -> str:
    if pid is None or pid not in places.people:
        return str(pid)
    code, name, _, _ = places.people[pid]
    return f"{name}（{code}）"


def check_entry(entry: Entry, duties: dict[tuple[str, int], Duty], places: Places) -> None:
    """Raise `AttendanceError` when the entry cannot be recorded against these duties."""
    duty = duties.get((entry.session_key, entry.person_id))
    if duty is None:
        version = max((d.roster_version for d in duties.values()), default=0)
        raise AttendanceError(
            "no_duty",
            person=_person_label(places, entry.person_id),
            session=entry.session_key,
            version=version,
        )
    try:
        status = AttendanceStatus(entry.status)
    except ValueError:
        raise AttendanceError("bad_status", status=entry.status) from None
    if status == AttendanceStatus.LATE and not 0 < entry.minutes_late <= MAX_MINUTES_LATE:
        raise AttendanceError("late_minutes", most=MAX_MINUTES_LATE)
    if entry.minutes_late and status not in (AttendanceStatus.LATE, AttendanceStatus.SUBSTITUTED):
        raise AttendanceError("minutes_not_allowed")
    if not 0 <= entry.minutes_late <= MAX_MINUTES_LATE:
        raise AttendanceError("late_minutes", most=MAX_MINUTES_LATE)
    if status == AttendanceStatus.SUBSTITUTED:
        if entry.substitute_id is None:
            raise AttendanceError("substitute_missing")
        if entry.substitute_id not in places.people:
            raise AttendanceError("unknown_person", person=entry.substitute_id)
        if entry.substitute_id == entry.person_id:
            raise AttendanceError("substitute_self")
        if (entry.session_key, entry.substitute_id) in duties:
            raise AttendanceError(
                "substitute_on_duty", person=_person_label(places, entry.substitute_id)
            )
    elif entry.substitute_id is not None:
        raise AttendanceError("substitute_not_allowed")


def _snapshot(row: Attendance) -> dict[str, object]:
    return {
        "status": row.status,
        "minutes_late": row.minutes_late,
        "substitute_id": row.substitute_id,
        "version": row.version,
    }


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def record_attendance(
    session: Session,
    week_start: dt.date,
    station_id: int,
    entries: Sequence[Entry],
    who: str | None = None,
) -> RecordResult:
    """Record entries for a station's week, all or nothing: every entry is checked before any is
    written. The caller commits (one transaction per user action)."""
    who = who or current_user()
    places = load_places(session)
    duties = {
        (d.session_key, d.person_id): d
        for d in published_duties(
            session, week_start, week_start + dt.timedelta(days=6), station_id=station_id
        )
        if d.station_id == station_id
    }
    if not duties:
        rosters = published_rosters(session, week_start, week_start, station_id)
        if (week_start, station_id) not in rosters:
            raise AttendanceError(
                "not_published",
                week=week_start.isoformat(),
                station=places.stations.get(station_id, ("?", "?"))[1],
            )
    for entry in entries:
        check_entry(entry, duties, places)
    keys = [(e.session_key, e.person_id) for e in entries]
    existing = {
        (row.session_key, row.person_id): row
        for row in session.exec(
            select(Attendance).where(
                Attendance.week_start == week_start,
                Attendance.station_id == station_id,
                col(Attendance.session_key).in_({k for k, _ in keys}),
            )
        ).all()
    }
    for entry in entries:
        row = existing.get((entry.session_key, entry.person_id))
        stored = row.version if row is not None else 0
        if entry.seen_version is not None and entry.seen_version != stored:
            raise AttendanceError(
                "conflict",
                person=_person_label(places, entry.person_id),
                session=entry.session_key,
                by=row.recorded_by if row is not None else "?",
            )
    result = RecordResult()
    now = _now()
    station_code = places.stations.get(station_id, ("?", ""))[0]
    for entry in entries:
        duty = duties[(entry.session_key, entry.person_id)]
        row = existing.get((entry.session_key, entry.person_id))
        minutes = entry.minutes_late
        after = {
            "status": entry.status,
            "minutes_late": minutes,
            "substitute_id": entry.substitute_id,
        }
        if row is not None:
            before = _snapshot(row)
            if all(before[k] == v for k, v in after.items()):
                result.unchanged += 1
                continue
            row.status, row.minutes_late = entry.status, minutes
            row.substitute_id = entry.substitute_id
            row.roster_version = duty.roster_version
            row.recorded_by, row.recorded_at = who[:60], now
            row.version += 1
            result.updated += 1
        else:
            before = {}
            row = Attendance(
                week_start=week_start,
                station_id=station_id,
                roster_version=duty.roster_version,
                session_key=entry.session_key,
                person_id=entry.person_id,
                date=duty.date,
                status=entry.status,
                minutes_late=minutes,
                substitute_id=entry.substitute_id,
                recorded_by=who[:60],
                recorded_at=now,
            )
            existing[(entry.session_key, entry.person_id)] = row
            result.created += 1
        session.add(row)
        person_code = places.people[entry.person_id][0]
        audit(
            session,
            who,
            "attendance",
            f"attendance {station_code} {entry.session_key} {person_code}",
            before,
            {**after, "version": row.version, "roster_version": duty.roster_version},
        )
    session.flush()
    return result


# --------------------------------------------------------------------------------------------
# What a clerk sees: a day's duties, or a sign-in sheet's


@dataclass(frozen=True)
class DutyLine:
    """A duty with what has been recorded for it (None: nothing yet)."""

    duty: Duty
    mark: Mark | None


def duty_lines(
    session: Session,
    first: dt.date,
    last: dt.date,
    *,
    station_id: int | None = None,
    school_id: int | None = None,
    post_id: int | None = None,
) -> list[DutyLine]:
    """The published duties of a date range (a day, a week) of a station, school or post, each
    with its recorded attendance."""
    post_ids: list[int] | None = None
    if post_id is not None:
        post_ids = [post_id]
    elif school_id is not None:
        post_ids = [
            p for p in session.exec(select(Post.id).where(Post.school_id == school_id)).all() if p
        ]
    duties = published_duties(session, first, last, station_id=station_id, post_ids=post_ids)
    marks = recorded_marks(session, first, last, station_id=station_id)
    return [DutyLine(d, marks.get(d.key)) for d in duties]


def all_present(lines: Iterable[DutyLine]) -> list[Entry]:
    """Present for every line that has nothing recorded yet (the clerk's first keystroke)."""
    return [
        Entry(
            line.duty.session_key, line.duty.person_id, AttendanceStatus.PRESENT.value, 0, None, 0
        )
        for line in lines
        if line.mark is None
    ]


@dataclass
class OpenedSheet:
    """A sign-in sheet opened by its code: the post's duties of the week in the newest
    published version, and the printed duties that version no longer has."""

    code: str
    post_id: int
    station_id: int
    week_start: dt.date
    printed_version: int
    published_version: int
    lines: list[DutyLine]
    moved: list[tuple[str, int]]  # (session key, person id) printed but no longer planned

    @property
    def stale(self) -> bool:
        """True when the sheet was printed from an older version than the published one."""
        return self.printed_version < self.published_version


def open_sheet(session: Session, code: str) -> OpenedSheet:
    """The duties behind a typed sheet code; refused for an unknown post, a week without a
    published roster, or a sheet printed from a draft that was never published."""
    ref = parse_sheet_code(code)
    post = session.get(Post, ref.post_id)
    if post is None or post.id is None:
        raise AttendanceError("unknown_post", code=code.strip())
    school = session.get(School, post.school_id)
    assert school is not None
    station_id = school.station_id
    rosters = published_rosters(session, ref.week_start, ref.week_start, station_id)
    published = rosters.get((ref.week_start, station_id))
    places = load_places(session)
    if published is None:
        raise AttendanceError(
            "not_published",
            week=ref.week_start.isoformat(),
            station=places.stations.get(station_id, ("?", "?"))[1],
        )
    if ref.version > published[1]:
        raise AttendanceError(
            "draft_sheet", code=code.strip(), version=ref.version, published=published[1]
        )
    lines = duty_lines(
        session,
        ref.week_start,
        ref.week_start + dt.timedelta(days=6),
        station_id=station_id,
        post_id=post.id,
    )
    moved: list[tuple[str, int]] = []
    if ref.version < published[1]:
        printed = session.exec(
            select(Assignment.session_key, Assignment.person_id)
            .join(Roster, col(Roster.id) == col(Assignment.roster_id))
            .where(
                Roster.week_start == ref.week_start,
                Roster.station_id == station_id,
                Roster.version == ref.version,
                Assignment.post_id == post.id,
            )
        ).all()
        now = {(line.duty.session_key, line.duty.person_id) for line in lines}
        moved = sorted((k, p) for k, p in printed if (k, p) not in now)
    return OpenedSheet(
        code=sheet_code(post.id, ref.week_start, ref.version),
        post_id=post.id,
        station_id=station_id,
        week_start=ref.week_start,
        printed_version=ref.version,
        published_version=published[1],
        lines=lines,
        moved=moved,
    )


def duty_scope(session: Session, session_key: str) -> tuple[dt.date, int, str]:
    """The (week start, station id, the key as stored) of a session key ("post/date/kind")
    typed in any case."""
    parts = session_key.split("/")
    post = (
        session.exec(select(Post).where(func.lower(col(Post.code)) == parts[0].lower())).first()
        if len(parts) >= 3
        else None
    )
    try:
        day = dt.date.fromisoformat(parts[1]) if len(parts) >= 3 else None
    except ValueError:
        day = None
    if post is None or day is None:
        raise AttendanceError("no_duty", person="—", session=session_key, version="—")
    school = session.get(School, post.school_id)
    assert school is not None
    return monday(day), school.station_id, "/".join([post.code, *(p.lower() for p in parts[1:])])


def person_id_by_code(session: Session, code: str) -> int:
    """The id of the person with a code (any case), or an `AttendanceError`."""
    pid = session.exec(
        select(Person.id).where(func.lower(col(Person.code)) == code.strip().lower())
    ).first()
    if pid is None:
        raise AttendanceError("unknown_person", person=code.strip())
    return pid
