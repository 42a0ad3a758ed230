"""Database health (issue 10, finding 7): a damaged database is noticed before
anything is written to it — before an import session, a migration and every
backup — and the message names the newest good backup and the command that
restores it; every backup is checked after it is written; a database from a
newer zsdesk is refused in plain words; the app offers the newest good backup.
SQLite files only: damage is bytes in a file."""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from support import TODAY
from test_sync_kit import FileDatabases, Net, dump_all, fingerprint
from zsdesk.db import engine
from zsdesk.db.engine import (
    DamagedDatabase, Database, NewerDatabase, backup_file, backups_of, check_database, sqlite_problem,
)
from zsdesk.db.models import Company
from zsdesk.errors import StorageError
from zsdesk.services import Workspace, init_site

COUNTY = {"role": "county", "code": "TX-U01", "name": "泰兴高新区招商单元"}


# --- helpers -------------------------------------------------------------------------------------------

def checkpoint(path: Path) -> None:
    """Fold the write-ahead log into the file (what a closed database looks like)."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()


def damage(path: Path, seed: int = 10) -> None:
    """8 KB of random bytes written into the middle of the database file."""
    checkpoint(path)
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.seek(size // 2)
        fh.write(random.Random(seed).randbytes(8192))
    assert sqlite_problem(path) is not None, "the damage was not where the check looks"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def county_file(folder: Path, companies: int = 1500) -> Path:
    """A county database file with some records (so its middle is data pages), closed."""
    dbs = FileDatabases(folder)
    ws = dbs.workspace(dbs.url("county"))
    init_site(ws, **COUNTY)
    ws.companies.create_many([{"name": f"泰兴测试{i:04d}科技有限公司"} for i in range(companies)])
    path = ws.db.path
    dbs.close_all()
    return path


# --- the check and the backups ------------------------------------------------------------------------

def test_quick_check_sees_random_bytes_in_the_middle(tmp_path):
    path = county_file(tmp_path)
    assert sqlite_problem(path) is None
    check_database(path)
    damage(path)
    kind, _detail = sqlite_problem(path)
    assert kind == "damaged"
    with pytest.raises(DamagedDatabase) as info:
        check_database(path)
    assert str(path) in str(info.value) and info.value.backup is None
    assert "没有找到完好的自动备份" in str(info.value)


def test_a_damaged_database_is_not_backed_up_and_the_message_names_the_good_backup(tmp_path, cli):
    path = county_file(tmp_path)
    good = backup_file(path, "before-import")
    damage(path)
    before = digest(path)
    with pytest.raises(DamagedDatabase) as info:
        backup_file(path, "before-import")
    message = str(info.value)
    assert info.value.backup == good
    assert f"最近一个完好的备份是 {good}" in message
    assert f"zsdesk --db {path} restore {good}" in message
    assert backups_of(path) == [good]          # nothing written: no damaged copy among the backups
    # by hand: refused the same way, nothing written
    code, _, err = cli("--db", path, "backup", "--out", tmp_path / "by-hand.db")
    assert code == 2 and "数据库文件已损坏" in err and str(good) in err
    assert not (tmp_path / "by-hand.db").exists()
    assert digest(path) == before and backups_of(path) == [good]


def test_a_backup_that_does_not_check_out_after_writing_is_removed(tmp_path, monkeypatch):
    path = county_file(tmp_path, companies=300)
    real_copy = engine.copy_sqlite

    def bad_disk(source, target, password=None):
        real_copy(source, target, password)
        damage(Path(target))

    monkeypatch.setattr(engine, "copy_sqlite", bad_disk)
    with pytest.raises(StorageError) as info:
        backup_file(path, "before-import")
    assert "校验未通过" in str(info.value)
    assert backups_of(path) == []
    assert list((path.parent / "backups").iterdir()) == []


def test_backups_are_pruned_to_the_newest_good_ones_of_this_database_only(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "BACKUP_BUDGET", 100)      # the count limit alone
    path = county_file(tmp_path, companies=10)
    other = tmp_path / "county-old.db"          # a stem that starts like ours
    engine.copy_sqlite(path, other)
    theirs = backup_file(other, "mine")
    made = [backup_file(path, f"n{i}") for i in range(engine.BACKUP_KEEP + 2)]
    assert backups_of(path) == made[::-1][:engine.BACKUP_KEEP]
    assert theirs.exists() and backups_of(other) == [theirs]


def test_the_kept_backups_stay_within_three_times_the_database(tmp_path):
    """A city's 933 MB database once kept 7.9 GB of backups; the budget is 3×."""
    path = county_file(tmp_path, companies=200)
    made = [backup_file(path, f"n{i}") for i in range(6)]
    kept = backups_of(path)
    size = path.stat().st_size + (Path(f"{path}-wal").stat().st_size if Path(f"{path}-wal").exists() else 0)
    assert kept == made[::-1][:len(kept)] and 1 <= len(kept) <= 3          # the newest ones
    assert sum(b.stat().st_size for b in kept) <= engine.BACKUP_BUDGET * size
    assert made[-1].exists()                    # the backup just made always stays


