"""Sync by file, end to end on real databases: two counties and the city exchange
package files; idempotent re-imports; a lost file repaired by the next one; a
file that does not connect waits in the pending queue (docs/SYNC.md)."""

from __future__ import annotations

import json
import shutil

import pytest
from sqlalchemy import func, select

from support import COMPANY_NAME, TODAY, make_usci
from test_sync_kit import Net, clone_database, diff_dumps, dump_all, dump_synced
from zsdesk import metrics
from zsdesk.db.models import (
    Alert, CapitalArrival, Company, Problem, Project, ProjectStage, Setting, SyncPackage, SyncPeer, Target, Visit,
)
from zsdesk.sync import exchange
from zsdesk.sync.alerts import open_alerts


def owned(ws, model, site_id) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.owner_site_id == site_id,
                                                                      ~model.deleted))


def county_data(ws, unit, tag: str, first_visit: str) -> dict:
    """A staff member, two companies (one of them the 撞车 investor), visits, a lead,
    a project that started with capital arrived."""
    staff = ws.reference.staff.create({"unit_id": unit, "name": f"{tag}招商员"})
    shared = ws.companies.create({"name": COMPANY_NAME, "region": "江苏泰州"})
    own = ws.companies.create({"name": f"{tag}本地新材料有限公司", "usci": make_usci(
        "91321283MA1X" + ("00001" if tag == "泰兴" else "00002"))})
    ws.visits.create({"unit_id": unit, "company_id": shared, "visit_date": first_visit, "staff_id": staff,
                      "trip_days": 2, "participants": [staff]})
    ws.visits.create({"unit_id": unit, "company_id": own, "visit_date": "2026-05-20", "next_due": "2026-06-30",
                      "next_step": "再次拜访"})
    ws.leads.create({"unit_id": unit, "company_id": own, "name": f"{tag}新材料扩产", "stage": "contact",
                     "first_reported": "2026-04-01", "planned_investment": "5000"})
    pid = ws.projects.create({"unit_id": unit, "company_id": shared, "name": f"{tag}医药产业园",
                              "contract_date": "2026-02-01", "contract_investment": "3亿"})
    ws.projects.advance(pid, "registered", "2026-03-01")
    ws.projects.advance(pid, "started", "2026-04-15")
    ws.projects.add_arrival(pid, "2026-05-10", "8000")
    return {"staff": staff, "shared": shared, "own": own, "project": pid}


def unit_figures(ws, unit_id) -> dict:
    report = metrics.year_report(ws, TODAY.year)
    [uf] = [u for u in report.units if u.unit_id == unit_id]
    return {"figures": {k: f.to_json() for k, f in uf.figures.items()},
            "score": uf.score.to_json() if uf.score else None}


@pytest.fixture
def net(databases, tmp_path):
    return Net(databases, tmp_path)


