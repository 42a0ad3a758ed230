"""List queries (zsdesk.services.queries): search with pinyin, filter chips, 亮灯,
sorting by every column with keyset paging, drill-down ids, deleted rows.
Runs on SQLite and PostgreSQL (today fixed at 2026-06-15)."""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from types import SimpleNamespace

import pytest
from sqlalchemy import select

from support import add_foreign_site
from zsdesk import reminders
from zsdesk.db.models import Industry, Visit
from zsdesk.domain import CARRIER_KINDS, LEAD_STAGES, PROJECT_STAGES, VISIT_KINDS
from zsdesk.services import queries as Q
from zsdesk.services.queries import ListQuery


def industry_id(ws, name: str) -> str:
    with ws.read() as s:
        return s.scalar(select(Industry.id).where(Industry.name == name))


@pytest.fixture
def data(ws, unit_id, staff_id, company_id):
    """Two units, two staff, three companies (one is 华为技术), and visits, leads,
    projects and carriers with one deleted record of each pipeline table."""
    d = SimpleNamespace(ws=ws, u1=unit_id, wang=staff_id, yz=company_id)
    d.u2 = ws.reference.units.create({"code": "TX-U02", "name": "黄桥镇招商分局"})
    d.li = ws.reference.staff.create({"unit_id": d.u2, "name": "李明", "title": "副科长"})
    d.ic = industry_id(ws, "集成电路封测")          # a chain node of 电子信息
    d.pharma = industry_id(ws, "中药饮片与制剂")
    d.hw = ws.companies.create({"name": "华为技术有限公司", "region": "广东深圳", "industry_id": d.ic})
    d.byd = ws.companies.create({"name": "比亚迪股份有限公司", "region": "广东深圳",
                                 "industry_id": industry_id(ws, "新能源和新材料")})
    ws.companies.update(d.yz, {"industry_id": d.pharma})

    def visit(company, date, kind, place, people, unit, staff=None, **kw):
        return ws.visits.create({"unit_id": unit, "company_id": company, "visit_date": date, "kind": kind,
                                 "place": place, "people": people, "staff_id": staff, **kw})

    d.v1 = visit(d.hw, "2026-03-01", "上门招商", "深圳市龙岗区", "张总（副总裁）", d.u1, d.wang, trip_days=3,
                 next_due="2026-07-01", outcome="对方有意在长三角布局封测产能")
    d.v2 = visit(d.hw, "2025-11-10", "来访接待", "泰兴高新区", "李经理", d.u2, d.li)
    d.v3 = visit(d.yz, "2026-05-20", "企业走访/安商稳商", "泰州医药城", "徐董事长", d.u1)
    d.v4 = visit(d.byd, "2025-06-01", "展会推介", "上海进博会", "王总", d.u2, d.li, trip_days=2)
    d.v5 = visit(None, "2026-01-15", "其他", "深圳市南山区", "赵老板（个体）", d.u1)
    d.v_gone = visit(d.hw, "2026-04-01", "上门招商", "深圳市福田区", "张总", d.u1)
    ws.visits.delete(d.v_gone)

    def lead(company, name, stage_date, unit, staff=None, **kw):
        return ws.leads.create({"unit_id": unit, "company_id": company, "name": name,
                                "stage_date": stage_date, "owner_staff_id": staff, **kw})

    d.l1 = lead(d.hw, "华为算力中心项目", "2026-06-01", d.u1, d.wang, stage="negotiating",
                first_reported="2025-12-01", industry_id=d.ic, planned_investment="5亿")
    d.l2 = lead(d.yz, "创新药生产基地", "2026-03-01", d.u1, d.wang, industry_id=d.pharma,
                planned_investment="8000", source="以商招商")                     # 106 days idle: yellow
    d.l3 = lead(d.byd, "储能电池项目", "2025-12-01", d.u2, d.li, stage="contact",
                first_reported="2025-10-01")                                           # 196 days: red
    d.l4 = lead(d.hw, "华为终端配套项目", "2026-01-01", d.u1)
    ws.leads.advance(d.l4, "on_hold", "2026-02-01", "等待集团决策")                      # 搁置: yellow
    d.l5 = lead(d.yz, "原料药扩产", "2026-01-10", d.u1)
    ws.leads.advance(d.l5, "terminated", "2026-04-01", "企业另选址")                     # closed: no light
    d.l_gone = lead(d.hw, "华为已删线索", "2026-05-01", d.u1)
    ws.leads.delete(d.l_gone)

    d.c1 = ws.carriers.create({"unit_id": d.u1, "name": "高新区标准厂房1号楼", "kind": "标准厂房",
                               "park": "泰兴高新区", "area": "12000", "free_area": "6000", "price": "0.018"})
    d.c2 = ws.carriers.create({"unit_id": d.u2, "name": "黄桥工业地块", "kind": "土地", "park": "黄桥工业园",
                               "area": "150"})

    def project(company, name, date, unit, **kw):
        return ws.projects.create({"unit_id": unit, "company_id": company, "name": name,
                                   "contract_date": date, "contract_investment": kw.pop("money", 1000), **kw})

    d.p1 = project(d.hw, "华为智能制造基地", "2025-11-01", d.u1, money="12亿", industry_id=d.ic,
                   owner_staff_id=d.wang, carrier_id=d.c1, land_mu="200", jobs=800)   # start limit passed: red
    d.p2 = project(d.yz, "高端制剂产业园", "2025-12-20", d.u1, money="5亿", industry_id=d.pharma)  # yellow
    d.p3 = project(d.byd, "储能电池工厂", "2026-06-01", d.u2, money="3亿", owner_staff_id=d.li)    # green
    d.p4 = project(d.hw, "华为研发中心", "2024-01-10", d.u1, stage="effective",
                   stage_date="2025-01-01")                                                # 达效: no light
    d.p5 = project(d.yz, "制剂二期", "2026-03-01", d.u1, money="2000")
    ws.projects.add_problem(d.p5, "用电", "双回路供电未落实", "2026-05-01")                   # green + problem: yellow
    d.arrival = ws.projects.add_arrival(d.p3, "2026-06-10", "5000")
    d.p_gone = project(d.hw, "华为已删项目", "2026-01-01", d.u1)
    ws.projects.delete(d.p_gone)
    return d


