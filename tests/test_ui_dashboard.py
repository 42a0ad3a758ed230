"""工作台: figures of a real database against targets, reminders and activity,
their models, refresh after a change, and a county seeing only its own units."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from zsdesk.db.engine import Database
from zsdesk.services import Workspace, init_site

TODAY = dt.date(2026, 6, 15)          # 序时进度 166/365 = 45.5%
SITE = {"role": "county", "code": "TX-U01", "name": "泰兴高新区招商单元"}
INVESTMENT = "12345.67"               # 万元
TARGET_INVESTMENT = 30000             # 万元 -> completion 41.2%: 欠进度

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"), pytest.mark.usefixtures("isolated_settings")]




def _workspace(path) -> Workspace:
    return Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="测试员")


def receive_targets(ws, unit_id: str, targets: dict) -> None:
    """Targets are the city's records: write them as a city package would bring them."""
    from zsdesk.db.models import Site, Target
    from zsdesk.db.types import new_id

    city = new_id()
    with ws.write(source="test-import") as w:
        w.insert(Site, {"id": city, "code": "TZ-CITY", "name": "泰州市商务局", "role": "city",
                        "owner_site_id": city})
        for metric, value in targets.items():
            w.insert(Target, {"year": TODAY.year, "unit_id": unit_id, "metric": metric, "value": value,
                              "owner_site_id": city})


@pytest.fixture
def county(tmp_path):
    """A county site with one company, one project signed this year and two targets."""
    ws = _workspace(tmp_path / "county.db")
    init_site(ws, **SITE)
    [unit] = ws.reference.list_units()
    company = ws.companies.create({"name": "扬子江药业集团有限公司", "region": "江苏泰州"})
    ws.projects.create({"unit_id": unit.id, "company_id": company, "name": "中药配方颗粒生产基地",
                        "contract_date": dt.date(2026, 3, 10), "contract_investment": INVESTMENT})
    receive_targets(ws, unit.id, {"signed_investment": TARGET_INVESTMENT, "signed_projects": 2})
    yield ws
    ws.close()


@pytest.fixture
def page(qtbot, county, runner):
    from zsdesk.ui.pages.dashboard import DashboardPage

    p = DashboardPage(county, runner)
    qtbot.addWidget(p)
    p.resize(1200, 900)
    p.show()
    qtbot.waitUntil(lambda: p.data is not None, timeout=10_000)
    return p


def refreshed(qtbot, page) -> None:
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.refresh()


# --- figures ---------------------------------------------------------------------------------

def test_cards_show_exact_figures_against_targets(page):
    card = page.cards["signed_investment"]
    assert card.value_label.text() == "12,345.67"
    assert card.unit_label.text() == "万元"
    assert card.target_label.text() == "目标 30,000.00 · 完成 41.2%"
    assert card.badge.text() == "欠进度"            # 41.2% < 序时进度 45.5%

    signed = page.cards["signed_projects"]
    assert signed.value_label.text() == "1"
    assert signed.badge.text() == "超进度"          # 1 of 2 = 50% >= 45.5%

    assert page.pace_label.text() == "序时进度 45.5%"
    assert "2026年度" in page.period_label.text()


def test_a_figure_without_data_says_why_instead_of_zero(page):
    # No project was signed six months before the end: 开工率 is unknown, not 0%.
    card = page.cards["start_rate"]
    assert card.value_label.text() == "—"
    assert card.sub_label.text() == "无签约满6个月的项目"
    assert page.cards["visits"].target_label.text() == "未下达目标"


def test_large_sums_read_in_yi(qtbot, page, county):
    [unit] = county.reference.list_units()
    company = county.companies.create({"name": "泰州储能科技有限公司"})
    county.projects.create({"unit_id": unit.id, "company_id": company, "name": "储能电池基地",
                            "contract_date": dt.date(2026, 5, 1), "contract_investment": "200000"})
    refreshed(qtbot, page)
    card = page.cards["signed_investment"]
    assert card.sub_label.text() == "约 21.23 亿元"
    assert card.target_label.text() == "目标 30,000.00 · 完成 707.8%"


