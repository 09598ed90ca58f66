"""The concurrency probe's findings on rosters, each on SQLite (a file) and PostgreSQL: a solve
stores only over the draft it started from, a stale view's edit is refused, a publish never
publishes what the planner did not see, and concurrent solves end in a clean conflict."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.database import session_scope
from huxue.drafts import draft_state
from huxue.errors import ConflictError, RosterConflictError
from huxue.models import Assignment, AuditEntry, Roster, RosterStatus
from huxue.planning import (
    PlanScope,
    planning_instance,
    publish,
    solve_week,
    store_solution,
    week_context,
)
from huxue.planning_edits import add_duty, remove_duty, view_state
from huxue.planning_views import load_week_plan
from solver.instance import load_instance
from solver.solve import solve
from tests.huxue.factories import seed_small
from tests.huxue.shared_db import BACKENDS, shared_database

WEEK = dt.date(2026, 12, 7)
MON_ARRIVAL = "JM-P001-1/2026-12-07/arrival"
SCOPE = PlanScope(WEEK)


@pytest.fixture(params=BACKENDS)
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    with shared_database(request.param, tmp_path) as engine:
        with Session(engine) as session:
            seed_small(session)
        yield engine


def _solve_started(engine: Engine) -> tuple[object, object, object]:
    """A solve as the window runs it: the drafts and instance read, then the solver."""
    with session_scope(engine) as session:
        ctx = week_context(session, SCOPE)
        started = draft_state(session, WEEK, ctx.station_ids)
        data = planning_instance(session, SCOPE, ctx=ctx)
    result = solve(load_instance(data), time_limit=5, workers=1)
    return ctx, started, result


def _store(engine: Engine, ctx: object, started: object, result: object, **kw: object) -> None:
    with session_scope(engine) as session:
        store_solution(session, ctx, result, expected=started, **kw)  # type: ignore[arg-type]


def _pairs(engine: Engine, roster_id: int) -> set[tuple[str, int]]:
    with Session(engine) as session:
        rows = session.exec(select(Assignment).where(Assignment.roster_id == roster_id)).all()
        return {(a.session_key, a.person_id) for a in rows}


def _rosters(engine: Engine) -> list[Roster]:
    with Session(engine) as session:
        return list(session.exec(select(Roster).order_by(Roster.station_id, Roster.version)))


def test_publish_racing_a_solve_changes_no_published_roster(shared: Engine) -> None:
    with session_scope(shared) as session:
        solve_week(session, SCOPE, time_limit=5, workers=1)
    ctx, started, result = _solve_started(shared)  # a second solve starts …
    with session_scope(shared) as session:
        published = publish(session, WEEK)  # … and the week is published meanwhile
    frozen = {r.id: _pairs(shared, r.id or 0) for r in published}
    with pytest.raises(RosterConflictError) as err:
        _store(shared, ctx, started, result)
    assert err.value.label.startswith("roster 2026-12-07 ")
    assert {r.id: _pairs(shared, r.id or 0) for r in published} == frozen
    # Replacing on purpose writes a new draft version, with an audit entry; v1 stays as it was.
    _store(shared, ctx, started, result, replace=True)
    assert {r.id: _pairs(shared, r.id or 0) for r in published} == frozen
    assert {(r.version, r.status) for r in _rosters(shared)} >= {
        (1, RosterStatus.PUBLISHED.value),
        (2, RosterStatus.DRAFT.value),
    }
    with Session(shared) as session:
        actions = [e.action for e in session.exec(select(AuditEntry)).all()]
    assert "replace_draft" in actions


def test_a_publish_from_a_stale_view_is_refused(shared: Engine) -> None:
    with session_scope(shared) as session:
        solve_week(session, SCOPE, time_limit=5, workers=1)
    with session_scope(shared) as session:
        plan = load_week_plan(session, SCOPE)
        seen = view_state(plan, set(plan.ctx.station_ids) | set(plan.rosters))
    with session_scope(shared) as session:  # another planner's solve lands meanwhile
        solve_week(session, SCOPE, time_limit=5, workers=1)
    with pytest.raises(RosterConflictError), session_scope(shared) as session:
        publish(session, WEEK, expected=seen)
    assert all(r.status == RosterStatus.DRAFT.value for r in _rosters(shared))


def test_two_drops_from_stale_views_are_not_both_accepted(shared: Engine) -> None:
    with Session(shared) as session:
        view_a = load_week_plan(session, SCOPE)
        view_b = load_week_plan(session, SCOPE)
    with session_scope(shared) as session:
        assert add_duty(session, view_a, MON_ARRIVAL, "100001").done
    with pytest.raises(RosterConflictError), session_scope(shared) as session:
        add_duty(session, view_b, MON_ARRIVAL, "A20001")  # B's view is from before A's drop
    with Session(shared) as session:
        stored = [a.session_key for a in session.exec(select(Assignment)).all()]
    assert stored == [MON_ARRIVAL]
    with session_scope(shared) as session:  # reloaded, B's drop goes through
        assert add_duty(session, load_week_plan(session, SCOPE), MON_ARRIVAL, "A20001").done


def test_a_manual_edit_made_while_a_solve_ran_is_not_replaced(shared: Engine) -> None:
    with session_scope(shared) as session:
        solve_week(session, SCOPE, time_limit=5, workers=1)
    ctx, started, result = _solve_started(shared)
    with session_scope(shared) as session:  # a planner removes a duty while it solves
        plan = load_week_plan(session, SCOPE)
        key, duties = next((k, d) for k, d in plan.duties.items() if d)
        code = plan.people[duties[0].person_id].code
        assert remove_duty(session, plan, key, code).done
    with Session(shared) as session:
        before = {(a.session_key, a.person_id) for a in session.exec(select(Assignment)).all()}
    with pytest.raises(RosterConflictError):
        _store(shared, ctx, started, result)
    with Session(shared) as session:
        after = {(a.session_key, a.person_id) for a in session.exec(select(Assignment)).all()}
    assert after == before


def test_a_stale_remove_is_refused_and_names_the_roster(shared: Engine) -> None:
    with session_scope(shared) as session:
        solve_week(session, SCOPE, time_limit=5, workers=1)
    with Session(shared) as session:
        stale = load_week_plan(session, SCOPE)
    with session_scope(shared) as session:
        solve_week(session, SCOPE, time_limit=5, workers=1)
    key, duties = next((k, d) for k, d in stale.duties.items() if d)
    code = stale.people[duties[0].person_id].code
    with pytest.raises(RosterConflictError) as err, session_scope(shared) as session:
        remove_duty(session, stale, key, code)
    assert "roster 2026-12-07" in str(err.value)


def test_concurrent_solves_end_in_a_clean_conflict(shared: Engine) -> None:
    outcomes: list[str] = []
    barrier = threading.Barrier(3)

    def planner() -> None:
        barrier.wait()
        try:
            with session_scope(shared) as session:
                solve_week(session, SCOPE, time_limit=2, workers=1)
            outcomes.append("stored")
        except ConflictError:
            outcomes.append("conflict")
        except Exception as exc:  # noqa: BLE001 - the finding: anything else is a failure
            outcomes.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=planner) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert set(outcomes) <= {"stored", "conflict"}, outcomes
    assert "stored" in outcomes
    by_station: dict[int | None, list[int]] = {}
    for roster in _rosters(shared):
        by_station.setdefault(roster.station_id, []).append(roster.version)
    assert all(versions == [1] for versions in by_station.values())


def test_the_cli_says_a_conflict_in_one_line_and_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from huxue import cli
    from huxue.cli import planning_cmds

    db = tmp_path / "cli.db"
    engine = shared_database_engine(db)
    seen: list[bool] = []

    def racing_solve(*_args: object, replace: bool = False, **_kw: object) -> object:
        seen.append(replace)
        raise RosterConflictError(
            "roster 2026-12-07 JM", who="planner2", when=dt.datetime(2026, 12, 1, 9, 30)
        )

    monkeypatch.setattr(planning_cmds, "solve_week", racing_solve)
    code = cli.main(["solve", "--week", "2026-12-07", "--db", str(db), "--replace"])
    err = capsys.readouterr().err.strip()
    assert code == 1 and seen == [True]
    assert err.count("\n") == 0
    assert "roster 2026-12-07 JM" in err and "planner2" in err and "2026-12-01 09:30" in err
    code = cli.main(["--lang", "zh_CN", "solve", "--week", "2026-12-07", "--db", str(db)])
    err = capsys.readouterr().err.strip()
    assert code == 1 and "冲突" in err and "planner2" in err
    engine.dispose()


def shared_database_engine(path: Path) -> Engine:
    from huxue.database import open_database

    engine = open_database(path)
    with Session(engine) as session:
        seed_small(session)
    return engine
