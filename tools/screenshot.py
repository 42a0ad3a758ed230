"""Save screenshots of the main window on demo databases.

    xvfb-run -a -s "-screen 0 1400x900x24" python tools/screenshot.py
    xvfb-run -a -s "-screen 0 1400x1300x24" python tools/screenshot.py --all
    python tools/screenshot.py --db some.db --out /tmp/shot.png --size 1280x800 --page settings --lang en

Without ``--db`` a fresh demo database (the city office 示范市招商办) is
generated in a temporary folder; the user's own data folder and settings are
not touched. The default writes docs/screenshots/main-window.png (the
dashboard). ``--all`` writes the set in docs/screenshots: the main window, the
whole dashboard, a county's dashboard, the settings page and the English
interface. Run it under a real X server (xvfb-run) so the picture is what a
desktop shows; do not pipe xvfb-run into head (the server is left running).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHOTS = ROOT / "docs" / "screenshots"

#: --all: (file, database, page, size, language)
ALL_SHOTS = (
    ("main-window.png", "city", "dashboard", "1360x860", "zh_CN"),
    ("dashboard-full.png", "city", "dashboard", "1360x1240", "zh_CN"),
    ("dashboard-county.png", "county", "dashboard", "1360x1000", "zh_CN"),
    ("settings.png", "city", "settings", "1360x860", "zh_CN"),
    ("main-window-en.png", "city", "dashboard", "1360x860", "en"),
)


def _pause(ms: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _wait_loaded(page, timeout_ms: int = 20_000) -> None:
    """Until a page that reads in the background says it has shown its data."""
    from PySide6.QtCore import QEventLoop, QTimer

    if getattr(page, "data", True) is not None or not hasattr(page, "loaded"):
        return
    loop = QEventLoop()
    page.loaded.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def county_demo(path: Path):
    """A county site with demo data for its own unit, and this year's targets as
    the city's sync package would bring them (a county does not set targets)."""
    from zsdesk.db.models import Site, Target
    from zsdesk.db.types import new_id
    from zsdesk.demo import generate
    from zsdesk.services import init_site, open_workspace

    ws = open_workspace(str(path))
    init_site(ws, role="county", code="TX-U01", name="泰兴高新区招商单元")
    generate(ws, units=1)
    [unit] = [u for u in ws.reference.list_units() if u.site_id == ws.site.id]
    year = ws.today().year
    targets = {"signed_projects": 12, "signed_investment": 150000, "major_projects": 4,
               "started_projects": 10, "arrived_capital": 60000, "visits": 300}
    city = new_id()
    with ws.write(source="screenshot-targets") as w:
        w.insert(Site, {"id": city, "code": "TZ-CITY", "name": "泰州市商务局", "role": "city",
                        "owner_site_id": city})
        for metric, value in targets.items():
            w.insert(Target, {"year": year, "unit_id": unit.id, "metric": metric, "value": value,
                              "owner_site_id": city})
    return ws


def shoot(ws, out: Path, *, page: str, size: str, wait_ms: int) -> bool:
    from zsdesk.ui.main_window import MainWindow

    width, height = (int(x) for x in size.lower().split("x"))
    window = MainWindow(ws)
    window.resize(width, height)
    window.move(0, 0)
    window.show()
    shown = window.show_page(page)
    _wait_loaded(shown)  # the first page is made after the first paint: here the page asked for
    _pause(wait_ms)
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = window.grab().save(str(out))
    print(f"screenshot: {out} ({window.width()}x{window.height()}, page {page})" if ok
          else f"screenshot: cannot write {out}", file=sys.stdout if ok else sys.stderr)
    window.close()
    window.deleteLater()
    _pause(50)
    return ok


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", help="an initialised database to show (default: a new demo database)")
    p.add_argument("--out", default=str(SHOTS / "main-window.png"))
    p.add_argument("--size", default="1360x860", help="window size, WIDTHxHEIGHT (default 1360x860)")
    p.add_argument("--page", default="dashboard", help="the page to show (a key of zsdesk.ui.pages.PAGES)")
    p.add_argument("--lang", default="zh_CN", choices=["zh_CN", "en"])
    p.add_argument("--county", action="store_true", help="a county's demo database instead of the city's")
    p.add_argument("--all", action="store_true", help="write every screenshot of docs/screenshots")
    p.add_argument("--wait-ms", type=int, default=600, help="time to let the window settle")
    opts = p.parse_args(argv)

    if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        print("screenshot: no X display; run under xvfb-run -a -s \"-screen 0 1400x900x24\"", file=sys.stderr)
        return 2

    with tempfile.TemporaryDirectory(prefix="zsdesk-shot-") as tmp:
        from PySide6.QtCore import QSettings

        # settings (language, window geometry) go to the temporary folder
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        os.environ.setdefault("ZSDESK_CACHE_DIR", str(Path(tmp) / "cache"))

        from zsdesk.ui.app import DemoProgress, open_for_gui, prepare_application
        from zsdesk.ui.i18n import install_translators

        app = prepare_application()
        opened: dict[str, object] = {}

        def database(kind: str):
            if kind not in opened:
                if kind == "county":
                    opened[kind] = county_demo(Path(tmp) / "county.db")
                else:
                    demo = opts.db is None
                    args = argparse.Namespace(db=opts.db or str(Path(tmp) / "demo.db"), demo=demo, command=None)
                    progress = DemoProgress() if demo else None
                    opened[kind] = open_for_gui(args, progress=progress)
                    if progress is not None:
                        progress.close()
            return opened[kind]

        shots = ALL_SHOTS if opts.all else (
            (opts.out, "county" if opts.county else "city", opts.page, opts.size, opts.lang),)
        ok = True
        try:
            for name, kind, page, size, lang in shots:
                install_translators(app, lang)
                out = SHOTS / name if opts.all else Path(name)
                ok = shoot(database(kind), out, page=page, size=size, wait_ms=opts.wait_ms) and ok
            print(f"screenshot: platform {app.platformName()}, {dt.datetime.now():%Y-%m-%d %H:%M}")
        finally:
            for ws in opened.values():
                ws.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