def ids(ws, kind, **kw):
    return Q.ordered_ids(ws, ListQuery(kind, **kw))


def as_set(ws, kind, **kw):
    got = ids(ws, kind, **kw)
    assert len(got) == len(set(got))
    return set(got)


# --- search --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["hwjs", "huawei", "HuaWei", "华为技术", "hwjsyxgs"])
def test_search_by_pinyin_initials_and_full_pinyin_finds_huawei(data, text):
    ws, d = data.ws, data
    assert as_set(ws, "visits", text=text) == {d.v1, d.v2}
    assert as_set(ws, "leads", text=text) == {d.l1, d.l4}
    assert as_set(ws, "projects", text=text) == {d.p1, d.p4}
    assert as_set(ws, "companies", text=text) == {d.hw}


def test_search_by_number(data):
    ws, d = data.ws, data
    number = ws.visits.get(d.v3).number                    # TX-U01-V2026-000n
    assert as_set(ws, "visits", text=number) == {d.v3}
    assert as_set(ws, "visits", text=number.lower()) == {d.v3}
    assert as_set(ws, "leads", text=ws.leads.get(d.l3).number) == {d.l3}
    assert as_set(ws, "projects", text=ws.projects.get(d.p2).number) == {d.p2}
    assert as_set(ws, "carriers", text=ws.carriers.get(d.c2).number) == {d.c2}
    assert as_set(ws, "visits", text="-V2025-") == {d.v2, d.v4}   # the year part of visit numbers


def test_search_by_person(data):
    ws, d = data.ws, data
    assert as_set(ws, "visits", text="张总") == {d.v1}             # the company side
    assert as_set(ws, "visits", text="李明") == {d.v2, d.v4}       # our staff
    assert as_set(ws, "leads", text="李明") == {d.l3}              # 包保责任人
    assert as_set(ws, "projects", text="王招商") == {d.p1}
    contact = ws.companies.add_contact(d.byd, {"name": "周经理", "phone": "13800000000"})
    assert contact and as_set(ws, "companies", text="周经理") == {d.byd}


