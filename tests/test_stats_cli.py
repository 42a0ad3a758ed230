"""`zsdesk demo` then `zsdesk stats --json`: every figure is recomputed here from
the rows with plain SQL, following docs/DOMAIN.md#metrics independently of zsdesk.metrics."""

from __future__ import annotations

import calendar
import datetime as dt
import json
import sqlite3
import subprocess
import sys
from decimal import Decimal as D

import pytest

MONEY = D(10) ** 6   # 万元 stored with 6 places
RATIO = D(10) ** 4   # ratios with 4 places


def zsdesk(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "zsdesk", *args], capture_output=True, text=True,
                          timeout=600)


def months_back(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 - months
    y, m = divmod(total, 12)
    return dt.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def recompute(db, start: dt.date, end: dt.date, limits: dict) -> dict:
    con = sqlite3.connect(db)
    day = dt.date.fromisoformat
    projects = {r[0]: {"unit": r[1], "date": day(r[2]), "inv": D(r[3]) / MONEY,
                       "usd": D(r[4] or 0) / MONEY, "reached": {}, "defaulted": False}
                for r in con.execute("SELECT id, unit_id, contract_date, contract_investment, "
                                     "foreign_investment_usd FROM projects WHERE deleted = 0 AND contract_date <= ?",
                                     (end.isoformat(),))}
    credits = {pid: {p["unit"]: D(1)} for pid, p in projects.items()}
    for pid, frm, share in con.execute("SELECT project_id, from_unit_id, from_share_investment FROM referrals "
                                       "WHERE deleted = 0 AND agreed_date <= ?", (end.isoformat(),)):
        if pid in projects and frm != projects[pid]["unit"]:
            s = D(share) / RATIO
            credits[pid] = {projects[pid]["unit"]: 1 - s, frm: s}
    for pid, stage, d in con.execute("SELECT project_id, stage, stage_date FROM project_stages "
                                     "WHERE deleted = 0 AND stage_date <= ?", (end.isoformat(),)):
        if pid not in projects:
            continue
        p = projects[pid]
        if stage == "defaulted":
            p["defaulted"] = True
        elif stage not in p["reached"] or day(d) < p["reached"][stage]:
            p["reached"][stage] = day(d)
    arrivals = [(pid, day(d), D(a) / MONEY) for pid, d, a in con.execute(
        "SELECT project_id, arrival_date, amount FROM capital_arrivals WHERE deleted = 0 AND arrival_date <= ?",
        (end.isoformat(),))]
    visits = list(con.execute("SELECT unit_id, trip_days FROM visits WHERE deleted = 0 AND visit_date BETWEEN ? AND ?",
                              (start.isoformat(), end.isoformat())))
    units = [r[0] for r in con.execute("SELECT id FROM units WHERE deleted = 0 AND active = 1")]
    con.close()

    flow = ["signed", "registered", "started", "completed", "producing", "effective"]

    def first(p, from_stage):
        dates = [d for s, d in p["reached"].items() if s in flow[flow.index(from_stage):]]
        return min(dates) if dates else None

    start_cut = months_back(end, limits["project_start_months"])
    prod_cut = months_back(end, limits["project_production_months"])
    out = {}
    for unit in [*units, None]:
        def share(pid, unit=unit):
            return D(1) if unit is None else credits[pid].get(unit, D(0))
        mine = [pid for pid in projects if share(pid)]
        signed = [pid for pid in mine if start <= projects[pid]["date"] <= end]
        f = {}
        f["signed_projects"] = sum((share(p) for p in signed), D(0))
        f["signed_investment"] = sum((share(p) * projects[p]["inv"] for p in signed), D(0))
        f["major_projects"] = sum((share(p) for p in signed
                                   if projects[p]["inv"] >= 10000 or projects[p]["usd"] >= 1000), D(0))
        for key, stage in (("started_projects", "started"), ("completed_projects", "completed"),
                           ("producing_projects", "producing")):
            f[key] = sum((share(p) for p in mine
                          if (d := first(projects[p], stage)) and start <= d <= end), D(0))
        f["arrived_capital"] = sum((share(p) * a for p, d, a in arrivals if p in mine and d >= start), D(0))
        performed = [p for p in signed if first(projects[p], "registered") and not projects[p]["defaulted"]]
        f["performance_rate"] = (sum((share(p) for p in performed), D(0)), f["signed_projects"])
        due = [p for p in mine if projects[p]["date"] <= start_cut]
        f["start_rate"] = (sum((share(p) for p in due if first(projects[p], "started")), D(0)),
                           sum((share(p) for p in due), D(0)))
        f["overdue_start"] = sum((share(p) for p in due if not first(projects[p], "started")), D(0))
        signed_set = set(signed)
        f["capital_rate"] = (sum((share(p) * a for p, d, a in arrivals if p in signed_set), D(0)),
                             f["signed_investment"])
        due_p = [p for p in mine if projects[p]["date"] <= prod_cut]
        f["production_rate"] = (sum((share(p) for p in due_p if first(projects[p], "producing")), D(0)),
                                sum((share(p) for p in due_p), D(0)))
        mine_visits = [v for v in visits if unit is None or v[0] == unit]
        f["visits"] = D(len(mine_visits))
        f["trip_days"] = D(sum(v[1] for v in mine_visits))
        f["_signed_ids"] = set(signed)
        out[unit] = f
    return out


def check(reported: dict, expected: dict) -> None:
    figures = reported["figures"]
    assert set(figures["signed_projects"]["row_ids"]) == expected["_signed_ids"]
    for key, want in expected.items():
        if key.startswith("_"):
            continue
        got = figures[key]
        if isinstance(want, tuple):
            num, den = want
            if den == 0:
                assert got["value"] is None and got["missing"], key  # unknown, never 0%
            else:
                assert (D(got["numerator"]), D(got["denominator"])) == (num, den), key
                assert D(got["value"]) == num / den, key
        else:
            assert D(got["value"]) == want, (key, got["value"], want)


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    res = zsdesk("--db", str(db), "demo", "--units", "4", "--years", "3", "--scale", "0.02")
    assert res.returncode == 0, res.stderr
    return db


@pytest.mark.parametrize("which", ["this_year", "last_year"])
def test_stats_json_matches_the_rows(demo_db, which):
    today = dt.date.today()
    year = today.year if which == "this_year" else today.year - 1
    res = zsdesk("--db", str(demo_db), "stats", "--json", "--ids", "--year", str(year))
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    start, end = dt.date.fromisoformat(report["period"]["start"]), dt.date.fromisoformat(report["period"]["end"])
    assert start == dt.date(year, 1, 1)
    assert end == (today if year == today.year else dt.date(year, 12, 31))
    expected = recompute(demo_db, start, end, report["limits"])
    check(report["total"], expected[None])
    assert report["units"], "the demo has units"
    for unit in report["units"]:
        check(unit, expected[unit["unit_id"]])
    # the demo has data at every stage, so the headline figures are not trivially zero
    assert D(report["total"]["figures"]["signed_projects"]["value"]) > 0
    assert D(report["total"]["figures"]["visits"]["value"]) > 0


def _figures(report: dict):
    for unit in [report["total"], *report["units"]]:
        for key, figure in unit["figures"].items():
            yield unit["unit_id"], key, figure
        if unit["score"]:
            yield unit["unit_id"], "score", unit["score"]


def test_stats_json_counts_rows_and_ids_only_on_request(demo_db):
    """Without --ids each figure gives its counts, not its ids (a city's year of ids is
    many megabytes); with --ids the same document carries them, and the counts are theirs."""
    summary = zsdesk("--db", str(demo_db), "stats", "--json")
    full = zsdesk("--db", str(demo_db), "stats", "--json", "--ids")
    assert summary.returncode == 0 and full.returncode == 0, summary.stderr + full.stderr
    brief, whole = json.loads(summary.stdout), json.loads(full.stdout)
    assert "row_ids" not in summary.stdout and "flagged_ids" not in summary.stdout
    assert "overdue_start" not in brief["total"] and "overdue_start" in whole["total"]
    assert len(summary.stdout) * 2 < len(full.stdout)   # W1: 83 KB against 10 MB
    by_key = {(u, k): f for u, k, f in _figures(whole)}
    checked = 0
    for unit_id, key, figure in _figures(brief):
        ids = by_key[(unit_id, key)]
        assert figure["rows"] == len(ids["row_ids"]) == ids["rows"], (unit_id, key)
        assert figure["flagged"] == len(ids["flagged_ids"]) and figure["evidence_rows"] == len(ids["evidence"])
        assert {k: v for k, v in figure.items() if k not in ("flagged", "evidence_rows")} == \
            {k: v for k, v in ids.items() if k not in ("row_ids", "flagged_ids", "evidence")}
        checked += figure["rows"]
    assert checked > 0
    for unit in [whole["total"], *whole["units"]]:   # 应开未开: the figure's rows are the unit's list
        assert sorted(unit["overdue_start"]) == sorted(unit["figures"]["overdue_start"]["row_ids"])
    # the ids come out as they are serialised: the document is complete and ends with a newline
    assert full.stdout.endswith("}\n")
    alone = zsdesk("--db", str(demo_db), "stats", "--ids")
    assert alone.returncode == 2 and "--ids 只能与 --json 一起使用" in alone.stderr
    assert len(alone.stderr.strip().splitlines()) == 1 and "Traceback" not in alone.stderr


def test_stats_text_and_refusals(demo_db, tmp_path):
    res = zsdesk("--db", str(demo_db), "stats")
    assert res.returncode == 0 and "合计" in res.stdout and "序时进度" in res.stdout
    again = zsdesk("--db", str(demo_db), "demo")
    assert again.returncode == 2 and "已有业务数据" in again.stderr
    empty = zsdesk("--db", str(tmp_path / "empty.db"), "stats")
    assert empty.returncode == 2 and "zsdesk init" in empty.stderr
    bad = zsdesk("--db", str(tmp_path / "x.db"), "init", "--role", "county", "--code", "x", "--name", "某单元")
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1
