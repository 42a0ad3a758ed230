"""演示数据: a small demo is complete (every stage and kind), consistent (the
histories replay under the services' stage rules, no event after today), fully
captured in the change log, and deterministic for a seed."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

import pytest
from sqlalchemy import func, select

from support import TODAY
from zsdesk.db.models import (
    CapitalArrival, ChangeLog, Company, Lead, LeadStage, Problem, Project, ProjectStage, Referral, Review,
    ReviewStep, SYNCED_MODELS, Target, Unit, Visit,
)
from zsdesk.demo import generate
from zsdesk.domain import (
    LEAD_FLOW, LEAD_LABELS, LEAD_SIDE, LEAD_STAGES, PROJECT_FLOW, PROJECT_LABELS, PROJECT_SIDE, PROJECT_STAGES,
    TARGET_METRICS, VISIT_KINDS,
)
from zsdesk.errors import RefusedError
from zsdesk.services.stages import check_move
from zsdesk.validation import validate_usci

SMALL = {"units": 6, "years": 2, "scale": 0.01, "seed": 7}


@pytest.fixture
def demo(databases):
    ws = databases.workspace(databases.url("demo"))
    messages = []
    counts = generate(ws, progress=messages.append, **SMALL)
    return ws, counts, messages


def rows(ws, model):
    with ws.read() as s:
        return s.scalars(select(model)).all()


def test_demo_initialises_a_city_site_and_reports_what_it_wrote(demo):
    ws, counts, messages = demo
    assert ws.site.is_city and ws.site.code == "DEMO"
    live = ws.counts()
    for table, n in counts.items():
        assert live[table] == n, table
    assert counts["units"] == 6 and counts["visits"] >= 400 and counts["projects"] >= 16
    assert messages  # progress was reported


def test_every_stage_and_kind_occurs(demo):
    ws, _, _ = demo
    assert {x.stage for x in rows(ws, Lead)} == set(LEAD_STAGES)
    assert {x.stage for x in rows(ws, Project)} == set(PROJECT_STAGES)
    assert {x.kind for x in rows(ws, Visit)} == set(VISIT_KINDS)
    visits = rows(ws, Visit)
    assert any(v.next_due and v.next_due < TODAY and not v.followup_done for v in visits)  # overdue
    assert any(v.followup_done for v in visits)
    assert any(v.trip_days > 0 for v in visits)


def _replay(history, flow, side, labels, first_allowed):
    """The stored history obeys the services' stage rules, move by move."""
    first_stage, first_date, _ = history[0]
    assert first_stage in first_allowed
    seen = [(first_stage, first_date)]
    for stage, date, reason in history[1:]:
        check_move(flow=flow, side=side, labels=labels, history=seen, new_stage=stage, new_date=date,
                   reason=reason, today=TODAY)
        seen.append((stage, date))


def _histories(ws, model, key):
    out = defaultdict(list)
    with ws.read() as s:
        order = dict(s.execute(select(ChangeLog.row_id, ChangeLog.counter)
                               .where(ChangeLog.tbl == model.__tablename__, ChangeLog.op == "I")).all())
    for h in sorted(rows(ws, model), key=lambda h: order[h.id]):  # in the order they were written
        out[getattr(h, key)].append((h.stage, h.stage_date, h.reason))
    return out


def test_lead_histories_are_consistent(demo):
    ws, _, _ = demo
    histories = _histories(ws, LeadStage, "lead_id")
    for lead in rows(ws, Lead):
        history = histories[lead.id]
        dates = [d for _, d, _ in history]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), lead.number
        assert history[-1] == (lead.stage, lead.stage_date, lead.stage_reason), lead.number
        assert history[0][1] == lead.first_reported
        _replay(history, LEAD_FLOW, LEAD_SIDE, LEAD_LABELS, LEAD_FLOW[:-1])
        if lead.stage in ("on_hold", "terminated"):
            assert lead.stage_reason


