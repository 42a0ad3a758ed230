"""落户预审 and 飞地 in the window (issue 12, part 4): the county recommends a
major project on the 预审 page, the city records its steps after a real sync,
the county sees the outcome after the return file; a 飞地 share made in the
project form's dialog reaches both counties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from test_sync_kit import Net
from zsdesk.app import reviews

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]

WAIT = 20_000


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def net(databases, tmp_path):
    return Net(databases, tmp_path)


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def open_page(qtbot, runner, ws):
    from zsdesk.ui.pages.reviews import ReviewsPage

    page = ReviewsPage(ws, runner)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    return page


def rows(qtbot, page, n: int):
    qtbot.waitUntil(lambda: page.model.rowCount() == n, timeout=WAIT)
    return page.model.rows


def wait_dialog(qtbot, page) -> QDialog:
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=WAIT)
    return page.dialog


def finish(qtbot, page, dialog) -> None:
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: page.dialog is None or dialog.problem.isVisible(), timeout=WAIT)
    assert page.dialog is None, dialog.problem.text()


def project(ws, unit, name, investment, **more):
    company = ws.companies.create({"name": f"{name}投资有限公司"})
    return ws.projects.create({"unit_id": unit, "company_id": company, "name": name,
                               "contract_date": "2026-03-01", "contract_investment": investment, **more})


def test_the_county_recommends_the_city_decides_and_the_county_sees_it(qtbot, runner, net):
    tx, city = net["TX-U01"], net.city
    unit = net.units["TX-U01"]
    major = project(tx, unit, "新能源电池产业园", "5亿")
    foreign = project(tx, unit, "外资精密部件", "3000", foreign_investment_usd="1200")
    project(tx, unit, "小型配套厂", "3000")  # below 1亿元: never offered

    page = open_page(qtbot, runner, tx)
    rows(qtbot, page, 0)
    assert not page.step_button.isVisible()  # the county does not record the city's steps
    click(qtbot, page.recommend_button)
    dialog = wait_dialog(qtbot, page)
    offered = {dialog.project.itemData(i) for i in range(dialog.project.count())}
    assert offered == {major, foreign}
    dialog.project.setValue(major)
    dialog.date.setValue(dt.date(2026, 6, 5))
    dialog.comment.setPlainText("建议提交联席会")
    finish(qtbot, page, dialog)
    [row] = rows(qtbot, page, 1)
    assert (row.project_name, row.step, row.finished) == ("新能源电池产业园", "recommended", False)
    assert page.model.text(row, 7) == "审查中"
    # a project below the line is refused by the application layer too
    with pytest.raises(reviews.RefusedError):
        reviews.recommend(tx, project(tx, unit, "另一小项目", "500"), "2026-06-01")

    net.up("TX-U01")
    city_page = open_page(qtbot, runner, city)
    [row] = rows(qtbot, city_page, 1)
    assert row.project_name == "新能源电池产业园" and row.unit_name == "泰兴高新区招商单元"
    for step, date, comment in (("joint_review", "2026-06-10", "联席会原则同意"),
                                ("leader_review", "2026-06-12", "同意"),
                                ("approved", "2026-06-14", "准予落户")):
        city_page.view.selectRow(0)
        click(qtbot, city_page.step_button)
        dialog = wait_dialog(qtbot, city_page)
        dialog.step.setValue(step)
        dialog.date.setValue(dt.date.fromisoformat(date))
        dialog.comment.setPlainText(comment)
        finish(qtbot, city_page, dialog)
        qtbot.waitUntil(lambda step=step: city_page.model.rows and city_page.model.rows[0].step == step,
                        timeout=WAIT)
    row = city_page.model.rows[0]
    assert row.finished and page.model.text(row, 7) == "通过"
    city_page.view.selectRow(0)
    assert not city_page.step_button.isEnabled()  # a finished review takes no more steps

    net.down("TX-U01")
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rows and page.model.rows[0].step == "approved", timeout=WAIT)
    row = page.model.rows[0]
    assert (row.step_label, row.comment, str(row.step_date)) == ("通过", "准予落户", "2026-06-14")
    assert row.recommended_date == dt.date(2026, 6, 5)


def test_a_referral_made_in_the_dialog_reaches_both_counties(qtbot, net):
    from zsdesk.ui.forms import make_form

    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    pid = project(tx, net.units["TX-U01"], "飞地合作项目", "2亿")
    net.up("TX-U01")

    form = make_form(None, city, "projects", pid)
    qtbot.addWidget(form, before_close_func=lambda f: f.discard())
    form.show()
    assert form.referral_button.isVisible()
    click(qtbot, form.referral_button)
    dialog = form.referral_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.investment.maximum() == 100 and dialog.investment.minimum() == 0
    dialog.from_unit.setValue(net.units["JJ-U01"])
    dialog.investment.setValue(40)
    dialog.tax.setValue(30)
    dialog.score.setValue(50)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: form.referral_dialog is None, timeout=WAIT)

    [made] = reviews.list_referrals(city, pid)
    assert (made.from_unit_name, made.to_unit_name) == ("靖江经开区招商单元", "泰兴高新区招商单元")
    net.up("JJ-U01")
    net.down("TX-U01")
    net.down("JJ-U01")
    for county in (tx, jj):
        [seen] = reviews.list_referrals(county, pid)
        assert (str(seen.investment_share), str(seen.tax_share), str(seen.score_share)) == ("0.4", "0.3", "0.5")
        assert seen.from_unit_name == "靖江经开区招商单元"

    # a county's form offers no such button
    county_form = make_form(None, tx, "projects", pid)
    qtbot.addWidget(county_form, before_close_func=lambda f: f.discard())
    county_form.show()
    assert not county_form.referral_button.isVisible()


def test_the_reviews_model(qtmodeltester):
    from zsdesk.ui.pages.reviews import ReviewsModel

    model = ReviewsModel()
    qtmodeltester.check(model)
    model.set_rows([reviews.ReviewInfo("r1", "p1", "TX-U01-2026-0001", "新能源电池产业园", "泰兴高新区招商单元",
                                       Decimal("50000"), None, "approved", "通过", dt.date(2026, 6, 14),
                                       "准予落户", dt.date(2026, 6, 5), True)])
    qtmodeltester.check(model)
    assert [model.text(model.rows[0], c) for c in (4, 5, 7)] == ["通过", "2026-06-05", "通过"]
