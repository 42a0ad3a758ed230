"""Smoke test of a built zsdesk, run from the bundle (never the source tree).

Every program start gets a clean environment: a fresh HOME (so the user data
folder, settings and caches are empty and private to the test), PATH of the
system only, no PYTHONPATH, no ZSDESK_* variable, a UTF-8 locale, and a working
folder outside the repository.

Checks (each prints one line, a failure raises ``SmokeFailed`` with the output):
  version     ``zsdesk --version`` says the package's version
  layout      the bundle holds every file layout.py declares, the .qm is current
  demo        ``zsdesk --db T/demo.db demo --scale 0.01``
  backup      ``zsdesk backup --out FILE``: a copy with the demo's rows
  gui         the window comes up offscreen in English (the bundled .qm) and quits itself
  gui-xcb     the same under Xvfb with Qt's X11 plugin (when xvfb-run is installed)
  brief       ``zsdesk brief … --out x.pdf``: a PDF with the CJK font embedded (pdffonts)
  zsync       ``zsdesk FILE.zsync``: the double-click path starts the window on the sync page
  upgrade     a database of release 0001_initial opens in the window: migrated, backed up, data kept
  portable    a ``portable`` file beside the program keeps database and settings beside it
and ``timings()`` measures starts (median of 3; cold, the file cache emptied
before each, when run as root on Linux) of the bundle and of the source.

Run alone: ``python installers/smoke.py DIR`` (DIR: the bundle folder, e.g.
installers/dist/zsdesk or /opt/zsdesk).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

import layout  # noqa: E402

SHOWN = "zsdesk: main window shown"
WINDOWS = sys.platform == "win32"
#: what the GUI must never print (a crash, or the English UI silently missing)
BAD_STDERR = ("Traceback (most recent call last)", "the interface stays in Chinese",
              "cannot load the bundled font", "Could not find the Qt platform plugin",
              "Could not load the Qt platform plugin")


class SmokeFailed(Exception):
    pass


@dataclass
class Result:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    shown_after: float | None = None  # seconds until "main window shown"


def version_of_source() -> str:
    sys.path.insert(0, str(REPO))
    import zsdesk

    return zsdesk.__version__


# --- starting a program in a clean environment ---------------------------------------------------

def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """A minimal environment: the system's PATH, a private HOME, a UTF-8 locale."""
    home.mkdir(parents=True, exist_ok=True)
    runtime = home / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = {"HOME": str(home), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
           "XDG_CONFIG_HOME": str(home / ".config"), "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_CACHE_HOME": str(home / ".cache"), "XDG_RUNTIME_DIR": str(runtime)}
    if WINDOWS:
        for key in ("SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT", "NUMBER_OF_PROCESSORS", "PROCESSOR_ARCHITECTURE"):
            if key in os.environ:
                env[key] = os.environ[key]
        env["PATH"] = os.environ.get("SYSTEMROOT", r"C:\Windows") + r"\System32"
        env.update(USERPROFILE=str(home), APPDATA=str(home / "AppData" / "Roaming"),
                   LOCALAPPDATA=str(home / "AppData" / "Local"), TEMP=str(home / "tmp"), TMP=str(home / "tmp"))
        (home / "tmp").mkdir(exist_ok=True)
    else:
        env["PATH"] = "/usr/local/bin:/usr/bin:/bin"
    env.update(extra)
    return env


