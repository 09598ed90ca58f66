"""Kill -9 of the app during save, import, solve-store and publish, on SQLite and PostgreSQL,
and a server restart in the middle of a planner's work.

    python bench/faults_district.py                 # 8 trials per command and database
    python bench/faults_district.py --trials 2      # a quick look

PostgreSQL runs on a throwaway server of the script's own (initdb into a temporary folder,
another port; stopped and removed at the end), never on a shared one. For each command one
uninterrupted run gives its duration and complete result; each trial starts from a copy of
the starting database (a file copy, or ``CREATE DATABASE … TEMPLATE``), runs the command as its
own process (``python main.py …``, or ``bench/fault_worker.py`` for the window's saves), kills
it (SIGKILL) at a random moment within that duration, and checks:

- integrity: SQLite's ``integrity_check`` and ``foreign_key_check``; on PostgreSQL every
  B-tree index verified by ``amcheck`` and every table readable;
- all or nothing (import, solve-store, publish): the content equals the start or the complete
  result;
- every change reported saved is there (save: each ``saved CODE`` line the worker printed
  before the kill is in the database, once; nothing is stored twice);
- the app works on: the database opens in Huxue, the week's solve lock can be taken (a killed
  solve leaves no stale lock) and a new save succeeds.

Then the server restart: a planner's worker saves 60 people one by one while the server is
stopped and started again under it (twice); every save reported is there exactly once.
It prints a table: database, command, trials, killed, finished, integrity ok, changes reported
saved, changes lost (must be 0).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import fault_bench  # noqa: E402
import sqlalchemy as sa  # noqa: E402
from sqlmodel import Session, SQLModel, select  # noqa: E402

from huxue import editing  # noqa: E402
from huxue.backup import TRANSIENT_TABLES  # noqa: E402
from huxue.database import open_database, session_scope  # noqa: E402
from huxue.models import Person, Station  # noqa: E402
from huxue.solve_lock import station_lock  # noqa: E402
from tests.throwaway_pg import ThrowawayServer  # noqa: E402

WEEK = fault_bench.WEEK
VOLATILE = fault_bench.VOLATILE | {"saved_at"}
SAVES = 12  # people added by one killed save run


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "HUXUE_LANG": "en"}


def run(args: list[str], *, worker: bool = False) -> subprocess.CompletedProcess[str]:
    script = ROOT / "bench" / "fault_worker.py" if worker else ROOT / "main.py"
    return subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env(),
        timeout=600,
        check=False,
    )


# ----------------------------------------------------------------------------- databases


class Backend:
    """Where trial databases live: copies of named starting databases."""

    name = ""

    def create(self, start: str, label: str) -> str:
        raise NotImplementedError

    def drop(self, url: str) -> None:
        raise NotImplementedError

    def content(self, url: str, *, solver_free: bool = False) -> str:
        raise NotImplementedError

    def sound(self, url: str) -> bool:
        raise NotImplementedError


class SqliteBackend(Backend):
    name = "SQLite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, url_or_name: str) -> Path:
        return self.folder / f"{url_or_name}.db" if "/" not in url_or_name else Path(url_or_name)

    def create(self, start: str, label: str) -> str:
        target = self.folder / f"{label}.db"
        if start:
            shutil.copy(self.path(start), target)
        return str(target)

    def drop(self, url: str) -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(url + suffix).unlink(missing_ok=True)
        shutil.rmtree(url + ".solve-locks", ignore_errors=True)

    def content(self, url: str, *, solver_free: bool = False) -> str:
        return fault_bench.content(Path(url), solver_free=solver_free)

    def sound(self, url: str) -> bool:
        return fault_bench.sound(Path(url))


class PostgresBackend(Backend):
    name = "PostgreSQL"

    def __init__(self, server: ThrowawayServer) -> None:
        self.server = server
        self.admin = sa.create_engine(server.url, isolation_level="AUTOCOMMIT", pool_pre_ping=True)

    def url(self, name: str) -> str:
        return self.server.url.rsplit("/", 1)[0] + "/" + name

    def create(self, start: str, label: str) -> str:
        template = f' TEMPLATE "{start}"' if start else ""
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{label}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{label}"{template}'))
        return self.url(label)

    def drop(self, url: str) -> None:
        name = url.rsplit("/", 1)[1]
        with self.admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def content(self, url: str, *, solver_free: bool = False) -> str:
        engine = sa.create_engine(url)
        try:
            with engine.connect() as conn:
                names = set(sa.inspect(conn).get_table_names())
                if "school" not in names:
                    return "absent"
                digest = hashlib.sha256()
                for table in SQLModel.metadata.sorted_tables:
                    if table.name in TRANSIENT_TABLES or table.name not in names:
                        continue
                    kept = [c for c in table.columns if c.name not in VOLATILE]
                    if solver_free and table.name == "assignment":
                        rows = [conn.execute(sa.text("SELECT COUNT(*) > 0 FROM assignment")).all()]
                    else:
                        rows = sorted(conn.execute(sa.select(*kept)).all(), key=repr)
                    digest.update(table.name.encode())
                    digest.update(repr(rows).encode())
                return digest.hexdigest()
        finally:
            engine.dispose()

    def sound(self, url: str) -> bool:
        """Every B-tree index checked by amcheck (heap and index agree), every table read."""
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS amcheck"))
                indexes = conn.execute(
                    sa.text(
                        "SELECT c.oid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                        "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON "
                        "n.oid = c.relnamespace WHERE a.amname = 'btree' AND n.nspname = 'public'"
                    )
                ).all()
                for (oid,) in indexes:
                    conn.execute(sa.text("SELECT bt_index_check(:oid, true)"), {"oid": oid})
                for name in sa.inspect(conn).get_table_names():
                    conn.execute(sa.text(f'SELECT COUNT(*) FROM "{name}"')).scalar()
            return True
        except sa.exc.SQLAlchemyError as exc:
            print(f"  integrity: {exc}", file=sys.stderr)
            return False
        finally:
            engine.dispose()


# ----------------------------------------------------------------------------- commands


@dataclass
class Command:
    name: str
    args: Callable[[str], list[str]]  # database URL → arguments
    start: str  # the starting database's name
    worker: bool = False  # bench/fault_worker.py (the window's saves) instead of main.py
    solver_free: bool = False


@dataclass
class Tally:
    trials: int = 0
    killed: int = 0
    finished: int = 0
    sound: int = 0
    reported: int = 0
    lost: int = 0
    works_on: int = 0
    notes: list[str] = field(default_factory=list)


def prepare(backend: Backend, folder: Path) -> dict[str, Command]:
    base = backend.create("", "base")
    out = run(["demo", "--size", "small", "--db", base])
    assert out.returncode == 0, out.stderr
    solved = backend.create("base", "solved")
    out = run(["solve", "--week", WEEK, "--db", solved, "--time-limit", "3"])
    assert out.returncode == 0, out.stderr
    csv_path = fault_bench.people_csv(folder, 2000)
    engine = open_database(base)
    with Session(engine) as s:
        station = s.exec(select(Station.code)).first()
    engine.dispose()  # a template database must have no connection
    csv_path.write_text(csv_path.read_text(encoding="utf-8-sig").replace(",JM,", f",{station},"))
    return {
        "save": Command("save", lambda db: [db, str(SAVES)], "base", worker=True),
        "import": Command(
            "import", lambda db: ["import", "--kind", "people", str(csv_path), "--db", db], "base"
        ),
        "solve-store": Command(
            "solve-store",
            lambda db: ["solve", "--week", WEEK, "--db", db, "--time-limit", "3"],
            "solved",
            solver_free=True,
        ),
        "publish": Command("publish", lambda db: ["publish", "--week", WEEK, "--db", db], "solved"),
    }


def reported_saves(text: str) -> list[str]:
    return [line.split()[1] for line in text.splitlines() if line.startswith("saved ")]


def people_codes(url: str) -> list[str]:
    engine = open_database(url)
    try:
        with Session(engine) as s:
            return list(s.exec(select(Person.code).where(Person.code.startswith("F"))))  # type: ignore[attr-defined]
    finally:
        engine.dispose()


def works_on(url: str) -> bool:
    """The app opens the database, takes the week's solve lock and saves a change."""
    try:
        engine = open_database(url)
        try:
            with Session(engine) as s:
                stations = [sid for sid in s.exec(select(Station.id)) if sid is not None]
                lock = station_lock(s, dt_week(), stations)
            lock.acquire()
            lock.release()
            with session_scope(engine) as s:
                first = s.exec(select(Person.id).order_by(Person.id)).first()
                assert first is not None
                data = editing.load_person(s, first)
                editing.save_person(s, dataclasses.replace(data, name=data.name + "·"))
        finally:
            engine.dispose()
    except Exception as exc:  # the figure counts it; the line says why
        print(f"  works on: {type(exc).__name__}: {exc}", file=sys.stderr)
        return False
    return True


