"""Six planners on one database: no committed change is ever lost.

    python bench/district_load.py --seconds 60                       # SQLite file and PostgreSQL
    python bench/district_load.py --seconds 60 --postgres URL        # server given explicitly
    python bench/district_load.py --seconds 20 --backends sqlite     # a quick look

The demo district (six stations) is built once per backend (PostgreSQL: a fresh database named
after the server URL's own, dropped at the end). Then six scripted planners — separate processes,
one per station — work for the given time. Each, at random:

- edits a person or a school of its station (reads it, appends a short token to its notes,
  saves with the version it read), or, two times in five, one of three records every planner
  shares (the same read-modify-write);
- solves its station's week with a short time limit and stores the roster;
- publishes its station's week (once it has solved it), noting what it published.

On PostgreSQL the district is secured as `admin init-db` does (row-level security) and each
planner logs in as its own station planner (`admin add-planner`): the shared records are the
first station's, edited by its planner and by a seventh, district-office planner; now and then a
station planner tries another station's record, which the server must refuse.

Each planner logs every change it committed and every conflict it was told about. At the end the
script checks the audit hash chain, and that every committed token is in the record's final
notes (a change is lost when a later save overwrote it without having read it), that every
published roster still holds exactly the pairs it was published with, and that nothing ended in
an unexpected error. It prints a table: planners, seconds, edits committed, conflicts detected,
solves, publishes, changes lost (must be 0), refusals by the server's rights, the audit chain,
errors.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import multiprocessing as mp
import os
import random
import sys
import tempfile
import time
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WEEK = dt.date(2026, 12, 7)
SHARED = 3  # records every planner edits
NOTES_ROOM = 900  # notes hold 1,000 characters: a full record is left alone


def _pairs_hash(session: Any, roster_id: int) -> str:
    from sqlmodel import select

    from huxue.models import Assignment

    rows = session.exec(select(Assignment).where(Assignment.roster_id == roster_id)).all()
    text = "\n".join(sorted(f"{a.session_key}|{a.person_id}" for a in rows))
    return hashlib.sha256(text.encode()).hexdigest()


def _targets(url: str) -> dict[str, Any]:
    """Per station: its people and schools; and the shared records (kind, id)."""
    from sqlmodel import Session, select

    from huxue.database import open_database
    from huxue.models import Person, School, Station

    engine = open_database(url)
    with Session(engine) as session:
        stations = [s.id for s in session.exec(select(Station).order_by(Station.code)).all()]
        per: dict[int, dict[str, list[int]]] = {}
        for sid in stations:
            people = session.exec(select(Person.id).where(Person.station_id == sid)).all()
            schools = session.exec(select(School.id).where(School.station_id == sid)).all()
            per[sid or 0] = {"person": list(people), "school": list(schools)}
    engine.dispose()
    first = per[stations[0] or 0]
    shared = [("school", sid) for sid in first["school"][:SHARED]]
    for sid in stations:  # nobody edits the shared records as their own
        for kind, rid in shared:
            if rid in per[sid or 0][kind]:
                per[sid or 0][kind].remove(rid)
    return {"stations": stations, "per": per, "shared": shared}


def planner(
    url: str,
    index: int,
    station_id: int,
    targets: dict[str, Any],
    seconds: float,
    seed: int,
    out: str,
) -> None:
    """One planner's scripted work; its log goes to `out` as JSON."""
    from huxue import editing
    from huxue.accounts import PermissionDeniedError, permission_message
    from huxue.database import open_database, session_scope
    from huxue.errors import ConflictError
    from huxue.planning import NothingToPlanError, PlanScope, publish, solve_week

    engine = open_database(url)
    rng = random.Random(seed)
    log: dict[str, Any] = {
        "edits": [],
        "conflicts": 0,
        "solves": 0,
        "publishes": [],
        "errors": [],
        "full": 0,
        "refused": 0,
    }
    load = {"person": editing.load_person, "school": editing.load_school}
    save = {"person": editing.save_person, "school": editing.save_school}
    secured = targets.get("secured", False)
    district_office = station_id == 0  # a district-office planner: only the shared records
    mine = targets["per"][str(station_id)] if not district_office else {}
    # Under row-level security only the shared records' own station and the district office
    # may write them; the others now and then try a record of another station (refused).
    shares = not secured or district_office or station_id == targets["stations"][0]
    others = [
        (kind, rid)
        for sid, records in targets["per"].items()
        if sid != str(station_id)
        for kind in ("person", "school")
        for rid in records[kind][:3]
    ]
    end = time.monotonic() + seconds
    n = 0
    while time.monotonic() < end:
        n += 1
        roll = rng.random()
        try:
            if secured and not district_office and roll < 0.05:
                kind, rid = rng.choice(others)
                with session_scope(engine) as session:
                    data = load[kind](session, rid)
                try:
                    with session_scope(engine) as session:
                        save[kind](session, replace(data, notes=data.notes + "[x]"))
                except (PermissionDeniedError, ConflictError):
                    log["refused"] += 1
                except Exception as exc:  # noqa: BLE001 - the server's refusal, raw
                    if permission_message(exc) is None:
                        raise
                    log["refused"] += 1
                else:
                    log["errors"].append(f"wrote another station's {kind} {rid}")
                continue
            if district_office or roll < 0.85:
                if district_office or (shares and rng.random() < 0.4):
                    kind, rid = rng.choice(targets["shared"])
                else:
                    kind = rng.choice(["person", "school"])
                    rid = rng.choice(mine[kind])
                token = f"[p{index}.{n}]"  # unique: the brackets keep p1.1 apart from p1.15
                with session_scope(engine) as session:
                    data = load[kind](session, rid)
                if len(data.notes) + len(token) > NOTES_ROOM:
                    log["full"] += 1
                    continue
                time.sleep(rng.random() * 0.05)  # the planner types
                with session_scope(engine) as session:
                    save[kind](session, replace(data, notes=data.notes + token))
                log["edits"].append([kind, rid, token])
            elif roll < 0.95 or not log["solves"]:
                with session_scope(engine) as session:
                    solve_week(session, PlanScope(WEEK, station_id), time_limit=1.0, workers=1)
                log["solves"] += 1
            else:
                with session_scope(engine) as session:
                    done = publish(session, WEEK, station_id)
                    session.flush()
                    published = [[r.id, _pairs_hash(session, r.id or 0)] for r in done]
                log["publishes"].extend(published)
        except ConflictError:
            log["conflicts"] += 1
        except NothingToPlanError:
            log["errors"].append("NothingToPlanError: the bench week has no sessions")
        except Exception as exc:  # noqa: BLE001 - every other failure is a finding
            log["errors"].append(f"{type(exc).__name__}: {str(exc)[:200]}")
    engine.dispose()
    Path(out).write_text(json.dumps(log), encoding="utf-8")


