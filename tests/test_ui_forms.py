"""Record forms driven like a user: real widgets (pytest-qt), a real database file.

Chinese text is typed the way an input method delivers it (a committed
QInputMethodEvent): QTest.keyClicks handles ASCII keys only. Modal dialogs
(stage moves, the unsaved-changes question, a form opened by the API) are
handled by a callback that runs once the dialog is up.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import subprocess
import sys
import time
from decimal import Decimal
from itertools import groupby

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton

from support import COMPANY_NAME, COMPANY_USCI, TODAY, add_foreign_site
from zsdesk.errors import ValidationError

# The offscreen platform cannot size, raise or grab for top-level windows and
# popups, and says so; those are limits of the test platform, not of the forms.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")

SIMILAR_NAME = "扬子江药业集团股份有限公司"
OTHER_SITE = "靖江经开区招商单元"


# --- helpers --------------------------------------------------------------------------------

def type_text(qtbot, widget, text: str) -> None:
    """Type ``text`` into ``widget``: ASCII as key clicks, Chinese as an input
    method commits it."""
    widget.setFocus()
    for is_ascii, chars in groupby(text, key=str.isascii):
        run = "".join(chars)
        if is_ascii:
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)


class Modal:
    """Run ``handler(dialog)`` on the next modal dialog, from inside its exec()."""

    def __init__(self, qtbot, handler, *, expect=None):
        self.handler, self.expect = handler, expect
        self.error: BaseException | None = None
        self.seen = None
        QTimer.singleShot(0, self._poll)

    def _poll(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or (self.expect is not None and not isinstance(dialog, self.expect)):
            QTimer.singleShot(10, self._poll)
            return
        self.seen = dialog
        try:
            self.handler(dialog)
        except BaseException as exc:
            self.error = exc
            dialog.done(QDialog.DialogCode.Rejected)   # never ask: the test is over

    def check(self) -> None:
        if self.error is not None:
            raise self.error
        assert self.seen is not None, "no modal dialog appeared"


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def button_named(dialog, text: str) -> QPushButton:
    for button in dialog.findChildren(QPushButton):
        if button.text().replace("&", "") == text:
            return button
    raise AssertionError(f"no button “{text}” in {dialog.windowTitle()}")


def open_form(qtbot, ws, table: str, row_id: str | None = None, **defaults):
    from zsdesk.ui.forms import make_form

    form = make_form(None, ws, table, row_id, **defaults)
    qtbot.addWidget(form, before_close_func=lambda f: f.discard())  # no "save changes?" at teardown
    with qtbot.waitActive(form):
        form.show()
        form.activateWindow()
    return form


def save_shortcut(qtbot, form) -> None:
    qtbot.keyClick(form, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    written(qtbot, form)


def written(qtbot, writer) -> None:
    """Wait for the write a form, a panel or a dialog started (it runs in the
    task runner's writer; a refused check starts none)."""
    qtbot.waitUntil(lambda: getattr(writer, "save_task", None) is None
                    and getattr(writer, "write_task", None) is None, timeout=10_000)


def pick_company(qtbot, picker, typed: str) -> None:
    """Type into a company picker and click the first company its list offers."""
    type_text(qtbot, picker.edit, typed)
    popup = picker.completer.popup()
    qtbot.waitUntil(lambda: popup.isVisible() and picker.choices.rowCount() > 0)
    rect = popup.visualRect(picker.choices.index(0))
    qtbot.mouseClick(popup.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: picker.value() is not None)


def make_project(ws, unit_id, company_id, **kw) -> str:
    return ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "中药配方颗粒生产基地",
                               "contract_date": dt.date(2026, 3, 10), "contract_investment": "15000", **kw})


# --- widgets --------------------------------------------------------------------------------

def test_money_edit_is_exact_and_shows_thousands(qtbot):
    from zsdesk.ui.widgets import MoneyEdit

    edit = MoneyEdit(field="planned_investment")
    qtbot.addWidget(edit)
    type_text(qtbot, edit, "1.2亿")
    assert edit.value() == Decimal("12000") and isinstance(edit.value(), Decimal)
    edit.editingFinished.emit()
    assert edit.text() == "12,000"
    edit.clear()
    qtbot.keyClicks(edit, "5,000.25")
    assert edit.value() == Decimal("5000.25")
    edit.editingFinished.emit()
    assert edit.text() == "5,000.25"
    edit.setValue(Decimal("1234567.123456"))
    assert edit.text() == "1,234,567.123456" and edit.value() == Decimal("1234567.123456")
    edit.clear()
    assert edit.value() is None
    qtbot.keyClicks(edit, "abc")
    with pytest.raises(ValidationError) as info:
        edit.value()
    assert info.value.field == "planned_investment"
    assert edit.raw_value() == "abc"  # handed to the core, which names the field
    with pytest.raises(TypeError):
        edit.setValue(1.5)  # a float is refused, never rounded in


def test_optional_date_can_be_empty_and_cleared(qtbot):
    from zsdesk.ui.widgets import DateEdit

    edit = DateEdit(optional=True, today=TODAY)
    qtbot.addWidget(edit)
    assert edit.value() is None and edit.calendarPopup()
    edit.setValue(dt.date(2026, 6, 20))
    assert edit.value() == dt.date(2026, 6, 20)
    edit.lineEdit().selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.value() is None
    required = DateEdit(today=TODAY)
    qtbot.addWidget(required)
    assert required.value() == TODAY
    required.setValue(None)
    assert required.value() == TODAY


