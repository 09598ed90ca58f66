"""Errors the CLI and the GUI turn into clear messages."""

from __future__ import annotations

from typing import Any


class HuxueError(Exception):
    """Base class of the errors Huxue reports to a user without a traceback."""


class InputError(HuxueError):
    """Unusable input: unreadable file, wrong format, unknown ids, invalid values (CLI exit 2)."""


class DatabaseError(HuxueError):
    """The database cannot be used: too new, unreachable, or holding data where none is allowed."""


class FieldError(InputError):
    """An invalid value: `field` names it, `rule` says which rule it breaks, `params` the values.

    Rules: ``required``, ``duplicate``, ``unknown``, ``range``, ``time_format``,
    ``end_before_start``, ``overlap``, ``need_order``, ``phone``, ``in_use``, ``outside_term``,
    ``location_pair`` (a latitude without a longitude, or the reverse), ``too_long`` (longer
    than the column holds).
    """

    def __init__(self, field: str, rule: str, message: str, **params: Any) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.rule = rule
        self.message = message
        self.params = params
