"""Sync by file (SYNC.md), as the window sees it.

``load_sync`` reads the whole overview in one go (the peers and where each
direction stands, open conflicts, 撞车 alerts, files waiting) as frozen plain
values, parsing what the core keeps as JSON; the actions export, import
(preview or apply), resolve or acknowledge conflicts, settle alerts (the city)
and make setup files. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal

from zsdesk.errors import NotFoundError
from zsdesk.sync import alerts, conflicts, exchange
from zsdesk.sync.package import PackageRefused
from zsdesk.timefmt import format_timestamp


def local_time(value) -> str:
    """An ISO time (UTC) as Beijing time, or "" when there is none (``zsdesk.timefmt``)."""
    return format_timestamp(value or None)


# --- reading -----------------------------------------------------

@dataclass(frozen=True)
class PeerRow:
    code: str
    name: str
    role: str
    enrolled: bool
    fingerprint: str | None
    received_seq: int
    received_at: str            # local time, "" if never
    sent_seq: int
    acked_at: str               # the data the peer has of ours, up to (local time)
    clock_warning: str | None
    refused_by_peer: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class ConflictRow:
    id: str
    table: str
    row_id: str
    field: str
    title: str
    mine: dict | None           # this site's version
    theirs: list[dict]          # the other sites' versions
    winner: dict                # the automatic winner (one of the above)
    # whether this site may decide it (the rights rules let it write the field);
    # else why not, and whose record it is: the owner decides, this site takes note
    may_decide: bool = True
    why_not: str = ""
    owner_name: str = ""

    @property
    def versions(self) -> list[dict]:
        return ([self.mine] if self.mine else []) + self.theirs


@dataclass(frozen=True)
class AlertSide:
    company: str
    number: str | None
    unit: str | None
    first_contact: str | None
    company_id: str
    held_here: bool             # the company is in this database
    own: bool                   # … and this site owns it
    unit_id: str | None = None


@dataclass(frozen=True)
class AlertRow:
    id: str
    reason: str                 # usci / name
    score: Decimal
    a: AlertSide
    b: AlertSide
    first_unit: str | None      # 首报首谈: the unit that reported first (name)
    first_unit_id: str | None = None
    # once the city has settled it: status merged / kept / attributed ("open" before)
    status: str = "open"
    note: str | None = None         # the city's reason
    decided_unit: str | None = None  # attributed to (name)
    decided_on: str = ""            # the day (ISO)
    decided_by: str = ""
    merged: bool = False            # the company records were merged at the city

    @property
    def handled(self) -> bool:
        return self.status != "open"

    def local_sides(self) -> list[AlertSide]:
        """The sides whose company this site holds, its own first."""
        return sorted((s for s in (self.a, self.b) if s.held_here), key=lambda s: not s.own)


@dataclass(frozen=True)
class PendingRow:
    file: str
    seq: int
    sender: str
    at: str


@dataclass(frozen=True)
class SyncData:
    site_code: str
    site_name: str
    is_city: bool
    ack_text: str | None
    peers: list[PeerRow]
    conflicts: list[ConflictRow]
    alerts: list[AlertRow]
    pending: list[PendingRow]
    units: list[tuple[str, str]]     # (code, name): the city's choice for a setup file
    site_fingerprint: str | None = None      # this site's own key, computed from it
    enrolled_codes: frozenset = frozenset()  # (city) counties that joined: a new setup file revokes
    can_join: bool = False                   # (county) no city yet: 用入网文件加入… is offered
    handled_alerts: list[AlertRow] = field(default_factory=list)  # settled in the last HANDLED_DAYS


#: how far back load_sync lists the alerts the city has settled
HANDLED_DAYS = 30


def load_sync(ws) -> SyncData:
    """Everything the page shows, read in one go."""
    status = exchange.status(ws)
    peers = [PeerRow(p["code"], p["name"], p["role"], p["enrolled"], p["fingerprint"], p["last_received_seq"],
                     local_time(p["last_received_at"]), p["last_sent_seq"], local_time(p["acknowledged_data_at"]),
                     p["clock_warning"], p["refused_by_peer"] or [])
             for p in status["peers"]]
    names = {p.site_id: p.name for p in exchange.peers(ws)}
    pending = [PendingRow(x["file"], x["seq"], names.get(x["from"], x["from"]), local_time(x["at"]))
               for x in status["pending"]]
    me = ws.site.id
    rows = []
    for c in conflicts.list_conflicts(ws):
        mine = next((v for v in c.versions if v["site"] == me), None)
        rows.append(ConflictRow(c.id, c.table, c.row_id, c.field, c.title, mine,
                                [v for v in c.versions if v is not mine], c.winner, c.may_decide,
                                why_not(c), c.owner_name))

    alert_rows, handled_rows = list_alerts(ws)
    units = []
    if ws.site.is_city:
        units = [(u.code, u.name) for u in ws.reference.list_units() if u.site_id != me]
    enrolled = frozenset(p["code"] for p in status["peers"] if p["enrolled"] and p["role"] == "county")
    return SyncData(ws.site.code, ws.site.name, ws.site.is_city, exchange.ack_text(ws), peers, rows, alert_rows,
                    pending, units, status["site"].get("fingerprint"), enrolled,
                    can_join=not ws.site.is_city and not status["peers"] and exchange.can_join(ws),
                    handled_alerts=handled_rows)


def list_alerts(ws, handled_days: int = HANDLED_DAYS) -> tuple[list[AlertRow], list[AlertRow]]:
    """(the open 撞车 alerts, those the city settled in the last ``handled_days``)."""
    since = ws.today() - dt.timedelta(days=handled_days)
    return ([_alert_row(ws, a) for a in alerts.open_alerts(ws)],
            [_alert_row(ws, a) for a in alerts.handled_alerts(ws, since)])


def why_not(c: conflicts.ConflictView) -> str:
    """Why this site may not decide a conflict, in a person's words ("" if it may)."""
    if c.may_decide:
        return ""
    if c.owner_name:
        return f"该记录属于{c.owner_name}，由其处理；处理结果会随同步文件传来"
    return f"本站点不能处理该冲突（{c.refusal}）"


