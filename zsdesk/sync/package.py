"""The package container: a zip read in memory (never extracted) holding
``manifest.json``, its Ed25519 signature and the data files. Every limit is
checked from the zip's directory before any entry is read."""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field

from zsdesk.errors import RefusedError
from zsdesk.sync import READABLE, schema
from zsdesk.sync.crypto import sha256_hex, sign, verify

MAX_FILE = 1 << 30            # 1 GiB on disk
MAX_ENTRY = 1 << 30           # 1 GiB uncompressed per entry
MAX_TOTAL = 2 << 30           # 2 GiB uncompressed in all
MAX_RATIO = 200               # uncompressed / compressed, for entries over 1 MiB
MAX_MANIFEST = 4 << 20
MAX_SIGNATURE = 1024
ALLOWED = ("manifest.json", "manifest.sig", "changes.jsonl", "reference.jsonl", "enrol.json")
METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)   # what ``build`` writes; nothing else is read
# general-purpose flag bits of entries that are not read: encrypted, compressed patched data,
# strong encryption
BAD_FLAGS = 0x1 | 0x20 | 0x40
NOT_A_PACKAGE = "这不是招商桌面的同步文件（.zsync）"


class PackageRefused(RefusedError):
    """The file is refused as a whole; ``reason`` says why, in plain words, and
    ``code`` what kind of refusal it is (the UI's ``REFUSAL_TEXT`` says it in
    the chosen language, with what to do). ``fingerprint``: with code "trust",
    the sender's key fingerprint the user is to check with the other site
    before importing with ``trust=``."""

    def __init__(self, reason: str, *, code: str = "refused", fingerprint: str | None = None):
        self.reason = reason
        self.fingerprint = fingerprint
        super().__init__(reason, code=code)


def build(manifest: dict, files: dict[str, bytes], signing_key_b64: str) -> bytes:
    """Zip bytes: data files, the manifest (with each file's hash, size and rows)
    and the manifest's signature."""
    manifest = dict(manifest)
    manifest["files"] = {name: {"sha256": sha256_hex(data), "size": len(data),
                                "rows": data.count(b"\n") if name.endswith(".jsonl") else None}
                         for name, data in files.items()}
    body = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("manifest.json", body)
        z.writestr("manifest.sig", sign(signing_key_b64, body))
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


@dataclass
class OpenedPackage:
    manifest: dict                 # as decoded, checked against ``schema.Manifest``
    manifest_bytes: bytes
    signature: str
    zip: zipfile.ZipFile = field(repr=False)
    meta: schema.Manifest = field(repr=False)   # the same, typed

    @property
    def manifest_sha256(self) -> str:
        return sha256_hex(self.manifest_bytes)

    def verify_signature(self, public_key_b64: str) -> None:
        if not verify(public_key_b64, self.manifest_bytes, self.signature):
            raise PackageRefused("签名无效：文件被改动过，或不是该站点签发的", code="signature")

    def read(self, name: schema.FileName) -> bytes:
        """A data file, checked against the hash and size the signed manifest gives."""
        meta = self.meta.files.get(name)
        if meta is None:
            raise PackageRefused(f"清单中没有文件 {name}", code="manifest")
        if name not in self.zip.namelist():
            raise PackageRefused(f"缺少文件 {name}（文件不完整）", code="truncated")
        try:
            data = self.zip.read(name)
        except Exception as exc:
            # NotImplementedError, RuntimeError for an encrypted entry, struct.error …): all mean damage
            raise PackageRefused(f"{name} 无法读取：文件被改动或损坏（{_short(exc)}）", code="hash") from None
        if len(data) != meta.size or sha256_hex(data) != meta.sha256:
            raise PackageRefused(f"{name} 的校验值与清单不符：文件被改动或损坏", code="hash")
        return data

    def check_all_files(self) -> None:
        for name in self.meta.files:
            self.read(name)


def _short(exc: BaseException) -> str:
    text = str(exc).replace("\n", " ").strip() or type(exc).__name__
    return text[:120]


