"""List pages under load: cold start, filter keystroke, memory — each next to its goal.

Run with the project's interpreter::

    /work/venv/bin/python bench/bench_ui.py            # W1 and W2 (built once, cached in bench/out/)
    /work/venv/bin/python bench/bench_ui.py --skip-w2  # W1 only

Databases: ``zsdesk --db FILE demo --units 10 --years 3 --scale 1`` (W1, 100k
visits) and ``--scale 10`` (W2, 1M visits; a few minutes). They are built into
``bench/out/`` the first time and reused after that (``--rebuild`` builds again).

Figures:
- cold start to a filled visits list: a fresh process imports the app, opens
  the workspace, builds the ``VisitsPage`` (with the window's ``TaskRunner``)
  and waits until the first page of rows is in the model; wall time from
  spawning it to that moment (and the child's CPU time, and when each step
  ended). Goal on W1: <= 0.5 s. Median of a few runs.
- window painted (W1): the whole program, ``python -m zsdesk --db W1``, from
  spawning it to its main window shown (it prints ``SHOWN_MESSAGE`` once the
  window is shown and the event loop has run). Goal: <= 0.3 s.
- one filter keystroke on W2: from setting the search text (the 150 ms typing
  pause skipped: it is a wait, not work) to the model holding its first page,
  next to the limit: the very SQL statements the list ran for that page (they
  are recorded as they run) replayed with ``sqlite3`` directly on a fresh
  connection. Goals: < 100 ms and <= 1.5x the limit.
- peak memory (ru_maxrss) of the process with W2 open in the visits page after
  the keystrokes, a count and a few pages of scrolling. Goal: < 300 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"
W1_ARGS = ["--units", "10", "--years", "3", "--scale", "1"]
W2_ARGS = ["--units", "10", "--years", "3", "--scale", "10"]
#: start to a filled visits list on W1, and to the main window painted (issue 15)
FILLED_GOAL_S = 0.5
PAINTED_GOAL_S = 0.3
KEY_GOAL_MS = 100.0
KEY_RATIO_GOAL = 1.5
MEMORY_GOAL_MB = 300
#: search texts typed on W2: pinyin initials and full pinyin of a company name
#: (few matches: the whole table is read), a common person name, a place
FILTERS = ("hwdz", "huawei", "张总", "深圳")
READY = "READY"
#: the limit of a keystroke: the first page of ids for a search text, in one plain
#: statement (run with sqlite3 on a warm connection): the rule the list follows
#: (company name/pinyin/initials, our staff, number, people, place), newest first
BARE_QUERY = """
SELECT id FROM visits
WHERE deleted = 0 AND (
      company_id IN (SELECT id FROM companies WHERE search_key LIKE :p)
   OR staff_id IN (SELECT id FROM staff WHERE name LIKE :p)
   OR number LIKE :p OR people LIKE :p OR place LIKE :p)
