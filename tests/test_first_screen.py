"""The visits list's first screen read before the database layer (issue 15: start
to a filled list): the statements are the ones the list's query runs, the rows
and count are the list's own, a fresh program fills its list before it imports
SQLAlchemy, and every database the early read does not take (encrypted, older,
damaged, another order) starts as it did without it. Real SQLite files (a demo
database), the real ``run()`` and, for what is imported, the real program in a
fresh process."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless, before Qt is imported

import argparse
import datetime as dt
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import event

from support import run_program_script

from zsdesk.db import first_screen
from zsdesk.db.first_screen import FirstPage, Unavailable, connect, count, database_path, first_page, readable
from zsdesk.listing import ListQuery
from zsdesk.services import open_workspace, queries

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]

#: the visits list as it opens: newest first, no filter (what ``opening_query`` gives)
OPENING = ListQuery("visits", sort="visit_date", descending=True)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    """A demo city database (some 500 visits: more than a page, some kept by the counties), closed."""
    db = tmp_path_factory.mktemp("first-screen") / "demo.db"
    res = subprocess.run([sys.executable, "-m", "zsdesk", "--db", str(db), "demo", "--units", "3", "--years", "1",
                          "--scale", "0.05"], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    con = sqlite3.connect(db)
    with con:  # every third visit kept by another site: shown read-only, with that site's name
        con.execute("UPDATE visits SET owner_site_id = (SELECT id FROM sites WHERE code = 'SEED') "
                    "WHERE rowid % 3 = 0")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


@pytest.fixture
def demo_file(demo_db, tmp_path) -> Path:
    """A copy of the demo database of one test's own."""
    path = tmp_path / "zsdesk.db"
    shutil.copyfile(demo_db, path)
    return path


def _args(path) -> argparse.Namespace:
    return argparse.Namespace(db=str(path), demo=False, command=None)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- the core: the same statements, the same rows ------------------------------------------------

def test_the_statements_are_the_ones_the_list_runs(demo_db):
    """Run the list's real query (``queries.page_ids`` as the list asks it, ``rows``,
    ``count``; and ``ws.site``) and record every statement SQLAlchemy sends: each
    one the early read uses is among them, character for character."""
    from zsdesk.db.engine import HEAD_REVISION

    ws = open_workspace(str(demo_db))
    ran: list[str] = []
    event.listen(ws.db.engine, "before_cursor_execute", lambda _c, _cur, sql, *_a: ran.append(sql))
    try:
        site = ws.site
        page = queries.page_ids(ws, OPENING, None, queries.PAGE_SIZE, quick=True)
        rows = queries.rows(ws, "visits", page.ids)
        total = queries.count(ws, OPENING)
    finally:
        ws.close()
    companies = {r["company_id"] for r in rows if r["company_id"]}
    assert site.code and len(page.ids) == queries.PAGE_SIZE and page.more and total > queries.PAGE_SIZE

    def ids(n: int) -> str:
        return ", ".join("?" * n)

    statements = [s for s in ran if s not in ("BEGIN", "COMMIT", "ROLLBACK") and not s.startswith("PRAGMA")]
    assert first_screen.SITE_SQL in statements
    at = statements.index(first_screen.PAGE_SQL)
    rows_sql = first_screen.ROWS_SQL.format(ids=ids(len(page.ids)))
    assert statements[at:at + 2] == [first_screen.PAGE_SQL, rows_sql]
    names = statements[at + 2:at + 6]
    assert names[0] == first_screen.COMPANIES_SQL.format(ids=ids(len(companies)))
    assert names[1] == first_screen.STAFF_SQL.format(ids=ids(names[1].count("?")))   # one ? a member of staff
    assert names[2:] == [first_screen.UNITS_SQL, first_screen.SITES_SQL]
    assert statements[at + 6:] == [first_screen.COUNT_SQL]
    # the schema this program writes is the one read early
    assert first_screen.HEAD_REVISION == HEAD_REVISION


def _read_early(path) -> tuple[FirstPage, int]:
    """The opening page and the count, read as at start-up."""
    con = connect(path)
    try:
        return first_page(con, OPENING), count(con)
    finally:
        con.close()


def test_the_early_rows_and_count_are_the_lists_own(demo_db):
    before = _digest(demo_db)
    early, early_total = _read_early(demo_db)
    ws = open_workspace(str(demo_db))
    try:
        page = queries.page_ids(ws, OPENING, None, queries.PAGE_SIZE, quick=True)
        rows = queries.rows(ws, "visits", page.ids)
        total = queries.count(ws, OPENING)
        code = ws.site.code
    finally:
        ws.close()
    assert isinstance(early, FirstPage) and early.query == OPENING
    assert list(early.ids) == page.ids and early.more == page.more
    assert list(early.rows) == rows        # every value, dates as dates, owner and read-only marks
    assert early_total == total and early.site_code == code
    assert any(r["readonly"] for r in rows) and any(not r["readonly"] for r in rows)
    assert any(r["next_due"] for r in rows)
    assert _digest(demo_db) == before      # read-only: nothing written


