"""产业链图谱 (docs/DOMAIN.md#chains): an industry's chain nodes from 上游 to 下游, and
on each node the companies that belong there, with the gaps.

On a node (an ``industries`` row with a parent and a chain position):

- 已落地: live signed projects whose 产业 is the node, not 未履约 (by stage);
- 在谈: live leads whose 产业 is the node, in the flow before 签约 (线索 … 意向);
- 目标企业: companies of the 客商库 marked for the node (``chain_targets``) as
  龙头 / 配套 / 其他, by a unit.

Gap rules, on the projects the view shows (all, or the chosen units'):

- 断点 (补链): no landed project on the node;
- 强链: landed projects, but fewer than ``STRONG_PRODUCING`` (2) of them in
  production (投产/达效): the node rests on one working plant or none yet;
- otherwise the node is 稳固.

Projects and leads whose 产业 is the industry itself (no node chosen) are listed
as 未定位环节, so nothing landed is hidden.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from zsdesk.db.models import Carrier, ChainTarget, Company, Industry, Lead, Project, Unit
from zsdesk.domain import LEAD_FLOW, LEAD_LABELS, PROJECT_LABELS
from zsdesk.errors import NotFoundError, ValidationError
from zsdesk.services.base import Checker, RecordService
from zsdesk.validation import require_text

POSITIONS = ("上游", "中游", "下游")
TARGET_ROLES = ("龙头", "配套", "其他")
PRODUCING = frozenset({"producing", "effective"})
#: fewer landed projects in production than this: the node is 强链 work
STRONG_PRODUCING = 2
TALK_STAGES = tuple(s for s in LEAD_FLOW if s != "signed")
GAP_BREAK = "断点"
GAP_STRENGTHEN = "强链"


class ChainTargetService(RecordService[ChainTarget]):
    model = ChainTarget
    references = {"node_id": Industry, "company_id": Company, "unit_id": Unit}

    def clean(self, values: dict, check: Checker, *, current=None) -> dict:
        out = {k: values[k] for k in ("id", "node_id", "company_id", "unit_id") if values.get(k)}
        for field, message in (("node_id", "请选择产业链环节"), ("company_id", "请选择目标企业"),
                               ("unit_id", "请选择招商单元")):
            if not values.get(field):
                check.fail(field, message)
        if values.get("role") not in TARGET_ROLES:
            check.fail("role", "目标类型须为：" + "、".join(TARGET_ROLES))
        out["role"] = values.get("role")
        try:
            out["note"] = require_text(values.get("note"), "note", max_len=2000, required=False)
        except ValidationError as exc:
            check.fail("note", f"备注：{exc.message}")
        if out.get("node_id"):
            with self.ws.read() as s:
                node = s.get(Industry, out["node_id"])
                if node is not None and node.parent_id is None:
                    check.fail("node_id", "请选择产业链环节（上游/中游/下游），不是产业本身")
                if current is None and out.get("company_id") and out.get("unit_id") and s.scalar(
                        select(ChainTarget.id).where(ChainTarget.node_id == out["node_id"],
                                                     ChainTarget.company_id == out["company_id"],
                                                     ChainTarget.unit_id == out["unit_id"], ~ChainTarget.deleted)):
                    check.fail("company_id", "该企业已标记为本环节的目标企业")
        return out


# --- the map -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Chip:
    """A company on a node: a landed project, a lead in talks, or a target mark."""
    kind: str                # landed / talks / target
    table: str               # the record a click opens: projects / leads / companies
    row_id: str
    company_id: str
    company_name: str
    title: str               # the project's or lead's name; for a target the company's
    status: str              # the stage (signed … effective) or the target role (龙头 …)
    status_label: str        # 签约 / 开工 / 洽谈 / 龙头 …
    unit_id: str
    unit_name: str
    investment: Decimal | None = None   # 万元
    mark_id: str | None = None          # a target: its chain_targets row


@dataclass(frozen=True)
class Node:
    id: str
    code: str
    name: str
    position: str
    landed: tuple[Chip, ...]
    talks: tuple[Chip, ...]
    targets: tuple[Chip, ...]
    producing: int           # landed projects in production (投产/达效)
    gap: str | None          # 断点 / 强链 / None (稳固)

    @property
    def landed_investment(self) -> Decimal:
        return sum((c.investment or Decimal(0) for c in self.landed), Decimal(0))


@dataclass(frozen=True)
class CarrierFit:
    id: str
    number: str
    name: str
    kind: str
    park: str | None
    unit_name: str
    free_area: Decimal | None
    why: str                 # hosts this industry's projects / its park or notes name the industry


@dataclass(frozen=True)
class UnitShare:
    unit_id: str
    unit_name: str
    landed: int
    talks: int
    targets: int


@dataclass(frozen=True)
class ChainMap:
    industry_id: str
    industry_code: str
    industry_name: str
    nodes: tuple[Node, ...]          # 上游 → 中游 → 下游, by sort order within a position
    unplaced: tuple[Chip, ...]       # projects and leads on the industry without a node
    carriers: tuple[CarrierFit, ...]
    units: tuple[UnitShare, ...]     # who works on this chain, most landed first
    as_of: dt.date

    def at(self, position: str) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.position == position)

    @property
    def gaps(self) -> tuple[Node, ...]:
        return tuple(n for n in self.nodes if n.gap)


@dataclass(frozen=True)
class IndustryChoice:
    id: str
    code: str
    name: str
    nodes: int


def gap_of(landed_stages: list[str]) -> str | None:
    """The gap rule of a node from the stages of its landed projects."""
    if not landed_stages:
        return GAP_BREAK
    if sum(1 for s in landed_stages if s in PRODUCING) < STRONG_PRODUCING:
        return GAP_STRENGTHEN
    return None


def industries(ws) -> list[IndustryChoice]:
    """The active industries (``nodes``: how many active chain nodes each has), in catalogue order."""
    with ws.read() as s:
        rows = list(s.execute(select(Industry.id, Industry.code, Industry.name, Industry.parent_id, Industry.active)
                              .where(~Industry.deleted).order_by(Industry.sort_order, Industry.code)))
    counts = Counter(r.parent_id for r in rows if r.parent_id and r.active)
    return [IndustryChoice(r.id, r.code, r.name, counts[r.id]) for r in rows if r.parent_id is None and r.active]


def find_industry(ws, text: str) -> str:
    """The id of the industry named or coded ``text`` (exact, then a unique partial match)."""
    wanted = (text or "").strip()
    choices = industries(ws)
    for c in choices:
        if wanted in (c.name, c.code) or wanted.upper() == c.code:
            return c.id
    partial = [c for c in choices if wanted and wanted in c.name]
    if len(partial) == 1:
        return partial[0].id
    names = "、".join(c.name for c in choices)
    if len(partial) > 1:
        raise NotFoundError(f"“{wanted}”对应多个产业：{'、'.join(c.name for c in partial)}")
    raise NotFoundError(f"找不到产业“{wanted}”。可选：{names}")


def chain_map(ws, industry_id: str, unit_ids: list[str] | None = None) -> ChainMap:
    """The chain of one industry (see the module docstring); ``unit_ids``: only
    these units' projects, leads and targets (and gaps judged on them)."""
    with ws.read() as s:
        industry = s.get(Industry, industry_id)
        if industry is None or industry.deleted or industry.parent_id is not None:
            raise NotFoundError("产业不存在或已删除")
        node_rows = list(s.scalars(select(Industry).where(
            Industry.parent_id == industry_id, ~Industry.deleted, Industry.active)))
        node_rows.sort(key=lambda n: (POSITIONS.index(n.chain_position) if n.chain_position in POSITIONS else 3,
                                      n.sort_order, n.code))
        ids = [industry_id, *(n.id for n in node_rows)]
        units = {u.id: u.name for u in s.execute(select(Unit.id, Unit.name))}
        pq = (select(Project.id, Project.name, Project.industry_id, Project.stage, Project.unit_id,
                     Project.contract_investment, Project.company_id, Company.name.label("company"))
              .join(Company, Company.id == Project.company_id)
              .where(Project.industry_id.in_(ids), ~Project.deleted, Project.stage != "defaulted")
              .order_by(Project.contract_investment.desc(), Project.name))
        lq = (select(Lead.id, Lead.name, Lead.industry_id, Lead.stage, Lead.unit_id, Lead.planned_investment,
                     Lead.company_id, Company.name.label("company"))
              .join(Company, Company.id == Lead.company_id)
              .where(Lead.industry_id.in_(ids), ~Lead.deleted, Lead.stage.in_(TALK_STAGES))
              .order_by(Lead.planned_investment.desc(), Lead.name))
        tq = (select(ChainTarget.id, ChainTarget.node_id, ChainTarget.role, ChainTarget.unit_id,
                     ChainTarget.company_id, Company.name.label("company"))
              .join(Company, Company.id == ChainTarget.company_id)
              .where(ChainTarget.node_id.in_(ids), ~ChainTarget.deleted, ~Company.deleted)
              .order_by(ChainTarget.role, Company.name))
        if unit_ids is not None:
            pq = pq.where(Project.unit_id.in_(unit_ids))
            lq = lq.where(Lead.unit_id.in_(unit_ids))
            tq = tq.where(ChainTarget.unit_id.in_(unit_ids))
        projects = list(s.execute(pq))
        leads = list(s.execute(lq))
        targets = list(s.execute(tq))
        hosts = list(s.execute(
            select(Carrier.id, Carrier.number, Carrier.name, Carrier.kind, Carrier.park, Carrier.unit_id,
                   Carrier.free_area, Carrier.notes).where(~Carrier.deleted)))
        hosting = set(s.scalars(select(Project.carrier_id).where(
            Project.industry_id.in_(ids), ~Project.deleted, Project.carrier_id.is_not(None))))

    def landed(r) -> Chip:
        return Chip("landed", "projects", r.id, r.company_id, r.company, r.name, r.stage,
                    PROJECT_LABELS.get(r.stage, r.stage), r.unit_id, units.get(r.unit_id, ""),
                    r.contract_investment)

    def talk(r) -> Chip:
        return Chip("talks", "leads", r.id, r.company_id, r.company, r.name, r.stage,
                    LEAD_LABELS.get(r.stage, r.stage), r.unit_id, units.get(r.unit_id, ""), r.planned_investment)

    def target(r) -> Chip:
        return Chip("target", "companies", r.company_id, r.company_id, r.company, r.company, r.role, r.role,
                    r.unit_id, units.get(r.unit_id, ""), None, r.id)

    nodes = []
    for n in node_rows:
        mine = [p for p in projects if p.industry_id == n.id]
        nodes.append(Node(n.id, n.code, n.name, n.chain_position or "", tuple(landed(p) for p in mine),
                          tuple(talk(lead) for lead in leads if lead.industry_id == n.id),
                          tuple(target(t) for t in targets if t.node_id == n.id),
                          sum(1 for p in mine if p.stage in PRODUCING), gap_of([p.stage for p in mine])))
    unplaced = tuple([landed(p) for p in projects if p.industry_id == industry_id]
                     + [talk(lead) for lead in leads if lead.industry_id == industry_id])
    words = [industry.name, *(n.name for n in node_rows)]
    fits = []
    for c in hosts:
        if unit_ids is not None and c.unit_id not in unit_ids:
            continue
        if c.free_area is not None and c.free_area <= 0:
            continue
        text = " ".join(filter(None, (c.name, c.park, c.notes)))
        named = [w for w in words if w and w in text]
        if c.id in hosting:
            why = "已承载本产业项目"
        elif named:
            why = f"载体说明含“{named[0]}”"
        else:
            continue
        fits.append(CarrierFit(c.id, c.number, c.name, c.kind, c.park, units.get(c.unit_id, ""), c.free_area, why))
    fits.sort(key=lambda f: (f.why != "已承载本产业项目", -(f.free_area or 0), f.number))
    share: dict[str, list[int]] = {}
    for p in projects:
        share.setdefault(p.unit_id, [0, 0, 0])[0] += 1
    for lead in leads:
        share.setdefault(lead.unit_id, [0, 0, 0])[1] += 1
    for t in targets:
        share.setdefault(t.unit_id, [0, 0, 0])[2] += 1
    unit_shares = sorted((UnitShare(uid, units.get(uid, ""), *v) for uid, v in share.items()),
                         key=lambda u: (-u.landed, -u.talks, -u.targets, u.unit_name))
    return ChainMap(industry.id, industry.code, industry.name, tuple(nodes), unplaced, tuple(fits),
                    tuple(unit_shares), ws.today())