def test_industry_tree_picker_chooses_a_chain_node(qtbot, qtmodeltester, ws):
    from zsdesk.ui.widgets import IndustryPicker

    picker = IndustryPicker(ws)
    qtbot.addWidget(picker)
    picker.show()
    picker.showPopup()
    tree = picker.popup.tree
    qtbot.waitUntil(tree.isVisible)
    node = next(i for i in ws.reference.list_industries() if i.name == "中药饮片与制剂")
    index = picker.index_of(node.id)
    assert index.parent().isValid()  # a chain node under its 产业
    tree.scrollTo(index)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center())
    assert picker.value() == node.id
    assert picker.currentText() == "现代中医药及大健康 / 中药饮片与制剂（中游）"
    assert not picker.popup.isVisible()
    picker.showPopup()
    type_text(qtbot, picker.popup.filter, "储能")       # the filter keeps matching nodes and their 产业
    storage = picker.index_of(next(i.id for i in ws.reference.list_industries() if i.name == "储能系统"))
    assert not tree.isRowHidden(storage.row(), storage.parent())
    assert not tree.isRowHidden(storage.parent().row(), storage.parent().parent())
    assert tree.isRowHidden(index.row(), index.parent()) and tree.isRowHidden(index.parent().row(), index.parent().parent())
    picker.hidePopup()
    qtmodeltester.check(picker.tree_model)


# --- companies ----------------------------------------------------------------------------

def test_company_duplicate_warning_while_typing_and_save_with_contact(qtbot, ws):
    before = ws.counts()
    form = open_form(qtbot, ws, "companies")
    type_text(qtbot, form.name, SIMILAR_NAME)
    # debounced: the warning comes a moment after typing stops
    qtbot.waitUntil(lambda: COMPANY_NAME in form.duplicate_text())
    assert "名称与“扬子江药业集团有限公司”" in form.duplicate_text() and "相似" in form.duplicate_text()

    qtbot.keyClicks(form.usci, COMPANY_USCI)
    qtbot.waitUntil(lambda: "统一社会信用代码与" in form.duplicate_text())
    click(qtbot, form.save_button)          # the same code is refused by the core
    written(qtbot, form)
    assert "统一社会信用代码与“扬子江药业集团有限公司”" in form.error_text("usci")
    assert form.isVisible() and ws.counts() == before

    form.usci.clear()
    click(qtbot, form.add_contact_button)    # the name cell opens for editing
    editor = QApplication.focusWidget()
    type_text(qtbot, editor, "徐总")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    type_text(qtbot, QApplication.focusWidget(), "投资总监")   # still in the cell when saving
    form.tags.boxes["上市公司"].click()
    save_shortcut(qtbot, form)               # Ctrl+S saves and keeps the form open
    assert form.row_id is not None and form.isVisible()
    after = ws.counts()
    assert after["companies"] == before["companies"] + 1
    assert after["company_contacts"] == before["company_contacts"] + 1
    company = ws.companies.get(form.row_id)
    assert company.name == SIMILAR_NAME and company.tags == "上市公司"
    [contact] = ws.companies.contacts(form.row_id)
    assert (contact.name, contact.title) == ("徐总", "投资总监")
    assert form.windowTitle() == f"企业 — {SIMILAR_NAME}"


@pytest.mark.parametrize(("stored", "typed"), [("江苏恒远新材料科技有限公司", "恒远新材料"),
                                             ("恒远新材料", "江苏恒远新材料科技有限公司")])
def test_company_form_warns_of_the_short_or_full_name_of_a_company(qtbot, ws, stored, typed):
    ws.companies.create({"name": stored})
    form = open_form(qtbot, ws, "companies")
    type_text(qtbot, form.name, typed)
    qtbot.waitUntil(lambda: stored in form.duplicate_text())
    assert f"名称与“{stored}”" in form.duplicate_text() and "相似" in form.duplicate_text()


def test_bad_usci_is_shown_next_to_the_field_and_nothing_saved(qtbot, ws):
    before = ws.counts()
    form = open_form(qtbot, ws, "companies")
    type_text(qtbot, form.name, "泰兴新材料科技有限公司")
    bad = COMPANY_USCI[:-1] + ("0" if COMPANY_USCI[-1] != "0" else "1")
    qtbot.keyClicks(form.usci, bad)
    click(qtbot, form.save_button)
    assert "校验位错误" in form.error_text("usci")
    assert form.usci.hasFocus()                      # the first bad field has the focus
    assert form.error_text("name") == ""
    assert form.isVisible() and ws.counts() == before


def test_company_picker_creates_a_company_inline(qtbot, ws, unit_id):
    form = open_form(qtbot, ws, "visits")
    type_text(qtbot, form.company.edit, "泰兴新材料科技有限公司")
    qtbot.waitUntil(lambda: form.company.hint.isVisible())
    assert "新建" in form.company.hint.text()

    def fill(dialog):
        assert dialog.name.text() == "泰兴新材料科技有限公司"
        type_text(qtbot, dialog.region, "江苏泰州")
        click(qtbot, dialog.save_button)

    modal = Modal(qtbot, fill)
    click(qtbot, form.company.new_button)
    modal.check()
    new_id = form.company.value()
    assert new_id and ws.companies.get(new_id).region == "江苏泰州"
    assert form.company.edit.text() == "泰兴新材料科技有限公司"


