"""Hostile sync packages (issue 10): mutants of one valid package, imported one
after another into one city database. Every mutant must be refused (a
``PackageRefused`` or another ``ZsdeskError``: exit 2 with a reason) or applied —
never crash (exit 1) — and a refused one must leave the database as it was. A
mutant that is still a valid package (junk in a field that allows it) may apply;
it is counted apart, must not change any site's role or keys, and the city's
database is put back to its state before it (so the next mutants meet the same
database).

Run with the project's interpreter::

    .venv/bin/python bench/fuzz_sync.py                       # 2,000 mutants, seed 1
    .venv/bin/python bench/fuzz_sync.py --mutants 300 --seed 7
    .venv/bin/python bench/fuzz_sync.py --cli                 # through `zsdesk sync import` (slower)

The mutants: bit flips, cuts, junk before and after, overwritten bytes, renamed,
dropped and duplicated zip entries, unknown compression methods, flag bits and
versions patched into the zip headers, forged sizes; manifests and change lines
with a wrong type, range or value in every field, *re-signed with the sender's
real key* (so only the schema and the rights stand in the way); entries that
rewrite a site's role or keys, write in another site's name, or name a path as an
attachment's hash; and the same sealed (encrypted) to the city.

``tests/test_sync_fuzz.py`` runs a fixed-seed sample of this in CI.
"""

from __future__ import annotations

import argparse
import base64
import collections
import datetime as dt
import hashlib
import io
import json
import os
import random
import shutil
import struct
import sys
import tempfile
import time
import traceback
import uuid
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

TODAY = dt.date(2026, 6, 15)
DEFAULT_MUTANTS = 2000
ESCAPE = "zs-escape"          # in every path-like hostile value: no file may ever get this name
DEEP = "__zs_deep__"          # stands for a deeply nested JSON value (written as raw text)


# --- the network: a city and a county, through the real services ------------------------------------

def _workspace(path: Path):
    from zsdesk.db.engine import Database
    from zsdesk.services import Workspace

    return Workspace(Database(f"sqlite:///{path}"), today=lambda: TODAY, actor="模糊测试")


def _local(ws, key: str) -> str:
    from sqlalchemy import select

    from zsdesk.db.models import LocalState

    with ws.read() as s:
        return s.scalar(select(LocalState.value).where(LocalState.key == key))


def _fingerprint(ws) -> str:
    from zsdesk.db.models import Site
    from zsdesk.sync.crypto import key_fingerprint

    with ws.read() as s:
        return key_fingerprint(s.get(Site, ws.site.id).public_key)


@dataclass
class Network:
    root: Path
    city_db: Path
    pristine: Path
    base: bytes                    # TX's package to the city, signed, not encrypted
    tx_key: str                    # TX's private signing key (to re-sign mutants)
    tx_id: str
    tx_sign: str
    tx_box: str
    jj_id: str
    jj_sign: str
    city_id: str
    city_box: str
    ids: dict = field(default_factory=dict)


