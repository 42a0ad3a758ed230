"""Visits list search by pinyin (people, our staff, place): one filter's first page on W1.

Run with the project's interpreter::

    .venv/bin/python bench/bench_visit_search.py             # W1 (100k visits), built once in bench/out/
    .venv/bin/python bench/bench_visit_search.py --db FILE   # another database

A visit's 对方人员 and 地点 have no stored pinyin (no migration for it): the
search keeps the different values with their pinyin in memory
(``queries.PinyinValues``, read once in the background by ``warm_up``), and a
term matching many of them is matched row by row instead (``_BROAD_VALUES``).
Figures, each the median of a few runs after the warm-up:

- the first page of ids (what a keystroke waits for) for pinyin terms from
  narrow to very broad, next to the goal of 100 ms; wall time, and the CPU
  time of the thread (SQLite runs in it too), which a busy machine does not
  inflate (the goal is judged on the CPU time when the two differ much);
- the count of the same list (it runs after the page, in the background, and
  is stopped when the text changes);
- the warm-up: reading the company keys, the column values and the pinyin.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ui import OUT, W1_ARGS, ensure_demo, live_visits

GOAL_MS = 100.0
#: initials and full pinyin of people and places (narrow to broad), a staff
#: name's initials, two terms at once, and the bench_ui texts for comparison
TERMS = ("zhaozong", "tzzj", "qjl", "zs", "wz", "sh", "shanghai", "nanjing", "z", "zong",
         "wang zong", "hwdz", "huawei", "张总", "深圳")


def run(db: Path, rounds: int) -> bool:
    from zsdesk.services import open_workspace, queries
    from zsdesk.services.queries import ListQuery

    ws = open_workspace(db)
    started = time.perf_counter()
    queries.warm_up(ws, "visits")
    warm = time.perf_counter() - started
    with ws.read() as s:
        keys = queries.pinyin_values(ws, "visits")
        keys.fresh(s)
        sizes = {c: len(keys._data[c][1]) - 1 for c in keys.columns}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} cores (load average {load}); {live_visits(db):,} visits; warm-up {warm:.2f} s (pinyin of "
          + ", ".join(f"{n:,} different {c}" for c, n in sizes.items()) + ")")
    ok = True
    for term in TERMS:
        query = ListQuery("visits", text=term)
        pages, cpu, counts = [], [], []
        for _ in range(rounds):
            t, c = time.perf_counter(), time.thread_time()
            page = queries.first_page(ws, query)
            pages.append(time.perf_counter() - t)
            cpu.append(time.thread_time() - c)
            t = time.perf_counter()
            total = queries.count(ws, query)
            counts.append(time.perf_counter() - t)
        median, median_cpu = statistics.median(pages) * 1000, statistics.median(cpu) * 1000
        good = min(median, median_cpu) < GOAL_MS
        ok &= good
        print(f"  {term!r:12} first page {median:6.1f} ms (CPU {median_cpu:5.1f} ms) {'OK' if good else 'OVER GOAL':9} "
              f"({len(page.ids)} ids) | count {total:>7,} in {statistics.median(counts) * 1000:5.0f} ms")
    print("all first pages under the goal" if ok else "some first pages over the goal")
    return ok


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--db", help="database to search (default: W1 in bench/out, built when missing)")
    p.add_argument("--rounds", type=int, default=5)
    args = p.parse_args(argv)
    db = Path(args.db) if args.db else ensure_demo(OUT / "w1.db", W1_ARGS, "W1", rebuild=False)
    return 0 if run(db, args.rounds) else 1


if __name__ == "__main__":
    sys.exit(main())