def _secure(url: str) -> dict[int, str]:
    """`admin init-db` and one station planner per station plus the district office (logins
    named after the database, no password: the server's own authentication admits them).
    Returns each planner's URL by station id (0: the district office)."""
    from sqlalchemy.engine import make_url
    from sqlmodel import Session, select

    from huxue import accounts
    from huxue.database import make_engine, upgrade
    from huxue.models import Station

    engine = make_engine(url)
    try:
        accounts.init_db(engine, upgrade)
        with Session(engine) as session:
            stations = [(s.id or 0, s.code) for s in session.exec(select(Station)).all()]
        base = make_url(url)
        urls: dict[int, str] = {}
        for sid, code in [*stations, (0, None)]:
            name = f"{base.database}_pl_{(code or 'office').lower()}"
            accounts.add_planner(engine, name, code, None)
            urls[sid] = base.set(username=name).render_as_string(hide_password=False)
    finally:
        engine.dispose()
    return urls


def _unsecure(url: str, names: list[str]) -> None:
    from huxue import accounts
    from huxue.database import make_engine

    engine = make_engine(url)
    try:
        for name in names:
            accounts.remove_planner(engine, name)
    finally:
        engine.dispose()


def run(url: str, seconds: float, label: str) -> dict[str, Any]:
    """Build the demo at `url`, run six planners, check; the table's row."""
    from sqlalchemy.engine import make_url
    from sqlmodel import Session, select

    from huxue.audit import verify_chain
    from huxue.database import open_database, session_scope
    from huxue.demo import build_demo
    from huxue.models import Person, Roster, School

    engine = open_database(url)
    with session_scope(engine) as session:
        build_demo(session, "district", 0)
    engine.dispose()
    targets = _targets(url)
    targets["per"] = {str(k): v for k, v in targets["per"].items()}
    secured = url.startswith("postgresql")
    logins = _secure(url) if secured else {}
    targets["secured"] = secured
    folder = Path(tempfile.mkdtemp(prefix="huxue-load-"))
    ctx = mp.get_context("spawn")
    procs = []
    who = [*targets["stations"], 0] if secured else targets["stations"]
    for i, sid in enumerate(who):
        out = str(folder / f"planner{i}.json")
        mine = logins.get(sid, url)
        p = ctx.Process(target=planner, args=(mine, i, sid, targets, seconds, 1000 + i, out))
        p.start()
        procs.append((p, out))
    for p, _out in procs:
        p.join()
    logs = [json.loads(Path(out).read_text(encoding="utf-8")) for _p, out in procs]
    engine = open_database(url)
    lost = 0
    with Session(engine) as session:
        notes = {("person", r.id): r.notes for r in session.exec(select(Person)).all()}
        notes.update({("school", r.id): r.notes for r in session.exec(select(School)).all()})
        for log in logs:
            for kind, rid, token in log["edits"]:
                if token not in notes[(kind, rid)]:
                    lost += 1
        changed_published = 0
        for log in logs:
            for roster_id, digest in log["publishes"]:
                roster = session.get(Roster, roster_id)
                if roster is None or _pairs_hash(session, roster_id) != digest:
                    changed_published += 1
        chain = verify_chain(session)
    engine.dispose()
    if secured:
        _unsecure(url, [str(make_url(u).username) for u in logins.values()])
    return {
        "backend": label,
        "planners": len(logs),
        "seconds": seconds,
        "edits committed": sum(len(log["edits"]) for log in logs),
        "conflicts detected": sum(log["conflicts"] for log in logs),
        "solves": sum(log["solves"] for log in logs),
        "publishes": sum(len(log["publishes"]) for log in logs),
        "changes lost": lost + changed_published,
        "refused by rights": sum(log["refused"] for log in logs) if secured else "-",
        "audit chain": f"{'intact' if chain.intact else 'BROKEN'} ({chain.entries})",
        "errors": sum(len(log["errors"]) for log in logs),
        "error kinds": sorted({e for log in logs for e in log["errors"]})[:3],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("HUXUE_TEST_POSTGRES_URL"),
        help="server URL (default: HUXUE_TEST_POSTGRES_URL); a fresh database is made beside it",
    )
    args = parser.parse_args()
    rows = []
    for backend in args.backends.split(","):
        if backend == "sqlite":
            path = Path(tempfile.mkdtemp(prefix="huxue-load-")) / "district.db"
            rows.append(run(str(path), args.seconds, "SQLite file"))
        elif backend == "postgres":
            if not args.postgres:
                print("PostgreSQL skipped: give --postgres URL or set HUXUE_TEST_POSTGRES_URL")
                continue
            from sqlalchemy import create_engine, text
            from sqlalchemy.engine import make_url

            base = make_url(args.postgres)
            name = f"{base.database}_load_{uuid.uuid4().hex[:8]}"
            admin = create_engine(args.postgres, isolation_level="AUTOCOMMIT")
            with admin.connect() as conn:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                url = base.set(database=name).render_as_string(hide_password=False)
                rows.append(run(url, args.seconds, "PostgreSQL"))
            finally:
                with admin.connect() as conn:
                    conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
                admin.dispose()
    keys = [
        "backend",
        "planners",
        "seconds",
        "edits committed",
        "conflicts detected",
        "solves",
        "publishes",
        "changes lost",
        "refused by rights",
        "audit chain",
        "errors",
    ]
    widths = {k: max(len(k), *(len(str(r[k])) for r in rows)) for k in keys} if rows else {}
    print(" | ".join(k.ljust(widths[k]) for k in keys))
    print("-+-".join("-" * widths[k] for k in keys))
    for r in rows:
        print(" | ".join(str(r[k]).ljust(widths[k]) for k in keys))
        if r["error kinds"]:
            print(f"  errors in {r['backend']}: {', '.join(r['error kinds'])}")
    ok = all(
        r["changes lost"] == 0 and r["errors"] == 0 and r["audit chain"].startswith("intact")
        for r in rows
    )
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
