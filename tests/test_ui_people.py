"""招商人员 in the app (issue 12): the roster on 设置, per-person targets at the
city, 本机使用人 as the actor of every change, and the 修改记录 tab's revert —
real widgets on real databases."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from zsdesk.db.models import ChangeLog

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"),
              pytest.mark.usefixtures("isolated_settings")]


@pytest.fixture
def settings_page(qtbot, ws, runner):
    def make(workspace=None):
        from zsdesk.ui.pages.settings import SettingsPage

        page = SettingsPage(workspace or ws, runner)
        qtbot.addWidget(page)
        page.resize(1200, 900)
        page.show()
        qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
        return page

    return make


def open_form(qtbot, ws, table: str, row_id: str | None = None, **defaults):
    from zsdesk.ui.forms import make_form

    form = make_form(None, ws, table, row_id, **defaults)
    qtbot.addWidget(form, before_close_func=lambda f: f.discard())
    form.show()
    return form


def _fill_staff_dialog(name: str, title: str, phone: str) -> None:
    """When the 新增招商人员 dialog opens: type into it and save."""
    from zsdesk.ui.pages.settings import StaffDialog

    def fill():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, StaffDialog):
            QTimer.singleShot(20, fill)
            return
        dialog.name_edit.setText(name)
        dialog.title_edit.setText(title)
        dialog.phone_edit.setText(phone)
        dialog.save()

    QTimer.singleShot(0, fill)


def _roster_names(page) -> dict[str, bool]:
    return {p.name: p.active for p in page.staff_model.rows}


def test_a_county_adds_a_person_who_is_offered_as_owner_then_deactivates_them(qtbot, settings_page, ws,
                                                                              qtmodeltester):
    page = settings_page()
    assert _roster_names(page) == {"王招商": True}
    assert page.add_staff_button.isVisible() and not page.staff_targets_button.isVisible()   # targets: the city's
    _fill_staff_dialog("李小分", "副科长", "0523-8888")
    with qtbot.waitSignal(page.saved, timeout=10_000) as saved:
        page.add_staff_button.click()
    assert saved.args == ["staff"]
    qtbot.waitUntil(lambda: "李小分" in _roster_names(page), timeout=5000)
    qtmodeltester.check(page.staff_model)
    person = next(s for s in ws.reference.list_staff() if s.name == "李小分")
    assert (person.title, person.phone, person.unit_id) == ("副科长", "0523-8888", ws.reference.list_units()[0].id)

    lead = open_form(qtbot, ws, "leads")
    assert lead.owner.findData(person.id) >= 0                  # offered as 包保责任人
    lead.discard()

    page.staff_table.selectRow([p.name for p in page.staff_model.rows].index("李小分"))
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.toggle_staff()
    qtbot.waitUntil(lambda: _roster_names(page).get("李小分") is False, timeout=5000)
    assert ws.reference.staff.get(person.id).active is False    # kept, not deleted
    lead = open_form(qtbot, ws, "leads")
    assert lead.owner.findData(person.id) < 0                   # no longer offered


def test_a_person_without_a_name_is_refused_next_to_the_field(qtbot, settings_page, ws):
    from zsdesk.ui.pages.settings import StaffDialog

    page = settings_page()
    dialog = StaffDialog(ws, page.tasks, page.data.roster_units, page)
    qtbot.addWidget(dialog)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.errors["name"].isHidden(), timeout=5000)
    assert [s.name for s in ws.reference.list_staff()] == ["王招商"]


def test_the_chosen_user_signs_every_change(qtbot, settings_page, ws, company_id):
    from zsdesk.ui.pages import apply_my_staff

    page = settings_page()
    ws.actor = ws.default_actor = None                          # the app opens without an actor
    page.staff_combo.setCurrentIndex(page.staff_combo.findText("王招商", flags=QtMatchStartsWith()))
    assert ws.actor == "王招商"

    form = open_form(qtbot, ws, "companies", company_id)
    form.region.setText("江苏南京")
    assert form.save("stay")
    qtbot.waitUntil(lambda: form.save_task is None, timeout=10_000)
    with ws.read() as s:
        last = s.scalars(select(ChangeLog).where(ChangeLog.tbl == "companies")
                         .order_by(ChangeLog.seq.desc()).limit(1)).one()
    assert last.actor == "王招商" and "region" in last.data

    page.staff_combo.setCurrentIndex(0)                          # nobody chosen
    assert ws.actor is None
    ws.actor = "别人"
    page.staff_combo.setCurrentIndex(page.staff_combo.findText("王招商", flags=QtMatchStartsWith()))
    ws.actor = None
    assert apply_my_staff(ws) == "王招商" and ws.actor == "王招商"     # at the window's start


def QtMatchStartsWith():
    from PySide6.QtCore import Qt

    return Qt.MatchFlag.MatchStartsWith


def _audit_rows(form):
    model = form.audit_model
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_the_audit_tab_reverts_one_change_with_a_new_audited_write(qtbot, ws, company_id):
    from zsdesk.ui.forms.models import AuditModel

    C = AuditModel.Column
    form = open_form(qtbot, ws, "companies", company_id)
    form.region.setText("江苏南京")
    assert form.save("stay")
    qtbot.waitUntil(lambda: form.save_task is None, timeout=10_000)
    form.tabs.setCurrentIndex(form.audit_index)
    rows = _audit_rows(form)
    change = next(r for r in rows if r[C.OP] == "修改" and r[C.FIELD] == "所在地区")
    assert (change[C.OLD], change[C.NEW], change[C.ACTOR]) == ("江苏泰州", "江苏南京", "测试员")
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", change[C.TIME])   # Beijing time, to the minute

    form.audit_view.selectRow(rows.index(change))
    with qtbot.waitSignal(form.save_finished, timeout=10_000) as done:
        form.revert_button.click()
    assert done.args == [True]
    assert ws.companies.get(company_id).region == "江苏泰州"
    assert form.region.text() == "江苏泰州" and not form.is_dirty()
    rows = _audit_rows(form)
    newest = rows[0]                                             # newest first
    assert (newest[C.OP], newest[C.FIELD], newest[C.OLD], newest[C.NEW], newest[C.ACTOR]) == \
        ("修改", "所在地区", "江苏南京", "江苏泰州", "测试员")
    with ws.read() as s:
        entries = s.scalars(select(ChangeLog).where(ChangeLog.tbl == "companies",
                                                    ChangeLog.row_id == company_id)).all()
    assert sum('"region"' in e.data for e in entries if e.op == "U") == 2

    # the first change again: the field was changed since, so it is refused and nothing is written
    older = next(r for r in rows[1:] if r[C.FIELD] == "所在地区" and r[C.NEW] == "江苏南京")
    form.audit_view.selectRow(rows.index(older))
    with qtbot.waitSignal(form.save_finished, timeout=10_000) as done:
        form.revert_button.click()
    assert done.args == [False] and "之后又被修改过" in form.audit_note.text()
    assert ws.companies.get(company_id).region == "江苏泰州"


def test_the_city_sets_a_person_target_and_edits_a_county_person(qtbot, settings_page, city_ws):
    from zsdesk.app import reference
    from zsdesk.ui.pages.settings import StaffTargetsDialog

    unit = city_ws.reference.units.create({"code": "U01", "name": "海陵区招商局"})
    person = reference.add_staff(city_ws, {"unit_id": unit, "name": "赵专班"})
    page = settings_page(city_ws)
    assert page.staff_targets_button.isVisible()
    dialog = StaffTargetsDialog(city_ws, page.tasks, page.data.roster, page._metric_names(), 2026, page)
    qtbot.addWidget(dialog)
    dialog.metric_combo.setCurrentIndex(dialog.metric_combo.findData("major_projects"))
    dialog.value_edit.setText("1")
    dialog.save()
    qtbot.waitUntil(lambda: "赵专班" in dialog.list_label.text(), timeout=10_000)
    [target] = reference.staff_targets(city_ws, 2026)
    assert (target.staff_id, target.unit_id, target.metric, Decimal(target.value)) == \
        (person, unit, "major_projects", Decimal(1))
    assert city_ws.reference.targets_for(2026) == {}          # not a unit's target

    dialog.value_edit.setText("很多")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.errors["value"].isHidden(), timeout=10_000)

    # the city may edit a person a county keeps (docs: sync.rights.CITY_MAINTAINS)
    city_ws.check_can_edit("staff", "a-county-site-id")


def test_reverting_a_lead_owner_and_a_stage_through_the_application_layer(ws, unit_id, company_id, staff_id):
    from zsdesk.app import RefusedError, ValidationError, records

    lead = ws.leads.create({"name": "新能源电池项目", "company_id": company_id, "unit_id": unit_id})
    ws.leads.update(lead, {"owner_staff_id": staff_id, "planned_investment": "8000"})
    changes = {c.field: c for c in ws.audit.history("leads", lead) if c.op == "U"}
    records.revert_change(ws, "leads", lead, "planned_investment", changes["planned_investment"].old,
                          changes["planned_investment"].new)
    assert ws.leads.values(lead)["planned_investment"] is None
    latest = [c for c in ws.audit.history("leads", lead) if c.op == "U"][-1]
    assert (latest.field, latest.old, latest.new) == ("planned_investment", "8000", None)
    # an emptied 包保责任人 is written as empty: reverting the owner's first setting clears it
    records.revert_change(ws, "leads", lead, "owner_staff_id", changes["owner_staff_id"].old,
                          changes["owner_staff_id"].new)
    assert ws.leads.values(lead)["owner_staff_id"] is None
    latest = [c for c in ws.audit.history("leads", lead) if c.op == "U"][-1]
    assert (latest.field, latest.old, latest.new) == ("owner_staff_id", staff_id, None)
    with pytest.raises(ValidationError):              # a stage moves only by 推进
        records.revert_change(ws, "leads", lead, "stage", "negotiating", ws.leads.values(lead)["stage"])
    with pytest.raises(RefusedError):
        records.revert_change(ws, "sites", ws.site.id, "name", "a", "b")


def test_the_city_edits_the_excellent_rule_and_a_county_reads_it(qtbot, settings_page, city_ws, ws):
    """个人赛马's 优秀 rule (Bozhou's by default) is edited on 设置 at the city;
    a bad number is refused next to its field; a county sees it read-only."""
    from zsdesk.app.people import people_rule

    page = settings_page(city_ws)
    edits = page.rule_edits
    assert edits["one_project_min"].text() == "10000" and edits["or_projects"].text() == "2"
    assert page.rule_industrial_check.isChecked() and page.rule_text.text().startswith("现行规则：")
    edits["or_projects"].setText("两个")
    page.save_rule_button.click()
    qtbot.waitUntil(lambda: page.rule_errors["or_projects"].isVisible(), timeout=10_000)
    assert people_rule(city_ws).or_projects == 2                      # nothing written
    edits["or_projects"].setText("3")
    edits["sum_min"].setText("15000")
    page.rule_industrial_check.setChecked(False)
    with qtbot.waitSignal(page.saved, timeout=10_000):
        page.save_rule_button.click()
    rule = people_rule(city_ws)
    assert (rule.or_projects, rule.sum_min, rule.industrial_only) == (3, Decimal("15000"), False)
    assert "个人赛马优秀规则已保存" in page.status_label.text()

    county = settings_page(ws)
    assert not county.save_rule_button.isVisible() and county.rule_edits["sum_min"].isReadOnly()
    assert not county.rule_industrial_check.isEnabled()
