"""招商活动 (docs/DOMAIN.md#events): events, the visits, leads and projects linked
to them, and how the projects signed at an event fared since.

An event is kept at the site of its organising unit, like any record of that unit;
a county writes its own events and links its own records, the city sees them all.
A link is a row of its own (``event_links``), so a record may be linked to more
than one event (presented at a 推介会, signed at a 集中签约) and the linked tables
keep the columns an earlier version knows.

The figures of an event are ``zsdesk.metrics.compute`` over exactly its projects,
from the earliest contract date to today: 履约率, 开工率, 资金到位率 and 建成投产率
mean what they mean in the brief (the same code computes them).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from zsdesk import metrics
from zsdesk.db.models import Event, EventLink, Lead, Project, Unit, Visit
from zsdesk.errors import NotFoundError, ReadOnlyError, ValidationError
from zsdesk.services.base import Checker, RecordService
from zsdesk.validation import parse_date, require_choice, require_text

EVENT_KINDS = ("集中签约", "推介会", "展会", "外出招商活动")
#: the tables a record linked to an event comes from, and the model of each
LINK_MODELS: dict[str, Any] = {"visits": Visit, "leads": Lead, "projects": Project}
#: the figures an event shows, in order (keys of ``metrics.compute``'s figures)
EVENT_FIGURES = ("signed_projects", "signed_investment", "arrived_total", "performance_rate", "start_rate",
                 "capital_rate", "production_rate")
RATE_KEYS = ("performance_rate", "start_rate", "capital_rate", "production_rate")

FIELD_LABELS = {"unit_id": "主办单元", "name": "活动名称", "kind": "活动类型", "start_date": "开始日期",
                "end_date": "结束日期", "place": "地点", "series": "系列", "note": "备注"}


def _labelled(check: Checker, fn, value, field: str, **kw):
    """``fn(value, field, **kw)``; a problem is reported with the field's Chinese name."""
    try:
        return fn(value, field, **kw)
    except ValidationError as exc:
        label = FIELD_LABELS.get(field, field)
        message = exc.message if exc.message.startswith(label) else f"{label}：{exc.message}"
        check.fail(field, message)
        return None


class EventService(RecordService[Event]):
    model = Event
    references = {"unit_id": Unit}

    def clean(self, values: dict, check: Checker, *, current=None) -> dict:
        out = {k: values[k] for k in ("id", "unit_id") if values.get(k)}
        if not values.get("unit_id"):
            check.fail("unit_id", "请选择主办单元")
        out["name"] = _labelled(check, require_text, values.get("name"), "name", max_len=120)
        out["kind"] = _labelled(check, require_choice, values.get("kind") or None, "kind", choices=EVENT_KINDS)
        start = _labelled(check, parse_date, values.get("start_date"), "start_date", required=True)
        end = _labelled(check, parse_date, values.get("end_date"), "end_date")
        if start and end and end < start:
            check.fail("end_date", "结束日期不能早于开始日期")
        out["start_date"], out["end_date"] = start, end
        out["place"] = _labelled(check, require_text, values.get("place"), "place", max_len=100, required=False)
        out["series"] = _labelled(check, require_text, values.get("series"), "series", max_len=60, required=False)
        out["note"] = _labelled(check, require_text, values.get("note"), "note", max_len=5000, required=False)
        return out


# --- links ------------------------------------------------------------------------------------

def _record_owner(ws, table: str, record_id: str) -> str:
    model = LINK_MODELS.get(table)
    if model is None:
        raise ValidationError("record_table", f"只能关联拜访、线索或签约项目（不是 {table}）")
    with ws.read() as s:
        owner = s.scalar(select(model.owner_site_id).where(model.id == record_id, ~model.deleted))
    if owner is None:
        raise NotFoundError("要关联的记录不存在或已删除")
    return owner


def _live_event(ws, event_id: str) -> Event:
    with ws.read() as s:
        event = s.get(Event, event_id)
    if event is None or event.deleted:
        raise NotFoundError("招商活动不存在或已删除")
    return event


