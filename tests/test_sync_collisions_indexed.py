"""撞车 detection after an import costs the package, not what the city holds: the
companies the import wrote are looked up in the others by the 统一社会信用代码, the
names' look-up keys (``company_name_keys``: symmetric deletion) and a prefix range
on the normalised name (docs/SYNC.md, issue 15) — and still finds a similar name,
not only an equal one."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import event, select, text

from support import make_usci
from test_sync_kit import Net
from zsdesk.db.changes import name_key_hashes
from zsdesk.db.engine import alembic_config
from zsdesk.db.models import Company, CompanyNameKey
from zsdesk.metrics import _rush_query, _rush_window
from zsdesk.sync.alerts import _name_prefix, detect_collisions, open_alerts


@pytest.fixture
def net(databases, tmp_path):
    return Net(databases, tmp_path)


def pair_names(city) -> set[frozenset]:
    with city.read() as s:
        names = dict(s.execute(select(Company.id, Company.name)).all())
    return {frozenset((names[a.company_a_id], names[a.company_b_id])) for a in open_alerts(city)}


def test_similar_names_and_codes_are_found_and_unrelated_ones_are_not(net):
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    first = tx.companies.create({"name": "华鑫恒泰精密机械有限公司"})
    for name in ("恒远新材料科技有限公司", "扬子江药业集团有限公司", "博创天成船舶配套有限公司", "海峰润德食品有限公司",
                 "正阳富民光伏科技有限公司", "利辉远新精密机械有限公司", "通达海洋工程装备有限公司",
                 "华润三九医药有限公司"):
        tx.companies.create({"name": name})
    tx.companies.create({"name": "正阳富民物流有限公司", "usci": make_usci("91321283MA1XY1234")})
    assert net.up("TX-U01").status == "applied"
    for name in ("华鑫恒泰精密机械制造有限公司",    # more at the end (a prefix look-up)
                 "恒远新材料技有限公司",            # a character left out (an equal look-up)
                 "江苏扬子江药业集团有限公司",       # the same normalised name
                 "博创天成船舶修造有限公司",         # too different (ratio 75 < 85)
                 "润德海峰食品有限公司",             # the same characters, another name
                 "正阳富明光伏科技有限公司",         # a character changed after the first third
                 "禾利辉远精密机械有限公司",         # one added in front, another left out (a shared key)
                 "通远海洋工程装备有限公司",         # a character changed in the first third (a shared key)
                 "华润九三医药有限公司"):            # two swapped: a shared key, but too different (ratio 83)
        jj.companies.create({"name": name})
    jj.companies.create({"name": "靖江正阳物流有限公司", "usci": make_usci("91321283MA1XY1234")})
    assert net.up("JJ-U01").status == "applied"
    assert pair_names(city) == {
        frozenset(("华鑫恒泰精密机械有限公司", "华鑫恒泰精密机械制造有限公司")),
        frozenset(("恒远新材料科技有限公司", "恒远新材料技有限公司")),
        frozenset(("扬子江药业集团有限公司", "江苏扬子江药业集团有限公司")),
        frozenset(("正阳富民物流有限公司", "靖江正阳物流有限公司")),
        frozenset(("正阳富民光伏科技有限公司", "正阳富明光伏科技有限公司")),
        frozenset(("利辉远新精密机械有限公司", "禾利辉远精密机械有限公司")),
        frozenset(("通达海洋工程装备有限公司", "通远海洋工程装备有限公司")),
    }
    by_reason = {a.reason for a in open_alerts(city)}
    assert by_reason == {"name", "usci"}
    # the next import writes one of them again: nothing found twice
    tx.companies.update(first, {"notes": "再次来访"})
    assert net.up("TX-U01").status == "applied" and len(open_alerts(city)) == 7


def test_the_keys_and_prefix_of_a_name():
    keys = name_key_hashes("华鑫恒泰精密机械")
    assert len(keys) == 9   # the name and the 8 names less one character
    assert name_key_hashes("华鑫恒泰密机械") & keys and name_key_hashes("华鑫恒泰精密机械制") & keys
    assert name_key_hashes("利辉远新精密机械") & name_key_hashes("禾利辉远精密机械")
    assert name_key_hashes("华润三九医药") & name_key_hashes("华润九三医药")   # a candidate; ratio 83 < 85
    assert not name_key_hashes("博创天成船舶配套") & name_key_hashes("博创天成船舶修造")
    assert all(-2**63 <= k < 2**63 for k in keys)   # fits a BIGINT
    assert name_key_hashes("华为") == name_key_hashes("华为") and len(name_key_hashes("华为技")) == 1
    assert _name_prefix("华鑫恒泰精密机械") == "华鑫恒" and _name_prefix("华为") is None


def held_keys(ws, company_id) -> set[int]:
    with ws.read() as s:
        return set(s.scalars(select(CompanyNameKey.key_hash).where(CompanyNameKey.company_id == company_id)))


def norm_of(ws, company_id) -> str:
    with ws.read() as s:
        return s.scalar(select(Company.name_norm).where(Company.id == company_id))


def test_keys_follow_a_rename_here_and_through_sync(net):
    """The keys are written with the company (here and where sync brings it) and
    replaced when it is renamed (an update here, and the sync merge at the city);
    detection then finds the new name's twin."""
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    cid = tx.companies.create({"name": "泰兴市永盛化工有限公司"})
    assert held_keys(tx, cid) == name_key_hashes(norm_of(tx, cid)) and norm_of(tx, cid)
    net.up("TX-U01")
    assert held_keys(city, cid) == name_key_hashes(norm_of(city, cid))
    jj.companies.create({"name": "利辉远新精密机械有限公司"})
    net.up("JJ-U01")
    assert open_alerts(city) == []
    tx.companies.update(cid, {"name": "禾利辉远精密机械有限公司"})
    assert held_keys(tx, cid) == name_key_hashes("禾利辉远精密机械") == name_key_hashes(norm_of(tx, cid))
    net.up("TX-U01")
    assert norm_of(city, cid) == norm_of(tx, cid)
    assert held_keys(city, cid) == name_key_hashes(norm_of(city, cid))   # old keys gone
    assert pair_names(city) == {frozenset(("利辉远新精密机械有限公司", "禾利辉远精密机械有限公司"))}
    # a rename to a name sharing keys with the old one: every key of the new, none else
    tx.companies.update(cid, {"name": "利辉远精密机械有限公司"})
    assert name_key_hashes("利辉远精密机械") & name_key_hashes("禾利辉远精密机械")
    assert held_keys(tx, cid) == name_key_hashes("利辉远精密机械") == name_key_hashes(norm_of(tx, cid))
    net.up("TX-U01")
    assert held_keys(city, cid) == name_key_hashes(norm_of(city, cid)) == name_key_hashes("利辉远精密机械")


