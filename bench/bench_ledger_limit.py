"""Ledger (台账) size limit: a 1,048,576-row .xlsx refused by ``zsdesk ledger import`` in little memory.

    /work/venv/bin/python bench/bench_ledger_limit.py               # files made once, kept in bench/out/
    /work/venv/bin/python bench/bench_ledger_limit.py --within 0    # only the refused file
    /work/venv/bin/python bench/bench_ledger_limit.py --rebuild     # write the files again

Figures, each of ``zsdesk --db DB ledger import FILE`` run in a subprocess as a
user runs it, into a fresh county database:
- the largest sheet an .xlsx holds: a 在谈项目台账 of 1,048,576 rows (title,
  header, 1,048,574 projects; ten columns as a county keeps them; openpyxl
  write-only, no <dimension>, about 60 MB): peak memory of the command (its
  RSS high-water mark, ru_maxrss of the child), wall seconds, exit code and
  message. Goal: refused (exit 2, nothing written: the database is compared
  before and after) with peak < 500 MB. Before the limit it took 2.4 GB and
  39 s (3.5 GB and 52 s on the machine the limit was written on) to refuse
  every row one by one.
- a ledger within the limit (``--within``, default 100,000 rows, the size of a
  city's three years): it still imports, every row created; peak and time beside.

The limit is ``zsdesk.ledgers.reader.MAX_ROWS`` (rows of a sheet, title and
header included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
EXCEL_ROWS = 1_048_576
PEAK_GOAL_MB = 500
HEADER = ["序号", "项目名称", "企业名称", "计划总投资(万元)", "其中外资(万美元)", "线索来源", "项目阶段", "首报日期",
          "下次跟进日期", "备注"]
SOURCES = ("以商招商", "中介推荐", "展会对接", "驻点招商", "网络信息")
STAGES = ("初步接洽", "洽谈中", "达成意向", "洽谈中")   # 暂缓 would need a 阶段日期
#: the peak of a command, measured from a small process of its own: ru_maxrss
#: of a child also counts the process it was started from (the kernel keeps the
#: high-water mark across exec), so the bench itself must not be that process
MEASURE = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
proc = subprocess.run(sys.argv[1:], capture_output=True, text=True)
wall = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
peak_mb = peak / 2**20 if sys.platform == "darwin" else peak / 1024
print(json.dumps({"rc": proc.returncode, "wall": wall, "peak_mb": peak_mb,
                  "stdout": proc.stdout[-3000:], "stderr": proc.stderr[-3000:]}))
"""


def zsdesk(*args: str) -> list[str]:
    return [sys.executable, "-m", "zsdesk", *args]


def measured(cmd: list[str]) -> dict:
    """Run ``cmd``; its exit code, wall seconds, peak RSS (MB) and output."""
    proc = subprocess.run([sys.executable, "-c", MEASURE, *cmd], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"measuring failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout)


def make_ledger(path: Path, rows: int) -> None:
    """A 在谈项目台账 of ``rows`` rows in all (title, header, projects), as the
    export writes one: openpyxl write-only (lxml), inline strings, no <dimension>."""
    from openpyxl import Workbook

    started = time.perf_counter()
    wb = Workbook(write_only=True)
    sheet = wb.create_sheet("在谈项目台账")
    sheet.append(["2026年在谈项目台账"])
    sheet.append(HEADER)
    first = dt.date(2024, 1, 1)
    for i in range(1, rows - 1):
        sheet.append([i, f"基准项目{i:07d}", f"基准科技有限公司{i % 50_000:05d}", 1000 + i % 9000,
                      (i % 7) * 10 or None, SOURCES[i % 5], STAGES[i % 4], first + dt.timedelta(days=i % 900),
                      first + dt.timedelta(days=900 + i % 60), f"第{i % 13 + 1}次洽谈"])
    part = path.with_suffix(".partial")
    wb.save(part)
    part.replace(path)
    print(f"  wrote {path} ({rows:,} rows, {path.stat().st_size / 2**20:.1f} MiB) "
          f"in {time.perf_counter() - started:.0f} s")


def ledger_file(rows: int, rebuild: bool) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"ledger-rows-{rows}.xlsx"
    if rebuild or not path.exists():
        print(f"Writing the {rows:,}-row ledger once (kept in {OUT}) …")
        make_ledger(path, rows)
    return path


def county_db(folder: Path, name: str) -> Path:
    db = folder / name
    proc = subprocess.run(zsdesk("--db", str(db), "init", "--role", "county", "--code", "BENCH-U01",
                                 "--name", "基准县招商单元"), capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"init failed:\n{proc.stderr[-2000:]}")
    return db


def db_state(db: Path) -> dict[str, int]:
    """Rows of the tables an import writes to."""
    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("change_log", "companies", "leads", "lead_stages")}
    finally:
        con.close()


