"""Opening a database: where it lives, SQLite/PostgreSQL set-up, migrations,
the transaction context manager and translation of storage errors."""

from __future__ import annotations

import contextlib
import contextvars
import logging
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from zsdesk.errors import StorageError
from zsdesk.paths import PORTABLE_MARKER, data_dir, portable_dir  # noqa: F401  (re-exported: where files live)
from zsdesk.timefmt import format_timestamp

log = logging.getLogger(__name__)

HEAD_REVISION = "0014_open_followups"  # checked against Alembic's head by a test
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BACKUP_KEEP = 10
#: the kept automatic backups together take at most this many times the database's size
BACKUP_BUDGET = 3
#: how long a SQLite statement waits for another connection's write lock before "database is locked"
BUSY_TIMEOUT_MS = 10_000
#: the wait of the transactions begun in this thread (``lock_wait``); threads start with the default
_busy_timeout_ms = contextvars.ContextVar("busy_timeout_ms", default=BUSY_TIMEOUT_MS)
_LOCK_MESSAGES = ("database is locked", "could not obtain lock", "lock timeout")  # the last two: PostgreSQL


def resolve_db_url(path: str | os.PathLike | None = None) -> str:
    """``--db PATH`` wins, then ``ZSDESK_DB``, then the user data folder.
    A value with ``://`` is taken as a SQLAlchemy URL (e.g. PostgreSQL)."""
    value = str(path) if path else os.environ.get("ZSDESK_DB")
    if not value:
        value = str(data_dir() / "zsdesk.db")
    if "://" in value:
        return value
    file = Path(value).expanduser().absolute()
    try:
        private_dir(file.parent)
    except OSError as exc:
        raise StorageError(f"无法建立数据库所在的文件夹 {file.parent}：{os_error_text(exc)}。"
                           "请检查 --db 或 ZSDESK_DB 指定的路径。") from None
    if file.is_dir():
        raise StorageError(f"“{file}”是一个文件夹，不是数据库文件：请在 --db 中写出文件名，例如 {file / 'zsdesk.db'}")
    return f"sqlite:///{file}"


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA cache_size=-16384")  # 16 MiB page cache (default 2 MiB): imports, big lists
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        wanted = _busy_timeout_ms.get()
        if conn.info.get("busy_timeout_ms", BUSY_TIMEOUT_MS) != wanted:  # the setting stays with the connection
            conn.exec_driver_sql(f"PRAGMA busy_timeout={int(wanted)}")
            conn.info["busy_timeout_ms"] = wanted
        conn.exec_driver_sql("BEGIN")


@contextlib.contextmanager
def lock_wait(ms: int) -> Iterator[None]:
    """Transactions begun inside, in this thread, wait at most ``ms`` for another
    program's write lock and then fail with the locked ``StorageError`` (see
    ``is_locked``), instead of blocking for ``BUSY_TIMEOUT_MS``: for a caller
    that retries and tells the user meanwhile. SQLite only (PostgreSQL waits as
    its server is set up to)."""
    token = _busy_timeout_ms.set(max(0, int(ms)))
    try:
        yield
    finally:
        _busy_timeout_ms.reset(token)


def is_locked(error: BaseException) -> bool:
    """True when ``error`` (a translated ``StorageError`` or the driver's error) says
    another connection holds the lock: the same work may succeed when retried."""
    seen = 0
    exc: BaseException | None = error
    while exc is not None and seen < 5:
        if getattr(exc, "code", None) == "storage.busy":
            return True
        message = str(getattr(exc, "orig", exc)).lower()
        if any(m in message for m in _LOCK_MESSAGES):
            return True
        exc, seen = exc.__cause__, seen + 1
    return False


