"""Phone numbers: one rule for what a person's phone may be and how it is stored (the
masking on sheets for schools, `huxue.privacy`, reads numbers with it too).

Mobile and landline numbers are read by `phonenumbers` for region CN, so the ways people write
them (``+86 138 1234 5678``, ``(0592)6012345``, ``0592 601 2345``) all count; they are stored
as ``13812345678`` and ``0592-6012345``. An internal short number (3–6 digits, the station's
own exchange) is our own rule: it means nothing outside the station.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumber, PhoneNumberType

from huxue.errors import FieldError

REGION = "CN"
SHORT_NUMBER = re.compile(r"\d{3,6}")
_SPACES = re.compile(r"\s+")
# What a written number may hold: phonenumbers would read letters as keypad digits.
_PHONE_TEXT = re.compile(r"[\d\s+\-()（）.]+")
_MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


@dataclass(frozen=True)
class Phone:
    """A valid phone number: its kind, its stored text, and a landline's area code."""

    kind: str  # "mobile", "landline", "short" or "none" (empty)
    stored: str
    area: str = ""  # a landline's area code with its leading 0
    local: str = ""  # a landline's local number, a mobile's eleven digits


# A national number written with digits and separators only: 138…, or 0 and an area code.
_NATIONAL = re.compile(r"(?:1[3-9]\d{9}|0[1-9]\d{8,10})")
_SEPARATORS = re.compile(r"[\s\-()（）]")


def _read(text: str) -> PhoneNumber | None:
    """`text` as a CN number. The plain national forms (digits with separators) skip the
    library's general parser, its costly part, and get what it would make of them: the
    national number without the trunk prefix 0."""
    digits = _SEPARATORS.sub("", text)
    if _NATIONAL.fullmatch(digits):
        national = digits[1:] if digits.startswith("0") else digits
        return PhoneNumber(country_code=86, national_number=int(national))
    try:
        return phonenumbers.parse(text, REGION)
    except NumberParseException:
        return None


@functools.lru_cache(maxsize=4096)  # an import checks each row's phone twice (cell, record)
def _parse_cn(text: str) -> Phone | None:
    number = _read(text)
    if number is None or number.country_code != 86 or number.extension:
        return None
    # For a +86 number, a known type is what is_valid_number checks (at twice the cost).
    kind = phonenumbers.number_type(number)
    national = str(number.national_number)
    if kind in _MOBILE_TYPES:
        return Phone("mobile", national, local=national)
    if kind != PhoneNumberType.FIXED_LINE:
        return None
    cut = phonenumbers.length_of_geographical_area_code(number)
    if not cut:
        return None
    area, local = "0" + national[:cut], national[cut:]
    return Phone("landline", f"{area}-{local}", area, local)


def parse_phone(text: str) -> Phone | None:
    """The phone `text` writes, or None when it is not a mobile, landline or short number."""
    value = _SPACES.sub("", text.strip())
    if not value:
        return Phone("none", "")
    if SHORT_NUMBER.fullmatch(value):
        return Phone("short", value, local=value)
    if not _PHONE_TEXT.fullmatch(text):
        return None
    return _parse_cn(text.strip())


def normalize_phone(text: str) -> str:
    """A phone number as stored (``(0592)6012345`` → ``0592-6012345``, ``+86`` dropped);
    text that is no phone number comes back without its spaces."""
    phone = parse_phone(text)
    return phone.stored if phone is not None else _SPACES.sub("", text.strip())


def phone_kind(text: str) -> str | None:
    """'mobile', 'landline' or 'short' for a valid phone number, else None (empty: 'none')."""
    phone = parse_phone(text)
    return None if phone is None else phone.kind


def validate_phone(text: str, field: str = "phone") -> str:
    """The phone number as stored; `FieldError` (rule ``phone``) when it is none."""
    phone = parse_phone(text)
    if phone is None:
        raise FieldError(
            field,
            "phone",
            f"{text!r} is not a mobile number (13812345678), a landline with area code "
            "(0592-1234567) or an internal short number (3–6 digits)",
            value=text,
        )
    return phone.stored
