"""个人赛马 for the window: each person's figures for a period against the person's
targets, the 优秀 flag of the city's rule and the "12个月无实绩" warning, as frozen
rows (``zsdesk.people`` computes them); the rule itself, to show and to edit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from zsdesk import people
from zsdesk.app.reference import scope_unit_ids, until_changed
from zsdesk.errors import ValidationError
from zsdesk.reports import periods

NO_RESULTS_MONTHS = people.NO_RESULTS_MONTHS
RULE_LABELS = dict(people.RULE_LABELS)


@dataclass(frozen=True)
class RaceFigure:
    """One figure of a person, as a unit's (``metrics.Figure``) reads."""
    key: str
    label: str
    unit: str                    # 个 / 万元 / 次 / 天
    value: Decimal | None
    display: str                 # as every screen prints it (``zsdesk.numbers``)
    target: Decimal | None       # the person's yearly target (None: none set)
    completion: Decimal | None   # year-to-date actual / target
    on_pace: bool | None         # 超进度 / 欠进度 against 序时进度
    row_ids: tuple[str, ...]     # the rows behind it


@dataclass(frozen=True)
class PersonRaceRow:
    staff_id: str
    name: str
    unit_id: str
    unit_code: str
    unit_name: str
    active: bool
    figures: tuple[RaceFigure, ...]     # in ``people.PERSON_KEYS`` order
    score: Decimal | None
    score_missing: str | None           # why there is no score (no targets …)
    rank: int | None
    excellent: bool                     # 优秀 by the city's rule
    excellent_reason: str | None
    excellent_ids: tuple[str, ...]      # the projects behind it
    no_results: bool                    # 12个月无实绩
    last_result: dt.date | None         # the last signing or arrival up to the period's end

    def figure(self, key: str) -> RaceFigure:
        return next(f for f in self.figures if f.key == key)


def load_people_race(ws, kind: str | None, code: str) -> tuple[PersonRaceRow, ...]:
    """The 个人赛马 of the period ``code`` (as a brief writes it: 2026-10, 2026-H1 …;
    ``kind`` None: the code decides), to date, for the people of the units this
    site shows (the city: everyone). Ranked people first, by score."""
    _, period = periods.parse_period(code, kind)
    today = ws.today()
    if period.start > today:
        raise ValidationError("period", f"期间{code}尚未开始（今天是{today.isoformat()}）", value=code)
    def compute() -> tuple[PersonRaceRow, ...]:
        race = people.compute_people(ws, periods.cut_at(period, today), unit_ids=scope_unit_ids(ws))
        return tuple(_row(p) for p in race.people)

    return until_changed(ws, ("people_race", kind, code), compute)


def _row(p: people.PersonFigures) -> PersonRaceRow:
    figures = tuple(RaceFigure(f.key, f.label, f.unit, f.value, f.display(), f.target, f.completion, f.on_pace,
                               tuple(f.row_ids))
                    for f in (p.figures[k] for k in people.PERSON_KEYS))
    score = p.score
    return PersonRaceRow(p.staff_id, p.name, p.unit_id, p.unit_code, p.unit_name, p.active, figures,
                         score.value if score else None, score.missing if score else "未设个人目标",
                         p.rank, p.excellent, p.excellent_reason, tuple(p.excellent_ids), p.no_results,
                         p.last_result)


@dataclass(frozen=True)
class PeopleRuleInfo:
    """The 优秀 rule in force (see ``zsdesk.people``)."""
    one_project_min: Decimal       # 万元
    one_project_usd_min: Decimal   # 万美元
    or_projects: int
    sum_min: Decimal               # 万元, to be exceeded
    industrial_only: bool
    uncategorised_industrial: bool
    text: str                      # the rule as a sentence


def people_rule(ws) -> PeopleRuleInfo:
    rule = people.people_rule(ws)
    r = rule["excellent"]
    return PeopleRuleInfo(Decimal(str(r["one_project_min"])), Decimal(str(r["one_project_usd_min"])),
                          int(r["or_projects"]), Decimal(str(r["sum_min"])), bool(r["industrial_only"]),
                          bool(r["uncategorised_industrial"]), people.rule_text(rule))


def set_people_rule(ws, values: dict) -> PeopleRuleInfo:
    """Change the 优秀 rule (the city only): ``values`` are fields of ``PeopleRuleInfo``
    (the others keep their values). ValidationError names a bad field."""
    current = people.people_rule(ws)["excellent"]
    people.set_people_rule(ws, {"excellent": {**current, **values}})
    return people_rule(ws)
