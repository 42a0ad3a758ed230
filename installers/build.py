"""Build zsdesk's installable programs and prove the built program starts.

    python installers/build.py                  # bundle + .deb, smoke tests, timings
    python installers/build.py --skip-deb       # bundle only (Windows: always)
    python installers/build.py --smoke-only DIR # no build: smoke-test the bundle in DIR
                                                #   (e.g. installers/dist/zsdesk or /opt/zsdesk)

Steps:
1. PyInstaller, one folder, from installers/zsdesk.spec: installers/dist/zsdesk/
   (work files in installers/build/; dist/version.iss for Inno Setup).
2. The smoke test of installers/smoke.py, run from the bundle with a clean
   environment and a working folder outside the repository.
3. Linux: installers/dist/zsdesk_<version>_<arch>.deb (installers/deb.py); its
   .desktop entry validated; the package unpacked with ``dpkg -x`` into a scratch
   root and the same smoke test run from <root>/opt/zsdesk. As root on Debian,
   when no zsdesk package is installed and its Depends are: a real ``dpkg -i``,
   the installed /usr/bin/zsdesk started on a user's database, ``dpkg -i`` again
   (the upgrade path), then ``dpkg -r``; users' data (~/.local/share/zsdesk) must
   come through untouched (--no-install skips this).
4. Windows: with Inno Setup's ISCC on PATH, installers/windows/zsdesk.iss is
   compiled into installers/dist/ (else the command to run is printed).
5. The bundle size, and start times (median of 3: ``--version``, and the window
   shown offscreen) of the bundle and of the source (``python -m zsdesk`` with this
   Python); cold starts, the file cache emptied before each, when run as root.

Exit code 0 when everything passed, 1 when a build step or a check failed,
2 when PyInstaller is missing (``pip install -e '.[build]'``).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DIST = HERE / "dist"
WORK = HERE / "build"
sys.path.insert(0, str(HERE))

import layout  # noqa: E402
import smoke  # noqa: E402

WINDOWS = sys.platform == "win32"


def say(text: str = "") -> None:
    print(text, flush=True)


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def mib(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MiB"


class Steps:
    """Times each step for the summary: ``with steps("name"): …``."""

    def __init__(self):
        self.done: list[tuple[str, float]] = []

    @contextlib.contextmanager
    def __call__(self, name: str):
        say(f"\n== {name}")
        started = time.perf_counter()
        try:
            yield
        finally:
            self.done.append((name, time.perf_counter() - started))


# --- building --------------------------------------------------------------------------------------

def build_bundle() -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        say("PyInstaller is not installed in this Python: pip install -e '.[build]'")
        raise SystemExit(2) from None
    bundle = DIST / layout.APP
    if bundle.exists():
        shutil.rmtree(bundle)
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
           "--distpath", str(DIST), "--workpath", str(WORK), str(HERE / "zsdesk.spec")]
    say("  " + " ".join(cmd))
    subprocess.run(cmd, check=True, cwd=REPO)
    program = bundle / layout.executable(WINDOWS)
    if not program.is_file():
        raise smoke.SmokeFailed(f"PyInstaller finished but {program} is missing")
    return bundle


def check_desktop_entry(root: Path) -> None:
    desktop = root / "usr/share/applications/zsdesk.desktop"
    validator = shutil.which("desktop-file-validate")
    if validator:
        done = subprocess.run([validator, str(desktop)], capture_output=True, text=True, check=False)
        if done.returncode != 0 or done.stdout.strip():
            raise smoke.SmokeFailed(f"desktop-file-validate: {done.stdout}{done.stderr}")
        say("  ok    .desktop entry valid (desktop-file-validate)")
    else:
        say("  skip  desktop-file-validate not installed")
    import xml.etree.ElementTree as ET

    ET.parse(root / "usr/share/mime/packages/zsdesk.xml")
    launcher = (root / "usr/bin/zsdesk").read_text(encoding="utf-8")
    if 'exec /opt/zsdesk/zsdesk "$@"' not in launcher or not os.access(root / "usr/bin/zsdesk", os.X_OK):
        raise smoke.SmokeFailed("/usr/bin/zsdesk does not exec /opt/zsdesk/zsdesk")
    say("  ok    launcher, MIME type and icon in place")


def _installed(package: str) -> bool:
    done = subprocess.run(["dpkg-query", "-W", "-f=${Status}", package], capture_output=True, text=True,
                          check=False)
    return "install ok installed" in done.stdout


def _snapshot(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def real_install(deb_file: Path, demo_db: Path | None) -> str:
    """``dpkg -i``, start the installed program, ``dpkg -r``; users' data must survive."""
    import deb

    if WINDOWS or os.geteuid() != 0 or not Path("/etc/debian_version").exists():
        return "skipped: not root on Debian"
    if _installed(deb.PACKAGE):
        return "skipped: a zsdesk package is already installed here (left alone)"
    wanted = [d.split()[0] for d in deb.fields(deb_file)["Depends"].split(", ")]
    missing = [d for d in wanted if not _installed(d)]
    if missing:
        return f"skipped: Depends not installed here ({', '.join(missing)})"
    scratch = Path(tempfile.mkdtemp(prefix="zsdesk-dpkg-"))
    try:
        # a user's data, in a home the maintainer scripts would see as $HOME
        home = scratch / "home"
        data = home / ".local/share/zsdesk"
        data.mkdir(parents=True)
        if demo_db is not None and demo_db.exists():
            shutil.copyfile(demo_db, data / "zsdesk.db")
        (data / "backups").mkdir()
        (data / "backups" / "note.txt").write_text("a user's file\n", encoding="utf-8")
        real_home = Path.home() / ".local/share/zsdesk"
        before, real_before = _snapshot(data), _snapshot(real_home)
        env = dict(os.environ, HOME=str(home), DEBIAN_FRONTEND="noninteractive")
        removed = None
        try:
            subprocess.run(["dpkg", "-i", str(deb_file)], check=True, env=env, stdout=subprocess.DEVNULL)
            r = smoke.run(["/usr/bin/zsdesk", "--version"], smoke.clean_env(scratch / "h2"), scratch)
            if r.returncode != 0 or not r.stdout.startswith("zsdesk "):
                raise smoke.SmokeFailed(f"installed /usr/bin/zsdesk --version failed: {r.stderr}")
            mime = Path("/usr/share/mime/application/x-zsdesk-sync.xml")
            if _installed("shared-mime-info") and not mime.exists():
                raise smoke.SmokeFailed(f"after dpkg -i, {mime} is missing: the MIME type did not register")
            env_r = smoke.clean_env(scratch / "h3", QT_QPA_PLATFORM="offscreen", ZSDESK_QUIT_AFTER_MS="300")
            env_r.update(HOME=str(home), XDG_DATA_HOME=str(home / ".local/share"))
            r = smoke.run(["/usr/bin/zsdesk"], env_r, scratch, until_shown=True)
            if r.returncode != 0 or smoke.SHOWN not in r.stdout:
                raise smoke.SmokeFailed(f"installed zsdesk did not open the user's database:\n{r.stderr}")
            before = _snapshot(data)  # the start may have checkpointed its WAL into the file
            # installing over an installed package: the upgrade path of the maintainer scripts
            subprocess.run(["dpkg", "-i", str(deb_file)], check=True, env=env, stdout=subprocess.DEVNULL)
            if _snapshot(data) != before:
                raise smoke.SmokeFailed("installing over the installed package changed a user's data folder")
        finally:
            removed = subprocess.run(["dpkg", "-r", deb.PACKAGE], env=env, capture_output=True, text=True,
                                     check=False)
        if removed.returncode != 0:
            raise smoke.SmokeFailed(f"dpkg -r failed: {removed.stderr}")
        if Path("/opt/zsdesk").exists() or Path("/usr/bin/zsdesk").exists():
            raise smoke.SmokeFailed("dpkg -r left /opt/zsdesk or /usr/bin/zsdesk behind")
        if _snapshot(data) != before or _snapshot(real_home) != real_before:
            raise smoke.SmokeFailed("dpkg -r changed a user's data folder")
        return ("dpkg -i, /usr/bin/zsdesk opened a user's database, dpkg -i again (upgrade path), "
                "dpkg -r: the data untouched")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def build_windows_installer(version: str) -> str:
    iss = HERE / "windows" / "zsdesk.iss"
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    default = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)")) / "Inno Setup 6" / "ISCC.exe"
    if iscc is None and default.is_file():
        iscc = str(default)
    if iscc is None:
        return f"Inno Setup not found: install it, then run  iscc {iss.relative_to(REPO)}"
    subprocess.run([iscc, f"/DAppVersion={version}", str(iss)], check=True)
    return f"installer written to {DIST}"


