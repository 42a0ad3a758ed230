"""会议议题: the agenda of the monthly 重大项目落户预审暨矛盾问题协调会 (the
city's 市重大办 holds it on the reviews still pending and the problems still
open).

- 一、落户预审项目: reviews recommended and not yet ended (通过 / 退回), by the
  project's unit: the project, its investment, the step reached and the date
  of every step so far.
- 二、矛盾问题: 待协调问题 not yet resolved, by unit: the project, the problem,
  its 责任部门, the day it was raised and its 办结时限 (raised + the setting
  ``problem_limit_days``, see ``zsdesk.reports.project_sheet``); an overdue one
  is flagged in red.

The state is read as of the month's last day, or today while the month runs:
a review recommended or a problem raised later is not on it. A county site's
agenda holds only its own units' rows and says so ("本单元稿"): the units it
brings to the city's meeting. An empty part says "无".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from zsdesk import numbers
from zsdesk.db.models import Company, Problem, Project, Review, ReviewStep, Site, Unit
from zsdesk.domain import REVIEW_LABELS
from zsdesk.errors import ValidationError
from zsdesk.reports.project_sheet import due_text, problem_deadline, problem_limit_days

_MONTH = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*$")
TITLE = "重大项目落户预审暨矛盾问题协调会议题"


def parse_month(month: str) -> tuple[int, int]:
    """"2026-12" (also "2026/12", "2026年12月") -> (2026, 12); refused with a message naming 月份."""
    m = _MONTH.match(str(month or ""))
    if m is None or not 1 <= int(m.group(2)) <= 12 or not 2000 <= int(m.group(1)) <= 2100:
        raise ValidationError("month", f"月份须写成 2026-12 的形式：{month}", value=month)
    return int(m.group(1)), int(m.group(2))


@dataclass(frozen=True)
class _ReviewRow:
    unit_key: tuple
    unit_name: str
    number: str
    name: str
    company: str
    investment: Decimal
    foreign_usd: Decimal | None
    step: str
    steps: tuple[tuple[str, dt.date], ...]


@dataclass(frozen=True)
class _ProblemRow:
    unit_key: tuple
    unit_name: str
    number: str
    project: str
    category: str
    description: str
    responsible: str | None
    raised: dt.date
    deadline: dt.date


@dataclass(frozen=True)
class _Agenda:
    year: int
    month: int
    city: str
    site_name: str
    scope: str | None               # a county: the names of its units ("本单元稿")
    as_of: dt.date
    reviews: list[_ReviewRow]
    problems: list[_ProblemRow]
    problem_days: int


def city_name(ws) -> str:
    """"泰州市" out of the city site's name ("泰州市商务局"); "" when unknown."""
    with ws.read() as s:
        names = list(s.scalars(select(Site.name).where(Site.role == "city", ~Site.deleted)))
    if ws.site.is_city:
        names.insert(0, ws.site.name)
    for name in names:
        at = name.find("市")
        if at > 0:
            return name[:at + 1]
    return ""


