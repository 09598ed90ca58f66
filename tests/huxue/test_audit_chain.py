"""The audit trail's hash chain: `audit verify` names the first removed or altered entry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from huxue.audit import audit, chain_digest, verify_chain
from huxue.backup import restore_file, write_backup
from huxue.cli import main
from huxue.database import open_database, session_scope, upgrade
from huxue.models import AuditEntry


def _write(engine: Engine, n: int) -> None:
    with session_scope(engine) as session:
        for i in range(n):
            audit(session, "planner", "edit", f"school S{i}", {"name": "旧"}, {"name": f"新{i}"})


def test_entries_are_numbered_and_chained(engine: Engine) -> None:
    _write(engine, 3)
    with Session(engine) as session:
        rows = session.exec(select(AuditEntry).order_by(AuditEntry.seq)).all()
        assert [r.seq for r in rows] == [1, 2, 3]
        assert rows[0].prev_hash == ""
        assert rows[1].prev_hash == rows[0].hash and rows[2].prev_hash == rows[1].hash
        report = verify_chain(session)
    assert report.intact and report.entries == 3
    assert report.message() == "3 entries, chain intact"


def test_an_altered_entry_is_named(engine: Engine) -> None:
    _write(engine, 4)
    with engine.begin() as conn:
        conn.execute(text("UPDATE auditentry SET after_json = '{}' WHERE seq = 2"))
    with Session(engine) as session:
        report = verify_chain(session)
    assert not report.intact
    assert report.message().startswith("audit entry #2 (id 2,") and "altered" in report.message()


def test_an_entry_rehashed_after_altering_breaks_the_next_link(engine: Engine) -> None:
    _write(engine, 3)
    with Session(engine) as session:
        row = session.exec(select(AuditEntry).where(AuditEntry.seq == 2)).one()
        forged = chain_digest(2, row.at, "someone", row.action, row.entity, "", "", row.prev_hash)
    with engine.begin() as conn:
        conn.execute(
            text(
                "UPDATE auditentry SET who='someone', before_json='', after_json='', hash=:h "
                "WHERE seq = 2"
            ),
            {"h": forged},
        )
    with Session(engine) as session:
        message = verify_chain(session).message()
    assert message.startswith("audit entry #2 was altered or replaced"), message


def test_a_removed_entry_is_named(engine: Engine) -> None:
    _write(engine, 5)
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM auditentry WHERE seq IN (2, 3)"))
    with Session(engine) as session:
        message = verify_chain(session).message()
    assert message.startswith("audit entry #2–#3 was removed (before #4"), message


def test_cli_verify_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "h.db"
    engine = open_database(db)
    _write(engine, 2)
    assert main(["audit", "verify", "--db", str(db)]) == 0
    assert capsys.readouterr().out.strip() == "2 entries, chain intact"
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM auditentry WHERE seq = 1"))
    engine.dispose()
    assert main(["--lang", "zh_CN", "audit", "verify", "--db", str(db)]) == 1
    assert "审计记录 #1 被删除" in capsys.readouterr().out


def test_restore_keeps_the_chain_and_chains_its_own_entry(tmp_path: Path) -> None:
    source = open_database(tmp_path / "a.db")
    _write(source, 3)
    write_backup(source, tmp_path / "b.json")
    target = open_database(tmp_path / "c.db")
    _write(target, 1)
    restore_file(target, tmp_path / "b.json", force=True, keep_in=tmp_path)
    with Session(target) as session:
        report = verify_chain(session)
        actions = [e.action for e in session.exec(select(AuditEntry).order_by(AuditEntry.seq))]
    assert report.intact and report.entries == 4
    assert actions[-1] == "restore"


def test_migration_chains_entries_written_before_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    from huxue.database import make_engine

    engine = make_engine(url)
    upgrade(engine, "0004")
    with engine.begin() as conn:
        for i in range(3):
            conn.execute(
                text(
                    "INSERT INTO auditentry (at, who, action, entity, before_json, after_json) "
                    "VALUES (:at, 'w', 'edit', :e, '{}', '{}')"
                ),
                {"at": dt.datetime(2026, 11, 30, 8, i, 0, 123456), "e": f"x{i}"},
            )
    upgrade(engine)
    with Session(engine) as session:
        report = verify_chain(session)
    assert report.intact and report.entries == 3


def test_admin_on_sqlite_says_accounts_are_for_servers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "h.db"
    open_database(db).dispose()
    assert main(["admin", "init-db", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "only on a shared PostgreSQL database" in err
