"""数据保护: the optional password that encrypts the SQLite database and its
backups with SQLCipher (``zsdesk.db.cipher``), on real files: nothing secret
is left readable in any file, wrong passwords are refused, set/change/remove
keep the data, and a rewrite that fails or is killed leaves the original."""

from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from support import COMPANY_NAME, COUNTY, TODAY, local_state

pytest.importorskip("sqlcipher3", reason="this build has no SQLCipher (sqlcipher3-wheels)")

from zsdesk.db import cipher
from zsdesk.db.engine import Database, copy_sqlite
from zsdesk.errors import ValidationError
from zsdesk.services import Workspace, init_site, open_workspace
from zsdesk.services.workspace import change_database_password

PASSWORD = "泰兴招商-2026！"
#: quotes, URL and SQL specials, spaces, Chinese: the engine's and the rewrite's key must agree
AWKWARD = ["p'a\"s s@:/%?#&+ ;--", "  前后有空格  ", "招商局密码口令"]


def _open(path, password=None) -> Workspace:
    return Workspace(Database(f"sqlite:///{path}", password=password), today=lambda: TODAY, actor="测试员")


@pytest.fixture
def county_file(tmp_path) -> Path:
    """A closed county database (site, keys, a company, a visit) in its own folder."""
    path = tmp_path / "site" / "zsdesk.db"
    path.parent.mkdir()
    ws = _open(path)
    init_site(ws, **COUNTY)
    [unit] = ws.reference.list_units()
    company = ws.companies.create({"name": COMPANY_NAME})
    ws.visits.create({"unit_id": unit.id, "company_id": company, "visit_date": TODAY, "kind": "上门招商",
                      "people": "张总（董事长）"})
    ws.close()
    return path


def _secrets(path: Path, password=None) -> list[bytes]:
    ws = _open(path, password)
    try:
        state = local_state(ws)
    finally:
        ws.close()
    return [state["private_key"].encode(), state["box_private_key"].encode()]


def _snapshot(ws) -> dict:
    return {"site": ws.site, "counts": ws.counts(),
            "companies": sorted(c["name"] for c in _company_names(ws))}


def _company_names(ws):
    from sqlalchemy import select

    from zsdesk.db.models import Company

    with ws.read() as s:
        return [{"name": n} for n in s.scalars(select(Company.name))]


def _state_of(path: Path, password=None) -> dict:
    ws = _open(path, password)
    try:
        return _snapshot(ws)
    finally:
        ws.close()


def _files_holding(folder: Path, needles: list[bytes]) -> list[Path]:
    """Every file under ``folder`` (database, -wal, backups, leftovers) holding any of ``needles``."""
    return [p for p in folder.rglob("*") if p.is_file() and any(n in p.read_bytes() for n in needles)]


def _backup(path: Path, password=None) -> Path:
    """A backup where ``zsdesk.db.engine.backup_file`` keeps them."""
    folder = path.parent / "backups"
    folder.mkdir(exist_ok=True)
    target = folder / f"{path.stem}-20260615-120000-000000-test.db"
    copy_sqlite(path, target, password=password)
    return target


# --- set, open, change, remove ------------------------------------------------------------------------

def test_set_password_leaves_no_secret_readable_in_the_file_or_its_backups(county_file):
    secrets = _secrets(county_file)
    before = _state_of(county_file)
    backup = _backup(county_file)
    assert _files_holding(county_file.parent, secrets) == [county_file, backup]   # in clear today

    outcome = cipher.set_password(county_file, PASSWORD)

    assert not county_file.read_bytes().startswith(b"SQLite format 3")
    assert cipher.is_encrypted(county_file) and cipher.is_encrypted(backup)
    assert outcome.converted == [backup] and outcome.skipped == []
    assert "1 个备份已用新密码加密" in outcome.describe()
    assert _files_holding(county_file.parent, secrets) == []
    assert not list(county_file.parent.glob("*" + cipher.TEMP_SUFFIX + "*"))
    assert _state_of(county_file, PASSWORD) == before
    # the re-encrypted backup opens with the same password and holds the same data
    assert _state_of(backup, PASSWORD) == before


def test_without_the_password_or_with_a_wrong_one_nothing_opens(county_file):
    cipher.set_password(county_file, PASSWORD)
    with pytest.raises(cipher.PasswordRequired, match="^数据库已加密：请输入密码$"):
        open_workspace(county_file)
    with pytest.raises(cipher.WrongPassword, match="^密码不正确$"):
        open_workspace(county_file, password="not the password")
    with pytest.raises(cipher.WrongPassword):
        cipher.check_password(county_file, PASSWORD + " ")
    with pytest.raises(sqlite3.DatabaseError):   # and the plain sqlite3 module sees no database
        sqlite3.connect(county_file).execute("SELECT * FROM local_state").fetchall()
    ws = open_workspace(county_file, password=PASSWORD)
    try:
        assert ws.site.code == COUNTY["code"]
    finally:
        ws.close()


