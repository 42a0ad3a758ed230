"""Hostile packages (issue 10): a file signed with the sender's real key whose
values are wrong — a path for a package id or an attachment's hash, a county
rewriting its own site's role or keys, counters of 2^63, a clock that is a
string — and zips zipfile cannot read, and files that are no package at all.
Each is refused with a reason (exit 2, never 1) and leaves the database as it
was, or — for rows outside the sender's rights — is refused row by row.
Package ids and hashes never become paths; 预审 steps reach only the county
whose review they belong to."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import io
import json
import os
import struct
import uuid
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from support import local_state
from test_sync_kit import Net, dump_all, read_zip, write_zip
from zsdesk.cli import main
from zsdesk.db.models import ChangeLog, Company, ReviewStep, Site, SyncPackage, SyncPeer, Visit
from zsdesk.db.types import new_id, utcnow
from zsdesk.errors import ValidationError
from zsdesk.sync import exchange, package

ESCAPE = "zs-hostile-escape"
NOT_A_PACKAGE = "这不是招商桌面的同步文件（.zsync）"


@pytest.fixture
def net(databases, tmp_path, monkeypatch):
    """Both counties enrolled and acknowledged; TX has new work to send."""
    monkeypatch.setenv("ZSDESK_DATA_DIR", str(tmp_path / "data-dir"))  # the pending queue on PostgreSQL
    net = Net(databases, tmp_path)
    net.round_trip()
    tx = net["TX-U01"]
    net.ids = {"company": tx.companies.create({"name": "泰兴敌意测试有限公司"})}
    for day in ("2026-06-01", "2026-06-02"):
        tx.visits.create({"unit_id": net.units["TX-U01"], "company_id": net.ids["company"], "visit_date": day})
    return net


class Signed:
    """TX's next package, taken apart, to be put together again with changes and
    signed with TX's real key: the signature is valid, only the checks of the
    schema and of the rights stand."""

    def __init__(self, net):
        self.net = net
        self.tx = net["TX-U01"]
        self.plain = net.export(self.tx, encrypt=False)
        self.entries = read_zip(self.plain.read_bytes())
        self.manifest = json.loads(self.entries["manifest.json"])
        self.lines = [json.loads(x) for x in self.entries["changes.jsonl"].splitlines()]
        state = local_state(self.tx)
        self.counter, self.hlc = int(state["counter"]), int(state["hlc"])  # entries TX has not written

    def build(self, *, lines=None, raw: list[bytes] | None = None, **manifest) -> bytes:
        files = {k: v for k, v in self.entries.items() if k not in ("manifest.json", "manifest.sig")}
        if raw is None and lines is not None:
            raw = [json.dumps(e, ensure_ascii=False).encode() for e in lines]
        if raw is not None:
            files["changes.jsonl"] = b"".join(line + b"\n" for line in raw)
        m = {k: v for k, v in {**self.manifest, **manifest}.items() if k != "files"}
        return package.build(m, files, local_state(self.tx)["private_key"])

    def entry(self, tbl: str, row_id: str, op: str, data: dict, **kw) -> dict:
        self.counter += 1
        self.hlc += 1
        return {"o": self.tx.site.id, "c": self.counter, "h": self.hlc, "t": tbl, "r": row_id, "op": op,
                "d": data, "b": None, "a": "测试员", "at": "2026-06-14T08:00:00+00:00", **kw}

    def copy(self) -> list[dict]:
        return json.loads(json.dumps(self.lines))


def write(tmp_path, data: bytes, name: str = "hostile.zsync"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def refused(ws, path, *, code: str, match: str) -> package.PackageRefused:
    """Refused with ``code`` and ``match`` in its one-line reason; every table as it was."""
    before = dump_all(ws)
    with pytest.raises(package.PackageRefused) as info:
        exchange.import_package(ws, path)
    exc = info.value
    assert exc.code == code, (exc.code, exc.reason)
    assert match in exc.reason, exc.reason
    assert "\n" not in exc.reason
    assert dump_all(ws) == before
    return exc


def cli_import(ws, path) -> tuple[int, str]:
    """``zsdesk --db … sync import FILE``: the exit code and the error output."""
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--db", ws.db.url, "sync", "import", str(path)])
    return code, err.getvalue()


def identity(ws) -> list[tuple]:
    with ws.read() as s:
        return sorted(tuple(r) for r in s.execute(select(Site.id, Site.role, Site.public_key, Site.box_key,
                                                           Site.fingerprint, Site.deleted))) + \
            sorted(tuple(r) for r in s.execute(select(SyncPeer.site_id, SyncPeer.role, SyncPeer.sign_key,
                                                           SyncPeer.box_key)))


def no_escape(*places) -> None:
    for place in places:
        assert not list(place.rglob(f"*{ESCAPE}*")), place


# --- finding 2: no value from a package becomes a path ----------------------------------------------

def test_a_pending_file_is_kept_under_the_hash_of_its_bytes_never_its_package_id(net, tmp_path):
    city = net.city
    signed = Signed(net)
    for bad in (f"../../{ESCAPE}", f"/tmp/{ESCAPE}", f"..\\..\\{ESCAPE}", f"{uuid.uuid4()}/../../{ESCAPE}",
                str(uuid.uuid4()) + "\n"):
        path = write(tmp_path, signed.build(package_id=bad, base_upto=10**6))
        refused(city, path, code="manifest", match="清单格式错误：字段“package_id”格式不符")
    assert exchange.pending(city) == []
    no_escape(tmp_path.parent)
    assert not list(Path("/tmp").glob(f"{ESCAPE}*"))

    # a valid file that does not connect waits as <sha256 of its bytes>.zsync
    data = signed.build(package_id=new_id(), base_upto=10**6)
    path = write(tmp_path, data, "waiting.zsync")
    assert exchange.import_package(city, path).status == "pending"
    [stored] = list(exchange.pending_folder(city).iterdir())
    assert stored.name == hashlib.sha256(data).hexdigest() + ".zsync"
    assert stored.read_bytes() == data
    [row] = exchange.pending(city)
    assert row.stored_path == str(stored) and row.file_name == "waiting.zsync"

    # a queue row naming a file outside the pending folder: never opened, never deleted
    outside = tmp_path / "outside.zsync"
    outside.write_bytes(b"not to be touched")
    with city.read() as s:
        s.add(SyncPackage(package_id=new_id(), direction="in", peer_site_id=net["TX-U01"].site.id, seq=99,
                          manifest_sha256="0" * 64, status="pending", file_name="outside.zsync",
                          stored_path=str(outside), at=utcnow()))
    assert net.imp(city, net.export(net["TX-U01"])).status == "applied"  # drains TX's queue
    assert outside.read_bytes() == b"not to be touched"
    assert stored.exists()  # still does not connect


# --- finding 3: no package changes a site's role or keys --------------------------------------------

def test_a_county_cannot_rewrite_its_own_sites_role_or_keys(net):
    city, tx, jj = net.city, net["TX-U01"], net["JJ-U01"]
    with city.read() as s:
        other = s.get(Site, jj.site.id)
        jj_keys = {"public_key": other.public_key, "box_key": other.box_key, "fingerprint": other.fingerprint}
    with tx.write() as w:  # a modified program at TX writes them anyway
        w.update(Site, tx.site.id, {"role": "city"})
    with tx.write() as w:
        w.update(Site, tx.site.id, jj_keys)
    with tx.write() as w:
        w.update(Site, tx.site.id, {"name": "泰兴高新区招商单元（新）"})
    before = identity(city)

    result = net.up("TX-U01")
    assert result.status == "applied"
    refused = {tuple(r["fields"]): r["reason"] for r in result.report.tables["sites"].refused}
    assert refused == {("role",): "站点的角色和密钥不能通过同步修改或删除",
                       ("box_key", "fingerprint", "public_key"): "站点的角色和密钥不能通过同步修改或删除"}
    assert identity(city) == before
    with city.read() as s:
        assert s.get(Site, tx.site.id).name == "泰兴高新区招商单元（新）"   # the rest of its row is its own
        kept = [json.loads(r.data) for r in s.scalars(select(ChangeLog).where(
            ChangeLog.tbl == "sites", ChangeLog.row_id == tx.site.id, ChangeLog.op == "U"))]
    assert kept == [{"name": ["泰兴高新区招商单元", "泰兴高新区招商单元（新）"]}]

    # and the city does not relay what it refused
    net.down("JJ-U01")
    with jj.read() as s:
        row = s.get(Site, tx.site.id)
        assert (row.role, row.name) == ("county", "泰兴高新区招商单元（新）")
    with city.read() as s:
        enrolled = s.get(SyncPeer, tx.site.id)
        assert row.public_key == enrolled.sign_key and row.box_key == enrolled.box_key


def test_a_sites_row_must_carry_the_role_and_keys_the_importer_enrolled(net, tmp_path):
    city, tx = net.city, net["TX-U01"]
    signed = Signed(net)
    with city.read() as s:
        held = s.get(Site, tx.site.id)
        row = {"code": held.code, "name": held.name, "role": held.role, "public_key": held.public_key,
               "fingerprint": held.fingerprint, "box_key": held.box_key, "owner_site_id": tx.site.id,
               "deleted": False}
    stranger = base64.b64encode(os.urandom(32)).decode()
    new_site = new_id()
    attacks = [
        signed.entry("sites", tx.site.id, "I", {**row, "public_key": stranger}),
        signed.entry("sites", tx.site.id, "I", {**row, "box_key": stranger}),
        signed.entry("sites", tx.site.id, "I", {**row, "role": "city"}),
        signed.entry("sites", new_site, "I", {**row, "code": "XX-U09"}),
        signed.entry("sites", tx.site.id, "D", {"deleted": [False, True]}),
        signed.entry("companies", net.ids["company"], "U", {"owner_site_id": [tx.site.id, city.site.id]}),
    ]
    before = identity(city)
    result = exchange.import_package(city, write(tmp_path, signed.build(lines=signed.lines + attacks)))
    assert result.status == "applied"
    reasons = sorted(r["reason"] for rep in result.report.tables.values() for r in rep.refused)
    assert reasons == sorted(["站点密钥与登记不符", "站点密钥与登记不符", "站点角色与登记不符",
                              "站点记录只能由该站点自己创建", "站点的角色和密钥不能通过同步修改或删除",
                              "记录的所属站点不能修改"])
    assert identity(city) == before
    with city.read() as s:
        assert s.get(Site, new_site) is None
        assert s.get(Company, net.ids["company"]).owner_site_id == tx.site.id
        assert s.scalar(select(ChangeLog).where(ChangeLog.counter.in_([e["c"] for e in attacks]),
                                                ChangeLog.origin_site_id == tx.site.id)) is None


# --- finding 4: an attachment's hash is 64 hex digits, never a path ---------------------------------------

def test_an_attachment_hash_that_is_a_path_is_refused(net, tmp_path):
    tx = net["TX-U01"]
    service = tx.attachments
    for bad in ("../../../../etc/passwd", "A" * 64, "0" * 63, "0" * 64 + "\n", "", "../" + "0" * 61, "0" * 65):
        with pytest.raises(ValidationError, match="校验值格式错误"):
            service.path_of(bad)
    good = "ab" + "0" * 62
    assert service.path_of(good) == service.folder / "ab" / good

    contract = tmp_path / "合同.pdf"
    contract.write_bytes(b"%PDF-1.4 test")
    service.add("companies", net.ids["company"], contract, kind="合同")
    signed = Signed(net)
    for bad in ("../../../../etc/passwd", "../" * 21 + "x", "A" * 64, "0" * 64 + "\n"):
        lines = signed.copy()
        n, entry = next((n, e) for n, e in enumerate(lines, 1) if e["t"] == "attachments")
        entry["d"]["sha256"] = bad
        refused(net.city, write(tmp_path, signed.build(lines=lines)), code="format",
                match=f"changes.jsonl 第{n}行格式错误：字段“d.sha256”格式不符")
    assert net.imp(net.city, signed.plain).status == "applied"


# --- finding 5: wrong types and ranges are refusals naming the line and the field ---------------------------

ENTRY_CASES = [
    ("c", 2**63, "字段“c”应为不大于9223372036854775807的整数"),
    ("c", 0, "字段“c”应为不小于1的整数"),
    ("c", "5", "字段“c”应为整数，实为字符串"),
    ("c", 1.0, "字段“c”应为整数，实为小数"),
    ("h", -1, "字段“h”应为不小于0的整数"),
    ("h", 2**64, "字段“h”应为不大于9223372036854775807的整数"),
    ("at", 5, "字段“at”应为字符串或空值，实为整数"),
    ("at", ["2026-06-01"], "字段“at”应为字符串或空值，实为数组"),
    ("at", "2026-06-01T00:00:00", "字段“at”不是有效的时间"),
    ("r", None, "字段“r”应为字符串，实为空值"),
    ("r", ["x"], "字段“r”应为字符串，实为数组"),
    ("r", "../../x", "字段“r”格式不符"),
    ("o", "x", "字段“o”格式不符"),
    ("op", "X", "字段“op”取值'X'无效"),
    ("t", 5, "字段“t”应为字符串，实为整数"),
    ("d", [], "字段“d”应为对象，实为数组"),
    ("d", None, "字段“d”应为对象，实为空值"),
    ("b", 5, "字段“b”应为对象或空值，实为整数"),
    ("b", {"name": 5}, "字段“b[...]”应为字符串或数组或空值，实为整数"),
]

MANIFEST_CASES = [
    ("acks", [], "字段“acks”应为"),
    ("acks", {"upto": "all"}, "字段“acks.upto”应为整数或空值，实为字符串"),
    ("origins", "x", "字段“origins”应为"),
    ("totals", [], "字段“totals”应为"),
    ("totals", {"visits": 2**63}, "字段“totals[...]”应为不大于9223372036854775807的整数"),
    ("package_id", 5, "字段“package_id”应为字符串，实为整数"),
    ("seq", 2**63, "字段“seq”应为不大于"),
    ("upto", -1, "字段“upto”应为不小于0的整数"),
    ("base_upto", "0", "字段“base_upto”应为整数，实为字符串"),
    ("from", {"site_id": 5}, "字段“from.site_id”应为字符串，实为整数"),
    ("to", [], "字段“to”应为对象，实为数组"),
    ("clock", {"now": "soon"}, "字段“clock.now”"),
    ("reference_version", 1.5, "字段“reference_version”"),
    ("prev", "../../x", "字段“prev”格式不符"),
]


def test_signed_entries_of_wrong_types_or_ranges_are_refused_naming_line_and_field(net, tmp_path):
    city = net.city
    signed = Signed(net)
    n = 2
    for key, value, match in ENTRY_CASES:
        lines = signed.copy()
        lines[n - 1][key] = value
        refused(city, write(tmp_path, signed.build(lines=lines)), code="format",
                match=f"changes.jsonl 第{n}行格式错误：{match}")
    lines = signed.copy()
    del lines[n - 1]["o"]
    refused(city, write(tmp_path, signed.build(lines=lines)), code="format",
            match=f"changes.jsonl 第{n}行格式错误：缺少字段“o”")
    # a value of the wrong type for its column (a dict for a text, a number too big for its column)
    lines = signed.copy()
    visit = next(i for i, e in enumerate(lines) if e["t"] == "visits")
    lines[visit]["d"]["outcome"] = {"x": 1}
    refused(city, write(tmp_path, signed.build(lines=lines)), code="format",
            match=f"changes.jsonl 第{visit + 1}行格式错误：字段“d.outcome”应为字符串或空值，实为对象")
    lines = signed.copy()
    lines[visit]["d"]["visit_date"] = "2026-02-30"
    refused(city, write(tmp_path, signed.build(lines=lines)), code="format", match="字段“d.visit_date”的值")
    for bad in (b"[" * 50_000 + b"]" * 50_000, b'{"o": NaN}', b"\xff\xfe"):
        raw = [json.dumps(e, ensure_ascii=False).encode() for e in signed.lines]
        raw[n - 1] = bad
        refused(city, write(tmp_path, signed.build(raw=raw)), code="format", match=f"changes.jsonl 第{n}行格式错误")

    for key, value, match in MANIFEST_CASES:
        refused(city, write(tmp_path, signed.build(**{key: value})), code="manifest", match=f"清单格式错误：{match}")
    # through the command line: exit 2 with the reason, never 1
    code, err = cli_import(city, write(tmp_path, signed.build(acks=[])))
    assert code == 2 and "清单格式错误：字段“acks”" in err
    lines = signed.copy()
    lines[0]["c"] = 2**63
    code, err = cli_import(city, write(tmp_path, signed.build(lines=lines)))
    assert code == 2 and "changes.jsonl 第1行格式错误：字段“c”" in err
    assert net.imp(city, signed.plain).status == "applied"


def _patch(data: bytes, name: str, *, local: int | None, central: int | None, fmt: str, value: int) -> bytes:
    """``value`` written at an offset of ``name``'s local and/or central header."""
    out = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    if local is not None:
        struct.pack_into(fmt, out, info.header_offset + local, value)
    if central is not None:
        at = data.find(b"PK\x01\x02")
        while at != -1:
            n = struct.unpack_from("<H", data, at + 28)[0]
            if data[at + 46:at + 46 + n] == name.encode():
                struct.pack_into(fmt, out, at + central, value)
            at = data.find(b"PK\x01\x02", at + 4)
    return bytes(out)


