"""Export and import of packages, enrolment, acknowledgements and the pending queue."""

from __future__ import annotations

import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import DataError, IntegrityError

from zsdesk import __version__
from zsdesk.batch import chunks, gc_paused
from zsdesk.db.engine import HEAD_REVISION
from zsdesk.db.models import (
    SYNCED_MODELS, Alert, ChangeLog, LocalState, Referral, Review, ReviewStep, Site, SyncPackage, SyncPeer, Unit,
)
from zsdesk.db.types import new_id, utcnow
from zsdesk.errors import RefusedError
from zsdesk.seed import SEED_SITE_ID
from zsdesk.hlc import unpack, wall_millis
from zsdesk.sync import EXTENSION, FORMAT, MIN_READER
from zsdesk.sync import crypto, schema
from zsdesk.sync.engine import ApplyReport, BadEntry, Entry, Merger, entries_valid, validate_entry
from zsdesk.sync.package import OpenedPackage, PackageRefused, build, open_bytes
from zsdesk.timefmt import format_timestamp, to_beijing

REFERENCE_TABLES = ("sites", "units", "industries", "targets", "scoring_rules", "settings")


class _Rollback(Exception):
    """Raised inside a write transaction to undo a preview."""


def _state(ws) -> dict[str, str]:
    with ws.read() as s:
        return dict(s.execute(select(LocalState.key, LocalState.value)).all())


def _peer(ws, site_id: str) -> SyncPeer | None:
    with ws.read() as s:
        return s.get(SyncPeer, site_id)


def peers(ws) -> list[SyncPeer]:
    with ws.read() as s:
        return list(s.scalars(select(SyncPeer).order_by(SyncPeer.code)))


def _jsonl(entries) -> bytes:
    return b"".join(json.dumps(e.to_json(), ensure_ascii=False, separators=(",", ":")).encode() + b"\n"
                    for e in entries)


def _parse_jsonl(data: bytes, name: str) -> list[Entry]:
    """The entries of a data file, typed by ``schema.Change`` and checked by
    ``validate_entry``; refused naming the line and the field at the first bad one.
    The checks are made for the whole file at once (``entries_valid``); only a
    file that fails them is read again entry by entry, for the message."""
    entries = schema.decode_changes(data, name, Entry)
    if entries_valid(entries):
        return entries
    return schema.decode_changes(data, name, Entry, check=validate_entry)


# --- export --------------------------------------------------------------------

@dataclass
class ExportResult:
    path: Path
    seq: int
    entries: int
    reference_entries: int
    size: int
    encrypted: bool
    verified: bool


def _select_for_city(ws, s, peer: SyncPeer, since: int) -> list[Entry]:
    """A county's package: everything it wrote that the city has not acknowledged
    (what it received from the city — other sites' records — the city has already)."""
    rows = s.scalars(select(ChangeLog).where(ChangeLog.seq > since,
                                             ChangeLog.origin_site_id == ws.site.id)
                     .order_by(ChangeLog.seq))
    return Entry.from_rows(s, rows)


