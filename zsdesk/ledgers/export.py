"""Export: the 台账 of visits, leads and projects, and the per-unit statistics
workbook whose every figure has a sheet listing the rows behind it.

Figures come from ``zsdesk.metrics`` only; this module lays them out.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import and_, func, select

from zsdesk import numbers
from zsdesk.batch import without_gc
from zsdesk.db.models import (
    CapitalArrival, Company, Industry, Lead, Project, ProjectStage, Staff, Unit, Visit, VisitParticipant,
)
from zsdesk.domain import LEAD_LABELS, PROJECT_LABELS
from zsdesk.errors import ValidationError
from zsdesk.ledgers.columns import COLUMNS, KIND_LABELS
from zsdesk.validation import plain_decimal

EXPORT_KINDS = ("visits", "leads", "projects", "stats")
STATS_TITLE = "招商引资主要指标统计表"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    kind: str
    title: str
    rows: int           # data rows written (for stats: figures)
    sheets: list[str]


@dataclass(frozen=True)
class Scope:
    """Which units a ledger covers and whose name heads it."""
    unit_ids: list[str] | None   # None: every unit in the database
    owner: str                   # 填报单位: a unit's name, or the site's


def resolve_scope(ws, unit_code: str | None) -> Scope:
    with ws.read() as s:
        if unit_code:
            code = unit_code.strip().upper()
            unit = s.execute(select(Unit.id, Unit.name).where(func.upper(Unit.code) == code,
                                                              ~Unit.deleted)).first()
            if unit is None:
                raise ValidationError("unit", f"招商单元代码“{unit_code}”不存在")
            return Scope([unit.id], unit.name)
        if ws.site.is_city:
            return Scope(None, ws.site.name)
        own = s.execute(select(Unit.id, Unit.name).where(Unit.site_id == ws.site.id, ~Unit.deleted)
                        .order_by(Unit.sort_order, Unit.code)).all()
    if len(own) == 1:
        return Scope([own[0].id], own[0].name)
    return Scope([u.id for u in own], ws.site.name)


def _year_range(year: int | None) -> tuple[dt.date, dt.date] | None:
    return (dt.date(year, 1, 1), dt.date(year, 12, 31)) if year else None


def _info_line(owner: str, year: int | None, today: dt.date, money: bool) -> str:
    span = f"{year}年1月1日至{year}年12月31日" if year else "全部年度"
    parts = [f"填报单位：{owner}", f"统计范围：{span}", f"导出日期：{today.year}年{today.month}月{today.day}日"]
    if money:
        parts.append("金额单位：万元")
    return "　　".join(parts)


def _target(out: str | os.PathLike) -> Path:
    path = Path(out)
    if path.suffix.lower() != ".xlsx":
        raise ValidationError("out", "台账导出为 .xlsx 文件（文件名应以 .xlsx 结尾）")
    return path


def _save(wb, path: Path) -> Path:
    """Save next to the target and move into place, so a failed export never
    leaves half a file where the user expects a ledger."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.part")
    try:
        wb.save(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


# --- the ledgers ---------------------------------------------------------------------

def ledger_rows(ws, kind: str, scope: Scope, year: int | None) -> list[list]:
    """The rows of a ledger, as values in the order of ``COLUMNS[kind]`` (序号 first)."""
    return {"visits": _visit_rows, "leads": _lead_rows, "projects": _project_rows}[kind](ws, scope, year)


def _visit_rows(ws, scope, year):
    # The largest ledger (100k rows and more): names of units, companies and staff
    # are looked up in dicts rather than joined, which SQLite does slower.
    cond = [~Visit.deleted]
    if scope.unit_ids is not None:
        cond.append(Visit.unit_id.in_(scope.unit_ids))
    if (span := _year_range(year)):
        cond.append(Visit.visit_date.between(*span))
    with ws.read() as s:
        units = dict(s.connection().execute(select(Unit.id, Unit.name)).all())
        staff = dict(s.connection().execute(select(Staff.id, Staff.name)).all())
        companies = {cid: (name, usci) for cid, name, usci in s.connection().execute(
            select(Company.id, Company.name, Company.usci)
            .where(Company.id.in_(select(Visit.company_id).where(*cond)))).all()}
        names = defaultdict(list)
        for visit_id, staff_id in s.connection().execute(
                select(VisitParticipant.visit_id, VisitParticipant.staff_id)
                .join(Visit, Visit.id == VisitParticipant.visit_id)
                .where(~VisitParticipant.deleted, *cond)).all():
            names[visit_id].append(staff.get(staff_id, ""))
        result = s.connection().execute(
            select(Visit.id, Visit.number, Visit.visit_date, Visit.unit_id, Visit.company_id, Visit.kind,
                   Visit.place, Visit.trip_days, Visit.people, Visit.outcome, Visit.next_step, Visit.next_due,
                   Visit.followup_done, Visit.staff_id)
            .where(*cond).order_by(Visit.visit_date, Visit.number)).all()
    no_company = (None, None)
    rows = []
    for i, (vid, number, date, unit, company, kind, place, days, people, outcome, next_step, due, done,
            recorder) in enumerate(result, 1):
        company_name, usci = companies.get(company, no_company)
        ours = names.get(vid)
        rows.append([i, number, date, units.get(unit), company_name, usci, kind, place, days, people,
                     "、".join(sorted(ours)) if ours else None, outcome, next_step, due,
                     "是" if done else ("否" if next_step or due else None), staff.get(recorder)])
    return rows


def _lead_rows(ws, scope, year):
    cond = [~Lead.deleted]
    if scope.unit_ids is not None:
        cond.append(Lead.unit_id.in_(scope.unit_ids))
    if (span := _year_range(year)):
        # open at some time in the year: reported by its end, not closed before its start
        cond.append(Lead.first_reported <= span[1])
        cond.append(~and_(Lead.stage.in_(("signed", "terminated")), Lead.stage_date < span[0]))
    with ws.read() as s:
        result = s.connection().execute(
            select(Lead.number, Lead.name, Company.name, Company.usci, Industry.name, Lead.planned_investment,
                   Lead.foreign_investment_usd, Lead.source, Lead.stage, Lead.stage_date, Lead.stage_reason,
                   Lead.first_reported, Staff.name, Lead.next_followup, Unit.name, Lead.notes)
            .join(Unit, Unit.id == Lead.unit_id)
            .join(Company, Company.id == Lead.company_id)
            .outerjoin(Industry, Industry.id == Lead.industry_id)
            .outerjoin(Staff, Staff.id == Lead.owner_staff_id)
            .where(*cond).order_by(Lead.first_reported, Lead.number)).all()
    return [[i, number, name, company, usci, industry, planned, usd, source, LEAD_LABELS.get(stage, stage),
             stage_date, reason, first, owner, follow, unit, notes]
            for i, (number, name, company, usci, industry, planned, usd, source, stage, stage_date, reason, first,
                    owner, follow, unit, notes) in enumerate(result, 1)]


def _project_rows(ws, scope, year):
    cond = [~Project.deleted]
    if scope.unit_ids is not None:
        cond.append(Project.unit_id.in_(scope.unit_ids))
    if (span := _year_range(year)):
        cond.append(Project.contract_date.between(*span))
    with ws.read() as s:
        arrived = dict(s.connection().execute(
            select(CapitalArrival.project_id, func.sum(CapitalArrival.amount))
            .join(Project, Project.id == CapitalArrival.project_id)
            .where(~CapitalArrival.deleted, *cond).group_by(CapitalArrival.project_id)).all())
        milestones: dict[tuple[str, str], dt.date] = {}
        for pid, stage, date in s.connection().execute(
                select(ProjectStage.project_id, ProjectStage.stage, func.min(ProjectStage.stage_date))
                .join(Project, Project.id == ProjectStage.project_id)
                .where(~ProjectStage.deleted, ProjectStage.stage.in_(("started", "completed", "producing")),
                       *cond)
                .group_by(ProjectStage.project_id, ProjectStage.stage)):
            milestones[(pid, stage)] = date
        result = s.connection().execute(
            select(Project.id, Project.number, Project.name, Company.name, Company.usci, Industry.name,
                   Project.category, Project.contract_date, Project.contract_investment, Project.foreign_investment_usd,
                   Project.land_mu, Project.jobs, Project.expected_output, Project.expected_tax, Project.stage,
                   Project.stage_date, Project.stage_reason, Staff.name, Unit.name, Project.notes)
            .join(Unit, Unit.id == Project.unit_id)
            .join(Company, Company.id == Project.company_id)
            .outerjoin(Industry, Industry.id == Project.industry_id)
            .outerjoin(Staff, Staff.id == Project.owner_staff_id)
            .where(*cond).order_by(Project.contract_date, Project.number)).all()
    money = {pid: plain_decimal(v) for pid, v in arrived.items() if v is not None}
    return [[i, number, name, company, usci, industry, cdate, investment, usd, land, jobs, output, tax,
             money.get(pid), PROJECT_LABELS.get(stage, stage), stage_date,
             milestones.get((pid, "started")), milestones.get((pid, "completed")),
             milestones.get((pid, "producing")), reason, category, owner, unit, notes]
            for i, (pid, number, name, company, usci, industry, category, cdate, investment, usd, land, jobs,
                    output, tax, stage, stage_date, reason, owner, unit, notes) in enumerate(result, 1)]


@without_gc
def export_ledger(ws, kind: str, out: str | os.PathLike, *, year: int | None = None,
                  unit_code: str | None = None) -> ExportResult:
    """Write the 台账 of ``kind`` (visits, leads, projects) to ``out`` (.xlsx)."""
    from openpyxl import Workbook

    from zsdesk.ledgers.sheets import SheetColumn, write_table

    if kind == "stats":
        return export_stats(ws, out, year=year, unit_code=unit_code)
    if kind not in COLUMNS:
        raise ValidationError("kind", f"未知的台账类型：{kind}")
    out = _target(out)
    scope = resolve_scope(ws, unit_code)
    rows = ledger_rows(ws, kind, scope, year)
    label = KIND_LABELS[kind]
    heading = f"{scope.owner}{f'{year}年' if year else ''}{label}"
    wb = Workbook(write_only=True)
    columns = [SheetColumn.of(c) for c in COLUMNS[kind]]
    write_table(wb, label, columns, rows, heading=heading,
                info=_info_line(scope.owner, year, ws.today(), kind != "visits"),
                total_label="合计" if kind != "visits" else None)
    path = _save(wb, out)
    return ExportResult(path, kind, heading, len(rows), [label])


def export_table(out: str | os.PathLike, columns: list[tuple[str, str]], rows: list[list], *,
                 heading: str, info: str, sheet: str = "列表") -> ExportResult:
    """Write one titled table (a record list as the window shows it) to ``out``
    (.xlsx) in the ledger layout: ``columns`` are (header, sheet column type),
    ``rows`` the values in that order; a 合计 row sums the money columns."""
    from openpyxl import Workbook

    from zsdesk.ledgers.sheets import SheetColumn, write_table

    out = _target(out)
    wb = Workbook(write_only=True)
    sheet_columns = [SheetColumn(header, kind, total=kind == "money") for header, kind in columns]
    write_table(wb, sheet[:31], sheet_columns, rows, heading=heading, info=info,
                total_label="合计" if any(kind == "money" for _, kind in columns) else None)
    path = _save(wb, out)
    return ExportResult(path, "list", heading, len(rows), [sheet[:31]])


# --- the statistics workbook -------------------------------------------------------------

FIGURE_ORDER = ("signed_projects", "signed_investment", "major_projects", "started_projects",
                "completed_projects", "producing_projects", "arrived_capital", "performance_rate",
                "start_rate", "capital_rate", "production_rate", "overdue_start", "visits", "trip_days")
_RATE_NOTES = {
    "performance_rate": "明细为本期新签约项目（分母）",
    "start_rate": "明细为应开工项目（分母）",
    "capital_rate": "明细为本期新签约项目（分母为其合同投资）",
    "production_rate": "明细为应投产项目（分母）",
    "score": "明细为扣分的超时限未开工项目",
}


def _number_format(fig) -> str:
    """The cell holds the exact value; the format rounds its display half up,
    as ``Figure.display`` does (Excel and LibreOffice round the decimal value)."""
    if fig.unit == "%":
        return numbers.EXCEL_PERCENT
    if fig.unit == "万元":
        return numbers.EXCEL_MONEY
    if fig.value is not None and fig.value != fig.value.to_integral_value():
        return numbers.EXCEL_MONEY
    return numbers.EXCEL_COUNT


def _part_format(fig, value) -> str:
    """A rate's numerator and denominator: 万元 for 资金到位率, counts otherwise."""
    if fig.key == "capital_rate" or value != value.to_integral_value():
        return numbers.EXCEL_MONEY
    return numbers.EXCEL_COUNT


def _sheet_name(label: str, used: set[str]) -> str:
    name = "".join(ch for ch in label if ch not in "[]:*?/\\")[:28] or "明细"
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{name}{n}", n + 1
    used.add(candidate)
    return candidate


def _detail_rows(ws, table: str, ids: set[str]) -> dict[str, list]:
    """{row id: [values…]} for the rows behind figures, in the detail sheets' column order."""
    out: dict[str, list] = {}
    id_list = list(ids)
    with ws.read() as s:
        for i in range(0, len(id_list), 500):
            chunk = id_list[i:i + 500]
            if table == "projects":
                for r in s.execute(
                        select(Project.id, Project.number, Project.name, Company.name, Unit.name,
                               Project.contract_date, Project.contract_investment, Project.stage,
                               Project.stage_date)
                        .join(Company, Company.id == Project.company_id).join(Unit, Unit.id == Project.unit_id)
                        .where(Project.id.in_(chunk))):
                    out[r[0]] = [r[1], r[2], r[3], r[4], r[5], r[6], PROJECT_LABELS.get(r[7], r[7]), r[8]]
            elif table == "capital_arrivals":
                for r in s.execute(
                        select(CapitalArrival.id, Project.number, Project.name, Company.name, Unit.name,
                               CapitalArrival.arrival_date, CapitalArrival.amount, CapitalArrival.note)
                        .join(Project, Project.id == CapitalArrival.project_id)
                        .join(Company, Company.id == Project.company_id).join(Unit, Unit.id == Project.unit_id)
                        .where(CapitalArrival.id.in_(chunk))):
                    out[r[0]] = list(r[1:])
            elif table == "visits":
                for r in s.execute(
                        select(Visit.id, Visit.number, Visit.visit_date, Company.name, Visit.people, Visit.kind,
                               Visit.place, Visit.trip_days, Unit.name)
                        .outerjoin(Company, Company.id == Visit.company_id).join(Unit, Unit.id == Visit.unit_id)
                        .where(Visit.id.in_(chunk))):
                    out[r[0]] = [r[1], r[2], r[3] or r[4], r[5], r[6], r[7], r[8]]
            else:
                raise ValueError(f"no detail layout for {table}")
    return out


def _detail_columns(table: str):
    from zsdesk.ledgers.sheets import SheetColumn as C

    common = [C("突击上报", "bool", 8), C("佐证材料(SHA-256)", "text", 20), C("记录ID", "text", 38)]
    if table == "projects":
        return [C("序号", "seq", 6), C("编号", "text", 18), C("项目名称", "text", 28), C("投资方", "text", 24),
                C("招商单元", "text", 14), C("签约日期", "date", 12),
                C("合同投资(万元)", "money", 14, total=True), C("项目进度", "stage", 8),
                C("阶段日期", "date", 12), *common]
    if table == "capital_arrivals":
        return [C("序号", "seq", 6), C("项目编号", "text", 18), C("项目名称", "text", 28), C("投资方", "text", 24),
                C("招商单元", "text", 14), C("到位日期", "date", 12),
                C("到位金额(万元)", "money", 14, total=True), C("说明", "text", 20), *common]
    return [C("序号", "seq", 6), C("编号", "text", 20), C("拜访日期", "date", 12), C("企业名称", "text", 24),
            C("拜访方式", "text", 12), C("地点", "text", 12), C("外出天数", "int", 8), C("招商单元", "text", 14),
            *common]


PEOPLE_SHEET = "个人赛马"


def _people_sheet(wb, race, *, heading: str, info: str) -> None:
    """个人赛马: one row per person — unit, name, each figure with the person's
    target and completion, score and rank, 优秀 (the city's rule) and 12个月无实绩."""
    from zsdesk.domain import TARGET_METRICS
    from zsdesk.ledgers.sheets import Formatted, SheetColumn as C, write_table
    from zsdesk.people import NO_RESULTS_MONTHS, PERSON_KEYS, rule_text

    first = race.people[0]
    columns = [C("序号", "seq", 6), C("招商单元", "text", 14), C("姓名", "text", 8)]
    for k in PERSON_KEYS:
        f = first.figures[k]
        columns.append(C(f"{f.label}({f.unit})", "mixed", 10))
        if k in TARGET_METRICS:
            columns += [C(f"{f.label}目标", "mixed", 8), C(f"{f.label}完成率", "percent", 8)]
    columns += [C("得分", "money", 8), C("排名", "int", 6), C("优秀", "stage", 6),
                C("优秀依据", "text", 24, wrap=True), C(f"{NO_RESULTS_MONTHS}个月无实绩", "stage", 8),
                C("最近实绩日期", "date", 12)]
    rows = []
    for i, p in enumerate(race.people, 1):
        row: list = [i, p.unit_name, p.name + ("（已停用）" if not p.active else "")]
        for k in PERSON_KEYS:
            f = p.figures[k]
            fmt = _number_format(f)
            row.append(Formatted(f.value, fmt) if f.value is not None else "—")
            if k in TARGET_METRICS:
                row += [Formatted(f.target, fmt) if f.target is not None else None, f.completion]
        score = p.score.value if p.score is not None else None
        row += [score, p.rank, "优秀" if p.excellent else None, p.excellent_reason,
                "无实绩" if p.no_results else None, p.last_result]
        rows.append(row)
    write_table(wb, PEOPLE_SHEET, columns, rows, heading=heading,
                info=f"{info}　　优秀：{rule_text(race.rule)}；无实绩：截至期末{NO_RESULTS_MONTHS}个月内"
                     "没有签约项目、也没有到位资金（按包保责任人计）", total_label=None)


def export_stats(ws, out: str | os.PathLike, *, year: int | None = None,
                 unit_code: str | None = None) -> ExportResult:
    """The statistics workbook of one unit (or, for a city without ``unit_code``,
    of the whole city with a sheet per unit ranking): a summary sheet of every
    figure and one sheet per figure listing exactly the rows behind it."""
    from openpyxl import Workbook

    from zsdesk import metrics, people
    from zsdesk.ledgers.sheets import Formatted, SheetColumn as C, write_table

    out = _target(out)
    today = ws.today()
    period = metrics.Period.year(year or today.year, today)
    scope = resolve_scope(ws, unit_code)
    snapshot = metrics.Snapshot(ws, period.end)   # read once for the units and the people
    report = metrics.compute(ws, period, snapshot=snapshot)
    if scope.unit_ids is not None and len(scope.unit_ids) == 1:
        matches = [u for u in report.units if u.unit_id == scope.unit_ids[0]]
        if not matches:
            raise ValidationError("unit", f"招商单元“{scope.owner}”已停用，没有统计数据")
        figures = matches[0]
    else:
        figures = report.total
    owner = scope.owner
    keys = [k for k in FIGURE_ORDER if k in figures.figures]
    entries = [figures.figures[k] for k in keys]
    if figures.score is not None and figures.unit_id is not None:
        entries.append(figures.score)

    used: set[str] = {"指标汇总", "各单元", PEOPLE_SHEET}
    sheet_of = {f.key: _sheet_name(f"{f.label}明细" if f.key == "score" else f.label, used) for f in entries}
    pace = numbers.percent(report.pace)
    info = "　　".join([f"填报单位：{owner}",
                       f"统计期间：{period.start.year}年{period.start.month}月{period.start.day}日至"
                       f"{period.end.year}年{period.end.month}月{period.end.day}日",
                       f"序时进度：{pace}",
                       f"评分规则：第{report.rules_version}版" if report.rules_version else "评分规则：无",
                       f"导出日期：{today.year}年{today.month}月{today.day}日"])
    summary_rows = []
    for i, f in enumerate(entries, 1):
        fmt = _number_format(f)
        note = f.missing or _RATE_NOTES.get(f.key)
        parts = (f.numerator, f.denominator)
        if f.key == "score":  # the score carries its weighted sum and its deductions there
            if f.numerator is not None:
                note = (f"加权完成得分{numbers.number(f.numerator)}，扣分{numbers.exact(f.denominator)}；"
                        f"{note}")
            parts = (None, None)
        summary_rows.append([
            i, f.label, f.unit,
            Formatted(f.value, fmt) if f.value is not None else "—",
            Formatted(f.target, fmt if f.unit != "%" else "#,##0.00") if f.target is not None else None,
            f.completion,
            None if f.on_pace is None else ("超进度" if f.on_pace else "欠进度"),
            *(Formatted(p, _part_format(f, p)) if p is not None else None for p in parts),
            len(f.row_ids), len(f.flagged_ids) or None, note, sheet_of[f.key],
        ])
    wb = Workbook(write_only=True)
    heading = f"{owner}{period.label}{STATS_TITLE}"
    write_table(wb, "指标汇总", [
        C("序号", "seq", 6), C("指标", "text", 14), C("单位", "stage", 6), C("数值", "mixed", 14),
        C("年度目标", "mixed", 12), C("完成率", "percent", 8), C("序时进度情况", "stage", 10),
        C("分子", "mixed", 12), C("分母", "mixed", 12), C("明细行数", "int", 8), C("其中突击上报", "int", 8),
        C("说明", "text", 30, wrap=True), C("明细表", "text", 14)],
        summary_rows, heading=heading, info=info, total_label=None)
    sheets = ["指标汇总"]

    if figures.unit_id is None and report.units:
        rank_keys = ("signed_projects", "signed_investment", "major_projects", "started_projects",
                     "arrived_capital", "visits")
        unit_rows = []
        for i, u in enumerate(sorted(report.units, key=lambda u: (u.rank is None, u.rank or 0)), 1):
            row = [i, u.code, u.name]
            for k in rank_keys:
                f = u.figures[k]
                row.append(Formatted(f.value, _number_format(f)) if f.value is not None else "—")
            row += [u.score.value if u.score else None, u.rank,
                    (u.score.missing if u.score and u.score.value is None else None)]
            unit_rows.append(row)
        write_table(wb, "各单元", [
            C("序号", "seq", 6), C("单元代码", "text", 10), C("招商单元", "text", 18),
            *(C(f"{report.total.figures[k].label}({report.total.figures[k].unit})", "mixed", 12)
              for k in rank_keys),
            C("得分", "money", 8), C("排名", "int", 6), C("说明", "text", 20, wrap=True)],
            unit_rows, heading=f"{owner}{period.label}各招商单元指标及排名",
            info=info, total_label=None)
        sheets.append("各单元")

    race = people.compute_people(ws, period, unit_ids=scope.unit_ids, snapshot=snapshot)
    if race.people:
        _people_sheet(wb, race, heading=f"{owner}{period.label}个人赛马", info=info)
        sheets.append(PEOPLE_SHEET)

    wanted: dict[str, set[str]] = defaultdict(set)
    for f in entries:
        wanted[f.table].update(f.row_ids)
    details = {table: _detail_rows(ws, table, ids) for table, ids in wanted.items()}
    for f in entries:
        rows = []
        flagged = set(f.flagged_ids)
        for i, rid in enumerate(f.row_ids, 1):
            values = details[f.table].get(rid)
            if values is None:  # the metric named a row the database no longer holds: a bug
                raise RuntimeError(f"{f.key}: row {rid} of {f.table} not found")
            rows.append([i, *values, "是" if rid in flagged else None,
                         "、".join(f.evidence.get(rid, ())) or None, rid])
        value = f.display() + ("" if f.value is None or f.unit == "%" else f.unit)
        notes = [f"{f.label}：{value}"]
        if f.numerator is not None and f.denominator is not None:
            notes.append(f"分子 {numbers.number(f.numerator)}，分母 {numbers.number(f.denominator)}")
        if f.missing:
            notes.append(f.missing)
        if f.key in _RATE_NOTES:
            notes.append(_RATE_NOTES[f.key])
        notes.append(f"共{len(rows)}行")
        write_table(wb, sheet_of[f.key], _detail_columns(f.table), rows,
                    heading=f"{owner}{period.label}{f.label}明细", info="；".join(notes),
                    total_label="合计" if f.table != "visits" else None)
        sheets.append(sheet_of[f.key])
    path = _save(wb, out)
    return ExportResult(path, "stats", heading, len(entries), sheets)