# --- import sessions ----------------------------------------------------------------------------------

def test_an_import_into_a_damaged_database_is_refused_and_the_backup_restores(tmp_path, cli):
    dbs = FileDatabases(tmp_path / "sites")
    net = Net(dbs, tmp_path, codes=("TX-U01",))
    tx, city = net["TX-U01"], net.city
    tx.companies.create_many([{"name": f"泰兴测试{i:04d}科技有限公司"} for i in range(1500)])
    first = net.export(tx)
    assert net.imp(city, first).status == "applied"
    [good] = backups_of(city.db.path)           # taken before the first import
    later = tx.companies.create({"name": "后来的企业有限公司"})
    second = net.export(tx)
    trust = fingerprint(tx)
    city_db = city.db.path
    dbs.close_all()
    damage(city_db)
    before = digest(city_db)

    code, out, err = cli("--db", city_db, "sync", "import", second, "--trust", trust)
    assert code == 2, out
    line = err.strip()
    assert "\n" not in line and line.startswith("zsdesk: 数据库文件已损坏")
    assert f"zsdesk --db {city_db} restore {good}" in line
    assert "Traceback" not in err
    assert digest(city_db) == before and backups_of(city_db) == [good]

    code, out, err = cli("--db", city_db, "restore", good)
    assert code == 0, err
    assert "已恢复" in out and "被替换的数据库已损坏" in out
    kept = out.strip().split("已另存为：")[-1]
    assert engine.DAMAGED_REASON in kept and sqlite_problem(Path(kept)) is not None  # kept as it was
    assert sqlite_problem(city_db) is None
    restored = dbs.workspace(f"sqlite:///{city_db}")
    for package in (first, second):              # the files imported since the backup, again
        assert net.imp(restored, package).status == "applied"
    with restored.read() as s:
        assert s.get(Company, later) is not None
    dbs.close_all()


def test_one_check_and_backup_per_import_session(tmp_path, monkeypatch):
    dbs = FileDatabases(tmp_path / "sites")
    net = Net(dbs, tmp_path, codes=("TX-U01", "JJ-U01"))
    city = net.city
    checks = []
    real_problem = engine.sqlite_problem
    monkeypatch.setattr(engine, "sqlite_problem", lambda *a, **k: checks.append(a[0]) or real_problem(*a, **k))
    files = []
    for code in ("TX-U01", "JJ-U01"):
        net[code].companies.create({"name": f"{code}的企业有限公司"})
        files.append(net.export(net[code]))
    assert net.imp(city, files[0], dry_run=True).status == "preview"
    assert backups_of(city.db.path) == [] and checks == []      # a preview writes nothing: no session
    for f in files:
        assert net.imp(city, f).status == "applied"
    [session] = backups_of(city.db.path)
    assert checks.count(city.db.path) == 1                      # the database checked once …
    assert checks.count(session) == 1                           # … and its backup once
    # sixty packages later: still the one backup
    for _ in range(3):
        net["TX-U01"].companies.create({"name": f"泰兴又一家企业{_}有限公司"})
        assert net.up("TX-U01").status == "applied"
    assert backups_of(city.db.path) == [session]
    # something written at the city itself: the next import starts a new session
    city.companies.create({"name": "市里录入的企业有限公司"})
    net["JJ-U01"].companies.create({"name": "靖江又一家企业有限公司"})
    assert net.up("JJ-U01").status == "applied"
    assert len(backups_of(city.db.path)) == 2
    # and so does the passing of time
    monkeypatch.setattr(Workspace, "IMPORT_SESSION_SECONDS", 0)
    net["JJ-U01"].companies.create({"name": "靖江第三家企业有限公司"})
    assert net.up("JJ-U01").status == "applied"
    assert len(backups_of(city.db.path)) == 3
    dbs.close_all()


