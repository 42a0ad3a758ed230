"""项目一页纸: one A4 page about one signed project, for a leader's folder or a
meeting: who owns it, the company, the money, where it stands (each stage
reached and when), the capital arrived, the open problems with their 责任部门
and 办结时限, its 落户预审 and 飞地 shares, and what comes next.

Long lists are cut to what fits ("另有N笔/N个"): the page is made again with
shorter lists until it is one page. Deleted (tombstoned) arrivals and
problems are left out, as everywhere else.

A problem has no deadline of its own: its 办结时限 is the date it was raised
plus the city's setting ``problem_limit_days`` (30 days unless set), the
limit the 矛盾问题协调会 holds the 责任部门 to. The meeting agenda
(``zsdesk.reports.agenda``) uses the same rule.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import or_, select

from zsdesk import numbers, reminders
from zsdesk.db.models import (
    Carrier, Company, Industry, Lead, Problem, Project, Referral, Review, ReviewStep, Staff, Unit, Visit,
)
from zsdesk.domain import PROJECT_FLOW, PROJECT_LABELS, PROJECT_SIDE, REVIEW_LABELS
from zsdesk.errors import NotFoundError

#: days a 待协调问题 has to be settled, counted from the day it was raised (setting ``problem_limit_days``)
DEFAULT_PROBLEM_DAYS = 30
#: the longest lists tried first; shortened until the sheet is one page
_LIMITS = ((8, 8), (6, 6), (5, 4), (4, 3), (3, 2), (2, 2), (1, 1))


def problem_limit_days(ws) -> int:
    value = ws.reference.setting("problem_limit_days", DEFAULT_PROBLEM_DAYS)
    try:
        days = int(value)
    except (TypeError, ValueError):
        return DEFAULT_PROBLEM_DAYS
    return days if days > 0 else DEFAULT_PROBLEM_DAYS


def problem_deadline(raised: dt.date, days: int) -> dt.date:
    return raised + dt.timedelta(days=days)


def due_text(deadline: dt.date, today: dt.date) -> tuple[str, bool]:
    """("逾期12天" | "剩5天" | "今日到期", overdue) of a deadline seen on ``today``."""
    left = (deadline - today).days
    if left < 0:
        return f"逾期{-left}天", True
    return ("今日到期" if left == 0 else f"剩{left}天"), False


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass(frozen=True)
class _Arrival:
    date: dt.date
    amount: Decimal
    note: str | None


@dataclass(frozen=True)
class _Problem:
    category: str
    description: str
    responsible: str | None
    raised: dt.date
    deadline: dt.date


@dataclass(frozen=True)
class _Sheet:
    number: str
    name: str
    unit_name: str
    owner: str | None
    company: str
    usci: str | None
    industry: str | None
    investment: Decimal
    foreign_usd: Decimal | None
    carrier: str | None
    land_mu: Decimal | None
    jobs: int | None
    output: Decimal | None
    tax: Decimal | None
    contract_date: dt.date
    stage: str
    stage_date: dt.date
    stage_reason: str | None
    reached: dict[str, dt.date]            # flow stage -> the day it was first reached
    light: tuple[str, str, dt.date | None]     # (colour, reason, the time limit of the next stage)
    arrivals: list[_Arrival]               # newest first
    problems: list[_Problem]               # open ones, oldest first
    resolved_problems: int
    problem_days: int
    review: list[tuple[str, dt.date, str | None]]    # (step label, date, comment), in order
    referrals: list[str]
    followup: tuple[str, dt.date | None] | None      # the pending next step of a visit or the lead
    notes: str | None
    today: dt.date
    site_name: str


def _gather(ws, project_id: str) -> _Sheet:
    today = ws.today()
    days = problem_limit_days(ws)
    with ws.read() as s:
        p = s.get(Project, project_id)
        if p is None or p.deleted:
            raise NotFoundError("项目不存在或已删除")
        unit = s.get(Unit, p.unit_id)
        company = s.get(Company, p.company_id)
        owner = s.get(Staff, p.owner_staff_id) if p.owner_staff_id else None
        industry = s.get(Industry, p.industry_id) if p.industry_id else None
        parent = s.get(Industry, industry.parent_id) if industry is not None and industry.parent_id else None
        carrier = s.get(Carrier, p.carrier_id) if p.carrier_id else None
        problems = list(s.scalars(select(Problem).where(Problem.project_id == project_id, ~Problem.deleted)
                                  .order_by(Problem.raised_date)))
        review = s.scalar(select(Review).where(Review.project_id == project_id, ~Review.deleted)
                          .order_by(Review.step_date.desc()).limit(1))
        steps = [] if review is None else [
            (REVIEW_LABELS.get(r.step, r.step), r.step_date, r.comment)
            for r in s.scalars(select(ReviewStep).where(ReviewStep.review_id == review.id, ~ReviewStep.deleted)
                               .order_by(ReviewStep.step_date))]
        unit_names = dict(s.execute(select(Unit.id, Unit.name)).all())
        referrals = [
            f"{unit_names.get(r.from_unit_id, '?')}（飞出地）分得投资{numbers.percent(r.from_share_investment)}、"
            f"税收{numbers.percent(r.from_share_tax)}、考核分{numbers.percent(r.from_share_score)}，"
            f"其余归{unit_names.get(r.to_unit_id, '?')}（飞入地）；{r.agreed_date.isoformat()}协议"
            for r in s.scalars(select(Referral).where(Referral.project_id == project_id, ~Referral.deleted)
                               .order_by(Referral.agreed_date))]
        followup = _followup(s, p)
        snapshot = dict(number=p.number, name=p.name, company=company.name if company else "",
                        usci=company.usci if company else None, investment=p.contract_investment,
                        foreign_usd=p.foreign_investment_usd, land_mu=p.land_mu, jobs=p.jobs,
                        output=p.expected_output, tax=p.expected_tax, contract_date=p.contract_date,
                        stage=p.stage, stage_date=p.stage_date, stage_reason=p.stage_reason, notes=p.notes)
    history = ws.projects.history(project_id)
    reached: dict[str, dt.date] = {}
    for h in history:
        reached.setdefault(h.stage, h.stage_date)
    reached.setdefault(snapshot["stage"], snapshot["stage_date"])
    open_problems = [_Problem(q.category, q.description, q.responsible, q.raised_date,
                              problem_deadline(q.raised_date, days)) for q in problems if not q.resolved]
    colour, reason, limit = reminders.project_light(_Light(**{k: snapshot[k] for k in (
        "stage", "stage_reason", "contract_date")}), ws.reference.light_limits(), today, len(open_problems))
    arrivals = sorted((_Arrival(a.arrival_date, a.amount, a.note) for a in ws.projects.arrivals(project_id)),
                      key=lambda a: a.date, reverse=True)
    industry_name = None
    if industry is not None:
        industry_name = f"{parent.name}·{industry.name}" if parent is not None else industry.name
        if industry.chain_position:
            industry_name += f"（{industry.chain_position}）"
    carrier_name = f"{carrier.name}（{carrier.kind}）" if carrier is not None else None
    owner_name = None
    if owner is not None:
        owner_name = owner.name + (f"（{owner.title}）" if owner.title else "") + (
            f" {owner.phone}" if owner.phone else "")
    return _Sheet(unit_name=unit.name if unit else "", owner=owner_name, industry=industry_name,
                  carrier=carrier_name, reached=reached, light=(colour, reason, limit), arrivals=arrivals,
                  problems=open_problems, resolved_problems=sum(1 for q in problems if q.resolved),
                  problem_days=days, review=steps, referrals=referrals, followup=followup, today=today,
                  site_name=ws.site.name, **snapshot)


@dataclass(frozen=True)
class _Light:
    stage: str
    stage_reason: str | None
    contract_date: dt.date


def _followup(s, p) -> tuple[str, dt.date | None] | None:
    """The next step still open for the project: the latest visit's (of its lead
    or its company, not yet done), else nothing."""
    conditions = [Visit.company_id == p.company_id]
    if p.lead_id:
        conditions.append(Visit.lead_id == p.lead_id)
    visit = s.scalar(select(Visit).where(~Visit.deleted, ~Visit.followup_done, Visit.next_step.is_not(None),
                                         or_(*conditions), Visit.visit_date >= p.contract_date)
                     .order_by(Visit.visit_date.desc()).limit(1))
    if visit is not None and (visit.next_step or "").strip():
        return visit.next_step.strip(), visit.next_due
    if p.lead_id:
        lead = s.get(Lead, p.lead_id)
        if lead is not None and lead.next_followup and lead.next_followup >= p.contract_date:
            return "跟进线索", lead.next_followup
    return None


# --- layout -------------------------------------------------------------------------------------

def _next_steps(d: _Sheet) -> list[str]:
    """下一步: the next stage with its time limit, the problems to settle, a visit's next step."""
    out = []
    if d.stage in PROJECT_SIDE:
        out.append(f"项目{PROJECT_LABELS[d.stage]}（{d.stage_reason or '未写原因'}），需研究恢复推进或解除协议。")
    else:
        later = [s for s in PROJECT_FLOW if PROJECT_FLOW.index(s) > PROJECT_FLOW.index(d.stage)]
        limit = d.light[2]
        if not later:
            out.append("项目已达效，做好跟踪服务。")
        elif limit is None:
            out.append(f"推进{PROJECT_LABELS[later[0]]}。")
        else:
            what = "开工" if d.stage in ("signed", "registered") else "投产"
            left, overdue = due_text(limit, d.today)
            out.append(f"推进{what}：按签约时限应于{limit.isoformat()}前{what}（"
                       + (f"已{left}" if overdue else left) + "）。")
    if d.problems:
        first = min(q.deadline for q in d.problems)
        late = sum(1 for q in d.problems if q.deadline < d.today)
        out.append(f"协调解决{len(d.problems)}个待协调问题" + (f"（其中{late}个已逾期）" if late else "")
                   + f"，最早办结时限{first.isoformat()}。")
    if d.followup is not None:
        step, due = d.followup
        when = ""
        if due is not None:
            left, overdue = due_text(due, d.today)
            when = f"（应于{due.isoformat()}前，已{left}）" if overdue else f"（{due.isoformat()}前）"
        out.append(f"跟进事项：{step}{when}。")
    return out


