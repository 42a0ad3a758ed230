"""Helpers shared by the sync tests (no tests here): a small network of sites —
the city and counties, each with its own real database — that exchange package
files through a folder (the USB stick), and dumps of databases to compare.

Import from the test modules: ``from test_sync_kit import Net, dump_all, ...``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from decimal import Decimal
from pathlib import Path

from sqlalchemy import insert, select, text, update

from support import CITY, TODAY, OpenedDatabases
from zsdesk.db.models import (
    SYNCED_MODELS, Base, ChangeLog, Company, Conflict, LocalState, Project, Site, Target, Unit,
)
from zsdesk.hlc import unpack
from zsdesk.services import init_site
from zsdesk.sync import exchange
from zsdesk.sync.package import PackageRefused

COUNTY_NAMES = {"TX-U01": "泰兴高新区招商单元", "JJ-U01": "靖江经开区招商单元", "XH-U01": "兴化招商单元"}
DAY_MS = 24 * 3600 * 1000


# --- dumps ------------------------------------------------------------------------------------

def _plain(value):
    if isinstance(value, (dt.date, dt.datetime, Decimal)):
        return f"{type(value).__name__}:{value.isoformat() if hasattr(value, 'isoformat') else value}"
    return value


def dump_all(ws, *, volatile: dict[str, set[str]] | None = None) -> dict[str, list[tuple]]:
    """Every table of the schema (synced records, change log, conflicts, peers,
    packages, local state …), rows sorted by primary key. Columns named in
    ``volatile`` ({table: {column}}) are left out."""
    volatile = volatile or {}
    out = {}
    with ws.read() as s:
        for table in Base.metadata.sorted_tables:
            skip = volatile.get(table.name, set())
            cols = [c for c in table.columns if c.key not in skip]
            pk = [c.key for c in table.primary_key.columns]
            rows = [tuple((c.key, _plain(r[c.key])) for c in cols)
                    for r in s.execute(select(table)).mappings()]
            rows.sort(key=lambda row: tuple(str(dict(row)[k]) for k in pk if k not in skip))
            out[table.name] = rows
    return out


def dump_synced(ws) -> dict[str, object]:
    """What sync must make equal, whatever order packages arrived in: the values
    of every synced table (not the local derived columns), the set of change-log
    entries held (stamps, data and bases — not local seq, source or receive
    time), and the open conflicts (record, field, versions, winner)."""
    out: dict[str, object] = {}
    with ws.read() as s:
        for name, model in sorted(SYNCED_MODELS.items()):
            table = model.__table__
            cols = [c for c in table.columns if c.key not in model.__local__]
            out[name] = sorted((tuple((c.key, _plain(r[c.key])) for c in cols)
                                for r in s.execute(select(table)).mappings()), key=repr)
        out["change_log"] = sorted(
            (r.origin_site_id, r.counter, r.hlc, r.tbl, r.row_id, r.op,
             json.dumps(json.loads(r.data), sort_keys=True, ensure_ascii=False),
             json.dumps(json.loads(r.base), sort_keys=True) if r.base else None)
            for r in s.scalars(select(ChangeLog)))
        out["open_conflicts"] = sorted(
            (c.tbl, c.row_id, c.field, json.loads(c.versions)[0]["token"],
             tuple(sorted(v["token"] for v in json.loads(c.versions))),
             tuple(sorted(json.dumps(v["value"], ensure_ascii=False) for v in json.loads(c.versions))))
            for c in s.scalars(select(Conflict).where(Conflict.status == "open")))
    return out


def diff_dumps(a: dict, b: dict) -> list[str]:
    """Readable differences between two dumps (for assertion messages)."""
    out = []
    for key in sorted(set(a) | set(b)):
        x, y = a.get(key), b.get(key)
        if x != y:
            xs, ys = set(map(repr, x or [])), set(map(repr, y or []))
            out.append(f"{key}: only left {sorted(xs - ys)[:3]} only right {sorted(ys - xs)[:3]}")
    return out


# --- copying a database (a restored backup, a fresh copy of the city) -------------------------------

def clone_database(databases, ws, name: str, **kw):
    """A copy of ``ws``'s database as a new workspace (same site, keys and state),
    on the same backend: every table copied row by row."""
    url = databases.url(name)
    target = databases.open(url)
    src_engine, dst_engine = ws.db.engine, target.engine
    with src_engine.connect() as src, dst_engine.begin() as dst:
        for table in Base.metadata.sorted_tables:
            rows = [dict(r) for r in src.execute(select(table)).mappings()]
            if not rows:
                continue
            self_refs = [c for c in table.columns if any(fk.column.table is table for fk in c.foreign_keys)]
            # nullable references to the same table are set afterwards; the others
            # (a site owned by itself or by the seed site) go parents first
            nullable = [c.key for c in self_refs if c.nullable]
            required = [c.key for c in self_refs if not c.nullable]
            later = [(r["id"], {k: r[k] for k in nullable}) for r in rows if any(r[k] for k in nullable)]
            for r in rows:
                for k in nullable:
                    r[k] = None
            ordered, done = [] if required else rows, set()
            while required and rows:
                ready = [r for r in rows if all(r[k] in done or r[k] == r["id"] for k in required)]
                assert ready, f"cycle in {table.name}"
                ordered += ready
                done.update(r["id"] for r in ready)
                rows = [r for r in rows if r["id"] not in done]
            dst.execute(insert(table), ordered)
            for rid, values in later:
                dst.execute(update(table).where(table.c.id == rid).values(**values))
        if dst_engine.dialect.name == "postgresql":
            dst.execute(text("SELECT setval(pg_get_serial_sequence('change_log', 'seq'), "
                             "COALESCE((SELECT max(seq) FROM change_log), 1))"))
    from zsdesk.services import Workspace

    kw.setdefault("today", lambda: TODAY)
    kw.setdefault("actor", "测试员")
    copy = Workspace(target, **kw)
    databases._open.append(copy)
    return copy


class FileDatabases(OpenedDatabases):
    """SQLite files in one folder, with the interface of conftest's ``Databases``
    (for networks built once per module)."""

    is_pg = False
    backend = "sqlite"

    def __init__(self, root: Path):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self._open: list = []

    def url(self, name: str) -> str:
        return f"sqlite:///{self.root / f'{name}.db'}"


# --- the network ------------------------------------------------------------------------------

class Net:
    """The city and its counties, each with its own database, enrolled through
    setup files. ``box`` is the folder files travel in."""

    def __init__(self, databases, tmp_path: Path, codes=("TX-U01", "JJ-U01"), *, walls=None, city_wall=None):
        walls = walls or {}
        self.databases = databases
        self.box = tmp_path / "box"
        self.box.mkdir(exist_ok=True)
        self.city = databases.workspace(databases.url("city"), wall=city_wall)
        init_site(self.city, **CITY)
        self.counties = {}
        self.units = {}
        for code in codes:
            self.units[code] = self.city.reference.units.create({"code": code, "name": COUNTY_NAMES[code]})
            setup = exchange.make_setup_file(self.city, code, tmp_path / f"setup-{code}.json")
            ws = databases.workspace(databases.url(code.lower().replace("-", "_")), wall=walls.get(code))
            exchange.join(ws, setup)
            self.counties[code] = ws

    def __getitem__(self, code: str):
        return self.counties[code]

    # -- moving files --------------------------------------------------------------------------------
    def export(self, ws, to: str | None = None, **kw) -> Path:
        out = kw.pop("out", self.box)
        return exchange.export_package(ws, out, to_code=to, **kw).path

    def imp(self, ws, path, **kw):
        """Import, trusting the sender's fingerprint (as a person would after checking it)."""
        kw.setdefault("trust", self.fingerprint_of_file_sender(path))
        return exchange.import_package(ws, path, **kw)

    def fingerprint_of_file_sender(self, path) -> str | None:
        name = Path(path).name
        for ws in [self.city, *self.counties.values()]:
            if name.startswith(ws.site.code + "-"):
                return fingerprint(ws)
        return None

    def up(self, code: str, **kw):
        """The county exports, the city imports."""
        return self.imp(self.city, self.export(self[code], **kw))

    def down(self, code: str, **kw):
        """The city exports to the county, the county imports."""
        return self.imp(self[code], self.export(self.city, to=code, **kw))

    def round_trip(self, codes=None):
        codes = list(codes or self.counties)
        ups = {c: self.up(c) for c in codes}
        downs = {c: self.down(c) for c in codes}
        return ups, downs

    # -- data -------------------------------------------------------------------------------------------
    def own_unit(self, code: str) -> str:
        return self.units[code]


