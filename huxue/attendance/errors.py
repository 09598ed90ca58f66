"""Why attendance cannot be recorded: a code with parameters, spoken in the user's language."""

from __future__ import annotations

from typing import Any

from huxue.errors import InputError
from huxue.i18n import pick

# code → (Chinese, English) message templates; parameters by name.
MESSAGES: dict[str, tuple[str, str]] = {
    "bad_code": ("签到码 {code} 格式不对（应如 2F-1BX-1D）", "sheet code {code} is malformed"),
    "code_check": (
        "签到码 {code} 校验位不符，请核对是否输错",
        "sheet code {code} fails its check character: mistyped?",
    ),
    "unknown_post": ("签到码 {code} 所指的岗位不存在", "sheet code {code} names no existing post"),
    "not_published": (
        "{week} 这一周 {station} 尚无已发布的排班表，不能登记到岗",
        "the week of {week} has no published roster for {station}: nothing to record",
    ),
    "draft_sheet": (
        "签到表 {code} 是按第 {version} 版草稿打印的（已发布的最新版本为第 {published} 版），"
        "请打印已发布版本的签到表",
        "sheet {code} was printed from draft version {version} (newest published: "
        "{published}); print the published version's sheet",
    ),
    "no_duty": (
        "{person} 在 {session} 没有值班（已发布的第 {version} 版排班表中不存在该班次，可能已调整）",
        "{person} has no duty at {session} in published version {version} of the roster "
        "(it may have been moved)",
    ),
    "bad_status": (
        "“{status}” 不是到岗情况（到岗/迟到/缺岗/请假/替岗）",
        "{status!r} is not a status (present/late/absent/excused/substituted)",
    ),
    "late_minutes": ("迟到须填迟到分钟数（1–{most}）", "late needs minutes late (1–{most})"),
    "minutes_not_allowed": (
        "只有迟到或替岗可以填迟到分钟数",
        "minutes late only go with late or substituted",
    ),
    "substitute_missing": ("替岗须填替岗人", "substituted needs the substitute"),
    "substitute_not_allowed": ("只有替岗可以填替岗人", "a substitute only goes with substituted"),
    "substitute_self": ("替岗人不能是原值班人本人", "the substitute cannot be the planned person"),
    "substitute_on_duty": (
        "替岗人 {person} 本班次已在岗，不能替岗",
        "substitute {person} is already on duty at this session",
    ),
    "unknown_person": ("人员 {person} 不存在", "unknown person {person}"),
    "unknown_term": ("学期 {term} 不存在", "unknown term {term}"),
    "conflict": (
        "{person} 在 {session} 的到岗记录已被他人修改（{by}），请刷新后再登记",
        "the attendance of {person} at {session} was changed meanwhile (by {by}); reload first",
    ),
}


class AttendanceError(InputError):
    """Attendance that cannot be recorded; `reason` (a key of `MESSAGES`) and `params` say why."""

    def __init__(self, reason: str, /, **params: Any) -> None:
        self.reason = reason
        self.params = params
        super().__init__(message(reason, **params))


def message(reason: str, /, **params: Any) -> str:
    """The message of a reason code in the core's current language."""
    zh, en = MESSAGES[reason]
    return pick(zh, en).format(**params)
