"""Person-level 赛马 (issue 13): each 招商人员's figures for a period, against the
person's own targets, with the city's 优秀 rule and the "12个月无实绩" warning.

The rulebooks judge people, not only units: Bozhou's 产业招商组 "每人每年至少完成1个
亿元以上工业项目或者2个投资合计超过1亿元的工业项目" (优秀) and "一年内无实绩的招商干部
不得继续留任"; Lingang breaks targets down "到个人". The figures are the unit figures
of ``zsdesk.metrics`` (its ``Figure``, its rows read once by ``metrics.Snapshot``,
its completion and score), attributed to people:

- 签约项目 / 签约金额 / 亿元以上项目 / 开工项目 / 到位资金: the projects the person is
  包保责任人 (``owner_staff_id``) of. A shared project (飞地) counts by the share of
  the person's unit, as it counts for that unit (``metrics`` credits); an owner
  whose unit has no share of it (a person moved to another unit) counts the share
  of the project's own unit.
- 拜访企业 / 外出招商天数: the visits the person took part in (a participant, or the
  one who led the visit: ``visits.staff_id``), each once, and the sum of their
  trip days.
- Targets are yearly, per person (``targets.staff_id``): completion compares the
  year-to-date figure, as for units; the score and rank use the unit scoring rules.
- 优秀: the city's editable rule (setting ``people_rule``), judged on the year to
  the period's end (每人每年): one industrial project of at least
  ``one_project_min`` 万元 (or ``one_project_usd_min`` 万美元 of foreign capital),
  or at least ``or_projects`` industrial projects whose investment together
  exceeds ``sum_min`` 万元 (strictly: exactly 1亿元 is not "超过"). Amounts are
  the person's credited amounts (a 飞地 share counts by its share). A project
  without a category is not industrial unless ``uncategorised_industrial``; with
  ``industrial_only`` false every category counts.
- 12个月无实绩: no signed project and no capital arrived, of the person's own
  projects, in the 12 months up to the period's end.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from zsdesk import metrics, numbers
from zsdesk.db.models import Project, Staff, Target, Unit, Visit, VisitParticipant
from zsdesk.errors import RefusedError, ValidationError
from zsdesk.metrics import ONE, STARTED, ZERO, Figure, Period, Snapshot, months_before
from zsdesk.validation import parse_int, parse_money

RULE_KEY = "people_rule"
INDUSTRIAL = "工业"
NO_RESULTS_MONTHS = 12
DEFAULT_RULE: dict = {"excellent": {
    "one_project_min": 10000,        # 万元: 1个亿元以上 …
    "one_project_usd_min": 1000,     # … or 1000万美元 of foreign capital (docs/DOMAIN.md#metrics)
    "or_projects": 2,                # 或者2个 …
    "sum_min": 10000,                # … 投资合计超过1亿元
    "industrial_only": True,         # … 工业项目
    "uncategorised_industrial": False,
}}
RULE_LABELS = {
    "one_project_min": "单个项目投资额下限（万元）", "one_project_usd_min": "单个项目外资下限（万美元）",
    "or_projects": "项目个数", "sum_min": "合计投资额须超过（万元）",
    "industrial_only": "只计工业项目", "uncategorised_industrial": "未填类别的项目按工业项目计",
}
#: the figures of a person, in the order sheets and text show them
PERSON_KEYS = ("signed_projects", "signed_investment", "major_projects", "started_projects",
               "arrived_capital", "visits", "trip_days")


# --- the rule ------------------------------------------------------------------------

def people_rule(ws) -> dict:
    """The 优秀 rule in force: the city's setting over the defaults."""
    stored = ws.reference.setting(RULE_KEY) or {}
    excellent = stored.get("excellent") if isinstance(stored, dict) else None
    return {"excellent": {**DEFAULT_RULE["excellent"], **(excellent or {})}}


def clean_rule(rule: dict) -> dict:
    """The rule checked field by field (ValidationError names the field and says why)."""
    if not isinstance(rule, dict) or not isinstance(rule.get("excellent", {}), dict):
        raise ValidationError("people_rule", "优秀规则的格式不对：应为 {\"excellent\": {…}}")
    given = rule.get("excellent", {})
    unknown = sorted(set(given) - set(RULE_LABELS))
    if unknown:
        raise ValidationError(unknown[0], f"优秀规则没有“{unknown[0]}”这一项（可设：{'、'.join(RULE_LABELS)}）")
    out = dict(DEFAULT_RULE["excellent"])
    for key in ("one_project_min", "one_project_usd_min", "sum_min"):
        if key in given:
            value = parse_money(given[key], key, required=True)
            if value <= 0:
                raise ValidationError(key, f"{RULE_LABELS[key]}须大于0", value=given[key])
            out[key] = int(value) if value == value.to_integral_value() else float(value)
    if "or_projects" in given:
        out["or_projects"] = parse_int(given["or_projects"], "or_projects", minimum=1, required=True)
    for key in ("industrial_only", "uncategorised_industrial"):
        if key in given:
            if not isinstance(given[key], bool):
                raise ValidationError(key, f"{RULE_LABELS[key]}须为 true 或 false", value=given[key])
            out[key] = given[key]
    return {"excellent": out}


