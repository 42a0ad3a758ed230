"""Start-up paints the main window's frame before the database is opened (issue 15):
the title, the pages' names and "正在打开数据库…" are on screen while the database
layer is imported and the database opened; then the window gets its workspace and
its first page fills. A refused start leaves no window behind. Real SQLite files,
the real ``run()`` and, for what is imported before the first paint, the real program
in a fresh process."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless, before Qt is imported

import argparse
import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from support import run_program_script

from zsdesk.db.engine import Database
from zsdesk.services import Workspace, init_site

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]

TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def county_file(tmp_path):
    """A county site with a company and a visit, closed."""
    path = tmp_path / "county.db"
    ws = Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="测试员")
    init_site(ws, role="county", code="TX-U01", name="泰兴高新区招商单元")
    [unit] = ws.reference.list_units()
    company = ws.companies.create({"name": "扬子江药业集团有限公司"})
    ws.visits.create({"unit_id": unit.id, "company_id": company, "visit_date": dt.date(2026, 6, 1),
                      "kind": "上门招商", "trip_days": 1})
    ws.close()
    return path


def _args(path) -> argparse.Namespace:
    return argparse.Namespace(db=str(path), demo=False, command=None)


def _main_windows():
    from zsdesk.ui.main_window import MainWindow

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]


def test_the_frame_is_painted_before_the_database_is_opened_then_the_page_fills(
        qapp, county_file, monkeypatch, capsys):
    from zsdesk.ui import app as app_module
    from zsdesk.ui.app import SHOWN_MESSAGE, run

    at_opening: list[dict] = []
    real_open = app_module.open_asking_password

    def opening(args, **kw):
        # what is on screen when the database starts being opened
        [window] = _main_windows()
        at_opening.append({
            "painted": window.was_painted, "opening": window.opening, "title": window.windowTitle(),
            "status": window.opening_label.text() if window.opening_label.isVisible() else None,
            "pages": [window.nav.item(i).text() for i in range(window.nav.count())],
            "made": dict(window.pages)})
        return real_open(args, **kw)

    monkeypatch.setattr(app_module, "open_asking_password", opening)
    filled: list[dict] = []

    def poll() -> None:
        windows = [w for w in _main_windows() if not w.opening]
        page = windows[0].pages.get("dashboard") if windows else None
        if page is not None and getattr(page, "data", None) is not None:
            window = windows[0]
            filled.append({"title": window.windowTitle(), "status": window.opening_label.isVisible(),
                           "db": window.db_label.text()})
            window.close()
        else:
            QTimer.singleShot(20, poll)

    monkeypatch.setenv("ZSDESK_QUIT_AFTER_MS", "60000")   # a safety net: the poll closes it
    QTimer.singleShot(0, poll)
    assert run(_args(county_file)) == 0

    [seen] = at_opening
    assert seen["painted"] and seen["opening"] and seen["made"] == {}
    assert seen["title"] == "招商桌面" and seen["status"] == "正在打开数据库…"
    assert seen["pages"][:3] == ["工作台", "拜访记录", "招商线索"]
    assert filled == [{"title": "泰兴高新区招商单元 · 县级 — 招商桌面", "status": False,
                       "db": f"数据库：{county_file}"}]
    assert SHOWN_MESSAGE in capsys.readouterr().out


def test_a_refused_start_leaves_no_window(qapp, tmp_path, monkeypatch, capsys):
    from zsdesk.ui.app import run

    monkeypatch.setenv("ZSDESK_QUIT_AFTER_MS", "50")   # closes the message box
    assert run(_args(tmp_path / "empty.db")) == 2
    assert "数据库尚未初始化" in capsys.readouterr().err
    assert _main_windows() == []


#: the real program, with its first paint watched: which modules were imported by then
FIRST_PAINT = r"""
import json, os, sys
import zsdesk.ui.main_window as mw

seen = {}
paint = mw.MainWindow.paintEvent

def watched(self, event):
    paint(self, event)
    if not seen:
        seen.update(opening=self.opening, sqlalchemy="sqlalchemy" in sys.modules,
                    database=sorted(m for m in sys.modules if m.startswith(("zsdesk.db", "zsdesk.services",
                                                                             "zsdesk.app.site"))))
        print("PAINTED " + json.dumps(seen), flush=True)

mw.MainWindow.paintEvent = watched
from zsdesk.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def _first_paint(script: str, county_file, tmp_path) -> tuple[dict, list[str]]:
    """Run ``script`` (``FIRST_PAINT`` or a variant) as the program on ``county_file`` in a
    fresh process with its own home: what it saw at its first paint, and its output lines."""
    return run_program_script(script, county_file, tmp_path, "PAINTED")


def test_the_program_paints_its_frame_before_importing_the_database_layer(county_file, tmp_path):
    painted, after = _first_paint(FIRST_PAINT, county_file, tmp_path)
    assert painted == {"opening": True, "sqlalchemy": False, "database": []}
    assert "zsdesk: main window shown" in after


def test_a_portable_built_program_also_paints_before_importing_the_database_layer(county_file, tmp_path):
    """A built program (``sys.frozen``) with the ``portable`` file beside it decides its
    settings folder before the first paint: that question (``zsdesk.paths``) no longer
    imports the database layer, and the settings land beside the program."""
    program = tmp_path / "zsdesk-portable"
    program.mkdir()
    (program / "portable").write_text("")
    frozen = ("import sys\nsys.frozen = True\n"
              f"sys.executable = {str(program / 'zsdesk')!r}\n") + FIRST_PAINT
    painted, _ = _first_paint(frozen, county_file, tmp_path)
    assert painted == {"opening": True, "sqlalchemy": False, "database": []}
    assert (program / "settings").is_dir()      # portable: QSettings beside the program