ORDER BY visit_date DESC, id DESC
LIMIT :limit
"""


# --- databases -------------------------------------------------------------------------------

def ensure_demo(path: Path, args: list[str], label: str, *, rebuild: bool) -> Path:
    """The demo database at ``path``, built when missing (or ``rebuild``)."""
    if path.exists() and not rebuild:
        return path
    building = path.with_name(path.name + ".building")
    for p in list(path.parent.glob(path.name + "*")):
        p.unlink()
    print(f"{label}: building {path} (zsdesk demo {' '.join(args)}) …", flush=True)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "zsdesk", "--db", str(building), "demo", *args],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{label} build failed:\n{proc.stderr[-2000:]}")
    con = sqlite3.connect(building)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{building}{suffix}").unlink(missing_ok=True)
    building.rename(path)
    print(f"{label}: built in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def live_visits(path: Path) -> int:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return con.execute("SELECT count(*) FROM visits WHERE NOT deleted").fetchone()[0]
    finally:
        con.close()


# --- child processes ----------------------------------------------------------------------------

def child_cold(db: str) -> None:
    """Import the app, open the workspace, build the visits page, wait for its first rows;
    print when each step ended (seconds since the interpreter started) after READY."""
    started = time.time() - _process_age()
    steps = {}
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from zsdesk.ui.app import prepare_application

    app = prepare_application()
    steps["Qt application"] = time.time()
    from zsdesk.services import open_workspace
    from zsdesk.ui.pages.visits import VisitsPage
    from zsdesk.ui.tasks import TaskRunner

    steps["imports"] = time.time()
    ws = open_workspace(db)
    steps["database opened"] = time.time()
    runner = TaskRunner()
    page = VisitsPage(ws, runner)
    page.resize(1360, 800)
    page.show()
    app.processEvents()
    steps["page shown"] = time.time()
    while page.model.rowCount() == 0 or page.model.loading:
        app.processEvents()
        time.sleep(0.001)
    steps["rows in"] = time.time()
    print(f"{READY} {page.model.rowCount()} " + json.dumps({k: round(v - started, 3) for k, v in steps.items()}),
          flush=True)
    os._exit(0)  # the figure is taken: skip tearing Qt down


def _process_age() -> float:
    """Seconds since this process started (Linux), 0 elsewhere."""
    try:
        with open("/proc/self/stat") as f:
            ticks = int(f.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime") as f:
            uptime = float(f.read().split()[0])
        return max(0.0, uptime - ticks / os.sysconf("SC_CLK_TCK"))
    except (OSError, ValueError, IndexError):
        return 0.0


def child_keystrokes(db: str, rounds: int) -> None:
    """Open W2 in the visits page, type each filter, replay its SQL with sqlite3;
    print the figures as JSON."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from zsdesk.ui.app import prepare_application

    app = prepare_application()
    from sqlalchemy import event

    from zsdesk.services import open_workspace
    from zsdesk.ui.pages.visits import VisitsPage
    from zsdesk.ui.tasks import TaskRunner

    ws = open_workspace(db)
    recorded: list[tuple[str, object]] = []
    recording = [False]

    @event.listens_for(ws.db.engine, "before_cursor_execute")
    def _record(_conn, _cursor, statement, parameters, _context, _many):
        if recording[0]:
            recorded.append((statement, parameters))

    runner = TaskRunner()
    page = VisitsPage(ws, runner)
    page.resize(1360, 800)
    page.show()

    def wait(predicate, timeout=120.0):
        end = time.perf_counter() + timeout
        while not predicate():
            if time.perf_counter() > end:
                raise SystemExit("timed out")
            app.processEvents()
            time.sleep(0.0002)

    warmed = []
    page.model.warmed.connect(lambda: warmed.append(time.perf_counter()))
    opened = time.perf_counter()
    wait(lambda: page.model.rowCount() > 0 and page.model.total is not None)
    wait(lambda: warmed)  # the search keys are read in the background after the first count
    figures = {"warm_up_s": round(warmed[0] - opened, 2), "rows": page.model.total, "filters": {}, "page_size": page.model.page_size}

    def keystroke(text: str) -> tuple[float, float]:
        """Seconds from setting the text to the model holding the first page, and
        to the count (which runs after it, in the background)."""
        if page.search.text() == text:
            return 0.0, 0.0  # nothing to do: the list shows it already
        got, counted = [], []

        def on_loaded():
            got.append(time.perf_counter())

        def on_counted(_n):
            counted.append(time.perf_counter())
        page.model.loaded.connect(on_loaded)
        page.model.counted.connect(on_counted)
        recorded.clear()
        recording[0] = True
        started = time.perf_counter()
        page.search.setText(text)
        page.apply_filters()  # what the typing pause's timer calls
        wait(lambda: got)
        recording[0] = False
        wait(lambda: counted)
        page.model.loaded.disconnect(on_loaded)
        page.model.counted.disconnect(on_counted)
        return got[0] - started, counted[0] - started

    con = sqlite3.connect(db, isolation_level=None)
    con.execute("SELECT count(*) FROM sqlite_master").fetchall()  # schema read: a warm connection

    def replay(statements) -> float:
        """Seconds the statements the list ran take with sqlite3 directly."""
        started = time.perf_counter()
        for sql, params in statements:
            con.execute(sql, tuple(params) if params else ()).fetchall()
        return time.perf_counter() - started

    def bare(text: str) -> float:
        """The limit: one plain statement giving the first page of ids for ``text``."""
        pattern = f"%{text}%"
        started = time.perf_counter()
        con.execute(BARE_QUERY, {"p": pattern, "limit": page.model.page_size}).fetchall()
        return time.perf_counter() - started

    for text in FILTERS:
        ours, counts, limits, sql = [], [], [], []
        for _ in range(rounds):
            keystroke("")  # back to the whole list, as between two searches
            first, counted = keystroke(text)
            ours.append(first)
            counts.append(counted)
            # the first page's statements (the count runs after it, in the background)
            statements = [(s, p) for s, p in recorded
                          if s.lstrip().upper().startswith("SELECT") and "count(" not in s[:40]]
            sql.append(replay(statements))
            limits.append(bare(text))
        figures["filters"][text] = {
            "ours_ms": [round(x * 1000, 1) for x in ours], "bare_ms": [round(x * 1000, 1) for x in limits],
            "sql_ms": [round(x * 1000, 1) for x in sql], "count_ms": [round(x * 1000, 1) for x in counts],
            "statements": len(statements), "first_page": page.model.rowCount(), "total": page.model.total,
        }
    con.close()

    # scroll: a few more pages of the whole list, then a count
    keystroke("")
    wait(lambda: page.model.total is not None)
    started = time.perf_counter()
    for _ in range(10):
        page.model.fetchMore()
        wait(lambda: not page.model.loading)
    figures["scroll_10_pages_ms"] = round((time.perf_counter() - started) * 1000, 1)
    figures["loaded_rows"] = page.model.rowCount()
    runner.shutdown(30000)
    figures["maxrss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    print(json.dumps(figures), flush=True)
    os._exit(0)


# --- screenshots ---------------------------------------------------------------------------------

SHOTS = Path(__file__).resolve().parent.parent / "docs" / "screenshots"


def screenshots(db: Path, out: Path) -> list[Path]:
    """Render the visits and projects lists on a demo database into
    ``out/list-visits.png`` and ``out/list-projects.png``. Run under a real X
    server (``xvfb-run -a -s "-screen 0 1400x900x24" python bench/bench_ui.py --screenshots``);
    the user's own settings are not touched."""
    import tempfile

    from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer

    from zsdesk.ui.app import prepare_application

    app = prepare_application()
    folder = tempfile.mkdtemp(prefix="zsdesk-shot-")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
    app.setOrganizationName("zsdesk-screenshot")
    from zsdesk.services import open_workspace
    from zsdesk.ui.pages.projects import ProjectsPage
    from zsdesk.ui.pages.visits import VisitsPage

    ws = open_workspace(db)
    saved = []
    for name, cls in (("list-visits.png", VisitsPage), ("list-projects.png", ProjectsPage)):
        page = cls(ws, None)
        page.resize(1360, 820)
        page.show()
        if cls is ProjectsPage:  # the lamps that need attention first
            page.view.horizontalHeader().setSortIndicator(page.model.column_of("light"),
                                                          Qt.SortOrder.AscendingOrder)
        page.view.selectRow(1)
        loop = QEventLoop()
        QTimer.singleShot(400, loop.quit)  # let the window manager and the first paint settle
        loop.exec()
        path = out / name
        if not page.grab().save(str(path)):
            raise SystemExit(f"could not save {path}")
        saved.append(path)
        page.close()
        page.deleteLater()
    ws.close()
    return saved


# --- the measurements -----------------------------------------------------------------------------

def cold_start(db: Path, runs: int) -> tuple[list[float], list[float], dict]:
    """Wall times to a filled visits list, the CPU time of each child, and the
    steps of the last run."""
    times, cpu, steps = [], [], {}
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, __file__, "--child-cold", str(db)], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=env)
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - started
        proc.wait()
        if not line.startswith(READY):
            raise SystemExit(f"cold start failed: {line!r}\n{proc.stderr.read()[-2000:]}")
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        times.append(elapsed)
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        steps = json.loads(line.split(" ", 2)[2])
    return times, cpu, steps


