"""Files that must be refused as a whole (docs/SYNC.md "Import" 1–4):
truncated, tampered, foreign, misaddressed, too new, hostile zips. Each is
refused with a clear reason, before anything is unpacked, and leaves the
database exactly as it was (every table compared)."""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib

import pytest

from support import local_state
from test_sync_kit import Net, clone_database, dump_all, fingerprint, read_zip, refuse, write_zip
from zsdesk.sync import crypto, exchange, package


@pytest.fixture
def net(databases, tmp_path):
    """Both counties enrolled and acknowledged; TX has new work to send."""
    net = Net(databases, tmp_path)
    net.round_trip()
    tx = net["TX-U01"]
    company = tx.companies.create({"name": "泰兴篡改测试有限公司"})
    for day in ("2026-06-01", "2026-06-02", "2026-06-03"):
        tx.visits.create({"unit_id": net.units["TX-U01"], "company_id": company, "visit_date": day,
                          "outcome": "介绍园区政策，对方有意向考察。" * 5})
    return net


class Unchanged:
    """Every table of a database, before and after."""

    def __init__(self, ws):
        self.ws = ws
        self.before = dump_all(ws)
        folder = ws.db.path.parent / "backups" if ws.db.path else None
        self.backups = sorted(folder.glob("*")) if folder and folder.exists() else []

    def check(self):
        assert dump_all(self.ws) == self.before
        assert exchange.pending(self.ws) == []
        if self.ws.db.path:
            folder = self.ws.db.path.parent / "backups"
            assert (sorted(folder.glob("*")) if folder.exists() else []) == self.backups


def refused(ws, path, *, code: str, match: str, **kw) -> package.PackageRefused:
    guard = Unchanged(ws)
    exc = refuse(ws, path, **kw)
    assert exc.code == code, (exc.code, exc.reason)
    assert match in exc.reason, exc.reason
    assert "\n" not in exc.reason
    guard.check()
    return exc


def rezip(path, out, *, change=None, drop=()):
    """The package's entries written again, one changed or dropped, nothing re-signed."""
    entries = read_zip(path.read_bytes())
    for name in drop:
        entries.pop(name)
    if change:
        name, fn = change
        entries[name] = fn(entries[name])
    out.write_bytes(write_zip(entries))
    return out


