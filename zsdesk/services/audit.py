"""The audit trail: who changed which field of a record, when, from what to what;
and the latest writes of the site (最近动态)."""

from __future__ import annotations

from dataclasses import dataclass
import datetime as dt

from sqlalchemy import func, select

from zsdesk.db.changes import entries_data, entry_fields
from zsdesk.db.models import SYNCED_MODELS, ChangeLog, Company, Lead, Project, Site
from zsdesk.hlc import to_datetime


#: the business records a 最近动态 list shows (not the catalogue or the site set-up)
ACTIVITY_TABLES = ("visits", "leads", "projects", "companies", "carriers", "capital_arrivals",
                   "problems", "referrals", "reviews")


@dataclass(frozen=True)
class FieldChange:
    at: dt.datetime          # when it was recorded (UTC)
    clock: dt.datetime       # the HLC's wall time
    site: str                # the origin site's name
    actor: str | None
    op: str                  # I / U / D
    field: str
    old: object
    new: object
    source: str


@dataclass(frozen=True)
class RecentChange:
    seq: int
    at: dt.datetime          # when it was recorded (UTC)
    site: str                # the origin site's name
    actor: str | None
    op: str                  # I / U / D
    table: str
    row_id: str
    title: str               # the record's name (or its company's / project's, or its number)
    fields: tuple[str, ...]  # the fields written (for an update: those that changed)
    source: str


class AuditService:
    def __init__(self, ws):
        self.ws = ws

    def history(self, table: str, row_id: str) -> list[FieldChange]:
        """Every field change of one record, oldest first."""
        with self.ws.read() as s:
            sites = dict(s.execute(select(Site.id, Site.name)).all())
            entries = s.scalars(select(ChangeLog).where(ChangeLog.tbl == table, ChangeLog.row_id == row_id)
                                .order_by(ChangeLog.hlc, ChangeLog.origin_site_id)).all()
            # a compact insert (issue 15) reads its row for the values it shares with it
            datas = entries_data(s, [(e.tbl, e.row_id, e.data) for e in entries])
        out = []
        for e, data in zip(entries, datas):
            for field, value in data.items():
                old, new = (None, value) if e.op == "I" else value
                out.append(FieldChange(e.recorded_at, to_datetime(e.hlc), sites.get(e.origin_site_id,
                                       e.origin_site_id), e.actor, e.op, field, old, new, e.source))
        return out

    def recent(self, limit: int = 50, *, tables: tuple[str, ...] | None = ACTIVITY_TABLES) -> list[RecentChange]:
        """The latest ``limit`` writes to ``tables`` (None: every table), newest first."""
        q = select(ChangeLog).order_by(ChangeLog.seq.desc()).limit(max(int(limit), 0))
        if tables is not None:
            q = q.where(ChangeLog.tbl.in_(tables))
        with self.ws.read() as s:
            entries = s.scalars(q).all()
            sites = dict(s.execute(select(Site.id, Site.name)).all())
            wanted: dict[str, set[str]] = {}
            for e in entries:
                wanted.setdefault(e.tbl, set()).add(e.row_id)
            titles = {key: title for table, ids in wanted.items() for key, title in _titles(s, table, ids)}
        return [RecentChange(e.seq, e.recorded_at, sites.get(e.origin_site_id, e.origin_site_id), e.actor,
                             e.op, e.tbl, e.row_id, titles.get((e.tbl, e.row_id), ""),
                             tuple(entry_fields(e.tbl, e.data)), e.source) for e in entries]


def _titles(s, table: str, ids: set[str]):
    """((table, id), title) of the records: their name, else their company's or
    project's name, else their number."""
    model = SYNCED_MODELS.get(table)
    if model is None:
        return
    cols = model.__table__.c
    if "name" in cols:
        q = select(model.id, model.name)
    elif "company_id" in cols:
        q = select(model.id, Company.name).outerjoin(Company, Company.id == model.company_id)
    elif "project_id" in cols and "lead_id" in cols:  # a review: of a project or of a lead
        q = (select(model.id, func.coalesce(Project.name, Lead.name))
             .outerjoin(Project, Project.id == model.project_id).outerjoin(Lead, Lead.id == model.lead_id))
    elif "project_id" in cols:
        q = select(model.id, Project.name).outerjoin(Project, Project.id == model.project_id)
    elif "number" in cols:
        q = select(model.id, model.number)
    else:
        return
    listed = list(ids)
    for i in range(0, len(listed), 500):
        for row_id, title in s.execute(q.where(model.id.in_(listed[i:i + 500]))):
            yield (table, row_id), title or ""
