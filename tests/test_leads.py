"""招商线索: the stage flow 线索 → 接洽 → 在谈 → 意向 → 签约, 搁置/终止, and signing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from support import count, log_entries
from zsdesk.db.models import Lead, Project, ProjectStage
from zsdesk.errors import RefusedError, ValidationError


@pytest.fixture
def lead(ws, unit_id, company_id, staff_id):
    return ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "创新药生产基地",
                            "planned_investment": "1.5亿", "stage_date": "2026-01-10",
                            "owner_staff_id": staff_id, "source": "以商招商"})


def stages(ws, lead_id):
    return [(h.stage, h.stage_date.isoformat(), h.reason) for h in ws.leads.history(lead_id)]


def test_create_lead(ws, lead, unit_id):
    got = ws.leads.get(lead)
    assert got.stage == "clue" and got.stage_date == dt.date(2026, 1, 10)
    assert got.first_reported == dt.date(2026, 1, 10)
    assert got.planned_investment == Decimal(15000)
    assert got.number == "TX-U01-L2026-0001"
    assert stages(ws, lead) == [("clue", "2026-01-10", None)]


def test_new_lead_may_start_later_in_the_flow_but_not_signed(ws, unit_id, company_id):
    lid = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "数据中心",
                           "stage": "negotiating", "stage_date": "2026-02-01",
                           "first_reported": "2025-11-20"})
    got = ws.leads.get(lid)
    assert got.stage == "negotiating" and got.first_reported == dt.date(2025, 11, 20)
    with pytest.raises(ValidationError) as info:
        ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "直接签约", "stage": "signed"})
    assert info.value.field == "stage"


def test_create_lead_refusals(ws, unit_id):
    with pytest.raises(ValidationError) as info:
        ws.leads.create({"unit_id": unit_id, "name": "无企业"})
    assert info.value.field == "company_id"
    with pytest.raises(ValidationError) as info:
        ws.leads.create({"unit_id": unit_id, "company_id": "x", "name": "未来的线索", "stage_date": "2027-01-01"})
    assert info.value.field == "stage_date"
    assert count(ws, Lead) == 0


def test_advance_forward_with_skipping(ws, lead):
    assert ws.leads.advance(lead, "negotiating", "2026-02-01") is None  # skips 接洽
    ws.leads.advance(lead, "intent", "2026-02-01")                      # same day is fine
    got = ws.leads.get(lead)
    assert got.stage == "intent" and got.stage_date == dt.date(2026, 2, 1)
    assert stages(ws, lead) == [("clue", "2026-01-10", None), ("negotiating", "2026-02-01", None),
                                ("intent", "2026-02-01", None)]
    last = log_entries(ws, "leads", lead)[-1]
    assert last["data"]["stage"] == ["negotiating", "intent"]


def test_dates_running_backwards_are_refused(ws, lead):
    ws.leads.advance(lead, "contact", "2026-03-01")
    with pytest.raises(ValidationError) as info:
        ws.leads.advance(lead, "negotiating", "2026-02-28")
    assert info.value.field == "stage_date" and "2026-03-01" in info.value.message
    assert ws.leads.get(lead).stage == "contact"


def test_future_stage_date_is_refused(ws, lead, today):
    with pytest.raises(ValidationError) as info:
        ws.leads.advance(lead, "contact", today + dt.timedelta(days=1))
    assert info.value.field == "stage_date"


def test_going_back_is_refused(ws, lead):
    ws.leads.advance(lead, "negotiating", "2026-02-01")
    with pytest.raises(RefusedError, match="倒退"):
        ws.leads.advance(lead, "contact", "2026-03-01")
    with pytest.raises(RefusedError, match="已处于"):
        ws.leads.advance(lead, "negotiating", "2026-03-01")
    with pytest.raises(ValidationError) as info:
        ws.leads.advance(lead, "won", "2026-03-01")
    assert info.value.field == "stage"
    assert len(stages(ws, lead)) == 2


def test_stage_is_changed_only_by_advancing(ws, lead):
    with pytest.raises(ValidationError) as info:
        ws.leads.update(lead, {"stage": "intent"})
    assert info.value.field == "stage"
    ws.leads.update(lead, {"name": "创新药生产基地（一期）", "planned_investment": "8000"})
    got = ws.leads.get(lead)
    assert got.name == "创新药生产基地（一期）" and got.planned_investment == Decimal(8000)
    assert got.stage == "clue"


@pytest.mark.parametrize("side", ["on_hold", "terminated"])
def test_on_hold_and_terminated_need_a_reason(ws, lead, side):
    with pytest.raises(ValidationError) as info:
        ws.leads.advance(lead, side, "2026-03-01")
    assert info.value.field == "reason"
    with pytest.raises(ValidationError):
        ws.leads.advance(lead, side, "2026-03-01", "   ")
    ws.leads.advance(lead, side, "2026-03-01", "企业投资计划调整")
    got = ws.leads.get(lead)
    assert got.stage == side and got.stage_reason == "企业投资计划调整"


def test_terminated_is_final(ws, lead):
    ws.leads.advance(lead, "terminated", "2026-03-01", "企业选址外省")
    for stage in ("clue", "intent", "signed", "on_hold"):
        with pytest.raises(RefusedError, match="终止"):
            ws.leads.advance(lead, stage, "2026-04-01", "重启")
    assert ws.leads.get(lead).stage == "terminated"
    assert count(ws, Project) == 0


def test_resume_from_on_hold(ws, lead):
    ws.leads.advance(lead, "negotiating", "2026-02-01")
    ws.leads.advance(lead, "on_hold", "2026-03-01", "等待土地指标")
    with pytest.raises(RefusedError, match="倒退"):
        ws.leads.advance(lead, "contact", "2026-04-01")
    ws.leads.advance(lead, "negotiating", "2026-04-01")  # back where it left the flow
    assert ws.leads.get(lead).stage == "negotiating"
    ws.leads.advance(lead, "on_hold", "2026-04-15", "再次搁置")
    ws.leads.advance(lead, "intent", "2026-05-01")       # or further on
    assert [s for s, _, _ in stages(ws, lead)] == ["clue", "negotiating", "on_hold", "negotiating",
                                                    "on_hold", "intent"]


def test_signing_creates_the_project_with_the_planned_investment(ws, lead, unit_id, company_id, staff_id):
    ws.leads.advance(lead, "intent", "2026-03-01")
    pid = ws.leads.advance(lead, "signed", "2026-04-18")
    assert ws.leads.get(lead).stage == "signed"
    p = ws.projects.get(pid)
    assert p.lead_id == lead and p.unit_id == unit_id and p.company_id == company_id
    assert p.name == "创新药生产基地" and p.owner_staff_id == staff_id
    assert p.contract_date == dt.date(2026, 4, 18)
    assert p.contract_investment == Decimal(15000)
    assert p.stage == "signed" and p.number == "TX-U01-2026-0001"
    assert [(h.stage, h.stage_date) for h in ws.projects.history(pid)] == [("signed", dt.date(2026, 4, 18))]
    with pytest.raises(RefusedError):
        ws.leads.advance(lead, "signed", "2026-04-19")
    assert count(ws, Project) == 1


def test_signing_with_contract_details(ws, lead):
    pid = ws.leads.advance(lead, "signed", "2026-04-18",
                           contract={"contract_investment": "2亿", "land_mu": "120.5", "jobs": "300"})
    p = ws.projects.get(pid)
    assert p.contract_investment == Decimal(20000)
    assert p.land_mu == Decimal("120.5") and p.jobs == 300


def test_signing_refuses_a_lead_with_no_investment(ws, unit_id, company_id):
    lid = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "意向项目",
                           "stage_date": "2026-01-10"})
    with pytest.raises(ValidationError) as info:
        ws.leads.advance(lid, "signed", "2026-04-18")
    assert info.value.field == "contract_investment"
    with pytest.raises(ValidationError) as info:
        ws.leads.advance(lid, "signed", "2026-04-18", contract={"contract_investment": "0"})
    assert info.value.field == "contract_investment"
    # nothing was written: the lead is still a 线索, no project, no history entry
    assert ws.leads.get(lid).stage == "clue"
    assert len(ws.leads.history(lid)) == 1
    assert count(ws, Project) == 0 and count(ws, ProjectStage) == 0
    pid = ws.leads.advance(lid, "signed", "2026-04-18", contract={"contract_investment": "3000"})
    assert ws.projects.get(pid).contract_investment == Decimal(3000)


def test_signing_with_bad_contract_fields_writes_nothing(ws, lead):
    with pytest.raises(ValidationError) as info:
        ws.leads.advance(lead, "signed", "2026-04-18", contract={"jobs": "很多"})
    assert info.value.field == "jobs"
    assert ws.leads.get(lead).stage == "clue"
    assert count(ws, Project) == 0


def test_a_signed_lead_moves_no_further(ws, unit_id, company_id):
    from zsdesk.errors import RefusedError

    lid = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "已签项目",
                           "planned_investment": 5000, "stage_date": "2026-01-10"})
    ws.leads.advance(lid, "signed", "2026-02-01")
    for stage, reason in (("on_hold", "资金未到"), ("terminated", "取消")):
        with pytest.raises(RefusedError, match="签约项目"):
            ws.leads.advance(lid, stage, "2026-03-01", reason)
    assert ws.leads.get(lid).stage == "signed"
