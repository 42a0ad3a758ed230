"""Screenshots of the 同步 and 统计与简报 pages with real content.

    xvfb-run -a -s "-screen 0 1400x900x24" python tools/screenshot_pages.py [sync|reports]
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
SHOTS = ROOT / "docs" / "screenshots"


def pause(ms):
    from PySide6.QtCore import QEventLoop, QTimer
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_for(cond, timeout_ms=60_000):
    import time
    from PySide6.QtWidgets import QApplication
    end = time.monotonic() + timeout_ms / 1000
    while not cond():
        QApplication.processEvents()
        time.sleep(0.01)
        if time.monotonic() > end:
            raise TimeoutError
    pause(50)


def grab(window, page, out: Path, width=1360):
    """The window, tall enough to show the whole page without scrolling."""
    window.resize(width, 860)
    pause(200)
    body = page.scroll_area.widget()
    needed = body.sizeHint().height() + (window.height() - page.height())
    window.resize(width, max(860, needed + 4))
    pause(400)
    ok = window.grab().save(str(out))
    print("saved" if ok else "FAILED", out, window.width(), window.height())


def sync_shot(tmp: Path):
    from PySide6.QtWidgets import QFileDialog
    from test_sync_kit import FileDatabases, Net
    from zsdesk.ui.main_window import MainWindow

    dbs = FileDatabases(tmp / "dbs")
    net = Net(dbs, tmp)
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    staff = tx.reference.staff.create({"unit_id": net.units["TX-U01"], "name": "王招商"})
    company = tx.companies.create({"name": "江苏飞地新材料投资有限公司"})
    pid = tx.projects.create({"unit_id": net.units["TX-U01"], "company_id": company, "name": "年产5万吨锂电材料飞地项目",
                              "contract_date": "2026-03-01", "contract_investment": "2亿", "jobs": 300,
                              "owner_staff_id": staff})
    for code, day in (("TX-U01", "2026-03-02"), ("JJ-U01", "2026-03-05")):
        ws = net[code]
        c = ws.companies.create({"name": "扬子江药业集团有限公司", "region": "江苏泰州"})
        ws.visits.create({"unit_id": net.units[code], "company_id": c, "visit_date": day, "trip_days": 1})
    net.up("TX-U01")
    net.up("JJ-U01")
    city.projects.add_referral(pid, net.units["JJ-U01"], "40%", "2026-03-05")
    net.down("TX-U01")
    net.down("JJ-U01")
    tx.projects.update(pid, {"notes": "泰兴：已完成土地摘牌，6月底前开工", "expected_output": "12000"})
    jj.projects.update(pid, {"notes": "靖江：设备供应商已对接", "expected_output": "15000"})
    net.round_trip(["TX-U01", "JJ-U01"])
    # the city's next file for TX: a target for the year
    city.reference.set_target(2026, net.units["TX-U01"], "visits", 120)
    city.reference.set_target(2026, net.units["TX-U01"], "signed_projects", 8)
    incoming = net.export(city, to="TX-U01")
    tx.visits.create({"unit_id": net.units["TX-U01"], "company_id": company, "visit_date": "2026-06-12",
                      "staff_id": staff, "outcome": "对接设备进场计划"})

    window = MainWindow(tx)
    window.move(0, 0)
    window.show()
    page = window.show_page("sync")
    wait_for(lambda: page.data is not None)
    stick = tmp / "U盘"
    stick.mkdir()
    QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: str(stick))
    page.export()
    wait_for(lambda: "安全拔出" in page.export_status.text())
    page.preview_file(str(incoming))
    wait_for(lambda: page.preview_panel.isVisible())
    page.conflicts_table.selectRow(0)
    wait_for(lambda: not window._status_loading)
    grab(window, page, SHOTS / "page-sync.png")
    window.close()


def reports_shot(tmp: Path):
    from PySide6.QtWidgets import QFileDialog
    from zsdesk.demo import generate
    from zsdesk.services import open_workspace
    from zsdesk.ui.main_window import MainWindow

    ws = open_workspace(str(tmp / "demo.db"))
    generate(ws, units=6)
    window = MainWindow(ws)
    window.move(0, 0)
    window.show()
    page = window.show_page("reports")
    wait_for(lambda: page.data is not None and page._text_loaded_for is not None)
    page.text_edit.setPlainText("一是紧盯签约项目开工，逐个落实开工条件。\n二是加快资金到位，年底前完成全年到位资金目标。")
    out_dir = tmp / "out"
    out_dir.mkdir()
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(out_dir / "brief.pdf"), ""))
    page.make_brief()
    wait_for(lambda: page.brief_result is not None, 120_000)
    page.ledger_kind_combo.setCurrentIndex(page.ledger_kind_combo.findData("projects"))
    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (str(out_dir / "签约项目台账-2026.xlsx"), ""))
    page.export_ledger()
    wait_for(lambda: page.open_ledger_button.isVisible(), 120_000)
    wait_for(lambda: not window._status_loading)
    grab(window, page, SHOTS / "page-reports.png")
    window.close()


def main():
    which = sys.argv[1:] or ["sync", "reports"]
    with tempfile.TemporaryDirectory(prefix="zsdesk-shot-") as tmp:
        from PySide6.QtCore import QSettings
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(Path(tmp) / "settings"))
        os.environ.setdefault("ZSDESK_CACHE_DIR", str(Path(tmp) / "cache"))
        from zsdesk.ui.app import prepare_application
        app = prepare_application()
        for name in which:
            d = Path(tmp) / name
            d.mkdir()
            {"sync": sync_shot, "reports": reports_shot}[name](d)
        print("platform", app.platformName())
    return 0


if __name__ == "__main__":
    sys.exit(main())
