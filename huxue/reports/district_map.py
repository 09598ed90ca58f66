"""What the district response map shows, as plain data for every renderer (the GUI's graphics
view, the PDF page and the PNG): stations, schools coloured by response minutes, officers'
posts and patrol loops with arrival times, for one date and peak window.

Coordinates stay WGS-84; `Projection` maps them onto a flat canvas (equirectangular around the
district's middle latitude, which is exact enough at a district's scale).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from sqlmodel import Session, select

from huxue.models import School, Station
from huxue.patrols import ResponseReport

# Response tiers and their colours (RGB): within 1, 3, 5 minutes, beyond, no officer on duty.
TIER_COLOURS = (
    (1, (0, 128, 64)),
    (3, (80, 180, 80)),
    (5, (240, 170, 0)),
)
LATE_COLOUR = (210, 40, 40)
NONE_COLOUR = (140, 140, 140)
LOOP_COLOURS = (
    (30, 90, 200),
    (150, 60, 180),
    (0, 140, 160),
    (200, 100, 20),
    (90, 90, 90),
    (20, 120, 60),
)


def response_colour(minutes: int | None) -> tuple[int, int, int]:
    """The colour of a school with this response (None: no officer on duty)."""
    if minutes is None:
        return NONE_COLOUR
    for limit, colour in TIER_COLOURS:
        if minutes <= limit:
            return colour
    return LATE_COLOUR


@dataclass(frozen=True)
class MapStation:
    code: str
    name: str
    lat: float
    lon: float


@dataclass(frozen=True)
class MapSchool:
    code: str
    name: str
    station: str
    lat: float
    lon: float
    minutes: int | None
    source: str
    in_window: bool = True  # False: no session of this peak window at this school that day


@dataclass(frozen=True)
class MapLoop:
    unit: str
    station: str
    points: tuple[tuple[float, float], ...]  # start, the stops, end
    stops: tuple[tuple[str, str], ...]  # (school code, "HH:MM") of each stop


@dataclass(frozen=True)
class MapScene:
    """One date and peak window of the district map."""

    date: dt.date | None
    window: str
    stations: tuple[MapStation, ...]
    schools: tuple[MapSchool, ...]
    posts: tuple[tuple[float, float], ...]
    loops: tuple[MapLoop, ...]

    def bounds(self) -> tuple[float, float, float, float]:
        """(south, west, north, east) around everything drawn, with a small margin."""
        lats = [s.lat for s in self.schools] + [s.lat for s in self.stations]
        lons = [s.lon for s in self.schools] + [s.lon for s in self.stations]
        if not lats:
            return 24.55, 118.0, 24.7, 118.2
        pad_lat = max(0.005, (max(lats) - min(lats)) * 0.04)
        pad_lon = max(0.005, (max(lons) - min(lons)) * 0.04)
        return min(lats) - pad_lat, min(lons) - pad_lon, max(lats) + pad_lat, max(lons) + pad_lon


@dataclass(frozen=True)
class Projection:
    """Degrees to canvas units: x east, y down, one scale for both axes."""

    south: float
    west: float
    north: float
    east: float
    scale: float  # canvas units per degree of longitude × cos(mid latitude)
    offset_x: float
    offset_y: float

    @classmethod
    def fit(
        cls, bounds: tuple[float, float, float, float], width: float, height: float
    ) -> Projection:
        """The projection that fits `bounds` into a width × height canvas, centred."""
        south, west, north, east = bounds
        k = math.cos(math.radians((south + north) / 2))
        span_x = (east - west) * k
        span_y = north - south
        scale = min(width / span_x, height / span_y)
        return cls(
            south,
            west,
            north,
            east,
            scale,
            (width - span_x * scale) / 2,
            (height - span_y * scale) / 2,
        )

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        """Canvas position of a location."""
        k = math.cos(math.radians((self.south + self.north) / 2))
        return (
            self.offset_x + (lon - self.west) * k * self.scale,
            self.offset_y + (self.north - lat) * self.scale,
        )


def _hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds // 60 % 60:02d}"


def map_scene(
    session: Session,
    report: ResponseReport,
    day: dt.date | None = None,
    window: str = "arrival",
    *,
    patrols: bool = True,
) -> MapScene:
    """The map of one date (default: the first day with this window) and peak window."""
    responses = report.with_patrols if patrols else report.roster_alone
    days = sorted({r.date for r in responses if r.window == window})
    if day is None:
        day = days[0] if days else None
    found = {r.school: r for r in responses if r.date == day and r.window == window}
    stations = tuple(
        MapStation(s.code, s.name, s.lat, s.lon)
        for s in session.exec(select(Station)).all()
        if s.lat is not None and s.lon is not None
    )
    station_codes = dict(session.exec(select(Station.id, Station.code)).all())
    schools = []
    for school in session.exec(select(School).where(School.active == True)).all():  # noqa: E712
        if school.lat is None or school.lon is None:
            continue
        r = found.get(school.code)
        schools.append(
            MapSchool(
                school.code,
                school.name,
                station_codes.get(school.station_id, ""),
                school.lat,
                school.lon,
                None if r is None else r.minutes,
                "" if r is None else r.source,
                r is not None,
            )
        )
    loops = []
    gates = report.gates
    station_places = {s.code: (s.lat, s.lon) for s in stations}
    for loop in report.loops if patrols else ():
        if loop.date != day or loop.window != window:
            continue
        start = report.unit_places.get(loop.unit, station_places.get(loop.station, (0.0, 0.0)))
        stop_points = [gates[v.school] for v in loop.visits if v.school in gates]
        loops.append(
            MapLoop(
                loop.unit,
                loop.station,
                (start, *stop_points, start),
                tuple((v.school, _hhmm(v.arrival_s)) for v in loop.visits),
            )
        )
    posts = tuple(sorted({report.post_places[p] for p in report.posts_on_duty(day, window)}))
    return MapScene(day, window, stations, tuple(schools), posts, tuple(loops))
