"""Every number printed in the monthly 简报, worked out again from the database rows.

Two counties (泰兴 TX-U01, 靖江 JJ-U01) send their files to the city, which adds a
unit of its own (海陵, no targets), shares a 靖江 project with 泰兴 (飞地, 40%),
sets targets and scoring rules and makes the official monthly brief of 2026-05;
泰兴 makes its 预检稿 before and after the city's file comes back.

The expected numbers are counted and summed here from the rows (SQLAlchemy
selects of projects, stages, arrivals, visits, targets, referrals and the rules),
never taken from ``zsdesk.metrics``, and formatted here; the PDF's text is read
back with pypdf. Besides the checks section by section, every number in the
text must be one of the numbers (or dates) worked out here.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from support import TODAY
from test_sync_kit import Net
from zsdesk.db.models import (
    CapitalArrival, Problem, Project, ProjectStage, Referral, ScoringRules, Target, Unit, Visit,
)
from zsdesk.reports import periods
from zsdesk.reports.brief import make_brief

MONTH = "2026-05"
START, END = dt.date(2026, 5, 1), dt.date(2026, 5, 31)
PREV = (dt.date(2026, 4, 1), dt.date(2026, 4, 30))
LAST_YEAR = (dt.date(2025, 5, 1), dt.date(2025, 5, 31))
YTD = (dt.date(2026, 1, 1), END)
MARK = "预检稿·非正式·排名以市里通报为准"


# --- formatting, as a reader of the brief expects it (written here, not zsdesk.numbers) ------

def q(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def n(value) -> str:
    """A count: whole, else two places."""
    value = Decimal(value)
    return f"{int(value):,}" if value == value.to_integral_value() else f"{q(value, 2):,}"


def money(value) -> str:
    return f"{q(Decimal(value), 2):,}"


def pct(ratio) -> str:
    return f"{q(Decimal(ratio) * 100, 1):,}%"


def cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- the data set -----------------------------------------------------------------------------

def _data(net: Net) -> dict:
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    tx_unit, jj_unit = net.units["TX-U01"], net.units["JJ-U01"]
    ids = {}

    def project(ws, key, unit, company, date, amount, *moves, arrivals=()):
        pid = ws.projects.create({"unit_id": unit, "company_id": company, "name": f"{key}项目",
                                  "contract_date": date, "contract_investment": amount})
        for stage, day in moves:
            ws.projects.advance(pid, stage, day)
        for day, value in arrivals:
            ws.projects.add_arrival(pid, day, value)
        ids[key] = pid

    co = tx.companies.create({"name": "泰兴测试投资有限公司"})
    project(tx, "泰兴新药", tx_unit, co, "2026-05-06", 12000, ("registered", "2026-05-20"),
            arrivals=[("2026-05-25", 3000)])
    project(tx, "泰兴配套", tx_unit, co, "2026-05-18", 3000)
    project(tx, "泰兴扩建", tx_unit, co, "2025-05-15", 8000, ("started", "2025-09-01"), ("completed", "2026-05-05"))
    project(tx, "泰兴迟滞", tx_unit, co, "2025-08-01", 2000)                    # 应开未开 since 2026-02-01
    tx.projects.add_problem(ids["泰兴新药"], "用电", "专用变电站接入待批复", "2026-05-10", "市供电公司")
    for day, days, due in (("2026-05-03", 2, None), ("2026-05-20", 0, "2026-06-01"), ("2026-04-08", 1, None),
                           ("2025-05-09", 3, None)):
        tx.visits.create({"unit_id": tx_unit, "company_id": co, "visit_date": day, "trip_days": days,
                          "next_step": "报送项目计划书" if due else None, "next_due": due})

    co = jj.companies.create({"name": "靖江测试实业有限公司"})
    project(jj, "靖江船配", jj_unit, co, "2026-04-10", 5000, ("started", "2026-05-12"),
            arrivals=[("2026-04-20", 1000), ("2026-05-10", 2000)])
    project(jj, "靖江港储", jj_unit, co, "2026-05-22", 12000)                   # shared: 40% to 泰兴
    project(jj, "靖江老厂", jj_unit, co, "2024-01-10", 20000, ("started", "2024-03-01"),
            ("producing", "2026-05-28"))
    for day, days in (("2026-05-11", 1), ("2026-05-15", 2)):
        jj.visits.create({"unit_id": jj_unit, "company_id": co, "visit_date": day, "trip_days": days})

    assert net.up("TX-U01").status == "applied" and net.up("JJ-U01").status == "applied"
    ref = city.reference
    ids["HL"] = ref.units.create({"code": "HL-U01", "name": "海陵城区招商单元"})   # the city's own, no targets
    city.projects.add_referral(ids["靖江港储"], tx_unit, "40%", "2026-05-23")
    for unit, targets in ((tx_unit, {"signed_projects": 4, "signed_investment": 50000, "major_projects": 1}),
                          (jj_unit, {"signed_projects": 2, "signed_investment": 20000})):
        for metric, value in targets.items():
            ref.set_target(2026, unit, metric, value)
    ref.new_scoring_rules({"signed_projects": 50, "signed_investment": 50}, {"overdue_start": 2}, note="月调度")
    return ids


@pytest.fixture
def net(databases, tmp_path):
    net = Net(databases, tmp_path)
    net.ids = _data(net)
    return net


def make(ws, tmp_path, name: str, **kw) -> tuple[list[str], str]:
    """The brief's pages (text as extracted) and its whole text flattened."""
    kind, period = periods.parse_period(MONTH)
    out = tmp_path / f"{name}.pdf"
    make_brief(ws, period, kind, out, **kw)
    pages = [page.extract_text() or "" for page in PdfReader(str(out)).pages]
    return pages, flat("\n".join(pages))