def report(label: str, run: dict, goal: bool = True) -> None:
    ratio = f" ({run['peak_mb'] / PEAK_GOAL_MB:.2f} of the {PEAK_GOAL_MB} MB limit)" if goal else ""
    print(f"  {label}: exit {run['rc']}, {run['wall']:.1f} s wall, peak {run['peak_mb']:.0f} MB{ratio}")


def bench_refused(folder: Path, rebuild: bool) -> bool:
    path = ledger_file(EXCEL_ROWS, rebuild)
    db = county_db(folder, "refused.db")
    before = db_state(db)
    print(f"Import of the {EXCEL_ROWS:,}-row ledger ({path.stat().st_size / 2**20:.1f} MiB):")
    run = measured(zsdesk("--db", str(db), "ledger", "import", str(path)))
    report("zsdesk ledger import", run)
    message = run["stderr"].strip().splitlines()[-1] if run["stderr"].strip() else "(no message)"
    print(f"  message: {message}")
    unchanged = db_state(db) == before
    print(f"  database unchanged: {'yes' if unchanged else 'NO'} ({before})")
    good = run["rc"] == 2 and run["peak_mb"] < PEAK_GOAL_MB and unchanged and "Traceback" not in run["stderr"]
    print(f"  goal: refused, nothing written, peak < {PEAK_GOAL_MB} MB: {'met' if good else 'NOT met'}")
    return good


def bench_within(folder: Path, rows: int, rebuild: bool) -> bool:
    path = ledger_file(rows, rebuild)
    db = county_db(folder, "within.db")
    print(f"Import of a {rows:,}-row ledger, within the limit ({path.stat().st_size / 2**20:.1f} MiB):")
    run = measured(zsdesk("--db", str(db), "ledger", "import", str(path)))
    report("zsdesk ledger import", run, goal=False)
    summary = [line for line in run["stdout"].splitlines() if line.startswith("合计")]
    print(f"  {summary[-1] if summary else run['stderr'].strip()[-300:]}")
    created = db_state(db)["leads"]
    good = run["rc"] == 0 and created == rows - 2
    print(f"  leads in the database: {created:,} (expected {rows - 2:,}): {'met' if good else 'NOT met'}")
    return good


def main(argv: list[str] | None = None) -> int:
    from zsdesk.ledgers.reader import MAX_ROWS

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--within", type=int, default=100_000,
                        help="rows of a ledger within the limit to import as well (0: none; default 100000)")
    parser.add_argument("--rebuild", action="store_true", help="write the ledger files again")
    parser.add_argument("--keep", help="folder for the databases (kept); default a temporary one")
    args = parser.parse_args(argv)

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"zsdesk ledger limit bench — {os.cpu_count()} cores (load average {load}), Python "
          f"{sys.version.split()[0]}, limit {MAX_ROWS:,} rows a sheet")
    with tempfile.TemporaryDirectory(prefix="zs-ledger-limit-") as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.db*"):
            old.unlink()
        good = bench_refused(folder, args.rebuild)
        if args.within:
            good = bench_within(folder, args.within, args.rebuild) and good
    return 0 if good else 1


if __name__ == "__main__":
    sys.exit(main())
