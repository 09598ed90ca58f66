"""A week's roster versions side by side: what changed between two, and the audit trail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from huxue.models import AuditEntry, Person, Roster
from huxue.rosters import roster_assignments


@dataclass(frozen=True)
class Change:
    """One pair that differs between two rosters."""

    session_key: str
    person_code: str
    person_name: str


@dataclass
class RosterDiff:
    """What changed between two rosters of a week: removed, added, and moves of one person
    from one session to another on the same day."""

    removed: list[Change] = field(default_factory=list)
    added: list[Change] = field(default_factory=list)
    moved: list[tuple[Change, Change]] = field(default_factory=list)

    @property
    def people(self) -> list[str]:
        """Codes of everyone the changes touch."""
        codes = {c.person_code for c in self.removed + self.added}
        return sorted(codes)


def diff_pairs(
    session: Session, before: Iterable[tuple[str, int]], after: Iterable[tuple[str, int]]
) -> RosterDiff:
    """Compare two sets of (session key, person id) pairs."""
    before_set, after_set = set(before), set(after)
    ids = {p for _, p in before_set | after_set}
    people = {p.id: p for p in session.exec(select(Person).where(col(Person.id).in_(ids))).all()}

    def change(key: str, pid: int) -> Change:
        person = people[pid]
        return Change(key, person.code, person.name)

    diff = RosterDiff(
        removed=[change(k, p) for k, p in sorted(before_set - after_set)],
        added=[change(k, p) for k, p in sorted(after_set - before_set)],
    )
    for gone in diff.removed:
        day = gone.session_key.split("/")[1] if "/" in gone.session_key else ""
        for new in diff.added:
            if new.person_code == gone.person_code and f"/{day}/" in new.session_key:
                diff.moved.append((gone, new))
                break
    return diff


def compare_rosters(session: Session, old_id: int, new_id: int) -> RosterDiff:
    """What changed between two stored rosters (versions of one week, say)."""
    old = roster_assignments(session, [old_id])
    new = roster_assignments(session, [new_id])
    return diff_pairs(
        session,
        [(a.session_key, a.person_id) for a in old],
        [(a.session_key, a.person_id) for a in new],
    )


def roster_versions(session: Session, week_start: dt.date, station_id: int) -> list[Roster]:
    """Every version of a week's roster for a station, oldest first."""
    query = (
        select(Roster)
        .where(Roster.week_start == week_start, Roster.station_id == station_id)
        .order_by(col(Roster.version))
    )
    return list(session.exec(query).all())


def audit_entries(session: Session, limit: int = 500) -> list[AuditEntry]:
    """The newest audit entries first."""
    query = select(AuditEntry).order_by(col(AuditEntry.at).desc()).limit(limit)
    return list(session.exec(query).all())