def test_a_password_for_a_plain_database_is_refused(county_file):
    with pytest.raises(cipher.NotEncrypted):
        open_workspace(county_file, password=PASSWORD)


@pytest.mark.parametrize("password", AWKWARD)
def test_any_characters_work_the_same_through_the_engine_and_the_rewrite(county_file, password):
    before = _state_of(county_file)
    cipher.set_password(county_file, password)
    assert _state_of(county_file, password) == before          # the engine's PRAGMA key
    cipher.change_password(county_file, password, PASSWORD)    # the rewrite's PRAGMA key
    assert _state_of(county_file, PASSWORD) == before


def test_change_password_keeps_the_data_and_refuses_the_old_one(county_file):
    secrets = _secrets(county_file)
    before = _state_of(county_file)
    cipher.set_password(county_file, PASSWORD)
    backup = _backup(county_file, PASSWORD)
    assert cipher.is_encrypted(backup)

    before_bytes = county_file.read_bytes()
    with pytest.raises(cipher.WrongPassword):
        cipher.change_password(county_file, "wrong password", "新密码新密码")
    assert county_file.read_bytes() == before_bytes            # untouched

    outcome = cipher.change_password(county_file, PASSWORD, "新密码新密码")
    assert outcome.converted == [backup]
    with pytest.raises(cipher.WrongPassword):
        _state_of(county_file, PASSWORD)
    assert _state_of(county_file, "新密码新密码") == before
    assert _state_of(backup, "新密码新密码") == before
    assert _files_holding(county_file.parent, secrets) == []


def test_remove_password_gives_a_plain_database_and_plain_backups(county_file):
    before = _state_of(county_file)
    cipher.set_password(county_file, PASSWORD)
    backup = _backup(county_file, PASSWORD)
    with pytest.raises(cipher.WrongPassword):
        cipher.remove_password(county_file, "wrong password")
    assert cipher.is_encrypted(county_file)

    outcome = cipher.remove_password(county_file, PASSWORD)
    assert outcome.converted == [backup]
    assert county_file.read_bytes().startswith(b"SQLite format 3\x00")
    assert not cipher.is_encrypted(backup)
    assert _state_of(county_file) == before
    con = sqlite3.connect(county_file)
    try:
        assert con.execute("PRAGMA quick_check").fetchone()[0] == "ok"
    finally:
        con.close()


def test_a_new_database_is_encrypted_from_the_start(tmp_path):
    path = tmp_path / "new.db"
    ws = _open(path, PASSWORD)
    init_site(ws, **COUNTY)
    secrets = [v.encode() for k, v in local_state(ws).items() if k.endswith("private_key")]
    ws.close()
    assert cipher.is_encrypted(path)
    assert _files_holding(tmp_path, secrets) == []
    assert _state_of(path, PASSWORD)["site"].code == COUNTY["code"]


def test_copy_of_an_encrypted_database_is_encrypted_with_the_same_password(county_file, tmp_path):
    secrets = _secrets(county_file)
    cipher.set_password(county_file, PASSWORD)
    ws = _open(county_file, PASSWORD)   # copied while open, as a backup is
    try:
        target = tmp_path / "copy.db"
        copy_sqlite(county_file, target, password=PASSWORD)
    finally:
        ws.close()
    assert cipher.is_encrypted(target)
    assert not any(s in target.read_bytes() for s in secrets)
    assert _state_of(target, PASSWORD)["site"].code == COUNTY["code"]


def test_a_short_or_empty_password_is_refused(county_file):
    for bad in ("", "   ", "12345"):
        with pytest.raises(ValidationError):
            cipher.set_password(county_file, bad)
    assert not cipher.is_encrypted(county_file)


# --- atomic: failures and kills leave the original --------------------------------------------------------

def test_a_failed_replace_leaves_the_original_untouched(county_file, monkeypatch):
    before_bytes = county_file.read_bytes()

    def refuse(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cipher.os, "replace", refuse)
    with pytest.raises(OSError):
        cipher.set_password(county_file, PASSWORD)
    assert county_file.read_bytes() == before_bytes
    assert not list(county_file.parent.glob("*" + cipher.TEMP_SUFFIX + "*"))


_HOLD_OPEN = textwrap.dedent("""
    import sqlite3, sys
    con = sqlite3.connect(sys.argv[1])
    con.execute("SELECT count(*) FROM local_state").fetchone()
    print("open", flush=True)
    sys.stdin.readline()
    con.close()
""")