def test_tab_leaves_the_company_picker_for_the_next_field_and_alt_n_creates(qtbot, ws):
    form = open_form(qtbot, ws, "visits")
    form.company.setFocus()
    qtbot.waitUntil(form.company.edit.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert form.people.hasFocus()              # 对方人员, the field after 拜访企业
    assert form.company.new_button.focusPolicy() == Qt.FocusPolicy.NoFocus

    seen = []
    modal = Modal(qtbot, lambda dialog: (seen.append(dialog.name.text()), dialog.discard()))
    type_text(qtbot, form.company.edit, "泰兴新材料科技有限公司")
    qtbot.keyClick(form.company.edit, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    modal.check()
    assert seen == ["泰兴新材料科技有限公司"] and form.company.value() is None


def test_company_picker_offers_the_similar_company_instead_of_a_duplicate(qtbot, ws, company_id):
    form = open_form(qtbot, ws, "leads")
    before = ws.counts()["companies"]

    def take_existing(dialog):
        qtbot.waitUntil(lambda: COMPANY_NAME in dialog.duplicate_text())
        dialog.duplicate.linkActivated.emit(company_id)   # the “改用该企业” link

    form.company.edit.setText(SIMILAR_NAME)
    modal = Modal(qtbot, take_existing)
    click(qtbot, form.company.new_button)
    modal.check()
    assert form.company.value() == company_id
    assert ws.counts()["companies"] == before


# --- visits ---------------------------------------------------------------------------------

def test_log_a_visit_with_participants(qtbot, ws, company_id, staff_id, unit_id):
    helper = ws.reference.staff.create({"unit_id": unit_id, "name": "赵干事"})
    before = ws.counts()
    form = open_form(qtbot, ws, "visits")
    form.visit_date.setValue(dt.date(2026, 6, 10))
    pick_company(qtbot, form.company, "扬子江")
    assert form.company.value() == company_id
    form.kind.setCurrentIndex(form.kind.findData("以商招商"))
    type_text(qtbot, form.place, "上海张江")
    form.trip_days.lineEdit().selectAll()
    qtbot.keyClicks(form.trip_days, "2")
    type_text(qtbot, form.people, "徐总（投资总监）")
    view = form.participants
    for sid in (staff_id, helper):
        row = view.model_.ids().index(sid)
        view.setCurrentIndex(view.model_.index(row))
        qtbot.keyClick(view, Qt.Key.Key_Space)     # tick the person
    assert sorted(view.value()) == sorted([staff_id, helper])
    type_text(qtbot, form.outcome, "对方有意在泰兴设生产基地")
    type_text(qtbot, form.next_step, "寄送园区资料")
    form.next_due.setValue(dt.date(2026, 6, 20))
    click(qtbot, form.save_button)
    written(qtbot, form)

    assert not form.isVisible() and form.saved
    after = ws.counts()
    assert after["visits"] == before["visits"] + 1
    assert after["visit_participants"] == before["visit_participants"] + 2
    visit = ws.visits.get(form.row_id)
    assert (visit.visit_date, visit.kind, visit.trip_days, visit.place) == (
        dt.date(2026, 6, 10), "以商招商", 2, "上海张江")
    assert visit.next_due == dt.date(2026, 6, 20) and visit.company_id == company_id
    assert sorted(ws.visits.participants(form.row_id)) == sorted([staff_id, helper])

    # editing the participants rewrites them with the visit, in one save
    edit = open_form(qtbot, ws, "visits", form.row_id)
    edit.participants.check(helper, False)
    save_shortcut(qtbot, edit)
    assert ws.visits.participants(form.row_id) == [staff_id]


def test_next_due_before_visit_date_is_refused_next_to_the_field(qtbot, ws, company_id):
    before = ws.counts()
    form = open_form(qtbot, ws, "visits", company_id=company_id)
    form.visit_date.setValue(dt.date(2026, 6, 10))
    form.next_due.setValue(dt.date(2026, 6, 9))
    click(qtbot, form.save_button)
    assert "下一步截止日期不能早于拜访日期" in form.error_text("next_due")
    assert form.fields["next_due"].error.isVisible()
    assert form.next_due.hasFocus()
    assert form.isVisible() and form.row_id is None and not form.saved
    assert ws.counts() == before


@pytest.mark.parametrize(("typed", "expected"), [
    ("2026-12-01", dt.date(2026, 12, 1)), ("2026.4.12", dt.date(2026, 4, 12)),
    ("20261201", dt.date(2026, 12, 1)), ("2026-7-1", dt.date(2026, 7, 1)), ("2026/6/30", dt.date(2026, 6, 30))])
@pytest.mark.parametrize("save", ["shortcut", "button"])
def test_a_due_date_typed_into_the_empty_field_is_saved_as_typed(qtbot, ws, company_id, typed, expected, save):
    # issue 12: "2026-12-01" typed into a blank 下一步截止 was saved as 2026-12-12
    form = open_form(qtbot, ws, "visits", company_id=company_id)
    form.visit_date.setValue(dt.date(2026, 3, 10))
    assert form.next_due.value() is None
    form.next_due.setFocus()
    qtbot.keyClicks(form.next_due, typed)
    if save == "shortcut":       # the field keeps the focus: the typed text is read at the save
        save_shortcut(qtbot, form)
    else:
        click(qtbot, form.save_button)
        written(qtbot, form)
    assert form.saved, form.error_text("next_due")
    assert ws.visits.get(form.row_id).next_due == expected


def test_a_typed_date_replaces_a_selected_one_and_a_bad_one_is_not_taken(qtbot):
    from zsdesk.ui.widgets import DateEdit

    edit = DateEdit(today=TODAY)
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, "2026-4-1")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.value() == dt.date(2026, 4, 1) and edit.lineEdit().text() == "2026-04-01"
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, "2026-13-01")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.value() == dt.date(2026, 4, 1) and edit.lineEdit().text() == "2026-04-01"
    qtbot.keyClick(edit, Qt.Key.Key_Up)        # the arrows still step a section
    assert edit.value() != dt.date(2026, 4, 1)
    edit.lineEdit().selectAll()
    qtbot.keyClicks(edit, "2026.5.2")
    qtbot.keyClick(edit, Qt.Key.Key_Up)        # from the typed date
    assert dt.date(2026, 5, 2) < edit.value() <= dt.date(2027, 5, 2)


