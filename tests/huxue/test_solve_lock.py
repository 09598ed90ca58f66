"""One solve per station and week: the lock, across connections and processes, SQLite and
PostgreSQL, and the CLI's refusal while another planner solves."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, select

from huxue.cli import main
from huxue.database import open_database
from huxue.models import Station
from huxue.solve_lock import SolveBusyError, SolveLock, station_lock
from tests.huxue.factories import seed_small

WEEK = dt.date(2026, 12, 7)
ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("HUXUE_TEST_POSTGRES_URL")

HOLDER = """
import datetime as dt, sys
from huxue.database import open_database
from huxue.solve_lock import SolveLock
engine = open_database(sys.argv[1])
lock = SolveLock(engine, dt.date(2026, 12, 7), [int(sys.argv[2])], who="planner-b").acquire()
print("held", flush=True)
sys.stdin.readline()
"""


def hold_in_child(url: str, station_id: int) -> subprocess.Popen[str]:
    """A second process (another planner's app) holding the week's lock until killed."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLDER, url, str(station_id)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "held"
    return child


@pytest.fixture
def db(tmp_path: Path) -> Iterator[tuple[Path, dict[str, int]]]:
    path = tmp_path / "huxue.db"
    engine = open_database(path)
    with Session(engine, expire_on_commit=False) as s:
        ids = seed_small(s)
        s.commit()
        stations = {st.code: st.id for st in s.exec(select(Station)) if st.id is not None}
    engine.dispose()
    yield path, {**ids, **stations}


def test_a_second_lock_on_the_same_week_and_station_is_refused(engine: Engine) -> None:
    first = SolveLock(engine, WEEK, [1], who="planner-a").acquire()
    with pytest.raises(SolveBusyError) as refused:
        SolveLock(engine, WEEK, [1], who="planner-b").acquire()
    assert refused.value.holder.who == "planner-a"
    assert refused.value.holder.since is not None
    # Another station, or another week, is free.
    SolveLock(engine, WEEK, [2]).acquire().release()
    SolveLock(engine, WEEK + dt.timedelta(days=7), [1]).acquire().release()
    first.release()
    SolveLock(engine, WEEK, [1]).acquire().release()


def test_a_district_solve_takes_every_station_or_none(engine: Engine) -> None:
    one = SolveLock(engine, WEEK, [2], who="planner-a").acquire()
    district = SolveLock(engine, WEEK, [1, 2, 3])
    with pytest.raises(SolveBusyError):
        district.acquire()
    assert not district.held
    SolveLock(engine, WEEK, [1]).acquire().release()  # station 1 was let go again
    one.release()
    with district:
        assert district.held
    assert not district.held


def test_sqlite_lock_between_processes_and_gone_with_a_killed_holder(
    db: tuple[Path, dict[str, int]],
) -> None:
    path, ids = db
    engine = open_database(path)
    child = hold_in_child(str(path), ids["JM"])
    try:
        with Session(engine) as s, pytest.raises(SolveBusyError) as refused:
            station_lock(s, WEEK, [ids["JM"]]).acquire()
        assert "planner-b" in refused.value.holder.who
        assert str(child.pid) in refused.value.holder.who
        assert "JM" in str(refused.value)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    # The operating system let the killed process's lock go: no stale lock.
    with Session(engine) as s:
        station_lock(s, WEEK, [ids["JM"]]).acquire().release()
    engine.dispose()


def test_cli_solve_and_repair_are_refused_while_another_planner_solves(
    db: tuple[Path, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    path, ids = db
    child = hold_in_child(str(path), ids["JM"])
    try:
        args = ["--week", WEEK.isoformat(), "--db", str(path)]
        assert main(["solve", *args, "--station", "JM", "--time-limit", "1"]) == 2
        assert "being solved by planner-b" in capsys.readouterr().err
        assert main(["solve", *args, "--time-limit", "1"]) == 2  # the district includes JM
        # XL's week is free.
        assert main(["solve", *args, "--station", "XL", "--time-limit", "1"]) == 0
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    capsys.readouterr()
    assert main(["solve", *args, "--station", "JM", "--time-limit", "1", "--workers", "1"]) == 0
    person = "E001"
    with Session(open_database(path)) as s:
        from huxue.models import Person

        person = s.exec(select(Person.code).where(Person.station_id == ids["JM"])).first() or ""
    child = hold_in_child(str(path), ids["JM"])
    try:
        repair = ["repair", *args, "--person", person, "--from", "2026-12-08", "--to", "2026-12-08"]
        assert main(repair) == 2
        assert "being solved by planner-b" in capsys.readouterr().err
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert main(repair) == 0


@pytest.fixture
def pg_engine() -> Iterator[Engine]:
    if not PG_URL:
        pytest.skip("HUXUE_TEST_POSTGRES_URL is not set")
    base = make_url(PG_URL)
    name = f"{base.database}_lock_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    engine = open_database(base.set(database=name).render_as_string(hide_password=False))
    with Session(engine) as s:
        seed_small(s)
        s.commit()
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.mark.postgres
def test_postgres_advisory_lock_names_the_holder_and_dies_with_its_connection(
    pg_engine: Engine,
) -> None:
    url = pg_engine.url.render_as_string(hide_password=False)
    with Session(pg_engine) as s:
        jm = s.exec(select(Station.id).where(Station.code == "JM")).one()
    child = hold_in_child(url, jm)
    try:
        with Session(pg_engine) as s, pytest.raises(SolveBusyError) as refused:
            station_lock(s, WEEK, [jm]).acquire()
        holder = refused.value.holder
        assert "planner-b" in holder.who and "postgres" in holder.who
        assert holder.since is not None
        assert dt.datetime.now(dt.UTC) - holder.since < dt.timedelta(minutes=5)
        with Session(pg_engine) as s:  # another station's week is free
            xl = s.exec(select(Station.id).where(Station.code == "XL")).one()
            station_lock(s, WEEK, [xl]).acquire().release()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    # The killed app's connection ends, and with it the lock (the server notices at once).
    with Session(pg_engine) as s:
        lock = station_lock(s, WEEK, [jm])
    for _ in range(50):
        try:
            lock.acquire()
            break
        except SolveBusyError:
            time.sleep(0.1)
    assert lock.held
    lock.release()