def build_network(root: Path) -> Network:
    """City TZ-CITY with counties TX-U01 and JJ-U01 enrolled and acknowledged;
    TX's next package (companies, visits, a project's update, a review and its
    step, a problem, a capital arrival, an attachment) is the base of every mutant."""
    from zsdesk.db.models import Site
    from zsdesk.services import init_site
    from zsdesk.sync import exchange

    root.mkdir(parents=True, exist_ok=True)
    box = root / "box"
    city = _workspace(root / "city.db")
    init_site(city, role="city", code="TZ-CITY", name="泰州市商务局")
    counties = {}
    for code, name in (("TX-U01", "泰兴高新区招商单元"), ("JJ-U01", "靖江经开区招商单元")):
        city.reference.units.create({"code": code, "name": name})
        setup = exchange.make_setup_file(city, code, root / f"setup-{code}.json")
        ws = _workspace(root / f"{code.lower()}.db")
        exchange.join(ws, setup)
        counties[code] = ws
    tx, jj = counties["TX-U01"], counties["JJ-U01"]
    [tx_unit] = [u.id for u in tx.reference.list_units() if u.code == "TX-U01"]
    [jj_unit] = [u.id for u in jj.reference.list_units() if u.code == "JJ-U01"]

    def up(ws):
        path = exchange.export_package(ws, box).path
        result = exchange.import_package(city, path, trust=_fingerprint(ws))
        assert result.status == "applied", result.message

    def down(ws):
        path = exchange.export_package(city, box, to_code=ws.site.code).path
        assert exchange.import_package(ws, path).status == "applied"

    company = tx.companies.create({"name": "扬子江药业集团有限公司", "region": "江苏泰州", "tags": ["中国500强"]})
    project = tx.projects.create({"unit_id": tx_unit, "company_id": company, "name": "创新药产业园",
                                  "contract_date": "2026-03-01", "contract_investment": "2亿", "jobs": 50})
    jj_company = jj.companies.create({"name": "靖江港口物流有限公司"})
    jj.visits.create({"unit_id": jj_unit, "company_id": jj_company, "visit_date": "2026-05-20"})
    for ws in (tx, jj):
        up(ws)
    for ws in (tx, jj):
        down(ws)

    # TX's new work: what the base package carries
    newco = tx.companies.create({"name": "泰兴模糊测试有限公司", "region": "江苏泰兴"})
    for day in ("2026-06-01", "2026-06-02", "2026-06-03"):
        tx.visits.create({"unit_id": tx_unit, "company_id": newco, "visit_date": day,
                          "outcome": "介绍园区政策，对方有意向考察。"})
    tx.projects.update(project, {"jobs": 80, "notes": "二期用地已落实"})
    review = tx.projects.recommend_review(project, "2026-06-10", "建议提交联席会")
    tx.projects.add_problem(project, "用地", "二期用地指标不足", "2026-06-11")
    tx.projects.add_arrival(project, "2026-06-12", "5000")
    contract = root / "合同.pdf"
    contract.write_bytes(b"%PDF-1.4 fuzz contract\n")
    tx.attachments.add("projects", project, contract, kind="合同")
    tx.companies.update(company, {"notes": "已签约"})
    base = exchange.export_package(tx, root / "base", encrypt=False).path.read_bytes()

    with city.read() as s:
        me = s.get(Site, city.site.id)
        tx_site, jj_site = s.get(Site, tx.site.id), s.get(Site, jj.site.id)
        net = Network(root=root, city_db=root / "city.db", pristine=root / "city.pristine.db", base=base,
                      tx_key=_local(tx, "private_key"), tx_id=tx.site.id, tx_sign=tx_site.public_key,
                      tx_box=tx_site.box_key, jj_id=jj.site.id, jj_sign=jj_site.public_key,
                      city_id=city.site.id, city_box=me.box_key,
                      ids={"project": project, "company": company, "review": review, "jj_company": jj_company,
                           "tx_unit": tx_unit, "jj_unit": jj_unit})
    for ws in (city, tx, jj):
        ws.close()
    _copy_db(net.city_db, net.pristine)
    return net