def test_future_visit_date_and_missing_company_are_shown_together(qtbot, ws):
    before = ws.counts()
    form = open_form(qtbot, ws, "visits")
    form.visit_date.setValue(TODAY + dt.timedelta(days=1))
    save_shortcut(qtbot, form)
    assert "晚于今天" in form.error_text("visit_date")
    assert "请选择拜访的企业" in form.error_text("company_id")
    assert form.visit_date.hasFocus()          # the first of the two, in form order
    assert ws.counts() == before


# --- leads and projects ------------------------------------------------------------------

def test_create_a_lead_and_sign_it_through_the_stage_dialog(qtbot, ws, company_id, staff_id):
    from zsdesk.ui.forms.stage import StageDialog

    form = open_form(qtbot, ws, "leads")
    type_text(qtbot, form.name, "中药配方颗粒生产基地")
    pick_company(qtbot, form.company, "yzj")      # pinyin initials find it too
    type_text(qtbot, form.planned, "1.2亿")
    form.owner.setValue(staff_id)
    form.initial_stage.setValue("negotiating")
    form.stage_date.setValue(dt.date(2026, 5, 6))
    save_shortcut(qtbot, form)
    lead_id = form.row_id
    assert lead_id and ws.leads.get(lead_id).planned_investment == Decimal("12000")
    assert ws.leads.get(lead_id).stage == "negotiating"
    assert form.planned.text() == "12,000"
    assert "意向" in form.stage_bar.next_button.text()
    assert not form.fields["stage"].widget.isVisible()   # later moves are actions

    def sign(dialog):
        assert dialog.investment.value() == Decimal("12000")   # the planned investment, to confirm
        dialog.date.setValue(dt.date(2026, 6, 12))
        dialog.investment.clear()
        qtbot.keyClicks(dialog.investment, "15,000")
        click(qtbot, dialog.ok_button)

    modal = Modal(qtbot, sign, expect=StageDialog)
    form.stage_bar.actions_by_stage["signed"].trigger()
    modal.check()

    lead = ws.leads.get(lead_id)
    assert (lead.stage, lead.stage_date) == ("signed", dt.date(2026, 6, 12))
    project_id = form.created_project_id
    assert project_id == ws.projects.id_for_lead(lead_id)
    project = ws.projects.get(project_id)
    assert project.contract_investment == Decimal("15000") and project.contract_date == dt.date(2026, 6, 12)
    assert project.number in form.problem.text()     # "已签约，生成签约项目 …  打开项目"
    assert form.saved
    history = [form.history_model.index(r, 0).data() for r in range(form.history_model.rowCount())]
    assert history == ["在谈", "签约"]
    assert not form.stage_bar.next_button.isVisible()  # nothing after 签约 in the lead's flow


def test_stage_dialog_needs_a_reason_and_a_sane_date(qtbot, ws, unit_id, company_id):
    from zsdesk.ui.forms.stage import StageDialog

    project_id = make_project(ws, unit_id, company_id)
    form = open_form(qtbot, ws, "projects", project_id)

    def stall_without_reason(dialog):
        click(qtbot, dialog.ok_button)
        written(qtbot, dialog)
        assert "不能为空" in dialog.reason_error.text() and dialog.reason_error.isVisible()
        dialog.date.setValue(dt.date(2026, 3, 1))   # before the contract date
        type_text(qtbot, dialog.reason, "企业资金链紧张")
        click(qtbot, dialog.ok_button)
        written(qtbot, dialog)
        assert "不能早于当前阶段" in dialog.date_error.text()
        dialog.reject()

    modal = Modal(qtbot, stall_without_reason, expect=StageDialog)
    form.stage_bar.actions_by_stage["stalled"].trigger()
    modal.check()
    assert ws.projects.get(project_id).stage == "signed" and not form.saved


def test_advance_a_project_to_started_with_a_date(qtbot, ws, unit_id, company_id):
    from zsdesk.ui.forms.stage import StageDialog

    project_id = make_project(ws, unit_id, company_id)
    form = open_form(qtbot, ws, "projects", project_id)
    assert form.stage_bar.next_button.text() == "推进到注册…"

    def start(dialog):
        dialog.date.setValue(dt.date(2026, 6, 1))
        click(qtbot, dialog.ok_button)

    modal = Modal(qtbot, start, expect=StageDialog)
    form.stage_bar.actions_by_stage["started"].trigger()    # 注册 may be skipped
    modal.check()
    project = ws.projects.get(project_id)
    assert (project.stage, project.stage_date) == ("started", dt.date(2026, 6, 1))
    assert form.saved
    assert "开工" in form.stage_bar.text.text() and "2026-06-01" in form.stage_bar.text.text()
    assert form.stage_bar.next_button.text() == "推进到竣工…"
    rows = [(form.history_model.index(r, 0).data(), form.history_model.index(r, 1).data())
            for r in range(form.history_model.rowCount())]
    assert rows == [("签约", "2026-03-10"), ("开工", "2026-06-01")]


