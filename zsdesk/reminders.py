"""Reminders: follow-ups due and overdue, and 亮灯 (green/yellow/red) on stage
time limits that the city office configures (settings key ``light_limits``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

from sqlalchemy import case, func, or_, select, text

from zsdesk.db.models import OPEN_LEAD_STAGES_SQL, Company, Lead, Problem, Project, Visit
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


def _followup_sources(unit_id: str | None, unit_ids: Collection[str] | None, staff_id: str | None):
    """(table, due column, the columns of a FollowUp, the open items' conditions) of visits and leads."""
    def scoped(unit_col, staff_col) -> list:
        conds = []
        if unit_id:
            conds.append(unit_col == unit_id)
        if unit_ids is not None:
            conds.append(unit_col.in_(list(unit_ids)))
        if staff_id:
            conds.append(staff_col == staff_id)
        return conds

    visits = (select(Visit.id, Visit.number, Company.name, Visit.people, Visit.next_due.label("due"),
                     Visit.unit_id, Visit.staff_id).outerjoin(Company, Company.id == Visit.company_id))
    leads = select(Lead.id, Lead.number, Lead.name, Lead.next_followup.label("due"), Lead.unit_id,
                   Lead.owner_staff_id.label("staff_id"))
    return (("visits", Visit.next_due, visits,
             [~Visit.deleted, ~Visit.followup_done, Visit.next_due.is_not(None),
              *scoped(Visit.unit_id, Visit.staff_id)]),
            # the stages as literals: the partial index ix_leads_open_followup serves them
            ("leads", Lead.next_followup, leads,
             [~Lead.deleted, text(f"leads.{OPEN_LEAD_STAGES_SQL}"), Lead.next_followup.is_not(None),
              *scoped(Lead.unit_id, Lead.owner_staff_id)]))


def followups(ws, *, unit_id: str | None = None, unit_ids: Collection[str] | None = None,
              staff_id: str | None = None, today: dt.date | None = None, limit: int | None = None,
              since: dt.date | None = None, until: dt.date | None = None) -> tuple[list[FollowUp], list[FollowUp]]:
    """(due today, overdue): visits whose next step is due and not done, and
    active leads whose next follow-up date has come, oldest first.

    ``limit`` keeps the first rows of each list (what a screen or a brief shows; the
    counts are ``followup_counts``): only those are read, through the due-date
    indexes, so the work does not grow with every overdue follow-up ever recorded.
    ``since``/``until`` bound the due dates (``until`` is at most today)."""
    today = today or ws.today()
    last = min(until, today) if until is not None else today
    if limit is not None and limit <= 0:
        return [], []
    out: list[FollowUp] = []
    with ws.read() as s:
        for table, due, columns, conds in _followup_sources(unit_id, unit_ids, staff_id):
            if since is not None:
                conds = [*conds, due >= since]
            late = [*conds, due < today, due <= last]
            if limit is not None:
                # the limit-th earliest due date: rows up to it (ties kept, sorted below)
                edge = s.execute(select(due).where(*late).order_by(due).offset(limit - 1).limit(1)).scalar()
                if edge is not None:
                    late.append(due <= edge)
            parts = [late]
            if last == today and (since is None or since <= today):
                parts.append([*conds, due == today])
            for where in parts:
                for r in s.execute(columns.where(*where)):
                    title = r.name or (r.people if table == "visits" else None) or ""
                    out.append(FollowUp(table, r.id, r.number, title, r.due, r.unit_id, r.staff_id))
    out.sort(key=lambda f: (f.due, f.number))
    due_today = [f for f in out if f.due == today]
    overdue = [f for f in out if f.due < today]
    if limit is not None:
        return due_today[:limit], overdue[:limit]
    return due_today, overdue


@dataclass(frozen=True)
class FollowUpCount:
    """How many follow-ups of one table and unit are due today and overdue."""
    table: str          # visits or leads
    unit_id: str
    due_today: int
    overdue: int
    oldest: dt.date | None = None   # the earliest due date of the overdue ones


def followup_counts(ws, *, unit_id: str | None = None, unit_ids: Collection[str] | None = None,
                    staff_id: str | None = None, today: dt.date | None = None,
                    since: dt.date | None = None, until: dt.date | None = None) -> tuple[FollowUpCount, ...]:
    """The counts of what ``followups`` lists (with the same arguments, without a
    limit), per table and unit, read by COUNT queries."""
    today = today or ws.today()
    last = min(until, today) if until is not None else today
    out = []
    with ws.read() as s:
        for table, due, _columns, conds in _followup_sources(unit_id, unit_ids, staff_id):
            model = Visit if table == "visits" else Lead
            if since is not None:
                conds = [*conds, due >= since]
            q = (select(model.unit_id, func.count().label("n"),
                        func.coalesce(func.sum(case((due == today, 1), else_=0)), 0).label("today"),
                        func.min(case((due < today, due), else_=None)).label("oldest"))
                 .where(*conds, due <= last).group_by(model.unit_id).order_by(model.unit_id))
            for r in s.execute(q):
                oldest = r.oldest if r.oldest is None or isinstance(r.oldest, dt.date) else \
                    dt.date.fromisoformat(str(r.oldest))   # SQLite's MIN of a CASE is the stored text
                out.append(FollowUpCount(table, r.unit_id, int(r.today), int(r.n) - int(r.today), oldest))
    return tuple(out)


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


def first_date_reaching(bound: dt.date, months: int) -> dt.date:
    """The earliest date d with ``d + months`` (the lights' month arithmetic) >= ``bound``.
    Adding months is monotone (and flat at month ends), so this is a threshold:
    ``d + months >= bound`` exactly when ``d >= result`` — a project signed before
    ``first_date_reaching(today, limit)`` is past its limit (red)."""
    d = months_before(bound, months)
    one = dt.timedelta(days=1)
    while months_before(d - one, -months) >= bound:
        d -= one
    while months_before(d, -months) < bound:
        d += one
    return d


def lights(ws, *, unit_id: str | None = None, unit_ids: Collection[str] | None = None,
           today: dt.date | None = None, colours: tuple[str, ...] = (RED, YELLOW, GREEN),
           tables: tuple[str, ...] = ("projects", "leads"), limit: int | None = None,
           ids: Collection[str] | None = None) -> list[Light]:
    """亮灯 of active projects and leads (or only the ``tables`` named), red first;
    of ``unit_id`` or the units ``unit_ids`` (or the rows ``ids``); the first ``limit``
    of them when given. Red alone (a brief's list) reads only the rows that can be red."""
    today = today or ws.today()
    limits = ws.reference.light_limits()
    red_only = set(colours) == {RED}
    out: list[Light] = []
    with ws.read() as s:
        problems: dict[str, int] = {}
        if not red_only:    # problems make a light yellow, never red
            for (pid,) in s.execute(select(Problem.project_id).where(~Problem.deleted, ~Problem.resolved)):
                problems[pid] = problems.get(pid, 0) + 1
        # the columns a light needs, as rows (a city holds thousands of projects and leads)
        q = select(Project.id, Project.number, Project.name, Project.unit_id, Project.stage, Project.stage_reason,
                   Project.contract_date).where(~Project.deleted, Project.stage != "effective")
        if red_only:
            q = q.where(or_(Project.stage.in_(("defaulted", "stalled")),
                            (Project.stage.in_(("signed", "registered"))
                             & (Project.contract_date < first_date_reaching(today, limits["project_start_months"]))),
                            (Project.stage.in_(("started", "completed"))
                             & (Project.contract_date < first_date_reaching(today, limits["project_production_months"])))))
        for p in _scoped_rows(s, q, Project, unit_id, unit_ids, ids) if "projects" in tables else ():
            colour, reason, deadline = project_light(p, limits, today, problems.get(p.id, 0))
            if colour in colours:
                out.append(Light("projects", p.id, p.number, p.name, p.unit_id, p.stage, colour, reason,
                                 deadline))
        q = select(Lead.id, Lead.number, Lead.name, Lead.unit_id, Lead.stage, Lead.stage_reason,
                   Lead.stage_date).where(~Lead.deleted, Lead.stage.not_in(("signed", "terminated")))
        if red_only:
            q = q.where(Lead.stage != "on_hold",
                        Lead.stage_date <= today - dt.timedelta(days=limits["lead_red_days"]))
        for lead in _scoped_rows(s, q, Lead, unit_id, unit_ids, ids) if "leads" in tables else ():
            colour, reason = lead_light(lead, limits, today)
            if colour in colours:
                out.append(Light("leads", lead.id, lead.number, lead.name, lead.unit_id, lead.stage,
                                 colour, reason))
    out.sort(key=lambda x: (_ORDER[x.colour], x.deadline or dt.date.max, x.number))
    return out if limit is None else out[:max(limit, 0)]


_IDS_AT_ONCE = 500


def _scoped_rows(s, q, model, unit_id, unit_ids, ids):
    """The rows of ``q`` of the unit, the units or the ids given."""
    if unit_id:
        q = q.where(model.unit_id == unit_id)
    if unit_ids is not None:
        q = q.where(model.unit_id.in_(list(unit_ids)))
    if ids is None:
        yield from s.connection().execute(q)
        return
    wanted = list(ids)
    for i in range(0, len(wanted), _IDS_AT_ONCE):
        yield from s.connection().execute(q.where(model.id.in_(wanted[i:i + _IDS_AT_ONCE])))