def test_zip_quirks_are_refusals_not_crashes(net, tmp_path):
    city = net.city
    data = Signed(net).plain.read_bytes()
    cases = [
        (_patch(data, "changes.jsonl", local=8, central=10, fmt="<H", value=99), "limits", "压缩方式（99）不受支持"),
        (_patch(data, "changes.jsonl", local=8, central=10, fmt="<H", value=12), "limits", "压缩方式（12）不受支持"),
        (_patch(data, "manifest.json", local=8, central=10, fmt="<H", value=14), "limits", "压缩方式（14）不受支持"),
        (_patch(data, "changes.jsonl", local=None, central=6, fmt="<H", value=100), "limits", "压缩格式不受支持"),
        (_patch(data, "manifest.sig", local=6, central=8, fmt="<H", value=1), "limits", "被加密"),
        (_patch(data, "changes.jsonl", local=6, central=8, fmt="<H", value=0x20), "limits", "不支持的格式"),
        (_patch(data, "changes.jsonl", local=26, central=None, fmt="<H", value=3), "hash", "changes.jsonl 无法读取"),
        (write_zip({**read_zip(data), "changes.jsonl": b""}) + b"", "hash", "changes.jsonl 的校验值与清单不符"),
    ]
    twice = io.BytesIO()
    with pytest.warns(UserWarning), zipfile.ZipFile(twice, "w") as z:
        for name, body in read_zip(data).items():
            z.writestr(name, body)
        z.writestr("changes.jsonl", b"{}")
    cases.append((twice.getvalue(), "limits", "条目“changes.jsonl”出现了不止一次"))
    for bad, code, match in cases:
        path = write(tmp_path, bad)
        refused(city, path, code=code, match=match)
        assert cli_import(city, path)[0] == 2
    assert net.imp(city, Signed(net).plain).status == "applied"


