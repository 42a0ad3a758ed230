"""The figures of several periods computed from one ``metrics.Snapshot`` (as the
brief, the dashboard and 历年赛马 do: one read, every comparison period) equal
a fresh computation of each period and a plain-SQL recomputation of
docs/DOMAIN.md#metrics (``test_stats_cli.recompute``, independent of zsdesk.metrics)."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys

import pytest
from test_stats_cli import check, recompute

from zsdesk import history, metrics
from zsdesk.metrics import Period
from zsdesk.reports import periods
from zsdesk.services import open_workspace


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    db = tmp_path_factory.mktemp("periods") / "demo.db"
    res = subprocess.run([sys.executable, "-m", "zsdesk", "--db", str(db), "demo", "--units", "4", "--years", "3",
                          "--scale", "0.02"], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    # a referral (飞地) agreed in the middle of the data, so shares change between the periods
    con = sqlite3.connect(db)
    units = [r[0] for r in con.execute("SELECT id FROM units WHERE deleted = 0 ORDER BY code")]
    pid, unit, signed = con.execute("SELECT id, unit_id, contract_date FROM projects WHERE deleted = 0 "
                                    "ORDER BY contract_date LIMIT 1 OFFSET 5").fetchone()
    site = con.execute("SELECT owner_site_id FROM projects WHERE id = ?", (pid,)).fetchone()[0]
    other = next(u for u in units if u != unit)
    agreed = (dt.date.today() - dt.timedelta(days=200)).isoformat()
    con.execute("INSERT INTO referrals (project_id, from_unit_id, to_unit_id, from_share_investment, from_share_tax, "
                "from_share_score, agreed_date, id, owner_site_id, deleted) VALUES (?, ?, ?, 3000, 3000, 3000, ?, "
                "'test-referral', ?, 0)", (pid, other, unit, agreed, site))
    con.commit()
    con.close()
    ws = open_workspace(db)
    yield ws, db
    ws.close()


def _periods(today: dt.date) -> list[Period]:
    kind, month = periods.parse_period(f"{today.year}-{today.month:02d}", "monthly")
    month = periods.cut_at(month, today)
    return [month, periods.previous(kind, month), periods.same_period_last_year(kind, month),
            month.year_to_date, Period.year(today.year - 1), Period.year(today.year - 2),
            Period(dt.date(today.year - 2, 3, 5), dt.date(today.year - 1, 2, 9), "跨年")]


def test_one_snapshot_for_every_period_gives_the_figures_of_the_rows(demo):
    ws, db = demo
    today = ws.today()
    snapshot = metrics.Snapshot(ws, today)
    for period in _periods(today):
        shared = metrics.compute(ws, period, snapshot=snapshot)
        fresh = metrics.compute(ws, period)
        assert json.dumps(shared.to_json(), sort_keys=True) == json.dumps(fresh.to_json(), sort_keys=True), period
        expected = recompute(db, period.start, period.end, shared.limits)
        check(shared.total.to_json(), expected[None])
        for unit in shared.units:
            check(unit.to_json(), expected[unit.unit_id])
        # the visits behind a unit's figure are that unit's, each once, within the period
        con = sqlite3.connect(db)
        for unit in shared.units:
            want = {r[0] for r in con.execute(
                "SELECT id FROM visits WHERE deleted = 0 AND unit_id = ? AND visit_date BETWEEN ? AND ?",
                (unit.unit_id, period.start.isoformat(), period.end.isoformat()))}
            assert sorted(unit["visits"].row_ids) == sorted(want)
            assert len(set(unit["trip_days"].row_ids)) == len(unit["trip_days"].row_ids)
        con.close()
    assert any(u["signed_projects"].shares for p in _periods(today)
               for u in metrics.compute(ws, p, snapshot=snapshot).units), "the 飞地 share shows somewhere"


def test_project_figures_without_visits_are_the_same(demo):
    ws, _ = demo
    today = ws.today()
    period = Period(dt.date(today.year - 2, 1, 1), today, "以来")
    full = metrics.compute(ws, period, unit_ids=[], with_targets=False)
    projects_only = metrics.compute(ws, period, unit_ids=[], with_targets=False, visits=False)
    for key, figure in full.total.figures.items():
        if key in ("visits", "trip_days"):
            assert projects_only.total[key].value is None and projects_only.total[key].missing
        else:
            assert projects_only.total[key].to_json() == figure.to_json(), key
    with pytest.raises(ValueError):
        metrics.compute(ws, period, visits=False)   # the score needs the visits


def test_visits_counted_by_the_database_give_the_same_figures(demo):
    ws, _ = demo
    today = ws.today()
    snapshot = metrics.Snapshot(ws, today)
    for period in _periods(today)[:4]:
        with_ids = metrics.compute(ws, period, snapshot=snapshot)
        counted = metrics.compute(ws, period, snapshot=snapshot, visits="counts")
        for a, b in zip([with_ids.total, *with_ids.units], [counted.total, *counted.units]):
            assert a.rank == b.rank and (a.score and a.score.value) == (b.score and b.score.value)
            for key, figure in a.figures.items():
                if key in ("visits", "trip_days"):
                    assert b[key].value == figure.value and figure.value is not None
                else:
                    assert b[key].to_json() == figure.to_json(), key


def test_unit_history_from_one_snapshot_equals_each_year_alone(demo):
    ws, _ = demo
    today = ws.today()
    years = history.unit_history(ws, years=3)
    for h in years:
        for y in h.years:
            alone = metrics.compute(ws, Period.year(y.year, today))
            u = next(x for x in alone.units if x.unit_id == h.unit_id)
            assert y.rank == u.rank
            with_target = [f for f in u.figures.values() if f.target is not None and f.target > 0]
            assert y.targets == len(with_target)


def test_rushed_read_once_for_several_ends_equals_each_end_alone(demo):
    ws, _ = demo
    today = ws.today()
    limits = ws.reference.light_limits()
    ends = [today, today - dt.timedelta(days=2), dt.date(today.year, 1, 31), today.replace(year=today.year - 1)]
    together = metrics.Snapshot(ws, today)
    together.read_rushed(ws, ends, limits)
    alone = metrics.Snapshot(ws, today)
    flagged = 0
    for end in ends:
        period = Period(dt.date(end.year, 1, 1), end)
        assert together.rows(ws, period, limits).rushed == alone.rows(ws, period, limits).rushed, end
        flagged += len(alone.rows(ws, period, limits).rushed)
    assert flagged, "the demo's rows were recorded today: today's end flags them"
