"""Start-up: the main window is painted before its first page is made (the
page's module, widgets and data come right after), and the lists need neither
the Excel nor the PDF libraries to open (they are imported when used)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless, before Qt is imported

import subprocess
import sys

import pytest

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def test_the_window_is_painted_before_its_first_page_is_made(qtbot, ws, isolated_settings):
    from zsdesk.ui.main_window import MainWindow

    made: list[str] = []
    painted: list[bool] = []

    class Watched(MainWindow):
        def paintEvent(self, event):
            painted.append(True)
            super().paintEvent(event)

        def show_page(self, key):
            made.append("painted before" if painted else "not painted yet")
            return super().show_page(key)

    win = Watched(ws)
    qtbot.addWidget(win)
    assert win.pages == {} and win.nav.currentRow() == 0   # nothing of the first page yet
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: "dashboard" in win.pages and win.pages["dashboard"].data is not None, timeout=15_000)
    assert made[0] == "painted before"
    assert win.current_page() is win.pages["dashboard"] and win.stack.currentWidget() is win.pages["dashboard"]
    win.tasks.shutdown(30_000)


def test_a_page_asked_for_before_the_first_paint_is_made_then(qtbot, ws, isolated_settings):
    from zsdesk.ui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    assert win.current_page() is not None and list(win.pages) == ["dashboard"]  # made when asked for
    visits = win.show_page("visits")
    qtbot.wait(400)  # the latest time for the first page has passed: nothing else made
    assert list(win.pages) == ["dashboard", "visits"] and win.current_page() is visits
    win.tasks.shutdown(30_000)


def test_the_first_screens_do_not_import_the_excel_or_pdf_libraries():
    code = ("import sys; import zsdesk.ui.main_window, zsdesk.ui.pages.dashboard, zsdesk.ui.pages.visits; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('openpyxl', 'reportlab') "
            "or m.startswith('zsdesk.ledgers')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "[]"


def test_an_older_database_is_upgraded_under_a_dialog(qtbot, ws):
    """Opening a database of an older version backs it up and upgrades it (minutes
    for a city's): the window's start shows a dialog meanwhile, closed afterwards;
    a database already current shows none."""
    from alembic import command

    from zsdesk.app.site import open_workspace
    from zsdesk.db.engine import HEAD_REVISION, alembic_config, current_revision
    from zsdesk.ui.app import UpgradeProgress

    if not ws.db.is_sqlite:
        pytest.skip("the upgrade dialog is the same for every database; its file is SQLite here")
    path = ws.db.path
    command.downgrade(alembic_config(ws.db), "0011_compact_history")
    ws.close()
    with UpgradeProgress() as progress:
        opened = open_workspace(str(path))
        assert progress.dialog is not None and progress.dialog.isVisible()
        assert "正在升级数据库" in progress.dialog.labelText()
    try:
        assert progress.shown and progress.dialog is None
        assert current_revision(opened.db) == HEAD_REVISION
        assert opened.db.migration_note and "升级前已自动备份" in opened.db.migration_note
    finally:
        opened.close()
    with UpgradeProgress() as again:
        open_workspace(str(path)).close()
    assert not again.shown
    with UpgradeProgress() as new:   # a brand-new database runs every migration: nothing to upgrade
        open_workspace(str(path.with_name("new.db"))).close()
    assert not new.shown
