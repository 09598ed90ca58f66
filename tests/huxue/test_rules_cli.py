"""`rules`: the district's solver rules on the command line, and the lone-officer switch."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import Session, select

from huxue.cli import main
from huxue.database import open_database
from huxue.i18n import set_language
from huxue.models import AuditEntry
from tests.huxue.test_reports import build_week_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    set_language("en")
    yield


@pytest.fixture(scope="module")
def source_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("rules") / "week.db"
    build_week_db(path).dispose()
    return path


@pytest.fixture
def db(source_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "work.db"
    shutil.copy(source_db, copy)
    return copy


def test_switch_the_lone_officer_rule_on_and_off(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "--db", str(db)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["lone_officer"] == {"enabled": False, "turnout_below": 0.8, "weight": 30}
    assert main(["rules", "--db", str(db), "--lone-officer", "on", "--turnout-below", "0.7"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["lone_officer"] == {"enabled": True, "turnout_below": 0.7, "weight": 30}
    engine = open_database(db)
    with Session(engine) as session:
        entries = session.exec(select(AuditEntry).where(AuditEntry.action == "rules")).all()
    engine.dispose()
    assert len(entries) == 1 and '"enabled": true' in entries[0].after_json
    assert main(["rules", "--db", str(db), "--lone-officer", "off"]) == 0
    assert json.loads(capsys.readouterr().out)["lone_officer"]["enabled"] is False


@pytest.mark.parametrize(
    ("option", "words"),
    [
        (["--lone-officer", "maybe"], "must be on or off"),
        (["--turnout-below", "1.5"], "--turnout-below '1.5' is outside 0–1"),
        (["--turnout-below", "nan"], "--turnout-below 'nan' is outside 0–1"),
        (["--weight", "-1"], "--weight '-1' is outside 0–1000000"),
    ],
)
def test_values_beyond_their_range_are_one_line_and_exit_2(
    db: Path, capsys: pytest.CaptureFixture[str], option: list[str], words: str
) -> None:
    assert main(["rules", "--db", str(db), *option]) == 2
    err = [line for line in capsys.readouterr().err.splitlines() if line.strip()]
    assert len(err) == 1 and words in err[0], err


def test_switch_the_response_time_term_and_its_weight(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rules", "--db", str(db)]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown.get("response_term") in (None, False)
    weights_before = dict(shown.get("weights") or {})
    assert main(["rules", "--db", str(db), "--response-term", "on", "--response-weight", "25"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["response_term"] is True and shown["weights"]["response"] == 25
    # The other weights are kept as they were.
    assert {k: v for k, v in shown["weights"].items() if k != "response"} == {
        k: v for k, v in weights_before.items() if k != "response"
    }
    engine = open_database(db)
    with Session(engine) as session:
        entry = session.exec(
            select(AuditEntry).where(AuditEntry.entity == "district.rules.response_term")
        ).one()
    engine.dispose()
    assert json.loads(entry.after_json) == {"enabled": True, "weight": 25}
    assert main(["rules", "--db", str(db), "--response-term", "off"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["response_term"] is False and shown["weights"]["response"] == 25
    assert main(["rules", "--db", str(db), "--response-weight", "-3"]) == 2
