"""Storage: where the database lives, SQLite set-up, exact money, and storage
errors shown in plain words."""

from __future__ import annotations

import datetime as dt
import sqlite3
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import event, func, select, text

from zsdesk.db.engine import Database, resolve_db_url
from zsdesk.db.models import CapitalArrival, Project
from zsdesk.errors import StorageError


# --- where the database lives ------------------------------------------------------------------

@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No ZSDESK_* overrides; the user's data folder inside tmp_path."""
    for name in ("ZSDESK_DB", "ZSDESK_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    return home


def test_db_option_wins(clean_env, tmp_path, monkeypatch):
    monkeypatch.setenv("ZSDESK_DB", str(tmp_path / "env.db"))
    target = tmp_path / "sub" / "dir" / "given.db"
    assert resolve_db_url(target) == f"sqlite:///{target}"
    assert target.parent.is_dir()  # the folder is made for a new database


def test_relative_db_path_is_made_absolute(clean_env, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert resolve_db_url("县里.db") == f"sqlite:///{tmp_path / '县里.db'}"


def test_environment_variable_is_used_without_option(clean_env, tmp_path, monkeypatch):
    monkeypatch.setenv("ZSDESK_DB", str(tmp_path / "env.db"))
    assert resolve_db_url(None) == f"sqlite:///{tmp_path / 'env.db'}"


def test_urls_pass_through(clean_env, monkeypatch):
    url = "postgresql+psycopg://zs@db.example/city"
    assert resolve_db_url(url) == url
    monkeypatch.setenv("ZSDESK_DB", url)
    assert resolve_db_url() == url


def test_default_is_the_user_data_folder(clean_env):
    import platformdirs

    expected = Path(platformdirs.user_data_dir("zsdesk", appauthor=False)) / "zsdesk.db"
    if sys.platform.startswith("linux"):  # XDG: under the (test's) home folder
        assert expected == clean_env / ".local" / "share" / "zsdesk" / "zsdesk.db"
    assert resolve_db_url() == f"sqlite:///{expected}"
    assert expected.parent.is_dir()


def test_data_dir_override_for_portable_mode(clean_env, tmp_path, monkeypatch):
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "U盘" / "zsdesk"))
    assert resolve_db_url() == f"sqlite:///{tmp_path / 'U盘' / 'zsdesk' / 'zsdesk.db'}"


# --- SQLite set-up --------------------------------------------------------------------------------

def test_sqlite_file_uses_wal_and_foreign_keys(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'zs.db'}")
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert (tmp_path / "zs.db").exists()
        # and it holds for a raw check of the file, too: WAL is persistent in the file
        raw = sqlite3.connect(tmp_path / "zs.db")
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        raw.close()
    finally:
        db.close()


def test_foreign_keys_are_enforced(ws, unit_id):
    from sqlalchemy.exc import IntegrityError

    from zsdesk.db.models import Staff

    with pytest.raises(IntegrityError), ws.write() as w:
        w.insert(Staff, {"unit_id": "no-such-unit", "name": "孤儿"})
    assert [s.name for s in ws.reference.list_staff()] == ["王招商"]


# --- money is exact -------------------------------------------------------------------------------

def test_sum_of_many_small_amounts_is_exact_in_sql(ws, unit_id, company_id):
    pid = ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": "分毫不差",
                              "contract_date": "2026-01-01", "contract_investment": "0.03"})
    n = 3000
    with ws.write() as w:
        w.insert_many(CapitalArrival, [{"project_id": pid, "arrival_date": dt.date(2026, 2, 1),
                                        "amount": Decimal("0.01")} for _ in range(n)])
    with ws.read() as s:
        total = s.scalar(select(func.sum(CapitalArrival.amount)).where(CapitalArrival.project_id == pid))
    assert total == Decimal(30)
    assert isinstance(total, Decimal)
    assert sum([0.01] * n) != 30  # what a float column would have given


def test_amounts_round_trip_exactly(ws, unit_id, company_id):
    amounts = ["0.000001", "12345678.123456", "99999999999.999999", "1.1", "0.3"]
    ids = [ws.projects.create({"unit_id": unit_id, "company_id": company_id, "name": f"项目{i}",
                               "contract_date": "2026-01-01", "contract_investment": a})
           for i, a in enumerate(amounts)]
    got = [ws.projects.get(i).contract_investment for i in ids]
    assert got == [Decimal(a) for a in amounts]
    assert [str(g) for g in got] == amounts
    with ws.read() as s:
        total = s.scalar(select(func.sum(Project.contract_investment)))
    assert total == sum(Decimal(a) for a in amounts)


# --- storage errors in plain words -----------------------------------------------------------------