def test_the_model_shows_the_early_rows_as_it_shows_its_own(qtbot, demo_db):
    """Every cell of every role is the same in a model filled early and one that
    read the list itself (the same formatting code)."""
    from zsdesk.ui.lists.model import RowRole, SortRole
    from zsdesk.ui.lists.model import ListModel

    early, total = _read_early(demo_db)
    before = ListModel(None, "visits")
    before.sort(1, Qt.SortOrder.DescendingOrder)
    assert before.show_first_page(early, total) and before.total == total and not before.canFetchMore()
    ws = open_workspace(str(demo_db))
    try:
        real = ListModel(ws, "visits")
        real.set_query(OPENING)
        roles = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.DecorationRole,
                 Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.AccessibleTextRole, SortRole, RowRole)

        def cells(model):
            return [[[_plain(model.data(model.index(r, c), role)) for role in roles]
                     for c in range(model.columnCount())] for r in range(queries.PAGE_SIZE)]
        assert cells(before) == cells(real)
        assert before.whole_texts("number") == real.whole_texts("number")
    finally:
        ws.close()


def _plain(value):
    from PySide6.QtGui import QIcon

    if isinstance(value, QIcon):
        return ("icon", value.cacheKey())
    return value


def test_only_the_opening_list_is_read():
    assert readable(OPENING) and readable(ListQuery("visits"))
    for other in (OPENING.with_(sort="company"), OPENING.with_(descending=False), OPENING.with_(text="华为"),
                  OPENING.with_(unit_ids=("u",)), OPENING.with_(year=2026), OPENING.with_(row_ids=("x",)),
                  ListQuery("leads")):
        assert not readable(other), other


def test_the_file_is_the_one_the_program_opens(tmp_path, monkeypatch):
    from zsdesk.db.engine import resolve_db_url

    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("ZSDESK_DB", raising=False)
    for given in (str(tmp_path / "a.db"), "relative.db", None):
        assert f"sqlite:///{database_path(given)}" == resolve_db_url(given)
    monkeypatch.setenv("ZSDESK_DB", str(tmp_path / "env.db"))
    assert database_path(None) == tmp_path / "env.db" and resolve_db_url(None) == f"sqlite:///{tmp_path / 'env.db'}"
    assert database_path("postgresql://zsdesk@localhost/zsdesk") is None


def test_what_the_early_read_does_not_take(demo_file, tmp_path):
    """Not SQLite, another schema revision, no site: ``Unavailable``; the read
    (``FirstScreenRead``) then gives nothing, and says so only in the debug log."""
    from zsdesk.app.listing import FirstScreenRead

    (tmp_path / "other.db").write_bytes(os.urandom(4096))           # what an encrypted file looks like
    with pytest.raises(Unavailable):
        connect(tmp_path / "other.db")
    older = tmp_path / "older.db"
    shutil.copyfile(demo_file, older)
    with sqlite3.connect(older) as con:
        con.execute("UPDATE alembic_version SET version_num = '0011_compact_history'")
    with pytest.raises(Unavailable):
        connect(older)
    for path in (tmp_path / "other.db", older, tmp_path / "missing.db"):
        read = FirstScreenRead(str(path), OPENING).start()
        assert read.page(5) is None and read.total(5) is None
    read = FirstScreenRead(str(demo_file), OPENING.with_(sort="company")).start()
    assert read.page(5) is None
    read = FirstScreenRead(str(demo_file), OPENING).start()
    assert read.page(5) is not None and read.total(5) > queries.PAGE_SIZE


# --- the window ------------------------------------------------------------------------------------

@pytest.fixture
def visits_first(monkeypatch):
    """The visits list as the window's first page (the program starts on 工作台; the
    bench, bench/bench_ui.py, orders the pages so too)."""
    import zsdesk.ui.main_window as mw

    monkeypatch.setattr(mw, "PAGES", tuple(sorted(mw.PAGES, key=lambda entry: entry.key != "visits")))


