"""Schema migrations: a database made by an older release opens in this one with
its data kept, derived columns filled, and (SQLite) a backup taken first."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from decimal import Decimal

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


# --- 0008: the duplicate targets of issue 13 merged, then one live target per key -----------------

CITY_SITE, COUNTY_SITE, STAFF = (str(uuid.uuid4()) for _ in range(3))
T_UNIT_OLD, T_UNIT_NEW, T_UNIT_GONE, T_STAFF_OLD, T_STAFF_NEW, T_OTHER = (str(uuid.uuid4()) for _ in range(6))
HLC0 = 1_764_554_400_000 << 16


def _fill_duplicate_targets(db, role: str) -> None:
    """What two PCs saving at once left under 0007, written with plain SQL, in the
    city's database or (``role`` county) in a county's copy of the city's targets:
    the unit's 签约项目数 twice (110, then 200 saved onto the first row, and 114 on
    the second; an older, deleted one besides), a person's 走访 target twice (30 and
    35, the second saved last) and one target without a twin."""
    here = CITY_SITE if role == "city" else COUNTY_SITE
    recorded = dt.datetime(2025, 12, 1, 2, 0, tzinfo=dt.UTC).isoformat(timespec="microseconds")
    counter = iter(range(1, 100))
    with db.engine.begin() as conn:
        run = lambda sql, **p: conn.execute(text(sql), p)  # noqa: E731
        for key, value in {"site_id": here, "site_code": "TZ-CITY" if role == "city" else "TX-U01",
                           "site_name": "泰州市商务局", "role": role, "private_key": "AAAA",
                           "counter": "20", "hlc": str(HLC0 + 50)}.items():
            run("INSERT INTO local_state (key, value) VALUES (:k, :v)", k=key, v=value)
        for site, code, site_role in ((CITY_SITE, "TZ-CITY", "city"), (COUNTY_SITE, "TX-U01", "county")):
            run("INSERT INTO sites (id, code, name, role, owner_site_id, deleted) VALUES (:i, :c, :c, :r, :i, :f)",
                i=site, c=code, r=site_role, f=False)
        run("INSERT INTO units (id, code, name, site_id, active, sort_order, owner_site_id, deleted) "
            "VALUES (:i, 'TX-U01', '泰兴高新区招商单元', :s, :t, 0, :c, :f)", i=UNIT, s=COUNTY_SITE, c=CITY_SITE,
            t=True, f=False)
        run("INSERT INTO staff (id, unit_id, name, active, owner_site_id, deleted) "
            "VALUES (:i, :u, '王招商', :t, :c, :f)", i=STAFF, u=UNIT, c=CITY_SITE, t=True, f=False)

        def log(row_id, op, data, base=None):
            n = next(counter)
            run("INSERT INTO change_log (origin_site_id, counter, hlc, tbl, row_id, op, data, base, actor, source, "
                "recorded_at) VALUES (:o, :n, :h, 'targets', :r, :op, :data, :base, '市局', 'local', :at)",
                o=CITY_SITE, n=n, h=HLC0 + n, r=row_id, op=op, data=json.dumps(data),
                base=json.dumps(base) if base else None, at=recorded)

        def target(row_id, staff, metric, value, logged_value=None, deleted=False):
            run("INSERT INTO targets (id, year, unit_id, staff_id, metric, value, owner_site_id, deleted) "
                "VALUES (:i, 2026, :u, :s, :m, :v, :c, :d)",
                i=row_id, u=UNIT, s=staff, m=metric, v=value * 10**6, c=CITY_SITE, d=deleted)
            log(row_id, "I", {"year": 2026, "unit_id": UNIT, "staff_id": staff, "metric": metric,
                              "value": str(logged_value or value), "owner_site_id": CITY_SITE, "deleted": False})

        target(T_UNIT_GONE, None, "signed_projects", 90, deleted=True)
        log(T_UNIT_GONE, "D", {"deleted": [False, True]}, {"deleted": f"{CITY_SITE}:1"})
        target(T_UNIT_OLD, None, "signed_projects", 200, logged_value=110)
        target(T_UNIT_NEW, None, "signed_projects", 114)
        log(T_UNIT_OLD, "U", {"value": ["110", "200"]}, {"value": f"{CITY_SITE}:3"})
        target(T_STAFF_OLD, STAFF, "visits", 30)
        target(T_STAFF_NEW, STAFF, "visits", 35)
        target(T_OTHER, None, "visits", 12)


@pytest.mark.parametrize("role", ["city", "county"])
def test_duplicate_targets_are_merged_and_then_refused(databases, role):
    from sqlalchemy.exc import IntegrityError

    from zsdesk.db.models import ChangeLog, Target
    from zsdesk.sync.engine import Entry, validate_entry

    url = databases.url("dups")
    db = databases.open(url, migrate=False)
    command.upgrade(alembic_config(db), "0007_record_search_keys")
    _fill_duplicate_targets(db, role)
    db.close()

    db = databases.open(url)  # opening migrates
    assert current_revision(db) == HEAD_REVISION
    with db.session() as s:
        rows = {t.id: (t.value, t.deleted) for t in s.scalars(select(Target))}
        # the oldest row of each pair stays, with the value saved last (35 was on the other row)
        assert rows == {T_UNIT_OLD: (200, False), T_UNIT_NEW: (114, True), T_UNIT_GONE: (90, True),
                        T_STAFF_OLD: (35, False), T_STAFF_NEW: (35, True), T_OTHER: (12, False)}
        state = dict(s.execute(select(LocalState.key, LocalState.value)).all())
        merged = s.scalars(select(ChangeLog).where(ChangeLog.source == "migration:0008_unique_targets")
                           .order_by(ChangeLog.counter)).all()
        if role == "city":
            # the owner logs the merge like any write, so it reaches every county
            # (as 0011 left the JSON: without spaces)
            compact = {"separators": (",", ":")}
            assert {(e.row_id, e.op, e.data, e.base) for e in merged} == {
                (T_UNIT_NEW, "D", '{"deleted":[false,true]}', json.dumps({"deleted": f"{CITY_SITE}:4"}, **compact)),
                (T_STAFF_OLD, "U", '{"value":["30","35"]}', json.dumps({"value": f"{CITY_SITE}:6"}, **compact)),
                (T_STAFF_NEW, "D", '{"deleted":[false,true]}', json.dumps({"deleted": f"{CITY_SITE}:7"}, **compact)),
            }
            assert [e.counter for e in merged] == [21, 22, 23] and state["counter"] == "23"
            assert all(e.origin_site_id == CITY_SITE and e.actor is None and e.hlc > HLC0 + 50 for e in merged)
            assert int(state["hlc"]) == max(e.hlc for e in merged)
            for e in merged:  # what a county receives passes the sync checks
                validate_entry(Entry.from_row(e))
        else:
            # a county changes its copy of the city's rows without writing in the city's name
            assert merged == [] and state["counter"] == "20" and state["hlc"] == str(HLC0 + 50)

    insert = ("INSERT INTO targets (id, year, unit_id, staff_id, metric, value, owner_site_id, deleted) "
              "VALUES (:i, :y, :u, :s, :m, 1000000, :c, :d)")
    for staff, metric in ((None, "signed_projects"), (STAFF, "visits")):
        with pytest.raises(IntegrityError), db.engine.begin() as conn:
            conn.execute(text(insert), {"i": str(uuid.uuid4()), "y": 2026, "u": UNIT, "s": staff, "m": metric,
                                        "c": CITY_SITE, "d": False})
        with db.engine.begin() as conn:  # a deleted twin, or another year's target, is no duplicate
            for year, deleted in ((2026, True), (2027, False)):
                conn.execute(text(insert), {"i": str(uuid.uuid4()), "y": year, "u": UNIT, "s": staff, "m": metric,
                                            "c": CITY_SITE, "d": deleted})

    if role == "city":  # saving again changes the row that stayed
        ws = databases.workspace(url)
        assert ws.reference.set_target(2026, UNIT, "signed_projects", 300) == T_UNIT_OLD
        assert ws.reference.set_target(2026, UNIT, "visits", 40, staff_id=STAFF) == T_STAFF_OLD
        assert ws.reference.targets_for(2026) == {UNIT: {"signed_projects": 300, "visits": 12}}


def _as_before_0008(ws) -> None:
    """This database as 0007 left it: no unique index on targets."""
    with ws.db.engine.begin() as conn:
        for name in ("uq_targets_unit_key", "uq_targets_staff_key"):
            conn.execute(text(f"DROP INDEX {name}"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0007_record_search_keys'"))


def _upgrade_to_0008(ws) -> None:
    cfg = alembic_config(ws.db)
    command.upgrade(cfg, "0008_unique_targets")  # the real migration, as opening would run it
    command.stamp(cfg, HEAD_REVISION)            # the later ones have nothing to do with targets


def _targets(ws) -> list[tuple]:
    from zsdesk.db.models import Target

    with ws.read() as s:
        return sorted((t.id, t.value, t.deleted) for t in s.scalars(select(Target)))


def _live(ws) -> list[tuple]:
    return [(i, v) for i, v, deleted in _targets(ws) if not deleted]


def test_merged_targets_reach_every_county_the_same(databases, tmp_path):
    """Issue 13 as sync sees it: the city's race left two rows, a county received
    both, and a 200 saved later went to the second row after that. Each database
    merges on upgrade (the county before the 200 reached it); the city's logged
    merge then brings the county to the same single row, and a county that joins
    later builds its targets from the log without tripping over the new index."""
    from test_sync_kit import Net
    from zsdesk.db.models import Target
    from zsdesk.sync import exchange

    net = Net(databases, tmp_path, codes=("TX-U01",))
    city, county, unit = net.city, net["TX-U01"], net.units["TX-U01"]
    for ws in (city, county):
        _as_before_0008(ws)
    ids = []
    for value in (110, 114):  # two PCs at once: each found no target and inserted one
        with city.write() as w:
            ids.append(w.insert(Target, {"year": 2026, "unit_id": unit, "metric": "visits", "value": value}))
    first, second = ids
    net.up("TX-U01")  # the county's first file, before the city may send it anything
    net.down("TX-U01")
    with city.write() as w:
        w.update(Target, second, {"value": 200})
    assert len(_live(city)) == len(_live(county)) == 2

    for ws in (city, county):
        _upgrade_to_0008(ws)
    assert _live(city) == [(first, Decimal(200))]
    assert _live(county) == [(first, Decimal(114))]  # the same row, with the last value it had seen

    result = net.down("TX-U01")
    assert result.status == "applied" and result.report.refused == []
    assert _live(county) == [(first, Decimal(200))]
    assert _targets(county) == _targets(city)

    net.units["XH-U01"] = city.reference.units.create({"code": "XH-U01", "name": "兴化招商单元"})
    late = databases.workspace(databases.url("xh_u01"))
    exchange.join(late, exchange.make_setup_file(city, "XH-U01", tmp_path / "setup-XH-U01.json"))
    assert _targets(late) == _targets(city)

    assert city.reference.set_target(2026, unit, "visits", 250) == first
    net.down("TX-U01")
    assert _live(county) == [(first, Decimal(250))]
