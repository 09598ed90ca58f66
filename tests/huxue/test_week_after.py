"""Planning a week from an earlier one: with nothing changed nothing changes; leave changes
only the absent person's duties; earlier weeks' load feeds fairness."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlmodel import Session

from huxue.errors import InputError
from huxue.planning import PlanScope, publish, solve_week, week_context
from huxue.planning_repair import add_leave, person_by_code
from huxue.week_after import plan_week_after, shifted_key, week_after_instance
from tests.huxue.factories import seed_small

WEEK = dt.date(2026, 12, 7)
NEXT = WEEK + dt.timedelta(days=7)


def published_week(session: Session) -> None:
    seed_small(session)
    solve_week(session, PlanScope(WEEK), time_limit=5, workers=1)
    publish(session, WEEK, None)
    session.commit()


def test_shifted_keys_keep_post_kind_and_sequence() -> None:
    assert shifted_key("JM-P001-1/2026-12-07/arrival#2", 7) == "JM-P001-1/2026-12-14/arrival#2"


def test_nothing_changed_means_no_change(session: Session) -> None:
    published_week(session)
    after = plan_week_after(session, PlanScope(NEXT), WEEK, time_limit=5, workers=1)
    assert after.carried > 0 and after.dropped == 0
    assert after.kept == after.carried
    assert after.outcome.result.stats["changes"] == 0


def test_leave_changes_only_the_absent_persons_duties(session: Session) -> None:
    published_week(session)
    tuesday = NEXT + dt.timedelta(days=1)
    person = person_by_code(session, "100001")
    assert person.id is not None
    add_leave(session, person.id, tuesday, tuesday, "病假")
    ctx = week_context(session, PlanScope(NEXT))
    data, carried = week_after_instance(session, PlanScope(NEXT), WEEK, ctx)
    held = {
        (p["session"], p["person"])
        for p in carried.pairs
        if p["person"] == "100001" and tuesday.isoformat() in p["session"]
    }
    assert held  # the absent officer had duties that Tuesday
    after = plan_week_after(session, PlanScope(NEXT), WEEK, time_limit=5, workers=1)
    chosen = {(p.session, p.person) for p in after.outcome.result.assignments}
    lost = {(p["session"], p["person"]) for p in carried.pairs} - chosen
    assert lost == held


def test_earlier_weeks_load_feeds_fairness(session: Session) -> None:
    published_week(session)
    ctx = week_context(session, PlanScope(NEXT))
    data, _ = week_after_instance(session, PlanScope(NEXT), WEEK, ctx)
    load = {p["id"]: p["history_load"] for p in data["people"]}
    assert load["100001"] > 0


def test_a_week_without_a_published_roster_is_refused(session: Session) -> None:
    seed_small(session)
    with pytest.raises(InputError, match="publish"):
        plan_week_after(session, PlanScope(NEXT), WEEK, time_limit=5, workers=1)


def test_cli_solve_from_week(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from huxue.cli import main
    from huxue.database import open_database

    db = tmp_path / "w.db"
    engine = open_database(db)
    with Session(engine) as s:
        published_week(s)
    engine.dispose()
    args = ["solve", "--db", str(db), "--week", NEXT.isoformat(), "--time-limit", "5"]
    assert main([*args, "--from-week", WEEK.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "carried over" in out and " 0 changed" in out