def test_search_by_place(data):
    ws, d = data.ws, data
    assert as_set(ws, "visits", text="深圳") == {d.v1, d.v5}
    assert as_set(ws, "visits", text="南山") == {d.v5}
    assert as_set(ws, "projects", text="标准厂房") == {d.p1}        # its carrier
    assert as_set(ws, "carriers", text="黄桥") == {d.c2}
    assert as_set(ws, "companies", text="深圳") == {d.hw, d.byd}    # region


def test_search_terms_all_match_and_wildcards_are_literal(data):
    ws, d = data.ws, data
    assert as_set(ws, "visits", text="huawei 龙岗") == {d.v1}
    assert as_set(ws, "visits", text="  hw   深圳 ") == {d.v1}
    assert as_set(ws, "visits", text="%") == set()
    assert as_set(ws, "visits", text="_") == set()
    assert as_set(ws, "leads", text="算力") == {d.l1}               # own name


# --- filter chips --------------------------------------------------------------------------------------

def test_unit_chip(data):
    ws, d = data.ws, data
    assert as_set(ws, "visits", unit_ids=[d.u2]) == {d.v2, d.v4}
    assert as_set(ws, "leads", unit_ids=[d.u2]) == {d.l3}
    assert as_set(ws, "projects", unit_ids=[d.u2]) == {d.p3}
    assert as_set(ws, "carriers", unit_ids=[d.u1, d.u2]) == {d.c1, d.c2}


def test_industry_chip_includes_chain_nodes(data):
    ws, d = data.ws, data
    electronics = industry_id(ws, "电子信息")
    assert as_set(ws, "leads", industry_ids=[electronics]) == {d.l1}
    assert as_set(ws, "projects", industry_ids=[electronics]) == {d.p1}
    assert as_set(ws, "projects", industry_ids=[d.pharma]) == {d.p2}
    assert as_set(ws, "visits", industry_ids=[electronics]) == {d.v1, d.v2}   # by the company's industry
    assert as_set(ws, "companies", industry_ids=[electronics]) == {d.hw}


def test_stage_chip(data):
    ws, d = data.ws, data
    assert as_set(ws, "leads", stages=["clue"]) == {d.l2}
    assert as_set(ws, "leads", stages=["on_hold", "terminated"]) == {d.l4, d.l5}
    assert as_set(ws, "projects", stages=["effective"]) == {d.p4}
    assert as_set(ws, "projects", stages=["signed"]) == {d.p1, d.p2, d.p3, d.p5}


def test_kind_chip(data):
    ws, d = data.ws, data
    assert as_set(ws, "visits", kinds=["上门招商", "来访接待"]) == {d.v1, d.v2}
    assert as_set(ws, "carriers", kinds=["土地"]) == {d.c2}
    ws.companies.update(d.hw, {"tags": ["世界500强", "中国500强"]})
    assert as_set(ws, "companies", kinds=["世界500强"]) == {d.hw}
    assert as_set(ws, "companies", kinds=["中国500强"]) == {d.hw, d.yz}


def test_year_chip(data):
    ws, d = data.ws, data
    assert as_set(ws, "visits", year=2025) == {d.v2, d.v4}
    assert as_set(ws, "leads", year=2025) == {d.l1, d.l3}       # 首报 year
    assert as_set(ws, "projects", year=2026) == {d.p3, d.p5}    # contract year
    assert Q.filter_options(ws, "visits").years == [2026, 2025]


def test_light_chip(data):
    ws, d = data.ws, data
    assert as_set(ws, "projects", lights=["red"]) == {d.p1}
    assert as_set(ws, "projects", lights=["yellow"]) == {d.p2, d.p5}
    assert as_set(ws, "projects", lights=["green"]) == {d.p3}
    assert as_set(ws, "leads", lights=["red"]) == {d.l3}
    assert as_set(ws, "leads", lights=["yellow"]) == {d.l2, d.l4}
    assert as_set(ws, "leads", lights=["green"]) == {d.l1}
    assert as_set(ws, "leads", lights=["red", "yellow"], unit_ids=[d.u1]) == {d.l2, d.l4}