def window_shown(db: Path, runs: int) -> tuple[list[float], list[float]]:
    """The whole program (``python -m zsdesk --db``, its own settings in a fresh
    folder): wall time from spawning it to its main window shown (the window is
    shown and the event loop has run once: ``SHOWN_MESSAGE``), and its CPU time."""
    import tempfile

    from zsdesk.ui.app import QUIT_AFTER_ENV, SHOWN_MESSAGE

    times, cpu = [], []
    with tempfile.TemporaryDirectory(prefix="zsdesk-bench-home-") as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", QUIT_AFTER_ENV: "0", "HOME": home,
               "XDG_CONFIG_HOME": os.path.join(home, ".config"), "XDG_DATA_HOME": os.path.join(home, ".local")}
        for _ in range(runs + 1):  # the first run may migrate the database: not counted
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "zsdesk", "--db", str(db)], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, env=env, cwd=Path(__file__).parent.parent)
            line = ""
            while proc.stdout is not None:
                line = proc.stdout.readline()
                if not line or SHOWN_MESSAGE in line:
                    break
            elapsed = time.perf_counter() - started
            proc.wait()
            if SHOWN_MESSAGE not in line:
                raise SystemExit(f"the program did not show its window:\n{proc.stderr.read()[-2000:]}")
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            times.append(elapsed)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return times[1:], cpu[1:]


