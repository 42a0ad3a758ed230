"""List pages on a real SQLite file: search as you type (pinyin too), filter
chips, sort by clicking a header, column widths and choice kept in QSettings,
drill-down, opening records, and every table model through qtmodeltester."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless, before Qt is imported

import datetime as dt
import json
import sys
import types
import uuid
from decimal import Decimal
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QSettings, Qt

from zsdesk.db.engine import Database
from zsdesk.services import Workspace, init_site
from zsdesk.services import queries as Q

TODAY = dt.date(2026, 6, 15)
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def settings(tmp_path, qapp):
    """QSettings in a folder of the test, under an organisation name of its own."""
    org, domain = qapp.organizationName(), qapp.organizationDomain()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    qapp.setOrganizationName(f"zsdesk-test-{uuid.uuid4().hex[:8]}")
    qapp.setOrganizationDomain("test.invalid")
    yield QSettings
    qapp.setOrganizationName(org)
    qapp.setOrganizationDomain(domain)
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


@pytest.fixture(scope="module")
def db_file(tmp_path_factory):
    """A county database with 华为技术 among other companies, 34 visits (more than
    a small page), leads and projects. Built once; the tests only read it."""
    path = tmp_path_factory.mktemp("lists") / "county.db"
    ws = Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="测试员")
    init_site(ws, role="county", code="TX-U01", name="泰兴高新区招商单元")
    [u1] = ws.reference.list_units()
    u2 = ws.reference.units.create({"code": "TX-U02", "name": "黄桥镇招商分局"})
    wang = ws.reference.staff.create({"unit_id": u1.id, "name": "王招商"})
    hw = ws.companies.create({"name": "华为技术有限公司", "region": "广东深圳"})
    byd = ws.companies.create({"name": "比亚迪股份有限公司", "region": "广东深圳"})
    yz = ws.companies.create({"name": "扬子江药业集团有限公司", "region": "江苏泰州"})
    hw_visits = ws.visits.create_many([
        {"unit_id": u1.id, "company_id": hw, "visit_date": f"2026-0{m}-1{m}", "kind": "上门招商",
         "place": "深圳市龙岗区", "people": "张总", "staff_id": wang} for m in (1, 3, 5)])
    other_visits = ws.visits.create_many([
        {"unit_id": u2 if i % 2 else u1.id, "company_id": byd if i % 3 else yz,
         "visit_date": dt.date(2025, 1, 1) + dt.timedelta(days=9 * i),
         "kind": "来访接待" if i % 2 else "企业走访/安商稳商", "place": "泰兴", "people": f"客户{i}",
         "trip_days": i % 4} for i in range(31)])
    leads = {
        "green": ws.leads.create({"unit_id": u1.id, "company_id": hw, "name": "华为算力中心项目",
                                  "stage_date": "2026-06-01", "planned_investment": "5亿"}),
        "red": ws.leads.create({"unit_id": u2, "company_id": byd, "name": "储能电池项目",
                                "stage_date": "2025-12-01"}),
    }
    projects = {
        "red": ws.projects.create({"unit_id": u1.id, "company_id": hw, "name": "华为智能制造基地",
                                   "contract_date": "2025-11-01", "contract_investment": "12345.67"}),
        "green": ws.projects.create({"unit_id": u2, "company_id": yz, "name": "高端制剂产业园",
                                     "contract_date": "2026-06-01", "contract_investment": "5亿"}),
    }
    arrival = ws.projects.add_arrival(projects["green"], "2026-06-10", "3000")
    ws.carriers.create({"unit_id": u1.id, "name": "高新区标准厂房1号楼", "kind": "标准厂房", "area": "12000"})
    foreign = _foreign_visit(ws, u2, hw)
    ws.close()
    return SimpleNamespace(path=path, u1=u1.id, u2=u2, hw=hw, hw_visits=set(hw_visits) | {foreign},
                           other_visits=other_visits, leads=leads, projects=projects, arrival=arrival,
                           foreign=foreign)


def _foreign_visit(ws, unit_id, company_id) -> str:
    """A visit owned by another site, as a sync import would bring it."""
    from support import add_foreign_site
    from zsdesk.db.models import Visit

    other = add_foreign_site(ws)
    with ws.write(source="test-import") as w:
        return w.insert(Visit, {"number": "JY-U02-V2026-0001", "unit_id": unit_id, "company_id": company_id,
                                "visit_date": dt.date(2026, 6, 2), "kind": "上门招商", "trip_days": 0,
                                "followup_done": False, "owner_site_id": other})


@pytest.fixture
def ws(db_file):
    workspace = Workspace(Database(f"sqlite:///{db_file.path}"), today=lambda: TODAY, actor="测试员")
    yield workspace
    workspace.close()


def make_page(qtbot, ws, name="visits", tasks=None):
    from zsdesk.ui.pages.carriers import CarriersPage
    from zsdesk.ui.pages.companies import CompaniesPage
    from zsdesk.ui.pages.leads import LeadsPage
    from zsdesk.ui.pages.projects import ProjectsPage
    from zsdesk.ui.pages.visits import VisitsPage

    cls = {"visits": VisitsPage, "leads": LeadsPage, "projects": ProjectsPage, "companies": CompaniesPage,
           "carriers": CarriersPage}[name]
    page = cls(ws, tasks)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def shown_ids(page) -> set[str]:
    model = page.model
    while model.canFetchMore():
        model.fetchMore()
    return set(model.loaded_ids())


# --- search ---------------------------------------------------------------------------------------

def test_typing_pinyin_initials_lists_only_the_matching_visits(qtbot, settings, ws, db_file):
    page = make_page(qtbot, ws)
    assert page.model.rowCount() == 35 and page.count_label.text() == "共 35 条"
    qtbot.keyClicks(page.search, "hwjs")
    assert page.model.query.text == ""           # waits for a pause in typing: no query per letter
    qtbot.waitUntil(lambda: page.model.query.text == "hwjs", timeout=2000)
    assert shown_ids(page) == db_file.hw_visits
    assert page.count_label.text() == "共 4 条"
    for row in range(page.model.rowCount()):
        assert page.model.index(row, Q.column_keys("visits").index("company")).data() == "华为技术有限公司"
    page.search.clear()
    qtbot.waitUntil(lambda: page.model.rowCount() == 35, timeout=2000)
    qtbot.keyClicks(page.search, "huawei")
    qtbot.keyClick(page.search, Qt.Key.Key_Return)   # Enter searches at once
    assert shown_ids(page) == db_file.hw_visits
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)   # Esc clears
    qtbot.waitUntil(lambda: page.model.rowCount() == 35, timeout=2000)


def test_search_runs_in_the_background_with_a_task_runner(qtbot, settings, ws, db_file):
    from zsdesk.ui.tasks import TaskRunner

    runner = TaskRunner()
    try:
        page = make_page(qtbot, ws, tasks=runner)
        with qtbot.waitSignal(page.model.warmed, timeout=5000):   # search keys read ahead
            qtbot.waitUntil(lambda: page.model.total == 35, timeout=5000)
        with qtbot.waitSignal(page.model.loaded, timeout=5000):
            page.search.setText("hwjs")
        assert set(page.model.loaded_ids()) == db_file.hw_visits
        qtbot.waitUntil(lambda: page.count_label.text() == "共 4 条", timeout=5000)
        # a newer query wins over an older answer still on its way
        page.search.setText("比亚迪")
        page.apply_filters()
        page.search.setText("hwjs")
        page.apply_filters()
        qtbot.waitUntil(lambda: not page.model.loading and page.model.total is not None, timeout=5000)
        assert set(page.model.loaded_ids()) == db_file.hw_visits
    finally:
        assert runner.shutdown(5000)


# --- chips ----------------------------------------------------------------------------------------------

def _choose(chip, value):
    chip.ensure_loaded()                          # what opening its menu does
    [action] = [a for a in chip.menu_.actions() if a.isCheckable() and a.data() == value]
    action.trigger()


def test_filter_chips(qtbot, settings, ws, db_file):
    page = make_page(qtbot, ws)
    units = page.chips["units"]
    assert not page.clear_button.isVisible()
    _choose(units, db_file.u2)
    assert units.text().startswith("单元：黄桥镇招商分局") and units.property("active") is True
    u2_visits = shown_ids(page)
    assert u2_visits and all(page.model.row_values(r)["unit"] == "黄桥镇招商分局"
                             for r in range(page.model.rowCount()))
    assert page.clear_button.isVisible()
    _choose(page.chips["kinds"], "来访接待")
    assert page.model.query.kinds == ("来访接待",) and shown_ids(page) <= u2_visits
    _choose(page.chips["years"], 2026)
    assert page.model.query.year == 2026
    _choose(page.chips["years"], 2025)          # a year at a time
    assert page.chips["years"].selected() == (2025,)
    assert all(page.model.row_values(r)["visit_date"].year == 2025 for r in range(page.model.rowCount()))
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 35 and not page.clear_button.isVisible()
    assert units.text() == "单元 ▾"


def test_light_chip_and_dots_on_projects_and_leads(qtbot, settings, ws, db_file):
    for name, expected in (("projects", db_file.projects), ("leads", db_file.leads)):
        page = make_page(qtbot, ws, name)
        light = page.model.column_of("light")
        _choose(page.chips["lights"], "red")
        got = shown_ids(page)
        assert got == {expected["red"]}
        index = page.model.index(0, light)
        assert index.data(Qt.ItemDataRole.DecorationRole) is not None
        assert index.data(Qt.ItemDataRole.AccessibleTextRole) == "红灯"
        assert index.data(Qt.ItemDataRole.ToolTipRole).startswith("红灯：")
        _choose(page.chips["lights"], "green")   # several colours at once
        assert shown_ids(page) == {expected["red"], expected["green"]}


# --- sorting ------------------------------------------------------------------------------------------

def _click_header(qtbot, page, key):
    header = page.view.horizontalHeader()
    section = page.model.column_of(key)
    x = header.sectionViewportPosition(section) + header.sectionSize(section) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_clicking_a_header_sorts_in_sql(qtbot, settings, ws):
    page = make_page(qtbot, ws)
    assert page.model.sort_key() == ("visit_date", True)
    _click_header(qtbot, page, "company")
    key, descending = page.model.sort_key()
    assert key == "company"
    names = [page.model.row_values(r)["company"] for r in range(page.model.rowCount())]
    assert names == sorted(names, reverse=descending)
    _click_header(qtbot, page, "company")
    assert page.model.sort_key() == ("company", not descending)
    names = [page.model.row_values(r)["company"] for r in range(page.model.rowCount())]
    assert names == sorted(names, reverse=not descending)
    _click_header(qtbot, page, "trip_days")
    days = [page.model.index(r, page.model.column_of("trip_days")).data(Qt.ItemDataRole.UserRole + 1)
            for r in range(page.model.rowCount())]
    assert days == sorted(days, reverse=page.model.sort_key()[1])
    # the order is kept for the next time the list opens
    again = make_page(qtbot, ws)
    assert again.model.sort_key() == page.model.sort_key()


# --- columns kept in QSettings -------------------------------------------------------------------------------

def test_column_widths_and_choice_are_remembered_per_list(qtbot, settings, ws):
    page = make_page(qtbot, ws)
    header = page.view.horizontalHeader()
    place = page.model.column_of("place")
    header.resizeSection(place, 333)
    stored = json.loads(settings().value("lists/visits/widths"))
    assert stored["place"] == 333
    menu = page.column_menu()
    [people] = [a for a in menu.actions() if a.data() == "people"]
    assert people.isChecked()
    people.trigger()                                 # untick: hide the column
    assert page.view.isColumnHidden(page.model.column_of("people"))
    [outcome] = [a for a in menu.actions() if a.data() == "outcome"]
    outcome.trigger()                                # tick a column hidden by default
    assert not page.view.isColumnHidden(page.model.column_of("outcome"))
    assert set(json.loads(settings().value("lists/visits/hidden"))) == {"people", "owner"}

    again = make_page(qtbot, ws)
    assert again.view.horizontalHeader().sectionSize(place) == 333
    assert set(again.hidden_columns()) == {"people", "owner"}
    leads = make_page(qtbot, ws, "leads")            # another list keeps its own
    assert not leads.view.isColumnHidden(leads.model.column_of("name"))
    [reset] = [a for a in again.column_menu().actions() if a.data() == ""]
    reset.trigger()
    assert again.view.isColumnHidden(again.model.column_of("outcome"))
    assert again.view.horizontalHeader().sectionSize(place) == again.default_width(Q.columns("visits")[place])


# --- drill-down ----------------------------------------------------------------------------------------------

def test_show_rows_drills_down_with_a_removable_chip(qtbot, settings, ws, db_file):
    page = make_page(qtbot, ws)
    page.search.setText("比亚迪")
    _choose(page.chips["units"], db_file.u1)
    wanted = set(db_file.other_visits[:3]) | {next(iter(db_file.hw_visits))}
    page.show_rows("visits", list(wanted), "本年拜访企业")
    assert shown_ids(page) == wanted
    assert page.search.text() == "" and page.chips["units"].selected() == ()
    assert page.drill_chip.isVisible() and page.drill_chip.text().startswith("钻取：本年拜访企业")
    assert page.count_label.text() == "钻取 4 条"
    qtbot.mouseClick(page.drill_chip, Qt.MouseButton.LeftButton)
    assert not page.drill_chip.isVisible() and page.model.rowCount() == 35

    projects = make_page(qtbot, ws, "projects")
    projects.show_rows("capital_arrivals", [db_file.arrival], "到位资金")
    assert shown_ids(projects) == {db_file.projects["green"]}


# --- opening and creating records ------------------------------------------------------------------------------

@pytest.fixture
def fake_forms(monkeypatch):
    """Stands in for zsdesk.ui.forms (modal dialogs): records the calls."""
    calls = []
    module = types.ModuleType("zsdesk.ui.forms")
    module.open_record = lambda parent, ws, table, row_id: calls.append(("open", table, row_id)) or True
    module.new_record = lambda parent, ws, table, **defaults: calls.append(("new", table, defaults)) or None
    monkeypatch.setitem(sys.modules, "zsdesk.ui.forms", module)
    return calls


def test_enter_and_double_click_open_the_record(qtbot, settings, ws, fake_forms):
    page = make_page(qtbot, ws)
    page.view.setFocus()
    page.view.selectRow(2)
    row_id = page.model.row_id(2)
    qtbot.keyClick(page.view, Qt.Key.Key_Return)
    assert fake_forms == [("open", "visits", row_id)]
    assert page.current_id() == row_id               # read again after the save, still selected
    rect = page.view.visualRect(page.model.index(4, 1))
    qtbot.mouseClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(fake_forms) == 1                       # a single click only selects
    qtbot.mouseDClick(page.view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(fake_forms) == 2
    assert fake_forms[-1] == ("open", "visits", page.model.row_id(4))
    page.chips["units"].ensure_loaded()
    _choose(page.chips["units"], page.chips["units"].options()[0])
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert fake_forms[-1] == ("new", "visits", {"unit_id": page.chips["units"].options()[0]})


def test_without_forms_the_page_says_so(qtbot, settings, ws, monkeypatch):
    monkeypatch.setitem(sys.modules, "zsdesk.ui.forms", None)   # import fails as if it were missing
    shown = []
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "information", lambda *args: shown.append(args[2]))
    page = make_page(qtbot, ws)
    assert page._forms() is None
    page.new_record()
    assert shown and "表单" in shown[0]


def test_records_of_another_site_show_it(qtbot, settings, ws, db_file):
    page = make_page(qtbot, ws)
    number = page.model.index(page.model.row_of(db_file.foreign), page.model.column_of("number"))
    assert number.data(Qt.ItemDataRole.DecorationRole) is not None     # a padlock marks it
    assert "靖江经开区招商单元" in number.data(Qt.ItemDataRole.ToolTipRole)
    own = page.model.index(0 if page.model.row_id(0) != db_file.foreign else 1, page.model.column_of("number"))
    assert own.data(Qt.ItemDataRole.DecorationRole) is None
    page.set_column_visible("owner", True)                               # the 所属站点 column, on demand
    page.show_rows("visits", [db_file.foreign], "其他站点")
    owner = page.model.index(0, page.model.column_of("owner"))
    assert owner.data() == "靖江经开区招商单元"
    assert "只读" in owner.data(Qt.ItemDataRole.ToolTipRole)


def test_focus_search(qtbot, settings, ws):
    page = make_page(qtbot, ws)
    page.activateWindow()
    page.focus_search()
    qtbot.waitUntil(page.search.hasFocus, timeout=2000)


# --- the models ---------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", Q.KINDS)
def test_every_list_model_passes_qtmodeltester(qapp, qtmodeltester, ws, kind):  # a lamp is a QPixmap
    from zsdesk.ui.lists import ListModel

    model = ListModel(ws, kind, page_size=4)
    model.set_query(Q.ListQuery(kind))
    assert model.rowCount() > 0
    qtmodeltester.check(model)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(model)


def test_model_pages_values_and_roles(qapp, qtmodeltester, ws, db_file):  # a lamp or padlock is a QPixmap
    from zsdesk.ui.lists import ListModel, ProjectColumn, RecordIdRole, SortRole, VisitColumn

    model = ListModel(ws, "visits", page_size=10)
    with_counts = []
    model.counted.connect(with_counts.append)
    model.set_query(Q.ListQuery("visits"))
    assert model.rowCount() == 10 and model.canFetchMore() and with_counts == [35]
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 35 and len(set(model.loaded_ids())) == 35
    qtmodeltester.check(model)
    assert model.headerData(VisitColumn.COMPANY, Qt.Orientation.Horizontal) == "企业"
    assert model.index(0, VisitColumn.NUMBER).data(RecordIdRole) == model.row_id(0)

    projects = ListModel(ws, "projects")
    projects.set_query(Q.ListQuery("projects", row_ids=(db_file.projects["red"],)))
    money = projects.index(0, ProjectColumn.CONTRACT_INVESTMENT)
    assert money.data() == "12,345.67" and money.data(SortRole) == Decimal("12345.67")
    assert money.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert projects.index(0, ProjectColumn.CONTRACT_DATE).data(SortRole) == dt.date(2025, 11, 1)
    assert projects.index(0, ProjectColumn.STAGE).data() == "签约"
    assert projects.index(0, ProjectColumn.LIGHT).data() is None
    assert projects.headerData(ProjectColumn.LIGHT, Qt.Orientation.Horizontal,
                               Qt.ItemDataRole.ToolTipRole).startswith("亮灯")


def test_column_enums_follow_the_query_columns():
    from zsdesk.ui.lists import COLUMN_ENUMS

    for kind, enum in COLUMN_ENUMS.items():
        assert [m.name.lower() for m in enum] == Q.column_keys(kind)
        assert [m.value for m in enum] == list(range(len(enum)))


def test_every_word_a_list_shows_is_marked_for_translation():
    """Column titles and domain words live in modules without Qt; the model marks
    them for lupdate, and must keep up with the columns."""
    from zsdesk.domain import CARRIER_KINDS, COMPANY_TAGS, LEAD_LABELS, PROJECT_LABELS, VISIT_KINDS
    from zsdesk.ui.lists.model import TRANSLATED

    texts = {c.title for k in Q.KINDS for c in Q.columns(k)} | {c.tip for k in Q.KINDS for c in Q.columns(k) if c.tip}
    words = {*LEAD_LABELS.values(), *PROJECT_LABELS.values(), *VISIT_KINDS, *CARRIER_KINDS, *COMPANY_TAGS}
    assert texts | words <= set(TRANSLATED)
    assert QCoreApplication.translate("ListColumns", "企业") == "企业"    # Chinese is the source language


def test_a_closed_page_goes_away_at_once(qtbot, settings, ws):
    """No reference cycle keeps a page (and its model) alive until the cycle
    collector runs: PySide objects destroyed at a random later moment, in the
    middle of other work, break things that are hard to trace."""
    import gc
    import weakref

    from zsdesk.ui.pages.leads import LeadsPage

    gc.collect()
    was = gc.isenabled()   # (off when the program's collector runs: zsdesk.ui.collector)
    gc.disable()
    try:
        page = LeadsPage(ws, None)
        for chip in page.chips.values():
            chip.ensure_loaded()
        page.set_column_visible("owner", True)
        page.column_menu().deleteLater()
        gone, model_gone = weakref.ref(page), weakref.ref(page.model)
        del page
        assert gone() is None and model_gone() is None
    finally:
        if was:
            gc.enable()


# --- issue 12: 下一步 and 截止 on the visit list, and Excel export of what a list shows ----------------

def _sheet_rows(path):
    import openpyxl

    from zsdesk.ledgers.sheets import FIRST_DATA_ROW, HEADER_ROW

    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    return rows[HEADER_ROW - 1], rows[FIRST_DATA_ROW - 1:], rows[:HEADER_ROW - 1]


def test_visit_list_shows_the_next_step_and_its_due_date(qtbot, settings, tmp_path):
    path = tmp_path / "county.db"
    work = Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="测试员")
    try:
        init_site(work, role="county", code="TX-U01", name="泰兴高新区招商单元")
        [unit] = work.reference.list_units()
        vid = work.visits.create({"unit_id": unit.id, "visit_date": "2026-06-10", "people": "徐总",
                                  "next_step": "寄送园区资料", "next_due": "2026-12-01"})
        page = make_page(qtbot, work)
        keys = Q.column_keys("visits")
        for key in ("next_step", "next_due"):
            assert not page.view.isColumnHidden(keys.index(key))
        titles = [page.model.headerData(keys.index(k), Qt.Orientation.Horizontal) for k in ("next_step", "next_due")]
        assert titles == ["下一步", "截止"]
        row = page.model.loaded_ids().index(vid)
        assert page.model.index(row, keys.index("next_step")).data() == "寄送园区资料"
        assert page.model.index(row, keys.index("next_due")).data() == "2026-12-01"
    finally:
        work.close()


def test_export_the_filtered_list_to_excel_as_shown(qtbot, settings, ws, db_file, tmp_path):
    page = make_page(qtbot, ws)
    _choose(page.chips["units"], db_file.u2)
    _choose(page.chips["kinds"], "来访接待")
    page.set_column_visible("outcome", True)
    page.set_column_visible("place", False)
    shown = shown_ids(page)
    assert 0 < len(shown) < 35
    keys = Q.column_keys("visits")
    visible = [k for i, k in enumerate(keys) if not page.view.isColumnHidden(i)]
    assert "place" not in visible and "outcome" in visible
    out = tmp_path / "拜访.xlsx"
    with qtbot.waitSignal(page.exported, timeout=10_000):
        page.export_to(str(out))
    header, rows, top = _sheet_rows(out)
    assert list(header) == [page.model.headerData(keys.index(k), Qt.Orientation.Horizontal) for k in visible]
    numbers = [page.model.row_values(r)["number"] for r in range(page.model.rowCount())]
    assert [r[visible.index("number")] for r in rows] == numbers          # the same rows, in the same order
    first = page.model.row_values(0)
    assert rows[0][visible.index("visit_date")].date() == first["visit_date"]
    assert rows[0][visible.index("unit")] == "黄桥镇招商分局"
    assert "来访接待" in top[1][0] and "黄桥镇招商分局" in top[1][0]      # the filters, named above the table
    assert page.export_note.isVisible() and str(len(rows)) in page.export_note.text()


def test_export_of_a_search_runs_in_the_background(qtbot, settings, ws, db_file, tmp_path):
    from zsdesk.ui.tasks import TaskRunner

    runner = TaskRunner()
    try:
        page = make_page(qtbot, ws, "projects", tasks=runner)
        with qtbot.waitSignal(page.model.loaded, timeout=5000):
            page.search.setText("hwzn")                     # 华为智能制造基地 by its initials
        out = tmp_path / "projects.xlsx"
        with qtbot.waitSignal(page.exported, timeout=10_000):
            page.export_to(str(out))
        header, rows, _ = _sheet_rows(out)
        name = header.index("项目名称")
        assert [r[name] for r in rows if r[0] != "合计"] == ["华为智能制造基地"]
        money = header.index("合同投资(万元)")
        assert Decimal(str(rows[0][money])) == Decimal("12345.67")
    finally:
        assert runner.shutdown(5000)
