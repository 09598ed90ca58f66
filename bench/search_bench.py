"""Time of one keystroke in the search box over a district's and a city's rows.

    python bench/search_bench.py

Prints, for each number of rows, the slowest of several queries (milliseconds) after the index
is prepared; the window answers each keystroke on the GUI thread, so it should stay far below
the 30 ms a typist notices.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from huxue.search import SearchIndex  # noqa: E402

NAMES = ("集美小学", "乐安幼儿园", "杏林中学", "厦门市实验小学", "灌口中心幼儿园", "后溪中学")
QUERIES = ("j", "jm", "jmq", "jimei", "youeryuan", "xiamenshi", "c123")


def main() -> None:
    print(f"{'rows':>8}  {'prepare ms':>10}  {'slowest keystroke ms':>20}")
    for rows in (276, 1_500, 5_000):
        texts = [(f"{NAMES[i % len(NAMES)]}{i}", f"C{i}") for i in range(rows)]
        index = SearchIndex(texts)
        started = time.perf_counter()
        index.prepare()
        prepare = time.perf_counter() - started
        slowest = 0.0
        for query in QUERIES:
            started = time.perf_counter()
            index.matching(query)
            slowest = max(slowest, time.perf_counter() - started)
        print(f"{rows:>8}  {prepare * 1000:>10.1f}  {slowest * 1000:>20.1f}")


if __name__ == "__main__":
    main()