def set_people_rule(ws, rule: dict) -> dict:
    """Store the 优秀 rule (the city sets it; a county is refused as for any setting)."""
    clean = clean_rule(rule)
    ws.reference.set_setting(RULE_KEY, clean)
    return clean


def rule_text(rule: dict) -> str:
    """The rule as a sentence, e.g. for a sheet's heading."""
    r = rule["excellent"]
    kind = "工业项目" if r["industrial_only"] else "项目"
    return (f"本年完成1个投资{numbers.money(r['one_project_min'], 'auto', whole=True)}以上的{kind}，"
            f"或{r['or_projects']}个投资合计超过{numbers.money(r['sum_min'], 'auto', whole=True)}的{kind}，为优秀")


# --- the figures ---------------------------------------------------------------------

@dataclass
class PersonFigures:
    """One person's figures; ``figures`` has the structure of a unit's (``metrics.Figure``)."""
    staff_id: str
    name: str
    unit_id: str
    unit_code: str
    unit_name: str
    active: bool
    figures: dict[str, Figure]
    score: Figure | None = None
    rank: int | None = None
    excellent: bool = False
    excellent_ids: list[str] = field(default_factory=list)   # the projects that make the person 优秀
    excellent_reason: str | None = None
    no_results: bool = False          # 12个月无实绩
    last_result: dt.date | None = None  # the last signing or arrival up to the period's end
    _sort: tuple = field(default=(), repr=False, compare=False)

    def __getitem__(self, key: str) -> Figure:
        return self.figures[key]

    def to_json(self) -> dict:
        return {"staff_id": self.staff_id, "name": self.name, "unit_id": self.unit_id,
                "unit_code": self.unit_code, "unit_name": self.unit_name, "active": self.active,
                "rank": self.rank, "score": self.score.to_json() if self.score else None,
                "excellent": self.excellent, "excellent_ids": self.excellent_ids,
                "excellent_reason": self.excellent_reason, "no_results": self.no_results,
                "last_result": self.last_result.isoformat() if self.last_result else None,
                "figures": {k: f.to_json() for k, f in self.figures.items()}}


@dataclass
class PeopleReport:
    period: Period
    pace: Decimal
    rule: dict
    rules_version: int | None
    people: list[PersonFigures]

    def to_json(self) -> dict:
        return {"period": {"start": self.period.start.isoformat(), "end": self.period.end.isoformat(),
                           "label": self.period.label},
                "pace": str(self.pace), "rules_version": self.rules_version, "rule": self.rule,
                "no_results_months": NO_RESULTS_MONTHS,
                "staff": [p.to_json() for p in self.people]}

    def to_text(self) -> str:
        lines = [f"{self.period.label}（{self.period.start} 至 {self.period.end}）个人赛马，"
                 f"序时进度 {numbers.percent(self.pace)}"]
        if not self.people:
            return "\n".join([*lines, "没有招商人员"])
        labels = [self.people[0][k].label for k in PERSON_KEYS]
        lines.append("\t".join(["单元", "姓名", *labels, "得分", "排名", "优秀", f"{NO_RESULTS_MONTHS}个月无实绩"]))
        for p in self.people:
            lines.append("\t".join([p.unit_name, p.name, *(p[k].display() for k in PERSON_KEYS),
                                    p.score.display() if p.score else "", str(p.rank or ""),
                                    "优秀" if p.excellent else "", "无实绩" if p.no_results else ""]))
        return "\n".join(lines)


def _visits_by_person(ws, start: dt.date, end: dt.date) -> dict[str, dict[str, tuple]]:
    """{staff id: {visit id: (date, trip days)}} of the visits in [start, end] the
    person took part in (participant or leader)."""
    out: dict[str, dict[str, tuple]] = defaultdict(dict)
    live = (~Visit.deleted, Visit.visit_date >= start, Visit.visit_date <= end)
    with ws.read() as s:
        con = s.connection()
        for sid, vid, day, days in con.execute(
                select(VisitParticipant.staff_id, Visit.id, Visit.visit_date, Visit.trip_days)
                .join(Visit, Visit.id == VisitParticipant.visit_id).where(~VisitParticipant.deleted, *live)):
            out[sid][vid] = (day, days)
        for sid, vid, day, days in con.execute(
                select(Visit.staff_id, Visit.id, Visit.visit_date, Visit.trip_days)
                .where(Visit.staff_id.is_not(None), *live)):
            out[sid][vid] = (day, days)
    return out