def _closure(s, start: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Rows reachable from ``start`` along foreign keys (reference tables excluded:
    they travel in the snapshot)."""
    seen = set(start)
    todo = list(start)
    while todo:
        by_table: dict[str, list[str]] = defaultdict(list)
        for t, rid in todo:
            by_table[t].append(rid)
        todo = []
        for t, ids in by_table.items():
            table = SYNCED_MODELS[t].__table__
            fks = [(c, next(iter(c.foreign_keys)).column.table.name) for c in table.columns if c.foreign_keys]
            fks = [(c, target) for c, target in fks if target not in REFERENCE_TABLES]
            if not fks:
                continue
            for i in range(0, len(ids), 500):
                for row in s.execute(select(*[c for c, _ in fks]).where(table.c.id.in_(ids[i:i + 500]))):
                    for (_column, target), value in zip(fks, row):
                        if value and (target, value) not in seen:
                            seen.add((target, value))
                            todo.append((target, value))
    return seen


def _select_for_county(ws, s, peer: SyncPeer, since: int) -> tuple[list[Entry], list[Entry]]:
    """The city's package for one county: (changes, reference snapshot)."""
    county = peer.site_id
    units = set(s.scalars(select(Unit.id).where(Unit.site_id == county)))
    # shared projects (飞地) of the county, their children and what they refer to
    start: set[tuple[str, str]] = set()
    for r in s.execute(select(Referral.id, Referral.project_id).where(
            (Referral.from_unit_id.in_(units)) | (Referral.to_unit_id.in_(units)))):
        start.add(("referrals", r.id))
        start.add(("projects", r.project_id))
        for t in ("project_stages", "capital_arrivals", "problems", "reviews"):
            model = SYNCED_MODELS[t]
            start.update((t, i) for i in s.scalars(select(model.id).where(model.project_id == r.project_id)))
    for a in s.scalars(select(Alert.id).where(Alert.unit_a_id.in_(units) | Alert.unit_b_id.in_(units))):
        start.add(("alerts", a))
    trees = _closure(s, start)
    rows: list = []
    by_table: dict[str, list[str]] = defaultdict(list)
    for t, rid in trees:
        by_table[t].append(rid)
    for t, ids in by_table.items():
        for i in range(0, len(ids), 500):
            rows.extend(s.scalars(select(ChangeLog).where(ChangeLog.tbl == t, ChangeLog.row_id.in_(ids[i:i + 500]),
                                                          ChangeLog.origin_site_id != county)))
    # the city's own writes since the last ack to the county's records, and its 预审
    # steps of the county's reviews (a step is the city's row; the review says whose it is)
    for r in s.scalars(select(ChangeLog).where(ChangeLog.seq > since,
                                               ChangeLog.origin_site_id == ws.site.id,
                                               ChangeLog.tbl.not_in(REFERENCE_TABLES))):
        model = SYNCED_MODELS[r.tbl]
        if r.tbl == "review_steps":
            review = s.scalar(select(ReviewStep.review_id).where(ReviewStep.id == r.row_id))
            owner = s.scalar(select(Review.owner_site_id).where(Review.id == review))
            if owner == county or ("reviews", review) in trees:
                rows.append(r)
            continue
        owner = s.scalar(select(model.owner_site_id).where(model.id == r.row_id))
        if owner == county:
            rows.append(r)
    seen, unique = set(), []
    for r in sorted(rows, key=lambda r: r.seq):
        if r.seq not in seen:
            seen.add(r.seq)
            unique.append(r)
    changes = Entry.from_rows(s, unique)
    reference = Entry.from_rows(s, s.scalars(
        select(ChangeLog).where(ChangeLog.tbl.in_(REFERENCE_TABLES), ChangeLog.origin_site_id != county)
        .order_by(ChangeLog.seq)))
    return changes, reference


def _reference_version(s, exclude: str | None = None) -> int:
    """The version of the reference snapshot: the log position of its newest entry."""
    q = select(func.max(ChangeLog.seq)).where(ChangeLog.tbl.in_(REFERENCE_TABLES))
    if exclude:
        q = q.where(ChangeLog.origin_site_id != exclude)
    return s.scalar(q) or 0


def export_package(ws, out_dir, *, to_code: str | None = None, encrypt: bool = True,
                   full: bool = False, progress=None) -> ExportResult:
    """Write ``<from>-<to>-<seq>.zsync`` into ``out_dir``: everything the receiver
    has not acknowledged (``full``: everything, as if nothing was acknowledged —
    what a receiver asks for when its totals check fails; merged like any other). Written to a temporary name, flushed, renamed, then read
    back and verified."""
    site = ws.site
    state = _state(ws)
    with ws.read() as s:
        if to_code:
            peer = s.scalar(select(SyncPeer).where(SyncPeer.code == to_code.upper()))
        else:
            candidates = list(s.scalars(select(SyncPeer).where(SyncPeer.role == "city")))
            peer = candidates[0] if len(candidates) == 1 else None
        if peer is None:
            raise RefusedError(f"没有可导出的对象站点{('：' + to_code) if to_code else '（请用 --to 指定站点代码）'}")
        if not peer.sign_key or not peer.box_key:
            raise RefusedError(f"尚未收到站点“{peer.name}”的首个同步文件，还不能向其导出")
        if progress:
            progress("选取数据……")
        since = 0 if full else peer.acked_upto
        ref_version = None
        if site.is_city:
            changes, reference = _select_for_county(ws, s, peer, since)
            # The snapshot's version is where its newest entry sits in this log, so it
            # grows whenever the snapshot does — also when only another county's
            # ``sites`` row arrived (a county must know every site it gets records of).
            ref_version = _reference_version(s, exclude=peer.site_id) if reference else None
        else:
            changes, reference = _select_for_city(ws, s, peer, since), []
        upto = s.scalar(select(func.max(ChangeLog.seq))) or 0
        last_in = s.scalar(select(SyncPackage.summary).where(
            SyncPackage.peer_site_id == peer.site_id, SyncPackage.direction == "in",
            SyncPackage.status == "applied").order_by(SyncPackage.at.desc()).limit(1))
        totals = {}
        if not site.is_city:
            for name, model in SYNCED_MODELS.items():
                n = s.scalar(select(func.count()).select_from(model).where(model.owner_site_id == site.id))
                if n:
                    totals[name] = n
        my_site = s.get(Site, site.id)
        ack_at = None
        if peer.rx_upto:
            ack_at = peer.rx_at.isoformat() if peer.rx_at else None
    refused_back = json.loads(last_in).get("refused", []) if last_in else []
    seq = peer.tx_seq + 1
    hlcs = [e.hlc for e in changes + reference]
    origins: dict[str, list[int]] = {}
    for e in changes:
        lo_hi = origins.setdefault(e.origin, [e.counter, e.counter, 0])
        lo_hi[0], lo_hi[1], lo_hi[2] = min(lo_hi[0], e.counter), max(lo_hi[1], e.counter), lo_hi[2] + 1
    with ws.write(source="sync-export") as w:
        now_hlc = w.clock.now()
    manifest = {
        "format": FORMAT, "min_reader": MIN_READER, "package_id": new_id(), "app_version": __version__,
        "schema": HEAD_REVISION, "kind": "full" if since == 0 else "delta",
        "from": {"site_id": site.id, "code": site.code, "name": site.name, "role": site.role,
                 "fingerprint": my_site.fingerprint},
        "to": {"site_id": peer.site_id, "code": peer.code},
        "seq": seq, "prev": peer.tx_manifest, "base_upto": since, "upto": upto,
        "clock": {"min": min(hlcs) if hlcs else None, "max": max(hlcs) if hlcs else None, "now": now_hlc},
        "origins": origins, "totals": totals,
        "reference_version": ref_version,
        "acks": {"upto": peer.rx_upto, "seq": peer.rx_seq, "manifest": peer.rx_manifest, "at": ack_at,
                 "refused": refused_back[:1000]},
        "created_at": utcnow().isoformat(),
    }
    files = {"changes.jsonl": _jsonl(changes)}
    if reference:
        files["reference.jsonl"] = _jsonl(reference)
    if peer.rx_seq == 0 and not site.is_city:
        enrol = {"site_id": site.id, "code": site.code, "name": site.name, "role": site.role,
                 "sign_key": my_site.public_key, "box_key": my_site.box_key,
                 "fingerprint": crypto.key_fingerprint(my_site.public_key)}
        if state.get("enrol_secret"):
            enrol["mac"] = crypto.enrol_mac(state["enrol_secret"], site.id, my_site.public_key, my_site.box_key)
        files["enrol.json"] = json.dumps(enrol, ensure_ascii=False).encode()
    if progress:
        progress("打包签名……")
    data = build(manifest, files, state["private_key"])
    manifest_sha = crypto.sha256_hex(open_bytes(data).manifest_bytes)
    if encrypt:
        data = crypto.seal(peer.box_key, data, to_site=peer.site_id)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    final = out_dir / f"{site.code}-{peer.code}-{seq}{EXTENSION}"
    tmp = final.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, final)
    if progress:
        progress("读回校验……")
    verified = final.read_bytes() == data
    if not encrypt:
        opened = open_bytes(final.read_bytes())
        opened.verify_signature(my_site.public_key)
        opened.check_all_files()
    if not verified:
        raise RefusedError(f"写入后读回校验失败：{final}（U盘可能有问题，请换一个再试）")
    with ws.read() as s:
        p = s.get(SyncPeer, peer.site_id)
        p.tx_seq, p.tx_manifest, p.tx_upto = seq, manifest_sha, upto
        s.add(SyncPackage(package_id=manifest["package_id"], direction="out", peer_site_id=peer.site_id,
                          seq=seq, manifest_sha256=manifest_sha, status="exported", file_name=final.name,
                          at=utcnow(), summary=json.dumps({"entries": len(changes), "reference": len(reference),
                                                           "size": len(data)})))
    return ExportResult(final, seq, len(changes), len(reference), len(data), encrypt, verified)