def make_engine(url: str, *, password: str | None = None) -> Engine:
    """The engine of ``url``; with ``password``, a SQLite file encrypted with
    SQLCipher (``zsdesk.db.cipher``), checked here: ``WrongPassword``."""
    if password is not None:
        from zsdesk.db import cipher

        engine = cipher.create_engine(url, password)
        _sqlite_setup(engine)
        cipher.verify(engine)
    elif url.startswith("sqlite"):
        engine = create_engine(url)
        _sqlite_setup(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


#: the known storage failures: code -> what a person reads (the UI has the same
#: texts under these codes in its translation table, ``zsdesk.ui.error_text``)
STORAGE_MESSAGES = {
    "storage.busy": "数据库被占用：另一个程序正在写入，请稍后再试。未保存任何内容。",
    "storage.full": "磁盘已满：请清理磁盘空间后重试。未保存任何内容。",
    "storage.readonly": "数据库文件只读：请检查文件权限。未保存任何内容。",
    "storage.io": "读写数据库文件出错：U 盘或磁盘可能已拔出或损坏。请插好后重试；未保存任何内容。",
    "storage.cantopen": "无法打开数据库文件：请检查路径和权限。",
    "storage.corrupt": "数据库文件已损坏或不是zsdesk数据库：请从备份恢复。",
    "storage.connection": "无法连接数据库服务器：请检查网络和服务器地址。",
    # with values (``StorageError.params``)
    "storage.damaged": "数据库文件已损坏：{path}。本次没有写入任何内容，请不要继续使用它。"
                       "最近一个完好的备份是 {backup}，恢复请运行：{command}",
    "storage.damaged-no-backup": "数据库文件已损坏：{path}。本次没有写入任何内容，请不要继续使用它。"
                                 "没有找到完好的自动备份：请把该文件复制一份交技术人员处理，"
                                 "或用你自己保存的备份恢复（zsdesk restore 备份文件）。",
    "storage.not-zsdesk": "“{path}”不是招商桌面的数据库文件：请检查 --db 或 ZSDESK_DB 指定的路径"
                          "（数据库一般是 zsdesk.db）。该文件没有被改动。",
    "storage.newer": "此数据库由更新版本的招商桌面创建（数据库版本 {revision}），请先升级招商桌面。数据库没有任何改动。",
}


def _sqlite_code(error: BaseException) -> str | None:
    """The storage code of a sqlite3 error by SQLite's result code (Python 3.11+
    sets ``sqlite_errorcode``, an extended code whose low byte is the primary
    one), or None when the driver gives none (SQLCipher's module, PostgreSQL)."""
    import sqlite3

    number = getattr(error, "sqlite_errorcode", None)
    if not isinstance(number, int):
        return None
    primary = number & 0xFF
    codes = {
        getattr(sqlite3, "SQLITE_BUSY", 5): "storage.busy",
        getattr(sqlite3, "SQLITE_LOCKED", 6): "storage.busy",
        getattr(sqlite3, "SQLITE_READONLY", 8): "storage.readonly",
        getattr(sqlite3, "SQLITE_IOERR", 10): "storage.io",
        getattr(sqlite3, "SQLITE_CORRUPT", 11): "storage.corrupt",
        getattr(sqlite3, "SQLITE_FULL", 13): "storage.full",
        getattr(sqlite3, "SQLITE_CANTOPEN", 14): "storage.cantopen",
        getattr(sqlite3, "SQLITE_NOTADB", 26): "storage.corrupt",
    }
    return codes.get(primary)


def _text_code(exc: BaseException, message: str) -> str | None:
    """The storage code from the error's English text (drivers without codes)."""
    if ("database is locked" in message or "could not obtain lock" in message
            or "lock timeout" in message):  # PostgreSQL with lock_timeout set
        return "storage.busy"
    if "disk is full" in message or "no space left" in message:
        return "storage.full"
    if "readonly database" in message or "read-only" in message:
        return "storage.readonly"
    if "disk i/o error" in message:
        return "storage.io"
    if "unable to open database" in message:
        return "storage.cantopen"
    if "file is not a database" in message or "malformed" in message:
        return "storage.corrupt"
    if isinstance(exc, OperationalError) and "connection" in message:
        return "storage.connection"
    return None


def translate(exc: BaseException) -> StorageError | None:
    """A known storage failure in plain words (a ``StorageError`` with its
    ``code``), or None for a bug. SQLite's result code decides when the driver
    gives it; the message text otherwise."""
    error = getattr(exc, "orig", None) or exc
    code = _sqlite_code(error) or _text_code(exc, str(error).lower())
    if code is None:
        return None
    return StorageError(STORAGE_MESSAGES[code], code=code)


# --- health: integrity checks, verified backups, what a database file holds -------------------

SQLITE_HEADER = b"SQLite format 3\x00"
#: tables every zsdesk database (and so every backup of one) has
ZSDESK_TABLES = frozenset({"change_log", "local_state", "alembic_version"})
#: ``<stem>-<YYYYmmdd-HHMMSS-ffffff>-<reason>.db`` in the ``backups`` folder beside the database
_BACKUP_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[^/\\]+)\.db$")
DAMAGED_REASON = "damaged-before-restore"