def _copy_db(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")


# --- zips by hand -------------------------------------------------------------------------------------

def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def write_zip(entries, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """``entries``: (name, bytes) pairs — a name may come twice."""
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name"
        with zipfile.ZipFile(out, "w", compression=compression) as z:
            for name, data in entries:
                z.writestr(name, data)
    return out.getvalue()


def _headers(data: bytes) -> tuple[list[int], list[int]]:
    """Offsets of the local and the central headers."""
    local, central = [], []
    at = data.find(b"PK\x03\x04")
    while at != -1:
        local.append(at)
        at = data.find(b"PK\x03\x04", at + 4)
    at = data.find(b"PK\x01\x02")
    while at != -1:
        central.append(at)
        at = data.find(b"PK\x01\x02", at + 4)
    return local, central


def _dumps(value) -> bytes:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    deep = "[" * 5000 + "]" * 5000
    return text.replace(json.dumps(DEEP), deep).encode("utf-8", "surrogatepass")


# --- the mutants --------------------------------------------------------------------------------------

HUGE = [2**31, 2**63 - 1, 2**63, 2**64, -2**63 - 1, 10**30, -1]


def hostile_values(rng: random.Random) -> list:
    """Values of every JSON type and the edges of every range."""
    return [None, True, False, 0, -1, 1, 1.5, -0.0, 1e308, *HUGE, "", "x", " ", "0", "1e999",
            f"../../{ESCAPE}", f"/tmp/{ESCAPE}", f"..\\..\\{ESCAPE}", f"../../../../{ESCAPE}/passwd",
            "a" * rng.choice([37, 65, 300, 5000]), "\u0000", "\ud800", "２０２６-０６-０１", "2026-13-45",
            "2026-06-01T00:00:00", "9999-12-31T23:59:59+14:00", "0001-01-01T00:00:00-12:00", "NaN",
            str(uuid.uuid4()), str(uuid.uuid4()).upper(), str(uuid.uuid4()) + "\n",
            [], [1], [None, None], [1, 2, 3], {}, {"a": 1}, {"o": "x"}, DEEP, float("nan"), float("inf")]


def pick_value(rng: random.Random):
    return rng.choice(hostile_values(rng))


class Mutator:
    """Makes mutants of the network's base package."""

    def __init__(self, net: Network, rng: random.Random):
        from zsdesk.db.models import SYNCED_MODELS, synced_columns

        self.net = net
        self.rng = rng
        self.entries = read_zip(net.base)
        self.manifest = json.loads(self.entries["manifest.json"])
        self.lines = [json.loads(line) for line in self.entries["changes.jsonl"].splitlines() if line.strip()]
        self.tables = sorted(SYNCED_MODELS)
        self.columns = {t: synced_columns(m) for t, m in SYNCED_MODELS.items()}
        self.next_counter = max(e["c"] for e in self.lines if e["o"] == net.tx_id) + 1
        self.top_hlc = max(e["h"] for e in self.lines)
        self.kinds = [
            (self.bit_flips, 8), (self.cut, 4), (self.junk_around, 4), (self.overwrite, 4),
            (self.rename_entry, 4), (self.duplicate_entry, 4), (self.drop_entry, 2),
            (self.patch_method, 5), (self.patch_flags, 4), (self.patch_version, 3), (self.patch_header, 5),
            (self.manifest_field, 18), (self.entry_field, 25), (self.data_field, 25), (self.entry_line, 8),
            (self.typed_field, 15),
            (self.identity_attack, 10), (self.foreign_entry, 5), (self.sealed, 8), (self.sealed_damage, 4),
        ]

    # -- helpers ------------------------------------------------------------------------------------------
    def signed(self, manifest: dict, files: dict[str, bytes], *, keep_meta: bool = False,
               extra: list | None = None) -> bytes:
        """A package re-signed with TX's real key: the signature is valid, only the
        schema and the rights stand."""
        from zsdesk.sync.crypto import sha256_hex, sign

        m = dict(manifest)
        if not keep_meta:
            m["files"] = {name: {"sha256": sha256_hex(data), "size": len(data),
                                 "rows": data.count(b"\n") if name.endswith(".jsonl") else None}
                          for name, data in files.items()}
        body = _dumps(m)
        return write_zip([("manifest.json", body), ("manifest.sig", sign(self.net.tx_key, body).encode()),
                          *files.items(), *(extra or [])])

    def with_lines(self, lines: list, manifest: dict | None = None) -> bytes:
        body = b"".join((line if isinstance(line, bytes) else _dumps(line)) + b"\n" for line in lines)
        files = {k: v for k, v in self.entries.items() if k not in ("manifest.json", "manifest.sig")}
        files["changes.jsonl"] = body
        return self.signed(manifest or self.manifest, files)

    def new_entry(self, tbl: str, row_id: str, op: str, data: dict, *, origin: str | None = None,
                  base: dict | None = None) -> dict:
        counter = self.next_counter + self.rng.randrange(1000)
        return {"o": origin or self.net.tx_id, "c": counter, "h": self.top_hlc + self.rng.randrange(1, 1000),
                "t": tbl, "r": row_id, "op": op, "d": data, "b": base, "a": "模糊测试",
                "at": "2026-06-14T08:00:00+00:00"}

    # -- bytes ------------------------------------------------------------------------------------------
    def bit_flips(self):
        data = bytearray(self.net.base)
        for _ in range(self.rng.randint(1, 8)):
            i = self.rng.randrange(len(data))
            data[i] ^= 1 << self.rng.randrange(8)
        return "bit-flips", bytes(data)

    def cut(self):
        return "cut", self.net.base[:self.rng.randrange(len(self.net.base))]

    def junk_around(self):
        junk = os.urandom(self.rng.choice([1, 7, 100, 4096]))
        where = self.rng.choice(["before", "after", "both"])
        data = self.net.base
        if where in ("before", "both"):
            data = junk + data
        if where in ("after", "both"):
            data = data + junk
        return f"junk-{where}", data

    def overwrite(self):
        data = bytearray(self.net.base)
        n = self.rng.choice([1, 4, 16, 200])
        i = self.rng.randrange(max(1, len(data) - n))
        data[i:i + n] = self.rng.choice([os.urandom(n), b"\xff" * n, b"\x00" * n])
        return "overwrite", bytes(data)

    # -- zip entries -----------------------------------------------------------------------------------
    def rename_entry(self):
        items = list(self.entries.items())
        i = self.rng.randrange(len(items))
        new = self.rng.choice(["changes.jsonl", "reference.jsonl", "enrol.json", "manifest.sig", "MANIFEST.JSON",
                               "/", "./", f"../{ESCAPE}", f"/tmp/{ESCAPE}", f"sub/{items[i][0]}", "changes.jsonl\x00",
                               "清单.json", items[i][0] + " ", "[Content_Types].xml"])
        items[i] = (new, items[i][1])
        return "rename-entry", write_zip(items)

    def duplicate_entry(self):
        items = list(self.entries.items())
        name, data = self.rng.choice(items)
        twin = self.rng.choice([data, data[: len(data) // 2], b"{}", os.urandom(64)])
        items.insert(self.rng.randrange(len(items) + 1), (name, twin))
        return "duplicate-entry", write_zip(items)

    def drop_entry(self):
        items = list(self.entries.items())
        items.pop(self.rng.randrange(len(items)))
        return "drop-entry", write_zip(items)

    # -- zip headers -----------------------------------------------------------------------------------
    def _patch(self, local_off: int, central_off: int, fmt: str, value: int, where: str) -> bytes:
        data = bytearray(self.net.base)
        local, central = _headers(bytes(data))
        k = self.rng.randrange(min(len(local), len(central)))
        if where in ("local", "both"):
            struct.pack_into(fmt, data, local[k] + local_off, value)
        if where in ("central", "both"):
            struct.pack_into(fmt, data, central[k] + central_off, value)
        return bytes(data)

    def patch_method(self):
        method = self.rng.choice([1, 2, 6, 9, 12, 14, 19, 93, 95, 96, 97, 98, 99, 0xFFFF, 0])
        where = self.rng.choice(["local", "central", "both", "both"])
        return f"method-{method}-{where}", self._patch(8, 10, "<H", method, where)

    def patch_flags(self):
        flag = self.rng.choice([0x1, 0x8, 0x20, 0x40, 0x800, 0x41, 0xFFFF])
        where = self.rng.choice(["local", "central", "both"])
        return f"flags-{flag:#x}-{where}", self._patch(6, 8, "<H", flag, where)

    def patch_version(self):
        version = self.rng.choice([46, 51, 63, 64, 100, 255, 0xFFFF])
        where = self.rng.choice(["local", "central", "both"])
        return f"version-{version}-{where}", self._patch(4, 6, "<H", version, where)

    def patch_header(self):
        field_ = self.rng.choice(["crc", "csize", "usize", "namelen", "extralen", "offset", "disk"])
        spec = {"crc": (14, 16, "<I"), "csize": (18, 20, "<I"), "usize": (22, 24, "<I"),
                "namelen": (26, 28, "<H"), "extralen": (28, 30, "<H"), "offset": (None, 42, "<I"),
                "disk": (None, 34, "<H")}[field_]
        value = self.rng.choice([0, 1, 0xFFFF, 0xFFFFFFFF, 0x7FFFFFFF, 4, 37])
        if spec[2] == "<H":
            value &= 0xFFFF
        where = "central" if spec[0] is None else self.rng.choice(["local", "central", "both"])
        return f"header-{field_}-{where}", self._patch(spec[0] or 0, spec[1], spec[2], value, where)

    # -- the manifest, re-signed -----------------------------------------------------------------------------
    def _paths(self, value, prefix=()):
        out = [prefix] if prefix else []
        if isinstance(value, dict):
            for k, v in value.items():
                out += self._paths(v, prefix + (k,))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                out += self._paths(v, prefix + (i,))
        return out

    def manifest_field(self):
        m = json.loads(json.dumps(self.manifest))
        path = self.rng.choice(self._paths(m))
        parent = m
        for k in path[:-1]:
            parent = parent[k]
        key = path[-1]
        action = self.rng.choices(["set", "delete", "unknown"], [8, 2, 1])[0]
        if action == "delete" and isinstance(parent, dict):
            del parent[key]
        elif action == "unknown" and isinstance(parent, dict):
            parent[f"x-{self.rng.randrange(99)}"] = pick_value(self.rng)
        else:
            specials = {"package_id": [f"../../{ESCAPE}", f"/tmp/{ESCAPE}", str(uuid.uuid4())],
                        "site_id": [self.net.jj_id, self.net.city_id, self.net.tx_id, str(uuid.uuid4())],
                        "base_upto": [10**6, 0], "reference_version": [10**6], "kind": ["full"],
                        "format": [2, 99], "min_reader": [2, 99]}
            choices = hostile_values(self.rng) + specials.get(key, []) * 3 if isinstance(key, str) else \
                hostile_values(self.rng)
            parent[key] = self.rng.choice(choices)
        files = {k: v for k, v in self.entries.items() if k not in ("manifest.json", "manifest.sig")}
        keep_meta = "files" in path
        if "reference_version" in path and self.rng.random() < 0.5:
            files["reference.jsonl"] = files["changes.jsonl"]
        return f"manifest-{action}-{'.'.join(map(str, path))}", self.signed(m, files, keep_meta=keep_meta)

    # -- change lines, re-signed ---------------------------------------------------------------------------
    def _line(self):
        lines = json.loads(json.dumps(self.lines))
        i = self.rng.randrange(len(lines))
        return lines, i

    def entry_field(self):
        lines, i = self._line()
        e = lines[i]
        key = self.rng.choice(["o", "c", "h", "t", "r", "op", "d", "b", "a", "at"])
        action = self.rng.choices(["set", "delete", "unknown"], [8, 2, 1])[0]
        if action == "delete":
            e.pop(key, None)
        elif action == "unknown":
            e[f"x{self.rng.randrange(9)}"] = pick_value(self.rng)
        else:
            specials = {"o": [self.net.jj_id, self.net.city_id, str(uuid.uuid4())],
                        "c": [2**63 - 1, 2**63, 0, 1, "1"], "h": [2**63 - 1, 2**63, 0],
                        "t": self.tables + ["sqlite_master", "sync_peers", "local_state", "change_log"],
                        "r": [self.net.tx_id, self.net.city_id, "light_limits", str(uuid.uuid4())],
                        "op": ["I", "U", "D", "i", "X"]}
            e[key] = self.rng.choice(hostile_values(self.rng) + specials.get(key, []) * 4)
        return f"entry-{action}-{key}", self.with_lines(lines)

    def data_field(self):
        lines, i = self._line()
        e = lines[i]
        d = e.get("d") or {}
        if not d:
            return self.entry_field()
        name = self.rng.choice(sorted(d))
        value = pick_value(self.rng)
        action = self.rng.choices(["set", "delete", "unknown", "pair"], [10, 2, 2, 2])[0]
        if action == "delete":
            del d[name]
        elif action == "unknown":
            d[self.rng.choice(["id", "name_norm", "x", "__class__", ""])] = value
        elif e.get("op") == "I":
            d[name] = value
        elif action == "pair":
            d[name] = self.rng.choice([value, [value], [None, value, 1], {}])
        else:
            d[name] = [d[name][0] if isinstance(d[name], list) and d[name] else None, value]
        return f"data-{action}-{e.get('t')}.{name}", self.with_lines(lines)

    def typed_value(self, table: str, column: str):
        """A value of the column's type that points somewhere it should not: a
        record that does not exist, another site's record, another's number."""
        from sqlalchemy import Boolean, Date, Integer

        from zsdesk.db.models import SYNCED_MODELS
        from zsdesk.db.types import ScaledDecimal, UTCDateTime

        col = SYNCED_MODELS[table].__table__.c[column]
        t, rng, net = col.type, self.rng, self.net
        if column.endswith("_id") or column == "row_id":
            return rng.choice([str(uuid.uuid4()), net.ids["jj_company"], net.city_id, net.jj_id, net.tx_id,
                               net.ids["jj_unit"], net.ids["project"], None])
        if column == "number":
            return rng.choice(["JJ-U01-C2026-0001", "TX-U01-C2026-0001", "TX-U01-2026-0001", "X"])
        if isinstance(t, ScaledDecimal):
            return rng.choice(["0", "-1", "9223372036854", "9223372036855", "1e12", "0.0000001", 5, "1E+3"])
        if isinstance(t, UTCDateTime):
            return rng.choice(["2026-06-01T00:00:00+00:00", "2026-06-01T00:00:00Z", "1900-01-01T00:00:00+08:00"])
        if isinstance(t, Date):
            return rng.choice(["2026-06-01", "1900-01-01", "9999-12-31", "2026-02-30"])
        if isinstance(t, Boolean):
            return rng.choice([True, False, 0, 1])
        if isinstance(t, Integer):
            return rng.choice([0, -1, 2**63 - 1, -2**63, 7])
        return rng.choice(["改", "", "x" * 3000, "TX-U01", "county", "city", "deleted"])

    def typed_field(self):
        """An entry whose fields all have valid types — valid values, in the wrong place."""
        lines, i = self._line()
        e = lines[i]
        table = e.get("t")
        if table not in self.columns:
            return self.data_field()
        for _ in range(self.rng.randint(1, 3)):
            column = self.rng.choice(self.columns[table])
            value = self.typed_value(table, column)
            if e["op"] == "I":
                e["d"][column] = value
            else:
                e["d"][column] = [None, value]
        return f"typed-{e['op']}-{table}", self.with_lines(lines)

    def entry_line(self):
        lines = [_dumps(e) for e in self.lines]
        i = self.rng.randrange(len(lines))
        action = self.rng.choice(["junk", "half", "empty", "dup", "drop", "array", "number", "deep", "nan",
                                  "two", "bom", "shuffle"])
        if action == "junk":
            lines[i] = os.urandom(40)
        elif action == "half":
            lines[i] = lines[i][: len(lines[i]) // 2]
        elif action == "empty":
            lines[i] = b"   "
        elif action == "dup":
            lines.insert(i, lines[i])
        elif action == "drop":
            lines.pop(i)
        elif action == "array":
            lines[i] = b"[" + lines[i] + b"]"
        elif action == "number":
            lines[i] = self.rng.choice([b"1", b"1e999", b"-0", b"null", b"true", b'"x"'])
        elif action == "deep":
            lines[i] = b"[" * 100_000 + b"]" * 100_000
        elif action == "nan":
            lines[i] = lines[i].replace(b'"c":', b'"c":NaN,"_":', 1)
        elif action == "two":
            lines[i] = lines[i] + b"," + lines[i]
        elif action == "bom":
            lines[i] = b"\xef\xbb\xbf" + lines[i]
        else:
            self.rng.shuffle(lines)
        return f"line-{action}", self.with_lines(lines)

    # -- entries that attack identity or rights -------------------------------------------------------------
    def identity_attack(self):
        net, rng = self.net, self.rng
        other_key = base64.b64encode(os.urandom(32)).decode()
        attack = rng.choice(["role-update", "keys-update", "fingerprint-update", "insert-other-keys",
                             "insert-city-role", "insert-foreign-site", "attachment-path", "jj-keys",
                             "deleted-site"])
        if attack == "role-update":
            e = self.new_entry("sites", net.tx_id, "U", {"role": ["county", "city"]})
        elif attack == "keys-update":
            e = self.new_entry("sites", net.tx_id, "U", {"public_key": [net.tx_sign, other_key],
                                                         "box_key": [net.tx_box, other_key]})
        elif attack == "jj-keys":
            e = self.new_entry("sites", net.tx_id, "U", {"public_key": [net.tx_sign, net.jj_sign]})
        elif attack == "fingerprint-update":
            e = self.new_entry("sites", net.tx_id, "U", {"fingerprint": [None, "0000:0000"]})
        elif attack == "deleted-site":
            e = self.new_entry("sites", net.tx_id, "D", {"deleted": [False, True]})
        elif attack in ("insert-other-keys", "insert-city-role", "insert-foreign-site"):
            site_id = str(uuid.uuid4()) if attack == "insert-foreign-site" else net.tx_id
            e = self.new_entry("sites", site_id, "I", {
                "code": "TX-U01" if site_id == net.tx_id else "XX-U09", "name": "伪造站点",
                "role": "city" if attack == "insert-city-role" else "county",
                "public_key": other_key if attack == "insert-other-keys" else net.tx_sign,
                "fingerprint": None, "box_key": other_key, "owner_site_id": site_id, "deleted": False})
        else:
            e = self.new_entry("attachments", str(uuid.uuid4()), "I", {
                "tbl": "projects", "row_id": net.ids["project"], "kind": "合同", "filename": "a.pdf",
                "sha256": rng.choice([f"../../../../{ESCAPE}", "A" * 64, "0" * 63 + "\n", "../" * 21 + "x"]),
                "size": 10, "owner_site_id": net.tx_id, "deleted": False})
        lines = json.loads(json.dumps(self.lines)) + [e]
        return f"identity-{attack}", self.with_lines(lines)

    def foreign_entry(self):
        """An entry in another site's name, or of a table a county may not write."""
        net, rng = self.net, self.rng
        attack = rng.choice(["other-origin", "city-table", "seed-origin", "edit-jj-company", "reference-file"])
        if attack == "other-origin":
            lines = json.loads(json.dumps(self.lines))
            lines[rng.randrange(len(lines))]["o"] = rng.choice([net.jj_id, net.city_id])
        elif attack == "city-table":
            lines = json.loads(json.dumps(self.lines)) + [self.new_entry("settings", "light_limits", "U", {
                "value": ["{}", '{"rush_days": 99}']})]
        elif attack == "seed-origin":
            from zsdesk.seed import SEED_SITE_ID

            lines = json.loads(json.dumps(self.lines)) + [self.new_entry(
                "industries", str(uuid.uuid4()), "I", {c: None for c in self.columns["industries"]},
                origin=SEED_SITE_ID)]
        elif attack == "edit-jj-company":
            lines = json.loads(json.dumps(self.lines)) + [self.new_entry(
                "companies", net.ids["jj_company"], "U", {"name": ["靖江港口物流有限公司", "被改名"]})]
        else:
            m = dict(self.manifest, reference_version=10**6)
            files = {k: v for k, v in self.entries.items() if k not in ("manifest.json", "manifest.sig")}
            files["reference.jsonl"] = files["changes.jsonl"]
            return "foreign-reference-file", self.signed(m, files)
        return f"foreign-{attack}", self.with_lines(lines)

    # -- sealed ----------------------------------------------------------------------------------------
    def sealed(self):
        from zsdesk.sync.crypto import seal

        kind, inner = self.rng.choice([self.manifest_field, self.entry_field, self.data_field, self.typed_field,
                                       self.identity_attack, self.rename_entry, self.patch_method])()
        return f"sealed-{kind}", seal(self.net.city_box, inner, to_site=self.net.city_id)

    def sealed_damage(self):
        from zsdesk.sync.crypto import SEALED_MAGIC, seal

        data = seal(self.net.city_box, self.net.base, to_site=self.net.city_id)
        start = len(SEALED_MAGIC)
        n = int.from_bytes(data[start:start + 4], "big")
        header, rest = json.loads(data[start + 4:start + 4 + n]), data[start + 4 + n:]
        action = self.rng.choice(["flip", "cut", "header-value", "header-type", "length"])
        if action == "flip":
            bad = bytearray(data)
            bad[self.rng.randrange(len(bad))] ^= 1 << self.rng.randrange(8)
            return "sealed-flip", bytes(bad)
        if action == "cut":
            return "sealed-cut", data[:self.rng.randrange(len(data))]
        if action == "length":
            return "sealed-length", SEALED_MAGIC + self.rng.choice([0, 3, 2**32 - 1]).to_bytes(4, "big") + \
                data[start + 4:]
        if action == "header-value":
            header[self.rng.choice(sorted(header))] = pick_value(self.rng)
            text = _dumps(header)
        else:
            text = self.rng.choice([b"[]", b"1", b'"x"', b"null", b"{}", b'{"to":5,"epk":5,"nonce":5}'])
        return f"sealed-{action}", SEALED_MAGIC + len(text).to_bytes(4, "big") + text + rest

    # -- all --------------------------------------------------------------------------------------------
    def next(self) -> tuple[str, bytes]:
        make = self.rng.choices([k for k, _ in self.kinds], [w for _, w in self.kinds])[0]
        return make()


# --- running ------------------------------------------------------------------------------------------

def identity(ws) -> list[tuple]:
    """Every site's role and keys, as sites rows and as enrolled peers."""
    from sqlalchemy import select

    from zsdesk.db.models import Site, SyncPeer

    with ws.read() as s:
        sites = sorted(tuple(r) for r in s.execute(select(Site.id, Site.role, Site.public_key, Site.box_key,
                                                           Site.fingerprint, Site.deleted)))
        peers = sorted(tuple(r) for r in s.execute(select(SyncPeer.site_id, SyncPeer.role, SyncPeer.sign_key,
                                                           SyncPeer.box_key)))
    return sites + peers


def digest(ws) -> str:
    """A logical digest of the whole database: every row of every table (small here)."""
    from sqlalchemy import select

    from zsdesk.db.models import Base

    h = hashlib.sha256()
    with ws.read() as s:
        for table in Base.metadata.sorted_tables:
            rows = sorted(repr(tuple(r)) for r in s.execute(select(table)))
            h.update(f"{table.name}:{len(rows)}\n".encode())
            for r in rows:
                h.update(r.encode())
    return h.hexdigest()


@dataclass
class Report:
    mutants: int = 0
    refused: collections.Counter = field(default_factory=collections.Counter)   # by code
    applied: collections.Counter = field(default_factory=collections.Counter)   # by status
    crashes: list = field(default_factory=list)        # (kind, trace): exit 1
    changed: list = field(default_factory=list)        # refused, yet the database changed
    identity: list = field(default_factory=list)       # applied and a site's role or keys changed
    escaped: list = field(default_factory=list)        # a file named after a hostile value exists
    kinds: collections.Counter = field(default_factory=collections.Counter)
    examples: dict = field(default_factory=dict)       # code -> a few (kind, reason)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.changed or self.identity or self.escaped)

    def text(self) -> str:
        refused = sum(self.refused.values())
        applied = sum(self.applied.values())
        lines = [f"mutants {self.mutants}: refused {refused}, applied {applied} "
                 f"({', '.join(f'{k} {v}' for k, v in sorted(self.applied.items())) or '-'}), "
                 f"exit-1 {len(self.crashes)}; refused but changed {len(self.changed)}; "
                 f"site role/keys changed {len(self.identity)}; files escaped {len(self.escaped)} "
                 f"({self.seconds:.0f} s)",
                 "refused by code: " + ", ".join(f"{k} {v}" for k, v in self.refused.most_common())]
        for code, shown in sorted(self.examples.items()):
            for kind, reason in shown:
                lines.append(f"  e.g. {code} ({kind}): {reason[:160]}")
        for kind, trace in self.crashes[:10]:
            lines.append(f"CRASH {kind}:\n{trace}")
        for kind in self.changed[:10]:
            lines.append(f"CHANGED AFTER REFUSAL: {kind}")
        for kind in self.identity[:10]:
            lines.append(f"SITE ROLE/KEYS CHANGED: {kind}")
        for path in self.escaped[:10]:
            lines.append(f"ESCAPED FILE: {path}")
        return "\n".join(lines)


def _escaped(root: Path) -> list[str]:
    places = [root, root.parent, Path(tempfile.gettempdir()), Path("/tmp")]
    found = []
    for place in places:
        try:
            found += [str(p) for p in place.glob(f"*{ESCAPE}*")]
        except OSError:
            pass
    found += [str(p) for p in root.rglob(f"*{ESCAPE}*")]
    return sorted(set(found))


def run(mutants: int, seed: int, root: Path, *, via_cli: bool = False, progress=None) -> Report:
    """Build the network in ``root``, then import ``mutants`` mutants into its city."""
    from zsdesk.errors import ZsdeskError
    from zsdesk.sync import exchange
    from zsdesk.sync.package import PackageRefused

    started = time.monotonic()
    net = build_network(root)
    rng = random.Random(seed)
    mutator = Mutator(net, rng)
    report = Report()
    incoming = root / "in"
    incoming.mkdir(exist_ok=True)
    city = _workspace(net.city_db)
    before, before_id = digest(city), identity(city)
    # the base itself applies (on a copy): the mutants start from a valid package
    probe = root / "probe.db"
    _copy_db(net.pristine, probe)
    probe_ws = _workspace(probe)
    (incoming / "base.zsync").write_bytes(net.base)
    assert exchange.import_package(probe_ws, incoming / "base.zsync").status == "applied"
    probe_ws.close()
    for i in range(mutants):
        kind, data = mutator.next()
        report.mutants += 1
        report.kinds[kind.split("-")[0]] += 1
        path = incoming / f"TX-U01-TZ-CITY-{i}.zsync"
        path.write_bytes(data)
        status = None
        try:
            if via_cli:
                status = _import_cli(net.city_db, path, report, kind)
            else:
                result = exchange.import_package(city, path)
                status = result.status
                if status == "applied" and result.report and result.report.refused:
                    status = "applied, rows refused"
        except PackageRefused as exc:
            report.refused[exc.code] += 1
            shown = report.examples.setdefault(exc.code, [])
            if len(shown) < 3:
                shown.append((kind, exc.reason))
        except ZsdeskError as exc:
            report.refused[type(exc).__name__] += 1
        except Exception:
            report.crashes.append((kind, traceback.format_exc(limit=6)))
        path.unlink()
        if status == "refused":
            pass
        elif status is not None:
            report.applied[status] += 1
            if identity(city) != before_id:
                report.identity.append(kind)
            city.close()
            _copy_db(net.pristine, net.city_db)
            shutil.rmtree(exchange.pending_folder(city), ignore_errors=True)
            city = _workspace(net.city_db)
        if status in (None, "refused"):
            now = digest(city)
            if now != before:
                report.changed.append(kind)
                city.close()
                _copy_db(net.pristine, net.city_db)
                city = _workspace(net.city_db)
        if i % 100 == 99:
            shutil.rmtree(root / "backups", ignore_errors=True)
            if progress:
                progress(f"{i + 1} mutants, {len(report.crashes)} crashes, {time.monotonic() - started:.0f} s")
    city.close()
    report.escaped = _escaped(root)
    report.seconds = time.monotonic() - started
    return report


def _import_cli(db: Path, path: Path, report: Report, kind: str) -> str | None:
    """``zsdesk --db DB sync import FILE --json``: exit 0 (applied …), 2 (refused), 1 (a bug)."""
    import contextlib

    from zsdesk.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--db", str(db), "sync", "import", str(path), "--json"])
    if code == 0:
        return json.loads(out.getvalue())["status"]
    if code == 2:
        report.refused["cli-exit-2"] += 1
        return "refused"
    report.crashes.append((kind, f"exit {code}: {err.getvalue()[-2000:]}"))
    return "refused"


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--mutants", type=int, default=DEFAULT_MUTANTS)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--cli", action="store_true", help="import through `zsdesk sync import` (exit codes)")
    p.add_argument("--out", metavar="DIR", help="keep the databases in DIR (default: a temporary folder)")
    args = p.parse_args(argv)
    root = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="zsdesk-fuzz-"))
    print(f"zsdesk sync fuzz — {args.mutants} mutants, seed {args.seed}, files in {root}", flush=True)
    report = run(args.mutants, args.seed, root, via_cli=args.cli, progress=lambda t: print("  " + t, flush=True))
    print(report.text())
    print("kinds: " + ", ".join(f"{k} {v}" for k, v in sorted(report.kinds.items())))
    if not args.out:
        shutil.rmtree(root, ignore_errors=True)
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