# --- import --------------------------------------------------------------------

@dataclass
class ImportResult:
    status: str                     # applied / already / pending / preview
    message: str
    sender: str = ""
    seq: int = 0
    report: ApplyReport | None = None
    warnings: list[str] = field(default_factory=list)
    also_applied: list[ImportResult] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"status": self.status, "message": self.message, "from": self.sender, "seq": self.seq,
                "report": self.report.to_json() if self.report else None, "warnings": self.warnings,
                "refused": self.report.refused if self.report else [],
                "also_applied": [r.to_json() for r in self.also_applied]}


@dataclass
class _Verified:
    opened: OpenedPackage
    manifest: dict
    peer: SyncPeer
    enrol: dict | None
    raw: bytes


MAX_FILE_BYTES = 1 << 30


def _verify(ws, data: bytes, *, trust: str | None) -> _Verified:
    """Every check that needs no write: decryption, limits, format, sender,
    signature, addressee, file hashes."""
    state = _state(ws)
    site = ws.site
    if crypto.is_sealed(data):
        to = crypto.sealed_to(data)
        if to and to != site.id:
            raise PackageRefused("该文件不是发给本站点的", code="addressee")
        try:
            data = crypto.unseal(state["box_private_key"], data)
        except crypto.CryptoError as exc:
            raise PackageRefused(str(exc), code="decrypt") from None
        except Exception:
            raise PackageRefused("无法解密：文件不是加密给本站点的，或已损坏", code="decrypt") from None
    opened = open_bytes(data)
    m = opened.manifest  # every field's type and range checked (schema.Manifest: opened.meta)
    sender, to = opened.meta.from_.site_id, opened.meta.to.site_id
    if to != site.id:
        raise PackageRefused(f"该文件是发给站点“{opened.meta.to.code or to}”的，不是本站点", code="addressee")
    peer = _peer(ws, sender)
    if peer is None:
        raise PackageRefused(f"来自未登记站点“{m['from'].get('code')}”的文件：请先为其生成入网文件", code="unenrolled")
    enrol = _check_sender_key(opened, m, peer, sender, trust)
    return _Verified(opened, m, peer, enrol, data)


def import_package(ws, path, *, dry_run: bool = False, trust: str | None = None,
                   _from_queue: bool = False) -> ImportResult:
    """Verify, then preview (dry run) or apply a package in one transaction."""
    with gc_paused():
        return _import_package(ws, path, dry_run=dry_run, trust=trust, _from_queue=_from_queue)


def _import_package(ws, path, *, dry_run: bool, trust: str | None, _from_queue: bool) -> ImportResult:
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise PackageRefused(f"无法读取文件：{exc}", code="io") from None
    if size > MAX_FILE_BYTES:
        raise PackageRefused("文件过大", code="limits")
    raw = path.read_bytes()
    v = _verify(ws, raw, trust=trust)
    m, meta, peer = v.manifest, v.opened.meta, v.peer  # meta: the manifest, typed and checked
    sender_code = meta.from_.code or ""
    seq = meta.seq
    manifest_sha = v.opened.manifest_sha256
    with ws.read() as s:
        same = s.get(SyncPackage, meta.package_id)
        fork = s.scalar(select(SyncPackage).where(
            SyncPackage.peer_site_id == peer.site_id, SyncPackage.direction == "in", SyncPackage.seq == seq,
            SyncPackage.package_id != meta.package_id, SyncPackage.status == "applied"))
    if same is not None and same.status == "applied":
        return ImportResult("already", f"该文件（{sender_code} 第{seq}号）已导入过，本次未做任何改动",
                            sender_code, seq)
    if fork is not None:
        raise PackageRefused(f"{sender_code} 的第{seq}号文件与已导入的同号文件内容不同：对方可能恢复了备份或复制了电脑。"
                             f"已拒绝，请联系对方", code="fork")
    if meta.base_upto > peer.rx_upto:
        if dry_run:
            return ImportResult("pending", f"该文件缺少之前的文件（{sender_code} 第{peer.rx_seq + 1}号起），"
                                           "导入后将进入等待队列", sender_code, seq)
        if not _from_queue:  # a queued file that still does not connect stays queued as it is
            _queue(ws, path, raw, meta, manifest_sha)
        return ImportResult("pending", f"该文件与已导入的数据不衔接，已放入等待队列；"
                                       f"收到 {sender_code} 之前的文件后会自动导入", sender_code, seq)
    changes = _parse_jsonl(v.opened.read("changes.jsonl"), "changes.jsonl")
    reference = []
    ref_version = meta.reference_version
    if "reference.jsonl" in meta.files:
        if peer.role != "city":
            raise PackageRefused("参考数据只能来自市级", code="rights")
        if ref_version is not None and ref_version > peer.ref_version:
            reference = _parse_jsonl(v.opened.read("reference.jsonl"), "reference.jsonl")
    warnings: list[str] = []
    if not dry_run:
        ws.begin_import_session()  # integrity check and verified backup, once per session
    try:
        with ws.write(source=f"sync:{sender_code}#{seq}") as w:
            if not dry_run:
                ws.record_import_session(w.session)
            if v.enrol:
                _enrol(w.session, peer.site_id, v.enrol)
            merger = Merger(ws, w, source=f"sync:{sender_code}#{seq}", relayed_by_city=peer.role == "city",
                            sender=None if peer.role == "city" else peer.site_id)
            report = merger.apply(reference + changes)
            remote = (meta.clock.now if meta.clock else None) or getattr(merger, "max_remote_hlc", None)
            warning = None
            if remote and not w.clock.observe(int(remote)):
                ahead = (unpack(int(remote))[0] - wall_millis()) / 86400000
                warning = (f"{sender_code} 的电脑时钟比本机快约{ahead:.1f}天，请对方校准时间；"
                           "数据已按修改先后正确合并")
                warnings.append(warning)
            p = w.session.get(SyncPeer, peer.site_id)
            p.clock_warning = warning
            if seq > p.rx_seq:
                p.rx_seq, p.rx_manifest = seq, manifest_sha
            p.rx_upto = max(p.rx_upto, meta.upto)
            p.rx_at = utcnow()
            if reference and ref_version:
                p.ref_version = max(p.ref_version, ref_version)
            acks = meta.acks
            if acks is not None and (acks.upto or 0) > p.acked_upto:
                p.acked_upto = acks.upto
                p.acked_at = _time_of(w.session, p.acked_upto)
            if acks is not None and acks.refused is not None:
                p.ack_report = json.dumps(m["acks"]["refused"], ensure_ascii=False)
            summary = {"report": report.to_json(), "refused": report.refused, "warnings": warnings}
            w.session.merge(SyncPackage(package_id=meta.package_id, direction="in", peer_site_id=peer.site_id,
                                        seq=seq, manifest_sha256=manifest_sha, status="applied",
                                        file_name=path.name, at=utcnow(),
                                        summary=json.dumps(summary, ensure_ascii=False, default=str)))
            if ws.site.is_city and not dry_run:
                from zsdesk.sync.alerts import detect_collisions

                written = {e.row_id for e in reference + changes if e.tbl == "companies"}
                if written:  # no company written: no new pair is possible
                    detect_collisions(ws, w, written)
            warnings.extend(_check_totals(w.session, m, peer,
                                          {t: r.created for t, r in report.tables.items() if r.created}))
            if dry_run:
                raise _Rollback()
    except _Rollback:
        return ImportResult("preview", _summary_text(report, preview=True), sender_code, seq, report, warnings)
    except (IntegrityError, DataError) as exc:  # rows the database cannot hold (a number another
        # site's record has, …): the transaction is rolled back, the file refused as a whole
        detail = str(getattr(exc, "orig", exc)).splitlines()[0][:120]
        raise PackageRefused(f"文件中的数据与本地数据库的约束冲突（{detail}），整个文件未导入，本地数据没有改动；"
                             f"请联系 {sender_code}", code="integrity") from None
    result = ImportResult("applied", _summary_text(report), sender_code, seq, report, warnings)
    if not _from_queue:
        result.also_applied = _drain_queue(ws, peer.site_id)
    return result


