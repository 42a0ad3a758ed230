"""Exported 台账 read back: title, frozen header, number formats, real dates,
autofilter, values equal to the database's, and a statistics workbook whose
sheets list exactly the rows behind each figure. An exported ledger imports
back as unchanged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from zsdesk import metrics
from zsdesk.cli import build_parser
from zsdesk.db.models import Lead, Project, Visit
from zsdesk.domain import LEAD_LABELS, PROJECT_LABELS
from zsdesk.errors import ValidationError
from zsdesk.ledgers import export_ledger, export_stats, preview, read_ledger
from zsdesk.ledgers.cli import cli_ledger
from zsdesk.ledgers.columns import COLUMNS
from zsdesk.ledgers.sheets import display_width

UNIT_NAME = "泰兴高新区招商单元"


@pytest.fixture
def data(ws, unit_id, company_id, staff_id):
    """Visits, leads and projects across 2025 and 2026, at several stages."""
    other = ws.companies.create({"name": "江苏中能硅业科技发展有限公司"})
    helper = ws.reference.staff.create({"unit_id": unit_id, "name": "赵干事"})
    ws.visits.create_many([
        {"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-03-05", "kind": "上门招商",
         "place": "上海张江", "trip_days": 2, "people": "徐总（投资总监）", "participants": [staff_id, helper],
         "staff_id": staff_id, "outcome": "对方有意在泰兴设立华东生产基地，计划总投资约5亿元，需要标准厂房2万平方米",
         "next_step": "寄送园区资料", "next_due": "2026-03-20"},
        {"unit_id": unit_id, "company_id": other, "visit_date": "2026-05-18", "kind": "来访接待", "trip_days": 0},
        {"unit_id": unit_id, "company_id": other, "visit_date": "2025-11-02", "kind": "展会推介", "trip_days": 1},
    ])
    lead = ws.leads.create({"unit_id": unit_id, "company_id": other, "name": "年产10GW光伏组件项目",
                            "planned_investment": "5亿", "stage": "negotiating", "stage_date": "2026-02-01",
                            "first_reported": "2026-01-10", "owner_staff_id": staff_id, "source": "以商招商"})
    ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "康养综合体",
                     "planned_investment": 30000, "stage": "intent", "stage_date": "2025-12-01",
                     "first_reported": "2025-09-01"})
    old = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "已终止的项目",
                           "planned_investment": 100, "first_reported": "2025-03-01", "stage_date": "2025-03-01"})
    ws.leads.advance(old, "terminated", "2025-06-01", "企业战略调整")
    signed = ws.leads.advance(lead, "signed", "2026-04-01",
                              contract={"contract_investment": "52000", "land_mu": "120", "jobs": 300})
    ws.projects.advance(signed, "started", "2026-05-20")
    ws.projects.add_arrival(signed, "2026-06-01", "12345.67")
    ws.projects.add_arrival(signed, "2026-06-10", "1000")
    early = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "中药配方颗粒扩产项目",
                                "contract_date": "2025-10-09", "contract_investment": "8000.5",
                                "stage": "registered", "stage_date": "2025-11-01"})
    ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "医药物流中心",
                        "contract_date": "2026-01-20", "contract_investment": "3000", "expected_output": "15000",
                        "expected_tax": "800.25", "foreign_investment_usd": "120"})
    return {"project": signed, "early": early}


def sheet_rows(ws_sheet):
    return [list(r) for r in ws_sheet.iter_rows(values_only=True)]


def check_layout(sheet, heading, headers, n_rows, *, total: bool):
    last_col = sheet.cell(row=3, column=len(headers)).column_letter
    assert sheet["A1"].value == heading
    assert f"A1:{last_col}1" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A2"].value.startswith(f"填报单位：{UNIT_NAME}")
    assert [c.value for c in sheet[3]] == headers
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == f"A3:{last_col}{3 + n_rows}"
    assert sheet.print_title_rows == "$3:$3"
    if total:
        assert sheet.cell(row=4 + n_rows, column=1).value == "合计"
    else:
        assert sheet.max_row == 3 + n_rows


def column_cells(sheet, header, n_rows):
    headers = [c.value for c in sheet[3]]
    col = headers.index(header) + 1
    return [sheet.cell(row=r, column=col) for r in range(4, 4 + n_rows)]


def test_projects_ledger(ws, data, tmp_path):
    result = export_ledger(ws, "projects", tmp_path / "p.xlsx", year=2026)
    assert result.title == f"{UNIT_NAME}2026年签约项目台账" and result.rows == 2
    sheet = load_workbook(result.path)["签约项目台账"]
    headers = [c.header for c in COLUMNS["projects"]]
    check_layout(sheet, result.title, headers, 2, total=True)
    with ws.read() as s:
        db = s.scalars(select(Project).where(Project.contract_date >= dt.date(2026, 1, 1))
                       .order_by(Project.contract_date)).all()
    rows = [dict(zip(headers, r)) for r in sheet_rows(sheet)[3:5]]
    for i, (row, project) in enumerate(zip(rows, db), 1):
        assert row["序号"] == i and row["编号"] == project.number and row["项目名称"] == project.name
        assert row["签约日期"] == dt.datetime.combine(project.contract_date, dt.time())
        assert D(str(row["合同投资(万元)"])) == project.contract_investment
        assert row["项目进度"] == PROJECT_LABELS[project.stage]
        assert row["招商单元"] == UNIT_NAME
    logistics, solar = rows
    assert (D(str(logistics["预计年税收(万元)"])), D(str(logistics["其中外资(万美元)"]))) == (D("800.25"), D(120))
    assert solar["企业名称"] == "江苏中能硅业科技发展有限公司" and solar["包保责任人"] == "王招商"
    assert D(str(solar["累计到位资金(万元)"])) == D("13345.67")
    assert solar["开工日期"] == dt.datetime(2026, 5, 20) and solar["竣工日期"] is None
    assert (solar["用地(亩)"], solar["就业人数"]) == (120, 300)
    for header in ("合同投资(万元)", "预计年产值(万元)", "累计到位资金(万元)"):
        assert {c.number_format for c in column_cells(sheet, header, 2)} == {"#,##0.00"}
    for header in ("签约日期", "阶段日期"):
        cells = column_cells(sheet, header, 2)
        assert all(c.is_date for c in cells) and {c.number_format for c in cells} == {"yyyy-mm-dd"}
    total = sheet.cell(row=6, column=headers.index("合同投资(万元)") + 1).value
    assert total == "=SUBTOTAL(109,H4:H5)"
    # widths fit the Chinese text
    name_col = sheet.column_dimensions["C"].width
    assert name_col >= max(display_width(p.name) for p in db)

    all_years = export_ledger(ws, "projects", tmp_path / "all.xlsx")
    assert all_years.rows == 3 and all_years.title == f"{UNIT_NAME}签约项目台账"


def test_leads_ledger_lists_the_leads_open_in_the_year(ws, data, tmp_path):
    result = export_ledger(ws, "leads", tmp_path / "l.xlsx", year=2026)
    sheet = load_workbook(result.path).active
    headers = [c.header for c in COLUMNS["leads"]]
    check_layout(sheet, f"{UNIT_NAME}2026年在谈项目台账", headers, 2, total=True)
    rows = [dict(zip(headers, r)) for r in sheet_rows(sheet)[3:5]]
    assert [r["项目名称"] for r in rows] == ["康养综合体", "年产10GW光伏组件项目"]  # not the one closed in 2025
    with ws.read() as s:
        db = {x.name: x for x in s.scalars(select(Lead))}
    for row in rows:
        lead = db[row["项目名称"]]
        assert row["编号"] == lead.number and row["项目阶段"] == LEAD_LABELS[lead.stage]
        assert D(str(row["计划总投资(万元)"])) == lead.planned_investment
        assert row["首报日期"] == dt.datetime.combine(lead.first_reported, dt.time())
    assert rows[1]["项目阶段"] == "签约" and rows[1]["线索来源"] == "以商招商"


def test_visits_ledger(ws, data, tmp_path):
    result = export_ledger(ws, "visits", tmp_path / "v.xlsx", year=2026)
    sheet = load_workbook(result.path).active
    headers = [c.header for c in COLUMNS["visits"]]
    check_layout(sheet, f"{UNIT_NAME}2026年拜访企业台账", headers, 2, total=False)
    first = dict(zip(headers, sheet_rows(sheet)[3]))
    with ws.read() as s:
        visit = s.scalar(select(Visit).where(Visit.visit_date == dt.date(2026, 3, 5)))
    assert first["编号"] == visit.number and first["拜访日期"] == dt.datetime(2026, 3, 5)
    assert (first["我方人员"], first["记录人"], first["外出天数"]) == ("王招商、赵干事", "王招商", 2)
    assert first["跟进时限"] == dt.datetime(2026, 3, 20) and first["跟进完成"] == "否"
    outcome = column_cells(sheet, "洽谈情况", 2)[0]
    assert outcome.alignment.wrap_text and sheet.column_dimensions["L"].width <= 42
    # the long 洽谈情况 takes two lines: its row is made taller; the short one keeps the default
    assert (sheet.row_dimensions[4].height, sheet.row_dimensions[5].height) == (29, None)


def test_statistics_workbook_lists_the_rows_behind_every_figure(ws, data, tmp_path, unit_id):
    result = export_stats(ws, tmp_path / "s.xlsx", year=2026)
    wb = load_workbook(result.path)
    report = metrics.compute(ws, metrics.Period.year(2026, ws.today()))
    [figures] = [u for u in report.units if u.unit_id == unit_id]
    summary = wb["指标汇总"]
    assert summary["A1"].value == f"{UNIT_NAME}2026年招商引资主要指标统计表"
    assert summary.freeze_panes == "A4"
    header = [c.value for c in summary[3]]
    lines = [dict(zip(header, r)) for r in sheet_rows(summary)[3:]]
    expected = [*(figures.figures[k] for k in ("signed_projects", "signed_investment", "major_projects",
                                                 "started_projects", "completed_projects", "producing_projects",
                                                 "arrived_capital", "performance_rate", "start_rate",
                                                 "capital_rate", "production_rate", "overdue_start", "visits",
                                                 "trip_days")), figures.score]
    assert [line["指标"] for line in lines] == [f.label for f in expected]
    # 个人赛马: the unit's people (tests/test_people_race.py reads it back)
    assert wb.sheetnames == ["指标汇总", "个人赛马", *(line["明细表"] for line in lines)]
    for line, fig in zip(lines, expected):
        if fig.value is None:
            assert line["数值"] == "—" and line["说明"] == fig.missing
        else:
            assert D(str(line["数值"])).quantize(D("0.000001")) == fig.value.quantize(D("0.000001"))
        assert line["明细行数"] == len(fig.row_ids)
        detail = wb[line["明细表"]]
        head = [c.value for c in detail[3]]
        ids = [r[head.index("记录ID")] for r in sheet_rows(detail)[3:3 + len(fig.row_ids)]]
        assert ids == fig.row_ids, fig.key
        assert detail.freeze_panes == "A4"
    # spot checks against the data
    signed = dict(zip(head_of(wb["签约金额"]), sheet_rows(wb["签约金额"])[3]))
    assert signed["项目名称"] in {"医药物流中心", "年产10GW光伏组件项目"}
    money = wb["到位资金"]
    amounts = sorted(D(str(r[head_of(money).index("到位金额(万元)")])) for r in sheet_rows(money)[3:5])
    assert amounts == [D(1000), D("12345.67")]
    rate = dict(zip(header, sheet_rows(summary)[3 + 9]))
    assert rate["指标"] == "资金到位率" and summary.cell(row=13, column=4).number_format == "0.0%"
    assert summary.cell(row=5, column=4).number_format == "#,##0.00"   # 签约金额 in 万元


def head_of(sheet):
    return [c.value for c in sheet[3]]


def test_city_statistics_cover_every_unit(city_ws, tmp_path):
    uid = city_ws.reference.units.create({"code": "TX-U01", "name": UNIT_NAME})
    city_ws.reference.units.create({"code": "JJ-U02", "name": "靖江经开区招商单元"})
    cid = city_ws.companies.create({"name": "某某新能源有限公司"})
    city_ws.projects.create({"unit_id": uid, "company_id": cid, "name": "储能项目", "contract_date": "2026-03-01",
                             "contract_investment": 20000})
    result = export_stats(city_ws, tmp_path / "city.xlsx", year=2026)
    wb = load_workbook(result.path)
    assert wb.sheetnames[:2] == ["指标汇总", "各单元"]
    assert wb["指标汇总"]["A1"].value == "泰州市商务局2026年招商引资主要指标统计表"
    units = [r[2] for r in sheet_rows(wb["各单元"])[3:]]
    assert sorted(units) == sorted([UNIT_NAME, "靖江经开区招商单元"])
    assert [r[1] for r in sheet_rows(wb["签约项目"])[3:4]] == [city_ws.projects.values(
        city_ws.projects.get(select_one(city_ws)).id)["number"]]
    one = export_stats(city_ws, tmp_path / "unit.xlsx", year=2026, unit_code="jj-u02")
    assert load_workbook(one.path)["指标汇总"]["A1"].value.startswith("靖江经开区招商单元")


def select_one(ws):
    with ws.read() as s:
        return s.scalar(select(Project.id))


def test_exported_ledgers_import_back_unchanged(ws, data, tmp_path):
    for kind in ("visits", "leads", "projects"):
        path = export_ledger(ws, kind, tmp_path / f"{kind}.xlsx").path
        plan = read_ledger(path)
        assert plan.kind == kind and plan.ignored_columns == []
        result = preview(ws, plan)
        fates = {r.fate for r in result.rows}
        assert fates <= {"unchanged", "skipped"} and result.counts["unchanged"] == len(plan.rows), \
            [(r.row, r.fate, r.problems, r.changes) for r in result.rows]


def test_cli_export(ws, data, tmp_path, capsys):
    out = tmp_path / "out" / "台账.xlsx"
    args = build_parser().parse_args(["ledger", "export", "--kind", "projects", "--out", str(out),
                                      "--year", "2026", "--unit", "TX-U01"])
    assert cli_ledger(ws, args) == 0
    assert out.exists() and "签约项目台账" in capsys.readouterr().out
    args = build_parser().parse_args(["ledger", "export", "--kind", "visits", "--out", str(out), "--unit", "NOPE"])
    with pytest.raises(ValidationError):
        cli_ledger(ws, args)
    args = build_parser().parse_args(["ledger", "export", "--kind", "visits", "--out", str(tmp_path / "x.csv")])
    with pytest.raises(ValidationError):
        cli_ledger(ws, args)
    assert not (tmp_path / "x.csv").exists()


def test_text_that_looks_like_a_formula_stays_text(ws, unit_id, company_id, tmp_path):
    ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-06-01",
                      "outcome": "=1+1 是对方报价的写法", "people": "a\x07b"})
    sheet = load_workbook(export_ledger(ws, "visits", tmp_path / "f.xlsx").path).active
    row = dict(zip(head_of(sheet), sheet_rows(sheet)[3]))
    assert row["洽谈情况"] == "=1+1 是对方报价的写法" and row["对方人员"] == "ab"
