"""Sync by file: export and import figures, each next to its limit.

Run with the project's interpreter::

    /work/venv/bin/python bench/bench_sync.py                 # both parts
    /work/venv/bin/python bench/bench_sync.py --only package --changes 20000
    /work/venv/bin/python bench/bench_sync.py --profile        # cProfile the 100k import
    /work/venv/bin/python bench/bench_sync.py --repeat 3       # best of three (on a busy machine)

Figures:
- package: a county with 100k new visits (``ws.visits.create_many`` in batches)
  exports one package (signed, encrypted, written, read back and verified) and
  the city imports it (decrypt, verify, merge, one transaction, with the
  automatic backup first). Next to them the limit: raw ``sqlite3``
  ``executemany`` of the same rows the import writes (the county's records and
  their change-log entries, as stored), into a copy of the city's database taken just
  before the import, same pragmas, one transaction. Goal: each <= 3x. Each
  import runs on a fresh copy of the city taken before it.
- counties: the city imports ten county packages of 10k changes each (first
  imports, enrolment included, 撞车 detection after each). Goal: < 10 s in all.
  Printed with the raw executemany of the same rows: issue 15's goal for a city
  (``--counties 60 --county-changes 10000 --reopen``) is <= 2x that in all, and
  the last package's import <= 1.3x the first's (a flat cost). Per-package wall
  and CPU times of the first and last few are printed; ``--profile-last N``
  profiles the last N imports. Then raw executemany of the first and of the
  last package alone, each in its own transaction into the city as it was
  before that package: how much the limit itself grows from package to package.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

PACKAGE_CHANGES = 100_000
COUNTIES = 10
COUNTY_CHANGES = 10_000
RATIO_GOAL = 3.0
COUNTIES_GOAL = 10.0
FLAT_GOAL = 1.3          # the last package's import / the first's
CITY_RATIO_GOAL = 2.0    # a city's imports / raw executemany of the same rows
BATCH = 10_000
SQLITE_PRAGMAS = ("PRAGMA journal_mode=WAL", "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL")
TODAY = None  # set in main (the services refuse future dates)


def human_size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return str(n)


# --- sites ------------------------------------------------------------------------------------

def open_ws(path: Path):
    from zsdesk.services import open_workspace

    return open_workspace(path, actor="基准测试")


def make_city(folder: Path, codes: list[str]):
    from zsdesk.services import init_site

    city = open_ws(folder / "city.db")
    init_site(city, role="city", code="BENCH-CITY", name="基准测试市商务局")
    for code in codes:
        city.reference.units.create({"code": code, "name": f"{code}招商单元"})
    return city


def join_county(city, folder: Path, code: str):
    from zsdesk.sync import exchange

    setup = exchange.make_setup_file(city, code, folder / f"setup-{code}.json")
    ws = open_ws(folder / f"{code}.db")
    exchange.join(ws, setup)
    return ws


def county_work(ws, code: str, visits: int, seed: int) -> None:
    """Companies (two of them pursued by every county: 撞车), staff, then visits in batches."""
    from sqlalchemy import select

    from zsdesk.db.models import Unit

    with ws.read() as s:
        unit = s.scalar(select(Unit.id).where(Unit.code == code))
    rnd = random.Random(seed)
    staff = [ws.reference.staff.create({"unit_id": unit, "name": n}) for n in ("张伟", "王芳", "李强")]
    names = sorted({company_name(rnd) for _ in range(220)})[:200] + ["扬子江药业集团有限公司", "中天钢铁集团有限公司"]
    companies = ws.companies.create_many([{"name": n} for n in names])
    kinds = ("上门招商", "驻点招商", "来访接待", "展会推介", "企业走访/安商稳商", "以商招商", "其他")
    left = visits
    i = 0
    while left > 0:
        n = min(BATCH, left)
        rows = []
        for _ in range(n):
            d = TODAY - __import__("datetime").timedelta(days=rnd.randrange(0, 700))
            rows.append({"unit_id": unit, "company_id": rnd.choice(companies), "staff_id": rnd.choice(staff),
                         "visit_date": d, "kind": kinds[i % len(kinds)], "place": "深圳市南山区",
                         "trip_days": rnd.randrange(0, 4), "people": "张总（董事长）",
                         "outcome": "介绍园区政策，对方有意向考察。", "next_step": None})
            i += 1
        ws.visits.create_many(rows)
        left -= n


SYLLABLES = "华鑫恒泰瑞丰永安盛达金利宏远嘉禾新源博创天成海峰润德康宁亿通正阳富民联合立信中兴凯旋明辉星月"
TRADES = ("精密机械", "新材料", "生物医药", "电子科技", "食品", "纺织", "化工", "船舶配套", "光伏科技", "物流")


def company_name(rnd) -> str:
    """A plausible, distinct firm name (so 撞车 detection finds only the real pairs)."""
    return "".join(rnd.choice(SYLLABLES) for _ in range(4)) + rnd.choice(TRADES) + "有限公司"


def fingerprint(ws) -> str:
    from zsdesk.db.models import Site

    with ws.read() as s:
        return s.get(Site, ws.site.id).fingerprint


# --- copies and the raw limit ------------------------------------------------------------------

def copy_db(src: Path, dst: Path) -> Path:
    """A consistent copy of a SQLite database (the online backup API)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    for f in dst.parent.glob(dst.name + "*"):
        f.unlink()
    a, b = sqlite3.connect(src), sqlite3.connect(dst)
    with b:
        a.backup(b)
    a.close()
    b.close()
    return dst


