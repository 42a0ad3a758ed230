"""个人赛马 on the 工作台 (issue 13): the people of the site with their figures
this year, from the same computation as `zsdesk stats --by staff`; real widgets
on a real SQLite file."""

from __future__ import annotations

import pytest

from zsdesk.app.people import load_people_race

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]


@pytest.fixture
def backend() -> str:
    return "sqlite"


def test_the_dashboard_lists_each_person_with_the_figures_stats_gives(qtbot, ws, runner, unit_id, company_id,
                                                                      staff_id):
    from zsdesk.ui.pages.dashboard import DashboardPage

    idle = ws.reference.staff.create({"unit_id": unit_id, "name": "赵干事"})
    ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "工业项目甲", "category": "工业",
                        "contract_date": "2026-03-10", "contract_investment": "12000",
                        "owner_staff_id": staff_id})
    page = DashboardPage(ws, runner)
    qtbot.addWidget(page)
    page.resize(1300, 1400)
    page.show()
    model = page.people_model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=20_000)
    texts = {model.text(r, 0): [model.text(r, c) for c in range(model.columnCount())] for r in model.rows}
    [me] = [r for r in load_people_race(ws, "yearly", "2026") if r.staff_id == staff_id]
    row = texts[me.name]
    assert row[2] == me.figure("signed_projects").display == "1"
    assert row[3] == me.figure("signed_investment").display == "12,000.00"
    assert row[4] == "1"                                   # 亿元以上
    assert "优秀" in row[10]                                 # one 亿元以上 industrial project (Bozhou rule)
    other = texts[next(r.name for r in load_people_race(ws, "yearly", "2026") if r.staff_id == idle)]
    assert other[2] == "0" and "12个月无实绩" in other[10]
    assert page.people_table.isVisible() and page.people_note.isHidden()