def _hold_write_lock(ws, backend):
    """Another program (or another PC) in the middle of a write: returns a release function."""
    if backend == "sqlite":
        holder = sqlite3.connect(ws.db.path, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")
    else:
        import psycopg

        holder = psycopg.connect(ws.db.engine.url.set(drivername="postgresql")
                                 .render_as_string(hide_password=False))
        holder.execute("SELECT * FROM local_state WHERE key = 'counter' FOR UPDATE")

    def release():
        holder.rollback() if backend == "pg" else holder.execute("ROLLBACK")
        holder.close()
    return release


def test_locked_database_gives_the_plain_message(ws, company_id, backend):
    # Give up on the lock after a short wait, not the production 10 s (SQLite) or
    # the server's setting (PostgreSQL, where an office may configure lock_timeout).
    ws.db.engine.dispose()

    @event.listens_for(ws.db.engine, "connect")
    def _short_wait(dbapi_connection, _record):
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA busy_timeout=200" if backend == "sqlite" else "SET lock_timeout = '200ms'")
        cur.close()

    release = _hold_write_lock(ws, backend)
    try:
        with pytest.raises(StorageError) as info:
            ws.companies.update(company_id, {"notes": "被锁住"})
        assert "数据库被占用" in str(info.value) and "未保存任何内容" in str(info.value)
        assert info.value.code == "storage.busy"
    finally:
        release()
    assert ws.companies.get(company_id).notes is None  # nothing saved
    ws.companies.update(company_id, {"notes": "锁释放后保存"})  # and it works again
    assert ws.companies.get(company_id).notes == "锁释放后保存"


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "简报.docx"
    path.write_bytes(b"PK\x03\x04 this is a word file, not sqlite" * 100)
    with pytest.raises(StorageError) as info:
        Database(f"sqlite:///{path}")
    assert f"“{path}”不是招商桌面的数据库文件" in str(info.value)
    assert "该文件没有被改动" in str(info.value)


def test_unreachable_postgresql_server():
    pytest.importorskip("psycopg")
    with pytest.raises(StorageError) as info:
        Database("postgresql+psycopg://app@127.0.0.1:9/nowhere?connect_timeout=3")
    assert "无法连接数据库服务器" in str(info.value)


def test_read_only_database_file(tmp_path, backend):
    if backend != "sqlite":
        pytest.skip("file permissions are SQLite's")
    import os

    from zsdesk.services import Workspace, init_site

    path = tmp_path / "ro.db"
    ws = Workspace(Database(f"sqlite:///{path}"))
    init_site(ws, role="county", code="TX-U07", name="只读测试")
    ws.close()
    if os.geteuid() == 0:
        # root ignores file modes; open the file read-only through SQLite's URI instead
        ro = Workspace(Database(f"sqlite:///file:{path}?mode=ro&uri=true"))
    else:
        for p in tmp_path.iterdir():
            if p.is_file():
                p.chmod(0o444)
        tmp_path.chmod(0o555)
        ro = Workspace(Database(f"sqlite:///{path}"))
    try:
        with pytest.raises(StorageError) as info:
            ro.reference.staff.create({"unit_id": ro.reference.list_units()[0].id, "name": "甲"})
        assert "只读" in str(info.value)
        assert info.value.code == "storage.readonly"
    finally:
        ro.close()
        tmp_path.chmod(0o755)


def test_a_second_workspace_sees_whole_writes_only(ws, unit_id):
    """Whatever the backend, a write either lands whole or not at all, and a second
    workspace on the same database sees it at once."""
    from zsdesk.db.models import Staff

    other = type(ws)(Database(ws.db.url), today=ws.today)
    try:
        with pytest.raises(RuntimeError), ws.write() as w:
            w.insert(Staff, {"unit_id": unit_id, "name": "半途"})
            raise RuntimeError("中途失败")
        assert [s.name for s in other.reference.list_staff()] == ["王招商"]
        ws.reference.staff.create({"unit_id": unit_id, "name": "完整"})
        assert sorted(s.name for s in other.reference.list_staff()) == ["完整", "王招商"]
        with other.read() as s:
            assert s.execute(text("SELECT count(*) FROM change_log")).scalar() > 0
    finally:
        other.close()


# --- storage errors classified by SQLite's result codes ----------------------------------------

def _code_of(fn) -> tuple[int, StorageError | None]:
    """Run ``fn``, which must fail with a sqlite3 error: its result code and ``translate``'s error."""
    from zsdesk.db.engine import translate

    with pytest.raises(sqlite3.Error) as info:
        fn()
    return info.value.sqlite_errorcode & 0xFF, translate(info.value)


def test_real_sqlite_errors_are_classified_by_their_result_code(tmp_path):
    from zsdesk.db.engine import STORAGE_MESSAGES

    path = tmp_path / "codes.db"
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("CREATE TABLE t (x BLOB)")

    # locked: a second connection holds the write lock (BEGIN IMMEDIATE)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waiter = sqlite3.connect(path, isolation_level=None, timeout=0)
    code, known = _code_of(lambda: waiter.execute("BEGIN IMMEDIATE"))
    assert code == sqlite3.SQLITE_BUSY and known.code == "storage.busy"
    holder.execute("ROLLBACK")

    # read-only: opened read-only (file modes do not stop root)
    ro = sqlite3.connect(f"file:{path}?mode=ro", uri=True, isolation_level=None)
    code, known = _code_of(lambda: ro.execute("INSERT INTO t VALUES (1)"))
    assert code == sqlite3.SQLITE_READONLY and known.code == "storage.readonly"

    # cannot open: the path is a folder
    code, known = _code_of(lambda: sqlite3.connect(tmp_path).execute("SELECT 1 FROM sqlite_master"))
    assert code == sqlite3.SQLITE_CANTOPEN and known.code == "storage.cantopen"

    # not a database: a text file
    text_file = tmp_path / "notes.db"
    text_file.write_text("这不是数据库" * 400, encoding="utf-8")
    code, known = _code_of(lambda: sqlite3.connect(text_file).execute("SELECT 1 FROM sqlite_master"))
    assert code == sqlite3.SQLITE_NOTADB and known.code == "storage.corrupt"

    # full: the database may not grow past its page limit
    con.execute("PRAGMA max_page_count = 8")
    code, known = _code_of(lambda: [con.execute("INSERT INTO t VALUES (randomblob(4000))") for _ in range(20)])
    assert code == sqlite3.SQLITE_FULL and known.code == "storage.full"
    assert str(known) == STORAGE_MESSAGES["storage.full"]
    for c in (con, holder, waiter, ro):
        c.close()


IO_ERROR_SCRIPT = r"""
import json, resource, signal, sys
from sqlalchemy import text
from zsdesk.db.engine import Database
db = Database(f"sqlite:///{sys.argv[1]}", migrate=False)
with db.session() as s:
    s.execute(text("CREATE TABLE blobs (x BLOB)"))
# the file-size limit makes write() fail with EFBIG, as a pulled USB stick fails with EIO:
# SQLite says SQLITE_IOERR_WRITE, "disk I/O error"
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
try:
    for _ in range(50):
        with db.session() as s:
            s.execute(text("INSERT INTO blobs VALUES (randomblob(8000))"))
except Exception as exc:
    orig = exc.__cause__.orig
    print(json.dumps({"type": type(exc).__name__, "code": getattr(exc, "code", None), "message": str(exc),
                      "sqlite": orig.sqlite_errorname}, ensure_ascii=False))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
def test_a_real_disk_io_error_is_a_known_storage_error(tmp_path):
    import json
    import subprocess

    from zsdesk.db.engine import STORAGE_MESSAGES

    done = subprocess.run([sys.executable, "-c", IO_ERROR_SCRIPT, str(tmp_path / "usb.db")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["sqlite"].startswith("SQLITE_IOERR")
    assert seen == {**seen, "type": "StorageError", "code": "storage.io", "message": STORAGE_MESSAGES["storage.io"]}
    assert seen["message"] == "读写数据库文件出错：U 盘或磁盘可能已拔出或损坏。请插好后重试；未保存任何内容。"


def _driver_error(message: str, code: int | None = None, name: str | None = None):
    """A sqlite3 error as the driver raises it, wrapped by SQLAlchemy as a statement's failure."""
    from sqlalchemy.exc import OperationalError

    error = sqlite3.OperationalError(message)
    if code is not None:
        error.sqlite_errorcode, error.sqlite_errorname = code, name
    return OperationalError("INSERT INTO visits VALUES (?)", (), error)


@pytest.mark.parametrize(("message", "code", "expected"), [
    # the code decides, whatever the text says (extended codes: the low byte is the primary code)
    ("disk I/O error", 778, "storage.io"),                # SQLITE_IOERR_WRITE
    ("unexpected wording", 266, "storage.io"),            # SQLITE_IOERR_READ
    ("unexpected wording", sqlite3.SQLITE_BUSY, "storage.busy"),
    ("unexpected wording", 262, "storage.busy"),          # SQLITE_LOCKED_SHAREDCACHE
    ("unexpected wording", 1032, "storage.readonly"),     # SQLITE_READONLY_DBMOVED
    ("unexpected wording", sqlite3.SQLITE_CORRUPT, "storage.corrupt"),
    ("unexpected wording", sqlite3.SQLITE_ERROR, None),   # a bug (a wrong statement …)
    # no code (SQLCipher's module, older drivers): the text decides
    ("disk I/O error", None, "storage.io"),
    ("database is locked", None, "storage.busy"),
    ("database or disk is full", None, "storage.full"),
    ("no such table: visits", None, None),
])
def test_translate_uses_the_code_then_the_text(message, code, expected):
    from zsdesk.db.engine import STORAGE_MESSAGES, translate

    known = translate(_driver_error(message, code, f"SQLITE_{code}" if code else None))
    assert (known.code if known else None) == expected
    if known is not None:
        assert str(known) == STORAGE_MESSAGES[expected]


def test_a_disk_io_error_in_a_session_is_not_a_bug(tmp_path):
    db = Database(f"sqlite:///{tmp_path / 'x.db'}", migrate=False)
    try:
        with pytest.raises(StorageError) as info, db.storage_errors():
            raise _driver_error("disk I/O error", 778, "SQLITE_IOERR_WRITE")
        assert info.value.code == "storage.io" and "U 盘或磁盘可能已拔出" in str(info.value)
    finally:
        db.close()
