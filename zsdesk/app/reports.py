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

from zsdesk import metrics, reminders
from zsdesk.ledgers import ExportResult, ImportPreview, RowResult, apply, export_ledger, preview, read_ledger
from zsdesk.metrics import Figure, Period, Report, UnitFigures
from zsdesk.reminders import RED, YELLOW, FollowUp, Light
from zsdesk.reports import brief, periods
from zsdesk.reports.brief import TEXT_MAX
from zsdesk.services.audit import RecentChange

from zsdesk.app.reference import list_staff, list_units, scope_unit_ids

__all__ = [
    "BRIEF_STEPS", "RED", "TEXT_MAX", "YELLOW",
    "DashboardData", "ExportResult", "Figure", "FollowUp", "ImportPreview", "Light", "Period", "Report",
    "ReportsData", "RowResult", "UnitFigures",
    "brief_text", "export_ledger", "import_ledger", "load_dashboard", "load_reports", "make_brief_file",
    "preview_ledger", "recent_periods",
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


def load_dashboard(ws, *, staff_id: str | None = None, recent_limit: int = 40) -> DashboardData:
    """Everything the 工作台 shows, read in one go: the year's figures, the red
    and yellow lights and the follow-ups (of ``staff_id``, or the site's)."""
    scope = scope_unit_ids(ws)
    today = ws.today()
    report = metrics.compute(ws, Period.year(today.year, today), unit_ids=scope)
    figures = report.units[0] if scope is not None and len(report.units) == 1 else report.total
    own = set(scope) if scope is not None else None

    def mine(rows):
        return [r for r in rows if own is None or r.unit_id in own]

    lights = mine(reminders.lights(ws, colours=(RED, YELLOW)))
    staff_name = None
    if staff_id:
        staff = {s.id: s.name for s in list_staff(ws)}
        staff_name = staff.get(staff_id)
        if staff_name is None:  # a person no longer active here: the site's list
            staff_id = None
    due_today, overdue = reminders.followups(ws, staff_id=staff_id)
    recent = ws.audit.recent(recent_limit)
    return DashboardData(report, figures, lights, mine(due_today), mine(overdue), recent, staff_name,
                         scope is not None)


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


# --- 台账 -------------------------------------------------------------------------------------------

def preview_ledger(ws, path: str, kind: str, unit_code: str | None) -> ImportPreview:
    """Read the file and say every row's fate, writing nothing."""
    plan = read_ledger(path, kind)
    return preview(ws, plan, unit_code=unit_code)


def import_ledger(ws, plan, unit_code: str | None):
    """Write the valid rows of a previewed ledger (checked again against the database)."""
    return apply(ws, plan, "valid", unit_code=unit_code)
