"""What planner accounts cost on PostgreSQL: row-level security and the audit chain.

    .venv/bin/python bench/accounts_bench.py --url postgresql://postgres@HOST:PORT/NAME

Makes a fresh database NAME_bench on that server (a superuser's URL), sets up accounts
(`admin init-db`), builds the district demo and adds a planner for station QY (login
NAME_bench_qy), then times the same work as the tables' owner (no row rules apply) and as the
station's planner (every row checked by the policies):
- storing a week's roster of the station (3,000 assignments in one transaction, rolled back);
- updating every person of the station;
- 500 audit entries, one transaction each (trigger, advisory lock, hash chain);
- `audit verify` over the trail.
The database and the login are dropped at the end. Wall-clock seconds; the machine's other
load shows in them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import sqlalchemy as sa  # noqa: E402
from sqlalchemy.engine import Engine, make_url  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

from huxue import accounts  # noqa: E402
from huxue.audit import audit, verify_chain  # noqa: E402
from huxue.database import make_engine, session_scope, upgrade  # noqa: E402
from huxue.demo import build_demo  # noqa: E402
from huxue.models import Person, Post, Roster, School, Station  # noqa: E402

ROWS: list[tuple[str, str, float]] = []


def timed(label: str, who: str, func: Callable[[], Any]) -> Any:
    start = time.perf_counter()
    result = func()
    ROWS.append((label, who, time.perf_counter() - start))
    return result


def store_roster(engine: Engine, n: int = 3000) -> None:
    """A roster of station QY with `n` assignments, in one transaction that is rolled back."""
    with Session(engine) as session:
        station = session.exec(select(Station).where(Station.code == "QY")).one()
        posts = session.exec(
            select(Post.id).join(School).where(School.station_id == station.id)
        ).all()
        people = session.exec(select(Person.id).where(Person.station_id == station.id)).all()
        roster = Roster(
            week_start=dt.date(2030, 1, 7),
            station_id=station.id,
            created_at=dt.datetime.now(dt.UTC),
        )
        session.add(roster)
        session.flush()
        rows = [
            {
                "roster_id": roster.id,
                "session_key": f"bench/{i}",
                "post_id": posts[i % len(posts)],
                "date": dt.date(2030, 1, 7),
                "kind": "arrival",
                "start": dt.time(7, 20),
                "end": dt.time(7, 55),
                "person_id": people[i % len(people)],
                "pinned": False,
                "source": "solver",
            }
            for i in range(n)
        ]
        session.connection().execute(
            sa.insert(sa.table("assignment", *map(sa.column, rows[0]))), rows
        )
        session.rollback()


def update_people(engine: Engine) -> int:
    with Session(engine) as session:
        result = session.connection().execute(
            sa.text(
                "UPDATE person SET notes = notes WHERE station_id = "
                "(SELECT id FROM station WHERE code = 'QY')"
            )
        )
        session.rollback()
        return int(result.rowcount)  # type: ignore[attr-defined]


def audit_entries(engine: Engine, n: int = 500) -> None:
    for i in range(n):
        with session_scope(engine) as session:
            audit(session, None, "bench", f"entry {i}", {}, {"i": i})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="a superuser's URL on the server")
    args = parser.parse_args()
    base = make_url(args.url.replace("postgresql://", "postgresql+psycopg://", 1))
    name = f"{base.database}_bench"
    planner = f"{name}_qy"
    server = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with server.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    owner_url = base.set(database=name)
    planner_url = owner_url.set(username=planner, password="bench")
    try:
        owner = make_engine(owner_url.render_as_string(hide_password=False))
        timed("admin init-db", "owner", lambda: accounts.init_db(owner, upgrade))
        with session_scope(owner) as session:
            timed("demo district", "owner", lambda: build_demo(session, "district"))
        accounts.add_planner(owner, planner, "QY", "bench")
        station = make_engine(planner_url.render_as_string(hide_password=False))
        for engine, who in ((owner, "owner"), (station, "QY planner")):
            timed("store a roster (3,000 assignments)", who, lambda e=engine: store_roster(e))
            count = timed("update the station's people", who, lambda e=engine: update_people(e))
            ROWS[-1] = (f"update the station's people ({count})", who, ROWS[-1][2])
            timed("500 audit entries, one commit each", who, lambda e=engine: audit_entries(e))
        with Session(owner) as session:
            report = timed("audit verify", "owner", lambda: verify_chain(session))
        station.dispose()
        owner.dispose()
    finally:
        with server.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            roles = accounts.role_names(name)
            for role in (planner, roles.owner, roles.station, roles.district):
                conn.execute(sa.text(f'DROP ROLE IF EXISTS "{role}"'))
        server.dispose()
    print(f"{'step':<44} {'login':<12} {'wall s':>8}")
    for label, who, seconds in ROWS:
        print(f"{label:<44} {who:<12} {seconds:>8.2f}")
    print(report.message())
    return 0


if __name__ == "__main__":
    sys.exit(main())
