"""Synthetic `huxue-instance/1` weeks for solver tests and the benchmark (not the demo district).

Stations around Jimei; schools with staggered bells (kindergartens after primaries), posts of
risk 1–3, police/auxiliary per station, security guards at schools and volunteers nearby.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from typing import Any

WEEK = dt.date(2026, 12, 7)

BELLS = {
    # kind: [(session kind, start, end)]
    "kindergarten": [("arrival", "08:05", "08:40"), ("dismissal", "16:20", "16:55")],
    "primary": [
        ("arrival", "07:20", "07:55"),
        ("noon", "11:40", "12:10"),
        ("dismissal", "16:40", "17:20"),
    ],
    "middle": [("arrival", "07:00", "07:30"), ("dismissal", "17:30", "18:05")],
    "high": [("arrival", "06:50", "07:20"), ("evening", "21:30", "22:00")],
}
NEEDS = {1: (0, 0, 1), 2: (0, 1, 2), 3: (1, 1, 3)}


def _around(rng: random.Random, lat: float, lon: float, km: float) -> tuple[float, float]:
    r = km * math.sqrt(rng.random())
    a = rng.random() * 2 * math.pi
    return (
        round(lat + r * math.cos(a) / 111.19, 6),
        round(lon + r * math.sin(a) / (111.19 * math.cos(math.radians(lat))), 6),
    )


def make_week(
    *,
    seed: int = 0,
    stations: int = 2,
    schools_per_station: int = 6,
    police: int = 3,
    auxiliary: int = 4,
    guards_per_school: float = 0.5,
    volunteers: int = 6,
    days: int = 5,
    station_km: float = 2.5,
) -> dict[str, Any]:
    """A week as a `huxue-instance/1` dict."""
    rng = random.Random(seed)
    doc: dict[str, Any] = {
        "format": "huxue-instance/1",
        "week_start": WEEK.isoformat(),
        "stations": [],
        "schools": [],
        "posts": [],
        "sessions": [],
        "people": [],
        "pinned": [],
        "previous": [],
    }
    kinds = ["kindergarten", "primary", "primary", "middle", "high"]
    for si in range(stations):
        s_lat, s_lon = 24.58 + 0.06 * (si % 4), 118.05 + 0.07 * (si // 4)
        sid = f"S{si + 1}"
        doc["stations"].append({"id": sid, "name": f"派出所{si + 1}", "lat": s_lat, "lon": s_lon})
        school_ids = []
        for ci in range(schools_per_station):
            cid = f"{sid}C{ci + 1}"
            kind = kinds[rng.randrange(len(kinds))]
            lat, lon = _around(rng, s_lat, s_lon, station_km)
            doc["schools"].append(
                {"id": cid, "name": cid, "kind": kind, "station": sid, "lat": lat, "lon": lon}
            )
            school_ids.append((cid, kind, lat, lon))
            for pi in range(1 if rng.random() < 0.7 else 2):
                pid = f"{cid}P{pi + 1}"
                risk = rng.choice([1, 2, 2, 3])
                p_lat, p_lon = _around(rng, lat, lon, 0.2)
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
                police_need, officer_need, total_need = NEEDS[risk]
                for day in range(days):
                    date = (WEEK + dt.timedelta(days=day)).isoformat()
                    for skind, start, end in BELLS[kind]:
                        doc["sessions"].append(
                            {
                                "id": f"{pid}/{date}/{skind}",
                                "post": pid,
                                "date": date,
                                "kind": skind,
                                "start": start,
                                "end": end,
                                "need": {
                                    "police": police_need,
                                    "officers": officer_need,
                                    "total": total_need,
                                },
                            }
                        )
        for role, count in (("police", police), ("auxiliary", auxiliary)):
            for k in range(count):
                lat, lon = _around(rng, s_lat, s_lon, 1.0)
                doc["people"].append(
                    {
                        "id": f"{sid}{role[0].upper()}{k + 1}",
                        "name": f"{role}{k + 1}",
                        "role": role,
                        "station": sid,
                        "lat": lat,
                        "lon": lon,
                        "max_per_day": 3,
                        "max_per_week": 10,
                    }
                )
        n_guards = round(guards_per_school * schools_per_station)
        for k in range(n_guards):
            cid, _kind, lat, lon = school_ids[k % len(school_ids)]
            doc["people"].append(
                {
                    "id": f"{sid}G{k + 1}",
                    "name": f"guard{k + 1}",
                    "role": "security",
                    "station": sid,
                    "lat": lat,
                    "lon": lon,
                    "max_per_day": 2,
                    "max_per_week": 10,
                    "preferred_schools": [cid],
                }
            )
        for k in range(volunteers):
            lat, lon = _around(rng, s_lat, s_lon, station_km)
            weekday_windows = [
                {"weekday": d, "start": "06:30", "end": "18:30"}
                for d in range(7)
                if rng.random() < 0.7
            ]
            doc["people"].append(
                {
                    "id": f"{sid}V{k + 1}",
                    "name": f"vol{k + 1}",
                    "role": "volunteer",
                    "station": sid,
                    "lat": lat,
                    "lon": lon,
                    "max_per_day": 2,
                    "max_per_week": 4,
                    "available": weekday_windows,
                    "history_load": rng.randrange(3),
                }
            )
    return doc
