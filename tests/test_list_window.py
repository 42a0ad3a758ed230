"""Lists on a real SQLite file of 20,000 visits: the model keeps the display
values of only a window of rows however far the real view is scrolled (the ids
of every listed row stay, so selection and opening records work), a search made
while the search keys are still being read answers without reading them, and a
filtered list sorted by an expression (company) is sorted after filtering."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless, before Qt is imported

import datetime as dt
from types import SimpleNamespace

import pytest

from zsdesk.db.engine import Database
from zsdesk.services import Workspace, init_site
from zsdesk.services import queries as Q

TODAY = dt.date(2026, 6, 15)
VISITS = 20_000
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def big_file(tmp_path_factory):
    """A county database with 40 companies (华为技术 among them) and 20,000 visits
    (a few without a company)."""
    path = tmp_path_factory.mktemp("window") / "county.db"
    ws = Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="测试员")
    init_site(ws, role="county", code="TX-U01", name="泰兴高新区招商单元")
    [unit] = ws.reference.list_units()
    hw = ws.companies.create({"name": "华为技术有限公司", "region": "广东深圳"})
    others = [ws.companies.create({"name": f"第{i:02d}号测试企业有限公司"}) for i in range(39)]
    companies = [hw, *others]
    start = dt.date(2020, 1, 1)
    ws.visits.create_many([
        {"unit_id": unit.id, "company_id": None if i % 40 == 1 and i % 7 == 0 else companies[i % 40], "visit_date": start + dt.timedelta(days=i % 2000),
         "kind": "上门招商", "place": "上海" if i % 97 == 0 else "泰兴", "people": "张三" if i % 89 == 0 else f"客户{i}"}
        for i in range(VISITS)])
    ws.close()
    return SimpleNamespace(path=path, hw=hw)


@pytest.fixture
def ws(big_file):
    workspace = Workspace(Database(f"sqlite:///{big_file.path}"), today=lambda: TODAY, actor="测试员")
    Q._kept.pop(workspace.db, None)  # each test starts with nothing kept in memory
    yield workspace
    Q._kept.pop(workspace.db, None)
    workspace.close()


def test_scrolling_to_the_end_keeps_a_bounded_window_of_rows(qtbot, ws):
    from PySide6.QtCore import QItemSelectionModel

    from zsdesk.ui.lists import RecordIdRole, VisitColumn
    from zsdesk.ui.pages.visits import VisitsPage
    from zsdesk.ui.tasks import TaskRunner

    runner = TaskRunner()
    try:
        page = VisitsPage(ws, runner)
        qtbot.addWidget(page)
        page.resize(1300, 700)
        page.show()
        qtbot.waitExposed(page)
        model, view = page.model, page.view
        qtbot.waitUntil(lambda: model.rowCount() > 0 and model.total == VISITS, timeout=10000)
        cap = model._max_pages * model.page_size
        assert cap < VISITS // 2
        first_id = model.row_id(0)
        first_number = model.index(0, VisitColumn.NUMBER).data()
        assert first_number and Q.rows(ws, "visits", [first_id])[0]["number"] == first_number
        most = 0
        while model.rowCount() < VISITS:  # the real view asks for more at its bottom
            view.scrollToBottom()
            qtbot.waitUntil(lambda: not model.loading, timeout=10000)
            qtbot.wait(1)
            most = max(most, model.cached_rows)
        qtbot.waitUntil(lambda: not model.canFetchMore(), timeout=10000)
        assert model.rowCount() == VISITS and len(set(model.loaded_ids())) == VISITS
        assert most <= cap and model.cached_rows <= cap
        last_row = VISITS - 1
        qtbot.waitUntil(lambda: model.index(last_row, VisitColumn.NUMBER).data() is not None, timeout=10000)

        # back to the top: its values were dropped and are read again
        assert model.index(0, VisitColumn.NUMBER).data(RecordIdRole) == first_id  # ids always kept
        view.scrollToTop()
        qtbot.waitUntil(lambda: model.index(0, VisitColumn.NUMBER).data() == first_number, timeout=10000)
        assert model.cached_rows <= cap
        # selection and opening go by ids
        view.selectionModel().setCurrentIndex(model.index(0, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect
                                              | QItemSelectionModel.SelectionFlag.Rows)
        assert page.current_id() == first_id
        assert model.row_of(first_id) == 0 and model.row_values(0)["number"] == first_number
        assert model.row_values(last_row)["id"] == model.row_id(last_row)  # read at once when dropped
    finally:
        assert runner.shutdown(10000)


def test_without_a_task_runner_dropped_rows_are_read_when_shown(qtbot, ws):
    from zsdesk.ui.lists import ListModel, VisitColumn

    model = ListModel(ws, "visits", page_size=100, max_rows=300)
    model.set_query(Q.ListQuery("visits"))
    first = model.index(0, VisitColumn.NUMBER).data()
    for _ in range(20):
        model.fetchMore()
    assert model.rowCount() == 2100 and model.cached_rows <= 300
    assert model.index(0, VisitColumn.NUMBER).data() == first
    assert model.cached_rows <= 300


def test_a_search_while_the_keys_are_read_does_not_read_them(ws, big_file):
    Q.expect_warm_up(ws, "visits")  # what the list does before it queues the warm-up
    query = Q.ListQuery("visits", text="hwjs")
    page = Q.first_page(ws, query, limit=50)
    assert not Q.warmed(ws, "visits") and not Q.company_keys(ws).ready   # the search did not read them
    assert len(page.ids) == 50 and Q.count(ws, query) == VISITS // 40     # the company found by SQL
    # the pinyin of people and places waits for the warm-up; then the search finds them
    zs = Q.ListQuery("visits", text="zhangsan")
    assert Q.count(ws, zs) == 0
    Q.warm_up(ws, "visits")
    assert Q.warmed(ws, "visits")
    assert Q.count(ws, zs) == len(range(0, VISITS, 89))
    assert Q.count(ws, query) == VISITS // 40


def test_a_search_without_a_warm_up_reads_the_keys_itself(ws):
    assert Q.count(ws, Q.ListQuery("visits", text="zhangsan")) == len(range(0, VISITS, 89))
    assert Q.warmed(ws, "visits")


@pytest.mark.parametrize("text", ["hwjs", "zhangsan", "上海", "客户1"])
@pytest.mark.parametrize("descending", [False, True])
def test_a_filtered_list_sorted_by_company_walks_companies_or_sorts_after_filtering(ws, monkeypatch, text, descending):
    query = Q.ListQuery("visits", text=text, sort="company", descending=descending)

    def every_page(limit):
        ids, after = [], None
        while True:
            page = Q.page_ids(ws, query, after, limit)
            ids += page.ids
            if not page.more:
                return ids
            after = page.after

    walked = every_page(400)                              # companies walked in name order
    monkeypatch.setattr(Q, "_WALK_BY_COMPANY", False)
    small = every_page(400)                               # few match: sorted after filtering
    monkeypatch.setattr(Q, "_SORT_SMALL", 0)              # the general way: name and sort every match
    assert every_page(400) == small == walked and len(small) == Q.count(ws, query)


@pytest.mark.parametrize("sort", ["staff", "unit"])
def test_a_filtered_list_sorted_by_another_name_is_sorted_after_filtering(ws, monkeypatch, sort):
    query = Q.ListQuery("visits", text="上海", sort=sort, descending=True)
    few = Q.page_ids(ws, query, None, 150)
    second = Q.page_ids(ws, query, few.after, 150)
    monkeypatch.setattr(Q, "_SORT_SMALL", 0)  # the general way: name and sort every match
    assert Q.page_ids(ws, query, None, 150) == few and Q.page_ids(ws, query, few.after, 150) == second
    assert few.more and len(few.ids) + len(second.ids) == Q.count(ws, query)


def test_ids_are_kept_packed_and_read_back_as_they_were():
    import uuid

    ids = [str(uuid.uuid4()) for _ in range(500)]
    packed = Q.IdList(ids[:7])
    packed.extend(ids[7:])
    assert len(packed) == 500 and list(packed) == ids and len(packed._packed) == 16 * 500
    assert packed[0] == ids[0] and packed[-1] == ids[-1] and packed[10:20] == ids[10:20]
    assert packed.index(ids[321]) == 321 and ids[5] in packed and str(uuid.uuid4()) not in packed
    with pytest.raises(ValueError):
        packed.index("not-listed")
    with pytest.raises(IndexError):
        packed[500]
    # an id not in the usual form (upper case, another length): every id kept as it is
    mixed = Q.IdList(ids[:3])
    mixed.extend(["legacy-7", ids[3].upper()])
    assert list(mixed) == [*ids[:3], "legacy-7", ids[3].upper()] and mixed.index("legacy-7") == 3
    assert mixed[1:4] == [ids[1], ids[2], "legacy-7"]


def test_the_model_keeps_listed_ids_packed(qtbot, ws):
    from zsdesk.ui.lists import ListModel

    model = ListModel(ws, "visits", page_size=500, max_rows=1000)
    model.set_query(Q.ListQuery("visits"))
    for _ in range(9):
        model.fetchMore()
    assert model.rowCount() == 5000 and len(model._ids._packed) == 16 * 5000   # 16 bytes a row
    assert model.loaded_ids() == Q.ordered_ids(ws, Q.ListQuery("visits"))[:5000]
    assert model.row_of(model.row_id(4321)) == 4321


def test_a_quick_first_page_answers_from_the_indexes_while_the_values_are_read(ws, monkeypatch):
    monkeypatch.setattr(Q, "QUICK_BUDGET", 0.0)  # the whole answer never comes in time
    Q.expect_warm_up(ws, "visits")
    hw = Q.ListQuery("visits", text="hwjs")  # the company, found by its key
    quick, whole = Q.page_ids(ws, hw, quick=True), Q.page_ids(ws, hw)
    assert quick.partial and not whole.partial and quick.ids == whole.ids and len(quick.ids) == 200
    sh = Q.ListQuery("visits", text="上海")  # a place: it takes reading every visit
    quick, whole = Q.page_ids(ws, sh, quick=True), Q.page_ids(ws, sh)
    assert quick.partial and quick.ids == [] and not quick.more
    assert len(whole.ids) == 200 and whole.more and Q.count(ws, sh) == len(range(0, VISITS, 97))
    Q.warm_up(ws, "visits")  # the values are in: a quick page is the whole one
    assert Q.page_ids(ws, sh, quick=True) == whole


def test_the_list_shows_the_quick_answer_then_the_whole_one(qtbot, ws, monkeypatch):
    from zsdesk.ui.pages.visits import VisitsPage
    from zsdesk.ui.tasks import TaskRunner

    monkeypatch.setattr(Q, "QUICK_BUDGET", 0.0)
    runner = TaskRunner()
    try:
        page = VisitsPage(ws, runner)
        qtbot.addWidget(page)
        model = page.model
        qtbot.waitUntil(lambda: model.rowCount() > 0 and model.total == VISITS, timeout=10000)
        qtbot.waitUntil(lambda: Q.warmed(ws, "visits"), timeout=10000)  # the list's own warm-up is done
        Q._kept.pop(ws.db, None)  # as right after opening: nothing read yet, a warm-up announced
        Q.expect_warm_up(ws, "visits")
        seen: list[tuple[int, bool]] = []
        model.loaded.connect(lambda: seen.append((model.rowCount(), model.refining)))
        page.search.setText("华为 技术")   # the company's name: in no visit's own text
        page.apply_filters()
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=10000)
        assert seen[0][1] and not seen[1][1]            # first the quick answer, then the whole one
        assert seen[0][0] == seen[1][0] == 200
        qtbot.waitUntil(lambda: model.total is not None, timeout=10000)
        assert model.total == VISITS // 40 and not model.refining
        seen.clear()
        page.search.setText("上海")
        page.apply_filters()
        qtbot.waitUntil(lambda: len(seen) == 2, timeout=10000)
        assert seen == [(0, True), (200, False)]
        qtbot.waitUntil(lambda: model.total is not None, timeout=10000)
        assert model.total == len(range(0, VISITS, 97))
    finally:
        assert runner.shutdown(10000)


def test_company_keys_read_joined_by_the_database_match_the_row_by_row_reading(ws):
    joined, rows = Q.CompanyKeys(), Q.CompanyKeys()
    rows._read_joined = lambda session: False
    with ws.read() as s:
        joined._read(s)
        rows._read(s)
        assert joined._data[0] == rows._data[0] and joined._data[1] == rows._data[1]
        assert [joined._data[2][i] for i in range(40)] == [rows._data[2][i] for i in range(40)]
        assert sorted(joined.match(s, "hwjs")) == sorted(rows.match(s, "hwjs")) and joined.match(s, "hwjs")


def test_a_quick_first_page_reads_nothing_into_memory(ws, monkeypatch):
    monkeypatch.setattr(Q, "QUICK_BUDGET", 60.0)  # time enough for the whole answer
    kept = lambda: [k.ready for k in Q._kept_for(ws, "visits")]  # noqa: E731
    sh = Q.ListQuery("visits", text="上海")
    quick = Q.page_ids(ws, sh, quick=True)
    assert not quick.partial and kept() == [False, False, False]   # the table asked directly
    zs = Q.ListQuery("visits", text="zhangsan")  # needs the pinyin of people: not read by a quick page
    quick = Q.page_ids(ws, zs, quick=True)
    assert quick.partial and quick.ids == [] and kept() == [False, False, False]
    whole = Q.page_ids(ws, zs)  # reads them
    assert not whole.partial and len(whole.ids) == 200 and kept() == [True, True, True]
    assert Q.count(ws, zs) == len(range(0, VISITS, 89))
    assert Q.page_ids(ws, sh, quick=True) == Q.page_ids(ws, sh) == Q.page_ids(ws, sh, quick=True)
