"""A compact history, part two (issue 15, migration 0012): an insert entry stores
the marker ``{"~":1}`` and only the fields whose value differs from its row; every
write that changes a field first keeps the field's value in the insert. Every
reader sees the whole insert: a sync package carries exactly what a full entry
held, the audit trail of a record is the same before and after the migration,
a change can be undone, and a remote update applied by the merge leaves the
insert's values readable."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from alembic import command
from sqlalchemy import select

from support import log_entries
from test_sync_kit import Net, read_zip, shared_project_net
from zsdesk.app.records import revert_change
from zsdesk.db.changes import COMPACT, TableInfo, field_versions, is_compact
from zsdesk.db.engine import HEAD_REVISION, alembic_config, current_revision
from zsdesk.db.models import SYNCED_MODELS, ChangeLog, Company, Project
from zsdesk.demo import generate
from zsdesk.sync import conflicts
from zsdesk.sync.engine import Entry


def raw(ws, table: str | None = None, row_id: str | None = None) -> list[tuple[str, str]]:
    """(op, data text) of the log as stored, oldest first."""
    q = select(ChangeLog.op, ChangeLog.data).order_by(ChangeLog.seq)
    if table:
        q = q.where(ChangeLog.tbl == table)
    if row_id:
        q = q.where(ChangeLog.row_id == row_id)
    with ws.read() as s:
        return [tuple(r) for r in s.execute(q)]


def plain(value):
    """A row's value as JSON holds it (written here, not taken from zsdesk)."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def snapshot(ws, model, row_id: str) -> dict:
    """The synced columns of a row as JSON values: what a whole insert entry holds
    when the row was just written from canonical values."""
    columns = TableInfo.of(model).columns
    with ws.read() as s:
        row = s.execute(select(model.__table__).where(model.__table__.c.id == row_id)).mappings().one()
    return {c: plain(row[c]) for c in columns}


def package_entries(path) -> list[dict]:
    files = read_zip(path.read_bytes())
    return [json.loads(line) for line in files["changes.jsonl"].decode().splitlines() if line.strip()]


def test_inserts_are_stored_compact_and_read_whole(ws):
    company = ws.companies.create({"name": "紧凑新增测试有限公司", "region": "江苏泰兴"})
    visits = ws.visits.create_many([{"unit_id": ws.reference.list_units()[0].id, "company_id": company,
                                     "visit_date": "2026-06-01", "outcome": f"第{n}次面谈"} for n in range(3)])
    inserts = [d for op, d in raw(ws) if op == "I"]
    assert inserts and all(d.startswith('{"~":1') for d in inserts)
    assert raw(ws, "companies", company) == [("I", '{"~":1}')]
    [entry] = log_entries(ws, "companies", company)
    assert entry["data"] == snapshot(ws, Company, company)
    assert list(entry["data"]) == TableInfo.of(Company).columns    # the order a whole entry had
    for vid in visits:
        [visit] = log_entries(ws, "visits", vid)
        assert set(visit["data"]) == set(TableInfo.of(SYNCED_MODELS["visits"]).columns)
    with ws.read() as s:
        versions = field_versions(s, "companies", company)
    assert set(versions) == set(TableInfo.of(Company).columns)      # the insert covers every column


def test_a_value_that_would_not_read_back_the_same_stays_in_the_insert(ws):
    unit = ws.reference.list_units()[0].id
    company = ws.companies.create({"name": "金额写法测试有限公司"})
    with ws.write() as w:
        [pid] = w.insert_many(Project, [{"unit_id": unit, "company_id": company, "name": "写法项目",
                                         "contract_date": dt.date(2026, 3, 1), "stage": "signed",
                                         "stage_date": dt.date(2026, 3, 1),
                                         "contract_investment": Decimal("12000.50"), "land_mu": "30"}])
    [(_op, data)] = raw(ws, "projects", pid)
    stored = json.loads(data)
    assert stored[COMPACT] == 1 and stored["contract_investment"] == "12000.50"    # the row reads 12000.5
    assert "land_mu" not in stored                                                # "30" reads back "30"
    [entry] = log_entries(ws, "projects", pid)
    assert entry["data"] == {**snapshot(ws, Project, pid), "contract_investment": "12000.50"}
    assert snapshot(ws, Project, pid)["contract_investment"] == "12000.5"