def test_the_figure_changes_after_a_project_is_added_and_refresh(qtbot, page, county):
    assert page.cards["signed_projects"].value_label.text() == "1"
    [unit] = county.reference.list_units()
    company = county.companies.create({"name": "泰州新能源科技有限公司"})
    project = county.projects.create({"unit_id": unit.id, "company_id": company, "name": "储能电池项目",
                                      "contract_date": dt.date(2026, 6, 1), "contract_investment": "5000"})
    assert page.cards["signed_projects"].value_label.text() == "1"   # nothing read yet
    refreshed(qtbot, page)
    assert page.cards["signed_projects"].value_label.text() == "2"
    assert page.cards["signed_investment"].value_label.text() == "17,345.67"
    assert project in page.cards["signed_projects"].figure.row_ids
    # the completion chart follows: 2 of 2 signed projects = 100%
    assert page.completion_chart.values[0] == Decimal(1)
    # and the new project is the latest activity
    latest = page.activity_model.change(0)
    assert (latest.table, latest.row_id, latest.op) == ("projects", project, "I")
    assert "储能电池项目" in page.activity_model.index(0, 1).data()


def test_refresh_while_loading_runs_once_more_afterwards(qtbot, page):
    seen = []
    page.loaded.connect(lambda: seen.append(1))
    page.refresh()
    page.refresh()          # asked while the first runs: done once it has finished
    page.refresh()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=10_000)
    qtbot.wait(200)
    assert len(seen) == 2


def test_unit_table_has_the_unit_with_its_figures(page, qtmodeltester):
    from zsdesk.ui.models import FigureRole, SortRole, UnitColumn

    model = page.unit_model
    assert model.rowCount() == 1
    assert model.index(0, UnitColumn.UNIT).data() == SITE["name"]
    cell = model.index(0, UnitColumn.SIGNED_INVESTMENT)
    assert cell.data() == "12,345.67"
    assert cell.data(SortRole) == Decimal(INVESTMENT)
    assert len(cell.data(FigureRole).row_ids) == 1
    assert "目标 30,000.00" in cell.data(Qt.ItemDataRole.ToolTipRole)
    # a county ranks nothing from its own rows (it would always be 第1): the city's 简报 does
    rank = model.index(0, UnitColumn.RANK)
    assert rank.data() == "—" and "市里通报" in rank.data(Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(model)
    qtmodeltester.check(page.lights_model)


def test_unit_model_sorts_and_keeps_persistent_indexes(county, qtmodeltester):
    """Without widgets: two units, sorted by 签约金额 both ways; None sorts last."""
    from PySide6.QtCore import QPersistentModelIndex

    from zsdesk import metrics
    from zsdesk.ui.models import UnitColumn, UnitTableModel

    second = county.reference.units.create({"code": "TX-U01-B", "name": "第二招商组", "site_id": county.site.id})
    company = county.companies.create({"name": "泰州新能源科技有限公司"})
    county.projects.create({"unit_id": second, "company_id": company, "name": "储能电池项目",
                            "contract_date": dt.date(2026, 5, 1), "contract_investment": "50000"})

    model = UnitTableModel(metrics.year_report(county))
    qtmodeltester.check(model)
    names = lambda: [model.index(r, UnitColumn.UNIT).data() for r in range(model.rowCount())]  # noqa: E731
    held = QPersistentModelIndex(model.index(names().index("第二招商组"), UnitColumn.UNIT))

    model.sort(UnitColumn.SIGNED_INVESTMENT, Qt.SortOrder.DescendingOrder)
    assert names() == ["第二招商组", SITE["name"]]
    assert held.row() == 0 and held.data() == "第二招商组"
    model.sort(UnitColumn.SIGNED_INVESTMENT, Qt.SortOrder.AscendingOrder)
    assert names() == [SITE["name"], "第二招商组"]
    assert held.row() == 1
    model.sort(UnitColumn.RANK, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, UnitColumn.RANK).data() for r in range(2)] == ["—", "—"]
    qtmodeltester.check(model)


# --- reminders and activity ----------------------------------------------------------------------

def test_followups_due_and_overdue_with_their_models(qtbot, page, county, qtmodeltester):
    from zsdesk.ui.pages.dashboard import FollowUpColumn, FollowUpModel

    [unit] = county.reference.list_units()
    company = county.companies.create({"name": "泰州医药城投资有限公司"})
    county.visits.create({"unit_id": unit.id, "company_id": company, "visit_date": dt.date(2026, 6, 1),
                          "kind": "上门招商", "next_step": "寄送园区资料", "next_due": TODAY})
    county.visits.create({"unit_id": unit.id, "company_id": company, "visit_date": dt.date(2026, 6, 2),
                          "kind": "上门招商", "next_step": "约谈用地", "next_due": dt.date(2026, 6, 10)})
    refreshed(qtbot, page)
    assert "今日到期跟进 <b>1</b> 条" in page.due_today_count.text()
    assert ">1</b> 条" in page.overdue_count.text()
    model = page.followup_model
    assert model.rowCount() == 2
    assert model.index(0, FollowUpColumn.DUE).data() == "06-10"        # overdue first
    assert model.index(0, FollowUpColumn.DETAIL).data().endswith("逾期 5 天")
    assert model.index(1, FollowUpColumn.DUE).data() == "今天"
    assert model.index(0, FollowUpColumn.TITLE).data() == "泰州医药城投资有限公司"
    qtmodeltester.check(model)
    qtmodeltester.check(page.activity_model)
    qtmodeltester.check(FollowUpModel())