def test_project_histories_and_money_are_consistent(demo):
    ws, _, _ = demo
    histories = _histories(ws, ProjectStage, "project_id")
    leads = {x.id: x for x in rows(ws, Lead)}
    arrived = defaultdict(int)
    for a in rows(ws, CapitalArrival):
        arrived[a.project_id] += a.amount
        assert a.amount > 0
    projects = rows(ws, Project)
    for p in projects:
        history = histories[p.id]
        dates = [d for _, d, _ in history]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), p.number
        assert history[0][:2] == ("signed", p.contract_date)
        assert history[-1] == (p.stage, p.stage_date, p.stage_reason), p.number
        _replay(history, PROJECT_FLOW, PROJECT_SIDE, PROJECT_LABELS, ("signed",))
        assert p.contract_investment > 0
        assert arrived[p.id] <= p.contract_investment
        lead = leads[p.lead_id]  # signed from its lead, on the contract date
        assert (lead.stage, lead.stage_date, lead.company_id, lead.unit_id) == \
            ("signed", p.contract_date, p.company_id, p.unit_id)
    assert any(p.contract_investment >= 10000 for p in projects)  # 亿元以上
    with ws.read() as s:
        contract = dict(s.execute(select(Project.id, Project.contract_date)).all())
    for a in rows(ws, CapitalArrival):
        assert a.arrival_date > contract[a.project_id]
    problems = rows(ws, Problem)
    assert {x.resolved for x in problems} == {True, False}
    for x in problems:
        assert x.raised_date >= contract[x.project_id]
        assert (x.resolved_date is not None) == x.resolved
        if x.resolved:
            assert x.raised_date <= x.resolved_date


def test_rows_pass_the_services_validation(demo):
    ws, _, _ = demo
    for service, model in ((ws.visits, Visit), (ws.leads, Lead), (ws.projects, Project),
                           (ws.companies, Company)):
        for obj in rows(ws, model):
            values = service.values(obj.id)
            cleaned = service.validate(values, current=values)
            for field, value in cleaned.items():
                if field in values:
                    assert value == values[field], (model.__tablename__, obj.id, field)


def test_no_event_after_today(demo):
    ws, _, _ = demo
    event_dates = {
        Visit: ("visit_date",), Lead: ("stage_date", "first_reported"), LeadStage: ("stage_date",),
        Project: ("contract_date", "stage_date"), ProjectStage: ("stage_date",),
        CapitalArrival: ("arrival_date",), Problem: ("raised_date", "resolved_date"),
        Review: ("step_date",), ReviewStep: ("step_date",), Referral: ("agreed_date",),
    }
    for model, fields in event_dates.items():
        found = rows(ws, model)
        assert found, model.__tablename__
        for obj in found:
            for f in fields:
                value = getattr(obj, f)
                assert value is None or value <= TODAY, (model.__tablename__, f, value)
    for v in rows(ws, Visit):  # planned dates may be ahead, but never before their visit
        assert v.next_due is None or v.next_due >= v.visit_date


def test_every_row_is_captured_once(demo):
    ws, _, _ = demo
    with ws.read() as s:
        inserts = Counter(s.execute(select(ChangeLog.tbl, ChangeLog.row_id).where(ChangeLog.op == "I")).all())
        assert not s.scalar(select(func.count()).select_from(ChangeLog).where(ChangeLog.op != "I"))
        for name, model in SYNCED_MODELS.items():
            ids = set(s.scalars(select(model.id)))
            logged = {row_id for (tbl, row_id) in inserts if tbl == name}
            assert ids == logged, name
        sources = set(s.scalars(select(ChangeLog.source).distinct()))
    assert all(n == 1 for n in inserts.values())
    assert "demo" in sources


def test_codes_names_targets_and_duplicates(demo):
    ws, _, _ = demo
    companies = rows(ws, Company)
    codes = [c.usci for c in companies if c.usci]
    assert len(codes) >= len(companies) // 3
    for code in codes:
        assert validate_usci(code) == code
    # 撞车: the same normalised name at two companies, chased by leads of two units
    units_by_name = defaultdict(set)
    leads = rows(ws, Lead)
    by_company = {c.id: c.name_norm for c in companies}
    for lead in leads:
        units_by_name[by_company[lead.company_id]].add(lead.unit_id)
    assert any(len(units) > 1 for units in units_by_name.values())
    # targets: every unit, year and metric
    targets = {(t.unit_id, t.year, t.metric) for t in rows(ws, Target)}
    units = [u.id for u in rows(ws, Unit)]
    years = range(TODAY.year - SMALL["years"] + 1, TODAY.year + 1)
    assert targets == {(u, y, m) for u in units for y in years for m in TARGET_METRICS}
    assert all(t.value > 0 for t in rows(ws, Target))
    assert {x.step for x in rows(ws, Review)} >= {"approved"}
    for r in rows(ws, Referral):
        assert r.from_unit_id != r.to_unit_id and 0 < r.from_share_investment < 1


