"""简报设置 and 打印 on the 简报 page: the real dialog driven with qtbot on real
SQLite files, the PDF made again and read back (pypdf), and printing into a
real PDF printer (``QPrinter`` with ``PdfFormat``: no print dialog, no paper).

Only the save-file dialog is stubbed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from pypdf import PdfReader

from test_brief import build
from test_ui_reports_page import WAIT, click, save_as
from zsdesk.reports import brief
from zsdesk.reports.periods import parse_period

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]

QtPdf = pytest.importorskip("PySide6.QtPdf", reason="QtPdf is not installed: the page opens the system viewer")


@pytest.fixture
def backend() -> str:
    """The page works on the SQLite file of a desktop."""
    return "sqlite"


@pytest.fixture
def open_page(qtbot, runner):
    from zsdesk.ui.pages.reports import ReportsPage

    def make(ws):
        page = ReportsPage(ws, runner)
        qtbot.addWidget(page)
        page.resize(1200, 1000)
        page.show()
        qtbot.waitUntil(lambda: page.data is not None and page._text_loaded_for is not None, timeout=WAIT)
        return page

    return make


@pytest.fixture
def city(city_ws):
    """The city with two units, projects and scoring rules (the data set of test_brief)."""
    ref = city_ws.reference
    units = {code: ref.units.create({"code": code, "name": name, "sort_order": i})
             for i, (code, name) in enumerate((("A", "甲单元"), ("B", "乙单元")), 1)}
    build(city_ws, units)
    ref.new_scoring_rules({"signed_projects": 50, "signed_investment": 50}, {"overdue_start": 2}, note="测试规则")
    return city_ws


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(path) -> list[str]:
    return [flat(p.extract_text() or "") for p in PdfReader(str(path)).pages]


def pdf_printer(path: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setResolution(96)        # enough to read the page back; keeps the test fast
    return printer


def open_dialog(qtbot, page):
    qtbot.waitUntil(lambda: page.brief_settings is not None, timeout=WAIT)
    click(qtbot, page.settings_button)
    dialog = page.settings_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.settings is not None, timeout=WAIT)
    return dialog


def type_into(qtbot, widget, text: str) -> None:
    """Replace the text as a person does: select all, Delete, then the input
    method commits the Chinese (QTest can only type Latin-1 keys)."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    if text:
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)
    current = widget.text() if hasattr(widget, "text") else widget.toPlainText()
    assert current == text


type_lines = type_into


def set_spin(qtbot, spin, value: int) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    assert spin.value() == value


# --- the city -------------------------------------------------------------------------------

