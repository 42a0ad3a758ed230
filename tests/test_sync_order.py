"""The merge is the same whatever order files arrive in (docs/SYNC.md "Merge"):
files from two counties — cumulative and delta exports, later edits of the same
records, concurrent edits of a shared project and a conflict resolution — are
imported into fresh copies of the city in hypothesis-chosen orders, with
duplicates; every copy ends with the same synced data, the same change-log
entries and the same open conflicts as the city that got them in order."""

from __future__ import annotations

import shutil
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, example, given, note, settings
from hypothesis import strategies as st

from test_sync_kit import FileDatabases, Net, clone_database, diff_dumps, dump_synced
from zsdesk.backup import backup_to
from zsdesk.db.models import Project, Visit
from zsdesk.sync import conflicts, exchange

NAMES = ("tx1", "tx2", "tx3", "tx4", "jj1", "jj2")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory):
    """Built once: the files, a copy of the city from before any of them, and the
    city that imported them in the order they were made."""
    root = tmp_path_factory.mktemp("order")
    dbs = FileDatabases(root / "sites")
    net = Net(dbs, root)
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    tu, ju = net.units["TX-U01"], net.units["JJ-U01"]
    company = tx.companies.create({"name": "飞地合作投资有限公司"})
    pid = tx.projects.create({"unit_id": tu, "company_id": company, "name": "飞地项目",
                              "contract_date": "2026-03-01", "contract_investment": "2亿"})
    net.up("TX-U01")
    net.up("JJ-U01")
    city.projects.add_referral(pid, ju, "40%", "2026-03-05")
    net.down("TX-U01")
    net.down("JJ-U01")
    pristine = root / "pristine-city.db"
    backup_to(city, pristine)

    files = {}
    # -- 1: new records at both; the same field of the shared project edited at both
    t1 = tx.companies.create({"name": "泰兴光伏组件有限公司"})
    t2 = tx.companies.create({"name": "黄桥琴韵乐器厂"})
    tv = [tx.visits.create({"unit_id": tu, "company_id": c, "visit_date": d})
          for c, d in ((t1, "2026-05-01"), (t2, "2026-05-02"), (t1, "2026-05-03"))]
    tx.projects.update(pid, {"notes": "泰兴：土地已摘牌", "jobs": 100})
    files["tx1"] = net.export(tx)
    j1 = jj.companies.create({"name": "靖江船舶配套集团"})
    jv = [jj.visits.create({"unit_id": ju, "company_id": j1, "visit_date": d}) for d in ("2026-05-04", "2026-05-05")]
    with jj.write() as w:
        w.update(Project, pid, {"notes": "靖江：设备已进场", "expected_tax": Decimal(500)}, allow_foreign=True)
    files["jj1"] = net.export(jj)
    # -- 2: TX edits what it sent in file 1 (a cumulative export: 1 again, plus this)
    tx.companies.update(t1, {"name": "泰兴光伏组件股份有限公司", "notes": "改制"})
    tx.visits.update(tv[0], {"outcome": "对方同意来访"})
    tv.append(tx.visits.create({"unit_id": tu, "company_id": t2, "visit_date": "2026-05-06"}))
    tx.projects.update(pid, {"land_mu": "80"})
    files["tx2"] = net.export(tx)
    # the city takes 1 and 2 and answers both counties: their next files are deltas
    for name in ("tx1", "tx2", "jj1"):
        net.imp(city, files[name])
    net.down("TX-U01")
    net.down("JJ-U01")
    # -- 3: TX resolves the conflict (for JJ's value), edits, deletes; JJ edits more
    [c] = conflicts.list_conflicts(tx)
    conflicts.resolve(tx, c.id, keep="theirs")
    tx.companies.update(t2, {"notes": "乐器出口"})
    tx.visits.delete(tv[1])
    tv.append(tx.visits.create({"unit_id": tu, "company_id": t1, "visit_date": "2026-06-01"}))
    files["tx3"] = net.export(tx)
    with jj.write() as w:
        w.update(Project, pid, {"expected_output": Decimal(7000)}, allow_foreign=True)
    jj.companies.update(j1, {"notes": "二期扩产"})
    jv.append(jj.visits.create({"unit_id": ju, "company_id": j1, "visit_date": "2026-06-02"}))
    files["jj2"] = net.export(jj)
    # -- 4: TX again before any answer: 3 again, plus an edit of a record made in 3
    tx.visits.update(tv[-1], {"outcome": "签约在即", "trip_days": 1})
    tx.projects.update(pid, {"jobs": 120})
    files["tx4"] = net.export(tx)
    for name in ("tx3", "jj2", "tx4"):
        net.imp(city, files[name])

    expected = dump_synced(city)
    with city.read() as s:
        p = s.get(Project, pid)
        assert (p.notes, p.jobs, int(p.land_mu), int(p.expected_tax), int(p.expected_output)) == (
            "靖江：设备已进场", 120, 80, 500, 7000)
        assert s.get(Visit, tv[1]).deleted
    assert conflicts.list_conflicts(city) == []
    assert exchange.pending(city) == []
    kinds = {}
    for name, path in files.items():
        opened = exchange._verify(city, path.read_bytes(), trust=None).manifest
        kinds[name] = (opened["kind"], opened["base_upto"])
    assert kinds["tx3"][1] > kinds["tx2"][1] == kinds["tx1"][1]   # 3 and 4 build on the acknowledgement
    assert kinds["tx4"][1] == kinds["tx3"][1]
    dbs_for_copy = FileDatabases(root / "pristine")
    pristine_ws = dbs_for_copy.workspace(f"sqlite:///{pristine}")
    yield {"files": files, "expected": expected, "pristine": pristine_ws, "root": root, "counter": [0]}
    dbs_for_copy.close_all()
    dbs.close_all()