def test_capital_arrival_added_in_the_project_form(qtbot, ws, unit_id, company_id):
    project_id = make_project(ws, unit_id, company_id)
    form = open_form(qtbot, ws, "projects", project_id)
    form.tabs.setCurrentIndex(form.arrivals_index)
    panel = form.arrivals
    before = ws.counts()["capital_arrivals"]

    qtbot.keyClicks(panel.amount, "abc")
    click(qtbot, panel.add_button)
    written(qtbot, panel)
    assert "不是有效金额" in panel.error_text("amount")
    panel.date.setValue(dt.date(2026, 3, 1))
    panel.amount.clear()
    qtbot.keyClicks(panel.amount, "100")
    click(qtbot, panel.add_button)
    written(qtbot, panel)
    assert "不能早于签约日期" in panel.error_text("arrival_date")
    assert ws.counts()["capital_arrivals"] == before

    panel.date.setValue(dt.date(2026, 4, 15))
    panel.amount.clear()
    qtbot.keyClicks(panel.amount, "2,500.5")
    type_text(qtbot, panel.note, "首期注册资本金")
    click(qtbot, panel.add_button)
    written(qtbot, panel)
    assert panel.error_text("amount") == "" and panel.error_text("arrival_date") == ""
    [arrival] = ws.projects.arrivals(project_id)
    assert (arrival.arrival_date, arrival.amount, arrival.note) == (
        dt.date(2026, 4, 15), Decimal("2500.5"), "首期注册资本金")
    assert panel.model.rowCount() == 1
    assert panel.model.index(0, 1).data() == "2,500.50"   # to the 分, as the lists show money
    assert "合计 2,500.50 万元" in panel.summary.text() and "16.7%" in panel.summary.text()
    assert form.saved and panel.amount.text() == ""


def test_problems_and_attachments_in_the_project_form(qtbot, ws, unit_id, company_id, tmp_path, monkeypatch):
    from zsdesk.ui.forms.models import ProblemsModel
    from zsdesk.ui.forms.panels import ResolveDialog

    project_id = make_project(ws, unit_id, company_id)
    form = open_form(qtbot, ws, "projects", project_id)
    form.tabs.setCurrentIndex(form.problems_index)
    problems = form.problems
    problems.category.setCurrentIndex(problems.category.findData("用电"))
    click(qtbot, problems.add_button)
    written(qtbot, problems)
    assert "不能为空" in problems.error_text("description")
    type_text(qtbot, problems.description, "双回路供电接入")
    type_text(qtbot, problems.responsible, "县供电公司")
    click(qtbot, problems.add_button)
    written(qtbot, problems)
    [problem] = ws.projects.problems(project_id)
    assert (problem.category, problem.description, problem.resolved) == ("用电", "双回路供电接入", False)
    problems.view.setCurrentIndex(problems.model.index(0, 0))

    def resolve(dialog):
        type_text(qtbot, dialog.resolution, "已接入")
        dialog.accept()

    modal = Modal(qtbot, resolve, expect=ResolveDialog)
    click(qtbot, problems.resolve_button)
    modal.check()
    assert ws.projects.problems(project_id)[0].resolved
    assert problems.model.index(0, ProblemsModel.Column.STATUS).data() == "已解决"

    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data"))   # PostgreSQL: files beside no db file
    contract = tmp_path / "投资合同.pdf"
    contract.write_bytes(b"%PDF-1.4 signed contract")
    assert form.attachments.add_file(str(contract))
    written(qtbot, form.attachments)
    [att] = ws.attachments.list_for("projects", project_id)
    digest = hashlib.sha256(contract.read_bytes()).hexdigest()
    assert att.sha256 == digest and att.kind == "合同"
    assert form.attachments.model.index(0, 3).data() == digest
    assert digest in form.attachments.problem.text()


# --- rights ---------------------------------------------------------------------------------

def _foreign_visit(ws, unit_id, company_id) -> str:
    from zsdesk.db.models import Visit

    other = add_foreign_site(ws)          # 靖江经开区招商单元
    with ws.write(source="test-import") as w:
        return w.insert(Visit, {"number": "JY-U02-V2026-0001", "unit_id": unit_id, "company_id": company_id,
                                "visit_date": dt.date(2026, 6, 1), "kind": "上门招商", "trip_days": 1,
                                "owner_site_id": other})


def test_record_of_another_site_opens_read_only(qtbot, ws, unit_id, company_id):
    visit_id = _foreign_visit(ws, unit_id, company_id)
    before = ws.counts()
    form = open_form(qtbot, ws, "visits", visit_id)
    assert form.read_only
    assert form.banner.isVisible() and form.banner.text() == f"该记录属于“{OTHER_SITE}”，只读"
    assert all(not f.widget.isEnabled() for f in form.fields.values())
    assert not form.save_button.isVisible() and form.cancel_button.text() == "关闭"
    form.place.setText("改不了")           # even when a value is forced in, nothing is written
    save_shortcut(qtbot, form)
    assert form.save() is False and not form.saved
    assert ws.visits.get(visit_id).place is None and ws.counts() == before
    qtbot.keyClick(form, Qt.Key.Key_Escape)  # closes without asking
    assert not form.isVisible()


def _foreign_project(w, other: str, number: str, name: str, unit_id: str, company_id: str) -> str:
    """A signed project of site ``other``, as a sync import writes it."""
    from zsdesk.db.models import Project, ProjectStage

    signed = dt.date(2026, 3, 10)
    pid = w.insert(Project, {"number": number, "unit_id": unit_id, "company_id": company_id, "name": name,
                             "contract_date": signed, "contract_investment": Decimal("8000"), "stage": "signed",
                             "stage_date": signed, "owner_site_id": other})
    w.insert(ProjectStage, {"project_id": pid, "stage": "signed", "stage_date": signed, "owner_site_id": other})
    return pid


