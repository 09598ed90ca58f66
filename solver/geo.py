"""Geography: distances on the Earth and the coordinate systems of Chinese map apps.

Locations are WGS-84 (GPS) degrees everywhere in Huxue. Chinese map apps show GCJ-02 (Amap,
Tencent) or BD-09 (Baidu) coordinates; the published WGS-84 ⇄ GCJ-02 ⇄ BD-09 formulas convert
them, and their inverses are solved numerically to well below a millimetre.
"""

from __future__ import annotations

import math
from collections.abc import Callable

EARTH_RADIUS_KM = 6371.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (Earth radius 6371.0 km)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlam = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlam / 2) ** 2
    root = math.sqrt(h)
    return 2 * EARTH_RADIUS_KM * math.asin(root if root < 1.0 else 1.0)


_A = 6378245.0  # Krasovsky 1940 semi-major axis used by GCJ-02
_EE = 0.00669342162296594323  # its first eccentricity squared
_X_PI = math.pi * 3000.0 / 180.0


def out_of_china(lat: float, lon: float) -> bool:
    """True outside the rough box where GCJ-02 shifts coordinates (there it equals WGS-84)."""
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _transform_lat(x: float, y: float) -> float:
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x: float, y: float) -> float:
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3
    return ret


def wgs84_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """GPS coordinates as Chinese map apps (GCJ-02) show them."""
    if out_of_china(lat, lon):
        return lat, lon
    d_lat = _transform_lat(lon - 105.0, lat - 35.0)
    d_lon = _transform_lon(lon - 105.0, lat - 35.0)
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return lat + d_lat, lon + d_lon


def gcj02_to_bd09(lat: float, lon: float) -> tuple[float, float]:
    """GCJ-02 coordinates as Baidu Maps (BD-09) shows them."""
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _X_PI)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


def _invert(
    forward: Callable[[float, float], tuple[float, float]], lat: float, lon: float
) -> tuple[float, float]:
    """Solve forward(x) = (lat, lon) by fixed-point iteration; the shifts are smooth and small,
    so a few steps reach far below a millimetre (the closed 'inverse' formulas err by metres)."""
    guess_lat, guess_lon = lat, lon
    for _ in range(30):
        f_lat, f_lon = forward(guess_lat, guess_lon)
        d_lat, d_lon = f_lat - lat, f_lon - lon
        guess_lat -= d_lat
        guess_lon -= d_lon
        if abs(d_lat) < 1e-11 and abs(d_lon) < 1e-11:
            break
    return guess_lat, guess_lon


def gcj02_to_wgs84(lat: float, lon: float) -> tuple[float, float]:
    """GCJ-02 (Amap, Tencent) coordinates as GPS (WGS-84)."""
    return _invert(wgs84_to_gcj02, lat, lon)


def bd09_to_gcj02(lat: float, lon: float) -> tuple[float, float]:
    """BD-09 (Baidu) coordinates as GCJ-02."""
    return _invert(gcj02_to_bd09, lat, lon)


def to_wgs84(lat: float, lon: float, system: str) -> tuple[float, float]:
    """Coordinates in `system` ("WGS-84", "GCJ-02" or "BD-09") as WGS-84."""
    if system == "WGS-84":
        return lat, lon
    if system == "GCJ-02":
        return gcj02_to_wgs84(lat, lon)
    if system == "BD-09":
        return gcj02_to_wgs84(*bd09_to_gcj02(lat, lon))
    raise ValueError(f"unknown coordinate system {system!r}")


def travel_minutes_for(distance_km: float, road_factor: float, speed: float) -> int:
    """Travel minutes by DESIGN.md's rule: `ceil(round(distance × road_factor / speed × 60,
    6))` (here, beside the distance, so the patrol planner and the rules share it)."""
    return math.ceil(round(distance_km * road_factor / speed * 60, 6))