class DamagedDatabase(StorageError):
    """The database file fails SQLite's integrity check. Says which file, the
    newest good backup and the command that restores it."""

    def __init__(self, path: Path, backup: Path | None = None, *, detail: str = ""):
        self.path, self.backup, self.detail = Path(path), backup, detail
        if backup is not None:
            when = backup_time(backup)
            code = "storage.damaged"
            params = {"path": str(self.path),
                      "backup": f"{backup}" + (f"（{format_timestamp(when)}）" if when else ""),
                      "command": restore_command(self.path, backup)}
        else:
            code, params = "storage.damaged-no-backup", {"path": str(self.path)}
        super().__init__(STORAGE_MESSAGES[code].format(**params), code=code, params=params)


class NotADatabase(StorageError):
    """The file is not a SQLite database at all (a text file, a spreadsheet …)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        params = {"path": str(self.path)}
        super().__init__(STORAGE_MESSAGES["storage.not-zsdesk"].format(**params), code="storage.not-zsdesk",
                         params=params)


class NewerDatabase(StorageError):
    """The schema is from a newer zsdesk (an Alembic revision this build does not know)."""

    def __init__(self, revision: str):
        self.revision = revision
        params = {"revision": revision}
        super().__init__(STORAGE_MESSAGES["storage.newer"].format(**params), code="storage.newer", params=params)


def os_error_text(exc: OSError) -> str:
    """What an operating-system error means, in plain words (no errno, no English)."""
    if isinstance(exc, FileNotFoundError):
        return "文件或文件夹不存在"
    if isinstance(exc, PermissionError):
        return "没有权限（文件只读、被占用，或需要管理员权限）"
    if isinstance(exc, IsADirectoryError):
        return "这是一个文件夹，不是文件"
    if isinstance(exc, (NotADirectoryError, FileExistsError)):
        return "路径中有一段是文件而不是文件夹"
    import errno

    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "磁盘已满"
    if exc.errno == errno.EROFS:
        return "磁盘只读"
    if exc.errno == errno.ENAMETOOLONG:
        return "文件名太长"
    return "无法读写"


def private_file(path) -> None:
    """Make ``path`` readable by its owner only (0600), if it exists."""
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def private_dir(path) -> Path:
    """Make the folder ``path`` (and its missing parents) for the owner only (0700)."""
    path = Path(path)
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o700)
    return path


def open_sqlite(path, password: str | None = None):
    """A DB-API connection to the SQLite file ``path`` (SQLCipher with a password)
    and the exception class its failures raise."""
    if password is None:
        import sqlite3

        return sqlite3.connect(str(path)), sqlite3.DatabaseError
    from zsdesk.db import cipher

    return cipher.connect(path, password), cipher.module().DatabaseError


def sqlite_problem(path, password: str | None = None, *, tables: set[str] | None = None
                   ) -> tuple[str, str] | None:
    """None when ``path`` is a SQLite file that passes ``PRAGMA quick_check``
    (0.15 s for a 140 MB database, 0.4 s for 360 MB) and has ``tables``; else
    ``(kind, detail)`` with kind ``"unreadable"``, ``"not-db"`` (no SQLite
    header; with ``password``: does not open), ``"damaged"`` or
    ``"not-zsdesk"`` (tables missing). Reads only."""
    path = Path(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        return "unreadable", os_error_text(exc)
    if password is None and head and head != SQLITE_HEADER:
        return "not-db", "no SQLite header"
    try:
        con, error = open_sqlite(path, password)
    except StorageError as exc:  # a wrong password, no SQLCipher
        return "not-db", str(exc)
    except Exception as exc:
        return "damaged", str(exc)
    try:
        rows = [r[0] for r in con.execute("PRAGMA quick_check").fetchall()]
        if rows != ["ok"]:
            return "damaged", "; ".join(str(r) for r in rows[:5])
        if tables:
            have = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not tables <= have:
                return "not-zsdesk", f"missing tables {sorted(tables - have)}"
    except error as exc:
        return "damaged", str(exc)
    finally:
        con.close()
    return None


def check_database(path, password: str | None = None) -> None:
    """Raise ``DamagedDatabase`` (naming the newest good backup), ``NotADatabase``
    or a ``StorageError`` unless the SQLite file ``path`` passes the quick check."""
    problem = sqlite_problem(path, password)
    if problem is None:
        return
    kind, detail = problem
    log.info("integrity check of %s failed: %s", path, detail)  # the exception tells the user
    if kind == "unreadable":
        raise StorageError(f"无法读取数据库文件 {path}：{detail}。")
    if kind == "not-db":
        raise NotADatabase(Path(path))
    raise DamagedDatabase(Path(path), newest_good_backup(path, password), detail=detail)


def backup_problem(path, password: str | None = None) -> str | None:
    """None when ``path`` is a readable, intact zsdesk database (quick check and
    the zsdesk tables); else what is wrong, in plain words."""
    problem = sqlite_problem(path, password, tables=set(ZSDESK_TABLES))
    if problem is None:
        return None
    kind, detail = problem
    log.info("backup %s: %s", path, detail)
    return {"unreadable": f"无法读取（{detail}）", "not-db": "不是数据库文件",
            "not-zsdesk": "不是招商桌面的数据库"}.get(kind, "文件已损坏（完整性检查未通过）")


def backups_of(path) -> list[Path]:
    """The automatic backups of the database ``path``, newest first."""
    path = Path(path)
    folder = path.parent / "backups"
    if not folder.is_dir():
        return []
    found = []
    for file in folder.glob(f"{glob_escape(path.stem)}-*.db"):
        m = _BACKUP_NAME.match(file.name)
        if m and m["stem"] == path.stem:
            found.append((m["stamp"], file))
    return [f for _, f in sorted(found, reverse=True)]


def glob_escape(text: str) -> str:
    import glob

    return glob.escape(text)


def backup_time(backup: Path):
    """When an automatic backup was taken (from its name, written in this computer's
    time), else its file time: an aware instant, shown with ``zsdesk.timefmt``."""
    import datetime as dt

    m = _BACKUP_NAME.match(Path(backup).name)
    if m:
        return dt.datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S-%f").astimezone()
    try:
        return dt.datetime.fromtimestamp(Path(backup).stat().st_mtime, tz=dt.UTC)
    except OSError:
        return None


def newest_good_backup(path, password: str | None = None) -> Path | None:
    """The newest automatic backup of ``path`` that passes the checks."""
    for backup in backups_of(path):
        if DAMAGED_REASON in backup.name:
            continue
        if backup_problem(backup, password) is None:
            return backup
    return None


def _default_db_file() -> Path | None:
    value = os.environ.get("ZSDESK_DB") or str(data_dir() / "zsdesk.db")
    return None if "://" in value else Path(value).expanduser().absolute()


def _arg(value) -> str:
    text = str(value)
    return f'"{text}"' if any(c.isspace() for c in text) or not text else text


def restore_command(db: Path, backup: Path) -> str:
    """The command line that restores ``backup`` over the database ``db``."""
    try:
        default = _default_db_file()
    except Exception:
        default = None
    same = default is not None and default == Path(db).absolute()
    return ("zsdesk " + ("" if same else f"--db {_arg(db)} ") + f"restore {_arg(backup)}")


def _create_sqlite_file(url: str) -> None:
    if not url.startswith("sqlite:///"):
        return
    file = Path(url[len("sqlite:///"):].split("?", 1)[0])
    if str(file) and str(file) != ":memory:" and not file.exists() and file.parent.is_dir():
        with contextlib.suppress(OSError):
            create_private(file)


def damage_error(path: Path, password: str | None = None) -> StorageError:
    """The error for a database SQLite called damaged or not a database."""
    try:
        check_database(path, password)
    except StorageError as exc:
        return exc
    return DamagedDatabase(path, newest_good_backup(path, password))


class Database:
    """An open zsdesk database: engine, sessions and the local site."""

    def __init__(self, url: str, *, migrate: bool = True, password: str | None = None):
        self.url = url
        #: the SQLCipher password of an encrypted SQLite file (None: a plain database);
        #: its backups are encrypted with the same one (``copy_sqlite(..., password=)``)
        self.password = password = password or None  # "" is no password (SQLCipher refuses an empty key)
        if url.startswith("sqlite"):
            from zsdesk.db import cipher

            cipher.check_file(url, password)  # "数据库已加密：请输入密码" before anything opens it
        _create_sqlite_file(url)  # a new database file is its owner's only (0600)
        self.engine = make_engine(url, password=password)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self.migration_note: str | None = None
        if migrate:
            with self.storage_errors():
                self.migration_note = upgrade(self)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        """The database file (SQLite), else None."""
        if not self.is_sqlite:
            return None
        db = self.engine.url.database
        return Path(db) if db and db != ":memory:" else None

    @contextlib.contextmanager
    def storage_errors(self) -> Iterator[None]:
        try:
            yield
        except DBAPIError as exc:
            known = translate(exc)
            if known is None:
                raise
            if self.path is not None and known.code == "storage.corrupt":
                known = damage_error(self.path, getattr(self, "password", None))  # names the backup to restore
            raise known from exc

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A read session (or a write transaction when used by ChangeWriter):
        commits on success, rolls back on any error."""
        with self.storage_errors(), self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(db: Database):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = db.engine
    return cfg