def test_demo_is_refused_on_a_database_with_business_data(demo):
    ws, _, _ = demo
    with pytest.raises(RefusedError):
        generate(ws, **SMALL)


def test_same_seed_same_content(databases, demo):
    ws, _, _ = demo
    other = databases.workspace(databases.url("demo2"))
    generate(other, **SMALL)

    def content(w):
        with w.read() as s:
            return (s.execute(select(Lead.number, Lead.name, Lead.stage, Lead.stage_date, Lead.planned_investment)
                              .order_by(Lead.number)).all(),
                    s.execute(select(Visit.number, Visit.visit_date, Visit.kind, Visit.outcome)
                              .order_by(Visit.number)).all(),
                    s.execute(select(Company.number, Company.name, Company.usci).order_by(Company.number)).all())

    assert content(ws) == content(other)
    with ws.read() as s, other.read() as s2:  # but two sites never share ids
        assert not set(s.scalars(select(Visit.id))) & set(s2.scalars(select(Visit.id)))


def test_demo_dates_follow_the_workspace_today(databases):
    ws = databases.workspace(databases.url("early"), today=lambda: dt.date(2026, 1, 3))
    generate(ws, units=2, years=1, scale=0.005)
    with ws.read() as s:
        assert s.scalar(select(func.max(Visit.visit_date))) <= dt.date(2026, 1, 3)
        assert s.scalar(select(func.max(ProjectStage.stage_date))) <= dt.date(2026, 1, 3)
        assert {x for x in s.scalars(select(Project.stage).distinct())} == set(PROJECT_STAGES)


def test_a_county_site_gets_demo_data_for_its_own_unit(ws, unit_id):
    counts = generate(ws, scale=0.01, seed=3)
    assert "units" not in counts and "targets" not in counts  # targets, reviews, 飞地: the city's
    with ws.read() as s:
        assert set(s.scalars(select(Visit.unit_id).distinct())) == {unit_id}
        assert set(s.scalars(select(Project.unit_id).distinct())) == {unit_id}
        assert not s.scalar(select(func.count()).select_from(Target))
    assert {x.stage for x in rows(ws, Project)} == set(PROJECT_STAGES)


def test_project_entries_are_dated_after_what_they_record_so_few_are_rushed(demo):
    """The demo's projects, stages and arrivals are logged as entered within a week
    of what they record (never later than now), not all on the day the demo was
    made: the year's 突击上报 then flags a few projects, not every one."""
    from zsdesk import metrics
    from zsdesk.timefmt import BEIJING

    ws, _, _ = demo
    now = dt.datetime.now(dt.UTC)
    with ws.read() as s:
        for model, day in ((Project, Project.contract_date), (ProjectStage, ProjectStage.stage_date),
                           (CapitalArrival, CapitalArrival.arrival_date)):
            logged = s.execute(select(day, ChangeLog.recorded_at).join(model, model.id == ChangeLog.row_id)
                               .where(ChangeLog.tbl == model.__tablename__)).all()
            assert logged, model.__tablename__
            for when, recorded in logged:
                entered = recorded.astimezone(BEIJING).date()
                assert entered <= when + dt.timedelta(days=6), (when, recorded)
                # on or after the day it records, unless that is still ahead of the clock (then now)
                assert entered >= when or now - recorded < dt.timedelta(hours=1), (when, recorded)
                assert recorded <= now
            assert len({r.astimezone(BEIJING).date() for _, r in logged}) > len(logged) // 4
    year = metrics.compute(ws, metrics.Period(dt.date(TODAY.year, 1, 1), TODAY, str(TODAY.year)))
    signed = year.total.figures["signed_projects"]
    assert signed.row_ids and len(signed.flagged_ids) < len(signed.row_ids) / 2
