"""撞车 alerts settled in the window: the city selects an alert on the 同步 page,
presses 处理…, chooses in the dialog (inline checks first), and the list empties;
the decision travels to the counties, which see it under 市里已处理 and may not
decide themselves. Real widgets on real SQLite files, the real sync core."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt, QTimer

from support import COMPANY_NAME, log_entries
from test_sync_kit import Net
from test_ui_forms import type_text  # Chinese typed as an input method commits it
from zsdesk.db.models import Alert
from zsdesk.sync.alerts import open_alerts

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]

WAIT = 20_000


@pytest.fixture
def backend() -> str:
    """The page works on the SQLite files of a desktop."""
    return "sqlite"


@pytest.fixture
def net(databases, tmp_path):
    """Both counties visit 扬子江药业 (TX first); the files went round once."""
    net = Net(databases, tmp_path)
    for code, day in (("TX-U01", "2026-03-02"), ("JJ-U01", "2026-03-05")):
        ws = net[code]
        company = ws.companies.create({"name": COMPANY_NAME, "region": "江苏泰州"})
        ws.visits.create({"unit_id": net.units[code], "company_id": company, "visit_date": day})
    net.round_trip()
    return net


@pytest.fixture
def open_page(qtbot, runner):
    from zsdesk.ui.pages.sync import SyncPage

    def make(ws):
        page = SyncPage(ws, runner)
        qtbot.addWidget(page)
        page.resize(1200, 1000)
        page.show()
        qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
        return page

    return make


def click(qtbot, widget) -> None:
    assert widget.isEnabled(), widget.text()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def pick(qtbot, radio) -> None:
    """Click a radio button on its circle (a click right of its text misses it, as it would a person's)."""
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(radio.height() // 2, radio.height() // 2))
    assert radio.isChecked(), radio.text()


def in_dialog(page, act) -> list:
    """Run ``act(dialog)`` once the page's modal 处理 dialog is up; what it
    raised is kept (a failure inside the dialog's event loop is reported after)."""
    failures: list = []

    def run():
        dialog = page.alert_dialog
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(20, run)
            return
        try:
            act(dialog)
        except BaseException as exc:  # reported by the test after the dialog closed
            failures.append(exc)
            dialog.reject()

    QTimer.singleShot(0, run)
    return failures


def handle(qtbot, page, act) -> None:
    """Press 处理… with ``act`` driving the dialog; wait until the page read its data again."""
    failures = in_dialog(page, act)
    with qtbot.waitSignal(page.loaded, timeout=WAIT, raising=False) as reloaded:
        click(qtbot, page.handle_alert_button)
    assert not failures, failures
    assert reloaded.signal_triggered, "the page was not read again"


def test_the_city_keeps_both_with_a_reason_and_the_list_empties(qtbot, net, open_page, qtmodeltester):
    city = net.city
    [alert] = open_alerts(city)
    page = open_page(city)
    assert page.handle_alert_button.isVisible() and page.handled_table.isHidden()
    page.alerts_table.selectRow(0)
    assert page.handle_alert_button.isEnabled()

    def act(dialog):
        # nothing chosen: said next to the choices, nothing written
        click(qtbot, dialog.ok_button)
        assert dialog.outcome_error.isVisible() and dialog.outcome_error.text() == "请选择处理方式"
        assert not dialog.unit.isEnabled()
        # 各自保留 without a reason: said next to the reason
        pick(qtbot, dialog.kept)
        assert not dialog.outcome_error.isVisible()
        click(qtbot, dialog.ok_button)
        assert dialog.reason_error.isVisible() and dialog.reason_error.text() == "各自保留须填写理由"
        assert dialog.isVisible() and dialog.write_task is None
        type_text(qtbot, dialog.reason, "两个县区分别洽谈不同产品线")
        assert not dialog.reason_error.isVisible()
        click(qtbot, dialog.ok_button)

    handle(qtbot, page, act)
    assert page.alerts_model.rows == [] and page.alerts_empty.isVisible()
    assert page.alerts_title.text() == "撞车提醒"
    assert "各自保留" in page.alerts_status.text() and "送达两个县区" in page.alerts_status.text()
    with city.read() as s:
        a = s.get(Alert, alert.id)
        assert (a.status, a.note) == ("kept", "两个县区分别洽谈不同产品线")
    [entry] = [e for e in log_entries(city, "alerts", alert.id) if e["op"] == "U"]
    assert entry["actor"] == "测试员"
    # what the city decided stays in sight
    assert page.handled_table.isVisible() and page.handled_title.text() == "近30天已处理（1）"
    model = page.handled_alerts_model
    texts = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert texts[1] == "各自保留" and texts[2] == "两个县区分别洽谈不同产品线" and texts[3] == "2026-06-15"
    assert "泰兴高新区招商单元" in texts[0] and "靖江经开区招商单元" in texts[0]
    qtmodeltester.check(model)


def test_attributed_to_a_unit_and_the_county_sees_the_citys_decision(qtbot, net, open_page):
    city, tx = net.city, net["TX-U01"]
    tx_page = open_page(tx)
    [row] = tx_page.alerts_model.rows
    # a county: the button is there but off, saying that the city decides
    assert not tx_page.handle_alert_button.isEnabled()
    assert "由市级处理" in tx_page.handle_alert_button.toolTip()

    page = open_page(city)
    page.alerts_table.selectRow(0)

    def act(dialog):
        sides = [label.text() for label in dialog.side_labels]
        assert f"{COMPANY_NAME} · 泰兴高新区招商单元 · 首次接触 2026-03-02" in sides
        assert f"{COMPANY_NAME} · 靖江经开区招商单元 · 首次接触 2026-03-05" in sides
        pick(qtbot, dialog.attributed)
        assert dialog.unit.isEnabled()
        assert dialog.unit.value() == net.units["TX-U01"]               # the 首报首谈 suggestion
        assert dialog.unit.currentText() == "泰兴高新区招商单元"
        dialog.unit.setCurrentIndex(dialog.unit.findData(net.units["JJ-U01"]))
        type_text(qtbot, dialog.reason, "靖江先签意向协议")
        click(qtbot, dialog.ok_button)

    handle(qtbot, page, act)
    assert page.alerts_model.rows == []
    assert "归属认定：靖江经开区招商单元" in page.alerts_status.text()

    # the city's next file: the county's list empties, the decision is shown as the city's
    assert net.down("TX-U01").status == "applied"
    with qtbot.waitSignal(tx_page.loaded, timeout=WAIT):
        tx_page.refresh()
    assert tx_page.alerts_model.rows == [] and tx_page.alerts_empty.isVisible()
    assert tx_page.handled_title.text() == "市里近30天已处理（1）"
    model = tx_page.handled_alerts_model
    assert model.data(model.index(0, 1)) == "归属认定：靖江经开区招商单元"
    assert model.data(model.index(0, 2)) == "靖江先签意向协议"
    assert "首报首谈建议：泰兴高新区招商单元" in model.data(model.index(0, 1), Qt.ItemDataRole.ToolTipRole)


def test_merging_says_the_county_records_stay(qtbot, net, open_page):
    page = open_page(net.city)
    page.alerts_table.selectRow(0)

    def act(dialog):
        assert dialog.merge_note.isHidden()
        pick(qtbot, dialog.merged)
        assert dialog.merge_note.isVisible() and "市级不能合并" in dialog.merge_note.text()
        click(qtbot, dialog.ok_button)

    handle(qtbot, page, act)
    assert "同一投资方·合并" in page.alerts_status.text() and "市级未合并" in page.alerts_status.text()
    model = page.handled_alerts_model
    assert model.data(model.index(0, 1)) == "同一投资方·合并（企业记录由县区处理）"


def test_cancel_writes_nothing(qtbot, net, open_page):
    page = open_page(net.city)
    page.alerts_table.selectRow(0)

    def act(dialog):
        pick(qtbot, dialog.kept)
        type_text(qtbot, dialog.reason, "先不处理")
        dialog.reject()

    failures = in_dialog(page, act)
    click(qtbot, page.handle_alert_button)
    assert not failures, failures
    assert len(page.alerts_model.rows) == 1 and page.alerts_status.isHidden()
    assert len(open_alerts(net.city)) == 1
