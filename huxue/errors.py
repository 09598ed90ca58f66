"""Errors the CLI and the GUI turn into clear messages."""

from __future__ import annotations

import datetime as dt
from typing import Any


class HuxueError(Exception):
    """Base class of the errors Huxue reports to a user without a traceback."""


class InputError(HuxueError):
    """Unusable input: unreadable file, wrong format, unknown ids, invalid values (CLI exit 2)."""


class DatabaseError(HuxueError):
    """The database cannot be used: too new, unreachable, or holding data where none is allowed."""


class FieldError(InputError):
    """An invalid value: `field` names it, `rule` says which rule it breaks, `params` the values.

    Rules: ``required``, ``duplicate``, ``unknown``, ``range``, ``time_format``,
    ``end_before_start``, ``overlap``, ``need_order``, ``phone``, ``in_use``, ``outside_term``,
    ``location_pair`` (a latitude without a longitude, or the reverse), ``too_long`` (longer
    than the column holds).
    """

    def __init__(self, field: str, rule: str, message: str, **params: Any) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.rule = rule
        self.message = message
        self.params = params


# How the audit trail's record labels read in Chinese (the longest prefixes first).
_LABEL_PREFIXES_ZH = (
    ("calendar day ", "日历 "),
    ("patrol unit ", "巡逻单元 "),
    ("station ", "派出所 "),
    ("school ", "学校 "),
    ("person ", "人员 "),
    ("roster ", "排班表 "),
    ("term ", "学期 "),
)


class ConflictError(HuxueError):
    """A save based on stale data: someone else changed (or removed) the record meanwhile.

    `label` names the record ("school JM-012", "roster 2026-12-07 JM"); `who` and `when` say
    who changed it last (from its newest audit entry; empty and None when unknown). `mine` and
    `theirs` hold both sides' field values (field name → value; `theirs` is empty when the
    record is gone) and `theirs_version` the stored row version a retry must be based on.
    The CLI exits 1 with one line; the GUI shows both sides and lets the planner choose.
    """

    def __init__(
        self,
        label: str,
        *,
        who: str = "",
        when: dt.datetime | None = None,
        mine: dict[str, Any] | None = None,
        theirs: dict[str, Any] | None = None,
        theirs_version: int | None = None,
        gone: bool = False,
    ) -> None:
        super().__init__(label)
        self.label = label
        self.who = who
        self.when = when
        self.mine = dict(mine or {})
        self.theirs = dict(theirs or {})
        self.theirs_version = theirs_version
        self.gone = gone

    def record_name(self) -> str:
        """The record's label in the language of the moment ("学校 JM-012" / "school JM-012");
        `label` itself stays as the audit trail names the record."""
        from huxue.i18n import pick

        zh = self.label
        for en_prefix, zh_prefix in _LABEL_PREFIXES_ZH:
            if zh.startswith(en_prefix):
                zh = zh_prefix + zh[len(en_prefix) :]
                break
        return pick(zh, self.label)

    def stamp(self) -> str:
        """When it was changed, in the desk's local time ("" when unknown). A time without a
        zone is the audit trail's UTC."""
        if self.when is None:
            return ""
        when = self.when if self.when.tzinfo is not None else self.when.replace(tzinfo=dt.UTC)
        return when.astimezone().strftime("%Y-%m-%d %H:%M")

    def __str__(self) -> str:
        from huxue.i18n import pick  # the message follows the language of the moment

        stamp = self.stamp()
        if self.gone:
            zh_what, en_what = "已被删除", "was removed"
        else:
            zh_what, en_what = "已被修改", "was changed"
        zh_by = f"（{self.who}{'，' + stamp if stamp else ''}）" if self.who or stamp else ""
        en_by = (f" by {self.who}" if self.who else "") + (f" at {stamp}" if stamp else "")
        return pick(
            f"冲突：{self.record_name()} 在您打开后{zh_what}{zh_by}，未保存",
            f"conflict: {self.label} {en_what}{en_by} after you opened it; nothing was saved",
        )

    def differing(self) -> list[str]:
        """The fields whose values differ between the two sides (in `mine`'s order)."""
        return [k for k, v in self.mine.items() if k in self.theirs and self.theirs[k] != v]


class RosterConflictError(ConflictError):
    """A roster's draft changed while a solve ran (or a view was open): storing now would
    replace someone's work. A solve may be stored anyway with `replace` (the CLI's
    `--replace`, the GUI's "replace it with the new roster")."""
