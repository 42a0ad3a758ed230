"""Ownership in sync (docs/SYNC.md "Ownership"): a county's package may
change only what that county may change. Rows outside its rights are refused
one by one, reported with reasons (and acknowledged back), the rest applied."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from support import local_state
from test_sync_kit import dump_synced, read_zip, shared_project_net
from zsdesk.db.models import ChangeLog, Company, Industry, Project, Target, Unit, Visit
from zsdesk.seed import seed_id
from zsdesk.sync import exchange
from zsdesk.sync.package import build


@pytest.fixture
def shared(databases, tmp_path):
    return shared_project_net(databases, tmp_path)


def test_rows_outside_the_senders_rights_are_refused_and_reported(shared):
    net = shared
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    ids = net.ids
    industry = seed_id("industry", "I02")
    # JJ's own work, and a shared field of the shared project: both allowed
    jj_company = jj.companies.create({"name": "靖江自有企业有限公司"})
    jj_visit = jj.visits.create({"unit_id": net.units["JJ-U01"], "company_id": jj_company,
                                 "visit_date": "2026-06-01"})
    # the service layer refuses the rest; a modified program writes it anyway
    with jj.write() as w:
        w.update(Project, ids["project"], {"notes": "靖江补充的进展"}, allow_foreign=True)
        w.update(Project, ids["project"], {"contract_investment": 999999}, allow_foreign=True)
        w.update(Company, ids["company"], {"name": "被靖江改名的企业"}, allow_foreign=True)
        w.update(Industry, industry, {"name": "靖江改的产业"}, allow_foreign=True)
        w.update(Target, ids["target"], {"value": 1}, allow_foreign=True)
        w.update(Unit, net.units["TX-U01"], {"name": "靖江改的单元名"}, allow_foreign=True)
        fake_industry = w.insert(Industry, {"code": "JJ-X", "name": "靖江自设产业"})
    before = dump_synced(city)

    result = net.up("JJ-U01")
    assert result.status == "applied"
    refused = {(t, r["row_id"]): r for t, rep in result.report.tables.items() for r in rep.refused}
    assert refused[("projects", ids["project"])]["reason"] == "不能修改其他站点的记录"
    assert refused[("projects", ids["project"])]["fields"] == ["contract_investment"]
    assert refused[("companies", ids["company"])]["reason"] == "不能修改其他站点的记录"
    assert refused[("industries", industry)]["reason"] == "内置目录只能由市级修改"
    assert refused[("targets", ids["target"])]["reason"] == "参考数据只能由市级修改"
    assert refused[("units", net.units["TX-U01"])]["reason"] == "不能修改其他站点的记录"
    assert refused[("industries", fake_industry)]["reason"] == "参考数据只能由市级创建"
    assert len(result.report.refused) == 6
    assert all(r["origin"] == jj.site.id for r in result.report.refused)
    assert "拒绝6条" in result.message
    # JJ counts its own industry among its records; the city refused it, so the
    # totals check does not ask for a full package (it would be refused again)
    assert not [w for w in result.warnings if "对方有" in w]

    # the rest is applied; the refused rows are untouched
    with city.read() as s:
        assert s.get(Visit, jj_visit) is not None
        p = s.get(Project, ids["project"])
        assert p.notes == "靖江补充的进展" and p.contract_investment == 20000
        assert s.get(Company, ids["company"]).name == "飞地项目投资有限公司"
        assert s.get(Industry, industry).name == "新能源和新材料"
        assert s.get(Industry, fake_industry) is None
        assert s.get(Target, ids["target"]).value == 40
        assert s.get(Unit, net.units["TX-U01"]).name == "泰兴高新区招商单元"
    after = dump_synced(city)
    for table in ("industries", "targets", "units", "companies"):
        changed = set(after[table]) ^ set(before[table])
        assert all("靖江" not in repr(row) or "靖江自有企业" in repr(row) for row in changed), table
    # refused entries are not kept in the log (a later package cannot revive them)
    with city.read() as s:
        logged = {(r.tbl, r.row_id) for r in s.scalars(select(ChangeLog).where(
            ChangeLog.origin_site_id == jj.site.id))}
    assert ("companies", ids["company"]) not in logged and ("industries", industry) not in logged

    # the acknowledgement carries the refused rows back to JJ
    net.down("JJ-U01")
    [peer] = exchange.status(jj)["peers"]
    back = {(r["row_id"], r["reason"]) for r in peer["refused_by_peer"]}
    assert (ids["company"], "不能修改其他站点的记录") in back and (industry, "内置目录只能由市级修改") in back
    assert len(back) == 6
    # and TX, the owner, never sees JJ's changes to its records (only the shared field)
    net.up("TX-U01")
    net.down("TX-U01")
    with tx.read() as s:
        assert s.get(Company, ids["company"]).name == "飞地项目投资有限公司"
        p = s.get(Project, ids["project"])
        assert p.notes == "靖江补充的进展" and p.contract_investment == 20000
        assert s.get(Industry, industry).name == "新能源和新材料"


def test_a_preview_lists_the_refusals_without_writing(shared):
    net = shared
    jj, city = net["JJ-U01"], net.city
    with jj.write() as w:
        w.update(Company, net.ids["company"], {"notes": "靖江写的备注"}, allow_foreign=True)
    path = net.export(jj)
    before = dump_synced(city)
    preview = net.imp(city, path, dry_run=True)
    assert preview.status == "preview"
    [row] = preview.report.refused
    assert (row["row_id"], row["reason"], row["fields"]) == (net.ids["company"], "不能修改其他站点的记录", ["notes"])
    assert "拒绝1条" in preview.message
    assert dump_synced(city) == before


def _forge(net, county_ws, path, forged: list[dict], out):
    """What a modified program at the county could send: its genuine package
    (unencrypted) with extra entries in other sites' names, signed with the
    county's own key."""
    files = read_zip(path.read_bytes())
    manifest = json.loads(files.pop("manifest.json"))
    files.pop("manifest.sig")
    manifest.pop("files")
    files["changes.jsonl"] += b"".join(json.dumps(e, ensure_ascii=False).encode() + b"\n" for e in forged)
    data = build(manifest, files, local_state(county_ws)["private_key"])
    out.write_bytes(data)
    return out


