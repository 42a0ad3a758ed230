"""数据保护: what the database password (SQLCipher) costs, encrypted next to plain,
each ratio against the goal measured in the same run.

Run with the project's interpreter::

    /work/venv/bin/python bench/bench_cipher.py               # 100k visits, best of 2
    /work/venv/bin/python bench/bench_cipher.py --rows 20000 --repeat 1

Figures (the same work on a plain file and on one encrypted with a password):
- bulk insert: a fresh site (one unit, five staff, 2000 companies), then 100k
  visits through ``ws.visits.create_many`` — the app's write path: validation,
  reference checks, numbers, change capture, one transaction. Goal: encrypted
  <= 1.3x plain.
- list paging: a freshly opened workspace on that file walks the visits list
  in its default order (newest first) 200 pages of 50, each page as the list
  loads it: ``queries.page_ids`` then ``queries.rows`` for those ids. Goal:
  <= 1.3x.
- search: 50 searches for a company (the first page of 50 for a text filter,
  ``ListQuery(text=...)``), each a different company, after ``queries.warm_up``
  (which the list runs in the background when it opens). Goal: <= 1.3x.
- for scale, not against a goal: opening the workspace (the key derivation,
  PBKDF2, is paid once per connection), the search warm-up (it reads the whole
  table: every page decrypted) and ``cipher.set_password`` rewriting the whole
  plain file (what 设置密码 costs on a database this size).

Wall times are the best of ``--repeat`` runs, plain and encrypted alternating;
the CPU-time ratio is printed beside each (steadier on a shared machine). The
plain side runs on Python's own sqlite3, the encrypted one on SQLCipher's
SQLite (another version): the ratios are what a user sees, not the cipher alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

ROWS = 100_000
PAGES = 200
PAGE = 50
SEARCHES = 50
GOAL = 1.3
PASSWORD = "基准测试-密码-2026"
MODES = ("plain", "encrypted")


def _password(mode: str) -> str | None:
    return PASSWORD if mode == "encrypted" else None


def _fresh_site(path: Path, password: str | None):
    """A new city site with one unit, five staff and 2000 companies."""
    import zsdesk.services.companies  # noqa: F401 - registers the derived columns of companies
    from zsdesk.db.models import Company, Staff, Unit
    from zsdesk.services import init_site, open_workspace

    ws = open_workspace(path, password=password)
    init_site(ws, role="city", code="BENCH", name="基准测试市")
    with ws.write(source="bench") as w:
        [unit] = w.insert_many(Unit, [{"code": "U01", "name": "高新区招商一局"}])
        staff = w.insert_many(Staff, [{"unit_id": unit, "name": n} for n in ("张伟", "王芳", "李强", "刘洋", "陈静")])
        companies = w.insert_many(Company, [{"name": f"测试{i:05d}科技有限公司"} for i in range(2000)])
    return ws, unit, staff, companies


def _visit_rows(rows: int, unit, staff, companies, today: dt.date) -> list[dict]:
    rnd = random.Random(7)
    kinds = ("上门招商", "驻点招商", "来访接待", "展会推介", "企业走访/安商稳商", "以商招商", "其他")
    out = []
    for i in range(rows):
        d = today - dt.timedelta(days=rnd.randrange(0, 1000))
        due = d + dt.timedelta(days=rnd.randrange(3, 60)) if i % 2 else None
        out.append({
            "unit_id": unit, "company_id": rnd.choice(companies), "staff_id": rnd.choice(staff),
            "visit_date": d, "kind": kinds[i % len(kinds)], "place": "深圳市南山区",
            "trip_days": rnd.randrange(0, 4), "people": "张总（董事长）",
            "outcome": "介绍园区政策，对方有意向考察。", "next_step": "安排来访考察" if due else None,
            "next_due": due, "followup_done": bool(due and i % 4 == 1),
        })
    return out


def _clear(path: Path) -> None:
    for p in path.parent.glob(path.name + "*"):
        p.unlink()
    shutil.rmtree(path.parent / "backups", ignore_errors=True)


def bulk_once(folder: Path, mode: str, rows: int) -> tuple[tuple[float, float], Path]:
    """((wall, CPU) seconds of the insert, the file)."""
    path = folder / f"cipher-{mode}.db"
    _clear(path)
    ws, unit, staff, companies = _fresh_site(path, _password(mode))
    data = _visit_rows(rows, unit, staff, companies, dt.date.today())
    cpu, started = time.process_time(), time.perf_counter()
    ids = ws.visits.create_many(data)
    elapsed = (time.perf_counter() - started, time.process_time() - cpu)
    assert len(ids) == rows
    ws.close()
    return elapsed, path


def reading(path: Path, mode: str, pages: int) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of opening, paging, the search warm-up and searching,
    on a freshly opened workspace."""
    from zsdesk.services import open_workspace
    from zsdesk.services import queries

    def since(start: tuple[float, float]) -> tuple[float, float]:
        return time.perf_counter() - start[0], time.process_time() - start[1]

    def now() -> tuple[float, float]:
        return time.perf_counter(), time.process_time()

    started = now()
    ws = open_workspace(path, password=_password(mode))
    ws.site  # noqa: B018 - the first read
    opened = since(started)
    try:
        q = queries.ListQuery("visits")
        started = now()
        after = None
        for _ in range(pages):
            page = queries.page_ids(ws, q, after, limit=PAGE)
            assert len(queries.rows(ws, "visits", page.ids)) == len(page.ids) == PAGE
            after = page.after
        paging = since(started)
        started = now()
        queries.warm_up(ws, "visits")   # the list does it in the background when it opens
        warm = since(started)
        started = now()
        for i in range(SEARCHES):
            page = queries.page_ids(ws, q.with_(text=f"测试{(i * 37) % 2000:05d}"), None, limit=PAGE)
            queries.rows(ws, "visits", page.ids)
        searching = since(started)
    finally:
        ws.close()
    return [opened, paging, warm, searching]