def test_the_merge_keeps_in_the_insert_what_the_row_would_not_read_back(databases, tmp_path):
    net = Net(databases, tmp_path, codes=("TX-U01",))
    tx, city = net["TX-U01"], net.city
    company = tx.companies.create({"name": "远端写法测试有限公司"})
    with tx.write() as w:
        [pid] = w.insert_many(Project, [{"unit_id": net.units["TX-U01"], "company_id": company, "name": "远端项目",
                                         "contract_date": dt.date(2026, 3, 1), "stage": "signed",
                                         "stage_date": dt.date(2026, 3, 1),
                                         "contract_investment": Decimal("12000.50")}])
    sent = log_entries(tx, "projects", pid)
    assert net.up("TX-U01").status == "applied"
    [(_op, data)] = raw(city, "projects", pid)
    assert json.loads(data) == {COMPACT: 1, "contract_investment": "12000.50"}
    assert [e["data"] for e in log_entries(city, "projects", pid)] == [e["data"] for e in sent]


def test_an_insert_then_updates_exports_the_whole_insert(databases, tmp_path):
    net = Net(databases, tmp_path, codes=("TX-U01",))
    tx, city = net["TX-U01"], net.city
    unit = net.units["TX-U01"]
    company = tx.companies.create({"name": "导出测试有限公司", "region": "江苏泰兴", "notes": "初次登记"})
    visit = tx.visits.create({"unit_id": unit, "company_id": company, "visit_date": "2026-06-02",
                              "outcome": "初谈"})
    expected = {("companies", company): snapshot(tx, Company, company),
                ("visits", visit): snapshot(tx, SYNCED_MODELS["visits"], visit)}
    tx.companies.update(company, {"notes": "第一次修改"})
    tx.companies.update(company, {"notes": "第二次修改", "region": "江苏靖江"})
    tx.visits.update(visit, {"outcome": "再谈"})
    # the inserts kept what the updates replaced, nothing more
    stored = json.loads(raw(tx, "companies", company)[0][1])
    assert stored[COMPACT] == 1 and stored["notes"] == "初次登记" and stored["region"] == "江苏泰兴"
    assert "name" not in stored

    path = net.export(tx, encrypt=False)
    entries = package_entries(path)
    inserts = {(e["t"], e["r"]): e["d"] for e in entries if e["op"] == "I"}
    for key, data in expected.items():
        assert inserts[key] == data
        assert COMPACT not in inserts[key]
    updates = [e["d"] for e in entries if e["op"] == "U" and e["r"] == company]
    assert updates[:2] == [{"notes": ["初次登记", "第一次修改"]},
                           {"notes": ["第一次修改", "第二次修改"], "region": ["江苏泰兴", "江苏靖江"]}]
    # the city applies it; what it holds and reads back is what was sent
    assert net.imp(city, path).status == "applied"
    sent = {(e["o"], e["c"]): e["d"] for e in entries}
    held = {(e["origin"], e["counter"]): e["data"] for e in log_entries(city) if e["origin"] == tx.site.id}
    assert held == sent
    def changes(ws):
        return [(h.op, h.field, h.old, h.new, h.clock) for h in ws.audit.history("companies", company)]
    assert changes(city) == changes(tx)


def test_a_remote_update_applied_by_the_merge_keeps_the_insert_readable(databases, tmp_path):
    net = Net(databases, tmp_path, codes=("TX-U01",))
    tx, city = net["TX-U01"], net.city
    company = tx.companies.create({"name": "合并测试有限公司", "notes": "县里登记"})
    before = snapshot(tx, Company, company)
    net.up("TX-U01")
    [(_op, first)] = raw(city, "companies", company)
    assert first == '{"~":1}'                       # the city logs a new row's insert compact too
    tx.companies.update(company, {"notes": "县里修改"})
    assert net.up("TX-U01").status == "applied"
    with city.read() as s:
        assert s.get(Company, company).notes == "县里修改"
    [insert] = [e for e in log_entries(city, "companies", company) if e["op"] == "I"]
    assert insert["data"] == before
    assert json.loads(raw(city, "companies", company)[0][1])["notes"] == "县里登记"
    history = city.audit.history("companies", company)
    assert [(h.op, h.old, h.new) for h in history if h.field == "notes"] == [
        ("I", None, "县里登记"), ("U", "县里登记", "县里修改")]
    # an insert and its update in one package: the new row's insert keeps the value it lost
    other = tx.companies.create({"name": "同包修改有限公司", "notes": "原值"})
    original = snapshot(tx, Company, other)
    tx.companies.update(other, {"notes": "新值"})
    assert net.up("TX-U01").status == "applied"
    [insert] = [e for e in log_entries(city, "companies", other) if e["op"] == "I"]
    assert insert["data"] == original
    # every entry reads the same at both sites
    mine = {(e["origin"], e["counter"]): e["data"] for e in log_entries(tx)}
    theirs = {(e["origin"], e["counter"]): e["data"] for e in log_entries(city) if e["origin"] == tx.site.id}
    assert theirs == {k: v for k, v in mine.items() if k in theirs} and len(theirs) > 3