def test_lights_in_sql_agree_with_reminders_rules(data):
    """Each project and lead is listed under the colour reminders gives it, also
    when the city changes the limits, and on the edge days of a limit."""
    ws, d = data.ws, data
    for contract in ("2025-12-15", "2025-12-16", "2025-05-15", "2024-06-15", "2024-06-16", "2024-02-29"):
        pid = ws.projects.create({"unit_id": d.u1, "company_id": d.hw, "name": f"边界{contract}",
                                  "contract_date": contract, "contract_investment": 100})
        if contract.startswith("2024"):
            ws.projects.advance(pid, "started", "2024-09-01")
    for stage_date in ("2026-04-16", "2026-04-17", "2026-02-15", "2026-02-16"):
        ws.leads.create({"unit_id": d.u1, "company_id": d.hw, "name": f"边界{stage_date}",
                         "stage_date": stage_date})
    for limits in ({}, {"project_start_months": 3, "yellow_days": 10, "lead_stale_days": 30}):
        if limits:
            city = ws.reference.light_limits() | limits
            from zsdesk.db.models import Setting
            import json
            with ws.write() as w:
                w.update(Setting, "light_limits", {"value": json.dumps(city)}, allow_foreign=True)
        expected = {(x.table, x.row_id): x.colour for x in reminders.lights(ws)}
        for kind in ("projects", "leads"):
            for colour in Q.LIGHTS:
                got = as_set(ws, kind, lights=[colour])
                assert got == {rid for (t, rid), c in expected.items() if t == kind and c == colour}, \
                    (kind, colour, limits)
            shown = {r["id"]: r["light"] for r in Q.rows(ws, kind, ids(ws, kind))}
            assert {rid: c for rid, c in shown.items() if c} == \
                {rid: c for (t, rid), c in expected.items() if t == kind}


# --- sorting --------------------------------------------------------------------------------------------

_TEXT_EMPTY = ""
_SENTINELS = {"date": dt.date(1, 1, 1), "money": Decimal(-10**9), "quantity": Decimal(-10**9), "int": -1}


def expected_key(kind: str, column: Q.Column, row: dict):
    """What the SQL sorts a row by for ``column`` (None sorts first, as a sentinel)."""
    key = column.key
    if key == "stage":
        return (PROJECT_STAGES if kind == "projects" else LEAD_STAGES).index(row["stage_code"])
    if key == "light":
        return {"red": 0, "yellow": 1, "green": 2}.get(row["light"], 3)
    if key == "kind" and kind in ("visits", "carriers"):
        return (VISIT_KINDS if kind == "visits" else CARRIER_KINDS).index(row["kind"])
    value = row[key]
    if value is None:
        return _SENTINELS.get(column.type, _TEXT_EMPTY)
    return value


@pytest.mark.parametrize("kind", Q.KINDS)
def test_sort_by_each_column_in_both_directions_with_keyset_pages(data, kind):
    ws = data.ws
    base = ListQuery(kind)
    all_rows = Q.rows(ws, kind, Q.ordered_ids(ws, base))
    assert len(all_rows) >= 2
    for column in Q.columns(kind):
        for descending in (False, True):
            q = base.with_(sort=column.key, descending=descending)
            want = [r["id"] for r in sorted(all_rows, key=lambda r: (expected_key(kind, column, r), r["id"]),
                                            reverse=descending)]
            assert Q.ordered_ids(ws, q) == want, (column.key, descending)
            # two rows a page: every page starts exactly after the last one, ties included
            walked, after = [], None
            while True:
                page = Q.page_ids(ws, q, after, 2)
                walked += page.ids
                after = page.after
                if not page.more:
                    break
            assert walked == want, (column.key, descending)


def test_default_order_is_newest_first(data):
    ws, d = data.ws, data
    assert ids(ws, "visits") == [d.v3, d.v1, d.v5, d.v2, d.v4]
    assert ids(ws, "projects")[:2] == [d.p3, d.p5]


def test_paging_a_long_list(data):
    """Many visits on one day: pages never repeat or skip a row (keyset on date, id)."""
    ws, d = data.ws, data
    ws.visits.create_many([{"unit_id": d.u1, "company_id": d.hw, "visit_date": "2026-02-02",
                            "kind": "上门招商", "people": f"客户{i}"} for i in range(45)])
    q = ListQuery("visits", text="huawei")
    first = Q.first_page(ws, q, limit=20)
    assert len(first.ids) == 20 and first.more
    seen, after, pages = list(first.ids), first.after, 1
    while True:
        page = Q.page_ids(ws, q, after, 20)
        seen += page.ids
        after, pages = page.after, pages + 1
        if not page.more:
            break
    assert pages == 3 and len(seen) == len(set(seen)) == 47 == Q.count(ws, q)
    assert seen == Q.ordered_ids(ws, q)


