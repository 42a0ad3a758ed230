"""Who may change what: reference data (city only), 预审 and 飞地 (city steps),
records of other sites (read-only), and stale edits (``seen`` version tokens)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from sqlalchemy import select

from support import add_foreign_site, count, log_entries
from zsdesk.db.changes import field_versions, version_token
from zsdesk.db.models import Company, Lead, Project, Referral, Review, ReviewStep, ScoringRules, Unit
from zsdesk.errors import ReadOnlyError, RefusedError, ValidationError
from zsdesk.seed import DEFAULT_LIGHT_LIMITS, seed_id


# --- helpers -------------------------------------------------------------------------------------

def city_unit(city_ws, code, name):
    return city_ws.reference.units.create({"code": code, "name": name})


def city_project(city_ws, unit, name="光伏组件项目", investment="2亿"):
    company = city_ws.companies.create({"name": f"{name}投资有限公司"})
    return city_ws.projects.create({"unit_id": unit, "company_id": company, "name": name,
                                    "contract_date": "2026-03-01", "contract_investment": investment})


# --- reviews (落户预审) -----------------------------------------------------------------------------

def test_county_recommends_a_major_project(ws, unit_id, company_id):
    pid = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "百亿产业园",
                              "contract_date": "2026-05-01", "contract_investment": "100亿"})
    rid = ws.projects.recommend_review(pid, "2026-05-10", "建议提交联席会")
    with ws.read() as s:
        review = s.get(Review, rid)
        steps = s.scalars(select(ReviewStep).where(ReviewStep.review_id == rid)).all()
    assert review.step == "recommended" and review.project_id == pid
    assert review.owner_site_id == ws.site.id
    assert [(st.step, st.step_date) for st in steps] == [("recommended", dt.date(2026, 5, 10))]
    # the further steps are the city's
    with pytest.raises(ReadOnlyError, match="市级"):
        ws.projects.advance_review(rid, "joint_review", "2026-05-20")
    with ws.read() as s:
        assert s.get(Review, rid).step == "recommended"


def test_city_advances_a_review_received_from_a_county(city_ws):
    """The review arrived from a county (owned by it); the city moves it on."""
    county = add_foreign_site(city_ws, "TX-U01", "泰兴高新区招商单元")
    unit = city_unit(city_ws, "TX-U01", "泰兴高新区")
    pid = city_project(city_ws, unit)
    with city_ws.write(source="test-import") as w:
        rid = w.insert(Review, {"project_id": pid, "step": "recommended", "step_date": dt.date(2026, 3, 5),
                                "owner_site_id": county})
    city_ws.projects.advance_review(rid, "joint_review", "2026-03-20", "联席会原则同意")
    city_ws.projects.advance_review(rid, "leader_review", "2026-04-01")
    with pytest.raises(RefusedError, match="不能回到"):
        city_ws.projects.advance_review(rid, "joint_review", "2026-04-02")
    with pytest.raises(ValidationError) as info:
        city_ws.projects.advance_review(rid, "approved", "2026-03-31")
    assert info.value.field == "step_date"
    city_ws.projects.advance_review(rid, "approved", "2026-04-10", "同意落户")
    with city_ws.read() as s:
        review = s.get(Review, rid)
        steps = s.scalars(select(ReviewStep.step).where(ReviewStep.review_id == rid)
                          .order_by(ReviewStep.step_date)).all()
    assert (review.step, review.step_date, review.comment) == ("approved", dt.date(2026, 4, 10), "同意落户")
    assert review.owner_site_id == county  # still the county's record
    assert steps == ["joint_review", "leader_review", "approved"]
    with pytest.raises(RefusedError, match="通过"):
        city_ws.projects.advance_review(rid, "returned", "2026-04-11")


def test_review_steps_are_validated(city_ws):
    unit = city_unit(city_ws, "JY-U01", "靖江经开区")
    rid = city_ws.projects.recommend_review(city_project(city_ws, unit), "2026-03-05")
    with pytest.raises(ValidationError) as info:
        city_ws.projects.advance_review(rid, "rubber_stamp", "2026-03-06")
    assert info.value.field == "step"
    with pytest.raises(RefusedError):
        city_ws.projects.advance_review("00000000-0000-0000-0000-000000000000", "approved", "2026-03-06")
    city_ws.projects.advance_review(rid, "returned", "2026-03-06", "投资强度不足")
    with pytest.raises(RefusedError, match="退回"):
        city_ws.projects.advance_review(rid, "approved", "2026-03-07")


# --- referrals (项目共享 / 飞地) -----------------------------------------------------------------

def test_referrals_are_the_citys(ws, unit_id, company_id):
    pid = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "飞地项目",
                              "contract_date": "2026-03-01", "contract_investment": 30000})
    with pytest.raises(ReadOnlyError):
        ws.projects.add_referral(pid, unit_id, "40%", "2026-03-02")
    assert count(ws, Referral) == 0


def test_city_records_a_referral(city_ws):
    flying_out = city_unit(city_ws, "XH-U01", "兴化招商局")
    flying_in = city_unit(city_ws, "TX-U01", "泰兴高新区")
    pid = city_project(city_ws, flying_in)
    rid = city_ws.projects.add_referral(pid, flying_out, "40%", "2026-03-02", tax_share="0.5",
                                        note="兴化推荐落户泰兴")
    with city_ws.read() as s:
        r = s.get(Referral, rid)
    assert (r.from_unit_id, r.to_unit_id) == (flying_out, flying_in)
    assert r.from_share_investment == Decimal("0.4") and r.from_share_score == Decimal("0.4")
    assert r.from_share_tax == Decimal("0.5")
    with pytest.raises(RefusedError, match="已登记"):
        city_ws.projects.add_referral(pid, flying_out, "30%", "2026-03-03")


def test_referral_refusals(city_ws):
    a = city_unit(city_ws, "XH-U01", "兴化招商局")
    b = city_unit(city_ws, "TX-U01", "泰兴高新区")
    pid = city_project(city_ws, b)
    with pytest.raises(ValidationError) as info:
        city_ws.projects.add_referral(pid, b, "40%", "2026-03-02")
    assert info.value.field == "from_unit_id"
    with pytest.raises(ValidationError) as info:
        city_ws.projects.add_referral(pid, a, "140%", "2026-03-02")
    assert info.value.field == "from_share_investment"
    with pytest.raises(ValidationError) as info:
        city_ws.projects.add_referral(pid, "00000000-0000-0000-0000-000000000000", "40%", "2026-03-02")
    assert info.value.field == "from_unit_id"
    assert count(city_ws, Referral) == 0


# --- reference data -------------------------------------------------------------------------------

def test_city_sets_and_updates_targets(city_ws):
    unit = city_unit(city_ws, "TX-U01", "泰兴高新区")
    tid = city_ws.reference.set_target(2026, unit, "signed_projects", 12)
    city_ws.reference.set_target(2026, unit, "signed_investment", "30亿")
    assert city_ws.reference.set_target(2026, unit, "signed_projects", 15) == tid  # updated, not duplicated
    assert city_ws.reference.targets_for(2026) == {
        unit: {"signed_projects": Decimal(15), "signed_investment": Decimal(300000)}}
    assert city_ws.reference.targets_for(2025) == {}
    upd = log_entries(city_ws, "targets", tid)[-1]
    assert upd["op"] == "U" and upd["data"] == {"value": ["12", "15"]}
    with pytest.raises(ValidationError) as info:
        city_ws.reference.set_target(2026, unit, "happiness", 1)
    assert info.value.field == "metric"


def test_personal_targets_are_kept_apart(city_ws):
    unit = city_unit(city_ws, "TX-U01", "泰兴高新区")
    person = city_ws.reference.staff.create({"unit_id": unit, "name": "陈招商"})
    city_ws.reference.set_target(2026, unit, "major_projects", 3)
    city_ws.reference.set_target(2026, unit, "major_projects", 1, staff_id=person)
    assert city_ws.reference.targets_for(2026) == {unit: {"major_projects": Decimal(3)}}


def test_scoring_rules_get_a_new_version(city_ws):
    v1 = city_ws.reference.scoring_rules(2026)
    assert v1.version == 1
    new_id = city_ws.reference.new_scoring_rules({"signed_projects": 50, "signed_investment": "50"},
                                                 {"overdue_start": 3}, year=2026, note="2026年赛马办法")
    v2 = city_ws.reference.scoring_rules(2026)
    assert v2.id == new_id and v2.version == 2
    assert json.loads(v2.weights) == {"signed_projects": 50, "signed_investment": 50}
    assert json.loads(v2.deductions) == {"overdue_start": 3}
    assert city_ws.reference.scoring_rules(2025).version == 1  # other years keep the default
    assert count(city_ws, ScoringRules) == 2                   # old versions stay for old briefs
    with pytest.raises(ValidationError) as info:
        city_ws.reference.new_scoring_rules({"luck": 10}, {})
    assert info.value.field == "weights"


def test_light_limits_setting(city_ws):
    assert city_ws.reference.light_limits() == DEFAULT_LIGHT_LIMITS
    city_ws.reference.set_light_limits(project_start_months=9, yellow_days="15")
    limits = city_ws.reference.light_limits()
    assert limits["project_start_months"] == 9 and limits["yellow_days"] == 15
    assert limits["project_production_months"] == DEFAULT_LIGHT_LIMITS["project_production_months"]
    with pytest.raises(ValidationError) as info:
        city_ws.reference.set_light_limits(coffee_breaks=2)
    assert info.value.field == "coffee_breaks"
    with pytest.raises(ValidationError) as info:
        city_ws.reference.set_light_limits(project_start_months=0)
    assert info.value.field == "project_start_months"


def test_city_edits_the_built_in_catalogue(city_ws):
    """The seed industries belong to the built-in catalogue; the city maintains them."""
    digital = seed_id("industry", "I03")
    city_ws.reference.industries.update(digital, {"name": "数字经济（含算力）"})
    assert city_ws.reference.industries.get(digital).name == "数字经济（含算力）"
    new = city_ws.reference.industries.create({"code": "I11", "name": "低空经济", "sort_order": 11})
    assert new in {i.id for i in city_ws.reference.list_industries()}
    city_ws.reference.industries.update(new, {"active": False})  # deactivated, never deleted
    assert new not in {i.id for i in city_ws.reference.list_industries()}


def test_county_may_not_edit_city_reference_tables(ws, unit_id):
    ref = ws.reference
    digital = seed_id("industry", "I03")
    before = log_entries(ws)
    for attempt in (
        lambda: ref.set_target(2026, unit_id, "signed_projects", 12),
        lambda: ref.new_scoring_rules({"signed_projects": 100}, {}),
        lambda: ref.set_light_limits(project_start_months=3),
        lambda: ref.set_setting("brief_recipients", {"报": ["市委"]}),
        lambda: ref.industries.update(digital, {"name": "改名"}),
        lambda: ref.industries.create({"code": "I99", "name": "县里自设产业"}),
        lambda: ref.industries.delete(digital),
    ):
        with pytest.raises(ReadOnlyError, match="市级维护"):
            attempt()
    assert log_entries(ws) == before
    assert ref.light_limits() == DEFAULT_LIGHT_LIMITS


def test_county_keeps_its_own_units_and_staff(ws, unit_id):
    sid = ws.reference.staff.create({"unit_id": unit_id, "name": "新同事", "phone": "0523-8888"})
    ws.reference.staff.update(sid, {"title": "副科长"})
    assert ws.reference.staff.get(sid).title == "副科长"
    ws.reference.units.update(unit_id, {"region": "泰兴市"})
    assert ws.reference.units.get(unit_id).region == "泰兴市"
    with pytest.raises(ValidationError) as info:
        ws.reference.units.create({"code": "tx-u01", "name": "重复代码"})
    assert info.value.field == "code"


def test_county_adds_a_unit_and_records_for_it(ws, company_id):
    group = ws.reference.units.create({"code": "TX-U01-HQ", "name": "黄桥镇招商组"})
    assert ws.reference.units.get(group).site_id == ws.site.id
    vid = ws.visits.create({"unit_id": group, "company_id": company_id, "visit_date": "2026-06-01"})
    assert ws.visits.get(vid).unit_id == group


# --- records of another site ------------------------------------------------------------------------

@pytest.fixture
def foreign(ws):
    """A company, lead and project that arrived from another county (owned by it)."""
    other = add_foreign_site(ws)
    with ws.write(source="test-import") as w:
        unit = w.insert(Unit, {"code": "JY-U02", "name": "靖江经开区", "site_id": other,
                               "owner_site_id": other})
        company = w.insert(Company, {"name": "靖江船舶重工有限公司", "owner_site_id": other})
        lead = w.insert(Lead, {"unit_id": unit, "company_id": company, "name": "船舶配套",
                               "stage": "clue", "stage_date": dt.date(2026, 1, 5),
                               "first_reported": dt.date(2026, 1, 5), "owner_site_id": other})
        project = w.insert(Project, {"unit_id": unit, "company_id": company, "name": "船舶总装",
                                     "contract_date": dt.date(2026, 2, 1),
                                     "contract_investment": Decimal(80000), "stage": "signed",
                                     "stage_date": dt.date(2026, 2, 1), "owner_site_id": other})
    return {"site": other, "unit": unit, "company": company, "lead": lead, "project": project}


def test_records_of_another_site_are_read_only(ws, foreign):
    before = log_entries(ws)
    assert ws.companies.get(foreign["company"]).name == "靖江船舶重工有限公司"  # readable
    attempts = [
        lambda: ws.companies.update(foreign["company"], {"notes": "改一下"}),
        lambda: ws.companies.delete(foreign["company"]),
        lambda: ws.leads.update(foreign["lead"], {"name": "改名"}),
        lambda: ws.leads.advance(foreign["lead"], "contact", "2026-03-01"),
        lambda: ws.projects.advance(foreign["project"], "started", "2026-03-01"),
        lambda: ws.projects.add_arrival(foreign["project"], "2026-03-01", "100"),
        lambda: ws.projects.add_problem(foreign["project"], "用地", "缺指标"),
        lambda: ws.projects.recommend_review(foreign["project"], "2026-03-01"),
    ]
    for attempt in attempts:
        with pytest.raises(ReadOnlyError, match="靖江经开区招商单元"):
            attempt()
    assert log_entries(ws) == before


def test_merging_into_another_sites_company_is_allowed_but_not_the_reverse(ws, company_id, foreign):
    ws.companies.merge(company_id, foreign["company"])  # our duplicate points at theirs
    assert ws.companies.get(company_id).merged_into_id == foreign["company"]
    with pytest.raises(ReadOnlyError):
        ws.companies.merge(foreign["company"], company_id)


# --- stale edits -----------------------------------------------------------------------------------

def _seen(ws, table, row_id) -> dict[str, str]:
    with ws.read() as s:
        return {f: version_token(origin, counter)
                for f, (_, origin, counter) in field_versions(s, table, row_id).items()}


def test_seen_tokens_refuse_a_stale_edit(ws, company_id):
    opened_by_a = _seen(ws, "companies", company_id)       # A opens the form
    ws.companies.update(company_id, {"notes": "B的备注"})    # B saves first
    with pytest.raises(RefusedError, match="notes"):
        ws.companies.update(company_id, {"notes": "A的备注"}, seen=opened_by_a)
    assert ws.companies.get(company_id).notes == "B的备注"
    # a different field than the one B changed is not a conflict
    ws.companies.update(company_id, {"region": "江苏南京"}, seen=opened_by_a)
    # after reopening, A's edit goes through
    ws.companies.update(company_id, {"notes": "A的备注"}, seen=_seen(ws, "companies", company_id))
    assert ws.companies.get(company_id).notes == "A的备注"
    assert ws.companies.get(company_id).region == "江苏南京"