# --- the truth, from the rows -----------------------------------------------------------------

STARTED = {"started", "completed", "producing", "effective"}
COMPLETED = {"completed", "producing", "effective"}
PRODUCING = {"producing", "effective"}
PERFORMED = {"registered", *STARTED}


class Rows:
    """The rows of one database, and the figures a reader would count from them."""

    def __init__(self, ws):
        with ws.read() as s:
            self.units = {u.id: u for u in s.execute(select(Unit.id, Unit.code, Unit.name, Unit.sort_order)
                                                      .where(~Unit.deleted, Unit.active))}
            self.projects = {p.id: p for p in s.execute(
                select(Project.id, Project.unit_id, Project.name, Project.contract_date,
                       Project.contract_investment, Project.stage).where(~Project.deleted))}
            self.stages = defaultdict(dict)
            for pid, stage, day in s.execute(select(ProjectStage.project_id, ProjectStage.stage,
                                                    ProjectStage.stage_date).where(~ProjectStage.deleted)):
                self.stages[pid][stage] = min(day, self.stages[pid].get(stage, day))
            self.credits = {pid: {p.unit_id: Decimal(1)} for pid, p in self.projects.items()}
            for pid, from_unit, share in s.execute(select(Referral.project_id, Referral.from_unit_id,
                                                          Referral.from_share_investment).where(~Referral.deleted)):
                owner = self.projects[pid].unit_id
                self.credits[pid] = {owner: 1 - Decimal(share), from_unit: Decimal(share)}
            self.arrivals = s.execute(select(CapitalArrival.project_id, CapitalArrival.arrival_date,
                                             CapitalArrival.amount).where(~CapitalArrival.deleted)).all()
            self.visits = s.execute(select(Visit.unit_id, Visit.visit_date, Visit.trip_days, Visit.next_due)
                                    .where(~Visit.deleted)).all()
            self.targets = defaultdict(dict)
            for unit, metric, value in s.execute(select(Target.unit_id, Target.metric, Target.value).where(
                    Target.year == 2026, Target.staff_id.is_(None), ~Target.deleted)):
                self.targets[unit][metric] = Decimal(value)
            rules = s.execute(select(ScoringRules.version, ScoringRules.weights, ScoringRules.deductions)
                              .order_by(ScoringRules.version.desc())).first()
            self.rules = rules
            self.problems = s.execute(select(Problem.project_id, Problem.raised_date).where(
                ~Problem.deleted)).all()

    def share(self, pid, unit) -> Decimal:
        return Decimal(1) if unit is None else self.credits[pid].get(unit, Decimal(0))

    def first(self, pid, stages) -> dt.date | None:
        days = [d for st, d in self.stages[pid].items() if st in stages]
        return min(days) if days else None

    def figures(self, unit, start, end) -> dict[str, Decimal]:
        mine = [pid for pid in self.projects if self.share(pid, unit) and self.projects[pid].contract_date <= end]

        def within(day):
            return day is not None and start <= day <= end

        def count(pids):
            return sum((self.share(p, unit) for p in pids), Decimal(0))

        signed = [p for p in mine if within(self.projects[p].contract_date)]
        out = {
            "signed_projects": count(signed),
            "signed_investment": sum((self.share(p, unit) * self.projects[p].contract_investment for p in signed),
                                     Decimal(0)),
            "major_projects": count(p for p in signed if self.projects[p].contract_investment >= 10000),
            "started_projects": count(p for p in mine if within(self.first(p, STARTED))),
            "completed_projects": count(p for p in mine if within(self.first(p, COMPLETED))),
            "producing_projects": count(p for p in mine if within(self.first(p, PRODUCING))),
            "arrived_capital": sum((self.share(a.project_id, unit) * a.amount for a in self.arrivals
                                    if a.project_id in mine and within(a.arrival_date)), Decimal(0)),
            "visits": Decimal(sum(1 for v in self.visits if (unit is None or v.unit_id == unit)
                                  and within(v.visit_date))),
            "trip_days": Decimal(sum(v.trip_days for v in self.visits if (unit is None or v.unit_id == unit)
                                     and within(v.visit_date))),
        }
        # the four rates (signed in the period; start within 6 months; production within 24 months)
        performed = count(p for p in signed if self.first(p, PERFORMED) and p_not_defaulted(self, p))
        out["performance_rate"] = performed / out["signed_projects"] if out["signed_projects"] else None
        due_start = [p for p in mine if self.projects[p].contract_date <= months_back(end, 6)]
        out["start_rate"] = (count(p for p in due_start if self.first(p, STARTED)) / count(due_start)
                             if due_start else None)
        arrived_signed = sum((self.share(a.project_id, unit) * a.amount for a in self.arrivals
                              if a.project_id in signed and a.arrival_date <= end), Decimal(0))
        out["capital_rate"] = arrived_signed / out["signed_investment"] if out["signed_investment"] else None
        due_prod = [p for p in mine if self.projects[p].contract_date <= months_back(end, 24)]
        out["production_rate"] = (count(p for p in due_prod if self.first(p, PRODUCING)) / count(due_prod)
                                  if due_prod else None)
        out["overdue"] = [p for p in due_start if not self.first(p, STARTED)]
        out["overdue_year"] = count(p for p in out["overdue"]
                                    if months_back(self.projects[p].contract_date, -6) >= dt.date(end.year, 1, 1))
        return out

    def score(self, unit) -> Decimal | None:
        weights = json.loads(self.rules.weights)
        ytd = self.figures(unit, *YTD)
        total = Decimal(0)
        for metric, weight in weights.items():
            target = self.targets[unit].get(metric)
            if not target:
                return None
            total += Decimal(str(weight)) * ytd[metric] / target
        penalty = Decimal(str(json.loads(self.rules.deductions)["overdue_start"])) * ytd["overdue_year"]
        return q(total - penalty, 2)

    def ranking(self) -> list[tuple[str, Decimal | None, int | None]]:
        scored = sorted(((self.units[u].name, self.score(u)) for u in self.units),
                        key=lambda x: (x[1] is None, -(x[1] or 0)))
        return [(name, score, i if score is not None else None) for i, (name, score) in enumerate(scored, 1)]