def _line(what: str, plain: tuple[float, float], encrypted: tuple[float, float], unit: str = "s",
          goal: float | None = GOAL) -> float:
    """Print wall times and their ratio (against ``goal``), and the CPU-time ratio
    (steadier on a shared machine: the cipher's cost is CPU). Returns the wall ratio."""
    ratio = encrypted[0] / plain[0] if plain[0] else float("inf")
    cpu_ratio = encrypted[1] / plain[1] if plain[1] else float("inf")
    verdict = "" if goal is None else (f" (goal <= {goal:g}x) " + ("OK" if ratio <= goal else "OVER GOAL"))
    scale = 1000 if unit == "ms" else 1
    print(f"{what}: plain {plain[0] * scale:.2f} {unit}, encrypted {encrypted[0] * scale:.2f} {unit}, "
          f"ratio {ratio:.2f}x{verdict}; CPU time ratio {cpu_ratio:.2f}x")
    return ratio


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--rows", type=int, default=ROWS, help=f"visits inserted (default {ROWS})")
    p.add_argument("--repeat", type=int, default=2, help="runs of each side, best counts (default 2)")
    p.add_argument("--out", metavar="DIR", help="keep the databases in DIR (default: a temporary folder)")
    args = p.parse_args(argv)

    from zsdesk.db import cipher

    if not cipher.available():
        print("SQLCipher (sqlcipher3-wheels) is not installed: nothing to measure")
        return 2
    folder = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="zsdesk-bench-cipher-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("ZSDESK_DATA_DIR", str(folder))
    import sqlcipher3

    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"zsdesk cipher bench — {os.cpu_count()} cores (load average {load}), Python {sys.version.split()[0]}, "
          f"SQLCipher {sqlcipher3.connect(':memory:').execute('PRAGMA cipher_version').fetchone()[0]}, "
          f"files in {folder}")
    try:
        pages = min(PAGES, args.rows // PAGE)
        bulk = {m: [] for m in MODES}
        reads = {m: [] for m in MODES}
        paths = {}
        for _ in range(max(1, args.repeat)):
            for mode in MODES:   # alternate, so a busy moment hits both sides
                elapsed, paths[mode] = bulk_once(folder, mode, args.rows)
                bulk[mode].append(elapsed)
            for mode in MODES:
                reads[mode].append(reading(paths[mode], mode, pages))
        size = {m: paths[m].stat().st_size for m in MODES}
        print(f"{args.rows // 1000}k visits; files: plain {size['plain'] / 2**20:.1f} MiB, "
              f"encrypted {size['encrypted'] / 2**20:.1f} MiB; best of {max(1, args.repeat)}")
        ratios = [_line(f"bulk insert {args.rows // 1000}k visits (create_many)", min(bulk["plain"]),
                        min(bulk["encrypted"]))]
        best = {m: [min((r[i] for r in reads[m]), key=lambda t: t[0]) for i in range(4)] for m in MODES}
        ratios.append(_line(f"list paging, {pages} pages of {PAGE} (ids + rows)", best["plain"][1],
                            best["encrypted"][1]))
        ratios.append(_line(f"search, {SEARCHES} first pages of {PAGE} for a company", best["plain"][3],
                            best["encrypted"][3]))
        _line("  search warm-up (reads the whole visits table once, in the background)", best["plain"][2],
              best["encrypted"][2], goal=None)
        _line("  open the workspace (first read; key derivation)", best["plain"][0], best["encrypted"][0],
              "ms", goal=None)
        print(f"  all runs (wall s): insert plain {', '.join(f'{x:.2f}' for x, _ in bulk['plain'])}; "
              f"encrypted {', '.join(f'{x:.2f}' for x, _ in bulk['encrypted'])}")
        copy = folder / "cipher-set.db"
        shutil.copyfile(paths["plain"], copy)
        started = time.perf_counter()
        cipher.set_password(copy, PASSWORD, backups=False)
        print(f"  set_password on the {size['plain'] / 2**20:.0f} MiB plain file (rewrite, check, rename): "
              f"{time.perf_counter() - started:.2f} s")
        worst = max(ratios)
        print(f"worst ratio {worst:.2f}x against the goal of {GOAL:g}x: {'OK' if worst <= GOAL else 'OVER GOAL'}")
    finally:
        if not args.out:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
