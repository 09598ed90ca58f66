"""Speed of attendance on a term of the Jimei district demo (20 weeks of published rosters).

    .venv/bin/python bench/attendance_bench.py [--keep DIR] [--weeks 20]

Builds the district demo, stores a careful greedy roster for the week of 2026-12-07, copies it
to 20 weeks (2026-09-07 … 2027-01-18) and publishes them, then records attendance for every
duty (seeded random: 88 % present, 5 % late, 3 % absent, 2 % excused, 2 % substituted). Times:
- the turnout report of the whole district over the term (target ≤ 2 s), and its PDF/XLSX;
- importing a day's filled sign-in file of the busiest station (≈ 150 rows; target ≤ 1 s);
- volunteer hours of the term, and each person's turnout of the last 8 weeks (for reference).
Wall-clock and CPU seconds are both printed: on a busy machine wall time overstates the work.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402
from sqlmodel import Session, select  # noqa: E402

WEEK = dt.date(2026, 12, 7)
FIRST_WEEK = dt.date(2026, 9, 7)
ROWS: list[tuple[str, float, float, str, str]] = []


def timed(label: str, target: float | None, func: Callable[[], Any], note: str = "") -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    verdict = "" if target is None else ("ok" if wall <= target else "SLOW") + f" (≤ {target:g} s)"
    ROWS.append((label, wall, cpu, verdict, note))
    print(f"  {label}: {wall:.2f} s", flush=True)
    return result


def build(path: Path, weeks: int) -> int:
    """The demo, `weeks` published weeks copied from one greedy week, attendance for all but the
    last week's Monday; returns the number of duties."""
    from huxue.database import open_database
    from huxue.demo import build_demo
    from huxue.instance import week_instance
    from huxue.models import Assignment, Attendance, Roster
    from huxue.planning import PlanScope, store_roster_document, week_context
    from solver.greedy import greedy
    from solver.instance import load_instance

    engine = open_database(path)
    with Session(engine, expire_on_commit=False) as session:
        build_demo(session, "district", 0)
        session.commit()
        pairs = greedy(load_instance(week_instance(session, WEEK)), careful=True)
        document = {
            "format": "huxue-roster/1",
            "assignments": [{"session": p.session, "person": p.person} for p in pairs],
            "shortages": [],
        }
        store_roster_document(session, week_context(session, PlanScope(WEEK)), document)
        session.commit()
        template = list(session.exec(select(Roster).where(Roster.week_start == WEEK)).all())
        source = {
            r.id: list(session.exec(select(Assignment).where(Assignment.roster_id == r.id)).all())
            for r in template
        }
        rng = random.Random(0)
        people = sorted({a.person_id for rows in source.values() for a in rows})
        now = dt.datetime.now(dt.UTC)
        duties = 0
        for w in range(weeks):
            week = FIRST_WEEK + dt.timedelta(weeks=w)
            shift = week - WEEK
            for roster in template:
                if week == WEEK:
                    target = roster
                else:
                    target = Roster(
                        week_start=week,
                        station_id=roster.station_id,
                        version=1,
                        created_at=now,
                    )
                    session.add(target)
                    session.flush()
                target.status, target.published_at = "published", now
                session.add(target)
                rows, marks = [], []
                for a in source[roster.id]:
                    day = a.date + shift
                    key = a.session_key.replace(a.date.isoformat(), day.isoformat())
                    rows.append(
                        {
                            "roster_id": target.id,
                            "session_key": key,
                            "post_id": a.post_id,
                            "date": day,
                            "kind": a.kind,
                            "start": a.start,
                            "end": a.end,
                            "person_id": a.person_id,
                            "pinned": False,
                            "source": "solver",
                        }
                    )
                    if w == weeks - 1 and day.weekday() == 0:
                        continue  # the last Monday is left for the import
                    draw = rng.random()
                    status, late, sub = "present", 0, None
                    if draw > 0.98:
                        status, sub = "substituted", rng.choice(people)
                        if sub == a.person_id:
                            status, sub = "present", None
                    elif draw > 0.96:
                        status = "excused"
                    elif draw > 0.93:
                        status = "absent"
                    elif draw > 0.88:
                        status, late = "late", rng.randint(1, 20)
                    marks.append(
                        {
                            "week_start": week,
                            "station_id": roster.station_id,
                            "roster_version": 1,
                            "session_key": key,
                            "person_id": a.person_id,
                            "date": day,
                            "status": status,
                            "minutes_late": late,
                            "substitute_id": sub,
                            "recorded_by": "bench",
                            "recorded_at": now,
                            "version": 1,
                        }
                    )
                if week != WEEK:
                    session.execute(insert(Assignment), rows)
                if marks:
                    session.execute(insert(Attendance), marks)
                duties += len(rows)
        session.commit()
    engine.dispose()
    return duties


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="keep the database and files in this folder")
    parser.add_argument("--weeks", type=int, default=20)
    args = parser.parse_args()
    from huxue.attendance.duties import load_places, published_duties
    from huxue.attendance.exports import Scope, write_report
    from huxue.attendance.hours import service_hours
    from huxue.attendance.learn import recent_turnout
    from huxue.attendance.record import duty_lines
    from huxue.attendance.reports import build_report
    from huxue.attendance.sheet_import import import_signin, template_rows
    from huxue.database import open_database

    folder = args.keep or Path(tempfile.mkdtemp(prefix="huxue-attendance-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "term.db"
    path.unlink(missing_ok=True)
    print(f"building the district demo and {args.weeks} published weeks in {path} …", flush=True)
    duties = timed(
        "build (demo, greedy week, copies, attendance)", None, lambda: build(path, args.weeks)
    )
    last = FIRST_WEEK + dt.timedelta(weeks=args.weeks - 1)
    term_end = last + dt.timedelta(days=6)
    engine = open_database(path)
    with Session(engine) as session:
        report = timed(
            "turnout report, whole district, term",
            2.0,
            lambda: build_report(session, FIRST_WEEK, term_end),
            f"{duties} duties over {args.weeks} weeks",
        )
        rate = 100 * (report.total.turnout or 0)
        print(
            f"    recorded {report.total.recorded}, turnout {rate:.1f} %, "
            f"unguarded peak sessions {len(report.unguarded)}"
        )
        timed(
            "report PDF, whole district, term",
            None,
            lambda: write_report(
                session, folder / "term.pdf", "pdf", FIRST_WEEK, term_end, Scope()
            ),
        )
        timed(
            "report XLSX, whole district, term",
            None,
            lambda: write_report(
                session, folder / "term.xlsx", "xlsx", FIRST_WEEK, term_end, Scope()
            ),
        )
        timed(
            "volunteer hours, whole district, term",
            None,
            lambda: service_hours(session, FIRST_WEEK, term_end),
        )
        timed(
            "turnout of the last 8 weeks, every person",
            None,
            lambda: recent_turnout(session, weeks=8, today=term_end),
        )
        per_station = Counter(d.station_id for d in published_duties(session, last, last))
        station, rows = per_station.most_common(1)[0]
        lines = duty_lines(session, last, last, station_id=station)
        places = load_places(session)
    file_rows = template_rows(lines, places)
    statuses = ["到岗"] * 17 + ["迟到", "缺岗", "请假"]
    rng = random.Random(1)
    text = ["签到码,班次,日期,规定时间,岗位,姓名,人员编号,到岗情况,迟到分钟,到岗时间,替岗人编号"]
    for row in file_rows:
        status = rng.choice(statuses)
        row[7], row[8] = status, "6" if status == "迟到" else ""
        text.append(",".join(cell.replace(",", " ") for cell in row))
    signin = folder / "day.csv"
    signin.write_text("\n".join(text) + "\n", encoding="utf-8-sig")
    with Session(engine) as session:
        result = timed(
            "import a day's sign-in file of the busiest station",
            1.0,
            lambda: import_signin(session, signin, who="bench"),
            f"{len(file_rows)} rows",
        )
        assert result.ok, [str(e) for e in result.errors[:5]]
    engine.dispose()
    print()
    print(f"{'step':<52} {'wall s':>7} {'cpu s':>7}  verdict        note")
    for label, wall, cpu, verdict, note in ROWS:
        print(f"{label:<52} {wall:7.2f} {cpu:7.2f}  {verdict:<14} {note}")
    return 0 if all("SLOW" not in r[3] for r in ROWS) else 1


if __name__ == "__main__":
    sys.exit(main())
