"""Small read functions that turn the row ids behind a figure into what a
report prints about each row (names, units, dates). They count nothing: every
number comes from ``zsdesk.metrics``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from zsdesk.db.models import Company, Problem, Project, Unit
from zsdesk.domain import PROJECT_LABELS

_CHUNK = 500


@dataclass(frozen=True)
class ProjectRow:
    id: str
    number: str
    name: str
    unit_id: str
    unit_name: str
    unit_order: tuple
    company: str
    investment: Decimal            # 万元, the whole contract (not a unit's share)
    contract_date: dt.date
    stage: str
    stage_date: dt.date
    stage_reason: str | None

    @property
    def stage_label(self) -> str:
        return PROJECT_LABELS.get(self.stage, self.stage)


@dataclass(frozen=True)
class ProblemRow:
    id: str
    project_id: str
    project_name: str
    unit_id: str
    unit_name: str
    category: str
    description: str
    responsible: str | None
    raised_date: dt.date


def project_rows(ws, ids) -> dict[str, ProjectRow]:
    """The projects with these ids (deleted ones too: a figure may name them)."""
    wanted = list(dict.fromkeys(ids))
    out: dict[str, ProjectRow] = {}
    with ws.read() as s:
        for i in range(0, len(wanted), _CHUNK):
            q = (select(Project.id, Project.number, Project.name, Project.unit_id, Unit.name.label("unit_name"),
                        Unit.sort_order, Unit.code, Company.name.label("company"),
                        Project.contract_investment, Project.contract_date, Project.stage,
                        Project.stage_date, Project.stage_reason)
                 .join(Unit, Unit.id == Project.unit_id)
                 .outerjoin(Company, Company.id == Project.company_id)
                 .where(Project.id.in_(wanted[i:i + _CHUNK])))
            for r in s.execute(q):
                out[r.id] = ProjectRow(r.id, r.number, r.name, r.unit_id, r.unit_name,
                                       (r.sort_order, r.code), r.company or "", r.contract_investment,
                                       r.contract_date, r.stage, r.stage_date, r.stage_reason)
    return out


def oldest_first(ws, ids) -> list[str]:
    """These projects' ids by contract date, then number (deleted ones too), reading
    only those two columns: a list prints the first few of thousands (应开未开)."""
    wanted = list(dict.fromkeys(ids))
    keys: dict[str, tuple] = {}
    with ws.read() as s:
        for i in range(0, len(wanted), _CHUNK):
            q = select(Project.id, Project.contract_date, Project.number).where(Project.id.in_(wanted[i:i + _CHUNK]))
            keys.update((r.id, (r.contract_date, r.number)) for r in s.execute(q))
    return sorted((i for i in wanted if i in keys), key=keys.__getitem__)


def open_problems(ws, *, unit_id: str | None = None) -> list[ProblemRow]:
    """待协调问题 not yet resolved, oldest first, of live projects."""
    q = (select(Problem.id, Problem.project_id, Project.name.label("project_name"), Project.unit_id,
                Unit.name.label("unit_name"), Problem.category, Problem.description, Problem.responsible,
                Problem.raised_date)
         .join(Project, Project.id == Problem.project_id)
         .join(Unit, Unit.id == Project.unit_id)
         .where(~Problem.deleted, ~Problem.resolved, ~Project.deleted)
         .order_by(Problem.raised_date, Project.number))
    if unit_id:
        q = q.where(Project.unit_id == unit_id)
    with ws.read() as s:
        return [ProblemRow(*r) for r in s.execute(q)]


def unit_names(ws) -> dict[str, str]:
    with ws.read() as s:
        return dict(s.execute(select(Unit.id, Unit.name)).all())
