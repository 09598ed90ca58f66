"""Reading JSON fields: each helper checks one value and raises `InstanceError` naming the
element and the key (shared by the instance and roster formats)."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

_TIME_RE = re.compile(r"^(\d{2}):(\d{2})$")


class InstanceError(ValueError):
    """An instance or roster that cannot be used; the message names the offending element."""


def fail(where: str, message: str) -> InstanceError:
    """An error naming where it is."""
    return InstanceError(f"{where}: {message}")


def as_object(value: Any, where: str) -> Mapping[str, Any]:
    """A JSON object."""
    if not isinstance(value, Mapping):
        raise fail(where, "must be an object")
    return value


def as_list(data: Mapping[str, Any], key: str, where: str, *, required: bool) -> list[Any]:
    """A list under `key` (absent or null: empty, unless required)."""
    if key not in data or data[key] is None:
        if required:
            raise fail(where, f'missing "{key}"')
        return []
    value = data[key]
    if not isinstance(value, list):
        raise fail(where, f'"{key}" must be a list')
    return value


def as_str(data: Mapping[str, Any], key: str, where: str) -> str:
    """A required non-empty string under `key`."""
    if key not in data:
        raise fail(where, f'missing "{key}"')
    value = data[key]
    if not isinstance(value, str) or not value:
        raise fail(where, f'"{key}" must be a non-empty string')
    return value


def as_number(value: Any, where: str, key: str) -> float:
    """A finite number."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise fail(where, f'"{key}" must be a number, not {value!r}')
    return float(value)


def as_int(
    value: Any, where: str, key: str, *, low: int | None = None, high: int | None = None
) -> int:
    """An integer (a whole float too) within `low`..`high`."""
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        else:
            raise fail(where, f'"{key}" must be an integer, not {value!r}')
    if low is not None and value < low:
        raise fail(where, f'"{key}" must be at least {low}, not {value}')
    if high is not None and value > high:
        raise fail(where, f'"{key}" must be at most {high}, not {value}')
    return int(value)


def as_location(data: Mapping[str, Any], where: str) -> tuple[float, float]:
    """Required `lat` and `lon` in range."""
    for key in ("lat", "lon"):
        if key not in data or data[key] is None:
            raise fail(where, f'missing "{key}"')
    lat = as_number(data["lat"], where, "lat")
    lon = as_number(data["lon"], where, "lon")
    if not -90 <= lat <= 90:
        raise fail(where, f'"lat" {lat} is outside -90..90')
    if not -180 <= lon <= 180:
        raise fail(where, f'"lon" {lon} is outside -180..180')
    return lat, lon


def parse_time(value: Any, where: str, key: str) -> int:
    """Parse "HH:MM" (00:00–24:00) into minutes after midnight."""
    match = _TIME_RE.match(value) if isinstance(value, str) else None
    if match is None:
        raise fail(where, f'"{key}" must be a time "HH:MM", not {value!r}')
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise fail(where, f'"{key}" is not a valid time: {value!r}')
    return hours * 60 + minutes


def format_time(minutes: int) -> str:
    """Minutes after midnight as "HH:MM"."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def parse_date(value: Any, where: str, key: str) -> dt.date:
    """Parse an ISO date "YYYY-MM-DD"."""
    if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        raise fail(where, f'"{key}" must be a date "YYYY-MM-DD", not {value!r}')
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise fail(where, f'"{key}" is not a valid date: {value!r}') from None


def unique_ids(items: Iterable[Any], kind: str) -> None:
    """Refuse a repeated id among `items`."""
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise InstanceError(f'duplicate {kind} id "{item.id}"')
        seen.add(item.id)
