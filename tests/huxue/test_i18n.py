"""Core messages follow the language the GUI (or --lang) sets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlmodel import Session

from huxue import i18n
from huxue.imports import import_file
from huxue.planning import PlanScope, load_checked, planning_instance
from huxue.planning_edits import edit_problems
from tests.huxue.factories import seed_small


def test_rule_messages_in_chinese_and_english(session: Session) -> None:
    seed_small(session)
    instance = load_checked(planning_instance(session, PlanScope(dt.date(2026, 12, 7))))
    arrival = "JM-P001-1/2026-12-07/arrival"
    other = "XL-P001-1/2026-12-07/arrival"
    english = edit_problems(instance, [(arrival, "100001")], other, "100001")
    assert any("station" in m for m in english)
    i18n.set_language("zh_CN")
    chinese = edit_problems(instance, [(arrival, "100001")], other, "100001")
    assert any("张伟（100001）只在本派出所辖区学校执勤" in m for m in chinese)


def test_import_errors_in_chinese(session: Session, tmp_path: Path) -> None:
    seed_small(session)
    i18n.set_language("zh_CN")
    path = tmp_path / "people.csv"
    path.write_text("编号,姓名\n", encoding="utf-8")
    report = import_file(session, "people", path)
    assert report.errors
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in e.reason) for e in report.errors)


def test_language_from_environment(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HUXUE_LANG", "zh_CN")
    assert i18n._from_environment() == "zh_CN"
    monkeypatch.setenv("HUXUE_LANG", "en")
    assert i18n._from_environment() == "en"
