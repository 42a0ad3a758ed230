"""Encryption at rest: an optional password that encrypts a SQLite database
and its backups with SQLCipher (the ``sqlcipher3`` module of the
``sqlcipher3-wheels`` package), so that a lost laptop gives nothing away — not
the records, not the site's private signing key kept in ``local_state``.

What it does not cover: files outside the database (attachments, exported
ledgers and PDFs, sync packages, QSettings), and the blocks of a plain file
the file system has not yet overwritten after the switch (full-disk
encryption is the answer to those).

Setting, changing and removing the password rewrite the whole file into a
temporary file beside it, check the result, and move it over the original in
one rename: on any failure (a wrong password, a full disk, the program killed
half-way) the original is left exactly as it was. The database must not be
open elsewhere while this happens (a ``-wal`` file beside it says it is).

A password is a passphrase: SQLCipher derives the key from its UTF-8 bytes
(PBKDF2, SQLCipher 4 defaults), so any characters (Chinese included) work.
It never travels in a URL string: the engine URL is built as an object
(``URL.create``), and SQL statements take it quoted or as a bound parameter.
No Qt here.
"""

from __future__ import annotations

import contextlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from zsdesk.errors import StorageError, ValidationError

#: the first 16 bytes of every plain SQLite database file; an encrypted one starts with its random salt
HEADER = b"SQLite format 3\x00"
#: the file a rewrite builds beside the database before it replaces it
TEMP_SUFFIX = ".cipher-tmp"
MIN_LENGTH = 6
#: how long a password change waits for the reads already running to finish
BUSY_WAIT_S = 5.0

NEEDS_PASSWORD = "数据库已加密：请输入密码"
WRONG_PASSWORD = "密码不正确"


class PasswordRequired(StorageError):
    """The database file is encrypted and no password was given."""

    def __init__(self, message: str = NEEDS_PASSWORD):
        super().__init__(message)


class WrongPassword(StorageError):
    """The password does not open the database."""

    def __init__(self, message: str = WRONG_PASSWORD):
        super().__init__(message)


class CipherUnavailable(StorageError):
    """This build has no SQLCipher module."""

    def __init__(self, message: str = "此版本的招商桌面不支持数据库加密（缺少 sqlcipher3 模块）。"):
        super().__init__(message)


class NotEncrypted(StorageError):
    """A password was given for a database that has none."""

    def __init__(self, message: str = "数据库没有设置密码，不需要输入密码。"):
        super().__init__(message)


class InUse(StorageError):
    """The database is open in another program, so it cannot be rewritten."""

    def __init__(self, message: str = "数据库正被另一个程序使用：请先关闭其他打开此数据库的招商桌面，再设置密码。"
                                      "数据库未改动。"):
        super().__init__(message)


# --- the module ------------------------------------------------------------------------------

_module = None


def module():
    """The SQLCipher DB-API module (``sqlcipher3``); ``CipherUnavailable`` without it."""
    global _module
    if _module is None:
        try:
            import sqlcipher3
        except ImportError as exc:
            raise CipherUnavailable() from exc
        # A wrong key makes SQLCipher print "ERROR CORE ... hmac check failed" to stderr;
        # we report it ourselves ("密码不正确"). The setting is process-wide.
        probe = sqlcipher3.connect(":memory:")
        with contextlib.suppress(sqlcipher3.DatabaseError):
            probe.execute("PRAGMA cipher_log_level = NONE")
        probe.close()
        _module = sqlcipher3
    return _module


def available() -> bool:
    """Whether this build can encrypt databases."""
    try:
        module()
    except CipherUnavailable:
        return False
    return True


# --- looking at files ------------------------------------------------------------------------