def _gather(ws, year: int, month: int) -> _Agenda:
    today = ws.today()
    as_of = min(today, dt.date(year, month, calendar.monthrange(year, month)[1]))
    own = None if ws.site.is_city else {
        u.id for u in ws.reference.list_units(include_inactive=True) if u.site_id == ws.site.id}
    with ws.read() as s:
        units = {u.id: u for u in s.scalars(select(Unit))}

        def unit_of(uid: str) -> tuple[tuple, str]:
            u = units.get(uid)
            return ((u.sort_order, u.code) if u else (10 ** 6, ""), u.name if u else "")

        q = (select(Review, Project, Company.name)
             .join(Project, Project.id == Review.project_id)
             .outerjoin(Company, Company.id == Project.company_id)
             .where(~Review.deleted, ~Project.deleted, Review.step.not_in(("approved", "returned"))))
        found = [(r, p, c) for r, p, c in s.execute(q) if own is None or p.unit_id in own]
        history: dict[str, list[tuple[str, dt.date]]] = {}
        ids = [r.id for r, _, _ in found]
        for i in range(0, len(ids), 500):
            for step in s.scalars(select(ReviewStep).where(ReviewStep.review_id.in_(ids[i:i + 500]),
                                                           ~ReviewStep.deleted)
                                  .order_by(ReviewStep.step_date)):
                history.setdefault(step.review_id, []).append((step.step, step.step_date))
        reviews = []
        for r, p, c in found:
            steps = [(st, day) for st, day in history.get(r.id, [(r.step, r.step_date)]) if day <= as_of]
            if not steps:        # recommended after the agenda's day
                continue
            key, uname = unit_of(p.unit_id)
            reviews.append(_ReviewRow(key, uname, p.number, p.name, c or "", p.contract_investment,
                                      p.foreign_investment_usd, steps[-1][0], tuple(steps)))
        reviews.sort(key=lambda x: (x.unit_key, x.steps[0][1], x.number))

        q2 = (select(Problem, Project.number, Project.name, Project.unit_id)
              .join(Project, Project.id == Problem.project_id)
              .where(~Problem.deleted, ~Problem.resolved, ~Project.deleted, Problem.raised_date <= as_of))
        days = problem_limit_days(ws)
        problems = []
        for q, number, pname, uid in s.execute(q2):
            if own is not None and uid not in own:
                continue
            key, uname = unit_of(uid)
            problems.append(_ProblemRow(key, uname, number, pname, q.category, q.description, q.responsible,
                                        q.raised_date, problem_deadline(q.raised_date, days)))
        problems.sort(key=lambda x: (x.unit_key, x.raised, x.number))
        scope = None
        if own is not None:
            scope = "、".join(units[u].name for u in sorted(own, key=lambda u: unit_of(u)[0]) if u in units) \
                or ws.site.name
    return _Agenda(year, month, city_name(ws), ws.site.name, scope, as_of, reviews, problems, days)


def _groups(rows: list) -> list[tuple[str, list]]:
    out: list[tuple[str, list]] = []
    for row in rows:
        if not out or out[-1][0] != row.unit_name:
            out.append((row.unit_name, []))
        out[-1][1].append(row)
    return out