def backup_file(path: Path, reason: str, *, spare: Path | None = None, password: str | None = None) -> Path:
    """Copy a SQLite database (with a consistent snapshot) into the backups folder,
    keeping the newest ``BACKUP_KEEP``. The database is checked first (a damaged
    one raises ``DamagedDatabase`` and nothing is written) and the copy after
    (opened, quick-checked, the zsdesk tables there); files are the owner's only."""
    import datetime as dt

    path = Path(path)
    check_database(path, password)
    folder = path.parent / "backups"
    try:
        private_dir(folder)
    except OSError as exc:
        raise StorageError(f"无法建立备份文件夹 {folder}：{os_error_text(exc)}。数据库没有任何改动。") from None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}-{reason}.db"
    copy_checked(path, target, what="自动备份", password=password)
    prune_backups(path, keep=target, spare=spare)
    return target


def prune_backups(path: Path, *, keep: Path, spare: Path | None = None) -> list[Path]:
    """Delete the oldest automatic backups of ``path`` beyond ``BACKUP_KEEP`` or
    beyond the disk budget (all kept backups together at most
    ``BACKUP_BUDGET`` × the database's size). ``keep`` (the backup just made)
    and ``spare`` (a backup being restored) always stay. Returns what was deleted."""
    def size(file: Path) -> int:
        try:
            return file.stat().st_size
        except OSError:
            return 0

    staying = {Path(p).resolve() for p in (keep, spare) if p is not None}
    budget = BACKUP_BUDGET * (size(Path(path)) + size(Path(f"{path}-wal")))   # the data not yet checkpointed too
    total, kept, removed = 0, 0, []
    for backup in backups_of(path):               # newest first
        if backup.resolve() in staying:
            total += size(backup)
            kept += 1
            continue
        if kept < BACKUP_KEEP and total + size(backup) <= budget:
            total += size(backup)
            kept += 1
            continue
        backup.unlink(missing_ok=True)
        removed.append(backup)
    return removed


