"""Speed of the sheets, exports, import and backup on the Jimei district demo (276 schools).

    .venv/bin/python bench/output_bench.py [--keep DIR]

Builds the district demo in a temporary database, stores a careful greedy draft roster for
the week of 2026-12-07, then times:
- all 276 school sheets + the 6 station rosters as PDFs, one file each (target ≤ 10 s), and
  again with the two combined files;
- the other sheets (person cards, sign-in sheets) and the exports, for reference;
- importing 5,000 people from CSV and from XLSX (target ≤ 5 s), and re-importing them;
- backup and restore of the whole database.
Wall-clock and CPU seconds are both printed: on a busy machine wall time overstates the work.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session  # noqa: E402

WEEK = dt.date(2026, 12, 7)
ROWS: list[tuple[str, float, float, str, str]] = []


def timed(label: str, target: float | None, func: Callable[[], Any], note: str = "") -> Any:
    wall, cpu = time.perf_counter(), time.process_time()
    result = func()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    verdict = "" if target is None else ("ok" if wall <= target else "SLOW") + f" (≤ {target:g} s)"
    ROWS.append((label, wall, cpu, verdict, note))
    print(f"  {label}: {wall:.2f} s", flush=True)
    return result


def build(path: Path) -> None:
    from huxue.database import open_database
    from huxue.demo import build_demo
    from huxue.instance import week_instance
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
    engine.dispose()


def people_file(folder: Path, station_codes: list[str], school_codes: list[str]) -> Path:
    lines = ["编号,姓名,身份,派出所,电话,纬度,经度,坐标系,每日上限,每周上限,偏好学校,可用时段"]
    roles = ("民警", "辅警", "保安", "志愿者")
    for i in range(5000):
        lines.append(
            f"B{i:05d},测试{i},{roles[i % 4]},{station_codes[i % len(station_codes)]},"
            f"139{i:08d},24.6{i % 97:02d},118.0{i % 89:02d},GCJ-02,2,6,"
            f"{school_codes[i % len(school_codes)]},1-5 06:30-18:00"
        )
    path = folder / "people5000.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", help="write the outputs into this folder and keep them")
    args = parser.parse_args()

    from openpyxl import Workbook
    from sqlmodel import select

    from huxue.backup import restore_file, write_backup
    from huxue.database import open_database
    from huxue.exports import export_week
    from huxue.files import output_policy
    from huxue.imports import import_file
    from huxue.models import School, Station
    from huxue.reports import PrintSelection, load_week, print_week

    # The bench writes its own scratch files again and again: it may replace them.
    with tempfile.TemporaryDirectory() as tmp_name, output_policy(force=True):
        tmp = Path(tmp_name)
        out = Path(args.keep) if args.keep else tmp / "out"
        print("building the district demo and a greedy draft roster …", flush=True)
        build(tmp / "district.db")
        engine = open_database(tmp / "district.db")
        with Session(engine) as session:
            data = timed(
                "load the week (sessions, rosters, people)", None, lambda: load_week(session, WEEK)
            )
            schools = len(data.school_ids())

            def sheets(combined: bool) -> int:
                total = 0
                for kind in ("school", "station"):
                    folder = out / ("combined" if combined else "single") / kind
                    result = print_week(
                        session, WEEK, PrintSelection(kind), folder, data=data, combined=combined
                    )
                    total += len(result.files) + (result.combined is not None)
                return total

            def load_and_sheets() -> int:
                fresh = load_week(session, WEEK)
                total = 0
                for kind in ("school", "station"):
                    result = print_week(
                        session, WEEK, PrintSelection(kind), out / "cold" / kind, data=fresh,
                        combined=False,
                    )  # fmt: skip
                    total += len(result.files)
                return total

            n = timed(
                f"{schools} school sheets + {len(data.station_ids())} station rosters (PDF)",
                10,
                lambda: sheets(False),
            )
            timed("  the same, loading the week first", 10, load_and_sheets, f"{n} files")
            timed("  the same + the 2 combined files", None, lambda: sheets(True))
            for kind in ("person", "signin"):
                timed(
                    f"all {kind} sheets + combined",
                    None,
                    lambda kind=kind: print_week(
                        session, WEEK, PrintSelection(kind), out / kind, data=data
                    ),
                )
            for fmt, target in (
                ("xlsx", "week.xlsx"),
                ("csv", "week.csv"),
                ("ics", "ics"),
                ("text", "text"),
            ):
                timed(
                    f"export {fmt}",
                    None,
                    lambda fmt=fmt, target=target: export_week(
                        session, WEEK, fmt, out / target, data=data
                    ),
                )
            stations = [s.code for s in session.exec(select(Station)).all()]
            school_codes = [s.code for s in session.exec(select(School)).all()]
        csv_path = people_file(tmp, stations, school_codes)
        book = Workbook()
        sheet = book.active
        for line in csv_path.read_text(encoding="utf-8-sig").splitlines():
            sheet.append(line.split(","))
        xlsx_path = tmp / "people5000.xlsx"
        book.save(xlsx_path)

        for label, path in (("CSV", csv_path), ("XLSX", xlsx_path)):
            target = open_database(tmp / f"import-{label}.db")
            with Session(target) as s:
                s.add_all([Station(code=c, name=c) for c in stations])
                s.commit()
                s.add_all(
                    [School(code=c, name=c, kind="primary", station_id=1) for c in school_codes]
                )
                s.commit()
                report = timed(
                    f"import 5,000 people ({label})",
                    5,
                    lambda s=s, path=path: import_file(s, "people", path),
                )
                assert report.ok and report.created == 5000, report.errors[:3]
                report = timed(
                    f"re-import 5,000 people ({label}, updates)",
                    5,
                    lambda s=s, path=path: import_file(s, "people", path),
                )
                assert report.updated == 5000
            target.dispose()

        backup = tmp / "backup.json"
        counts = timed(
            "backup (whole district database)", None, lambda: write_backup(engine, backup)
        )
        restored = open_database(tmp / "restored.db")
        timed(
            "restore into an empty database",
            None,
            lambda: restore_file(restored, backup),
            f"{sum(counts.values())} rows",
        )
        restored.dispose()
        engine.dispose()

    print()
    print(f"{'step':58} {'wall s':>7} {'cpu s':>7}  verdict")
    for label, wall, cpu, verdict, note in ROWS:
        extra = f"  [{note}]" if note else ""
        print(f"{label:58} {wall:7.2f} {cpu:7.2f}  {verdict}{extra}")
    return 1 if any("SLOW" in r[3] for r in ROWS) else 0


if __name__ == "__main__":
    raise SystemExit(main())
