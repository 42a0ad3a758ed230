"""The minimal main window: key figures of a real database, the per-unit table
model, and how ``run()`` starts (or refuses to start)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless, before Qt is imported

import argparse
import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from zsdesk.db.engine import Database
from zsdesk.services import Workspace, init_site

TODAY = dt.date(2026, 6, 15)          # 序时进度 166/365 = 45.5%
SITE = {"role": "county", "code": "TX-U01", "name": "泰兴高新区招商单元"}
INVESTMENT = "12345.67"               # 万元
TARGET_INVESTMENT = 30000             # 万元 -> completion 41.2%: 欠进度

# The offscreen platform warns about size hints whenever a top-level window is shown.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


def _workspace(path) -> Workspace:
    return Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="测试员")


def _receive_targets(ws, unit_id: str, targets: dict) -> None:
    """Targets are the city's records: write them as a city package would bring them."""
    from zsdesk.db.models import Site, Target
    from zsdesk.db.types import new_id

    city = new_id()
    with ws.write(source="test-import") as w:
        w.insert(Site, {"id": city, "code": "TZ-CITY", "name": "泰州市商务局", "role": "city",
                        "owner_site_id": city})
        for metric, value in targets.items():
            w.insert(Target, {"year": TODAY.year, "unit_id": unit_id, "metric": metric, "value": value,
                              "owner_site_id": city})


@pytest.fixture
def county(tmp_path):
    """A county site with one company, one project signed this year and two targets."""
    ws = _workspace(tmp_path / "county.db")
    init_site(ws, **SITE)
    [unit] = ws.reference.list_units()
    company = ws.companies.create({"name": "扬子江药业集团有限公司", "region": "江苏泰州"})
    ws.projects.create({"unit_id": unit.id, "company_id": company, "name": "中药配方颗粒生产基地",
                        "contract_date": dt.date(2026, 3, 10), "contract_investment": INVESTMENT})
    _receive_targets(ws, unit.id, {"signed_investment": TARGET_INVESTMENT, "signed_projects": 2})
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, county):
    from zsdesk.ui.main_window import MainWindow

    win = MainWindow(county)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_title_names_the_site_and_its_level(window):
    assert SITE["name"] in window.windowTitle()
    assert "县级" in window.windowTitle()
    assert window.windowTitle().endswith("招商桌面")


def test_cards_show_exact_figures_against_targets(window):
    card = window.cards["signed_investment"]
    assert card.value_label.text() == "12,345.67"
    assert card.unit_label.text() == "万元"
    assert card.target_label.text() == "目标 30,000.00 · 完成 41.2%"
    assert card.badge.text() == "欠进度"            # 41.2% < 序时进度 45.5%

    signed = window.cards["signed_projects"]
    assert signed.value_label.text() == "1"
    assert signed.badge.text() == "超进度"          # 1 of 2 = 50% >= 45.5%

    assert window.pace_label.text() == "序时进度 45.5%"
    assert "2026年度" in window.period_label.text()


def test_a_figure_without_data_says_why_instead_of_zero(window):
    # No project was signed six months before the end: 开工率 is unknown, not 0%.
    card = window.cards["start_rate"]
    assert card.value_label.text() == "—"
    assert card.sub_label.text() == "无签约满6个月的项目"
    assert window.cards["visits"].target_label.text() == "未下达目标"


def test_status_bar_names_the_database_and_sync_state(window, county):
    assert str(county.db.path) in window.db_label.text()
    assert window.sync_label.text() == "尚未同步"
    assert window.migration_label.isHidden()        # a new database needed no migration


def test_unit_table_has_the_unit_with_its_figures(window, qtmodeltester):
    from zsdesk.ui.models import FigureRole, SortRole, UnitColumn

    model = window.unit_model
    assert model.rowCount() == 1
    assert model.index(0, UnitColumn.UNIT).data() == SITE["name"]
    cell = model.index(0, UnitColumn.SIGNED_INVESTMENT)
    assert cell.data() == "12,345.67"
    assert cell.data(SortRole) == Decimal(INVESTMENT)
    assert len(cell.data(FigureRole).row_ids) == 1
    assert model.index(0, UnitColumn.SIGNED_PROJECTS).data() == "1"
    assert "目标 30,000.00" in cell.data(Qt.ItemDataRole.ToolTipRole)
    qtmodeltester.check(model)
    qtmodeltester.check(window.lights_model)


