"""``zsdesk restore`` (issue 10, finding 8): it says what the file holds — site,
role, date of the last change — refuses another site's database and an
uninitialised one unless ``--force``, and prints what was restored. SQLite files."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from test_db_health import damage
from test_sync_kit import FileDatabases
from zsdesk.backup import database_info, restore_from
from zsdesk.db import engine
from zsdesk.db.engine import backup_file, backups_of, sqlite_problem
from zsdesk.db.models import Company
from zsdesk.errors import RefusedError
from zsdesk.services import init_site

TX = {"role": "county", "code": "TX-U01", "name": "泰兴高新区招商单元"}
JJ = {"role": "county", "code": "JJ-U01", "name": "靖江经开区招商单元"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def sites(tmp_path):
    """Two county databases (TX with a backup, JJ), closed; a helper to open them."""
    dbs = FileDatabases(tmp_path / "sites")
    paths = {}
    for site, name in ((TX, "tx"), (JJ, "jj")):
        ws = dbs.workspace(dbs.url(name))
        init_site(ws, **site)
        ws.companies.create({"name": f"{site['name']}的第一家企业有限公司"})
        paths[name] = ws.db.path
    dbs.close_all()
    yield dbs, paths
    dbs.close_all()


def test_database_info_names_the_site_role_and_last_change(sites, tmp_path):
    _dbs, paths = sites
    info = database_info(paths["tx"])
    assert (info.site_code, info.site_name, info.role) == ("TX-U01", "泰兴高新区招商单元", "county")
    assert info.last_change is not None and info.revision == engine.HEAD_REVISION
    assert info.describe().startswith("站点“泰兴高新区招商单元”（TX-U01，县级），最后修改于 20")
    empty = tmp_path / "empty.db"
    engine.Database(f"sqlite:///{empty}").close()
    assert not database_info(empty).initialised
    assert database_info(empty).describe() == "尚未初始化的数据库（没有站点，没有业务数据）"


def test_restore_says_what_it_restored(sites, cli):
    dbs, paths = sites
    tx = paths["tx"]
    good = backup_file(tx, "by-hand")
    ws = dbs.workspace(f"sqlite:///{tx}")
    later = ws.companies.create({"name": "备份之后的企业有限公司"})
    dbs.close_all()
    code, out, err = cli("--db", tx, "restore", good)
    assert code == 0, err
    lines = out.strip().splitlines()
    assert lines[0] == f"已恢复：{tx}"
    assert lines[1].startswith("  现在的数据：站点“泰兴高新区招商单元”（TX-U01，县级），最后修改于 ")
    assert lines[2].startswith("  被替换的数据：站点“泰兴高新区招商单元”（TX-U01，县级），最后修改于 ")
    kept = Path(lines[-1].split("已另存为：")[-1])
    assert kept.parent == tx.parent / "backups" and "before-restore" in kept.name
    ws = dbs.workspace(f"sqlite:///{tx}")
    with ws.read() as s:
        assert s.get(Company, later) is None
    with dbs.workspace(f"sqlite:///{kept}").read() as s:
        assert s.get(Company, later) is not None


def test_another_sites_database_is_refused_unless_forced(sites, cli):
    _dbs, paths = sites
    tx, jj = paths["tx"], paths["jj"]
    before = digest(tx)
    code, out, err = cli("--db", tx, "restore", jj)
    assert code == 2 and out == ""
    assert "该备份属于站点“靖江经开区招商单元”（JJ-U01，县级）" in err
    assert "当前数据库是站点“泰兴高新区招商单元”（TX-U01，县级）" in err and "--force" in err
    assert digest(tx) == before and backups_of(tx) == []
    code, out, err = cli("--db", tx, "restore", jj, "--force")
    assert code == 0, err
    assert "现在的数据：站点“靖江经开区招商单元”（JJ-U01，县级）" in out
    assert "已按 --force 恢复" in out
    assert database_info(tx).site_code == "JJ-U01"
    [saved] = backups_of(tx)
    assert database_info(saved).site_code == "TX-U01"


def test_an_uninitialised_database_is_refused_unless_forced(sites, tmp_path, cli):
    _dbs, paths = sites
    tx = paths["tx"]
    empty = tmp_path / "empty.db"
    engine.Database(f"sqlite:///{empty}").close()
    before = digest(tx)
    code, _, err = cli("--db", tx, "restore", empty)
    assert code == 2 and "尚未初始化的数据库" in err and "--force" in err
    assert digest(tx) == before
    code, out, _ = cli("--db", tx, "restore", empty, "--force")
    assert code == 0 and "现在的数据：尚未初始化的数据库" in out
    assert not database_info(tx).initialised


def test_files_that_cannot_be_restored(sites, tmp_path, cli):
    _dbs, paths = sites
    tx = paths["tx"]
    before = digest(tx)
    text = tmp_path / "notes.txt"
    text.write_text("会议纪要\n" * 200, encoding="utf-8")
    code, _, err = cli("--db", tx, "restore", text)
    assert code == 2 and "不是有效的备份文件" in err and "file is not a database" not in err
    broken = tmp_path / "broken.db"
    engine.copy_sqlite(paths["jj"], broken)
    damage(broken)
    code, _, err = cli("--db", tx, "restore", broken)
    assert code == 2 and "备份文件已损坏" in err
    newer = tmp_path / "newer.db"
    engine.copy_sqlite(tx, newer)
    con = sqlite3.connect(newer)
    with con:
        con.execute("UPDATE alembic_version SET version_num = '0099_from_the_future'")
    con.close()
    code, _, err = cli("--db", tx, "restore", newer, "--force")
    assert code == 2 and "更新版本的招商桌面创建（数据库版本 0099_from_the_future）" in err
    code, _, err = cli("--db", tx, "restore", tx)
    assert code == 2 and "就是当前数据库本身" in err
    assert digest(tx) == before and backups_of(tx) == []


def test_the_oldest_backup_can_be_restored_although_a_new_one_is_made(sites, monkeypatch):
    monkeypatch.setattr(engine, "BACKUP_BUDGET", 100)      # the count limit alone
    _dbs, paths = sites
    tx = paths["tx"]
    made = [backup_file(tx, f"n{i:02d}") for i in range(engine.BACKUP_KEEP)]
    oldest = made[0]
    result = restore_from(oldest, f"sqlite:///{tx}")
    assert result.saved is not None and result.saved.exists()
    assert oldest.exists()            # kept although it is beyond BACKUP_KEEP now
    assert sqlite_problem(tx) is None


def test_restore_over_a_damaged_database_keeps_the_damaged_file(sites):
    _dbs, paths = sites
    tx = paths["tx"]
    good = backup_file(tx, "before-import")
    damage(tx)
    damaged = digest(tx)
    result = restore_from(good, f"sqlite:///{tx}")
    assert result.damaged_before and result.replaced is None
    assert engine.DAMAGED_REASON in result.saved.name and digest(result.saved) == damaged
    assert sqlite_problem(tx) is None and database_info(tx).site_code == "TX-U01"
    # the damaged copy is never offered as "the newest good backup"
    assert engine.newest_good_backup(tx) == good


def test_restore_refuses_with_a_library_error_too(sites, tmp_path):
    _dbs, paths = sites
    with pytest.raises(RefusedError):
        restore_from(paths["jj"], f"sqlite:///{paths['tx']}")
    with pytest.raises(RefusedError, match="找不到备份文件"):
        restore_from(tmp_path / "missing.db", f"sqlite:///{paths['tx']}")
