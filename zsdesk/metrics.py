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
import copy
import datetime as dt
import functools
import gc
import json
import threading
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import compress
from operator import attrgetter
from typing import Any, NamedTuple

from sqlalchemy import Date, and_, case, func, select, text, type_coerce

from zsdesk import numbers
from zsdesk.db.models import (
    RUSH_WHERE, Attachment, CapitalArrival, ChangeLog, Project, ProjectStage, Referral, Target, Unit, Visit,
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
    #: how many rows are behind the figure when their ids were not read
    #: (``compute(visits="counts")``); else ``len(row_ids)``
    rows: int | None = None

    @property
    def row_count(self) -> int:
        return len(self.row_ids) if self.rows is None else self.rows

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
            "rows": self.row_count, "row_ids": self.row_ids, "flagged_ids": self.flagged_ids,
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

class _Project:
    """One project as it stood at a snapshot's end: the first date it reached each
    group of stages, and its credits (飞地 shares). A period ending earlier reads
    the dates against its own end (a stage reached later had not been reached)."""

    __slots__ = ("id", "unit_id", "contract_date", "investment", "foreign_usd", "credits", "started",
                 "completed", "producing", "performed", "defaulted", "referrals")

    def __init__(self, id, unit_id, contract_date, investment, foreign_usd):
        self.id, self.unit_id, self.contract_date = id, unit_id, contract_date
        self.investment, self.foreign_usd = investment, foreign_usd
        self.credits: dict[str, Decimal] = {unit_id: ONE}   # unit id -> share (investment share)
        self.started = self.completed = self.producing = self.performed = None
        self.defaulted: dt.date | None = None     # the first 未履约 date
        self.referrals: tuple = ()                # (from unit, share, agreed date), as read

    @property
    def major(self) -> bool:
        return self.investment >= MAJOR_CNY or (self.foreign_usd or ZERO) >= MAJOR_USD

    def first_reached(self, stages: frozenset[str], end: dt.date | None = None) -> dt.date | None:
        """The first day the project reached one of ``stages`` (STARTED, COMPLETED,
        PRODUCING or PERFORMED), if by ``end`` (default: the snapshot's end)."""
        day = getattr(self, _STAGE_ATTR[stages])
        return day if day is not None and (end is None or day <= end) else None

    def at(self, end: dt.date) -> _Project:
        """The project with the credits it had at ``end`` (a referral agreed later
        did not count yet); itself when they are the same."""
        credits = {self.unit_id: ONE}
        for from_unit, share, agreed in self.referrals:
            if agreed <= end and from_unit != self.unit_id:
                credits = {self.unit_id: ONE - share, from_unit: share}
        if credits == self.credits:
            return self
        other = copy.copy(self)
        other.credits = credits
        return other


_ID, _AMOUNT = attrgetter("id"), attrgetter("amount")
_STAGE_ATTR = {STARTED: "started", COMPLETED: "completed", PRODUCING: "producing", PERFORMED: "performed"}


class _Rows(NamedTuple):
    """The rows of one period's end: projects signed by then (id -> project, in the
    order read), capital arrivals by then, 突击上报 project ids, attachments."""
    projects: dict[str, _Project]
    arrivals: list
    rushed: set[str]
    evidence: dict


class _Visits:
    """Live visits of a date range, read by unit and date through the (unit, date)
    index: each unit's block is a slice in date order, so a period's visits of a
    unit are two bisections and C-level slices, not a pass over every row."""

    def __init__(self, ws, start: dt.date, end: dt.date):
        self.start, self.end = start, end
        with ws.read() as s:
            rows = s.connection().execute(
                select(Visit.unit_id, Visit.visit_date, Visit.id, Visit.trip_days)
                .where(~Visit.deleted, Visit.visit_date >= start, Visit.visit_date <= end)
                .order_by(Visit.unit_id, Visit.visit_date)).all()
        units, self.dates, self.ids, self.trips = (list(c) for c in zip(*rows)) if rows else ([], [], [], [])
        del rows
        self.blocks: dict[str, tuple[int, int]] = {}   # unit id -> (first, last + 1)
        i = 0
        while i < len(units):
            j = bisect_right(units, units[i], i)
            self.blocks[units[i]] = (i, j)
            i = j

    def of(self, unit_id: str | None, start: dt.date, end: dt.date) -> tuple[list[str], list[str], int]:
        """(ids, ids with trip days, Σ trip days) of ``unit_id``'s visits (None: all) in [start, end]."""
        blocks = self.blocks.values() if unit_id is None else [self.blocks.get(unit_id, (0, 0))]
        ids: list[str] = []
        with_days: list[str] = []
        days = 0
        for first, last in blocks:
            lo = bisect_left(self.dates, start, first, last)
            hi = bisect_right(self.dates, end, lo, last)
            chunk, trips = self.ids[lo:hi], self.trips[lo:hi]
            ids += chunk
            with_days += compress(chunk, trips)
            days += sum(trips)
        return ids, with_days, days


class _VisitCounts:
    """The visits of one period counted by the database per unit (no ids read):
    what a brief prints, for a year of a city's visits."""

    def __init__(self, ws, start: dt.date, end: dt.date):
        with ws.read() as s:
            self.units = {r[0]: (int(r[1]), int(r[2] or 0), int(r[3] or 0)) for r in s.connection().execute(
                select(Visit.unit_id, func.count(), func.sum(Visit.trip_days),
                       func.sum(case((Visit.trip_days != 0, 1), else_=0)))
                .where(~Visit.deleted, Visit.visit_date >= start, Visit.visit_date <= end)
                .group_by(Visit.unit_id))}

    def count(self, unit_id: str | None) -> tuple[int, int, int]:
        """(visits, Σ trip days, visits with trip days) of ``unit_id`` (None: all)."""
        if unit_id is not None:
            return self.units.get(unit_id, (0, 0, 0))
        return tuple(sum(c[i] for c in self.units.values()) for i in range(3))  # type: ignore[return-value]


_pause_lock = threading.Lock()
_pauses = 0
_was_enabled = True


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused while figures are read and computed.

    A city's snapshot is a few hundred thousand rows and the sets of every unit and
    period lists of them: each allocation burst set off full collections that walked
    all of them again (on W2 a third of a brief's CPU), though they hold no cycles.
    Reference counting still frees everything; the collector runs again after the
    outermost pause ends (nested and concurrent pauses are counted)."""
    global _pauses, _was_enabled
    with _pause_lock:
        _pauses += 1
        if _pauses == 1:
            _was_enabled = gc.isenabled()
            gc.disable()
    try:
        yield
    finally:
        with _pause_lock:
            _pauses -= 1
            if _pauses == 0 and _was_enabled:
                gc.enable()


def _collector_paused(fn):
    @functools.wraps(fn)
    def paused(*args, **kwargs):
        with collector_paused():
            return fn(*args, **kwargs)
    return paused


class Snapshot:
    """The rows behind the figures up to ``end``, read once: a brief computes its
    period, the previous one, the same period last year and the year to date from
    one snapshot (periods ending on or before ``end``); 历年赛马 its years.

    Projects are read with only the columns the figures use, and their stages as
    one row per project (the first date of each group of stages, aggregated by the
    database), so a period costs one pass over the projects signed by its end.
    Visits are read by date through the index: the year of ``end`` once (every
    period within it is a slice), any other period on its own."""

    @_collector_paused
    def __init__(self, ws, end: dt.date):
        self.end = end
        self._visits: _Visits | None = None   # the year of ``end``
        self._rushed: dict[tuple, set[str]] = {}   # (end, rush days) -> 突击上报 project ids
        self._arrivals_of: dict[str, list] | None = None   # project id -> arrivals (by ``end``)
        self._positions: dict[str, int] | None = None   # project id -> its place in ``projects``
        self._arrival_places: dict[str, list[int]] | None = None   # project id -> places in ``arrivals``
        self._arrival_ids: dict[str, Any] | None = None   # arrival id -> its row (of ``arrivals``)
        with ws.read() as s:
            con = s.connection()
            self.projects = con.execute(select(Project.id, Project.unit_id, Project.contract_date,
                                               Project.contract_investment, Project.foreign_investment_usd)
                                        .where(~Project.deleted, Project.contract_date <= end)).all()
            self.referrals = con.execute(select(Referral.project_id, Referral.from_unit_id,
                                                Referral.from_share_investment, Referral.agreed_date)
                                         .where(~Referral.deleted, Referral.agreed_date <= end)).all()

            def first(stages):
                day = case((ProjectStage.stage.in_(sorted(stages)), ProjectStage.stage_date), else_=None)
                return type_coerce(func.min(day), Date)
            firsts = con.execute(select(ProjectStage.project_id, first(STARTED), first(COMPLETED),
                                        first(PRODUCING), first(PERFORMED), first({"defaulted"}))
                                 .where(~ProjectStage.deleted, ProjectStage.stage_date <= end)
                                 .group_by(ProjectStage.project_id)).all()
            self.arrivals = con.execute(select(CapitalArrival.id, CapitalArrival.project_id,
                                               CapitalArrival.arrival_date, CapitalArrival.amount)
                                        .where(~CapitalArrival.deleted, CapitalArrival.arrival_date <= end)
                                        # by date (the index's order): a period's arrivals are a slice
                                        .order_by(CapitalArrival.arrival_date)).all()
            self.evidence = defaultdict(list)
            for tbl, rid, sha in con.execute(select(Attachment.tbl, Attachment.row_id, Attachment.sha256)
                                             .where(~Attachment.deleted,
                                                    Attachment.tbl.in_(("projects", "capital_arrivals")))):
                self.evidence[(tbl, rid)].append(sha)
        self._by_id: dict[str, _Project] = {}
        for r in self.projects:
            self._by_id[r.id] = _Project(r.id, r.unit_id, r.contract_date, r.contract_investment,
                                         r.foreign_investment_usd)
        for r in self.referrals:
            p = self._by_id.get(r.project_id)
            if p is not None:
                p.referrals = (*p.referrals, (r.from_unit_id, r.from_share_investment, r.agreed_date))
        for p in self._by_id.values():
            if p.referrals:
                p.credits = p.at(end).credits
        for pid, started, completed, producing, performed, defaulted in firsts:
            p = self._by_id.get(pid)
            if p is not None:
                p.started, p.completed, p.producing, p.performed = started, completed, producing, performed
                p.defaulted = defaulted

    def narrowed(self, project_ids) -> Snapshot:
        """The same snapshot over these projects only, in the same order, with their
        arrivals (招商活动's figures). Found through indexes made once, so an event costs
        what its own projects cost, not a pass over the city's. 突击上报 read for this
        copy stays with it (an arrival of another project would name itself, not its
        project)."""
        if self._positions is None:
            self._positions = {r.id: i for i, r in enumerate(self.projects)}
        at, arrived = self._positions, self._places()
        wanted = {p for p in project_ids if p in at}
        sub = copy.copy(self)
        sub.projects = [self.projects[i] for i in sorted(at[p] for p in wanted)]
        sub.arrivals = [self.arrivals[i] for i in sorted(i for p in wanted for i in arrived.get(p, ()))]
        sub._rushed = dict(self._rushed)
        sub._arrivals_of = None
        sub._positions = None
        sub._arrival_places = None
        sub._arrival_ids = None
        return sub

    def _places(self) -> dict[str, list[int]]:
        """project id -> the places of its arrivals in ``arrivals`` (made once)."""
        if self._arrival_places is None:
            by_project: dict[str, list[int]] = defaultdict(list)
            for i, a in enumerate(self.arrivals):
                by_project[a.project_id].append(i)
            self._arrival_places = by_project
        return self._arrival_places

    def rows(self, ws, period: Period, limits: dict) -> _Rows:
        """The projects, arrivals, 突击上报 and attachments as they stood at ``period.end``."""
        end = period.end
        if end > self.end:
            raise ValueError(f"the snapshot ends on {self.end}, before {end}")
        by_id = self._by_id
        projects: dict[str, _Project] = {}
        for r in self.projects:   # (a caller may narrow ``projects``: 招商活动's own)
            if r.contract_date <= end:
                p = by_id[r.id]
                projects[r.id] = p.at(end) if p.referrals else p
        arrivals = self.arrivals if end >= self.end else self.arrivals[:_dated_by(self.arrivals, end)]
        key = (end, limits["rush_days"])
        if key not in self._rushed:   # the change log is read once per end (招商活动: one end for all)
            with ws.read() as s:
                self._rushed[key] = _rushed(s, end, limits, self._arrival_project(end))
        return _Rows(projects, arrivals, self._rushed[key], self.evidence)

    def read_rushed(self, ws, ends: list[dt.date], limits: dict) -> None:
        """Read the change log for the 突击上报 of several period ends (a brief's period,
        the previous one, the same one last year) in one read transaction: one query per
        end, each a range of the partial index ``ix_change_rushed`` (SQLite does not use
        that index for an OR of several ranges: it walked every project entry)."""
        ends = sorted({e for e in ends if e <= self.end and (e, limits["rush_days"]) not in self._rushed})
        if not ends:
            return
        with ws.read() as s:
            for end in ends:
                self._rushed[(end, limits["rush_days"])] = _rushed(s, end, limits, self._arrival_project(end))

    def _arrival_project(self, end: dt.date) -> Callable[[str], str | None]:
        """arrival id -> its project, for the snapshot's arrivals dated by ``end`` (None for
        another id): the index is made once (a brief asks for three ends)."""
        if self._arrival_ids is None:
            self._arrival_ids = {a.id: a for a in self.arrivals}
        held = self._arrival_ids

        def project(arrival_id: str) -> str | None:
            a = held.get(arrival_id)
            return a.project_id if a is not None and a.arrival_date <= end else None
        return project

    def arrivals_of(self, arrivals: list) -> dict[str, list]:
        """project id -> its arrivals (of ``arrivals``: the snapshot's, or those by a period's end)."""
        if arrivals is not self.arrivals:
            self.arrivals_of(self.arrivals)   # by a period's end: the snapshot's, filtered by the caller
        elif self._arrivals_of is None:
            self._arrivals_of = {p: [arrivals[i] for i in places] for p, places in self._places().items()}
        return self._arrivals_of  # type: ignore[return-value]

    def visits(self, ws, period: Period) -> _Visits:
        """The live visits of a range covering ``period``: the year of the snapshot's
        end, read once, when the period lies within it."""
        year_start = dt.date(self.end.year, 1, 1)
        if not (year_start <= period.start and period.end <= self.end):
            return _Visits(ws, period.start, period.end)
        if self._visits is None:
            self._visits = _Visits(ws, year_start, self.end)
        return self._visits


_ARRIVAL_DATE = attrgetter("arrival_date")


def _dated_by(arrivals, day: dt.date, *, before: bool = False) -> int:
    """In arrivals sorted by date (the snapshot's, or a filter of them): the number of
    those dated on or before ``day`` (``before``: before it)."""
    return (bisect_left if before else bisect_right)(arrivals, day, key=_ARRIVAL_DATE)


def _rush_window(end: dt.date, limits: dict) -> tuple[dt.datetime, dt.datetime]:
    """[from, to) of the 突击上报 of a period ending on ``end``: its last days, the office's days."""
    return (dt.datetime.combine(end - dt.timedelta(days=limits["rush_days"] - 1), dt.time(), SHANGHAI),
            dt.datetime.combine(end + dt.timedelta(days=1), dt.time(), SHANGHAI))


def _rush_query(s, window: tuple[dt.datetime, dt.datetime]):
    # the partial index ix_change_rushed serves a WHERE that holds its condition literally
    # (text of constants); SQLite without statistics would still walk ix_change_row for
    # the three tables, unless told the condition holds for most rows (likelihood: a
    # hint to its planner, the same condition)
    rush = text(f"likelihood({RUSH_WHERE}, 0.99)" if s.bind.dialect.name == "sqlite" else RUSH_WHERE)
    # a stage's project in the same query (by the stages' primary key), not in batches of ids after it
    return (select(ChangeLog.tbl, ChangeLog.row_id, ProjectStage.project_id)
            .outerjoin(ProjectStage, and_(ChangeLog.tbl == "project_stages", ProjectStage.id == ChangeLog.row_id))
            .where(rush, ChangeLog.recorded_at >= window[0], ChangeLog.recorded_at < window[1]))


def _rushed(s, end: dt.date, limits: dict, arrival_project: Callable[[str], str | None]) -> set[str]:
    """突击上报: projects whose rows were recorded in the last days before the end of the period."""
    return _rushed_of(s.execute(_rush_query(s, _rush_window(end, limits))).all(), arrival_project)


def _rushed_of(rushed_rows, arrival_project: Callable[[str], str | None]) -> set[str]:
    """The projects of change log rows (tbl, row id, the stage's project); an arrival
    ``arrival_project`` does not know (not among those by the period's end) counts by its
    own id."""
    if not rushed_rows:
        return set()
    rushed = set()
    for tbl, rid, stage_project in rushed_rows:
        if tbl == "projects":
            rushed.add(rid)
        elif tbl == "project_stages" and stage_project is not None:
            rushed.add(stage_project)
        elif tbl == "capital_arrivals":
            rushed.add(arrival_project(rid) or rid)
    return rushed


@dataclass(slots=True)
class _Sets:
    """One unit's (or the total's) projects in each set a figure counts, in project order."""
    signed: list = field(default_factory=list)
    major: list = field(default_factory=list)
    started: list = field(default_factory=list)
    completed: list = field(default_factory=list)
    new_producing: list = field(default_factory=list)
    performed: list = field(default_factory=list)
    due_start: list = field(default_factory=list)
    started_by_end: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    newly: list = field(default_factory=list)
    due_prod: list = field(default_factory=list)
    producing: list = field(default_factory=list)
    arrived: list = field(default_factory=list)


@_collector_paused
def compute(ws, period: Period, *, unit_ids: list[str] | None = None, with_targets: bool = True,
            snapshot: Snapshot | None = None, visits: bool | str = True, _rows: _Rows | None = None) -> Report:
    """All figures for ``period``, per unit and in total. ``with_targets=False``
    gives the figures alone (no targets, scores or ranks: e.g. for comparing
    with an earlier period), without computing the year to date. ``snapshot``:
    rows already read up to this period's end or later (else they are read).
    ``visits=False`` (only with ``with_targets=False``) leaves out the visits,
    for figures of projects alone: 拜访企业 and 外出招商天数 are then unknown.
    ``visits="counts"``: the visit figures' values are counted by the database and
    their ``row_ids`` left empty, with the count in ``rows`` (a printed brief and
    ``stats --json`` without ``--ids`` show the numbers, not the rows)."""
    if not visits and with_targets:
        raise ValueError("the score needs the visits")
    limits = ws.reference.light_limits()
    try:
        rules = ws.reference.scoring_rules(period.end.year)
    except Exception:  # no rules: the score says so
        rules = None
    snapshot = snapshot if snapshot is not None else Snapshot(ws, period.end)
    # the year to date of a period with the same end shares its rows: only the visits differ
    rows = _rows if _rows is not None else snapshot.rows(ws, period, limits)
    projects, arrivals, rushed, evidence = rows
    year_visits = snapshot.visits(ws, period) if visits is True else None
    visit_counts = _VisitCounts(ws, period.start, period.end) if visits == "counts" else None
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

    # The projects of each unit (credited to it), read in one pass; then each set a figure
    # counts is one comprehension over them, so a unit costs what its own projects cost.
    start, end = period.start, period.end
    year_start = dt.date(end.year, 1, 1)
    start_months = limits["project_start_months"]
    everything = list(projects.values())
    # months_before(signed, -start_months) >= year_start is monotone in the signing date: the
    # first date it holds for (a few days around start_months before the year's start)
    newly_from = months_before(year_start, start_months) - dt.timedelta(days=4)
    while months_before(newly_from, -start_months) < year_start:
        newly_from += dt.timedelta(days=1)
    credited: dict[str, list[_Project]] = {u.id: [] for u in units}
    partial: dict[str, dict[str, Decimal]] = {u.id: {} for u in units}   # unit -> project -> share (飞地)
    for p in everything:
        for uid, credit in p.credits.items():
            if credit and uid in credited:
                credited[uid].append(p)
                if credit != ONE:
                    partial[uid][p.id] = credit
    # capital arrived in the period, of the projects signed by its end
    arrived_all = [a for a in arrivals[_dated_by(arrivals, start, before=True):] if a.project_id in projects]
    arrived_of: dict[str, list] = {u.id: [] for u in units}   # … by the units credited with them
    for a in arrived_all:
        for uid, credit in projects[a.project_id].credits.items():
            if credit and uid in arrived_of:
                arrived_of[uid].append(a)
    evidenced = {rid for tbl, rid in evidence if tbl == "capital_arrivals"}   # arrivals with attachments
    arrivals_of = snapshot.arrivals_of(arrivals)

    def sets_of(mine: list[_Project], unit_id: str | None) -> _Sets:
        b = _Sets()
        b.signed = signed = [p for p in mine if p.contract_date >= start]
        b.major = [p for p in signed if p.major]
        b.performed = [p for p in signed if (d := p.performed) is not None and d <= end
                       and ((x := p.defaulted) is None or x > end)]
        b.started = [p for p in mine if (d := p.started) is not None and start <= d <= end]
        b.completed = [p for p in mine if (d := p.completed) is not None and start <= d <= end]
        b.new_producing = [p for p in mine if (d := p.producing) is not None and start <= d <= end]
        b.due_start = due = [p for p in mine if p.contract_date <= start_due]
        b.started_by_end = [p for p in due if (d := p.started) is not None and d <= end]
        b.overdue = overdue = [p for p in due if (d := p.started) is None or d > end]
        # the score deducts a project in the year its start limit passes, not every later year
        b.newly = [p for p in overdue if p.contract_date >= newly_from]
        b.due_prod = due = [p for p in mine if p.contract_date <= prod_due]
        b.producing = [p for p in due if (d := p.producing) is not None and d <= end]
        b.arrived = arrived_all if unit_id is None else arrived_of[unit_id]
        return b

    def figures_for(unit_id: str | None) -> UnitFigures:
        b = sets_of(everything if unit_id is None else credited[unit_id], unit_id)
        part = {} if unit_id is None else partial[unit_id]   # the projects counted by a share

        def shared(ps):   # the members counted by a share, in order
            return [p for p in ps if p.id in part]

        def share(p: _Project) -> Decimal:
            return part.get(p.id, ONE)

        def count(ps):  # shared projects count by their share
            if not part:
                return Decimal(len(ps))
            shares = [part[p.id] for p in shared(ps)]
            return Decimal(len(ps) - len(shares)) + sum(shares, ZERO)

        def amount(ps):   # (exact sums: the order of the terms does not change them)
            whole = sum((p.investment for p in ps if p.id not in part), ZERO) if part else \
                sum((p.investment for p in ps), ZERO)
            return whole + sum((part[p.id] * p.investment for p in shared(ps)), ZERO) if part else whole

        def arrived(rows):
            if not part:
                return sum(map(_AMOUNT, rows), ZERO)
            return (sum((a.amount for a in rows if a.project_id not in part), ZERO)
                    + sum((part[a.project_id] * a.amount for a in rows if a.project_id in part), ZERO))

        def ids(ps):
            return [p.id for p in ps]

        def flags(ps):
            return [p.id for p in ps if p.id in rushed] if rushed else []

        def proofs(ps, table="projects"):
            return {p.id: evidence[(table, p.id)] for p in ps if evidence.get((table, p.id))}

        def parts(ps):  # the rows counted by a share (飞地), for the drill-down
            return {p.id: part[p.id] for p in shared(ps)} if part else {}

        signed, major = b.signed, b.major
        started, completed, new_producing = b.started, b.completed, b.new_producing
        performed, due_start, started_by_end, overdue = b.performed, b.due_start, b.started_by_end, b.overdue
        due_prod, producing, arr_period = b.due_prod, b.producing, b.arrived
        arr_signed = [a for p in signed for a in arrivals_of.get(p.id, ()) if a.arrival_date <= end]

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
                                      table="capital_arrivals", row_ids=list(map(_ID, arr_period)),
                                      shares={a.id: part[a.project_id] for a in arr_period
                                              if a.project_id in part} if part else {},
                                      flagged_ids=[a.id for a in arr_period if a.project_id in rushed] if rushed else [],
                                      evidence={a.id: evidence[("capital_arrivals", a.id)] for a in arr_period
                                                if a.id in evidenced and evidence.get(("capital_arrivals", a.id))})
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
        overdue_ids = ids(overdue)
        f["overdue_start"] = Figure("overdue_start", "应开未开", "个", count(overdue), row_ids=overdue_ids, shares=parts(overdue))
        f["overdue_start_year"] = Figure("overdue_start_year", "本年超时限未开工", "个", count(b.newly),
                                         row_ids=ids(b.newly), shares=parts(b.newly))
        if year_visits is not None:
            visit_ids, trip_ids, days = year_visits.of(unit_id, start, end)
            f["visits"] = Figure("visits", "拜访企业", "次", Decimal(len(visit_ids)), table="visits",
                                 row_ids=visit_ids)
            f["trip_days"] = Figure("trip_days", "外出招商天数", "天", Decimal(days), table="visits",
                                    row_ids=trip_ids)
        elif visit_counts is not None:
            n, days, with_days = visit_counts.count(unit_id)
            f["visits"] = Figure("visits", "拜访企业", "次", Decimal(n), table="visits", rows=n)
            f["trip_days"] = Figure("trip_days", "外出招商天数", "天", Decimal(days), table="visits",
                                    rows=with_days)
        else:
            f["visits"] = Figure("visits", "拜访企业", "次", None, table="visits", missing="未统计拜访")
            f["trip_days"] = Figure("trip_days", "外出招商天数", "天", None, table="visits", missing="未统计拜访")
        return UnitFigures(unit_id, "", "", f, overdue_start=list(overdue_ids))

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
        ytd_full = compute(ws, ytd, unit_ids=[u.id for u in units], snapshot=snapshot, visits=visits, _rows=rows)
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