def test_round_trip_two_counties_and_the_city(net):
    city, tx, jj = net.city, net["TX-U01"], net["JJ-U01"]
    tx_unit, jj_unit = net.units["TX-U01"], net.units["JJ-U01"]
    tx_data = county_data(tx, tx_unit, "泰兴", "2026-03-02")
    jj_data = county_data(jj, jj_unit, "靖江", "2026-03-05")

    # the city sets reference data meanwhile: a target and a changed 亮灯 limit
    target = city.reference.set_target(2026, tx_unit, "signed_projects", 6)
    city.reference.set_light_limits(project_start_months=4)

    # a county's first file proves the setup file's one-time secret: enrolled, no fingerprint to type
    first = net.export(tx)
    result = exchange.import_package(city, first)
    assert result.status == "applied" and not result.report.refused and not result.warnings
    assert result.report.tables["projects"].created == 1
    assert result.report.tables["visits"].created == 2
    result = net.up("JJ-U01")
    assert result.status == "applied" and not result.report.refused

    # the city holds everything, by unit
    for ws, code in ((tx, "TX-U01"), (jj, "JJ-U01")):
        site = ws.site.id
        for model in (Company, Visit, Project, CapitalArrival):
            assert owned(city, model, site) == owned(ws, model, site) > 0, model
        with city.read() as s:
            assert s.scalar(select(func.count()).select_from(Visit).where(Visit.unit_id == net.units[code])) == 2
    report = metrics.year_report(city, 2026)
    by_unit = {u.unit_id: u for u in report.units}
    for unit in (tx_unit, jj_unit):
        f = by_unit[unit]
        assert (f["signed_projects"].value, f["signed_investment"].value, f["started_projects"].value,
                f["arrived_capital"].value, f["visits"].value, f["trip_days"].value) == (1, 30000, 1, 8000, 2, 2)
    assert report.total["signed_projects"].value == 2 and report.total["visits"].value == 4
    # ... and found the 撞车: both counties pursue 扬子江药业
    [alert] = open_alerts(city)
    assert {alert.company_a_id, alert.company_b_id} == {tx_data["shared"], jj_data["shared"]}
    assert {alert.unit_a_id, alert.unit_b_id} == {tx_unit, jj_unit}
    assert alert.first_unit_id == tx_unit  # 首报首谈: TX visited first
    assert exchange.status(city)["peers"][0]["last_received_seq"] == 1

    # the city's files back
    downs = {code: net.down(code) for code in ("TX-U01", "JJ-U01")}
    for code, ws in (("TX-U01", tx), ("JJ-U01", jj)):
        res = downs[code]
        assert res.status == "applied" and not res.report.refused, res.report.to_json()
        # reference data: the target, the new limit
        with ws.read() as s:
            t = s.get(Target, target)
            assert (t.year, t.unit_id, t.metric, int(t.value)) == (2026, tx_unit, "signed_projects", 6)
        assert ws.reference.light_limits()["project_start_months"] == 4
        # the acknowledgement
        note = exchange.ack_text(ws)
        assert note is not None and "已收到截至" in note and city.site.name in note
        [peer] = exchange.status(ws)["peers"]
        assert peer["role"] == "city" and peer["acknowledged_upto"] > 0 and peer["refused_by_peer"] == []
        # the 撞车 alert, with both sides named
        [a] = open_alerts(ws)
        assert a.id == alert.id
        summary = json.loads(a.summary)
        assert {summary["a"]["unit"], summary["b"]["unit"]} == {"泰兴高新区招商单元", "靖江经开区招商单元"}
        assert summary["a"]["company"] == summary["b"]["company"] == COMPANY_NAME
        # a county does not get the other county's records
        other = jj if ws is tx else tx
        assert owned(ws, Visit, other.site.id) == 0 and owned(ws, Project, other.site.id) == 0

    # the county's own figures equal the city's figures for its unit (same data, same limits, same target)
    for ws, unit in ((tx, tx_unit), (jj, jj_unit)):
        assert unit_figures(ws, unit) == unit_figures(city, unit)
    assert unit_figures(city, tx_unit)["figures"]["signed_projects"]["target"] is not None

    # the county's next file carries no enrolment and nothing the city already has
    again = net.up("TX-U01")
    assert again.status == "applied" and again.report.new_entries == 0
    assert again.message == "没有新数据：文件中的内容此前都已导入"


def test_the_same_file_twice_changes_nothing_and_says_so(net, databases):
    tx = net["TX-U01"]
    unit = net.units["TX-U01"]
    company = tx.companies.create({"name": "泰兴重复导入测试有限公司"})
    tx.visits.create({"unit_id": unit, "company_id": company, "visit_date": "2026-06-01"})
    path = net.export(tx)
    first = net.imp(net.city, path)
    assert first.status == "applied"
    before = dump_all(net.city)
    second = net.imp(net.city, path)
    assert second.status == "already" and "已导入过" in second.message and second.report is None
    assert dump_all(net.city) == before
    # a dry run of it says the same, and so does the other direction
    assert exchange.import_package(net.city, path, dry_run=True).status == "already"
    back = net.export(net.city, to="TX-U01")
    assert net.imp(tx, back).status == "applied"
    county_before = dump_all(tx)
    res = net.imp(tx, back)
    assert res.status == "already" and dump_all(tx) == county_before
    # a copy of the file under another name is the same file
    copy = back.with_name("copy-of-" + back.name)
    shutil.copyfile(back, copy)
    assert net.imp(tx, copy).status == "already" and dump_all(tx) == county_before