def dt_week():  # type: ignore[no-untyped-def]
    import datetime as dt

    return dt.date.fromisoformat(WEEK)


def measure(backend: Backend, command: Command) -> tuple[float, str]:
    db = backend.create(command.start, f"ref_{command.name.replace('-', '_')}")
    started = time.perf_counter()
    out = run(command.args(db), worker=command.worker)
    took = time.perf_counter() - started
    assert out.returncode == 0, (command.name, out.stderr)
    complete = backend.content(db, solver_free=command.solver_free)
    backend.drop(db)
    return took, complete


def trial(
    backend: Backend,
    command: Command,
    n: int,
    took: float,
    complete: str,
    rng: random.Random,
    tally: Tally,
) -> None:
    db = backend.create(command.start, f"t_{command.name.replace('-', '_')}_{n}")
    before = backend.content(db, solver_free=command.solver_free)
    script = ROOT / "bench" / "fault_worker.py" if command.worker else ROOT / "main.py"
    process = subprocess.Popen(
        [sys.executable, str(script), *command.args(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        cwd=ROOT,
        env=env(),
    )
    time.sleep(rng.uniform(0.0, took))
    finished = process.poll() is not None
    if not finished:
        process.kill()
    out, _ = process.communicate()
    finished = finished and process.returncode == 0
    tally.trials += 1
    tally.finished += finished
    tally.killed += not finished
    ok = backend.sound(db)
    if command.worker:
        saved = reported_saves(out)
        tally.reported += len(saved)
        codes = people_codes(db)
        missing = [c for c in saved if c not in codes]
        twice = len(codes) - len(set(codes))
        tally.lost += len(missing) + twice
    else:
        after = backend.content(db, solver_free=command.solver_free)
        ok = ok and after in (before, complete)
        if finished:
            tally.reported += 1
            tally.lost += after != complete
        if command.name == "solve-store" and isinstance(backend, SqliteBackend):
            ok = ok and fault_bench.solve_consistent(Path(db))
    tally.sound += ok
    tally.works_on += works_on(db)
    if not ok:
        tally.notes.append(f"{command.name} trial {n}: checks failed")
    backend.drop(db)


def restart_run(backend: PostgresBackend, count: int = 60) -> Tally:
    """A planner's saves while the server restarts under them, twice."""
    tally = Tally()
    db = backend.create("base", "restart")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "fault_worker.py"), db, str(count)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env=env(),
    )
    lines: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line.strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    for after_saves in (count // 4, count // 2):
        while len(reported_saves("\n".join(lines))) < after_saves and process.poll() is None:
            time.sleep(0.05)
        backend.server.stop("fast")  # clients are cut off mid-transaction
        time.sleep(2.0)
        backend.server.start()
    process.wait(timeout=600)
    reader.join(5)
    tally.trials = 1
    tally.finished = int(process.returncode == 0)
    saved = reported_saves("\n".join(lines))
    tally.reported = len(saved)
    codes = people_codes(db)
    tally.lost = len([c for c in saved if c not in codes]) + len(codes) - len(set(codes))
    tally.lost += count - len(saved) if process.returncode == 0 else 0
    tally.sound = int(backend.sound(db))
    tally.works_on = int(works_on(db))
    retried = next((ln.split()[1] for ln in lines if ln.startswith("retried ")), "?")
    tally.notes.append(
        f"server stopped and started twice under {count} saves; "
        f"{retried} save attempts refused while it was away and retried"
    )
    if process.returncode != 0:
        tally.notes.append(
            "worker: "
            + " / ".join(lines[-2:])
            + (process.stderr.read() if process.stderr else "")[-300:]
        )
    backend.drop(db)
    return tally


HEADER = (
    f"{'database':<11} {'command':<14} {'trials':>6} {'killed':>6} {'finished':>8} "
    f"{'integrity':>9} {'works on':>8} {'reported saved':>14} {'lost':>5}"
)


def row(db: str, name: str, t: Tally) -> str:
    return (
        f"{db:<11} {name:<14} {t.trials:>6} {t.killed:>6} {t.finished:>8} {t.sound:>9} "
        f"{t.works_on:>8} {t.reported:>14} {t.lost:>5}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=8, help="kills per command (default 8)")
    parser.add_argument("--only", nargs="*", help="commands (save import solve-store publish)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows: list[tuple[str, str, Tally]] = []
    server: ThrowawayServer | None = None
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        backends: list[Backend] = []
        if not args.no_sqlite:
            backends.append(SqliteBackend(folder))
        if not args.no_postgres:
            server = ThrowawayServer().init()
            server.start()
            backends.append(PostgresBackend(server))
        try:
            for backend in backends:
                commands = prepare(backend, folder)
                for name in args.only or list(commands):
                    command = commands[name]
                    took, complete = measure(backend, command)
                    tally = Tally()
                    for n in range(args.trials):
                        trial(backend, command, n, took, complete, rng, tally)
                    rows.append((backend.name, name, tally))
                    print(f"{backend.name} {name}: {took:.1f} s uninterrupted", file=sys.stderr)
                if isinstance(backend, PostgresBackend):
                    rows.append((backend.name, "server restart", restart_run(backend)))
        finally:
            if server is not None:
                server.remove()
    print(HEADER)
    for db, name, tally in rows:
        print(row(db, name, tally))
    for db in sorted({r[0] for r in rows}):
        mine = [t for d, _, t in rows if d == db]
        total = Tally(
            *(sum(getattr(t, f) for t in mine) for f in list(Tally.__dataclass_fields__)[:7])
        )
        print(row(db, "all", total))
    for db, name, tally in rows:
        for note in tally.notes:
            print(f"{db} {name}: {note}")
    bad = sum(t.lost for _, _, t in rows) + sum(t.trials - t.sound for _, _, t in rows)
    return 0 if bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