def keystrokes(db: Path, rounds: int) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run([sys.executable, __file__, "--child-keys", str(db), "--rounds", str(rounds)],
                          capture_output=True, text=True, env=env)
    lines = [x for x in proc.stdout.splitlines() if x.startswith("{")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"keystroke run failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(lines[-1])


def verdict(ok: bool) -> str:
    return "OK" if ok else "OVER GOAL"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--out", default=str(OUT), help="where the demo databases are kept (default bench/out)")
    p.add_argument("--skip-w2", action="store_true", help="only W1")
    p.add_argument("--rebuild", action="store_true", help="build the demo databases again")
    p.add_argument("--runs", type=int, default=5, help="cold starts per database (median counts)")
    p.add_argument("--rounds", type=int, default=5, help="keystrokes per filter (median counts)")
    p.add_argument("--screenshots", action="store_true",
                   help="save docs/screenshots/list-*.png from W1 instead (run under xvfb-run)")
    p.add_argument("--child-cold", metavar="DB", help=argparse.SUPPRESS)
    p.add_argument("--child-keys", metavar="DB", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.child_cold:
        child_cold(args.child_cold)
    if args.child_keys:
        child_keystrokes(args.child_keys, args.rounds)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.screenshots:
        w1 = ensure_demo(out / "w1.db", W1_ARGS, "W1", rebuild=args.rebuild)
        for path in screenshots(w1, SHOTS):
            print(f"saved {path}")
        os._exit(0)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"zsdesk list bench — {os.cpu_count()} cores (load average {load}), "
          f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version}")
    dbs = [("W1", ensure_demo(out / "w1.db", W1_ARGS, "W1", rebuild=args.rebuild))]
    if not args.skip_w2:
        dbs.append(("W2", ensure_demo(out / "w2.db", W2_ARGS, "W2", rebuild=args.rebuild)))

    ok = True
    for label, db in dbs:
        times, cpu, steps = cold_start(db, args.runs)
        median = statistics.median(times)
        goal = f" (goal <= {FILLED_GOAL_S:g} s) {verdict(median <= FILLED_GOAL_S)}" if label == "W1" else ""
        ok &= median <= FILLED_GOAL_S or label != "W1"
        print(f"{label} ({live_visits(db):,} visits) cold start to a filled visits list: "
              f"median {median:.2f} s{goal}; runs {', '.join(f'{t:.2f}' for t in times)}; "
              f"CPU {statistics.median(cpu):.2f} s")
        print("  steps of the last run (s since the process started): "
              + ", ".join(f"{k} {v:.2f}" for k, v in steps.items()))
        if label == "W1":
            shown, shown_cpu = window_shown(db, args.runs)
            median = statistics.median(shown)
            ok &= median <= PAINTED_GOAL_S
            print(f"{label} the program (python -m zsdesk) to its main window shown: median {median:.2f} s "
                  f"(goal <= {PAINTED_GOAL_S:g} s) {verdict(median <= PAINTED_GOAL_S)}; "
                  f"runs {', '.join(f'{t:.2f}' for t in shown)}; CPU {statistics.median(shown_cpu):.2f} s")

    if not args.skip_w2:
        db = dict(dbs)["W2"]
        figures = keystrokes(db, args.rounds)
        print(f"W2 filter keystroke: setting the text -> first page ({figures['page_size']} rows) in the "
              f"model, median of {args.rounds}, the 150 ms typing pause not counted.")
        print(f"  limit = one plain statement for the same filter with sqlite3 (BARE_QUERY); "
              f"goals < {KEY_GOAL_MS:g} ms and <= {KEY_RATIO_GOAL:g}x the limit")
        for text, f in figures["filters"].items():
            ours, bare = statistics.median(f["ours_ms"]), statistics.median(f["bare_ms"])
            ratio = ours / bare if bare else float("inf")
            good = ours < KEY_GOAL_MS and ratio <= KEY_RATIO_GOAL
            ok &= good
            print(f"  {text!r:9} {ours:6.1f} ms, limit {bare:6.1f} ms, ratio {ratio:4.2f}x {verdict(good):9} "
                  f"| our {f['statements']} statements alone {statistics.median(f['sql_ms']):6.1f} ms "
                  f"| {f['total']:>7,} matches, counted after {statistics.median(f['count_ms']):6.0f} ms")
        print(f"W2 search keys read in the background {figures['warm_up_s']:.1f} s after the list opened "
              f"(a search before that reads the tables instead)")
        print(f"W2 scrolling: 10 more pages of the whole list in {figures['scroll_10_pages_ms']:.0f} ms "
              f"({figures['loaded_rows']:,} rows loaded)")
        good = figures["maxrss_mb"] < MEMORY_GOAL_MB
        ok &= good
        print(f"W2 peak memory (ru_maxrss) with the visits list open: {figures['maxrss_mb']:.0f} MB "
              f"(goal < {MEMORY_GOAL_MB} MB) {verdict(good)}")
    print("all goals met" if ok else "some goals not met (see above)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
