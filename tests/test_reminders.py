"""Follow-ups due/overdue and 亮灯 on stage time limits (today fixed at 2026-06-15)."""

from __future__ import annotations


import pytest

from zsdesk import reminders
from zsdesk.errors import ReadOnlyError


def test_followups_due_today_and_overdue(ws, unit_id, company_id, staff_id):
    due_today = ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-06-01",
                                  "next_step": "报送项目计划书", "next_due": "2026-06-15", "staff_id": staff_id})
    overdue = ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-05-01",
                                "next_step": "约见董事长", "next_due": "2026-05-20"})
    done = ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-05-01",
                             "next_step": "寄送资料", "next_due": "2026-05-10"})
    ws.visits.mark_followup_done(done)
    ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-06-10",
                      "next_due": "2026-07-01"})  # not yet due
    lead = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "新药生产基地",
                            "stage_date": "2026-05-01", "next_followup": "2026-06-01"})
    today, late = reminders.followups(ws)
    assert [f.row_id for f in today] == [due_today]
    assert {f.row_id for f in late} == {overdue, lead}
    assert min(f.days_overdue(ws.today()) for f in late) == 14  # the lead, due 06-01
    mine_today, mine_late = reminders.followups(ws, staff_id=staff_id)
    assert [f.row_id for f in mine_today] == [due_today] and mine_late == []


def test_project_lights_follow_the_start_limit(ws, unit_id, company_id):
    def project(name, date):
        return ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": name,
                                   "contract_date": date, "contract_investment": 1000})

    red = project("超时未开工", "2025-11-01")     # start limit 2026-05-01 passed
    yellow = project("临近时限", "2025-12-20")    # limit 2026-06-20: 5 days left (< 30)
    green = project("刚签约", "2026-06-01")       # limit 2026-12-01
    stalled = project("停滞项目", "2026-05-01")
    ws.projects.advance(stalled, "stalled", "2026-06-01", "土地指标未落实")
    colours = {x.row_id: x.colour for x in reminders.lights(ws)}
    assert colours[red] == "red" and colours[yellow] == "yellow" and colours[green] == "green"
    assert colours[stalled] == "red"
    first = reminders.lights(ws)[0]
    assert first.colour == "red"
    # a project with an open problem is at least yellow
    ws.projects.add_problem(green, "用地", "土地证办理中")
    assert {x.row_id: x.colour for x in reminders.lights(ws)}[green] == "yellow"


def test_city_configures_the_limits(city_ws):
    city_ws.reference.set_light_limits(project_start_months=3, yellow_days=10)
    assert city_ws.reference.light_limits()["project_start_months"] == 3
    assert city_ws.reference.light_limits()["lead_stale_days"] == 60  # untouched defaults kept


def test_county_cannot_change_the_limits(ws):
    with pytest.raises(ReadOnlyError):
        ws.reference.set_light_limits(project_start_months=3)


def test_stale_leads_turn_yellow_then_red(ws, unit_id, company_id):
    fresh = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "A",
                             "stage_date": "2026-06-01"})
    stale = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "B",
                             "stage_date": "2026-03-01"})  # 106 days
    dead = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "C",
                            "stage_date": "2026-01-02"})  # 164 days
    colours = {x.row_id: x.colour for x in reminders.lights(ws)}
    assert (colours[fresh], colours[stale], colours[dead]) == ("green", "yellow", "red")
    assert all(x.colour != "green" for x in reminders.lights(ws, colours=("red", "yellow")))