def run(cmd: list[str], env: dict[str, str], cwd: Path, *, timeout: float = 120,
        until_shown: bool = False) -> Result:
    """Run ``cmd``; with ``until_shown`` also note when it printed the shown line.
    A program still running after ``timeout`` is killed (its whole process group:
    xvfb-run leaves an X server otherwise) and counts as a failure."""
    started = time.perf_counter()
    popen_kw = {"start_new_session": True} if not WINDOWS else {}
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace",
                            **popen_kw)
    lines: queue.Queue = queue.Queue()
    out: list[str] = []
    err: list[str] = []

    def pump(stream, sink, tag):
        for line in stream:
            sink.append(line)
            lines.put((tag, line, time.perf_counter()))
        stream.close()

    threads = [threading.Thread(target=pump, args=(proc.stdout, out, "out"), daemon=True),
               threading.Thread(target=pump, args=(proc.stderr, err, "err"), daemon=True)]
    for t in threads:
        t.start()
    shown_after = None
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(proc)
        raise SmokeFailed(f"still running after {timeout:.0f} s, killed: {' '.join(cmd)}\n"
                          f"stdout: {''.join(out)[-2000:]}\nstderr: {''.join(err)[-2000:]}") from None
    for t in threads:
        t.join(timeout=10)
    seconds = time.perf_counter() - started
    if until_shown:
        while not lines.empty():
            tag, line, at = lines.get()
            if tag == "out" and line.strip() == SHOWN and shown_after is None:
                shown_after = at - started
    return Result(proc.returncode, "".join(out), "".join(err), seconds, shown_after)


def _kill(proc: subprocess.Popen) -> None:
    try:
        if WINDOWS:
            proc.kill()
        else:
            os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait(timeout=10)


# --- a database of an older release -------------------------------------------------------------

OLD_SITE, OLD_SEED, OLD_UNIT = (str(uuid.UUID(int=n)) for n in (0x51, 0x5EED, 0x0A))
OLD_COMPANIES = {str(uuid.UUID(int=0xC1)): ("TX-U01-C2025-0001", "华为技术有限公司", "华为技术"),
                 str(uuid.UUID(int=0xC2)): ("TX-U01-C2025-0002", "江苏扬子江药业集团有限公司", "扬子江药业")}


def make_release_1_database(path: Path) -> None:
    """A county's database as release 0001_initial wrote it (the schema by
    Alembic from this checkout, the rows with plain SQL, as tests/test_migrations.py
    does), to see the built program migrate it."""
    sys.path.insert(0, str(REPO))
    from alembic import command
    from sqlalchemy import text

    from zsdesk.db.engine import Database, alembic_config

    db = Database(f"sqlite:///{path}", migrate=False)
    try:
        command.upgrade(alembic_config(db), "0001_initial")
        hlc = 1_764_554_400_000 << 16
        with db.engine.begin() as conn:
            def sql(statement, **params):
                conn.execute(text(statement), params)

            for key, value in {"site_id": OLD_SITE, "site_code": "TX-U01", "site_name": "泰兴高新区招商单元",
                               "role": "county", "private_key": "AAAA", "counter": "2",
                               "hlc": str(hlc + 1)}.items():
                sql("INSERT INTO local_state (key, value) VALUES (:k, :v)", k=key, v=value)
            sql("INSERT INTO sites (id, code, name, role, owner_site_id, deleted) "
                "VALUES (:i, 'SEED', '内置目录', 'city', :i, :f)", i=OLD_SEED, f=False)
            sql("INSERT INTO sites (id, code, name, role, owner_site_id, deleted) "
                "VALUES (:i, 'TX-U01', '泰兴高新区招商单元', 'county', :i, :f)", i=OLD_SITE, f=False)
            sql("INSERT INTO units (id, code, name, site_id, active, sort_order, owner_site_id, deleted) "
                "VALUES (:i, 'TX-U01', '泰兴高新区招商单元', :s, :t, 0, :s, :f)",
                i=OLD_UNIT, s=OLD_SITE, t=True, f=False)
            for n, (cid, (number, name, norm)) in enumerate(OLD_COMPANIES.items(), start=1):
                sql("INSERT INTO companies (id, number, name, name_norm, owner_site_id, deleted) "
                    "VALUES (:i, :n, :name, :norm, :s, :f)", i=cid, n=number, name=name, norm=norm,
                    s=OLD_SITE, f=False)
                sql("INSERT INTO change_log (origin_site_id, counter, hlc, tbl, row_id, op, data, actor, "
                    "source, recorded_at) VALUES (:s, :n, :h, 'companies', :r, 'I', :data, '张三', 'local', "
                    "'2025-12-01T02:00:00.000000+00:00')", s=OLD_SITE, n=n, h=hlc + n - 1, r=cid,
                    data=json.dumps({"number": number, "name": name}, ensure_ascii=False))
    finally:
        db.close()


