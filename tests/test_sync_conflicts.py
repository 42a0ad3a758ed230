"""Concurrent edits (docs/SYNC.md "Versions and clocks", "Merge", "Conflicts"): two
counties edit one shared project (飞地); a resolution travels; a laptop whose
clock is three days ahead cannot break causality or drag the city's clock."""

from __future__ import annotations

import json
from decimal import Decimal
import re

import pytest
from sqlalchemy import select

from support import log_entries
from test_sync_kit import DAY_MS, dump_synced, hlc_wall_ms, local_hlc, shared_project_net
from zsdesk.db.models import Conflict, Project, Review, ReviewStep
from zsdesk.errors import ReadOnlyError, RefusedError
from zsdesk.hlc import wall_millis
from zsdesk.sync import conflicts, exchange


@pytest.fixture
def net(databases, tmp_path):
    return shared_project_net(databases, tmp_path)


def sites(net):
    return [net.city, net["TX-U01"], net["JJ-U01"]]


def full_round(net):
    """Both counties send, the city sends back to both."""
    return net.round_trip(["TX-U01", "JJ-U01"])


def project_values(ws, pid, *fields):
    with ws.read() as s:
        p = s.get(Project, pid)
        return tuple(getattr(p, f) for f in fields)


def test_edits_of_different_fields_of_a_shared_project_both_survive(net):
    tx, jj = net["TX-U01"], net["JJ-U01"]
    pid = net.ids["project"]
    tx.projects.update(pid, {"jobs": 80, "land_mu": "120"})
    jj.projects.update(pid, {"expected_tax": "500"})   # the partner county, in a shared field
    ups, downs = full_round(net)
    assert all(r.report.conflicts == [] for r in [*ups.values(), *downs.values()])
    for ws in sites(net):
        jobs, land, tax, name = project_values(ws, pid, "jobs", "land_mu", "expected_tax", "name")
        assert (jobs, int(land), int(tax), name) == (80, 120, 500, "飞地项目"), ws.site.code
        assert conflicts.list_conflicts(ws) == []
    # the three hold the same project, and the same history of it
    dumps = [dump_synced(ws) for ws in sites(net)]
    rows = [[r for r in d["projects"] if dict(r)["id"] == pid] for d in dumps]
    assert rows[0] == rows[1] == rows[2]
    logs = [{e for e in d["change_log"] if e[4] == pid} for d in dumps]
    assert logs[0] == logs[1] == logs[2]


def test_partner_county_edits_shared_fields_through_the_service(net):
    """The 飞出地 county may update the shared fields of the project it referred
    (docs/SYNC.md: the shared project's progress fields), nothing else; the city may not."""
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    pid = net.ids["project"]
    assert jj.projects.partner_sites(pid) == {tx.site.id, jj.site.id}
    jj.projects.update(pid, {"notes": "靖江：已对接设备供应商", "expected_output": "12000"})
    for changes in ({"name": "靖江改名"}, {"notes": "x", "contract_investment": "1亿"}):
        with pytest.raises(ReadOnlyError):
            jj.projects.update(pid, changes)
    with pytest.raises(ReadOnlyError):
        city.projects.update(pid, {"notes": "市里改的"})
    ups, downs = full_round(net)
    assert not any(r.report.refused for r in [*ups.values(), *downs.values()])
    for ws in sites(net):
        notes, output, name = project_values(ws, pid, "notes", "expected_output", "name")
        assert (notes, int(output), name) == ("靖江：已对接设备供应商", 12000, "飞地项目"), ws.site.code


