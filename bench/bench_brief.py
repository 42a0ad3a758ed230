"""The monthly PDF 简报 on W1, next to its goal (< 2 s).

    /work/venv/bin/python bench/bench_brief.py                 # builds W1 in a temporary folder
    /work/venv/bin/python bench/bench_brief.py --db /tmp/w1.db # reuses (or builds) that file
    /work/venv/bin/python bench/bench_brief.py --period 2026-10 --runs 5 --profile

W1 is ``zsdesk --db FILE demo --units 10 --years 3 --scale 1`` (100k visits, 25k
leads, 5k projects), built in a subprocess as a user would. The brief is the
city's monthly brief of the last complete month (or ``--period``), made with
``make_brief`` in this process:

- the first run is "cold": it includes loading the CJK font (what the command
  line and the app's first brief cost); later runs are "warm";
- SQL time is what SQLAlchemy's ``before_cursor_execute``/``after_cursor_execute``
  events see on the engine: the statement's execution. SQLite hands rows over
  while they are fetched, after that event, so fetching is counted as Python;
- CPU time is printed beside wall time: on a shared machine the difference is
  time spent waiting for a core.

Goal: the warm median under 2 s (ratio = time / goal, below 1 is good).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 2.0
W1_ARGS = ["--units", "10", "--years", "3", "--scale", "1"]


def build_w1(path: Path) -> None:
    for f in path.parent.glob(path.name + "*"):
        f.unlink()
    print(f"building W1 (zsdesk demo {' '.join(W1_ARGS)}) into {path} …", flush=True)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "zsdesk", "--db", str(path), "demo", *W1_ARGS],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"W1 build failed (exit {proc.returncode}):\n{proc.stderr.strip()[-2000:]}")
    print(f"  built in {time.perf_counter() - started:.1f} s: {proc.stdout.strip().splitlines()[-1]}")


class SqlClock:
    """Wall time inside cursor executions, from SQLAlchemy's engine events."""

    def __init__(self, engine):
        from sqlalchemy import event

        self.seconds = 0.0
        self.statements = 0
        self._started: list[float] = []
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(self, conn, cursor, statement, parameters, context, executemany):
        self._started.append(time.perf_counter())

    def _after(self, conn, cursor, statement, parameters, context, executemany):
        self.seconds += time.perf_counter() - self._started.pop()
        self.statements += 1

    def reset(self) -> None:
        self.seconds, self.statements = 0.0, 0


def last_complete_month(today: dt.date) -> str:
    previous = today.replace(day=1) - dt.timedelta(days=1)
    return f"{previous.year}-{previous.month:02d}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, help="W1 database file (built when missing)")
    parser.add_argument("--rebuild", action="store_true", help="build W1 again even if --db exists")
    parser.add_argument("--period", help="the month, e.g. 2026-10 (default: the last complete month)")
    parser.add_argument("--runs", type=int, default=4, help="briefs to make (the first is cold)")
    parser.add_argument("--out", type=Path, help="where to leave the PDF (default: beside the database)")
    parser.add_argument("--profile", action="store_true", help="print a cProfile of one warm run")
    args = parser.parse_args()

    folder = None
    if args.db is None:
        folder = tempfile.TemporaryDirectory(prefix="zsdesk-bench-brief-")
        args.db = Path(folder.name) / "w1.db"
    if args.rebuild or not args.db.exists():
        build_w1(args.db)

    from zsdesk.reports import brief, periods
    from zsdesk.services import open_workspace

    ws = open_workspace(args.db)
    code = args.period or last_complete_month(ws.today())
    kind, period = periods.parse_period(code, "monthly")
    out = args.out or args.db.with_name(f"brief-{code}.pdf")
    clock = SqlClock(ws.db.engine)
    counts = ws.counts()
    print(f"W1: {counts['visits']} visits, {counts['leads']} leads, {counts['projects']} projects; "
          f"monthly brief {code} -> {out}")

    walls = []
    for run in range(args.runs):
        clock.reset()
        cpu, started = time.process_time(), time.perf_counter()
        result = brief.make_brief(ws, period, kind, out)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        parts = ", ".join(f"{k} {v:.2f}" for k, v in result.timings.items() if k != "total")
        label = "cold" if run == 0 else "warm"
        print(f"  run {run + 1} ({label}): {wall:.2f} s wall, {cpu:.2f} s CPU; SQL {clock.seconds:.2f} s "
              f"= {clock.seconds / wall:.0%} of the time ({clock.statements} statements); "
              f"{result.pages} pages; [{parts}]")
        if run:
            walls.append(wall)
    if not walls:
        walls = [wall]
    median = statistics.median(walls)
    print(f"monthly brief on W1: {median:.2f} s (median of {len(walls)} warm run(s)), goal {GOAL:.1f} s, "
          f"ratio {median / GOAL:.2f} -> {'OK' if median < GOAL else 'OVER THE GOAL'}")

    if args.profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        brief.make_brief(ws, period, kind, out)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)
    ws.close()
    if folder is not None:
        folder.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
