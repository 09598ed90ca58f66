"""Cell parsers: each returns the value or raises ValueError with the reason, in the core's
language."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from huxue.editing import (
    FieldError,
)
from huxue.editing.reasons import reason
from huxue.i18n import pick
from huxue.phones import validate_phone
from huxue.vocabulary import ROLE_LABELS, SCHOOL_KIND_LABELS, SESSION_LABELS

# --------------------------------------------------------------------------------------------
# Value parsers: each returns the value or raises ValueError with the reason.


_YES = {"是", "y", "yes", "true", "1", "启用", "在用", "√", "✓"}
_NO = {"否", "n", "no", "false", "0", "停用", "不启用", "×", "✗"}


def parse_bool(text: str) -> bool:
    """是/否, yes/no, 1/0, true/false."""
    low = text.strip().lower()
    if low in _YES:
        return True
    if low in _NO:
        return False
    raise ValueError(pick("不是 是/否", "not 是 or 否"))


def parse_time_of_day(text: str) -> dt.time:
    """'HH:MM' (also 'H:MM', 'HH:MM:SS', '7.20', '0720', '07：20')."""
    t = text.strip().replace("：", ":").replace(".", ":")
    match = re.fullmatch(r"(\d{1,2}):(\d{2})(?::(\d{2}))?", t) or re.fullmatch(
        r"(\d{2})(\d{2})()", t
    )
    if not match:
        raise ValueError(pick("不是时间（时:分）", "not a time HH:MM"))
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ValueError(pick("不是一天中的时间", "not a time of day"))
    return dt.time(hour, minute)


_WEEKDAY_WORDS = {
    **{ch: i for i, ch in enumerate("一二三四五六日")},
    "天": 6,
    "七": 6,
    **{name: i for i, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))},
}


def _one_weekday(token: str) -> int:
    t = token.strip().lower()
    for prefix in ("星期", "礼拜", "周"):
        t = t.removeprefix(prefix)
    if t.isdigit() and 1 <= int(t) <= 7:
        return int(t) - 1
    if t[:3] in _WEEKDAY_WORDS:
        return _WEEKDAY_WORDS[t[:3]]
    raise ValueError(pick("不是星期（1–7 或 周一…周日）", "not a weekday (1–7 or 周一…周日)"))


def parse_weekdays(text: str) -> list[int]:
    """Weekdays (0 = Monday) from '1', '周一', '1-5', '周一至周五', '1,3,5', '一、三'."""
    days: set[int] = set()
    for part in re.split(r"[,，、;；\s]+", text.strip()):
        if not part:
            continue
        ends = re.split(r"[-–~～至到]", part)
        if len(ends) == 1:
            days.add(_one_weekday(ends[0]))
        elif len(ends) == 2:
            first, last = _one_weekday(ends[0]), _one_weekday(ends[1])
            if last < first:
                raise ValueError(
                    pick("星期范围须从前到后（如 1-5）", "a weekday range must run forward (1-5)")
                )
            days.update(range(first, last + 1))
        else:
            raise ValueError(pick("不是星期范围", "not a weekday range"))
    if not days:
        raise ValueError(pick("没有星期", "no weekday"))
    return sorted(days)


def _choice(mapping: dict[str, str], what_zh: str, what_en: str) -> Callable[[str], str]:
    lookup = {k.lower(): k for k in mapping}
    lookup.update({v.lower(): k for k, v in mapping.items()})

    def parse(text: str) -> str:
        found = lookup.get(text.strip().lower())
        what = pick(what_zh, what_en)
        if found is None:
            raise ValueError(
                pick(
                    f"不是有效的{what}（{' / '.join(mapping.values())}）",
                    f"not a {what} ({' / '.join(mapping.values())})",
                )
            )
        return found

    return parse


parse_school_kind = _choice(SCHOOL_KIND_LABELS, "学校类型", "school kind")
parse_session_kind = _choice(SESSION_LABELS, "时段类型", "session kind")
parse_role = _choice(ROLE_LABELS, "角色", "role")


# What import files write for a coordinate system (codes, app names, the 'Mars' nickname).
COORD_SYSTEMS = {
    **dict.fromkeys(("wgs84", "wgs", "gps"), "WGS-84"),
    **dict.fromkeys(("gcj02", "gcj", "火星", "火星坐标", "高德", "腾讯"), "GCJ-02"),
    **dict.fromkeys(("bd09", "bd", "百度"), "BD-09"),
}


def parse_coord_system(text: str) -> str:
    """'WGS-84', 'GCJ-02', 'BD-09' (and their usual names: GPS, 高德, 百度 …)."""
    key = re.sub(r"[\s\-_]", "", text.strip().lower())
    if not key:
        return "WGS-84"
    found = COORD_SYSTEMS.get(key)
    if found is None:
        raise ValueError(
            pick(
                "不是坐标系（WGS-84、GCJ-02、BD-09）",
                "not a coordinate system (WGS-84, GCJ-02, BD-09)",
            )
        )
    return found


def parse_int(text: str, low: int | None = None, high: int | None = None) -> int:
    """A whole number, within [low, high] where given."""
    try:
        value = int(text.strip())
    except ValueError:
        raise ValueError(pick("不是整数", "not a whole number")) from None
    if low is not None and value < low:
        raise ValueError(pick(f"小于 {low}", f"below {low}"))
    if high is not None and value > high:
        raise ValueError(pick(f"大于 {high}", f"above {high}"))
    return value


def parse_phone(text: str) -> str:
    """A mobile, landline (area code) or internal short number, by the one phone rule."""
    try:
        return validate_phone(text)
    except FieldError as exc:
        raise ValueError(reason(exc)) from None


def parse_codes(text: str) -> list[str]:
    return [c for c in re.split(r"[,，、;；\s]+", text.strip()) if c]


def parse_availability(text: str) -> list[tuple[int, dt.time, dt.time]]:
    """'1-5 06:30-18:00; 6 08:00-12:00' → (weekday, start, end) windows (0 = Monday)."""
    windows: list[tuple[int, dt.time, dt.time]] = []
    for part in re.split(r"[;；\n]+", text.strip()):
        part = part.strip()
        if not part:
            continue
        match = re.fullmatch(r"(\S+)\s+(\S+?)\s*[-–~～至到]\s*(\S+)", part)
        if not match:
            raise ValueError(
                pick(
                    "时段写法如 '1-5 06:30-18:00; 6 08:00-12:00'",
                    "write windows as '1-5 06:30-18:00; 6 08:00-12:00'",
                )
            )
        days = parse_weekdays(match[1])
        start, end = parse_time_of_day(match[2]), parse_time_of_day(match[3])
        windows.extend((d, start, end) for d in days)
    return windows
