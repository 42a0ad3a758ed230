"""Backups a person can make and restore (SQLite databases)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zsdesk.db.engine import backup_file, copy_sqlite
from zsdesk.errors import RefusedError


def backup_to(ws, out) -> Path:
    """A consistent copy of the open database (SQLite's online backup)."""
    if ws.db.path is None:
        raise RefusedError("PostgreSQL 数据库请用 pg_dump 备份")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.exists():
        raise RefusedError(f"文件已存在：{out}")
    copy_sqlite(ws.db.path, out)
    return out


def _check_backup(path: Path) -> None:
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        raise RefusedError(f"不是有效的备份文件：{exc}") from None
    if ok != "ok":
        raise RefusedError(f"备份文件已损坏：{ok}")
    if not {"change_log", "local_state", "alembic_version"} <= tables:
        raise RefusedError("不是 zsdesk 的备份文件")


def restore_from(backup, db_url: str) -> Path | None:
    """Replace the database with a backup, after saving the current one."""
    backup = Path(backup)
    if not backup.is_file():
        raise RefusedError(f"找不到备份文件：{backup}")
    if not db_url.startswith("sqlite:///"):
        raise RefusedError("只能恢复 SQLite 数据库")
    _check_backup(backup)
    target = Path(db_url[len("sqlite:///"):])
    saved = None
    if target.exists():
        saved = backup_file(target, "before-restore")
    # Through SQLite's backup API: a program that has the database open sees the
    # restored data (deleting the -wal/-shm files under it lost the restore).
    copy_sqlite(backup, target)
    return saved
