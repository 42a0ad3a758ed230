"""The first search after opening does not wait on the warm-up (issue 15): the
warm-up of the search values steps aside while a list query runs, a search that
reads the values itself never waits for itself, and a list reads the company keys
right after its first page (while it is counted) so that a search soon after
finds its companies in memory. Real SQLite files, a real list model and task runner."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless, before Qt is imported

import datetime as dt
import threading
import time
from types import SimpleNamespace

import pytest

from zsdesk.db.engine import Database
from zsdesk.services import Workspace, init_site
from zsdesk.services import queries as Q

TODAY = dt.date(2026, 6, 15)
VISITS = 600
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture(scope="module")
def county_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("first-search") / "county.db"
    ws = Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="测试员")
    init_site(ws, role="county", code="TX-U01", name="泰兴高新区招商单元")
    [unit] = ws.reference.list_units()
    hw = ws.companies.create({"name": "华为技术有限公司"})
    others = [ws.companies.create({"name": f"第{i:02d}号测试企业有限公司"}) for i in range(9)]
    companies = [hw, *others]
    ws.visits.create_many([
        {"unit_id": unit.id, "company_id": companies[i % 10], "visit_date": dt.date(2024, 1, 1) + dt.timedelta(days=i),
         "kind": "上门招商", "place": "上海" if i % 7 == 0 else "泰兴", "people": "张三" if i % 5 == 0 else f"客户{i}"}
        for i in range(VISITS)])
    ws.close()
    return SimpleNamespace(path=path)


@pytest.fixture
def ws(county_file):
    workspace = Workspace(Database(f"sqlite:///{county_file.path}"), today=lambda: TODAY, actor="测试员")
    Q._kept.pop(workspace.db, None)  # nothing kept in memory yet: as right after opening
    yield workspace
    Q._kept.pop(workspace.db, None)
    workspace.close()


def test_the_warm_up_steps_aside_while_a_list_is_read(ws, monkeypatch):
    monkeypatch.setattr(Q, "YIELD_MOST_S", 30.0)
    done = threading.Event()
    warming = threading.Thread(target=lambda: (Q.warm_up(ws, "visits"), done.set()))
    with Q._list_reading():                      # a list query is running
        warming.start()
        assert not done.wait(0.5)                # the warm-up waits for it
        assert not Q.warmed(ws, "visits")
        page = Q.page_ids(ws, Q.ListQuery("visits", text="hwjs"), quick=True)   # the search answers meanwhile
        assert len(page.ids) == VISITS // 10 and not Q.company_keys(ws).ready
    assert done.wait(30)                         # the query ended: the warm-up goes on
    warming.join()
    assert Q.warmed(ws, "visits")
    assert Q.count(ws, Q.ListQuery("visits", text="zhangsan")) == len(range(0, VISITS, 5))


def test_a_search_reading_the_values_itself_does_not_wait_for_itself(ws, monkeypatch):
    monkeypatch.setattr(Q, "YIELD_MOST_S", 30.0)
    started = time.perf_counter()
    with Q._list_reading():                      # another list query is running too
        assert Q.count(ws, Q.ListQuery("visits", text="zhangsan")) == len(range(0, VISITS, 5))
        page = Q.page_ids(ws, Q.ListQuery("visits", text="hwjs"))
    assert Q.warmed(ws, "visits") and len(page.ids) == VISITS // 10
    assert time.perf_counter() - started < 10    # no step waited for the lists


def test_the_list_reads_the_company_keys_as_soon_as_its_first_page_is_in(qtbot, ws):
    from zsdesk.ui.lists import ListModel
    from zsdesk.ui.tasks import TaskRunner

    runner = TaskRunner()
    try:
        model = ListModel(ws, "visits", runner)
        seen: list[tuple[bool, bool]] = []

        def counted(_total) -> None:   # the rest of the warm-up is queued after this
            seen.append((Q.company_keys(ws).coming or Q.company_keys(ws).ready,
                         Q.column_values(ws, "visits").coming or Q.column_values(ws, "visits").ready))

        model.counted.connect(counted)
        with qtbot.waitSignal(model.warmed, timeout=10_000):
            model.set_query(Q.ListQuery("visits"))
        assert seen == [(True, False)]   # the company keys were asked for before the count was in
        model.counted.disconnect(counted)
        assert model.total == VISITS and Q.warmed(ws, "visits")
        # a search now finds its company in memory and gives the whole answer at once
        with qtbot.waitSignal(model.counted, timeout=10_000):
            model.set_query(Q.ListQuery("visits", text="hwjs"))
        assert model.total == VISITS // 10 and not model.refining
    finally:
        assert runner.shutdown(10_000)
