"""Attachments: files (contracts, 到资凭证 …) kept in the data folder under their
SHA-256, linked to a record. The file is copied before the row is written, so a
row never points at a missing file; the same content is stored once."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import select

from zsdesk.db.engine import data_dir
from zsdesk.db.models import SYNCED_MODELS, Attachment
from zsdesk.errors import NotFoundError, ValidationError
from zsdesk.validation import require_text

MAX_SIZE = 200 * 1024 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")


class AttachmentService:
    def __init__(self, ws):
        self.ws = ws

    @property
    def folder(self) -> Path:
        db_file = self.ws.db.path
        base = db_file.parent if db_file else data_dir()
        return base / "attachments"

    def path_of(self, sha256: str) -> Path:
        """Where the file of that hash is kept. The hash comes from a record — one
        received by sync too — so it is refused unless it is exactly 64 lowercase
        hex digits: a value like "../../etc/passwd" never becomes a path."""
        if not isinstance(sha256, str) or not _SHA256.fullmatch(sha256):
            raise ValidationError("sha256", "附件的校验值格式错误（应为64位十六进制数字）")
        return self.folder / sha256[:2] / sha256

    def add(self, table: str, row_id: str, file: str | os.PathLike, *, kind: str | None = None) -> str:
        model = SYNCED_MODELS.get(table)
        if model is None:
            raise ValidationError("tbl", f"未知的表：{table}")
        with self.ws.read() as s:
            owner = s.scalar(select(model.owner_site_id).where(model.id == row_id, ~model.deleted))
        if owner is None:
            raise NotFoundError("附件所属的记录不存在")
        self.ws.check_can_edit(table, owner)
        source = Path(file)
        if not source.is_file():
            raise ValidationError("file", f"文件不存在：{source}")
        size = source.stat().st_size
        if size > MAX_SIZE:
            raise ValidationError("file", f"文件过大（{size // 1024 // 1024} MB，上限200 MB）")
        digest = hashlib.sha256()
        with source.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                digest.update(chunk)
        sha = digest.hexdigest()
        target = self.path_of(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent)
            os.close(fd)
            shutil.copyfile(source, tmp)
            os.replace(tmp, target)
        with self.ws.write() as w:
            return w.insert(Attachment, {"tbl": table, "row_id": row_id, "kind": kind,
                                         "filename": source.name[:200], "sha256": sha, "size": size})

    def list_for(self, table: str, row_id: str) -> list[Attachment]:
        with self.ws.read() as s:
            return list(s.scalars(select(Attachment).where(Attachment.tbl == table, Attachment.row_id == row_id,
                                                           ~Attachment.deleted)))

    def file_of(self, attachment_id: str) -> Path:
        """The stored file of a live attachment (to open in the system viewer)."""
        att = self._live(attachment_id)
        path = self.path_of(att.sha256)
        if not path.is_file():
            raise NotFoundError(f"附件文件缺失：{att.filename}")
        return path

    def _live(self, attachment_id: str) -> Attachment:
        with self.ws.read() as s:
            att = s.get(Attachment, attachment_id)
        if att is None or att.deleted:
            raise NotFoundError("附件不存在或已删除")
        return att

    def delete(self, attachment_id: str, reason: str) -> None:
        """删除 an attachment: a tombstone with its reason (required, audited and
        synced). The stored file goes too unless another live row uses it."""
        att = self._live(attachment_id)
        self.ws.check_can_edit("attachments", att.owner_site_id)
        reason = require_text(reason, "deleted_reason", max_len=200)
        with self.ws.write() as w:
            w.update(Attachment, attachment_id, {"deleted": True, "deleted_reason": reason})
        with self.ws.read() as s:
            used = s.scalar(select(Attachment.id).where(Attachment.sha256 == att.sha256, ~Attachment.deleted)
                            .limit(1))
        if used is None and _SHA256.fullmatch(att.sha256 or ""):
            self.path_of(att.sha256).unlink(missing_ok=True)

    def verify(self, attachment_id: str) -> bool:
        """True when the stored file is present and still has its recorded hash."""
        with self.ws.read() as s:
            att = s.get(Attachment, attachment_id)
        if not _SHA256.fullmatch(att.sha256 or ""):
            return False
        path = self.path_of(att.sha256)
        if not path.exists():
            return False
        return hashlib.sha256(path.read_bytes()).hexdigest() == att.sha256
