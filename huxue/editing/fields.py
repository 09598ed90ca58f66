"""Typed values of the editors: times and windows as a planner types them, and the session
kinds in their order. (`FieldError` lives in `huxue.errors`, phones in `huxue.phones`.)"""

from __future__ import annotations

import datetime as dt
import re

from huxue.errors import FieldError

WORKDAYS = (0, 1, 2, 3, 4)


# --- values --------------------------------------------------------------------------------

_TIME = re.compile(r"(\d{1,2})[:：](\d{2})")
_WINDOW_SEPARATORS = re.compile(r"[;；,，\s]+")
_WINDOW = re.compile(r"(\d{1,2}[:：]\d{2})\s*[-–—~至]\s*(\d{1,2}[:：]\d{2})")


def parse_time(text: str, field: str = "time") -> dt.time:
    """``"7:20"`` or ``"07:20"`` as a time; FieldError otherwise."""
    match = _TIME.fullmatch(text.strip())
    if match is not None:
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour < 24 and minute < 60:
            return dt.time(hour, minute)
    raise FieldError(field, "time_format", f"{text!r} is not a time (HH:MM)", value=text)


def format_window(start: dt.time, end: dt.time) -> str:
    """``07:20–07:55``."""
    return f"{start:%H:%M}–{end:%H:%M}"


def parse_windows(text: str, field: str = "times") -> list[tuple[dt.time, dt.time]]:
    """Windows typed as ``07:20-07:55`` separated by ``;`` or ``,``; empty text: none.

    Each window must end after it starts; FieldError names `field` otherwise.
    """
    windows: list[tuple[dt.time, dt.time]] = []
    rest = text.strip()
    while rest:
        match = _WINDOW.match(rest)
        if match is None:
            raise FieldError(
                field, "time_format", f"{text!r} is not a list of HH:MM-HH:MM", value=text
            )
        start = parse_time(match.group(1), field)
        end = parse_time(match.group(2), field)
        if end <= start:
            raise FieldError(
                field,
                "end_before_start",
                f"{format_window(start, end)} ends before it starts",
                start=start,
                end=end,
            )
        windows.append((start, end))
        rest = _WINDOW_SEPARATORS.sub(" ", rest[match.end() :]).strip()
    return windows
