"""转为线索: a visit becomes a lead in one step — the values a new lead takes
from the visit, the lead and the visit's 关联线索 written together, and the
visit form's button and the visit list's menu driven like a user (real widgets,
a real database file)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from support import TODAY, add_foreign_site, count, log_entries
from test_ui_forms import Modal, click, open_form, pick_company, type_text
from zsdesk.db.models import Industry, Lead, Visit
from zsdesk.errors import ValidationError

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support")


def industry_id(ws, name: str) -> str:
    with ws.read() as s:
        return s.scalar(select(Industry.id).where(Industry.name == name))


@pytest.fixture
def visit_id(ws, unit_id, staff_id, company_id):
    """A visit to 扬子江药业 (产业 中药饮片与制剂) led by 王招商, with an open next step."""
    ws.companies.update(company_id, {"industry_id": industry_id(ws, "中药饮片与制剂")})
    return ws.visits.create({
        "unit_id": unit_id, "company_id": company_id, "visit_date": "2026-06-10", "kind": "上门招商",
        "place": "上海张江", "people": "徐总（投资总监）", "staff_id": staff_id, "participants": [staff_id],
        "outcome": "对方有意在泰兴新建中药配方颗粒生产基地，计划投资约5亿元", "next_step": "寄送园区资料",
        "next_due": "2026-06-30"})


# --- the core ------------------------------------------------------------------------------------

def test_a_new_lead_takes_company_unit_staff_and_what_was_learned_from_the_visit(ws, visit_id, unit_id,
                                                                                   staff_id, company_id):
    number = ws.visits.get(visit_id).number
    values = ws.visits.lead_values(visit_id)
    assert values["from_visit_id"] == visit_id
    assert (values["company_id"], values["unit_id"], values["owner_staff_id"]) == (company_id, unit_id, staff_id)
    assert values["industry_id"] == industry_id(ws, "中药饮片与制剂")          # the company's
    assert values["source"] == f"拜访 {number}"
    assert values["notes"].splitlines() == [
        f"拜访 {number}（2026-06-10，上门招商，上海张江）", "对方人员：徐总（投资总监）",
        "拜访成果：对方有意在泰兴新建中药配方颗粒生产基地，计划投资约5亿元", "下一步：寄送园区资料"]
    assert values["next_followup"] == dt.date(2026, 6, 30)
    assert "name" not in values                                             # the person names the project
    ws.visits.mark_followup_done(visit_id)
    assert ws.visits.lead_values(visit_id)["next_followup"] is None         # nothing left to follow


def test_without_a_leader_the_first_of_our_people_is_responsible(ws, unit_id, staff_id):
    vid = ws.visits.create({"unit_id": unit_id, "visit_date": "2026-06-01", "people": "展会上的客商",
                            "participants": [staff_id]})
    values = ws.visits.lead_values(vid)
    assert values["owner_staff_id"] == staff_id and values["company_id"] is None
    assert values["industry_id"] is None and values["next_followup"] is None


def test_the_lead_and_the_visits_link_are_written_together(ws, visit_id):
    values = {**ws.visits.lead_values(visit_id), "name": "中药配方颗粒生产基地", "planned_investment": "5亿"}
    lead_id = ws.visits.create_lead(visit_id, values)
    lead = ws.leads.get(lead_id)
    assert (lead.name, lead.planned_investment, lead.stage) == ("中药配方颗粒生产基地", 50000, "clue")
    assert lead.source == values["source"] and lead.notes == values["notes"]
    assert lead.first_reported == TODAY and lead.next_followup == dt.date(2026, 6, 30)
    assert ws.visits.get(visit_id).lead_id == lead_id
    [stage] = ws.leads.history(lead_id)
    assert stage.stage == "clue"
    [visit_change] = [e for e in log_entries(ws, "visits", visit_id) if e["op"] == "U"]
    [lead_insert] = [e for e in log_entries(ws, "leads", lead_id)]
    assert visit_change["data"] == {"lead_id": [None, lead_id]}
    assert visit_change["seq"] == lead_insert["seq"] + 2                    # lead, its stage, the link


def test_a_refused_lead_writes_nothing(ws, visit_id):
    before = ws.counts()
    with pytest.raises(ValidationError) as info:
        ws.visits.create_lead(visit_id, ws.visits.lead_values(visit_id))    # no project name
    assert info.value.field == "name" and "不能为空" in info.value.message
    assert ws.counts() == before and ws.visits.get(visit_id).lead_id is None


def test_a_visit_linked_already_keeps_its_lead(ws, visit_id):
    first = ws.visits.create_lead(visit_id, {**ws.visits.lead_values(visit_id), "name": "一期"})
    second = ws.visits.create_lead(visit_id, {**ws.visits.lead_values(visit_id), "name": "二期"})
    assert first != second and count(ws, Lead) == 2
    assert ws.visits.get(visit_id).lead_id == first


def test_a_visit_of_another_site_gives_a_lead_but_is_not_changed(ws, unit_id, company_id):
    other = add_foreign_site(ws)
    with ws.write(source="test-import") as w:
        foreign = w.insert(Visit, {"number": "JY-U02-V2026-0001", "unit_id": unit_id, "company_id": company_id,
                                   "visit_date": dt.date(2026, 6, 2), "kind": "上门招商", "trip_days": 0,
                                   "followup_done": False, "owner_site_id": other})
    lead_id = ws.visits.create_lead(foreign, {**ws.visits.lead_values(foreign), "name": "共同跟进项目"})
    assert ws.leads.get(lead_id).source == "拜访 JY-U02-V2026-0001"
    assert ws.visits.get(foreign).lead_id is None


# --- the window ----------------------------------------------------------------------------------

def _fill_and_save_lead(qtbot, seen: dict, name: str):
    """A Modal handler for the lead form opened by 转为线索: note what it shows, name the project, save."""

    def handler(dialog):
        seen.update(
            table=dialog.table, company=dialog.company.value(), company_text=dialog.company.edit.text(),
            unit=dialog.unit.value(), owner=dialog.owner.value(), industry=dialog.industry.value(),
            source=dialog.source.text(), notes=dialog.notes.toPlainText(),
            followup=dialog.next_followup.value(), banner=dialog.problem.text(),
            focus=dialog.focusWidget() is dialog.name)
        type_text(qtbot, dialog.name, name)
        click(qtbot, dialog.save_button)
    return handler


def test_convert_a_visit_in_its_form(qtbot, ws, visit_id, unit_id, staff_id, company_id):
    form = open_form(qtbot, ws, "visits", visit_id)
    assert form.to_lead_button.isVisible() and form.lead_note.isHidden()
    seen: dict = {}
    modal = Modal(qtbot, _fill_and_save_lead(qtbot, seen, "中药配方颗粒生产基地"))
    click(qtbot, form.to_lead_button)
    modal.check()

    number = ws.visits.get(visit_id).number
    assert seen["table"] == "leads" and seen["focus"]
    assert (seen["company"], seen["unit"], seen["owner"]) == (company_id, unit_id, staff_id)
    assert seen["company_text"] == "扬子江药业集团有限公司"
    assert seen["industry"] == industry_id(ws, "中药饮片与制剂")
    assert seen["source"] == f"拜访 {number}" and seen["followup"] == dt.date(2026, 6, 30)
    assert "拜访成果：对方有意在泰兴新建中药配方颗粒生产基地" in seen["notes"] and "下一步：寄送园区资料" in seen["notes"]
    assert "由拜访转为线索" in seen["banner"]

    [lead] = _leads(ws)
    assert (lead.name, lead.company_id, lead.unit_id, lead.owner_staff_id) == (
        "中药配方颗粒生产基地", company_id, unit_id, staff_id)
    assert lead.source == f"拜访 {number}" and "徐总（投资总监）" in lead.notes
    assert ws.visits.get(visit_id).lead_id == lead.id
    # the visit shows its lead, and converts no more
    assert form.lead_note.isVisible() and lead.number in form.lead_note.text()
    assert not form.to_lead_button.isVisible()
    assert f"已转为线索 {lead.number}" in form.problem.text()
    assert form.saved and not form.is_dirty()
    opened = []
    modal = Modal(qtbot, lambda dialog: (opened.append((dialog.table, dialog.row_id)), dialog.reject()))
    form.lead_note.linkActivated.emit("open")                # “打开线索”
    modal.check()
    assert opened == [("leads", lead.id)]


def test_a_new_visit_is_saved_before_it_becomes_a_lead(qtbot, ws, company_id):
    form = open_form(qtbot, ws, "visits")
    pick_company(qtbot, form.company, "扬子江")
    type_text(qtbot, form.place, "上海")
    shown = []

    def cancel(dialog):
        shown.append(dialog.company.value())
        dialog.discard()
    modal = Modal(qtbot, cancel)
    click(qtbot, form.to_lead_button)                    # saves first (in the background) …
    qtbot.waitUntil(lambda: modal.seen is not None, timeout=10_000)   # … then opens the lead form
    modal.check()
    assert shown == [company_id]                         # the lead form came after the save
    assert form.row_id is not None and ws.visits.get(form.row_id).place == "上海"
    assert _leads(ws) == [] and ws.visits.get(form.row_id).lead_id is None
    assert form.to_lead_button.isVisible()               # not converted: still offered


def test_a_visit_with_a_bad_field_is_not_converted(qtbot, ws, company_id):
    form = open_form(qtbot, ws, "visits")                # no company, no one named: refused
    click(qtbot, form.to_lead_button)
    assert "请选择拜访的企业" in form.error_text("company_id")
    assert form.row_id is None and _leads(ws) == [] and count(ws, Visit) == 0


def test_convert_from_the_visit_lists_menu(qtbot, ws, visit_id, company_id, tmp_path, isolated_settings):
    from zsdesk.ui.pages.visits import VisitsPage

    page = VisitsPage(ws, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    menu = page.row_menu(visit_id)
    texts = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert texts == ["打开", "转为线索…"]
    seen: dict = {}
    modal = Modal(qtbot, _fill_and_save_lead(qtbot, seen, "中药配方颗粒生产基地"))
    menu.actions()[-1].trigger()
    modal.check()
    assert seen["company"] == company_id
    [lead] = _leads(ws)
    assert ws.visits.get(visit_id).lead_id == lead.id
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not page.model.loading)
    # converted: the menu says which lead, and offers no second one
    [_open, linked] = [a for a in page.row_menu(visit_id).actions() if not a.isSeparator()]
    assert linked.text() == f"已关联线索 {lead.number}" and not linked.isEnabled()


def test_right_click_on_a_visit_opens_the_menu(qtbot, ws, visit_id, isolated_settings):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMenu

    from zsdesk.ui.pages.visits import VisitsPage

    page = VisitsPage(ws, None)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    shown = []

    def close_menu():  # runs inside the menu's exec()
        menu = QApplication.activePopupWidget()
        if not isinstance(menu, QMenu):
            QTimer.singleShot(10, close_menu)
            return
        shown.append([a.text() for a in menu.actions() if not a.isSeparator()])
        menu.close()
    QTimer.singleShot(0, close_menu)
    rect = page.view.visualRect(page.model.index(0, 2))
    page.view.customContextMenuRequested.emit(rect.center())
    assert shown == [["打开", "转为线索…"]] and page.current_id() == visit_id


def _leads(ws) -> list[Lead]:
    with ws.read() as s:
        return list(s.scalars(select(Lead).where(~Lead.deleted)))