def test_the_import_session_outlives_the_process(tmp_path):
    """Sixty `zsdesk sync import` runs, one per file, are one session: it is
    kept in the database, not in the process."""
    dbs = FileDatabases(tmp_path / "sites")
    net = Net(dbs, tmp_path, codes=("TX-U01",))
    tx = net["TX-U01"]
    files = []
    for i in range(3):
        tx.companies.create({"name": f"泰兴第{i}家企业有限公司"})
        files.append(net.export(tx))
    for f in files:
        again = dbs.workspace(dbs.url("city"))    # a new process opening the city's file
        assert net.imp(again, f).status == "applied"
    assert len(backups_of(net.city.db.path)) == 1
    # a change typed at the city between two runs: the next run backs up again
    dbs.workspace(dbs.url("city")).companies.create({"name": "市里录入的企业有限公司"})
    tx.companies.create({"name": "泰兴又一家企业有限公司"})
    assert net.imp(dbs.workspace(dbs.url("city")), net.export(tx)).status == "applied"
    assert len(backups_of(net.city.db.path)) == 2
    dbs.close_all()


# --- migrations and newer databases ---------------------------------------------------------------------

def set_revision(path: Path, revision: str) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    con.close()


def test_a_database_from_a_newer_zsdesk_is_refused_in_plain_words(tmp_path, cli):
    path = county_file(tmp_path, companies=5)
    set_revision(path, "0099_from_the_future")
    checkpoint(path)
    before = digest(path)
    with pytest.raises(NewerDatabase) as info:
        Database(f"sqlite:///{path}")
    assert str(info.value).startswith(
        "此数据库由更新版本的招商桌面创建（数据库版本 0099_from_the_future），请先升级招商桌面")
    code, out, err = cli("--db", path, "stats")
    assert code == 2 and "此数据库由更新版本的招商桌面创建（数据库版本 0099_from_the_future）" in err
    assert "Traceback" not in err + out and "alembic" not in (err + out).lower()
    checkpoint(path)
    assert digest(path) == before
    assert not (tmp_path / "backups").exists()


def test_a_newer_schema_is_refused_on_every_backend(databases):
    from sqlalchemy import text

    url = databases.url("newer")
    db = databases.open(url)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    db.close()
    with pytest.raises(NewerDatabase, match="数据库版本 0099_from_the_future"):
        Database(url)


def test_a_damaged_database_is_not_migrated(tmp_path):
    path = county_file(tmp_path)
    good = backup_file(path, "by-hand")
    set_revision(path, "0001_initial")   # an old schema: opening it would migrate
    damage(path)
    before = digest(path)
    with pytest.raises(DamagedDatabase) as info:
        Database(f"sqlite:///{path}")
    assert info.value.backup == good
    assert digest(path) == before and backups_of(path) == [good]


# --- the app --------------------------------------------------------------------------------------------

