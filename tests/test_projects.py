"""签约项目: stages, capital arrivals, problems; carriers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from support import count
from zsdesk.db.models import CapitalArrival, Carrier, Problem, Project
from zsdesk.errors import RefusedError, ValidationError, ValidationErrors


@pytest.fixture
def project(ws, unit_id, company_id):
    return ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "高端制剂产业园",
                               "contract_date": "2026-01-20", "contract_investment": "5亿",
                               "land_mu": "200", "jobs": 500, "expected_output": "10亿"})


def test_create_project(ws, project):
    p = ws.projects.get(project)
    assert p.contract_investment == Decimal(50000) and p.expected_output == Decimal(100000)
    assert p.stage == "signed" and p.stage_date == dt.date(2026, 1, 20)
    assert p.number == "TX-U01-2026-0001"
    assert [h.stage for h in ws.projects.history(project)] == ["signed"]


def test_ledger_import_may_bring_a_project_further_on(ws, unit_id, company_id):
    pid = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "老项目",
                              "contract_date": "2025-03-01", "contract_investment": 3000,
                              "stage": "started", "stage_date": "2025-09-01"})
    assert [(h.stage, h.stage_date) for h in ws.projects.history(pid)] == [
        ("signed", dt.date(2025, 3, 1)), ("started", dt.date(2025, 9, 1))]
    assert ws.projects.get(pid).number == "TX-U01-2025-0001"
    with pytest.raises(ValidationError) as info:
        ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "停滞项目",
                            "contract_date": "2025-03-01", "contract_investment": 3000, "stage": "stalled"})
    assert info.value.field == "stage_reason"
    with pytest.raises(ValidationError) as info:
        ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "日期倒置",
                            "contract_date": "2025-03-01", "contract_investment": 3000,
                            "stage": "started", "stage_date": "2025-01-01"})
    assert info.value.field == "stage_date"


def test_project_refusals_name_every_field(ws, unit_id, company_id):
    with pytest.raises(ValidationErrors) as info:
        ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "",
                            "contract_date": "2026-07-01", "contract_investment": "-1",
                            "jobs": "三百"})
    assert set(info.value.fields) == {"name", "contract_date", "contract_investment", "jobs"}
    with pytest.raises(ValidationError) as info:
        ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "零投资",
                            "contract_date": "2026-01-01", "contract_investment": "0"})
    assert info.value.field == "contract_investment" and "大于0" in info.value.message
    assert count(ws, Project) == 0


def test_advance_a_project(ws, project):
    ws.projects.advance(project, "registered", "2026-02-01")
    ws.projects.advance(project, "started", "2026-03-15")
    ws.projects.advance(project, "producing", "2026-06-01")  # 竣工 skipped
    p = ws.projects.get(project)
    assert p.stage == "producing" and p.stage_date == dt.date(2026, 6, 1)
    assert [h.stage for h in ws.projects.history(project)] == ["signed", "registered", "started", "producing"]
    with pytest.raises(RefusedError, match="倒退"):
        ws.projects.advance(project, "completed", "2026-06-10")
    with pytest.raises(ValidationError) as info:
        ws.projects.advance(project, "effective", "2026-05-01")
    assert info.value.field == "stage_date"


@pytest.mark.parametrize("side", ["defaulted", "stalled"])
def test_defaulted_and_stalled_need_a_reason(ws, project, side):
    with pytest.raises(ValidationError) as info:
        ws.projects.advance(project, side, "2026-03-01")
    assert info.value.field == "reason"
    ws.projects.advance(project, side, "2026-03-01", "资金链断裂")
    assert ws.projects.get(project).stage_reason == "资金链断裂"


def test_defaulted_is_final_and_stalled_resumes(ws, project, unit_id, company_id):
    ws.projects.advance(project, "started", "2026-02-01")
    ws.projects.advance(project, "stalled", "2026-03-01", "环评未批")
    with pytest.raises(RefusedError):
        ws.projects.advance(project, "registered", "2026-04-01")
    ws.projects.advance(project, "started", "2026-04-01")
    assert ws.projects.get(project).stage == "started"

    other = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "违约项目",
                                "contract_date": "2026-01-05", "contract_investment": 1000})
    ws.projects.advance(other, "defaulted", "2026-05-01", "企业撤资")
    with pytest.raises(RefusedError, match="未履约"):
        ws.projects.advance(other, "registered", "2026-05-02")


def test_capital_arrivals(ws, project):
    ws.projects.add_arrival(project, "2026-02-01", "8000", "首期到资")
    ws.projects.add_arrival(project, "2026年3月1日", "0.5亿")
    arrivals = ws.projects.arrivals(project)
    assert [(a.arrival_date, a.amount, a.note) for a in arrivals] == [
        (dt.date(2026, 2, 1), Decimal(8000), "首期到资"), (dt.date(2026, 3, 1), Decimal(5000), None)]


def test_capital_arrival_refusals(ws, project, today):
    with pytest.raises(ValidationError) as info:
        ws.projects.add_arrival(project, "2026-01-19", "100")
    assert info.value.field == "arrival_date" and "2026-01-20" in info.value.message
    with pytest.raises(ValidationError) as info:
        ws.projects.add_arrival(project, "2026-02-01", "-100")
    assert info.value.field == "amount" and "负数" in info.value.message
    with pytest.raises(ValidationError) as info:
        ws.projects.add_arrival(project, "2026-02-01", "0")
    assert info.value.field == "amount"
    with pytest.raises(ValidationErrors) as info:
        ws.projects.add_arrival(project, today + dt.timedelta(days=1), "一百")
    assert set(info.value.fields) == {"arrival_date", "amount"}
    assert count(ws, CapitalArrival) == 0


def test_problems_add_and_resolve(ws, project):
    pid = ws.projects.add_problem(project, "用电", "需新建110千伏专线", "2026-03-01", responsible="供电公司")
    [p] = ws.projects.problems(project)
    assert p.id == pid and p.resolved is False and p.category == "用电" and p.responsible == "供电公司"
    with pytest.raises(ValidationError) as info:
        ws.projects.resolve_problem(pid, "2026-02-28", "已解决")
    assert info.value.field == "resolved_date"
    with pytest.raises(ValidationError) as info:
        ws.projects.resolve_problem(pid, "2026-04-01", "")
    assert info.value.field == "resolution"
    ws.projects.resolve_problem(pid, "2026-04-01", "专线已列入年度计划")
    [p] = ws.projects.problems(project)
    assert p.resolved is True and p.resolved_date == dt.date(2026, 4, 1)
    with pytest.raises(RefusedError, match="已解决"):
        ws.projects.resolve_problem(pid, "2026-04-02", "再解决一次")


def test_problem_refusals(ws, project):
    with pytest.raises(ValidationErrors) as info:
        ws.projects.add_problem(project, "天气", "", "2026-03-01")
    assert set(info.value.fields) == {"category", "description"}
    with pytest.raises(RefusedError):
        ws.projects.resolve_problem("00000000-0000-0000-0000-000000000000", "2026-04-01", "x")
    assert count(ws, Problem) == 0


def test_problem_defaults_to_today(ws, project, today):
    pid = ws.projects.add_problem(project, "审批", "规划许可待批")
    [p] = ws.projects.problems(project)
    assert p.id == pid and p.raised_date == today


# --- carriers (载体) -------------------------------------------------------------------------------

def test_carriers(ws, unit_id):
    cid = ws.carriers.create({"unit_id": unit_id, "name": "高新区标准厂房A区", "kind": "标准厂房",
                              "park": "泰兴高新区", "area": "12000", "free_area": "3500.5", "price": "0.0180"})
    c = ws.carriers.get(cid)
    assert c.area == Decimal(12000) and c.free_area == Decimal("3500.5") and c.price == Decimal("0.018")
    assert c.number == "TX-U01-Z2026-0001"
    ws.carriers.update(cid, {"free_area": "0"})
    assert ws.carriers.get(cid).free_area == Decimal(0)


def test_carrier_refusals(ws, unit_id):
    with pytest.raises(ValidationErrors) as info:
        ws.carriers.create({"unit_id": unit_id, "name": "地块", "kind": "农田", "area": "100",
                            "free_area": "200"})
    assert set(info.value.fields) == {"kind", "free_area"}
    with pytest.raises(ValidationError) as info:
        ws.carriers.create({"name": "无单元", "kind": "土地"})
    assert info.value.field == "unit_id"
    assert count(ws, Carrier) == 0


def test_project_on_a_carrier(ws, unit_id, company_id):
    carrier = ws.carriers.create({"unit_id": unit_id, "name": "化工园区地块", "kind": "土地", "area": "300"})
    pid = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "新材料项目",
                              "contract_date": "2026-02-01", "contract_investment": 20000,
                              "carrier_id": carrier})
    assert ws.projects.get(pid).carrier_id == carrier
    ws.carriers.delete(carrier)
    with pytest.raises(ValidationError) as info:
        ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "另一项目",
                            "contract_date": "2026-02-01", "contract_investment": 20000,
                            "carrier_id": carrier})
    assert info.value.field == "carrier_id"