def _time_of(s, seq: int):
    """The local time of the newest of our log entries up to ``seq``."""
    return s.scalar(select(ChangeLog.recorded_at).where(ChangeLog.seq <= seq).order_by(ChangeLog.seq.desc()).limit(1))


#: local_state key (+ the peer's site id): {table: rows of that site's held here}, kept by _check_totals
HELD_KEY = "held_rows:"


def _check_totals(s, m: dict, peer: SyncPeer, created: dict[str, int]) -> list[str]:
    """Per-origin totals: after applying everything from a county, the city
    holds as many of its records as the county does — less the ones it refused
    (those stay at the county, reported back to it, and a full package would
    only be refused again).

    The rows held are kept (``HELD_KEY``, in the import's transaction) and
    added to with each import's ``created`` rows: a county's rows come to the
    city only in its own packages (an insert is the owner's), so an import
    does not count a whole table — before the first package from a county
    there are none; a database from before this was kept counts once. A kept
    number that disagrees with the sender's total is counted again before
    anything is said."""
    totals = m.get("totals") or {}
    if not totals or peer.role == "city":
        return []
    refused = _refused_rows(s, peer.site_id)
    row = s.get(LocalState, HELD_KEY + peer.site_id)
    try:
        kept = {k: int(v) for k, v in json.loads(row.value).items()} if row is not None else {}
    except (ValueError, TypeError, AttributeError):
        kept = {}
    if row is None and s.scalar(select(SyncPackage.package_id).where(
            SyncPackage.peer_site_id == peer.site_id, SyncPackage.direction == "in",
            SyncPackage.status == "applied", SyncPackage.package_id != m.get("package_id")).limit(1)) is None:
        kept = dict.fromkeys(totals, 0)   # the first package from this county
    held_now = {}
    out = []
    for name, expected in totals.items():
        model = SYNCED_MODELS.get(name)
        if model is None:
            continue
        missing = refused.get(name, set())
        for chunk in chunks(missing):  # refused once, accepted later: held now
            missing = missing - set(s.scalars(select(model.id).where(model.id.in_(chunk))))
        held = kept[name] + created.get(name, 0) if name in kept else None
        if held is None or held + len(missing) != expected:
            held = s.scalar(select(func.count()).select_from(model).where(model.owner_site_id == peer.site_id))
        held_now[name] = held
        if held + len(missing) != expected:
            kept_out = f"（其中{len(missing)}条被本地拒绝）" if missing else ""
            out.append(f"{name}：对方有{expected}条，本地{held}条{kept_out}，请对方导出完整包（zsdesk sync export --full）")
    s.merge(LocalState(key=HELD_KEY + peer.site_id, value=json.dumps(held_now, sort_keys=True)))
    return out


def _refused_rows(s, peer_site_id: str) -> dict[str, set[str]]:
    """Rows of the peer's own that this site refused in any applied package: table -> ids."""
    out: dict[str, set[str]] = defaultdict(set)
    for summary in s.scalars(select(SyncPackage.summary).where(
            SyncPackage.peer_site_id == peer_site_id, SyncPackage.direction == "in",
            SyncPackage.status == "applied")):
        tables = (json.loads(summary or "{}").get("report") or {}).get("tables") or {}
        for table, report in tables.items():
            out[table].update(r["row_id"] for r in report.get("refused") or ()
                              if r.get("origin", peer_site_id) == peer_site_id)   # not forged ones
    return out


def _summary_text(report: ApplyReport, *, preview: bool = False) -> str:
    t = report.tables
    created = sum(x.created for x in t.values())
    updated = sum(x.updated for x in t.values())
    refused = len(report.refused)
    verb = "将" if preview else "已"
    if not created and not updated and not refused and not report.conflicts:
        return "没有新数据：文件中的内容此前都已导入"
    return (f"{verb}新增{created}条、更新{updated}条记录；冲突{len(report.conflicts)}处；"
            f"拒绝{refused}条" + ("（见明细）" if refused else ""))


# --- the pending queue ---------------------------------------------------------------

def pending_folder(ws) -> Path:
    base = ws.db.path.parent if ws.db.path else Path(os.environ.get("ZSDESK_DATA_DIR", "."))
    return base / "sync-pending"


def _queue(ws, path: Path, data: bytes, meta: schema.Manifest, manifest_sha: str) -> None:
    """Keep a copy of the file (``data``: its bytes) in the pending folder. The copy
    is named by the SHA-256 of those bytes: no value read from a package ever
    becomes part of a path."""
    folder = pending_folder(ws)
    folder.mkdir(parents=True, exist_ok=True)
    stored = folder / f"{crypto.sha256_hex(data)}{EXTENSION}"
    if not stored.exists():
        tmp = stored.with_suffix(".tmp")
        tmp.write_bytes(data)
        os.replace(tmp, stored)
    with ws.read() as s:
        s.merge(SyncPackage(package_id=meta.package_id, direction="in", peer_site_id=meta.from_.site_id,
                            seq=meta.seq, manifest_sha256=manifest_sha, status="pending",
                            file_name=path.name[:200], stored_path=str(stored), at=utcnow()))