def p_not_defaulted(rows: Rows, pid) -> bool:
    return "defaulted" not in rows.stages[pid]


def months_back(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def pace() -> Decimal:
    return Decimal(END.timetuple().tm_yday) / Decimal(365)


def change(cur: Decimal, base: Decimal) -> str:
    if base == 0:
        return "持平" if cur == 0 else "新增"
    ratio = (cur - base) / abs(base)
    return "持平" if ratio == 0 else ("↑" if ratio > 0 else "↓") + pct(abs(ratio))


ROWS = [("签约项目（个）", "signed_projects", n), ("签约金额（万元）", "signed_investment", money),
        ("亿元以上项目（个）", "major_projects", n), ("开工项目（个）", "started_projects", n),
        ("竣工项目（个）", "completed_projects", n), ("投产项目（个）", "producing_projects", n),
        ("到位资金（万元）", "arrived_capital", money), ("拜访企业（次）", "visits", n),
        ("外出招商天数（天）", "trip_days", n)]
TARGET_ROWS = [("签约项目个数", "signed_projects", n), ("签约金额（万元）", "signed_investment", money),
               ("亿元以上项目", "major_projects", n), ("开工项目个数", "started_projects", n),
               ("到位资金（万元）", "arrived_capital", money), ("拜访企业次数", "visits", n)]


def between(body: str, start: str, end: str | None) -> str:
    i = body.index(start)
    return body[i:body.index(end, i + len(start))] if end else body[i:]


def check_overview(body: str, rows: Rows, unit, scope: str) -> set[str]:
    """总体情况 and its two tables; returns the numbers printed there."""
    cur, prev, last, ytd = (rows.figures(unit, *p) for p in ((START, END), PREV, LAST_YEAR, YTD))
    seen = set()
    sentence = (f"2026年5月，{scope}新签约项目{n(cur['signed_projects'])}个，签约金额{money(cur['signed_investment'])}"
                f"万元，其中亿元以上项目{n(cur['major_projects'])}个；新开工项目{n(cur['started_projects'])}个，竣工项目"
                f"{n(cur['completed_projects'])}个，投产项目{n(cur['producing_projects'])}个；到位资金"
                f"{money(cur['arrived_capital'])}万元；拜访企业{n(cur['visits'])}次，外出招商{n(cur['trip_days'])}天。")
    assert sentence in body
    targets = rows.targets[unit] if unit else {
        m: sum((t.get(m, Decimal(0)) for t in rows.targets.values()), Decimal(0))
        for m in {m for t in rows.targets.values() for m in t}}
    if targets.get("signed_projects"):
        done_p = ytd["signed_projects"] / targets["signed_projects"]
        done_i = ytd["signed_investment"] / targets["signed_investment"]
        state = "、".join(f"{name}{'超' if d >= pace() else '欠'}序时进度"
                         for name, d in (("签约项目个数", done_p), ("签约金额", done_i)))
        assert (f"2026年1—5月累计签约项目{n(ytd['signed_projects'])}个、签约金额{money(ytd['signed_investment'])}"
                f"万元，签约项目个数完成年度目标的{pct(done_p)}、签约金额完成年度目标的{pct(done_i)}"
                f"（序时进度{pct(pace())}），{state}。") in body
    table = between(body, "（一）主要指标与上期、去年同期比较", "（二）年度目标完成情况")
    for label, key, fmt in ROWS:
        row = (f"{label}{fmt(cur[key])}{fmt(prev[key])}{change(cur[key], prev[key])}"
               f"{fmt(last[key])}{change(cur[key], last[key])}")
        assert row in table, (row, table)
        seen |= {fmt(cur[key]), fmt(prev[key]), fmt(last[key]),
                 *(c[1:] for c in (change(cur[key], prev[key]), change(cur[key], last[key])) if c[0] in "↑↓")}
    table = between(body, "（二）年度目标完成情况", "、")     # to the next section's "二、"
    assert f"（序时进度{pct(pace())}）" in table
    for label, key, fmt in TARGET_ROWS:
        target = targets.get(key)
        if target:
            done = ytd[key] / target
            row = (f"{label}{fmt(target)}{fmt(ytd[key])}{pct(done)}{pct(pace())}"
                   f"{'超进度' if done >= pace() else '欠进度'}")
            seen |= {fmt(target), pct(done)}
        else:
            row = f"{label}未下达{fmt(ytd[key])}"
        assert row in table, (row, table)
        seen.add(fmt(ytd[key]))
    return seen


def check_lists(body: str, rows: Rows, unit, scope: str) -> set[str]:
    """重大项目 of the year and the month's 新签约/新开工/新竣工/新投产 lists: counts
    (by share for a unit), names, amounts and dates from the rows."""
    seen = set()
    ytd = rows.figures(unit, *YTD)
    majors = [p for p in rows.projects.values() if YTD[0] <= p.contract_date <= END
              and p.contract_investment >= 10000 and rows.share(p.id, unit)]
    assert sum(rows.share(p.id, unit) for p in majors) == ytd["major_projects"]
    assert f"2026年1—5月，{scope}新签约亿元以上项目{n(ytd['major_projects'])}个" in body
    section = between(body, "、重大项目进展", "、本期项目推进情况")
    assert all(p.name in section for p in majors)
    lists = between(body, "、本期项目推进情况", "、履约率")
    cur = rows.figures(unit, START, END)
    for what, key, stages in (("新签约", "signed_projects", None), ("新开工", "started_projects", STARTED),
                              ("新竣工", "completed_projects", COMPLETED), ("新投产", "producing_projects", PRODUCING)):
        part = lists[lists.index(what + "项目（"):]
        extra = f"，合同投资{money(cur['signed_investment'])}万元" if key == "signed_projects" else ""
        assert part.startswith(f"{what}项目（{n(cur[key])}个{extra}）"), (what, part[:80])
        listed = [p for p in rows.projects.values() if rows.share(p.id, unit)
                  and (START <= p.contract_date <= END if stages is None
                       else START <= (rows.first(p.id, stages) or dt.date.min) <= END)]
        assert sum(rows.share(p.id, unit) for p in listed) == cur[key]
        following = [part.find(f"（{x}）", 1) for x in "二三四"]
        part = part[:min([i for i in following if i > 0], default=len(part))]
        for p in listed:
            assert p.name in part and money(p.contract_investment) in part and p.contract_date.isoformat() in part
    for p in rows.projects.values():
        seen |= {money(p.contract_investment), p.contract_date.isoformat()}
        seen |= {d.isoformat() for d in rows.stages[p.id].values()}
        # 亮灯 in the progress column: the start and production limits from the contract date
        seen |= {months_back(p.contract_date, -6).isoformat(), months_back(p.contract_date, -24).isoformat()}
    return seen | {n(v) for v in cur.values() if isinstance(v, Decimal)} | {n(ytd["major_projects"])}


RATE_KEYS = (("performance_rate", "本期无新签约项目"), ("start_rate", "无签约满6个月的项目"),
             ("capital_rate", "本期无新签约项目"), ("production_rate", "无签约满24个月的项目"))


def check_rates(body: str, rows: Rows, units: list) -> set[str]:
    """四率 by unit (and 合计 for None), each "—" with its reason."""
    table = between(body, "、履约率、开工率、资金到位率、建成投产率", "注：")
    seen = {"6", "24"}                        # the start and production limits in the note
    for unit in units:
        f = rows.figures(unit, START, END)
        name = rows.units[unit].name if unit else "合计"
        cells = "".join(pct(f[k]) if f[k] is not None else "—" + why for k, why in RATE_KEYS)
        assert name + cells in table, (name + cells, table)
        seen |= {pct(f[k]) for k, _ in RATE_KEYS if f[k] is not None}
    return seen


def check_problems(body: str, rows: Rows, unit) -> set[str]:
    """存在问题: 应开未开 by name, open problems with their age, overdue follow-ups."""
    issues = between(body, "、存在问题", None)
    overdue = rows.figures(unit, START, END)["overdue"]
    assert f"应开未开项目（{len(overdue)}个）" in issues and all(rows.projects[p].name in issues for p in overdue)
    problems = [x for x in rows.problems if unit is None or rows.projects[x.project_id].unit_id == unit]
    assert f"待协调问题（{len(problems)}个）" in issues
    seen = {str(len(overdue)), str(len(problems))}
    for _, raised in problems:
        assert f"{raised.isoformat()}已{(TODAY - raised).days}天" in issues
        seen |= {raised.isoformat(), str((TODAY - raised).days)}
    late = [v for v in rows.visits if v.next_due and v.next_due < TODAY and (unit is None or v.unit_id == unit)]
    assert f"逾期未跟进事项（{len(late)}项）" in issues
    for v in late:
        assert f"{v.next_due.isoformat()}{(TODAY - v.next_due).days}天" in issues
        seen |= {v.next_due.isoformat(), str((TODAY - v.next_due).days)}
    return seen | {str(len(late))}


def check_every_number(pages: list[str], expected: set[str]) -> None:
    """Every number in the text is one worked out from the rows, or a word of the
    document itself: the period and dates of issue, page and list numbers (序号)."""
    expected = expected | {pct(pace()), "2026-05-01", "2026-05-31"}
    text = "\n".join(pages)
    unexplained = [x for x in numbers_in(text) if x not in expected and not _is_own_text(x)]
    assert not unexplained, (unexplained, text)


def numbers_in(text: str) -> list[str]:
    """Every number in the text: amounts, counts, percentages, dates as written."""
    return re.findall(r"\d{4}-\d{2}-\d{2}|\d[\d,]*(?:\.\d+)?%?", text)


# --- the city's monthly brief -------------------------------------------------------------------

def test_every_number_of_the_city_monthly_brief(net, tmp_path):
    city = net.city
    pages, body = make(city, tmp_path, "city")
    rows = Rows(city)
    tx, jj, hl = net.units["TX-U01"], net.units["JJ-U01"], net.ids["HL"]
    expected: set[str] = set()

    # 报头: the calendar's number, the date of issue; the 报尾 is there
    assert flat(pages[0]).index("第5期") < flat(pages[0]).index(cn_date(TODAY))
    assert "共印30份" in flat(pages[-1])
    expected |= check_overview(body, rows, None, "全市")

    # 各单元排名: every score, rank and completion from the rows
    ranking = between(body, "二、各单元排名", "三、重大项目进展")
    ranked = rows.ranking()
    assert [name for name, _, rank in ranked if rank] == ["靖江经开区招商单元", "泰兴高新区招商单元"]
    assert ranking.startswith(f"二、各单元排名按评分规则第{rows.rules.version}版，2个单元参与排名，1个单元暂无得分")
    for name, score, rank in ranked:
        if rank:
            assert f"{rank}.{name}" in ranking and money(score) in ranking       # chart label, score
    assert (f"红榜（前一名）：靖江经开区招商单元（{money(rows.score(jj))}分）；黑榜（后一名）："
            f"泰兴高新区招商单元（{money(rows.score(tx))}分）") in ranking
    for unit in (jj, tx):
        ytd = rows.figures(unit, *YTD)
        t = rows.targets[unit]
        name = rows.units[unit].name
        mark = "（红榜）" if unit == jj else "（黑榜）"
        rank = 1 if unit == jj else 2
        penalty = 2 * ytd["overdue_year"]
        deducted = f"{n(ytd['overdue_year'])}（−{n(penalty)}）" if penalty else n(ytd["overdue_year"])
        row = (f"{rank}{name}{mark}{pct(ytd['signed_projects'] / t['signed_projects'])}"
               f"{pct(ytd['signed_investment'] / t['signed_investment'])}{deducted}{money(rows.score(unit))}")
        assert row in ranking, (row, ranking)
        expected |= {pct(ytd["signed_projects"] / t["signed_projects"]),
                     pct(ytd["signed_investment"] / t["signed_investment"]), money(rows.score(unit)),
                     n(ytd["overdue_year"]), n(penalty), str(rank)}
    assert "—海陵城区招商单元无目标无目标0—缺少目标" in ranking
    expected |= {"50", "2", str(rows.rules.version), "1"}     # weights, deduction, version, ranks

    expected |= check_lists(body, rows, None, "全市")
    expected |= check_rates(body, rows, [tx, jj, hl, None])
    expected |= check_problems(body, rows, None)
    expected |= {"50", "2", str(rows.rules.version)}     # the weights, the deduction, the rules' version
    expected |= {"0", "20", "40", "60", "80", "100"}     # the score chart's axis
    check_every_number(pages, expected)


def _is_own_text(token: str) -> bool:
    """Small whole numbers (pages, 序号, months, days, the parts of a record's number
    such as TX-U01-V2026-0002) and years."""
    return token.isdigit() and int(token) <= 40 or re.fullmatch(r"20\d\d", token) is not None


# --- the county's 预检稿 -----------------------------------------------------------------------------

def test_every_number_of_the_county_precheck(net, tmp_path):
    tx_ws, city = net["TX-U01"], net.city
    tx = net.units["TX-U01"]

    # before the city's file: its own figures, no targets yet, no ranking of any kind
    pages, body = make(tx_ws, tmp_path, "precheck-before")
    assert all(flat(p).startswith(MARK) for p in pages) and MARK in flat(pages[0])
    assert "尚未收到市里通报的排名" in body and "排名第" not in body
    rows = Rows(tx_ws)
    check_overview(body, rows, tx, "泰兴高新区招商单元")

    # the city publishes May's ranking with its official brief; the file comes back
    make(city, tmp_path, "city")
    published = json.loads(json.dumps(city.reference.setting("published_ranking:monthly:2026-05")))
    truth = Rows(city).ranking()
    assert [(r["name"], r["score"], r["rank"]) for r in published["rows"]] == [
        (name, money(score) if score is not None else None, rank) for name, score, rank in truth]
    assert net.down("TX-U01").status == "applied"

    pages, body = make(tx_ws, tmp_path, "precheck-after")
    rows = Rows(tx_ws)
    assert all(flat(p).startswith(MARK) for p in pages)
    expected = check_overview(body, rows, tx, "泰兴高新区招商单元")      # now against the city's targets
    assert rows.targets[tx]["signed_projects"] == 4

    # the ranking is the city's, dated; none is computed from the county's rows, which
    # hold 靖江's unit and targets but only the project it shares with 泰兴
    local = {name: score for name, score, _ in rows.ranking()}
    assert local["靖江经开区招商单元"] < local["泰兴高新区招商单元"]        # 泰兴 would come first here
    ranking = between(body, "二、排名情况", "三、重大项目进展")
    assert f"市里通报的排名（月报2026-05，{cn_date(TODAY)}印发）" in ranking
    for name, score, rank in truth:
        assert (f"{rank}{name}{money(score)}" if rank else f"—{name}暂无得分") in ranking
        if score is not None:
            expected |= {money(score), str(rank)}
    city_rows = Rows(city)
    assert f"泰兴高新区招商单元在该通报中得分{money(city_rows.score(tx))}分，在2个单元中排名第2位" in ranking
    assert money(local["靖江经开区招商单元"]) not in body and "排名第1位" not in body
    assert "红榜" not in body and "黑榜" not in body and "图：各单元得分" not in body and "得分=Σ" not in body
    expected |= {str(city_rows.rules.version)}

    expected |= check_lists(body, rows, tx, "泰兴高新区招商单元")
    expected |= check_rates(body, rows, [tx])
    rates = between(body, "五、履约率、开工率、资金到位率、建成投产率", "六、存在问题")
    assert "靖江" not in rates and "海陵" not in rates and "合计" not in rates   # its own unit only
    expected |= check_problems(body, rows, tx)
    check_every_number(pages, expected)

    # not the city's document: no 报尾
    assert "共印" not in body and "报：" not in body and "发：" not in body
