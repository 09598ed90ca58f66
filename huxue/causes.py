"""Why a session is short, in the user's language: the one place a solver reason (a code with
counts, see `solver.causes.explain`) becomes a sentence, for the CLI, the exports and the GUI.
"""

from __future__ import annotations

from collections.abc import Mapping

from huxue.i18n import pick
from solver.causes import ALL_BUSY, AT_LIMIT, EXCLUSION_ORDER, NO_ELIGIBLE
from solver.instance import Missing, Reason

_EXCLUSION_WORDS = {
    "leave": ("请假", "on leave"),
    "availability": ("该时段不可用", "not available at that time"),
    "reach": ("超出服务范围", "beyond their reach"),
    "station": ("不属本所辖区", "of another station"),
    "role": ("岗位不需要该类人员", "of a role the post does not need"),
}


def missing_words(police: int, officers: int, total: int) -> str:
    """ "民警1人、总人数2人" / "1 police, 2 people": what a session lacks."""
    parts = []
    if police:
        parts.append(pick(f"民警{police}人", f"{police} police"))
    if officers:
        parts.append(
            pick(f"警力(民警/辅警){officers}人", f"{officers} officers (police/auxiliary)")
        )
    if total:
        parts.append(pick(f"总人数{total}人", f"{total} people"))
    return pick("、", ", ").join(parts)


def _missing(params: Mapping[str, int], missing: Missing | None) -> str:
    if missing is not None:
        return missing_words(missing.police, missing.officers, missing.total)
    return missing_words(
        params.get("missing_police", 0),
        params.get("missing_officers", 0),
        params.get("missing_total", 0),
    )


def reason_text(reason: Reason, missing: Missing | None = None) -> str:
    """The reason a session is short as one sentence in the current language (`huxue.i18n`).

    `missing` (the shortage's own counts) takes precedence over the counts in the reason. A
    reason read from an old roster that carries only a sentence is returned as it is.
    """
    params = reason.params
    if not params and reason.text:
        return reason.text
    wanted = _missing(params, missing)
    if reason.code == NO_ELIGIBLE:
        here = params.get("here", 0)
        details = [
            (params[rule], _EXCLUSION_WORDS[rule])
            for rule in EXCLUSION_ORDER
            if params.get(rule) and rule in _EXCLUSION_WORDS
        ]
        if here:
            lead = pick(
                f"缺{wanted}：符合条件的{here}人均已在此岗位，无其他符合条件的人员",
                f"Short of {wanted}: all {here} eligible people are already at this post; "
                "nobody else is eligible",
            )
        else:
            lead = pick(f"缺{wanted}：无符合条件的人员", f"Short of {wanted}: nobody is eligible")
        if not details:
            return lead
        detail_zh = "，".join(f"{n}人{zh}" for n, (zh, _en) in details)
        detail_en = ", ".join(f"{n} {en}" for n, (_zh, en) in details)
        return lead + pick(f"（{detail_zh}）", f" ({detail_en})")
    eligible = params.get("eligible", 0)
    if reason.code == ALL_BUSY:
        return pick(
            f"缺{wanted}：{eligible}名符合条件的人员均在同一时段其他岗位值班",
            f"Short of {wanted}: all {eligible} eligible people are on duty elsewhere at that time",
        )
    if reason.code == AT_LIMIT:
        return pick(
            f"缺{wanted}：{eligible}名符合条件的人员均已达到每日或每周值班上限",
            f"Short of {wanted}: all {eligible} eligible people are at their daily or weekly limit",
        )
    busy, limited, other = params.get("busy", 0), params.get("at_limit", 0), params.get("other", 0)
    text = pick(
        f"缺{wanted}：{eligible}名符合条件的人员中，{busy}人在其他岗位值班，{limited}人已达值班上限",
        f"Short of {wanted}: of {eligible} eligible people, {busy} are on duty elsewhere and "
        f"{limited} are at their limit",
    )
    if other:
        text += pick(
            f"，{other}人未被选用（岗位已满或求解提前结束）",
            f"; {other} were not chosen (the post is full or the solve ended early)",
        )
    return text


def coverage_text(stats: Mapping[str, object]) -> str:
    """How far a solve's coverage is proven, apart from the soft terms, in the current
    language ("" for a roster stored before solves reported it)."""
    coverage = stats.get("coverage")
    gap = stats.get("soft_gap")
    soft = (
        pick(f"，其余目标差距 {100 * gap:.1f}%", f"; other goals within {100 * gap:.1f} %")
        if isinstance(gap, int | float)
        else ""
    )
    if coverage == "full":
        return pick("全部岗位已排满", "every seat filled") + soft
    if coverage == "proven_optimal":
        return pick("覆盖已证明最优（空缺无法再减少）", "coverage proven optimal") + soft
    if coverage == "not_proven":
        return pick("覆盖未证明最优", "coverage not proven optimal")
    return ""
