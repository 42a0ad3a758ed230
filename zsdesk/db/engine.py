"""Opening a database: where it lives, SQLite/PostgreSQL set-up, migrations,
the transaction context manager and translation of storage errors."""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from zsdesk.errors import StorageError

log = logging.getLogger(__name__)

HEAD_REVISION = "0004_company_name_index"  # checked against Alembic's head by a test
MIGRATIONS_DIR = Path(__file__).with_name("migrations")
BACKUP_KEEP = 10


#: a file of this name beside the executable of a built (frozen) program turns on portable mode
PORTABLE_MARKER = "portable"


def portable_dir() -> Path | None:
    """The program's own folder when it runs in portable mode, else None.

    Portable mode: a built program (PyInstaller sets ``sys.frozen``) with a file
    named ``portable`` beside its executable keeps the database, its backups,
    attachments and the settings in that folder, so a team can run zsdesk from
    a USB stick. A program run from source never is portable."""
    if not getattr(sys, "frozen", False):
        return None
    folder = Path(sys.executable).resolve().parent
    return folder if (folder / PORTABLE_MARKER).exists() else None


def data_dir() -> Path:
    """The user data folder (or the folder beside the program in portable mode).
    ``ZSDESK_DATA_DIR`` wins over both."""
    override = os.environ.get("ZSDESK_DATA_DIR")
    if override:
        return Path(override)
    portable = portable_dir()
    if portable is not None:
        return portable
    import platformdirs

    return Path(platformdirs.user_data_dir("zsdesk", appauthor=False))


def resolve_db_url(path: str | os.PathLike | None = None) -> str:
    """``--db PATH`` wins, then ``ZSDESK_DB``, then the user data folder.
    A value with ``://`` is taken as a SQLAlchemy URL (e.g. PostgreSQL)."""
    value = str(path) if path else os.environ.get("ZSDESK_DB")
    if not value:
        value = str(data_dir() / "zsdesk.db")
    if "://" in value:
        return value
    file = Path(value).expanduser().absolute()
    file.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{file}"


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA cache_size=-16384")  # 16 MiB page cache (default 2 MiB): imports, big lists
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url)
        _sqlite_setup(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    return engine


def translate(exc: BaseException) -> StorageError | None:
    """A known storage failure in plain words, or None for a bug."""
    message = str(getattr(exc, "orig", exc)).lower()
    if ("database is locked" in message or "could not obtain lock" in message
            or "lock timeout" in message):  # PostgreSQL with lock_timeout set
        return StorageError("数据库被占用：另一个程序正在写入，请稍后再试。未保存任何内容。")
    if "disk is full" in message or "no space left" in message:
        return StorageError("磁盘已满：请清理磁盘空间后重试。未保存任何内容。")
    if "readonly database" in message or "read-only" in message:
        return StorageError("数据库文件只读：请检查文件权限。未保存任何内容。")
    if "unable to open database" in message:
        return StorageError("无法打开数据库文件：请检查路径和权限。")
    if "file is not a database" in message or "malformed" in message:
        return StorageError("数据库文件已损坏或不是zsdesk数据库：请从备份恢复。")
    if isinstance(exc, OperationalError) and "connection" in message:
        return StorageError("无法连接数据库服务器：请检查网络和服务器地址。")
    return None


class Database:
    """An open zsdesk database: engine, sessions and the local site."""

    def __init__(self, url: str, *, migrate: bool = True):
        self.url = url
        self.engine = make_engine(url)
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


def backup_file(path: Path, reason: str) -> Path:
    """Copy a SQLite database (with a consistent snapshot) into the backups folder,
    keeping the newest ``BACKUP_KEEP``."""
    import datetime as dt

    folder = path.parent / "backups"
    folder.mkdir(exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{path.stem}-{stamp}-{reason}.db"
    copy_sqlite(path, target)
    backups = sorted(folder.glob(f"{path.stem}-*.db"))
    for old in backups[:-BACKUP_KEEP]:
        old.unlink(missing_ok=True)
    return target


def upgrade(db: Database, revision: str = "head") -> str | None:
    """Bring the schema to ``revision``. Skips Alembic entirely (a slow import)
    when the database is already at the head. Returns a note for the user when
    an existing database was migrated."""
    current = current_revision(db)
    if revision == "head" and current == HEAD_REVISION:
        return None
    from alembic import command

    note = None
    if current is not None:
        note = f"数据库已从版本 {current} 升级到 {HEAD_REVISION}"
        if db.path is not None and db.path.exists():
            saved = backup_file(db.path, f"before-migrate-{current}")
            note += f"，升级前已自动备份到 {saved}"
    command.upgrade(alembic_config(db), revision)
    if note:
        log.info(note)
    return note


def copy_sqlite(source, target) -> None:
    """Copy a SQLite database through SQLite's backup API: it takes the locks and
    writes through the target's write-ahead log, so the copy is consistent while
    the source is open and a program that has the target open sees the result."""
    import sqlite3

    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        with dst:
            src.backup(dst)
        dst.close()
    finally:
        src.close()


def copy_database(src: Path, dst: Path) -> None:
    shutil.copyfile(src, dst)