def test_a_truncated_file(net, tmp_path):
    city, tx = net.city, net["TX-U01"]
    plain = net.export(tx, encrypt=False)
    data = plain.read_bytes()
    for cut in (len(data) // 2, len(data) - 10, 100):
        (tmp_path / "cut.zsync").write_bytes(data[:cut])
        refused(city, tmp_path / "cut.zsync", code="truncated", match="文件不完整")
    rezip(plain, tmp_path / "no-changes.zsync", drop=["changes.jsonl"])
    refused(city, tmp_path / "no-changes.zsync", code="truncated", match="缺少文件 changes.jsonl（文件不完整）")
    rezip(plain, tmp_path / "no-sig.zsync", drop=["manifest.sig"])
    refused(city, tmp_path / "no-sig.zsync", code="truncated", match="缺少清单或签名")
    sealed = net.export(tx).read_bytes()
    for cut in (len(sealed) // 2, len(sealed) - 1, 20):
        (tmp_path / "cut-sealed.zsync").write_bytes(sealed[:cut])
        refused(city, tmp_path / "cut-sealed.zsync", code="decrypt", match="已损坏")
    (tmp_path / "empty.zsync").write_bytes(b"")
    refused(city, tmp_path / "empty.zsync", code="truncated", match="文件不完整")
    # the whole file still imports
    assert net.imp(city, net.export(tx)).status == "applied"


def test_one_changed_byte_in_the_payload(net, tmp_path):
    city, tx = net.city, net["TX-U01"]
    plain = net.export(tx, encrypt=False)
    # the data file changed (same length), manifest and signature as they were
    def flip(data: bytes) -> bytes:
        i = data.index(b'"visit_date":"2026-06-02"') + len('"visit_date":"2026-06-0')
        return data[:i] + b"9" + data[i + 1:]
    rezip(plain, tmp_path / "edited.zsync", change=("changes.jsonl", flip))
    refused(city, tmp_path / "edited.zsync", code="hash", match="changes.jsonl 的校验值与清单不符")

    # a changed byte in the compressed bytes on disk: refused, whatever the deflate decoder makes of it
    data = plain.read_bytes()
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("changes.jsonl")
    name_len, extra_len = struct.unpack("<HH", data[info.header_offset + 26:info.header_offset + 30])
    start = info.header_offset + 30 + name_len + extra_len
    original = zlib.decompress(data[start:start + info.compress_size], -15)
    tried = 0
    for offset in range(5, info.compress_size - 5, max(1, info.compress_size // 9)):
        bad = bytearray(data)
        bad[start + offset] ^= 0x10
        try:
            same = zlib.decompress(bytes(bad[start:start + info.compress_size]), -15) == original
        except zlib.error:
            same = False
        if same:  # the bit was padding: the content is still the signed one
            continue
        (tmp_path / "flipped.zsync").write_bytes(bytes(bad))
        exc = refused(city, tmp_path / "flipped.zsync", code="hash", match="changes.jsonl")
        assert "改动或损坏" in exc.reason
        tried += 1
    assert tried >= 5

    # an encrypted file with one changed byte, anywhere after the header
    sealed = net.export(tx).read_bytes()
    for offset in (len(sealed) // 3, len(sealed) // 2, len(sealed) - 1):
        bad = bytearray(sealed)
        bad[offset] ^= 0x01
        (tmp_path / "sealed-flipped.zsync").write_bytes(bytes(bad))
        refused(city, tmp_path / "sealed-flipped.zsync", code="decrypt", match="无法解密")
    assert net.imp(city, net.export(tx)).status == "applied"


def test_a_changed_manifest_fails_the_signature(net, tmp_path):
    city, tx = net.city, net["TX-U01"]
    plain = net.export(tx, encrypt=False)

    def edit(field, value):
        def fn(data: bytes) -> bytes:
            m = json.loads(data)
            m[field] = value
            return json.dumps(m, ensure_ascii=False, sort_keys=True, indent=1).encode()
        return fn

    for field, value in (("seq", 99), ("base_upto", 0), ("acks", {"upto": 10 ** 9}), ("kind", "full"),
                         ("created_at", "2020-01-01T00:00:00+00:00")):
        rezip(plain, tmp_path / "manifest.zsync", change=("manifest.json", edit(field, value)))
        refused(city, tmp_path / "manifest.zsync", code="signature", match="签名无效")
    # a manifest that names a data file with another hash (to hide an edit) fails the signature too
    entries = read_zip(plain.read_bytes())
    m = json.loads(entries["manifest.json"])
    entries["changes.jsonl"] = entries["changes.jsonl"].replace(b"2026-06-02", b"2026-06-09")
    m["files"]["changes.jsonl"]["sha256"] = crypto.sha256_hex(entries["changes.jsonl"])
    entries["manifest.json"] = json.dumps(m, ensure_ascii=False, sort_keys=True, indent=1).encode()
    (tmp_path / "rehashed.zsync").write_bytes(write_zip(entries))
    refused(city, tmp_path / "rehashed.zsync", code="signature", match="签名无效")
    # signed by another site's key (JJ signs TX's manifest)
    entries = read_zip(plain.read_bytes())
    entries["manifest.sig"] = crypto.sign(local_state(net["JJ-U01"])["private_key"], entries["manifest.json"]).encode()
    (tmp_path / "other-key.zsync").write_bytes(write_zip(entries))
    refused(city, tmp_path / "other-key.zsync", code="signature", match="不是该站点签发的")
    assert net.imp(city, plain).status == "applied"


def test_a_file_from_an_unenrolled_site(net, databases, tmp_path):
    """The city restored a backup from before it made XH's setup file: XH is unknown there."""
    city = net.city
    restored = clone_database(databases, city, "city_restored")
    city.reference.units.create({"code": "XH-U01", "name": "兴化招商单元"})
    setup = exchange.make_setup_file(city, "XH-U01", tmp_path / "setup-xh.json")
    xh = databases.workspace(databases.url("xh"))
    exchange.join(xh, setup)
    xh.companies.create({"name": "兴化测试有限公司"})
    for encrypt in (True, False):
        path = net.export(xh, encrypt=encrypt)
        refused(restored, path, code="unenrolled", match="来自未登记站点“XH-U01”的文件：请先为其生成入网文件",
                trust=fingerprint(xh))
    # the real city enrols it: the file proves the setup file's secret; a fingerprint typed
    # in is compared with the one computed from the key in the file
    refused(city, path, code="trust", match="核对密钥指纹", trust="00:11:22")
    assert exchange.import_package(city, path, trust=fingerprint(xh)).status == "applied"


def test_a_file_addressed_to_another_site(net, tmp_path):
    city, tx, jj = net.city, net["TX-U01"], net["JJ-U01"]
    to_city_sealed = net.export(tx)
    to_city_plain = net.export(tx, encrypt=False)
    refused(jj, to_city_sealed, code="addressee", match="该文件不是发给本站点的")
    refused(jj, to_city_plain, code="addressee", match="该文件是发给站点“TZ-CITY”的，不是本站点")
    to_tx_sealed = net.export(city, to="TX-U01")
    to_tx_plain = net.export(city, to="TX-U01", encrypt=False)
    refused(jj, to_tx_sealed, code="addressee", match="该文件不是发给本站点的")
    refused(jj, to_tx_plain, code="addressee", match="该文件是发给站点“TX-U01”的")
    # a county's file to itself (it never exports one) — and the city's own file back to the city
    refused(city, to_tx_plain, code="addressee", match="不是本站点")
    # sealed to JJ's key but claiming TX as the addressee: the header is authenticated
    data = to_tx_plain.read_bytes()
    sealed = crypto.seal(jj_box_key(net), data, to_site=jj.site.id)
    (tmp_path / "resealed.zsync").write_bytes(sealed)
    refused(jj, tmp_path / "resealed.zsync", code="addressee", match="该文件是发给站点“TX-U01”的")
    for path in (to_city_sealed, to_city_plain):
        assert net.imp(city, path).status == "applied"
    assert net.imp(tx, to_tx_sealed).status == "applied"


def jj_box_key(net) -> str:
    from zsdesk.db.models import Site

    with net.city.read() as s:
        return s.get(Site, net["JJ-U01"].site.id).box_key


def test_a_file_from_a_newer_format(net, monkeypatch, tmp_path):
    """A newer zsdesk at TX writes format 2 that format-1 readers cannot read."""
    city, tx = net.city, net["TX-U01"]
    with monkeypatch.context() as m:
        m.setattr(exchange, "FORMAT", 2)
        m.setattr(exchange, "MIN_READER", 2)
        m.setattr(package, "READABLE", {1, 2})
        newer = net.export(tx)
        newer_plain = net.export(tx, encrypt=False)
    for path in (newer, newer_plain):
        refused(city, path, code="format", match="文件格式版本2比本程序新：请更新 zsdesk 后再导入")
    # format 2 that says format-1 readers can still read it is read
    with monkeypatch.context() as m:
        m.setattr(exchange, "FORMAT", 2)
        m.setattr(exchange, "MIN_READER", 1)
        m.setattr(package, "READABLE", {1, 2})
        compatible = net.export(tx)
    assert net.imp(city, compatible).status == "applied"


# --- hostile zips: refused from the zip directory, before any entry is read -------------------------

@pytest.fixture
def no_reads(monkeypatch):
    """Fails the test if any zip entry is opened (read or extracted)."""
    opened = []
    real = zipfile.ZipFile.open

    def spy(self, name, mode="r", *a, **kw):
        if mode == "r":
            opened.append(getattr(name, "filename", name))
        return real(self, name, mode, *a, **kw)

    monkeypatch.setattr(zipfile.ZipFile, "open", spy)
    return opened


def _hostile(net, tmp_path, name: str, data: bytes, *, seal: bool) -> object:
    path = tmp_path / name
    if seal:  # anyone can encrypt to the city: its public box key is in every setup file
        from zsdesk.db.models import Site

        with net.city.read() as s:
            box = s.get(Site, net.city.site.id).box_key
        data = crypto.seal(box, data, to_site=net.city.site.id)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("seal", [False, True], ids=["plain", "sealed"])
def test_path_traversal_entry_names(net, tmp_path, no_reads, seal):
    city = net.city
    for bad in ("../evil", "/abs", "../../tmp/evil.jsonl", "changes.jsonl/../../evil", "C:\\evil", "sub/changes.jsonl"):
        data = write_zip({"manifest.json": b"{}", "manifest.sig": b"x", bad: b"owned"})
        path = _hostile(net, tmp_path, "traversal.zsync", data, seal=seal)
        refused(city, path, code="limits", match=f"文件中含不允许的条目名“{bad}”")
    assert no_reads == []
    assert not (tmp_path / "evil").exists() and not (tmp_path.parent / "evil").exists()
    assert not list(tmp_path.rglob("evil*"))


@pytest.mark.parametrize("seal", [False, True], ids=["plain", "sealed"])
def test_oversized_and_high_ratio_entries(net, tmp_path, no_reads, monkeypatch, seal):
    city = net.city
    # a zip bomb: 64 MiB of zeros in about 64 KiB
    bomb = write_zip({"manifest.json": b"{}", "manifest.sig": b"x", "changes.jsonl": bytes(64 << 20)})
    assert len(bomb) < 1 << 20
    refused(city, _hostile(net, tmp_path, "bomb.zsync", bomb, seal=seal), code="limits",
            match="条目 changes.jsonl 压缩比异常（疑似压缩炸弹）")

    # an entry whose directory claims 4 GiB (a forged size: over the per-entry limit)
    small = bytearray(write_zip({"manifest.json": b"{}", "manifest.sig": b"x", "changes.jsonl": b"{}\n" * 1000}))
    forged = 0
    for at in _central_entries(bytes(small)):
        name_len = struct.unpack("<H", small[at + 28:at + 30])[0]
        if small[at + 46:at + 46 + name_len] == b"changes.jsonl":
            small[at + 24:at + 28] = struct.pack("<I", 0xFFFFFFF0)   # uncompressed size
            forged += 1
    assert forged == 1
    refused(city, _hostile(net, tmp_path, "huge.zsync", bytes(small), seal=seal), code="limits",
            match="条目 changes.jsonl 过大")

    # many entries, none of a package's: the names are checked before the count (an .xlsx is not a package)
    many = write_zip({f"part{i}.jsonl": b"{}" for i in range(12)})
    refused(city, _hostile(net, tmp_path, "many.zsync", many, seal=seal), code="not-zsync",
            match="这不是招商桌面的同步文件（.zsync）")

    # over the total uncompressed limit (lowered for the test)
    monkeypatch.setattr(package, "MAX_TOTAL", 10_000)
    total = write_zip({"manifest.json": b"{}", "manifest.sig": b"x", "changes.jsonl": b"a" * 6000,
                       "reference.jsonl": b"b" * 6000})
    refused(city, _hostile(net, tmp_path, "total.zsync", total, seal=seal), code="limits", match="解压后总大小超限")
    # and a file over the size limit is refused before it is read at all
    monkeypatch.setattr(exchange, "MAX_FILE_BYTES", 1000)
    refused(city, _hostile(net, tmp_path, "big.zsync", bomb, seal=seal), code="limits", match="文件过大")
    assert no_reads == []


def _central_entries(data: bytes):
    at = data.find(b"PK\x01\x02")
    while at != -1:
        yield at
        at = data.find(b"PK\x01\x02", at + 4)


def test_a_replayed_file_from_a_restored_county_is_a_fork(net, databases, tmp_path):
    """TX restored an old backup and exports again: a different file with a seq the
    city already applied is refused, not merged."""
    city, tx = net.city, net["TX-U01"]
    old_tx = clone_database(databases, tx, "tx_backup")
    first = net.export(tx)
    assert net.imp(city, first).status == "applied"
    old_tx.companies.create({"name": "恢复备份后新建的企业"})
    forked = exchange.export_package(old_tx, tmp_path / "fork").path
    assert forked.name == first.name
    refused(city, forked, code="fork", match="与已导入的同号文件内容不同")
