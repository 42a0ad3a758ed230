"""Corrections of a project's rows (issue 12): capital arrivals, problems and
stage entries are edited, or deleted as tombstones with a reason — validated,
audited in the change log, synced, and gone from the figures."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from support import TODAY
from test_sync_kit import shared_project_net
from zsdesk import metrics
from zsdesk.db.models import CapitalArrival, ChangeLog
from zsdesk.errors import ReadOnlyError, RefusedError, ValidationError, ValidationErrors
from zsdesk.metrics import Period


@pytest.fixture(autouse=True)
def own_data_folder(tmp_path, monkeypatch):
    """Attachments of a PostgreSQL workspace live in the data folder (there is no
    database file to sit beside): each test gets its own, so a test that tampers with
    a stored file cannot touch another test's copy of the same content."""
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data"))


def make_project(ws, unit_id, company_id) -> str:
    return ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "中药配方颗粒生产基地",
                               "contract_date": dt.date(2026, 3, 10), "contract_investment": "15000"})


def arrived(ws) -> Decimal | None:
    return metrics.compute(ws, Period(dt.date(2026, 1, 1), TODAY)).total["arrived_capital"].value


def tombstones(ws, table: str, row_id: str) -> list[dict]:
    with ws.read() as s:
        return [json.loads(c.data) for c in s.scalars(select(ChangeLog).where(
            ChangeLog.tbl == table, ChangeLog.row_id == row_id, ChangeLog.op == "D"))]


def test_an_arrival_is_corrected_and_deleted_with_a_reason(ws, unit_id, company_id):
    pid = make_project(ws, unit_id, company_id)
    first = ws.projects.add_arrival(pid, "2026-04-15", "3000", "首期")
    second = ws.projects.add_arrival(pid, "2026-05-20", "2000")
    assert arrived(ws) == Decimal("5000")

    diff = ws.projects.update_arrival(first, "2026-04-16", "3500", "首期（更正）")
    assert set(diff) == {"arrival_date", "amount", "note"}
    assert arrived(ws) == Decimal("5500")
    with pytest.raises((ValidationError, ValidationErrors)):
        ws.projects.update_arrival(first, "2026-03-01", "0")       # before signing, and not > 0
    with pytest.raises(ValidationError) as err:
        ws.projects.delete_arrival(second, "  ")                   # a reason is required
    assert err.value.field == "deleted_reason"

    ws.projects.delete_arrival(second, "重复录入")
    assert [a.id for a in ws.projects.arrivals(pid)] == [first]
    assert arrived(ws) == Decimal("3500")
    [tomb] = tombstones(ws, "capital_arrivals", second)
    assert tomb["deleted"] == [False, True] and tomb["deleted_reason"] == [None, "重复录入"]
    with pytest.raises(RefusedError):
        ws.projects.update_arrival(second, "2026-05-20", "1")      # a deleted row stays deleted


def test_a_problem_is_corrected_and_deleted(ws, unit_id, company_id):
    pid = make_project(ws, unit_id, company_id)
    problem = ws.projects.add_problem(pid, "用地", "用地指标待协调", "2026-04-01")
    ws.projects.update_problem(problem, "用电", "双回路供电待协调", "2026-04-02", "供电公司")
    [p] = ws.projects.problems(pid)
    assert (p.category, p.description, p.raised_date, p.responsible) == (
        "用电", "双回路供电待协调", dt.date(2026, 4, 2), "供电公司")
    ws.projects.delete_problem(problem, "误报")
    assert ws.projects.problems(pid) == []
    assert tombstones(ws, "problems", problem)[0]["deleted_reason"] == [None, "误报"]


def test_stage_entries_are_corrected_and_the_latest_deleted(ws, unit_id, company_id):
    pid = make_project(ws, unit_id, company_id)
    ws.projects.advance(pid, "registered", "2026-04-01")
    ws.projects.advance(pid, "started", "2026-05-01")
    signed, registered, started = ws.projects.history(pid)
    with pytest.raises(ValidationError):
        ws.projects.update_stage_entry(registered.id, "2026-05-02")   # after the next stage
    with pytest.raises(RefusedError):
        ws.projects.delete_stage_entry(signed.id, "不能删")
    ws.projects.update_stage_entry(started.id, "2026-05-03", "奠基")
    project = ws.projects.get(pid)
    assert (project.stage, project.stage_date, project.stage_reason) == ("started", dt.date(2026, 5, 3), "奠基")
    ws.projects.delete_stage_entry(started.id, "开工录早了")
    project = ws.projects.get(pid)
    assert (project.stage, project.stage_date) == ("registered", dt.date(2026, 4, 1))
    assert [h.stage for h in ws.projects.history(pid)] == ["signed", "registered"]
    assert tombstones(ws, "project_stages", started.id)[0]["deleted_reason"] == [None, "开工录早了"]