def _run_watched(path, monkeypatch, *, args=None):
    """``run()`` on ``path``: what the window shows when the database starts being
    opened, and the visits list once it has read its rows with the workspace."""
    from zsdesk.ui import app as app_module
    from zsdesk.ui.main_window import MainWindow

    seen: dict = {}
    real_open = app_module.open_asking_password

    def opening(a, **kw):
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        page = window.pages.get("visits")
        seen["at_opening"] = None if page is None else _shown(page)
        if page is not None:
            seen["resets"] = []
            page.model.modelReset.connect(lambda: seen["resets"].append(1))
        return real_open(a, **kw)

    def poll() -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
                   and not w.opening]
        page = windows[0].pages.get("visits") if windows else None
        if page is not None and page.model.total is not None and not page.model.loading \
                and page.search.isEnabled() and not page.model.ahead:
            seen["attached"] = _shown(page)
            windows[0].close()
        else:
            QTimer.singleShot(20, poll)

    monkeypatch.setattr(app_module, "open_asking_password", opening)
    monkeypatch.setenv("ZSDESK_QUIT_AFTER_MS", "60000")   # a safety net: the poll closes it
    QTimer.singleShot(0, poll)
    code = app_module.run(args or _args(path))
    return code, seen


def _shown(page) -> dict:
    model = page.model
    return {"rows": [[model.data(model.index(r, c)) for c in range(model.columnCount())]
                     for r in range(model.rowCount())],
            "count": page.count_label.text(), "search": page.search.isEnabled()}


def test_the_window_shows_the_first_screen_before_the_database_is_opened(qapp, demo_file, visits_first,
                                                                      monkeypatch):
    code, seen = _run_watched(demo_file, monkeypatch)
    assert code == 0
    early, attached = seen["at_opening"], seen["attached"]
    total = sqlite3.connect(demo_file).execute("SELECT count(*) FROM visits WHERE deleted = 0").fetchone()[0]
    assert len(early["rows"]) == queries.PAGE_SIZE and early["count"] == f"共 {total:,} 条"
    assert not early["search"]                           # nothing to search before the database is open
    # the real query read the same records: they stayed where they were, with the same values
    assert attached["rows"][:queries.PAGE_SIZE] == early["rows"] and attached["search"]
    assert attached["count"] == early["count"] and seen["resets"] == []


def test_another_order_starts_as_before(qapp, demo_file, visits_first, monkeypatch):
    from zsdesk.ui import options

    QApplication.instance().setOrganizationName("zsdesk")   # the names run() gives the settings
    QApplication.instance().setApplicationName("zsdesk")
    options.list_sort.of("visits").set(("company", False))
    code, seen = _run_watched(demo_file, monkeypatch)
    assert code == 0 and seen["at_opening"] is None   # no page before the database is open
    rows = seen["attached"]["rows"]
    assert len(rows) == queries.PAGE_SIZE and rows[0][2] <= rows[-1][2]    # by company


def test_an_older_database_starts_as_before(qapp, demo_file, visits_first, monkeypatch):
    from alembic import command

    from zsdesk.db.engine import Database, alembic_config

    db = Database(f"sqlite:///{demo_file}")
    command.downgrade(alembic_config(db), "0011_compact_history")
    db.close()
    code, seen = _run_watched(demo_file, monkeypatch)
    assert code == 0 and seen["at_opening"] is None      # upgraded first, then read
    assert len(seen["attached"]["rows"]) == queries.PAGE_SIZE


def test_an_encrypted_database_starts_as_before(qapp, demo_file, visits_first, monkeypatch):
    pytest.importorskip("sqlcipher3", reason="this build has no SQLCipher (sqlcipher3-wheels)")
    from zsdesk.db import cipher

    cipher.set_password(demo_file, "泰兴招商-2026！")
    args = _args(demo_file)
    args.password = "泰兴招商-2026！"
    code, seen = _run_watched(demo_file, monkeypatch, args=args)
    assert code == 0 and seen["at_opening"] is None
    assert len(seen["attached"]["rows"]) == queries.PAGE_SIZE


