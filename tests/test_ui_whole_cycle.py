"""The whole cycle through the window only (issue 12, "done when").

A city and two counties start from empty database files. Every action below is
a click or a keystroke on the real widgets of each site's main window (its
pages, forms and dialogs); the only stand-ins are the file dialogs, which
return a folder or file of the test, and the "join this city?" question, which
the person answers yes. Files travel between the three databases through the
sync folder exactly as on a USB stick. The database is read only to check
what a person would check on screen.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.exceptions import TimeoutError as WaitTimeout
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QLineEdit
from sqlalchemy import func, select

from support import make_usci
from test_ui_alerts import in_dialog
from test_ui_forms import Modal, open_form, pick_company, type_text, written
from zsdesk.db.models import Alert, CapitalArrival, Project, Referral, Target, Visit

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support"),
              pytest.mark.usefixtures("isolated_settings")]

WAIT = 30_000
HENGYUAN_USCI = make_usci("91321283MA1XY0123")


@pytest.fixture
def backend() -> str:
    return "sqlite"


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose_file(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def choose_save(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))


def choose_folder(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(path))


def scalar(ws, query):
    with ws.read() as s:
        return s.scalar(query)


# --- the sites' windows ------------------------------------------------------------------------------

def first_start(qtbot, ws):
    from zsdesk.ui.first_start import FirstStartWindow

    window = FirstStartWindow(ws, confirm=lambda parent, info: True)
    qtbot.addWidget(window)
    window.show()
    return window


def main_window(qtbot, databases, name: str):
    """The main window of the database ``name``, opened again as the app does after the first start."""
    from zsdesk.ui.main_window import MainWindow

    ws = databases.workspace(databases.url(name))
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.resize(1366, 860)
    window.show()
    return window


def go(qtbot, window, key: str):
    """Click the page's entry in the navigation list; wait for its data."""
    row = [e.key for e in window.entries].index(key)
    item = window.nav.item(row)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=window.nav.visualItemRect(item).center())
    page = window.pages[key]
    assert window.stack.currentWidget() is page
    if hasattr(page, "data"):
        qtbot.waitUntil(lambda: page.data is not None, timeout=WAIT)
    return page


def in_modal(qtbot, handler, kind=None) -> Modal:
    return Modal(qtbot, handler, expect=kind)


def add_unit(qtbot, page, code: str, name: str) -> None:
    from zsdesk.ui.pages.settings import UnitDialog

    def fill(dialog):
        qtbot.keyClicks(dialog.code_edit, code)
        type_text(qtbot, dialog.name_edit, name)
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))

    modal = in_modal(qtbot, fill, UnitDialog)
    click(qtbot, page.add_unit_button)
    modal.check()
    qtbot.waitUntil(lambda: any(u.code == code for u in page.units_model.rows), timeout=WAIT)


def add_staff(qtbot, page, name: str, title: str) -> None:
    from zsdesk.ui.pages.settings import StaffDialog

    def fill(dialog):
        type_text(qtbot, dialog.name_edit, name)
        type_text(qtbot, dialog.title_edit, title)
        qtbot.keyClicks(dialog.phone_edit, "13800000000")
        click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Save))

    modal = in_modal(qtbot, fill, StaffDialog)
    click(qtbot, page.add_staff_button)
    modal.check()
    qtbot.waitUntil(lambda: any(p.name == name for p in page.staff_model.rows), timeout=WAIT)


def make_setup_file(qtbot, page, monkeypatch, code: str, out: Path) -> None:
    def pick(dialog):
        combo = dialog.findChild(type(page.target_combo))
        combo.setCurrentIndex(combo.findData(code))
        dialog.accept()

    choose_save(monkeypatch, out)
    modal = in_modal(qtbot, pick)
    click(qtbot, page.setup_button)
    modal.check()
    qtbot.waitUntil(lambda: out.is_file() and "已生成" in page.export_status.text(), timeout=WAIT)


def join_county(qtbot, databases, monkeypatch, name: str, setup: Path):
    ws = databases.workspace(databases.url(name))
    window = first_start(qtbot, ws)
    choose_file(monkeypatch, setup)
    click(qtbot, window.choose_setup_button)
    qtbot.waitUntil(lambda: window.join_button.isVisible(), timeout=WAIT)
    click(qtbot, window.join_button)
    qtbot.waitUntil(lambda: window.site is not None, timeout=WAIT)
    window.close()
    return main_window(qtbot, databases, name)