def _alert_row(ws, a) -> AlertRow:
    """An alert as the page shows it: both sides (the summary's names, and
    whether this site holds each company), the suggestion, the city's decision."""
    summary = json.loads(a.summary or "{}")

    def side(part: dict, company_id: str, unit_id: str) -> AlertSide:
        try:
            company = ws.companies.get(company_id)
            held, own = True, company.owner_site_id == ws.site.id
        except NotFoundError:
            held = own = False
        return AlertSide(part.get("company") or "", part.get("number"), part.get("unit"),
                         part.get("first_contact"), company_id, held, own, unit_id)

    sa = side(summary.get("a", {}), a.company_a_id, a.unit_a_id)
    sb = side(summary.get("b", {}), a.company_b_id, a.unit_b_id)
    names = {a.unit_a_id: sa.unit, a.unit_b_id: sb.unit}
    decided = alerts.decision(a)
    suggested = decided.get("suggested_unit_id", a.first_unit_id) if decided else a.first_unit_id
    return AlertRow(a.id, a.reason, a.score, sa, sb, names.get(suggested) if suggested else None,
                    suggested if suggested in names else None, a.status, a.note,
                    names.get(decided.get("unit_id")) if decided.get("unit_id") else None,
                    decided.get("date") or "", decided.get("by") or "", bool(decided.get("merged")))


# --- actions (run on the task runner) ---------------------------------------------------------

@dataclass(frozen=True)
class Refusal:
    """A file refused as a whole (``PackageRefused``): not an error of the program."""
    reason: str
    code: str | None             # ``PackageRefused.code``: what was wrong (REFUSAL_TEXT in the page)
    fingerprint: str | None = None


def export_files(ws, folder: str, codes: list[str | None], report) -> list:
    """One package per receiving site into ``folder``; each is read back and
    verified by the core before it counts as written."""
    steps = 4 * len(codes)
    done = 0

    def step(text: str) -> None:
        nonlocal done
        done = min(done + 1, steps)
        report(done, steps, text)

    results = []
    for n, code in enumerate(codes):
        results.append(exchange.export_package(ws, folder, to_code=code, encrypt=True, progress=step))
        done = 4 * (n + 1)
        report(done, steps, "")
    return results


def import_file(ws, path: str, dry_run: bool, trust: str | None):
    """``exchange.import_package``, with a refused file as a ``Refusal``. A setup
    file (入网文件) picked by mistake is a ``Refusal`` of code "setup-file"."""
    if exchange.is_setup_file(path):
        return Refusal("这是入网文件，不是同步文件", "setup-file")
    try:
        return exchange.import_package(ws, path, dry_run=dry_run, trust=trust)
    except PackageRefused as exc:
        return Refusal(exc.reason, exc.code, getattr(exc, "fingerprint", None))


# --- a folder of files as one import (``zsdesk.sync.folder``) -----------------------------------

@dataclass(frozen=True)
class FolderFile:
    """One file of a folder import: who sent it, its number, and what the import
    would do (a preview: "preview", "after" an earlier file of the folder, "already",
    "pending", "refused") or did ("applied", "already", "pending", "refused")."""
    path: str
    name: str
    sender: str                 # the sender's code ("" when the file could not be read)
    seq: int
    status: str
    message: str
    code: str | None = None     # a refusal's code (``REFUSAL_TEXT`` in the page)
    created: int = 0
    updated: int = 0
    conflicts: int = 0
    refused_rows: int = 0
    warnings: tuple[str, ...] = ()
    also_applied: tuple[str, ...] = ()   # files of the waiting queue applied with it ("TX-U01 第3号")


@dataclass(frozen=True)
class FolderImport:
    folder: str
    files: tuple[FolderFile, ...]           # in import order
    skipped: tuple[tuple[str, str], ...]    # (file name, why): not a sync file
    applied: bool                           # False: a preview, nothing written

    def count(self, *statuses: str) -> int:
        return sum(1 for f in self.files if f.status in statuses)

    @property
    def paths(self) -> tuple[str, ...]:
        """The files to import, as previewed."""
        return tuple(f.path for f in self.files)