def test_a_damaged_database_shows_nothing_it_read(qapp, tmp_path, visits_first, monkeypatch, capsys):
    """The early read may well read a damaged file's first page (the damage is
    elsewhere): when the check then finds the damage, those rows go before the
    message says so, and quitting leaves no window and the file as it was."""
    from test_db_health import Answers, click, county_file, damage

    from zsdesk.db.engine import backup_file
    from zsdesk.ui.main_window import MainWindow

    path = county_file(tmp_path)
    ws = open_workspace(str(path))
    [unit] = ws.reference.list_units()
    for day in range(1, 6):
        ws.visits.create({"unit_id": unit.id, "visit_date": dt.date(2026, 6, day), "kind": "上门招商", "people": "张总",
                          "trip_days": 1})
    ws.close()
    backup_file(path, "before-import")
    damage(path)
    before = _digest(path)
    pages_at_message: list = []

    def quit_button(box):
        [window] = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        pages_at_message.append(dict(window.pages))
        return click("退出")(box)

    from zsdesk.ui import app as app_module

    shown: list = []
    real_fill = app_module.show_first_screen
    monkeypatch.setattr(app_module, "show_first_screen",
                        lambda window, args: shown.append(real_fill(window, args)) or shown[-1])
    monkeypatch.setenv("ZSDESK_QUIT_AFTER_MS", "5000")
    answers = Answers(quit_button)
    try:
        assert app_module.run(_args(path)) == 2
    finally:
        answers.stop()
    assert shown[0] is not None and shown[0].page(0) is not None   # the first page was read and shown
    assert pages_at_message == [{}]                                # and gone when the damage was told
    assert "数据库文件已损坏" in capsys.readouterr().err
    assert _digest(path) == before
    assert [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()] == []


# --- a fresh program --------------------------------------------------------------------------------

FILLED = r"""
import json, sys
import zsdesk.ui.main_window as mw
from zsdesk.ui.lists.model import ListModel

mw.PAGES = tuple(sorted(mw.PAGES, key=lambda entry: entry.key != "visits"))
fill = ListModel.show_first_page

count = ListModel.show_first_total

def counted(total):   # the early count: with the rows, or (read on) a moment after them
    print("COUNTED " + json.dumps({"total": total, "sqlalchemy": "sqlalchemy" in sys.modules}), flush=True)

def watched(self, first, total=None):
    shown = fill(self, first, total)
    print("FILLED " + json.dumps({"shown": shown, "rows": self.rowCount(),
                                  "sqlalchemy": "sqlalchemy" in sys.modules,
                                  "database": sorted(m for m in sys.modules if m.startswith(
                                      ("zsdesk.db.models", "zsdesk.db.engine", "zsdesk.services", "zsdesk.app.site",
                                       "zsdesk.app.lists")))}), flush=True)
    if total is not None:
        counted(total)
    return shown

def watched_total(self, total):
    if self.total is None:
        counted(total)
    count(self, total)

ListModel.show_first_page = watched
ListModel.show_first_total = watched_total
from zsdesk.cli import main
sys.exit(main(["--db", sys.argv[1]]))
"""


def test_a_fresh_program_fills_its_list_before_importing_the_database_layer(demo_file, tmp_path):
    filled, after = run_program_script(FILLED, demo_file, tmp_path, "FILLED")
    total = sqlite3.connect(demo_file).execute("SELECT count(*) FROM visits WHERE deleted = 0").fetchone()[0]
    assert filled == {"shown": True, "rows": 200, "sqlalchemy": False, "database": []}
    # the early count, shown with the rows or as soon as its read ends (the two race)
    counted = [json.loads(x[len("COUNTED "):]) for x in after if x.startswith("COUNTED ")]
    assert [c["total"] for c in counted] == [total]
    assert "zsdesk: main window shown" in after


def test_until_the_database_is_open_the_rows_can_only_be_looked_at(qtbot, demo_file, visits_first):
    """The list made ahead cannot be searched, filtered, sorted or opened before the
    workspace comes; a page chosen in the navigation meanwhile is the one shown then."""
    from zsdesk.app.listing import FirstScreenRead
    from zsdesk.ui.main_window import MainWindow

    window = MainWindow(None)
    qtbot.addWidget(window)
    window.resize(1360, 860)
    window.show()
    qtbot.waitExposed(window)
    page = window.show_first_screen(FirstScreenRead(str(demo_file), OPENING).start(), wait_s=5)
    assert page is not None and window.pages == {"visits": page} and page.model.ahead
    assert page.model.rowCount() == queries.PAGE_SIZE and not page.model.canFetchMore()
    assert not page.search.isEnabled() and not any(chip.isEnabled() for chip in page.chips.values())
    assert not page.view.horizontalHeader().sectionsClickable() and not page.new_button.isEnabled()
    page._on_activated(page.model.index(0, 0))            # a double-click opens nothing yet
    window.nav.setCurrentRow(1)                            # 工作台, chosen while the database opens
    ws = open_workspace(str(demo_file))
    try:
        window.attach(ws)
        qtbot.waitUntil(lambda: "dashboard" in window.pages and not page.model.ahead and bool(page.model.total),
                        timeout=20000)
        assert window.stack.currentWidget() is window.pages["dashboard"]
        assert page.search.isEnabled() and page.view.horizontalHeader().sectionsClickable()
        assert all(chip.isEnabled() for chip in page.chips.values())
    finally:
        window.close()
        ws.close()
