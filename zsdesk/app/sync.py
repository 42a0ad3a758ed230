"""Sync by file (SYNC.md), as the window sees it.

``load_sync`` reads the whole overview in one go (the peers and where each
direction stands, open conflicts, 撞车 alerts, files waiting) as frozen plain
values, parsing what the core keeps as JSON; the actions export, import
(preview or apply), resolve conflicts and make setup files. No Qt here.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal

from zsdesk.errors import NotFoundError
from zsdesk.sync import alerts, conflicts, exchange
from zsdesk.sync.package import PackageRefused

SHANGHAI = dt.timezone(dt.timedelta(hours=8))


def local_time(value) -> str:
    """An ISO time (UTC) as Beijing time, or "" when there is none."""
    if not value:
        return ""
    when = dt.datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return f"{when.astimezone(SHANGHAI):%Y-%m-%d %H:%M}"


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


@dataclass(frozen=True)
class AlertRow:
    id: str
    reason: str                 # usci / name
    score: Decimal
    a: AlertSide
    b: AlertSide
    first_unit: str | None      # 首报首谈: the unit that reported first (name)

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
                                [v for v in c.versions if v is not mine], c.winner))

    def side(summary: dict, company_id: str) -> AlertSide:
        try:
            company = ws.companies.get(company_id)
            held, own = True, company.owner_site_id == me
        except NotFoundError:
            held = own = False
        return AlertSide(summary.get("company") or "", summary.get("number"), summary.get("unit"),
                         summary.get("first_contact"), company_id, held, own)

    alert_rows = []
    for a in alerts.open_alerts(ws):
        summary = json.loads(a.summary or "{}")
        sa, sb = side(summary.get("a", {}), a.company_a_id), side(summary.get("b", {}), a.company_b_id)
        first = sa.unit if a.first_unit_id == a.unit_a_id else sb.unit if a.first_unit_id == a.unit_b_id else None
        alert_rows.append(AlertRow(a.id, a.reason, a.score, sa, sb, first))
    units = []
    if ws.site.is_city:
        units = [(u.code, u.name) for u in ws.reference.list_units() if u.site_id != me]
    enrolled = frozenset(p["code"] for p in status["peers"] if p["enrolled"] and p["role"] == "county")
    return SyncData(ws.site.code, ws.site.name, ws.site.is_city, exchange.ack_text(ws), peers, rows, alert_rows,
                    pending, units, status["site"].get("fingerprint"), enrolled,
                    can_join=not ws.site.is_city and not status["peers"] and exchange.can_join(ws))


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


def resolve_conflict(ws, conflict_id: str, *, keep: str = "mine", value=None) -> None:
    """保留本站 ("mine"), 采用对方 ("theirs") or 手工编辑 ("value"); the
    resolution travels with the next file."""
    conflicts.resolve(ws, conflict_id, keep=keep, value=value)


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


def sync_badge(ws) -> SyncBadge:
    text = exchange.ack_text(ws)
    last_from = last_at = None
    if text is None:
        received = [(p.rx_at, p.name) for p in exchange.peers(ws) if p.rx_at is not None]
        if received:
            last_at, last_from = max(received)
    return SyncBadge(text, last_from, last_at, len(conflicts.list_conflicts(ws)))


def sync_status(ws) -> tuple[dict, str | None, int]:
    """(``exchange.status``: plain JSON-like values, the acknowledgement text,
    the number of open conflicts)."""
    return exchange.status(ws), exchange.ack_text(ws), len(conflicts.list_conflicts(ws))
