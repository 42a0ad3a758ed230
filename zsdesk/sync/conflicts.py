"""The conflict list: concurrent writes of one field a person confirms or changes.

A resolution is a new local write whose base names every conflicting version,
so it supersedes all of them wherever it travels and closes the conflict there."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select, update

from zsdesk.db.changes import TableInfo
from zsdesk.db.models import SYNCED_MODELS, Conflict, Site
from zsdesk.db.types import utcnow
from zsdesk.errors import NotFoundError, RefusedError
from zsdesk.services.audit import _titles as record_titles


@dataclass
class ConflictView:
    id: str
    table: str
    row_id: str
    field: str
    versions: list[dict]     # winner first: token, site, hlc, value (+ site_name)
    status: str
    title: str = ""          # the record's name (or its company's / project's, or its number)

    @property
    def winner(self) -> dict:
        return self.versions[0]

    def to_json(self) -> dict:
        return {"id": self.id, "table": self.table, "row_id": self.row_id, "field": self.field,
                "versions": self.versions, "winner": self.winner, "status": self.status}


def list_conflicts(ws, *, status: str | None = "open") -> list[ConflictView]:
    with ws.read() as s:
        names = dict(s.execute(select(Site.id, Site.name)).all())
        q = select(Conflict).order_by(Conflict.detected_at)
        if status:
            q = q.where(Conflict.status == status)
        out = []
        for c in s.scalars(q):
            versions = json.loads(c.versions)
            for v in versions:
                v["site_name"] = names.get(v["site"], v["site"])
            out.append(ConflictView(c.id, c.tbl, c.row_id, c.field, versions, c.status))
        wanted: dict[str, set[str]] = {}
        for v in out:
            wanted.setdefault(v.table, set()).add(v.row_id)
        titles = {key: title for table, ids in wanted.items() for key, title in record_titles(s, table, ids)}
    for v in out:
        v.title = titles.get((v.table, v.row_id), "")
    return out


def resolve(ws, conflict_id: str, *, keep: str = "mine", value=None) -> None:
    """keep="mine": this site's value; "theirs": the other site's; "winner": the
    automatic winner; "value": ``value`` typed by the user."""
    with ws.read() as s:
        c = s.get(Conflict, conflict_id)
        if c is None:
            raise NotFoundError("冲突不存在")
        if c.status != "open":
            raise RefusedError("该冲突已解决")
        versions = json.loads(c.versions)
        model = SYNCED_MODELS[c.tbl]
        owner = s.scalar(select(model.owner_site_id).where(model.id == c.row_id))
    mine = [v for v in versions if v["site"] == ws.site.id]
    theirs = [v for v in versions if v["site"] != ws.site.id]
    if keep == "mine":
        chosen = (mine or versions)[0]["value"]
    elif keep == "theirs":
        chosen = (theirs or versions)[0]["value"]
    elif keep == "winner":
        chosen = versions[0]["value"]
    elif keep == "value":
        chosen = value
    else:
        raise RefusedError(f"未知的处理方式：{keep}")
    from zsdesk.sync import rights
    from zsdesk.sync.engine import Merger

    with ws.write(source="conflict-resolution") as w:
        ctx = Merger(ws, w, source="")._context({})
        reason = rights.check(ctx, origin=ws.site.id, table=c.tbl, op="U", owner=owner, fields=[c.field],
                              data={"_row_id": c.row_id})
        if reason:
            raise RefusedError(f"本站点不能修改该字段（{reason}），请由记录所属站点处理")
        info = TableInfo.of(model)
        w.update(model, c.row_id, {c.field: info.decode(c.field, chosen)}, allow_foreign=True,
                 force=True, base_override=[v["token"] for v in versions])
        w.session.execute(update(Conflict.__table__).where(Conflict.id == conflict_id).values(
            status="resolved", resolved_at=utcnow(),
            resolution=json.dumps({"by": ws.site.id, "keep": keep, "value": chosen}, ensure_ascii=False,
                                  default=str)))