def copy_checked(source: Path, target: Path, *, what: str = "备份", password: str | None = None) -> None:
    """``copy_sqlite`` then verify the copy; a bad copy is removed and refused."""
    try:
        copy_sqlite(source, target, password)
    except OSError as exc:
        _remove_database_files(target)
        raise StorageError(f"{what}未能写入 {target}：{os_error_text(exc)}。数据库没有任何改动。") from None
    except Exception as exc:  # sqlite3 errors: disk full, I/O
        _remove_database_files(target)
        known = translate(exc)
        raise (known or StorageError(f"{what}未能写入 {target}。数据库没有任何改动。")) from exc
    problem = backup_problem(target, password)
    if problem is not None:
        _remove_database_files(target)
        raise StorageError(f"{what}写入后校验未通过（{problem}）：已删除这份备份，数据库没有任何改动。"
                           "请检查磁盘后重试。")


def _remove_database_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


def upgrade(db: Database, revision: str = "head") -> str | None:
    """Bring the schema to ``revision``. Skips Alembic entirely (a slow import)
    when the database is already at the head. Returns a note for the user when
    an existing database was migrated."""
    current = current_revision(db)
    if revision == "head" and current == HEAD_REVISION:
        return None
    from alembic import command

    if current is not None and current not in known_revisions(db):
        raise NewerDatabase(current)
    note = None
    if current is not None:
        # the window shows its "upgrading" dialog at this message (zsdesk.ui.app.UpgradeProgress)
        logging.getLogger("zsdesk.migrations").info("upgrading %s from %s to %s", db.path or "the database",
                                                    current, HEAD_REVISION)
        note = f"数据库已从版本 {current} 升级到 {HEAD_REVISION}"
        if db.path is not None and db.path.exists():
            saved = backup_file(db.path, f"before-migrate-{current}", password=getattr(db, "password", None))
            note += f"，升级前已自动备份到 {saved}"
    command.upgrade(alembic_config(db), revision)
    if note:
        log.info(note)
    return note


def known_revisions(db: Database | None = None) -> set[str]:
    """Every schema revision this build's migrations know."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    if db is not None:
        cfg = alembic_config(db)
    else:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return {script.revision for script in ScriptDirectory.from_config(cfg).walk_revisions()}


def copy_sqlite(source, target, password: str | None = None) -> None:
    """Copy a SQLite database through SQLite's backup API: it takes the locks and
    writes through the target's write-ahead log, so the copy is consistent while
    the source is open and a program that has the target open sees the result.
    A new target (and its -wal/-shm, which SQLite makes with the same mode) is
    readable by its owner only. An encrypted source (``password``: its
    ``Database.password``) gives a target encrypted with the same password."""
    import sqlite3

    create_private(target)
    if password is not None:
        from zsdesk.db import cipher

        cipher.copy(source, target, password)
        return
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()


def create_private(path) -> None:
    """Create an empty file at ``path`` readable by its owner only (an empty
    file is an empty SQLite database), or tighten an existing one to 0600."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        private_file(path)


def copy_database(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
