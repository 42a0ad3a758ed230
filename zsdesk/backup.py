"""Backups a person can make and restore (SQLite databases).

A backup is checked before it is made (a damaged database is not copied) and
after (the copy is opened and quick-checked). A restore says what the file
holds — site, role, last change — and refuses another site's database or an
uninitialised one unless forced."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from zsdesk.db.engine import (
    DAMAGED_REASON, SQLITE_HEADER, ZSDESK_TABLES, backup_file, check_database, copy_checked, copy_sqlite,
    known_revisions, open_sqlite, os_error_text, private_dir, private_file, sqlite_problem,
)
from zsdesk.errors import RefusedError, StorageError
from zsdesk.timefmt import format_timestamp



def backup_to(ws, out) -> Path:
    """A consistent, verified copy of the open database (SQLite's online backup)."""
    if ws.db.path is None:
        raise RefusedError("PostgreSQL 数据库请用 pg_dump 备份")
    out = Path(out)
    if out.is_dir():
        raise RefusedError(f"“{out}”是一个文件夹：请写出备份文件的名字，例如 {out / 'zsdesk-备份.db'}")
    if out.exists():
        raise RefusedError(f"文件已存在：{out}")
    try:
        private_dir(out.parent)
    except OSError as exc:
        raise RefusedError(f"无法建立备份所在的文件夹 {out.parent}：{os_error_text(exc)}。"
                           "请换一个位置（--out）") from None
    password = getattr(ws.db, "password", None)
    check_database(ws.db.path, password)
    copy_checked(ws.db.path, out, password=password)
    return out


# --- what a database file holds -------------------------------------------------------------

@dataclass
class DatabaseInfo:
    """What a zsdesk database file holds, read without opening it as a workspace."""

    path: Path
    site_id: str | None = None
    site_code: str | None = None
    site_name: str | None = None
    role: str | None = None
    last_change: dt.datetime | None = None
    revision: str | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def initialised(self) -> bool:
        return bool(self.site_id)

    def describe(self) -> str:
        if not self.initialised:
            return "尚未初始化的数据库（没有站点，没有业务数据）"
        role = {"city": "市级", "county": "县级"}.get(self.role or "", self.role or "")
        when = (f"，最后修改于 {format_timestamp(self.last_change)}"
                if self.last_change else "，没有修改记录")
        return f"站点“{self.site_name}”（{self.site_code}，{role}）{when}"


def database_info(path, password: str | None = None) -> DatabaseInfo:
    """Site, role, last change and schema version of a zsdesk database file
    (raises the driver's DatabaseError when it cannot be read)."""
    info = DatabaseInfo(Path(path))
    con, _error = open_sqlite(path, _password_for(path, password))
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "local_state" in tables:
            state = dict(con.execute("SELECT key, value FROM local_state WHERE key IN "
                                     "('site_id', 'site_code', 'site_name', 'role')").fetchall())
            info.site_id, info.site_code = state.get("site_id"), state.get("site_code")
            info.site_name, info.role = state.get("site_name"), state.get("role")
        if "change_log" in tables:
            last = con.execute("SELECT recorded_at FROM change_log ORDER BY seq DESC LIMIT 1").fetchone()
            if last and last[0]:
                try:
                    info.last_change = dt.datetime.fromisoformat(last[0])
                except ValueError:
                    pass
        if "alembic_version" in tables:
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            info.revision = row[0] if row else None
    finally:
        con.close()
    return info


def _password_for(path, password: str | None) -> str | None:
    """``password`` for an encrypted file, None for a plain one."""
    if password is None:
        return None
    try:
        with open(path, "rb") as fh:
            return None if fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER else password
    except OSError:
        return password


def _refuse_unusable_backup(backup: Path, password: str | None) -> None:
    problem = sqlite_problem(backup, _password_for(backup, password), tables=set(ZSDESK_TABLES))
    if problem is None:
        return
    kind, _detail = problem
    if kind == "damaged":
        raise RefusedError(f"备份文件已损坏：{backup}（完整性检查未通过），不能用它恢复；"
                           "请换一个备份，自动备份在数据库旁的 backups 文件夹中")
    if kind == "not-zsdesk":
        raise RefusedError(f"不是 zsdesk 的备份文件：“{backup}”是别的程序的数据库，不能用它恢复")
    why = "无法读取" if kind == "unreadable" else "它不是数据库文件（若是加密的备份，请提供密码）"
    raise RefusedError(f"不是有效的备份文件：“{backup}”{why}。请选择 backups 文件夹中的 .db 文件，"
                       "或用 zsdesk backup 保存的文件")


# --- restore -----------------------------------------------------------------------------------

@dataclass
class RestoreResult:
    restored: DatabaseInfo            # what the database holds now
    replaced: DatabaseInfo | None     # what it held before (None: no file, or unreadable)
    saved: Path | None                # where the database as it was is kept
    damaged_before: bool = False      # the replaced database was damaged (kept as a raw copy)
    forced: list[str] = field(default_factory=list)  # refusals overridden by --force

    def lines(self) -> list[str]:
        out = [f"已恢复：{self.restored.path}", f"  现在的数据：{self.restored.describe()}"]
        if self.replaced is not None:
            out.append(f"  被替换的数据：{self.replaced.describe()}")
        elif self.damaged_before:
            out.append("  被替换的数据库已损坏，已原样另存")
        out += [f"  （已按 --force 恢复：{why}）" for why in self.forced]
        out.append(f"恢复前的数据库已另存为：{self.saved}" if self.saved else "恢复前没有数据库文件")
        return out


def restore_from(backup, db_url: str, *, force: bool = False, password: str | None = None) -> RestoreResult:
    """Replace the database with a backup, after saving the current one.

    Refused (nothing changed): a file that is not an intact zsdesk database, one
    from a newer zsdesk, and — unless ``force`` — an uninitialised database or
    another site's database."""
    backup = Path(backup)
    if backup.is_dir():
        raise RefusedError(f"“{backup}”是一个文件夹：请指定其中的备份文件（.db）")
    if not backup.is_file():
        raise RefusedError(f"找不到备份文件：{backup}")
    if not db_url.startswith("sqlite:///"):
        raise RefusedError("只能恢复 SQLite 数据库")
    _refuse_unusable_backup(backup, password)
    info = database_info(backup, password)
    if info.revision and info.revision not in known_revisions():
        raise RefusedError(f"该备份由更新版本的招商桌面创建（数据库版本 {info.revision}），请先升级招商桌面")
    target = Path(db_url[len("sqlite:///"):])
    if target.resolve() == backup.resolve():
        raise RefusedError("备份文件就是当前数据库本身，无需恢复")
    forced: list[str] = []
    if not info.initialised:
        why = "该备份是尚未初始化的数据库（没有站点、没有数据），恢复后本站点的数据将全部被替换"
        if not force:
            raise RefusedError(f"{why}；确需恢复请加 --force")
        forced.append(why)

    replaced, damaged = None, False
    if target.exists():
        problem = sqlite_problem(target, _password_for(target, password))
        if problem is not None and problem[0] == "not-db":
            why = f"当前位置上的“{target}”不是数据库文件"
            if not force:
                raise RefusedError(f"{why}，请检查 --db 指定的路径；确需覆盖请加 --force")
            forced.append(why)
        damaged = problem is not None
        if not damaged:
            replaced = database_info(target, password)
            if replaced.initialised and info.initialised and replaced.site_id != info.site_id:
                why = (f"该备份属于{info.describe()}，而当前数据库是{replaced.describe()}，"
                       "恢复会用另一个站点的数据替换本站点的数据")
                if not force:
                    raise RefusedError(f"{why}；确需恢复请加 --force")
                forced.append(why)

    saved = None
    if target.exists():
        saved = (backup_file(target, "before-restore", spare=backup, password=_password_for(target, password))
                 if not damaged else _keep_damaged(target))
    source, source_pw = backup, _password_for(backup, password)
    target_pw = password if password is not None and (damaged or not target.exists()
                                                      or _password_for(target, password)) else None
    converted = None
    try:
        if source_pw != target_pw:
            # the database keeps its protection: a plain backup restored into an
            # encrypted database is encrypted first (and an encrypted one decrypted
            # for a plain database) — the backup API cannot copy across the two
            from zsdesk.db import cipher

            converted = private_dir(target.parent / "backups") / f"{target.stem}-restoring.db"
            converted.unlink(missing_ok=True)
            shutil.copyfile(backup, converted)
            cipher._rewrite(converted, source_pw, target_pw)
            source, source_pw = converted, target_pw
        # Through SQLite's backup API: a program that has the database open sees the
        # restored data (deleting the -wal/-shm files under it lost the restore).
        copy_sqlite(source, target, source_pw)
    except Exception as exc:
        what = os_error_text(exc) if isinstance(exc, OSError) else "写入失败"
        raise StorageError(f"恢复未完成：{what}。恢复前的数据库已另存为：{saved}") from exc
    finally:
        if converted is not None:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{converted}{suffix}").unlink(missing_ok=True)
    private_file(target)
    return RestoreResult(database_info(target, password), replaced, saved, damaged, forced)


def _keep_damaged(target: Path) -> Path:
    """A damaged database is kept as it is (a raw copy, with its -wal) before a
    restore replaces it; the files under the old name are removed so that the
    restore writes a fresh database."""
    folder = private_dir(target.parent / "backups")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    saved = folder / f"{target.stem}-{stamp}-{DAMAGED_REASON}.db"
    try:
        for suffix in ("", "-wal"):
            src = Path(f"{target}{suffix}")
            if src.exists():
                shutil.copyfile(src, f"{saved}{suffix}")
                private_file(f"{saved}{suffix}")
        for suffix in ("-wal", "-shm", ""):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
    except OSError as exc:
        raise StorageError(f"无法另存已损坏的数据库：{os_error_text(exc)}。没有恢复任何内容。") from None
    return saved
