"""Schema migrations: a database made by an older release opens in this one with
its data kept, derived columns filled, and (SQLite) a backup taken first."""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import select, text

from support import TODAY
from zsdesk.db.engine import HEAD_REVISION, alembic_config, current_revision
from zsdesk.db.models import Base, Company, Lead, LocalState, Project, Unit

SITE = str(uuid.uuid4())
SEED = str(uuid.uuid4())
UNIT = str(uuid.uuid4())
COMPANIES = {  # id -> (number, name, name_norm)
    str(uuid.uuid4()): ("TX-U01-C2025-0001", "华为技术有限公司", "华为技术"),
    str(uuid.uuid4()): ("TX-U01-C2025-0002", "江苏扬子江药业集团有限公司", "扬子江药业"),
    str(uuid.uuid4()): ("TX-U01-C2025-0003", "ＢＹＤ比亚迪股份有限公司", "byd比亚迪"),
}
LEAD = str(uuid.uuid4())
PROJECT = str(uuid.uuid4())


def _fill_release_1(db) -> None:
    """What a county's database held under release 0001_initial, written with plain SQL."""
    recorded = dt.datetime(2025, 12, 1, 2, 0, tzinfo=dt.UTC).isoformat(timespec="microseconds")
    hlc = 1_764_554_400_000 << 16
    with db.engine.begin() as conn:
        run = lambda sql, **p: conn.execute(text(sql), p)  # noqa: E731
        for key, value in {"site_id": SITE, "site_code": "TX-U01", "site_name": "泰兴高新区招商单元",
                           "role": "county", "private_key": "AAAA", "counter": "7", "hlc": str(hlc + 6)}.items():
            run("INSERT INTO local_state (key, value) VALUES (:k, :v)", k=key, v=value)
        run("INSERT INTO sites (id, code, name, role, owner_site_id, deleted) VALUES (:i, 'SEED', '内置目录', 'city', :i, :f)",
            i=SEED, f=False)
        run("INSERT INTO sites (id, code, name, role, owner_site_id, deleted) "
            "VALUES (:i, 'TX-U01', '泰兴高新区招商单元', 'county', :i, :f)", i=SITE, f=False)
        run("INSERT INTO units (id, code, name, site_id, active, sort_order, owner_site_id, deleted) "
            "VALUES (:i, 'TX-U01', '泰兴高新区招商单元', :s, :t, 0, :s, :f)", i=UNIT, s=SITE, t=True, f=False)
        for cid, (number, name, norm) in COMPANIES.items():
            run("INSERT INTO companies (id, number, name, name_norm, owner_site_id, deleted) "
                "VALUES (:i, :n, :name, :norm, :s, :f)", i=cid, n=number, name=name, norm=norm, s=SITE, f=False)
        huawei = next(iter(COMPANIES))
        run("INSERT INTO leads (id, number, unit_id, company_id, name, planned_investment, stage, stage_date, "
            "first_reported, owner_site_id, deleted) VALUES (:i, 'TX-U01-L2025-0001', :u, :c, '智能终端基地', "
            ":amount, 'signed', :d, :d, :s, :f)",
            i=LEAD, u=UNIT, c=huawei, amount=120_000_000_000, d=dt.date(2025, 11, 3), s=SITE, f=False)
        run("INSERT INTO projects (id, number, unit_id, lead_id, company_id, name, contract_date, "
            "contract_investment, stage, stage_date, owner_site_id, deleted) VALUES (:i, 'TX-U01-2025-0001', "
            ":u, :l, :c, '智能终端基地', :d, :amount, 'signed', :d, :s, :f)",
            i=PROJECT, u=UNIT, l=LEAD, c=huawei, d=dt.date(2025, 11, 3), amount=150_000_000_000, s=SITE, f=False)
        for n, (cid, (number, name, _)) in enumerate(COMPANIES.items(), start=1):
            run("INSERT INTO change_log (origin_site_id, counter, hlc, tbl, row_id, op, data, actor, source, "
                "recorded_at) VALUES (:s, :n, :h, 'companies', :r, 'I', :data, '张三', 'local', :at)",
                s=SITE, n=n, h=hlc + n - 1, r=cid, at=recorded,
                data=json.dumps({"number": number, "name": name}, ensure_ascii=False))


@pytest.fixture
def release_1(databases):
    """A database created and filled at revision 0001_initial; returns its URL."""
    url = databases.url("old")
    db = databases.open(url, migrate=False)
    command.upgrade(alembic_config(db), "0001_initial")
    assert current_revision(db) == "0001_initial"
    _fill_release_1(db)
    db.close()
    return url