def test_project_of_another_site_has_no_actions(qtbot, ws, unit_id, company_id):
    other = add_foreign_site(ws)
    with ws.write(source="test-import") as w:
        pid = _foreign_project(w, other, "JY-U02-2026-0001", "外站项目", unit_id, company_id)
    form = open_form(qtbot, ws, "projects", pid)
    assert form.banner.text() == f"该记录属于“{OTHER_SITE}”，只读"
    assert not form.stage_bar.next_button.isVisible() and not form.stage_bar.actions_by_stage
    assert not form.arrivals.add_button.isEnabled() and not form.arrivals.amount.isEnabled()
    assert not form.problems.add_button.isEnabled()
    assert not form.attachments.add_button.isEnabled()


def test_a_shared_project_of_another_site_takes_this_sites_arrivals_and_problems(qtbot, ws, unit_id,
                                                                                  company_id):
    """飞地: the partner county records money that arrived and problems on its side;
    the project itself, its stages and its files stay the owner's."""
    from zsdesk.db.models import Referral, Unit

    other = add_foreign_site(ws)
    with ws.write(source="test-import") as w:
        their_unit = w.insert(Unit, {"code": "JY-U02", "name": OTHER_SITE, "site_id": other,
                                     "owner_site_id": other})
        pid = _foreign_project(w, other, "JY-U02-2026-0002", "飞地共建项目", their_unit, company_id)
        w.insert(Referral, {"project_id": pid, "from_unit_id": unit_id, "to_unit_id": their_unit,
                            "from_share_investment": Decimal("0.4"), "from_share_tax": Decimal("0.4"),
                            "from_share_score": Decimal("0.4"), "agreed_date": dt.date(2026, 3, 12),
                            "owner_site_id": other})
    form = open_form(qtbot, ws, "projects", pid)
    assert form.read_only and "共享项目" in form.banner.text()
    assert not form.save_button.isVisible() and not form.stage_bar.next_button.isVisible()
    assert form.arrivals.add_button.isEnabled() and form.arrivals.amount.isEnabled()
    assert form.problems.add_button.isEnabled()
    assert not form.attachments.add_button.isEnabled()
    type_text(qtbot, form.arrivals.amount, "1200")
    qtbot.mouseClick(form.arrivals.add_button, Qt.MouseButton.LeftButton)
    written(qtbot, form.arrivals)
    [arrival] = ws.projects.arrivals(pid)
    assert arrival.amount == Decimal("1200") and arrival.owner_site_id == ws.site.id
    assert form.arrivals.model.rowCount() == 1


def test_city_opens_a_county_company_read_only(qtbot, city_ws):
    from zsdesk.db.models import Company

    county = add_foreign_site(city_ws, code="TX-U01", name="泰兴高新区招商单元")
    with city_ws.write(source="test-import") as w:
        cid = w.insert(Company, {"number": "TX-U01-C2026-0001", "name": COMPANY_NAME, "owner_site_id": county})
    form = open_form(qtbot, city_ws, "companies", cid)
    assert form.banner.text() == "该记录属于“泰兴高新区招商单元”，只读"
    assert not form.name.isEnabled() and not form.add_contact_button.isEnabled()
    assert form.contacts_model.read_only and not form.save_button.isVisible()


# --- saving while another program holds the database ------------------------------------------

#: another program: takes the database's write lock, says so, holds it, lets go
HOLD_LOCK = """
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("COMMIT")
"""


@contextlib.contextmanager
def lock_held(ws, seconds: float):
    """Another process holds the write lock of ``ws``'s SQLite file for ``seconds``."""
    if ws.db.path is None:
        pytest.skip("the write lock of another program is a SQLite matter")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(ws.db.path), str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        yield holder
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.wait(10)
        holder.stdout.close()


class Ticks:
    """A timer of the GUI thread: it only ticks while the event loop runs."""

    def __init__(self):
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.timeout.connect(lambda: self.times.append(time.monotonic()))
        self.timer.start(20)

    def stop(self) -> None:
        self.timer.stop()

    @property
    def longest_gap(self) -> float:
        return max(b - a for a, b in zip(self.times, self.times[1:]))


def test_a_save_waits_for_another_programs_lock_while_the_window_keeps_painting(qtbot, ws):
    form = open_form(qtbot, ws, "companies")
    type_text(qtbot, form.name, "泰兴新材料科技有限公司")
    type_text(qtbot, form.region, "江苏泰州")
    with lock_held(ws, 3):
        ticks = Ticks()
        started = time.monotonic()
        click(qtbot, form.save_button)
        # the form waits, disabled, saying so
        assert form.isVisible() and not form.tabs.isEnabled() and not form.save_button.isEnabled()
        assert form.busy.text() == "正在保存…"
        qtbot.waitUntil(lambda: "数据库被其他程序占用，正在重试" in form.busy.text(), timeout=5_000)
        written(qtbot, form)
        waited = time.monotonic() - started
        ticks.stop()
    assert waited > 2.0                                 # it did wait for the other program
    assert len(ticks.times) > 50 and ticks.longest_gap < 1.0   # and the event loop ran all along
    assert form.saved and not form.isVisible()
    company = ws.companies.get(form.row_id)
    assert (company.name, company.region) == ("泰兴新材料科技有限公司", "江苏泰州")