def link(ws, event_id: str, table: str, record_id: str) -> str:
    """Link a visit, lead or project to an event; the link's id (the existing one
    when the record is linked already). A county links its own records only."""
    _live_event(ws, event_id)
    owner = _record_owner(ws, table, record_id)
    if owner != ws.site.id and not ws.site.is_city:
        raise ReadOnlyError("只能把本站点的记录关联到招商活动")
    with ws.write() as w:
        found = w.session.scalar(select(EventLink.id).where(
            EventLink.event_id == event_id, EventLink.record_table == table, EventLink.record_id == record_id,
            ~EventLink.deleted))
        if found:
            return found
        return w.insert(EventLink, {"event_id": event_id, "record_table": table, "record_id": record_id})


def unlink(ws, event_id: str, table: str, record_id: str) -> bool:
    """Remove the links of a record to an event (tombstones); False if there was none."""
    with ws.read() as s:
        rows = list(s.execute(select(EventLink.id, EventLink.owner_site_id).where(
            EventLink.event_id == event_id, EventLink.record_table == table, EventLink.record_id == record_id,
            ~EventLink.deleted)))
    if not rows:
        return False
    for r in rows:
        ws.check_can_edit("event_links", r.owner_site_id)
    with ws.write() as w:
        for r in rows:
            w.delete(EventLink, r.id, allow_foreign=True)
    return True


def events_of(ws, table: str, record_id: str) -> list[str]:
    """The ids of the live events a record is linked to."""
    with ws.read() as s:
        return list(s.scalars(select(EventLink.event_id).join(Event, Event.id == EventLink.event_id).where(
            EventLink.record_table == table, EventLink.record_id == record_id, ~EventLink.deleted,
            ~Event.deleted).order_by(Event.start_date)))


# --- figures -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class EventRow:
    id: str
    name: str
    kind: str
    start_date: dt.date
    end_date: dt.date | None
    place: str | None
    series: str | None
    note: str | None
    unit_id: str
    unit_name: str
    owner_site_id: str


@dataclass(frozen=True)
class EventFigures:
    """One event (or one series, ``event`` None) and how its projects fared."""
    event: EventRow | None
    series: str | None
    project_ids: tuple[str, ...]
    lead_ids: tuple[str, ...]
    visit_ids: tuple[str, ...]
    #: EVENT_FIGURES key -> the figure (metrics.Figure: value, numerator, denominator, missing)
    figures: dict[str, metrics.Figure]

    @property
    def title(self) -> str:
        return self.event.name if self.event else f"{self.series}（系列合计）"

    def to_json(self) -> dict:
        e = self.event
        return {
            "event": None if e is None else {
                "id": e.id, "name": e.name, "kind": e.kind, "start_date": e.start_date.isoformat(),
                "end_date": e.end_date.isoformat() if e.end_date else None, "place": e.place,
                "series": e.series, "unit": e.unit_name},
            "series": self.series, "projects": len(self.project_ids), "leads": len(self.lead_ids),
            "visits": len(self.visit_ids), "project_ids": list(self.project_ids),
            "figures": {k: {"label": f.label, "value": None if f.value is None else str(f.value),
                            "numerator": None if f.numerator is None else str(f.numerator),
                            "denominator": None if f.denominator is None else str(f.denominator),
                            "display": f.display(), "missing": f.missing}
                        for k, f in self.figures.items()},
        }


def list_events(ws, unit_ids: list[str] | None = None) -> list[EventRow]:
    """Live events, newest first; ``unit_ids``: only those organised by these units."""
    with ws.read() as s:
        q = (select(Event, Unit.name).join(Unit, Unit.id == Event.unit_id).where(~Event.deleted)
             .order_by(Event.start_date.desc(), Event.name))
        if unit_ids is not None:
            q = q.where(Event.unit_id.in_(unit_ids))
        return [EventRow(e.id, e.name, e.kind, e.start_date, e.end_date, e.place, e.series, e.note, e.unit_id,
                         unit_name, e.owner_site_id) for e, unit_name in s.execute(q)]