def test_a_conflict_and_its_resolution_keep_the_insert_values(databases, tmp_path):
    net = shared_project_net(databases, tmp_path)
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    pid = net.ids["project"]

    def insert_of(ws):
        [insert] = [e for e in log_entries(ws, "projects", pid) if e["op"] == "I"]
        return insert["data"]

    original = insert_of(tx)
    assert original["notes"] != "泰兴：已完成土地摘牌"
    assert all(insert_of(ws) == original for ws in (city, jj))
    tx.projects.update(pid, {"notes": "泰兴：已完成土地摘牌"})
    with jj.write() as w:
        w.update(Project, pid, {"notes": "靖江：设备已进场"}, allow_foreign=True)
    net.round_trip(["TX-U01", "JJ-U01"])
    [c_tx] = conflicts.list_conflicts(tx)
    conflicts.resolve(tx, c_tx.id, keep="mine")                 # a forced write covering both
    net.round_trip(["TX-U01", "JJ-U01"])
    for ws in (city, tx, jj):
        assert conflicts.list_conflicts(ws) == []
        assert insert_of(ws) == original, ws.site.code
        notes = [e["data"]["notes"] for e in log_entries(ws, "projects", pid) if e["op"] == "U"]
        assert sorted(n[1] for n in notes) == sorted(["泰兴：已完成土地摘牌", "靖江：设备已进场", "泰兴：已完成土地摘牌"])
        with ws.read() as s:
            assert s.get(Project, pid).notes == "泰兴：已完成土地摘牌"


def test_revert_of_a_change_to_a_compact_insert(ws):
    company = ws.companies.create({"name": "撤销测试有限公司", "region": "江苏泰兴"})
    ws.companies.update(company, {"region": "江苏靖江"})
    change = [h for h in ws.audit.history("companies", company) if h.op == "U" and h.field == "region"][0]
    revert_change(ws, "companies", company, "region", change.old, change.new)
    with ws.read() as s:
        assert s.get(Company, company).region == "江苏泰兴"
    history = [(h.op, h.old, h.new) for h in ws.audit.history("companies", company) if h.field == "region"]
    assert history == [("I", None, "江苏泰兴"), ("U", "江苏泰兴", "江苏靖江"), ("U", "江苏靖江", "江苏泰兴")]
    [insert] = [e for e in log_entries(ws, "companies", company) if e["op"] == "I"]
    assert insert["data"]["region"] == "江苏泰兴" and insert["data"]["name"] == "撤销测试有限公司"


def audit_answers(ws) -> dict:
    """Every audit answer and every entry sync reads: each record's 修改记录 (every
    version's values), the latest writes, the entries and each row's versions."""
    with ws.read() as s:
        keys = sorted(set(s.execute(select(ChangeLog.tbl, ChangeLog.row_id)).all()))
        entries = [Entry.from_row(r).to_json() for r in s.scalars(select(ChangeLog).order_by(ChangeLog.seq))]
        batch = [e.to_json() for e in Entry.from_rows(s, s.scalars(select(ChangeLog).order_by(ChangeLog.seq)))]
        versions = {k: field_versions(s, *k) for k in keys}
    assert batch == entries
    return {"history": {k: ws.audit.history(*k) for k in keys}, "recent": ws.audit.recent(500, tables=None),
            "entries": entries, "versions": versions, "log": log_entries(ws)}


def test_the_migration_keeps_every_audit_answer_of_a_demo_database(databases):
    ws = databases.workspace(databases.url("demo"))
    generate(ws, units=2, years=1, scale=0.01, seed=7)
    with ws.read() as s:
        companies = list(s.scalars(select(Company.id).limit(3)))
    for n, cid in enumerate(companies):
        ws.companies.update(cid, {"notes": f"演示修改{n}"})
    ws.companies.update(companies[0], {"notes": "再次修改"})
    written = audit_answers(ws)
    assert all(d.startswith('{"~":1') for op, d in raw(ws) if op == "I")

    command.downgrade(alembic_config(ws.db), "0011_compact_history")     # as release 0011 stored it
    assert current_revision(ws.db) == "0011_compact_history"
    assert not any(is_compact(d) for _op, d in raw(ws))
    full = audit_answers(ws)
    assert full == written

    command.upgrade(alembic_config(ws.db), "head")
    assert current_revision(ws.db) == HEAD_REVISION
    inserts = [d for op, d in raw(ws) if op == "I"]
    assert inserts and all(is_compact(d) for d in inserts)
    # the companies edited keep the value they were created with, nothing else
    assert sum(d != '{"~":1}' for d in inserts) == len(companies)
    assert audit_answers(ws) == full