# --- finding 6: 预审 steps reach only the county whose review they are --------------------------------------

def steps_in(path) -> set[str]:
    lines = read_zip(path.read_bytes())["changes.jsonl"].splitlines()
    return {json.loads(x)["r"] for x in lines if json.loads(x)["t"] == "review_steps"}


def test_review_steps_go_only_to_the_county_that_owns_the_review(net):
    city, tx, jj = net.city, net["TX-U01"], net["JJ-U01"]
    project = tx.projects.create({"unit_id": net.units["TX-U01"], "company_id": net.ids["company"],
                                  "name": "预审测试项目", "contract_date": "2026-03-01",
                                  "contract_investment": "5亿", "jobs": 100})
    review = tx.projects.recommend_review(project, "2026-06-10", "建议提交联席会")
    net.up("TX-U01")
    city.projects.advance_review(review, "joint_review", "2026-06-12", "联席会原则同意")
    with city.read() as s:
        [city_step] = s.scalars(select(ReviewStep.id).where(ReviewStep.review_id == review,
                                                           ReviewStep.step == "joint_review")).all()
    to_jj = net.export(city, to="JJ-U01", encrypt=False)
    assert steps_in(to_jj) == set()
    result = net.imp(jj, to_jj)
    assert result.report.refused == []
    to_tx = net.export(city, to="TX-U01", encrypt=False)
    assert city_step in steps_in(to_tx)
    result = net.imp(tx, to_tx)
    assert result.report.refused == []
    with tx.read() as s:
        assert s.get(ReviewStep, city_step) is not None