def test_the_followup_list_holds_the_oldest_and_the_counts_are_whole(qtbot, page, county):
    """The 工作台 reads the oldest DASHBOARD_FOLLOWUPS of each list, not every follow-up
    ever late; the counts it prints are of all of them."""
    from zsdesk.app import reports
    from zsdesk.ui.pages.dashboard import FollowUpColumn

    [unit] = county.reference.list_units()
    company = county.companies.create({"name": "泰州医药城投资有限公司"})
    late = reports.DASHBOARD_FOLLOWUPS + 15
    county.visits.create_many([{"unit_id": unit.id, "company_id": company, "visit_date": dt.date(2025, 1, 1),
                                "kind": "上门招商", "next_step": f"第{n}步",
                                "next_due": TODAY - dt.timedelta(days=1 + n)} for n in range(late)]
                              + [{"unit_id": unit.id, "company_id": company, "visit_date": dt.date(2026, 6, 1),
                                  "kind": "上门招商", "next_due": TODAY} for _ in range(3)])
    refreshed(qtbot, page)
    assert f">{late}</b> 条" in page.overdue_count.text()
    assert "今日到期跟进 <b>3</b> 条" in page.due_today_count.text()
    assert page.reminder_tabs.tabText(1) == f"跟进 {late + 3}"
    assert page.followup_model.rowCount() == reports.DASHBOARD_FOLLOWUPS + 3
    oldest = page.followup_model.index(0, FollowUpColumn.DETAIL).data()
    assert oldest.endswith(f"逾期 {late} 天"), oldest
    small = reports.load_dashboard(county, followup_limit=4)
    assert (len(small.overdue), small.overdue_total, len(small.due_today), small.due_today_total) == (4, late, 3, 3)
    assert [f.days_overdue(TODAY) for f in small.overdue] == [late, late - 1, late - 2, late - 3]


def test_my_followups_follow_the_person_chosen_for_this_computer(qtbot, page, county):
    from zsdesk.ui.pages import set_my_staff_id

    [unit] = county.reference.list_units()
    wang = county.reference.staff.create({"unit_id": unit.id, "name": "王招商"})
    li = county.reference.staff.create({"unit_id": unit.id, "name": "李专员"})
    company = county.companies.create({"name": "泰州医药城投资有限公司"})
    for staff in (wang, li):
        county.visits.create({"unit_id": unit.id, "company_id": company, "visit_date": dt.date(2026, 6, 1),
                              "staff_id": staff, "kind": "上门招商", "next_due": TODAY})
    refreshed(qtbot, page)
    assert page.followup_model.rowCount() == 2
    set_my_staff_id(county, wang)
    refreshed(qtbot, page)
    assert page.followup_model.rowCount() == 1
    assert page.reminder_tabs.tabText(1) == "我的跟进（王招商） 1"


def test_a_county_sees_only_its_own_units(qtbot, page, county):
    """A unit of another county (as the city's reference snapshot brings it) stays off the dashboard."""
    from support import add_foreign_site

    from zsdesk.db.models import Project, Unit
    from zsdesk.db.types import new_id

    other_site = add_foreign_site(county)
    other_unit = new_id()
    [own] = county.reference.list_units()
    company = county.companies.create({"name": "靖江港口物流有限公司"})
    with county.write(source="test-import") as w:
        w.insert(Unit, {"id": other_unit, "code": "JJ-U01", "name": "靖江经开区招商局", "site_id": other_site,
                        "owner_site_id": other_site})
        w.insert(Project, {"id": new_id(), "number": "JJ-U01-2026-0001", "unit_id": other_unit,
                           "company_id": company, "name": "港口物流园", "stage": "signed",
                           "contract_date": dt.date(2026, 4, 1), "stage_date": dt.date(2026, 4, 1),
                           "contract_investment": Decimal(8000),
                           "owner_site_id": other_site})
    refreshed(qtbot, page)
    from zsdesk.ui.models import UnitColumn

    names = [page.unit_model.index(r, UnitColumn.UNIT).data() for r in range(page.unit_model.rowCount())]
    assert names == [own.name]
    assert page.cards["signed_projects"].value_label.text() == "1"      # the county's own unit
    assert page.unit_chart_panel.isHidden()                             # one unit: nothing to compare


