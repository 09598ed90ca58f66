"""The one phone rule: mobile and landline numbers read for region CN, short numbers our own."""

from __future__ import annotations

import pytest

from huxue.errors import FieldError
from huxue.phones import normalize_phone, parse_phone, phone_kind, validate_phone


@pytest.mark.parametrize(
    ("text", "kind", "stored"),
    [
        ("13812345678", "mobile", "13812345678"),
        ("+86 138 1234 5678", "mobile", "13812345678"),
        ("0086-13812345678", "mobile", "13812345678"),
        ("0592-6012345", "landline", "0592-6012345"),
        ("(0592)6012345", "landline", "0592-6012345"),
        ("（0592）601 2345", "landline", "0592-6012345"),
        ("05926012345", "landline", "0592-6012345"),
        ("010-12345678", "landline", "010-12345678"),
        ("021 6012 3456", "landline", "021-60123456"),
        ("6101", "short", "6101"),
        ("66 123", "short", "66123"),
        ("", "none", ""),
    ],
)
def test_valid_numbers_and_how_they_are_stored(text: str, kind: str, stored: str) -> None:
    assert phone_kind(text) == kind
    assert normalize_phone(text) == stored
    assert validate_phone(text) == stored


@pytest.mark.parametrize(
    "bad",
    ["12812345678", "1381234567", "0592 601234", "12", "1234567", "abc", "139-bad-phone"],
)
def test_other_text_is_no_phone(bad: str) -> None:
    assert parse_phone(bad) is None and phone_kind(bad) is None
    with pytest.raises(FieldError) as err:
        validate_phone(bad, "people.phone")
    assert (err.value.field, err.value.rule, err.value.params) == (
        "people.phone",
        "phone",
        {"value": bad},
    )


def test_a_landline_knows_its_area_code() -> None:
    phone = parse_phone("(0592)6012345")
    assert phone is not None and (phone.area, phone.local) == ("0592", "6012345")


def test_the_plain_forms_read_as_the_library_reads_them() -> None:
    """The shortcut for digits-and-separators numbers agrees with phonenumbers' own parser."""
    import random

    import phonenumbers

    from huxue.phones import _read

    rng = random.Random(7)
    texts = [f"1{rng.randint(3, 9)}{rng.randint(0, 999_999_999):09d}" for _ in range(300)]
    texts += [f"0{rng.randint(10, 999)}-{rng.randint(10**6, 10**8 - 1)}" for _ in range(300)]
    texts += ["(0592)6012345", "010 1234 5678", "05926012345"]
    for text in texts:
        fast, full = _read(text), phonenumbers.parse(text, "CN")
        assert fast is not None
        assert (fast.country_code, fast.national_number) == (
            full.country_code,
            full.national_number,
        ), text