def export_to(qtbot, window, monkeypatch, folder: Path) -> list[str]:
    page = go(qtbot, window, "sync")
    folder.mkdir(exist_ok=True)
    choose_folder(monkeypatch, folder)
    with qtbot.waitSignal(page.exported, timeout=WAIT) as done:
        click(qtbot, page.export_button)
    paths, verified = done.args
    assert verified and "可以安全拔出U盘" in page.export_status.text()
    return paths


def import_file(qtbot, window, monkeypatch, path) -> None:
    page = go(qtbot, window, "sync")
    choose_file(monkeypatch, Path(path))
    click(qtbot, page.import_button)
    qtbot.waitUntil(lambda: page.import_button.isEnabled(), timeout=WAIT)
    assert page.apply_button.isVisible(), page.import_banner.text()
    with qtbot.waitSignal(page.loaded, timeout=WAIT):
        click(qtbot, page.apply_button)
    assert not page.preview_panel.isVisible()


def record_county_work(qtbot, window, *, staff: str, company: str, usci: str, visit_day: dt.date,
                       project: str | None = None) -> None:
    """What a county clerk does on an ordinary day: the staff roster, 本机使用人,
    a company, a visit; for TX also a lead signed into a project."""
    ws = window.ws
    settings = go(qtbot, window, "settings")
    add_staff(qtbot, settings, staff, "招商专员")
    combo = settings.staff_combo
    combo.setCurrentIndex(next(i for i in range(combo.count()) if combo.itemText(i).startswith(staff)))

    form = open_form(qtbot, ws, "companies")
    type_text(qtbot, form.name, company)
    qtbot.keyClicks(form.usci, usci)
    click(qtbot, form.save_button)
    written(qtbot, form)
    assert form.saved, form.problem.text()

    visit = open_form(qtbot, ws, "visits")
    visit.visit_date.setValue(visit_day)
    pick_company(qtbot, visit.company, company[:4])
    type_text(qtbot, visit.place, "上海张江")
    type_text(qtbot, visit.people, "徐总（投资总监）")
    type_text(qtbot, visit.outcome, "对方有意设生产基地")
    type_text(qtbot, visit.next_step, "寄送园区资料")
    click(qtbot, visit.save_button)
    written(qtbot, visit)
    assert visit.saved, (visit.problem.text(), {n: visit.error_text(n) for n in visit.fields})
    if project is None:
        return

    from zsdesk.ui.forms.stage import StageDialog

    lead = open_form(qtbot, ws, "leads")
    type_text(qtbot, lead.name, project)
    pick_company(qtbot, lead.company, company[:4])
    type_text(qtbot, lead.planned, "5亿")
    lead.owner.setCurrentIndex(next(i for i in range(lead.owner.count()) if lead.owner.itemText(i).startswith(staff)))
    lead.initial_stage.setValue("negotiating")
    lead.stage_date.setValue(visit_day)
    click(qtbot, lead.save_button)
    written(qtbot, lead)

    def sign(dialog):
        dialog.date.setValue(visit_day + dt.timedelta(days=5))
        click(qtbot, dialog.ok_button)

    modal = in_modal(qtbot, sign, StageDialog)
    lead.stage_bar.actions_by_stage["signed"].trigger()
    modal.check()
    assert lead.created_project_id


