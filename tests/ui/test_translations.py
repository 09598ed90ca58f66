"""Both languages: every string of ui/ is in both .ts files, translated, and compiled."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("zh_CN", "en")


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_string_is_left_unfinished(lang: str) -> None:
    unfinished = [
        f"[{context}] {source}"
        for (context, source), message in messages(TRANSLATIONS / f"huxue_{lang}.ts").items()
        if (message.find("translation") is None)
        or message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
        or not (message.findtext("translation") or "").strip()
    ]
    assert unfinished == []


def test_every_source_string_is_in_both_files(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    if not lupdate.exists() and shutil.which("pyside6-lupdate") is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    subprocess.run(
        [
            str(lupdate if lupdate.exists() else "pyside6-lupdate"),
            "-extensions",
            "py",
            "-silent",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )
    wanted = set(messages(fresh))
    assert wanted
    for lang in LANGUAGES:
        missing = sorted(wanted - set(messages(TRANSLATIONS / f"huxue_{lang}.ts")))
        assert missing == [], f"run resources/translations/build.py: {lang} lacks {missing[:5]}"


@pytest.mark.parametrize(("lang", "expected"), [("zh_CN", "学校"), ("en", "Schools")])
def test_the_compiled_files_translate(app, lang: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    qm = TRANSLATIONS / f"huxue_{lang}.qm"
    ts = TRANSLATIONS / f"huxue_{lang}.ts"
    assert qm.stat().st_mtime >= ts.stat().st_mtime - 1, "run resources/translations/build.py"
    translator = QTranslator()
    assert translator.load(str(qm))
    assert translator.translate("SchoolsPage", "Schools") == expected
    count = len(messages(ts))
    assert count > 100


def test_both_languages_show_the_window(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    from ui.i18n import install_language

    schools = window.page("schools")
    assert schools.add.text() == "新增学校"
    install_language("en")
    qtbot.waitUntil(lambda: schools.add.text() == "New school")
    assert window.edit_menu.title() == "&Edit"
    install_language("zh_CN")
    qtbot.waitUntil(lambda: schools.add.text() == "新增学校")
    assert QCoreApplication.translate("Labels", "Kindergarten") == "幼儿园"


def test_the_window_words_sessions_risks_and_days_as_planners_do(qapp) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from ui.i18n import risk_name, session_name, session_seq
    from ui.planning.labels import day_label

    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / "huxue_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        assert session_seq("JM-K001-1/2026-12-07/noon#2") == 2
        assert session_seq("JM-K001-1/2026-12-07/noon") == 1
        assert session_name("noon", 1) == "午间放学"
        assert session_name("noon", 2) == "午间入校"
        assert session_name("dismissal", 2) == "放学（2）"
        assert [risk_name(r) for r in (3, 2, 1)] == ["高", "中", "低"]
        assert day_label(dt.date(2026, 12, 7)) == "周一 12/7"
    finally:
        QCoreApplication.removeTranslator(translator)