# --- drill-down, counts, deleted rows --------------------------------------------------------------------------

def test_drill_down_lists_exactly_the_given_rows(data):
    ws, d = data.ws, data
    assert as_set(ws, "projects", row_ids=[d.p2, d.p4]) == {d.p2, d.p4}
    assert as_set(ws, "projects", row_ids=[d.p2, d.p4], text="huawei") == {d.p4}
    assert as_set(ws, "projects", row_ids=[]) == set()
    # a figure's rows may be many: more ids than one statement takes as parameters
    many = [str(uuid.uuid4()) for _ in range(1500)] + [d.v1, d.v3, d.v_gone]
    assert as_set(ws, "visits", row_ids=many) == {d.v1, d.v3}
    assert Q.count(ws, ListQuery("visits", row_ids=many)) == 2
    # rows that belong to a record: a capital arrival lists its project
    assert Q.drill_ids(ws, "projects", "capital_arrivals", [d.arrival]) == (d.p3,)
    assert Q.drill_ids(ws, "visits", "visits", [d.v1, d.v1, d.v2]) == (d.v1, d.v2)
    with pytest.raises(ValueError):
        Q.drill_ids(ws, "visits", "capital_arrivals", [d.arrival])


@pytest.mark.parametrize("kind", Q.KINDS)
def test_deleted_rows_are_never_listed(data, kind):
    ws, d = data.ws, data
    gone = {"visits": d.v_gone, "leads": d.l_gone, "projects": d.p_gone}.get(kind)
    if kind == "companies":
        gone = ws.companies.create({"name": "华为已删公司"})
        ws.companies.delete(gone)
    if kind == "carriers":
        gone = ws.carriers.create({"unit_id": d.u1, "name": "已删载体", "kind": "楼宇"})
        ws.carriers.delete(gone)
    everything = ids(ws, kind)
    assert gone not in everything
    assert gone not in ids(ws, kind, text="华为") + ids(ws, kind, text="已删")
    assert gone not in ids(ws, kind, row_ids=[gone] + everything)
    assert Q.rows(ws, kind, [gone]) == []
    assert Q.count(ws, ListQuery(kind)) == len(everything)
    for column in Q.columns(kind):
        assert gone not in ids(ws, kind, sort=column.key, descending=True)


def test_counts_match_the_lists(data):
    ws, d = data.ws, data
    for q in (ListQuery("visits"), ListQuery("visits", text="hw"), ListQuery("leads", lights=["yellow"]),
              ListQuery("projects", unit_ids=[d.u1], year=2025), ListQuery("companies", text="gf")):
        assert Q.count(ws, q) == len(Q.ordered_ids(ws, q))


# --- rows --------------------------------------------------------------------------------------------------

def test_rows_carry_display_values_in_the_order_asked(data):
    ws, d = data.ws, data
    v1, v5 = Q.rows(ws, "visits", [d.v1, d.v5])
    assert v1["company"] == "华为技术有限公司" and v1["unit"] == "泰兴高新区招商单元"
    assert v1["staff"] == "王招商" and v1["visit_date"] == dt.date(2026, 3, 1) and v1["trip_days"] == 3
    assert v1["owner"] == "" and v1["readonly"] is False
    assert v5["company"] == "" and v5["people"] == "赵老板（个体）"
    [p1] = Q.rows(ws, "projects", [d.p1])
    assert p1["contract_investment"] == Decimal(120000) and isinstance(p1["contract_investment"], Decimal)
    assert p1["stage"] == "签约" and p1["industry"] == "集成电路封测" and p1["carrier"] == "高新区标准厂房1号楼"
    assert p1["light"] == "red" and "超时限未开工" in p1["light_reason"]
    [l4] = Q.rows(ws, "leads", [d.l4])
    assert l4["stage"] == "搁置" and l4["light"] == "yellow" and "等待集团决策" in l4["light_reason"]
    [c1] = Q.rows(ws, "carriers", [d.c1])
    assert c1["price"] == Decimal("0.018") and c1["kind"] == "标准厂房"
    for kind in Q.KINDS:
        for row in Q.rows(ws, kind, ids(ws, kind)):
            assert set(Q.column_keys(kind)) <= set(row), kind


