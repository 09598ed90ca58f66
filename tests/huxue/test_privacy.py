"""Phone masking on sheets and exports meant for schools."""

from __future__ import annotations

import pytest

from huxue.privacy import mask_phone, shown_phone


@pytest.mark.parametrize(
    ("phone", "masked"),
    [
        ("13812345678", "138****5678"),
        ("138 1234 5678", "138****5678"),
        ("138-1234-5678", "138****5678"),
        ("+86 13812345678", "+86 138****5678"),
        ("0592-6012345", "0592-***2345"),
        ("(0592)6012345", "0592-***2345"),
        ("010-12345678", "010-****5678"),
        ("021-60123456", "021-****3456"),
        ("0592-6012345-801", "0592-***2345-***"),
        ("0592-6012345转801", "0592-***2345转***"),
        ("66123", "***23"),
        ("6688", "**88"),
        ("", ""),
        ("  ", ""),
        ("无", "无"),
    ],
)
def test_mask_phone(phone: str, masked: str) -> None:
    assert mask_phone(phone) == masked


def test_masked_numbers_keep_few_digits() -> None:
    for phone in ("13812345678", "0592-6012345", "66123", "+1 415 555 0123"):
        shown = mask_phone(phone)
        digits = sum(ch.isdigit() for ch in shown)
        assert "*" in shown
        assert digits <= max(7, sum(ch.isdigit() for ch in phone) // 2 + 3)


def test_shown_phone() -> None:
    assert shown_phone(" 13812345678 ", full=True) == "13812345678"
    assert shown_phone("13812345678", full=False) == "138****5678"
