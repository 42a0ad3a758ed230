"""The main window over a real database: navigation and lazy pages, placeholders
for missing or broken pages, title and status bar, the 同步 badge, drill-down,
shortcuts, the language setting and its translation, the 设置 page, and how
``run()`` starts (or refuses to start)."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtWidgets import QWidget

from zsdesk.db.engine import Database
from zsdesk.services import Workspace, init_site

TODAY = dt.date(2026, 6, 15)
SITE = {"role": "county", "code": "TX-U01", "name": "泰兴高新区招商单元"}

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"), pytest.mark.usefixtures("isolated_settings")]




def _workspace(path) -> Workspace:
    return Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="测试员")


@pytest.fixture
def county(tmp_path):
    """A county site with one project and one visit signed/made this year."""
    ws = _workspace(tmp_path / "county.db")
    init_site(ws, **SITE)
    [unit] = ws.reference.list_units()
    company = ws.companies.create({"name": "扬子江药业集团有限公司"})
    project = ws.projects.create({"unit_id": unit.id, "company_id": company, "name": "中药配方颗粒生产基地",
                                  "contract_date": dt.date(2026, 3, 10), "contract_investment": "12345.67"})
    ws.projects.add_arrival(project, dt.date(2026, 5, 20), "3000")
    ws.visits.create({"unit_id": unit.id, "company_id": company, "visit_date": dt.date(2026, 6, 1),
                      "kind": "上门招商", "trip_days": 2})
    yield ws
    ws.close()


@pytest.fixture
def city(tmp_path):
    """The city office with two units and a target for each."""
    ws = _workspace(tmp_path / "city.db")
    init_site(ws, role="city", code="TZ-CITY", name="泰州市商务局")
    for code, name in (("U01", "海陵区招商局"), ("U02", "高港区招商局")):
        unit = ws.reference.units.create({"code": code, "name": name})
        ws.reference.set_target(2026, unit, "signed_investment", "20000")
    yield ws
    ws.close()


class StubListPage(QWidget):
    """A list page as the registry makes it; records what the window asks of it."""

    made: list[StubListPage] = []

    def __init__(self, ws, tasks, parent=None):
        super().__init__(parent)
        self.calls: list[tuple] = []
        self.news = 0
        self.searches = 0
        self.refreshes = 0
        StubListPage.made.append(self)

    def show_rows(self, table, row_ids, title):
        self.calls.append((table, list(row_ids), title))

    def new_record(self):
        self.news += 1

    def focus_search(self):
        self.searches += 1

    def refresh(self):
        self.refreshes += 1


class SignallingPage(StubListPage):
    """A page that tells the window the sync state changed (as 同步 does after an import)."""

    sync_changed = Signal()


class FailingPage(QWidget):
    def __init__(self, ws, tasks, parent=None):
        raise RuntimeError("构造失败")


def _registry(**changes) -> tuple:
    from zsdesk.ui.pages import PAGES

    out = []
    for entry in PAGES:
        if entry.key in changes:
            module, cls = changes[entry.key]
            entry = replace(entry, module=module, class_name=cls)
        out.append(entry)
    return tuple(out)


STUBS = {"projects": (__name__, "StubListPage"), "visits": (__name__, "StubListPage")}


def _open(qtbot, ws, pages=None):
    from zsdesk.ui.main_window import MainWindow

    win = MainWindow(ws, pages=pages)
    qtbot.addWidget(win)
    win.resize(1360, 860)
    win.show()
    qtbot.waitExposed(win)
    # the first page is made once the window is painted
    qtbot.waitUntil(lambda: "dashboard" in win.pages and win.pages["dashboard"].data is not None
                    and not win._status_loading, timeout=10_000)
    return win


@pytest.fixture
def window(qtbot, county):
    StubListPage.made.clear()
    return _open(qtbot, county, _registry(**STUBS))


# --- title, status bar, badge ------------------------------------------------------------------

def test_title_names_the_site_and_its_level(window):
    assert window.windowTitle() == "泰兴高新区招商单元 · 县级 — 招商桌面"


def test_status_bar_names_the_database_and_sync_state(window, county):
    assert str(county.db.path) in window.db_label.text()
    assert window.sync_label.text() == "尚未同步"
    assert window.migration_label.isHidden()        # a new database needed no migration
    assert window.task_status.isHidden()            # nothing running


def test_status_bar_shows_what_the_city_acknowledged(qtbot, window, county):
    from zsdesk.db.models import SyncPeer

    with county.read() as s:
        s.add(SyncPeer(site_id="city-site", code="TZ-CITY", name="泰州市商务局", role="city",
                       acked_at=dt.datetime(2026, 6, 14, 1, 30, tzinfo=dt.UTC)))
    window.refresh_status()
    qtbot.waitUntil(lambda: "已收到" in window.sync_label.text(), timeout=5000)
    assert window.sync_label.text() == "泰州市商务局已收到截至 2026-06-14 09:30 的数据"


def test_the_sync_entry_shows_the_number_of_open_conflicts(qtbot, window, county):
    from zsdesk.db.models import Conflict
    from zsdesk.db.types import new_id, utcnow

    assert window.badge("sync") == 0
    with county.read() as s:
        for field in ("name", "contract_investment"):
            s.add(Conflict(id=new_id(), tbl="projects", row_id=new_id(), field=field, status="open",
                           versions=json.dumps([{"token": "a", "site": "x", "hlc": 1, "value": 1}]),
                           detected_at=utcnow()))
        s.add(Conflict(id=new_id(), tbl="projects", row_id=new_id(), field="name", status="resolved",
                       versions="[]", detected_at=utcnow()))
    window.refresh()                                  # F5
    qtbot.waitUntil(lambda: window.badge("sync") == 2, timeout=5000)
    item = window.nav.item(7)
    assert "2 个同步冲突待处理" in item.toolTip()
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "同步 2"


def test_a_page_saying_the_sync_state_changed_refreshes_the_badge(qtbot, county):
    from zsdesk.db.models import Conflict
    from zsdesk.db.types import new_id, utcnow

    win = _open(qtbot, county, _registry(sync=(__name__, "SignallingPage")))
    page = win.show_page("sync")
    with county.read() as s:
        s.add(Conflict(id=new_id(), tbl="projects", row_id=new_id(), field="name", status="open",
                       versions="[]", detected_at=utcnow()))
    assert win.badge("sync") == 0
    page.sync_changed.emit()
    qtbot.waitUntil(lambda: win.badge("sync") == 1, timeout=5000)


# --- navigation -------------------------------------------------------------------------------------

def test_navigation_switches_pages_and_makes_them_on_first_show(qtbot, window):
    from zsdesk.ui.pages.dashboard import DashboardPage
    from zsdesk.ui.pages.settings import SettingsPage

    assert isinstance(window.stack.currentWidget(), DashboardPage)
    assert set(window.pages) == {"dashboard"}          # the others are made when first shown
    labels = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert labels == ["工作台", "拜访记录", "招商线索", "签约项目", "客商库", "载体", "统计与简报", "同步", "设置",
                      "落户预审", "产业链图谱", "招商活动"]

    window.nav.setCurrentRow(8)
    assert window.current_key() == "settings"
    assert isinstance(window.stack.currentWidget(), SettingsPage)
    window.nav.setCurrentRow(3)
    assert isinstance(window.stack.currentWidget(), StubListPage)
    assert set(window.pages) == {"dashboard", "settings", "projects"}

    # shown again: the same page, refreshed
    page = window.pages["projects"]
    window.nav.setCurrentRow(0)
    window.nav.setCurrentRow(3)
    assert window.stack.currentWidget() is page and page.refreshes == 1


def test_ctrl_digits_switch_pages(qtbot, window):
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_9, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "settings"
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "projects"
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert window.current_key() == "dashboard"
    shortcuts = [a.shortcut().toString() for a in window.page_actions.values()]
    assert shortcuts[:9] == [f"Ctrl+{i}" for i in range(1, 10)]
    assert all(not s for s in shortcuts[9:])  # pages after the ninth: no digit left


def test_ctrl_n_and_ctrl_f_go_to_the_current_page_and_ctrl_s_is_left_to_forms(qtbot, window):
    from PySide6.QtGui import QAction, QKeySequence

    window.show_page("projects")
    page = window.pages["projects"]
    window.activateWindow()
    qtbot.waitActive(window)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert (page.news, page.searches) == (1, 1)

    window.show_page("dashboard")                      # no new_record there: the action is off
    assert not window.new_action.isEnabled()
    save = QKeySequence(QKeySequence.StandardKey.Save)
    assert not [a for a in window.findChildren(QAction) if a.shortcut() == save]


def test_a_missing_or_broken_page_becomes_a_placeholder(qtbot, county, monkeypatch, tmp_path):
    from zsdesk.ui.pages.placeholder import PlaceholderPage

    # a page whose module exists but needs something that is not installed
    (tmp_path / "zsdesk_test_broken_page.py").write_text("import zsdesk_no_such_dependency\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    pages = _registry(leads=("zsdesk.ui.pages.no_such_page", "LeadsPage"),
                      companies=("zsdesk_test_broken_page", "CompaniesPage"),
                      carriers=(__name__, "FailingPage"),
                      visits=(__name__, "NoSuchClass"))
    win = _open(qtbot, county, pages)

    missing = win.show_page("leads")
    assert isinstance(missing, PlaceholderPage) and missing.missing
    assert "“招商线索”页面暂不可用" in missing.text()
    for key in ("companies", "carriers"):
        page = win.show_page(key)
        assert isinstance(page, PlaceholderPage) and not page.missing
        assert "暂时无法打开" in page.text()
    assert "构造失败" in win.pages["carriers"].text()
    assert isinstance(win.show_page("visits"), PlaceholderPage)
    # the window carries on
    win.show_page("dashboard")
    assert win.current_key() == "dashboard"


def test_the_sync_placeholder_shows_the_sync_status(qtbot, county):
    win = _open(qtbot, county, _registry(sync=("zsdesk.ui.pages.no_sync_page_here", "SyncPage")))
    page = win.show_page("sync")
    qtbot.waitUntil(lambda: "本站点：" in page.status_label.text(), timeout=5000)
    text = page.status_label.text()
    assert "泰兴高新区招商单元（TX-U01）" in text
    assert "尚未与任何站点交换过同步文件" in text
    assert "待处理冲突：0 个" in text


# --- drill-down --------------------------------------------------------------------------------------

def test_a_kpi_card_opens_exactly_its_rows_on_the_list_page(qtbot, window, county):
    from zsdesk import metrics

    dashboard = window.pages["dashboard"]
    expected = metrics.year_report(county).units[0]

    qtbot.mouseClick(dashboard.cards["signed_projects"], Qt.MouseButton.LeftButton)
    assert window.current_key() == "projects"
    projects = window.pages["projects"]
    assert projects.calls == [("projects", expected["signed_projects"].row_ids, "2026年度 · 签约项目")]
    assert len(projects.calls[0][1]) == 1

    window.show_page("dashboard")
    qtbot.mouseClick(dashboard.cards["arrived_capital"], Qt.MouseButton.LeftButton)
    assert window.current_key() == "projects"      # capital arrivals are listed with their projects
    assert projects.calls[-1][:2] == ("capital_arrivals", expected["arrived_capital"].row_ids)

    window.show_page("dashboard")
    qtbot.mouseClick(dashboard.cards["trip_days"], Qt.MouseButton.LeftButton)
    assert window.current_key() == "visits"
    assert window.pages["visits"].calls == [("visits", expected["trip_days"].row_ids, "2026年度 · 外出招商天数")]


def test_a_unit_cell_opens_its_rows_and_an_empty_figure_only_says_so(qtbot, window, county):
    from zsdesk.ui.models import UnitColumn

    dashboard = window.pages["dashboard"]
    cell = dashboard.unit_model.index(0, UnitColumn.SIGNED_INVESTMENT)
    dashboard.unit_table.activated.emit(cell)
    assert window.current_key() == "projects"
    assert window.pages["projects"].calls[-1][1] == dashboard.cards["signed_investment"].figure.row_ids

    window.show_page("dashboard")
    qtbot.mouseClick(dashboard.cards["production_rate"], Qt.MouseButton.LeftButton)   # none due yet
    assert window.current_key() == "dashboard"
    assert "没有明细记录" in window.statusBar().currentMessage()


def test_drill_down_reaches_the_real_projects_page(qtbot, county, monkeypatch):
    try:
        from zsdesk.ui.pages.projects import ProjectsPage
    except Exception as exc:
        pytest.skip(f"the projects list page is not importable yet: {exc}")
    calls = []
    original = ProjectsPage.show_rows

    def spy(self, table, row_ids, title):
        calls.append((table, list(row_ids), title))
        return original(self, table, row_ids, title)

    monkeypatch.setattr(ProjectsPage, "show_rows", spy)
    win = _open(qtbot, county)
    card = win.pages["dashboard"].cards["signed_projects"]
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert isinstance(win.pages["projects"], ProjectsPage)
    assert calls == [("projects", card.figure.row_ids, "2026年度 · 签约项目")]


def test_the_window_keys_reach_the_real_list_page(qtbot, county):
    """A list page with its own Ctrl+F would make the key ambiguous (and dead)."""
    from PySide6.QtWidgets import QApplication, QLineEdit

    try:
        from zsdesk.ui.pages.projects import ProjectsPage  # noqa: F401
    except Exception as exc:
        pytest.skip(f"the projects list page is not importable yet: {exc}")
    win = _open(qtbot, county)
    page = win.show_page("projects")
    win.activateWindow()
    qtbot.waitActive(win)
    qtbot.keyClick(win, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    focused = QApplication.focusWidget()
    assert isinstance(focused, QLineEdit) and page.isAncestorOf(focused)


# --- the task runner in the window --------------------------------------------------------------------

def test_an_unhandled_task_error_is_shown_in_plain_words(qtbot, window):
    from PySide6.QtWidgets import QMessageBox

    from zsdesk.errors import StorageError

    def fail():
        raise StorageError("数据库被占用：另一个程序正在写入，请稍后再试。未保存任何内容。")

    task = window.tasks.run(fail, title="保存项目")
    qtbot.waitUntil(lambda: not task.running, timeout=5000)
    qtbot.waitUntil(lambda: bool([b for b in window.findChildren(QMessageBox) if b.isVisible()]),
                    timeout=5000)
    [box] = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert "“保存项目”未能完成" in box.text()
    assert box.informativeText().startswith("数据库被占用")
    box.close()


# --- language --------------------------------------------------------------------------------------------

def test_choosing_english_is_remembered_for_the_next_start(qtbot, window):
    from zsdesk.ui import i18n

    page = window.show_page("settings")
    assert i18n.current_language() == "zh_CN"
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    assert QSettings().value(i18n.SETTINGS_KEY) == "en"
    assert i18n.current_language() == "en"
    assert "重新启动" in page.language_note.text()
    assert QCoreApplication.translate("Pages", "工作台") == "工作台"   # applies on restart


def test_the_english_translation_compiles_loads_and_translates(qapp, tmp_path, caplog):
    from zsdesk.ui import i18n

    try:
        assert i18n.install_translators(qapp, "en", cache=tmp_path / "cache") == "en"
        assert (tmp_path / "cache" / "zsdesk_en.qm").is_file()
        assert QCoreApplication.translate("Pages", "工作台") == "Dashboard"
        assert QCoreApplication.translate("MainWindow", "尚未同步") == "Not synchronised yet"
    finally:
        assert i18n.install_translators(qapp, "zh_CN") == "zh_CN"
    assert QCoreApplication.translate("Pages", "工作台") == "工作台"


def test_without_lrelease_the_app_stays_chinese_and_says_so(qapp, tmp_path, monkeypatch, caplog):
    from zsdesk.ui import i18n

    monkeypatch.setattr(i18n, "find_tool", lambda name: None)
    monkeypatch.setattr(i18n, "_current", lambda qm, ts: False)   # no compiled file anywhere
    try:
        assert i18n.install_translators(qapp, "en", cache=tmp_path / "empty") == "zh_CN"
    finally:
        i18n.install_translators(qapp, "zh_CN")
    assert "lrelease not found" in caplog.text


# --- 设置 ------------------------------------------------------------------------------------------------

@pytest.fixture
def city_settings(qtbot, city):
    from zsdesk.ui.pages.settings import SettingsPage
    from zsdesk.ui.tasks import TaskRunner

    runner = TaskRunner()
    page = SettingsPage(city, runner)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    yield page
    runner.shutdown(10_000)


def _target_cell(page, unit_name: str, metric: str):
    from zsdesk.domain import TARGET_METRICS

    model = page.targets_model
    row = [u.name for u in model.units].index(unit_name)
    return model.index(row, 1 + TARGET_METRICS.index(metric))


def test_a_reload_of_the_page_keeps_a_target_typed_but_not_saved(qtbot, city_settings, city):
    """The page reloads whenever it is shown again; a cell typed just before the
    reload lands must not silently lose what was typed."""
    page = city_settings
    cell = _target_cell(page, "海陵区招商局", "signed_investment")
    assert page.targets_model.setData(cell, "36,000")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.refresh()
    cell = _target_cell(page, "海陵区招商局", "signed_investment")
    assert cell.data(Qt.ItemDataRole.EditRole) == "36,000"
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None      # still marked as edited
    assert len(page.targets_model.pending()) == 1
    page.discard_targets_button.click()
    assert page.targets_model.pending() == []


def test_a_reload_while_a_target_is_being_typed_keeps_what_is_typed(qtbot, city_settings, city):
    """The clerk is typing in a target cell (the editor still open) when the page's
    reload lands: the typed value stays as an edit, not lost with the editor."""
    from PySide6.QtWidgets import QLineEdit

    page = city_settings
    table = page.targets_table
    cell = _target_cell(page, "海陵区招商局", "signed_investment")
    table.setCurrentIndex(cell)
    table.edit(cell)
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.setText("42,000")
    with qtbot.waitSignal(page.loaded, timeout=5000):
        page.refresh()
    cell = _target_cell(page, "海陵区招商局", "signed_investment")
    assert cell.data(Qt.ItemDataRole.EditRole) == "42,000"
    assert len(page.targets_model.pending()) == 1


def test_the_city_saves_a_target_through_the_services(qtbot, city_settings, city, qtmodeltester):
    page = city_settings
    cell = _target_cell(page, "海陵区招商局", "signed_investment")
    assert cell.data() == "20,000"
    assert cell.data(Qt.ItemDataRole.EditRole) == "20000"
    assert page.targets_model.setData(cell, "35,000")
    assert cell.data(Qt.ItemDataRole.BackgroundRole) is not None      # marked as edited
    with qtbot.waitSignal(page.saved, timeout=5000) as saved:
        page.save_targets_button.click()
    assert saved.args == ["targets"]
    unit = {u.name: u.id for u in city.reference.list_units()}["海陵区招商局"]
    assert city.reference.targets_for(2026)[unit]["signed_investment"] == Decimal(35000)
    qtbot.waitUntil(lambda: _target_cell(page, "海陵区招商局", "signed_investment").data() == "35,000",
                    timeout=5000)
    qtmodeltester.check(page.targets_model)
    qtmodeltester.check(page.units_model)


def test_a_bad_target_is_refused_in_its_row_and_nothing_is_saved(qtbot, city_settings, city):
    page = city_settings
    good = _target_cell(page, "海陵区招商局", "visits")
    bad = _target_cell(page, "高港区招商局", "signed_investment")
    page.targets_model.setData(good, "300")
    page.targets_model.setData(bad, "三万块")
    page.save_targets_button.click()
    assert not page.targets_error.isHidden()
    assert "高港区招商局 · 签约金额(万元)：“三万块”不是有效金额" in page.targets_error.text()
    assert bad.data(Qt.ItemDataRole.ToolTipRole) == "“三万块”不是有效金额"
    qtbot.wait(100)
    targets = city.reference.targets_for(2026)
    assert all("visits" not in t for t in targets.values())          # the good one was not saved either


def test_the_city_saves_a_light_limit_and_a_bad_one_is_refused_next_to_its_field(qtbot, city_settings, city):
    page = city_settings
    page.limit_edits["project_start_months"].setText("9")
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save_limits_button.click()
    assert city.reference.light_limits()["project_start_months"] == 9

    qtbot.waitUntil(lambda: page.limit_edits["project_start_months"].text() == "9", timeout=5000)
    page.limit_edits["project_start_months"].setText("12")
    page.limit_edits["yellow_days"].setText("0")
    page.save_limits_button.click()
    label = page.limit_errors["yellow_days"]
    qtbot.waitUntil(lambda: not label.isHidden(), timeout=5000)
    assert label.text() == "不能小于1"
    assert page.limit_errors["project_start_months"].isHidden()
    assert city.reference.light_limits()["project_start_months"] == 9   # nothing saved half-way


def test_the_city_saves_scoring_rules_as_a_new_version(qtbot, city_settings, city):
    page = city_settings
    assert city.reference.scoring_rules().version == 1
    page.weight_edits["weights.visits"].setText("x")
    page.save_rules_button.click()
    qtbot.waitUntil(lambda: not page.weight_errors["weights.visits"].isHidden(), timeout=5000)
    assert page.weight_errors["weights.visits"].text() == "“x”不是有效金额"
    assert city.reference.scoring_rules().version == 1

    page.weight_edits["weights.visits"].setText("5")
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.save_rules_button.click()
    rules = city.reference.scoring_rules()
    assert rules.version == 2 and json.loads(rules.weights)["visits"] == 5


def test_the_city_adds_renames_and_deactivates_a_unit(qtbot, city_settings, city):
    from zsdesk.ui.pages.settings import UnitDialog

    page = city_settings
    dialog = UnitDialog(city, page.tasks, page)
    qtbot.addWidget(dialog)
    dialog.code_edit.setText("U01")                  # taken
    dialog.name_edit.setText("姜堰区招商局")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.code_error.isHidden(), timeout=5000)
    assert dialog.code_error.text() == "单元代码“U01”已存在"
    dialog.code_edit.setText("U03")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save()
    assert "姜堰区招商局" in [u.name for u in city.reference.list_units()]

    page.refresh()
    qtbot.waitUntil(lambda: page.units_model.rowCount() == 3, timeout=5000)
    row = [u.name for u in page.units_model.rows].index("姜堰区招商局")
    page.units_table.selectRow(row)
    with qtbot.waitSignal(page.saved, timeout=5000):
        page.toggle_unit()
    assert "姜堰区招商局" not in [u.name for u in city.reference.list_units()]   # inactive


def test_a_county_sees_the_reference_data_read_only(qtbot, county):
    from zsdesk.ui.pages.settings import SettingsPage
    from zsdesk.ui.tasks import TaskRunner

    runner = TaskRunner()
    page = SettingsPage(county, runner)
    qtbot.addWidget(page)
    page.show()
    try:
        qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
        assert not page.read_only_note.isHidden()
        assert "由市级维护" in page.read_only_note.text()
        cell = page.targets_model.index(0, 1)
        assert not cell.flags() & Qt.ItemFlag.ItemIsEditable
        assert not page.targets_model.setData(cell, "5")
        assert all(e.isReadOnly() for e in (*page.limit_edits.values(), *page.weight_edits.values()))
        for button in (page.save_targets_button, page.save_limits_button, page.save_rules_button,
                       page.add_unit_button):
            assert button.isHidden()
        assert page.limit_edits["project_start_months"].text() == "6"
    finally:
        runner.shutdown(10_000)


# --- run() ---------------------------------------------------------------------------------------------------

def _args(db, *, demo: bool = False) -> argparse.Namespace:
    return argparse.Namespace(db=str(db), demo=demo, command=None)


def test_an_uninitialised_database_is_refused_with_what_to_run(tmp_path):
    from zsdesk.ui.app import NotInitialised, open_for_gui

    with pytest.raises(NotInitialised) as refused:
        open_for_gui(_args(tmp_path / "empty.db"))
    assert "zsdesk init" in str(refused.value)
    assert "zsdesk --demo" in str(refused.value)


def test_run_on_an_uninitialised_database_returns_2(qapp, tmp_path, monkeypatch, capsys):
    from zsdesk.ui.app import run

    monkeypatch.setenv("ZSDESK_QUIT_AFTER_MS", "50")   # closes the message box
    assert run(_args(tmp_path / "empty.db")) == 2
    assert "数据库尚未初始化" in capsys.readouterr().err


def test_run_shows_the_main_window_and_quits_when_told(qapp, county, monkeypatch, capsys):
    from zsdesk.ui.app import SHOWN_MESSAGE, run

    monkeypatch.setenv("ZSDESK_QUIT_AFTER_MS", "300")
    assert run(_args(county.db.path)) == 0
    assert SHOWN_MESSAGE in capsys.readouterr().out


def test_demo_database_is_generated_once(tmp_path):
    demo = pytest.importorskip("zsdesk.demo", reason="the demo generator is not in this tree yet")
    from zsdesk.ui.app import open_for_gui

    steps: list = []
    ws = open_for_gui(_args(tmp_path / "demo.db", demo=True), progress=steps.append)
    try:
        assert ws.initialised and steps
        assert ws.counts()["projects"] > 0
    finally:
        ws.close()
    again = open_for_gui(_args(tmp_path / "demo.db", demo=True),
                         progress=lambda *a: pytest.fail("demo data generated twice"))
    again.close()
    assert demo.generate  # the signature the app calls


def test_bundled_font_is_the_application_font(qapp):
    from zsdesk.resources import CJK_FONT_FAMILY
    from zsdesk.ui.app import prepare_application

    app = prepare_application()
    assert app.font().families()[0] == CJK_FONT_FAMILY
    assert not app.windowIcon().isNull()


def test_why_a_figure_is_unknown_reads_in_the_interface_language(qapp, tmp_path, ws):
    """The metrics module says why a rate has no value in Chinese (the brief prints
    it); the English interface shows the same reason in English."""
    from zsdesk import metrics
    from zsdesk.reports import periods
    from zsdesk.ui import i18n
    from zsdesk.ui.models import missing_text

    _, period = periods.parse_period("2026-05", "monthly")
    report = metrics.compute(ws, period)       # a new county: nothing signed, no targets
    unit = report.units[0]
    reasons = {k: unit[k].missing for k in ("performance_rate", "start_rate")}
    reasons["score"] = unit.score.missing
    assert reasons["performance_rate"] == "本期无新签约项目"
    assert reasons["score"].startswith("缺少目标：")
    assert missing_text(reasons["performance_rate"]) == "本期无新签约项目"   # Chinese: as written
    try:
        assert i18n.install_translators(qapp, "en", cache=tmp_path / "cache") == "en"
        english = {k: missing_text(v) for k, v in reasons.items()}
    finally:
        i18n.install_translators(qapp, "zh_CN")
    assert english["performance_rate"] == "No projects signed in this period"
    months = report.limits["project_start_months"]
    assert english["start_rate"] == f"No projects signed {months} months ago or earlier"
    assert english["score"].startswith("Targets missing: ") and "Projects signed" in english["score"]
    assert not any(ord(ch) > 0x2E80 for text in english.values() for ch in text), english