def _story(a: _Agenda, pdf, width: float) -> list:
    from reportlab.lib.units import mm
    from reportlab.platypus import CondPageBreak, Paragraph, Spacer

    st = pdf.styles()
    cell, cell_c, cell_r, head = st["cell"], st["cell_c"], st["cell_r"], st["head"]
    story: list = []
    cn = "一二三四五六七八九十"

    def para(text: str, style=None) -> Paragraph:
        return pdf.p(text, style or cell)

    def named(name: str, number: str) -> Paragraph:
        return Paragraph(f"{pdf.escape(name)}<br/><font size=7 color='#666666'>{pdf.escape(number)}</font>", cell)

    story.append(pdf.BoldLine(f"{a.city}{TITLE}", 17, colour=pdf.RED, align="center", space_after=2))
    story.append(pdf.BoldLine(f"（{a.year}年{a.month}月）", 13, colour=pdf.RED, align="center", space_after=4))
    if a.scope:
        story.append(Paragraph(pdf.escape(f"本单元稿：{a.scope}（只含本站点招商单元的事项，供报送市级汇总）"),
                               pdf.ParagraphStyle("scope", parent=st["plain"], fontSize=10, leading=14,
                                                  alignment=1, textColor=pdf.RED)))
    story.append(pdf.Rule(2, pdf.RED, space_before=4, space_after=6))
    late = sum(1 for q in a.problems if q.deadline < a.as_of)
    story.append(para(f"截至{a.as_of.year}年{a.as_of.month}月{a.as_of.day}日，待审落户预审项目{len(a.reviews)}个，"
                      f"未解决的矛盾问题{len(a.problems)}个" + (f"（其中逾期{late}个）" if late else "")
                      + f"。问题的办结时限为提出后{a.problem_days}天。", st["body"]))

    story.append(pdf.BoldLine(f"{cn[0]}、落户预审项目（{len(a.reviews)}个）", 13, space_before=10, space_after=4))
    if not a.reviews:
        story.append(para("无。", st["body"]))
    n = 0
    for g, (unit, rows) in enumerate(_groups(a.reviews), 1):
        story.append(CondPageBreak(30 * mm))
        story.append(pdf.BoldLine(f"（{cn[g - 1] if g <= 10 else g}）{unit}（{len(rows)}个）", 11,
                                  space_before=4, space_after=3))
        table = [[Paragraph(h, head) for h in ("序号", "项目名称", "投资企业", "计划总投资<br/>（万元）",
                                               "当前步骤", "已办步骤及日期")]]
        for r in rows:
            n += 1
            money = numbers.money(r.investment)
            if r.foreign_usd:
                money += f"<br/><font size=7>外资{numbers.money(r.foreign_usd)}万美元</font>"
            table.append([para(str(n), cell_c), named(r.name, r.number),
                          para(r.company), Paragraph(money, cell_r),
                          para(REVIEW_LABELS.get(r.step, r.step), cell_c),
                          Paragraph("<br/>".join(pdf.escape(f"{REVIEW_LABELS.get(s, s)} {day.isoformat()}")
                                                 for s, day in r.steps), cell)])
        story.append(pdf.data_table(table, [10 * mm, 48 * mm, 38 * mm, 24 * mm, 20 * mm, width - 140 * mm]))

    story.append(Spacer(1, 4))
    story.append(CondPageBreak(35 * mm))
    story.append(pdf.BoldLine(f"{cn[1]}、矛盾问题（{len(a.problems)}个" + (f"，逾期{late}个" if late else "") + "）",
                              13, space_before=10, space_after=4))
    if not a.problems:
        story.append(para("无。", st["body"]))
    n = 0
    for g, (unit, rows) in enumerate(_groups(a.problems), 1):
        story.append(CondPageBreak(30 * mm))
        overdue = sum(1 for q in rows if q.deadline < a.as_of)
        story.append(pdf.BoldLine(f"（{cn[g - 1] if g <= 10 else g}）{unit}（{len(rows)}个"
                                  + (f"，逾期{overdue}个" if overdue else "") + "）", 11,
                                  space_before=4, space_after=3))
        table = [[para(h, head) for h in ("序号", "项目名称", "类别", "问题", "责任部门", "提出日期", "办结时限")]]
        marks = []
        for r in rows:
            n += 1
            due, late_one = due_text(r.deadline, a.as_of)
            if late_one:
                marks.append(("TEXTCOLOR", (6, len(table)), (6, len(table)), pdf.RED))
            colour = "#D40000" if late_one else "#1A1A1A"
            table.append([para(str(n), cell_c), named(r.project, r.number), para(r.category, cell_c),
                          para(r.description), para(r.responsible or "未明确", cell_c),
                          para(r.raised.isoformat(), cell_c),
                          Paragraph(f"{r.deadline.isoformat()}<br/><font color='{colour}'>"
                                    f"{'★' if late_one else ''}{pdf.escape(due)}</font>", cell_c)])
        story.append(pdf.data_table(table, [10 * mm, 36 * mm, 15 * mm, width - 131 * mm, 27 * mm, 20 * mm,
                                            23 * mm], extra=marks))
    story.append(Spacer(1, 4))
    story.append(para("注：“已办步骤及日期”为单元推荐以来的各步骤；办结时限 = 问题提出日期 + "
                      f"{a.problem_days}天，★ 为已逾期。", st["note"]))
    return story


def _render(a: _Agenda, out: Path, now: dt.datetime | None) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    from zsdesk import __version__
    from zsdesk.reports import pdf

    pdf.register_font()
    doc = BaseDocTemplate(str(out), pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                          bottomMargin=20 * mm, title=f"{a.city}{TITLE}（{a.year}年{a.month}月）",
                          author=a.site_name, subject=f"{a.year}年{a.month}月", creator=f"zsdesk {__version__}")
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    foot = pdf.foot_note(pdf.generated_at(now), right=18 * mm)
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=foot)])
    doc.build(_story(a, pdf, doc.width), canvasmaker=pdf.NumberedCanvas)
    return doc.page


def write_agenda(ws, month: str, out_path, *, now: dt.datetime | None = None) -> Path:
    """Write the agenda of the meeting of ``month`` ("2026-12") to ``out_path`` (a .pdf)."""
    from zsdesk.reports import pdf

    year, mon = parse_month(month)
    out = pdf.checked_pdf_path(out_path)
    pdf.register_font()
    data = _gather(ws, year, mon)
    pdf.write_atomically(out, lambda tmp: _render(data, tmp, now))
    return out
