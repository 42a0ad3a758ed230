"""The audit trail: who changed which field of a record, when, from what to what."""

from __future__ import annotations

import json
from dataclasses import dataclass
import datetime as dt

from sqlalchemy import select

from zsdesk.db.models import ChangeLog, Site
from zsdesk.hlc import to_datetime


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


class AuditService:
    def __init__(self, ws):
        self.ws = ws

    def history(self, table: str, row_id: str) -> list[FieldChange]:
        """Every field change of one record, oldest first."""
        with self.ws.read() as s:
            sites = dict(s.execute(select(Site.id, Site.name)).all())
            entries = s.scalars(select(ChangeLog).where(ChangeLog.tbl == table, ChangeLog.row_id == row_id)
                                .order_by(ChangeLog.hlc, ChangeLog.origin_site_id)).all()
        out = []
        for e in entries:
            data = json.loads(e.data)
            for field, value in data.items():
                old, new = (None, value) if e.op == "I" else value
                out.append(FieldChange(e.recorded_at, to_datetime(e.hlc), sites.get(e.origin_site_id,
                                       e.origin_site_id), e.actor, e.op, field, old, new, e.source))
        return out
