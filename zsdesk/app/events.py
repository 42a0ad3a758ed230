"""招商活动 as the window and the command line need them: events as frozen rows,
the figures of each event's projects (履约率, 开工率, 资金到位率, 建成投产率 by the
brief's definitions, ``zsdesk.events``), its linked records, and the writes
(save an event, link or unlink a record)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal

from sqlalchemy import select

from zsdesk import events as core
from zsdesk import numbers
from zsdesk.db.models import Company, Lead, Project, Unit, Visit
from zsdesk.domain import LEAD_LABELS, PROJECT_LABELS
from zsdesk.events import EVENT_FIGURES, EVENT_KINDS, RATE_KEYS, EventRow

__all__ = ["EVENT_FIGURES", "EVENT_KINDS", "RATE_KEYS", "EventDetail", "EventMetric", "EventRow", "EventSummary",
           "LinkedRecord", "ProjectChoice", "event_detail", "events_json", "events_text",
           "link_record", "linkable_projects", "load_events", "save_event", "unlink_record"]


@dataclass(frozen=True)
class EventMetric:
    key: str
    label: str
    display: str              # "66.7%（2/3）", "2,000.00" … (zsdesk.numbers), "—" when missing
    short: str                # the value alone: "66.7%", "—"
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    missing: str | None       # why there is no value


@dataclass(frozen=True)
class EventSummary:
    """One event (``event`` None: a series' total) and its figures."""
    event: EventRow | None
    series: str | None
    title: str
    projects: int
    leads: int
    visits: int
    metrics: tuple[EventMetric, ...]

    def metric(self, key: str) -> EventMetric:
        return next(m for m in self.metrics if m.key == key)


@dataclass(frozen=True)
class LinkedRecord:
    table: str                # visits / leads / projects
    id: str
    number: str
    name: str                 # the project's or lead's name; for a visit its company
    company: str
    unit_name: str
    day: dt.date              # contract / first reported / visit date
    stage_label: str
    investment: Decimal | None


@dataclass(frozen=True)
class EventDetail:
    summary: EventSummary
    records: tuple[LinkedRecord, ...]   # projects first, then leads, then visits


@dataclass(frozen=True)
class ProjectChoice:
    id: str
    number: str
    name: str
    contract_date: dt.date


def _metric(f) -> EventMetric:
    short = display = f.display() if f.value is not None else "—"
    if f.unit == "%" and f.value is not None and f.denominator:
        display = f"{display}（{numbers.number(f.numerator)}/{numbers.number(f.denominator)}）"
    return EventMetric(f.key, f.label, display, short, f.value, f.numerator, f.denominator, f.missing)


def _summary(ef: core.EventFigures) -> EventSummary:
    metrics = tuple(_metric(ef.figures[k]) for k in EVENT_FIGURES)
    if not ef.project_ids:   # the brief's "本期无新签约项目" said of an event
        metrics = tuple(replace(m, missing="没有关联到本活动的签约项目") if m.missing else m for m in metrics)
    return EventSummary(ef.event, ef.series, ef.title, len(ef.project_ids), len(ef.lead_ids), len(ef.visit_ids),
                        metrics)


def _unit_ids(ws, unit_ids, unit_code):
    if unit_code:
        from zsdesk.app.reviews import unit_by_code

        return [unit_by_code(ws, unit_code)]
    return unit_ids


def load_events(ws, unit_ids: list[str] | None = None) -> tuple[EventSummary, ...]:
    """Every event of these units (None: all) with its figures, newest first, then
    the totals of the named series with more than one event."""
    return tuple(_summary(ef) for ef in core.event_figures(ws, unit_ids))


def event_detail(ws, event_id: str) -> EventDetail:
    """One event, its figures and the records linked to it."""
    found = core.event_figures(ws, event_ids=[event_id], with_series=False)
    if not found:
        from zsdesk.errors import NotFoundError

        raise NotFoundError("招商活动不存在或已删除")
    ef = found[0]
    records: list[LinkedRecord] = []
    with ws.read() as s:
        units = dict(s.execute(select(Unit.id, Unit.name)).all())
        if ef.project_ids:
            for r in s.execute(select(Project, Company.name).join(Company, Company.id == Project.company_id)
                               .where(Project.id.in_(ef.project_ids)).order_by(Project.contract_date, Project.number)):
                p, company = r
                records.append(LinkedRecord("projects", p.id, p.number, p.name, company, units.get(p.unit_id, ""),
                                            p.contract_date, PROJECT_LABELS.get(p.stage, p.stage),
                                            p.contract_investment))
        if ef.lead_ids:
            for lead, company in s.execute(select(Lead, Company.name).join(Company, Company.id == Lead.company_id)
                                           .where(Lead.id.in_(ef.lead_ids)).order_by(Lead.first_reported)):
                records.append(LinkedRecord("leads", lead.id, lead.number, lead.name, company,
                                            units.get(lead.unit_id, ""), lead.first_reported,
                                            LEAD_LABELS.get(lead.stage, lead.stage), lead.planned_investment))
        if ef.visit_ids:
            for v, company in s.execute(select(Visit, Company.name).outerjoin(Company, Company.id == Visit.company_id)
                                        .where(Visit.id.in_(ef.visit_ids)).order_by(Visit.visit_date)):
                records.append(LinkedRecord("visits", v.id, v.number, company or v.people or "", company or "",
                                            units.get(v.unit_id, ""), v.visit_date, v.kind, None))
    return EventDetail(_summary(ef), tuple(records))


def save_event(ws, values: dict, event_id: str | None = None) -> str:
    """Create (``event_id`` None) or update an event; its id. ``values``: unit_id,
    name, kind, start_date, end_date, place, series, note."""
    svc = core.EventService(ws)
    if event_id is None:
        return svc.create(values)
    current = svc.values(event_id)
    svc.update(event_id, {k: v for k, v in values.items() if current.get(k) != v})
    return event_id


def link_record(ws, event_id: str, table: str, record_id: str) -> str:
    return core.link(ws, event_id, table, record_id)


def unlink_record(ws, event_id: str, table: str, record_id: str) -> bool:
    return core.unlink(ws, event_id, table, record_id)


def linkable_projects(ws, unit_ids: list[str] | None = None, *, limit: int = 500) -> tuple[ProjectChoice, ...]:
    """Signed projects this site may link (its own), newest first."""
    with ws.read() as s:
        q = (select(Project.id, Project.number, Project.name, Project.contract_date)
             .where(~Project.deleted).order_by(Project.contract_date.desc(), Project.number).limit(limit))
        if not ws.site.is_city:
            q = q.where(Project.owner_site_id == ws.site.id)
        if unit_ids is not None:
            q = q.where(Project.unit_id.in_(unit_ids))
        return tuple(ProjectChoice(*r) for r in s.execute(q))


def events_json(ws, unit_ids: list[str] | None = None, *, unit_code: str | None = None) -> list[dict]:
    return core.stats_json(ws, _unit_ids(ws, unit_ids, unit_code))


def events_text(ws, unit_ids: list[str] | None = None, *, unit_code: str | None = None) -> str:
    """A table of the events for the terminal (tab-separated)."""
    rows = load_events(ws, _unit_ids(ws, unit_ids, unit_code))
    if not rows:
        return "没有招商活动"
    labels = [m.label for m in rows[0].metrics]
    lines = ["\t".join(["活动", "类型", "日期", "主办单元", "系列", "签约项目", *labels[1:]])]
    for r in rows:
        e = r.event
        head = [r.title, e.kind, e.start_date.isoformat(), e.unit_name, e.series or ""] if e else \
            [r.title, "", "", "", r.series or ""]
        lines.append("\t".join([*head, str(r.projects), *(m.display for m in r.metrics[1:])]))
    return "\n".join(lines)