def test_a_dry_run_previews_and_changes_nothing(net):
    tx = net["TX-U01"]
    company = tx.companies.create({"name": "泰兴预览测试有限公司"})
    tx.visits.create({"unit_id": net.units["TX-U01"], "company_id": company, "visit_date": "2026-06-01"})
    path = net.export(tx)
    net.imp(net.city, net.export(net["JJ-U01"]))
    before = dump_all(net.city)
    preview = net.imp(net.city, path, dry_run=True)
    assert preview.status == "preview" and preview.message.startswith("将新增")
    assert preview.report.tables["companies"].created == 1 and preview.report.tables["visits"].created == 1
    # (the dry run of a first file enrols nothing either)
    assert dump_all(net.city) == before
    assert net.imp(net.city, path).report.to_json() == preview.report.to_json()


def test_a_lost_file_is_repaired_by_the_next_export(net):
    tx, city = net["TX-U01"], net.city
    unit = net.units["TX-U01"]
    lost_company = tx.companies.create({"name": "泰兴丢失文件有限公司"})
    lost_visit = tx.visits.create({"unit_id": unit, "company_id": lost_company, "visit_date": "2026-06-01"})
    lost = net.export(tx)
    lost.unlink()  # the USB stick was lost
    tx.companies.update(lost_company, {"notes": "第二次导出前补充"})
    later_visit = tx.visits.create({"unit_id": unit, "company_id": lost_company, "visit_date": "2026-06-10"})
    second = net.export(tx)
    assert second.name.endswith("-2.zsync")
    result = net.imp(city, second)
    assert result.status == "applied"
    with city.read() as s:
        assert s.get(Company, lost_company).notes == "第二次导出前补充"
        assert s.get(Visit, lost_visit) is not None and s.get(Visit, later_visit) is not None
    assert dump_synced(city)["visits"] == dump_synced(tx)["visits"]

    # after the city's acknowledgement the next file carries only what is new
    net.down("TX-U01")
    tx.visits.create({"unit_id": unit, "company_id": lost_company, "visit_date": "2026-06-12"})
    third = exchange.export_package(tx, net.box)
    assert third.entries == 1
    # ... and if that one is lost too, the one after still repairs it (cumulative since the last ack)
    third.path.unlink()
    tx.visits.create({"unit_id": unit, "company_id": lost_company, "visit_date": "2026-06-13"})
    fourth = exchange.export_package(tx, net.box)
    assert fourth.entries == 2
    assert net.imp(city, fourth.path).report.tables["visits"].created == 2
    assert dump_synced(city)["visits"] == dump_synced(tx)["visits"]


