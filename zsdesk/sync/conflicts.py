"""The conflict list: concurrent writes of one field a person confirms or changes.

A resolution is a new local write whose base names every conflicting version,
so it supersedes all of them wherever it travels and closes the conflict there.
Only a site the rights rules let write the field decides it (``refusal`` says
why not, for the list and for ``resolve`` alike); any other site takes note
(``acknowledge``: closed here, nothing written) and gets the owner's decision
with its next file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import SimpleNamespace

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
    owner: str | None = None         # the record's owner site (id)
    owner_name: str = ""             # … its name
    refusal: str | None = None       # why this site may not decide it (None: it may)

    @property
    def winner(self) -> dict:
        return self.versions[0]

    @property
    def may_decide(self) -> bool:
        return self.refusal is None

    def to_json(self) -> dict:
        return {"id": self.id, "table": self.table, "row_id": self.row_id, "field": self.field,
                "versions": self.versions, "winner": self.winner, "status": self.status}


def rights_context(ws, s):
    """The rights rules' view of the sites, as the merge engine builds it."""
    from zsdesk.sync.engine import Merger

    return Merger(ws, SimpleNamespace(session=s), source="")._context({})


_UNREAD = object()


def refusal(ws, s, table: str, row_id: str, field: str, *, ctx=None, owner=_UNREAD) -> str | None:
    """None when this site may decide a conflict of ``table.field`` of the
    record ``row_id`` (write the field, as a resolution does), else the rights
    rules' reason. ``ctx``/``owner``: already read (a list reads them once)."""
    from zsdesk.sync import rights

    model = SYNCED_MODELS[table]
    if owner is _UNREAD:
        owner = s.scalar(select(model.owner_site_id).where(model.id == row_id))
    return rights.check(ctx if ctx is not None else rights_context(ws, s), origin=ws.site.id, table=table,
                        op="U", owner=owner, fields=[field], data={"_row_id": row_id})


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
        owners = {}
        for table, ids in wanted.items():
            model = SYNCED_MODELS[table]
            owners.update({(table, rid): site for rid, site in s.execute(
                select(model.id, model.owner_site_id).where(model.id.in_(list(ids))))})
        ctx = rights_context(ws, s) if out else None
        for v in out:
            v.owner = owners.get((v.table, v.row_id))
            v.owner_name = names.get(v.owner, v.owner or "") if v.owner else ""
            v.refusal = refusal(ws, s, v.table, v.row_id, v.field, ctx=ctx, owner=v.owner)
    for v in out:
        v.title = titles.get((v.table, v.row_id), "")
    return out


def resolve(ws, conflict_id: str, *, keep: str = "mine", value=None) -> None:
    """keep="mine": this site's value; "theirs": the other site's; "winner": the
    automatic winner; "value": ``value`` typed by the user; "acknowledged": taken
    note of by a site that may not decide it (``acknowledge``)."""
    if keep == "acknowledged":
        acknowledge(ws, conflict_id)
        return
    c, versions = _open_conflict(ws, conflict_id)
    model = SYNCED_MODELS[c.tbl]
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
    with ws.write(source="conflict-resolution") as w:
        reason = refusal(ws, w.session, c.tbl, c.row_id, c.field)
        if reason:
            raise RefusedError(f"本站点不能修改该字段（{reason}），请由记录所属站点处理")
        info = TableInfo.of(model)
        w.update(model, c.row_id, {c.field: info.decode(c.field, chosen)}, allow_foreign=True,
                 force=True, base_override=[v["token"] for v in versions])
        _close(w, conflict_id, {"by": ws.site.id, "keep": keep, "value": chosen})


def acknowledge(ws, conflict_id: str) -> None:
    """知悉: a site that may not decide the conflict closes it here without
    writing the record; the owner's decision (if it makes one) comes with its
    file. A site that may decide it is told to decide instead."""
    c, _versions = _open_conflict(ws, conflict_id)
    with ws.write(source="conflict-resolution") as w:
        if refusal(ws, w.session, c.tbl, c.row_id, c.field) is None:
            raise RefusedError("本站点可以处理该冲突：请选择保留本站、采用对方或手工编辑")
        _close(w, conflict_id, {"by": ws.site.id, "keep": "acknowledged"})


@dataclass(frozen=True)
class _Open:
    tbl: str
    row_id: str
    field: str


def _open_conflict(ws, conflict_id: str) -> tuple[_Open, list[dict]]:
    with ws.read() as s:
        c = s.get(Conflict, conflict_id)
        if c is None:
            raise NotFoundError("冲突不存在")
        if c.status != "open":
            raise RefusedError("该冲突已解决")
        return _Open(c.tbl, c.row_id, c.field), json.loads(c.versions)


def _close(w, conflict_id: str, resolution: dict) -> None:
    w.session.execute(update(Conflict.__table__).where(Conflict.id == conflict_id).values(
        status="resolved", resolved_at=utcnow(),
        resolution=json.dumps(resolution, ensure_ascii=False, default=str)))
