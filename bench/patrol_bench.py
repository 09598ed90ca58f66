"""Patrol benchmark on the Jimei demo week (not a timed test).

    .venv/bin/python bench/patrol_bench.py [--db PATH] [--frames 60] [--no-pyvrp]

Without --db it builds the district demo in a temporary folder and solves the week of
2026-12-07 (a draft roster, 20 s). Prints four tables:

1. routing one station's peak window with `plan_loops` (PyVRP, default search time) — the
   "≈ 50 schools, 3–6 units" case is the week without a roster (every school is a stop), then
   the real week (schools with an officer at the gate need no visit);
2. OR-Tools against PyVRP on the same windows and the same time, by the same objective
   (dropped-school penalties + driving seconds, recomputed here; lower is better), with the
   independent check of every plan;
3. the whole district week (plan + independent check) and the response figures;
4. the map page: frames per second while zooming and panning with every school and every loop
   of the week drawn.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

WEEK = dt.date(2026, 12, 7)


def build_db(folder: Path) -> Path:
    db = folder / "district.db"
    py = sys.executable
    subprocess.run(
        [py, str(ROOT / "main.py"), "demo", "--db", str(db)], check=True, capture_output=True
    )
    subprocess.run(
        [
            py,
            str(ROOT / "main.py"),
            "solve",
            "--db",
            str(db),
            "--week",
            WEEK.isoformat(),
            "--time-limit",
            "20",
        ],
        check=True,
        capture_output=True,
    )
    return db


def objective(problem: Any, loops: Any, dropped: Any) -> int:
    """Dropped penalties plus driving seconds of the loops, recomputed from the problem."""
    from solver.patrol.model import travel_minutes
    from solver.patrol.routing import DROP_PENALTY

    risk = {s.school: s.risk for s in problem.stops}
    gate = {s.school: s.gate for s in problem.stops}
    units = {u.unit: u for u in problem.units}
    total = sum(DROP_PENALTY * risk[school] for school in dropped)
    for loop in loops:
        unit = units[loop.unit]
        places = [unit.start, *(gate[v.school] for v in loop.visits), unit.end]
        total += sum(
            travel_minutes(a, b, unit.speed_kmh, problem.road_factor) * 60
            for a, b in zip(places, places[1:], strict=False)
        )
    return total


def table(title: str, header: list[str], rows: list[list[str]]) -> None:
    print(f"\n{title}")
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(header)
    ]
    print("  ".join(h.rjust(w) for h, w in zip(header, widths, strict=True)))
    for row in rows:
        print("  ".join(c.rjust(w) for c, w in zip(row, widths, strict=True)))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--no-pyvrp", action="store_true")
    args = parser.parse_args()

    from huxue.database import open_database, session_scope
    from huxue.patrols import plan_patrols, response_report, week_inputs
    from solver.patrol.build import routing_problems
    from solver.patrol.check import check_loops
    from solver.patrol.response import figures_by, response_times
    from solver.patrol.routing import (
        default_time_limit_s,
        plan_loops,
        plan_loops_ortools,
        plan_loops_pyvrp,
    )

    folder = Path(tempfile.mkdtemp(prefix="patrol-bench-"))
    db = args.db or build_db(folder)
    engine = open_database(db)
    with session_scope(engine) as session:
        inputs = week_inputs(session, WEEK)
    print(f"database {db}; {len(inputs.units)} units, {len(inputs.pairs)} roster pairs")

    # 1. one station's peak window
    cases = []
    pairs_of = {"no roster": (), "roster": inputs.pairs}
    for label, pairs in (("no roster", ()), ("roster", inputs.pairs)):
        problems = routing_problems(inputs.instance, pairs, inputs.units)
        monday = [p for p in problems if p.date == WEEK and p.window in ("arrival", "dismissal")]
        cases.extend((label, p) for p in monday)
    rows = []
    walls = []
    for label, problem in cases:
        result = plan_loops(problem)
        walls.append(result.wall_s)
        visits = sum(len(loop.visits) for loop in result.loops)
        rows.append(
            [
                label,
                problem.station,
                problem.window,
                str(len(problem.stops)),
                str(len(problem.units)),
                str(visits),
                str(len(result.dropped)),
                f"{result.wall_s:.2f}",
            ]
        )
    table(
        "1. routing one station's peak window (plan_loops = PyVRP, default time; target ≤ 1 s)",
        ["case", "station", "window", "stops", "units", "visited", "dropped", "wall s"],
        rows,
    )
    print(f"   max {max(walls):.2f} s, median {statistics.median(walls):.2f} s")

    # 2. OR-Tools against PyVRP
    if not args.no_pyvrp:
        try:
            import pyvrp  # noqa: F401
        except ImportError:
            print("\n2. PyVRP is not installed (pip install pyvrp): comparison skipped")
        else:
            rows = []
            wins = {"ortools": 0, "pyvrp": 0, "tie": 0}
            for label, problem in cases:
                seconds = default_time_limit_s(problem)
                ours = plan_loops_ortools(problem, time_limit_s=seconds)
                ours_obj = objective(problem, ours.loops, ours.dropped)
                theirs = plan_loops_pyvrp(problem, time_limit_s=seconds)
                theirs_obj = objective(problem, theirs.loops, theirs.dropped)
                theirs_visits = sum(len(lp.visits) for lp in theirs.loops)
                theirs_wall = theirs.wall_s
                pairs = pairs_of[label]
                feasible = not check_loops(
                    inputs.instance, pairs, inputs.units, ours.loops
                ) and not check_loops(inputs.instance, pairs, inputs.units, theirs.loops)
                better = (
                    "tie"
                    if ours_obj == theirs_obj
                    else ("ortools" if ours_obj < theirs_obj else "pyvrp")
                )
                wins[better] += 1
                rows.append(
                    [
                        label,
                        problem.station,
                        problem.window,
                        str(len(problem.stops)),
                        f"{seconds:.2f}",
                        str(ours_obj),
                        str(sum(len(lp.visits) for lp in ours.loops)),
                        f"{ours.wall_s:.2f}",
                        str(theirs_obj),
                        str(theirs_visits),
                        f"{theirs_wall:.2f}",
                        "yes" if feasible else "NO",
                    ]
                )
            table(
                "2. OR-Tools vs PyVRP, same windows, same search time (objective: lower is better)",
                [
                    "case",
                    "station",
                    "window",
                    "stops",
                    "limit s",
                    "ortools obj",
                    "visits",
                    "wall s",
                    "pyvrp obj",
                    "visits",
                    "wall s",
                    "both checked",
                ],
                rows,
            )
            print(f"   better: {wins}")

    # 3. district week and response figures
    with session_scope(engine) as session:
        started = time.perf_counter()
        outcome = plan_patrols(session, WEEK, inputs=inputs)
        plan_wall = time.perf_counter() - started
    started = time.perf_counter()
    alone = response_times(inputs.instance, inputs.pairs)
    both = response_times(inputs.instance, inputs.pairs, outcome.loops, inputs.units)
    figures_by(both)
    figures_by(alone)
    response_wall = time.perf_counter() - started
    with session_scope(engine) as session:
        report = response_report(session, WEEK, inputs=inputs)
    table(
        "3. district week (target: plan ≤ 60 s, response figures ≤ 1 s)",
        ["windows", "loops", "visits", "dropped", "plan+check s", "response s"],
        [
            [
                str(outcome.windows),
                str(len(outcome.loops)),
                str(sum(len(lp.visits) for lp in outcome.loops)),
                str(len(outcome.dropped)),
                f"{plan_wall:.1f}",
                f"{response_wall:.2f}",
            ]
        ],
    )
    rows = []
    for key, fig in report.by_window().items():
        base = report.by_window(patrols=False)[key]
        rows.append(
            [
                key[1],
                str(fig.schools),
                f"{100 * base.share(3):.1f}% → {100 * fig.share(3):.1f}%",
                f"{100 * base.share(5):.1f}% → {100 * fig.share(5):.1f}%",
                f"{base.average or 0:.2f} → {fig.average or 0:.2f}",
            ]
        )
    table(
        "   demo week, school-windows within 3 and 5 minutes: roster alone → roster + patrols",
        ["window", "schools", "≤ 3 min", "≤ 5 min", "average min"],
        rows,
    )

    # 4. map frames per second
    from PySide6.QtWidgets import QApplication

    from huxue.reports.district_map import MapLoop, map_scene
    from ui.map.view import MapView

    app = QApplication.instance() or QApplication([])
    with session_scope(engine) as session:
        scene = map_scene(session, report, None, "dismissal")
    gates = report.gates
    every = tuple(
        MapLoop(
            lp.unit,
            lp.station,
            tuple(gates[v.school] for v in lp.visits),
            tuple((v.school, "00:00") for v in lp.visits),
        )
        for lp in report.loops
        if len(lp.visits) >= 2
    )  # every loop of the week at once, to stress the view
    scene = type(scene)(scene.date, scene.window, scene.stations, scene.schools, scene.posts, every)
    view = MapView()
    view.resize(1200, 800)
    view.show()
    view.show_scene(scene)
    app.processEvents()
    started = time.perf_counter()
    for i in range(args.frames):
        view.zoom(1.05 if i % 20 < 10 else 1 / 1.05)
        view.horizontalScrollBar().setValue(
            view.horizontalScrollBar().value() + (7 if i % 2 else -5)
        )
        view.viewport().repaint()
    fps = args.frames / (time.perf_counter() - started)
    table(
        "4. map page: zoom and pan (offscreen raster; target ≥ 30 fps)",
        ["schools", "loops drawn", "items", "frames", "fps"],
        [
            [
                str(len(scene.schools)),
                str(len(every)),
                str(len(view.scene().items())),
                str(args.frames),
                f"{fps:.0f}",
            ]
        ],
    )
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
