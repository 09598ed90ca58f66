"""Which stations' sheets were printed before their week's roster changed, and must go out again.

Printing or exporting a week's sheets leaves an audit entry per station the output covered
(action ``print`` or ``export``, entity ``sheets <week> <station code>``), with the roster's
version and status at that moment. A station's sheets are out of date when its week's roster
has a later audit entry (a repair, a manual edit or a new version of a published roster, a
publish) or a different version than the one printed. A station whose sheets were never printed
is not listed here: the overview's other to-dos cover that.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlmodel import Session, col, or_, select

from huxue.audit import audit
from huxue.codes import match_code
from huxue.models import AuditEntry, Person, Post, School, Station
from huxue.rosters import week_rosters

OUTPUT_ACTIONS = ("print", "export")


def _sheets_entity(week_start: dt.date, code: str) -> str:
    return f"sheets {week_start.isoformat()} {code}"


def _roster_entities(week_start: dt.date, code: str) -> tuple[str, str]:
    """The audit entities of a station's week roster: exact, and the prefix of its versions."""
    base = f"roster {week_start.isoformat()} {code}"
    return base, f"{base} v"


def covered_stations(
    session: Session,
    *,
    station: str | None = None,
    school: str | None = None,
    person: str | None = None,
    post: str | None = None,
) -> list[int]:
    """The stations whose sheets an output with this selection holds (all for none); codes
    match as on the command line (case aside); an unknown code covers nothing."""
    if post:
        rows = session.exec(select(Post.code, School.station_id).join(School)).all()
        found = match_code(((c, sid) for c, sid in rows), post)
        return [] if found is None else [found]
    if school:
        found = match_code(session.exec(select(School.code, School.station_id)).all(), school)
        return [] if found is None else [found]
    if person:
        found = match_code(session.exec(select(Person.code, Person.station_id)).all(), person)
        return [] if found is None else [found]
    pairs = [(c, i) for c, i in session.exec(select(Station.code, Station.id)).all() if i]
    if station:
        found = match_code(pairs, station)
        return [] if found is None else [found]
    return [i for _c, i in pairs]


def record_output(
    session: Session,
    week_start: dt.date,
    station_ids: Iterable[int],
    action: str,
    what: str,
    who: str | None = None,
) -> int:
    """Leave a ``print``/``export`` audit entry per station with the version of its current
    roster (the caller commits, after the files are written); returns how many."""
    if action not in OUTPUT_ACTIONS:
        raise ValueError(f"unknown output action {action!r}")
    rosters = {r.station_id: r for r in week_rosters(session, week_start)}
    count = 0
    for sid in sorted(set(station_ids)):
        station = session.get(Station, sid)
        if station is None:
            continue
        roster = rosters.get(sid) or rosters.get(None)
        audit(
            session,
            who,
            action,
            _sheets_entity(week_start, station.code),
            {},
            {
                "what": what,
                "version": roster.version if roster else None,
                "status": roster.status if roster else None,
            },
        )
        count += 1
    return count


@dataclass(frozen=True)
class Reprint:
    """A station whose printed sheets no longer match its roster."""

    station_id: int
    station_name: str
    printed_at: dt.datetime
    printed_version: int | None
    version: int | None


def stations_to_reprint(
    session: Session,
    week_start: dt.date,
    current_versions: Mapping[int, int | None],
) -> list[Reprint]:
    """Stations (of `current_versions`: station id → its current roster version) whose sheets
    for the week were printed or exported before their roster last changed."""
    if not current_versions:
        return []
    stations = {
        s.id: s
        for s in session.exec(
            select(Station).where(col(Station.id).in_(list(current_versions)))
        ).all()
        if s.id is not None
    }
    out: list[Reprint] = []
    for sid in sorted(stations, key=lambda i: stations[i].code):
        station = stations[sid]
        last = session.exec(
            select(AuditEntry)
            .where(
                col(AuditEntry.action).in_(OUTPUT_ACTIONS),
                AuditEntry.entity == _sheets_entity(week_start, station.code),
            )
            .order_by(col(AuditEntry.id).desc())
            .limit(1)
        ).first()
        if last is None or last.id is None:
            continue
        try:
            printed_version = json.loads(last.after_json or "{}").get("version")
        except (ValueError, AttributeError):
            printed_version = None
        exact, prefix = _roster_entities(week_start, station.code)
        changed = session.exec(
            select(AuditEntry.id)
            .where(
                col(AuditEntry.id) > last.id,
                col(AuditEntry.action).not_in(OUTPUT_ACTIONS),
                or_(
                    AuditEntry.entity == exact,
                    col(AuditEntry.entity).startswith(prefix, autoescape=True),
                ),
            )
            .limit(1)
        ).first()
        version = current_versions.get(sid)
        if changed is not None or printed_version != version:
            out.append(Reprint(sid, station.name, last.at, printed_version, version))
    return out