def _starts_as_package(data: bytes) -> bool:
    """A zip whose first entry is ``manifest.json`` (``build`` writes it first):
    a package, damaged or cut short, rather than some other file."""
    return data[:4] == b"PK\x03\x04" and data[30:43] == b"manifest.json"


def open_bytes(data: bytes) -> OpenedPackage:
    """Open a (decrypted) package, enforcing every limit before reading an entry."""
    if len(data) > MAX_FILE:
        raise PackageRefused("文件过大", code="limits")
    if not data:
        raise PackageRefused("文件是空的（文件不完整）", code="truncated")
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
        infos = z.infolist()
    except NotImplementedError as exc:  # a zip version or feature zipfile does not read
        raise PackageRefused(f"同步文件的压缩格式不受支持：文件被改动或损坏（{_short(exc)}）", code="limits") from None
    except Exception as exc:
        if _starts_as_package(data):
            raise PackageRefused(f"同步文件不完整或已损坏（{_short(exc)}）", code="truncated") from None
        raise PackageRefused(NOT_A_PACKAGE, code="not-zsync") from None
    # the names first: a zip with none of a package's entries (an .xlsx, a .docx …) is
    # not a damaged package but another kind of file
    names = [i.filename for i in infos]
    if not any(n in ALLOWED for n in names):
        raise PackageRefused(NOT_A_PACKAGE, code="not-zsync")
    for name in names:
        if name not in ALLOWED:
            raise PackageRefused(f"文件中含不允许的条目名“{name}”", code="limits")
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise PackageRefused(f"文件中的条目“{twice[0]}”出现了不止一次：文件被改动过", code="limits")
    if len(infos) > len(ALLOWED):
        raise PackageRefused(f"文件条目过多（{len(infos)}）", code="limits")
    total = 0
    for info in infos:
        if info.compress_type not in METHODS:
            raise PackageRefused(f"条目 {info.filename} 的压缩方式（{info.compress_type}）不受支持："
                                 "文件被改动或损坏", code="limits")
        if info.flag_bits & BAD_FLAGS:
            raise PackageRefused(f"条目 {info.filename} 被加密或使用了不支持的格式：文件被改动或损坏", code="limits")
        if info.file_size > MAX_ENTRY:
            raise PackageRefused(f"条目 {info.filename} 过大", code="limits")
        if info.file_size > (1 << 20) and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise PackageRefused(f"条目 {info.filename} 压缩比异常（疑似压缩炸弹）", code="limits")
        total += info.file_size
    if total > MAX_TOTAL:
        raise PackageRefused("解压后总大小超限", code="limits")
    if "manifest.json" not in names or "manifest.sig" not in names:
        raise PackageRefused("缺少清单或签名（文件不完整）", code="truncated")
    if z.getinfo("manifest.json").file_size > MAX_MANIFEST or z.getinfo("manifest.sig").file_size > MAX_SIGNATURE:
        raise PackageRefused("清单或签名过大", code="limits")
    try:
        body = z.read("manifest.json")
        signature = z.read("manifest.sig").decode("ascii")
    except Exception as exc:
        raise PackageRefused(f"清单无法读取：文件被改动或损坏（{_short(exc)}）", code="truncated") from None
    manifest = schema.decode_json(body, "清单", code="manifest")
    if not isinstance(manifest, dict):
        raise PackageRefused("清单格式错误", code="manifest")
    fmt, min_reader = manifest.get("format"), manifest.get("min_reader", manifest.get("format"))
    if not isinstance(fmt, int) or not isinstance(min_reader, int):
        raise PackageRefused("清单缺少格式版本", code="manifest")
    if fmt not in READABLE and min_reader > max(READABLE):
        raise PackageRefused(f"文件格式版本{fmt}比本程序新：请更新 zsdesk 后再导入", code="format")
    return OpenedPackage(manifest, body, signature, z, schema.manifest(manifest))