def _in_pending_folder(ws, stored_path: str) -> bool:
    """A queued file's path as recorded: inside the pending folder (it is only ever
    touched there)."""
    try:
        return Path(stored_path).resolve().parent == pending_folder(ws).resolve()
    except (OSError, ValueError):
        return False


def pending(ws) -> list[SyncPackage]:
    with ws.read() as s:
        return list(s.scalars(select(SyncPackage).where(SyncPackage.status == "pending").order_by(SyncPackage.seq)))


def _drain_queue(ws, sender: str) -> list[ImportResult]:
    """Apply queued packages from ``sender`` that now connect, oldest first."""
    done = []
    progress = True
    while progress:
        progress = False
        for pkg in pending(ws):
            if pkg.peer_site_id != sender or not pkg.stored_path or not _in_pending_folder(ws, pkg.stored_path):
                continue
            try:
                result = import_package(ws, pkg.stored_path, _from_queue=True)
            except PackageRefused as exc:  # refused now (a fork, a damaged copy …): out of the queue,
                # with the reason; the file that was just applied stays applied
                Path(pkg.stored_path).unlink(missing_ok=True)
                with ws.read() as s:
                    row = s.get(SyncPackage, pkg.package_id)
                    row.status, row.stored_path = "refused", None
                    row.summary = json.dumps({"refused_reason": exc.reason}, ensure_ascii=False)
                continue
            if result.status in ("applied", "already"):
                Path(pkg.stored_path).unlink(missing_ok=True)
                with ws.read() as s:
                    row = s.get(SyncPackage, pkg.package_id)
                    if row.status == "pending":
                        row.status = "applied"
                    row.stored_path = None
                done.append(result)
                progress = True
    return done


# --- enrolment --------------------------------------------------------------------------
#
# The city makes a setup file for a county: the county's site id, the city's public keys,
# the reference data and a random one-time secret, signed by the city. The county joins
# with it; its first packages carry ``enrol.json`` (its public keys) with an HMAC made
# with the secret. The city, which kept the secret, checks the HMAC and the package's
# signature against the key in ``enrol.json``, enrols that key and forgets the secret:
# a second laptop with the same setup file is refused. A new setup file for the same
# county (new or lost laptop) revokes the enrolled key. Fingerprints are always computed
# from the key itself, never read from a file.

def _norm_fp(text: str) -> str:
    return text.replace(":", "").replace(" ", "").lower()


def _revoked(peer: SyncPeer) -> list[dict]:
    try:
        items = json.loads(peer.revoked_keys) if peer.revoked_keys else []
    except ValueError:
        return []
    return [k for k in items if isinstance(k, dict) and isinstance(k.get("sign_key"), str)]


def _local_date(value) -> str:
    if not value:
        return "此前"
    return f"{to_beijing(value):%Y-%m-%d}"


def _read_enrol(opened: OpenedPackage, sender: str) -> dict:
    """``enrol.json``, checked against the signed manifest's hash and its schema."""
    enrol = schema.decode_enrol(opened.read("enrol.json"))
    if enrol.site_id != sender:
        raise PackageRefused("入网信息与发送站点不符", code="manifest")
    return {"site_id": enrol.site_id, "sign_key": enrol.sign_key, "box_key": enrol.box_key, "mac": enrol.mac}


def _check_sender_key(opened: OpenedPackage, m: dict, peer: SyncPeer, sender: str,
                      trust: str | None) -> dict | None:
    """Check the package's signature against the sender's enrolled key, or — for a
    county not yet enrolled — its enrolment proof. Returns the enrolment to apply."""
    who = f"{peer.code} {peer.name}"
    for old in _revoked(peer):
        if crypto.verify(old["sign_key"], opened.manifest_bytes, opened.signature):
            raise PackageRefused(
                f"站点“{who}”原来那台电脑的密钥已于{_local_date(old.get('revoked_at'))}作废"
                f"（市里为该站点重新生成了入网文件），它发出的文件不再接受；已收到的数据保留。"
                "请在新电脑上导出同步文件", code="revoked")
    enrol = _read_enrol(opened, sender) if "enrol.json" in (m.get("files") or {}) else None
    if peer.sign_key:
        if enrol is not None and enrol["sign_key"] != peer.sign_key:
            raise PackageRefused(
                f"入网文件已经用过：站点“{who}”已于{_local_date(peer.enrolled_at)}用另一台电脑加入"
                f"（密钥指纹 {crypto.key_fingerprint(peer.sign_key)}）。同一份入网文件只能用一次；"
                "如确需换用这台电脑，请市里为该站点重新生成入网文件", code="enrol-used")
        opened.verify_signature(peer.sign_key)
        return None
    if enrol is None:
        raise PackageRefused(f"站点“{peer.code}”尚未提交密钥，文件无法验证", code="unenrolled")
    opened.verify_signature(enrol["sign_key"])
    fp = crypto.key_fingerprint(enrol["sign_key"])
    if peer.enrol_secret:
        if enrol.get("mac") is None or not crypto.enrol_mac_ok(
                peer.enrol_secret, sender, enrol["sign_key"], enrol["box_key"], enrol["mac"]):
            raise PackageRefused(
                f"入网凭据不符：该文件不是用市里最新发给“{who}”的入网文件加入的电脑发出的"
                "（可能是伪造，或用了已作废的旧入网文件）。已拒绝，本站点的数据没有改动", code="enrol")
        need_fingerprint = peer.confirm_fingerprint
    else:  # a setup file made before enrolment secrets: the fingerprint is the only check
        need_fingerprint = True
    if trust is not None and _norm_fp(trust) != _norm_fp(fp):
        raise PackageRefused(
            f"密钥指纹不符：文件中密钥的指纹是 {fp}，与您输入的 {trust} 不同。已拒绝；"
            "请与对方重新核对密钥指纹", code="trust", fingerprint=fp)
    if need_fingerprint and trust is None:
        raise PackageRefused(
            f"站点“{who}”首次导入，请与对方核对密钥指纹 {fp}，"
            f"确认无误后运行：zsdesk sync import 文件 --trust {fp}", code="trust", fingerprint=fp)
    return {**enrol, "fingerprint": fp}


