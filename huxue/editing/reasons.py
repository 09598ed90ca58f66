"""Why a value breaks a rule, as a sentence in the core's language (`huxue.i18n`).

The window says the same in its own words (`ui.i18n.error_text`); the imports and the CLI,
which report in the core's language, use `reason`.
"""

from __future__ import annotations

import datetime as dt

from huxue.errors import FieldError
from huxue.i18n import pick


def _fmt(value: object) -> str:
    if isinstance(value, dt.time):
        return value.strftime("%H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def reason(exc: FieldError) -> str:
    """`exc`'s rule and values as a sentence (without the field: the caller names it)."""
    p = exc.params
    rule = exc.rule
    if rule == "required":
        return pick("必填", "required")
    if rule == "too_long":
        limit = p.get("max")
        return pick(f"超过 {limit} 个字符", f"longer than {limit} characters")
    if rule == "duplicate":
        value = _fmt(p.get("value"))
        return pick(f"“{value}”已被使用", f"“{value}” is already used")
    if rule == "unknown":
        return pick("不是已知的值", "is not a known value")
    if rule == "range":
        low, high = p.get("low"), p.get("high")
        value = _fmt(p.get("value"))
        if high is None:
            return pick(f"{value} 不能小于 {low}", f"{value} must not be below {low}")
        return pick(f"{value} 须在 {low}–{high} 之间", f"{value} must lie within {low}–{high}")
    if rule == "time_format":
        return pick("不是时间（时:分）", "not a time HH:MM")
    if rule == "end_before_start":
        start, end = _fmt(p.get("start")), _fmt(p.get("end"))
        return pick(
            f"结束须晚于开始（{start} – {end}）",
            f"the end must come after the start ({start} – {end})",
        )
    if rule == "overlap":
        window = f"{_fmt(p.get('start'))}–{_fmt(p.get('end'))}"
        other = f"{_fmt(p.get('other_start'))}–{_fmt(p.get('other_end'))}"
        return pick(
            f"{window} 与同一天的 {other} 重叠", f"{window} overlaps {other} on the same day"
        )
    if rule == "need_order":
        counts = f"{p.get('police')} / {p.get('officers')} / {p.get('total')}"
        return pick(
            f"须满足 民警 ≤ 警力 ≤ 总人数（现为 {counts}）",
            f"police ≤ officers ≤ total must hold (now {counts})",
        )
    if rule == "phone":
        return pick(
            "不是电话号码（手机 13812345678、带区号座机 0592-1234567 或 3–6 位内部短号）",
            "not a mobile (13812345678), a landline with area code (0592-1234567) or an "
            "internal short number (3–6 digits)",
        )
    if rule == "location_pair":
        return pick("纬度和经度须同时填写", "latitude and longitude go together")
    if rule == "in_use":
        return pick("已在排班表中使用", "has duties in a roster")
    if rule == "outside_term":
        return pick("不在学期范围内", "lies outside the term")
    if rule == "not_police":
        value = _fmt(p.get("value"))
        return pick(f"“{value}”不是民警", f"“{value}” is not a police officer")
    if rule == "same_as_responsible":
        return pick("不能与责任民警是同一人", "must not be the responsible officer")
    return exc.message