# --- the checks ------------------------------------------------------------------------------------

class Smoke:
    """The smoke test of one bundle folder."""

    def __init__(self, folder: Path, *, version: str, label: str = "", verbose: bool = False,
                 xvfb: bool = True):
        self.folder = folder.resolve()
        self.program = self.folder / layout.executable(WINDOWS)
        self.version = version
        self.label = label or str(folder)
        self.verbose = verbose
        self.xvfb = xvfb
        self.work = Path(tempfile.mkdtemp(prefix="zsdesk-smoke-"))
        self.cwd = self.work / "cwd"
        self.cwd.mkdir()
        self.demo_db = self.work / "demo.db"
        self.passed: list[str] = []
        self.skipped: list[str] = []

    # helpers
    def env(self, name: str, **extra: str) -> dict[str, str]:
        return clean_env(self.work / "home" / name, **extra)

    def zsdesk(self, *args: str, env: dict[str, str], gui: bool = False, timeout: float = 120) -> Result:
        return run([str(self.program), *args], env, self.cwd, timeout=timeout, until_shown=gui)

    def gui_env(self, name: str, quit_ms: int = 1500, **extra: str) -> dict[str, str]:
        return self.env(name, QT_QPA_PLATFORM="offscreen", ZSDESK_QUIT_AFTER_MS=str(quit_ms), **extra)

    @staticmethod
    def expect(ok: bool, what: str, result: Result | None = None) -> None:
        if not ok:
            detail = ""
            if result is not None:
                detail = (f"\n  exit code {result.returncode}\n  stdout: {result.stdout[-3000:]}"
                          f"\n  stderr: {result.stderr[-3000:]}")
            raise SmokeFailed(what + detail)

    def expect_window(self, result: Result, what: str) -> None:
        self.expect(result.returncode == 0 and SHOWN in result.stdout.splitlines(),
                    f"{what}: the window did not come up and quit with 0", result)
        bad = [b for b in BAD_STDERR if b in result.stderr]
        self.expect(not bad, f"{what}: the program said {bad}", result)

    def check(self, name: str, func) -> None:
        started = time.perf_counter()
        note = func()
        if note and note.startswith("skipped"):
            self.skipped.append(name)
            print(f"  skip  {name:<9} {note[len('skipped'):].strip(' :')}", flush=True)
            return
        self.passed.append(name)
        print(f"  ok    {name:<9} {time.perf_counter() - started:5.1f} s  {note or ''}", flush=True)

    def run_all(self) -> None:
        print(f"smoke test of {self.label} ({self.program})", flush=True)
        self.expect(self.program.is_file(), f"no program at {self.program}")
        try:
            for name in ("version", "layout", "demo", "backup", "gui", "gui_xcb", "brief", "zsync",
                         "upgrade", "portable"):
                self.check(name.replace("_", "-"), getattr(self, f"check_{name}"))
        finally:
            shutil.rmtree(self.work, ignore_errors=True)

    # the checks
    def check_version(self) -> str:
        r = self.zsdesk("--version", env=self.env("version"))
        self.expect(r.returncode == 0 and r.stdout.strip() == f"zsdesk {self.version}",
                    f"--version should print 'zsdesk {self.version}'", r)
        return r.stdout.strip()

    def check_layout(self) -> str:
        missing = sorted(p for p in layout.declared_files(windows=WINDOWS) if not (self.folder / p).exists())
        self.expect(not missing, f"missing from the bundle: {missing}")
        translations = self.folder / layout.CONTENTS / "resources" / "translations"
        for lang in layout.APP_TRANSLATIONS:
            qm, ts = translations / f"zsdesk_{lang}.qm", translations / f"zsdesk_{lang}.ts"
            self.expect(qm.stat().st_mtime >= ts.stat().st_mtime, f"{qm} is older than {ts}: it would be ignored")
        contents = self.folder / layout.CONTENTS
        import fnmatch

        stray = sorted(str(p.relative_to(self.folder)) for p in contents.rglob("*")
                       if any(fnmatch.fnmatch(p.name, pat) for pat in layout.FORBIDDEN_QT_LIBS))
        self.expect(not stray, f"Qt libraries the app does not use are in the bundle: {stray}")
        return f"{len(layout.declared_files(windows=WINDOWS))} declared files present"

    def check_demo(self) -> str:
        r = self.zsdesk("--db", str(self.demo_db), "demo", "--scale", "0.01", env=self.env("demo"))
        self.expect(r.returncode == 0 and self.demo_db.is_file(), "demo data was not generated", r)
        return r.stdout.strip().splitlines()[-1][:60] if r.stdout.strip() else ""

    def check_backup(self) -> str:
        copy = self.work / "backup" / "zsdesk-backup.db"
        r = self.zsdesk("--db", str(self.demo_db), "backup", "--out", str(copy), env=self.env("backup"))
        self.expect(r.returncode == 0 and copy.is_file(), "zsdesk backup --out wrote nothing", r)
        con = sqlite3.connect(copy)
        try:
            visits = con.execute("SELECT count(*) FROM visits").fetchone()[0]
        finally:
            con.close()
        self.expect(visits > 0, "the backup holds no visits")
        return f"{visits} visits in the copy"

    def check_gui(self) -> str:
        env = self.gui_env("gui")
        # the English interface: the .qm compiled at build time must load from the bundle
        config = Path(env["XDG_CONFIG_HOME"]) / "zsdesk"
        config.mkdir(parents=True, exist_ok=True)
        (config / "zsdesk.conf").write_text("[ui]\nlanguage=en\n", encoding="utf-8")
        if WINDOWS:  # QSettings lives in the registry there; the Chinese UI is checked instead
            shutil.rmtree(config)
        r = self.zsdesk("--db", str(self.demo_db), env=env, gui=True)
        self.expect_window(r, "offscreen window")
        return f"window after {r.shown_after:.2f} s"

    def check_gui_xcb(self) -> str:
        xvfb = shutil.which("xvfb-run")
        if not self.xvfb:
            return "skipped: done once, on the bundle"
        if WINDOWS or xvfb is None:
            return "skipped: no xvfb-run (X11 window not tried)"
        env = self.env("xcb", QT_QPA_PLATFORM="xcb", ZSDESK_QUIT_AFTER_MS="1000")
        r = run([xvfb, "-a", "-s", "-screen 0 1366x900x24", str(self.program), "--db", str(self.demo_db)],
                env, self.cwd, timeout=120, until_shown=True)
        self.expect_window(r, "X11 window (xvfb)")
        return f"window after {r.shown_after:.2f} s"

    def check_brief(self) -> str:
        pdf = self.work / "brief.pdf"
        r = self.zsdesk("--db", str(self.demo_db), "brief", "--period", "2026-10", "--out", str(pdf),
                        env=self.env("brief"))
        self.expect(r.returncode == 0 and pdf.is_file(), "no brief written", r)
        self.expect(pdf.read_bytes()[:5] == b"%PDF-", f"{pdf} is not a PDF")
        pdffonts = shutil.which("pdffonts")
        if pdffonts is None:
            return f"{pdf.stat().st_size // 1024} KiB (pdffonts not installed: fonts not checked)"
        fonts = subprocess.run([pdffonts, str(pdf)], capture_output=True, text=True, check=False).stdout
        embedded = [line for line in fonts.splitlines()[2:]
                    if ("WenQuanYi" in line or "UMingCN" in line) and line.split()[-5:-4] == ["yes"]]
        faces = {face for face in ("WenQuanYi", "UMingCN") if any(face in line for line in embedded)}
        self.expect(faces == {"WenQuanYi", "UMingCN"},
                    f"the CJK fonts (WenQuanYi for tables, UMing for text) are not embedded in the brief:\n{fonts}")
        return f"{pdf.stat().st_size // 1024} KiB, {', '.join(sorted({e.split()[0] for e in embedded}))} embedded"

    def check_zsync(self) -> str:
        # Not a real package: the check is that the double-click path (a positional file,
        # no command) starts the window on it; the sync page reports the bad file itself.
        file = self.work / "TX-U01-CITY-000001.zsync"
        file.write_bytes(b"ZSYNC-SEALED-1\nnot a real package")
        r = self.zsdesk("--db", str(self.demo_db), str(file), env=self.gui_env("zsync"), gui=True)
        self.expect_window(r, "zsdesk FILE.zsync")
        return "window started on the file (its sync page previews it)"

    def check_upgrade(self) -> str:
        old = self.work / "upgrade" / "old.db"
        old.parent.mkdir()
        try:
            make_release_1_database(old)
        except ImportError as exc:
            return f"skipped: cannot make an old database without the source's alembic ({exc})"
        r = self.zsdesk("--db", str(old), env=self.gui_env("upgrade"), gui=True)
        self.expect_window(r, "window on a release-1 database")
        backups = sorted((old.parent / "backups").glob("old-*-before-migrate-0001_initial.db"))
        self.expect(len(backups) == 1, f"no backup before migrating: {list(old.parent.rglob('*'))}")
        con = sqlite3.connect(old)
        try:
            revision = con.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            names = {row[0]: row[1] for row in con.execute("SELECT id, name FROM companies")}
        finally:
            con.close()
        head = _head_revision()
        self.expect(head is None or revision == head, f"the database is at {revision}, not {head}")
        self.expect(names == {cid: v[1] for cid, v in OLD_COMPANIES.items()}, f"companies changed: {names}")
        saved = sqlite3.connect(backups[0])
        try:
            self.expect(saved.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial",
                        "the backup is not the old database")
        finally:
            saved.close()
        return f"0001_initial -> {revision}, backup {backups[0].name}"

    def check_portable(self) -> str:
        marker = self.folder / "portable"
        made = [marker, self.folder / "zsdesk.db", self.folder / "zsdesk.db-wal", self.folder / "zsdesk.db-shm",
                self.folder / "backups", self.folder / "settings", self.folder / "attachments"]
        if any(p.exists() for p in made):
            return "skipped: the bundle folder already holds portable data"
        if not os.access(self.folder, os.W_OK):
            return "skipped: the bundle folder is not writable"
        try:
            marker.touch()
            env = self.env("portable")
            r = self.zsdesk("demo", "--scale", "0.01", env=env)
            self.expect(r.returncode == 0 and (self.folder / "zsdesk.db").is_file(),
                        "portable: the database is not beside the program", r)
            genv = dict(env, QT_QPA_PLATFORM="offscreen", ZSDESK_QUIT_AFTER_MS="500")
            r = self.zsdesk(env=genv, gui=True)
            self.expect_window(r, "portable window")
            ini = sorted((self.folder / "settings").rglob("*.ini"))
            self.expect(bool(ini), "portable: no settings file in <program>/settings", r)
            home = Path(env["HOME"])
            leaked = [str(p) for p in home.rglob("*") if "zsdesk" in p.name.lower()]
            self.expect(not leaked, f"portable: files written to the home folder: {leaked}")
            return f"database and {ini[0].relative_to(self.folder)} beside the program"
        finally:
            for p in made:
                if p.is_dir():
                    shutil.rmtree(p, ignore_errors=True)
                else:
                    p.unlink(missing_ok=True)


