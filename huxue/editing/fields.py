"""Typed values of the editors: the `FieldError` they raise, phone numbers, times and
windows as a planner types them."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from huxue.errors import InputError
from huxue.models import (
    SessionKind,
)

WORKDAYS = (0, 1, 2, 3, 4)
SESSION_KINDS = tuple(k.value for k in SessionKind)
SESSION_ORDER = {kind: i for i, kind in enumerate(SESSION_KINDS)}


class FieldError(InputError):
    """An invalid value: `field` names it, `rule` says which rule it breaks, `params` the values.

    Rules: ``required``, ``duplicate``, ``unknown``, ``range``, ``time_format``,
    ``end_before_start``, ``overlap``, ``need_order``, ``phone``, ``in_use``, ``outside_term``,
    ``location_pair`` (a latitude without a longitude, or the reverse).
    """

    def __init__(self, field: str, rule: str, message: str, **params: Any) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.rule = rule
        self.message = message
        self.params = params


# --- values --------------------------------------------------------------------------------

MOBILE = re.compile(r"1[3-9]\d{9}")
LANDLINE = re.compile(r"0\d{2,3}-\d{7,8}")
SHORT_NUMBER = re.compile(r"\d{3,6}")
_TIME = re.compile(r"(\d{1,2})[:：](\d{2})")
_WINDOW_SEPARATORS = re.compile(r"[;；,，\s]+")
_WINDOW = re.compile(r"(\d{1,2}[:：]\d{2})\s*[-–—~至]\s*(\d{1,2}[:：]\d{2})")


_AREA_IN_BRACKETS = re.compile(r"^[(（](0\d{2,3})[)）]-?")
_COUNTRY_CODE = re.compile(r"^(?:\+86|0086)-?(?=1[3-9]\d{9}$)")


def normalize_phone(text: str) -> str:
    """A phone number as stored: no spaces, ``(0592)1234567`` → ``0592-1234567``, a mobile's
    ``+86`` dropped. The one phone rule of the editors and the imports starts here."""
    value = re.sub(r"\s+", "", text.strip())
    value = _AREA_IN_BRACKETS.sub(r"\1-", value)
    return _COUNTRY_CODE.sub("", value)


def phone_kind(text: str) -> str | None:
    """'mobile', 'landline' or 'short' for a valid phone number, else None (empty: 'none')."""
    value = normalize_phone(text)
    if not value:
        return "none"
    if MOBILE.fullmatch(value):
        return "mobile"
    if LANDLINE.fullmatch(value):
        return "landline"
    if SHORT_NUMBER.fullmatch(value):
        return "short"
    return None


def validate_phone(text: str, field: str = "phone") -> str:
    """The phone number without spaces: mobile 1[3-9]xxxxxxxxx, 0xxx-xxxxxxx, or 3–6 digits."""
    if phone_kind(text) is None:
        raise FieldError(
            field,
            "phone",
            f"{text!r} is not a mobile number (13812345678), a landline with area code "
            "(0592-1234567) or an internal short number (3–6 digits)",
            value=text,
        )
    return normalize_phone(text)


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