def fresh_city(scenario, databases):
    """A fresh copy of the city from before the files, on the backend under test."""
    scenario["counter"][0] += 1
    n = scenario["counter"][0]
    if databases.is_pg:
        return clone_database(databases, scenario["pristine"], "order_city")
    folder = scenario["root"] / f"copy{n}"
    folder.mkdir()
    backup_to(scenario["pristine"], folder / "city.db")
    return databases.workspace(f"sqlite:///{folder / 'city.db'}")


def arrival_order(perm, dups) -> list[str]:
    order = list(perm)
    for at, name in dups:
        order.insert(at % (len(order) + 1), name)
    return order


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(perm=st.permutations(NAMES),
       dups=st.lists(st.tuples(st.integers(0, 20), st.sampled_from(NAMES)), max_size=4))
@example(perm=tuple(reversed(NAMES)), dups=[])
@example(perm=("tx4", "jj2", "tx3", "jj1", "tx1", "tx2"), dups=[(0, "tx4"), (3, "tx2"), (9, "jj2")])
@example(perm=("jj1", "tx1", "jj2", "tx3", "tx2", "tx4"), dups=[(2, "tx1")])
def test_any_order_with_duplicates_gives_the_same_database(scenario, databases, monkeypatch, perm, dups):
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(scenario["root"] / "data-dir"))  # the pending queue on PostgreSQL
    order = arrival_order(perm, dups)
    note(f"order: {order}")
    ws = fresh_city(scenario, databases)
    try:
        seen = set()
        for name in order:
            result = exchange.import_package(ws, scenario["files"][name])
            if name in seen and result.status != "pending":
                # a file seen before is "already" — unless it waited and was applied from the queue
                assert result.status in ("already", "applied")
            seen.add(name)
            assert result.status in ("applied", "already", "pending")
            assert not (result.report and result.report.refused), result.report.refused
        assert exchange.pending(ws) == []
        got = dump_synced(ws)
        assert got == scenario["expected"], diff_dumps(got, scenario["expected"])
    finally:
        ws.close()
        shutil.rmtree(scenario["root"] / "data-dir", ignore_errors=True)
