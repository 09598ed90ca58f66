"""Speed of the overview page (总览) on the Jimei district demo (276 schools).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/overview_bench.py [--db PATH] [--runs 5]

Reads the week once (as the roster page does), then times, offscreen, over several runs:
- computing the overview's figures from the loaded week (`huxue.overview.week_overview`);
- showing them: the tables, the histogram and the schools × days heatmap, painted once;
- the whole build (figures + showing), target ≤ 300 ms.
A district roster is made first with the careful greedy planner when the week has none.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a database holding the district demo (default: build one)")
    parser.add_argument("--week", default="2026-12-07")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication
    from sqlmodel import Session

    from huxue.database import open_database
    from huxue.demo import build_demo
    from huxue.instance import week_instance
    from huxue.overview import week_overview
    from huxue.planning import PlanScope, store_roster_document, week_context
    from huxue.planning_views import load_week_plan
    from huxue.rosters import week_rosters
    from solver.greedy import greedy
    from solver.instance import load_instance
    from ui.app import create_application
    from ui.context import AppContext
    from ui.overview.page import OverviewPage

    app = QApplication.instance() or QApplication(sys.argv)
    create_application("zh_CN")
    week = dt.date.fromisoformat(args.week)
    path = args.db or str(Path(tempfile.mkdtemp(prefix="huxue-bench-")) / "district.db")
    engine = open_database(path)
    with Session(engine, expire_on_commit=False) as session:
        if not args.db:
            build_demo(session, "district", 0)
            session.commit()
        if not week_rosters(session, week):
            pairs = greedy(load_instance(week_instance(session, week)), careful=True)
            document = {
                "format": "huxue-roster/1",
                "assignments": [{"session": p.session, "person": p.person} for p in pairs],
                "shortages": [],
            }
            store_roster_document(session, week_context(session, PlanScope(week)), document)
            session.commit()
        start = time.perf_counter()
        plan = load_week_plan(session, PlanScope(week))
        load_s = time.perf_counter() - start

    page = OverviewPage(AppContext(engine))
    page.resize(1440, 900)
    page.show()
    app.processEvents()
    figures, shows, totals = [], [], []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        overview = week_overview(plan)
        t1 = time.perf_counter()
        page.show_overview(overview)
        page.repaint()
        app.processEvents()
        t2 = time.perf_counter()
        figures.append((t1 - t0) * 1000)
        shows.append((t2 - t1) * 1000)
        totals.append((t2 - t0) * 1000)

    rows = [
        ("read the week (once)", load_s * 1000, load_s * 1000, "—"),
        ("figures", statistics.median(figures), max(figures), "—"),
        ("show and paint", statistics.median(shows), max(shows), "—"),
        ("overview build", statistics.median(totals), max(totals), "≤ 300 ms"),
    ]
    print(f"overview of {len(plan.sessions):,} sessions, {args.runs} runs")
    print(f"| {'measure':<22} | {'median ms':>9} | {'max ms':>8} | target   |")
    print(f"|{'-' * 24}|{'-' * 11}|{'-' * 10}|----------|")
    for name, median, worst, target in rows:
        print(f"| {name:<22} | {median:9.0f} | {worst:8.0f} | {target:<8} |")
    page.close()
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
