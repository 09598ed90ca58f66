"""Planner accounts on PostgreSQL: the server itself keeps each station planner to their own
station's rows, and the audit trail append-only, whatever SQL their login sends.

Each test gets a fresh database named after the test server's database (and so do its roles);
the planner logins it creates are dropped afterwards.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from huxue import accounts
from huxue.audit import audit, verify_chain
from huxue.backup import backup_data, restore_data
from huxue.cli import main
from huxue.database import make_engine, open_database, session_scope, upgrade
from huxue.errors import DatabaseError
from huxue.models import Assignment, AuditEntry, Roster
from tests.huxue.factories import seed_small

URL = os.environ.get("HUXUE_TEST_POSTGRES_URL")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not URL, reason="HUXUE_TEST_POSTGRES_URL is not set"),
]


@dataclass
class Server:
    """A fresh secured database: the admin's URL and planners jm (JM), xl (XL), office."""

    url: str
    name: str
    jm: str
    xl: str
    office: str

    def login(self, user: str) -> psycopg.Connection[Any]:
        parsed = make_url(self.url)
        return psycopg.connect(
            host=parsed.host,
            port=parsed.port,
            dbname=self.name,
            user=user,
            password="pw-" + user,
            autocommit=True,
        )

    def planner_url(self, user: str) -> str:
        parsed = make_url(self.url).set(username=user, password="pw-" + user)
        return parsed.render_as_string(hide_password=False)