def test_a_deleted_attachment_keeps_a_file_other_rows_use(ws, unit_id, company_id, tmp_path):
    pid = make_project(ws, unit_id, company_id)
    same, other = tmp_path / "合同.pdf", tmp_path / "凭证.pdf"
    same.write_bytes(b"%PDF contract")
    other.write_bytes(b"%PDF proof")
    first = ws.attachments.add("projects", pid, same, kind="合同")
    second = ws.attachments.add("projects", pid, same, kind="合同")       # the same content again
    proof = ws.attachments.add("projects", pid, other, kind="到资凭证")
    stored = ws.attachments.file_of(first)
    with pytest.raises(ValidationError):
        ws.attachments.delete(first, "")
    ws.attachments.delete(first, "重复上传")
    assert stored.is_file() and ws.attachments.verify(second)             # the other row still uses it
    proof_file = ws.attachments.file_of(proof)
    ws.attachments.delete(proof, "传错文件")
    assert not proof_file.exists()
    assert [a.id for a in ws.attachments.list_for("projects", pid)] == [second]
    assert tombstones(ws, "attachments", proof)[0]["deleted_reason"] == [None, "传错文件"]


@pytest.fixture
def shared(databases, tmp_path):
    return shared_project_net(databases, tmp_path)


def test_corrections_travel_to_the_city_and_respect_ownership(shared):
    net = shared
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    project = net.ids["project"]
    own = tx.projects.add_arrival(project, "2026-05-01", "4000")
    theirs = jj.projects.add_arrival(project, "2026-06-01", "3000")
    wrong = jj.projects.add_arrival(project, "2026-06-02", "100")
    assert net.up("TX-U01").status == "applied"
    assert net.up("JJ-U01").status == "applied"
    assert net.down("JJ-U01").status == "applied"

    # the partner county corrects its own arrivals only; stages are the owner's
    with pytest.raises(ReadOnlyError):
        jj.projects.update_arrival(own, "2026-05-01", "1")
    [signed] = jj.projects.history(project)
    with pytest.raises(ReadOnlyError):
        jj.projects.delete_stage_entry(signed.id, "不是我的")
    jj.projects.update_arrival(theirs, "2026-06-01", "3300")
    jj.projects.delete_arrival(wrong, "金额录错")
    tx.projects.update_arrival(own, "2026-05-02", "4200")

    for code in ("JJ-U01", "TX-U01"):
        result = net.up(code)
        assert result.status == "applied" and not result.report.refused, code
    with city.read() as s:
        assert s.get(CapitalArrival, theirs).amount == Decimal("3300")
        assert s.get(CapitalArrival, own).amount == Decimal("4200")
        gone = s.get(CapitalArrival, wrong)
        assert gone.deleted and gone.deleted_reason == "金额录错"
    assert sorted(a.amount for a in city.projects.arrivals(project)) == [Decimal("3300"), Decimal("4200")]
    assert tombstones(city, "capital_arrivals", wrong)[0]["deleted_reason"] == [None, "金额录错"]
    assert net.down("TX-U01").status == "applied"      # and the owner gets them through the city
    with tx.read() as s:
        assert s.get(CapitalArrival, theirs).amount == Decimal("3300")
        assert s.get(CapitalArrival, wrong).deleted


# --- in the project window (pytest-qt, real widgets) ---------------------------------------------

ui = pytest.mark.qt_log_ignore("This plugin does not support")


def _select(panel, row: int) -> None:
    panel.view.setCurrentIndex(panel.model.index(row, 0))


def _give_reason(qtbot, reason: str):
    from test_ui_forms import Modal, type_text
    from zsdesk.ui.forms.panels import ReasonDialog

    def handler(dialog):
        assert not dialog.ok_button.isEnabled()          # no reason, no delete
        type_text(qtbot, dialog.reason, reason)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    return Modal(qtbot, handler, expect=ReasonDialog)


@ui
def test_an_arrival_is_corrected_and_deleted_in_the_panel(qtbot, ws, unit_id, company_id):
    from test_ui_forms import open_form, type_text, written

    pid = make_project(ws, unit_id, company_id)
    first = ws.projects.add_arrival(pid, "2026-04-15", "3000", "首期")
    second = ws.projects.add_arrival(pid, "2026-05-20", "2000")
    form = open_form(qtbot, ws, "projects", pid)
    form.tabs.setCurrentIndex(form.arrivals_index)
    panel = form.arrivals
    assert "合计 5,000 万元" in panel.summary.text()

    _select(panel, 0)
    qtbot.mouseClick(panel.edit_button, Qt.MouseButton.LeftButton)
    assert panel.add_button.text() == "保存修改" and panel.amount.value() == Decimal("3000")
    panel.amount.clear()
    type_text(qtbot, panel.amount, "3500")
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    written(qtbot, panel)
    assert panel.error_text("amount") == "" and panel.editing is None
    assert ws.projects.arrivals(pid)[0].amount == Decimal("3500") and len(ws.projects.arrivals(pid)) == 2
    assert "合计 5,500 万元" in panel.summary.text()
    assert arrived(ws) == Decimal("5500") and form.saved

    _select(panel, 1)
    modal = _give_reason(qtbot, "重复录入")
    assert panel.delete_selected()
    modal.check()
    written(qtbot, panel)
    assert panel.model.rowCount() == 1 and panel.model.row_object(0).id == first
    assert arrived(ws) == Decimal("3500")
    [tomb] = tombstones(ws, "capital_arrivals", second)
    assert tomb["deleted_reason"] == [None, "重复录入"]