def test_the_same_field_edited_at_two_counties(net):
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    pid = net.ids["project"]
    tx.projects.update(pid, {"notes": "泰兴：已完成土地摘牌"})
    with jj.write() as w:
        w.update(Project, pid, {"notes": "靖江：设备已进场"}, allow_foreign=True)
    entries = {e["origin"]: e for ws in (tx, jj) for e in log_entries(ws, "projects", pid)
               if e["op"] == "U" and "notes" in e["data"] and e["origin"] == ws.site.id}
    tx_e, jj_e = entries[tx.site.id], entries[jj.site.id]
    winner, loser = sorted((tx_e, jj_e), key=lambda e: (e["hlc"], e["origin"]), reverse=True)
    won, lost = winner["data"]["notes"][1], loser["data"]["notes"][1]

    ups, downs = full_round(net)
    # one deterministic winner everywhere, one conflict listed at each site
    for ws in sites(net):
        assert project_values(ws, pid, "notes") == (won,), ws.site.code
        [c] = conflicts.list_conflicts(ws)
        assert (c.table, c.row_id, c.field, c.status) == ("projects", pid, "notes", "open")
        assert [v["value"] for v in c.versions] == [won, lost]      # winner first, the loser kept
        assert c.winner["site"] == winner["origin"]
        assert {v["site_name"] for v in c.versions} == {"泰兴高新区招商单元", "靖江经开区招商单元"}
        # both values are in the change log
        values = [e["data"]["notes"][1] for e in log_entries(ws, "projects", pid)
                  if e["op"] == "U" and "notes" in e["data"]]
        assert sorted(values) == sorted([won, lost])
    assert ups["JJ-U01"].report.tables["projects"].conflicts == 1
    assert ups["JJ-U01"].message.count("冲突1处") == 1
    # another round changes nothing and opens nothing new
    again_up, again_down = full_round(net)
    for r in [*again_up.values(), *again_down.values()]:
        assert r.status == "applied", (r.status, r.message)
        assert r.report.conflicts == [] and not r.report.changed
    for ws in sites(net):
        assert len(conflicts.list_conflicts(ws)) == 1

    # the city may not decide a county's project notes
    [c_city] = conflicts.list_conflicts(city)
    with pytest.raises(RefusedError, match="不能修改"):
        conflicts.resolve(city, c_city.id, keep="theirs")
    assert len(conflicts.list_conflicts(city)) == 1

    # TX resolves it — for the value that lost — and the resolution travels
    [c_tx] = conflicts.list_conflicts(tx)
    keep = "mine" if loser["origin"] == tx.site.id else "theirs"
    conflicts.resolve(tx, c_tx.id, keep=keep)
    assert project_values(tx, pid, "notes") == (lost,)
    assert conflicts.list_conflicts(tx) == []
    ups, downs = full_round(net)
    assert ups["TX-U01"].report.resolved == [c_city.id]
    for ws in sites(net):
        assert project_values(ws, pid, "notes") == (lost,), ws.site.code
        assert conflicts.list_conflicts(ws) == []
        [closed] = conflicts.list_conflicts(ws, status="resolved")
        assert closed.field == "notes"
    with city.read() as s:
        resolution = json.loads(s.get(Conflict, c_city.id).resolution)
    assert resolution["by"] == "sync"
    # the resolution covers both versions: nothing reopens it, anywhere, in any later round
    full_round(net)
    for ws in sites(net):
        assert conflicts.list_conflicts(ws) == []
    dumps = [dump_synced(ws) for ws in sites(net)]
    assert len({repr([r for r in d["projects"] if dict(r)["id"] == pid]) for d in dumps}) == 1


def test_an_edit_on_top_of_a_version_is_not_a_conflict(net):
    """JJ has seen TX's notes and writes on top of them: a later edit, not a conflict."""
    tx, jj = net["TX-U01"], net["JJ-U01"]
    pid = net.ids["project"]
    tx.projects.update(pid, {"notes": "泰兴：第一版"})
    full_round(net)
    assert project_values(jj, pid, "notes") == ("泰兴：第一版",)
    with jj.write() as w:
        w.update(Project, pid, {"notes": "泰兴：第一版；靖江补充"}, allow_foreign=True)
    full_round(net)
    for ws in sites(net):
        assert project_values(ws, pid, "notes") == ("泰兴：第一版；靖江补充",)
        assert conflicts.list_conflicts(ws) == [] and conflicts.list_conflicts(ws, status=None) == []