class Answers:
    """Answer the app's message boxes in turn (``answer(box)`` per box), from a
    timer while each box runs its own exec() — the way a person clicks."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.seen: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._poll)
        self.timer.start()

    def _poll(self) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or not self.answers or box.property("answered"):
            return
        box.setProperty("answered", True)
        self.seen.append(box.text() + "\n" + box.informativeText())
        self.answers.pop(0)(box)

    def stop(self) -> None:
        self.timer.stop()


def click(text: str):
    def answer(box: QMessageBox) -> None:
        for button in box.buttons():
            if button.text().replace("&", "") == text:
                button.click()
                return
        raise AssertionError(f"no button {text} in {[b.text() for b in box.buttons()]}")
    return answer


def ok(box: QMessageBox) -> None:
    box.button(QMessageBox.StandardButton.Ok).click()


def _args(db) -> argparse.Namespace:
    return argparse.Namespace(db=str(db), demo=False, command=None)


def test_the_app_offers_the_newest_good_backup_and_opens_it(qapp, tmp_path, monkeypatch, capsys):
    from zsdesk.ui.app import SHOWN_MESSAGE, run

    path = county_file(tmp_path)
    good = backup_file(path, "before-import")
    dbs = FileDatabases(tmp_path)
    expected = dump_all(dbs.workspace(f"sqlite:///{good}"))
    dbs.close_all()
    damage(path)
    monkeypatch.setenv("ZSDESK_QUIT_AFTER_MS", "1500")   # closes the main window once it is up
    answers = Answers(click("恢复此备份"), ok)
    try:
        assert run(_args(path)) == 0
    finally:
        answers.stop()
    assert not answers.answers
    assert "数据库文件已损坏" in answers.seen[0] and str(good) in answers.seen[0]
    assert "已从备份恢复数据库" in answers.seen[1] and "泰兴高新区招商单元" in answers.seen[1]
    assert SHOWN_MESSAGE in capsys.readouterr().out
    assert sqlite_problem(path) is None
    ws = dbs.workspace(f"sqlite:///{path}", today=lambda: TODAY)
    assert dump_all(ws) == expected
    dbs.close_all()
    assert [b for b in (tmp_path / "backups").iterdir() if engine.DAMAGED_REASON in b.name]


def test_the_app_leaves_a_damaged_database_alone_when_told_to_quit(qapp, tmp_path, monkeypatch, capsys):
    from zsdesk.ui.app import run

    path = county_file(tmp_path)
    good = backup_file(path, "before-import")
    damage(path)
    before = digest(path)
    monkeypatch.setenv("ZSDESK_QUIT_AFTER_MS", "5000")
    answers = Answers(click("退出"))
    try:
        assert run(_args(path)) == 2
    finally:
        answers.stop()
    assert "数据库文件已损坏" in capsys.readouterr().err
    assert digest(path) == before and backups_of(path) == [good]


def test_the_app_says_a_database_is_from_a_newer_zsdesk(qapp, tmp_path, monkeypatch, capsys):
    from zsdesk.ui.app import run

    path = county_file(tmp_path, companies=5)
    set_revision(path, "0099_from_the_future")
    answers = Answers(ok)
    try:
        assert run(_args(path)) == 2
    finally:
        answers.stop()
    assert "此数据库由更新版本的招商桌面创建（数据库版本 0099_from_the_future）" in answers.seen[0]
    assert "请先升级招商桌面" in capsys.readouterr().err
    assert not (tmp_path / "backups").exists()


# --- an atomic demo ---------------------------------------------------------------------------------------

def test_a_killed_demo_leaves_no_demo_rows_and_runs_again(tmp_path):
    """``zsdesk demo`` writes in one transaction: killed (SIGKILL) in the middle,
    with a good part of the data already written into the write-ahead log, it
    leaves no demo rows, and running it again works."""
    db = tmp_path / "demo.db"
    env = {**os.environ, "ZSDESK_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.Popen([sys.executable, "-m", "zsdesk", "--db", str(db), "demo", "--scale", "0.6"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    seen = []
    try:
        for line in proc.stderr:       # progress, a line at a time
            seen.append(line)
            if line.startswith("拜访记录：20000/"):
                break
        wal = Path(f"{db}-wal").stat().st_size
        proc.kill()
    finally:
        proc.kill()
        proc.wait(timeout=60)
    assert seen and seen[-1].startswith("拜访记录：20000/"), seen
    assert wal > 4_000_000, "the kill came before much was written"
    con = sqlite3.connect(db)
    try:
        for table in ("units", "staff", "companies", "leads", "projects", "visits", "targets"):
            assert con.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0, table
        assert con.execute("SELECT count(*) FROM change_log WHERE source = 'demo'").fetchone()[0] == 0
    finally:
        con.close()
    assert sqlite_problem(db) is None
    done = subprocess.run([sys.executable, "-m", "zsdesk", "--db", str(db), "demo", "--scale", "0.02"],
                          capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT count(*) FROM visits").fetchone()[0] > 0
        assert con.execute("SELECT count(*) FROM projects").fetchone()[0] > 0
    finally:
        con.close()
