"""Typed schemas of everything a package, an enrolment or a setup file carries,
validated by msgspec before any value is used.

Nothing read from a file is trusted for its type or range: a counter of 2^63, a
clock that is a string, a row id that is a list, a package id that is a path
("../../x") are refused here with the file, the line and the field named, so the
code after these checks works on values of the types it expects. The checks of
meaning (which tables and fields exist, who may write what) stay with the merge
engine and the rights rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from types import GenericAlias
from typing import Annotated, Any, Literal

import msgspec

# --- value formats ------------------------------------------------------------------

# ``\Z``, not ``$``: ``$`` also matches before a final newline ("<uuid>\n")
UUID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\Z"
UUID_RE = re.compile(UUID_PATTERN)
# A record id: a UUID (``new_id()``, the seed catalogue's uuid5 ids) or a setting's
# key ("light_limits", "brief_text:month:2026-06"); at most the 36 characters of the
# id columns. ``validate_entry`` asks for a UUID in every table but ``settings``.
ROW_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_:.\-]{0,35}\Z"
SHA256_PATTERN = r"^[0-9a-f]{64}\Z"
SHA256_RE = re.compile(SHA256_PATTERN)
# base64 of exactly 32 bytes (an Ed25519 or X25519 public key), canonical padding
KEY32_PATTERN = r"^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=\Z"
# a field's base: the version token ``<site id>:<counter>`` (db.changes.version_token)
TOKEN_PATTERN = UUID_PATTERN[:-2] + r":[0-9]{1,19}\Z"

I63 = 2**63 - 1

SiteId = Annotated[str, msgspec.Meta(pattern=UUID_PATTERN)]
RowId = Annotated[str, msgspec.Meta(pattern=ROW_ID_PATTERN)]
Sha256 = Annotated[str, msgspec.Meta(pattern=SHA256_PATTERN)]
Key32 = Annotated[str, msgspec.Meta(pattern=KEY32_PATTERN)]
Token = Annotated[str, msgspec.Meta(pattern=TOKEN_PATTERN)]
Count = Annotated[int, msgspec.Meta(ge=0, le=I63)]          # positions, sizes, clocks
Counter = Annotated[int, msgspec.Meta(ge=1, le=I63)]        # a site's change counter
Seq = Annotated[int, msgspec.Meta(ge=0, le=2**31 - 1)]      # package numbers (an INTEGER column)
Version = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 1)]  # format versions
Code = Annotated[str, msgspec.Meta(min_length=1, max_length=32)]
Name = Annotated[str, msgspec.Meta(max_length=200)]
Text = Annotated[str, msgspec.Meta(max_length=4000)]
TableName = Annotated[str, msgspec.Meta(min_length=1, max_length=40)]
Role = Literal["county", "city"]
FileName = Literal["changes.jsonl", "reference.jsonl", "enrol.json"]


# --- the manifest --------------------------------------------------------------------

class Sender(msgspec.Struct):
    site_id: SiteId
    code: Code | None = None
    name: Name | None = None
    role: Role | None = None
    fingerprint: Name | None = None


class Addressee(msgspec.Struct):
    site_id: SiteId
    code: Code | None = None


class Clock(msgspec.Struct):
    min: Count | None = None
    max: Count | None = None
    now: Count | None = None


class FileMeta(msgspec.Struct):
    sha256: Sha256
    size: Count
    rows: Count | None = None


class RefusedRow(msgspec.Struct):
    """A row the sender refused from us (reported back in its acknowledgement)."""
    row_id: Name | None = None
    reason: Text | None = None
    table: TableName | None = None
    origin: Name | None = None
    counter: Count | None = None
    fields: list[Name] | None = None


class Acks(msgspec.Struct):
    upto: Count | None = 0
    seq: Seq | None = None
    manifest: Sha256 | None = None
    at: Name | None = None
    refused: Annotated[list[RefusedRow], msgspec.Meta(max_length=10_000)] | None = None


class Manifest(msgspec.Struct, rename={"from_": "from"}):
    """``manifest.json`` (docs/SYNC.md "Package"). Unknown fields are allowed: a newer
    format that older readers can still read (``min_reader``) may add some."""
    format: Version
    package_id: SiteId
    from_: Sender
    to: Addressee
    seq: Seq
    base_upto: Count
    upto: Count
    files: dict[FileName, FileMeta]
    min_reader: Version | None = None
    app_version: Name | None = None
    schema: Name | None = None
    kind: Literal["full", "delta"] | None = None
    prev: Sha256 | None = None
    clock: Clock | None = None
    origins: dict[SiteId, tuple[Count, Count, Count]] | None = None
    totals: dict[TableName, Count] | None = None
    reference_version: Count | None = None
    acks: Acks | None = None
    created_at: Name | None = None


# --- change entries -------------------------------------------------------------------

class Change(msgspec.Struct, rename={"origin": "o", "counter": "c", "hlc": "h", "tbl": "t", "row_id": "r",
                                     "data": "d", "base": "b", "actor": "a", "recorded_at": "at"}):
    """One change-log entry as it travels (a line of ``changes.jsonl`` /
    ``reference.jsonl``): the base of the merge engine's ``Entry``."""
    origin: SiteId
    counter: Counter
    hlc: Count
    tbl: TableName
    row_id: RowId
    op: Literal["I", "U", "D"]
    data: dict[str, Any]
    base: dict[str, Token | list[Token] | None] | None = None
    actor: Name | None = None
    recorded_at: Name | None = None