def test_records_of_another_site_show_their_owner(data):
    ws, d = data.ws, data
    other = add_foreign_site(ws)
    with ws.write(source="test-import") as w:
        vid = w.insert(Visit, {"number": "JY-U02-V2026-0001", "unit_id": d.u2, "company_id": d.hw,
                               "visit_date": dt.date(2026, 6, 1), "kind": "上门招商", "trip_days": 0,
                               "followup_done": False, "owner_site_id": other})
    [row] = Q.rows(ws, "visits", [vid])
    assert row["owner"] == "靖江经开区招商单元" and row["readonly"] is True
    assert ids(ws, "visits", sort="owner", descending=True)[0] == vid
    assert vid in ids(ws, "visits", text="JY-U02")


def test_filter_options(data):
    ws = data.ws
    opts = Q.filter_options(ws, "projects")
    assert {name for _, name in opts.units} == {"泰兴高新区招商单元", "黄桥镇招商分局"}
    assert ("signed", "签约") in opts.stages and [c for c, _ in opts.lights] == ["red", "yellow", "green"]
    names = [(name, level) for _, name, level in opts.industries]
    assert names.index(("电子信息", 0)) < names.index(("集成电路封测", 1))
    assert Q.filter_options(ws, "visits").kinds[0] == ("上门招商", "上门招商")
    assert Q.filter_options(ws, "companies").units == []
    only = Q.filter_options(ws, "leads", parts={"years"})           # a chip asks for its own part
    assert only.years == [2026, 2025] and only.units == [] and only.industries == []


def test_company_search_keys_follow_changes(data):
    """The company keys kept in memory see new, renamed and merged companies at once."""
    ws, d = data.ws, data
    assert as_set(ws, "visits", text="hwszny") == set()           # read (and kept) now
    energy = ws.companies.create({"name": "华为数字能源技术有限公司"})
    vid = ws.visits.create({"unit_id": d.u1, "company_id": energy, "visit_date": "2026-06-01",
                            "kind": "上门招商"})
    assert as_set(ws, "visits", text="hwszny") == {vid}
    ws.companies.update(energy, {"name": "数字能源科技有限公司"})
    assert as_set(ws, "visits", text="hwszny") == set()
    assert as_set(ws, "visits", text="szny") == {vid}
    ws.visits.create({"unit_id": d.u1, "people": "无企业的拜访", "visit_date": "2026-06-02"})
    assert as_set(ws, "visits", text="szny") == {vid}              # other writes: the keys stay


def test_a_query_no_longer_wanted_stops(data, monkeypatch):
    ws = data.ws
    q = ListQuery("visits", text="深圳")
    with pytest.raises(Q.QueryCancelled):
        Q.count(ws, q, cancelled=lambda: True)         # not even started
    with pytest.raises(Q.QueryCancelled):
        Q.page_ids(ws, q, cancelled=lambda: True)
    asked = []

    def cancelled():  # wanted when it starts, no longer wanted once it runs
        asked.append(1)
        return len(asked) > 1
    monkeypatch.setattr(Q, "CHECK_EVERY", 1)
    if ws.db.is_sqlite:
        with pytest.raises(Q.QueryCancelled):
            Q.count(ws, q, cancelled=cancelled)
    else:  # PostgreSQL runs a statement to its end
        assert Q.count(ws, q, cancelled=cancelled) == 2
    assert Q.count(ws, q, cancelled=lambda: False) == 2
    assert len(Q.page_ids(ws, q, cancelled=lambda: False).ids) == 2