def test_a_database_open_in_another_program_is_not_rewritten(county_file):
    # another program: SQLite's locks are per process (a second connection in
    # this one, through another SQLite library, would not be seen)
    other = subprocess.Popen([sys.executable, "-c", _HOLD_OPEN, str(county_file)], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, text=True)
    try:
        assert other.stdout.readline().strip() == "open"
        with pytest.raises(cipher.InUse, match="另一个程序"):
            cipher.set_password(county_file, PASSWORD)
    finally:
        other.communicate("\n", timeout=30)
    assert not cipher.is_encrypted(county_file)
    assert not list(county_file.parent.glob("*" + cipher.TEMP_SUFFIX + "*"))
    cipher.set_password(county_file, PASSWORD)    # once it is closed
    assert cipher.is_encrypted(county_file)


_KILLED_SET = textwrap.dedent("""
    import os, signal, sys
    from zsdesk.db import cipher
    if sys.argv[3] == "before-replace":
        cipher.os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)
    print("started", flush=True)
    cipher.set_password(sys.argv[1], sys.argv[2])
""")


def _pad(path: Path, rows: int = 60_000) -> None:
    """Make the rewrite take long enough to be killed in the middle of it."""
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE padding (id INTEGER PRIMARY KEY, text TEXT)")
    con.executemany("INSERT INTO padding (text) VALUES (?)", ((f"第{i}行" * 20,) for i in range(rows)))
    con.commit()
    con.close()


def _readable_state(path: Path) -> tuple[str, dict]:
    """("plain" or "encrypted", what it holds): the file must open one way or the other."""
    password = PASSWORD if cipher.is_encrypted(path) else None
    state = _state_of(path, password)
    con = cipher.connect(path, password)
    try:
        state["padding"] = con.execute("SELECT count(*) FROM padding").fetchone()[0]
    finally:
        con.close()
    return ("encrypted" if password else "plain"), state


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_set_password_killed_at_any_moment_leaves_a_readable_database(county_file):
    _pad(county_file)
    _, before = _readable_state(county_file)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}

    def run(when: str, delay: float | None) -> None:
        proc = subprocess.Popen([sys.executable, "-c", _KILLED_SET, str(county_file), PASSWORD, when],
                                stdout=subprocess.PIPE, env=env)
        proc.stdout.readline()                     # imported and about to start
        if delay is not None:
            time.sleep(delay)
            proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        proc.stdout.close()

    run("before-replace", None)                    # killed with the new file complete, not yet in place
    assert _readable_state(county_file) == ("plain", before)
    for delay in (0.05, 0.15, 0.3, 0.6, 1.0):      # killed somewhere in the middle (or after the end)
        if cipher.is_encrypted(county_file):
            break
        run("now", delay)
        kind, state = _readable_state(county_file)
        assert state == before, (delay, kind)
    if not cipher.is_encrypted(county_file):
        cipher.set_password(county_file, PASSWORD)  # the leftovers of a killed run are no obstacle
    assert _readable_state(county_file) == ("encrypted", before)
    assert not list(county_file.parent.glob("*" + cipher.TEMP_SUFFIX + "*"))


# --- the open workspace (设置 → 数据保护) -------------------------------------------------------------------

def test_the_open_workspace_changes_its_password_and_goes_on_working(county_file):
    secrets = _secrets(county_file)
    ws = _open(county_file)
    try:
        before = _snapshot(ws)
        change_database_password(ws, None, PASSWORD)
        assert ws.db.password == PASSWORD and cipher.is_encrypted(county_file)
        assert _snapshot(ws) == before
        ws.companies.create({"name": "加密之后新建的客商有限公司"})   # writes go on, encrypted
        with pytest.raises(cipher.WrongPassword):
            change_database_password(ws, "not the password", None)
        assert ws.db.password == PASSWORD
        change_database_password(ws, PASSWORD, "另一个密码123")
        assert ws.counts()["companies"] == before["counts"]["companies"] + 1
    finally:
        ws.close()
    assert _files_holding(county_file.parent, secrets) == []
    assert _state_of(county_file, "另一个密码123")["counts"]["companies"] == before["counts"]["companies"] + 1


def test_a_read_still_running_keeps_the_password_from_being_changed_under_it(county_file, monkeypatch):
    """A connection of this program left on the file while it is replaced would
    later fold its log into the new file: the change waits for it, then refuses."""
    monkeypatch.setattr(cipher, "BUSY_WAIT_S", 0.2)
    ws = _open(county_file)
    try:
        before_bytes = county_file.read_bytes()
        with ws.read() as s:                      # a list still reading, on another thread in the app
            from sqlalchemy import text

            s.execute(text("SELECT count(*) FROM visits")).scalar()
            with pytest.raises(cipher.InUse, match="正在读写"):
                change_database_password(ws, None, PASSWORD)
        assert county_file.read_bytes() == before_bytes and ws.db.password is None
        assert ws.site.code == COUNTY["code"]    # and the workspace goes on as before
        change_database_password(ws, None, PASSWORD)
        assert cipher.is_encrypted(county_file)
    finally:
        ws.close()