def is_encrypted(path) -> bool:
    """Whether ``path`` looks like a SQLCipher database: not the plain SQLite
    header, whole pages (a multiple of 512 bytes), and not text at the start
    (an encrypted file starts with its random salt). A missing or empty file
    is not encrypted (it will be made); nor is a text file or a spreadsheet
    given by mistake (that is "not a database", said elsewhere)."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(HEADER))
            size = os.fstat(f.fileno()).st_size
    except FileNotFoundError:
        return False
    if not head or head == HEADER or size % 512:
        return False
    return not all(32 <= b < 127 or b in (9, 10, 13) for b in head)


def check_new_password(password: str | None, field_name: str = "password") -> str:
    """A password a person chose: refused with a reason when empty or too short."""
    if password is None or not password.strip():
        raise ValidationError(field_name, "请输入密码")
    if "\x00" in password:
        raise ValidationError(field_name, "密码不能包含控制字符")
    if len(password) < MIN_LENGTH:
        raise ValidationError(field_name, f"密码至少{MIN_LENGTH}个字符")
    return password


def quote(password: str) -> str:
    """``password`` as an SQL string literal (for PRAGMA key/rekey, which take no parameters)."""
    return "'" + password.replace("'", "''") + "'"


def connect(path, password: str | None):
    """A SQLCipher connection to ``path`` keyed with ``password`` (None: a plain
    file), checked by reading the schema: ``WrongPassword`` when it does not open."""
    sqlcipher = module()
    con = sqlcipher.connect(str(path), isolation_level=None)
    try:
        if password is not None:
            con.execute(f"PRAGMA key = {quote(password)}")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        con.close()
        if "file is not a database" in str(exc):
            if is_encrypted(path):
                raise (PasswordRequired() if password is None else WrongPassword()) from None
            if password is not None:
                raise NotEncrypted() from None
        raise
    return con


def check_password(path, password: str) -> None:
    """``WrongPassword`` unless ``password`` opens the encrypted database ``path``."""
    if not is_encrypted(path):
        raise NotEncrypted()
    connect(path, password).close()


def check_file(url: str, password: str | None) -> None:
    """Before a SQLite ``url`` is opened: ``PasswordRequired`` when its file is
    encrypted and no password is given, ``NotEncrypted`` when a password is
    given for a plain file, ``CipherUnavailable`` when this build cannot
    encrypt. A new (missing or empty) file is made encrypted when a password is given."""
    from sqlalchemy.engine import make_url

    database = make_url(url).database
    if not database or database == ":memory:":
        if password is not None:
            raise StorageError("只有数据库文件可以设置密码。")
        return
    if password is None:
        if is_encrypted(database):
            raise PasswordRequired() if available() else CipherUnavailable(
                "数据库已加密，但此版本的招商桌面不支持加密数据库（缺少 sqlcipher3 模块）。")
        return
    module()
    if is_plain(database):
        raise NotEncrypted()


def is_plain(path) -> bool:
    """Whether ``path`` is a plain SQLite file with something in it (not missing, not empty)."""
    try:
        with open(path, "rb") as f:
            return f.read(len(HEADER)) == HEADER
    except FileNotFoundError:
        return False


def engine_url(url: str, password: str):
    """The SQLAlchemy URL of SQLite ``url`` opened through SQLCipher with ``password``
    (an object: no escaping of the password in a string; the dialect sends it as
    ``PRAGMA key="..."`` on every new connection, before our own pragmas)."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(drivername="sqlite+pysqlcipher", password=password)


def create_engine(url: str, password: str):
    """An engine over the SQLite file of ``url`` encrypted with ``password``. The
    pool is the plain engine's (``QueuePool``: connections are kept, so the key
    derivation — a quarter of a second — is paid once per connection, not per
    session); the dialect would pick ``SingletonThreadPool``."""
    from sqlalchemy import create_engine as sa_create_engine
    from sqlalchemy.pool import QueuePool

    if not url.startswith("sqlite"):
        raise StorageError("只有本机的 SQLite 数据库文件可以设置密码（PostgreSQL 请用服务器端的加密）。")
    return sa_create_engine(engine_url(url, password), module=module(), poolclass=QueuePool)


def verify(engine) -> None:
    """Open the first connection of an encrypted engine: ``WrongPassword`` when the
    key does not open the file (the connection stays in the pool for later use)."""
    from sqlalchemy.exc import DBAPIError

    try:
        engine.connect().close()
    except DBAPIError as exc:
        engine.dispose()
        if "file is not a database" in str(exc.orig):
            raise WrongPassword() from None
        raise