def shared_project_net(databases, tmp_path, **kw) -> Net:
    """TX owns a project shared with JJ (飞地: JJ is the 飞出地); the city has set a
    target for JJ; everything has gone round once, so JJ holds TX's project and company."""
    net = Net(databases, tmp_path, **kw)
    tx, jj, city = net["TX-U01"], net["JJ-U01"], net.city
    company = tx.companies.create({"name": "飞地项目投资有限公司"})
    project = tx.projects.create({"unit_id": net.units["TX-U01"], "company_id": company, "name": "飞地项目",
                                  "contract_date": "2026-03-01", "contract_investment": "2亿", "jobs": 50})
    net.up("TX-U01")
    net.up("JJ-U01")
    city.projects.add_referral(project, net.units["JJ-U01"], "40%", "2026-03-05")
    target = city.reference.set_target(2026, net.units["JJ-U01"], "visits", 40)
    net.down("TX-U01")
    net.down("JJ-U01")
    with jj.read() as s:
        assert s.get(Project, project) is not None and s.get(Company, company) is not None
        assert s.get(Target, target) is not None
    net.ids = {"company": company, "project": project, "target": target}
    return net


def fingerprint(ws) -> str:
    with ws.read() as s:
        return s.get(Site, ws.site.id).fingerprint


def local_hlc(ws) -> int:
    with ws.read() as s:
        return int(s.get(LocalState, "hlc").value)


def hlc_wall_ms(stamp: int) -> int:
    return unpack(stamp)[0]


def unit_of(ws, code: str) -> str:
    with ws.read() as s:
        return s.scalar(select(Unit.id).where(Unit.code == code))


def refuse(ws, path, **kw) -> PackageRefused:
    """Import ``path`` expecting a refusal; returns it."""
    try:
        result = exchange.import_package(ws, path, **kw)
    except PackageRefused as exc:
        return exc
    raise AssertionError(f"not refused: {result.status} {result.message}")


# --- zips built by hand ----------------------------------------------------------------------------

def read_zip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def write_zip(entries: dict[str, bytes], *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()
