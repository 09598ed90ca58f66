"""Server trouble on a throwaway PostgreSQL server of the test's own (stopped and started
again mid-test): the window says so, keeps unsaved input, reconnects by itself and saves when
it can; a save whose answer was lost is never stored twice."""

from __future__ import annotations

import contextlib
import dataclasses
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError
from sqlmodel import Session, func, select

from huxue import editing
from huxue.database import open_database, session_scope
from huxue.models import Person
from huxue.save_once import ServerAwayError
from tests.huxue.factories import seed_small
from tests.throwaway_pg import ServerProgramsMissingError, ThrowawayServer

pytestmark = [pytest.mark.gui, pytest.mark.postgres]


@pytest.fixture(scope="module")
def server() -> Iterator[ThrowawayServer]:
    try:
        own = ThrowawayServer().init()
        own.start()
    except (ServerProgramsMissingError, subprocess.CalledProcessError, OSError) as exc:
        pytest.skip(f"no PostgreSQL server programs to start one: {exc}")
    yield own
    own.remove()


@pytest.fixture
def pg_engine(server: ThrowawayServer) -> Iterator[Engine]:
    admin = create_engine(server.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS huxue WITH (FORCE)"))
        conn.execute(text("CREATE DATABASE huxue"))
    admin.dispose()
    engine = open_database(server.url.rsplit("/", 1)[0] + "/huxue")
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


def stored_name(engine: Engine, person_id: int) -> str:
    with Session(engine) as s:
        person = s.get(Person, person_id)
        assert person is not None
        return person.name


def test_a_restart_mid_edit_keeps_the_input_and_saves_it_once_the_server_is_back(
    qtbot: Any, window: Any, ctx: Any, pg_engine: Engine, server: ThrowawayServer
) -> None:
    window.show_page("people")
    editor = window.page("people").controller.editor
    with Session(pg_engine) as s:
        person_id = s.exec(select(Person.id).order_by(Person.id)).first()
    assert person_id is not None
    window.page("people").controller.select_person(person_id)
    editor.view.name.setText("重启前")
    editor._on_changed()
    assert editor.save()
    assert not window.server_banner.isVisible()

    with qtbot.waitSignal(ctx.server_online, timeout=10_000, check_params_cb=lambda on: not on):
        server.stop("fast")
    assert window.server_banner.isVisible()
    editor.view.name.setText("服务器不在时输入")
    editor._on_changed()
    assert not editor.save()  # refused, input kept, waiting for the server
    assert editor.view.name.text() == "服务器不在时输入" and editor.dirty
    assert editor.view.save.isEnabled()

    saved = qtbot.waitSignal(editor.saved, timeout=30_000)
    with qtbot.waitSignal(ctx.server_online, timeout=30_000, check_params_cb=lambda on: on):
        server.start()
    saved.wait()
    assert not window.server_banner.isVisible()
    assert not editor.dirty
    assert stored_name(pg_engine, person_id) == "服务器不在时输入"
    assert ctx.undo_stack.count() == 2  # one undoable step per save, none twice


def test_a_save_whose_answer_was_lost_is_not_stored_twice(
    ctx: Any, pg_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Session(pg_engine) as s:
        person_id = s.exec(select(Person.id).order_by(Person.id)).first()
        assert person_id is not None
        new = dataclasses.replace(editing.load_person(s, person_id), id=None, code="NEW-1")
    real = session_scope
    lost = [True]

    @contextlib.contextmanager
    def commit_then_lose_the_answer(engine: Engine) -> Iterator[Session]:
        with real(engine) as session:
            yield session
        if lost.pop() if lost else False:  # committed; the reply never arrives
            raise OperationalError("COMMIT", {}, Exception("server closed the connection"))

    monkeypatch.setattr("ui.context.session_scope", commit_then_lose_the_answer)
    with pytest.raises(ServerAwayError):
        ctx.apply("person", "new person", None, new)
    # The planner saves again (or the window does once the server is back): same change.
    row_id = ctx.apply("person", "new person", None, new)
    with Session(pg_engine) as s:
        assert s.exec(select(func.count()).where(Person.code == "NEW-1")).one() == 1
        assert s.get(Person, row_id) is not None