# --- copying (backups) ---------------------------------------------------------------------------

def copy(source, target, password: str) -> None:
    """Copy the encrypted database ``source`` to ``target`` through SQLite's
    backup API, ``target`` encrypted with the same password: a consistent
    snapshot while the source is open, written through the target's own log."""
    with storage_errors():
        _copy(source, target, password)


def _copy(source, target, password: str) -> None:
    src = connect(source, password)
    try:
        dst = module().connect(str(target), isolation_level=None)
        try:
            dst.execute(f"PRAGMA key = {quote(password)}")
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


# --- rewriting the file ----------------------------------------------------------------------------

@dataclass
class Outcome:
    """What a password change did to the database's backups (``backups/`` beside it)."""

    converted: list[Path] = field(default_factory=list)   # now under the new password (or plain)
    skipped: list[Path] = field(default_factory=list)     # could not be opened or rewritten: unchanged

    def describe(self, *, removed: bool = False) -> str:
        """One sentence for people, e.g. "3 个备份已用新密码加密" (``removed``: 已解密)."""
        parts = []
        if self.converted:
            done = "已解密" if removed else "已用新密码加密"
            parts.append(f"{len(self.converted)} 个备份{done}")
        if self.skipped:
            parts.append(f"{len(self.skipped)} 个备份使用别的密码或已损坏，未改动："
                         + "，".join(p.name for p in self.skipped))
        return "；".join(parts)


def set_password(path, new: str, *, backups: bool = True) -> Outcome:
    """Encrypt the plain database ``path`` with ``new`` (and its plain backups)."""
    path = Path(path)
    check_new_password(new)
    if is_encrypted(path):
        raise StorageError("数据库已经设置了密码：请用“修改密码”。数据库未改动。")
    _rewrite(path, None, new)
    return _convert_backups(path, None, new) if backups else Outcome()


def change_password(path, old: str, new: str, *, backups: bool = True) -> Outcome:
    """Encrypt the database ``path`` with ``new`` instead of ``old`` (its backups too)."""
    path = Path(path)
    check_new_password(new, "new_password")
    if not is_encrypted(path):
        raise NotEncrypted("数据库没有设置密码：请用“设置密码”。数据库未改动。")
    _rewrite(path, old, new)
    return _convert_backups(path, old, new) if backups else Outcome()


def remove_password(path, old: str, *, backups: bool = True) -> Outcome:
    """Store the encrypted database ``path`` in plain again (its backups too)."""
    path = Path(path)
    if not is_encrypted(path):
        raise NotEncrypted()
    _rewrite(path, old, None)
    return _convert_backups(path, old, None) if backups else Outcome()


def _convert_backups(path: Path, old: str | None, new: str | None) -> Outcome:
    """Bring every backup under the database's new password: a plain backup
    left on disk would give away everything the password protects."""
    from zsdesk.db.engine import backups_of

    outcome = Outcome()
    for backup in backups_of(path):
        encrypted = is_encrypted(backup)
        if not encrypted and new is None:
            continue  # plain already
        if encrypted and old is None:  # setting a password: this one has one of its own
            try:
                connect(backup, new).close()
            except (StorageError, module().DatabaseError):
                outcome.skipped.append(backup)
            continue
        try:
            _rewrite(backup, old if encrypted else None, new)
        except (StorageError, OSError, module().DatabaseError):
            outcome.skipped.append(backup)
        else:
            outcome.converted.append(backup)
    return outcome


@contextlib.contextmanager
def storage_errors():
    """SQLCipher's failures (disk full, locked, damaged file) in the plain words of
    ``zsdesk.db.engine.translate``; anything else goes on as a bug."""
    try:
        yield
    except module().DatabaseError as exc:
        from zsdesk.db.engine import translate

        known = translate(exc)
        if known is None:
            raise
        raise known from exc


def _rewrite(path: Path, old: str | None, new: str | None) -> None:
    with storage_errors():
        _rewrite_file(path, old, new)