def test_the_city_sees_every_unit_and_compares_them(qtbot, tmp_path, runner):
    from zsdesk.ui.pages.dashboard import DashboardPage

    city = _workspace(tmp_path / "city.db")
    try:
        init_site(city, role="city", code="TZ-CITY", name="泰州市商务局")
        units = [city.reference.units.create({"code": f"U0{i}", "name": name})
                 for i, name in enumerate(("海陵区招商局", "高港区招商局"), 1)]
        company = city.companies.create({"name": "泰州港务集团有限公司"})
        city.reference.new_scoring_rules({"signed_investment": 100}, {})   # the score: this target alone
        for unit, amount in zip(units, ("3000", "9000")):
            city.reference.set_target(2026, unit, "signed_investment", "10000")
            city.projects.create({"unit_id": unit, "company_id": company, "name": f"项目{amount}",
                                  "contract_date": dt.date(2026, 2, 1), "contract_investment": amount})
        page = DashboardPage(city, runner)
        qtbot.addWidget(page)
        page.show()
        qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
        assert page.unit_model.rowCount() == 2
        from zsdesk.ui.models import UnitColumn
        ranks = {page.unit_model.index(r, UnitColumn.UNIT).data(): page.unit_model.index(r, UnitColumn.RANK).data()
                 for r in range(2)}
        assert ranks == {"高港区招商局": "1", "海陵区招商局": "2"}   # the city ranks its units
        assert page.scope_label.text() == "全市各单元"
        assert page.cards["signed_investment"].value_label.text() == "12,000.00"
        assert not page.unit_chart_panel.isHidden()
        # best completion first: 高港 90%, 海陵 30%
        assert page.unit_chart.labels == ["高港区招商局", "海陵区招商局"]
        got = []
        page.drill_down.connect(lambda *a: got.append(a))
        page.unit_chart.bar_clicked.emit(0)
        [(table, ids, title)] = got
        expected = page.data.report.units[[u.name for u in page.data.report.units].index("高港区招商局")]
        assert (table, ids) == ("projects", expected["signed_investment"].row_ids)
        assert title.startswith("高港区招商局")
        page.close()
    finally:
        runner.shutdown(10_000)
        city.close()


# --- drill-down signals ---------------------------------------------------------------------------------

def test_every_figure_opens_its_rows(qtbot, page):
    from zsdesk.ui.models import UnitColumn

    got = []
    page.drill_down.connect(lambda *a: got.append(a))
    qtbot.mouseClick(page.cards["signed_investment"], Qt.MouseButton.LeftButton)
    figure = page.cards["signed_investment"].figure
    assert got[-1] == ("projects", figure.row_ids, "2026年度 · 签约金额")

    page.cards["visits"].setFocus()
    qtbot.keyClick(page.cards["visits"], Qt.Key.Key_Return)
    assert got[-1][0] == "visits"

    page.completion_chart.bar_clicked.emit(1)               # 签约金额, from the chart
    assert got[-1][:2] == ("projects", figure.row_ids)

    cell = page.unit_model.index(0, UnitColumn.SIGNED_PROJECTS)
    page.unit_table.activated.emit(cell)
    assert got[-1][0] == "projects" and got[-1][1] == page.cards["signed_projects"].figure.row_ids
    assert got[-1][2] == f"{SITE['name']} · 2026年度 · 签约项目"


def test_a_county_ranks_nothing_from_its_own_rows(qtbot, county, runner):
    """With the city's scoring rules a county's unit has a score, but a rank among the
    units it holds (itself) would always say 第1: the county's table shows none."""
    import json

    from sqlalchemy import select

    from zsdesk.db.models import ScoringRules, Site
    from zsdesk.ui.models import UnitColumn
    from zsdesk.ui.pages.dashboard import DashboardPage

    with county.read() as s:
        city = s.scalar(select(Site.id).where(Site.role == "city"))
    with county.write(source="test-import") as w:   # as the city's package brings them
        w.insert(ScoringRules, {"version": 100, "year": 0, "weights": json.dumps({"signed_investment": 100}),
                                "deductions": "{}", "owner_site_id": city})
    page = DashboardPage(county, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    [unit] = page.data.report.units
    assert unit.score is not None and unit.score.value is not None and unit.rank is None
    model = page.unit_model
    assert model.index(0, UnitColumn.SCORE).data() != "—"
    rank = model.index(0, UnitColumn.RANK)
    assert rank.data() == "—" and "市里通报" in rank.data(Qt.ItemDataRole.ToolTipRole)
