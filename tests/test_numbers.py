"""One formatter for money and numbers (``zsdesk.numbers``): 四舍五入 on the exact
Decimal, and 12.345 万元 reads "12.35" in a list, on the 工作台, in the PDF 简报
and in the Excel 台账 alike."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from zsdesk import numbers
from zsdesk.metrics import Figure

AMOUNT = "12.345"   # 万元: a tie at the 分, where half-even and a float both give 12.34


# --- the formatter ----------------------------------------------------------------------------

@pytest.mark.parametrize("value,text", [
    (Decimal("12.345"), "12.35"),
    (Decimal("0.005"), "0.01"),
    (Decimal("2.675"), "2.68"),      # a float 2.675 is 2.67499…: round(2.675, 2) == 2.67
    (2.675, "2.68"),                 # a float goes through its shortest repr, not its binary value
    ("2.665", "2.67"),               # half-even would give 2.66
    (Decimal("-12.345"), "-12.35"),  # ties away from zero
    (Decimal("-0.005"), "-0.01"),
    (Decimal("-0.004"), "0.00"),     # never "-0.00"
    (Decimal("1234567.891"), "1,234,567.89"),
    (12000, "12,000.00"),
])
def test_money_rounds_half_up_with_separators(value, text):
    assert numbers.money(value) == text


def test_money_in_yi_and_auto():
    assert numbers.money(Decimal("12345"), "亿元") == "1.23"        # 1.2345亿
    assert numbers.money(Decimal("12350"), "亿元") == "1.24"        # 1.235亿: half up
    assert numbers.money(Decimal("-12350"), "亿元") == "-1.24"
    assert numbers.money(Decimal("12345"), "亿元", show_unit=True) == "1.23亿元"
    assert numbers.money(Decimal("12345"), "auto") == "1.23亿元"
    assert numbers.money(Decimal("9999.995"), "auto") == "10,000.00万元"   # below 1亿: 万元
    assert numbers.money(Decimal("200000"), "auto", yi_from=100000) == "20.00亿元"


def test_whole_exact_unknown():
    assert numbers.money(Decimal("12000"), whole=True) == "12,000"
    assert numbers.money(Decimal("12000.005"), whole=True) == "12,000.01"
    assert numbers.money(None) == "—" and numbers.percent(None) == "—" and numbers.count(None) == "—"
    assert numbers.money(None, unknown="") == ""
    assert numbers.exact(Decimal("12345.678900")) == "12,345.6789"
    assert numbers.exact(Decimal("12000.000000")) == "12,000"
    assert numbers.money(Decimal("12.3456"), decimals=None) == "12.3456"


def test_counts_numbers_and_percentages():
    assert numbers.count(12345) == "12,345" and numbers.count(Decimal("86.5")) == "87"
    assert numbers.number(Decimal("85")) == "85" and numbers.number(Decimal("85.125")) == "85.13"
    assert numbers.percent(Decimal("0.4565")) == "45.7%"        # half-even would give 45.6%
    assert numbers.percent(Decimal("-0.0005")) == "-0.1%"
    assert numbers.percent(Decimal("12.3456")) == "1,234.6%"
    assert numbers.percent(Decimal("0.5"), sign=False) == "50.0"


def test_figures_display_through_the_formatter():
    assert Figure("x", "", "万元", Decimal(AMOUNT)).display() == "12.35"
    assert Figure("x", "", "%", Decimal("0.0005")).display() == "0.1%"
    assert Figure("x", "", "分", Decimal("2.675")).display() == "2.68"
    assert Figure("x", "", "个", Decimal(3)).display() == "3"
    assert Figure("x", "", "万元", None).display() == "—"


# --- every place a person reads it -------------------------------------------------------------

@pytest.fixture
def signed(ws, unit_id, company_id) -> str:
    """One project signed this year for 12.345 万元."""
    return ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "小额试点项目",
                               "contract_date": "2026-05-08", "contract_investment": AMOUNT})


def test_the_list_shows_12_35(ws, signed):
    from zsdesk.services.queries import ListQuery
    from zsdesk.ui.lists import ListModel, ProjectColumn, SortRole

    model = ListModel(ws, "projects")
    model.set_query(ListQuery("projects", row_ids=(signed,)))
    cell = model.index(0, ProjectColumn.CONTRACT_INVESTMENT)
    assert cell.data() == "12.35"
    assert cell.data(SortRole) == Decimal(AMOUNT)            # sorting keeps the exact amount


@pytest.mark.usefixtures("isolated_settings")
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_dashboard_shows_12_35(qtbot, ws, signed, runner):
    from zsdesk.ui.pages.dashboard import DashboardPage

    page = DashboardPage(ws, runner)
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitUntil(lambda: page.data is not None, timeout=10_000)
    assert page.cards["signed_investment"].value_label.text() == "12.35"


def test_the_brief_prints_12_35(ws, signed, tmp_path):
    from zsdesk.reports import periods
    from zsdesk.reports.brief import make_brief

    kind, period = periods.parse_period("2026-05", None)
    out = tmp_path / "brief.pdf"
    make_brief(ws, period, kind, out)
    text = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in PdfReader(str(out)).pages))
    assert "签约金额12.35万元" in text
    assert "12.34" not in text


def test_the_ledger_holds_the_exact_number_shown_with_two_decimals(ws, signed, tmp_path):
    from zsdesk.ledgers import export_ledger

    result = export_ledger(ws, "projects", tmp_path / "p.xlsx", year=2026)
    sheet = load_workbook(result.path)["签约项目台账"]
    headers = [c.value for c in sheet[3]]
    cell = sheet.cell(row=4, column=headers.index("合同投资(万元)") + 1)
    assert cell.data_type == "n" and cell.value == 12.345     # the number itself, not text
    # "#,##0.00": Excel and LibreOffice show the decimal 12.345 as 12.35 (half away from zero)
    assert cell.number_format == numbers.EXCEL_MONEY == "#,##0.00"
    # the file holds the decimal digits written from the Decimal, no binary noise
    with zipfile.ZipFile(result.path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<v>12.345</v>" in xml


def test_the_statistics_workbook_formats_money_like_the_screens(ws, signed, tmp_path):
    from zsdesk.ledgers import export_stats

    wb = load_workbook(export_stats(ws, tmp_path / "s.xlsx", year=2026).path)
    sheet = wb["指标汇总"]
    rows = {r[1].value: r for r in sheet.iter_rows(min_row=4) if r[1].value}
    value = rows["签约金额"][3]
    assert value.value == 12.345 and value.number_format == "#,##0.00"
