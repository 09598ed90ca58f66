"""How soon another planner's change reaches an open window, on a PostgreSQL server.

    python bench/live_bench.py --postgres postgresql://postgres@HOST/postgres [--changes 50]

A fresh database beside the given one gets the small test district; a second connection (the
"other planner") commits N single-record saves, one at a time, while the window's feed
(`huxue.live.ChangeFeed`, the same one the window's listener thread runs) waits for each. The
table gives the latency from the other planner's commit to the change in hand: median, 95th
percentile and worst, against the target of 2 s. The database is dropped at the end.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_S = 2.0


def measure(url: str, changes: int) -> list[float]:
    """Seconds from each commit to its change arriving on the feed."""
    from sqlmodel import select

    from huxue.database import open_database, session_scope
    from huxue.live import ChangeFeed
    from huxue.models import Person
    from tests.huxue.factories import seed_small

    engine = open_database(url)
    with session_scope(engine) as session:
        seed_small(session)
    with session_scope(engine) as session:
        person_id = session.exec(select(Person.id)).first()
    feed = ChangeFeed(engine, app="live-bench window")
    feed.open()
    latencies = []
    try:
        for n in range(changes):
            with engine.begin() as conn:
                conn.exec_driver_sql(
                    "UPDATE person SET notes = %(n)s WHERE id = %(id)s",
                    {"n": f"bench {n}", "id": person_id},
                )
            committed = time.perf_counter()
            arrived = None
            while arrived is None and time.perf_counter() - committed < 30:
                if any(c.table == "person" for c in feed.wait(1.0)):
                    arrived = time.perf_counter()
            latencies.append((arrived or float("inf")) - committed)
    finally:
        feed.close()
        engine.dispose()
    return latencies


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("HUXUE_TEST_POSTGRES_URL"))
    parser.add_argument("--changes", type=int, default=50)
    args = parser.parse_args()
    if not args.postgres:
        print("give --postgres URL or set HUXUE_TEST_POSTGRES_URL")
        return 2
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(args.postgres)
    name = f"{base.database}_live_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        url = base.set(database=name).render_as_string(hide_password=False)
        got = sorted(measure(url, args.changes))
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()
    p95 = got[min(len(got) - 1, int(0.95 * len(got)))]
    print("changes | median ms | p95 ms | worst ms | target ms | met")
    print(
        f"{len(got):7} | {1000 * statistics.median(got):9.1f} | {1000 * p95:6.1f} | "
        f"{1000 * got[-1]:8.1f} | {1000 * TARGET_S:9.0f} | {'yes' if got[-1] <= TARGET_S else 'no'}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