def test_the_automatic_backup_of_an_encrypted_database_is_encrypted(county_file):
    from zsdesk.db.engine import backup_file

    secrets = _secrets(county_file)
    cipher.set_password(county_file, PASSWORD)
    ws = _open(county_file, PASSWORD)
    try:
        saved = backup_file(ws.db.path, "test", password=ws.db.password)
    finally:
        ws.close()
    assert cipher.is_encrypted(saved)
    assert not any(s in saved.read_bytes() for s in secrets)
    assert _state_of(saved, PASSWORD)["site"].code == COUNTY["code"]


# --- the command line --------------------------------------------------------------------------------------

def _cli(monkeypatch, tmp_path, argv: list[str], stdin: str = "") -> int:
    import gc

    from zsdesk.cli import main

    gc.collect()  # a command run before left its workspace open (its process would have ended)
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return main(argv)


def test_the_command_line_sets_uses_changes_and_removes_the_password(county_file, tmp_path, monkeypatch,
                                                                      capsys):
    monkeypatch.delenv("ZSDESK_PASSWORD", raising=False)
    db = ["--db", str(county_file)]
    secrets = _secrets(county_file)
    assert _cli(monkeypatch, tmp_path, [*db, "password", "set"], "短\n") == 2
    assert "至少6个字符" in capsys.readouterr().err
    assert _cli(monkeypatch, tmp_path, [*db, "password", "set"], PASSWORD + "\n") == 0
    assert "已设置密码" in capsys.readouterr().out
    assert _files_holding(county_file.parent, secrets) == []

    assert _cli(monkeypatch, tmp_path, [*db, "stats"]) == 2
    err = capsys.readouterr().err
    assert "数据库已加密：请输入密码" in err and "--password-stdin" in err and "ZSDESK_PASSWORD" in err
    assert _cli(monkeypatch, tmp_path, [*db, "--password-stdin", "stats"], "wrong password\n") == 2
    assert "密码不正确" in capsys.readouterr().err
    assert _cli(monkeypatch, tmp_path, [*db, "--password-stdin", "stats"], PASSWORD + "\n") == 0
    assert COUNTY["name"] in capsys.readouterr().out
    monkeypatch.setenv("ZSDESK_PASSWORD", PASSWORD)
    assert _cli(monkeypatch, tmp_path, [*db, "stats"]) == 0
    capsys.readouterr()
    monkeypatch.delenv("ZSDESK_PASSWORD")

    assert _cli(monkeypatch, tmp_path, [*db, "password", "change"], "wrong password\nnewpass123\n") == 2
    assert "密码不正确" in capsys.readouterr().err
    assert _cli(monkeypatch, tmp_path, [*db, "password", "change"], f"{PASSWORD}\nnewpass123\n") == 0
    assert _cli(monkeypatch, tmp_path, [*db, "--password-stdin", "stats"], "newpass123\n") == 0
    assert _cli(monkeypatch, tmp_path, [*db, "password", "remove"], "newpass123\n") == 0
    assert "已取消密码" in capsys.readouterr().out
    assert not cipher.is_encrypted(county_file)
    assert _cli(monkeypatch, tmp_path, [*db, "stats"]) == 0


def test_a_restore_keeps_the_databases_protection_whichever_the_backup(county_file, tmp_path):
    """A plain backup restored into an encrypted database is stored encrypted (a
    restore must not undo the password); an encrypted backup restored into a plain
    database is stored plain. The data is the backup's either way."""
    from zsdesk.backup import restore_from

    plain_backup = tmp_path / "plain-backup.db"
    copy_sqlite(county_file, plain_backup)
    before = _state_of(county_file)
    secrets = _secrets(county_file)
    cipher.set_password(county_file, PASSWORD)
    ws = _open(county_file, PASSWORD)
    ws.companies.create({"name": "恢复后应消失有限公司"})
    ws.close()
    encrypted_backup = tmp_path / "encrypted-backup.db"
    copy_sqlite(county_file, encrypted_backup, password=PASSWORD)

    restore_from(plain_backup, f"sqlite:///{county_file}", password=PASSWORD)
    assert cipher.is_encrypted(county_file)
    assert _state_of(county_file, PASSWORD) == before
    assert not _files_holding(county_file.parent, secrets)  # no plain copy left behind

    cipher.remove_password(county_file, PASSWORD)
    restore_from(encrypted_backup, f"sqlite:///{county_file}", password=PASSWORD)
    assert not cipher.is_encrypted(county_file)
    assert "恢复后应消失有限公司" in _state_of(county_file)["companies"]