# --- enrolment and setup files -----------------------------------------------------------

class Enrol(msgspec.Struct):
    """``enrol.json``: a county's public keys in its first packages. ``mac`` proves
    the setup file's one-time secret (absent in packages of older versions);
    ``fingerprint`` is informational — it is always computed from the key."""
    site_id: SiteId
    code: Code
    name: Name
    role: Role
    sign_key: Key32
    box_key: Key32
    mac: Annotated[str, msgspec.Meta(pattern=SHA256_PATTERN)] | None = None
    fingerprint: Name | None = None


class SetupCity(msgspec.Struct):
    site_id: SiteId
    code: Code
    name: Name
    sign_key: Key32
    box_key: Key32
    fingerprint: Name | None = None


class SetupCounty(msgspec.Struct):
    site_id: SiteId
    code: Code
    name: Name
    unit_id: SiteId | None = None


class Setup(msgspec.Struct):
    """The body of the city's setup file (``{"setup": body, "sig": signature}``)."""
    type: Literal["zsdesk-setup"]
    format: Version
    city: SetupCity
    county: SetupCounty
    reference: list[Change]
    reference_version: Count | None = None
    records: list[Change] = []      # a county's own records, for a new laptop (a reissued file)
    enrol_secret: Annotated[str, msgspec.Meta(pattern=SHA256_PATTERN)] | None = None
    counter_floor: Count = 0
    created_at: Name | None = None


class SetupFile(msgspec.Struct):
    setup: dict[str, Any]
    sig: Annotated[str, msgspec.Meta(max_length=200)]


# --- decoding, with reasons in plain words ----------------------------------------------------

_TYPES = {"int": "整数", "str": "字符串", "object": "对象", "array": "数组", "null": "空值",
          "bool": "布尔值", "float": "小数", "number": "数字"}


def _type(name: str) -> str:
    return "或".join(_TYPES.get(p.strip(), p.strip()) for p in name.split("|"))


_RULES: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
    (re.compile(r"^Expected `([^`]+)`, got `([^`]+)`$"),
     lambda m: f"应为{_type(m[1])}，实为{_type(m[2])}"),
    (re.compile(r"^Expected `int` >= (-?\d+)$"), lambda m: f"应为不小于{m[1]}的整数"),
    (re.compile(r"^Expected `int` <= (-?\d+)$"), lambda m: f"应为不大于{m[1]}的整数"),
    (re.compile(r"^Expected `str` matching regex .*$"), lambda m: "格式不符"),
    (re.compile(r"^Expected `str` of length <= (\d+)$"), lambda m: f"过长（最多{m[1]}个字符）"),
    (re.compile(r"^Expected `str` of length >= (\d+)$"), lambda m: "不能为空"),
    (re.compile(r"^Expected `(array|object)` of length (.+?)(, got \d+)?$"),
     lambda m: f"的元素个数不符（应为{m[2].replace('>=', '至少').replace('<=', '至多')}）"),
    (re.compile(r"^Object missing required field `([^`]+)`$"), lambda m: f"缺少字段“{m[1]}”"),
    (re.compile(r"^Object contains unknown field `([^`]+)`$"), lambda m: f"含未知字段“{m[1]}”"),
    (re.compile(r"^Invalid enum value (.+)$"), lambda m: f"取值{m[1]}无效"),
]
_AT = re.compile(r"^(.*?) - at `(?:key` in `)?\$([^`]*)`$")


