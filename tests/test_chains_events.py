"""产业链图谱 and 招商活动 in the core (issue 16): placement of companies on chain
nodes and the gap rules; the figures of an event recomputed by hand; events, links
and target marks synced between a county and the city."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from test_sync_kit import Net
from zsdesk import chains, events
from zsdesk.db.models import ChainTarget, Event, EventLink
from zsdesk.errors import ReadOnlyError, ValidationError, ValidationErrors
from zsdesk.seed import seed_id

FOOD = seed_id("industry", "I07")           # 绿色食品
BASE = seed_id("industry", "I07-1")         # 上游 农产品基地
PROCESSING = seed_id("industry", "I07-2")   # 中游 食品加工
COLD = seed_id("industry", "I07-3")         # 下游 冷链物流


def company(ws, name: str) -> str:
    return ws.companies.create({"name": name, "region": "江苏泰州"})


def project(ws, unit, co, name, date, amount, *moves, industry=None, arrivals=()):
    pid = ws.projects.create({"unit_id": unit, "company_id": co, "name": name, "contract_date": date,
                              "contract_investment": amount, "industry_id": industry})
    for stage, day, *reason in moves:
        ws.projects.advance(pid, stage, day, *reason)
    for day, amt in arrivals:
        ws.projects.add_arrival(pid, day, amt)
    return pid


# --- placement and gaps ---------------------------------------------------------------------------

def test_companies_are_placed_on_their_nodes_and_the_gaps_follow_the_rules(ws, unit_id, company_id):
    a, b, c = company(ws, "泰州绿源食品有限公司"), company(ws, "江苏冷链物流集团"), company(ws, "泰兴鲜达冷链有限公司")
    one = project(ws, unit_id, a, "绿源食品加工项目", "2026-01-10", 8000, ("started", "2026-03-01"),
                  industry=PROCESSING)
    project(ws, unit_id, b, "已违约的食品项目", "2025-05-01", 3000, ("defaulted", "2026-01-05", "企业资金链断裂"),
            industry=PROCESSING)
    project(ws, unit_id, b, "冷链仓储一期", "2023-01-10", 20000, ("producing", "2024-06-01"), industry=COLD)
    project(ws, unit_id, c, "冷链配送中心", "2023-05-10", 6000, ("effective", "2025-06-01"), industry=COLD)
    lead = ws.leads.create({"unit_id": unit_id, "company_id": c, "name": "果蔬种植基地", "industry_id": BASE,
                            "stage": "negotiating", "first_reported": "2026-04-01"})
    unplaced = project(ws, unit_id, a, "绿色食品综合项目", "2026-02-01", 1000, industry=FOOD)
    mark = chains.mark_target(ws, BASE, company_id, unit_id, "龙头", "省级农业产业化龙头")

    m = chains.chain_map(ws, FOOD)
    assert m.industry_name == "绿色食品"
    assert [(n.position, n.name) for n in m.nodes] == [("上游", "农产品基地"), ("中游", "食品加工"),
                                                        ("下游", "冷链物流")]
    base, processing, cold = m.nodes
    # 上游: nothing landed (a lead in talks and a target do not fill it): 断点
    assert base.landed == () and [c.row_id for c in base.talks] == [lead] and base.gap == chains.GAP_BREAK
    assert [(t.row_id, t.status, t.mark_id) for t in base.targets] == [(company_id, "龙头", mark)]
    # 中游: one landed project, not producing (the 未履约 one does not count): 强链
    assert [c.row_id for c in processing.landed] == [one] and processing.producing == 0
    assert processing.gap == chains.GAP_STRENGTHEN and processing.landed[0].status_label == "开工"
    # 下游: two landed projects in production (投产, 达效): 稳固
    assert cold.producing == 2 and cold.gap is None and cold.landed_investment == Decimal(26000)
    assert [c.row_id for c in m.unplaced] == [unplaced]
    assert [n.name for n in m.gaps] == ["农产品基地", "食品加工"]
    assert m.units[0].unit_id == unit_id and (m.units[0].landed, m.units[0].talks, m.units[0].targets) == (4, 1, 1)

    # the rule itself
    assert chains.gap_of([]) == "断点"
    assert chains.gap_of(["producing"]) == "强链"
    assert chains.gap_of(["signed", "started", "completed"]) == "强链"
    assert chains.gap_of(["producing", "effective"]) is None

    # a unit filter that leaves nothing: every node is a 断点
    empty = chains.chain_map(ws, FOOD, unit_ids=[])
    assert all(n.gap == "断点" and not n.targets for n in empty.nodes)


def test_a_target_mark_names_a_node_a_role_and_is_not_doubled(ws, unit_id, company_id):
    with pytest.raises(ValidationError) as exc:
        chains.mark_target(ws, FOOD, company_id, unit_id, "龙头")
    assert "产业链环节" in exc.value.message
    with pytest.raises(ValidationError) as exc:
        chains.mark_target(ws, BASE, company_id, unit_id, "老大")
    assert "目标类型" in exc.value.message
    mark = chains.mark_target(ws, BASE, company_id, unit_id, "配套")
    with pytest.raises(ValidationError) as exc:
        chains.mark_target(ws, BASE, company_id, unit_id, "龙头")
    assert "已标记" in exc.value.message
    chains.unmark_target(ws, mark)
    assert chains.chain_map(ws, FOOD).nodes[0].targets == ()
    chains.mark_target(ws, BASE, company_id, unit_id, "龙头")   # again, once removed


def test_industries_and_finding_one_by_name(ws):
    names = [c.name for c in chains.industries(ws)]
    assert "绿色食品" in names and len(names) == 10
    assert chains.find_industry(ws, "绿色食品") == FOOD
    assert chains.find_industry(ws, "I07") == FOOD
    with pytest.raises(Exception) as exc:
        chains.find_industry(ws, "航天")
    assert "找不到产业" in str(exc.value)


# --- events ------------------------------------------------------------------------------------

def test_an_event_names_each_bad_field(ws, unit_id):
    with pytest.raises(ValidationErrors) as exc:
        events.EventService(ws).create({"unit_id": unit_id, "name": "", "kind": "晚会",
                                        "start_date": "2026-05-02", "end_date": "2026-05-01"})
    messages = " ".join(e.message for e in exc.value.errors)
    assert "活动名称" in messages and "活动类型" in messages and "结束日期不能早于开始日期" in messages


def test_event_figures_recomputed_by_hand(ws, unit_id, company_id):
    """Today is 2026-06-15; 开工 is due 6 months after signing, 投产 24 months after."""
    svc = events.EventService(ws)
    fair = svc.create({"unit_id": unit_id, "name": "2024兰洽会集中签约", "kind": "集中签约",
                       "start_date": "2024-03-10", "place": "兰州", "series": "兰洽会"})
    co = company_id
    a = project(ws, unit_id, co, "A", "2024-03-10", 10000, ("registered", "2024-04-01"), ("started", "2024-06-01"),
                ("producing", "2026-03-01"), arrivals=[("2024-05-01", 4000), ("2026-01-10", 2000)])
    b = project(ws, unit_id, co, "B", "2024-03-10", 5000, ("started", "2024-09-01"), arrivals=[("2025-08-01", 1000)])
    c = project(ws, unit_id, co, "C", "2026-03-01", 2000, ("registered", "2026-04-01"))
    d = project(ws, unit_id, co, "D", "2024-03-10", 3000, ("defaulted", "2025-12-01", "企业撤资"))
    other = project(ws, unit_id, co, "不在活动签约", "2024-03-10", 50000, ("producing", "2025-01-01"))
    gone = project(ws, unit_id, co, "已删除", "2024-03-10", 7000)
    for pid in (a, b, c, d, gone):
        events.link(ws, fair, "projects", pid)
    assert events.link(ws, fair, "projects", a)        # linking twice keeps one link
    ws.projects.delete(gone)
    visit = ws.visits.create({"unit_id": unit_id, "company_id": co, "visit_date": "2024-03-09", "kind": "展会推介"})
    events.link(ws, fair, "visits", visit)

    [row] = [f for f in events.event_figures(ws) if f.event and f.event.id == fair]
    assert set(row.project_ids) == {a, b, c, d} and row.visit_ids == (visit,) and other not in row.project_ids
    f = row.figures
    assert f["signed_projects"].value == 4 and f["signed_investment"].value == Decimal(20000)
    # 履约率: A, C (注册) and B (开工, later than 注册) performed; D is 未履约 → 3/4
    assert (f["performance_rate"].numerator, f["performance_rate"].denominator) == (3, 4)
    # 开工率: due = signed by 2025-12-15 = A, B, D; started A, B → 2/3
    assert (f["start_rate"].numerator, f["start_rate"].denominator) == (2, 3)
    # 资金到位率: 4000 + 2000 + 1000 arrived of 10000 + 5000 + 2000 + 3000 → 35%
    assert f["capital_rate"].value == Decimal("0.35") and f["arrived_total"].value == Decimal(7000)
    # 建成投产率: due = signed by 2024-06-15 = A, B, D; producing A → 1/3
    assert (f["production_rate"].numerator, f["production_rate"].denominator) == (1, 3)

    # a second event of the series: the series total covers both, each project once
    later = svc.create({"unit_id": unit_id, "name": "2026兰洽会集中签约", "kind": "集中签约",
                        "start_date": "2026-03-01", "series": "兰洽会"})
    events.link(ws, later, "projects", c)
    events.link(ws, later, "projects", other)
    series = [f for f in events.event_figures(ws) if f.event is None]
    assert [s.series for s in series] == ["兰洽会"]
    assert set(series[0].project_ids) == {a, b, c, d, other}
    assert series[0].figures["signed_projects"].value == 5

    # unlinking takes the project out
    assert events.unlink(ws, fair, "projects", d)
    [row] = [f for f in events.event_figures(ws) if f.event and f.event.id == fair]
    assert d not in row.project_ids and row.figures["performance_rate"].denominator == 3
    # the JSON of `zsdesk events --json`
    data = events.stats_json(ws)
    assert {d["event"]["name"] for d in data if d["event"]} == {"2024兰洽会集中签约", "2026兰洽会集中签约"}


def test_an_event_with_no_projects_says_why_it_has_no_rates(ws, unit_id):
    eid = events.EventService(ws).create({"unit_id": unit_id, "name": "深圳推介会", "kind": "推介会",
                                          "start_date": "2026-06-01"})
    [row] = events.event_figures(ws, event_ids=[eid])
    assert row.figures["performance_rate"].value is None and row.figures["performance_rate"].missing


# --- sync ---------------------------------------------------------------------------------------

@pytest.fixture
def backend() -> str:
    return "sqlite"


def test_events_links_and_target_marks_travel_from_the_county_to_the_city(databases, tmp_path):
    net = Net(databases, tmp_path)
    tx, city = net["TX-U01"], net.city
    unit = net.own_unit("TX-U01")
    co = tx.companies.create({"name": "泰兴鲜达冷链有限公司", "region": "江苏泰州"})
    pid = tx.projects.create({"unit_id": unit, "company_id": co, "name": "冷链配送中心",
                              "contract_date": tx.today() - dt.timedelta(days=30), "contract_investment": 6000,
                              "industry_id": COLD})
    eid = events.EventService(tx).create({"unit_id": unit, "name": "泰兴1336集中签约", "kind": "集中签约",
                                          "start_date": tx.today() - dt.timedelta(days=30), "series": "1336"})
    events.link(tx, eid, "projects", pid)
    mark = chains.mark_target(tx, BASE, co, unit, "配套")
    net.up("TX-U01")

    with city.read() as s:
        assert s.get(Event, eid).name == "泰兴1336集中签约"
        assert s.scalar(select(EventLink.record_id).where(EventLink.event_id == eid)) == pid
        assert s.get(ChainTarget, mark).role == "配套"
    [row] = events.event_figures(city)
    assert row.project_ids == (pid,) and row.event.unit_id == unit
    m = chains.chain_map(city, FOOD)
    assert [c.company_id for c in m.nodes[0].targets] == [co] and [c.row_id for c in m.nodes[2].landed] == [pid]
    # a unit filter at the city: the county's unit, or another one
    assert chains.chain_map(city, FOOD, unit_ids=[unit]).nodes[0].targets
    assert not chains.chain_map(city, FOOD, unit_ids=[net.own_unit("JJ-U01")]).nodes[0].targets

    # the county's records stay the county's: the city reads them, it does not change them
    with pytest.raises(ReadOnlyError):
        events.EventService(city).update(eid, {"name": "改名"})
    with pytest.raises(ReadOnlyError):
        chains.unmark_target(city, mark)

    # changes follow: a renamed event, a removed mark
    events.EventService(tx).update(eid, {"name": "泰兴1336重大项目集中签约"})
    chains.unmark_target(tx, mark)
    net.up("TX-U01")
    with city.read() as s:
        assert s.get(Event, eid).name == "泰兴1336重大项目集中签约"
        assert s.get(ChainTarget, mark).deleted
    # the other county gets none of it back from the city
    net.up("JJ-U01")
    net.down("JJ-U01")
    with net["JJ-U01"].read() as s:
        assert s.get(Event, eid) is None and s.get(ChainTarget, mark) is None


def test_a_county_marks_and_organises_only_for_its_own_units(databases, tmp_path):
    net = Net(databases, tmp_path)
    tx = net["TX-U01"]
    net.round_trip(["TX-U01"])   # the city's reference data: JJ's unit is known at TX
    other = net.own_unit("JJ-U01")
    co = tx.companies.create({"name": "江苏冷链物流集团", "region": "江苏泰州"})
    with pytest.raises(ValidationError) as exc:
        chains.mark_target(tx, BASE, co, other, "龙头")
    assert "本站点" in exc.value.message
    with pytest.raises(ValidationError):
        events.EventService(tx).create({"unit_id": other, "name": "推介会", "kind": "推介会",
                                        "start_date": tx.today()})


# --- the 产业招商指南 and the command line ---------------------------------------------------------

def _pages(path) -> list[str]:
    import re

    from pypdf import PdfReader

    return [re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(str(path)).pages]


@pytest.fixture
def food_chain(ws, unit_id, company_id):
    """绿色食品 with a 断点 (上游), a node to 强链 (中游), a 稳固 one (下游), a target and a carrier."""
    a, b = company(ws, "泰州绿源食品有限公司"), company(ws, "江苏冷链物流集团")
    carrier = ws.carriers.create({"unit_id": unit_id, "name": "食品产业园标准厂房3号楼", "kind": "标准厂房",
                                  "area": 12000, "free_area": 6000, "notes": "适合冷链物流、食品加工"})
    project(ws, unit_id, a, "绿源食品加工项目", "2026-01-10", 8000, ("started", "2026-03-01"), industry=PROCESSING)
    project(ws, unit_id, b, "冷链仓储一期", "2023-01-10", 20000, ("producing", "2024-06-01"), industry=COLD)
    project(ws, unit_id, b, "冷链配送中心", "2023-05-10", 6000, ("effective", "2025-06-01"), industry=COLD)
    chains.mark_target(ws, BASE, company_id, unit_id, "龙头")
    return {"carrier": carrier}


def test_the_guide_draws_the_chain_and_lists_companies_gaps_carriers_and_units(ws, food_chain, tmp_path):
    from zsdesk.app import chains as app_chains
    from support import COMPANY_NAME

    out = app_chains.make_guide(ws, FOOD, tmp_path / "指南.pdf")
    text = "".join(_pages(out))
    assert "绿色食品产业招商指南泰兴高新区招商单元·截至2026年6月15日" in text
    assert "断点1个（农产品基地）" in text and "需强链环节1个（食品加工）" in text
    # the drawing: the three columns and each node's box with its counts
    assert "上游" in text and "中游" in text and "下游" in text and "已落地2（投产2）" in text
    # companies per node, with stage or target role
    assert "泰州绿源食品有限公司（开工）" in text and f"{COMPANY_NAME}（龙头）" in text
    assert "【断点·补链】上游·农产品基地" in text and f"重点招引龙头企业：{COMPANY_NAME}" in text
    # the carrier whose notes name a node, and the unit responsible
    assert "食品产业园标准厂房3号楼" in text and "载体说明含“食品加工”" in text
    assert "五、责任单元" in text and "泰兴高新区招商单元" in text
    # one unit's guide names it as the unit responsible
    [unit] = [u for u in ws.reference.list_units() if u.site_id == ws.site.id]
    out = app_chains.make_guide(ws, FOOD, tmp_path / "one.pdf", unit_code=unit.code)
    assert f"本指南由{unit.name}负责落实" in "".join(_pages(out))


def test_the_commands_guide_events_and_stats(ws, food_chain, unit_id, company_id, cli, tmp_path):
    import json

    eid = events.EventService(ws).create({"unit_id": unit_id, "name": "泰兴1336集中签约", "kind": "集中签约",
                                          "start_date": "2026-01-10", "series": "1336"})
    pid = project(ws, unit_id, company_id, "1336签约项目", "2026-01-10", 3000, ("registered", "2026-02-01"))
    events.link(ws, eid, "projects", pid)
    db = ws.db.url.replace("sqlite:///", "")
    code, out, err = cli("guide", "--industry", "绿色食品", "--out", tmp_path / "g.pdf", "--db", db)
    assert code == 0, err
    assert "已生成产业招商指南" in out and "绿色食品产业招商指南" in "".join(_pages(tmp_path / "g.pdf"))
    code, out, err = cli("guide", "--industry", "航天", "--out", tmp_path / "x.pdf", "--db", db)
    assert code != 0 and "找不到产业" in err and "Traceback" not in err
    code, out, err = cli("events", "--json", "--db", db)
    assert code == 0, err
    [data] = json.loads(out)
    assert data["event"]["name"] == "泰兴1336集中签约" and data["projects"] == 1
    assert data["figures"]["performance_rate"]["display"] == "100.0%"
    code, out, err = cli("events", "--db", db)
    assert code == 0 and "泰兴1336集中签约" in out and "履约率" in out
    code, out, err = cli("stats", "--json", "--db", db)
    assert code == 0, err
    assert [e["event"]["name"] for e in json.loads(out)["events"]] == ["泰兴1336集中签约"]


def test_the_city_adds_a_chain_node_and_the_county_marks_a_target_on_it(databases, tmp_path):
    net = Net(databases, tmp_path)
    tx, city = net["TX-U01"], net.city
    node = chains.add_node(city, FOOD, "冷链装备", "中游")
    assert [n.name for n in chains.chain_map(city, FOOD).nodes] == ["农产品基地", "食品加工", "冷链装备", "冷链物流"]
    with pytest.raises(ValidationError) as exc:
        chains.add_node(city, FOOD, "冷链装备", "下游")
    assert "已有环节" in exc.value.message
    with pytest.raises(ValidationError):
        chains.add_node(city, FOOD, "冷库", "旁边")
    with pytest.raises(ReadOnlyError):
        chains.add_node(tx, FOOD, "冷库", "下游")           # the catalogue is the city's

    net.round_trip(["TX-U01"])
    m = chains.chain_map(tx, FOOD)
    assert [(n.id, n.position) for n in m.nodes if n.name == "冷链装备"] == [(node, "中游")]
    co = tx.companies.create({"name": "冷链装备制造有限公司", "region": "江苏泰州"})
    chains.mark_target(tx, node, co, net.own_unit("TX-U01"), "龙头")
    net.up("TX-U01")
    [n] = [n for n in chains.chain_map(city, FOOD).nodes if n.id == node]
    assert [c.company_id for c in n.targets] == [co] and n.gap == "断点"


# --- demo data and the application layer ------------------------------------------------------------

def test_the_demo_places_targets_and_holds_events_with_signed_projects(databases):
    from zsdesk.demo import generate

    ws = databases.workspace(databases.url("demo"))
    counts = generate(ws, units=3, years=2, scale=0.01, seed=7)
    assert counts["chain_targets"] > 0 and counts["events"] >= 4 and counts["event_links"] > 0
    rows = events.event_figures(ws)
    kinds = {r.event.kind for r in rows if r.event}
    assert kinds == set(events.EVENT_KINDS)
    signings = [r for r in rows if r.event and r.event.series == "1336"]
    assert len(signings) == 2 and all(r.project_ids for r in signings)
    assert [r.series for r in rows if r.event is None] == ["1336"]
    # targets sit on chain nodes, for the companies' own units, and no target is a landed company there
    maps = [chains.chain_map(ws, c.id) for c in chains.industries(ws)]
    targets = [t for m in maps for n in m.nodes for t in n.targets]
    assert targets and {t.status for t in targets} <= set(chains.TARGET_ROLES)
    for m in maps:
        for n in m.nodes:
            assert not {t.company_id for t in n.targets} & {c.company_id for c in n.landed}


def test_the_application_layer_returns_frozen_plain_values(ws, food_chain, unit_id, company_id):
    from test_architecture import assert_plain
    from zsdesk.app import chains as app_chains
    from zsdesk.app import events as app_events

    eid = app_events.save_event(ws, {"unit_id": unit_id, "name": "推介会", "kind": "推介会", "start_date": "2026-05-01"})
    app_events.link_record(ws, eid, "projects", project(ws, unit_id, company_id, "P", "2026-05-01", 100))
    for value, where in ((app_chains.list_industries(ws), "list_industries"),
                         (app_chains.load_chain(ws, FOOD), "load_chain"),
                         (app_events.load_events(ws), "load_events"),
                         (app_events.event_detail(ws, eid), "event_detail"),
                         (app_events.linkable_projects(ws), "linkable_projects")):
        assert_plain(value, where)
    # an update that changes nothing writes nothing; a change is saved
    assert app_events.save_event(ws, {"name": "推介会"}, eid) == eid
    app_events.save_event(ws, {"name": "深圳推介会", "place": "深圳"}, eid)
    [row] = [r for r in app_events.load_events(ws) if r.event]
    assert (row.event.name, row.event.place, row.projects) == ("深圳推介会", "深圳", 1)


def test_a_new_industry_starts_without_nodes_and_gets_them_from_the_city(city_ws):
    iid = city_ws.reference.industries.create({"code": "I11", "name": "低空经济"})
    assert [c.nodes for c in chains.industries(city_ws) if c.id == iid] == [0]
    assert chains.chain_map(city_ws, iid).nodes == ()
    for name, position in (("无人机整机", "中游"), ("飞控芯片", "上游"), ("低空物流", "下游")):
        chains.add_node(city_ws, iid, name, position)
    m = chains.chain_map(city_ws, iid)
    assert [(n.position, n.name, n.code) for n in m.nodes] == [("上游", "飞控芯片", "I11-2"),
                                                               ("中游", "无人机整机", "I11-1"),
                                                               ("下游", "低空物流", "I11-3")]
    assert [n.gap for n in m.nodes] == ["断点"] * 3
