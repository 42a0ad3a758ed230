"""First day (issue 14): a county's 台账 come in whole. A brand-new county site
with an empty roster imports a 签约项目台账 laid out as staff keep it (title
rows, merged headers, 1.2亿, 5000万元, full-width digits, 2026.4.12 dates, a
合计 row, a merged 包保领导 cell, a hidden row) whose people, industries and
companies it has never seen: every good row accepted (new staff and companies
created on confirmation, industry names matched), every bad row refused with
file, row, column and reason. Also: formula cells, several workbooks at once,
the mapping memory, the foreign-only project, cancel, and the Bozhou catalogue."""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from decimal import Decimal as D

import pytest
from sqlalchemy import select

from support import COUNTY, count
from zsdesk.db.models import ChangeLog, Company, Industry, Project, Staff, Visit
from zsdesk.ledgers.importer import Choices, apply, apply_many, preview, preview_many, with_remembered_mapping
from zsdesk.ledgers.reader import read_ledger, read_workbook, remap

TITLE = "泰兴高新区2026年签约项目台账"
NEW_COMPANIES = ["亳州华驰汽车零部件有限公司", "安徽济人中药饮片有限公司", "香港宏达电子科技有限公司",
                 "亳州绿源食品有限公司"]


def first_day_grid():
    """(rows, merges as (r0, c0, r1, c1) 0-based, hidden rows 1-based)."""
    header1 = ["序号", "项目名称", "投资方名称", "产业类别", "签约时间", "投资情况", None, "包保领导", "项目进度", "备注"]
    header2 = [None, None, None, None, None, "计划总投资", "外资(万美元)", None, None, None]
    rows = [
        [TITLE] + [None] * 9,
        ["填报单位：泰兴高新区招商单元　　填报时间：2026年6月1日"] + [None] * 9,
        header1, header2,
        [1, "年产10万套新能源汽车零部件项目", NEW_COMPANIES[0], "汽车装备制造", "2026.4.12", "1.2亿", None, "张建国",
         "已签约", "首批设备进场"],
        [2, "中药饮片精深加工项目", NEW_COMPANIES[1], "中医药", "2026.3.5", "5000万元", None, None, "签约", None],
        [3, "电子元器件生产基地", NEW_COMPANIES[2], "电子信息", "2026年5月20日", None, "１２００", "李红", "已签约",
         "外资项目"],
        [4, "绿色食品加工园", NEW_COMPANIES[3], "食品", "2026/2/1", "３０００", None, "李红", "已签约", None],
        [5, "坏日期项目", "安徽坏日期有限公司", "电子信息", "2026.13.5", 800, None, "李红", "已签约", None],
        [6, None, "安徽无名有限公司", "电子信息", "2026.1.8", 800, None, "李红", "已签约", None],
        [7, "金额不对项目", "安徽金额有限公司", "电子信息", "2026.1.9", "abc", None, "李红", "已签约", None],
        ["合计", None, None, None, None, "2.08亿", "１２００", None, None, None],
    ]
    merges = [(0, 0, 0, 9), (1, 0, 1, 9), (2, 5, 2, 6)] + \
        [(2, c, 3, c) for c in (0, 1, 2, 3, 4, 7, 8, 9)] + [(4, 7, 5, 7)]   # 张建国 for rows 5 and 6
    return rows, merges, [8]   # row 8 (绿色食品加工园) hidden, as a filter leaves it