@ui
def test_an_attachment_opens_is_checked_and_deleted(qtbot, ws, unit_id, company_id, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    from test_ui_forms import open_form, written
    from zsdesk.ui.forms.models import AttachmentsModel

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    pid = make_project(ws, unit_id, company_id)
    contract, proof = tmp_path / "合同.pdf", tmp_path / "到资凭证.pdf"
    contract.write_bytes(b"%PDF contract")
    proof.write_bytes(b"%PDF proof")
    ws.attachments.add("projects", pid, contract, kind="合同")
    proof_id = ws.attachments.add("projects", pid, proof, kind="到资凭证")
    form = open_form(qtbot, ws, "projects", pid)
    form.tabs.setCurrentIndex(form.attachments_index)
    panel = form.attachments
    status = AttachmentsModel.Column.STATUS
    assert [panel.model.index(r, status).data() for r in range(2)] == ["✓ 完好", "✓ 完好"]

    _select(panel, 0)
    assert panel.open_selected()
    [url] = opened
    stored = ws.attachments.path_of(panel.model.row_object(0).sha256)
    assert url.isLocalFile() and url.toLocalFile() == str(stored)

    stored.write_bytes(b"%PDF contract, altered")       # tampered in the content store
    panel.refresh()
    assert panel.model.index(0, status).data() == "✗ 文件已被改动或缺失"
    assert panel.model.index(1, status).data() == "✓ 完好"

    _select(panel, 1)
    modal = _give_reason(qtbot, "传错文件")
    assert panel.delete_selected()
    modal.check()
    written(qtbot, panel)
    assert [a.filename for a in panel.model.rows()] == ["合同.pdf"]
    assert tombstones(ws, "attachments", proof_id)[0]["deleted_reason"] == [None, "传错文件"]


@ui
def test_a_stage_entry_is_deleted_in_the_history_tab(qtbot, ws, unit_id, company_id):
    from test_ui_forms import open_form, written

    pid = make_project(ws, unit_id, company_id)
    ws.projects.advance(pid, "registered", "2026-04-01")
    form = open_form(qtbot, ws, "projects", pid)
    form.tabs.setCurrentIndex(form.history_index)
    panel = form.stages
    assert panel.model.rowCount() == 2
    _select(panel, 1)
    modal = _give_reason(qtbot, "注册录错了")
    assert panel.delete_selected()
    modal.check()
    written(qtbot, panel)
    assert ws.projects.get(pid).stage == "signed"
    assert panel.model.rowCount() == 1 and form.current["stage"] == "signed"


@ui
def test_escape_with_unsaved_input_asks_and_keep_editing_keeps_the_window(qtbot, ws, unit_id, company_id):
    from PySide6.QtWidgets import QMessageBox

    from test_ui_forms import Modal, button_named, click, open_form, type_text

    pid = make_project(ws, unit_id, company_id)
    form = open_form(qtbot, ws, "projects", pid)
    qtbot.keyClick(form, Qt.Key.Key_Escape)                # nothing typed: closes as before
    assert not form.isVisible()

    form = open_form(qtbot, ws, "projects", pid)
    form.tabs.setCurrentIndex(form.arrivals_index)
    type_text(qtbot, form.arrivals.amount, "1200")         # typed, not added
    assert not form.is_dirty() and form.pending_panel() is form.arrivals
    asked = []

    def keep(box):
        asked.append(box.text())
        click(qtbot, button_named(box, "继续编辑"))

    modal = Modal(qtbot, keep, expect=QMessageBox)
    qtbot.keyClick(form.arrivals.amount, Qt.Key.Key_Escape)
    modal.check()
    assert asked == ["放弃未保存的修改？"] and form.isVisible()
    assert form.arrivals.amount.value() == Decimal("1200")

    modal = Modal(qtbot, lambda box: click(qtbot, button_named(box, "放弃")), expect=QMessageBox)
    qtbot.keyClick(form, Qt.Key.Key_Escape)
    modal.check()
    assert not form.isVisible() and ws.projects.arrivals(pid) == []
