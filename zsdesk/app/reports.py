"""Figures and paper: metrics and reminders for the 工作台, the PDF 简报 and
the Excel 台账 (export, and import previewed row by row). No Qt here.

The results are the core's plain values: ``metrics.Report`` / ``Figure`` /
``UnitFigures`` (with the ids of the rows behind every figure),
``reminders.Light`` / ``FollowUp``, ``brief.BriefResult``,
``ledgers.ImportPreview`` / ``ExportResult``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from zsdesk import history, metrics, reminders
from zsdesk.db.types import utcnow
from zsdesk.metrics import Figure, Period, Report, UnitFigures
from zsdesk.reminders import RED, YELLOW, FollowUp, Light
from zsdesk.reports import brief, periods
from zsdesk.reports.brief import COPIES_MAX, ISSUE_MAX, LIST_LIMIT_MAX, TEXT_MAX
from zsdesk.services.audit import RecentChange

from zsdesk.app.reference import list_staff, list_units, scope_unit_ids, until_changed

if TYPE_CHECKING:
    from zsdesk.ledgers import ExportResult, ImportPreview, RowResult

__all__ = [
    "BRIEF_STEPS", "COPIES_MAX", "DASHBOARD_FOLLOWUPS", "ISSUE_MAX", "LIST_LIMIT_MAX", "RED", "TEXT_MAX", "YELLOW",
    "BriefSettings", "DashboardData", "DrillDown", "DrillRow", "ExportResult", "Figure", "FollowUp", "ImportPreview", "Light", "Period",
    "Report", "ReportsData", "RowResult", "UnitFigures",
    "brief_text", "drill_down", "export_ledger", "load_brief_settings", "load_dashboard", "load_reports",
    "make_brief_file", "recent_periods", "save_brief_settings",
]

#: the steps ``make_brief`` reports, in order (for a determinate progress bar)
BRIEF_STEPS = ("计算指标", "读取提醒与问题", "读取项目", "排版", "完成")


# --- 工作台 ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DashboardData:
    report: Report
    figures: UnitFigures            # what the cards show: the site's total, or a county's one unit
    lights: list[Light]
    due_today: list[FollowUp]
    overdue: list[FollowUp]
    recent: list[RecentChange]
    staff_name: str | None          # whose follow-ups (None: the whole site's)
    scoped: bool                    # a county: its own units only
    read_at: dt.datetime | None = None   # when this was read (UTC): 更新于
    #: how many are due today and overdue (``due_today``/``overdue`` list at most
    #: ``DASHBOARD_FOLLOWUPS`` of each, the oldest first)
    due_today_total: int = 0
    overdue_total: int = 0


def load_unit_history(ws, years: int = 3) -> tuple[history.UnitHistory, ...]:
    """历年赛马: the last ``years`` years of each unit this site shows, with the
    连续两年 flags; ranks only at the city (a county holds only its own data)."""
    return until_changed(ws, ("unit_history", years), lambda: tuple(history.unit_history(
        ws, years=years, unit_ids=scope_unit_ids(ws), ranked=ws.site.is_city)))


#: the follow-ups the 工作台 lists (of each: due today, overdue); the rest are counted
DASHBOARD_FOLLOWUPS = 200


def load_dashboard(ws, *, staff_id: str | None = None, recent_limit: int = 40,
                   followup_limit: int = DASHBOARD_FOLLOWUPS) -> DashboardData:
    """Everything the 工作台 shows, read in one go: the year's figures, the red
    and yellow lights and the follow-ups (of ``staff_id``, or the site's): the
    oldest ``followup_limit`` of them and how many there are."""
    scope = scope_unit_ids(ws)
    today = ws.today()
    report = metrics.compute(ws, Period.year(today.year, today), unit_ids=scope)
    if not ws.site.is_city:
        # a county holds its own units' rows only: a rank among them would be a false 第1名
        # (the ranking that counts is the city's, published in its 简报; cf. the 预检稿)
        for u in report.units:
            u.rank = None
    figures = report.units[0] if scope is not None and len(report.units) == 1 else report.total
    own = set(scope) if scope is not None else None

    lights = reminders.lights(ws, unit_ids=own, colours=(RED, YELLOW))
    staff_name = None
    if staff_id:
        staff = {s.id: s.name for s in list_staff(ws)}
        staff_name = staff.get(staff_id)
        if staff_name is None:  # a person no longer active here: the site's list
            staff_id = None
    due_today, overdue = reminders.followups(ws, unit_ids=own, staff_id=staff_id, today=today,
                                             limit=followup_limit)
    counts = reminders.followup_counts(ws, unit_ids=own, staff_id=staff_id, today=today)
    recent = ws.audit.recent(recent_limit)
    return DashboardData(report, figures, lights, due_today, overdue, recent, staff_name,
                         scope is not None, utcnow(), due_today_total=sum(c.due_today for c in counts),
                         overdue_total=sum(c.overdue for c in counts))


@dataclass(frozen=True)
class DrillRow:
    """One row behind a figure and what it adds to it (a 飞地 project adds its share)."""
    id: str
    number: str                 # the project's number
    name: str                   # the project's name
    unit: str                   # the unit the project belongs to
    when: dt.date               # the contract date, or the arrival's date
    share: Decimal              # the share the row counts by here (1: whole)
    amount: Decimal             # 万元: the contract investment, or the arrival's amount
    counted: Decimal            # what the row adds: share × amount for a sum in 万元, else the share


@dataclass(frozen=True)
class DrillDown:
    """The rows behind a figure of projects or capital arrivals, in the figure's order;
    ``total`` (the sum of ``counted``) is the figure itself for counts and sums."""
    table: str
    unit: str                   # the figure's unit: 个 / 万元 / %
    rows: tuple[DrillRow, ...]
    total: Decimal

    @property
    def shared(self) -> bool:
        """Some row counts by a share (飞地): the drill-down must say so."""
        return any(r.share != 1 for r in self.rows)


def drill_down(ws, figure: Figure) -> DrillDown:
    """The projects (or capital arrivals) behind ``figure``, each with the share it counts
    by and what it adds, so the rows add up to the figure shown."""
    from sqlalchemy import select

    from zsdesk.db.models import CapitalArrival, Project, Unit

    one = Decimal(1)
    ids = list(figure.row_ids)
    found: dict[str, tuple] = {}
    with ws.read() as s:
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            if figure.table == "capital_arrivals":
                q = (select(CapitalArrival.id, Project.number, Project.name, Unit.name,
                            CapitalArrival.arrival_date, CapitalArrival.amount)
                     .join(Project, Project.id == CapitalArrival.project_id)
                     .join(Unit, Unit.id == Project.unit_id).where(CapitalArrival.id.in_(chunk)))
            elif figure.table == "projects":
                q = (select(Project.id, Project.number, Project.name, Unit.name, Project.contract_date,
                            Project.contract_investment)
                     .join(Unit, Unit.id == Project.unit_id).where(Project.id.in_(chunk)))
            else:
                raise ValueError(f"no drill-down of {figure.table}")
            found.update({r[0]: tuple(r) for r in s.execute(q)})
    rows = []
    for rid in ids:
        if rid not in found:
            continue
        _, number, name, unit, when, amount = found[rid]
        share = figure.shares.get(rid, one)
        counted = share * amount if figure.unit == "万元" else share
        rows.append(DrillRow(rid, number, name, unit, when, share, amount, counted))
    return DrillDown(figure.table, figure.unit, tuple(rows), sum((r.counted for r in rows), Decimal(0)))


# --- 简报 -------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportsData:
    today: dt.date
    is_city: bool
    units: list[tuple[str, str]]       # (code, name) of the units this site reports on, active ones


def load_reports(ws) -> ReportsData:
    scope = scope_unit_ids(ws)
    units = [(u.code, u.name) for u in list_units(ws) if scope is None or u.id in scope]
    return ReportsData(ws.today(), ws.site.is_city, units)


@dataclass(frozen=True)
class PeriodChoice:
    """A period a brief can be made for: its code (``2026-10``), its Chinese label
    (as the brief prints it), its first and last day, and whether it is over."""
    code: str
    label: str
    start: dt.date
    end: dt.date
    complete: bool


def recent_periods(kind: str, today: dt.date, count: int) -> list[PeriodChoice]:
    """The running period of ``kind`` and the ``count - 1`` before it, newest first."""
    out = []
    period = periods.containing(kind, today)
    for _ in range(count):
        complete = period.end < today
        out.append(PeriodChoice(periods.period_code(kind, period), period.label, period.start, period.end,
                                complete))
        period = periods.previous(kind, period)
        if period.start.year < 2000:
            break
    return out


def brief_text(ws, kind: str, code: str) -> str:
    """The stored 下一步工作 text of a brief."""
    return brief.brief_text(ws, kind, code)


def make_brief_file(ws, kind: str, code: str, out: str, unit_code: str | None, text: str | None, report):
    """Store the 下一步工作 text (when given: the city's), then make the PDF;
    ``report(done, total, message)`` follows ``BRIEF_STEPS``."""
    if text is not None and text.strip() != brief.brief_text(ws, kind, code).strip():
        brief.set_brief_text(ws, kind, code, text)
    _, period = periods.parse_period(code, kind)
    total = len(BRIEF_STEPS)

    def progress(message: str) -> None:
        if message in BRIEF_STEPS:
            report(BRIEF_STEPS.index(message) + 1, total, message)
        else:
            report(message)

    return brief.make_brief(ws, period, kind, out, unit_code=unit_code, progress=progress)



@dataclass(frozen=True)
class BriefSettings:
    """What the 简报设置 panel shows for the brief of ``kind`` and ``code``: the
    报头 and 报尾 settings (the city's, shared by every brief; ``title`` is this
    kind's), and this brief's issue number and 下一步工作 text."""
    kind: str
    code: str
    period_label: str
    is_city: bool                 # False: a county reads them (its 预检稿 prints its own name, no number)
    site_name: str
    title: str
    office: str                   # as printed: the setting, or the site's name
    office_is_default: bool
    confidential: bool            # 内部资料 注意保存
    report_to: str                # 报
    send_to: str                  # 送
    issue_to: str                 # 发
    copies: int                   # 印发份数
    list_limit: int               # rows per project list (0: all)
    issue: int                    # the number the brief prints
    calendar_issue: int           # the calendar's number (the period's place in its year)
    text: str                     # 下一步工作
    people_section: bool = False  # the 个人赛马 section is printed


def load_brief_settings(ws, kind: str, code: str) -> BriefSettings:
    """The brief settings and this brief's number and text."""
    _, period = periods.parse_period(code, kind)
    code = periods.period_code(kind, period)
    settings = brief.brief_settings(ws)
    is_city = ws.site.is_city
    recipients = settings["recipients"]
    office_setting = ws.reference.setting("brief_office") if is_city else None
    return BriefSettings(
        kind=kind, code=code, period_label=period.label, is_city=is_city, site_name=ws.site.name,
        title=settings["titles"][kind], office=settings["office"], office_is_default=not office_setting,
        confidential=settings["confidential"], report_to=recipients.get("报", ""), send_to=recipients.get("送", ""),
        issue_to=recipients.get("发", ""), copies=int(settings["copies"]), list_limit=int(settings["list_limit"]),
        issue=brief.issue_number(ws, kind, code), calendar_issue=brief.calendar_issue(kind, code),
        text=brief.brief_text(ws, kind, code), people_section=settings["people_section"])


def save_brief_settings(ws, kind: str, code: str, *, title: str, office: str, confidential: bool,
                        report_to: str, send_to: str, issue_to: str, copies, list_limit, issue,
                        text: str | None = None, people_section: bool | None = None) -> BriefSettings:
    """Store the settings (city only) in one transaction: ``title`` for this
    kind, ``office`` ("" or the site's name: the default), ``issue`` this
    brief's number (the calendar's: no override) and, when given, its 下一步工作
    ``text``. A refused value raises ``ValidationError``/``ValidationErrors``
    naming the field (title, office, confidential, recipients:报/送/发, copies,
    list_limit, issue, text) and nothing is written. Returns what is stored now."""
    office = (office or "").strip()
    if office == ws.site.name:
        office = ""
    brief.set_brief_settings(
        ws, title={kind: title}, office=office, confidential=confidential,
        recipients={"报": report_to, "送": send_to, "发": issue_to}, copies=copies, list_limit=list_limit,
        kind=kind, period=code, issue=issue, text=text, people_section=people_section)
    return load_brief_settings(ws, kind, code)


# --- 台账 -------------------------------------------------------------------------------------------

# the ledgers (Excel reading and writing) are imported when a ledger is, not when the
# 工作台 opens at start-up

def __getattr__(name: str):
    if name in ("ExportResult", "ImportPreview", "RowResult"):
        import zsdesk.ledgers

        return getattr(zsdesk.ledgers, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def export_ledger(ws, kind: str, out, *, year: int | None = None, unit_code: str | None = None) -> ExportResult:
    """The 台账 of ``kind`` (visits, leads, projects) to ``out`` (.xlsx): ``zsdesk.ledgers.export_ledger``."""
    from zsdesk.ledgers import export_ledger as export

    return export(ws, kind, out, year=year, unit_code=unit_code)

