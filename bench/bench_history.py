"""The change log's share of a database file, before and after the compact history
(issue 15, migration 0011).

Run with the project's interpreter::

    .venv/bin/python bench/bench_history.py                     # W1: 10 units, 3 years, scale 1
    .venv/bin/python bench/bench_history.py --scale 0.2         # quicker
    .venv/bin/python bench/bench_history.py --db some.db        # an existing database (copied, not changed)
    .venv/bin/python bench/bench_history.py --out /tmp/zs-hist  # keep the databases

Figures, from SQLite's ``dbstat`` table (``SELECT name, SUM(pgsize) FROM dbstat
GROUP BY name``) after ``VACUUM``, so each file holds only its pages:
- before: the database as release 0010 stores it (the demo database taken back to
  0010 by the migration's downgrade: the log's JSON with spaces, the index on
  ``recorded_at``);
- after: the same database brought to 0011 by the migration (the time of the
  migration itself is printed, the backup before it not included);
- written now: the demo database as this version writes it (should equal "after").
For each: the file, the change log, each of its indexes and their share of the
file, and the ratio after / before.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BEFORE, AFTER = "0010_events_chains", "0011_compact_history"
LOG_NAMES = ("change_log", "sqlite_autoindex_change_log_1", "ix_change_row", "ix_change_recorded")


def mib(n: float) -> str:
    return f"{n / 2**20:.1f} MiB"


def sizes(path: Path) -> dict[str, int]:
    """{name: bytes} of every table and index, and "" for the whole file, after VACUUM."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("VACUUM")
        out = {name: size for name, size in con.execute("SELECT name, SUM(pgsize) FROM dbstat GROUP BY name")}
    finally:
        con.close()
    out[""] = path.stat().st_size
    return out


def migrate(path: Path, revision: str, *, down: bool = False) -> float:
    """Alembic to ``revision`` on ``path`` (no backup: the bench's own copy); seconds taken."""
    from alembic import command

    from zsdesk.db.engine import Database, alembic_config

    db = Database(f"sqlite:///{path}", migrate=False)
    try:
        started = time.perf_counter()
        (command.downgrade if down else command.upgrade)(alembic_config(db), revision)
        return time.perf_counter() - started
    finally:
        db.engine.dispose()


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
    args = p.parse_args(argv)
    folder = args.out or Path(tempfile.mkdtemp(prefix="zsdesk-history-"))
    folder.mkdir(parents=True, exist_ok=True)
    now = folder / "written-now.db"
    try:
        if args.db:
            shutil.copy(args.db, now)
            migrate(now, "head")
            print(f"database: {args.db}")
        else:
            started = time.perf_counter()
            subprocess.run([sys.executable, "-m", "zsdesk", "--db", str(now), "demo", "--units", str(args.units),
                            "--years", str(args.years), "--scale", str(args.scale)],
                           check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"demo database: --units {args.units} --years {args.years} --scale {args.scale} "
                  f"({time.perf_counter() - started:.0f} s)")
        con = sqlite3.connect(now)
        entries = con.execute("SELECT count(*) FROM change_log").fetchone()[0]
        con.close()
        print(f"change log entries: {entries:,}")
        before, after = folder / "before-0010.db", folder / "after-0011.db"
        shutil.copy(now, before)
        down = migrate(before, BEFORE, down=True)
        shutil.copy(before, after)
        up = migrate(after, AFTER)
        s_before, s_after, s_now = sizes(before), sizes(after), sizes(now)
        show("before (0010)", s_before)
        show(f"after (0011, migration {up:.1f} s; downgrade {down:.1f} s)", s_after)
        show("written now", s_now)
        log_b = sum(s_before.get(n, 0) for n in LOG_NAMES)
        log_a = sum(s_after.get(n, 0) for n in LOG_NAMES)
        print(f"file: before {mib(s_before[''])}, after {mib(s_after[''])}, ratio {s_after[''] / s_before['']:.3f}")
        print(f"change log and indexes: before {mib(log_b)}, after {mib(log_a)}, ratio {log_a / log_b:.3f}")
    finally:
        if not args.out:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
