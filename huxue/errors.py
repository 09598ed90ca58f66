"""Errors the CLI and the GUI turn into clear messages."""


class HuxueError(Exception):
    """Base class of the errors Huxue reports to a user without a traceback."""


class InputError(HuxueError):
    """Unusable input: unreadable file, wrong format, unknown ids, invalid values (CLI exit 2)."""


class DatabaseError(HuxueError):
    """The database cannot be used: too new, unreachable, or holding data where none is allowed."""
