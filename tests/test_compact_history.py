"""A compact history (issue 15, migration 0011): the change log's JSON is written
without spaces and the unused index on ``recorded_at`` is gone, on every write path
(local, bulk, from a sync file) and, by the migration, for the entries already held.
Every audit answer and every entry sync reads stay the same, and sync goes on
working across the migration."""

from __future__ import annotations

import json

from alembic import command
from sqlalchemy import inspect, select

from support import log_entries
from test_sync_kit import Net
from zsdesk.db.changes import LOG_JSON, field_versions
from zsdesk.db.engine import HEAD_REVISION, alembic_config, current_revision
from zsdesk.db.models import ChangeLog, Company
from zsdesk.sync.engine import Entry

SPACED = json.JSONEncoder(ensure_ascii=False)   # what release 0010 wrote


def raw_log(ws) -> list[tuple[str, str | None]]:
    with ws.read() as s:
        return list(s.execute(select(ChangeLog.data, ChangeLog.base).order_by(ChangeLog.seq)).all())


def log_indexes(ws) -> set[str]:
    return {i["name"] for i in inspect(ws.db.engine).get_indexes("change_log")}


def answers(ws, company: str) -> dict:
    """What the audit trail, the sync export and the merge read from the log."""
    with ws.read() as s:
        entries = [Entry.from_row(r).to_json() for r in s.scalars(select(ChangeLog).order_by(ChangeLog.seq))]
        versions = {(r.tbl, r.row_id): field_versions(s, r.tbl, r.row_id)
                    for r in s.scalars(select(ChangeLog).where(ChangeLog.tbl == "companies"))}
    return {"history": ws.audit.history("companies", company), "recent": ws.audit.recent(200, tables=None),
            "entries": entries, "versions": versions, "log": log_entries(ws)}


def compact(text: str | None) -> bool:
    return text is None or text == LOG_JSON.encode(json.loads(text))


def test_every_write_path_logs_compact_json(databases, tmp_path):
    net = Net(databases, tmp_path, codes=("TX-U01",))
    tx, city = net["TX-U01"], net.city
    company = tx.companies.create({"name": "紧凑日志测试有限公司", "notes": "地址: 泰兴, 江苏"})
    tx.companies.update(company, {"notes": "已改, 见备注"})
    tx.visits.create_many([{"unit_id": net.units["TX-U01"], "company_id": company, "visit_date": "2026-06-01",
                            "outcome": f"第{n}次, 面谈"} for n in range(3)])
    net.up("TX-U01")        # the city logs TX's entries as they came
    for ws in (tx, city):
        rows = raw_log(ws)
        assert rows and all(compact(d) and compact(b) for d, b in rows)
        assert any(b for _d, b in rows)                   # updates carry their base, compact too
        assert "ix_change_recorded" not in log_indexes(ws)
    # the values keep their own spaces; only the separators lost theirs
    assert any('"notes":["地址: 泰兴, 江苏","已改, 见备注"]' in d for d, _b in raw_log(city))


def test_the_migration_compacts_the_log_and_every_answer_stays_the_same(databases, tmp_path):
    net = Net(databases, tmp_path, codes=("TX-U01",))
    tx, city = net["TX-U01"], net.city
    company = tx.companies.create({"name": "迁移测试有限公司"})
    tx.companies.update(company, {"notes": "第一次修改"})
    tx.visits.create({"unit_id": net.units["TX-U01"], "company_id": company, "visit_date": "2026-06-02"})
    net.round_trip()
    tx.companies.update(company, {"notes": "第二次修改"})
    net.up("TX-U01")
    before = answers(city, company)

    # as release 0010 left it: JSON with spaces, the index on recorded_at
    command.downgrade(alembic_config(city.db), "0010_events_chains")
    assert current_revision(city.db) == "0010_events_chains"
    rows = raw_log(city)
    assert all(d == SPACED.encode(json.loads(d)) for d, _b in rows) and not all(compact(d) for d, _b in rows)
    assert "ix_change_recorded" in log_indexes(city)
    assert answers(city, company) == before

    command.upgrade(alembic_config(city.db), "head")
    assert current_revision(city.db) == HEAD_REVISION
    assert all(compact(d) and compact(b) for d, b in raw_log(city))
    assert "ix_change_recorded" not in log_indexes(city)
    assert answers(city, company) == before

    # sync goes on: a new change and the next files both ways
    tx.companies.update(company, {"notes": "迁移之后的修改"})
    assert net.up("TX-U01").status == "applied"
    assert net.down("TX-U01").status == "applied"
    with city.read() as s:
        assert s.get(Company, company).notes == "迁移之后的修改"