def test_equal_values_never_conflict(net):
    tx, jj = net["TX-U01"], net["JJ-U01"]
    pid = net.ids["project"]
    tx.projects.update(pid, {"expected_output": "30000"})
    with jj.write() as w:
        w.update(Project, pid, {"expected_output": Decimal("30000")}, allow_foreign=True)
    full_round(net)
    for ws in sites(net):
        assert int(project_values(ws, pid, "expected_output")[0]) == 30000
        assert conflicts.list_conflicts(ws, status=None) == []


def test_a_clock_three_days_ahead(databases, tmp_path):
    """TX's laptop runs three days fast. The city's later step on TX's review
    (made on top of TX's version, with an earlier clock) still wins everywhere;
    the city is warned and its clock is not dragged forward."""
    ahead = 3 * DAY_MS
    net = shared_project_net(databases, tmp_path, walls={"TX-U01": lambda: wall_millis() + ahead})
    tx, city = net["TX-U01"], net.city
    pid = net.ids["project"]
    review = tx.projects.recommend_review(pid, "2026-06-10", "建议提交联席会")
    [created] = log_entries(tx, "reviews", review)
    assert hlc_wall_ms(created["hlc"]) > wall_millis() + ahead - DAY_MS

    result = net.up("TX-U01")
    assert result.status == "applied"
    [warning] = result.warnings
    assert re.search(r"TX-U01 的电脑时钟比本机快约(2\.9|3\.0)天", warning), warning
    peer = next(p for p in exchange.status(city)["peers"] if p["code"] == "TX-U01")
    assert peer["clock_warning"] == warning
    assert hlc_wall_ms(local_hlc(city)) < wall_millis() + DAY_MS      # not dragged forward

    city.projects.advance_review(review, "joint_review", "2026-06-12", "联席会原则同意")
    [step] = [e for e in log_entries(city, "reviews", review) if e["op"] == "U"]
    assert step["hlc"] < created["hlc"]           # the city's clock is earlier …
    assert step["base"]["step"] == f"{tx.site.id}:{created['counter']}"   # … but it wrote on top of TX's
    with city.read() as s:
        assert s.get(Review, review).step == "joint_review"

    result = net.down("TX-U01")
    assert result.status == "applied" and not result.warnings and not result.report.refused
    with tx.read() as s:
        r = s.get(Review, review)
        assert (r.step, r.comment) == ("joint_review", "联席会原则同意")
        steps = s.scalars(select(ReviewStep.step).where(ReviewStep.review_id == review)).all()
        assert sorted(steps) == ["joint_review", "recommended"]
    for ws in (tx, city):
        assert conflicts.list_conflicts(ws, status=None) == []
    # TX's next file: still flagged, and still the city's clock stays where it is
    tx.projects.update(pid, {"jobs": 60})
    again = net.up("TX-U01")
    assert again.status == "applied" and len(again.warnings) == 1
    assert hlc_wall_ms(local_hlc(city)) < wall_millis() + DAY_MS
    with city.read() as s:
        assert s.get(Project, pid).jobs == 60


def test_an_edit_concurrent_with_a_delete_is_surfaced_and_settled_everywhere(databases, tmp_path):
    """TX deletes the shared project while JJ, not yet knowing, edits it: every
    site lists the edit-vs-delete conflict; TX's decision travels and closes it."""
    net = shared_project_net(databases, tmp_path)
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    pid = net.ids["project"]
    tx.projects.delete(pid)
    jj.projects.update(pid, {"notes": "靖江：土地已摘牌"})  # after the delete, without having seen it
    net.round_trip()

    def open_on_deleted(ws):
        return [c for c in conflicts.list_conflicts(ws) if c.table == "projects" and c.field == "deleted"]

    for ws in (city, tx, jj):
        [c] = open_on_deleted(ws)
        assert {v["site"] for v in c.versions} == {tx.site.id, jj.site.id}
        with ws.read() as s:
            assert s.get(Project, pid).deleted  # the delete stays the automatic outcome
    [c] = open_on_deleted(tx)
    conflicts.resolve(tx, c.id, keep="theirs")  # TX restores the project
    net.round_trip()
    net.round_trip()
    for ws in (city, tx, jj):
        assert open_on_deleted(ws) == []
        with ws.read() as s:
            row = s.get(Project, pid)
            assert not row.deleted and row.notes == "靖江：土地已摘牌"
