"""Kill -9 at random moments during each command that writes, and check nothing committed is lost.

    python bench/fault_bench.py                  # 5 trials per command (a quick look)
    python bench/fault_bench.py --trials 30      # the figures for a report

For each command (demo, import, solve-store, publish, backup, restore) one uninterrupted run
gives its duration and the complete result. Then each trial copies the starting database, starts
the command as its own process (``python main.py …``), kills it (SIGKILL) at a random moment
between its start and its reference duration, and checks:

- the database opens, ``PRAGMA integrity_check`` is ``ok`` and no foreign key dangles;
- all or nothing: its content (times and file paths left out) equals the starting content or
  the complete result — never something between;
- nothing committed is lost: a run that had already exited 0 before the kill shows the complete
  result;
- an output (the backup file) is either absent or a complete, valid backup — never half a file
  under its real name.

It prints a table: trials, killed while running, finished before the kill, integrity checks
passed, committed changes lost (must be 0).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WEEK = "2026-12-07"
# Values that differ between two runs of the same command (clock times, paths, solver noise).
VOLATILE = {"at", "created_at", "published_at", "before_json", "after_json", "stats_json"}


def run_cli(args: list[str], timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "HUXUE_LANG": "en"},
        timeout=timeout,
        check=False,
    )


def content(db: Path, *, solver_free: bool = False) -> str:
    """A hash of every table's rows, volatile columns left out (with `solver_free`, the rows
    of rosters and assignments too: a solve is not repeatable to the seat)."""
    if not db.exists():
        return "absent"
    conn = sqlite3.connect(db)
    try:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            )
        ]
        counted = [n for n in names if n != "alembic_version"]
        if all(conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0] == 0 for n in counted):
            return "absent"  # a new file the command had not yet written a row into
        digest = hashlib.sha256()
        for name in names:
            columns = [r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')]
            kept = [c for c in columns if c not in VOLATILE]
            if solver_free and name in ("assignment",):
                rows = [(conn.execute(f'SELECT COUNT(*) > 0 FROM "{name}"').fetchone(),)]
            else:
                rows = sorted(
                    conn.execute(f'SELECT {", ".join(map(repr, kept))} FROM "{name}"').fetchall(),
                    key=repr,
                )
            digest.update(name.encode())
            digest.update(repr(rows).encode())
        return digest.hexdigest()
    finally:
        conn.close()


def sound(db: Path) -> bool:
    """The file is a consistent SQLite database (or does not exist yet)."""
    if not db.exists():
        return True
    conn = sqlite3.connect(db)
    try:
        ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return ok and not conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()


def solve_consistent(db: Path) -> bool:
    """Each draft roster of the week holds the assignments its statistics say it filled."""
    conn = sqlite3.connect(db)
    try:
        for roster_id, stats in conn.execute(
            "SELECT id, stats_json FROM roster WHERE week_start = ?", (WEEK,)
        ):
            filled = json.loads(stats or "{}").get("seats_filled")
            count = conn.execute(
                "SELECT COUNT(*) FROM assignment WHERE roster_id = ?", (roster_id,)
            ).fetchone()[0]
            if filled is not None and count == 0 and filled > 0:
                return False
        return True
    finally:
        conn.close()


@dataclass
class Command:
    name: str
    args: Callable[[Path, Path], list[str]]  # (database, work folder) → arguments
    start: Path | None  # the starting database (None: the command creates it)
    output: str | None = None  # a file the command writes, checked for half files
    solver_free: bool = False


@dataclass
class Tally:
    trials: int = 0
    killed: int = 0
    finished: int = 0
    passed: int = 0
    lost: int = 0


def people_csv(folder: Path, rows: int) -> Path:
    path = folder / "people.csv"
    header = ["编号", "姓名", "身份", "派出所", "电话", "纬度", "经度"]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for i in range(rows):
            writer.writerow(
                [f"V{i:05d}", f"志愿者{i}", "志愿者", "JM", f"1380000{i:04d}", 24.6, 118.1]
            )
    return path


def prepare(folder: Path) -> dict[str, Command]:
    base = folder / "base.db"
    out = run_cli(["demo", "--size", "small", "--db", str(base)])
    assert out.returncode == 0, out.stderr
    solved = folder / "solved.db"
    shutil.copy(base, solved)
    out = run_cli(["solve", "--week", WEEK, "--db", str(solved), "--time-limit", "3"])
    assert out.returncode == 0, out.stderr
    published = folder / "published.db"
    shutil.copy(solved, published)
    out = run_cli(["publish", "--week", WEEK, "--db", str(published)])
    assert out.returncode == 0, out.stderr
    other = folder / "other.json"
    out = run_cli(["backup", "--db", str(published), "-o", str(other)])
    assert out.returncode == 0, out.stderr
    csv_path = people_csv(folder, 2000)
    station = sqlite3.connect(base).execute("SELECT code FROM station LIMIT 1").fetchone()[0]
    csv_path.write_text(csv_path.read_text(encoding="utf-8-sig").replace(",JM,", f",{station},"))
    return {
        "demo": Command("demo", lambda db, _w: ["demo", "--size", "small", "--db", str(db)], None),
        "import": Command(
            "import",
            lambda db, _w: ["import", "--kind", "people", str(csv_path), "--db", str(db)],
            base,
        ),
        "solve-store": Command(
            "solve-store",
            lambda db, _w: ["solve", "--week", WEEK, "--db", str(db), "--time-limit", "3"],
            solved,
            solver_free=True,
        ),
        "publish": Command(
            "publish", lambda db, _w: ["publish", "--week", WEEK, "--db", str(db)], solved
        ),
        "backup": Command(
            "backup",
            lambda db, w: ["backup", "--db", str(db), "-o", str(w / "out.json")],
            published,
            output="out.json",
        ),
        "restore": Command(
            "restore",
            lambda db, _w: ["restore", str(other), "--db", str(db), "--force"],
            base,
        ),
    }


def backup_complete(path: Path, reference: bytes) -> bool:
    return not path.exists() or path.read_bytes() == reference


def measure(command: Command, folder: Path) -> tuple[float, str, bytes]:
    """The reference run: its duration, its complete content and its output."""
    work = folder / f"ref-{command.name}"
    work.mkdir()
    db = work / "db.db"
    if command.start is not None:
        shutil.copy(command.start, db)
    started = time.perf_counter()
    out = run_cli(command.args(db, work))
    took = time.perf_counter() - started
    assert out.returncode == 0, (command.name, out.stderr)
    output = (work / command.output).read_bytes() if command.output else b""
    return took, content(db, solver_free=command.solver_free), output


def trial(
    command: Command,
    folder: Path,
    n: int,
    took: float,
    complete: str,
    output: bytes,
    rng: random.Random,
) -> tuple[bool, bool, bool]:
    """One killed run: (finished before the kill, checks passed, committed change lost)."""
    work = folder / f"{command.name}-{n}"
    work.mkdir()
    db = work / "db.db"
    if command.start is not None:
        shutil.copy(command.start, db)
    before = content(db, solver_free=command.solver_free)
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), *command.args(db, work)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), "HUXUE_LANG": "en"},
    )
    time.sleep(rng.uniform(0.0, took))
    finished = process.poll() is not None
    if not finished:
        process.kill()
    code = process.wait()
    finished = finished and code == 0
    # Only open with sqlite3 (not Huxue): opening must not repair what the kill left.
    ok = sound(db)
    after = content(db, solver_free=command.solver_free)
    ok = ok and after in (before, complete)
    if command.name == "solve-store":
        ok = ok and solve_consistent(db)
    if command.output:
        ok = ok and backup_complete(work / command.output, output)
        leftovers = [p for p in work.iterdir() if ".part" in p.name]
        ok = ok and (not finished or not leftovers)
    lost = finished and (
        after != complete or (command.output and not (work / command.output).exists())
    )
    if not ok or lost:
        state = "before" if after == before else "complete" if after == complete else "BETWEEN"
        print(
            f"  {command.name} trial {n}: sound={sound(db)} state={state} finished={finished}",
            file=sys.stderr,
        )
    shutil.rmtree(work, ignore_errors=True)
    return finished, ok, bool(lost)


def line(name: str, t: Tally) -> str:
    return f"{name:<12} {t.trials:>6} {t.killed:>6} {t.finished:>8} {t.passed:>9} {t.lost:>5}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=5, help="kills per command (default 5)")
    parser.add_argument("--only", nargs="*", help="commands to run (default: all)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the kill moments")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        commands = prepare(folder)
        names = args.only or list(commands)
        tallies: dict[str, Tally] = {}
        for name in names:
            command = commands[name]
            took, complete, output = measure(command, folder)
            tally = tallies.setdefault(name, Tally())
            for n in range(args.trials):
                finished, ok, lost = trial(command, folder, n, took, complete, output, rng)
                tally.trials += 1
                tally.finished += finished
                tally.killed += not finished
                tally.passed += ok
                tally.lost += lost
            print(
                f"{name}: {took:.1f} s uninterrupted, {tally.trials} trials done", file=sys.stderr
            )
    print(
        f"{'command':<12} {'trials':>6} {'killed':>6} {'finished':>8} {'checks ok':>9} {'lost':>5}"
    )
    for name, t in tallies.items():
        print(line(name, t))
    total = Tally(
        *(sum(getattr(t, f) for t in tallies.values()) for f in Tally.__dataclass_fields__)
    )
    print(line("all", total))
    return 0 if total.passed == total.trials and total.lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
