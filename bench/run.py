"""Performance figures for zsdesk, each next to the limit it is measured against.

Run with the project's interpreter::

    /work/venv/bin/python bench/run.py            # W1 build, stats on W1, bulk insert ratio
    /work/venv/bin/python bench/run.py --w2       # ... and W2 (1M visits): time and file size
    /work/venv/bin/python bench/run.py --only bulk --out /tmp/zs-bench

Figures:
- W1 build: ``zsdesk demo --units 10 --years 3 --scale 1`` into a fresh file
  (100k visits, 25k leads, 5k projects), in a subprocess as a user would run it;
- ``zsdesk --db W1 stats --json`` on it (reported as failed if the command fails);
- bulk insert of 100k visits through ``ws.visits.create_many`` (validation,
  reference checks, numbers, change capture) next to the limit: raw ``sqlite3``
  ``executemany`` of the same rows, already in stored form, into the same table
  with the same indexes and pragmas, in one transaction. Goal: services <= 3x.
- with ``--w2``: ``zsdesk demo --units 10 --years 3 --scale 10``: time and size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

BULK_ROWS = 100_000
BULK_GOAL = 3.0
W1_ARGS = ["--units", "10", "--years", "3", "--scale", "1"]
W2_ARGS = ["--units", "10", "--years", "3", "--scale", "10"]


def zsdesk_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "zsdesk", *args]


def human_size(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


def db_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*") if p.is_file())


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(cmd: list[str]) -> tuple[subprocess.CompletedProcess, float, float]:
    """Run a command; (result, wall seconds, CPU seconds of the child)."""
    cpu = children_cpu()
    started = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    return proc, time.perf_counter() - started, children_cpu() - cpu


# --- demo builds ---------------------------------------------------------------------

def build_demo(path: Path, args: list[str], label: str) -> float | None:
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    proc, elapsed, cpu = timed_run(zsdesk_cmd("--db", str(path), "demo", *args))
    if proc.returncode != 0:
        print(f"{label} build: FAILED (exit {proc.returncode})\n{proc.stderr.strip()[-2000:]}")
        return None
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    print(f"{label} build (zsdesk demo {' '.join(args)}): {elapsed:.1f} s wall, {cpu:.1f} s CPU, "
          f"file {human_size(db_size(path))}")
    if summary:
        print(f"  {summary}")
    return elapsed


def run_stats(path: Path) -> float | None:
    proc, elapsed, cpu = timed_run(zsdesk_cmd("--db", str(path), "stats", "--json"))
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        print(f"stats on W1: FAILED (exit {proc.returncode}, {elapsed:.1f} s): {tail}")
        return None
    print(f"stats on W1: {elapsed:.2f} s wall, {cpu:.2f} s CPU (zsdesk --db W1 stats --json, start-up included)")
    return elapsed


# --- bulk insert: services against raw executemany -----------------------------------

SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL")


def _fresh_site(path: Path):
    """A new city site with one unit, five staff and 2000 companies."""
    import zsdesk.services.companies  # noqa: F401 - registers the derived columns of companies
    from zsdesk.db.models import Company, Staff, Unit
    from zsdesk.services import init_site, open_workspace

    ws = open_workspace(path)
    init_site(ws, role="city", code="BENCH", name="基准测试市")
    rnd = random.Random(7)
    with ws.write(source="bench") as w:
        [unit] = w.insert_many(Unit, [{"code": "U01", "name": "高新区招商一局"}])
        staff = w.insert_many(Staff, [{"unit_id": unit, "name": n} for n in ("张伟", "王芳", "李强", "刘洋", "陈静")])
        companies = w.insert_many(Company, [{"name": f"测试{i:05d}科技有限公司"} for i in range(2000)])
    return ws, unit, staff, companies, rnd


def _visit_rows(unit, staff, companies, rnd, today) -> list[dict]:
    kinds = ("上门招商", "驻点招商", "来访接待", "展会推介", "企业走访/安商稳商", "以商招商", "其他")
    rows = []
    for i in range(BULK_ROWS):
        d = today - dt.timedelta(days=rnd.randrange(0, 1000))
        due = d + dt.timedelta(days=rnd.randrange(3, 60)) if i % 2 else None
        rows.append({
            "unit_id": unit, "company_id": rnd.choice(companies), "staff_id": rnd.choice(staff),
            "visit_date": d, "kind": kinds[i % len(kinds)], "place": "深圳市南山区",
            "trip_days": rnd.randrange(0, 4), "people": "张总（董事长）",
            "outcome": "介绍园区政策，对方有意向考察。", "next_step": "安排来访考察" if due else None,
            "next_due": due, "followup_done": bool(due and i % 4 == 1),
        })
    return rows


def _stored(row: dict, number: str, site_id: str) -> tuple:
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return (str(uuid.uuid4()), site_id, 0, number, row["unit_id"], row["company_id"], None,
            iso(row["visit_date"]), row["kind"], row["place"], row["trip_days"], row["people"],
            row["outcome"], row["next_step"], iso(row["next_due"]), int(row["followup_done"]),
            row["staff_id"])


RAW_COLUMNS = ("id", "owner_site_id", "deleted", "number", "unit_id", "company_id", "lead_id",
               "visit_date", "kind", "place", "trip_days", "people", "outcome", "next_step",
               "next_due", "followup_done", "staff_id")


def _services_once(folder: Path, profile: bool) -> tuple[float, float, list[dict], tuple]:
    """Services side: validation, reference checks, numbers, change capture, one transaction."""
    for f in folder.glob("bulk-services.db*"):
        f.unlink()
    ws, unit, staff, companies, rnd = _fresh_site(folder / "bulk-services.db")
    rows = _visit_rows(unit, staff, companies, rnd, dt.date.today())
    if profile:
        import cProfile
        import pstats
        prof = cProfile.Profile()
        prof.enable()
    cpu, started = time.process_time(), time.perf_counter()
    ids = ws.visits.create_many(rows)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    if profile:
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(25)
    assert len(ids) == BULK_ROWS
    ws.close()
    return wall, cpu, rows, (unit, staff, companies)


def _raw_once(folder: Path, rows: list[dict], refs: tuple) -> tuple[float, float]:
    """The limit: the same rows, already in stored form, into the same schema (a second
    initialised file with the same unit, staff and companies) with the same pragmas,
    in one transaction."""
    for f in folder.glob("bulk-raw.db*"):
        f.unlink()
    path = folder / "bulk-raw.db"
    unit, staff, companies = refs
    ws2, unit2, staff2, companies2, _ = _fresh_site(path)
    site_id = ws2.site.id
    ws2.close()
    remap = {**dict(zip(companies, companies2)), **dict(zip(staff, staff2)), unit: unit2}
    stored = [_stored({**r, "unit_id": remap[r["unit_id"]], "company_id": remap[r["company_id"]],
                       "staff_id": remap[r["staff_id"]]}, f"BENCH-V{r['visit_date'].year}-{i:06d}", site_id)
              for i, r in enumerate(rows)]
    con = sqlite3.connect(path, isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        con.execute(pragma)
    sql = f"INSERT INTO visits ({', '.join(RAW_COLUMNS)}) VALUES ({', '.join('?' * len(RAW_COLUMNS))})"
    cpu, started = time.process_time(), time.perf_counter()
    con.execute("BEGIN")
    con.executemany(sql, stored)
    con.execute("COMMIT")
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    con.close()
    return wall, cpu


def bench_bulk(folder: Path, *, repeat: int = 2, profile: bool = False) -> float:
    """Best of ``repeat`` runs of each side (a shared machine is noisy); returns the ratio."""
    services, raw = [], []
    for i in range(repeat):
        wall, cpu, rows, refs = _services_once(folder, profile and i == 0)
        services.append((wall, cpu))
        raw.append(_raw_once(folder, rows, refs))
        del rows
    s_wall, s_cpu = min(services)
    r_wall, r_cpu = min(raw)
    ratio = s_wall / r_wall
    verdict = "OK" if ratio <= BULK_GOAL else "OVER GOAL"
    print(f"bulk insert {BULK_ROWS // 1000}k visits: services {s_wall:.2f} s, raw executemany {r_wall:.2f} s, "
          f"ratio {ratio:.1f}x (goal <= {BULK_GOAL:g}x) {verdict}")
    print(f"  best of {repeat}; CPU time: services {s_cpu:.2f} s, raw {r_cpu:.2f} s, ratio {s_cpu / r_cpu:.1f}x; "
          f"all runs (wall) services {', '.join(f'{w:.2f}' for w, _ in services)}, "
          f"raw {', '.join(f'{w:.2f}' for w, _ in raw)}")
    return ratio


# --- main ----------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--w2", action="store_true", help="also build W2 (1M visits) and report time and size")
    p.add_argument("--out", metavar="DIR", help="keep the databases in DIR (default: a temporary folder)")
    p.add_argument("--only", choices=("w1", "stats", "bulk", "w2"), action="append",
                   help="run only these parts (repeatable)")
    p.add_argument("--repeat", type=int, default=2, help="bulk insert: runs of each side, best counts (default 2)")
    p.add_argument("--profile", action="store_true", help="cProfile the services side of the bulk insert")
    args = p.parse_args(argv)
    parts = set(args.only or ["w1", "stats", "bulk"] + (["w2"] if args.w2 else []))

    folder = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="zsdesk-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ZSDESK_DATA_DIR", str(folder))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"zsdesk bench — {os.cpu_count()} cores (load average {load}), Python {sys.version.split()[0]}, "
          f"files in {folder}")
    try:
        w1 = folder / "w1.db"
        if "w1" in parts:
            build_demo(w1, W1_ARGS, "W1")
        if "stats" in parts:
            if w1.exists():
                run_stats(w1)
            else:
                print("stats on W1: skipped (no W1 database; build it with --only w1)")
        if "bulk" in parts:
            bench_bulk(folder, repeat=max(1, args.repeat), profile=args.profile)
        if "w2" in parts:
            build_demo(folder / "w2.db", W2_ARGS, "W2")
    finally:
        if not args.out:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