def _enrol(session, site_id: str, enrol: dict) -> None:
    p = session.get(SyncPeer, site_id)
    p.sign_key, p.box_key = enrol["sign_key"], enrol["box_key"]
    p.fingerprint, p.trusted, p.enrolled_at = crypto.key_fingerprint(enrol["sign_key"]), True, utcnow()
    p.enrol_secret = None  # a setup file works once
    session.flush()


def _revoke(s, peer: SyncPeer) -> None:
    """A new setup file for an enrolled county: its key is revoked, the exchange
    with it starts again from the beginning (its data already received stays)."""
    if peer.sign_key is None:  # never enrolled: no key to revoke
        return
    revoked = _revoked(peer)
    revoked.append({"sign_key": peer.sign_key, "fingerprint": crypto.key_fingerprint(peer.sign_key),
                    "revoked_at": utcnow().isoformat()})
    peer.revoked_keys = json.dumps(revoked)
    peer.sign_key = peer.box_key = peer.fingerprint = None
    peer.trusted, peer.enrolled_at = False, None
    peer.rx_seq, peer.rx_upto, peer.rx_manifest = 0, 0, None
    peer.tx_seq, peer.tx_upto, peer.tx_manifest = 0, 0, None
    peer.acked_upto, peer.acked_at, peer.ack_report, peer.ref_version = 0, None, None, 0
    for pkg in s.scalars(select(SyncPackage).where(SyncPackage.peer_site_id == peer.site_id,
                                                   SyncPackage.direction == "in")):
        if pkg.status == "pending":
            if pkg.stored_path:
                Path(pkg.stored_path).unlink(missing_ok=True)
            pkg.stored_path = None
            pkg.status = "revoked"
        elif pkg.status == "applied":
            pkg.status = "superseded"  # not a fork of what the new laptop sends


def make_setup_file(ws, for_code: str, out, *, reissue: bool = False,
                    confirm_fingerprint: bool = False) -> Path:
    """The city's setup file for a county: the county's site id, code and name,
    the city's public keys, the reference data and a one-time enrolment secret,
    signed by the city. ``reissue``: the county already joined (a new or lost
    laptop): its enrolled key is revoked. ``confirm_fingerprint``: the county's
    first package also waits for its fingerprint to be confirmed."""
    if not ws.site.is_city:
        raise RefusedError("入网文件只能由市级生成")
    code = (for_code or "").strip().upper()
    with ws.read() as s:
        unit = s.scalar(select(Unit).where(Unit.code == code, ~Unit.deleted))
        if unit is None:
            raise RefusedError(f"没有代码为“{code}”的招商单元：请先在“设置”中新增该单元")
        site_id = unit.site_id if unit.site_id and unit.site_id != ws.site.id else new_id()
        unit_id, unit_name, unit_site = unit.id, unit.name, unit.site_id
        peer = s.get(SyncPeer, site_id)
        if peer is not None and peer.sign_key and not reissue:
            raise RefusedError(
                f"站点“{code} {peer.name}”已于{_local_date(peer.enrolled_at)}用入网文件加入"
                f"（密钥指纹 {crypto.key_fingerprint(peer.sign_key)}）。如该站点换了电脑或电脑丢失，"
                "请重新生成入网文件（命令加 --reissue；程序里点“重新生成入网文件”）："
                "原电脑的密钥将作废，已收到的数据保留")
    if unit_site != site_id:
        ws.reference.units.update(unit_id, {"site_id": site_id})
    secret = crypto.new_enrol_secret()
    with ws.read() as s:
        peer = s.get(SyncPeer, site_id)
        if peer is None:
            peer = SyncPeer(site_id=site_id, code=code, name=unit_name, role="county", trusted=False)
            s.add(peer)
        elif peer.sign_key:
            _revoke(s, peer)
        peer.enrol_secret, peer.enrol_issued_at = secret, utcnow()
        peer.confirm_fingerprint = bool(confirm_fingerprint)
        me = s.get(Site, ws.site.id)
        # a replaced laptop gets back the county's records the city holds, and its
        # counters go on above them
        own = [e.to_json() for e in Entry.from_rows(s, s.scalars(
            select(ChangeLog).where(ChangeLog.origin_site_id == site_id).order_by(ChangeLog.seq)))]
        floor = max((e["c"] for e in own), default=0)
        reference = [e.to_json() for e in Entry.from_rows(s, s.scalars(
            select(ChangeLog).where(ChangeLog.tbl.in_(REFERENCE_TABLES)).order_by(ChangeLog.seq)))]
        version = _reference_version(s)
    body = {"type": "zsdesk-setup", "format": FORMAT,
            "city": {"site_id": ws.site.id, "code": ws.site.code, "name": ws.site.name,
                     "sign_key": me.public_key, "box_key": me.box_key,
                     "fingerprint": crypto.key_fingerprint(me.public_key)},
            "county": {"site_id": site_id, "code": code, "name": unit_name, "unit_id": unit_id},
            "enrol_secret": secret, "counter_floor": int(floor), "records": own,
            "reference": reference, "reference_version": version, "created_at": utcnow().isoformat()}
    text = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
    signature = crypto.sign(_state(ws)["private_key"], text)
    out = Path(out)
    out.write_text(json.dumps({"setup": body, "sig": signature}, ensure_ascii=False), encoding="utf-8")
    return out


def _continue_numbers(s, site_id: str, code: str) -> None:
    """After the county's records came back to a new laptop: its record numbers
    (TX-U01-2026-0012, TX-U01-V2026-00012) go on after the highest it holds."""
    import re

    from zsdesk.db.models import NumberSequence

    pattern = re.compile(rf"^{re.escape(code)}-([A-Z]?)(\d{{4}})-(\d+)$")
    highest: dict[tuple[str, int], int] = {}
    for model in SYNCED_MODELS.values():
        column = getattr(model, "number", None)
        if column is None or not hasattr(column, "expression"):
            continue
        for number in s.scalars(select(column).where(model.owner_site_id == site_id, column.is_not(None))):
            match = pattern.match(number or "")
            if match:
                key = (match.group(1) or "P", int(match.group(2)))
                highest[key] = max(highest.get(key, 0), int(match.group(3)))
    for (kind, year), last in highest.items():
        seq = s.get(NumberSequence, (site_id, kind, year))
        if seq is None:
            s.add(NumberSequence(site_id=site_id, kind=kind, year=year, last=last))
        else:
            seq.last = max(seq.last, last)