def _head_revision() -> str | None:
    try:
        sys.path.insert(0, str(REPO))
        from zsdesk.db.engine import HEAD_REVISION

        return HEAD_REVISION
    except ImportError:
        return None


# --- timings -----------------------------------------------------------------------------------------

DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def can_drop_caches() -> bool:
    return not WINDOWS and os.access(DROP_CACHES, os.W_OK)


def drop_caches() -> None:
    """Empty the kernel's file cache (root on Linux), so the next start reads the
    program from disk: a cold start."""
    os.sync()
    DROP_CACHES.write_text("3\n")


def timings(folder: Path | None, python: str = sys.executable, rounds: int = 3,
            cold: bool | None = None) -> dict:
    """Median (of ``rounds``) seconds to ``--version`` and to the window shown, of
    the bundle in ``folder`` and of the source (``python -m zsdesk``). Cold starts
    (the file cache emptied before each) when this process may do that (root on
    Linux), else warm ones; ``out["cold"]`` says which."""
    cold = can_drop_caches() if cold is None else cold
    work = Path(tempfile.mkdtemp(prefix="zsdesk-timing-"))
    try:
        cwd = work / "cwd"
        cwd.mkdir()
        db = work / "demo.db"
        commands = {}
        if folder is not None:
            commands["bundle"] = [str(folder / layout.executable(WINDOWS))]
        commands["source"] = [python, "-m", "zsdesk"]
        first = next(iter(commands.values()))
        r = run([*first, "--db", str(db), "demo", "--scale", "0.01"], clean_env(work / "home"), cwd)
        if r.returncode != 0:
            raise SmokeFailed(f"timing: demo data failed\n{r.stderr[-2000:]}")
        samples = {name: {"version": [], "window": []} for name in commands}
        for i in range(rounds):
            for name, cmd in commands.items():  # alternate, so both see the same machine
                env = clean_env(work / "home" / f"{name}{i}")
                if cold:
                    drop_caches()
                r = run([*cmd, "--version"], env, cwd)
                if r.returncode != 0:
                    raise SmokeFailed(f"timing: {name} --version failed\n{r.stderr[-2000:]}")
                samples[name]["version"].append(r.seconds)
                if cold:
                    drop_caches()
                genv = dict(env, QT_QPA_PLATFORM="offscreen", ZSDESK_QUIT_AFTER_MS="0")
                r = run([*cmd, "--db", str(db)], genv, cwd, until_shown=True)
                if r.returncode != 0 or r.shown_after is None:
                    raise SmokeFailed(f"timing: {name} window failed\n{r.stdout[-1000:]}\n{r.stderr[-2000:]}")
                samples[name]["window"].append(r.shown_after)
        out: dict = {name: {what: statistics.median(v) for what, v in row.items()}
                     for name, row in samples.items()}
        out["cold"] = cold
        return out
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("folder", type=Path, help="the bundle folder (holds the zsdesk program)")
    p.add_argument("--no-timings", action="store_true")
    args = p.parse_args(argv)
    try:
        Smoke(args.folder, version=version_of_source()).run_all()
        if not args.no_timings:
            print_timings(timings(args.folder))
    except SmokeFailed as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    return 0


def print_timings(t: dict) -> None:
    kind = ("cold: the file cache emptied before each start" if t.get("cold")
            else "warm: not root, the file cache could not be emptied")
    print(f"start times, median of 3, offscreen ({kind}):", flush=True)
    print(f"  {'':8} {'--version':>10} {'window shown':>13}")
    for name, row in t.items():
        if name == "cold":
            continue
        label = "the built program" if name == "bundle" else "python -m zsdesk in this Python"
        print(f"  {name:8} {row['version']:9.2f}s {row['window']:12.2f}s   {label}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
