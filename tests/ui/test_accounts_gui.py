"""A station planner's window: other stations' records and roster cells are read only, and
the status bar names the planner and their station."""

from __future__ import annotations

import datetime as dt
import gc
from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.accounts import WriteScope
from huxue.demo import build_demo
from huxue.models import School, Station
from huxue.planning import PlanScope, solve_week
from tests.huxue.test_accounts_pg import URL, Server, server  # noqa: F401  (fixture)
from ui.context import AppContext
from ui.planning.grid import duty_mime
from ui.planning.page import PlanningPage

pytestmark = pytest.mark.gui

WEEK = dt.date(2026, 12, 7)


def _station_scope(session: Session, code: str) -> WriteScope:
    station = session.exec(select(Station).where(Station.code == code)).one()
    return WriteScope("jm_planner", False, station.id, station.code, station.name)


def test_another_stations_school_is_read_only(window: Any) -> None:
    ctx = window.ctx
    with Session(ctx.engine) as session:
        ctx.scope = _station_scope(session, "JM")
        schools = session.exec(select(School).order_by(School.id)).all()
        mine = next(s for s in schools if s.station_id == ctx.scope.station_id)
        theirs = next(s for s in schools if s.station_id != ctx.scope.station_id)
    window.show_page("schools")
    page = window.page("schools")
    editor = page.controller.editor
    page.controller.select_school(theirs.id)
    assert not editor.view.name.isEnabled() and not editor.view.save.isEnabled()
    assert not editor.view.delete.isEnabled()
    assert not editor.view.notes.isEnabled()  # every input, not just the checked fields
    assert "jm_planner" in editor.view.banner.text()
    # Even a save forced past the greyed form is refused in one line naming the station.
    editor.dirty = True
    assert not editor.save()
    assert "JM" in editor.view.banner.text()
    editor.dirty = False
    page.controller.select_school(mine.id)
    assert editor.view.name.isEnabled() and editor.view.delete.isEnabled()


@pytest.fixture
def solved(engine: Engine) -> Engine:
    with Session(engine) as session:
        build_demo(session, "small")
        solve_week(session, PlanScope(WEEK), time_limit=2.0, workers=2)
        session.commit()
    return engine


def test_another_stations_roster_cells_are_read_only(qtbot: Any, solved: Engine) -> None:
    ctx = AppContext(solved)
    with Session(solved) as session:
        ctx.scope = _station_scope(session, "JM")
    page = PlanningPage(ctx)
    qtbot.addWidget(page)
    controller = page.controller
    assert page.station.current_key() == ctx.scope.station_id  # opens on the planner's station
    controller.set_scope(WEEK, None)
    plan = controller.plan
    assert plan is not None
    assert not page.generate.isEnabled() and not page.publish.isEnabled()  # the whole district
    theirs = next(
        k
        for k, d in plan.sessions.items()
        if d.station_id != ctx.scope.station_id and controller.grid_model.people_at(k)
    )
    controller.select_session(theirs)
    assert not page.add.isEnabled() and not page.remove.isEnabled() and not page.pin.isEnabled()
    person = controller.grid_model.people_at(theirs)[0]
    model = controller.grid_model
    target = next(k for k in plan.sessions if k != theirs)
    dropped = model.dropMimeData(
        duty_mime(person[0], theirs),
        Qt.DropAction.MoveAction,
        -1,
        -1,
        model.index_of_session(target),
    )
    assert not dropped
    assert "jm_planner" in page.banner.text()
    assert controller.edits.remove_person(theirs, person[0])[0].startswith(("Read only", "只读"))
    controller.set_scope(WEEK, ctx.scope.station_id)
    assert page.generate.isEnabled()
    controller.shutdown()


@pytest.mark.postgres
@pytest.mark.skipif(not URL, reason="HUXUE_TEST_POSTGRES_URL is not set")
def test_a_planner_login_on_the_server(app: Any, server: Server, settings: Any) -> None:  # noqa: F811
    from huxue.database import open_database
    from ui.main_window import MainWindow

    ctx = AppContext(open_database(server.planner_url(server.jm)))
    assert ctx.scope.station_code == "JM" and not ctx.scope.everything
    window = MainWindow(ctx, settings)
    try:
        window.update_status()
        assert not window.account_label.isHidden()
        assert server.jm in window.account_label.text() and "集美" in window.account_label.text()
    finally:
        # Gone before the login is dropped: a later test's language change must not reach it.
        window.close()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()
        ctx.engine.dispose()


def test_a_refusal_by_the_server_reads_as_one_line() -> None:
    from sqlalchemy.exc import ProgrammingError

    from ui.i18n import error_text

    class RefusedError(Exception):
        sqlstate = "42501"

        def __str__(self) -> str:
            return 'new row violates row-level security policy for table "person"'

    exc = ProgrammingError("INSERT INTO person …", {}, RefusedError())
    assert error_text(exc) == (
        "permission denied: your login may not change this person record "
        "(another station's or the district's); nothing saved"
    )