def install_and_remove(bundle: Path, deb_file: Path, scratch: Path) -> None:
    demo = scratch / "demo" / "zsdesk.db"
    demo.parent.mkdir()
    r = smoke.run([str(bundle / layout.executable(WINDOWS)), "--db", str(demo), "demo", "--scale", "0.01"],
                  smoke.clean_env(scratch / "home"), demo.parent)
    note = real_install(deb_file, demo if r.returncode == 0 else None)
    say(f"  {'skip ' if note.startswith('skipped') else 'ok   '} {note}")


# --- main -----------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Build and smoke-test zsdesk's installers.")
    p.add_argument("--skip-deb", action="store_true", help="build the bundle only (no .deb)")
    p.add_argument("--smoke-only", metavar="DIR", type=Path,
                   help="build nothing: smoke-test the bundle folder DIR")
    p.add_argument("--no-install", action="store_true", help="never dpkg -i/-r on this machine")
    p.add_argument("--no-timings", action="store_true", help="skip the start-time comparison")
    args = p.parse_args(argv)

    version = smoke.version_of_source()
    steps = Steps()
    started = time.perf_counter()
    scratch = Path(tempfile.mkdtemp(prefix="zsdesk-build-"))
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        if args.smoke_only:
            with steps("smoke test"):
                smoke.Smoke(args.smoke_only, version=version).run_all()
            bundle = args.smoke_only
        else:
            with steps(f"PyInstaller bundle of zsdesk {version}"):
                bundle = build_bundle()
            size = folder_size(bundle)
            say(f"  bundle: {bundle} ({mib(size)})")
            making_deb = not (WINDOWS or args.skip_deb) and shutil.which("dpkg-deb") is not None
            if making_deb:
                import deb

                for old in DIST.glob(f"{deb.PACKAGE}_*.deb"):
                    old.unlink()
                with steps("Debian package: the tree (hard links to the bundle), Depends"):
                    staged = deb.stage(bundle, DIST, version=version, work=scratch)
                    deb.describe(staged, say)
                # dpkg-deb compresses while the bundle is tested (it has its own copy of the tree)
                compressing = pool.submit(deb.compress, staged)
            with steps("smoke test of the bundle"):
                smoke.Smoke(bundle, version=version, label="the bundle").run_all()
            if making_deb:
                with steps("Debian package: dpkg-deb (waiting for the rest of it)"):
                    deb_file = compressing.result()
                    say(f"  package: {deb_file} ({mib(deb_file.stat().st_size)})")
                with steps("smoke test of the package (dpkg -x into a scratch root)"):
                    root = scratch / "root"
                    opt = deb.extract(deb_file, root)
                    check_desktop_entry(root)
                    smoke.Smoke(opt, version=version, label="the package unpacked with dpkg -x",
                                xvfb=False).run_all()
                    shutil.rmtree(root)
                if not args.no_install:
                    with steps("dpkg -i / dpkg -r"):
                        install_and_remove(bundle, deb_file, scratch)
            elif WINDOWS:
                with steps("Inno Setup"):
                    say("  " + build_windows_installer(version))
            else:
                say("\n(no Debian package: " + ("--skip-deb)" if args.skip_deb else "dpkg-deb not found)"))
        if not args.no_timings:
            with steps("start times"):
                smoke.print_timings(smoke.timings(bundle))
    except (smoke.SmokeFailed, subprocess.CalledProcessError, OSError) as exc:
        say(f"\nFAILED: {exc}")
        return 1
    except Exception as exc:
        say(f"\nFAILED: {type(exc).__name__}: {exc}")
        return 1
    finally:
        pool.shutdown(wait=True)
        shutil.rmtree(scratch, ignore_errors=True)

    say("\n== summary")
    if not args.smoke_only:
        say(f"  bundle {DIST / layout.APP}: {mib(folder_size(DIST / layout.APP))}")
        for deb_path in sorted(DIST.glob("*.deb")):
            say(f"  package {deb_path.name}: {mib(deb_path.stat().st_size)}")
    for name, seconds in steps.done:
        say(f"  {seconds:6.1f} s  {name}")
    say(f"  {time.perf_counter() - started:6.1f} s  in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
