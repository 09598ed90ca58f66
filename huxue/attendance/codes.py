"""Sign-in sheet codes: a short code printed on each post's sign-in sheet that names the post,
the week and the roster version it was printed from, so a clerk opens the sheet's duties by
typing it.

The code is three Crockford base-32 numbers and a check character,
``<post>-<week>-<version><check>``, for example ``2F-1BX-1D``. The check character catches a
mistyped or swapped character; I, L and O typed for 1 and 0 are read as such.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from huxue.attendance.errors import AttendanceError

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {ch: i for i, ch in enumerate(_ALPHABET)}
_EPOCH = dt.date(2000, 1, 3)  # a Monday: weeks count from here
_SHAPE = re.compile(r"([0-9A-Z]+)-([0-9A-Z]+)-([0-9A-Z]+)([0-9A-Z])")


def _b32(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 32)
        digits = _ALPHABET[rest] + digits
        if not number:
            return digits


def _check(body: str) -> str:
    total = sum((i + 1) * _VALUE[ch] for i, ch in enumerate(body.replace("-", "")))
    return _ALPHABET[total % 31]  # a prime modulus: every single change and swap shows


@dataclass(frozen=True)
class SheetRef:
    """What a sheet code names."""

    post_id: int
    week_start: dt.date
    version: int


def sheet_code(post_id: int, week_start: dt.date, version: int) -> str:
    """The code printed on the sign-in sheet of a post for a week's roster version."""
    if week_start.weekday() != 0 or week_start < _EPOCH:
        raise ValueError(f"{week_start} is not a Monday after {_EPOCH}")
    body = f"{_b32(post_id)}-{_b32((week_start - _EPOCH).days // 7)}-{_b32(version)}"
    return body + _check(body)


def parse_sheet_code(text: str) -> SheetRef:
    """The post, week and version a typed code names, or an `AttendanceError` saying why not."""
    clean = re.sub(r"\s", "", text).upper().translate(str.maketrans("OIL", "011"))
    match = _SHAPE.fullmatch(clean)
    if not match or any(ch not in _VALUE for ch in clean.replace("-", "")):
        raise AttendanceError("bad_code", code=text.strip())
    body = f"{match[1]}-{match[2]}-{match[3]}"
    if _check(body) != match[4]:
        raise AttendanceError("code_check", code=text.strip())

    def number(part: str) -> int:
        value = 0
        for ch in part:
            value = value * 32 + _VALUE[ch]
        return value

    week = _EPOCH + dt.timedelta(weeks=number(match[2]))
    return SheetRef(number(match[1]), week, number(match[3]))
