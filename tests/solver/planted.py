"""Weeks with a known answer: built from a planted complete roster (imported by the tests and
by bench/solver_bench.py).

Each station gets schools in chains: a primary school and, within a kilometre, a
kindergarten whose bells ring 10-15 minutes later, so one officer can guard both gates in
turn. Every seat of every gate and session kind is planted for one person, the same person
all week (so the known optimum fills every seat with no extra people per gate and session
kind: cont+ 0). Officers live at their station's address (they share one location), helpers
(security and volunteers) in groups registered at one address near their school, with that
school preferred. Each planted person's daily and weekly limits are exactly their planted
load. Distractors are added: eligible people on leave all week, people available only at
night, officers of other stations; and some planted people's leave falls on days they have
no duty.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections import defaultdict
from typing import Any

WEEK = dt.date(2026, 12, 7)
DAYS = 5

# (session kind, start, end) of a chain's first and second school.
FIRST = [("arrival", 7 * 60 + 20, 7 * 60 + 55), ("dismissal", 16 * 60 + 30, 17 * 60 + 5)]
SECOND = [("arrival", 8 * 60 + 8, 8 * 60 + 40), ("dismissal", 17 * 60 + 18, 17 * 60 + 50)]
# Need (police, officers, total) by post risk: dense, two officers and two helpers at most.
NEEDS = {1: (0, 1, 2), 2: (0, 2, 3), 3: (1, 2, 4)}


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _offset(lat: float, lon: float, north_km: float, east_km: float) -> tuple[float, float]:
    return (
        round(lat + north_km / 111.19, 6),
        round(lon + east_km / (111.19 * math.cos(math.radians(lat))), 6),
    )


def planted_week(
    *, seed: int = 0, stations: int = 2, chains_per_station: int = 3, distractors: float = 0.2
) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """A `huxue-instance/1` dict and its planted roster (session id, person id) that fills
    every seat with one person per gate and session kind.

    Size: each chain has two schools of 1-2 gates; the district is about 70 stations'
    worth of chains × 2 (`stations=12, chains_per_station=12` gives ~290 schools)."""
    rng = random.Random(seed)
    doc: dict[str, Any] = {
        "format": "huxue-instance/1",
        "week_start": WEEK.isoformat(),
        "stations": [],
        "schools": [],
        "posts": [],
        "sessions": [],
        "people": [],
    }
    planted: list[tuple[str, str]] = []
    load_day: dict[str, int] = defaultdict(int)
    people: dict[str, dict[str, Any]] = {}
    dates = [(WEEK + dt.timedelta(days=d)).isoformat() for d in range(DAYS)]

    def add_person(pid: str, role: str, station: str, lat: float, lon: float, **extra: Any) -> None:
        people[pid] = {
            "id": pid,
            "name": pid,
            "role": role,
            "station": station,
            "lat": lat,
            "lon": lon,
            "available": [{"weekday": d, "start": "06:30", "end": "19:00"} for d in range(5)],
            **extra,
        }

    for si in range(stations):
        sid = f"S{si + 1}"
        s_lat, s_lon = _offset(24.55, 117.95, 7.0 * (si % 6), 7.0 * (si // 6))
        doc["stations"].append({"id": sid, "name": sid, "lat": s_lat, "lon": s_lon})
        officers: list[str] = []  # planted officers of this station, reused along chains
        for ci in range(chains_per_station):
            c_lat, c_lon = _offset(s_lat, s_lon, rng.uniform(-2.5, 2.5), rng.uniform(-2.5, 2.5))
            # One officer team per chain: the same people guard the first school's gates and
            # then, 10-15 minutes later, the second school's.
            team: dict[tuple[int, str], tuple[str, str]] = {}
            for order, bells in enumerate((FIRST, SECOND)):
                cid = f"{sid}K{ci + 1}{'ab'[order]}"
                lat, lon = _offset(c_lat, c_lon, 0.0, 0.6 * order)
                kind = "primary" if order == 0 else "kindergarten"
                doc["schools"].append(
                    {"id": cid, "name": cid, "kind": kind, "station": sid, "lat": lat, "lon": lon}
                )
                helpers_at = _offset(lat, lon, 0.3, 0.0)  # the helpers' shared address
                for gi in range(rng.choice([1, 1, 2])):
                    pid = f"{cid}G{gi + 1}"
                    risk = rng.choice([1, 2, 2, 3])
                    p_lat, p_lon = _offset(lat, lon, 0.05 * gi, 0.05 * gi)
                    doc["posts"].append(
                        {
                            "id": pid,
                            "school": cid,
                            "name": pid,
                            "risk": risk,
                            "lat": p_lat,
                            "lon": p_lon,
                        }
                    )
                    police, officer_seats, total = NEEDS[risk]
                    for skind, start, end in bells:
                        seats: list[str] = []
                        for seat in range(total):
                            if seat < officer_seats:
                                role = "police" if seat < police else "auxiliary"
                                key = (gi * 10 + seat, skind)
                                chained = team.get(key)
                                if order == 1 and chained is not None and chained[1] == role:
                                    person = chained[0]
                                else:
                                    person = f"{sid}O{len(officers) + 1}"
                                    officers.append(person)
                                    add_person(person, role, sid, s_lat, s_lon)
                                    team[key] = (person, role)
                            else:
                                role = "security" if rng.random() < 0.3 else "volunteer"
                                person = f"{pid}H{skind[0]}{seat + 1}"
                                add_person(
                                    person,
                                    role,
                                    sid,
                                    *helpers_at,
                                    preferred_schools=[cid],
                                )
                            seats.append(person)
                        for date in dates:
                            session_id = f"{pid}/{date}/{skind}"
                            doc["sessions"].append(
                                {
                                    "id": session_id,
                                    "post": pid,
                                    "date": date,
                                    "kind": skind,
                                    "start": _hhmm(start),
                                    "end": _hhmm(end),
                                    "need": {
                                        "police": police,
                                        "officers": officer_seats,
                                        "total": total,
                                    },
                                }
                            )
                            planted.extend((session_id, person) for person in seats)
                        for person in seats:
                            load_day[person] += 1
        # Distractors of this station: eligible people who cannot serve this week.
        planted_here = [p for p in people.values() if p["station"] == sid]
        for k in range(max(1, round(distractors * len(planted_here)))):
            like = rng.choice(planted_here)
            pid = f"{sid}X{k + 1}"
            add_person(pid, like["role"], sid, like["lat"], like["lon"])
            people[pid]["preferred_schools"] = list(like.get("preferred_schools", []))
            if k % 2 == 0:
                people[pid]["leave"] = [{"from": dates[0], "to": dates[-1]}]
            else:
                people[pid]["available"] = [
                    {"weekday": d, "start": "19:00", "end": "23:00"} for d in range(5)
                ]
    for pid, person in people.items():
        if pid in load_day:
            person["max_per_day"] = load_day[pid]
            person["max_per_week"] = load_day[pid] * DAYS
            if rng.random() < 0.1:  # leave on the weekend: no duty lost
                person["leave"] = [{"from": "2026-12-12", "to": "2026-12-13"}]
    doc["people"] = list(people.values())
    rng.shuffle(doc["people"])  # nothing in the list order gives the answer away
    return doc, planted


def extra_people(instance: Any, pairs: Any) -> int:
    """cont+: people at each (post, session kind) beyond its busiest day's seats, summed."""
    from solver.rules import continuity_baseline

    people_at: dict[tuple[str, str], set[str]] = defaultdict(set)
    for pair in pairs:
        session = instance.session_by_id[pair.session]
        people_at[(session.post, session.kind)].add(pair.person)
    base = continuity_baseline(instance)
    return sum(max(0, len(v) - base[k]) for k, v in people_at.items())


def officer_shortfall(instance: Any, pairs: Any) -> int:
    """Risk-weighted missing officers (police and auxiliary seats)."""
    from solver.rules import session_shortfalls

    missing = session_shortfalls(instance, pairs)
    return sum(
        instance.risk(instance.session_by_id[sid]) * m.officers for sid, m in missing.items()
    )
