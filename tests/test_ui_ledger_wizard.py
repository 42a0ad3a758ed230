"""The 导入Excel台账 wizard driven through its real widgets (pytest-qt): a
brand-new county site imports the first-day ledger (test_ledgers_first_day)
with every good row accepted and every bad row refused with file, row, column
and reason; a mapping edited by hand is remembered; a cancelled import writes
nothing; the first-start window creates a city with the Bozhou catalogue; the
main window opens the wizard from its menu."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import select

from support import COUNTY, count
from test_ledgers_first_day import NEW_COMPANIES, first_day_file, write_book
from zsdesk.db.models import ChangeLog, Company, Industry, Project, Staff, Visit

pytestmark = [pytest.mark.usefixtures("isolated_settings")]

WAIT = 30_000


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def fresh(databases):
    from zsdesk.services import init_site

    ws = databases.workspace(databases.url("fresh"))
    init_site(ws, **COUNTY)
    return ws


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def wizard(qtbot, runner, monkeypatch):
    from zsdesk.ui.ledger_wizard import LedgerImportWizard

    def make(ws, *paths):
        monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in paths], ""))
        w = LedgerImportWizard(ws, runner)
        qtbot.addWidget(w)
        w.show()
        qtbot.waitUntil(lambda: w.unit_combo.count() > 1, timeout=WAIT)   # the units have been read
        click(qtbot, w.add_files_button)
        return w
    return make


def go(qtbot, w, step: int) -> None:
    click(qtbot, w.next_button)
    qtbot.waitUntil(lambda: w.step() == step and w.task is None, timeout=WAIT)


def test_the_wizard_imports_the_first_day_ledger(qtbot, fresh, tmp_path, wizard):
    from zsdesk.ui.ledger_wizard import FILES, IMPORT, MAPPING, PREVIEW, PROPOSALS, SHEETS

    w = wizard(fresh, first_day_file(tmp_path))
    assert w.file_list.count() == 1 and w.step() == FILES
    go(qtbot, w, SHEETS)
    assert w.sheets_table.rowCount() == 1
    assert w.sheets_table.cellWidget(0, 3).currentData() == "projects"
    assert "隐藏行" in w.sheets_table.item(0, 5).text()
    go(qtbot, w, MAPPING)
    headers = [w.mapping_table.item(r, 1).text() for r in range(w.mapping_table.rowCount())]
    assert "包保领导" in headers and "投资情况/计划总投资" in headers
    assert w.mapping_combo("包保领导").currentData() == "owner_staff"
    go(qtbot, w, PROPOSALS)
    staff = sorted(w.staff_list.item(i).text() for i in range(w.staff_list.count()))
    assert staff == [f"张建国（{COUNTY['name']}）", f"李红（{COUNTY['name']}）"]
    assert [w.company_list.item(i).text() for i in range(w.company_list.count())] == NEW_COMPANIES
    car = w.industry_combo("汽车装备制造")
    assert car.currentText() == "高端装备制造"
    car.setCurrentIndex(car.findData(None))   # leave it empty
    assert w.new_staff_check.isChecked()
    go(qtbot, w, PREVIEW)
    rows = {(r.row): r for r in w.fates.rows}
    assert {n: r.fate for n, r in rows.items()} == {
        5: "created", 6: "created", 7: "created", 8: "created", 9: "refused", 10: "refused", 11: "refused",
        12: "skipped"}
    assert rows[9].file == "签约项目台账.xlsx" and rows[9].sheet == "签约项目"
    assert rows[9].problems == (("签约时间", "“2026.13.5”不是有效日期"),)
    assert rows[11].problems == (("计划总投资", "“abc”不是有效金额"),)
    model = w.fates
    assert model.data(model.index(list(rows).index(10), model.COLUMN)) == "项目名称"
    assert "新建4行" in w.summary_label.text() and "拒绝3行" in w.summary_label.text()
    assert count(fresh, Project) == 0 and count(fresh, Staff) == 0   # nothing written before 导入
    assert w.next_button.text() == "导入"
    imported = []
    w.imported.connect(imported.append)
    click(qtbot, w.next_button)
    qtbot.waitUntil(lambda: w.step() == IMPORT and w.task is None and w.outcome is not None, timeout=WAIT)
    assert imported and "已导入" in w.import_label.text()
    with fresh.read() as s:
        projects = {p.name: p for p in s.scalars(select(Project))}
        assert sorted(s.scalars(select(Staff.name))) == ["张建国", "李红"]
        assert sorted(s.scalars(select(Company.name))) == sorted(NEW_COMPANIES)
    assert projects["年产10万套新能源汽车零部件项目"].industry_id is None   # left empty by choice
    with fresh.read() as s:
        assert s.scalar(select(Industry.name).where(Industry.id == projects["中药饮片精深加工项目"].industry_id)) \
            == "现代中医药及大健康"
    assert w.cancel_button.text() == "关闭"
    click(qtbot, w.cancel_button)


def test_a_mapping_edited_in_the_wizard_is_used_and_remembered(qtbot, fresh, tmp_path, wizard):
    from zsdesk.ui.ledger_wizard import IMPORT, MAPPING, PREVIEW, PROPOSALS, SHEETS

    rows = [["项目名称", "企业名称", "签约日期", "总投资", "经办人"],
            ["甲项目", "甲公司有限公司", "2026-03-01", 1000, "周到"]]
    w = wizard(fresh, write_book(tmp_path / "一月.xlsx", [("Sheet1", rows, [], [])]))
    go(qtbot, w, SHEETS)
    go(qtbot, w, MAPPING)
    combo = w.mapping_combo("经办人")
    assert combo.currentData() is None
    combo.setCurrentIndex(combo.findData("owner_staff"))
    go(qtbot, w, PROPOSALS)
    assert w.staff_list.count() == 1 and w.staff_list.item(0).text().startswith("周到")
    go(qtbot, w, PREVIEW)
    click(qtbot, w.next_button)
    qtbot.waitUntil(lambda: w.step() == IMPORT and w.outcome is not None, timeout=WAIT)
    with fresh.read() as s:
        owner = s.scalar(select(Staff.name).join(Project, Project.owner_staff_id == Staff.id))
    assert owner == "周到"
    w.close()

    rows[1] = ["乙项目", "乙公司有限公司", "2026-04-01", 2000, "周到"]
    again = wizard(fresh, write_book(tmp_path / "二月.xlsx", [("Sheet1", rows, [], [])]))
    go(qtbot, again, SHEETS)
    assert "列对应沿用上次" in again.sheets_table.item(0, 5).text()
    go(qtbot, again, MAPPING)
    assert again.mapping_combo("经办人").currentData() == "owner_staff"


def test_cancelling_the_import_writes_nothing(qtbot, fresh, tmp_path, wizard):
    """取消导入 pressed once the import is past half way (its rows checked, the
    writes begun): the transaction is rolled back, nothing is written."""
    from zsdesk.ui.ledger_wizard import IMPORT, PREVIEW

    rows = [["拜访日期", "企业名称", "拜访方式", "我方人员", "洽谈情况"]] + [
        [f"2026.{1 + i % 5}.{1 + i % 27}", f"客商{i:05d}有限公司", "上门拜访", "钱进", f"第{i}次"] for i in range(6000)]
    w = wizard(fresh, write_book(tmp_path / "拜访台账.xlsx", [("拜访", rows, [], [])]))
    for step in range(1, PREVIEW + 1):
        go(qtbot, w, step)
    before = (fresh.counts(), count(fresh, ChangeLog), count(fresh, Staff))
    click(qtbot, w.next_button)
    assert w.step() == IMPORT and w.stop_button.isVisible()
    task = w.task
    # 12,000 steps: the rows checked (0-6,000), then written 2,000 at a time (8,000, 10,000, 12,000)
    qtbot.waitUntil(lambda: task.done_count > 6000, timeout=WAIT)
    assert task.done_count < task.total
    click(qtbot, w.stop_button)
    qtbot.waitUntil(lambda: w.task is None, timeout=WAIT)
    assert "已取消导入，没有写入任何内容" in w.import_label.text()
    assert (fresh.counts(), count(fresh, ChangeLog), count(fresh, Staff)) == before
    assert count(fresh, Visit) == 0


def test_several_workbooks_in_the_wizard(qtbot, fresh, tmp_path, wizard):
    from test_ledgers_first_day import leads_rows, visits_rows
    from zsdesk.ui.ledger_wizard import SHEETS

    second = write_book(tmp_path / "走访和在谈.xlsx", [("拜访", visits_rows(), [], []), ("在谈", leads_rows(), [], [])])
    w = wizard(fresh, first_day_file(tmp_path), second)
    assert w.file_list.count() == 2
    go(qtbot, w, SHEETS)
    kinds = [(w.sheets_table.item(r, 2).text(), w.sheets_table.cellWidget(r, 3).currentData())
             for r in range(w.sheets_table.rowCount())]
    assert kinds == [("签约项目", "projects"), ("拜访", "visits"), ("在谈", "leads")]
    # the 在谈 sheet left out
    w.sheets_table.item(2, 0).setCheckState(Qt.CheckState.Unchecked)
    assert [s.sheet for s in w.chosen()] == ["签约项目", "拜访"]


def test_first_start_creates_a_city_with_the_bozhou_catalogue(qtbot, databases):
    from zsdesk.ui.first_start import FirstStartWindow

    ws = databases.workspace(databases.url("new"))
    window = FirstStartWindow(ws, confirm=lambda parent, info: True)
    qtbot.addWidget(window)
    window.show()
    assert window.template_combo.currentData() == "general"
    window.template_combo.setCurrentIndex(window.template_combo.findData("bozhou"))
    window.code_edit.setText("BZ-CITY")
    window.name_edit.setText("亳州市投资促进局")
    click(qtbot, window.create_button)
    qtbot.waitUntil(lambda: window.site is not None, timeout=WAIT)
    with ws.read() as s:
        names = set(s.scalars(select(Industry.name).where(Industry.parent_id.is_(None))))
    assert {"汽车（农机、环卫）装备制造", "文化旅游创意", "绿色装配", "轻纺"} <= names
    assert "高端装备制造" not in names


def test_the_main_window_opens_the_wizard(qtbot, ws):
    from zsdesk.ui.main_window import MainWindow

    window = MainWindow(ws)
    qtbot.addWidget(window)
    assert window.import_ledgers_action.text() == "导入Excel台账(&I)…"
    window.import_ledgers_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "ledger_wizard", None) is not None and window.ledger_wizard.isVisible(),
                    timeout=WAIT)
    window.ledger_wizard.close()
    window.tasks.shutdown(30_000)


def test_changing_a_sheets_kind(qtbot, fresh, tmp_path, wizard):
    from zsdesk.ui.ledger_wizard import MAPPING, SHEETS

    w = wizard(fresh, first_day_file(tmp_path))
    go(qtbot, w, SHEETS)
    combo = w.sheets_table.cellWidget(0, 3)
    combo.setCurrentIndex(combo.findData("visits"))   # no 拜访日期 column: refused in words, the kind kept
    qtbot.waitUntil(lambda: w.task is None and w.error_label.isVisible(), timeout=WAIT)
    assert "拜访企业台账缺少“拜访日期”列" in w.error_label.text() and "Traceback" not in w.error_label.text()
    assert w.sheets_table.cellWidget(0, 3).currentData() == "projects" and w.sheets[0].kind == "projects"
    combo = w.sheets_table.cellWidget(0, 3)
    combo.setCurrentIndex(combo.findData("leads"))
    qtbot.waitUntil(lambda: w.task is None and w.sheets[0].kind == "leads", timeout=WAIT)
    assert not w.sheets[0].kind_detected
    go(qtbot, w, MAPPING)
    assert w.mapping_combo("签约时间").currentData() is None   # a lead has no 签约日期
    assert w.mapping_combo("投资情况/计划总投资").currentData() == "investment"
