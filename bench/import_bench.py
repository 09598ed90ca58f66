"""Time of importing people files of growing size (every row checked by the editors' rules).

    python bench/import_bench.py                  1,000 / 10,000 rows; check only and import
    python bench/import_bench.py --rows 20000

Prints one line per file: rows, seconds to check (dry run), seconds to check and write.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session  # noqa: E402

from huxue.database import open_database  # noqa: E402
from huxue.imports import import_file  # noqa: E402
from huxue.models import Station  # noqa: E402


def _people_csv(path: Path, rows: int) -> Path:
    lines = ["编号,姓名,身份,派出所,电话,每日上限,每周上限,可用时段"]
    phones = ("139{:08d}", "0592-6{:06d}", "6{:04d}")
    for i in range(rows):
        phone = phones[i % 3].format(i % 10_000)
        lines.append(f"V{i:05d},志愿者{i},志愿者,JM,{phone},2,6,1-5 07:00-09:00; 6 08:00-12:00")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _time(rows: int, folder: Path, dry_run: bool) -> float:
    engine = open_database("sqlite://")
    with Session(engine) as session:
        session.add(Station(code="JM", name="集美派出所"))
        session.commit()
        path = _people_csv(folder / f"people-{rows}.csv", rows)
        started = time.perf_counter()
        report = import_file(session, "people", path, dry_run=dry_run)
        elapsed = time.perf_counter() - started
        assert report.ok, report.errors[:3]
    engine.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[1_000, 10_000])
    args = parser.parse_args()
    print(f"{'rows':>8}  {'check s':>8}  {'import s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for rows in args.rows:
            check = _time(rows, Path(tmp), dry_run=True)
            full = _time(rows, Path(tmp), dry_run=False)
            print(f"{rows:>8}  {check:>8.2f}  {full:>8.2f}")


if __name__ == "__main__":
    main()
