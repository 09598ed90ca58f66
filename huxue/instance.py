"""A week of the database as a `huxue-instance/1` document (the solver's input).

Ids in the document are the database codes: station, school, post and person codes, and session
keys from `huxue.week.session_key`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, select

from huxue.database import district, district_for_update
from huxue.i18n import pick
from huxue.models import Availability, Leave, Person, PersonSchool, Post, School, Station
from huxue.patrol_units import add_patrols
from huxue.plain_rows import plain_rows
from huxue.week import WeekExpansion, expand_week
from solver.instance import Rules, rules_to_dict

INSTANCE_FORMAT = "huxue-instance/1"

# The solver's defaults (`solver.instance.Rules`), as the district settings store them.
DEFAULT_RULES: dict[str, Any] = rules_to_dict(Rules(), weights=False)


def hhmm(value: dt.time) -> str:
    """A time as the formats' "HH:MM"."""
    return f"{value.hour:02d}:{value.minute:02d}"  # not strftime: a week formats 15,000


def district_rules(session: Session) -> dict[str, Any]:
    """The district's solver rules: the defaults overridden by the district row's settings."""
    rules = dict(DEFAULT_RULES)
    stored = district(session).rules_json or "{}"
    rules.update(json.loads(stored))
    return rules


def week_instance(
    session: Session,
    week_start: dt.date,
    station_id: int | None = None,
    *,
    expansion: WeekExpansion | None = None,
) -> dict[str, Any]:
    """The week starting on Monday `week_start` as a huxue-instance/1 dict.

    With `station_id`, only that station's schools and people; otherwise the whole district.
    `pinned` and `previous` are left empty for the caller (planning) to fill.
    """
    week = expansion or expand_week(session, week_start, station_id)
    station_query = select(Station).order_by(col(Station.code))
    if station_id is not None:
        station_query = station_query.where(Station.id == station_id)
    stations = list(session.exec(station_query).all())
    station_codes = {s.id: s.code for s in stations}
    station_places = {s.id: (s.lat, s.lon) for s in stations}

    school_where = [School.active == True]  # noqa: E712
    if station_id is not None:
        school_where.append(School.station_id == station_id)
    schools = plain_rows(session, School, *school_where, order_by=col(School.code))
    school_codes = {s.id: s.code for s in schools}
    post_ids = {s.post_id for s in week.sessions}
    posts = plain_rows(session, Post, col(Post.id).in_(post_ids)) if post_ids else []
    post_codes = {p.id: p.code for p in posts}

    people_where = [Person.active == True]  # noqa: E712
    if station_id is not None:
        people_where.append(Person.station_id == station_id)
    people = plain_rows(session, Person, *people_where, order_by=col(Person.code))
    person_ids = [p.id for p in people]
    windows: dict[int, list[dict[str, Any]]] = defaultdict(list)
    leaves: dict[int, list[dict[str, str]]] = defaultdict(list)
    preferred: dict[int, list[str]] = defaultdict(list)
    week_end = week_start + dt.timedelta(days=6)
    if person_ids:
        avail_rows = plain_rows(session, Availability, col(Availability.person_id).in_(person_ids))
        for a in sorted(avail_rows, key=lambda a: (a.weekday, a.start)):
            windows[a.person_id].append(
                {"weekday": a.weekday, "start": hhmm(a.start), "end": hhmm(a.end)}
            )
        leave_rows = plain_rows(
            session,
            Leave,
            col(Leave.person_id).in_(person_ids),
            Leave.date_from <= week_end,
            Leave.date_to >= week_start,
        )
        for leave in sorted(leave_rows, key=lambda r: r.date_from):
            leaves[leave.person_id].append(
                {"from": leave.date_from.isoformat(), "to": leave.date_to.isoformat()}
            )
        all_school_codes = dict(session.exec(select(School.id, School.code)).all())
        links = plain_rows(session, PersonSchool, col(PersonSchool.person_id).in_(person_ids))
        for link in links:
            code = all_school_codes.get(link.school_id)
            if code is not None:
                preferred[link.person_id].append(code)

    def person_entry(p: Person) -> dict[str, Any]:
        assert p.id is not None
        entry: dict[str, Any] = {
            "id": p.code,
            "name": p.name,
            "role": p.role,
            "station": station_codes[p.station_id],
            # Without a home location a person starts from their station (only the reach rule of
            # guards and volunteers uses home, and those have one).
            "lat": p.lat if p.lat is not None else station_places[p.station_id][0],
            "lon": p.lon if p.lon is not None else station_places[p.station_id][1],
            "max_per_day": p.max_per_day,
            "max_per_week": p.max_per_week,
            "available": windows.get(p.id, []),
            "leave": leaves.get(p.id, []),
            "preferred_schools": sorted(preferred.get(p.id, [])),
            "history_load": p.history_load,
        }
        return entry

    def session_entry(s: Any) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": s.key,
            "post": post_codes[s.post_id],
            "date": s.date.isoformat(),
            "kind": s.kind,
            "start": hhmm(s.start),
            "end": hhmm(s.end),
            "need": {
                "police": s.need_police,
                "officers": s.need_officers,
                "total": s.need_total,
            },
        }
        if s.follows_weekday is not None:
            entry["follows_weekday"] = s.follows_weekday
        return entry

    def post_entry(p: Post) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "id": p.code,
            "school": school_codes[p.school_id],
            "name": p.name,
            "risk": p.risk,
        }
        if p.lat is not None and p.lon is not None:
            entry["lat"], entry["lon"] = p.lat, p.lon
        return entry

    doc = {
        "format": INSTANCE_FORMAT,
        "week_start": week_start.isoformat(),
        "stations": [{"id": s.code, "name": s.name, "lat": s.lat, "lon": s.lon} for s in stations],
        "schools": [
            {
                "id": s.code,
                "name": s.name,
                "kind": s.kind,
                "station": station_codes[s.station_id],
                "lat": s.lat,
                "lon": s.lon,
            }
            for s in schools
        ],
        "posts": [post_entry(p) for p in sorted(posts, key=lambda p: p.code)],
        "sessions": [session_entry(s) for s in week.sessions],
        "people": [person_entry(p) for p in people],
        "pinned": [],
        "previous": [],
        "rules": district_rules(session),
    }
    add_patrols(session, doc)
    return doc