def write_book(path, sheets):
    """``sheets``: [(name, rows, merges, hidden rows)] into one .xlsx."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows, merges, hidden in sheets:
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    ws.cell(row=r, column=c, value=value)
        for r0, c0, r1, c1 in merges:
            ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
        for r in hidden:
            ws.row_dimensions[r].hidden = True
    wb.save(path)
    return path


def first_day_file(tmp_path, name="签约项目台账.xlsx"):
    rows, merges, hidden = first_day_grid()
    return write_book(tmp_path / name, [("签约项目", rows, merges, hidden)])


@pytest.fixture
def fresh(databases):
    """A brand-new county site: its own unit, the built-in catalogue, nobody in the roster, no companies."""
    from zsdesk.services import init_site

    url = databases.url("fresh")
    ws = databases.workspace(url)
    ws.test_url = url   # for the command line
    init_site(ws, **COUNTY)
    assert count(ws, Staff) == 0 and count(ws, Company) == 0
    return ws


def by_row(report) -> dict[int, dict]:
    return {r["row"]: r for r in report["rows"]}


EXPECTED_REFUSALS = {
    9: [{"column": "签约时间", "field": "contract_date", "reason": "“2026.13.5”不是有效日期"}],
    10: [{"column": "项目名称", "field": "name", "reason": "不能为空"}],
    11: [{"column": "计划总投资", "field": "investment", "reason": "“abc”不是有效金额"}],
}


def test_first_day_through_the_cli(fresh, tmp_path, cli):
    path = first_day_file(tmp_path)
    db = fresh.test_url
    code, out, err = cli("--db", db, "ledger", "import", path, "--dry-run", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert report["kind"] == "projects" and report["header_rows"] == [3, 4]
    rows = by_row(report)
    assert {n: r["fate"] for n, r in rows.items()} == {
        5: "created", 6: "created", 7: "created", 8: "created", 9: "refused", 10: "refused", 11: "refused",
        12: "skipped"}
    for n, problems in EXPECTED_REFUSALS.items():
        assert rows[n]["problems"] == problems, n
    assert "合计" in rows[12]["notes"][0]
    proposals = report["proposals"]
    assert {p["name"] for p in proposals["new_staff"]} == {"张建国", "李红"}
    assert {p["unit"] for p in proposals["new_staff"]} == {COUNTY["name"]}
    assert proposals["new_companies"] == NEW_COMPANIES
    industries = {m["text"]: m["chosen"] for m in proposals["industries"]}
    # the built-in (general) catalogue: 中医药 and 食品 are found in longer names, 汽车装备制造 by likeness
    assert industries == {"汽车装备制造": "高端装备制造", "中医药": "现代中医药及大健康", "食品": "绿色食品"}
    assert "第8行在Excel中是隐藏行" in " ".join(report["notes"])
    assert count(fresh, Project) == 0 and count(fresh, Staff) == 0   # a dry run writes nothing

    code, out, err = cli("--db", db, "ledger", "import", path, "--json")
    assert code == 0, err
    assert json.loads(out)["summary"] == {"created": 4, "updated": 0, "unchanged": 0, "refused": 3, "skipped": 1}
    with fresh.read() as s:
        projects = {p.name: p for p in s.scalars(select(Project))}
        staff = {st.id: st.name for st in s.scalars(select(Staff))}
        industries = {i.id: i.name for i in s.scalars(select(Industry))}
    assert sorted(staff.values()) == ["张建国", "李红"]
    car = projects["年产10万套新能源汽车零部件项目"]
    assert (car.contract_date, car.contract_investment, staff[car.owner_staff_id]) == (
        dt.date(2026, 4, 12), D(12000), "张建国")
    assert industries[car.industry_id] == "高端装备制造"
    tcm = projects["中药饮片精深加工项目"]
    assert (tcm.contract_investment, staff[tcm.owner_staff_id], tcm.contract_date) == (
        D(5000), "张建国", dt.date(2026, 3, 5))   # 张建国 from the merged cell
    foreign = projects["电子元器件生产基地"]
    assert (foreign.contract_investment, foreign.foreign_investment_usd) == (D(0), D(1200))
    assert projects["绿色食品加工园"].contract_investment == D(3000)   # full-width digits, hidden row read
    assert count(fresh, Company) == 4


def test_foreign_only_project_counts_as_major(fresh, tmp_path):
    from zsdesk import metrics

    apply(fresh, read_ledger(first_day_file(tmp_path)), choices=Choices())
    report = metrics.compute(fresh, metrics.Period.year(2026, fresh.today()))
    assert report.total["major_projects"].value == 2   # 1.2亿 and 1200万美元 (not 5000万元, 3000万元)


def test_strict_import_refuses_what_it_does_not_know(fresh, tmp_path):
    result = preview(fresh, read_ledger(first_day_file(tmp_path)))   # no choices: today's strict import
    refused = {r.row: {p.column for p in r.problems} for r in result.rows if r.fate == "refused"}
    assert refused[5] == {"产业类别", "包保领导"} and refused[6] == {"产业类别", "包保领导"}


def test_industry_choices_and_staff_refusal(fresh, tmp_path):
    plan = read_ledger(first_day_file(tmp_path))
    with fresh.read() as s:
        food = s.scalar(select(Industry.id).where(Industry.name == "现代物流"))
    result = preview(fresh, plan, choices=Choices(new_staff=False,
                                                  industries={"汽车装备制造": None, "食品": food}))
    matches = {m.text: (m.proposed_name, m.chosen_name) for m in result.industry_matches}
    assert matches["汽车装备制造"] == ("高端装备制造", None)      # left empty by choice
    assert matches["食品"] == ("绿色食品", "现代物流")               # another picked
    refused = {r.row: {p.column: p.message for p in r.problems} for r in result.rows if r.fate == "refused"}
    assert "不是招商人员名单中的人" in refused[5]["包保领导"] and result.new_staff == []


def test_bozhou_catalogue_matches_the_notice(city_ws, tmp_path):
    from zsdesk.seed import BOZHOU_INDUSTRIES, use_template

    assert use_template(city_ws, "bozhou") > 0
    with city_ws.read() as s:
        names = list(s.scalars(select(Industry.name).where(Industry.parent_id.is_(None), ~Industry.deleted)
                               .order_by(Industry.sort_order)))
    assert [n for n in names if n != "内置目录"][:10] == [name for _, name, _ in BOZHOU_INDUSTRIES] == [
        "现代中医药及大健康", "文化旅游创意", "绿色食品", "新能源和新材料", "汽车（农机、环卫）装备制造", "绿色装配",
        "节能环保", "轻纺", "数字经济", "电子信息"]
    assert use_template(city_ws, "bozhou") == 0   # already so
    uid = city_ws.reference.units.create({"code": "BZ-U01", "name": "谯城区招商单元"})
    assert uid
    result = preview(city_ws, read_ledger(first_day_file(tmp_path)), unit_code="BZ-U01", choices=Choices())
    matches = {m.text: m.chosen_name for m in result.industry_matches}
    assert matches["汽车装备制造"] == "汽车（农机、环卫）装备制造"
    assert matches["中医药"] == "现代中医药及大健康"


def test_a_county_cannot_choose_the_catalogue(fresh):
    from zsdesk.errors import ReadOnlyError
    from zsdesk.seed import use_template

    with pytest.raises(ReadOnlyError):
        use_template(fresh, "bozhou")


# --- formula cells --------------------------------------------------------------------------------

def formula_file(tmp_path, cached: bool):
    """A ledger whose 计划总投资 of row 4 is a formula: with the value Excel/WPS
    would have saved, or (as a program writes it) without one."""
    path = write_book(tmp_path / f"公式{int(cached)}.xlsx", [("Sheet1", [
        ["项目名称", "企业名称", "签约日期", "总投资", "备注"],
        ["甲项目", "甲公司有限公司", "2026-03-01", 1000, None],
        ["乙项目", "乙公司有限公司", "2026-03-02", 2000, None],
        ["丙项目", "丙公司有限公司", "2026-03-03", "=D2+D3", None],
    ], [], [])])
    if cached:   # as Excel or WPS saves it: the formula and its computed value
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        sheet = "xl/worksheets/sheet1.xml"
        parts[sheet] = re.sub(rb"<f>D2\+D3</f><v\s*/?>(</v>)?", b"<f>D2+D3</f><v>3000</v>", parts[sheet])
        assert b"<v>3000</v>" in parts[sheet]
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for n, data in parts.items():
                z.writestr(n, data)
    return path


def test_formula_cells_read_by_their_cached_value(fresh, tmp_path):
    result = preview(fresh, read_ledger(formula_file(tmp_path, cached=True)), choices=Choices())
    assert [r.fate for r in result.rows] == ["created"] * 3
    assert result.creates[2].values["contract_investment"] == D(3000)


def test_formula_cells_without_a_value_are_flagged(fresh, tmp_path):
    result = preview(fresh, read_ledger(formula_file(tmp_path, cached=False)), choices=Choices())
    assert [r.fate for r in result.rows] == ["created", "created", "refused"]
    [problem] = result.rows[2].problems
    assert problem.column == "总投资" and problem.field == "investment"
    assert "公式“=D2+D3”没有保存计算结果" in problem.message and "WPS" in problem.message


# --- several workbooks, several sheets ------------------------------------------------------------

def visits_rows():
    return [["外出招商拜访台账"],
            ["拜访日期", "企业名称", "拜访方式", "地点", "我方人员", "洽谈情况"],
            ["2026.5.6", NEW_COMPANIES[0], "上门拜访", "上海", "张建国、赵敏", "洽谈二期"],
            ["2026.5.8", "苏州新来客商有限公司", "来访", "泰兴", "赵敏", "初次接触"]]


def leads_rows():
    return [["项目名称", "企业名称", "计划总投资（亿元）", "项目阶段", "首报日期", "包保责任人"],
            ["新材料产业园", "苏州新来客商有限公司", 2, "洽谈", "2026.4.1", "赵敏"]]


def test_several_workbooks_at_once(fresh, tmp_path):
    first = first_day_file(tmp_path)
    second = write_book(tmp_path / "走访和在谈.xlsx", [
        ("拜访", visits_rows(), [], []), ("说明", [["本表由招商办填报"]], [], []), ("在谈", leads_rows(), [], [])])
    read = read_workbook(second)
    assert [(p.sheet, p.kind) for p in read.plans] == [("拜访", "visits"), ("在谈", "leads")]
    assert read.skipped_sheets == ["工作表“说明”：没有可识别的表头"]
    plans = read_workbook(first).plans + read.plans
    results = preview_many(fresh, plans, choices=Choices())
    assert [r.counts["created"] for r in results] == [4, 2, 1]
    # a person and a company two sheets name are proposed once
    proposed = {v["id"]: v["name"] for r in results for v in r.new_staff}
    assert sorted(proposed.values()) == ["张建国", "李红", "赵敏"]
    assert results[1].new_companies == [NEW_COMPANIES[0], "苏州新来客商有限公司"]   # created once (below)
    applied = apply_many(fresh, plans, choices=Choices())
    assert all(r.applied for r in applied)
    with fresh.read() as s:
        assert sorted(s.scalars(select(Staff.name))) == ["张建国", "李红", "赵敏"]
        assert s.scalar(select(Company.id).where(Company.name == "苏州新来客商有限公司"))
    assert count(fresh, Company) == 5 and count(fresh, Visit) == 2
    with fresh.read() as s:
        sources = set(s.scalars(select(ChangeLog.source).distinct()))
    assert "ledger:签约项目台账.xlsx、走访和在谈.xlsx" in sources


def test_cancel_leaves_nothing_written(fresh, tmp_path):
    """The wizard's import (``app.ledger_import.run_import``) stopped in the
    middle of its writes as 取消导入 stops it: the task's ``report`` raises at
    the first report after the click. Nothing is written, and the progress the
    bar shows only goes forward (read, then write)."""
    from zsdesk.app.ledger_import import ImportChoices, check_import, read_files, run_import

    rows = [["拜访日期", "企业名称", "拜访方式", "我方人员", "洽谈情况"]] + [
        [f"2026.{1 + i % 5}.{1 + i % 27}", f"客商{i:05d}有限公司", "上门拜访", "钱进", f"第{i}次"] for i in range(3000)]
    path = write_book(tmp_path / "大台账.xlsx", [("拜访", rows, [], [])])
    [sheet] = read_files(fresh, [str(path)]).sheets
    seen = []
    check = check_import(fresh, (sheet,), ImportChoices(), report=lambda done, total, text="": seen.append(done))
    assert dict(check.counts) == {"新建": 3000} and seen == sorted(seen) and seen[-1] >= 1500
    before = (fresh.counts(), count(fresh, ChangeLog), count(fresh, Staff))
    seen, asked = [], []

    class Stop(Exception):   # as ui.tasks.TaskCancelled
        pass

    def report(done, total, text=""):
        seen.append((done, total))
        if asked:
            raise Stop
        if done > total / 2:   # past half way: 取消导入 is pressed
            asked.append(done)

    with pytest.raises(Stop):
        run_import(fresh, (sheet,), ImportChoices(), report=report)
    assert (fresh.counts(), count(fresh, ChangeLog), count(fresh, Staff)) == before
    assert count(fresh, Visit) == 0
    assert seen[-1][1] == 6000 and asked[0] > 3000   # the writes had begun: 2,000 visits were written, then undone
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


# --- the column mapping, remembered ----------------------------------------------------------------

def test_mapping_is_remembered_for_the_layout(fresh, tmp_path):
    rows = [["项目名称", "企业名称", "签约日期", "总投资", "经办人"],
            ["甲项目", "甲公司有限公司", "2026-03-01", 1000, "周到"]]
    path = write_book(tmp_path / "一月.xlsx", [("Sheet1", rows, [], [])])
    plan = read_ledger(path)
    assert "经办人" in plan.ignored_columns
    edited = remap(plan, mapping={4: "owner_staff"})
    assert edited.fields["owner_staff"].header == "经办人" and edited.rows[0].values["owner_staff"] == "周到"
    apply(fresh, edited, choices=Choices())
    # next month's ledger of the same layout is mapped as last time
    rows[1] = ["乙项目", "乙公司有限公司", "2026-04-01", 2000, "周到"]
    again = with_remembered_mapping(fresh, read_ledger(write_book(tmp_path / "二月.xlsx", [("Sheet1", rows, [], [])])))
    assert again.mapping_remembered and again.fields["owner_staff"].index == 4
    result = apply(fresh, again, choices=Choices())
    assert result.counts["created"] == 1 and result.new_staff == []   # 周到 is in the roster since January
    # another layout is not touched
    other = read_ledger(write_book(tmp_path / "其他.xlsx", [("Sheet1", [rows[0][:4], rows[1][:4]], [], [])]))
    assert not with_remembered_mapping(fresh, other).mapping_remembered


def test_a_mapping_that_leaves_out_a_required_column_is_refused(tmp_path):
    from zsdesk.errors import ValidationError

    plan = read_ledger(first_day_file(tmp_path))
    with pytest.raises(ValidationError, match="签约日期"):
        remap(plan, mapping={4: None})
    with pytest.raises(ValidationError, match="一项只能对应一列"):
        remap(plan, mapping={9: "name"})


# --- the catalogue from the command line --------------------------------------------------------------

def test_the_city_chooses_and_edits_its_catalogue_from_the_command_line(databases, cli):
    from zsdesk.app.site import create_city_site, industry_templates

    assert [k for k, _ in industry_templates()] == ["general", "bozhou"]
    url = databases.url("citycli")
    ws = databases.workspace(url)
    create_city_site(ws, "BZ-CITY", "亳州市投资促进局", "bozhou")
    code, out, err = cli("--db", url, "industry", "list")
    assert code == 0 and "I05\t汽车（农机、环卫）装备制造" in out and "I05-1\t  上游核心零部件" in out
    code, out, err = cli("--db", url, "industry", "set", "I08", "--name", "轻纺服装")
    assert code == 0, err
    code, out, err = cli("--db", url, "industry", "set", "I08-3", "--inactive")
    assert code == 0, err
    code, out, err = cli("--db", url, "industry", "list")
    assert "I08\t轻纺服装" in out and "服装家纺" not in out
    code, out, err = cli("--db", url, "industry", "set", "X99", "--name", "无")
    assert code != 0 and "产业目录中没有“X99”" in err
    code, out, err = cli("--db", url, "industry", "template", "general")
    assert code == 0 and "通用产业目录" in out
    code, out, err = cli("--db", url, "industry", "list")
    assert "I05\t高端装备制造" in out


def test_a_county_cannot_edit_the_catalogue_from_the_command_line(fresh, cli):
    code, out, err = cli("--db", fresh.test_url, "industry", "set", "I01", "--name", "中药")
    assert code != 0 and "市级维护" in err


def test_hidden_columns_are_read_and_said(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    sheet = wb.active
    for row in (["项目名称", "企业名称", "签约日期", "总投资", "包保责任人"],
                ["甲项目", "甲公司有限公司", "2026.3.1", "5000万元", "周到"]):
        sheet.append(row)
    sheet.column_dimensions["E"].hidden = True
    path = tmp_path / "隐藏列.xlsx"
    wb.save(path)
    plan = read_ledger(path)
    assert plan.rows[0].values["owner_staff"] == "周到"
    assert "“包保责任人”列在Excel中是隐藏列，照常读取" in plan.notes


def test_a_section_title_merged_across_the_row_is_still_a_section(tmp_path):
    rows = [["项目名称", "企业名称", "签约日期", "总投资", "包保责任人"],
            ["一、工业项目", None, None, None, None],
            ["甲项目", "甲公司有限公司", "2026.3.1", 800, "周到"],
            ["乙项目", "乙公司有限公司", "2026.3.2", 900, None]]
    plan = read_ledger(write_book(tmp_path / "分类.xlsx", [("Sheet1", rows, [(1, 0, 1, 4), (2, 4, 3, 4)], [])]))
    assert [(s.row, s.reason) for s in plan.skipped] == [(2, "分类标题行，不导入")]
    assert [r.values["owner_staff"] for r in plan.rows] == ["周到", "周到"]   # the merge over two rows


def test_several_workbooks_through_the_cli(fresh, tmp_path, cli):
    first = first_day_file(tmp_path)
    second = write_book(tmp_path / "走访和在谈.xlsx", [
        ("拜访", visits_rows(), [], []), ("说明", [["本表由招商办填报"]], [], []), ("在谈", leads_rows(), [], [])])
    code, out, err = cli("--db", fresh.test_url, "ledger", "import", first, second, "--dry-run", "--json")
    assert code == 0, err
    report = json.loads(out)
    assert [(x["file"].rsplit("/", 1)[-1], x["sheet"], x["kind"], x["summary"]["created"])
            for x in report["ledgers"]] == [("签约项目台账.xlsx", "签约项目", "projects", 4),
                                            ("走访和在谈.xlsx", "拜访", "visits", 2), ("走访和在谈.xlsx", "在谈", "leads", 1)]
    assert report["skipped_sheets"] == ["走访和在谈.xlsx：工作表“说明”：没有可识别的表头"]
    assert count(fresh, Visit) == 0
    code, out, err = cli("--db", fresh.test_url, "ledger", "import", first, second)
    assert code == 0, err
    assert "新建招商人员" in out and "拒绝3行" in out
    assert count(fresh, Visit) == 2 and count(fresh, Project) == 4


def test_industry_choices_on_the_command_line(fresh, tmp_path, cli):
    path = first_day_file(tmp_path)
    code, out, err = cli("--db", fresh.test_url, "ledger", "import", path, "--dry-run", "--json",
                         "--industry", "汽车装备制造=I09", "--industry", "食品=")
    assert code == 0, err
    chosen = {m["text"]: (m["proposed"], m["chosen"]) for m in json.loads(out)["proposals"]["industries"]}
    assert chosen["汽车装备制造"] == ("高端装备制造", "现代物流") and chosen["食品"] == ("绿色食品", None)
    code, out, err = cli("--db", fresh.test_url, "ledger", "import", path, "--dry-run", "--industry", "食品=无此产业")
    assert code != 0 and "产业目录中没有“无此产业”" in err
    code, out, err = cli("--db", fresh.test_url, "ledger", "import", path, "--dry-run", "--industry", "食品")
    assert code != 0 and "台账写法=产业代码或名称" in err


def test_industry_names_matched_by_likeness():
    from zsdesk.ledgers.importer import match_industry
    from zsdesk.seed import BOZHOU_INDUSTRIES, INDUSTRIES

    bozhou = [(code, name) for code, name, _ in BOZHOU_INDUSTRIES] + [("I05-1", "汽车（农机、环卫）装备制造／核心零部件")]
    general = [(code, name) for code, name, _ in INDUSTRIES]
    assert match_industry("汽车装备制造", bozhou) == ("I05", "汽车（农机、环卫）装备制造", 100)
    assert match_industry("汽车 (农机、环卫) 装备制造", bozhou)[0] == "I05"
    assert match_industry("文化旅游", bozhou)[0] == "I02"
    assert match_industry("中医药", bozhou)[:2] == ("I01", "现代中医药及大健康")
    assert match_industry("核心零部件", bozhou)[0] == "I05-1"   # a chain node
    assert match_industry("区块链金融", general)[0] is None