@pytest.mark.parametrize("warm", [False, True])
def test_search_by_pinyin_of_project_and_lead_names(data, warm):
    """Issue 12: project initials found nothing; names are searched by their own keys."""
    ws, d = data.ws, data
    if warm:                                                   # the values are in memory before the write
        Q.warm_up(ws, "projects")
        Q.warm_up(ws, "leads")
    pid = ws.projects.create({"unit_id": d.u1, "company_id": d.yz, "name": "华海生物医药产业基地",
                              "contract_date": "2026-05-01", "contract_investment": "20000"})
    assert as_set(ws, "projects", text="hhsw") == {pid}
    assert as_set(ws, "projects", text="huahaishengwu") == {pid}
    assert as_set(ws, "projects", text="hhsw cyjd") == {pid}    # every term matches
    assert as_set(ws, "leads", text="cndcxm") == {d.l3}        # 储能电池项目
    assert as_set(ws, "leads", text="cndc") == {d.l3} and as_set(ws, "projects", text="cndc") == {d.p3}
    assert as_set(ws, "projects", text="cndcxm") == set()      # 储能电池工厂: cndcgc
    ws.projects.update(pid, {"name": "华海医药产业园"})
    assert as_set(ws, "projects", text="hhsw") == set() and as_set(ws, "projects", text="hhyy") == {pid}


def test_new_text_is_found_after_the_values_were_read(data):
    """Own text columns are left out of a search only when no value can match:
    values written after they were read count too."""
    ws, d = data.ws, data
    Q.warm_up(ws, "visits")
    assert as_set(ws, "visits", text="欧阳") == set()
    vid = ws.visits.create({"unit_id": d.u1, "people": "欧阳总（总经理）", "place": "Suzhou SIP",
                            "visit_date": "2026-06-03"})
    assert as_set(ws, "visits", text="欧阳") == {vid}
    assert as_set(ws, "visits", text="suzhou") == {vid}        # Latin letters, any case
    number = ws.visits.get(vid).number
    assert as_set(ws, "visits", text=number[-8:].lower()) == {vid}
    ws.visits.update(vid, {"place": "无锡新区"})
    assert as_set(ws, "visits", text="无锡") == {vid} and as_set(ws, "visits", text="suzhou") == set()


def test_numbers_as_stored_in_any_case(data):
    """Numbers are looked up by their index; an imported number in lower case
    is found too (the values are then searched case-blind)."""
    ws, d = data.ws, data
    vid = ws.visits.create({"unit_id": d.u1, "people": "导入", "visit_date": "2026-06-04",
                            "number": "jy-old-0007"})
    Q._kept.pop(ws.db, None)                                  # read everything again
    assert as_set(ws, "visits", text="OLD-0007") == {vid}
    assert as_set(ws, "visits", text="old") == {vid}
    assert as_set(ws, "visits", text=ws.visits.get(d.v1).number.lower()) == {d.v1}


def test_search_while_the_keys_are_being_read(data):
    """A search does not wait for another thread reading the keys: it asks the
    tables directly and finds the same rows."""
    ws, d = data.ws, data
    Q._kept.pop(ws.db, None)
    keys, values = Q.company_keys(ws), Q.column_values(ws, "visits")
    keys._lock.acquire()
    values._lock.acquire()
    try:
        assert as_set(ws, "visits", text="huawei") == {d.v1, d.v2}
        assert as_set(ws, "visits", text=ws.visits.get(d.v3).number) == {d.v3}
    finally:
        keys._lock.release()
        values._lock.release()
    assert as_set(ws, "visits", text="huawei") == {d.v1, d.v2}


def test_many_matching_companies_go_as_one_parameter(data, monkeypatch):
    ws, d = data.ws, data
    monkeypatch.setattr(Q, "_MANY_IDS", 1)
    assert as_set(ws, "visits", text="youxiangongsi") == {d.v1, d.v2, d.v3, d.v4}
    assert as_set(ws, "projects", text="gs") == {d.p1, d.p2, d.p3, d.p4, d.p5}
    assert Q.count(ws, ListQuery("visits", text="gongsi")) == 4


def test_ids_kept_compactly():
    ids = Q._Ids()
    for i in range(3):
        ids.append(str(uuid.UUID(int=i)))
    ids.done()
    assert ids[2] == str(uuid.UUID(int=2)) and ids._list is None
    mixed = Q._Ids()
    mixed.append(str(uuid.UUID(int=1)))
    mixed.append("seed-industry-7")
    mixed.append(str(uuid.UUID(int=3)))
    mixed.done()
    assert [mixed[i] for i in range(3)] == [str(uuid.UUID(int=1)), "seed-industry-7", str(uuid.UUID(int=3))]
