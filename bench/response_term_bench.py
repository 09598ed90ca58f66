"""Response-time term benchmark on the Jimei demo week (not a timed test).

    .venv/bin/python bench/response_term_bench.py [--db PATH] [--time-limit 30] [--workers 2]

Without --db it builds the district demo in a temporary folder. The week of 2026-12-07 is
solved twice with the same limit, workers and seed: the roster alone (`rules.response_term`
off, the default) and the roster with the response term on; then the patrol loops are planned
on each roster. One table: seats filled, officer seats short, share of (school, peak window)
within 1, 3 and 5 minutes, average and worst minutes, schools no officer reaches, wall time —
for the roster alone, the roster with the term, and each with its patrol loops.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WEEK = dt.date(2026, 12, 7)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    from sqlmodel import Session

    from huxue.database import open_database
    from huxue.instance import week_instance
    from solver import load_instance, solve
    from solver.patrol.io import load_patrols
    from solver.patrol.plan import plan_week
    from solver.patrol.response import Figures, figures, response_times

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "district.db"
            subprocess.run(
                [sys.executable, str(ROOT / "main.py"), "demo", "--db", str(db)],
                check=True,
                capture_output=True,
            )
        engine = open_database(str(db))
        with Session(engine) as session:
            doc = week_instance(session, WEEK)
        engine.dispose()
    base = load_instance(doc)
    units = load_patrols(doc, base)
    rows: list[list[str]] = []

    def row(label: str, fig: Figures, filled: str, short: str, wall: float) -> None:
        rows.append(
            [
                label,
                filled,
                short,
                *(f"{fig.share(t):.1%}" for t in (1, 3, 5)),
                f"{fig.average:.2f}" if fig.average is not None else "—",
                str(fig.worst) if fig.worst is not None else "—",
                str(fig.unreached),
                f"{wall:.1f}",
            ]
        )

    for label, on in (("roster alone", False), ("roster + response term", True)):
        rules = dataclasses.replace(base.rules, response_term=on)
        instance = dataclasses.replace(base, rules=rules)
        began = time.monotonic()
        result = solve(instance, time_limit=args.time_limit, workers=args.workers, seed=0)
        wall = time.monotonic() - began
        stats = result.stats
        filled = f"{stats['seats_filled']}/{stats['seats']}"
        officer_short = sum(s.missing.officers for s in result.shortages)
        alone = figures(response_times(instance, result.assignments))
        row(label, alone, filled, str(officer_short), wall)
        began = time.monotonic()
        plan = plan_week(instance, result.assignments, units)
        loops = time.monotonic() - began
        both = figures(response_times(instance, result.assignments, plan.loops, units))
        row(f"{label} + patrols", both, filled, str(officer_short), loops)

    header = ["", "seats filled", "officers short", "≤1 min", "≤3 min", "≤5 min", "avg", "worst"]
    header += ["unreached", "wall s"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    print(f"Response term, demo week {WEEK} ({args.time_limit:g} s, {args.workers} workers)")
    for r in [header, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
