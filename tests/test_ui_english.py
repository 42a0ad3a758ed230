"""The English interface is wholly English: with English chosen, every label,
button, heading, column title, tab and menu entry of the main pages shows no
Chinese character. Data (company, unit and site names the user typed) stays as
typed; it is taken out of the texts before they are checked."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QGroupBox, QLabel, QMenu, QTabBar, QTableView

from support import TODAY
from zsdesk.db.engine import Database
from zsdesk.services import Workspace, init_site

pytestmark = [pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"),
              pytest.mark.usefixtures("isolated_settings")]

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: what the user typed stays in its own language, and so does a language's own name
DATA = ["简体中文", "泰州市商务局", "海陵区招商局", "高港区招商局", "扬子江药业集团有限公司", "中药配方颗粒生产基地"]
PAGES = ("dashboard", "visits", "leads", "projects", "companies", "carriers", "reports", "sync", "settings",
         "reviews")


@pytest.fixture
def english(qapp, tmp_path):
    from zsdesk.ui import i18n

    assert i18n.install_translators(qapp, "en", cache=tmp_path / "qm") == "en"
    yield
    i18n.install_translators(qapp, "zh_CN")


@pytest.fixture
def city(tmp_path):
    ws = Workspace(Database(f"sqlite:///{tmp_path / 'city.db'}"), today=lambda: TODAY, actor="tester")
    init_site(ws, role="city", code="TZ-CITY", name="泰州市商务局")
    units = [ws.reference.units.create({"code": c, "name": n}) for c, n in (("U01", "海陵区招商局"),
                                                                             ("U02", "高港区招商局"))]
    for unit in units:
        ws.reference.set_target(2026, unit, "signed_investment", "20000")
    company = ws.companies.create({"name": "扬子江药业集团有限公司"})
    ws.projects.create({"unit_id": units[0], "company_id": company, "name": "中药配方颗粒生产基地",
                        "contract_date": dt.date(2026, 3, 10), "contract_investment": "12345.67"})
    yield ws
    ws.close()


def _texts(widget) -> list[tuple[str, str]]:
    """(where, text) for every piece of interface text a person sees on ``widget``."""
    out: list[tuple[str, str]] = []
    for w in [widget, *widget.findChildren(QLabel)]:
        if isinstance(w, QLabel) and w.isVisible():
            out.append((f"label {w.objectName()}", w.text()))
    for b in widget.findChildren(QAbstractButton):
        if b.isVisible():
            out.append((f"button {b.objectName()}", b.text()))
            out.append((f"tooltip {b.objectName()}", b.toolTip()))
    for g in widget.findChildren(QGroupBox):
        if g.isVisible():
            out.append(("group", g.title()))
    for t in widget.findChildren(QTabBar):
        out.extend(("tab", t.tabText(i)) for i in range(t.count()))
    for v in widget.findChildren(QTableView):
        model = v.model()
        if v.isVisible() and model is not None:
            out.extend(("column", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                       for c in range(model.columnCount()))
    for c in widget.findChildren(QComboBox):
        if c.isVisible() and not c.isEditable():
            out.extend(("choice", c.itemText(i)) for i in range(c.count()))
    return out


def _chinese(texts) -> list[tuple[str, str]]:
    found = []
    for where, text in texts:
        for data in DATA:
            text = text.replace(data, "")
        if CJK.search(text or ""):
            found.append((where, text))
    return found


def test_the_english_interface_shows_no_chinese_on_the_main_pages(qtbot, english, city):
    from zsdesk.ui.main_window import MainWindow

    window = MainWindow(city)
    qtbot.addWidget(window)
    window.resize(1360, 900)
    window.show()
    qtbot.waitExposed(window)
    found = []
    for key in PAGES:
        page = window.show_page(key)
        qtbot.waitUntil(lambda p=page: getattr(p, "data", True) is not None, timeout=15_000)
        qtbot.wait(50)
        found += [(key, *hit) for hit in _chinese(_texts(window))]
    for menu in window.menuBar().findChildren(QMenu):
        found += [("menu", a.text()) for a in menu.actions() if CJK.search(a.text())]
    assert not found, "\n".join(map(str, dict.fromkeys(map(tuple, found))))
