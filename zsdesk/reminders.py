"""Reminders: follow-ups due and overdue, and 亮灯 (green/yellow/red) on stage
time limits that the city office configures (settings key ``light_limits``)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from zsdesk.db.models import Company, Lead, Problem, Project, Visit
from zsdesk.domain import LEAD_LABELS, PROJECT_LABELS
from zsdesk.metrics import months_before

GREEN, YELLOW, RED = "green", "yellow", "red"
LIGHT_LABELS = {GREEN: "绿灯", YELLOW: "黄灯", RED: "红灯"}
_ORDER = {RED: 0, YELLOW: 1, GREEN: 2}


@dataclass(frozen=True)
class FollowUp:
    table: str          # visits or leads
    row_id: str
    number: str
    title: str          # company / lead name
    due: dt.date
    unit_id: str
    staff_id: str | None

    def days_overdue(self, today: dt.date) -> int:
        return (today - self.due).days


@dataclass(frozen=True)
class Light:
    table: str          # projects or leads
    row_id: str
    number: str
    name: str
    unit_id: str
    stage: str
    colour: str
    reason: str
    deadline: dt.date | None = None

    @property
    def label(self) -> str:
        return LIGHT_LABELS[self.colour]


def followups(ws, *, unit_id: str | None = None, staff_id: str | None = None,
              today: dt.date | None = None) -> tuple[list[FollowUp], list[FollowUp]]:
    """(due today, overdue): visits whose next step is due and not done, and
    active leads whose next follow-up date has come."""
    today = today or ws.today()
    out: list[FollowUp] = []
    with ws.read() as s:
        q = (select(Visit.id, Visit.number, Company.name, Visit.people, Visit.next_due, Visit.unit_id,
                    Visit.staff_id)
             .outerjoin(Company, Company.id == Visit.company_id)
             .where(~Visit.deleted, ~Visit.followup_done, Visit.next_due.is_not(None),
                    Visit.next_due <= today))
        if unit_id:
            q = q.where(Visit.unit_id == unit_id)
        if staff_id:
            q = q.where(Visit.staff_id == staff_id)
        for r in s.execute(q):
            out.append(FollowUp("visits", r.id, r.number, r.name or r.people or "", r.next_due,
                                r.unit_id, r.staff_id))
        leads_q = (select(Lead.id, Lead.number, Lead.name, Lead.next_followup, Lead.unit_id, Lead.owner_staff_id)
                   .where(~Lead.deleted, Lead.stage.not_in(("signed", "terminated")),
                          Lead.next_followup.is_not(None), Lead.next_followup <= today))
        if unit_id:
            leads_q = leads_q.where(Lead.unit_id == unit_id)
        if staff_id:
            leads_q = leads_q.where(Lead.owner_staff_id == staff_id)
        for lr in s.execute(leads_q):
            out.append(FollowUp("leads", lr.id, lr.number, lr.name, lr.next_followup, lr.unit_id,
                                lr.owner_staff_id))
    out.sort(key=lambda f: (f.due, f.number))
    return [f for f in out if f.due == today], [f for f in out if f.due < today]


def _add_months(day: dt.date, months: int) -> dt.date:
    return months_before(day, -months)


def project_light(p, limits: dict, today: dt.date, open_problems: int = 0) -> tuple[str, str, dt.date | None]:
    """(colour, reason, deadline) of one project."""
    yellow = dt.timedelta(days=limits["yellow_days"])
    if p.stage == "defaulted":
        return RED, f"未履约：{p.stage_reason or ''}", None
    if p.stage == "stalled":
        return RED, f"停滞：{p.stage_reason or ''}", None
    if p.stage in ("signed", "registered"):
        deadline = _add_months(p.contract_date, limits["project_start_months"])
        what = "开工"
    elif p.stage in ("started", "completed"):
        deadline = _add_months(p.contract_date, limits["project_production_months"])
        what = "投产"
    else:
        return (YELLOW, f"有{open_problems}个待协调问题", None) if open_problems else (GREEN, "已投产", None)
    if today > deadline:
        return RED, f"超时限未{what}（应于{deadline.isoformat()}前）", deadline
    if deadline - today <= yellow:
        return YELLOW, f"距{what}时限不足{limits['yellow_days']}天（{deadline.isoformat()}）", deadline
    if open_problems:
        return YELLOW, f"有{open_problems}个待协调问题", deadline
    return GREEN, f"{PROJECT_LABELS[p.stage]}，{what}时限{deadline.isoformat()}", deadline


def lead_light(lead, limits: dict, today: dt.date) -> tuple[str, str]:
    if lead.stage == "on_hold":
        return YELLOW, f"搁置：{lead.stage_reason or ''}"
    idle = (today - lead.stage_date).days
    if idle >= limits["lead_red_days"]:
        return RED, f"{LEAD_LABELS[lead.stage]}已{idle}天无进展"
    if idle >= limits["lead_stale_days"]:
        return YELLOW, f"{LEAD_LABELS[lead.stage]}已{idle}天无进展"
    return GREEN, f"{LEAD_LABELS[lead.stage]}{idle}天"


def lights(ws, *, unit_id: str | None = None, today: dt.date | None = None,
           colours: tuple[str, ...] = (RED, YELLOW, GREEN),
           tables: tuple[str, ...] = ("projects", "leads")) -> list[Light]:
    """亮灯 of active projects and leads (or only the ``tables`` named), red first."""
    today = today or ws.today()
    limits = ws.reference.light_limits()
    out: list[Light] = []
    with ws.read() as s:
        problems: dict[str, int] = {}
        for (pid,) in s.execute(select(Problem.project_id).where(~Problem.deleted, ~Problem.resolved)):
            problems[pid] = problems.get(pid, 0) + 1
        # the columns a light needs, as rows (a city holds thousands of projects and leads)
        q = select(Project.id, Project.number, Project.name, Project.unit_id, Project.stage, Project.stage_reason,
                   Project.contract_date).where(~Project.deleted, Project.stage != "effective")
        if unit_id:
            q = q.where(Project.unit_id == unit_id)
        for p in s.connection().execute(q) if "projects" in tables else ():
            colour, reason, deadline = project_light(p, limits, today, problems.get(p.id, 0))
            if colour in colours:
                out.append(Light("projects", p.id, p.number, p.name, p.unit_id, p.stage, colour, reason,
                                 deadline))
        q = select(Lead.id, Lead.number, Lead.name, Lead.unit_id, Lead.stage, Lead.stage_reason,
                   Lead.stage_date).where(~Lead.deleted, Lead.stage.not_in(("signed", "terminated")))
        if unit_id:
            q = q.where(Lead.unit_id == unit_id)
        for lead in s.connection().execute(q) if "leads" in tables else ():
            colour, reason = lead_light(lead, limits, today)
            if colour in colours:
                out.append(Light("leads", lead.id, lead.number, lead.name, lead.unit_id, lead.stage,
                                 colour, reason))
    out.sort(key=lambda x: (_ORDER[x.colour], x.deadline or dt.date.max, x.number))
    return out
