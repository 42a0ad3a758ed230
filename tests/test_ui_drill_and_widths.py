"""The 工作台 drill-down of a figure that counts a 飞地 (shared) project by its share:
the share column and what each row adds, summing to the figure on screen; the 编号
and 阶段 columns of the lists and the company form wide enough that nothing is cut.

Real SQLite files and real widgets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QStyle

from zsdesk.db.engine import Database
from zsdesk.services import Workspace, init_site

TODAY = dt.date(2026, 6, 15)
WAIT = 20_000

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]


def _workspace(path) -> Workspace:
    return Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="测试员")


@pytest.fixture
def city(tmp_path):
    """海陵 (U01) signs a project of 10,000 万元 shared 60/40 with 高港 (U02), which also
    signs one of 2,500 of its own; 到位 1,000 on the shared one."""
    ws = _workspace(tmp_path / "city.db")
    init_site(ws, role="city", code="TZ-CITY", name="泰州市商务局")
    u1 = ws.reference.units.create({"code": "U01", "name": "海陵区招商局"})
    u2 = ws.reference.units.create({"code": "U02", "name": "高港区招商局"})
    company = ws.companies.create({"name": "泰州港务集团有限公司"})
    shared = ws.projects.create({"unit_id": u1, "company_id": company, "name": "港口物流园",
                                 "contract_date": dt.date(2026, 2, 1), "contract_investment": "10000"})
    own = ws.projects.create({"unit_id": u2, "company_id": company, "name": "滨江仓储",
                              "contract_date": dt.date(2026, 3, 1), "contract_investment": "2500"})
    ws.projects.add_referral(shared, u2, "40%", "2026-02-10")
    ws.projects.add_arrival(shared, dt.date(2026, 5, 1), "1000")
    yield ws, {"U01": u1, "U02": u2}, {"shared": shared, "own": own}
    ws.close()


@pytest.fixture
def dashboard(qtbot, city, runner):
    from zsdesk.ui.pages.dashboard import DashboardPage

    ws, _units, _projects = city
    page = DashboardPage(ws, runner)
    qtbot.addWidget(page)
    page.resize(1366, 900)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    return page


def open_cell(qtbot, page, unit_name: str, column):
    row = [page.unit_model.index(r, 1).data() for r in range(page.unit_model.rowCount())].index(unit_name)
    cell = page.unit_model.index(row, column)
    shown = cell.data()
    page.unit_table.activated.emit(cell)
    qtbot.waitUntil(lambda: page.drill_dialog is not None and page.drill_dialog.isVisible(), timeout=WAIT)
    return shown, page.drill_dialog


def test_the_receiving_units_investment_lists_the_shared_project_at_its_share(qtbot, dashboard, city):
    from zsdesk.ui.models import UnitColumn
    from zsdesk.ui.pages.dashboard import DrillColumn

    _ws, _units, projects = city
    shown, dialog = open_cell(qtbot, dashboard, "高港区招商局", UnitColumn.SIGNED_INVESTMENT)
    assert shown == "6,500.00"                                    # 40% of 10,000 + 2,500
    model = dialog.model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert "计入比例" in headers and "计入金额(万元)" in headers
    rows = {model.row_object(r).id: r for r in range(model.rowCount())}
    assert set(rows) == {projects["shared"], projects["own"]}
    shared = rows[projects["shared"]]
    assert model.index(shared, DrillColumn.SHARE).data() == "40%"
    assert model.index(shared, DrillColumn.AMOUNT).data() == "10,000.00"
    assert model.index(shared, DrillColumn.COUNTED).data() == "4,000.00"
    assert model.index(rows[projects["own"]], DrillColumn.SHARE).data() == "100%"
    # the rows add up to the figure on screen
    counted = sum((model.row_object(r).counted for r in range(model.rowCount())), Decimal(0))
    assert counted == Decimal("6500")
    assert f"合计计入：{shown} 万元" in dialog.total_label.text()

    # and the rows still open in their list
    got = []
    dashboard.drill_down.connect(lambda *a: got.append(a))
    dialog.list_button.click()
    [(table, ids, title)] = got
    assert table == "projects" and set(ids) == set(rows) and title.startswith("高港区招商局")


def test_the_owning_unit_counts_the_rest_and_arrivals_by_the_same_share(qtbot, dashboard):
    from zsdesk.ui.models import UnitColumn
    from zsdesk.ui.pages.dashboard import DrillColumn

    shown, dialog = open_cell(qtbot, dashboard, "海陵区招商局", UnitColumn.SIGNED_INVESTMENT)
    assert shown == "6,000.00"
    assert dialog.model.index(0, DrillColumn.SHARE).data() == "60%"
    assert dialog.model.index(0, DrillColumn.COUNTED).data() == shown
    dialog.close()
    qtbot.waitUntil(lambda: dashboard.drill_dialog is None, timeout=WAIT)

    shown, dialog = open_cell(qtbot, dashboard, "高港区招商局", UnitColumn.ARRIVED_CAPITAL)
    assert shown == "400.00"
    assert dialog.model.headerData(DrillColumn.AMOUNT, Qt.Orientation.Horizontal) == "到位资金(万元)"
    assert dialog.model.index(0, DrillColumn.SHARE).data() == "40%"
    assert dialog.model.index(0, DrillColumn.COUNTED).data() == shown

    # a count: the shared project counts 0.4
    dialog.close()
    qtbot.waitUntil(lambda: dashboard.drill_dialog is None, timeout=WAIT)
    shown, dialog = open_cell(qtbot, dashboard, "高港区招商局", UnitColumn.SIGNED_PROJECTS)
    assert shown == "1.40"
    assert dialog.model.headerData(DrillColumn.COUNTED, Qt.Orientation.Horizontal) == "计入个数"
    assert sum(dialog.model.row_object(r).counted for r in range(dialog.model.rowCount())) == Decimal("1.4")


def test_the_citys_total_counts_every_project_whole_and_goes_straight_to_the_list(qtbot, dashboard):
    got = []
    dashboard.drill_down.connect(lambda *a: got.append(a))
    dashboard._card_clicked("signed_investment")
    assert got and got[-1][0] == "projects" and dashboard.drill_dialog is None


# --- widths ---------------------------------------------------------------------------------------

def cell_room(view) -> int:
    """What a cell takes besides its text: the style sheet's padding and the style's margins."""
    margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
    return 12 + 2 * margin


@pytest.fixture
def long_numbers(tmp_path):
    """A county whose site code is long (numbers like TAIXING-GXQ-U01-2026-0001), with a
    project in every stage there is a word for."""
    ws = _workspace(tmp_path / "county.db")
    init_site(ws, role="county", code="TAIXING-GXQ-U01", name="泰兴高新区招商单元")
    [unit] = ws.reference.list_units()
    company = ws.companies.create({"name": "扬子江药业集团有限公司"})
    pid = ws.projects.create({"unit_id": unit.id, "company_id": company, "name": "中药配方颗粒生产基地",
                              "contract_date": dt.date(2026, 1, 10), "contract_investment": "500"})
    ws.projects.advance(pid, "defaulted", dt.date(2026, 3, 1), "投资方资金链断裂")
    ws.leads.create({"unit_id": unit.id, "company_id": company, "name": "生物医药产业园"})
    yield ws
    ws.close()


@pytest.mark.parametrize("kind", ["projects", "leads"])
def test_number_and_stage_columns_show_their_text_whole(qtbot, long_numbers, shipped_font, language, kind):
    from zsdesk.ui.pages.leads import LeadsPage
    from zsdesk.ui.pages.projects import ProjectsPage

    page = (ProjectsPage if kind == "projects" else LeadsPage)(long_numbers, None)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1, timeout=WAIT)
    view, model = page.view, page.model
    cells = QFontMetrics(view.font())
    number = model.column_of("number")
    longest = max(cells.horizontalAdvance(model.row_values(r)["number"]) for r in range(model.rowCount()))
    assert view.columnWidth(number) >= longest + cell_room(view)
    stage = model.column_of("stage")
    words = [model.index(r, stage).data() for r in range(model.rowCount())]
    from PySide6.QtCore import QCoreApplication

    words += [QCoreApplication.translate("Domain", "未履约" if kind == "projects" else "线索")]
    assert view.columnWidth(stage) >= max(cells.horizontalAdvance(w) for w in words) + cell_room(view)
    bold = QFont(view.horizontalHeader().font())
    bold.setBold(True)
    title = model.headerData(stage, Qt.Orientation.Horizontal)
    assert view.columnWidth(stage) >= QFontMetrics(bold).horizontalAdvance(title) + cell_room(view)


def test_a_width_the_user_set_is_kept(qtbot, long_numbers):
    from zsdesk.ui import options
    from zsdesk.ui.pages.projects import ProjectsPage

    options.list_widths.of("projects").set({"number": 90})
    page = ProjectsPage(long_numbers, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() >= 1, timeout=WAIT)
    assert page.view.columnWidth(page.model.column_of("number")) == 90


@pytest.fixture
def shipped_font(qapp):
    """The window's own font (the bundled CJK font at 10 pt), as the program sets it."""
    from zsdesk.ui.app import install_font

    before = qapp.font()
    assert install_font(qapp)
    yield
    qapp.setFont(before)


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp, tmp_path):
    from zsdesk.ui import i18n

    assert i18n.install_translators(qapp, request.param, cache=tmp_path / "qm") == request.param
    yield request.param
    i18n.install_translators(qapp, "zh_CN")


def test_the_company_form_shows_every_field_without_scrolling_sideways(qtbot, long_numbers, shipped_font,
                                                                       language):
    from zsdesk.ui.forms.company import CompanyForm

    form = CompanyForm(long_numbers, None)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    scroll = form.tabs.widget(0)
    assert scroll.horizontalScrollBar().maximum() == 0
    page = scroll.widget()
    assert page.width() >= page.minimumSizeHint().width()
    # every kind tag is visible inside the form
    for box in form.tags.boxes.values():
        right = box.mapTo(page, box.rect().topRight()).x()
        assert 0 < right <= scroll.viewport().width()
    # the captions are not squeezed
    for field in form.fields.values():
        if field.caption is not None:
            assert field.caption.width() >= field.caption.minimumSizeHint().width()