def attribute_to_tx(qtbot, dialog) -> None:
    """The 撞车 dialog: the investor is TX's (首报首谈, pre-selected), with a reason."""
    radio = dialog.attributed
    qtbot.mouseClick(radio, Qt.MouseButton.LeftButton, pos=QPoint(radio.height() // 2, radio.height() // 2))
    assert dialog.unit.currentText().startswith("泰兴"), dialog.unit.currentText()
    type_text(qtbot, dialog.reason, "泰兴首报首谈，靖江停止接触")
    click(qtbot, dialog.ok_button)


def test_the_whole_cycle_in_the_window(qtbot, databases, tmp_path, monkeypatch):
    stick = tmp_path / "U盘"

    # -- the city starts fresh ---------------------------------------------------------------------------
    city_ws = databases.workspace(databases.url("city"))
    start = first_start(qtbot, city_ws)
    qtbot.keyClicks(start.code_edit, "TZ-CITY")
    type_text(qtbot, start.name_edit, "泰州市招商办")
    click(qtbot, start.create_button)
    qtbot.waitUntil(lambda: start.site is not None, timeout=WAIT)
    start.close()
    city = main_window(qtbot, databases, "city")
    assert "泰州市招商办" in city.windowTitle()

    settings = go(qtbot, city, "settings")
    add_unit(qtbot, settings, "TX-U01", "泰兴高新区招商单元")
    add_unit(qtbot, settings, "JJ-U01", "靖江经开区招商单元")
    sync = go(qtbot, city, "sync")
    setups = {code: tmp_path / f"入网-{code}.json" for code in ("TX-U01", "JJ-U01")}
    for code, path in setups.items():
        make_setup_file(qtbot, sync, monkeypatch, code, path)

    # -- two counties start fresh and join through the first-start window -------------------------------
    tx = join_county(qtbot, databases, monkeypatch, "tx", setups["TX-U01"])
    jj = join_county(qtbot, databases, monkeypatch, "jj", setups["JJ-U01"])
    assert "泰兴高新区招商单元" in tx.windowTitle() and "靖江经开区招商单元" in jj.windowTitle()

    # -- they record their work ----------------------------------------------------------------------------
    record_county_work(qtbot, tx, staff="王招商", company="江苏恒远新材料科技有限公司", usci=HENGYUAN_USCI,
                       visit_day=dt.date(2026, 5, 3), project="恒远新材料产业园")
    record_county_work(qtbot, jj, staff="李招商", company="恒远新材料科技（靖江）有限公司", usci=HENGYUAN_USCI,
                       visit_day=dt.date(2026, 5, 10))
    project_id = scalar(tx.ws, select(Project.id))
    assert scalar(tx.ws, select(Project.contract_investment)) == Decimal("50000")

    # TX corrects a capital arrival in the project form
    form = open_form(qtbot, tx.ws, "projects", project_id)
    form.tabs.setCurrentIndex(form.arrivals_index)
    panel = form.arrivals
    panel.date.setValue(dt.date(2026, 5, 20))
    qtbot.keyClicks(panel.amount, "3000")
    click(qtbot, panel.add_button)
    written(qtbot, panel)
    panel.view.selectRow(0)
    click(qtbot, panel.edit_button)
    panel.amount.clear()
    qtbot.keyClicks(panel.amount, "3500")
    click(qtbot, panel.add_button)
    written(qtbot, panel)
    assert "合计 3,500 万元" in panel.summary.text()
    form.close()

    # TX recommends its major project for 落户预审
    reviews = go(qtbot, tx, "reviews")

    def recommend(dialog):
        dialog.project.setValue(project_id)
        dialog.date.setValue(dt.date(2026, 5, 25))
        click(qtbot, dialog.ok_button)

    click(qtbot, reviews.recommend_button)
    qtbot.waitUntil(lambda: reviews.dialog is not None and reviews.dialog.isVisible(), timeout=WAIT)
    recommend(reviews.dialog)
    qtbot.waitUntil(lambda: reviews.model.rowCount() == 1, timeout=WAIT)

    # -- each exports to the stick; the city imports both -------------------------------------------------
    [tx_file] = export_to(qtbot, tx, monkeypatch, stick)
    [jj_file] = export_to(qtbot, jj, monkeypatch, stick)
    import_file(qtbot, city, monkeypatch, tx_file)
    import_file(qtbot, city, monkeypatch, jj_file)
    assert scalar(city.ws, select(func.count()).select_from(Visit)) == 2
    assert scalar(city.ws, select(CapitalArrival.amount).where(~CapitalArrival.deleted)) == Decimal("3500")

    # -- the city handles the 撞车 ----------------------------------------------------------------------
    sync = go(qtbot, city, "sync")
    qtbot.waitUntil(lambda: sync.alerts_model.rowCount() == 1, timeout=WAIT)
    sync.alerts_table.selectRow(0)
    failures = in_dialog(sync, lambda dialog: attribute_to_tx(qtbot, dialog))
    with qtbot.waitSignal(sync.loaded, timeout=WAIT):
        click(qtbot, sync.handle_alert_button)
    assert not failures, failures
    assert sync.alerts_model.rows == [] and sync.handled_table.isVisible()

    # -- 预审 to 通过 -------------------------------------------------------------------------------------
    reviews = go(qtbot, city, "reviews")
    qtbot.waitUntil(lambda: reviews.model.rowCount() == 1, timeout=WAIT)
    for step, day, comment in (("joint_review", 26, "联席会原则同意"), ("leader_review", 27, "同意"),
                               ("approved", 28, "准予落户")):
        reviews.view.selectRow(0)
        click(qtbot, reviews.step_button)
        qtbot.waitUntil(lambda: reviews.dialog is not None and reviews.dialog.isVisible(), timeout=WAIT)
        dialog = reviews.dialog
        dialog.step.setValue(step)
        dialog.date.setValue(dt.date(2026, 5, day))
        type_text(qtbot, dialog.comment, comment)
        click(qtbot, dialog.ok_button)
        qtbot.waitUntil(lambda step=step: reviews.dialog is None and reviews.model.rows
                        and reviews.model.rows[0].step == step, timeout=WAIT)

    # -- a 飞地 referral from the project form --------------------------------------------------------------
    project_form = open_form(qtbot, city.ws, "projects", project_id)
    click(qtbot, project_form.referral_button)
    referral = project_form.referral_dialog
    combo = referral.from_unit
    combo.setCurrentIndex(next(i for i in range(combo.count()) if "靖江" in combo.itemText(i)))
    referral.investment.setValue(40)
    referral.tax.setValue(30)
    referral.score.setValue(50)
    click(qtbot, referral.ok_button)
    qtbot.waitUntil(lambda: project_form.referral_dialog is None, timeout=WAIT)
    project_form.close()
    assert scalar(city.ws, select(func.count()).select_from(Referral)) == 1

    # -- targets for 2026 -----------------------------------------------------------------------------------
    settings = go(qtbot, city, "settings")
    table, model = settings.targets_table, settings.targets_model
    for attempt in range(3):   # the page reloads on being shown: an editor open meanwhile is reset
        row = next(r for r, u in enumerate(model.units) if u.code == "TX-U01")
        cell = table.visualRect(model.index(row, 1)).center()
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=cell)
        qtbot.waitUntil(lambda: table.viewport().findChild(QLineEdit) is not None, timeout=WAIT)
        editor = table.viewport().findChild(QLineEdit)
        qtbot.keyClicks(editor, "8")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        try:
            qtbot.waitUntil(lambda: bool(model.pending()), timeout=5_000)   # the delegate commits queued
            break
        except WaitTimeout:
            if attempt == 2:
                raise
    click(qtbot, settings.save_targets_button)
    qtbot.waitUntil(lambda: scalar(city.ws, select(func.count()).select_from(Target)) == 1, timeout=WAIT)

    # -- the monthly brief, made and printed --------------------------------------------------------------
    reports = go(qtbot, city, "reports")
    reports.set_period("monthly", "2026-05")
    qtbot.waitUntil(lambda: reports._text_loaded_for == ("monthly", "2026-05"), timeout=WAIT)
    type_text(qtbot, reports.text_edit, "一是抓好签约项目开工。")
    brief = tmp_path / "五月简报.pdf"
    choose_save(monkeypatch, brief)
    with qtbot.waitSignal(reports.brief_made, timeout=WAIT):
        click(qtbot, reports.make_brief_button)
    text = "".join(p.extract_text() or "" for p in PdfReader(str(brief)).pages).replace(" ", "")
    assert "恒远新材料产业园" in text and "抓好签约项目开工" in text
    # … and printed: the print dialog's printer is a PDF "printer" here
    from PySide6.QtPrintSupport import QPrintDialog

    paper = tmp_path / "printed.pdf"

    def to_paper(dialog):       # no printer on this machine: Qt's "print to file (PDF)"
        printers = dialog.findChild(QComboBox, "printers")
        printers.setCurrentIndex(next(i for i in range(printers.count()) if "PDF" in printers.itemText(i)))
        dialog.findChild(QLineEdit, "filename").setText(str(paper))
        dialog.accept()

    modal = in_modal(qtbot, to_paper, QPrintDialog)
    with qtbot.waitSignal(reports.brief_printed, timeout=WAIT) as printed:
        click(qtbot, reports.print_brief_button)
    modal.check()
    assert printed.args[0] == len(PdfReader(str(brief)).pages) == len(PdfReader(str(paper)).pages)

    # -- the return files; each county sees the city's receipt and the review's outcome --------------------
    returns = export_to(qtbot, city, monkeypatch, stick / "return")
    assert len(returns) == 2
    for window, code in ((tx, "TX-U01"), (jj, "JJ-U01")):
        [mine] = [p for p in returns if f"-{code}-" in p]
        import_file(qtbot, window, monkeypatch, mine)
        qtbot.waitUntil(lambda window=window: window.sync_label.text().startswith("泰州市招商办已收到截至"),
                        timeout=WAIT)
    reviews = go(qtbot, tx, "reviews")
    qtbot.waitUntil(lambda: reviews.model.rows and reviews.model.rows[0].step == "approved", timeout=WAIT)
    assert reviews.model.rows[0].comment == "准予落户"
    assert scalar(tx.ws, select(func.count()).select_from(Referral)) == 1
    assert scalar(jj.ws, select(func.count()).select_from(Referral)) == 1
    # the city's 撞车 decision travels too: both counties see it on their 同步 page
    for window in (tx, jj):
        page = go(qtbot, window, "sync")
        qtbot.waitUntil(lambda page=page: page.handled_table.isVisible(), timeout=WAIT)
        assert page.handled_title.text().startswith("市里近30天已处理")
        assert scalar(window.ws, select(Alert.status)) == "attributed"

