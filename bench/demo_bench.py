"""Build time of each demo size, and (with --solve) how well careful and greedy plans cover it.

    python bench/demo_bench.py                    build small, district and city; print times
    python bench/demo_bench.py --solve            also roster the district's week of 2026-12-07:
                                                  CP-SAT vs the first-come greedy
    python bench/demo_bench.py --solve --seed 3 --time-limit 30 --workers 8

The coverage figures: seats = Σ need.total; "filled" counts a seat when someone stands in it;
officer and police seats likewise for need.officers and need.police; a risk-3 session is
covered when nothing at all is missing there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from huxue.database import open_database, session_scope  # noqa: E402
from huxue.demo import REFERENCE_WEEK, SIZES, build_demo  # noqa: E402


def _coverage(instance: Any, pairs: Iterable[Any]) -> dict[str, float]:
    from solver.rules import session_shortfalls

    short = session_shortfalls(instance, list(pairs))
    seats = officers = police = 0
    miss_total = miss_officers = miss_police = 0
    risk3 = risk3_ok = 0
    for s in instance.sessions:
        m = short[s.id]
        seats += s.need.total
        officers += s.need.officers
        police += s.need.police
        miss_total += m.total
        miss_officers += m.officers
        miss_police += m.police
        if instance.risk(s) == 3:
            risk3 += 1
            risk3_ok += not m.any()
    return {
        "seats": seats,
        "fill": 1 - miss_total / max(1, seats),
        "officer_seats": officers,
        "officer_fill": 1 - miss_officers / max(1, officers),
        "police_seats": police,
        "police_fill": 1 - miss_police / max(1, police),
        "risk3_sessions": risk3,
        "risk3_covered": risk3_ok / max(1, risk3),
    }


def _line(name: str, c: dict[str, float], seconds: float) -> str:
    return (
        f"{name:8s} fill {c['fill']:6.1%}  officers {c['officer_fill']:6.1%}  "
        f"police {c['police_fill']:6.1%}  risk-3 sessions covered {c['risk3_covered']:6.1%}  "
        f"({seconds:.1f} s)"
    )


def solve_week(engine: Any, week: dt.date, time_limit: float, workers: int) -> None:
    """Print the week's size and the coverage of the greedy and the CP-SAT roster."""
    from sqlmodel import Session

    from huxue.instance import week_instance
    from solver.greedy import greedy
    from solver.instance import load_instance
    from solver.solve import solve

    with Session(engine) as session:
        data = week_instance(session, week)
    instance = load_instance(data)
    roles: dict[str, int] = {}
    for p in instance.people:
        roles[p.role] = roles.get(p.role, 0) + 1
    started = time.perf_counter()
    naive = greedy(instance)
    naive_s = time.perf_counter() - started
    c = _coverage(instance, naive)
    print(
        f"week {week}: {len(instance.sessions)} sessions, {c['seats']} seats, "
        f"{c['officer_seats']} officer seats, {c['police_seats']} police seats, "
        f"{c['risk3_sessions']} risk-3 sessions; people {roles}"
    )
    print(_line("greedy", c, naive_s))
    careful = greedy(instance, careful=True)
    print(_line("careful-greedy", _coverage(instance, careful), 0.0))
    started = time.perf_counter()
    result = solve(instance, time_limit=time_limit, workers=workers)
    print(_line("cp-sat", _coverage(instance, result.assignments), time.perf_counter() - started))
    print(f"         status {result.status}, objective {result.objective}, bound {result.bound}")


def main() -> int:
    """Run the benchmark (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=list(SIZES), choices=SIZES)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--solve", action="store_true", help="roster the district's week")
    parser.add_argument("--week", default=REFERENCE_WEEK.isoformat())
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=8)
    args = parser.parse_args()
    for size in args.sizes:
        engine = open_database("sqlite://")
        started = time.perf_counter()
        with session_scope(engine) as session:
            summary = build_demo(session, size, args.seed)
        elapsed = time.perf_counter() - started
        print(
            f"{size:8s} {elapsed:5.2f} s  {summary.schools} schools, {summary.posts} posts, "
            f"{summary.people} people"
        )
        if args.solve and size == "district":
            solve_week(engine, dt.date.fromisoformat(args.week), args.time_limit, args.workers)
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
