"""The visits list found by people and places, pinyin too: our people on a visit
(its leader and the others), the other side's people and the place, by their
characters, full pinyin or initials; kept right after edits. SQLite and PostgreSQL."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from zsdesk.services import queries as Q
from zsdesk.services.queries import ListQuery


def found(ws, text: str) -> set[str]:
    got = Q.ordered_ids(ws, ListQuery("visits", text=text))
    assert len(got) == len(set(got))
    assert Q.count(ws, ListQuery("visits", text=text)) == len(got)
    return set(got)


@pytest.fixture
def data(ws, unit_id, staff_id, company_id):
    """张三 is one of our staff (on a visit led by 王招商); 李四 is the other side
    of a visit in 上海; a visit to 重庆 met 陈总; one visit has none of them."""
    d = SimpleNamespace(ws=ws, unit=unit_id, wang=staff_id, company=company_id)
    d.zhangsan = ws.reference.staff.create({"unit_id": unit_id, "name": "张三"})

    def visit(**kw):
        return ws.visits.create({"unit_id": unit_id, "company_id": company_id, "visit_date": "2026-06-01",
                                 "kind": "上门招商", **kw})

    d.ours = visit(staff_id=staff_id, participants=[staff_id, d.zhangsan], place="泰兴高新区",
                   people="徐总（董事长）")
    d.led = visit(staff_id=d.zhangsan, place="南京江北新区", people="刘经理")
    d.theirs = visit(place="上海张江", people="李四（投资总监）、王五")
    d.chongqing = visit(place="重庆两江新区", people="陈总")
    d.other = visit(place="苏州工业园区", people="赵经理")
    return d


@pytest.mark.parametrize("warm", [False, True])
def test_our_people_on_a_visit_by_name_full_pinyin_and_initials(data, warm):
    ws, d = data.ws, data
    if warm:
        Q.warm_up(ws, "visits")
    for text in ("张三", "zhangsan", "zs", "ZS", "ZhangSan"):
        assert found(ws, text) == {d.ours, d.led}, text      # a participant, and a leader
    assert found(ws, "wzs") == {d.ours}                       # 王招商, the leader of one visit


@pytest.mark.parametrize("warm", [False, True])
def test_the_other_side_and_the_place_by_pinyin(data, warm):
    ws, d = data.ws, data
    if warm:
        Q.warm_up(ws, "visits")
    assert found(ws, "lisi") == {d.theirs} and found(ws, "ls") == {d.theirs}
    assert found(ws, "tzzj") == {d.theirs}                   # 投资总监
    assert found(ws, "shanghai") == {d.theirs} and found(ws, "shzj") == {d.theirs}
    assert found(ws, "chongqing") == {d.chongqing}           # read as a phrase: not zhongqing
    assert found(ws, "cq") == {d.chongqing}
    assert found(ws, "上海") == {d.theirs}                   # the characters as before
    assert found(ws, "lisi shanghai") == {d.theirs}          # every term must match
    assert found(ws, "lisi chongqing") == set()
    assert found(ws, "xyzq") == set()


def test_pinyin_follows_edits_and_new_visits(data):
    """The pinyin is kept in memory: a new or changed visit is found at once, and
    an old value no longer finds the visit that had it."""
    ws, d = data.ws, data
    Q.warm_up(ws, "visits")
    assert found(ws, "beijing") == set()
    ws.visits.update(d.other, {"place": "北京中关村", "people": "欧阳总"})
    assert found(ws, "beijing") == {d.other} and found(ws, "bjzgc") == {d.other}
    assert found(ws, "ouyang") == {d.other}
    assert found(ws, "suzhou") == set() and found(ws, "zhaojingli") == set()
    new = ws.visits.create({"unit_id": d.unit, "visit_date": "2026-06-02", "people": "钱总", "place": "无锡"})
    assert found(ws, "qianzong") == {new} and found(ws, "wuxi") == {new}
    # our people: a participant taken off no longer finds the visit
    ws.visits.update(d.ours, {"participants": [d.wang]})
    assert found(ws, "zhangsan") == {d.led}
    li = ws.reference.staff.create({"unit_id": d.unit, "name": "李明"})
    ws.visits.update(d.other, {"participants": [li]})
    assert found(ws, "liming") == {d.other} and found(ws, "李明") == {d.other}


def test_many_matching_values_are_matched_row_by_row(data, monkeypatch):
    """A term matching more values than ``_BROAD_VALUES`` is not sent as a list of
    them (SQLite works out each row's pinyin as it reads it); the answer is the same."""
    ws, d = data.ws, data
    Q.warm_up(ws, "visits")
    expected = {text: found(ws, text) for text in ("z", "zong", "jingli", "lisi", "shanghai", "cq")}
    assert expected["zong"] == {d.ours, d.theirs, d.chongqing}     # 徐总, 投资总监, 陈总
    monkeypatch.setattr(Q, "_BROAD_VALUES", 0)
    for text, ids in expected.items():
        assert found(ws, text) == ids, text
    ws.visits.update(d.chongqing, {"people": "周经理"})
    assert found(ws, "zong") == {d.ours, d.theirs} and found(ws, "zhoujingli") == {d.chongqing}


def test_a_search_while_the_pinyin_is_being_read_still_finds_the_characters(data):
    ws, d = data.ws, data
    Q._kept.pop(ws.db, None)
    keys = Q.pinyin_values(ws, "visits")
    keys._lock.acquire()                                     # another thread reads them the first time
    try:
        assert found(ws, "上海") == {d.theirs}
        assert found(ws, "zhangsan") == {d.ours, d.led}      # our staff: from the roster, not the keys
    finally:
        keys._lock.release()
    assert found(ws, "shanghai") == {d.theirs}


def test_values_added_since_are_folded_in(data):
    """After many writes the values added since the first reading are folded into
    the compact ones; old and new are found alike."""
    ws, d = data.ws, data
    Q.warm_up(ws, "visits")
    keys = Q.pinyin_values(ws, "visits")
    keys._added["place"] += [("wuhan wh", "武汉")] * 5001         # as if 5001 places had been written
    ws.visits.update(d.other, {"place": "杭州滨江"})               # the next write folds them in
    assert found(ws, "hangzhou") == {d.other} and keys._added["place"] == []
    assert found(ws, "shanghai") == {d.theirs} and found(ws, "cq") == {d.chongqing}
    assert found(ws, "lisi") == {d.theirs}
