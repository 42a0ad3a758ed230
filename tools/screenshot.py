"""Save a screenshot of the main window on a demo database.

    xvfb-run -a -s "-screen 0 1400x900x24" python tools/screenshot.py
    python tools/screenshot.py --db some.db --out /tmp/shot.png --size 1280x800

Without ``--db`` a fresh demo database is generated in a temporary folder (the
user's own data folder is not touched). Writes docs/screenshots/main-window.png
by default. Run it under a real X server (xvfb-run) so the picture is what a
desktop shows; do not pipe xvfb-run into head (the server is left running).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", help="an initialised database to show (default: a new demo database)")
    p.add_argument("--out", default=str(ROOT / "docs" / "screenshots" / "main-window.png"))
    p.add_argument("--size", default="1360x860", help="window size, WIDTHxHEIGHT (default 1360x860)")
    p.add_argument("--wait-ms", type=int, default=800, help="time to let the window settle")
    opts = p.parse_args(argv)
    width, height = (int(x) for x in opts.size.lower().split("x"))

    if not os.environ.get("DISPLAY") and not os.environ.get("QT_QPA_PLATFORM"):
        print("screenshot: no X display; run under xvfb-run -a -s \"-screen 0 1400x900x24\"", file=sys.stderr)
        return 2

    from PySide6.QtCore import QEventLoop, QTimer

    from zsdesk.ui.app import DemoProgress, open_for_gui, prepare_application
    from zsdesk.ui.main_window import MainWindow

    app = prepare_application()
    with tempfile.TemporaryDirectory(prefix="zsdesk-shot-") as tmp:
        demo = opts.db is None
        args = argparse.Namespace(db=opts.db or str(Path(tmp) / "demo.db"), demo=demo, command=None)
        progress = DemoProgress() if demo else None
        ws = open_for_gui(args, progress=progress)
        if progress is not None:
            progress.close()
        try:
            window = MainWindow(ws)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            loop = QEventLoop()
            QTimer.singleShot(opts.wait_ms, loop.quit)
            loop.exec()
            out = Path(opts.out)
            out.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(out)):
                print(f"screenshot: cannot write {out}", file=sys.stderr)
                return 1
            print(f"screenshot: {out} ({window.width()}x{window.height()}, platform {app.platformName()})")
            window.close()
        finally:
            ws.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
