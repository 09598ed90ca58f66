"""Live refresh on a shared PostgreSQL database: a change committed by another connection
reaches an open page within 2 s, an editor with unsaved input keeps it and says who changed
the record, and the status line says who changed what."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.database import open_database
from huxue.models import Person
from tests.huxue.factories import seed_small
from tests.huxue.pg_fixtures import fresh_database

pytestmark = [pytest.mark.gui, pytest.mark.postgres]

# The 2 s target is measured by bench/live_bench.py; a test on a loaded machine only checks
# that the change arrives (a timed unit test would fail for the machine, not the product).
LIVE_WAIT_MS = 15_000


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    with fresh_database("ui") as url:
        engine = open_database(url)
        with Session(engine) as s:
            seed_small(s)
            s.commit()
        yield engine
        engine.dispose()


@pytest.fixture
def ctx(app: Any, pg_engine: Engine) -> Iterator[Any]:
    from ui.context import AppContext

    context = AppContext(pg_engine)
    yield context
    context.stop_live()


def other_planner(engine: Engine, sql: str, *params: object) -> None:
    """A change committed by another planner's connection, in raw SQL."""
    info = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(info, autocommit=True) as conn:
        conn.execute(sql, params)


def first_person(engine: Engine) -> Person:
    with Session(engine) as s:
        person = s.exec(select(Person).order_by(Person.id)).first()
        assert person is not None
        return person


def test_another_planners_change_reaches_the_open_page_within_two_seconds(
    qtbot: Any, window: Any, ctx: Any, pg_engine: Engine
) -> None:
    window.show_page("people")
    page = window.page("people")
    person = first_person(pg_engine)
    assert ctx.live is not None
    with qtbot.waitSignal(ctx.remote_changed, timeout=LIVE_WAIT_MS):
        other_planner(pg_engine, "UPDATE person SET name = %s WHERE id = %s", "林新名", person.id)
    model = page.controller.model
    names = [model.row_of(r).name for r in range(model.rowCount())]
    assert "林新名" in names
    assert "postgres" in window.live_label.text()


def test_an_editor_with_unsaved_input_keeps_it_and_says_who_changed_the_record(
    qtbot: Any, window: Any, ctx: Any, pg_engine: Engine
) -> None:
    window.show_page("people")
    page = window.page("people")
    person = first_person(pg_engine)
    assert person.id is not None
    page.controller.select_person(person.id)
    editor = page.controller.editor
    editor.view.name.setText("我正在输入")
    editor._on_changed()
    assert editor.dirty
    with qtbot.waitSignal(ctx.remote_changed, timeout=LIVE_WAIT_MS):
        other_planner(pg_engine, "UPDATE person SET phone = %s WHERE id = %s", "6101", person.id)
    assert editor.view.name.text() == "我正在输入" and editor.dirty
    assert editor.changed_elsewhere == "postgres"
    assert "postgres" in editor.view.banner.text()
    # Without unsaved input the form shows what is stored now.
    editor.dirty = False
    editor.load(person.id)
    with qtbot.waitSignal(ctx.remote_changed, timeout=LIVE_WAIT_MS):
        other_planner(pg_engine, "UPDATE person SET name = %s WHERE id = %s", "林二", person.id)
    assert editor.view.name.text() == "林二"


def test_the_windows_own_saves_are_not_announced_as_anothers(
    qtbot: Any, window: Any, ctx: Any, pg_engine: Engine
) -> None:
    window.show_page("people")
    page = window.page("people")
    person = first_person(pg_engine)
    assert person.id is not None
    page.controller.select_person(person.id)
    editor = page.controller.editor
    editor.view.name.setText("自己改的")
    editor._on_changed()
    seen: list[Any] = []
    ctx.remote_changed.connect(seen.append)
    assert editor.save()
    # A later change by someone else arrives; the window's own save never did.
    with qtbot.waitSignal(ctx.remote_changed, timeout=LIVE_WAIT_MS):
        other_planner(pg_engine, "UPDATE station SET name = name WHERE id = %s", person.station_id)
    assert [c.table for c in seen] == ["station"]


def test_a_roster_stored_by_another_planner_reloads_the_open_week(
    qtbot: Any, window: Any, ctx: Any, pg_engine: Engine
) -> None:
    import datetime as dt

    window.show_page("roster")
    page = window.page("roster")
    page.controller.set_scope(dt.date(2026, 12, 7), None)
    shown = page.controller.plan
    assert shown is not None
    with Session(pg_engine) as s:
        station = s.exec(select(Person.station_id)).first()
    with qtbot.waitSignal(ctx.remote_changed, timeout=LIVE_WAIT_MS):
        other_planner(
            pg_engine,
            "INSERT INTO roster (week_start, station_id, status, version, created_at, stats_json)"
            " VALUES ('2026-12-07', %s, 'draft', 1, now(), '{}')",
            station,
        )
    assert page.controller.plan is not shown  # the week was read again
    assert "postgres" in window.live_label.text()
