"""Stored rosters: one per week and station, each publish freezing a new version.

The current roster of a week for a station is its newest version; a published version is never
edited in place (later edits go to a new draft version, with audit entries).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NamedTuple

from sqlmodel import Session, col, select

from huxue.models import Assignment, Roster


def current_roster(session: Session, week_start: dt.date, station_id: int) -> Roster | None:
    """The newest version of the week's roster for a station, or None."""
    query = (
        select(Roster)
        .where(Roster.week_start == week_start, Roster.station_id == station_id)
        .order_by(col(Roster.version).desc())
    )
    return session.exec(query).first()


def week_rosters(session: Session, week_start: dt.date) -> list[Roster]:
    """The current roster of every station that has one for the week, by station id."""
    newest: dict[int | None, Roster] = {}
    for roster in session.exec(select(Roster).where(Roster.week_start == week_start)).all():
        kept = newest.get(roster.station_id)
        if kept is None or roster.version > kept.version:
            newest[roster.station_id] = roster
    return sorted(newest.values(), key=lambda r: r.station_id or 0)


def roster_assignments(session: Session, roster_ids: Sequence[int]) -> list[Assignment]:
    """The assignments of the given rosters, by date, start and session."""
    if not roster_ids:
        return []
    query = select(Assignment).where(col(Assignment.roster_id).in_(list(roster_ids)))
    rows = list(session.exec(query).all())
    rows.sort(key=lambda a: (a.date, a.start, a.session_key, a.person_id))
    return rows


class RosterDuty(NamedTuple):
    """One assignment as the views and the solver's documents read it."""

    session_key: str
    person_id: int
    pinned: bool
    source: str


def roster_duties(session: Session, roster_ids: Sequence[int]) -> list[RosterDuty]:
    """The assignments of the given rosters as `RosterDuty` rows, in `roster_assignments`'
    order (sorted by the database: ISO dates and times sort as their values do). Reads only
    the four columns a view needs: a district week's roster loads in milliseconds."""
    if not roster_ids:
        return []
    query = (
        select(Assignment.session_key, Assignment.person_id, Assignment.pinned, Assignment.source)
        .where(col(Assignment.roster_id).in_(list(roster_ids)))
        .order_by(
            col(Assignment.date),
            col(Assignment.start),
            col(Assignment.session_key),
            col(Assignment.person_id),
        )
    )
    return [RosterDuty(*row) for row in session.exec(query).all()]
