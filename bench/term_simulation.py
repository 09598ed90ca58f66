"""Term simulation: a district term planned week by week, fresh or from the week before.

    .venv/bin/python bench/term_simulation.py [--weeks 18] [--time-limit 5] [--workers 2]
        [--leave-rate 0.03] [--seed 1] [--dir DIR] [--modes fresh,follow]

Builds the district demo (`main.py demo --size district`) once, then for each mode plans the
school weeks of the 2026 autumn term from its first Monday (2026-08-31), storing and
publishing each week before the next, in a copy of the database:

- fresh: every week solved on its own (`solve_week`);
- follow: the first week solved on its own, every later one planned from the week before's
  published roster (`plan_week_after`: the same people at the same gates, earlier weeks'
  load in the fairness term).

The term has the calendar's own holidays and make-up days: Mid-autumn (Fri 2026-09-25),
National Day (2026-10-01 to 10-07) and the 调休 Sunday 2026-09-20 and Saturday 2026-10-10,
which follow their weekday's bells. Before each week is planned, random leave (the same in
both modes, from `--seed`) takes `--leave-rate` of the people off for one to three days.

Each week's solve gets `--time-limit` seconds (short, so that the term finishes in minutes;
the table says which). Per week: seats, fill, the week before's pairs kept (of those whose
session exists again, moved by seven days), solve and whole-step seconds. Over the term:
duties per person within each role (mean, standard deviation, max - min), and the totals.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TERM_START = dt.date(2026, 8, 31)


@dataclass
class WeekRow:
    week: dt.date
    sessions: int
    seats: int
    filled: int
    kept: int | None
    comparable: int | None
    solve_s: float
    step_s: float


@dataclass
class Run:
    mode: str
    rows: list[WeekRow] = field(default_factory=list)
    load: dict[tuple[str, str], int] = field(default_factory=lambda: defaultdict(int))


def district_db(folder: Path) -> Path:
    """The district demo database (built once)."""
    db = folder / "term-district.db"
    if not db.exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "demo",
                "--size",
                "district",
                "--db",
                str(db),
                "--force",
            ],
            check=True,
            capture_output=True,
        )
    return db


def leave_plan(
    codes: list[str], weeks: list[dt.date], rate: float, seed: int
) -> dict[dt.date, list[tuple[str, dt.date, dt.date]]]:
    """Random leave per week: (person code, first day, last day), the same for every mode."""
    rng = random.Random(seed)
    plan: dict[dt.date, list[tuple[str, dt.date, dt.date]]] = {}
    for week in weeks:
        chosen = rng.sample(codes, max(1, round(rate * len(codes))))
        entries = []
        for code in sorted(chosen):
            first = week + dt.timedelta(days=rng.randrange(5))
            last = min(week + dt.timedelta(days=4), first + dt.timedelta(days=rng.randrange(3)))
            entries.append((code, first, last))
        plan[week] = entries
    return plan


def simulate(
    mode: str,
    db: Path,
    weeks: list[dt.date],
    leave: dict[dt.date, list[tuple[str, dt.date, dt.date]]],
    time_limit: float,
    workers: int,
) -> Run:
    """Plan and publish every week of the term in one mode; what each week came to."""
    from sqlmodel import Session, select

    from huxue.database import open_database
    from huxue.models import Person
    from huxue.planning import PlanScope, publish, roster_document, solve_week, week_context
    from huxue.planning_repair import add_leave
    from huxue.week_after import plan_week_after, shifted_key

    engine = open_database(db)
    run = Run(mode)
    before: set[tuple[str, str]] = set()
    with Session(engine) as session:
        people = session.exec(select(Person)).all()
        ids = {p.code: p.id for p in people}
        roles = {p.code: p.role for p in people}
    for i, week in enumerate(weeks):
        started = time.monotonic()
        with Session(engine) as session:
            for code, first, last in leave[week]:
                person_id = ids[code]
                assert person_id is not None
                add_leave(session, person_id, first, last, "病假")
            scope = PlanScope(week)
            if mode == "follow" and i > 0:
                outcome = plan_week_after(
                    session, scope, weeks[i - 1], time_limit=time_limit, workers=workers
                ).outcome
            else:
                outcome = solve_week(session, scope, time_limit=time_limit, workers=workers)
            publish(session, week)
            session.commit()
            ctx = week_context(session, scope)
            pairs = {
                (p["session"], p["person"]) for p in roster_document(session, ctx)["assignments"]
            }
            keys = set(ctx.sessions)
        step_s = time.monotonic() - started
        stats = outcome.result.stats
        kept = comparable = None
        if i > 0:
            moved = {(shifted_key(k, (week - weeks[i - 1]).days), p) for k, p in before}
            moved = {(k, p) for k, p in moved if k in keys}
            comparable = len(moved)
            kept = len(moved & pairs)
        for _key, code in pairs:
            run.load[(roles[code], code)] += 1
        run.rows.append(
            WeekRow(
                week,
                stats["sessions"],
                stats["seats"],
                stats["seats_filled"],
                kept,
                comparable,
                outcome.result.wall_s,
                step_s,
            )
        )
        row = run.rows[-1]
        print(
            f"  {mode:6} {week.isoformat()} seats {row.seats:5d} filled {row.filled:5d} "
            f"kept {fmt_kept(row):>14} solve {row.solve_s:5.1f} s step {row.step_s:5.1f} s",
            flush=True,
        )
        before = pairs
    return run


def fmt_kept(row: WeekRow) -> str:
    if row.kept is None or not row.comparable:
        return "-"
    return f"{row.kept}/{row.comparable} {100 * row.kept / row.comparable:4.1f}%"


def role_spread(run: Run, all_people: dict[str, str]) -> dict[str, tuple[int, float, float, int]]:
    """Per role: people, mean duties over the term, standard deviation, max - min (everyone
    of the role counts, those never on duty as 0)."""
    out = {}
    by_role: dict[str, list[int]] = defaultdict(list)
    for code, role in all_people.items():
        by_role[role].append(run.load.get((role, code), 0))
    for role, loads in sorted(by_role.items()):
        out[role] = (
            len(loads),
            statistics.fmean(loads),
            statistics.pstdev(loads),
            max(loads) - min(loads),
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--weeks", type=int, default=18)
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--leave-rate", type=float, default=0.03)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--modes", default="fresh,follow")
    parser.add_argument("--dir", default="/tmp/huxue-term-bench")
    args = parser.parse_args()
    folder = Path(args.dir)
    folder.mkdir(parents=True, exist_ok=True)
    source = district_db(folder)

    from sqlmodel import Session, select

    from huxue.database import open_database
    from huxue.models import Person

    with Session(open_database(source)) as session:
        all_people = {p.code: p.role for p in session.exec(select(Person)).all()}
    weeks = [TERM_START + dt.timedelta(days=7 * i) for i in range(args.weeks)]
    leave = leave_plan(sorted(all_people), weeks, args.leave_rate, args.seed)
    print(
        f"district demo, {len(weeks)} weeks from {weeks[0].isoformat()}, "
        f"{args.time_limit:g} s per week (a short limit so the term finishes), "
        f"{args.workers} workers, leave {100 * args.leave_rate:g} % of {len(all_people)} "
        f"people a week",
        flush=True,
    )
    runs = []
    for mode in args.modes.split(","):
        db = folder / f"term-{mode}.db"
        shutil.copyfile(source, db)
        runs.append(simulate(mode, db, weeks, leave, args.time_limit, args.workers))

    print()
    print(
        f"{'week':10} "
        + " ".join(
            f"{r.mode + ' fill%':>11} {r.mode + ' kept%':>11} {r.mode + ' s':>8}" for r in runs
        )
    )
    for i, week in enumerate(weeks):
        cells = []
        for r in runs:
            row = r.rows[i]
            kept = "-" if not row.comparable else f"{100 * (row.kept or 0) / row.comparable:.1f}"
            cells.append(
                f"{100 * row.filled / max(1, row.seats):11.2f} {kept:>11} {row.solve_s:8.1f}"
            )
        print(f"{week.isoformat():10} " + " ".join(cells))
    print()
    print(
        f"{'mode':8} {'seats':>7} {'filled':>7} {'fill%':>6} {'kept%':>6} "
        f"{'solve s/wk':>10} {'max s':>6} {'step s/wk':>9}"
    )
    for r in runs:
        seats = sum(x.seats for x in r.rows)
        filled = sum(x.filled for x in r.rows)
        comparable = sum(x.comparable or 0 for x in r.rows)
        kept = sum(x.kept or 0 for x in r.rows)
        print(
            f"{r.mode:8} {seats:7d} {filled:7d} {100 * filled / max(1, seats):6.2f} "
            f"{100 * kept / max(1, comparable):6.1f} "
            f"{statistics.fmean(x.solve_s for x in r.rows):10.1f} "
            f"{max(x.solve_s for x in r.rows):6.1f} "
            f"{statistics.fmean(x.step_s for x in r.rows):9.1f}"
        )
    print()
    print("duties per person over the term, by role (everyone of the role; 0 if never on duty)")
    print(f"{'mode':8} {'role':10} {'people':>6} {'mean':>6} {'sd':>6} {'max-min':>7}")
    for r in runs:
        for role, (n, mean, sd, spread) in role_spread(r, all_people).items():
            print(f"{r.mode:8} {role:10} {n:6d} {mean:6.1f} {sd:6.2f} {spread:7d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