def test_a_file_that_does_not_connect_waits_until_the_missing_one_arrives(net, databases):
    """The city imports file 1 and acknowledges it; the county's file 2 builds on
    that acknowledgement. A copy of the city that never saw file 1 (a restored
    backup) queues file 2, and applies it by itself once file 1 arrives."""
    tx, city = net["TX-U01"], net.city
    unit = net.units["TX-U01"]
    net.round_trip()  # both counties enrolled, acknowledged
    restored = clone_database(databases, city, "city_restored")  # the backup, taken now
    company = tx.companies.create({"name": "泰兴衔接测试有限公司"})
    tx.visits.create({"unit_id": unit, "company_id": company, "visit_date": "2026-06-01"})
    file1 = net.export(tx)
    assert net.imp(city, file1).status == "applied"
    net.down("TX-U01")                    # the acknowledgement: the county's base moves on
    tx.companies.update(company, {"notes": "文件2中的修改"})
    v2 = tx.visits.create({"unit_id": unit, "company_id": company, "visit_date": "2026-06-05"})
    file2 = exchange.export_package(tx, net.box)
    assert file2.entries == 2             # a delta: only what came after the acknowledgement
    assert net.imp(city, file2.path).status == "applied"

    # the copy that never saw file 1
    before = dump_all(restored)
    preview = net.imp(restored, file2.path, dry_run=True)
    assert preview.status == "pending" and dump_all(restored) == before
    waiting = net.imp(restored, file2.path)
    assert waiting.status == "pending" and "等待队列" in waiting.message
    assert [p.seq for p in exchange.pending(restored)] == [3]
    assert [(p["seq"], p["from_code"]) for p in exchange.status(restored)["pending"]] == [(3, "TX-U01")]
    with restored.read() as s:
        assert s.get(Company, company) is None and s.get(Visit, v2) is None
    # the same file again stays queued once
    assert net.imp(restored, file2.path).status == "pending"
    assert len(exchange.pending(restored)) == 1

    result = net.imp(restored, file1)
    assert result.status == "applied"
    assert [(r.status, r.seq) for r in result.also_applied] == [("applied", 3)]
    assert exchange.pending(restored) == []
    with restored.read() as s:
        assert s.get(Company, company).notes == "文件2中的修改" and s.get(Visit, v2) is not None
        statuses = dict(s.execute(select(SyncPackage.seq, SyncPackage.status).where(
            SyncPackage.peer_site_id == tx.site.id, SyncPackage.direction == "in")).all())
    assert statuses == {1: "applied", 2: "applied", 3: "applied"}
    assert dump_synced(restored) == dump_synced(city), diff_dumps(dump_synced(restored), dump_synced(city))
    stored = list((exchange.pending_folder(restored)).glob("*.zsync"))
    assert stored == []


def test_reference_data_reaches_a_county_that_joined_before_another_one(net):
    """JJ joined (setup file) before TX's first package reached the city; the
    city's later files still bring it TX's site and the units of both."""
    net.up("JJ-U01")
    net.up("TX-U01")
    net.down("JJ-U01")
    jj = net["JJ-U01"]
    assert jj.site_name_of(net["TX-U01"].site.id) == "泰兴高新区招商单元"
    with jj.read() as s:
        peer = s.get(SyncPeer, net.city.site.id)
        assert peer.ref_version > 0
        assert s.get(Setting, "light_limits") is not None
    assert owned(jj, Alert, net.city.site.id) == 0


def test_a_queued_file_waits_for_every_missing_one(net, databases):
    """Files 1, 2, 3, each built on the acknowledgement of the one before. A copy
    of the city that saw none of them gets 3 (queued), then 1 (applied; 3 still
    does not connect and stays queued), then 2 (applied, and 3 with it)."""
    tx, city = net["TX-U01"], net.city
    unit = net.units["TX-U01"]
    net.round_trip()
    restored = clone_database(databases, city, "city_restored")
    files = []
    for n in range(3):
        company = tx.companies.create({"name": f"泰兴链条测试{n}号有限公司"})
        tx.visits.create({"unit_id": unit, "company_id": company, "visit_date": "2026-06-01"})
        files.append(net.export(tx))
        assert net.imp(city, files[-1]).status == "applied"
        net.down("TX-U01")
    assert net.imp(restored, files[2]).status == "pending"
    first = net.imp(restored, files[0])
    assert first.status == "applied" and first.also_applied == []
    assert [p.seq for p in exchange.pending(restored)] == [4]
    assert len(list(exchange.pending_folder(restored).glob("*.zsync"))) == 1
    second = net.imp(restored, files[1])
    assert second.status == "applied" and [r.seq for r in second.also_applied] == [4]
    assert exchange.pending(restored) == []
    assert dump_synced(restored) == dump_synced(city)