def test_the_migration_writes_the_keys_of_companies_held(ws):
    """0013 on a database of 0012: the keys of every company already held (and the
    partial index); down again drops both."""
    made = ws.companies.create_many([{"name": f"泰兴第{i}精密机械有限公司"} for i in range(5)])
    with ws.read() as s:
        norms = dict(s.execute(select(Company.id, Company.name_norm)).all())
    assert set(made) <= set(norms) and len(norms) > 5
    cfg = alembic_config(ws.db)
    command.downgrade(cfg, "0012_compact_inserts")
    with ws.db.engine.connect() as conn:
        tables = set(conn.execute(text("SELECT name FROM sqlite_master")).scalars()) if ws.db.is_sqlite else None
    if tables is not None:
        assert "company_name_keys" not in tables and "ix_change_rushed" not in tables
    command.upgrade(cfg, "head")
    with ws.read() as s:
        held = s.execute(select(CompanyNameKey.company_id, CompanyNameKey.key_hash)).all()
    want = {(cid, h) for cid, norm in norms.items() for h in name_key_hashes(norm)}
    assert set(held) == want and len(held) == len(want)


def test_rushed_reads_the_partial_index(ws):
    """突击上报 reads change_log by recorded_at through ix_change_rushed (SQLite's plan)."""
    if not ws.db.is_sqlite:
        pytest.skip("query plans are SQLite's")
    with ws.read() as s:
        query = _rush_query(s, _rush_window(dt.date(2026, 6, 30), {"rush_days": 5}))
        compiled = query.compile(s.bind)
        params = tuple(compiled.params[k] for k in compiled.positiontup)
        plan = s.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params).all()
    steps = [row[-1] for row in plan]
    assert any("change_log USING INDEX ix_change_rushed" in step for step in steps), steps
    assert not any(step.startswith("SCAN") for step in steps), steps


def test_detection_reads_companies_only_through_indexes(databases, tmp_path):
    """Every query detection makes of ``companies`` is an index search (SQLite's
    plan says SEARCH), never a scan of the table or of a whole index."""
    net = Net(databases, tmp_path)
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    if not city.db.is_sqlite:
        pytest.skip("query plans are SQLite's")
    tx.companies.create_many([{"name": f"泰兴第{i}号精密机械有限公司"} for i in range(30)]
                             + [{"name": "中天钢铁集团有限公司", "usci": make_usci("91321200MA1AB5678")}])
    net.up("TX-U01")
    written = jj.companies.create_many([{"name": "中天钢铁集团（靖江）有限公司"},
                                        {"name": "靖江港口物流有限公司", "usci": make_usci("91321200MA1AB5678")}])
    net.up("JJ-U01")
    statements = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        if "FROM companies" in statement or "FROM company_name_keys" in statement:
            statements.append((statement, parameters))

    with city.write() as w:
        event.listen(city.db.engine, "before_cursor_execute", seen)
        try:
            detect_collisions(city, w, written)
        finally:
            event.remove(city.db.engine, "before_cursor_execute", seen)
        plans = [w.session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", params).all()
                 for sql, params in statements]
    assert statements
    steps = [row[-1] for plan in plans for row in plan if "compan" in row[-1]]
    assert steps and all(step.startswith("SEARCH") for step in steps), steps
    assert any("company_name_keys" in step for step in steps), steps
    # what detection found in that import: the name (equal once normalised) and the code
    assert len(open_alerts(city)) == 2
    with city.read() as s:
        assert s.execute(text("SELECT count(*) FROM alerts")).scalar() == 2
