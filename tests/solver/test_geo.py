"""Geography: great-circle distances and the WGS-84 / GCJ-02 / BD-09 conversions."""

from __future__ import annotations

import pytest

from solver.geo import (
    bd09_to_gcj02,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    haversine_km,
    to_wgs84,
    wgs84_to_gcj02,
)


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine_km(a[0], a[1], b[0], b[1]) * 1000


def test_haversine_of_a_degree_of_latitude() -> None:
    assert haversine_km(24.0, 118.0, 25.0, 118.0) == pytest.approx(111.19, abs=0.01)
    assert haversine_km(24.5, 118.1, 24.5, 118.1) == 0.0


@pytest.mark.parametrize(
    "point", [(24.5786, 118.0978), (39.9087, 116.3975), (22.5431, 114.0579), (45.75, 126.63)]
)
def test_coordinate_round_trips_stay_within_a_metre(point: tuple[float, float]) -> None:
    gcj = wgs84_to_gcj02(*point)
    assert 100 < metres(gcj, point) < 1000  # the published shift: a few hundred metres
    assert metres(gcj02_to_wgs84(*gcj), point) < 1.0
    bd = gcj02_to_bd09(*gcj)
    assert metres(bd, gcj) > 100
    assert metres(bd09_to_gcj02(*bd), gcj) < 1.0
    assert metres(to_wgs84(*bd, "BD-09"), point) < 1.0
    assert metres(to_wgs84(*gcj, "GCJ-02"), point) < 1.0
    assert to_wgs84(*point, "WGS-84") == point


def test_outside_china_gcj_equals_wgs() -> None:
    assert wgs84_to_gcj02(48.85, 2.35) == (48.85, 2.35)


def test_an_unknown_system_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown coordinate system"):
        to_wgs84(24.5, 118.1, "CGCS2000")