def _folder_file(o) -> FolderFile:
    report = o.result.report if o.result is not None else None
    tables = report.tables.values() if report is not None else ()
    return FolderFile(str(o.path), o.path.name, o.sender, o.seq, o.status, o.message, o.code,
                      sum(t.created for t in tables), sum(t.updated for t in tables),
                      len(report.conflicts) if report is not None else 0,
                      len(report.refused) if report is not None else 0,
                      tuple(o.result.warnings) if o.result is not None else (),
                      tuple(f"{x.sender} 第{x.seq}号" for x in o.result.also_applied) if o.result is not None else ())


def _folder_run(ws, folder: str, paths, report, *, apply: bool) -> FolderImport:
    from zsdesk.sync import folder as many

    plan = many.plan(ws, paths)
    step = many.apply if apply else many.preview
    outcomes = step(ws, plan, progress=report)
    return FolderImport(folder, tuple(_folder_file(o) for o in outcomes),
                        tuple((s.path.name, s.note) for s in plan.skipped), apply)


def preview_folder(ws, folder: str, report=None) -> FolderImport:
    """Every .zsync file of ``folder`` in import order (by sender and number) and
    what importing it would do; nothing is written."""
    return _folder_run(ws, folder, [folder], report, apply=False)


def import_folder(ws, folder: str, paths: tuple[str, ...], report=None) -> FolderImport:
    """Import the previewed files ``paths`` of ``folder`` one after another, in one
    import session (one check, one backup); a refused file is reported and the
    others still imported."""
    return _folder_run(ws, folder, list(paths), report, apply=True)


def resolve_conflict(ws, conflict_id: str, *, keep: str = "mine", value=None) -> None:
    """保留本站 ("mine"), 采用对方 ("theirs") or 手工编辑 ("value"); the
    resolution travels with the next file."""
    conflicts.resolve(ws, conflict_id, keep=keep, value=value)


def acknowledge_conflict(ws, conflict_id: str) -> None:
    """知悉: a conflict this site may not decide is closed here, nothing written."""
    conflicts.acknowledge(ws, conflict_id)


def handle_alert(ws, alert_id: str, outcome: str, reason: str | None,
                 owner_unit_id: str | None = None) -> alerts.Handled:
    """(City) settle a 撞车 alert: "merged", "kept" (with a reason) or
    "attributed" (to ``owner_unit_id``); the decision travels to both counties."""
    return alerts.handle_alert(ws, alert_id, outcome=outcome, reason=reason, owner_unit_id=owner_unit_id)


def make_setup_file(ws, for_code: str, out, *, reissue: bool = False, confirm_fingerprint: bool = False):
    """(city) The 入网文件 a county joins with; the path written."""
    return exchange.make_setup_file(ws, for_code, out, reissue=reissue, confirm_fingerprint=confirm_fingerprint)


@dataclass(frozen=True)
class SyncBadge:
    """What the status bar says about sync: the last exchange and open conflicts."""
    ack_text: str | None
    last_from: str | None           # the site whose file came in last (name)
    last_at: dt.datetime | None     # … when it was imported (UTC)
    open_conflicts: int
    sent_to: str | None = None      # the site the last file was exported to (name)
    sent_at: dt.datetime | None = None   # … when (UTC)
    sent_waiting: bool = False      # it carries changes that site has not acknowledged yet

    @property
    def export_is_latest(self) -> bool:
        """The last exchange was an export (none imported since)."""
        return self.sent_at is not None and (self.last_at is None or self.sent_at >= self.last_at)


def sync_badge(ws) -> SyncBadge:
    from sqlalchemy import select

    from zsdesk.db.models import SyncPackage

    text = exchange.ack_text(ws)
    peers = {p.site_id: p for p in exchange.peers(ws)}
    last_from = last_at = None
    received = [(p.rx_at, p.name) for p in peers.values() if p.rx_at is not None]
    if received:
        last_at, last_from = max(received)
    with ws.read() as s:
        sent = s.execute(select(SyncPackage.at, SyncPackage.peer_site_id).where(
            SyncPackage.direction == "out", SyncPackage.status == "exported")
            .order_by(SyncPackage.at.desc()).limit(1)).one_or_none()
    sent_to = sent_at = None
    waiting = False
    if sent is not None and sent.peer_site_id in peers:
        peer = peers[sent.peer_site_id]
        sent_to, sent_at, waiting = peer.name, sent.at, peer.acked_upto < peer.tx_upto
    return SyncBadge(text, last_from, last_at, len(conflicts.list_conflicts(ws)), sent_to, sent_at, waiting)


def sync_status(ws) -> tuple[dict, str | None, int]:
    """(``exchange.status``: plain JSON-like values, the acknowledgement text,
    the number of open conflicts)."""
    return exchange.status(ws), exchange.ack_text(ws), len(conflicts.list_conflicts(ws))