def set_lone_officer(
    session: Session,
    *,
    enabled: bool | None = None,
    turnout_below: float | None = None,
    weight: int | None = None,
    who: str | None = None,
) -> dict[str, Any]:
    """Change the district's lone-officer rule (`solver.lone_officer`): switch it on or off,
    set its turnout threshold or its weight (None keeps the value). The rule is checked as the
    instance format checks it (`InputError` naming the value), written in the caller's
    transaction with an audit entry, and returned as stored."""
    from huxue.audit import audit
    from huxue.errors import InputError
    from solver.fields import InstanceError
    from solver.lone_rule import load_rule, rule_to_dict

    row = district_for_update(session)  # another planner's rule switch is read, not dropped
    stored = json.loads(row.rules_json or "{}")
    before = rule_to_dict(load_rule(stored.get("lone_officer")))
    changed = dict(before)
    for key, value in (("enabled", enabled), ("turnout_below", turnout_below), ("weight", weight)):
        if value is not None:
            changed[key] = value
    try:
        after = rule_to_dict(load_rule(changed))
    except InstanceError as exc:
        raise InputError(str(exc)) from None
    if after != before:
        stored["lone_officer"] = after
        row.rules_json = json.dumps(stored, ensure_ascii=False)
        session.add(row)
        audit(session, who, "rules", "district.rules.lone_officer", before, after)
    return after


def set_response_term(
    session: Session,
    *,
    enabled: bool | None = None,
    weight: int | None = None,
    who: str | None = None,
) -> dict[str, Any]:
    """Switch the roster solve's response-time term (`solver.response_term`) on or off and set
    its weight (None keeps the value). Written in the caller's transaction with an audit entry;
    returns ``{"enabled": …, "weight": …}`` as stored. A weight outside its range is an
    `InputError` naming it."""
    from huxue.audit import audit
    from huxue.errors import InputError
    from solver.limits import in_range

    row = district_for_update(session)  # another planner's rule switch is read, not dropped
    stored = json.loads(row.rules_json or "{}")
    rules = {**DEFAULT_RULES, **stored}
    weights = dict(rules.get("weights") or {})
    before = {"enabled": bool(rules.get("response_term")), "weight": weights.get("response")}
    after = dict(before)
    if enabled is not None:
        after["enabled"] = enabled
    if weight is not None:
        if not in_range("weight", weight):
            raise InputError(
                pick(
                    f"响应时间权重 {weight} 超出范围", f"response-time weight {weight} out of range"
                )
            )
        after["weight"] = weight
    if after != before:
        stored["response_term"] = after["enabled"]
        if after["weight"] is not None:
            weights["response"] = after["weight"]
            stored["weights"] = weights
        row.rules_json = json.dumps(stored, ensure_ascii=False)
        session.add(row)
        audit(session, who, "rules", "district.rules.response_term", before, after)
    return after
