"""Two planners edit the same patrol unit, or switch district rules at the same moment: the
second save is refused with a conflict naming the unit, who changed it and when (never a
silent overwrite), and two rule switches both survive."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from huxue import i18n
from huxue.audit import current_user
from huxue.cli import main as cli_main
from huxue.database import (
    _alembic_config,
    current_revision,
    district,
    head_revision,
    open_database,
    session_scope,
)
from huxue.errors import ConflictError
from huxue.instance import district_rules, set_lone_officer, set_response_term
from huxue.models import AuditEntry, PatrolCrew, PatrolUnit
from huxue.patrol_units import UnitRecord, delete_unit, list_units, save_unit
from tests.huxue.factories import seed_small
from tests.huxue.shared_db import BACKENDS, PG_URL, fresh_postgres, shared_database

CODE = "XL-01"


@pytest.fixture(params=BACKENDS)
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    """A district of two stations with one patrol unit (crew: 100001) at JM."""
    with shared_database(request.param, tmp_path) as engine:
        with Session(engine) as session:
            seed_small(session)
        run(engine, save_unit, UnitRecord(CODE, "JM", name="集美巡逻一组", crew=["100001"]))
        yield engine


def run(engine: Engine, fn: Callable[..., Any], *args: Any) -> Any:
    with session_scope(engine) as session:
        return fn(session, *args)


def unit(engine: Engine, code: str = CODE) -> UnitRecord | None:
    with Session(engine) as session:
        return next((u for u in list_units(session) if u.code == code), None)


def _audit_count(engine: Engine) -> int:
    with Session(engine) as session:
        return len(session.exec(select(AuditEntry.id)).all())


def test_a_stale_unit_save_is_refused_and_changes_nothing(shared: Engine) -> None:
    mine, theirs = unit(shared), unit(shared)
    assert mine is not None and theirs is not None and mine.row_version == 1
    run(shared, save_unit, replace(theirs, shift_start=dt.time(7), shift_end=dt.time(20)), CODE)
    entries = _audit_count(shared)
    with pytest.raises(ConflictError) as err:
        run(shared, save_unit, replace(mine, name="改名", crew=["100001", "A20001"]), CODE)
    conflict = err.value
    assert conflict.label == "patrol unit XL-01" and not conflict.gone
    if shared.dialect.name == "postgresql":
        with shared.connect() as conn:
            assert conflict.who == conn.exec_driver_sql("SELECT current_user").scalar()
    else:
        assert conflict.who == current_user()
    assert conflict.when is not None
    assert set(conflict.differing()) == {"name", "crew", "shift_start", "shift_end"}
    assert conflict.theirs_version == 2
    i18n.set_language("zh_CN")
    assert conflict.record_name() == "巡逻单元 XL-01"
    assert str(conflict).startswith("冲突：巡逻单元 XL-01 在您打开后已被修改")
    i18n.set_language("en")
    # Nothing of the stale save was written: not the unit, not its crew, no audit entry.
    stored = unit(shared)
    assert stored is not None
    assert (stored.name, stored.crew, stored.shift_start) == (
        "集美巡逻一组",
        ["100001"],
        dt.time(7),
    )
    assert stored.row_version == 2 and _audit_count(shared) == entries
    # Saved again on the stored version (the dialog's "keep mine"): it goes through.
    run(shared, save_unit, replace(stored, name="改名"), CODE)
    again = unit(shared)
    assert again is not None and again.name == "改名" and again.shift_start == dt.time(7)
    assert again.row_version == 3


def test_a_crew_only_change_by_another_planner_is_detected(shared: Engine) -> None:
    mine, theirs = unit(shared), unit(shared)
    assert mine is not None and theirs is not None
    run(shared, save_unit, replace(theirs, crew=["A20001"]), CODE)
    changed = unit(shared)
    assert changed is not None and changed.row_version == 2  # the crew are rows of their own
    with pytest.raises(ConflictError) as err:
        run(shared, save_unit, replace(mine, shift_end=dt.time(22)), CODE)
    assert err.value.differing() == ["crew", "shift_end"]
    with Session(shared) as session:
        crew = session.exec(select(PatrolCrew)).all()
        assert len(crew) == 1
    stored = unit(shared)
    assert stored is not None and stored.crew == ["A20001"] and stored.shift_end == dt.time(21, 30)


def test_a_save_that_changes_nothing_writes_nothing(shared: Engine) -> None:
    shown = unit(shared)
    assert shown is not None
    entries = _audit_count(shared)
    run(shared, save_unit, shown, CODE)
    after = unit(shared)
    assert after is not None and after.row_version == 1 and _audit_count(shared) == entries


def test_deleting_a_unit_changed_meanwhile_is_refused(shared: Engine) -> None:
    shown = unit(shared)
    assert shown is not None
    run(shared, save_unit, replace(shown, crew=[]), CODE)
    with pytest.raises(ConflictError) as err:
        run(shared, delete_unit, CODE, shown.row_version)
    assert err.value.label == "patrol unit XL-01" and not err.value.gone
    assert unit(shared) is not None
    run(shared, delete_unit, CODE, err.value.theirs_version)
    assert unit(shared) is None
    # Saving or deleting a unit someone removed meanwhile is a conflict too, never a new unit.
    with pytest.raises(ConflictError) as gone:
        run(shared, save_unit, replace(shown, name="又一组"), CODE)
    assert gone.value.gone
    with pytest.raises(ConflictError):
        run(shared, delete_unit, CODE, shown.row_version)
    assert unit(shared) is None


def test_the_cli_refuses_a_stale_delete_with_exit_1_and_one_line(
    shared: Engine, capsys: pytest.CaptureFixture[str]
) -> None:
    url = shared.url.render_as_string(hide_password=False)
    assert cli_main(["patrol-units", "list", "--db", url]) == 0
    listed = capsys.readouterr().out.strip().split("\t")
    assert listed[0] == CODE and listed[-1] == "v1"
    shown = unit(shared)
    assert shown is not None
    run(shared, save_unit, replace(shown, shift_start=dt.time(8)), CODE)
    assert cli_main(["patrol-units", "delete", CODE, "--version", "1", "--db", url]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("conflict: patrol unit XL-01 was changed")
    assert unit(shared) is not None
    assert cli_main(["patrol-units", "delete", CODE, "--version", "2", "--db", url]) == 0
    assert unit(shared) is None


# ------------------------------------------------------------------ two real transactions


@pytest.fixture
def pg() -> Iterator[Engine]:
    with fresh_postgres() as engine:
        with Session(engine) as session:
            seed_small(session)
        run(engine, save_unit, UnitRecord(CODE, "JM", crew=["100001"]))
        yield engine


def _in_thread(fn: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    """Run `fn` in a thread; its result or exception lands in the returned list."""
    out: list[Any] = []

    def body() -> None:
        try:
            out.append(fn())
        except Exception as exc:  # handed to the test
            out.append(exc)

    thread = threading.Thread(target=body)
    thread.start()
    return thread, out


def _wait_until_blocked(engine: Engine, thread: threading.Thread) -> None:
    """Until the second writer waits for a lock the first one holds (or has finished: then
    it never waited, and what it wrote is checked afterwards)."""
    deadline = time.monotonic() + 20
    with engine.connect() as conn:
        while thread.is_alive():
            waiting = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                    "AND wait_event_type = 'Lock'"
                )
            ).scalar()
            if waiting:
                return
            assert time.monotonic() < deadline, "the second writer neither waited nor finished"
            time.sleep(0.02)


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="HUXUE_TEST_POSTGRES_URL is not set")
def test_a_unit_save_racing_another_fails_at_flush_with_a_conflict(pg: Engine) -> None:
    shown = unit(pg)
    assert shown is not None
    with Session(pg) as first:
        save_unit(first, replace(shown, shift_start=dt.time(7)), CODE)  # holds the row
        thread, out = _in_thread(lambda: run(pg, save_unit, replace(shown, name="后来者"), CODE))
        _wait_until_blocked(pg, thread)
        first.commit()
    thread.join(30)
    assert len(out) == 1 and isinstance(out[0], ConflictError), out
    stored = unit(pg)
    assert stored is not None and stored.shift_start == dt.time(7) and stored.name == ""


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="HUXUE_TEST_POSTGRES_URL is not set")
def test_two_rule_switches_at_the_same_moment_both_survive(pg: Engine) -> None:
    run(pg, district)  # the district's settings row, as every district has one
    with Session(pg) as first:
        set_lone_officer(first, enabled=True, turnout_below=0.5)  # holds the district row
        thread, out = _in_thread(lambda: run(pg, lambda s: set_response_term(s, enabled=True)))
        _wait_until_blocked(pg, thread)
        first.commit()
    thread.join(30)
    assert len(out) == 1 and not isinstance(out[0], Exception), out
    with Session(pg) as session:
        rules = district_rules(session)
    assert rules["lone_officer"]["enabled"] is True
    assert rules["lone_officer"]["turnout_below"] == 0.5
    assert rules["response_term"] is True


# ------------------------------------------------------------------ the schema migration


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_unit_row_version_migration_goes_down_and_up_with_the_units(
    backend: str, tmp_path: Path
) -> None:
    from alembic import command

    with shared_database(backend, tmp_path) as engine:
        with Session(engine) as session:
            seed_small(session)
        run(engine, save_unit, UnitRecord(CODE, "JM", crew=["100001"]))
        shown = unit(engine)
        assert shown is not None
        run(engine, save_unit, replace(shown, name="二"), CODE)
        cfg = _alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0008")
        engine.dispose()
        assert current_revision(engine) == "0008"
        columns = {c["name"] for c in inspect(engine).get_columns("patrolunit")}
        assert "row_version" not in columns and "code" in columns
        url = engine.url.render_as_string(hide_password=False)
        upgraded = open_database(url)
        try:
            assert current_revision(upgraded) == head_revision() == "0009"
            with Session(upgraded) as session:
                stored = session.exec(select(PatrolUnit).where(col(PatrolUnit.code) == CODE)).one()
                assert (stored.name, stored.row_version) == ("二", 1)
                assert len(session.exec(select(PatrolCrew)).all()) == 1
        finally:
            upgraded.dispose()
