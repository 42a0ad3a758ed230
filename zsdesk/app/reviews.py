"""落户预审 (major-project review) and 项目共享 / 飞地 referrals as the window and
the command line need them: plain frozen values, never mapped rows."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from zsdesk.db.models import Project, Referral, Review, Unit
from zsdesk.domain import MAJOR_CNY, MAJOR_USD, REVIEW_LABELS
from zsdesk.errors import NotFoundError, RefusedError

#: the steps the city records after 单元推荐, in order
CITY_STEPS = ("joint_review", "leader_review", "approved", "returned")


@dataclass(frozen=True)
class ReviewInfo:
    """One 落户预审 with its project."""
    id: str
    project_id: str | None
    project_number: str
    project_name: str
    unit_name: str
    investment: Decimal          # 万元
    foreign_usd: Decimal | None  # 万美元
    step: str
    step_label: str
    step_date: dt.date
    comment: str | None
    recommended_date: dt.date | None
    finished: bool               # 通过 or 退回


@dataclass(frozen=True)
class CandidateInfo:
    """A project the county may put up for review (亿元以上, not under review)."""
    id: str
    number: str
    name: str
    investment: Decimal
    foreign_usd: Decimal | None


@dataclass(frozen=True)
class ReferralInfo:
    """项目共享 / 飞地: ``from_*`` is the 飞出地, ``to_*`` the 飞入地 (the project's unit)."""
    id: str
    project_id: str
    project_number: str
    project_name: str
    from_unit_name: str
    to_unit_name: str
    investment_share: Decimal    # the 飞出地's share, 0..1
    tax_share: Decimal
    score_share: Decimal
    agreed_date: dt.date


def qualifies(investment: Decimal | None, foreign_usd: Decimal | None) -> bool:
    """A major project (docs/DOMAIN.md#users): domestic ≥ 1亿元 or foreign ≥ 1000万美元."""
    return (investment or Decimal(0)) >= MAJOR_CNY or (foreign_usd or Decimal(0)) >= MAJOR_USD


def project_by_number(ws, number: str) -> str:
    """The id of the live project numbered ``number`` (e.g. TX-U01-2026-0012)."""
    with ws.read() as s:
        pid = s.scalar(select(Project.id).where(Project.number == number.strip(), ~Project.deleted))
    if pid is None:
        raise NotFoundError(f"找不到项目：{number}")
    return pid


def unit_by_code(ws, code: str) -> str:
    with ws.read() as s:
        uid = s.scalar(select(Unit.id).where(Unit.code == code.strip(), ~Unit.deleted))
    if uid is None:
        raise NotFoundError(f"找不到招商单元：{code}")
    return uid


def list_reviews(ws, unit_ids: list[str] | None = None) -> list[ReviewInfo]:
    """Every live review of a project (of these units, or all), newest first."""
    from zsdesk.db.models import ReviewStep

    with ws.read() as s:
        q = (select(Review, Project, Unit).join(Project, Project.id == Review.project_id)
             .join(Unit, Unit.id == Project.unit_id).where(~Review.deleted))
        if unit_ids is not None:
            q = q.where(Project.unit_id.in_(unit_ids))
        rows = s.execute(q).all()
        first = {rid: d for rid, d in s.execute(select(ReviewStep.review_id, ReviewStep.step_date).where(
            ReviewStep.step == "recommended", ~ReviewStep.deleted))}
        out = [ReviewInfo(r.id, r.project_id, p.number, p.name, u.name, p.contract_investment,
                          p.foreign_investment_usd, r.step, REVIEW_LABELS.get(r.step, r.step), r.step_date,
                          r.comment, first.get(r.id), r.step in ("approved", "returned"))
               for r, p, u in rows]
    out.sort(key=lambda x: (x.recommended_date or x.step_date, x.project_number), reverse=True)
    return out


def review_of(ws, review_id: str) -> ReviewInfo:
    for info in list_reviews(ws):
        if info.id == review_id:
            return info
    raise NotFoundError("预审记录不存在")


def review_candidates(ws, unit_ids: list[str] | None = None) -> list[CandidateInfo]:
    """The projects this site may recommend: its own, major, with no open or passed review."""
    with ws.read() as s:
        busy = set(s.scalars(select(Review.project_id).where(~Review.deleted, Review.step != "returned")))
        q = select(Project).where(~Project.deleted, Project.owner_site_id == ws.site.id)
        if unit_ids is not None:
            q = q.where(Project.unit_id.in_(unit_ids))
        out = [CandidateInfo(p.id, p.number, p.name, p.contract_investment, p.foreign_investment_usd)
               for p in s.scalars(q.order_by(Project.number))
               if p.id not in busy and qualifies(p.contract_investment, p.foreign_investment_usd)]
    return out


def recommend(ws, project_id: str, date, comment: str | None = None) -> str:
    """单元推荐: only a major project, and only once while a review is open or passed."""
    project = ws.projects.get(project_id)
    if not qualifies(project.contract_investment, project.foreign_investment_usd):
        raise RefusedError("只有亿元以上项目（内资≥1亿元，或外资≥1000万美元）可以推荐落户预审")
    with ws.read() as s:
        open_one = s.scalar(select(Review.id).where(Review.project_id == project_id, ~Review.deleted,
                                                    Review.step != "returned"))
    if open_one is not None:
        raise RefusedError("该项目已在落户预审中")
    return ws.projects.recommend_review(project_id, date, comment or None)


def record_step(ws, review_id: str, step: str, date, comment: str | None = None) -> None:
    """联席会审查 / 市领导审核 / 通过 / 退回: the city's steps."""
    if step not in CITY_STEPS:
        raise RefusedError(f"无效的预审步骤：{step}（可选：{'、'.join(REVIEW_LABELS[s] for s in CITY_STEPS)}）")
    ws.projects.advance_review(review_id, step, date, comment or None)


def open_review_of_project(ws, project_id: str) -> str:
    """The project's latest live review (for the command line)."""
    with ws.read() as s:
        rows = s.execute(select(Review.id, Review.step_date).where(
            Review.project_id == project_id, ~Review.deleted).order_by(Review.step_date.desc())).all()
    if not rows:
        raise RefusedError("该项目没有落户预审记录：请先由单元推荐")
    return rows[0][0]


# --- 项目共享 (飞地) -------------------------------------------------------------------------

def list_referrals(ws, project_id: str | None = None) -> list[ReferralInfo]:
    with ws.read() as s:
        units = {u.id: u.name for u in s.scalars(select(Unit))}
        q = select(Referral, Project).join(Project, Project.id == Referral.project_id).where(~Referral.deleted)
        if project_id is not None:
            q = q.where(Referral.project_id == project_id)
        out = [ReferralInfo(r.id, r.project_id, p.number, p.name, units.get(r.from_unit_id, "?"),
                            units.get(r.to_unit_id, "?"), r.from_share_investment, r.from_share_tax,
                            r.from_share_score, r.agreed_date)
               for r, p in s.execute(q.order_by(Referral.agreed_date))]
    return out


@dataclass(frozen=True)
class ReferralContext:
    """What the 飞地 dialog of one project shows."""
    project_id: str
    project_number: str
    project_name: str
    to_unit_id: str
    to_unit_name: str
    units: tuple[tuple[str, str], ...]   # (id, name) of the units that may be the 飞出地
    existing: tuple[ReferralInfo, ...]


def referral_context(ws, project_id: str) -> ReferralContext:
    project = ws.projects.get(project_id)
    with ws.read() as s:
        units = [(u.id, u.name) for u in s.scalars(select(Unit).where(~Unit.deleted, Unit.active)
                                                     .order_by(Unit.sort_order, Unit.code))]
    to_name = next((n for i, n in units if i == project.unit_id), "?")
    return ReferralContext(project.id, project.number, project.name, project.unit_id, to_name,
                           tuple((i, n) for i, n in units if i != project.unit_id),
                           tuple(list_referrals(ws, project_id)))


def add_referral(ws, project_id: str, from_unit_id: str, investment, tax, score, date,
                 note: str | None = None) -> str:
    """The city records a 飞地 share; ratios are 0–100% (``"40%"`` or ``0.4``)."""
    if not ws.site.is_city:
        from zsdesk.errors import ReadOnlyError

        raise ReadOnlyError("项目共享（飞地）由市级登记")
    return ws.projects.add_referral(project_id, from_unit_id, investment, date, tax_share=tax,
                                    score_share=score, note=note or None)