def _rewrite_file(path: Path, old: str | None, new: str | None) -> None:
    """Rewrite ``path`` (plain when ``old`` is None) as a file under ``new``
    (plain when None): export into a temporary file beside it, check it, fsync
    it, rename it over the original."""
    if not path.is_file():
        raise StorageError(f"找不到数据库文件：{path}")
    from zsdesk.db.engine import create_private

    temp = path.with_name(path.name + TEMP_SUFFIX)
    _remove(temp)  # left by an earlier attempt that was killed
    source = connect(path, old)  # WrongPassword before anything is written
    try:
        create_private(temp)  # the owner's only, like the database
        # fold the write-ahead log into the file; a log still there after our
        # connection closes means another program has the database open
        source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        user_version = source.execute("PRAGMA user_version").fetchone()[0]
        tables = source.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        source.execute("ATTACH DATABASE ? AS rewritten KEY ?", (str(temp), new or ""))
        try:
            source.execute("SELECT sqlcipher_export('rewritten')")
            source.execute(f"PRAGMA rewritten.user_version = {int(user_version)}")
        finally:
            source.execute("DETACH DATABASE rewritten")
    except BaseException:
        source.close()
        _remove(temp)
        raise
    source.close()
    try:
        _check(temp, new, tables)
        _fsync(temp)
        if Path(f"{path}-wal").exists():  # checked last: the rename follows at once
            raise InUse()
        os.replace(temp, path)
    except BaseException:
        _remove(temp)
        raise
    _fsync(path.parent)


def _check(file: Path, password: str | None, tables: int) -> None:
    """The rewritten file opens with its new password and is whole."""
    if (password is not None) != is_encrypted(file):
        raise StorageError("加密后的文件校验失败：数据库未改动。")
    con = connect(file, password)
    try:
        ok = con.execute("PRAGMA quick_check").fetchone()[0]
        count = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    finally:
        con.close()
    if ok != "ok" or count != tables:
        raise StorageError(f"加密后的文件校验失败（{ok}）：数据库未改动。")


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    """Flush ``path`` (a file, or a folder's entries) to the disk; folders cannot
    be opened on Windows, where the rename is durable on its own."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- an open database ----------------------------------------------------------------------------

def change_open(db, old: str | None, new: str | None) -> Outcome:
    """Set (``old`` None), change or remove (``new`` None) the password of the
    open SQLite ``Database`` ``db``: its connections are closed, the file is
    rewritten, and it is opened again under whatever password the file has now
    (the old one when the rewrite failed)."""
    from zsdesk.db.engine import make_engine

    path = db.path
    if path is None:
        raise StorageError("只有本机的 SQLite 数据库文件可以设置密码（PostgreSQL 请用服务器端的加密）。")
    if old is not None:
        check_password(path, old)  # before the connections are closed
    else:  # setting a password: the new one is required (None would fail half-way)
        check_new_password(new)
    # No connection of this program may stay on the file while it is replaced:
    # one would go on with the old file, and on closing would fold its log
    # (named after the path) into the new one. New sessions get a "busy"
    # engine meanwhile; the ones running may finish (a few seconds at most).
    engine = db.engine
    db.engine = _busy_engine(db.url)
    db._sessions.configure(bind=db.engine)
    try:
        deadline = time.monotonic() + BUSY_WAIT_S
        while engine.pool.checkedout() and time.monotonic() < deadline:
            time.sleep(0.05)
        if engine.pool.checkedout():
            raise InUse("数据库正在读写：请等当前操作完成后再设置密码。数据库未改动。")
        engine.dispose()
        if old is None:
            outcome = set_password(path, check_new_password(new))
        elif new is None:
            outcome = remove_password(path, old)
        else:
            outcome = change_password(path, old, new)
        db.password = new
    finally:
        engine.dispose()
        db.engine = make_engine(db.url, password=db.password)
        db._sessions.configure(bind=db.engine)
    return outcome


def _busy_engine(url: str):
    """An engine on ``url`` that refuses every connection (while the file is rewritten)."""
    from sqlalchemy import create_engine as sa_create_engine
    from sqlalchemy.pool import NullPool

    def refuse():
        raise StorageError("正在更改数据库密码，请稍候再试。未保存任何内容。")

    return sa_create_engine(url, creator=refuse, poolclass=NullPool)
