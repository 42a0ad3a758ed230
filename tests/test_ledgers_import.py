"""Importing 台账 as staff keep them: messy ledgers written here in .xlsx
(openpyxl), .xls (xlwt) and .ods (a small zip + XML writer), every row's fate,
every parsed amount and date, re-import, dry run, all-or-nothing, the change
log, stage moves and the city's unit rule."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from decimal import Decimal as D
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import select

from support import COMPANY_USCI, count, log_entries, make_usci
from zsdesk.cli import build_parser
from zsdesk.db.models import ChangeLog, Company, Lead, LeadStage, Project, ProjectStage, Visit
from zsdesk.errors import RefusedError, ValidationError
from zsdesk.ledgers import apply, preview, read_ledger
from zsdesk.ledgers.cli import cli_ledger

# --- writing spreadsheets the way other programs do -------------------------------------------------


def write_xlsx(path, grid, merges):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for r, row in enumerate(grid, 1):
        for c, value in enumerate(row, 1):
            if value is not None:
                ws.cell(row=r, column=c, value=value)
    for r0, c0, r1, c1 in merges:
        ws.merge_cells(start_row=r0 + 1, start_column=c0 + 1, end_row=r1 + 1, end_column=c1 + 1)
    wb.save(path)


def write_xls(path, grid, merges):
    import xlwt

    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("Sheet1")
    date_style = xlwt.easyxf(num_format_str="yyyy-mm-dd")
    covered = {(r, c) for r0, c0, r1, c1 in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for r0, c0, r1, c1 in merges:
        ws.write_merge(r0, r1, c0, c1, grid[r0][c0])
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if value is None or (r, c) in covered:
                continue
            if isinstance(value, dt.date):
                ws.write(r, c, value, date_style)
            else:
                ws.write(r, c, value)
    wb.save(str(path))


def write_ods(path, grid, merges):
    """A minimal OpenDocument spreadsheet: what LibreOffice writes, less the styles."""
    spans = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in merges}
    covered = {(r, c) for r0, c0, r1, c1 in merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)
               if (r, c) != (r0, c0)}
    rows = []
    for r, row in enumerate(grid):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                cells.append("<table:covered-table-cell/>")
                continue
            attrs = ""
            if (r, c) in spans:
                attrs = (f' table:number-rows-spanned="{spans[(r, c)][0]}"'
                         f' table:number-columns-spanned="{spans[(r, c)][1]}"')
            if value is None or value == "":
                cells.append(f"<table:table-cell{attrs}/>")
            elif isinstance(value, dt.date):
                cells.append(f'<table:table-cell office:value-type="date" office:date-value="{value.isoformat()}"'
                             f"{attrs}><text:p>{value.isoformat()}</text:p></table:table-cell>")
            elif isinstance(value, (int, float)):
                cells.append(f'<table:table-cell office:value-type="float" office:value="{value}"{attrs}>'
                             f"<text:p>{value}</text:p></table:table-cell>")
            else:
                text = escape(str(value)).replace("\n", "<text:line-break/>")
                cells.append(f'<table:table-cell office:value-type="string"{attrs}><text:p>{text}</text:p>'
                             "</table:table-cell>")
        rows.append("<table:table-row>" + "".join(cells) + "</table:table-row>")
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Sheet1">'
               + "".join(rows) + "</table:table></office:spreadsheet></office:body></office:document-content>")
    manifest = ('<?xml version="1.0" encoding="UTF-8"?>'
                '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
                'manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" manifest:version="1.2" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)


WRITERS = {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods}


def pad(grid):
    width = max(len(r) for r in grid)
    return [list(r) + [None] * (width - len(r)) for r in grid]


def make(tmp_path, name, grid, merges=(), fmt="xlsx"):
    path = tmp_path / f"{name}.{fmt}"
    WRITERS[fmt](path, pad(grid), list(merges))
    return path


def fates(result) -> dict[int, str]:
    return {r.row: r.fate for r in result.rows}


def row_of(result, n):
    [r] = [r for r in result.rows if r.row == n]
    return r


def problem(result, n) -> dict[str, str]:
    return {p.column: p.message for p in row_of(result, n).problems}


# --- the ledgers ---------------------------------------------------------------------------------

NEW_CO = "江苏泰兴锂能新材料科技有限公司"
OTHER_USCI = make_usci("91310115MA1HBCD4X")
BAD_USCI = COMPANY_USCI[:-1] + ("0" if COMPANY_USCI[-1] != "0" else "1")


def projects_grid(*, amount="5000万元", stage="在建", started="2026/4/10"):
    """A 签约项目台账: title, 填报单位 line, a two-line merged header, a row of column
    numbers, a section row, blank rows, a 合计 row and notes at the bottom."""
    header_top = ["序号", "项目名称", "投资方", "统一社会信用代码", "签约时间", "投资额", None, "项目进度", "开工时间",
                  "用地面积\n（亩）", "包保责任人", "进展情况", "所在园区"]
    header_low = [None, None, None, None, None, "计划总投资\n（万元）", "其中：外资\n（万美元）"]
    grid = [
        ["泰兴高新区招商单元2026年签约项目台账"],                                           # 1
        ["填报单位：泰兴高新区招商单元", None, None, None, None, None, None, None, None,
         "填报日期：2026年6月10日"],                                                      # 2
        header_top,                                                                        # 3
        header_low,                                                                        # 4
        list(range(1, 14)),                                                                # 5 column numbers
        ["一、工业项目"],                                                                    # 6
        [1, "年产5万吨高性能锂电材料项目", NEW_CO, None, "2026.3.5", amount, None, stage, started, "120",
         "王招商", "已完成桩基施工", "高新区"],                                             # 7
        [2, "中药配方颗粒二期项目", "扬子江药业集团（泰兴）有限公司", COMPANY_USCI, "2026年1月8日", "1.2亿", None,
         "签约"],                                                                           # 8
        [None],                                                                            # 9 blank
        [3, "智能终端精密结构件项目", "上海精密智造股份有限公司", OTHER_USCI, 46100, "３，０００", 50, "开工",
         dt.date(2026, 4, 1), 35.5],                                                       # 10
        [4, "氢能装备制造项目", "南京氢能源有限公司", None, "2026.13.5", "3000"],                 # 11
        [5, None, "泰州某某机械有限公司", None, "2026/2/3", 3000],                             # 12
        [6, "锂电池回收项目", NEW_CO, None, "２０２６年２月１日", "abc"],                          # 13
        [7, "光伏支架项目", "常州某某光伏科技有限公司", None, dt.date(2026, 5, 6), 8000, None, "签约", None,
         None, "张三"],                                                                     # 14
        [8, "精细化工中间体项目", "泰兴某某化工有限公司", BAD_USCI, "2026-05-06", "8,000"],          # 15
        ["合计", None, None, None, None, 17000],                                              # 16
        ["注：金额单位为万元，外资为万美元。"],                                                   # 17
        ["填表人：王招商", None, None, None, None, "审核人：李局长"],                              # 18
    ]
    merges = [(0, 0, 0, 12), (2, 5, 2, 6)] + [(2, c, 3, c) for c in (0, 1, 2, 3, 4, 7, 8, 9, 10, 11, 12)]
    return grid, merges


def leads_grid():
    header = ["序号", "项目", "客商", "产业类别", "总投资\n（亿元）", "项目来源", "进展阶段", "阶段时间", "首报时间",
              "*责任人", "进展情况", "原因", "招商单元"]
    grid = [
        ["2026年重点在谈项目清单"],
        header,
        [1, "生物医药研发中心", "苏州某某生物科技有限公司", "生物医药", "1.5", "以商招商", "洽谈中", "2026.4.1", "2026.2.1",
         "王招商", "已对接3次", None, "TX-U01"],
        [2, "冷链物流园", "江苏某某冷链物流有限公司", "现代物流", "8000万元", "网络", "意向", "2026年5月20日",
         "2026年3月1日", None, None, None, "泰兴高新区招商单元"],
        [3, "文旅综合体", "某某文旅集团有限公司", "文化旅游", 2, None, "搁置", "2026/5/1", "2026/1/15", None, None,
         "企业资金链紧张"],
        [4, "半导体封测", "某某微电子有限公司", "半导体", 1, None, "在谈"],
        [5, "储能电站", "某某能源有限公司", None, 3, None, "终止", "2026/5/2", "2026/1/2"],
        [6, "数字经济产业园", "某某数字科技有限公司", "数字经济", 5, None, "签约", "2026/5/3"],
        [7, "食品加工", "某某食品有限公司", "绿色食品", 0.5, None, "谈判"],
        [8, "物流仓储", "某某仓储有限公司", None, 1, None, "线索", None, None, None, None, None, "TX-U99"],
        [None, None, None, None, "合 计"],
    ]
    return grid, []


def visits_grid():
    grid = [
        ["外出招商拜访企业台账（2026年）"],
        ["序号", "走访时间", "拜访企业", "对接人", "招商方式", "地点", "天数", "我方人员", "洽谈情况", "下步打算", "备注"],
        [1, "2026年5月6日", "扬子江药业集团有限公司", "徐总", "上门拜访", "上海", "2", "王招商", "介绍园区政策", "寄送资料",
         "无"],
        [2, 46150, None, "进博会多家企业", "展会", "上海", 3],
        [3, "2026.7.1", "某某公司", "李总", "上门招商"],
        [4, "2026/5/8", "某某公司", "李总", "吃饭"],
        [5, "2026/5/9", "某某公司", "李总", "上门招商", None, "两天"],
    ]
    return grid, []


# --- tests -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_messy_projects_ledger(ws, tmp_path, fmt, company_id, staff_id):
    grid, merges = projects_grid()
    path = make(tmp_path, "签约项目台账", grid, merges, fmt)
    plan = read_ledger(path)
    assert plan.kind == "projects" and plan.kind_detected
    assert plan.header_rows == [3, 4]
    assert plan.ignored_columns == ["所在园区"]
    result = preview(ws, plan)
    assert fates(result) == {
        5: "skipped", 6: "skipped", 7: "created", 8: "created", 10: "created", 11: "refused", 12: "refused",
        13: "refused", 14: "refused", 15: "refused", 16: "skipped", 17: "skipped", 18: "skipped"}
    assert problem(result, 11) == {"签约时间": "“2026.13.5”不是有效日期"}
    assert problem(result, 12) == {"项目名称": "不能为空"}
    assert problem(result, 13) == {"计划总投资（万元）": "“abc”不是有效金额"}
    assert list(problem(result, 14)) == ["包保责任人"] and "张三" in problem(result, 14)["包保责任人"]
    assert list(problem(result, 15)) == ["统一社会信用代码"] and "校验位" in problem(result, 15)["统一社会信用代码"]
    assert "合计" in row_of(result, 16).notes[0] and "说明" in row_of(result, 17).notes[0]
    assert plan.blank_rows == 1
    assert result.new_companies == [NEW_CO, "上海精密智造股份有限公司"]

    companies_before = count(ws, Company)
    applied = apply(ws, plan)
    assert applied.applied and applied.counts["created"] == 3
    assert count(ws, Project) == 3
    assert count(ws, Company) == companies_before + 2  # the new firm once; 扬子江 reused by name
    with ws.read() as s:
        projects = {p.name: p for p in s.scalars(select(Project))}
        stages = {(st.project_id, st.stage): st.stage_date for st in s.scalars(select(ProjectStage))}
    lithium = projects["年产5万吨高性能锂电材料项目"]
    assert (lithium.contract_date, lithium.contract_investment) == (dt.date(2026, 3, 5), D(5000))
    assert (lithium.stage, lithium.stage_date, lithium.land_mu) == ("started", dt.date(2026, 4, 10), D(120))
    assert lithium.owner_staff_id == staff_id and lithium.notes == "已完成桩基施工"
    assert stages[(lithium.id, "signed")] == dt.date(2026, 3, 5)
    assert stages[(lithium.id, "started")] == dt.date(2026, 4, 10)
    tcm = projects["中药配方颗粒二期项目"]
    assert (tcm.company_id, tcm.contract_date, tcm.contract_investment, tcm.stage) == (
        company_id, dt.date(2026, 1, 8), D(12000), "signed")
    phone = projects["智能终端精密结构件项目"]
    assert (phone.contract_date, phone.contract_investment, phone.foreign_investment_usd) == (
        dt.date(2026, 3, 19), D(3000), D(50))
    assert (phone.stage, phone.stage_date, phone.land_mu) == ("started", dt.date(2026, 4, 1), D("35.5"))
    assert ws.companies.get(phone.company_id).usci == OTHER_USCI
    assert [r.number for r in applied.rows if r.fate == "created"] == [
        "TX-U01-2026-0001", "TX-U01-2026-0002", "TX-U01-2026-0003"]


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_messy_leads_ledger(ws, tmp_path, fmt, staff_id):
    grid, merges = leads_grid()
    plan = read_ledger(make(tmp_path, "在谈项目", grid, merges, fmt))
    assert plan.kind == "leads" and plan.header_rows == [2]
    result = apply(ws, plan)
    assert fates(result) == {3: "created", 4: "created", 5: "created", 6: "refused", 7: "refused",
                             8: "created", 9: "refused", 10: "refused", 11: "skipped"}
    assert problem(result, 6) == {"产业类别": "产业“半导体”不在产业目录中"}
    assert problem(result, 7) == {"原因": "不能为空"}
    assert "“谈判”不是可选的阶段" in problem(result, 9)["进展阶段"]
    assert "TX-U99" in problem(result, 10)["招商单元"]
    with ws.read() as s:
        leads = {x.name: x for x in s.scalars(select(Lead))}
        history = {}
        for st in s.scalars(select(LeadStage).order_by(LeadStage.stage_date)):
            history.setdefault(st.lead_id, []).append((st.stage, st.stage_date))
    bio = leads["生物医药研发中心"]
    assert (bio.planned_investment, bio.stage, bio.stage_date, bio.first_reported) == (
        D(15000), "negotiating", dt.date(2026, 4, 1), dt.date(2026, 2, 1))   # 1.5 亿元 in a 亿元 column
    assert bio.owner_staff_id == staff_id and bio.source == "以商招商" and bio.notes == "已对接3次"
    cold = leads["冷链物流园"]
    assert (cold.planned_investment, cold.stage, cold.first_reported) == (D(8000), "intent", dt.date(2026, 3, 1))
    culture = leads["文旅综合体"]
    assert (culture.planned_investment, culture.stage, culture.stage_reason) == (D(20000), "on_hold", "企业资金链紧张")
    assert history[culture.id] == [("clue", dt.date(2026, 1, 15)), ("on_hold", dt.date(2026, 5, 1))]
    # a lead the ledger shows 签约 is created and signed: its project is made as 推进 makes it
    digital = leads["数字经济产业园"]
    assert (digital.stage, digital.stage_date, digital.first_reported) == (
        "signed", dt.date(2026, 5, 3), dt.date(2026, 5, 3))
    with ws.read() as s:
        project = s.scalar(select(Project))
    assert (project.lead_id, project.name, project.contract_date, project.contract_investment) == (
        digital.id, "数字经济产业园", dt.date(2026, 5, 3), D(50000))
    assert project.number == "TX-U01-2026-0001" and "签约项目编号：TX-U01-2026-0001" in row_of(result, 8).notes


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_messy_visits_ledger(ws, tmp_path, fmt, company_id, staff_id):
    grid, merges = visits_grid()
    plan = read_ledger(make(tmp_path, "拜访台账", grid, merges, fmt))
    assert plan.kind == "visits" and plan.ignored_columns == ["备注"]
    result = apply(ws, plan)
    assert fates(result) == {3: "created", 4: "created", 5: "refused", 6: "refused", 7: "refused"}
    assert "晚于今天" in problem(result, 5)["走访时间"]
    assert "不是可选值" in problem(result, 6)["招商方式"]
    assert problem(result, 7) == {"天数": "“两天”不是整数"}
    with ws.read() as s:
        visits = s.scalars(select(Visit).order_by(Visit.visit_date)).all()
    first, expo = visits
    assert (first.visit_date, first.company_id, first.kind, first.trip_days, first.people) == (
        dt.date(2026, 5, 6), company_id, "上门招商", 2, "徐总")
    assert (first.outcome, first.next_step) == ("介绍园区政策", "寄送资料")
    assert ws.visits.participants(first.id) == [staff_id]
    assert (expo.visit_date, expo.company_id, expo.kind, expo.people) == (
        dt.date(2026, 5, 8), None, "展会推介", "进博会多家企业")

    # the same ledger again, one visit now with two of our people: matched by company + date
    helper = ws.reference.staff.create({"unit_id": first.unit_id, "name": "赵干事"})
    grid[2][7] = "王招商、赵干事"
    again = apply(ws, read_ledger(make(tmp_path, "拜访台账2", grid, merges, fmt)))
    assert fates(again) == {3: "updated", 4: "unchanged", 5: "refused", 6: "refused", 7: "refused"}
    assert row_of(again, 3).changes == {"我方人员": ("王招商", "王招商、赵干事")}
    assert sorted(ws.visits.participants(first.id)) == sorted([staff_id, helper])
    assert count(ws, Visit) == 2


def test_reimport_updates_instead_of_duplicating(ws, tmp_path):
    grid, merges = projects_grid()
    path = make(tmp_path, "台账", grid, merges)
    apply(ws, read_ledger(path))
    projects, companies, log = count(ws, Project), count(ws, Company), count(ws, ChangeLog)

    again = apply(ws, read_ledger(path))
    assert [fates(again)[n] for n in (7, 8, 10)] == ["unchanged"] * 3
    assert again.counts["refused"] == 5 and not again.applied
    assert (count(ws, Project), count(ws, Company), count(ws, ChangeLog)) == (projects, companies, log)

    grid, merges = projects_grid(amount="6000", stage="竣工", started="2026/4/10")
    grid[2][12] = "竣工时间"   # the unknown column becomes a milestone the ledger now keeps
    grid[6][12] = "2026.6.1"
    changed = apply(ws, read_ledger(make(tmp_path, "台账2", grid, merges)))
    assert fates(changed)[7] == "updated" and fates(changed)[8] == "unchanged"
    assert row_of(changed, 7).changes == {"计划总投资（万元）": ("5,000", "6,000"), "项目进度": ("开工", "竣工（2026-06-01）")}
    assert count(ws, Project) == projects
    with ws.read() as s:
        lithium = s.scalar(select(Project).where(Project.name == "年产5万吨高性能锂电材料项目"))
        stages = [st.stage for st in s.scalars(select(ProjectStage).where(ProjectStage.project_id == lithium.id)
                                               .order_by(ProjectStage.stage_date))]
    assert (lithium.contract_investment, lithium.stage, lithium.stage_date) == (
        D(6000), "completed", dt.date(2026, 6, 1))
    assert stages == ["signed", "started", "completed"]


def test_rows_match_by_number_first(ws, tmp_path, unit_id, company_id):
    pid = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "老项目",
                              "contract_date": "2026-02-01", "contract_investment": 1000})
    number = ws.projects.get(pid).number
    grid = [["编号", "项目名称", "企业名称", "签约日期", "总投资", "项目进度", "阶段日期"],
            [number, "老项目（更名）", "扬子江药业集团有限公司", "2026-02-01", "1000", "开工", "2026-05-01"]]
    result = apply(ws, read_ledger(make(tmp_path, "按编号", grid)))
    assert fates(result) == {2: "updated"}
    assert row_of(result, 2).number == number
    project = ws.projects.get(pid)
    assert (project.name, project.stage, project.stage_date) == ("老项目（更名）", "started", dt.date(2026, 5, 1))


def test_stage_cannot_go_back(ws, tmp_path, unit_id, company_id):
    pid = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "已开工项目",
                              "contract_date": "2026-02-01", "contract_investment": 1000})
    ws.projects.advance(pid, "started", "2026-04-01")
    grid = [["项目名称", "企业名称", "签约日期", "总投资", "项目进度"],
            ["已开工项目", "扬子江药业集团有限公司", "2026-02-01", "1000", "签约"]]
    result = preview(ws, read_ledger(make(tmp_path, "倒退", grid)))
    assert fates(result) == {2: "refused"}
    assert "不能倒退" in problem(result, 2)["项目进度"]


def test_projects_ledger_signs_the_open_lead(ws, tmp_path, unit_id, company_id):
    lid = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "颗粒剂项目",
                           "planned_investment": 9000, "stage": "intent", "stage_date": "2026-03-01"})
    grid = [["项目名称", "企业名称", "签约日期", "协议投资额", "项目进度"],
            ["颗粒剂项目", "扬子江药业集团有限公司", "2026-04-02", "9500", "签约"]]
    result = apply(ws, read_ledger(make(tmp_path, "签约", grid)))
    assert fates(result) == {2: "created"}
    lead = ws.leads.get(lid)
    assert (lead.stage, lead.stage_date) == ("signed", dt.date(2026, 4, 2))
    with ws.read() as s:
        project = s.scalar(select(Project))
    assert (project.lead_id, project.contract_investment) == (lid, D(9500))


def test_leads_ledger_moves_a_lead_to_signed(ws, tmp_path, unit_id, company_id):
    lid = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "提取物项目",
                           "planned_investment": 7000, "stage": "negotiating", "stage_date": "2026-03-01"})
    grid = [["项目名称", "企业名称", "项目阶段", "阶段日期"], ["提取物项目", "扬子江药业集团有限公司", "签约", "2026.5.5"]]
    result = apply(ws, read_ledger(make(tmp_path, "线索签约", grid)))
    assert fates(result) == {2: "updated"}
    assert ws.leads.get(lid).stage == "signed"
    with ws.read() as s:
        project = s.scalar(select(Project))
    assert (project.lead_id, project.contract_date, project.contract_investment) == (
        lid, dt.date(2026, 5, 5), D(7000))


def test_duplicate_rows_in_one_file(ws, tmp_path):
    grid = [["项目名称", "企业名称", "签约日期", "总投资"],
            ["重复项目", "某某重复有限公司", "2026-02-01", 100],
            ["重复项目", "某某重复有限公司", "2026-02-01", 100]]
    result = preview(ws, read_ledger(make(tmp_path, "重复", grid)))
    assert fates(result) == {2: "created", 3: "refused"}
    assert row_of(result, 3).problems[0].message == "与第2行是同一条记录（重复）"


def test_dry_run_changes_nothing(ws, tmp_path):
    grid, merges = projects_grid()
    path = make(tmp_path, "预览", grid, merges)
    before = (ws.counts(), count(ws, ChangeLog))
    args = build_parser().parse_args(["ledger", "import", str(path), "--dry-run"])
    assert cli_ledger(ws, args) == 0
    assert (ws.counts(), count(ws, ChangeLog)) == before


def test_change_log_sees_imported_rows(ws, tmp_path):
    grid, merges = projects_grid()
    apply(ws, read_ledger(make(tmp_path, "签约项目台账", grid, merges)))
    entries = [e for e in log_entries(ws) if e["source"].startswith("ledger:")]
    assert {e["source"] for e in entries} == {"ledger:签约项目台账.xlsx"}
    assert {e["tbl"] for e in entries} == {"projects", "project_stages", "companies"}
    assert all(e["actor"] == "测试员" and e["op"] == "I" for e in entries)
    with ws.read() as s:
        pid = s.scalar(select(Project.id).where(Project.name == "年产5万吨高性能锂电材料项目"))
    history = ws.audit.history("projects", pid)
    assert {h.field for h in history} >= {"contract_investment", "stage"}
    assert all(h.source == "ledger:签约项目台账.xlsx" for h in history)


def test_all_or_nothing(ws, tmp_path):
    grid, merges = projects_grid()
    path = make(tmp_path, "全部", grid, merges)
    before = (ws.counts(), count(ws, ChangeLog))
    result = apply(ws, read_ledger(path), mode="all")
    assert not result.applied and len(result.refused) == 5
    assert (ws.counts(), count(ws, ChangeLog)) == before
    args = build_parser().parse_args(["ledger", "import", str(path), "--all-or-nothing"])
    with pytest.raises(RefusedError):
        cli_ledger(ws, args)
    assert (ws.counts(), count(ws, ChangeLog)) == before


def test_cli_json_lists_every_row(ws, tmp_path, capsys):
    grid, merges = projects_grid()
    path = make(tmp_path, "json", grid, merges)
    args = build_parser().parse_args(["ledger", "import", str(path), "--json", "--no-new-staff"])
    assert cli_ledger(ws, args) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["kind"] == "projects" and report["applied"] is True
    assert report["summary"] == {"created": 3, "updated": 0, "unchanged": 0, "refused": 5, "skipped": 5}
    assert report["proposals"]["new_staff"] == []   # --no-new-staff: 张三's row is refused instead
    refused = {r["row"]: r["problems"] for r in report["rows"] if r["fate"] == "refused"}
    assert refused[11] == [{"column": "签约时间", "field": "contract_date", "reason": "“2026.13.5”不是有效日期"}]
    assert [r["number"] for r in report["rows"] if r["fate"] == "created"] == [
        "TX-U01-2026-0001", "TX-U01-2026-0002", "TX-U01-2026-0003"]


def test_city_must_name_the_unit(city_ws, tmp_path):
    uid = city_ws.reference.units.create({"code": "TX-U01", "name": "泰兴高新区招商单元"})
    city_ws.reference.staff.create({"unit_id": uid, "name": "王招商"})
    grid = [["项目名称", "企业名称", "签约日期", "总投资"], ["市级导入项目", "某某市级有限公司", "2026-02-01", 100]]
    plan = read_ledger(make(tmp_path, "无单元", grid))
    with pytest.raises(ValidationError) as info:
        preview(city_ws, plan)
    assert "--unit" in info.value.message
    result = apply(city_ws, plan, unit_code="tx-u01")
    assert fates(result) == {2: "created"}
    with city_ws.read() as s:
        assert s.scalar(select(Project.unit_id)) == uid
    # a ledger naming the unit in a column needs no --unit
    grid, _ = leads_grid()
    result = preview(city_ws, read_ledger(make(tmp_path, "有单元", grid)))
    assert fates(result)[3] == "created" and fates(result)[4] == "created"
    assert "未指定招商单元" in problem(result, 5)["招商单元"]


def test_kind_detection_and_refused_files(ws, tmp_path):
    grid = [["姓名", "电话"], ["张三", "123"]]
    with pytest.raises(ValidationError) as info:
        read_ledger(make(tmp_path, "无关", grid))
    assert info.value.field == "header"
    grid, _ = visits_grid()
    with pytest.raises(ValidationError) as info:
        read_ledger(make(tmp_path, "拜访", grid), "projects")
    assert "缺少" in info.value.message and "项目名称" in info.value.message
    (tmp_path / "坏.xlsx").write_bytes(b"not a spreadsheet")
    with pytest.raises(ValidationError) as info:
        read_ledger(tmp_path / "坏.xlsx")
    assert info.value.field == "file"
    with pytest.raises(ValidationError):
        read_ledger(tmp_path / "台账.csv")


def test_header_units_and_amount_spellings(ws, tmp_path):
    grid = [["项目名称", "企业名称", "签约日期", "总投资（元）", "外资（亿美元）"],
            ["甲", "甲有限公司", "2026-01-05", 3000000, 0.2],
            ["乙", "乙有限公司", 46030.0, "1,234.5万元", "300万美元"],
            ["丙", "丙有限公司", "2026年1月6日", "２亿元", None]]
    result = apply(ws, read_ledger(make(tmp_path, "单位", grid)))
    assert result.counts["created"] == 3
    with ws.read() as s:
        got = {p.name: (p.contract_date, p.contract_investment, p.foreign_investment_usd)
               for p in s.scalars(select(Project))}
    assert got == {"甲": (dt.date(2026, 1, 5), D(300), D(2000)),
                   "乙": (dt.date(2026, 1, 8), D("1234.5"), D(300)),
                   "丙": (dt.date(2026, 1, 6), D(20000), None)}


def test_rows_of_spaces_are_blank_and_rows_without_ledger_fields_are_skipped(ws, tmp_path):
    grid = [["序号", "项目名称", "企业名称", "签约日期", "总投资", "随手记"],
            [1, "甲", "甲有限公司", "2026-01-05", 100, None],
            [None, "  ", "   ", " ", "  ", None],          # cells of spaces only
            [2, None, None, None, None, "待补"],           # only 序号 and a column not imported
            [3, "乙", "乙有限公司", "2026-01-06", "1,200", None]]
    plan = read_ledger(make(tmp_path, "空格", grid))
    assert plan.blank_rows == 1
    assert [(s.row, s.reason) for s in plan.skipped] == [(4, "该行除序号或未识别的列外没有内容，不导入")]
    assert [(r.row, r.values["name"], r.values["investment"]) for r in plan.rows] == [(2, "甲", D(100)),
                                                                                       (5, "乙", D(1200))]
    assert fates(preview(ws, plan)) == {2: "created", 4: "skipped", 5: "created"}


def test_a_column_repeats_values_but_each_cell_keeps_its_own_fate(ws, tmp_path):
    """Cells are parsed once per distinct value; a bad value is reported on every row that has it."""
    grid = [["项目名称", "企业名称", "签约日期", "总投资"]]
    grid += [[f"项目{i}", f"企业{i}有限公司", "2026.13.5" if i % 3 == 0 else "2026/3/5", "5000万元"]
             for i in range(1, 10)]
    result = preview(ws, read_ledger(make(tmp_path, "重复值", grid)))
    refused = {r.row for r in result.rows if r.fate == "refused"}
    assert refused == {4, 7, 10}
    assert all(problem(result, n) == {"签约日期": "“2026.13.5”不是有效日期"} for n in refused)
    assert result.counts["created"] == 6
