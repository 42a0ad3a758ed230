"""One time zone and one format for every time shown (Beijing time, "2026-12-05 18:31",
whatever the computer's own zone); the status bar after an export; the window's
site name after a county joins the city from the 同步 page.

Real SQLite files, real widgets; the only stubs are the file dialogs."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import update

from test_sync_kit import Net, fingerprint
from zsdesk.db.models import ChangeLog, SyncPeer
from zsdesk.services import init_site
from zsdesk.sync import exchange

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]

WAIT = 20_000
#: a known instant: 10:31 UTC is 18:31 in Beijing
INSTANT = dt.datetime(2026, 12, 5, 10, 31, 27, tzinfo=dt.UTC)
SHOWN = "2026-12-05 18:31"


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def utc_computer(monkeypatch):
    """The computer's own clock set to UTC (as a laptop set up abroad, or a server)."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


# --- the one function ---------------------------------------------------------------------------------

def test_one_format_in_beijing_time_whatever_the_computers_zone(utc_computer):
    from zsdesk.app import format_timestamp

    assert format_timestamp(INSTANT) == SHOWN
    assert format_timestamp(INSTANT.replace(tzinfo=None)) == SHOWN           # naive: UTC, as stored
    assert format_timestamp(INSTANT.isoformat()) == SHOWN                    # ISO text from the core
    assert format_timestamp(INSTANT.astimezone(dt.timezone(dt.timedelta(hours=-5)))) == SHOWN
    assert format_timestamp(None) == "" and format_timestamp("") == ""
    # the year turns in Beijing before it does in UTC
    assert format_timestamp(dt.datetime(2026, 12, 31, 16, 5, tzinfo=dt.UTC)) == "2027-01-01 00:05"


def test_the_sync_pages_local_time_delegates_to_it(utc_computer):
    from zsdesk.app.sync import local_time

    assert local_time(INSTANT.isoformat()) == SHOWN
    assert local_time(None) == "" and local_time("") == ""


# --- where times are shown -------------------------------------------------------------------------------

def test_the_audit_trail_shows_beijing_time(qtbot, ws, utc_computer):
    from zsdesk.ui.forms.company import CompanyForm
    from zsdesk.ui.forms.models import AuditModel

    company = ws.companies.create({"name": "时区测试有限公司"})
    with ws.write() as w:
        w.session.execute(update(ChangeLog).where(ChangeLog.row_id == company).values(recorded_at=INSTANT))
    form = CompanyForm(ws, company)
    qtbot.addWidget(form)
    model = form.audit_model
    assert model.rowCount() >= 1
    shown = {model.index(r, AuditModel.Column.TIME).data() for r in range(model.rowCount())}
    assert shown == {SHOWN}