@pytest.fixture
def server() -> Iterator[Server]:
    assert URL is not None
    base = make_url(URL)
    tag = uuid.uuid4().hex[:8]
    name = f"{(base.database or 'huxue').lower()}_rls_{tag}"
    admin = create_engine(URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = base.set(database=name).render_as_string(hide_password=False)
    planners = {k: f"{name}_{k}" for k in ("jm", "xl", "office")}
    engine = make_engine(url)
    try:
        accounts.init_db(engine, upgrade)
        with session_scope(engine) as session:
            seed_small(session)
            _rosters(session)
        accounts.add_planner(engine, planners["jm"], "JM", "pw-" + planners["jm"])
        accounts.add_planner(engine, planners["xl"], "XL", "pw-" + planners["xl"])
        accounts.add_planner(engine, planners["office"], None, "pw-" + planners["office"])
        engine.dispose()
        yield Server(url, name, planners["jm"], planners["xl"], planners["office"])
    finally:
        engine.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            roles = accounts.role_names(name)
            for role in (*planners.values(), roles.owner, roles.station, roles.district):
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
        admin.dispose()


def _rosters(session: Session) -> None:
    """A draft roster with one assignment for each station."""
    from huxue.models import Person, Post, Station

    for code in ("JM", "XL"):
        station = session.exec(select(Station).where(Station.code == code)).one()
        roster = Roster(
            week_start=dt.date(2026, 12, 7),
            station_id=station.id,
            created_at=dt.datetime(2026, 12, 1, tzinfo=dt.UTC),
        )
        session.add(roster)
        session.flush()
        post = session.exec(select(Post).where(Post.code.startswith(code))).first()  # type: ignore[attr-defined]
        person = session.exec(select(Person)).first()
        assert post is not None and person is not None
        session.add(
            Assignment(
                roster_id=roster.id,
                session_key=f"{post.code}/2026-12-07/arrival",
                post_id=post.id,
                date=dt.date(2026, 12, 7),
                kind="arrival",
                start=dt.time(7, 20),
                end=dt.time(7, 55),
                person_id=person.id,
            )
        )


def _ids(conn: psycopg.Connection[Any], code: str) -> dict[str, int]:
    row = conn.execute(
        "SELECT st.id, sc.id, p.id, r.id FROM station st JOIN school sc ON sc.station_id = st.id "
        "JOIN post p ON p.school_id = sc.id JOIN roster r ON r.station_id = st.id "
        "WHERE st.code = %s LIMIT 1",
        (code,),
    ).fetchone()
    assert row is not None
    return {"station": row[0], "school": row[1], "post": row[2], "roster": row[3]}


def _count(conn: psycopg.Connection[Any], sql: str, *params: object) -> int:
    cur = conn.execute(sql, params)
    return cur.rowcount


def test_a_station_planner_reads_all_and_writes_only_their_station(server: Server) -> None:
    with server.login(server.jm) as conn:
        assert conn.execute("SELECT current_user").fetchone() == (server.jm,)
        assert conn.execute("SELECT count(*) FROM school").fetchone() == (3,)
        assert conn.execute("SELECT count(*) FROM roster").fetchone() == (2,)
        mine, theirs = _ids(conn, "JM"), _ids(conn, "XL")
        # Their own station: update, insert and delete all work.
        update = "UPDATE school SET notes = 'x' WHERE id = %s"
        assert _count(conn, update, mine["school"]) == 1
        assert _count(conn, "UPDATE post SET name = 'x' WHERE id = %s", mine["post"]) == 1
        assert (
            _count(conn, "UPDATE person SET notes = 'x' WHERE station_id = %s", mine["station"])
            == 3
        )
        assert (
            _count(conn, "UPDATE assignment SET pinned = true WHERE roster_id = %s", mine["roster"])
            == 1
        )
        conn.execute(
            "INSERT INTO person (code, name, role, station_id, phone, history_load, active, notes)"
            " VALUES ('N1', '新人', 'volunteer', %s, '', 0, true, '')",
            (mine["station"],),
        )
        assert _count(conn, "DELETE FROM person WHERE code = 'N1'") == 1
        assert _count(conn, "DELETE FROM assignment WHERE roster_id = %s", mine["roster"]) == 1
        # Another station's: the rows are out of reach (zero rows) …
        assert _count(conn, update, theirs["school"]) == 0
        assert _count(conn, "UPDATE post SET name = 'x' WHERE id = %s", theirs["post"]) == 0
        assert (
            _count(conn, "UPDATE roster SET status = 'published' WHERE id = %s", theirs["roster"])
            == 0
        )
        assert _count(conn, "DELETE FROM assignment WHERE roster_id = %s", theirs["roster"]) == 0
        assert _count(conn, "DELETE FROM school WHERE id = %s", theirs["school"]) == 0
        # … and new rows for it, or moving a row there, are refused outright.
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO person (code, name, role, station_id, phone, history_load, active, "
                "notes) VALUES ('N2', '外人', 'volunteer', %s, '', 0, true, '')",
                (theirs["station"],),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "UPDATE school SET station_id = %s WHERE id = %s",
                (theirs["station"], mine["school"]),
            )
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute(
                "INSERT INTO assignment (roster_id, session_key, post_id, date, kind, start, "
                "\"end\", person_id, pinned, source) SELECT %s, 'k', %s, '2026-12-08', "
                "'arrival', '07:20', '07:55', id, false, 'manual' FROM person LIMIT 1",
                (theirs["roster"], theirs["post"]),
            )
        # District-wide rows (terms, district bell times) belong to the district office.
        assert _count(conn, "UPDATE term SET name = 'x'") == 0
        assert _count(conn, "UPDATE belltime SET seq = 1 WHERE school_id IS NULL") == 0
    with server.login(server.xl) as conn:  # nothing of XL's changed
        assert conn.execute("SELECT count(*) FROM school WHERE notes = 'x'").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM assignment").fetchone() == (1,)


def test_the_audit_trail_is_append_only_and_names_the_login(server: Server) -> None:
    with server.login(server.jm) as conn:
        conn.execute(
            "INSERT INTO auditentry (at, who, action, entity, before_json, after_json, seq, "
            "prev_hash, hash) VALUES ('2000-01-01', 'someone-else', 'edit', 'x', '', '', 99, "
            "'', 'forged')"
        )
        row = conn.execute("SELECT who, at, seq, hash FROM auditentry ORDER BY seq DESC").fetchone()
        assert row is not None
        assert row[0] == server.jm and row[1].year >= 2026 and row[2] == 1 and row[3] != "forged"
        for sql in (
            "UPDATE auditentry SET who = 'x'",
            "DELETE FROM auditentry",
            "TRUNCATE auditentry",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                conn.execute(sql)
    # Even with the table's privileges, the trigger refuses a change to anyone but the owner.
    engine = make_engine(server.url)
    with engine.begin() as conn, pytest.raises(Exception, match="append-only"):
        conn.execute(text("UPDATE auditentry SET who = 'x'"))
    with Session(engine) as session:
        assert verify_chain(session).message() == "1 entries, chain intact"
    engine.dispose()


def test_the_district_office_writes_everything(server: Server) -> None:
    with server.login(server.office) as conn:
        theirs = _ids(conn, "XL")
        assert _count(conn, "UPDATE school SET notes = 'y' WHERE id = %s", theirs["school"]) == 1
        assert _count(conn, "UPDATE school SET notes = 'y'") == 3
        assert _count(conn, "UPDATE term SET name = 'T'") == 1
        assert _count(conn, "DELETE FROM assignment") == 2
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM auditentry")


def test_audit_entries_from_the_app_chain_on_the_server(server: Server) -> None:
    engine = open_database(server.planner_url(server.jm))
    with session_scope(engine) as session:
        for i in range(3):
            audit(session, "whoever", "edit", f"x{i}", {}, {"i": i})
    with Session(engine) as session:
        rows = session.exec(select(AuditEntry).order_by(AuditEntry.seq)).all()
        assert {r.who for r in rows} == {server.jm}
        assert verify_chain(session).intact
    engine.dispose()
    admin = make_engine(server.url)
    with admin.begin() as conn:
        conn.execute(text("ALTER TABLE auditentry DISABLE TRIGGER USER"))
        conn.execute(text("DELETE FROM auditentry WHERE seq = 2"))
        conn.execute(text("ALTER TABLE auditentry ENABLE TRIGGER USER"))
    with Session(admin) as session:
        assert verify_chain(session).message().startswith("audit entry #2 was removed")
    admin.dispose()


def test_write_scope_and_cli_messages(
    server: Server, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    engine = open_database(server.planner_url(server.jm))
    with Session(engine) as session:
        scope = accounts.write_scope(session)
        ids = {code: _station(session, code) for code in ("JM", "XL")}
    assert not scope.everything and scope.station_code == "JM"
    assert scope.may_write(ids["JM"]) and not scope.may_write(ids["XL"])
    assert not scope.may_write(None)
    with pytest.raises(accounts.PermissionDeniedError, match="is not JM's"):
        scope.require(ids["XL"], "school XL-P001")
    engine.dispose()
    office = open_database(server.planner_url(server.office))
    with Session(office) as session:
        assert accounts.write_scope(session).everything
    office.dispose()
    # The CLI refuses another station's (or the whole district's) roster in one line.
    url = server.planner_url(server.jm)
    for extra in (["--station", "XL"], []):
        assert main(["publish", "--week", "2026-12-07", *extra, "--db", url]) == 2
        err = capsys.readouterr().err.strip()
        assert "\n" not in err and "may change only JM's records" in err, err
    assert main(["publish", "--week", "2026-12-07", "--station", "JM", "--db", url]) == 0
    capsys.readouterr()
    # A refusal by the server itself becomes one line naming the table.
    engine = make_engine(url)
    with engine.begin() as conn, pytest.raises(DBAPIError) as caught:
        conn.execute(
            text(
                "INSERT INTO person (code, name, role, station_id, phone, history_load, active, "
                "notes) VALUES ('N3', 'x', 'volunteer', :s, '', 0, true, '')"
            ),
            {"s": ids["XL"]},
        )
    message = accounts.permission_message(caught.value)
    assert message is not None and "this person record" in message
    engine.dispose()
    # A planner may not restore or replace the data; the owner may.
    assert main(["demo", "--size", "small", "--force", "--db", url]) == 2
    assert "only the district administrator" in capsys.readouterr().err
    admin = make_engine(server.url)
    with Session(admin) as session:
        data = backup_data(session)
    engine = make_engine(url)
    with pytest.raises(accounts.PermissionDeniedError):
        restore_data(engine, data, force=True)
    engine.dispose()
    restore_data(admin, data, force=True, keep_in=tmp_path)
    with Session(admin) as session:
        assert verify_chain(session).intact
    admin.dispose()


def _station(session: Session, code: str) -> int:
    from huxue.models import Station

    station = session.exec(select(Station).where(Station.code == code)).one()
    assert station.id is not None
    return station.id


def test_a_planner_cannot_upgrade_and_is_told_who_can(server: Server) -> None:
    admin = make_engine(server.url)
    with admin.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    admin.dispose()
    with pytest.raises(DatabaseError, match="admin upgrade"):
        open_database(server.planner_url(server.jm))


def test_concurrent_planners_keep_one_intact_chain(server: Server) -> None:
    """Planners adding entries at the same moment: the trigger serialises them, no number
    is taken twice and the chain verifies."""
    import threading

    errors: list[BaseException] = []

    def write(user: str) -> None:
        try:
            engine = open_database(server.planner_url(user))
            for i in range(15):
                with session_scope(engine) as session:
                    audit(session, None, "edit", f"{user} {i}", {}, {"i": i})
            engine.dispose()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=write, args=(user,))
        for user in (server.jm, server.xl, server.office)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    admin = make_engine(server.url)
    with Session(admin) as session:
        report = verify_chain(session)
        who = {e.who for e in session.exec(select(AuditEntry)).all()}
    admin.dispose()
    assert report.message() == "45 entries, chain intact"
    assert who == {server.jm, server.xl, server.office}


def test_admin_commands(
    server: Server, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = ["--db", server.url]
    monkeypatch.setenv("HX_PW", "secret-1")
    extra = f"{server.name}_gk"
    assert (
        main(["admin", "add-planner", extra, "--station", "ZZ", "--password-env", "HX_PW", *db])
        == 2
    )
    assert "unknown station 'ZZ' (known: JM, XL)" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["admin", "add-planner", extra, "--district", *db]) == 2
    assert "--password-env" in capsys.readouterr().err
    assert (
        main(["admin", "add-planner", extra, "--station", "xl", "--password-env", "HX_PW", *db])
        == 0
    )
    assert capsys.readouterr().out.strip() == f"planner {extra}: XL"
    assert main(["admin", "list-planners", *db]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert f"{extra}\tXL" in listed and f"{server.office}\tdistrict office" in listed
    assert main(["admin", "remove-planner", extra, *db]) == 0
    assert "removed planner" in capsys.readouterr().out
    with make_engine(server.url).connect() as conn:
        assert (
            conn.execute(
                text("SELECT count(*) FROM pg_roles WHERE rolname = :r"), {"r": extra}
            ).scalar()
            == 0
        )
    # A planner's own login is no administrator.
    assert main(["admin", "list-planners", "--db", server.planner_url(server.jm)]) == 0
    assert main(["admin", "remove-planner", server.xl, "--db", server.planner_url(server.jm)]) == 2
    assert "superuser" in capsys.readouterr().err
    assert main(["admin", "upgrade", *db]) == 0
