"""The metrics of docs/DOMAIN.md#metrics: one definition, used by screens, Excel and PDF alike.

Every figure carries the ids of the rows behind it, so any screen, sheet or PDF
can list them; a figure that needs a number the data lacks is ``None`` with the
reason in ``missing`` (never 0% for "unknown"). Records recorded or moved forward
in the last days before the period's end are flagged (突击上报); figures backed by
attachments carry their SHA-256.

Definitions (period = [start, end], limits from the city's 亮灯 settings):
- 签约项目 / 签约金额 / 亿元以上: projects whose contract date is in the period.
- 开工项目 / 竣工项目 / 投产项目: projects that first reached 开工 / 竣工 /
  投产 (or a later stage) within the period.
- 到位资金: capital arrivals dated in the period.
- 履约率 = projects signed in the period that have performed by the end
  (reached 注册 or later, and not 未履约) / projects signed in the period.
- 开工率 = projects started by the end / projects that should have started
  (signed at least ``project_start_months`` before the end); the difference is
  the 应开未开 list.
- 资金到位率 = capital arrived by the end / contract investment, for the
  projects signed in the period.
- 建成投产率 = projects in production (投产/达效) by the end / projects that
  should be (signed at least ``project_production_months`` before the end).
- 序时进度 = share of the year elapsed at the end; 超进度 when completion
  (actual / target) ≥ 序时进度.
- Score = Σ weight × completion − deductions: per project whose start limit
  passed within the scoring year and that has not started (本年超时限未开工);
  a project overdue since an earlier year was deducted in that year.
- A shared project (飞地) counts once in the total and in each unit by its share.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import and_, select

from zsdesk import numbers
from zsdesk.db.models import (
    Attachment, CapitalArrival, ChangeLog, Project, ProjectStage, Referral, Target, Unit, Visit,
)
from zsdesk.domain import MAJOR_CNY, MAJOR_USD, PROJECT_FLOW, TARGET_LABELS, TARGET_METRICS
from zsdesk.timefmt import BEIJING

ZERO = Decimal(0)
ONE = Decimal(1)
SHANGHAI = BEIJING  # the day of a change (突击上报) is the office's day
STARTED = frozenset(PROJECT_FLOW[PROJECT_FLOW.index("started"):])
COMPLETED = frozenset(PROJECT_FLOW[PROJECT_FLOW.index("completed"):])
PERFORMED = frozenset(PROJECT_FLOW[PROJECT_FLOW.index("registered"):])
PRODUCING = frozenset({"producing", "effective"})


# --- periods -----------------------------------------------------------------

@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    label: str = ""

    @classmethod
    def year(cls, year: int, today: dt.date | None = None) -> Period:
        """The year to date (or the whole year when it is over)."""
        end = dt.date(year, 12, 31)
        if today and today.year == year:
            end = today
        return cls(dt.date(year, 1, 1), end, f"{year}年")

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        last = calendar.monthrange(year, month)[1]
        return cls(dt.date(year, month, 1), dt.date(year, month, last), f"{year}年{month}月")

    @property
    def year_to_date(self) -> Period:
        return Period(dt.date(self.end.year, 1, 1), self.end, f"{self.end.year}年1-{self.end.month}月")

    @property
    def pace(self) -> Decimal:
        """序时进度: the share of the year elapsed at the end of the period."""
        days = 366 if calendar.isleap(self.end.year) else 365
        return Decimal(self.end.timetuple().tm_yday) / Decimal(days)


def months_before(day: dt.date, months: int) -> dt.date:
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


# --- figures -----------------------------------------------------------------

@dataclass
class Figure:
    key: str
    label: str
    unit: str                       # 个 / 万元 / % / 天 / 次 / 分
    value: Decimal | None
    table: str = "projects"         # the table the row ids belong to
    row_ids: list[str] = field(default_factory=list)
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    missing: str | None = None      # why value is None
    flagged_ids: list[str] = field(default_factory=list)   # 突击上报
    evidence: dict[str, list[str]] = field(default_factory=dict)  # row id -> attachment SHA-256s
    target: Decimal | None = None
    completion: Decimal | None = None  # actual / target
    on_pace: bool | None = None         # 超进度 (True) / 欠进度 (False)
    #: row id -> the share it counts by, for the rows a shared project (飞地) counts
    #: by less than the whole; a row not listed counts whole
    shares: dict[str, Decimal] = field(default_factory=dict)

    def display(self) -> str:
        """The value as every screen, sheet and PDF prints it (``zsdesk.numbers``)."""
        if self.unit == "%":
            return numbers.percent(self.value)
        if self.unit == "万元":
            return numbers.money(self.value)
        return numbers.number(self.value)

    def to_json(self) -> dict:
        def num(v):
            return None if v is None else str(v)
        return {
            "key": self.key, "label": self.label, "unit": self.unit, "value": num(self.value),
            "display": self.display(), "numerator": num(self.numerator),
            "denominator": num(self.denominator), "missing": self.missing, "table": self.table,
            "rows": len(self.row_ids), "row_ids": self.row_ids, "flagged_ids": self.flagged_ids,
            "evidence": self.evidence, "target": num(self.target),
            "completion": num(self.completion), "on_pace": self.on_pace,
        }


def _ratio(num: Decimal, den: Decimal, missing: str) -> tuple[Decimal | None, str | None]:
    if not den:
        return None, missing
    return Decimal(num) / Decimal(den), None


@dataclass
class UnitFigures:
    unit_id: str | None   # None: the total
    code: str
    name: str
    figures: dict[str, Figure]
    score: Figure | None = None
    rank: int | None = None
    overdue_start: list[str] = field(default_factory=list)   # 应开未开 project ids

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]

    def to_json(self) -> dict:
        return {"unit_id": self.unit_id, "code": self.code, "name": self.name, "rank": self.rank,
                "score": self.score.to_json() if self.score else None,
                "overdue_start": self.overdue_start,
                "figures": {k: f.to_json() for k, f in self.figures.items()}}


@dataclass
class Report:
    period: Period
    pace: Decimal
    limits: dict
    rules_version: int | None
    units: list[UnitFigures]
    total: UnitFigures
    #: the year-to-date report the targets were compared with (this one when the
    #: period is the year to date); None when computed without targets
    year_to_date: Report | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict:
        return {"period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat(),
                           "label": self.period.label},
                "pace": str(self.pace), "limits": self.limits, "rules_version": self.rules_version,
                "total": self.total.to_json(), "units": [u.to_json() for u in self.units]}

    def to_text(self) -> str:
        keys = ["signed_projects", "signed_investment", "major_projects", "started_projects",
                "arrived_capital", "performance_rate", "start_rate", "capital_rate",
                "production_rate", "visits", "trip_days"]
        labels = [self.total[k].label for k in keys]
        lines = [f"{self.period.label}（{self.period.start} 至 {self.period.end}），"
                 f"序时进度 {numbers.percent(self.pace)}",
                 "\t".join(["单元", *labels, "得分", "排名"])]
        for u in [*self.units, self.total]:
            score = u.score.display() if u.score else ""
            lines.append("\t".join([u.name, *(u[k].display() for k in keys), score,
                                    str(u.rank or "")]))
        return "\n".join(lines)


# --- the computation ----------------------------------------------------------

@dataclass
class _Project:
    id: str
    unit_id: str
    contract_date: dt.date
    investment: Decimal
    foreign_usd: Decimal | None
    credits: dict[str, Decimal]  # unit id -> share (investment share)
    reached: dict[str, dt.date] = field(default_factory=dict)  # stage -> first date reached
    defaulted: dt.date | None = None
    _first: dict = field(default_factory=dict, repr=False, compare=False)  # memo of first_reached

    @property
    def major(self) -> bool:
        return self.investment >= MAJOR_CNY or (self.foreign_usd or ZERO) >= MAJOR_USD

    def first_reached(self, stages: frozenset[str]) -> dt.date | None:
        # asked for the same few stage sets once per unit the project counts for
        key = stages if isinstance(stages, frozenset) else frozenset(stages)
        if key not in self._first:
            dates = [d for s, d in self.reached.items() if s in key]
            self._first[key] = min(dates) if dates else None
        return self._first[key]


def _visits(s, period: Period) -> list:
    # Core rows through the connection: a year of visits is tens of thousands of rows
    return s.connection().execute(select(Visit.id, Visit.unit_id, Visit.trip_days)
                     .where(~Visit.deleted, Visit.visit_date >= period.start,
                            Visit.visit_date <= period.end)).all()


class Snapshot:
    """The rows behind the figures up to ``end``, read once: a brief computes
    its period, the previous one and the same period last year from one
    snapshot (periods ending on or before ``end``), each filtered here."""

    def __init__(self, ws, end: dt.date):
        self.end = end
        with ws.read() as s:
            self.projects = s.execute(select(Project.id, Project.unit_id, Project.contract_date,
                                             Project.contract_investment, Project.foreign_investment_usd)
                                      .where(~Project.deleted, Project.contract_date <= end)).all()
            self.referrals = s.execute(select(Referral.project_id, Referral.from_unit_id,
                                              Referral.from_share_investment, Referral.agreed_date)
                                       .where(~Referral.deleted, Referral.agreed_date <= end)).all()
            self.stages = s.execute(select(ProjectStage.project_id, ProjectStage.stage, ProjectStage.stage_date)
                                    .where(~ProjectStage.deleted, ProjectStage.stage_date <= end)).all()
            self.arrivals = s.execute(select(CapitalArrival.id, CapitalArrival.project_id,
                                             CapitalArrival.arrival_date, CapitalArrival.amount)
                                      .where(~CapitalArrival.deleted, CapitalArrival.arrival_date <= end)).all()
            self.evidence = defaultdict(list)
            for tbl, rid, sha in s.execute(select(Attachment.tbl, Attachment.row_id, Attachment.sha256)
                                           .where(~Attachment.deleted,
                                                  Attachment.tbl.in_(("projects", "capital_arrivals")))):
                self.evidence[(tbl, rid)].append(sha)

    def rows(self, ws, period: Period, limits: dict):
        """(projects, arrivals, visits, rushed, evidence) as they stood at ``period.end``."""
        end = period.end
        if end > self.end:
            raise ValueError(f"the snapshot ends on {self.end}, before {end}")
        projects: dict[str, _Project] = {}
        for r in self.projects:
            if r.contract_date <= end:
                projects[r.id] = _Project(r.id, r.unit_id, r.contract_date, r.contract_investment,
                                          r.foreign_investment_usd, {r.unit_id: ONE})
        for r in self.referrals:
            p = projects.get(r.project_id)
            if p and r.agreed_date <= end and r.from_unit_id != p.unit_id:
                p.credits = {p.unit_id: ONE - r.from_share_investment, r.from_unit_id: r.from_share_investment}
        for r in self.stages:
            p = projects.get(r.project_id)
            if p is None or r.stage_date > end:
                continue
            if r.stage == "defaulted":
                p.defaulted = r.stage_date
            elif r.stage not in p.reached or r.stage_date < p.reached[r.stage]:
                p.reached[r.stage] = r.stage_date
        arrivals = [a for a in self.arrivals if a.arrival_date <= end] if end < self.end else self.arrivals
        with ws.read() as s:
            visits = _visits(s, period)
            rushed = _rushed(s, end, limits, arrivals)
        return projects, arrivals, visits, rushed, self.evidence


def _rushed(s, end: dt.date, limits: dict, arrivals) -> set[str]:
    """突击上报: projects whose rows were recorded in the last days before the end of the period."""
    rush_from = dt.datetime.combine(end - dt.timedelta(days=limits["rush_days"] - 1), dt.time(), SHANGHAI)
    rush_to = dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), SHANGHAI)
    rushed_rows = s.execute(select(ChangeLog.tbl, ChangeLog.row_id).where(
        ChangeLog.tbl.in_(("projects", "project_stages", "capital_arrivals")),
        ChangeLog.recorded_at >= rush_from, ChangeLog.recorded_at < rush_to)).all()
    if not rushed_rows:
        return set()
    stage_owner = {}
    ids = [rid for tbl, rid in rushed_rows if tbl == "project_stages"]
    for i in range(0, len(ids), 500):
        stage_owner.update(s.execute(select(ProjectStage.id, ProjectStage.project_id)
                                     .where(ProjectStage.id.in_(ids[i:i + 500]))).all())
    arrival_project = {a.id: a.project_id for a in arrivals}
    rushed = set()
    for tbl, rid in rushed_rows:
        if tbl == "projects":
            rushed.add(rid)
        elif tbl == "project_stages" and rid in stage_owner:
            rushed.add(stage_owner[rid])
        elif tbl == "capital_arrivals":
            rushed.add(arrival_project.get(rid, rid))
    return rushed


def compute(ws, period: Period, *, unit_ids: list[str] | None = None, with_targets: bool = True,
            snapshot: Snapshot | None = None, _rows: tuple | None = None) -> Report:
    """All figures for ``period``, per unit and in total. ``with_targets=False``
    gives the figures alone (no targets, scores or ranks: e.g. for comparing
    with an earlier period), without computing the year to date. ``snapshot``:
    rows already read up to this period's end or later (else they are read)."""
    limits = ws.reference.light_limits()
    try:
        rules = ws.reference.scoring_rules(period.end.year)
    except Exception:  # no rules: the score says so
        rules = None
    if _rows is None:
        snapshot = snapshot if snapshot is not None else Snapshot(ws, period.end)
        projects, arrivals, visits, rushed, evidence = snapshot.rows(ws, period, limits)
    else:  # the year to date of a period with the same end: only the visits differ
        projects, arrivals, rushed, evidence = _rows
        with ws.read() as s:
            visits = _visits(s, period)
    start_due = months_before(period.end, limits["project_start_months"])
    prod_due = months_before(period.end, limits["project_production_months"])
    ytd = period.year_to_date

    with ws.read() as s:
        units = list(s.execute(select(Unit.id, Unit.code, Unit.name).where(~Unit.deleted, Unit.active)
                               .order_by(Unit.sort_order, Unit.code)))
        # unit id -> metric -> target (keyed like UnitFigures.unit_id, None being the total)
        targets: dict[str | None, dict[str, Decimal]] = defaultdict(dict)
        for t in s.execute(select(Target.unit_id, Target.metric, Target.value).where(
                and_(Target.year == period.end.year, Target.staff_id.is_(None), ~Target.deleted))):
            targets[t.unit_id][t.metric] = t.value
    if unit_ids is not None:
        units = [u for u in units if u.id in unit_ids]

    # Rows grouped once, so each unit's figures cost what its own rows cost.
    credited: dict[str, list[_Project]] = defaultdict(list)
    for p in projects.values():
        for uid, credit in p.credits.items():
            if credit:
                credited[uid].append(p)
    arrivals_of: dict[str, list] = defaultdict(list)
    for a in arrivals:
        arrivals_of[a.project_id].append(a)
    arrivals_in_period = [a for a in arrivals if period.start <= a.arrival_date]
    visits_of: dict[str, list] = defaultdict(list)
    for v in visits:
        visits_of[v.unit_id].append(v)

    def figures_for(unit_id: str | None) -> UnitFigures:
        def share(p: _Project) -> Decimal:
            return ONE if unit_id is None else p.credits.get(unit_id, ZERO)

        mine = list(projects.values()) if unit_id is None else credited.get(unit_id, [])
        signed = [p for p in mine if period.start <= p.contract_date <= period.end]
        major = [p for p in signed if p.major]
        def reached_in_period(stages):
            return [p for p in mine if (d := p.first_reached(stages)) and period.start <= d <= period.end]

        started = reached_in_period(STARTED)
        completed = reached_in_period(COMPLETED)
        new_producing = reached_in_period(PRODUCING)
        performed = [p for p in signed if p.first_reached(PERFORMED) and not p.defaulted]
        due_start = [p for p in mine if p.contract_date <= start_due]
        started_by_end = [p for p in due_start if p.first_reached(STARTED)]
        overdue = [p for p in due_start if not p.first_reached(STARTED)]
        due_prod = [p for p in mine if p.contract_date <= prod_due]
        producing = [p for p in due_prod if p.first_reached(PRODUCING)]
        mine_ids = {p.id: p for p in mine}
        arr_period = [a for a in arrivals_in_period if a.project_id in mine_ids]
        arr_signed = [a for p in signed for a in arrivals_of.get(p.id, ())]
        my_visits = visits if unit_id is None else visits_of.get(unit_id, [])

        def count(ps):  # shared projects count by their share
            return sum((share(p) for p in ps), ZERO)

        def amount(ps):
            return sum((share(p) * p.investment for p in ps), ZERO)

        def arrived(rows):
            return sum((share(mine_ids[a.project_id]) * a.amount for a in rows), ZERO)

        def ids(ps):
            return [p.id for p in ps]

        def flags(ps):
            return [p.id for p in ps if p.id in rushed]

        def proofs(ps, table="projects"):
            return {p.id: evidence[(table, p.id)] for p in ps if evidence.get((table, p.id))}

        def parts(ps):  # the rows counted by a share (飞地), for the drill-down
            return {p.id: share(p) for p in ps if share(p) != ONE}

        f: dict[str, Figure] = {}
        f["signed_projects"] = Figure("signed_projects", "签约项目", "个", count(signed), row_ids=ids(signed), shares=parts(signed),
                                      flagged_ids=flags(signed), evidence=proofs(signed))
        f["signed_investment"] = Figure("signed_investment", "签约金额", "万元", amount(signed),
                                        row_ids=ids(signed), shares=parts(signed), flagged_ids=flags(signed), evidence=proofs(signed))
        f["major_projects"] = Figure("major_projects", "亿元以上项目", "个", count(major), row_ids=ids(major), shares=parts(major),
                                     flagged_ids=flags(major))
        f["started_projects"] = Figure("started_projects", "开工项目", "个", count(started),
                                       row_ids=ids(started), shares=parts(started), flagged_ids=flags(started))
        f["completed_projects"] = Figure("completed_projects", "竣工项目", "个", count(completed),
                                         row_ids=ids(completed), shares=parts(completed), flagged_ids=flags(completed))
        f["producing_projects"] = Figure("producing_projects", "投产项目", "个", count(new_producing),
                                         row_ids=ids(new_producing), shares=parts(new_producing), flagged_ids=flags(new_producing))
        f["arrived_capital"] = Figure("arrived_capital", "到位资金", "万元", arrived(arr_period),
                                      table="capital_arrivals", row_ids=[a.id for a in arr_period],
                                      shares={a.id: share(mine_ids[a.project_id]) for a in arr_period
                                              if share(mine_ids[a.project_id]) != ONE},
                                      flagged_ids=[a.id for a in arr_period if a.project_id in rushed],
                                      evidence={a.id: evidence[("capital_arrivals", a.id)] for a in arr_period
                                                if evidence.get(("capital_arrivals", a.id))})
        num, den = count(performed), count(signed)
        value, missing = _ratio(num, den, "本期无新签约项目")
        f["performance_rate"] = Figure("performance_rate", "履约率", "%", value, row_ids=ids(signed), shares=parts(signed),
                                       numerator=num, denominator=den, missing=missing)
        num, den = count(started_by_end), count(due_start)
        value, missing = _ratio(num, den, f"无签约满{limits['project_start_months']}个月的项目")
        f["start_rate"] = Figure("start_rate", "开工率", "%", value, row_ids=ids(due_start), shares=parts(due_start),
                                 numerator=num, denominator=den, missing=missing)
        num, den = arrived(arr_signed), amount(signed)
        value, missing = _ratio(num, den, "本期无新签约项目")
        f["capital_rate"] = Figure("capital_rate", "资金到位率", "%", value, row_ids=ids(signed), shares=parts(signed),
                                   numerator=num, denominator=den, missing=missing)
        num, den = count(producing), count(due_prod)
        value, missing = _ratio(num, den, f"无签约满{limits['project_production_months']}个月的项目")
        f["production_rate"] = Figure("production_rate", "建成投产率", "%", value, row_ids=ids(due_prod), shares=parts(due_prod),
                                      numerator=num, denominator=den, missing=missing)
        f["overdue_start"] = Figure("overdue_start", "应开未开", "个", count(overdue), row_ids=ids(overdue), shares=parts(overdue))
        # The score deducts a project in the year its start limit passes, not again every later year.
        year_start = dt.date(period.end.year, 1, 1)
        newly = [p for p in overdue
                 if months_before(p.contract_date, -limits["project_start_months"]) >= year_start]
        f["overdue_start_year"] = Figure("overdue_start_year", "本年超时限未开工", "个", count(newly),
                                         row_ids=ids(newly), shares=parts(newly))
        f["visits"] = Figure("visits", "拜访企业", "次", Decimal(len(my_visits)), table="visits",
                             row_ids=[v.id for v in my_visits])
        f["trip_days"] = Figure("trip_days", "外出招商天数", "天",
                                Decimal(sum(v.trip_days for v in my_visits)), table="visits",
                                row_ids=[v.id for v in my_visits if v.trip_days])
        return UnitFigures(unit_id, "", "", f, overdue_start=ids(overdue))

    unit_reports = []
    for u in units:
        uf = figures_for(u.id)
        uf.code, uf.name = u.code, u.name
        unit_reports.append(uf)
    total = figures_for(None)
    total.code, total.name = "", "合计"
    if not with_targets:
        return Report(period, ytd.pace, limits, rules.version if rules else None, unit_reports, total)

    # Targets are yearly: completion compares the year-to-date actual.
    ytd_report = unit_reports if (period.start, period.end) == (ytd.start, ytd.end) else None
    if ytd_report is None:
        ytd_full = compute(ws, ytd, unit_ids=[u.id for u in units],
                           _rows=(projects, arrivals, rushed, evidence))
        ytd_by_unit = {u.unit_id: u for u in ytd_full.units}
    else:
        ytd_by_unit = {u.unit_id: u for u in unit_reports}
    pace = ytd.pace
    for uf in unit_reports:
        _apply_targets(uf, ytd_by_unit[uf.unit_id], targets.get(uf.unit_id, {}), pace)
        uf.score = _score(uf, rules, limits)
    total_targets: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for u in unit_reports:
        for metric, value in targets.get(u.unit_id, {}).items():
            total_targets[metric] += value
    ytd_total = total if ytd_report is not None else ytd_full.total
    _apply_targets(total, ytd_total, dict(total_targets), pace)
    scored = [(u.score.value, u) for u in unit_reports if u.score and u.score.value is not None]
    for i, (_, u) in enumerate(sorted(scored, key=lambda pair: pair[0], reverse=True), 1):
        u.rank = i
    report = Report(period, pace, limits, rules.version if rules else None, unit_reports, total)
    report.year_to_date = report if ytd_report is not None else ytd_full
    return report


