"""One vocabulary: what the core calls roles, session kinds, school kinds, weekdays and roster
states in Chinese (sheets, exports, import files) and English, and the order they are shown in.

Sheets, exports, the import columns and parsers, the week, the demo and the planning views take
their words and orders from here; the GUI translates the codes itself (`ui.i18n`). Role codes
come from the solver (`solver.instance.ROLES`), which decides who counts toward which need.
"""

from __future__ import annotations

from huxue.models import RosterStatus, SchoolKind, SessionKind
from solver.instance import ROLES

# Roles: the solver's codes, in the order lists show people (police first).
ROLE_ORDER: dict[str, int] = {role: i for i, role in enumerate(ROLES)}
ROLE_LABELS: dict[str, str] = {
    "police": "民警",
    "auxiliary": "辅警",
    "security": "保安",
    "volunteer": "志愿者",
}
ROLE_LABELS_EN: dict[str, str] = {
    "police": "police",
    "auxiliary": "auxiliary",
    "security": "security",
    "volunteer": "volunteer",
}
ROLE_SHORT: dict[str, str] = {
    "police": "警",
    "auxiliary": "辅",
    "security": "保",
    "volunteer": "志",
}

# Session kinds, in the order of a school day.
SESSION_KINDS: tuple[str, ...] = tuple(k.value for k in SessionKind)
SESSION_ORDER: dict[str, int] = {kind: i for i, kind in enumerate(SESSION_KINDS)}
SESSION_LABELS: dict[str, str] = {
    SessionKind.ARRIVAL.value: "早入校",
    SessionKind.NOON.value: "午间",
    SessionKind.DISMISSAL.value: "放学",
    SessionKind.AFTER_CARE.value: "课后延时",
    SessionKind.EVENING.value: "晚自习",
}
# A day's noon windows on sheets and exports: the first sees children out, the second back in.
NOON_LABELS: dict[str, dict[int, str]] = {SessionKind.NOON.value: {1: "午间放学", 2: "午间入校"}}

# Station sheets list schools as planners read them: kindergartens first, then by stage.
SCHOOL_KIND_ORDER: dict[str, int] = {kind.value: i for i, kind in enumerate(SchoolKind)}
SCHOOL_KIND_LABELS: dict[str, str] = {
    SchoolKind.KINDERGARTEN.value: "幼儿园",
    SchoolKind.PRIMARY.value: "小学",
    SchoolKind.MIDDLE.value: "初中",
    SchoolKind.HIGH.value: "高中",
    SchoolKind.NINE_YEAR.value: "九年一贯制",
    SchoolKind.VOCATIONAL.value: "职业学校",
}
SCHOOL_KIND_LABELS_EN: dict[str, str] = {
    SchoolKind.KINDERGARTEN.value: "kindergarten",
    SchoolKind.PRIMARY.value: "primary",
    SchoolKind.MIDDLE.value: "middle",
    SchoolKind.HIGH.value: "high",
    SchoolKind.NINE_YEAR.value: "nine-year",
    SchoolKind.VOCATIONAL.value: "vocational",
}

# Risk 3 is the highest; "1 级" would read as the highest level in Chinese.
RISK_LABELS: dict[int, str] = {1: "低", 2: "中", 3: "高"}

WEEKDAYS: tuple[str, ...] = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
STATUS_LABELS: dict[str, str] = {
    RosterStatus.DRAFT.value: "草稿",
    RosterStatus.PUBLISHED.value: "已发布",
}


def bilingual(zh: dict[str, str], en: dict[str, str], code: str) -> str:
    """ "民警 police": a code's Chinese and English names, for output read in both."""
    return f"{zh.get(code, code)} {en.get(code, code)}"