def test_the_city_sets_head_foot_and_issue_and_the_next_pdf_prints_them(qtbot, city, open_page, tmp_path,
                                                                        monkeypatch):
    page = open_page(city)
    page.set_period("monthly", "2026-05")
    qtbot.waitUntil(lambda: page.brief_settings is not None and page.brief_settings.code == "2026-05",
                    timeout=WAIT)
    assert page.issue_label.text() == "第5期（按日历）"
    dialog = open_dialog(qtbot, page)
    assert dialog.heading.text() == "月报 2026-05（2026年5月）"
    assert dialog.title_caption.text() == "简报名称（月报）"
    assert dialog.title_edit.text() == "招商引资工作简报" and dialog.office_edit.text() == ""
    assert dialog.office_edit.placeholderText() == "泰州市商务局"
    assert dialog.confidential_check.isChecked() and dialog.issue_spin.value() == 5
    assert not dialog.calendar_button.isEnabled() and "按日历" in dialog.issue_note.text()
    assert dialog.copies_spin.value() == 30 and dialog.list_limit_spin.value() == 20
    assert dialog.save_button.isVisible() and dialog.banner.isHidden()

    # refused values: each message under its field, nothing saved, the dialog stays open
    type_into(qtbot, dialog.title_edit, "")
    type_lines(qtbot, dialog.recipient_edits["送"], "市" * 301)
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.error_text("title") != "", timeout=WAIT)
    assert dialog.error_text("title") == "不能为空"
    assert dialog.error_text("recipients:送") == "“送”过长（最多300字）"
    assert dialog.error_text("copies") == "" and dialog.isVisible()
    assert brief.brief_settings(city)["titles"]["monthly"] == "招商引资工作简报"
    assert dialog.save_button.isEnabled()

    # filled in as an office would
    type_into(qtbot, dialog.title_edit, "招商引资月度调度简报")
    type_into(qtbot, dialog.office_edit, "泰州市招商引资工作领导小组办公室")
    dialog.confidential_check.setFocus()
    qtbot.keyClick(dialog.confidential_check, Qt.Key.Key_Space)
    assert not dialog.confidential_check.isChecked()
    type_lines(qtbot, dialog.recipient_edits["报"], "市委书记、市长")
    type_lines(qtbot, dialog.recipient_edits["送"], "市发展改革委，市财政局")
    type_lines(qtbot, dialog.recipient_edits["发"], "各县（市、区）商务局")
    set_spin(qtbot, dialog.copies_spin, 45)
    set_spin(qtbot, dialog.list_limit_spin, 5)
    set_spin(qtbot, dialog.issue_spin, 12)
    assert dialog.calendar_button.isEnabled() and "按日历为第5期" in dialog.issue_note.text()
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        click(qtbot, dialog.save_button)
    settings = saved.args[0]
    assert type(settings).__dataclass_params__.frozen           # a plain value from zsdesk.app
    assert (settings.title, settings.office, settings.confidential, settings.copies, settings.list_limit,
            settings.issue, settings.calendar_issue) == (
        "招商引资月度调度简报", "泰州市招商引资工作领导小组办公室", False, 45, 5, 12, 5)
    qtbot.waitUntil(lambda: page.settings_dialog is None, timeout=WAIT)   # closed
    assert page.issue_label.text() == "第12期（市级设定）"
    assert "简报设置已保存" in page.brief_status.text()
    stored = brief.brief_settings(city)
    assert stored["titles"]["weekly"] == "招商引资工作快报"              # only this kind's title changed
    assert stored["recipients"] == {"报": "市委书记、市长", "送": "市发展改革委，市财政局", "发": "各县（市、区）商务局"}

    # the next PDF uses them
    out = tmp_path / "五月.pdf"
    save_as(monkeypatch, out)
    with qtbot.waitSignal(page.brief_made, timeout=WAIT) as made:
        click(qtbot, page.make_brief_button)
    assert made.args[0].issue == 12
    pages = pdf_pages(out)
    first, last = pages[0], pages[-1]
    assert "招商引资月度调度简报" in first and "第12期" in first and "第5期" not in first
    assert "泰州市招商引资工作领导小组办公室" in first and "内部资料" not in first
    assert "报：市委书记、市长" in last and "送：市发展改革委，市财政局" in last
    assert "发：各县（市、区）商务局" in last and "共印45份" in last
    assert PdfReader(str(out)).metadata.title == "招商引资月度调度简报 2026年第12期"

    # 按日历 takes the number back; the brief is 第5期 again
    dialog = open_dialog(qtbot, page)
    assert dialog.issue_spin.value() == 12 and dialog.office_edit.text() == "泰州市招商引资工作领导小组办公室"
    click(qtbot, dialog.calendar_button)
    assert dialog.issue_spin.value() == 5 and not dialog.calendar_button.isEnabled()
    with qtbot.waitSignal(dialog.saved, timeout=WAIT):
        click(qtbot, dialog.save_button)
    assert brief.issue_override(city, "monthly", "2026-05") is None
    assert page.issue_label.text() == "第5期（按日历）"


def test_print_makes_the_brief_and_prints_every_page(qtbot, city, open_page, tmp_path):
    page = open_page(city)
    page.set_period("monthly", "2026-04")
    qtbot.waitUntil(lambda: page._text_loaded_for == ("monthly", "2026-04"), timeout=WAIT)
    assert page.print_brief_button.isVisible()        # beside 生成简报, before any brief is made
    printed = tmp_path / "printer-output.pdf"
    made_paths = []
    page.brief_made.connect(lambda result: made_paths.append((result.path, result.pages, result.issue)))
    with qtbot.waitSignal(page.brief_printed, timeout=WAIT) as done:
        page.print_brief(pdf_printer(printed))
    [(made, pages, issue)] = made_paths
    assert issue == 4 and done.args[0] == pages == len(PdfReader(str(printed)).pages) > 1
    assert f"送打印机（{pages}页）" in page.brief_status.text()
    assert not made.exists() and not made.parent.exists()         # the temporary PDF is gone
    assert page.make_brief_button.isEnabled() and page.print_brief_button.isEnabled()
    assert page.open_brief_button.isHidden()                       # nothing was saved to open


# --- the printing routine -------------------------------------------------------------------

