"""Cell parsers: weekdays, availability windows, phones by the one phone rule."""

from __future__ import annotations

import datetime as dt

import pytest

from huxue.imports import (
    parse_availability,
    parse_weekdays,
)


def test_parsers() -> None:
    assert parse_weekdays("周一至周五") == [0, 1, 2, 3, 4]
    assert parse_weekdays("1,3、5") == [0, 2, 4]
    assert parse_weekdays("六-日") == [5, 6]
    assert parse_weekdays("Mon") == [0]
    with pytest.raises(ValueError):
        parse_weekdays("5-1")
    windows = parse_availability("1-2 06:30-18:00；周六 08:00~12:00")
    assert windows == [
        (0, dt.time(6, 30), dt.time(18)),
        (1, dt.time(6, 30), dt.time(18)),
        (5, dt.time(8), dt.time(12)),
    ]


def test_imported_phones_follow_the_editors_rule(session, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A phone the import accepts is one the person editor can save again, as stored."""
    from huxue.imports import parse_phone
    from huxue.phones import phone_kind

    assert parse_phone("+86 138 1234 5678") == "13812345678"
    assert parse_phone("(0592)6012345") == "0592-6012345"
    assert parse_phone("05921234567") == "0592-1234567"
    for bad in ("139-bad-phone", "0592-601234", "0592-6012345转123"):
        with pytest.raises(ValueError, match="landline with area code"):
            parse_phone(bad)
    assert phone_kind(parse_phone("66123")) == "short"
