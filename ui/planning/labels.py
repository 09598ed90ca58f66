"""How the planning page words things: a session, a shortfall, its cause, what stops a
candidate; and the colours it marks roles and short seats with."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

from huxue.causes import reason_text
from huxue.planning_views import WeekPlan
from solver.instance import Reason
from ui.i18n import session_name, weekday_short

ROLE_COLOURS = {
    "police": QColor("#0d47a1"),
    "auxiliary": QColor("#00695c"),
    "security": QColor("#6d4c41"),
    "volunteer": QColor("#2e7d32"),
}
ROLE_TINTS = {
    "police": QColor("#e3ecfa"),
    "auxiliary": QColor("#e0f2ef"),
    "security": QColor("#f3ece8"),
    "volunteer": QColor("#e8f5e9"),
}
SHORT_BACKGROUND = QColor("#ffd6d6")
SHORT_TEXT = QColor("#b71c1c")
HIGHLIGHT = QColor("#fff176")  # the duties of the person looked for
PIN_MARK = "◆"


def cause_text(reason: Reason | None) -> str:
    """Why a seat stays short, in the current language ("" when no cause was computed).

    The one place the page turns a shortage's cause into text (through `huxue.causes`)."""
    return reason_text(reason) if reason is not None else ""


def missing_text(missing: tuple[int, int, int]) -> str:
    """ "Short: 1 police, 2 people" in the current language."""
    police, officers, total = missing
    parts = []
    if police:
        parts.append(QCoreApplication.translate("Planning", "{n} police").format(n=police))
    if officers:
        parts.append(QCoreApplication.translate("Planning", "{n} officers").format(n=officers))
    if total:
        parts.append(QCoreApplication.translate("Planning", "{n} people").format(n=total))
    return ", ".join(parts)


def blocked_text(blocked_by: str, label_of: Callable[[str], str]) -> str:
    """What stops a candidate, readable (`label_of` names a session key)."""
    if blocked_by.startswith("busy at "):
        return QCoreApplication.translate("Planning", "on duty at {where}").format(
            where=label_of(blocked_by[len("busy at ") :])
        )
    words = {
        "max_per_day": QCoreApplication.translate(
            "Planning", "at the daily limit (raise max per day)"
        ),
        "max_per_week": QCoreApplication.translate(
            "Planning", "at the weekly limit (raise max per week)"
        ),
        "station": QCoreApplication.translate(
            "Planning", "another station's officer (cross the station boundary)"
        ),
        "reach": QCoreApplication.translate("Planning", "lives beyond the travel radius"),
        "leave": QCoreApplication.translate("Planning", "on leave"),
        "availability": QCoreApplication.translate("Planning", "not available at that time"),
        "role": QCoreApplication.translate("Planning", "the post does not need this role"),
        "session_full": QCoreApplication.translate("Planning", "the post is full"),
        "not_chosen": QCoreApplication.translate(
            "Planning", "free, not chosen (the solve ended early)"
        ),
    }
    return words.get(blocked_by, blocked_by)


def day_label(date: dt.date) -> str:
    """A day as the planning tables head and name it: "Mon 12/7", "周一 12/7"."""
    return f"{weekday_header(date.weekday())} {date.month}/{date.day}"


def weekday_header(weekday: int) -> str:
    """A weekday as a column head names it: "Mon", "周一" (not the one-character "一")."""
    names = (
        QCoreApplication.translate("Planning", "Mon"),
        QCoreApplication.translate("Planning", "Tue"),
        QCoreApplication.translate("Planning", "Wed"),
        QCoreApplication.translate("Planning", "Thu"),
        QCoreApplication.translate("Planning", "Fri"),
        QCoreApplication.translate("Planning", "Sat"),
        QCoreApplication.translate("Planning", "Sun"),
    )
    return names[weekday] if 0 <= weekday < 7 else weekday_short(weekday)


def place_label(plan: WeekPlan, post_id: int, fallback: str) -> str:
    """A post for people: "集美第一小学 北门" (`fallback` when the week does not know it)."""
    post = plan.posts.get(post_id)
    return f"{post.school_name} {post.name}" if post else fallback


def session_label(plan: WeekPlan, key: str) -> str:
    """A session for people: "集美第一小学 北门 · Mon 12/7 Arrival"."""
    duty = plan.sessions.get(key)
    if duty is None:
        return key
    where = place_label(plan, duty.post_id, key)
    name = session_name(duty.kind, duty.seq)
    return f"{where} · {day_label(duty.date)} {name} {duty.start:%H:%M}"
