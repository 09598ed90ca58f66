"""Phone numbers on sheets and exports that leave the station.

Sheets and files meant for schools show phone numbers masked unless the planner asks for full
contacts; the school's responsible officer's work phone is the one number a school needs, so it
is printed in full on that school's sheet.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"\d")
_MOBILE = re.compile(r"^(?P<prefix>(?:\+?86[\s-]?)?)(?P<number>1\d{2}[\s-]?\d{4}[\s-]?\d{4})$")
# Mainland area codes: 010, 02X, and 0XXX; the local number has 7 or 8 digits.
_LANDLINE = re.compile(
    r"^(?P<prefix>(?:\+?86[\s-]?)?)\(?(?P<area>0?(?:10|2\d|[3-9]\d{2}))\)?[\s-]?"
    r"(?P<local>\d{7,8})(?P<ext>(?:\s*(?:-|转|ext\.?|x)\s*\d{1,6})?)$",
    re.IGNORECASE,
)


def _mask_digits(text: str, keep_last: int) -> str:
    """Replace every digit of `text` but the last `keep_last` with '*', keeping separators."""
    total = len(_DIGITS.findall(text))
    seen = 0
    out = []
    for ch in text:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen > total - keep_last else "*")
        else:
            out.append(ch)
    return "".join(out)


def mask_phone(phone: str) -> str:
    """A phone number with its middle hidden.

    Mobile: ``13812345678`` → ``138****5678`` (a +86 prefix is kept). Landline: the area code
    and the last four digits stay, ``0592-6012345`` → ``0592-***2345``, an extension is hidden
    too. An internal short number keeps only its last two digits, ``66123`` → ``***23``. Any
    other text keeps its last four digits (last two when it has fewer than seven).
    """
    text = phone.strip()
    if not text:
        return ""
    compact = re.sub(r"\s+", " ", text)
    mobile = _MOBILE.match(compact)
    if mobile:
        digits = re.sub(r"\D", "", mobile["number"])
        return f"{mobile['prefix']}{digits[:3]}****{digits[-4:]}"
    landline = _LANDLINE.match(compact)
    if landline:
        area = landline["area"]
        area = area if area.startswith("0") else "0" + area
        local = landline["local"]
        masked = "*" * (len(local) - 4) + local[-4:]
        ext = landline["ext"]
        ext_masked = _mask_digits(ext, 0) if ext else ""
        return f"{landline['prefix']}{area}-{masked}{ext_masked}"
    count = len(_DIGITS.findall(compact))
    if count == 0:
        return compact
    if count <= 6:
        return _mask_digits(compact, min(2, count - 1))
    return _mask_digits(compact, 4)


def shown_phone(phone: str, *, full: bool) -> str:
    """The phone as a sheet shows it: in full when `full`, else masked."""
    return phone.strip() if full else mask_phone(phone)