def _story(d: _Sheet, pdf, arrival_limit: int, problem_limit: int, width: float) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    st = pdf.styles()
    cell, cell_r, cell_c = st["cell"], st["cell_r"], st["cell_c"]
    label = pdf.ParagraphStyle("label", parent=st["cell"], textColor=pdf.GREY)
    kv = pdf.ParagraphStyle("kv", parent=st["cell"], fontSize=9.5, leading=13)
    story: list = []
    section = [0]

    def heading(text: str) -> None:
        section[0] += 1
        numeral = "一二三四五六七八九十"[section[0] - 1]
        story.append(pdf.BoldLine(f"{numeral}、{text}", 11.5, space_before=6, space_after=3))

    def para(text: str, style=None) -> Paragraph:
        return pdf.p(text, style or cell)

    # 标题
    story.append(pdf.BoldLine("项目一页纸", 10, colour=pdf.RED, tracking=0.3, space_after=1))
    story.append(pdf.BoldLine(d.name, 17, align="center", space_before=2, space_after=3))
    owner = d.owner or "未指定"
    story.append(Paragraph(pdf.escape(f"编号 {d.number}　｜　{d.unit_name}　｜　包保责任人：{owner}"),
                           pdf.ParagraphStyle("sub", parent=st["plain"], fontSize=9.5, leading=13,
                                              alignment=1, textColor=pdf.GREY)))
    story.append(pdf.Rule(1.6, pdf.RED, space_before=4, space_after=5))

    # 一、基本情况
    heading("基本情况")
    company = d.company + (f"（统一社会信用代码 {d.usci}）" if d.usci else "（统一社会信用代码未登记）")
    investment = numbers.money(d.investment, show_unit=True)
    if d.investment >= numbers.YI:
        investment += f"（{numbers.money(d.investment, numbers.YI_UNIT, show_unit=True)}）"
    foreign = f"{numbers.money(d.foreign_usd)}万美元" if d.foreign_usd else "无"
    land = f"{numbers.number(d.land_mu)}亩" if d.land_mu is not None else "—"
    effects = []
    if d.jobs is not None:
        effects.append(f"新增就业{numbers.count(d.jobs)}人")
    if d.output is not None:
        effects.append(f"年产值{numbers.money(d.output, show_unit=True)}")
    if d.tax is not None:
        effects.append(f"年税收{numbers.money(d.tax, show_unit=True)}")
    rows = [
        [para("投资企业", label), para(company, kv), "", ""],
        [para("产业", label), para(d.industry or "—", kv), para("载体", label), para(d.carrier or "—", kv)],
        [para("计划总投资", label), para(investment, kv), para("其中外资", label), para(foreign, kv)],
        [para("签约日期", label), para(d.contract_date.isoformat(), kv), para("用地", label), para(land, kv)],
    ]
    if effects:
        rows.append([para("预期效益", label), para("，".join(effects), kv), "", ""])
    widths = [22 * mm, 65 * mm, 20 * mm, width - 107 * mm]
    spans = [("SPAN", (1, r), (3, r)) for r, row in enumerate(rows) if row[2] == ""]
    # data_table paints header rows: with none, undo its fill, then shade the label columns
    story.append(pdf.data_table(rows, widths, header_rows=0, extra=[
        ("BACKGROUND", (0, 0), (-1, -1), pdf.colors.white), ("BACKGROUND", (0, 0), (0, -1), pdf.HEAD_FILL), ("BACKGROUND", (2, 0), (2, -1), pdf.HEAD_FILL),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, pdf.RULE_GREY), *spans]))

    # 二、项目进度
    heading("项目进度")
    flow = list(PROJECT_FLOW)
    head = [para(PROJECT_LABELS[s], st["head"]) for s in flow]
    dates = [para(d.reached[s].isoformat() if s in d.reached else "—", cell_c) for s in flow]
    marks = [("BACKGROUND", (flow.index(d.stage), 1), (flow.index(d.stage), 1), pdf.MARK_FILL)] \
        if d.stage in flow else []
    story.append(pdf.data_table([head, dates], [width / len(flow)] * len(flow), extra=marks))
    colour, reason, _ = d.light
    now = f"当前阶段：{PROJECT_LABELS.get(d.stage, d.stage)}（{d.stage_date.isoformat()}）"
    if d.stage in PROJECT_SIDE:
        now += f"，原因：{d.stage_reason or '未写'}"
    colour_hex = {"red": "#D40000", "yellow": "#B8860B", "green": "#2E7D32"}[colour]
    story.append(Paragraph(f"{pdf.escape(now)}　亮灯：<font color='{colour_hex}'>"
                           f"{pdf.escape(reminders.LIGHT_LABELS[colour])}</font>（{pdf.escape(reason)}）",
                           st["note"]))

    # 三、资金到位
    heading("资金到位")
    total = sum((a.amount for a in d.arrivals), Decimal(0))
    rate = numbers.percent(total / d.investment) if d.investment else numbers.UNKNOWN
    if d.arrivals:
        story.append(para(f"累计到位{numbers.money(total, show_unit=True)}，共{len(d.arrivals)}笔，"
                          f"占计划总投资的{rate}；最近到位如下。", st["plain"]))
        shown = d.arrivals[:arrival_limit]
        rows = [[para("到位日期", st["head"]), para("金额（万元）", st["head"]), para("说明", st["head"])]]
        rows += [[para(a.date.isoformat(), cell_c), para(numbers.money(a.amount), cell_r),
                  para(pdf.shorten(a.note, 60) or "—")] for a in shown]
        story.append(pdf.data_table(rows, [28 * mm, 32 * mm, width - 60 * mm]))
        if len(d.arrivals) > len(shown):
            rest = d.arrivals[len(shown):]
            story.append(para(f"另有{len(rest)}笔（{rest[-1].date.isoformat()}至{rest[0].date.isoformat()}，"
                              f"合计{numbers.money(sum((a.amount for a in rest), Decimal(0)), show_unit=True)}）"
                              f"未列出，见项目的资金到位记录。", st["note"]))
    else:
        story.append(para("尚无资金到位记录。", st["plain"]))

    # 四、存在问题
    heading("存在问题")
    if d.problems:
        late = sum(1 for q in d.problems if q.deadline < d.today)
        story.append(para(f"待协调问题{len(d.problems)}个" + (f"，其中逾期{late}个" if late else "")
                          + (f"（另有已解决{d.resolved_problems}个）" if d.resolved_problems else "")
                          + f"；办结时限为提出后{d.problem_days}天。", st["plain"]))
        shown_p = d.problems[:problem_limit]
        rows = [[para(h, st["head"]) for h in ("类别", "问题", "责任部门", "提出日期", "办结时限")]]
        for q in shown_p:
            due, overdue = due_text(q.deadline, d.today)
            colour_tag = "#D40000" if overdue else "#1A1A1A"
            rows.append([para(q.category, cell_c), para(pdf.shorten(q.description, 90)),
                         para(q.responsible or "未明确", cell_c), para(q.raised.isoformat(), cell_c),
                         Paragraph(f"{q.deadline.isoformat()}<br/><font color='{colour_tag}'>{pdf.escape(due)}</font>",
                                   cell_c)])
        story.append(pdf.data_table(rows, [14 * mm, width - 88 * mm, 30 * mm, 21 * mm, 23 * mm]))
        if len(d.problems) > len(shown_p):
            story.append(para(f"另有{len(d.problems) - len(shown_p)}个待协调问题未列出，见项目的待协调问题记录。",
                              st["note"]))
    else:
        story.append(para("无待协调问题" + (f"（已解决{d.resolved_problems}个）" if d.resolved_problems else "")
                          + "。", st["plain"]))

    # 五、落户预审 / 项目共享（有则列）
    if d.review:
        heading("落户预审")
        last = d.review[-1][0]
        state = last if last in (REVIEW_LABELS["approved"], REVIEW_LABELS["returned"]) else "审查中"
        story.append(para(f"{state}：" + "；".join(
            f"{label} {day.isoformat()}" + (f"（{pdf.shorten(c, 40)}）" if c else "")
            for label, day, c in d.review) + "。", st["plain"]))
    if d.referrals:
        heading("项目共享（飞地）")
        for text in d.referrals:
            story.append(para(text + "。", st["plain"]))

    heading("下一步")
    for n, text in enumerate(_next_steps(d), 1):
        story.append(para(f"{n}. {text}", st["plain"]))
    if d.notes:
        story.append(Spacer(1, 2))
        story.append(para(f"备注：{pdf.shorten(d.notes, 160)}", st["note"]))
    return story