def test_a_save_gives_up_after_a_bounded_wait_and_keeps_the_input(qtbot, ws, monkeypatch):
    from zsdesk.ui import tasks

    monkeypatch.setattr(tasks, "LOCK_WAIT_S", 1.5)
    before = ws.counts()
    form = open_form(qtbot, ws, "companies")
    type_text(qtbot, form.name, "泰兴新材料科技有限公司")
    type_text(qtbot, form.region, "江苏泰州")
    with lock_held(ws, 30):
        click(qtbot, form.save_button)
        qtbot.waitUntil(lambda: "正在重试" in form.busy.text(), timeout=5_000)
        written(qtbot, form)
        message = form.problem.text()
        assert form.problem.isVisible() and "没有保存任何内容" in message and "仍在表单中" in message
        assert form.isVisible() and form.tabs.isEnabled() and form.save_button.isEnabled()
        assert form.busy.text() == ""
        assert (form.name.text(), form.region.text()) == ("泰兴新材料科技有限公司", "江苏泰州")
        assert form.row_id is None and not form.saved and ws.counts() == before
    # the other program has gone: the same input saves
    save_shortcut(qtbot, form)
    assert form.saved and ws.companies.get(form.row_id).region == "江苏泰州"
    assert form.problem.text() == "已保存。"


def test_cancel_while_a_save_waits_stops_it_and_keeps_the_form(qtbot, ws):
    before = ws.counts()
    form = open_form(qtbot, ws, "companies")
    type_text(qtbot, form.name, "泰兴新材料科技有限公司")
    with lock_held(ws, 30):
        click(qtbot, form.save_button)
        qtbot.waitUntil(lambda: "正在重试" in form.busy.text(), timeout=5_000)
        assert form.cancel_button.isEnabled()
        click(qtbot, form.cancel_button)           # stop waiting: the form stays open
        written(qtbot, form)
        assert form.isVisible() and "已停止，未保存" in form.problem.text()
        assert form.name.text() == "泰兴新材料科技有限公司" and form.save_button.isEnabled()
        assert ws.counts() == before


def test_a_save_behind_a_long_write_of_the_window_waits_for_it_and_may_be_stopped(qtbot, ws):
    import threading

    from zsdesk.ui.tasks import runner_for

    form = open_form(qtbot, ws, "companies")
    type_text(qtbot, form.name, "泰兴新材料科技有限公司")
    gate = threading.Event()
    ledger_import = runner_for(form).run(lambda: gate.wait(10), title="导入台账")   # the one writer is busy
    try:
        click(qtbot, form.save_button)
        assert form.busy.text() == "等待“导入台账”完成后保存…" and not form.tabs.isEnabled()
        click(qtbot, form.cancel_button)         # given up at once, not after the import
        written(qtbot, form)
        assert form.isVisible() and "已停止，未保存" in form.problem.text() and ledger_import.running
        click(qtbot, form.save_button)           # asked again: saved once the import is done
        gate.set()
        written(qtbot, form)
    finally:
        gate.set()
    assert form.saved and not ledger_import.running
    assert ws.companies.get(form.row_id).name == "泰兴新材料科技有限公司"


# --- audit trail, cancel, the API --------------------------------------------------------------

def test_audit_tab_lists_who_changed_what(qtbot, ws, company_id):
    from zsdesk.ui.forms.models import AuditModel

    form = open_form(qtbot, ws, "companies", company_id)
    form.region.clear()
    type_text(qtbot, form.region, "江苏南京")
    save_shortcut(qtbot, form)
    assert ws.companies.get(company_id).region == "江苏南京"
    form.tabs.setCurrentIndex(form.audit_index)
    model = form.audit_model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]
    C = AuditModel.Column
    change = next(r for r in rows if r[C.OP] == "修改" and r[C.FIELD] == "所在地区")
    assert (change[C.OLD], change[C.NEW]) == ("江苏泰州", "江苏南京")
    assert change[C.ACTOR] == "测试员" and change[C.SITE] == ws.site.name
    assert change[C.SOURCE] == "本机录入"
    created = [r for r in rows if r[C.OP] == "新建"]
    assert ["企业名称", COMPANY_NAME] in [[r[C.FIELD], r[C.NEW]] for r in created]
    assert rows.index(change) < rows.index(created[0])       # newest first


def test_escape_asks_before_dropping_changes(qtbot, ws, company_id):
    form = open_form(qtbot, ws, "companies", company_id)
    type_text(qtbot, form.address, "泰兴市大庆路")
    assert form.is_dirty()
    keep = Modal(qtbot, lambda box: click(qtbot, button_named(box, "继续编辑")), expect=QMessageBox)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    keep.check()
    assert form.isVisible()
    drop = Modal(qtbot, lambda box: click(qtbot, button_named(box, "放弃")), expect=QMessageBox)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    drop.check()
    assert not form.isVisible() and not form.saved
    assert ws.companies.get(company_id).address is None


def test_new_record_and_open_record_api(qtbot, ws, unit_id):
    from zsdesk.ui.forms import new_record, open_record

    def fill(form):
        type_text(qtbot, form.name, "高新区标准厂房3号楼")
        form.kind.setValue("标准厂房")
        qtbot.keyClicks(form.area, "12000")
        qtbot.keyClicks(form.free_area, "4000")
        click(qtbot, form.save_button)

    modal = Modal(qtbot, fill)
    carrier_id = new_record(None, ws, "carriers", park="泰兴高新区")
    modal.check()
    carrier = ws.carriers.get(carrier_id)
    assert (carrier.name, carrier.kind, carrier.park, carrier.area) == (
        "高新区标准厂房3号楼", "标准厂房", "泰兴高新区", Decimal("12000"))

    def too_much_free_area(form):
        form.free_area.clear()
        qtbot.keyClicks(form.free_area, "13000")
        click(qtbot, form.save_button)
        assert "空置面积不能大于总面积" in form.error_text("free_area")
        form.free_area.clear()
        qtbot.keyClicks(form.free_area, "3000")
        click(qtbot, form.save_button)

    modal = Modal(qtbot, too_much_free_area)
    assert open_record(None, ws, "carriers", carrier_id) is True
    modal.check()
    assert ws.carriers.get(carrier_id).free_area == Decimal("3000")

    modal = Modal(qtbot, lambda form: click(qtbot, form.cancel_button))
    assert open_record(None, ws, "carriers", carrier_id) is False
    modal.check()
    modal = Modal(qtbot, lambda form: click(qtbot, form.cancel_button))
    assert new_record(None, ws, "visits") is None
    modal.check()