def test_a_renamed_company_is_found_as_a_collision_by_a_later_import(net):
    """撞车 detection looks at the companies each import writes: a rename that
    makes JJ's company match TX's is found when it arrives."""
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    tx.companies.create({"name": "中天钢铁集团有限公司"})
    other = jj.companies.create({"name": "靖江港口物流有限公司"})
    jj.visits.create({"unit_id": net.units["JJ-U01"], "company_id": other, "visit_date": "2026-06-01"})
    net.round_trip()
    assert open_alerts(city) == []
    jj.visits.create({"unit_id": net.units["JJ-U01"], "company_id": other, "visit_date": "2026-06-02"})
    assert net.up("JJ-U01").status == "applied" and open_alerts(city) == []
    jj.companies.update(other, {"name": "中天钢铁集团（靖江）有限公司"})
    result = net.up("JJ-U01")
    assert result.report.tables["companies"].updated == 1
    [alert] = open_alerts(city)
    assert other in (alert.company_a_id, alert.company_b_id)
    assert net.up("TX-U01").status == "applied" and len(open_alerts(city)) == 1   # found once


def test_a_full_package_repairs_a_receiver_whose_totals_do_not_match(net):
    """When the totals check fails the receiver asks for a full package; it
    carries everything again and is merged like any other (nothing copied over)."""
    tx, city = net["TX-U01"], net.city
    unit = net.units["TX-U01"]
    company = tx.companies.create({"name": "泰兴完整包测试有限公司"})
    tx.visits.create({"unit_id": unit, "company_id": company, "visit_date": "2026-06-01"})
    net.up("TX-U01")
    net.down("TX-U01")            # the city acknowledged everything so far
    delta = exchange.export_package(tx, net.box)
    assert delta.entries == 0     # nothing new since the ack
    full = exchange.export_package(tx, net.box, full=True)
    assert full.entries > 0
    before = dump_synced(city)
    result = net.imp(city, full.path)
    assert result.status == "applied" and not result.report.changed
    assert dump_synced(city) == before


def test_a_same_day_first_contact_leaves_the_choice_to_the_city(net):
    """首报首谈 suggests the unit that reported first; when both first met the
    investor on the same day there is no first, and the city decides."""
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    for ws, code in ((tx, "TX-U01"), (jj, "JJ-U01")):
        company = ws.companies.create({"name": "同日接触测试集团有限公司"})
        ws.visits.create({"unit_id": net.units[code], "company_id": company, "visit_date": "2026-06-03"})
        assert net.up(code).status == "applied"
    [alert] = open_alerts(city)
    assert {alert.unit_a_id, alert.unit_b_id} == {net.units["TX-U01"], net.units["JJ-U01"]}
    assert alert.first_unit_id is None


def test_progress_on_a_project_the_city_already_holds_reaches_the_city(net):
    """签约 travels first; 开工, 资金到位 and problems come in later files, once the
    city has acknowledged the project. The city takes them (they name a project it
    holds from an earlier file) and its figures move with them."""
    tx, city = net["TX-U01"], net.city
    unit = net.units["TX-U01"]
    company = tx.companies.create({"name": "后续进展测试有限公司"})
    project = tx.projects.create({"unit_id": unit, "company_id": company, "name": "后续进展项目",
                                  "contract_date": "2026-03-01", "contract_investment": "2亿"})
    assert net.up("TX-U01").status == "applied"
    net.down("TX-U01")                     # acknowledged: the next file carries only what follows
    arrival = tx.projects.add_arrival(project, "2026-04-20", "5000")
    problem = tx.projects.add_problem(project, "用电", "双回路供电待落实", "2026-04-21")
    result = net.up("TX-U01")              # rows of the project's, not the project
    assert result.status == "applied" and not result.report.refused, result.report.refused
    net.down("TX-U01")
    tx.projects.advance(project, "started", "2026-04-10")
    result = net.up("TX-U01")
    assert result.status == "applied" and not result.report.refused, result.report.refused
    with city.read() as s:
        assert s.get(Project, project).stage == "started"
        assert [st.stage for st in s.scalars(select(ProjectStage).where(ProjectStage.project_id == project)
                                             .order_by(ProjectStage.stage_date))] == ["signed", "started"]
        assert s.get(CapitalArrival, arrival).amount == 5000
        assert s.get(Problem, problem).description == "双回路供电待落实"
    figures = {u.unit_id: u for u in metrics.year_report(city, 2026).units}[unit]
    assert figures["started_projects"].value == 1 and figures["arrived_capital"].value == 5000