# --- finding 12: a file that is no package says so ---------------------------------------------------------

def test_files_that_are_not_sync_files_say_so(net, tmp_path):
    from openpyxl import Workbook

    city = net.city
    book = Workbook()
    book.active["A1"] = "拜访台账"
    book.save(tmp_path / "台账.xlsx")
    files = {
        "台账.xlsx": (tmp_path / "台账.xlsx").read_bytes(),
        "doc.docx": write_zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"}),
        "few.zip": write_zip({"readme.txt": b"hello"}),
        "empty.zip": write_zip({}),
        "random.bin": os.urandom(5000),
        "notes.txt": "这是一个文本文件".encode(),
        "image.png": b"\x89PNG\r\n\x1a\n" + os.urandom(100),
        "pk-junk.zsync": b"PK\x03\x04 not really a zip",
    }
    for name, data in files.items():
        path = write(tmp_path, data, name)
        exc = refused(city, path, code="not-zsync", match=NOT_A_PACKAGE)
        assert exc.reason == NOT_A_PACKAGE
        code, err = cli_import(city, path)
        assert code == 2 and NOT_A_PACKAGE in err, (name, err)
    # a package cut short is still reported as one
    data = Signed(net).plain.read_bytes()
    refused(city, write(tmp_path, data[:len(data) // 2]), code="truncated", match="文件不完整")


# --- the rest: rows the database cannot hold ---------------------------------------------------------------

def test_an_update_pointing_a_reference_nowhere_is_refused_row_by_row(net, tmp_path):
    """A visit the city holds, moved to a company nobody has: that row is refused
    (not the file, not a crash at commit), the rest applied."""
    city, tx = net.city, net["TX-U01"]
    net.up("TX-U01")
    visit = tx.visits.create({"unit_id": net.units["TX-U01"], "company_id": net.ids["company"],
                              "visit_date": "2026-06-03"})
    with city.read() as s:
        held = s.scalars(select(Visit.id).where(Visit.company_id == net.ids["company"])).all()
    signed = Signed(net)
    nowhere = signed.entry("visits", held[0], "U", {"company_id": [net.ids["company"], new_id()]})
    result = exchange.import_package(city, write(tmp_path, signed.build(lines=signed.lines + [nowhere])))
    assert result.status == "applied"
    assert [(r["row_id"], r["reason"]) for r in result.report.refused] == [(held[0], "引用的记录尚未收到（companies）")]
    with city.read() as s:
        assert s.get(Visit, held[0]).company_id == net.ids["company"]
        assert s.get(Visit, visit) is not None


def test_a_row_the_database_cannot_hold_refuses_the_whole_file(net, tmp_path):
    """TX's new company carries the number of one of JJ's (unique everywhere): the
    city refuses the file whole, with the reason, and nothing changes."""
    city, jj = net.city, net["JJ-U01"]
    jj_company = jj.companies.create({"name": "靖江编号测试有限公司"})
    net.up("JJ-U01")
    with city.read() as s:
        number = s.get(Company, jj_company).number
    signed = Signed(net)
    lines = signed.copy()
    entry = next(e for e in lines if e["t"] == "companies" and e["op"] == "I")
    entry["d"]["number"] = number
    path = write(tmp_path, signed.build(lines=lines))
    refused(city, path, code="integrity", match="整个文件未导入，本地数据没有改动")
    assert cli_import(city, path)[0] == 2
    assert net.imp(city, signed.plain).status == "applied"


# --- the schemas of enrolment and setup files (for the enrolment code) ----------------------------------

def test_enrol_and_setup_schemas_check_every_field(net, tmp_path):
    from zsdesk.sync import schema

    city = net.city
    city.reference.units.create({"code": "XH-U01", "name": "兴化招商单元"})
    setup = exchange.make_setup_file(city, "XH-U01", tmp_path / "setup-xh.json").read_bytes()
    body, checked, sig = schema.decode_setup(setup)
    assert body == json.loads(setup)["setup"] and sig == json.loads(setup)["sig"]
    assert checked.county.code == "XH-U01" and checked.city.site_id == city.site.id
    assert len(checked.reference) == len(body["reference"])
    for change, bad, match in [
        (("city", "sign_key"), "../../x", "字段“city.sign_key”格式不符"),
        (("city", "site_id"), 5, "字段“city.site_id”应为字符串，实为整数"),
        (("county",), [], "字段“county”应为对象，实为数组"),
        (("reference",), {}, "字段“reference”应为数组，实为对象"),
        (("counter_floor",), 2**63, "字段“counter_floor”应为不大于"),
        (("type",), "zsdesk-other", "字段“type”取值'zsdesk-other'无效"),
    ]:
        outer = json.loads(setup)
        target = outer["setup"]
        for key in change[:-1]:
            target = target[key]
        target[change[-1]] = bad
        with pytest.raises(package.PackageRefused, match=match) as info:
            schema.decode_setup(json.dumps(outer, ensure_ascii=False).encode())
        assert info.value.code == "format"
    for junk in (b"", b"[]", b"\xff", b"{" * 10_000):
        with pytest.raises(package.PackageRefused) as info:
            schema.decode_setup(junk)
        assert info.value.code == "format"

    with city.read() as s:
        me = s.get(Site, city.site.id)
    enrol = {"site_id": new_id(), "code": "XH-U01", "name": "兴化招商单元", "role": "county",
             "sign_key": me.public_key, "box_key": me.box_key, "mac": "ab" * 32}
    got = schema.decode_enrol(json.dumps(enrol).encode())
    assert (got.sign_key, got.mac, got.fingerprint) == (me.public_key, "ab" * 32, None)
    assert schema.decode_enrol(json.dumps({k: v for k, v in enrol.items() if k != "mac"}).encode()).mac is None
    for key, bad, match in [("sign_key", base64.b64encode(os.urandom(31)).decode(), "字段“sign_key”格式不符"),
                            ("box_key", None, "字段“box_key”应为字符串，实为空值"),
                            ("mac", "AB" * 32, "字段“mac”格式不符"), ("role", "admin", "字段“role”取值'admin'无效"),
                            ("site_id", "../x", "字段“site_id”格式不符")]:
        with pytest.raises(package.PackageRefused, match=match) as info:
            schema.decode_enrol(json.dumps({**enrol, key: bad}).encode())
        assert info.value.code == "manifest" and "enrol.json" in info.value.reason