def test_print_pdf_renders_each_page_and_honours_a_page_range(city, tmp_path, qapp):
    from zsdesk.ui.printing import PrintError, print_pdf

    kind, period = parse_period("2026-Q2")
    source = brief.make_brief(city, period, kind, tmp_path / "q2.pdf", list_limit=0)
    seen = []
    out = tmp_path / "all.pdf"
    assert print_pdf(source.path, pdf_printer(out), report=lambda *a: seen.append(a)) == source.pages
    assert len(PdfReader(str(out)).pages) == source.pages
    assert seen[0][:2] == (0, source.pages) and seen[-1][:2] == (source.pages, source.pages)
    # the printed page is the brief's page (its text is an image now: compare the size)
    box = PdfReader(str(out)).pages[0].mediabox
    assert round(float(box.width)) in (595, 596) and round(float(box.height)) in (841, 842)   # A4

    printer = pdf_printer(tmp_path / "second.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert print_pdf(source.path, printer) == 1
    assert len(PdfReader(str(tmp_path / "second.pdf")).pages) == 1

    assert print_pdf(source.path, pdf_printer(tmp_path / "stopped.pdf"), cancelled=lambda: True) == 0
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    with pytest.raises(PrintError) as e:
        print_pdf(broken, pdf_printer(tmp_path / "x.pdf"))
    assert "无法读取要打印的 PDF 文件" in str(e.value)


# --- a county ----------------------------------------------------------------------------------

def test_a_county_sees_the_settings_read_only_and_why(qtbot, ws, open_page):
    page = open_page(ws)
    qtbot.waitUntil(lambda: page.brief_settings is not None, timeout=WAIT)
    assert page.issue_label.text() == "预检稿，不编期号"
    dialog = open_dialog(qtbot, page)
    assert dialog.read_only and dialog.banner.isVisible()
    text = dialog.banner.text()
    assert "预检稿" in text and "泰兴高新区招商单元" in text and "由市级设置" in text
    assert dialog.save_button.isHidden() and dialog.cancel_button.text() == "关闭"
    assert dialog.title_edit.isReadOnly() and dialog.recipient_edits["报"].isReadOnly()
    assert dialog.office_edit.placeholderText() == "泰兴高新区招商单元"
    for widget in (dialog.confidential_check, dialog.issue_spin, dialog.copies_spin, dialog.list_limit_spin,
                   dialog.calendar_button):
        assert not widget.isEnabled()
    assert dialog.issue_note.text() == "预检稿不编期号"
    assert not dialog.save()                                            # nothing can be written
    click(qtbot, dialog.cancel_button)
    qtbot.waitUntil(lambda: page.settings_dialog is None, timeout=WAIT)


def test_the_people_section_is_printed_when_the_city_ticks_it(qtbot, city, open_page, tmp_path, monkeypatch):
    """个人赛马 as an optional section of the brief (issue 13): off by default, on
    from the settings dialog; the figures are those of ``zsdesk.people``."""
    from zsdesk.people import compute_people
    from zsdesk.reports.periods import parse_period

    units = {u.code: u.id for u in city.reference.list_units()}
    unit = next(iter(units.values()))
    person = city.reference.staff.create({"unit_id": unit, "name": "周招商"})
    company = city.companies.create({"name": "周氏精工测试有限公司"})
    city.projects.create({"unit_id": unit, "company_id": company, "name": "周氏精工产业园", "category": "工业",
                          "contract_date": "2026-05-06", "contract_investment": "15000", "owner_staff_id": person})
    page = open_page(city)
    page.set_period("monthly", "2026-05")
    out = tmp_path / "off.pdf"
    save_as(monkeypatch, out)
    with qtbot.waitSignal(page.brief_made, timeout=WAIT):
        click(qtbot, page.make_brief_button)
    assert "个人赛马" not in flat("".join(pdf_pages(out)))

    dialog = open_dialog(qtbot, page)
    assert not dialog.people_check.isChecked()
    dialog.people_check.setFocus()
    qtbot.keyClick(dialog.people_check, Qt.Key.Key_Space)
    with qtbot.waitSignal(dialog.saved, timeout=WAIT) as saved:
        click(qtbot, dialog.save_button)
    assert saved.args[0].people_section
    out = tmp_path / "on.pdf"
    save_as(monkeypatch, out)
    with qtbot.waitSignal(page.brief_made, timeout=WAIT):
        click(qtbot, page.make_brief_button)
    text = flat("".join(pdf_pages(out)))
    assert "个人赛马" in text and "周招商" in text and "优秀" in text
    [me] = [p for p in compute_people(city, parse_period("2026-05")[1]).people if p.name == "周招商"]
    assert me.excellent and me["signed_investment"].display() in text