def test_the_sync_page_shows_beijing_time(qtbot, databases, tmp_path, runner, utc_computer):
    from zsdesk.ui.pages.sync import SyncPage

    net = Net(databases, tmp_path, codes=("TX-U01",))
    tx, city = net["TX-U01"], net.city
    tx.companies.create({"name": "泰兴时区测试有限公司"})
    path = net.export(tx)
    assert exchange.import_package(city, path, trust=fingerprint(tx)).status == "applied"
    with city.read() as s:
        s.execute(update(SyncPeer).values(rx_at=INSTANT))
    page = SyncPage(city, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    [peer] = page.data.peers
    assert peer.received_at == SHOWN
    received = page.peers_model.index(0, page.peers_model.RECEIVED).data()
    assert received == f"第1号　{SHOWN}"


def test_the_dashboards_activity_uses_the_same_format(qtbot, ws, runner, utc_computer):
    from zsdesk.ui.pages.dashboard import ActivityColumn, DashboardPage

    company = ws.companies.create({"name": "动态时区测试有限公司"})
    with ws.write() as w:
        w.session.execute(update(ChangeLog).where(ChangeLog.row_id == company).values(recorded_at=INSTANT))
    page = DashboardPage(ws, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    model = page.activity_model
    rows = [r for r in range(model.rowCount()) if model.change(r).row_id == company]
    assert rows
    assert model.index(rows[0], ActivityColumn.WHEN).data() == SHOWN
    # 更新于: when the figures were read, in the same format
    assert page.updated_label.text().startswith("更新于 ")
    dt.datetime.strptime(page.updated_label.text().removeprefix("更新于 "), "%Y-%m-%d %H:%M")


def test_a_backups_time_is_beijing_time(tmp_path, utc_computer):
    """An automatic backup is named with the computer's clock (here UTC): shown in Beijing time."""
    from zsdesk.app.site import DamagedDatabase, backup_time

    backup = tmp_path / "zsdesk-20261205-103127-000000-before-migrate.db"
    backup.write_bytes(b"")
    assert backup_time(backup) == INSTANT
    error = DamagedDatabase(tmp_path / "zsdesk.db", backup)
    assert f"（{SHOWN}）" in str(error)


def test_a_databases_last_change_is_beijing_time(tmp_path, utc_computer):
    from zsdesk.backup import DatabaseInfo

    info = DatabaseInfo(tmp_path / "x.db", site_id="s", site_code="TX-U01", site_name="泰兴", role="county",
                        last_change=INSTANT)
    assert info.describe().endswith(f"最后修改于 {SHOWN}")


# --- the status bar after an export --------------------------------------------------------------------

def open_window(qtbot, ws):
    from zsdesk.ui.main_window import MainWindow

    win = MainWindow(ws)
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitUntil(lambda: not win._status_loading, timeout=WAIT)
    return win


def test_after_an_export_the_status_bar_says_so_with_its_time(qtbot, databases, tmp_path, monkeypatch,
                                                             utc_computer):
    net = Net(databases, tmp_path, codes=("TX-U01",))
    tx, city = net["TX-U01"], net.city
    tx.companies.create({"name": "泰兴导出状态有限公司"})
    win = open_window(qtbot, tx)
    assert win.sync_label.text() == "尚未同步"

    page = win.show_page("sync")
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    with qtbot.waitSignal(page.exported, timeout=WAIT) as done:
        page.export_button.click()
    assert done.args[1]                                                    # verified
    qtbot.waitUntil(lambda: win.sync_label.text() != "尚未同步", timeout=WAIT)
    text = win.sync_label.text()
    assert text.startswith("已导出 ") and text.endswith("给“泰州市商务局”，待对方导入"), text
    # the time is the export's, in Beijing time
    with tx.read() as s:
        from zsdesk.db.models import SyncPackage

        at = s.query(SyncPackage.at).filter(SyncPackage.direction == "out").one()[0]
    from zsdesk.app import format_timestamp

    assert format_timestamp(at) in text

    # once the city has imported it and its answer came back, the status says what the city has
    assert exchange.import_package(city, done.args[0][0], trust=fingerprint(tx)).status == "applied"
    answer = net.export(city, to="TX-U01")
    assert exchange.import_package(tx, answer).status == "applied"
    win.refresh_status()
    qtbot.waitUntil(lambda: "待对方导入" not in win.sync_label.text(), timeout=WAIT)
    assert win.sync_label.text().startswith("泰州市商务局已收到截至 ")


# --- the site name after joining -------------------------------------------------------------------------

def test_after_joining_from_the_sync_page_the_window_shows_the_joined_sites_name(
        qtbot, databases, tmp_path, monkeypatch):
    city = databases.workspace(databases.url("city"))
    init_site(city, role="city", code="TZ-CITY", name="泰州市招商办")
    city.reference.units.create({"code": "TX-U01", "name": "泰兴高新区招商单元"})
    setup = exchange.make_setup_file(city, "TX-U01", tmp_path / "setup-TX-U01.json")
    county = databases.workspace(databases.url("county"))
    init_site(county, role="county", code="LOCAL", name="入网前的名字")
    county.companies.create({"name": "入网前录入有限公司"})

    win = open_window(qtbot, county)
    assert win.windowTitle() == "入网前的名字 · 县级 — 招商桌面"
    assert win.site_label.text() == "入网前的名字"
    page = win.show_page("sync")
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    page.confirm_join = lambda parent, info: True
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(setup), ""))
    assert page.join_button.isEnabled() and page.join_button.isVisible()
    page.join_button.click()
    qtbot.waitUntil(lambda: "已加入市级同步" in page.import_banner.text(), timeout=WAIT)
    qtbot.waitUntil(lambda: win.windowTitle() == "泰兴高新区招商单元 · 县级 — 招商桌面", timeout=WAIT)
    assert win.site_label.text() == "泰兴高新区招商单元"
    assert win.role_chip.text() == "县级"


def test_the_pdf_footers_time_is_the_same(utc_computer):
    from zsdesk.reports import pdf

    assert pdf.generated_at(INSTANT) == f"生成于 {SHOWN}（北京时间）"
    assert pdf.generated_at(INSTANT.replace(tzinfo=None)) == f"生成于 {SHOWN}（北京时间）"
