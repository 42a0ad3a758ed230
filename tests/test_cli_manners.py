"""Command-line manners (issue 10, findings 12 and 11): bad input gets plain
Chinese on stderr and exit 2 — never a trace, an errno, a codec or JSON parser
message; output into a closed pipe ends quietly; a bug exits 1 with its trace
in a log file; every file and folder zsdesk makes is its owner's only.

These run the real ``zsdesk`` program (the installed entry point) in a
subprocess, as a person's shell would."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from test_sync_kit import FileDatabases, fingerprint
from zsdesk.cli import main

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes and pipes")

ENTRY = shutil.which("zsdesk", path=str(Path(sys.executable).parent))
COMMAND = [ENTRY] if ENTRY else [sys.executable, "-m", "zsdesk"]
RAW = ("Traceback", "Errno", "codec", "Expecting value", "line 1 column", "file is not a database",
       "sqlite3.", "Error:")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def zsdesk(*args, env=None, cwd=None, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *map(str, args)], capture_output=True, text=True, env=env, cwd=cwd,
                          timeout=120, **kw)


@pytest.fixture(scope="module")
def place(tmp_path_factory):
    """A folder with an initialised city database and files of every wrong kind."""
    root = tmp_path_factory.mktemp("manners")
    env = {**os.environ, "ZSDESK_DATA_DIR": str(root / "data")}
    env.pop("ZSDESK_DB", None)
    db = root / "city.db"
    done = zsdesk("--db", db, "init", "--role", "city", "--code", "SZ-CITY", "--name", "示范市招商办", env=env)
    assert done.returncode == 0, done.stderr
    (root / "binary.dat").write_bytes(bytes(range(256)) * 40)
    (root / "notes.txt").write_text("会议纪要：下周外出招商\n" * 50, encoding="utf-8")
    (root / "bad.json").write_text('{"setup": ', encoding="utf-8")
    (root / "gbk.json").write_bytes("入网文件".encode("gbk"))
    (root / "fake.xlsx").write_text("not a workbook", encoding="utf-8")
    (root / "a-file").write_text("x", encoding="utf-8")
    (root / "a-folder").mkdir()
    return root, env, db


BAD = [
    # (id, arguments with {root} and {db}, what the message must say)
    ("join-missing", ["--db", "{root}/new1.db", "sync", "join", "{root}/nonexistent.json"], "找不到"),
    ("join-binary", ["--db", "{root}/new2.db", "sync", "join", "{root}/binary.dat"], "入网文件"),
    ("join-bad-json", ["--db", "{root}/new3.db", "sync", "join", "{root}/bad.json"], "入网文件"),
    ("join-not-utf8", ["--db", "{root}/new4.db", "sync", "join", "{root}/gbk.json"], "入网文件"),
    ("join-folder", ["--db", "{root}/new5.db", "sync", "join", "{root}/a-folder"], "文件夹"),
    ("db-is-text", ["--db", "{root}/notes.txt", "stats"], "数据库"),
    ("db-is-binary", ["--db", "{root}/binary.dat", "stats"], "数据库"),
    ("db-is-folder", ["--db", "{root}/a-folder", "stats"], "文件夹"),
    ("db-under-a-file", ["--db", "{root}/a-file/x.db", "stats"], "文件夹"),
    ("ledger-import-missing", ["--db", "{db}", "ledger", "import", "{root}/nonexistent.xlsx"], "不存在"),
    ("ledger-import-not-a-workbook", ["--db", "{db}", "ledger", "import", "{root}/fake.xlsx"], "无法读取"),
    ("ledger-export-under-a-file", ["--db", "{db}", "ledger", "export", "--kind", "visits",
                                    "--out", "{root}/a-file/x.xlsx"], "a-file"),
    ("brief-under-a-file", ["--db", "{db}", "brief", "--period", "2026", "--kind", "yearly",
                            "--out", "{root}/a-file/x.pdf"], "a-file"),
    ("restore-random", ["--db", "{db}", "restore", "{root}/binary.dat"], "不是有效的备份文件"),
    ("restore-text", ["--db", "{db}", "restore", "{root}/notes.txt"], "不是有效的备份文件"),
    ("restore-missing", ["--db", "{db}", "restore", "{root}/nonexistent.db"], "找不到备份文件"),
    ("restore-folder", ["--db", "{db}", "restore", "{root}/a-folder"], "文件夹"),
    ("backup-under-a-file", ["--db", "{db}", "backup", "--out", "{root}/a-file/sub/x.db"], "文件夹"),
    ("backup-onto-a-folder", ["--db", "{db}", "backup", "--out", "{root}/a-folder"], "文件夹"),
    ("import-missing", ["--db", "{db}", "sync", "import", "{root}/nonexistent.zsync"], "找不到"),
    ("import-folder", ["--db", "{db}", "sync", "import", "{root}/a-folder"], "文件夹"),
    ("import-text", ["--db", "{db}", "sync", "import", "{root}/notes.txt"], "同步文件"),
    ("stats-uninitialised", ["--db", "{root}/empty.db", "stats"], "zsdesk init"),
]


@pytest.mark.parametrize("args, says", [pytest.param(a, s, id=i) for i, a, s in BAD])
def test_bad_input_gets_plain_chinese_and_exit_2(place, args, says):
    root, env, db = place
    done = zsdesk(*[a.format(root=root, db=db) for a in args], env=env)
    both = done.stdout + done.stderr
    assert done.returncode == 2, both
    message = done.stderr.strip()
    assert message.startswith("zsdesk: ") and CHINESE.search(message), message
    assert says in message, message
    for raw in RAW:
        assert raw not in both, both


def test_output_into_a_closed_pipe_ends_quietly(place):
    root, env, db = place
    proc = subprocess.Popen([*COMMAND, "--db", str(db), "stats", "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=env)
    proc.stdout.close()          # the reader went away before anything was written
    err = proc.stderr.read().decode()
    proc.wait(timeout=120)
    assert proc.returncode in (0, 141) and err == ""
    # as a shell runs it
    done = subprocess.run(f"{' '.join(map(str, COMMAND))} --db '{db}' stats --json | head -1; "
                          "exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash",
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.stdout == "{\n" and done.stderr == ""
    assert done.returncode in (0, 141)


def test_a_bug_exits_1_with_its_trace_in_the_log_file(tmp_path, monkeypatch, capsys):
    from zsdesk import cli, logs

    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data"))

    def broken(_args):
        raise RuntimeError("a bug in the stats command")

    monkeypatch.setitem(cli.COMMANDS, "stats", broken)
    assert main(["--db", str(tmp_path / "x.db"), "stats"]) == 1
    err = capsys.readouterr().err
    log = tmp_path / "data" / "logs" / "zsdesk.log"
    assert err.strip() == f"zsdesk: 程序内部出错（不是你的操作有误）。详细信息已写入 {log}，请把该文件发给技术支持"
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "RuntimeError: a bug in the stats command" in text
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    assert stat.S_IMODE(log.parent.stat().st_mode) == 0o700
    # it rotates: the file stays small
    for _ in range(3):
        assert main(["--db", str(tmp_path / "x.db"), "stats"]) == 1
    assert log.stat().st_size < logs.MAX_BYTES


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_files_and_folders_zsdesk_makes_are_the_owners_only(tmp_path):
    env = {**os.environ, "ZSDESK_DATA_DIR": str(tmp_path / "data")}
    env.pop("ZSDESK_DB", None)
    old = os.umask(0o022)                       # a usual umask: the program must not rely on it
    try:
        city_db = tmp_path / "city" / "city.db"
        assert zsdesk("--db", city_db, "init", "--role", "city", "--code", "SZ-CITY", "--name", "示范市",
                      env=env).returncode == 0
        assert mode(city_db) == 0o600 and mode(city_db.parent) == 0o700
        # the write-ahead log and shared memory of an open database: the same mode
        con = sqlite3.connect(city_db)
        con.execute("PRAGMA journal_mode=WAL")
        with con:
            con.execute("CREATE TABLE IF NOT EXISTS probe (x)")
        assert mode(Path(f"{city_db}-wal")) == 0o600 and mode(Path(f"{city_db}-shm")) == 0o600
        con.execute("DROP TABLE probe")
        con.close()

        dbs = FileDatabases(tmp_path / "lib")
        city = dbs.workspace(f"sqlite:///{city_db}")
        city.reference.units.create({"code": "TX-U01", "name": "泰兴高新区招商单元"})
        dbs.close_all()
        setup = tmp_path / "out" / "setup-TX.json"
        setup.parent.mkdir()
        assert zsdesk("--db", city_db, "sync", "setup-file", "--for", "TX-U01", "--out", setup,
                      env=env).returncode == 0
        assert mode(setup) == 0o600
        tx_db = tmp_path / "tx" / "tx.db"
        done = zsdesk("--db", tx_db, "sync", "join", setup, env=env)
        assert done.returncode == 0, done.stderr
        tx = dbs.workspace(f"sqlite:///{tx_db}")
        tx.companies.create({"name": "第一家企业有限公司"})
        trust = fingerprint(tx)
        dbs.close_all()
        box = tmp_path / "box"
        first = Path(zsdesk("--db", tx_db, "sync", "export", "--out", box, env=env).stdout.strip())
        assert mode(box) == 0o700 and mode(first) == 0o600
        by_hand = tmp_path / "saved" / "city-backup.db"
        assert zsdesk("--db", city_db, "backup", "--out", by_hand, env=env).returncode == 0
        assert mode(by_hand) == 0o600 and mode(by_hand.parent) == 0o700
        done = zsdesk("--db", city_db, "sync", "import", first, "--trust", trust, env=env)
        assert done.returncode == 0, done.stderr
        backups = city_db.parent / "backups"
        assert mode(backups) == 0o700
        assert [mode(f) for f in backups.iterdir()] == [0o600]      # the import session's backup
        # the city answers
        back = Path(zsdesk("--db", city_db, "sync", "export", "--to", "TX-U01", "--out", box, env=env)
                    .stdout.strip())
        assert mode(back) == 0o600
        done = zsdesk("--db", city_db, "restore", by_hand, env=env)
        assert done.returncode == 0, done.stderr
        assert mode(city_db) == 0o600
        assert all(mode(f) == 0o600 for f in backups.iterdir()) and len(list(backups.iterdir())) == 2
        ledger = tmp_path / "out" / "visits.xlsx"
        assert zsdesk("--db", city_db, "ledger", "export", "--kind", "visits", "--out", ledger,
                      env=env).returncode == 0
        assert mode(ledger) == 0o600
        pdf = tmp_path / "out" / "brief.pdf"
        done = zsdesk("--db", city_db, "brief", "--period", "2026", "--kind", "yearly", "--out", pdf, env=env)
        assert done.returncode == 0, done.stderr
        assert mode(pdf) == 0o600
    finally:
        os.umask(old)


def test_the_pending_queue_is_the_owners_only(tmp_path):
    """A file that does not connect waits in ``sync-pending`` beside the database."""
    from test_sync_kit import Net

    from zsdesk.backup import backup_to

    dbs = FileDatabases(tmp_path / "sites")
    net = Net(dbs, tmp_path, codes=("TX-U01",))
    tx, city = net["TX-U01"], net.city
    tx.companies.create({"name": "第一家企业有限公司"})
    net.up("TX-U01")
    net.down("TX-U01")
    earlier = tmp_path / "earlier" / "city.db"      # the city as it was: it never sees file 2
    backup_to(city, earlier)
    tx.companies.create({"name": "第二家企业有限公司"})
    net.up("TX-U01")
    net.down("TX-U01")
    tx.companies.create({"name": "第三家企业有限公司"})
    third = net.export(tx)
    dbs.close_all()
    env = {**os.environ, "ZSDESK_DATA_DIR": str(tmp_path / "data")}
    done = zsdesk("--db", earlier, "sync", "import", third, env=env)
    assert done.returncode == 0 and "等待队列" in done.stdout, done.stdout + done.stderr
    pending = earlier.parent / "sync-pending"
    assert mode(pending) == 0o700 and [mode(f) for f in pending.iterdir()] == [0o600]


def test_library_use_makes_private_files_without_the_umask(tmp_path):
    """Backups and new databases made through the library (not the command) too."""
    from zsdesk.backup import backup_to
    from zsdesk.db.engine import backup_file
    from zsdesk.services import init_site

    old = os.umask(0o022)
    try:
        dbs = FileDatabases(tmp_path / "lib")
        ws = dbs.workspace(dbs.url("county"))
        init_site(ws, role="county", code="TX-U01", name="泰兴高新区招商单元")
        assert mode(ws.db.path) == 0o600
        auto = backup_file(ws.db.path, "test")
        assert mode(auto) == 0o600 and mode(auto.parent) == 0o700
        out = backup_to(ws, tmp_path / "new-folder" / "copy.db")
        assert mode(out) == 0o600 and mode(out.parent) == 0o700
        dbs.close_all()
    finally:
        os.umask(old)


@pytest.mark.parametrize("args, says", [
    (["stats", "--year", "abc"], "值 'abc' 的格式不对"),
    (["stats", "--bogus"], "无法识别的参数：--bogus"),
    (["brief", "--period", "2026-10"], "缺少必需的参数：--out"),
    (["ledger", "export", "--kind", "x", "--out", "y.xlsx"], "无效的选项 'x'"),
])
def test_a_mistyped_command_is_answered_in_chinese(place, args, says):
    root, env, db = place
    done = zsdesk("--db", db, *args, env=env)
    assert done.returncode == 2
    assert "命令有误" in done.stderr and says in done.stderr and "zsdesk -h" in done.stderr, done.stderr
    for english in ("error:", "usage:", "invalid", "required", "unrecognized"):
        assert english not in done.stderr, done.stderr