def test_every_form_opens_new_and_existing(qtbot, ws, unit_id, company_id):
    lead = ws.leads.create({"unit_id": unit_id, "company_id": company_id, "name": "线索"})
    visit = ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": TODAY})
    carrier = ws.carriers.create({"unit_id": unit_id, "name": "A3地块", "kind": "土地", "area": 120})
    project = make_project(ws, unit_id, company_id, lead_id=lead, carrier_id=carrier, land_mu=120)
    for table, row_id in (("companies", company_id), ("visits", visit), ("leads", lead),
                          ("projects", project), ("carriers", carrier)):
        new = open_form(qtbot, ws, table)
        assert new.row_id is None and not new.is_dirty() and not new.read_only
        existing = open_form(qtbot, ws, table, row_id)
        assert not existing.is_dirty(), table          # loading is not an edit
        assert existing.save() is True and not existing.saved   # nothing changed: nothing written
        assert existing.audit_model.rowCount() > 0
    form = open_form(qtbot, ws, "projects", project)
    assert form.carrier.value() == carrier and form.land.text() == "120" and form.land.unit() == "亩"
    assert "线索" in form.lead_note.text()


# --- models -------------------------------------------------------------------------------------

def test_form_models_pass_the_model_tester(qtbot, qtmodeltester, ws, unit_id, company_id, staff_id, tmp_path,
                                           monkeypatch):
    from zsdesk.ui.forms.models import (
        ArrivalsModel, AttachmentsModel, AuditModel, ContactsModel, ProblemsModel, StageHistoryModel,
    )
    from zsdesk.domain import PROJECT_LABELS
    from zsdesk.ui.widgets import CompanyChoicesModel, StaffCheckModel

    project_id = make_project(ws, unit_id, company_id)
    ws.projects.add_arrival(project_id, "2026-04-15", "3000", "首期")
    ws.projects.add_problem(project_id, "用地", "二期用地指标", "2026-04-01", "自然资源局")
    ws.projects.advance(project_id, "started", "2026-06-01")
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data"))
    file = tmp_path / "凭证.pdf"
    file.write_bytes(b"receipt")
    ws.attachments.add("projects", project_id, file, kind="到资凭证")

    arrivals = ArrivalsModel()
    arrivals.set_rows(ws.projects.arrivals(project_id))
    problems = ProblemsModel()
    problems.set_rows(ws.projects.problems(project_id))
    attachments = AttachmentsModel()
    attachments.set_rows(ws.attachments.list_for("projects", project_id))
    history = StageHistoryModel(PROJECT_LABELS)
    history.set_rows(ws.projects.history(project_id))
    audit = AuditModel({"name": "项目名称"})
    audit.set_changes(ws.audit.history("projects", project_id))
    contacts = ContactsModel()
    contacts.set_contacts([{"name": "徐总", "title": "投资总监"}])
    contacts.add_contact({"name": "李"})
    staff = StaffCheckModel()
    staff.set_staff([(staff_id, "王招商")])
    staff.set_checked([staff_id])
    choices = CompanyChoicesModel()
    choices.set_rows(ws.companies.lookup("扬子"))
    for model in (arrivals, problems, attachments, history, audit, contacts, staff, choices):
        assert model.rowCount() > 0, type(model).__name__
        qtmodeltester.check(model)
    assert arrivals.index(0, 1).data() == "3,000"
    assert history.index(1, 0).data() == "开工"
    assert contacts.setData(contacts.index(1, 2), "0523-1234") and contacts.contacts()[1]["phone"] == "0523-1234"


def test_new_lead_defaults_come_from_the_caller(qtbot, ws, company_id, unit_id):
    form = open_form(qtbot, ws, "leads", company_id=company_id, planned_investment=Decimal("5000"))
    assert form.company.value() == company_id and form.company.edit.text() == COMPANY_NAME
    assert form.planned.value() == Decimal("5000") and form.unit.value() == unit_id
    assert form.first_reported.value() == TODAY


def test_core_contacts_and_lookup(ws, company_id):
    """The service calls the forms rely on: contacts saved with their company in
    one call (add, change, remove), and the picker's lookup."""
    ws.companies.update(company_id, {"contacts": [{"name": "徐总", "phone": "1"}, {"name": "李"}]})
    first = {c.name: c for c in ws.companies.contacts(company_id)}
    ws.companies.update(company_id, {"contacts": [{"id": first["徐总"].id, "name": "徐总", "phone": "2"}]})
    [only] = ws.companies.contacts(company_id)
    assert (only.id, only.phone) == (first["徐总"].id, "2")
    with pytest.raises(ValidationError) as info:
        ws.companies.create({"name": "某公司", "contacts": [{"name": ""}]})
    assert info.value.field == "contacts" and "第1位联系人" in info.value.message
    assert [c.id for c in ws.companies.lookup("yzjyy")] == [company_id]
    assert [c.id for c in ws.companies.lookup(COMPANY_USCI[:8])] == [company_id]
    assert ws.projects.id_for_lead("no-such-lead") is None
    assert ws.carriers.choices() == []
