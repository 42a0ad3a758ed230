"""Metrics on a hand-built data set; every expected figure is worked out by hand
in the comments from the definitions in docs/DOMAIN.md#metrics (today fixed at 2026-06-15).

Projects (unit, contract date, investment, progress):
  P1 A 2026-02-10 15000  registered 03-01, started 04-01; arrival 2026-05-01 3000
  P2 A 2026-03-05  2000  -;                              arrival 2026-04-10  500
  P3 B 2025-10-01  8000  started 2026-01-20;             arrivals 2025-12-01 2000, 2026-02-01 1000
  P4 B 2025-06-01  5000  - (should have started by 2025-12-01: 应开未开)
  P5 A 2024-03-01 30000  started 2024-06-01, producing 2026-03-01
  P6 B 2024-05-01  1000  defaulted 2025-01-10
  P7 B 2026-04-01  6000  registered 2026-05-20; shared: A (飞出地) keeps 40%
  P8 B 2025-07-20  1200  - (start limit 2026-01-20 passed this year: deducted in the 2026 score)
Period: 2026-01-01 .. 2026-06-15. 应开工 cut-off 2025-12-15, 应投产 cut-off 2024-06-15.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from zsdesk import metrics
from zsdesk.metrics import Period

END = dt.date(2026, 6, 15)
PACE = D(166) / D(365)  # 31+28+31+30+31+15 days of 2026


@pytest.fixture
def city(city_ws):
    ws = city_ws
    ref = ws.reference
    a = ref.units.create({"code": "A", "name": "甲单元", "sort_order": 1})
    b = ref.units.create({"code": "B", "name": "乙单元", "sort_order": 2})
    c = ref.units.create({"code": "C", "name": "丙单元", "sort_order": 3})
    co = ws.companies.create({"name": "测试投资有限公司"})
    p = {}

    def project(key, unit, date, amount, *moves, arrivals=()):
        pid = ws.projects.create({"unit_id": unit, "company_id": co, "name": f"项目{key}",
                                  "contract_date": date, "contract_investment": amount})
        for stage, day, *reason in moves:
            ws.projects.advance(pid, stage, day, *reason)
        for day, amt in arrivals:
            ws.projects.add_arrival(pid, day, amt)
        p[key] = pid

    project("P1", a, "2026-02-10", 15000, ("registered", "2026-03-01"), ("started", "2026-04-01"),
            arrivals=[("2026-05-01", 3000)])
    project("P2", a, "2026-03-05", 2000, arrivals=[("2026-04-10", 500)])
    project("P3", b, "2025-10-01", 8000, ("started", "2026-01-20"),
            arrivals=[("2025-12-01", 2000), ("2026-02-01", 1000)])
    project("P4", b, "2025-06-01", 5000)
    project("P5", a, "2024-03-01", 30000, ("started", "2024-06-01"), ("producing", "2026-03-01"))
    project("P6", b, "2024-05-01", 1000, ("defaulted", "2025-01-10", "投资方资金链断裂"))
    project("P7", b, "2026-04-01", 6000, ("registered", "2026-05-20"))
    project("P8", b, "2025-07-20", 1200)
    ws.projects.add_referral(p["P7"], a, "40%", "2026-04-02")
    for unit, day, days in ((a, "2026-01-05", 2), (a, "2026-03-01", 0), (a, "2026-06-15", 3),
                            (a, "2025-12-30", 4), (b, "2026-02-02", 1)):
        ws.visits.create({"unit_id": unit, "company_id": co, "visit_date": day, "trip_days": days})
    for unit, n, amount in ((a, 4, 50000), (b, 2, 10000)):
        ref.set_target(2026, unit, "signed_projects", n)
        ref.set_target(2026, unit, "signed_investment", amount)
    ref.new_scoring_rules({"signed_projects": 50, "signed_investment": 50}, {"overdue_start": 2},
                          note="测试规则")
    return ws, {"A": a, "B": b, "C": c}, p


def test_totals_by_hand(city):
    ws, units, p = city
    r = metrics.compute(ws, Period(dt.date(2026, 1, 1), END))
    t = r.total
    assert r.pace == PACE
    assert t["signed_projects"].value == 3 and set(t["signed_projects"].row_ids) == {p["P1"], p["P2"], p["P7"]}
    assert t["signed_investment"].value == 23000
    assert t["major_projects"].value == 1 and t["major_projects"].row_ids == [p["P1"]]
    assert t["started_projects"].value == 2  # P1, P3
    assert t["completed_projects"].value == 1 and t["completed_projects"].row_ids == [p["P5"]]  # via 投产
    assert t["producing_projects"].row_ids == [p["P5"]]  # 投产 2026-03-01
    assert t["arrived_capital"].value == 4500  # 3000 + 500 + 1000 (P3's 2025 arrival is outside)
    assert t["performance_rate"].value == D(2) / D(3)  # P1, P7 of P1, P2, P7
    assert (t["start_rate"].numerator, t["start_rate"].denominator) == (2, 5)  # P3, P5 of P3-P6, P8
    assert set(t.overdue_start) == {p["P4"], p["P6"], p["P8"]}
    assert t["overdue_start_year"].row_ids == [p["P8"]]  # P4 (2025-12-01) and P6 (2024-11-01) were earlier
    assert t["capital_rate"].value == D(3500) / D(23000)
    assert t["production_rate"].value == D(1) / D(2)  # P5 of P5, P6
    assert t["visits"].value == 4 and t["trip_days"].value == 6


def test_units_with_shared_project(city):
    ws, units, p = city
    r = metrics.compute(ws, Period(dt.date(2026, 1, 1), END))
    by = {u.code: u for u in r.units}
    a, b, c = by["A"], by["B"], by["C"]
    # A: P1, P2 and 40% of P7
    assert a["signed_projects"].value == D("2.4")
    assert a["signed_investment"].value == D(15000 + 2000) + D("0.4") * 6000
    assert a["performance_rate"].value == D("1.4") / D("2.4")
    assert a["start_rate"].value == 1  # P5 of P5
    assert a["arrived_capital"].value == 3500
    assert a["capital_rate"].value == D(3500) / D(19400)
    # B: 60% of P7
    assert b["signed_projects"].value == D("0.6") and b["signed_investment"].value == 3600
    assert b["performance_rate"].value == 1
    assert (b["start_rate"].numerator, b["start_rate"].denominator) == (1, 4)
    assert b["capital_rate"].value == 0  # known zero: nothing arrived for P7
    assert b["production_rate"].value == 0
    assert (a["visits"].value, a["trip_days"].value, b["visits"].value) == (3, 5, 1)
    # the shared project counts once in the total
    assert sum(u["signed_projects"].value for u in r.units) == r.total["signed_projects"].value
    # C has no data: a rate it cannot know says so instead of 0%
    assert c["performance_rate"].value is None and "无新签约" in c["performance_rate"].missing
    assert c["performance_rate"].display() == "—"


def test_targets_pace_score_and_ranking(city):
    ws, units, p = city
    r = metrics.compute(ws, Period(dt.date(2026, 1, 1), END))
    by = {u.code: u for u in r.units}
    a, b, c = by["A"], by["B"], by["C"]
    assert a["signed_projects"].completion == D("2.4") / 4
    assert a["signed_projects"].on_pace is True          # 60% >= 45.5%
    assert a["signed_investment"].on_pace is False       # 38.8% < 45.5%
    assert a.score.value == D("49.40")                    # 50*0.6 + 50*0.388, no overdue
    assert b.score.value == D("31.00")                    # 50*0.3 + 50*0.36 - 2*1 (P8 only)
    assert b.score.row_ids == [p["P8"]]
    assert (a.rank, b.rank, c.rank) == (1, 2, None)
    assert c.score.value is None and "缺少目标" in c.score.missing
    assert r.rules_version == 2
    assert r.total["signed_projects"].target == 6


def test_monthly_period_compares_targets_year_to_date(city):
    ws, units, p = city
    r = metrics.compute(ws, Period.month(2026, 4))
    a = {u.code: u for u in r.units}["A"]
    assert a["signed_projects"].value == D("0.4")  # only P7's share was signed in April
    assert r.pace == D(120) / D(365)
    # completion is measured on Jan-Apr: P1, P2 and 40% of P7 = 2.4 of 4
    assert a["signed_projects"].completion == D("0.6")


def test_rows_recorded_just_before_the_deadline_are_flagged(city):
    ws, units, p = city
    # Everything above was recorded "now" (the wall clock): a period ending today flags it ...
    now_local = dt.datetime.now(metrics.SHANGHAI).date()
    late = metrics.compute(ws, Period(dt.date(2026, 1, 1), now_local))
    assert p["P1"] in late.total["signed_projects"].flagged_ids
    # ... a period that ended long before it was recorded does not.
    early = metrics.compute(ws, Period(dt.date(2026, 1, 1), END))
    assert early.total["signed_projects"].flagged_ids == []


def test_attachment_hash_backs_the_figure(city, tmp_path):
    ws, units, p = city
    contract = tmp_path / "合同.pdf"
    contract.write_bytes(b"%PDF-1.4 contract P1")
    ws.attachments.add("projects", p["P1"], contract, kind="合同")
    r = metrics.compute(ws, Period(dt.date(2026, 1, 1), END))
    import hashlib
    assert r.total["signed_investment"].evidence == {p["P1"]: [hashlib.sha256(contract.read_bytes()).hexdigest()]}
    [att] = ws.attachments.list_for("projects", p["P1"])
    assert ws.attachments.verify(att.id)


def test_limits_come_from_city_settings(city):
    ws, units, p = city
    ws.reference.set_light_limits(project_start_months=12)
    r = metrics.compute(ws, Period(dt.date(2026, 1, 1), END))
    # cut-off moves to 2025-06-15: P4 (2025-06-01), P5, P6 are due; P3 (2025-10-01) is not
    assert (r.total["start_rate"].numerator, r.total["start_rate"].denominator) == (1, 3)


def test_the_collector_pause_nests_and_ends_with_the_outermost():
    """Figures are computed with the cyclic collector paused (a city's rows hold no cycles);
    it runs again when the outermost pause ends, an error included, and a caller that
    had it off finds it off."""
    import gc

    from zsdesk.metrics import collector_paused

    was = gc.isenabled()   # (off once a test made the window's application: zsdesk.ui.collector)
    gc.enable()
    try:
        with collector_paused():
            assert not gc.isenabled()
            with pytest.raises(ValueError), collector_paused():
                raise ValueError("inner")
            assert not gc.isenabled()       # the inner pause ended, the outer holds
        assert gc.isenabled()
        gc.disable()
        with collector_paused():
            pass
        assert not gc.isenabled()       # left as the caller had it
    finally:
        if was:
            gc.enable()
        else:
            gc.disable()
