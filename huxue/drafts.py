"""The week's drafts as a planner saw them: a solve, a manual edit or a publish stores only if
the rosters it started from are still as they were.

`draft_state` captures, per station, which roster is current and at which `row_version` (None:
no roster yet). `check_drafts` re-reads them — on PostgreSQL with ``SELECT … FOR UPDATE``, so
a concurrent store waits — and raises `RosterConflictError` when one moved on (another
planner's edit, solve or publish). Every change of a roster's content bumps its `row_version`
(`touch`), so the UPDATE of the roster row itself refuses a writer that lost a race;
`roster_races` turns that, and a second writer's duplicate roster or assignment row, into the
same conflict.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from huxue.errors import RosterConflictError
from huxue.models import AuditEntry, Roster, Station


@dataclass(frozen=True)
class DraftMark:
    """One station's current roster as seen: its id, row version and status."""

    roster_id: int
    row_version: int
    status: str


DraftState = Mapping[int, DraftMark | None]  # station id → mark (None: no roster yet)


def _current(session: Session, week_start: dt.date, station_id: int, lock: bool) -> Roster | None:
    query = (
        select(Roster)
        .where(Roster.week_start == week_start, Roster.station_id == station_id)
        .order_by(col(Roster.version).desc())
        .limit(1)
        .execution_options(populate_existing=True)  # the stored version, not the cached one
    )
    if lock and session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update()
    return session.exec(query).first()


def mark_of(roster: Roster | None) -> DraftMark | None:
    """The mark of a roster row (None for none)."""
    if roster is None or roster.id is None:
        return None
    return DraftMark(roster.id, roster.row_version, roster.status)


def draft_state(session: Session, week_start: dt.date, station_ids: Iterable[int]) -> DraftState:
    """Which roster is current for each station, at which version (read, not locked)."""
    return {sid: mark_of(_current(session, week_start, sid, False)) for sid in station_ids}


def roster_label(session: Session, week_start: dt.date, station_id: int) -> str:
    """The label of a station's roster of a week in conflicts ("roster 2026-12-07 JM")."""
    station = session.get(Station, station_id)
    return f"roster {week_start.isoformat()} {station.code if station else station_id}"


def last_roster_change(
    session: Session, week_start: dt.date, station_id: int
) -> tuple[str, dt.datetime | None]:
    """Who wrote the newest audit entry of the station's roster of the week, and when."""
    label = roster_label(session, week_start, station_id)
    entry = session.exec(
        select(AuditEntry)
        .where(col(AuditEntry.entity).startswith(label))
        .order_by(col(AuditEntry.at).desc(), col(AuditEntry.id).desc())
        .limit(1)
    ).first()
    return ("", None) if entry is None else (entry.who, entry.at)


def roster_conflict(
    session: Session,
    week_start: dt.date,
    station_id: int,
    seen: DraftMark | None,
    now: DraftMark | None,
) -> RosterConflictError:
    """The conflict of a station's roster that moved from `seen` to `now`."""
    who, when = last_roster_change(session, week_start, station_id)

    def side(mark: DraftMark | None) -> dict[str, object]:
        if mark is None:
            return {"roster": None}
        return {"roster": mark.roster_id, "row_version": mark.row_version, "status": mark.status}

    return RosterConflictError(
        roster_label(session, week_start, station_id),
        who=who,
        when=when,
        mine=side(seen),
        theirs=side(now),
        theirs_version=now.row_version if now else None,
        gone=now is None,
    )


def check_drafts(
    session: Session, week_start: dt.date, expected: DraftState, *, lock: bool = True
) -> dict[int, Roster | None]:
    """The current roster of each station in `expected`, locked for this transaction on
    PostgreSQL; `RosterConflictError` when one is not the roster and version expected."""
    found: dict[int, Roster | None] = {}
    for sid, seen in sorted(expected.items()):
        roster = _current(session, week_start, sid, lock)
        now = mark_of(roster)
        if now is not None and seen is not None:
            same = (now.roster_id, now.row_version) == (seen.roster_id, seen.row_version)
        else:
            same = now is None and seen is None
        if not same:
            raise roster_conflict(session, week_start, sid, seen, now)
        found[sid] = roster
    return found


def touch(session: Session, roster: Roster) -> None:
    """Bump a roster's version: its content changed (its UPDATE checks the old version)."""
    roster.row_version = roster.row_version + 1
    session.add(roster)


@contextmanager
def roster_races(
    session: Session, week_start: dt.date, station_ids: Iterable[int]
) -> Iterator[None]:
    """Turn a store that lost a race to another writer (a roster row changed meanwhile, or a
    roster or assignment row another transaction made first) into `RosterConflictError`."""
    ids = sorted(station_ids)
    try:
        yield
    except (StaleDataError, IntegrityError) as exc:
        if isinstance(exc, IntegrityError) and not _is_unique_violation(exc):
            raise
        session.rollback()
        sid = ids[0] if ids else 0
        now = mark_of(_current(session, week_start, sid, False)) if ids else None
        raise roster_conflict(session, week_start, sid, None, now) from exc


def _is_unique_violation(exc: IntegrityError) -> bool:
    text = str(exc.orig).lower()
    return "unique" in text or "duplicate key" in text
