"""The change log's share of a database file, before and after the compact
inserts (issue 15, migration 0012: an insert entry no longer repeats its row).

Run with the project's interpreter::

    .venv/bin/python bench/bench_history.py                     # W1: 10 units, 3 years, scale 1
    .venv/bin/python bench/bench_history.py --scale 0.2         # quicker
    .venv/bin/python bench/bench_history.py --db some.db        # an existing database (copied, not changed)
    .venv/bin/python bench/bench_history.py --out /tmp/zs-hist  # keep the databases

Figures, from SQLite's ``dbstat`` table (``SELECT name, SUM(pgsize) FROM dbstat
GROUP BY name``) after ``VACUUM``, so each file holds only its pages:
- before: the database as release 0011 stores it (a ``--db`` at 0011 as it is; else
  taken there by the migrations: a demo database by 0012's downgrade, whole inserts);
- after: the same database brought to 0012 by the migration (its wall and CPU time
  printed, the backup before it not included; VACUUM not included);
- written now (demo only): the demo database as this version writes it (should equal "after").
For each: the file, the change log, each of its indexes and their share of the
file, the ratio after / before, and whether every data table kept its size.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BEFORE, AFTER = "0011_compact_history", "0012_compact_inserts"
GOAL_MIB = {"W1": 120}  # issue 15: W1 <= 120 MiB (the whole file)
LOG_NAMES = ("change_log", "sqlite_autoindex_change_log_1", "ix_change_row", "ix_change_recorded")


def mib(n: float) -> str:
    return f"{n / 2**20:.1f} MiB"


def sizes(path: Path, *, vacuum: bool = True) -> dict[str, int]:
    """{name: bytes} of every table and index, and "" for the whole file, after VACUUM
    (``vacuum=False``: as the file is)."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        if vacuum:
            started, cpu = time.perf_counter(), time.process_time()
            con.execute("VACUUM")
            print(f"    (VACUUM of {path.name}: {time.perf_counter() - started:.0f} s wall, "
                  f"{time.process_time() - cpu:.0f} s CPU)")
        out = {name: size for name, size in con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")}
    finally:
        con.close()
    out[""] = path.stat().st_size
    return out


def migrate(path: Path, revision: str, *, down: bool = False) -> tuple[float, float]:
    """Alembic to ``revision`` on ``path`` (no backup: the bench's own copy); (wall, CPU) seconds."""
    from alembic import command

    from zsdesk.db.engine import Database, alembic_config

    db = Database(f"sqlite:///{path}", migrate=False)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        (command.downgrade if down else command.upgrade)(alembic_config(db), revision)
        return time.perf_counter() - started, time.process_time() - cpu
    finally:
        db.engine.dispose()


def revision_of(path: Path) -> str | None:
    con = sqlite3.connect(path)
    try:
        row = con.execute("SELECT version_num FROM alembic_version").fetchone()
    finally:
        con.close()
    return row[0] if row else None


def data_tables(s: dict[str, int]) -> dict[str, int]:
    return {n: v for n, v in s.items() if n and n not in LOG_NAMES}


def show(title: str, s: dict[str, int]) -> None:
    total = s[""]
    log = sum(s.get(n, 0) for n in LOG_NAMES)
    print(f"{title}: file {mib(total)}; change log and its indexes {mib(log)} ({100 * log / total:.1f}%)")
    for name in LOG_NAMES:
        if name in s:
            print(f"    {name:32s} {mib(s[name]):>12s} {100 * s[name] / total:5.1f}%")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--units", type=int, default=10)
    p.add_argument("--years", type=int, default=3)
    p.add_argument("--scale", type=float, default=1.0)
    p.add_argument("--db", type=Path, help="measure a copy of this database instead of a new demo one")
    p.add_argument("--out", type=Path, help="keep the databases in this folder")
    p.add_argument("--one-copy", action="store_true",
                   help="for a big --db: one copy, vacuumed and measured, migrated in place, "
                        "vacuumed and measured again (half the disk)")
    args = p.parse_args(argv)
    folder = args.out or Path(tempfile.mkdtemp(prefix="zsdesk-history-"))
    folder.mkdir(parents=True, exist_ok=True)
    now = folder / "written-now.db"
    try:
        before, after = folder / "before-0011.db", folder / "after-0012.db"
        if args.db:
            shutil.copy(args.db, before)
            print(f"database: {args.db} (at {revision_of(before)})")
            if revision_of(before) != BEFORE:
                migrate(before, BEFORE, down=revision_of(before) == AFTER)
        else:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "zsdesk", "--db", str(now), "demo", "--units", str(args.units),
                            "--years", str(args.years), "--scale", str(args.scale)],
                           check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"demo database: --units {args.units} --years {args.years} --scale {args.scale} "
                  f"({time.perf_counter() - started:.0f} s)")
            shutil.copy(now, before)
            migrate(before, BEFORE, down=True)
        con = sqlite3.connect(before)
        entries, inserts = con.execute("SELECT count(*), sum(op = 'I') FROM change_log").fetchone()
        con.close()
        print(f"change log entries: {entries:,} ({inserts or 0:,} inserts)")
        if args.one_copy:   # the copy vacuumed first (its layout only), so both sides are compact files
            s_before = sizes(before)
            after = before
        else:
            shutil.copy(before, after)
        up, up_cpu = migrate(after, AFTER)
        if not args.one_copy:
            s_before = sizes(before)
        s_after = sizes(after)
        show("before (0011)", s_before)
        show(f"after (0012; migration {up:.1f} s wall, {up_cpu:.1f} s CPU)", s_after)
        if not args.db:
            show("written now", sizes(now))
        log_b = sum(s_before.get(n, 0) for n in LOG_NAMES)
        log_a = sum(s_after.get(n, 0) for n in LOG_NAMES)
        print(f"file: before {mib(s_before[''])}, after {mib(s_after[''])}, ratio {s_after[''] / s_before['']:.3f}")
        print(f"change log and indexes: before {mib(log_b)}, after {mib(log_a)}, ratio {log_a / log_b:.3f}")
        d_before, d_after = data_tables(s_before), data_tables(s_after)
        changed = sorted(n for n in d_before.keys() | d_after.keys() if d_before.get(n) != d_after.get(n))
        print(f"data tables and their indexes: before {mib(sum(d_before.values()))}, after "
              f"{mib(sum(d_after.values()))}; " + ("every one the same size" if not changed else
                                                     "changed: " + ", ".join(changed)))
        print(f"goal (issue 15): W1 file <= {GOAL_MIB['W1']} MiB; this file after: {mib(s_after[''])}; "
              f"the data tables alone: {mib(sum(d_after.values()))}")
        if entries:
            print(f"migration rate: {entries / up:,.0f} entries/s wall, {entries / up_cpu:,.0f} entries/s CPU "
                  f"(W2's 3M entries: ~{3_000_000 * up / entries:.0f} s at this wall rate, "
                  f"~{3_000_000 * up_cpu / entries:.0f} s of CPU)")
            print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} CPUs)")
    finally:
        if not args.out:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