def _apply_targets(uf: UnitFigures, ytd: UnitFigures, targets: dict, pace: Decimal) -> None:
    for metric in TARGET_METRICS:
        fig = uf.figures[metric]
        target = targets.get(metric)
        fig.target = target
        if target:
            fig.completion = ytd.figures[metric].value / target
            fig.on_pace = fig.completion >= pace


def _score(uf: UnitFigures, rules, limits) -> Figure:
    """赛马 score: Σ weight × completion − deductions."""
    if rules is None:
        return Figure("score", "得分", "分", None, missing="没有评分规则")
    weights = json.loads(rules.weights)
    deductions = json.loads(rules.deductions)
    lacking = [TARGET_LABELS[m] for m, w in weights.items() if w and uf.figures[m].completion is None]
    if lacking:
        return Figure("score", "得分", "分", None, missing=f"缺少目标：{'、'.join(lacking)}")
    total = ZERO
    for m, w in weights.items():
        completion = uf.figures[m].completion
        if w and completion is not None:  # a metric weighted 0 may have no target (completion None)
            total += Decimal(str(w)) * completion
    deducted = uf.figures["overdue_start_year"]
    penalty = Decimal(str(deductions.get("overdue_start", 0))) * (deducted.value or ZERO)
    value = (total - penalty).quantize(Decimal("0.01"), ROUND_HALF_UP)
    return Figure("score", "得分", "分", value, row_ids=deducted.row_ids, table="projects",
                  numerator=total, denominator=penalty, shares=deducted.shares)


def year_report(ws, year: int | None = None) -> Report:
    today = ws.today()
    return compute(ws, Period.year(year or today.year, today))
