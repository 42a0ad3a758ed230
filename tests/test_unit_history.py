"""历年赛马 (issue 13): each unit's completion and rank over the last years and
the flags Taixing acts on (连续两年未完成目标, 连续两年先进), recomputed by hand
on a small city; shown on the city's 工作台, ranks never on a county's."""

from __future__ import annotations

import pytest

from zsdesk.db.models import Unit
from zsdesk.history import honour_count, unit_history

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]


def test_the_honour_roll_holds_up_to_three_and_half_the_ranked():
    assert [honour_count(n) for n in (0, 1, 2, 3, 5, 6, 7, 20)] == [0, 0, 1, 1, 2, 3, 3, 3]


def _units(ws) -> dict[str, str]:
    from sqlalchemy import select

    with ws.read() as s:
        return dict(s.execute(select(Unit.code, Unit.id)))


def test_two_years_missed_and_two_years_advanced(city_ws):
    ws = city_ws          # today is 2026-06-15: 2024 and 2025 are complete years
    units = ws.reference.units
    a = units.create({"code": "A-U01", "name": "甲单元"})
    b = units.create({"code": "B-U01", "name": "乙单元"})
    company = ws.companies.create({"name": "历年测试企业有限公司"})
    ws.reference.new_scoring_rules({"signed_projects": 100}, {})      # the score: this target alone
    for year in (2024, 2025, 2026):
        for unit in (a, b):
            ws.reference.set_target(year, unit, "signed_projects", "2")
        # 甲 signs two projects a year (target met, ranked first); 乙 one (missed)
        for n, (unit, count) in enumerate(((a, 2), (b, 1))):
            for i in range(count):
                ws.projects.create({"unit_id": unit, "company_id": company, "name": f"{year}项目{n}{i}",
                                    "contract_date": f"{year}-03-1{i}", "contract_investment": "5000"})
    rows = {h.code: h for h in unit_history(ws, years=3)}
    jia, yi = rows["A-U01"], rows["B-U01"]
    assert [y.year for y in jia.years] == [2024, 2025, 2026]
    assert [(y.targets, y.met) for y in jia.years[:2]] == [(1, 1), (1, 1)]
    assert [(y.targets, y.met) for y in yi.years[:2]] == [(1, 0), (1, 0)]
    assert [y.complete for y in jia.years] == [True, True, False]
    assert jia.years[0].rank == 1 and yi.years[0].rank == 2 and jia.years[0].ranked_of == 2
    assert jia.years[0].advanced and not yi.years[0].advanced       # 2 ranked: one on the 红榜
    assert (jia.advanced_twice, jia.missed_twice) == (True, False)
    assert (yi.advanced_twice, yi.missed_twice) == (False, True)
    # one good year breaks the run
    ws.projects.create({"unit_id": b, "company_id": company, "name": "2025补签项目",
                        "contract_date": "2025-11-01", "contract_investment": "5000"})
    yi = {h.code: h for h in unit_history(ws, years=3)}["B-U01"]
    assert yi.years[1].achieved is True and not yi.missed_twice


def test_the_city_dashboard_shows_the_years_and_a_county_no_ranks(qtbot, city_ws, ws, runner):
    from zsdesk.ui.pages.dashboard import DashboardPage

    def page_of(workspace):
        page = DashboardPage(workspace, runner)
        qtbot.addWidget(page)
        page.resize(1300, 1600)
        page.show()
        qtbot.waitUntil(lambda: page.history_model.rowCount() > 0, timeout=20_000)
        return page

    from zsdesk.app.reports import load_unit_history

    city_ws.reference.units.create({"code": "A-U01", "name": "甲单元"})
    assert [h.code for h in load_unit_history(city_ws)] == ["A-U01"]
    page = page_of(city_ws)
    model = page.history_model
    assert model.headers[1:4] == ["2024年", "2025年", "2026年"] and model.headers[-1] == "提示"
    assert "截至今日" in model.text(model.rows[0], 3)
    county = page_of(ws)
    texts = [county.history_model.text(r, c) for r in county.history_model.rows
             for c in range(1, county.history_model.columnCount() - 1)]
    assert texts and not any("名/" in t for t in texts)           # no rank from a county's partial data


def test_the_window_reads_the_years_again_only_after_a_write(city_ws):
    """历年赛马 is read on every dashboard refresh; it is computed again only when
    something was written since (W1: 1.8 s a refresh otherwise)."""
    from zsdesk.app.reports import load_unit_history

    city_ws.reference.units.create({"code": "A-U01", "name": "甲单元"})
    first = load_unit_history(city_ws)
    assert load_unit_history(city_ws) is first                         # nothing written: kept
    city_ws.reference.units.create({"code": "B-U01", "name": "乙单元"})
    assert [h.code for h in load_unit_history(city_ws)] == ["A-U01", "B-U01"]
