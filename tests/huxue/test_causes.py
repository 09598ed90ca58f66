"""A shortage's reason in the user's language: codes from the solver, words from huxue."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from huxue import i18n
from huxue.causes import reason_text
from solver.instance import Missing, Reason, Shortage, load_roster, shortage_to_dict

CJK = re.compile(r"[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef]")

REASONS = [
    Reason("no_eligible", {"missing_total": 2, "leave": 1, "reach": 3, "station": 1, "role": 2}),
    Reason("no_eligible", {"missing_officers": 1, "missing_total": 1, "here": 2}),
    Reason("all_busy", {"missing_police": 1, "missing_officers": 1, "eligible": 3, "busy": 3}),
    Reason("at_limit", {"missing_total": 1, "eligible": 2, "at_limit": 2}),
    Reason("mixed", {"missing_total": 3, "eligible": 5, "busy": 2, "at_limit": 1, "other": 2}),
]


@pytest.fixture
def language() -> Iterator[None]:
    before = i18n.language()
    yield
    i18n.set_language(before)


@pytest.mark.parametrize("reason", REASONS, ids=lambda r: r.code)
def test_english_reasons_hold_no_chinese(reason: Reason, language: None) -> None:
    i18n.set_language("en")
    text = reason_text(reason)
    assert text.startswith("Short of ")
    assert not CJK.search(text), text


def test_chinese_reasons_read_as_before(language: None) -> None:
    i18n.set_language("zh_CN")
    assert reason_text(REASONS[0]) == (
        "缺总人数2人：无符合条件的人员（1人请假，3人超出服务范围，1人不属本所辖区，"
        "2人岗位不需要该类人员）"
    )
    assert reason_text(REASONS[1]) == (
        "缺警力(民警/辅警)1人、总人数1人：符合条件的2人均已在此岗位，无其他符合条件的人员"
    )
    assert reason_text(REASONS[2]) == (
        "缺民警1人、警力(民警/辅警)1人：3名符合条件的人员均在同一时段其他岗位值班"
    )
    assert reason_text(REASONS[4]) == (
        "缺总人数3人：5名符合条件的人员中，2人在其他岗位值班，1人已达值班上限，"
        "2人未被选用（岗位已满或求解提前结束）"
    )


def test_the_shortage_counts_win_over_the_reason(language: None) -> None:
    i18n.set_language("en")
    text = reason_text(REASONS[3], Missing(0, 0, 4))
    assert text.startswith("Short of 4 people:")


def test_rosters_carry_codes_and_params_and_old_sentences_still_read(language: None) -> None:
    shortage = Shortage("s1", Missing(0, 0, 1), REASONS[3])
    doc = {"format": "huxue-roster/1", "assignments": [], "shortages": [shortage_to_dict(shortage)]}
    assert "text" not in doc["shortages"][0]["reason"]
    assert load_roster(doc).shortages == (shortage,)
    old = {
        "format": "huxue-roster/1",
        "assignments": [],
        "shortages": [
            {
                "session": "s1",
                "missing": {"police": 0, "officers": 0, "total": 1},
                "reason": {"code": "at_limit", "text": "缺总人数1人：旧的说明", "candidates": []},
            }
        ],
    }
    (read,) = load_roster(old).shortages
    assert read.reason is not None
    i18n.set_language("en")
    assert reason_text(read.reason) == "缺总人数1人：旧的说明"


def test_coverage_is_worded_apart_from_the_soft_terms(language: None) -> None:
    from huxue.causes import coverage_text

    i18n.set_language("en")
    assert coverage_text({"coverage": "proven_optimal", "soft_gap": 0.25}) == (
        "coverage proven optimal; other goals within 25.0 %"
    )
    assert coverage_text({"coverage": "not_proven", "soft_gap": None}) == (
        "coverage not proven optimal"
    )
    assert coverage_text({}) == ""
    i18n.set_language("zh_CN")
    assert coverage_text({"coverage": "full", "soft_gap": 0.0}).startswith("全部岗位已排满")