def test_unit_model_sorts_and_keeps_persistent_indexes(county, qtmodeltester):
    """Without widgets: two units, sorted by 签约金额 both ways; None sorts last."""
    from PySide6.QtCore import QPersistentModelIndex

    from zsdesk import metrics
    from zsdesk.ui.models import UnitColumn, UnitTableModel

    [first] = county.reference.list_units()
    second = county.reference.units.create({"code": "TX-U01-B", "name": "第二招商组", "site_id": county.site.id})
    company = county.companies.create({"name": "泰州新能源科技有限公司"})
    county.projects.create({"unit_id": second, "company_id": company, "name": "储能电池项目",
                            "contract_date": dt.date(2026, 5, 1), "contract_investment": "50000"})

    model = UnitTableModel(metrics.year_report(county))
    qtmodeltester.check(model)
    names = lambda: [model.index(r, UnitColumn.UNIT).data() for r in range(model.rowCount())]  # noqa: E731
    held = QPersistentModelIndex(model.index(names().index("第二招商组"), UnitColumn.UNIT))

    model.sort(UnitColumn.SIGNED_INVESTMENT, Qt.SortOrder.DescendingOrder)
    assert names() == ["第二招商组", SITE["name"]]
    assert model.index(0, UnitColumn.SIGNED_INVESTMENT).data() == "50,000.00"
    assert held.row() == 0 and held.data() == "第二招商组"

    model.sort(UnitColumn.SIGNED_INVESTMENT, Qt.SortOrder.AscendingOrder)
    assert names() == [SITE["name"], "第二招商组"]
    assert held.row() == 1

    # No score without targets for every weighted line: rank is empty and sorts last.
    model.sort(UnitColumn.RANK, Qt.SortOrder.AscendingOrder)
    assert [model.index(r, UnitColumn.RANK).data() for r in range(2)] == ["—", "—"]
    qtmodeltester.check(model)


# --- run() ------------------------------------------------------------------------------

def _args(db, *, demo: bool = False) -> argparse.Namespace:
    return argparse.Namespace(db=str(db), demo=demo, command=None)


def test_an_uninitialised_database_is_refused_with_what_to_run(tmp_path):
    from zsdesk.ui.app import NotInitialised, open_for_gui

    with pytest.raises(NotInitialised) as refused:
        open_for_gui(_args(tmp_path / "empty.db"))
    assert "zsdesk init" in str(refused.value)
    assert "zsdesk --demo" in str(refused.value)


def test_run_on_an_uninitialised_database_returns_2(qapp, tmp_path, monkeypatch, capsys):
    from zsdesk.ui.app import run

    monkeypatch.setenv("ZSDESK_QUIT_AFTER_MS", "50")   # closes the message box
    assert run(_args(tmp_path / "empty.db")) == 2
    assert "数据库尚未初始化" in capsys.readouterr().err


def test_run_shows_the_main_window_and_quits_when_told(qapp, county, monkeypatch, capsys):
    from zsdesk.ui.app import SHOWN_MESSAGE, run

    monkeypatch.setenv("ZSDESK_QUIT_AFTER_MS", "100")
    assert run(_args(county.db.path)) == 0
    assert SHOWN_MESSAGE in capsys.readouterr().out


def test_demo_database_is_generated_once(tmp_path):
    demo = pytest.importorskip("zsdesk.demo", reason="the demo generator is not in this tree yet")
    from zsdesk.ui.app import open_for_gui

    steps: list = []
    ws = open_for_gui(_args(tmp_path / "demo.db", demo=True), progress=steps.append)
    try:
        assert ws.initialised and steps
        assert ws.counts()["projects"] > 0
    finally:
        ws.close()
    again = open_for_gui(_args(tmp_path / "demo.db", demo=True),
                         progress=lambda *a: pytest.fail("demo data generated twice"))
    again.close()
    assert demo.generate  # the signature the app calls


def test_bundled_font_is_the_application_font(qapp):
    from zsdesk.resources import CJK_FONT_FAMILY
    from zsdesk.ui.app import prepare_application

    app = prepare_application()
    assert app.font().families()[0] == CJK_FONT_FAMILY
    assert not app.windowIcon().isNull()