def test_old_database_is_upgraded_on_open_with_data_kept(databases, release_1):
    db = databases.open(release_1)  # opening migrates
    assert current_revision(db) == HEAD_REVISION
    assert db.migration_note and "0001_initial" in db.migration_note
    with db.session() as s:
        companies = {c.id: c for c in s.scalars(select(Company))}
        assert {cid: (c.number, c.name, c.name_norm) for cid, c in companies.items()} == COMPANIES
        assert s.get(Unit, UNIT).name == "泰兴高新区招商单元"
        lead, project = s.get(Lead, LEAD), s.get(Project, PROJECT)
        assert str(lead.planned_investment) == "120000" and str(project.contract_investment) == "150000"
        assert project.contract_date == dt.date(2025, 11, 3)
        # 0007: lead and project names get their pinyin search keys (issue 12)
        assert lead.search_key == project.search_key == "智能终端基地 zhinengzhongduanjidi znzdjd"
        assert s.get(LocalState, "counter").value == "7"
        assert s.execute(text("SELECT count(*) FROM change_log")).scalar() == 3
    keys = {c.name: c.search_key for c in companies.values()}
    assert "hwjs" in keys["华为技术有限公司"] and "huaweijishuyouxiangongsi" in keys["华为技术有限公司"]
    assert "yzjyy" in keys["江苏扬子江药业集团有限公司"]
    assert "biyadi" in keys["ＢＹＤ比亚迪股份有限公司"]


def test_upgraded_database_works_with_this_release(databases, release_1):
    """A user opens last year's file and carries on working."""
    from zsdesk.services import Workspace

    ws = databases.workspace(release_1, today=lambda: TODAY)
    assert ws.site.code == "TX-U01"
    found = ws.companies.find_duplicates("深圳华为技术股份有限公司")
    assert [m.name for m in found] == ["华为技术有限公司"]
    ws.projects.advance(PROJECT, "started", "2026-03-01")
    cid = ws.companies.create({"name": "小米科技有限责任公司"})
    assert ws.companies.get(cid).number == "TX-U01-C2026-0001"
    with ws.read() as s:
        counters = s.scalars(text("SELECT counter FROM change_log WHERE origin_site_id = :s ORDER BY counter")
                             .bindparams(s=SITE)).all()
    assert counters[:3] == [1, 2, 3] and counters[3] == 8  # carries on after the old counter
    assert isinstance(ws, Workspace)


def test_a_backup_is_written_before_migrating(databases, release_1, backend):
    if backend != "sqlite":
        pytest.skip("the file backup is SQLite's (a PostgreSQL server is backed up by its admin)")
    path = databases.tmp_path / "old.db"
    folder = path.parent / "backups"
    assert not folder.exists()
    db = databases.open(release_1)
    backups = list(folder.glob("old-*-before-migrate-0001_initial.db"))
    assert len(backups) == 1
    assert str(backups[0]) in db.migration_note
    import sqlite3

    old = sqlite3.connect(backups[0])
    try:
        assert old.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
        assert old.execute("SELECT count(*) FROM companies").fetchone()[0] == len(COMPANIES)
        assert "search_key" not in [r[1] for r in old.execute("PRAGMA table_info(companies)")]
    finally:
        old.close()


def test_opening_a_current_database_changes_nothing(databases):
    url = databases.url("current")
    first = databases.open(url)
    assert first.migration_note is None  # a new database: nothing to tell the user
    first.close()
    again = databases.open(url)
    assert again.migration_note is None
    if databases.backend == "sqlite":
        assert not (databases.tmp_path / "backups").exists()


def test_head_revision_matches_alembic(databases):
    db = databases.open(databases.url("head"), migrate=False)
    script = ScriptDirectory.from_config(alembic_config(db))
    assert script.get_heads() == [HEAD_REVISION]
    # every step down to the first revision is reachable
    chain = [rev.revision for rev in script.walk_revisions()]
    assert chain[-1] == "0001_initial" and chain[0] == HEAD_REVISION


def test_models_and_migrated_schema_agree(databases):
    db = databases.open(databases.url("compare"))
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_step_by_step_upgrade_equals_a_fresh_database(databases):
    """Upgrading one revision at a time gives the same schema as creating at head."""
    from sqlalchemy import inspect

    stepwise = databases.open(databases.url("steps"), migrate=False)
    script = ScriptDirectory.from_config(alembic_config(stepwise))
    for rev in reversed(list(script.walk_revisions())):
        command.upgrade(alembic_config(stepwise), rev.revision)
    fresh = databases.open(databases.url("fresh"))

    def shape(db):
        with db.engine.connect() as conn:
            insp = inspect(conn)
            return {t: sorted((c["name"], str(c["type"]), c["nullable"]) for c in insp.get_columns(t))
                    for t in insp.get_table_names()}

    assert shape(stepwise) == shape(fresh)