def _links(ws, event_ids: list[str]) -> dict[str, dict[str, list[str]]]:
    """event id -> table -> live record ids (records deleted since are left out)."""
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    if not event_ids:
        return out
    with ws.read() as s:
        rows = list(s.execute(select(EventLink.event_id, EventLink.record_table, EventLink.record_id).where(
            EventLink.event_id.in_(event_ids), ~EventLink.deleted)))
        live: dict[str, set[str]] = {}
        for table, model in LINK_MODELS.items():
            ids = list({r.record_id for r in rows if r.record_table == table})
            live[table] = set()
            for i in range(0, len(ids), 500):
                live[table].update(s.scalars(select(model.id).where(model.id.in_(ids[i:i + 500]), ~model.deleted)))
    for r in rows:
        if r.record_id in live.get(r.record_table, ()) and r.record_id not in out[r.event_id][r.record_table]:
            out[r.event_id][r.record_table].append(r.record_id)
    return out


def _figures(ws, snapshot: metrics.Snapshot, project_ids: list[str], today: dt.date) -> dict[str, metrics.Figure]:
    """The brief's figures over exactly these projects, from the first contract to today."""
    sub = snapshot.narrowed(project_ids)
    start = min((r.contract_date for r in sub.projects), default=today)
    report = metrics.compute(ws, metrics.Period(start, today, "活动以来"), unit_ids=[], with_targets=False,
                             snapshot=sub, visits=False)   # projects' figures only: no visits read
    f = dict(report.total.figures)
    # 到位资金 since signing (the brief's 到位资金 is the period's; here the period is "since")
    capital = f["capital_rate"]
    arrived = metrics.Figure("arrived_total", "累计到位资金", "万元", capital.numerator or Decimal(0),
                             row_ids=list(capital.row_ids))
    return {k: (arrived if k == "arrived_total" else f[k]) for k in EVENT_FIGURES}


def event_figures(ws, unit_ids: list[str] | None = None, *, event_ids: list[str] | None = None,
                  with_series: bool = True, snapshot: metrics.Snapshot | None = None) -> list[EventFigures]:
    """Per event (newest first), its linked records and the figures of its projects;
    then, with ``with_series``, one total per named series of more than one event."""
    today = ws.today()
    events = list_events(ws, unit_ids)
    if event_ids is not None:
        events = [e for e in events if e.id in event_ids]
    links = _links(ws, [e.id for e in events])
    if snapshot is None or snapshot.end != today:   # a caller's rows up to today serve (stats --json)
        snapshot = metrics.Snapshot(ws, today)
    out = []
    by_series: dict[str, list[EventRow]] = defaultdict(list)
    for e in events:
        linked = links.get(e.id, {})
        projects = linked.get("projects", [])
        out.append(EventFigures(e, e.series, tuple(projects), tuple(linked.get("leads", [])),
                                tuple(linked.get("visits", [])), _figures(ws, snapshot, projects, today)))
        if e.series:
            by_series[e.series].append(e)
    if with_series:
        for series, members in sorted(by_series.items()):
            if len(members) < 2:
                continue
            projects = list(dict.fromkeys(p for m in members for p in links.get(m.id, {}).get("projects", [])))
            leads = list(dict.fromkeys(p for m in members for p in links.get(m.id, {}).get("leads", [])))
            visits = list(dict.fromkeys(p for m in members for p in links.get(m.id, {}).get("visits", [])))
            out.append(EventFigures(None, series, tuple(projects), tuple(leads), tuple(visits),
                                    _figures(ws, snapshot, projects, today)))
    return out


def stats_json(ws, unit_ids: list[str] | None = None, snapshot: metrics.Snapshot | None = None) -> list[dict]:
    """``zsdesk events --json`` and the "events" key of ``zsdesk stats --json``."""
    return [f.to_json() for f in event_figures(ws, unit_ids, snapshot=snapshot)]