def compute_people(ws, period: Period, *, unit_ids: list[str] | None = None,
                   snapshot: Snapshot | None = None) -> PeopleReport:
    """Every person's figures for ``period`` (the people of ``unit_ids``, else all)."""
    limits = ws.reference.light_limits()
    try:
        rules = ws.reference.scoring_rules(period.end.year)
    except RefusedError:
        rules = None
    rule = people_rule(ws)
    snapshot = snapshot if snapshot is not None else Snapshot(ws, period.end)
    projects, arrivals, rushed, evidence = snapshot.rows(ws, period, limits)
    ytd = period.year_to_date
    window_start = months_before(period.end, NO_RESULTS_MONTHS) + dt.timedelta(days=1)
    with ws.read() as s:
        con = s.connection()
        owned = con.execute(select(Project.id, Project.owner_staff_id, Project.category)
                            .where(~Project.deleted, Project.owner_staff_id.is_not(None),
                                   Project.contract_date <= period.end)).all()
        q = (select(Staff.id, Staff.name, Staff.unit_id, Staff.active, Unit.code.label("unit_code"),
                    Unit.name.label("unit_name"), Unit.sort_order)
             .join(Unit, Unit.id == Staff.unit_id).where(~Staff.deleted, ~Unit.deleted, Unit.active))
        staff = con.execute(q).all()
        targets: dict[str, dict[str, Decimal]] = defaultdict(dict)
        for sid, metric, value in con.execute(select(Target.staff_id, Target.metric, Target.value).where(
                Target.year == period.end.year, Target.staff_id.is_not(None), ~Target.deleted)):
            targets[sid][metric] = value
    if unit_ids is not None:
        staff = [p for p in staff if p.unit_id in unit_ids]
    visits = _visits_by_person(ws, min(period.start, ytd.start), period.end)
    category = {pid: cat for pid, _, cat in owned}
    projects_of: dict[str, list] = defaultdict(list)
    for pid, sid, _ in owned:
        if pid in projects:
            projects_of[sid].append(projects[pid])
    arrivals_of: dict[str, list] = defaultdict(list)
    for a in arrivals:
        arrivals_of[a.project_id].append(a)
    start_due = months_before(period.end, limits["project_start_months"])
    year_start = dt.date(period.end.year, 1, 1)

    def figures(person, mine: list, share, start: dt.date, end: dt.date) -> dict[str, Figure]:
        def count(ps):
            return sum((share(p) for p in ps), ZERO)

        def ids(ps):
            return [p.id for p in ps]

        def parts(ps):
            return {p.id: share(p) for p in ps if share(p) != ONE}

        def flags(ps):
            return [p.id for p in ps if p.id in rushed]

        def proofs(ps, table="projects"):
            return {p.id: evidence[(table, p.id)] for p in ps if evidence.get((table, p.id))}

        signed = [p for p in mine if start <= p.contract_date <= end]
        major = [p for p in signed if p.major]
        started = [p for p in mine if (d := p.first_reached(STARTED)) and start <= d <= end]
        by_id = {p.id: p for p in mine}
        arrived = [a for p in mine for a in arrivals_of.get(p.id, ()) if start <= a.arrival_date <= end]
        arrived.sort(key=lambda a: (a.arrival_date, a.id))
        mine_visits = sorted((vid for vid, (day, _) in visits.get(person.id, {}).items() if start <= day <= end),
                             key=lambda vid: (visits[person.id][vid][0], vid))
        overdue = [p for p in mine if p.contract_date <= start_due and not p.first_reached(STARTED, period.end)
                   and months_before(p.contract_date, -limits["project_start_months"]) >= year_start]
        f: dict[str, Figure] = {}
        f["signed_projects"] = Figure("signed_projects", "签约项目", "个", count(signed), row_ids=ids(signed),
                                      shares=parts(signed), flagged_ids=flags(signed), evidence=proofs(signed))
        f["signed_investment"] = Figure("signed_investment", "签约金额", "万元",
                                        sum((share(p) * p.investment for p in signed), ZERO),
                                        row_ids=ids(signed), shares=parts(signed), flagged_ids=flags(signed),
                                        evidence=proofs(signed))
        f["major_projects"] = Figure("major_projects", "亿元以上项目", "个", count(major), row_ids=ids(major),
                                     shares=parts(major), flagged_ids=flags(major))
        f["started_projects"] = Figure("started_projects", "开工项目", "个", count(started), row_ids=ids(started),
                                       shares=parts(started), flagged_ids=flags(started))
        f["arrived_capital"] = Figure(
            "arrived_capital", "到位资金", "万元",
            sum((share(by_id[a.project_id]) * a.amount for a in arrived), ZERO), table="capital_arrivals",
            row_ids=[a.id for a in arrived],
            shares={a.id: share(by_id[a.project_id]) for a in arrived if share(by_id[a.project_id]) != ONE},
            flagged_ids=[a.id for a in arrived if a.project_id in rushed],
            evidence={a.id: evidence[("capital_arrivals", a.id)] for a in arrived
                      if evidence.get(("capital_arrivals", a.id))})
        f["visits"] = Figure("visits", "拜访企业", "次", Decimal(len(mine_visits)), table="visits",
                             row_ids=mine_visits)
        f["trip_days"] = Figure("trip_days", "外出招商天数", "天",
                                Decimal(sum(visits[person.id][v][1] for v in mine_visits)), table="visits",
                                row_ids=[v for v in mine_visits if visits[person.id][v][1]])
        # what the unit score deducts (本年超时限未开工), for the person's score
        f["overdue_start_year"] = Figure("overdue_start_year", "本年超时限未开工", "个", count(overdue),
                                         row_ids=ids(overdue), shares=parts(overdue))
        return f

    out: list[PersonFigures] = []
    is_ytd = (period.start, period.end) == (ytd.start, ytd.end)
    pace = ytd.pace
    ex = rule["excellent"]
    for person in staff:
        def share(p, unit=person.unit_id):
            return p.credits[unit] if unit in p.credits else p.credits.get(p.unit_id, ONE)

        mine = [p for p in projects_of.get(person.id, ()) if share(p)]
        mine.sort(key=lambda p: (p.contract_date, p.id))
        figs = figures(person, mine, share, period.start, period.end)
        ytd_figs = figs if is_ytd else figures(person, mine, share, ytd.start, ytd.end)
        if not person.active and not any(figs[k].value for k in PERSON_KEYS):
            continue  # a person who left, with nothing in the period
        pf = PersonFigures(person.id, person.name, person.unit_id, person.unit_code, person.unit_name,
                           person.active, figs, _sort=(person.sort_order, person.unit_code, person.name, person.id))
        metrics._apply_targets(pf, _Figures(ytd_figs), targets.get(person.id, {}), pace)  # type: ignore[arg-type]
        if targets.get(person.id):
            pf.score = metrics._score(pf, rules, limits)  # type: ignore[arg-type]

        # 优秀: the year to the period's end (每人每年)
        def counts(p) -> bool:
            if not ex["industrial_only"]:
                return True
            cat = category.get(p.id)
            return cat == INDUSTRIAL or (cat is None and ex["uncategorised_industrial"])

        year_signed = [p for p in mine if ytd.start <= p.contract_date <= ytd.end and counts(p)]
        big = [p for p in year_signed if share(p) * p.investment >= Decimal(str(ex["one_project_min"]))
               or share(p) * (p.foreign_usd or ZERO) >= Decimal(str(ex["one_project_usd_min"]))]
        total = sum((share(p) * p.investment for p in year_signed), ZERO)
        kind = "工业项目" if ex["industrial_only"] else "项目"
        if big:
            pf.excellent, pf.excellent_ids = True, [p.id for p in big]
            pf.excellent_reason = f"本年完成{len(big)}个投资{numbers.money(ex['one_project_min'], 'auto', whole=True)}以上的{kind}"
        elif len(year_signed) >= ex["or_projects"] and total > Decimal(str(ex["sum_min"])):
            pf.excellent, pf.excellent_ids = True, [p.id for p in year_signed]
            pf.excellent_reason = (f"本年完成{len(year_signed)}个{kind}，投资合计"
                                   f"{numbers.money(total, 'auto')}")

        # 12个月无实绩: no signing, no arrival of the person's projects in the 12 months to the end
        dates = [p.contract_date for p in mine] + [a.arrival_date for p in mine for a in arrivals_of.get(p.id, ())]
        pf.last_result = max(dates) if dates else None
        pf.no_results = pf.last_result is None or pf.last_result < window_start
        out.append(pf)

    scored = sorted((p for p in out if p.score is not None and p.score.value is not None),
                    key=lambda p: (-p.score.value, p._sort))  # type: ignore[union-attr,operator]
    for i, p in enumerate(scored, 1):
        p.rank = i
    out.sort(key=lambda p: (p.rank is None, p.rank or 0, p._sort))
    return PeopleReport(period, pace, rule, rules.version if rules else None, out)


@dataclass
class _Figures:
    """The year-to-date figures ``metrics._apply_targets`` compares the targets with."""
    figures: dict[str, Figure]
