"""统计与简报 page: a real PDF 简报, a real .xlsx 台账 and a ledger import with its
row-by-row preview, on real SQLite files through the window's task runner.

Only the file dialogs (and the hand-over to the system's viewer) are stubbed."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from pypdf import PdfReader
from sqlalchemy import func, select

from test_brief import build
from zsdesk.db.models import Project
from zsdesk.reports import brief

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"), pytest.mark.usefixtures("isolated_settings")]

WAIT = 30_000


@pytest.fixture
def backend() -> str:
    """The page works on the SQLite file of a desktop."""
    return "sqlite"


@pytest.fixture
def open_page(qtbot, runner):
    from zsdesk.ui.pages.reports import ReportsPage

    def make(ws):
        page = ReportsPage(ws, runner)
        qtbot.addWidget(page)
        page.resize(1200, 1000)
        page.show()
        qtbot.waitUntil(lambda: page.data is not None and page._text_loaded_for is not None, timeout=WAIT)
        return page

    return make


@pytest.fixture
def city(city_ws):
    ref = city_ws.reference
    units = {code: ref.units.create({"code": code, "name": name, "sort_order": i})
             for i, (code, name) in enumerate((("A", "甲单元"), ("B", "乙单元")), 1)}
    build(city_ws, units)
    ref.new_scoring_rules({"signed_projects": 50, "signed_investment": 50}, {"overdue_start": 2}, note="测试规则")
    return city_ws


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def save_as(monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


# --- the brief ------------------------------------------------------------------------------------

def test_the_last_complete_month_is_offered_first(city, open_page):
    page = open_page(city)
    assert page.kind_combo.currentText() == "月报"
    assert page.period() == ("monthly", "2026-05")            # today is 2026-06-15
    assert page.period_combo.itemData(0) == "2026-06" and "截至今日" in page.period_combo.itemText(0)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("quarterly"))
    assert page.period() == ("quarterly", "2026-Q1")
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("halfyear"))      # 半年评议
    assert page.kind_combo.currentText() == "半年报"
    assert page.period() == ("halfyear", "2025-H2")
    assert page.period_combo.itemText(0) == "2026-H1　2026年上半年（截至今日）"
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("yearly"))
    assert page.period() == ("yearly", "2025")
    assert [page.unit_combo.itemText(i) for i in range(page.unit_combo.count())] == [
        "全市（正式简报，编期号）", "A 甲单元（预检稿）", "B 乙单元（预检稿）"]


def test_a_monthly_brief_from_the_page_is_a_real_pdf_then_open_and_print(qtbot, city, open_page, tmp_path,
                                                                        monkeypatch):
    page = open_page(city)
    page.set_period("monthly", "2026-05")
    qtbot.waitUntil(lambda: page._text_loaded_for == ("monthly", "2026-05"), timeout=WAIT)
    page.text_edit.setPlainText("一是抓好签约项目开工。\n二是加快资金到位。")
    out = tmp_path / "briefs" / "五月简报.pdf"
    out.parent.mkdir()
    save_as(monkeypatch, out)
    steps: list[int] = []
    page.brief_bar.valueChanged.connect(steps.append)
    with qtbot.waitSignal(page.brief_made, timeout=WAIT) as made:
        click(qtbot, page.make_brief_button)
    result = made.args[0]
    assert result.path == out and out.read_bytes()[:5] == b"%PDF-"
    assert (result.kind, result.code, result.issue) == ("monthly", "2026-05", 5)   # May: 第5期
    assert steps and max(steps) == 5 and page.brief_bar.isHidden()
    text = "".join(p.extract_text() or "" for p in PdfReader(str(out)).pages)
    assert "第5期" in text.replace(" ", "") and "抓好签约项目开工" in text
    # the text was stored for this brief (the city's setting)
    assert brief.brief_text(city, "monthly", "2026-05") == "一是抓好签约项目开工。\n二是加快资金到位。"
    assert f"已生成月报简报 2026-05 第5期：{out}" in page.brief_status.text()
    assert QSettings().value("reports/folder") == str(out.parent)

    # 打开 hands the file to the system (stubbed here); 打印 is tested in test_ui_brief_settings
    assert page.open_brief_button.isVisible() and page.print_brief_button.isVisible()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    click(qtbot, page.open_brief_button)
    assert opened == [str(out)]


def test_a_unit_precheck_and_a_refused_period(qtbot, city, open_page, tmp_path, monkeypatch):
    page = open_page(city)
    page.unit_combo.setCurrentIndex(page.unit_combo.findData("A"))
    save_as(monkeypatch, tmp_path / "precheck.pdf")
    with qtbot.waitSignal(page.brief_made, timeout=WAIT) as made:
        click(qtbot, page.make_brief_button)
    assert made.args[0].issue is None and made.args[0].unit_code == "A"
    assert "A 预检稿" in page.brief_status.text()
    # a folder that does not exist: refused in words, nothing written
    save_as(monkeypatch, tmp_path / "no-such-folder" / "x.pdf")
    click(qtbot, page.make_brief_button)
    qtbot.waitUntil(lambda: page.brief_error.isVisible(), timeout=WAIT)
    assert "没有生成简报：输出文件夹不存在" in page.brief_error.text()
    assert not (tmp_path / "no-such-folder").exists()


def test_a_county_makes_its_own_precheck_and_cannot_write_the_citys_text(qtbot, ws, open_page, tmp_path,
                                                                        monkeypatch):
    page = open_page(ws)
    assert [page.unit_combo.itemData(i) for i in range(page.unit_combo.count())] == ["TX-U01"]
    assert page.text_edit.isReadOnly() and "由市级填写" in page.text_note.text()
    save_as(monkeypatch, tmp_path / "county.pdf")
    with qtbot.waitSignal(page.brief_made, timeout=WAIT) as made:
        click(qtbot, page.make_brief_button)
    assert made.args[0].unit_code == "TX-U01" and (tmp_path / "county.pdf").read_bytes()[:4] == b"%PDF"


# --- ledgers ---------------------------------------------------------------------------------------

def test_ledger_export_writes_an_xlsx(qtbot, ws, unit_id, company_id, open_page, tmp_path, monkeypatch):
    ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "中药配方颗粒生产基地",
                        "contract_date": dt.date(2026, 3, 10), "contract_investment": "12345.67"})
    page = open_page(ws)
    page.ledger_kind_combo.setCurrentIndex(page.ledger_kind_combo.findData("projects"))
    assert page.year_combo.currentData() == 2026
    out = tmp_path / "签约项目台账.xlsx"
    save_as(monkeypatch, out)
    with qtbot.waitSignal(page.ledger_exported, timeout=WAIT):
        click(qtbot, page.export_ledger_button)
    book = load_workbook(out)
    sheet = book.active
    assert sheet["A1"].value == "泰兴高新区招商单元2026年签约项目台账"
    cells = {value for row in sheet.iter_rows(min_row=4, values_only=True) for value in row}
    assert "中药配方颗粒生产基地" in cells
    assert "已导出“泰兴高新区招商单元2026年签约项目台账”（1行）" in page.export_status.text()
    assert page.open_ledger_button.isVisible()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    click(qtbot, page.open_ledger_button)
    assert opened == [str(out)]

    # the statistics workbook too
    page.ledger_kind_combo.setCurrentIndex(page.ledger_kind_combo.findData("stats"))
    save_as(monkeypatch, tmp_path / "统计表.xlsx")
    with qtbot.waitSignal(page.ledger_exported, timeout=WAIT) as done:
        click(qtbot, page.export_ledger_button)
    assert done.args[0].kind == "stats" and len(load_workbook(tmp_path / "统计表.xlsx").sheetnames) > 1


def write_projects_ledger(path) -> None:
    """Three rows: two good ones, one with a date that does not exist."""
    book = Workbook()
    sheet = book.active
    sheet.append(["泰兴高新区招商单元2026年签约项目台账"])
    sheet.append(["序号", "项目名称", "投资方", "签约时间", "计划总投资（万元）", "项目进度"])
    sheet.append([1, "年产5万吨高性能锂电材料项目", "江苏泰兴锂能新材料科技有限公司", "2026-03-05", 5000, "签约"])
    sheet.append([2, "氢能装备制造项目", "南京氢能源有限公司", "2026.13.5", 3000, "签约"])
    sheet.append([3, "智能终端精密结构件项目", "上海精密智造股份有限公司", "2026-04-01", 8000, "签约"])
    book.save(path)


def project_count(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(Project))


def test_ledger_import_opens_the_wizard_and_imports_only_the_valid_rows(qtbot, ws, open_page, tmp_path,
                                                                        monkeypatch):
    """The panel's button opens the 导入Excel台账 wizard (the one of the 文件 menu);
    after the import the page says what was written and that the data changed."""
    from zsdesk.ui.ledger_wizard import IMPORT, LedgerImportWizard, PREVIEW

    path = tmp_path / "签约项目台账.xlsx"
    write_projects_ledger(path)
    before = project_count(ws)
    page = open_page(ws)
    assert page.import_wizard_button.text() == "导入Excel台账…"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(path)], ""))
    click(qtbot, page.import_wizard_button)
    w = page.ledger_wizard
    assert isinstance(w, LedgerImportWizard) and w.isVisible() and w.isModal()
    qtbot.waitUntil(lambda: w.unit_combo.count() > 1, timeout=WAIT)   # the units have been read
    click(qtbot, w.add_files_button)
    for step in range(1, PREVIEW + 1):
        click(qtbot, w.next_button)
        qtbot.waitUntil(lambda step=step: w.step() == step and w.task is None, timeout=WAIT)
    rows = {r.row: r for r in w.fates.rows}
    assert {n: r.fate for n, r in rows.items()} == {3: "created", 4: "refused", 5: "created"}
    assert rows[4].problems == (("签约时间", "“2026.13.5”不是有效日期"),)
    assert project_count(ws) == before   # nothing written before 导入

    with qtbot.waitSignal(page.data_changed, timeout=WAIT), qtbot.waitSignal(page.ledger_imported) as done:
        click(qtbot, w.next_button)
    assert w.step() == IMPORT and done.args[0].applied
    assert project_count(ws) == before + 2
    with ws.read() as s:
        names = set(s.scalars(select(Project.name)))
    assert {"年产5万吨高性能锂电材料项目", "智能终端精密结构件项目"} <= names and "氢能装备制造项目" not in names
    status = page.import_status.text()
    assert page.import_status.isVisible() and "已导入签约项目台账.xlsx：新建2行、拒绝1行。" in status
    assert "被拒绝的1行没有导入" in status
    qtbot.waitUntil(lambda: w.task is None, timeout=WAIT)
    click(qtbot, w.cancel_button)   # 关闭
    assert not w.isVisible()
