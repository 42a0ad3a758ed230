"""First start without a command line (issue 12): the first-start window makes a
new database the city's site or joins a county with the city's setup file; a
county that recorded before joining joins from the 同步 page and keeps its
records; a setup file picked in the sync import dialog is recognised. Real
SQLite files, real widgets, a real city making the setup file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from test_sync_kit import dump_all, fingerprint
from zsdesk.db.models import Company
from zsdesk.services import init_site
from zsdesk.sync import exchange

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]

WAIT = 20_000


@pytest.fixture
def backend() -> str:
    return "sqlite"


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def city_with_setup_file(databases, tmp_path, code="TX-U01"):
    city = databases.workspace(databases.url("city"))
    init_site(city, role="city", code="TZ-CITY", name="泰州市招商办")
    city.reference.units.create({"code": code, "name": "泰兴高新区招商单元"})
    return city, exchange.make_setup_file(city, code, tmp_path / f"setup-{code}.json")


def company_names(ws) -> set[str]:
    with ws.read() as s:
        return set(s.scalars(select(Company.name)))


@pytest.fixture
def first_start(qtbot):
    from zsdesk.ui.first_start import FirstStartWindow

    def make(ws):
        window = FirstStartWindow(ws, confirm=lambda parent, info: True)
        qtbot.addWidget(window)
        window.show()
        return window

    return make


def test_first_start_creates_the_city_site(qtbot, databases, first_start):
    ws = databases.workspace(databases.url("new"))
    assert not ws.initialised
    window = first_start(ws)
    qtbot.keyClicks(window.code_edit, "tz-city")
    window.name_edit.setText("泰州市招商办")  # QTest types Latin-1 only
    click(qtbot, window.create_button)
    qtbot.waitUntil(lambda: window.site is not None, timeout=WAIT)
    assert window.result() == window.DialogCode.Accepted
    assert (window.site.code, window.site.role) == ("TZ-CITY", "city")
    again = databases.workspace(databases.url("new"))
    assert again.site.is_city and again.site.name == "泰州市招商办"


def test_first_start_needs_a_code_and_a_name(qtbot, databases, first_start):
    ws = databases.workspace(databases.url("new"))
    window = first_start(ws)
    click(qtbot, window.create_button)
    assert window.error_label.isVisible() and window.site is None and not ws.initialised


def test_a_county_joins_from_the_first_start_window_and_enrols_at_the_city(
        qtbot, databases, tmp_path, first_start, monkeypatch):
    city, setup = city_with_setup_file(databases, tmp_path)
    county = databases.workspace(databases.url("county"))
    window = first_start(county)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(setup), ""))
    click(qtbot, window.choose_setup_button)
    qtbot.waitUntil(lambda: window.join_button.isVisible(), timeout=WAIT)
    shown = window.setup_label.text()
    assert "泰州市招商办" in shown and fingerprint(city) in shown   # computed from the city's key
    assert "TX-U01" in shown
    click(qtbot, window.join_button)
    qtbot.waitUntil(lambda: window.site is not None, timeout=WAIT)
    assert (window.site.code, window.site.role) == ("TX-U01", "county")
    county.companies.create({"name": "首次启动加入有限公司"})
    result = exchange.import_package(city, exchange.export_package(county, tmp_path / "box").path)
    assert result.status == "applied"
    assert "首次启动加入有限公司" in company_names(city)


def test_a_wrong_file_in_the_first_start_window_is_refused(qtbot, databases, tmp_path, first_start):
    county = databases.workspace(databases.url("county"))
    bad = tmp_path / "notes.json"
    bad.write_text("{}", encoding="utf-8")
    window = first_start(county)
    window.use_setup_file(str(bad))
    qtbot.waitUntil(lambda: window.error_label.isVisible(), timeout=WAIT)
    assert "入网文件" in window.error_label.text()
    assert not window.join_button.isVisible() and not county.initialised


@pytest.fixture
def open_page(qtbot, runner):
    from zsdesk.ui.pages.sync import SyncPage

    def make(ws):
        page = SyncPage(ws, runner)
        page.confirm_join = lambda parent, info: True
        qtbot.addWidget(page)
        page.resize(1200, 1000)
        page.show()
        qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
        return page

    return make


def test_a_county_with_records_joins_from_the_sync_page_and_keeps_them(
        qtbot, databases, tmp_path, open_page, monkeypatch):
    city, setup = city_with_setup_file(databases, tmp_path)
    county = databases.workspace(databases.url("county"))
    init_site(county, role="county", code="TX-U01", name="泰兴高新区")
    county.companies.create({"name": "入网前录入有限公司"})
    page = open_page(county)
    assert "命令行" not in page.peers_empty.text() and "zsdesk" not in page.peers_empty.text()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(setup), ""))
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        click(qtbot, page.join_button)
    qtbot.waitUntil(lambda: page.data.peers != [], timeout=WAIT)
    assert "已加入市级同步" in page.import_banner.text()
    assert page.join_button.isHidden()
    assert "入网前录入有限公司" in company_names(county)
    result = exchange.import_package(city, exchange.export_package(county, tmp_path / "box").path)
    assert result.status == "applied"
    assert "入网前录入有限公司" in company_names(city)


def test_a_setup_file_picked_in_the_import_dialog_is_recognised(
        qtbot, databases, tmp_path, open_page, monkeypatch):
    city, setup = city_with_setup_file(databases, tmp_path)
    page = open_page(city)
    before = dump_all(city)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(setup), ""))
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: "这是入网文件，不是同步文件" in page.import_banner.text(), timeout=WAIT)
    assert "U盘" not in page.import_banner.text()
    assert not page.join_button.isVisible()
    assert dump_all(city) == before


def test_a_setup_file_picked_in_the_import_dialog_joins_a_county_without_a_city(
        qtbot, databases, tmp_path, open_page, monkeypatch):
    city, setup = city_with_setup_file(databases, tmp_path)
    county = databases.workspace(databases.url("county"))
    init_site(county, role="county", code="TX-U01", name="泰兴高新区")
    page = open_page(county)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(setup), ""))
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: "已加入市级同步" in page.import_banner.text(), timeout=WAIT)
    assert county.site.code == "TX-U01" and exchange.peers(county)[0].code == "TZ-CITY"


def test_a_double_clicked_setup_file_opens_the_join_choice_at_first_start(qtbot, databases, tmp_path, monkeypatch):
    """``zsdesk FILE`` with the city's setup file on a new database: the first-start
    window has already read it; joining there opens the site."""
    import argparse

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from zsdesk.ui import first_start as module
    from zsdesk.ui.app import first_start

    city, setup = city_with_setup_file(databases, tmp_path)
    county = databases.workspace(databases.url("county"))
    monkeypatch.setattr(module, "confirm_join", lambda parent, info: True)
    seen: list[str] = []

    def drive() -> None:
        window = QApplication.activeModalWidget()
        if isinstance(window, module.FirstStartWindow) and window.join_button.isVisible():
            seen.append(window.setup_label.text())
            window.confirm = module.confirm_join
            window.join_button.click()
        else:
            QTimer.singleShot(50, drive)

    QTimer.singleShot(50, drive)
    args = argparse.Namespace(db=databases.url("county"), demo=False, command=None, open_file=str(setup))
    ws = first_start(county, args, None)
    assert ws is county and county.site.code == "TX-U01"
    assert seen and fingerprint(city) in seen[0]
    assert args.opened_in_first_start  # the main window does not preview it again as a sync file


def test_open_another_database_from_the_first_start_window(qtbot, databases, tmp_path, first_start, monkeypatch):
    ws = databases.workspace(databases.url("new"))
    other = tmp_path / "other.db"
    window = first_start(ws)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    click(qtbot, window.open_other_button)
    assert window.other_database == str(other) and window.site is None
    assert window.result() == window.DialogCode.Accepted and not ws.initialised
