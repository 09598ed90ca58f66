"""The optional "patrols" key of `huxue-instance/1` and the `huxue-patrols/1` loop document.

```json
"patrols": [{"id": "JM-XL1", "name": "集美巡逻一组", "station": "S1", "kind": "car",
             "speed_kmh": 30, "crew": ["E7", "E8"],
             "start": {"lat": 24.60, "lon": 118.10}, "end": {"lat": 24.60, "lon": 118.10},
             "shift": {"start": "06:30", "end": "21:30"}}]
```

Readers that predate patrols ignore the key. `start`/`end` default to the unit's station,
`speed_kmh` to its kind's default, `crew` to nobody.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from solver.instance import Instance, InstanceError, format_time, parse_date, parse_time
from solver.patrol.model import DEFAULT_SPEED_KMH, UNIT_KINDS, Loop, PatrolUnit, Point, Visit

LOOPS_FORMAT = "huxue-patrols/1"


def _point(raw: Any, where: str, default: Point) -> Point:
    if raw is None:
        return default
    if not isinstance(raw, Mapping):
        raise InstanceError(f"{where}: must be an object with lat and lon")
    values = []
    for key, low, high in (("lat", -90, 90), ("lon", -180, 180)):
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InstanceError(f'{where}: "{key}" must be a number, not {value!r}')
        if not math.isfinite(value) or not low <= value <= high:
            raise InstanceError(f'{where}: "{key}" {value} is outside {low}..{high}')
        values.append(float(value))
    return Point(values[0], values[1])


def load_patrols(doc: Mapping[str, Any], instance: Instance) -> tuple[PatrolUnit, ...]:
    """The patrol units of an instance document (none when the key is absent).

    Raises `InstanceError` naming the unit for unknown stations or crew, a wrong kind, a
    non-positive speed, a bad point or shift, a duplicate id, or one person in two crews.
    """
    raw_list = doc.get("patrols")
    if raw_list is None:
        return ()
    if not isinstance(raw_list, list):
        raise InstanceError('"patrols" must be a list')
    units: list[PatrolUnit] = []
    seen: set[str] = set()
    crewed: dict[str, str] = {}
    for i, raw in enumerate(raw_list):
        if not isinstance(raw, Mapping):
            raise InstanceError(f"patrols[{i}]: must be an object")
        uid = raw.get("id")
        if not isinstance(uid, str) or not uid:
            raise InstanceError(f'patrols[{i}]: "id" must be a non-empty string')
        where = f'patrol "{uid}"'
        if uid in seen:
            raise InstanceError(f'duplicate patrol id "{uid}"')
        seen.add(uid)
        station = instance.station_by_id.get(str(raw.get("station")))
        if station is None:
            raise InstanceError(f'{where}: unknown station "{raw.get("station")}"')
        kind = raw.get("kind", "car")
        if kind not in UNIT_KINDS:
            raise InstanceError(
                f'{where}: unknown kind "{kind}" (expected {", ".join(UNIT_KINDS)})'
            )
        speed = raw.get("speed_kmh", DEFAULT_SPEED_KMH[kind])
        if isinstance(speed, bool) or not isinstance(speed, int | float) or not speed > 0:
            raise InstanceError(f'{where}: "speed_kmh" must be a positive number, not {speed!r}')
        crew = raw.get("crew", [])
        if not isinstance(crew, list) or not all(isinstance(c, str) for c in crew):
            raise InstanceError(f'{where}: "crew" must be a list of person ids')
        for person in crew:
            if person not in instance.person_by_id:
                raise InstanceError(f'{where}: unknown crew member "{person}"')
            if person in crewed:
                raise InstanceError(f'{where}: "{person}" is already in "{crewed[person]}"')
            crewed[person] = uid
        home = Point(station.lat, station.lon)
        start = _point(raw.get("start"), f"{where} start", home)
        end = _point(raw.get("end"), f"{where} end", start)
        shift = raw.get("shift") or {}
        if not isinstance(shift, Mapping):
            raise InstanceError(f'{where}: "shift" must be an object with start and end')
        shift_start = parse_time(shift.get("start", "06:30"), where, "shift.start")
        shift_end = parse_time(shift.get("end", "21:30"), where, "shift.end")
        if shift_end <= shift_start:
            raise InstanceError(f"{where}: shift end is not after its start")
        name = raw.get("name")
        units.append(
            PatrolUnit(
                uid,
                station.id,
                kind,
                float(speed),
                tuple(crew),
                start,
                end,
                shift_start,
                shift_end,
                name if isinstance(name, str) else uid,
            )
        )
    return tuple(units)


def patrols_to_list(units: Iterable[PatrolUnit]) -> list[dict[str, Any]]:
    """The "patrols" key of an instance document (inverse of `load_patrols`)."""
    return [
        {
            "id": u.id,
            "name": u.name,
            "station": u.station,
            "kind": u.kind,
            "speed_kmh": u.speed_kmh,
            "crew": list(u.crew),
            "start": {"lat": u.start.lat, "lon": u.start.lon},
            "end": {"lat": u.end.lat, "lon": u.end.lon},
            "shift": {"start": format_time(u.shift_start), "end": format_time(u.shift_end)},
        }
        for u in units
    ]


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def _seconds(value: Any, where: str) -> int:
    if not isinstance(value, str) or len(value) != 8:
        raise InstanceError(f'{where}: time must be "HH:MM:SS", not {value!r}')
    try:
        h, m, s = (int(part) for part in value.split(":"))
    except ValueError:
        raise InstanceError(f'{where}: time must be "HH:MM:SS", not {value!r}') from None
    return h * 3600 + m * 60 + s


def loops_to_dict(loops: Iterable[Loop]) -> dict[str, Any]:
    """A `huxue-patrols/1` document of planned loops."""
    return {
        "format": LOOPS_FORMAT,
        "loops": [
            {
                "unit": loop.unit,
                "station": loop.station,
                "date": loop.date.isoformat(),
                "window": loop.window,
                "depart": _clock(loop.depart_s),
                "return": _clock(loop.return_s),
                "stops": [
                    {"school": v.school, "arrival": _clock(v.arrival_s), "service_s": v.service_s}
                    for v in loop.visits
                ],
            }
            for loop in loops
        ],
    }


def load_loops(doc: Any) -> tuple[Loop, ...]:
    """Parse a `huxue-patrols/1` document (ids are checked by `check_loops`)."""
    if not isinstance(doc, Mapping) or doc.get("format") != LOOPS_FORMAT:
        raise InstanceError(f'patrol loops: format must be "{LOOPS_FORMAT}"')
    out = []
    for i, raw in enumerate(doc.get("loops") or []):
        where = f"loops[{i}]"
        if not isinstance(raw, Mapping):
            raise InstanceError(f"{where}: must be an object")
        day: dt.date = parse_date(raw.get("date"), where, "date")
        visits = tuple(
            Visit(
                str(stop.get("school")),
                _seconds(stop.get("arrival"), where),
                int(stop.get("service_s", 0)),
            )
            for stop in raw.get("stops") or []
            if isinstance(stop, Mapping)
        )
        out.append(
            Loop(
                str(raw.get("unit")),
                str(raw.get("station")),
                day,
                str(raw.get("window")),
                _seconds(raw.get("depart"), where),
                _seconds(raw.get("return"), where),
                visits,
            )
        )
    return tuple(out)
