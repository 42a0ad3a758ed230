"""The 产业链图谱 and 招商活动 pages (issue 16) with real widgets on a real county
database: the chain drawn with its gaps, a chip opening its record, a target
marked through the dialog, the 产业招商指南 exported; events listed with their
figures, one added (and refused without a name), a project linked and unlinked."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

from test_chains_events import BASE, COLD, FOOD, PROCESSING, company, project
from test_ui_forms import pick_company, type_text
from zsdesk.app import chains, events

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"),
              pytest.mark.usefixtures("isolated_settings")]

WAIT = 20_000


@pytest.fixture
def backend() -> str:
    return "sqlite"


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@pytest.fixture
def food(ws, unit_id, company_id):
    a, b = company(ws, "泰州绿源食品有限公司"), company(ws, "江苏冷链物流集团")
    landed = project(ws, unit_id, a, "绿源食品加工项目", "2026-01-10", 8000, ("started", "2026-03-01"),
                     industry=PROCESSING)
    project(ws, unit_id, b, "冷链仓储一期", "2023-01-10", 20000, ("producing", "2024-06-01"), industry=COLD)
    project(ws, unit_id, b, "冷链配送中心", "2023-05-10", 6000, ("effective", "2025-06-01"), industry=COLD)
    lead = ws.leads.create({"unit_id": unit_id, "company_id": b, "name": "果蔬种植基地", "industry_id": BASE,
                            "stage": "negotiating", "first_reported": "2026-04-01"})
    return {"landed": landed, "lead": lead, "a": a}


def open_chains(qtbot, runner, ws):
    from zsdesk.ui.pages.chains import ChainsPage

    page = ChainsPage(ws, runner)
    qtbot.addWidget(page)
    page.resize(1100, 760)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    page.industry.setCurrentIndex(page.industry.findData(FOOD))
    qtbot.waitUntil(lambda: page.data is not None and page.data.industry_id == FOOD, timeout=WAIT)
    return page


def click_item(qtbot, page, item) -> None:
    page.view.ensureVisible(item)
    point = page.view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def close_modal_soon() -> list:
    """Close the next modal dialog once it is up; the list gets its class name."""
    seen: list = []

    def close():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(50, close)
            return
        seen.append(type(dialog).__name__)
        dialog.reject()
    QTimer.singleShot(50, close)
    return seen


def test_the_chain_map_shows_gaps_opens_records_marks_targets_and_exports_the_guide(
        qtbot, runner, ws, food, company_id, tmp_path, monkeypatch):
    from support import COMPANY_NAME

    page = open_chains(qtbot, runner, ws)
    base, processing, cold = (page.node_items[n] for n in (BASE, PROCESSING, COLD))
    assert [base.node.gap, processing.node.gap, cold.node.gap] == ["断点", "强链", None]
    assert "断点：农产品基地" in page.summary.text() and "需强链：食品加工" in page.summary.text()
    assert {c.chip.row_id for c in page.chips("landed")} >= {food["landed"]}
    assert [c.chip.row_id for c in page.chips("talks")] == [food["lead"]]

    # a click on a chip opens its record (the project's form)
    [chip] = [c for c in page.chips("landed") if c.chip.row_id == food["landed"]]
    seen = close_modal_soon()
    click_item(qtbot, page, chip)
    qtbot.waitUntil(lambda: bool(seen), timeout=WAIT)
    assert page.last_opened == ("projects", food["landed"]) and seen == ["ProjectForm"]

    # select 上游 and mark a company of the 客商库 as its 龙头 target
    click_item(qtbot, page, base)
    assert page.selected_node == BASE
    click(qtbot, page.mark_button)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    dialog = page.dialog
    assert dialog.node.value() == BASE
    click(qtbot, dialog.ok_button)                      # no company yet: said, nothing saved
    assert "企业" in dialog.problem.text() and dialog.isVisible()
    pick_company(qtbot, dialog.company, "扬子江")
    assert dialog.company.value() == company_id
    dialog.role.setValue("配套")
    type_text(qtbot, dialog.note, "拟扩产")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT)
    qtbot.waitUntil(lambda: [c.chip.company_id for c in page.chips("target")] == [company_id], timeout=WAIT)
    [target] = page.chips("target")
    assert target.chip.status == "配套" and COMPANY_NAME in target.toolTip()
    # a county's unit filter: its one unit; the target stays under it
    assert page.unit.currentData() == target.chip.unit_id

    # the guide of the chain on screen
    path = tmp_path / "绿色食品指南.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    click(qtbot, page.guide_button)
    qtbot.waitUntil(lambda: page.open_guide_button.isVisible(), timeout=WAIT)
    from test_chains_events import _pages

    text = "".join(_pages(path))
    assert "绿色食品产业招商指南" in text and f"{COMPANY_NAME}（配套）" in text and "断点·补链" in text

    # the target's menu entry takes the mark off again
    page.unmark(page.chips("target")[0].chip)
    qtbot.waitUntil(lambda: not page.chips("target"), timeout=WAIT)
    assert page.data.nodes[0].targets == ()


def test_the_unit_filter_and_another_industry(qtbot, runner, city_ws):
    page = open_chains(qtbot, runner, city_ws)
    assert page.unit.itemData(0) is None                 # the city: 全部单元 first
    assert all(item.node.gap == "断点" for item in page.node_items.values())
    page.industry.setCurrentIndex(page.industry.findText("数字经济"))
    qtbot.waitUntil(lambda: page.data.industry_name == "数字经济", timeout=WAIT)
    assert [n.name for n in page.data.nodes] == ["数据中心", "软件与信息服务", "数字化应用"]

    # the city adds a node to the chain on screen
    assert page.node_button.isVisible()
    click(qtbot, page.node_button)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    dialog = page.dialog
    click(qtbot, dialog.ok_button)
    assert "环节名称" in dialog.problem.text() and dialog.isVisible()
    dialog.position.setValue("下游")
    type_text(qtbot, dialog.name, "数字政务")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT)
    qtbot.waitUntil(lambda: [n.name for n in page.data.nodes][-1] == "数字政务", timeout=WAIT)
    assert page.node_items[page.data.nodes[-1].id].node.gap == "断点"


def test_a_county_does_not_edit_the_catalogue(qtbot, runner, ws, food):
    page = open_chains(qtbot, runner, ws)
    assert not page.node_button.isVisible() and page.mark_button.isVisible()
    assert page.unit.count() == 1 and page.unit.itemData(0)      # its one unit, no 全部单元


def _event(ws, unit_id, name="2026兰洽会集中签约", series="兰洽会"):
    return events.save_event(ws, {"unit_id": unit_id, "name": name, "kind": "集中签约",
                                  "start_date": "2026-03-10", "place": "兰州", "series": series})


def open_events(qtbot, runner, ws, n: int):
    from zsdesk.ui.pages.events import EventsPage

    page = EventsPage(ws, runner)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == n, timeout=WAIT)
    return page


def test_the_events_page_lists_figures_adds_an_event_and_links_a_project(qtbot, runner, ws, unit_id, company_id):
    fair = _event(ws, unit_id)
    signed = project(ws, unit_id, company_id, "兰洽会签约项目", "2026-03-10", 5000, ("registered", "2026-04-01"),
                     arrivals=[("2026-05-01", 1000)])
    later = project(ws, unit_id, company_id, "另一个项目", "2026-04-10", 2000)
    events.link_record(ws, fair, "projects", signed)
    page = open_events(qtbot, runner, ws, 1)
    m = page.model
    assert m.data(m.index(0, 0)) == "2026兰洽会集中签约" and m.data(m.index(0, 6)) == "1"
    assert m.data(m.index(0, 8)) == "100.0%" and m.data(m.index(0, 10)) == "20.0%"
    assert m.data(m.index(0, 10), Qt.ItemDataRole.ToolTipRole) == "20.0%（1,000/5,000）"
    assert m.data(m.index(0, 9)) == "—" and "6个月" in m.data(m.index(0, 9), Qt.ItemDataRole.ToolTipRole)
    qtbot.waitUntil(lambda: page.linked_model.rowCount() == 1, timeout=WAIT)
    assert page.linked_model.rows[0].id == signed and page.metrics_model.rowCount() == len(events.EVENT_FIGURES)

    # a new event: refused without a name, then saved
    click(qtbot, page.new_button)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    dialog = page.dialog
    click(qtbot, dialog.ok_button)
    assert "活动名称" in dialog.problem.text() and dialog.isVisible()
    type_text(qtbot, dialog.name, "2027兰洽会集中签约")
    dialog.kind.setValue("集中签约")
    dialog.series.setCurrentText("兰洽会")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT)
    # two events of 兰洽会, and the series' total
    qtbot.waitUntil(lambda: page.model.rowCount() == 3, timeout=WAIT)
    assert page.model.rows[-1].event is None and page.model.rows[-1].series == "兰洽会"

    # link a project to the new event, then take it off again
    assert page.select_event("2027兰洽会集中签约")
    click(qtbot, page.link_button)
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    page.dialog.project.setValue(later)
    click(qtbot, page.dialog.ok_button)
    qtbot.waitUntil(lambda: page.dialog is None, timeout=WAIT)
    qtbot.waitUntil(lambda: any(r.event and r.event.name == "2027兰洽会集中签约" and r.projects == 1
                                for r in page.model.rows), timeout=WAIT)
    assert page.select_event("2027兰洽会集中签约")
    qtbot.waitUntil(lambda: page.linked_model.rowCount() == 1, timeout=WAIT)
    page.linked_view.setCurrentIndex(page.linked_model.index(0, 0))
    click(qtbot, page.unlink_button)
    qtbot.waitUntil(lambda: any(r.event and r.event.name == "2027兰洽会集中签约" and r.projects == 0
                                for r in page.model.rows), timeout=WAIT)


def test_the_city_reads_county_events_but_does_not_edit_them(qtbot, runner, databases, tmp_path):
    from test_sync_kit import Net

    net = Net(databases, tmp_path)
    tx = net["TX-U01"]
    _event(tx, net.own_unit("TX-U01"), "泰兴1336集中签约", "1336")
    net.up("TX-U01")
    page = open_events(qtbot, runner, net.city, 1)
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert not page.edit_button.isEnabled() and not page.link_button.isEnabled()


def test_the_models(qtmodeltester, ws, unit_id, company_id):
    from zsdesk.ui.pages.events import EventsModel, LinkedModel, MetricsModel

    eid = _event(ws, unit_id)
    events.link_record(ws, eid, "projects", project(ws, unit_id, company_id, "P", "2026-03-10", 100))
    rows = events.load_events(ws)
    for model, data in ((EventsModel(), rows), (MetricsModel(), rows[0].metrics),
                        (LinkedModel(), events.event_detail(ws, eid).records)):
        model.set_rows(data)
        qtmodeltester.check(model)
    assert chains.TARGET_ROLES == ("龙头", "配套", "其他")
