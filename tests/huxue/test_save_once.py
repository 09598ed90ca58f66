"""A save retried after a lost connection is never stored twice (save receipts)."""

from __future__ import annotations

import dataclasses

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from huxue import editing
from huxue.models import Person, SaveReceipt
from huxue.save_once import is_connection_lost, receipt_row, save_once
from tests.huxue.factories import seed_small


def test_a_second_save_with_the_same_token_stores_nothing(engine: Engine) -> None:
    with Session(engine) as s:
        seed_small(s)
        s.commit()
        person = s.exec(select(Person)).first()
        assert person is not None and person.id is not None
        data = dataclasses.replace(
            editing.load_person(s, person.id), id=None, code="NEW-1", row_version=None
        )
    calls = []

    def write(session: Session) -> int:
        calls.append(1)
        return editing.save_person(session, data)

    with Session(engine) as s:
        first, written = save_once(s, "t1", "person", write)
        s.commit()
    assert written
    with Session(engine) as s:
        again, written = save_once(s, "t1", "person", write)
        s.commit()
        assert (again, written) == (first, False)
        assert len(calls) == 1
        assert s.exec(select(func.count()).where(Person.code == "NEW-1")).one() == 1
        assert receipt_row(s, "t1") == first and receipt_row(s, "other") is None
        assert s.exec(select(func.count()).select_from(SaveReceipt)).one() == 1


def test_a_file_database_never_counts_as_a_lost_server(engine: Engine) -> None:
    from sqlalchemy.exc import OperationalError

    error = OperationalError("SELECT 1", {}, Exception("database is locked"))
    assert not is_connection_lost(error, engine)
