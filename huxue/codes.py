"""Codes as planners type them: 警号, station and school codes match without regard to case.

An exact match wins; otherwise a code that differs only in case is taken when it is the only
one (two stored codes that differ only in case stay distinguishable by typing them exactly).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

_T = TypeVar("_T")


def match_code(rows: Iterable[tuple[str, _T]], code: str) -> _T | None:
    """The value of the row whose code is `code`, or the only one equal to it ignoring case;
    None when there is none (or several that differ only in case)."""
    wanted = code.strip()
    folded = wanted.casefold()
    loose: list[_T] = []
    for stored, value in rows:
        if stored == wanted:
            return value
        if stored.casefold() == folded:
            loose.append(value)
    return loose[0] if len(loose) == 1 else None