def test_entries_in_another_sites_name_are_refused(shared, tmp_path):
    """A county's package holds that county's own writes only: an entry claiming
    to come from the city (a target) or from the other county (its company) is
    refused, however well-formed and whatever rights its claimed origin has."""
    net = shared
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    jj.visits.create({"unit_id": net.units["JJ-U01"], "people": "来访客商", "visit_date": "2026-06-02"})
    genuine = net.export(jj, encrypt=False)
    now = max(int(local_state(w)["hlc"]) for w in (city, tx, jj)) + (1 << 30)
    forged = [
        {"o": city.site.id, "c": 10_000, "h": now, "t": "targets", "r": net.ids["target"], "op": "U",
         "d": {"value": ["40", "400"]}, "b": None, "a": "伪造", "at": dt.datetime.now(dt.UTC).isoformat()},
        {"o": tx.site.id, "c": 10_000, "h": now, "t": "companies", "r": net.ids["company"], "op": "U",
         "d": {"name": ["飞地项目投资有限公司", "冒名改的名字"]}, "b": None, "a": "伪造", "at": None},
    ]
    path = _forge(net, jj, genuine, forged, tmp_path / genuine.name)
    result = net.imp(city, path)
    assert result.status == "applied"
    reasons = {(r["row_id"], r["origin"]): r["reason"] for r in result.report.refused}
    assert set(reasons) == {(net.ids["target"], city.site.id), (net.ids["company"], tx.site.id)}
    assert all("其他站点" in reason for reason in reasons.values()), reasons
    with city.read() as s:
        assert s.get(Target, net.ids["target"]).value == 40
        assert s.get(Company, net.ids["company"]).name == "飞地项目投资有限公司"
        assert len(s.scalars(select(Visit).where(Visit.owner_site_id == jj.site.id)).all()) == 1
    # and the real owners' later writes are not shadowed by the forged counters
    tx.companies.update(net.ids["company"], {"notes": "泰兴的真实修改"})
    net.up("TX-U01")
    with city.read() as s:
        assert s.get(Company, net.ids["company"]).notes == "泰兴的真实修改"


def test_the_partner_county_adds_arrivals_and_problems_to_a_shared_project(shared):
    """飞地: JJ shares TX's project. In its own app JJ records money that arrived and
    problems on its side; the city accepts them; the stages stay TX's."""
    from zsdesk.db.models import CapitalArrival, Problem, ProjectStage
    from zsdesk.errors import ReadOnlyError

    net = shared
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    project = net.ids["project"]
    arrival = jj.projects.add_arrival(project, "2026-06-01", "3000")
    problem = jj.projects.add_problem(project, "用地", "靖江侧配套用地指标待协调", "2026-06-02")
    with pytest.raises(ReadOnlyError):
        jj.projects.advance(project, "started", "2026-06-03")

    result = net.up("JJ-U01")
    assert result.status == "applied" and not result.report.refused
    with city.read() as s:
        assert s.get(CapitalArrival, arrival).amount == 3000
        assert s.get(Problem, problem).description == "靖江侧配套用地指标待协调"
    down = net.down("TX-U01")               # the owner gets them through the city
    assert down.status == "applied" and not down.report.refused
    with tx.read() as s:
        assert s.get(CapitalArrival, arrival).owner_site_id == jj.site.id
        assert s.get(Problem, problem) is not None

    # a stage row written in JJ's name anyway (a modified program) is refused
    with jj.write() as w:
        forged = w.insert(ProjectStage, {"project_id": project, "stage": "started",
                                         "stage_date": dt.date(2026, 6, 3)})
    result = net.up("JJ-U01")
    [row] = result.report.refused
    assert (row["row_id"], row["reason"]) == (forged, "不能为其他站点的项目添加记录")
    with city.read() as s:
        assert s.get(ProjectStage, forged) is None and s.get(Project, project).stage == "signed"