def _owned_rows(ws, site_id: str) -> dict[str, list]:
    """The synced rows ``site_id`` owns, table by table (derived local columns left out)."""
    from test_sync_kit import _plain
    from zsdesk.db.models import SYNCED_MODELS

    out = {}
    with ws.read() as s:
        for name, model in sorted(SYNCED_MODELS.items()):
            table = model.__table__
            cols = [c for c in table.columns if c.key not in model.__local__]
            rows = s.execute(select(table).where(table.c.owner_site_id == site_id)).mappings()
            out[name] = sorted((tuple((c.key, _plain(r[c.key])) for c in cols) for r in rows), key=repr)
    return out


def test_a_projects_whole_life_reaches_the_city_one_acknowledged_file_at_a_time(net):
    """The usual rhythm: a county sends a file after each piece of work and the city
    answers with its own. Every later change (stages, arrivals, problems, a review,
    edits, a tombstone) arrives in a file that no longer carries the records it
    belongs to; each is taken, and the city ends with exactly the county's rows."""
    tx, city = net["TX-U01"], net.city
    unit = net.units["TX-U01"]
    staff = tx.reference.staff.create({"unit_id": unit, "name": "文件节奏招商员"})
    state = {}

    def visit_and_lead():
        state["company"] = tx.companies.create({"name": "文件节奏测试股份有限公司",
                                                 "contacts": [{"name": "周总", "phone": "13800000000"}]})
        state["visit"] = tx.visits.create({"unit_id": unit, "company_id": state["company"],
                                           "visit_date": "2026-03-02", "staff_id": staff,
                                           "participants": [staff]})
        state["lead"] = tx.leads.create({"unit_id": unit, "company_id": state["company"], "name": "文件节奏项目",
                                         "stage": "contact", "stage_date": "2026-03-02", "first_reported": "2026-03-02",
                                         "planned_investment": "12000"})

    def sign():
        tx.leads.advance(state["lead"], "negotiating", "2026-03-10")
        state["project"] = tx.leads.advance(state["lead"], "signed", "2026-03-20")

    def start():
        tx.projects.advance(state["project"], "registered", "2026-04-01")
        tx.projects.advance(state["project"], "started", "2026-04-15")

    def pay():  # rows of the project's alone: the file does not carry the project
        tx.projects.add_arrival(state["project"], "2026-04-20", "3000")
        state["problem"] = tx.projects.add_problem(state["project"], "用电", "专线待接入", "2026-04-21")

    def settle_and_review():
        tx.projects.resolve_problem(state["problem"], "2026-05-06", "供电公司已排期")
        state["review"] = tx.projects.recommend_review(state["project"], "2026-05-08", "亿元以上项目")

    def city_reviews():
        city.projects.advance_review(state["review"], "joint_review", "2026-05-12", "联席会审查")

    def edits_and_tombstone():
        tx.visits.update(state["visit"], {"outcome": "已签约，转入项目服务"})
        tx.companies.update(state["company"], {"region": "江苏泰州"})
        second = tx.visits.create({"unit_id": unit, "company_id": state["company"], "visit_date": "2026-05-20"})
        net.up("TX-U01")
        net.down("TX-U01")
        tx.visits.delete(second)

    for step in (visit_and_lead, sign, start, pay, settle_and_review, city_reviews, edits_and_tombstone):
        step()
        up, down = net.up("TX-U01"), net.down("TX-U01")
        assert up.status in ("applied", "already") and not up.report.refused, (step.__name__, up.report.refused)
        assert down.status in ("applied", "already") and not down.report.refused, (step.__name__,
                                                                                   down.report.refused)
        mine, held = _owned_rows(tx, tx.site.id), _owned_rows(city, tx.site.id)
        assert mine == held, (step.__name__, diff_dumps(mine, held))
    with tx.read() as s:       # and the city's review step came back to the county
        from zsdesk.db.models import Review
        assert s.get(Review, state["review"]).step == "joint_review"
    figures = {u.unit_id: u for u in metrics.year_report(city, 2026).units}[unit]
    assert figures["started_projects"].value == 1 and figures["arrived_capital"].value == 3000