def explain(exc: Exception, *, prefix: str = "") -> str:
    """A msgspec error as a short Chinese phrase naming the field: 字段“c”应为整数…"""
    text = str(exc).strip()
    m = _AT.match(text)
    detail, path = (m[1], m[2]) if m else (text, "")
    path = path.lstrip(".")
    if prefix:
        path = f"{prefix}.{path}" if path else prefix
    for pattern, say in _RULES:
        hit = pattern.match(detail)
        if hit:
            detail = say(hit)
            break
    else:
        if isinstance(exc, RecursionError):
            detail = "嵌套层数过多"
        elif isinstance(exc, msgspec.DecodeError):
            detail = f"不是有效的 JSON（{detail}）"
        else:
            detail = f"不符合要求（{detail}）"
    if m and "`key` in" in text:
        detail = f"的键{detail}"
    return f"字段“{path}”{detail}" if path else detail.lstrip("的")


DECODE_ERRORS = (msgspec.ValidationError, msgspec.DecodeError, RecursionError)


def _refused(reason: str, code: str):
    from zsdesk.sync.package import PackageRefused  # package.py imports this module

    return PackageRefused(reason, code=code)


def decode_json(data: bytes, what: str, *, code: str = "format") -> Any:
    """Any JSON value, refused with ``what`` named when it is not JSON."""
    try:
        return msgspec.json.decode(data)
    except DECODE_ERRORS as exc:
        raise _refused(f"{what}无法读取：{explain(exc)}", code) from None


def manifest(raw: dict) -> Manifest:
    """The checked manifest (``raw``: ``manifest.json`` as decoded JSON)."""
    try:
        return msgspec.convert(raw, Manifest)
    except DECODE_ERRORS as exc:
        raise _refused(f"清单格式错误：{explain(exc)}", "manifest") from None


def decode_changes(data: bytes, name: str, cls: type[Change] = Change, check=None) -> list:
    """The entries of a ``.jsonl`` data file as ``cls`` (a subclass of ``Change``);
    ``check(entry)`` adds the checks of meaning (a ``ValueError`` names the
    problem). Refused, naming the line and the field, at the first bad line."""
    lines = [(n, line) for n, line in enumerate(data.splitlines(), 1) if line.strip()]
    try:  # all lines as one JSON array: one call of the C decoder
        # list[cls] spelled so that mypy takes it as the value it is here (cls is a variable)
        items = msgspec.json.decode(b"[" + b",".join(line for _, line in lines) + b"]", type=GenericAlias(list, (cls,)))
    except DECODE_ERRORS:
        items = None
    if items is None or len(items) != len(lines):  # find the bad line
        items = []
        for n, line in lines:
            try:
                items.append(msgspec.json.decode(line, type=cls))
            except DECODE_ERRORS as exc:
                raise _refused(f"{name} 第{n}行格式错误：{explain(exc)}", "format") from None
    if check is not None:
        for (n, _), item in zip(lines, items):
            try:
                check(item)
            except ValueError as exc:
                raise _refused(f"{name} 第{n}行格式错误：{exc}", "format") from None
    return items


def decode_enrol(data: bytes) -> Enrol:
    """``enrol.json``, checked; refused (code "manifest") with the field named."""
    try:
        return msgspec.json.decode(data, type=Enrol)
    except DECODE_ERRORS as exc:
        raise _refused(f"入网信息格式错误（enrol.json）：{explain(exc)}", "manifest") from None


def decode_setup(data: bytes) -> tuple[dict, Setup, str]:
    """A setup file: (its body as decoded — what the signature covers —, the
    checked body, the signature); refused (code "format") when it is not one."""
    try:
        outer = msgspec.json.decode(data, type=SetupFile)
        return outer.setup, msgspec.convert(outer.setup, Setup), outer.sig
    except DECODE_ERRORS as exc:
        raise _refused(f"不是有效的入网文件：{explain(exc)}", "format") from None