# --- marking targets -----------------------------------------------------------------------------

def mark_target(ws, node_id: str, company_id: str, unit_id: str, role: str, note: str | None = None) -> str:
    """Mark a company as a 目标企业 of a chain node for a unit; the mark's id."""
    return ChainTargetService(ws).create({"node_id": node_id, "company_id": company_id, "unit_id": unit_id,
                                          "role": role, "note": note})


def unmark_target(ws, mark_id: str) -> None:
    ChainTargetService(ws).delete(mark_id)



# --- the catalogue: chain nodes (the city's) --------------------------------------------------------

def add_node(ws, industry_id: str, name: str, position: str) -> str:
    """(City) a new chain node of an industry at ``position`` (上游/中游/下游); its id.
    Its code is the industry's with the next free number (I07-4 …); it reaches the
    counties with the reference data."""
    if position not in POSITIONS:
        raise ValidationError("chain_position", "环节位置须为：上游、中游或下游")
    with ws.read() as s:
        industry = s.get(Industry, industry_id)
        if industry is None or industry.deleted or industry.parent_id is not None:
            raise NotFoundError("产业不存在或已删除")
        codes = set(s.scalars(select(Industry.code)))
        siblings = list(s.execute(select(Industry.name, Industry.sort_order).where(
            Industry.parent_id == industry_id, ~Industry.deleted)))
    if (name or "").strip() in {n.name for n in siblings}:
        raise ValidationError("name", f"本产业已有环节“{name.strip()}”")
    n = 1
    while f"{industry.code}-{n}" in codes:
        n += 1
    return ws.reference.industries.create({"code": f"{industry.code}-{n}", "name": name, "parent_id": industry_id,
                                           "chain_position": position,
                                           "sort_order": max((r.sort_order for r in siblings), default=-1) + 1})