def _read_setup(path) -> tuple[dict, bytes, str]:
    """The setup file's body, its canonical bytes (what the city signed) and the
    signature; refused when it is not one."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError:
        raise PackageRefused(f"无法读取文件“{path.name}”：文件不存在或没有读取权限", code="io") from None
    try:
        body, _checked, signature = schema.decode_setup(raw)
    except PackageRefused as exc:
        raise PackageRefused(f"“{path.name}”不是招商桌面的入网文件，或已损坏（{exc.reason}）："
                             "请选择市里发来的入网文件", code="format") from None
    text = json.dumps(body, ensure_ascii=False, sort_keys=True).encode()
    return body, text, signature


def join(ws, path) -> dict:
    """A county joins with the city's setup file: this database becomes the county's
    site, the city becomes its peer, and the reference data is applied."""
    from zsdesk.services import init_site

    body, text, signature = _read_setup(path)
    if not crypto.verify(body["city"]["sign_key"], text, signature):
        raise PackageRefused("入网文件签名无效：文件被改动过", code="signature")
    county, city = body["county"], body["city"]
    adopt = ws.initialised
    if adopt:  # a county that recorded before joining keeps its records (see _adopt_site)
        _check_can_adopt(ws, body)
    city_fp = crypto.key_fingerprint(city["sign_key"])
    try:
        entries = [Entry.from_json(j) for j in body["reference"] + body.get("records", [])]
        for e in entries:
            validate_entry(e)
        if any(e.tbl in REFERENCE_TABLES and e.tbl != "sites" and e.origin == county["site_id"]
               for e in entries):
            raise ValueError
    except (ValueError, KeyError, TypeError, AttributeError, BadEntry):
        raise PackageRefused(f"“{Path(path).name}”中的参考数据格式错误：请市里重新生成入网文件",
                             code="format") from None
    if not adopt:
        init_site(ws, role="county", code=county["code"], name=county["name"], site_id=county["site_id"],
                  own_unit=False, counter_floor=int(body.get("counter_floor") or 0))
    # Adopting: the re-keying, the peer and the reference data are one transaction.
    try:
        report = _join_write(ws, body, entries, adopt)
    finally:
        ws.__dict__.pop("site", None)  # read again: the new site, or the old one after a refusal
    return {"site": county, "city": {**city, "fingerprint": city_fp}, "report": report.to_json()}


def _join_write(ws, body: dict, entries: list[Entry], adopt: bool):
    county, city = body["county"], body["city"]
    city_fp = crypto.key_fingerprint(city["sign_key"])
    with ws.write(source=f"setup:{city['code']}") as w:
        if adopt:
            _adopt_site(w, ws, county)
        w.session.add(SyncPeer(site_id=city["site_id"], code=city["code"], name=city["name"], role="city",
                               sign_key=city["sign_key"], box_key=city["box_key"], fingerprint=city_fp,
                               trusted=True, enrolled_at=utcnow(), ref_version=0))
        if body.get("enrol_secret"):
            w.session.merge(LocalState(key="enrol_secret", value=body["enrol_secret"]))
        w.session.flush()
        report = Merger(ws, w, source=f"setup:{city['code']}", relayed_by_city=True).apply(entries)
        p = w.session.get(SyncPeer, city["site_id"])
        p.ref_version = int(body.get("reference_version") or 0)
        w.clock.observe(max((e.hlc for e in entries), default=0))
        if body.get("records"):
            _continue_numbers(w.session, ws.site.id, ws.site.code)
    return report


def is_setup_file(path) -> bool:
    """Whether ``path`` looks like a setup file (JSON whose body says
    ``"type": "zsdesk-setup"``), without checking it: a sync file is a zip."""
    try:
        with open(path, "rb") as f:
            if f.read(64).lstrip()[:1] != b"{":
                return False
        outer = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(outer, dict) and isinstance(outer.get("setup"), dict) \
        and outer["setup"].get("type") == "zsdesk-setup"


def read_setup_file(path) -> dict:
    """What a setup file says, its signature checked: the city (with the
    fingerprint computed from its key) and the county it was made for."""
    body, text, signature = _read_setup(path)
    if not crypto.verify(body["city"]["sign_key"], text, signature):
        raise PackageRefused("入网文件签名无效：文件被改动过", code="signature")
    return {"city": {"code": body["city"]["code"], "name": body["city"]["name"],
                     "fingerprint": crypto.key_fingerprint(body["city"]["sign_key"])},
            "county": {"code": body["county"]["code"], "name": body["county"]["name"]},
            "records": len(body.get("records") or [])}


def can_join(ws) -> bool:
    """Whether this database can join with a setup file: not initialised, or a
    county that never exchanged anything with another site."""
    if not ws.initialised:
        return True
    if ws.site.is_city or ws.db.engine.dialect.name != "sqlite":
        return False
    return not _exchanged(ws)


def _exchanged(ws) -> bool:
    with ws.read() as s:
        peer = s.scalar(select(SyncPeer.code).limit(1))
        package = s.scalar(select(SyncPackage.peer_site_id).limit(1))
        foreign = s.scalar(select(ChangeLog.seq).where(
            ChangeLog.origin_site_id.not_in([ws.site.id, SEED_SITE_ID])).limit(1))
    return peer is not None or package is not None or foreign is not None


def _check_can_adopt(ws, body: dict) -> None:
    """An initialised database may join only when it is a county that never
    exchanged anything: no peer, no package in or out, nothing but its own
    records. Otherwise refused, saying why and what to do."""
    site = ws.site
    if site.is_city:
        raise RefusedError(f"本数据库是市级站点“{site.name}”（{site.code}），不能用入网文件加入："
                           "入网文件是给县区用的；市级请在“同步”页为县区生成入网文件")
    if site.id == body["county"]["site_id"]:
        raise RefusedError(f"本数据库已初始化为站点“{site.name}”（{site.code}），已经用这个入网文件加入过，不需要再加入")
    if _exchanged(ws):
        raise RefusedError(
            f"本数据库（站点“{site.name}”，{site.code}）已经与其他站点同步过，不能再用入网文件加入另一个站点。"
            "如果这台电脑换了单位，请用新的数据库文件加入；如原单位的电脑丢失或更换，请市里“重新生成入网文件”")
    if body.get("records"):
        raise RefusedError(
            "这份入网文件带有市里保存的本单元数据（用于更换电脑），而本数据库也已有自己录入的数据，"
            "两者不能合并：请用新的数据库文件加入，或请市里为本单元生成新的入网文件")
    if ws.db.engine.dialect.name != "sqlite":
        # the re-keying relies on SQLite deferring foreign keys to the commit
        raise RefusedError("本数据库已初始化为站点并已录入数据；服务器数据库上的站点不能再用入网文件加入："
                           "请用新的数据库加入")


def _adopt_site(w, ws, county: dict) -> None:
    """Re-key a county that recorded before joining to the site the city assigned:
    the site row, the owner of its records, the origin of its change-log entries
    (and every version token and value naming the old site), its number
    sequences and its local state move to ``county["site_id"]``; its own unit is
    replaced by the city's unit of that code (``county["unit_id"]``, which the
    reference data brings) and everything that named it points to that one.
    Ids are UUIDs, so replacing them wherever they occur is exact. Runs in the
    caller's transaction (``w``); foreign keys are checked at commit."""
    from sqlalchemy import delete, insert, text, update

    from zsdesk.db.changes import expand_inserts
    from zsdesk.db.models import NumberSequence
    from zsdesk.services.workspace import SiteInfo

    s = w.session
    old_site, new_site = ws.site.id, county["site_id"]
    if s.get_bind().dialect.name == "sqlite":
        s.execute(text("PRAGMA defer_foreign_keys=ON"))
    # The site row is copied under the new id before the records point to it (and
    # the old one removed after), so no foreign key is ever broken on any backend.
    site_row = dict(s.execute(select(Site.__table__).where(Site.id == old_site)).mappings().one())
    # entries of other origins keep their values as they are (theirs are not re-keyed):
    # compact inserts among them are made whole before their rows change (issue 15)
    expand_inserts(s, ChangeLog.origin_site_id != old_site)
    s.execute(update(Site.__table__).where(Site.id == old_site).values(code=f"~{old_site[:30]}"))
    s.execute(insert(Site.__table__).values({**site_row, "id": new_site, "owner_site_id": new_site}))
    units = list(s.execute(select(Unit.id, Unit.code).where(Unit.site_id == old_site)))
    own = [u for u in units if u.code == county["code"]] or (units if len(units) == 1 else [])
    replace = {old_site: new_site}
    if own and own[0].id != county["unit_id"]:
        old_unit = own[0].id
        replace[old_unit] = county["unit_id"]
        # the city's unit arrives with the reference data; the local one and its history go
        s.execute(delete(ChangeLog).where(ChangeLog.tbl == "units", ChangeLog.row_id == old_unit))
        s.execute(delete(Unit).where(Unit.id == old_unit))
    for model in SYNCED_MODELS.values():
        table = model.__table__
        for column in table.columns:
            if column.type.python_type is not str or getattr(column.type, "length", None) != 36:
                continue
            if model is Site and column.name == "id":
                continue
            for before, after in replace.items():
                s.execute(update(table).where(column == before).values({column.name: after}))
    s.execute(delete(Site.__table__).where(Site.id == old_site))
    for before, after in replace.items():
        s.execute(update(ChangeLog).where(ChangeLog.row_id == before).values(row_id=after))
    s.execute(update(ChangeLog).where(ChangeLog.origin_site_id == old_site).values(origin_site_id=new_site))
    rows = s.execute(select(ChangeLog.seq, ChangeLog.data, ChangeLog.base).where(
        ChangeLog.origin_site_id == new_site)).all()
    for seq, data, base in rows:
        new_data, new_base = data, base
        for before, after in replace.items():
            new_data = new_data.replace(before, after)
            new_base = new_base.replace(before, after) if new_base else new_base
        if (new_data, new_base) != (data, base):
            s.execute(update(ChangeLog).where(ChangeLog.seq == seq).values(data=new_data, base=new_base))
    s.execute(update(NumberSequence).where(NumberSequence.site_id == old_site).values(site_id=new_site))
    names = {"site_id": new_site, "site_code": county["code"], "site_name": county["name"]}
    for key, value in names.items():
        s.execute(update(LocalState).where(LocalState.key == key).values(value=value))
    # this transaction's writes (and the merge of the reference data) are the new site's
    ws.__dict__["site"] = SiteInfo(new_site, county["code"], county["name"], "county")
    w.site_id, w.site_code = new_site, county["code"]
    current = s.execute(select(Site.code, Site.name).where(Site.id == new_site)).one_or_none()
    if current is not None and (current.code, current.name) != (county["code"], county["name"]):
        w.update(Site, new_site, {"code": county["code"], "name": county["name"]})