def _render(d: _Sheet, out: Path, now: dt.datetime | None) -> int:
    """Write the sheet with the longest lists that keep it to one page; returns the pages (1)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from zsdesk import __version__
    from zsdesk.reports import pdf

    pdf.register_font()
    foot = pdf.foot_note(pdf.generated_at(now), right=18 * mm)
    pages = 0
    for arrival_limit, problem_limit in _LIMITS:
        doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=14 * mm,
                              bottomMargin=20 * mm, title=f"项目一页纸 {d.number} {d.name}", author=d.site_name,
                              subject=d.name, creator=f"zsdesk {__version__}")
        frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=foot)])
        doc.build(_story(d, pdf, arrival_limit, problem_limit, doc.width), canvasmaker=pdf.NumberedCanvas)
        pages = doc.page
        if pages == 1:
            break
    return pages


def write_project_sheet(ws, project_id: str, out_path, *, now: dt.datetime | None = None) -> Path:
    """Write the 项目一页纸 of ``project_id`` to ``out_path`` (a .pdf); returns its path.
    ``now``: the moment printed in the foot (default: now)."""
    from zsdesk.reports import pdf

    out = pdf.checked_pdf_path(out_path)
    pdf.register_font()   # a broken install says so before any work
    data = _gather(ws, project_id)
    pdf.write_atomically(out, lambda tmp: _render(data, tmp, now))
    return out
