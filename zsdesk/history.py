"""Several years of 赛马 side by side (issue 13): each unit's yearly target
completion and rank, and the flags the rulebooks act on — Taixing's
"连续两年未完成目标" and "连续两年获先进".

Definitions (docs/DOMAIN.md#multi-year-view):
- a year's figures are ``metrics.compute`` for that calendar year (the running
  year up to today), with that year's targets and scoring rules; the years share
  one ``metrics.Snapshot`` (the projects are read once, not once a year);
- 完成目标: the unit has at least one target that year and every target's
  completion is at least 100%; 未完成: some target below 100%; no targets: neither;
- 先进: on the year's 红榜, the same top places the brief prints
  (``honour_count``: the first min(3, ranked // 2) ranked units);
- the two-year flags look only at complete years (the running year can still
  change), the two latest complete years in a row.
A county's own database holds only its own data, so on a county site no rank is
computed (``ranked=False``): the years show completion only (the ranking is the
city's, docs/DOMAIN.md#county-precheck)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from zsdesk import metrics
from zsdesk.metrics import Period, UnitFigures

ONE = Decimal(1)


def honour_count(ranked: int) -> int:
    """How many units the 红榜 (and the 黑榜) holds when ``ranked`` units are ranked."""
    return min(3, ranked // 2)


@dataclass(frozen=True)
class UnitYear:
    year: int
    complete: bool                 # the year is over
    targets: int                   # targets set for the unit that year
    met: int                       # … of which completed (≥ 100%)
    rank: int | None               # None: not ranked (no score, or a county site)
    ranked_of: int                 # units ranked that year
    advanced: bool                 # on the 红榜

    @property
    def achieved(self) -> bool | None:
        """完成目标 (True), 未完成 (False), no targets (None)."""
        return None if not self.targets else self.met == self.targets


@dataclass(frozen=True)
class UnitHistory:
    unit_id: str
    code: str
    name: str
    years: tuple[UnitYear, ...]    # oldest first
    missed_twice: bool             # 连续两年未完成目标
    advanced_twice: bool           # 连续两年先进


def _unit_year(u: UnitFigures, year: int, complete: bool, ranked_of: int, ranked: bool) -> UnitYear:
    with_target = [f for f in u.figures.values() if f.target is not None and f.target > 0]
    met = sum(1 for f in with_target if f.completion is not None and f.completion >= ONE)
    rank = u.rank if ranked else None
    advanced = rank is not None and rank <= honour_count(ranked_of)
    return UnitYear(year, complete, len(with_target), met, rank, ranked_of if ranked else 0, advanced)


def unit_history(ws, *, years: int = 3, until: int | None = None, unit_ids: list[str] | None = None,
                 ranked: bool = True) -> list[UnitHistory]:
    """The last ``years`` calendar years up to ``until`` (default: this year) for
    every unit (or ``unit_ids``)."""
    today = ws.today()
    last = until or today.year
    reports = []
    years_shown = [y for y in range(last - years + 1, last + 1) if dt.date(y, 1, 1) <= today]
    # the rows are read once, up to the end of the latest year, for every year
    snapshot = metrics.Snapshot(ws, Period.year(years_shown[-1], today).end) if years_shown else None
    for year in years_shown:
        # ranks and completion need the visits' numbers, not their ids
        report = metrics.compute(ws, Period.year(year, today), unit_ids=unit_ids, snapshot=snapshot,
                                 visits="counts")
        reports.append((year, dt.date(year, 12, 31) < today, report))
    units: dict[str, tuple[str, str]] = {}
    per_unit: dict[str, list[UnitYear]] = {}
    for year, complete, report in reports:
        ranked_of = sum(1 for u in report.units if u.rank)
        for u in report.units:
            if u.unit_id is None:
                continue
            units[u.unit_id] = (u.code, u.name)
            per_unit.setdefault(u.unit_id, []).append(_unit_year(u, year, complete, ranked_of, ranked))
    out = []
    for unit_id, (code, name) in units.items():
        history = per_unit[unit_id]
        done = [y for y in history if y.complete][-2:]
        two = len(done) == 2 and done[1].year == done[0].year + 1
        out.append(UnitHistory(unit_id, code, name, tuple(history),
                               two and all(y.achieved is False for y in done),
                               two and all(y.advanced for y in done)))
    return sorted(out, key=lambda h: h.code)