# --- status -------------------------------------------------------------------------------

def status(ws) -> dict:
    with ws.read() as s:
        me = s.get(Site, ws.site.id)
        own_key = me.public_key if me else None
    out: dict[str, Any] = {
        "site": {"id": ws.site.id, "code": ws.site.code, "name": ws.site.name, "role": ws.site.role,
                 "fingerprint": crypto.key_fingerprint(own_key) if own_key else None},
        "peers": [], "pending": []}
    known = {}
    for p in peers(ws):
        known[p.site_id] = p
        out["peers"].append({
            "code": p.code, "name": p.name, "role": p.role, "enrolled": bool(p.sign_key),
            "fingerprint": crypto.key_fingerprint(p.sign_key) if p.sign_key else None,
            "setup_issued_at": p.enrol_issued_at.isoformat() if p.enrol_issued_at else None,
            "awaiting_enrolment": bool(p.enrol_secret) and not p.sign_key,
            "revoked_keys": [k.get("fingerprint") for k in _revoked(p)],
            "last_received_seq": p.rx_seq,
            "last_received_at": p.rx_at.isoformat() if p.rx_at else None,
            "last_sent_seq": p.tx_seq, "acknowledged_upto": p.acked_upto,
            "acknowledged_data_at": p.acked_at.isoformat() if p.acked_at else None,
            "refused_by_peer": json.loads(p.ack_report) if p.ack_report else [],
            "clock_warning": p.clock_warning, "reference_version": p.ref_version,
        })
    for pkg in pending(ws):
        sender = known.get(pkg.peer_site_id)
        out["pending"].append({"file": pkg.file_name, "seq": pkg.seq, "from": pkg.peer_site_id,
                               "from_code": sender.code if sender else None,
                               "from_name": sender.name if sender else None, "at": pkg.at.isoformat()})
    return out


def ack_text(ws) -> str | None:
    """For a county: 市里已收到截至 … 的数据."""
    for p in peers(ws):
        if p.role == "city" and p.acked_at:
            return f"{p.name}已收到截至 {format_timestamp(p.acked_at)} 的数据"
    return None
