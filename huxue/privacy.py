"""Phone numbers on sheets and exports that leave the station.

Sheets and files meant for schools show phone numbers masked unless the planner asks for full
contacts; the school's responsible officer's work phone is the one number a school needs, so it
is printed in full on that school's sheet. Numbers are read by `huxue.phones`, the one phone
rule.
"""

from __future__ import annotations

import re

from huxue.phones import parse_phone

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d")
_EXTENSION = re.compile(r"^(?P<number>.+?)(?P<ext>\s*(?:-|转|ext\.?|x)\s*\d{1,6})$", re.IGNORECASE)
_COUNTRY_PREFIX = re.compile(r"^(?:\+86|0086)[\s-]?")


def _mask_digits(text: str, keep_last: int) -> str:
    """Every digit of `text` but the last `keep_last` as '*', separators kept."""
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
    text = _SPACES.sub(" ", phone.strip())
    if not text:
        return ""
    number, ext = text, ""
    parsed = parse_phone(text)
    if parsed is None and (split := _EXTENSION.match(text)) is not None:
        number, ext = split["number"], split["ext"]
        parsed = parse_phone(number)
    prefix_match = _COUNTRY_PREFIX.match(number) if number.startswith(("+", "00")) else None
    prefix = prefix_match.group(0) if prefix_match else ""
    if parsed is not None and parsed.kind == "mobile" and not ext:
        digits = parsed.local
        return f"{prefix}{digits[:3]}****{digits[-4:]}"
    if parsed is not None and parsed.kind == "landline":
        local = parsed.local
        hidden = "*" * (len(local) - 4) + local[-4:]
        return f"{prefix}{parsed.area}-{hidden}{_mask_digits(ext, 0)}"
    count = len(_DIGITS.findall(text))
    if count == 0:
        return text
    if count <= 6:
        return _mask_digits(text, min(2, count - 1))
    return _mask_digits(text, 4)


def shown_phone(phone: str, *, full: bool) -> str:
    """The phone as a sheet shows it: in full when `full`, else masked."""
    return phone.strip() if full else mask_phone(phone)