def raw_limit(before: Path, after: Path, origins: list[str], scratch: Path, label: str = "") -> float:
    """executemany of the rows the imports wrote (the counties' records — visits,
    companies, staff, their sites — and their log entries, as stored) into a
    copy of the city taken before the imports, parents first, one transaction.
    ``label``: what the rows are, when not all the imports' (one package alone)."""
    from zsdesk.db.models import SYNCED_MODELS, Base

    target = copy_db(before, scratch / "raw-city.db")
    con = sqlite3.connect(after)
    marks = ", ".join("?" * len(origins))
    tables = {}
    wanted = [(t.name, f"owner_site_id IN ({marks})") for t in Base.metadata.sorted_tables if t.name in SYNCED_MODELS]
    for table, where in wanted + [("change_log", f"origin_site_id IN ({marks})")]:
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})")]
        rows = con.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE {where}", origins).fetchall()
        if rows:
            tables[table] = (cols, rows)
    con.close()
    con = sqlite3.connect(target, isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        con.execute(pragma)
    started, cpu = time.perf_counter(), time.process_time()
    con.execute("BEGIN")
    for table, (cols, rows) in tables.items():
        con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
    con.execute("COMMIT")
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
    con.close()
    print(f"  raw executemany of {sum(len(r) for _, r in tables.values()):,} rows{label}: {elapsed:.2f} s wall, "
          f"{cpu:.2f} s CPU")
    return elapsed


def timed_imports(pristine: Path, files, scratch: Path, *, profile: bool = False,
                  reopen: bool = False, profile_last: int = 0,
                  before_last: Path | None = None) -> tuple[float, Path]:
    """Import ``files`` [(path, fingerprint)] one after the other into a fresh copy
    of ``pristine`` (the city before any import); returns (seconds, the copy).
    ``reopen``: open the database anew for each file, as one command-line run
    per file does. ``profile_last``: cProfile only the last that many imports
    (where a cost that grows with the database shows). ``before_last``: copy the
    city there just before the last import (not timed), for the raw insert of
    that package alone."""
    from zsdesk.sync import exchange

    city_path = copy_db(pristine, scratch / "city.db")
    shutil.rmtree(scratch / "backups", ignore_errors=True)
    city = open_ws(city_path)
    city.site  # noqa: B018 - read the site now, not inside the timing
    if profile or profile_last:
        import cProfile
        import pstats
        prof = cProfile.Profile()
    if profile:
        prof.enable()
    started, cpu_started = time.perf_counter(), time.process_time()
    per_file: list[tuple[float, float]] = []   # (wall, cpu) of each import
    untimed = untimed_cpu = 0.0
    for n, (path, fp) in enumerate(files):
        if before_last is not None and n == len(files) - 1 and n > 0:
            pause, pause_cpu = time.perf_counter(), time.process_time()
            copy_db(city_path, before_last)   # the online backup API: a consistent copy of the open city
            untimed += time.perf_counter() - pause
            untimed_cpu += time.process_time() - pause_cpu
        if reopen:   # one `zsdesk sync import` run per file: the database opened anew each time
            city.close()
            city = open_ws(city_path)
        if profile_last and n == len(files) - profile_last:
            prof.enable()
        one, one_cpu = time.perf_counter(), time.process_time()
        result = exchange.import_package(city, path, trust=fp)
        per_file.append((time.perf_counter() - one, time.process_time() - one_cpu))
        assert result.status == "applied" and not result.report.refused, result.message
    elapsed = time.perf_counter() - started - untimed
    cpu = time.process_time() - cpu_started - untimed_cpu
    print(f"  imports: {elapsed:.2f} s wall, {cpu:.2f} s CPU")
    if len(per_file) > 1:
        show = min(3, len(per_file) // 2)
        fmt = ", ".join
        print(f"  per package (wall / CPU s): first {fmt(f'{w:.2f}/{c:.2f}' for w, c in per_file[:show])}; "
              f"last {fmt(f'{w:.2f}/{c:.2f}' for w, c in per_file[-show:])}")
        (w1, c1), (wn, cn) = per_file[0], per_file[-1]
        print(f"  package {len(per_file)} / package 1: {wn / w1:.2f}x wall, {cn / max(c1, 1e-9):.2f}x CPU "
              f"(goal <= {FLAT_GOAL:g}x) {verdict(wn / w1 <= FLAT_GOAL)}")
    if len(per_file) >= 4:
        q = len(per_file) // 4
        first, last = sum(w for w, _ in per_file[:q]), sum(w for w, _ in per_file[-q:])
        print(f"  per package: first quarter {first / q:.2f} s, last quarter "
              f"{last / q:.2f} s (flat cost: the ratio should stay near 1; {last / max(first, 1e-9):.2f}x)")
    from zsdesk.db.engine import backups_of

    kept = backups_of(city_path)
    db_size = city_path.stat().st_size + (Path(f"{city_path}-wal").stat().st_size
                                          if Path(f"{city_path}-wal").exists() else 0)
    print(f"  backups kept: {len(kept)}, {human_size(sum(b.stat().st_size for b in kept))} for a "
          f"{human_size(db_size)} database ({sum(b.stat().st_size for b in kept) / db_size:.2f}x; limit 3x)")
    if profile or profile_last:
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(45)
    city.close()
    return elapsed, city_path


def verdict(ok: bool) -> str:
    return "OK" if ok else "OVER GOAL"


# --- the 100k package ---------------------------------------------------------------------------

def bench_package(folder: Path, changes: int, *, repeat: int = 1, profile: bool = False) -> tuple[float, float]:
    from zsdesk.backup import backup_to
    from zsdesk.sync import exchange

    folder.mkdir(parents=True, exist_ok=True)
    city = make_city(folder, ["TX-U01"])
    county = join_county(city, folder, "TX-U01")
    started = time.perf_counter()
    county_work(county, "TX-U01", changes, seed=1)
    print(f"  county data: {changes // 1000}k visits via create_many in {time.perf_counter() - started:.1f} s")
    pristine = folder / "city-before-import.db"
    backup_to(city, pristine)
    city.close()
    origin, fp = county.site.id, fingerprint(county)

    export_s = import_s = raw_s = float("inf")
    for _ in range(repeat):
        # each export is a new package (the next seq): the last one is imported
        started = time.perf_counter()
        res = exchange.export_package(county, folder / "box")
        export_s = min(export_s, time.perf_counter() - started)
    county.close()
    for n in range(repeat):
        seconds, after = timed_imports(pristine, [(res.path, fp)], folder / "run", profile=profile and n == 0)
        import_s = min(import_s, seconds)
        raw_s = min(raw_s, raw_limit(pristine, after, [origin], folder / "run"))

    print(f"  package: {res.entries} changes, {human_size(res.size)} (encrypted)"
          + (f"; best of {repeat} runs" if repeat > 1 else ""))
    for label, seconds in (("export", export_s), ("import", import_s)):
        ratio = seconds / raw_s
        print(f"  {label} {res.entries // 1000}k changes: {seconds:.2f} s ({res.entries / seconds:,.0f}/s), "
              f"raw executemany of the same rows {raw_s:.2f} s, ratio {ratio:.1f}x (goal <= {RATIO_GOAL:g}x) "
              f"{verdict(ratio <= RATIO_GOAL)}")
    print("  (the import includes decryption, verification and the automatic backup before it)")
    return export_s / raw_s, import_s / raw_s


# --- ten counties ----------------------------------------------------------------------------------

def bench_counties(folder: Path, counties: int, changes: int, *, repeat: int = 1, reopen: bool = False,
                   profile_last: int = 0) -> float:
    from zsdesk.backup import backup_to
    from zsdesk.sync import exchange
    from zsdesk.sync.alerts import open_alerts

    folder.mkdir(parents=True, exist_ok=True)
    codes = [f"C{i:02d}-U01" for i in range(1, counties + 1)]
    city = make_city(folder, codes)
    files, origins = [], []
    started = time.perf_counter()
    for n, code in enumerate(codes):
        ws = join_county(city, folder, code)
        county_work(ws, code, changes - 205, seed=n)   # 205: staff, companies, sites row and unit
        res = exchange.export_package(ws, folder / "box")
        files.append((res.path, fingerprint(ws)))
        origins.append(ws.site.id)
        ws.close()
    pristine = folder / "city-before-imports.db"
    backup_to(city, pristine)
    city.close()
    print(f"  {counties} counties built and exported in {time.perf_counter() - started:.1f} s "
          f"({res.entries} changes each)")
    elapsed = raw_s = float("inf")
    before_last = folder / "run-before-last" / "city.db"
    for _ in range(repeat):
        seconds, after = timed_imports(pristine, files, folder / "run", reopen=reopen, profile_last=profile_last,
                                       before_last=before_last if counties > 1 else None)
        profile_last = 0
        elapsed = min(elapsed, seconds)
        raw_s = min(raw_s, raw_limit(pristine, after, origins, folder / "run"))
    if counties > 1:
        # what SQLite itself does with one package, first and last, each in its own
        # transaction: its growth bounds how flat the import's cost can be
        first = raw_limit(pristine, after, origins[:1], folder / "run", label=" (package 1 alone)")
        last = raw_limit(before_last, after, origins[-1:], folder / "run-before-last",
                         label=f" (package {counties} alone)")
        print(f"  raw executemany, package {counties} / package 1: {last / first:.2f}x "
              f"(the limit's own growth, one transaction per package)")
    ws = open_ws(after)
    n_alerts = len(open_alerts(ws))
    ws.close()
    print(f"  city import of {counties} packages x {changes // 1000}k changes: {elapsed:.2f} s "
          f"({elapsed / counties:.2f} s each; {n_alerts} 撞车 alerts) (goal < {COUNTIES_GOAL:g} s) "
          f"{verdict(elapsed < COUNTIES_GOAL)}" + (f"; best of {repeat} runs" if repeat > 1 else ""))
    ratio = elapsed / raw_s
    print(f"  raw executemany of the same rows, one transaction: {raw_s:.2f} s; ratio {ratio:.2f}x "
          f"(goal <= {CITY_RATIO_GOAL:g}x) {verdict(ratio <= CITY_RATIO_GOAL)}")
    return elapsed


def main(argv: list[str] | None = None) -> int:
    global TODAY
    import datetime as dt

    TODAY = dt.date.today()
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--only", choices=("package", "counties"), action="append")
    p.add_argument("--changes", type=int, default=PACKAGE_CHANGES, help="visits in the big package")
    p.add_argument("--counties", type=int, default=COUNTIES)
    p.add_argument("--county-changes", type=int, default=COUNTY_CHANGES)
    p.add_argument("--out", metavar="DIR", help="keep the databases in DIR (default: a temporary folder)")
    p.add_argument("--profile", action="store_true", help="cProfile the import of the big package")
    p.add_argument("--reopen", action="store_true",
                   help="counties: open the city's database anew for each file (one CLI run per file)")
    p.add_argument("--profile-last", type=int, default=0, metavar="N",
                   help="counties: cProfile the last N imports (what grows with the database; "
                        "their times then include the profiler's overhead)")
    p.add_argument("--repeat", type=int, default=1,
                   help="time each part this many times and report the best (a busy machine is noisy)")
    args = p.parse_args(argv)
    parts = set(args.only or ["package", "counties"])
    folder = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="zsdesk-bench-sync-"))
    if args.out:
        shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ZSDESK_DATA_DIR", str(folder))
    print(f"zsdesk sync bench — {os.cpu_count()} cores, Python {sys.version.split()[0]}, files in {folder}")
    try:
        if "package" in parts:
            print("package:")
            bench_package(folder / "package", args.changes, repeat=args.repeat, profile=args.profile)
        if "counties" in parts:
            print("counties:")
            bench_counties(folder / "counties", args.counties, args.county_changes, repeat=args.repeat,
                           reopen=args.reopen, profile_last=args.profile_last)
    finally:
        if not args.out:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
