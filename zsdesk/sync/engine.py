"""The merge engine: applies change-log entries that came from other sites.

Entries already held (same origin and counter) are skipped, so applying a
package twice changes nothing. Each new entry is checked against the rights
rules, stored in the log with its original stamp, and each touched row is set
to the winning version of every field (``resolve_fields``): the result depends
only on the set of entries held, never on the order they arrived in. Two heads
with different values become a conflict for a person to resolve.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from types import GenericAlias
from typing import Annotated, Any

import msgspec
from sqlalchemy import Boolean, Date, Integer, String, func, insert, literal, select, update

from zsdesk.batch import chunks
from zsdesk.db.changes import (
    _LOG_KEYS, DERIVERS, LOG_JSON, TableInfo, compact_insert, compact_new_inserts, entries_data, is_compact,
    keep_insert_values, log_json, resolve_fields, version_token, write_name_keys,
)
from zsdesk.db.models import (
    SYNCED_MODELS, Base, ChangeLog, Conflict, Referral, Site, SyncPeer, Unit,
)
from zsdesk.db.types import ScaledDecimal, UTCDateTime, new_id, utcnow
from zsdesk.errors import RefusedError
from zsdesk.sync import rights, schema
from zsdesk.sync.crypto import key_fingerprint

# Parents before children, so foreign keys hold while rows are inserted.
TABLE_ORDER = [t.name for t in Base.metadata.sorted_tables if t.name in SYNCED_MODELS]


class Entry(schema.Change):
    """A change-log entry in transit: the wire schema (``schema.Change``: origin,
    counter, hlc, tbl, row_id, op, data, base, actor, recorded_at), with what the
    engine needs of it. Made by msgspec when read from a package (types and
    ranges checked there); ``validate_entry`` adds the checks of meaning."""

    @property
    def token(self) -> str:
        return version_token(self.origin, self.counter)

    def value(self, f: str):
        return self.data[f] if self.op == "I" else self.data[f][1]

    def to_json(self) -> dict:
        return {"o": self.origin, "c": self.counter, "h": self.hlc, "t": self.tbl, "r": self.row_id,
                "op": self.op, "d": self.data, "b": self.base, "a": self.actor, "at": self.recorded_at}

    @classmethod
    def from_json(cls, j: dict) -> Entry:
        """An entry from its JSON object; ``BadEntry`` names the field when a value
        has the wrong type or range."""
        try:
            return msgspec.convert(j, cls)
        except schema.DECODE_ERRORS as exc:
            raise BadEntry(schema.explain(exc)) from None

    @classmethod
    def from_row(cls, r, data: dict | None = None) -> Entry:
        """An entry from a ``change_log`` row; ``data``: its data as ``entries_data``
        read it (else read here: a compact insert from its row, through the row's session)."""
        if data is None:
            if is_compact(r.data):
                from sqlalchemy.orm import object_session

                session = object_session(r)
                if session is None:
                    raise RefusedError("修改记录不完整：新增记录须在打开的数据库中读取")
                data = entries_data(session, [(r.tbl, r.row_id, r.data)])[0]
            else:
                data = json.loads(r.data)
        return cls(r.origin_site_id, r.counter, r.hlc, r.tbl, r.row_id, r.op, data,
                   json.loads(r.base) if r.base else None, r.actor,
                   r.recorded_at.isoformat() if r.recorded_at else None)

    @classmethod
    def from_rows(cls, session, rows, known: dict | None = None) -> list[Entry]:
        """Entries from ``change_log`` rows, compact inserts made whole (``entries_data``:
        each table's rows read once; ``known`` rows, {(tbl, id): values}, not at all)."""
        rows = list(rows)
        datas = entries_data(session, [(r.tbl, r.row_id, r.data) for r in rows], known)
        return [cls.from_row(r, d) for r, d in zip(rows, datas)]


class BadEntry(ValueError):
    pass


# entries from other sites are logged as local ones are (``LOG_JSON``, zsdesk.db.changes)
_FAST_JSON = msgspec.json.Encoder()
_PLAIN = frozenset({str, int, bool, type(None)})


def _log_text(data: dict) -> str:
    """``LOG_JSON.encode(data)``, by msgspec's encoder (a third of the time) when
    every value is a string, integer, boolean or null: the two write those the
    same, byte for byte (floats differ: ``1e+16`` / ``1e16``; the rest goes to
    ``LOG_JSON``, as does text msgspec refuses, a lone surrogate)."""
    if _PLAIN.issuperset(map(type, data.values())):
        try:
            return _FAST_JSON.encode(data).decode()
        except (msgspec.EncodeError, UnicodeError, TypeError, OverflowError):
            pass
    return LOG_JSON.encode(data)


_INT64 = Annotated[int, msgspec.Meta(ge=-2**63, le=2**63 - 1)]
_DATE = Annotated[str, msgspec.Meta(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")]
# Columns whose values are more than data (a file name, a key): their format.
_FORMATS = {("attachments", "sha256"): schema.Sha256,
            ("sites", "public_key"): schema.Key32, ("sites", "box_key"): schema.Key32}


def _utc_time_ok(text: str) -> bool:
    """Text that ``UTCDateTime`` can store: an ISO time with its offset."""
    try:
        value = dt.datetime.fromisoformat(text)
        if value.tzinfo is None:
            return False
        value.astimezone(dt.UTC)
        return True
    except (ValueError, OverflowError):
        return False


def _date_ok(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return True
    except ValueError:
        return False


def _decimal_ok(places: int):
    """A check of a ``ScaledDecimal`` value: a finite number whose scaled integer
    fits the BIGINT column (the magnitude is checked before the integer is made,
    so "1e999999999" costs nothing)."""
    def ok(value) -> bool:
        try:
            d = Decimal(value)
        except (InvalidOperation, TypeError, ValueError):
            return False
        if not d.is_finite():
            return False
        if d and d.adjusted() > 18 - places:
            return False
        return abs(int(d.scaleb(places))) <= 2**63 - 1
    return ok


class _RowTypes:
    """What the values of a table's synced columns may be: msgspec types of an
    insert (every column) and of an update (any columns, as [old, new] pairs —
    the new value checked), and checks of the columns whose text holds a
    number, a date or a time (what the merge decodes them with must succeed)."""

    def __init__(self, model):
        info = TableInfo.of(model)
        table = model.__table__
        self.columns = frozenset(info.columns)
        inserted, updated = [], []
        self.checks: list[tuple[str, Callable[[Any], bool]]] = []
        for name in info.columns:
            column = table.c[name]
            kind, check = self._type(info.name, column)
            if column.nullable:
                kind = kind | None
            inserted.append((name, kind))
            updated.append((name, tuple[Any, kind], msgspec.UNSET))
            if check is not None:
                self.checks.append((name, check))
        self.insert = msgspec.defstruct(f"{info.name}_insert", inserted, forbid_unknown_fields=True)
        self.update = msgspec.defstruct(f"{info.name}_update", updated, forbid_unknown_fields=True)

    @staticmethod
    def _type(table: str, column):
        fmt = _FORMATS.get((table, column.key))
        if fmt is not None:
            return fmt, None
        t = column.type
        if isinstance(t, ScaledDecimal):
            return str | _INT64, _decimal_ok(t.places)
        if isinstance(t, UTCDateTime):
            return str, _utc_time_ok
        if isinstance(t, Boolean):
            return bool | Annotated[int, msgspec.Meta(ge=0, le=1)], None
        if isinstance(t, Date):
            return _DATE, _date_ok
        if isinstance(t, Integer):
            return _INT64, None
        if isinstance(t, String):
            return str, None
        return Any, None


_ROW_TYPES: dict[str, _RowTypes] = {}


def _row_types(tbl: str) -> _RowTypes | None:
    model = SYNCED_MODELS.get(tbl)
    if model is None:
        return None
    types = _ROW_TYPES.get(tbl)
    if types is None:
        types = _ROW_TYPES[tbl] = _RowTypes(model)
    return types


def validate_entry(e: Entry) -> None:
    """Checks of meaning of a well-typed entry (``schema.Change``): a known table,
    its fields, values of the columns' types and formats, a record id of the
    table's form and a time the log can store."""
    types = _row_types(e.tbl)
    if types is None:
        raise BadEntry(f"未知的表 {e.tbl}")
    if e.op not in ("I", "U", "D") or not isinstance(e.data, dict) or not e.data:
        raise BadEntry("条目格式错误")
    keys = e.data.keys()
    if not keys <= types.columns:
        raise BadEntry(f"{e.tbl} 没有字段 {', '.join(sorted(keys - types.columns))}")
    if e.op == "I" and keys != types.columns:
        raise BadEntry(f"{e.tbl} 新增记录缺少字段")
    if e.tbl != "settings" and not schema.UUID_RE.match(e.row_id):
        raise BadEntry(f"{e.tbl} 的记录编号“{e.row_id}”格式错误")
    try:
        msgspec.convert(e.data, types.insert if e.op == "I" else types.update)
    except schema.DECODE_ERRORS as exc:
        raise BadEntry(schema.explain(exc, prefix="d")) from None
    for name, check in types.checks:
        if name in e.data:
            value = e.data[name] if e.op == "I" else e.data[name][1]
            if value is not None and not check(value):
                raise BadEntry(f"字段“d.{name}”的值“{str(value)[:40]}”无效")
    if e.recorded_at is not None and not _utc_time_ok(e.recorded_at):
        raise BadEntry(f"字段“at”不是有效的时间：{e.recorded_at[:40]}")


def entries_valid(entries: list[Entry]) -> bool:
    """Whether every entry passes ``validate_entry`` — the same checks, made per
    table and kind of write at once (one msgspec call for a table's inserts, each
    distinct value of a checked column checked once: a package repeats its dates
    and times). False says only that some entry does not: ``validate_entry``, entry
    by entry, then names the first (the message a refused file gives)."""
    groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
    for e in entries:
        groups[(e.tbl, e.op)].append(e)
    times: set[str] = set()
    for (tbl, op), group in groups.items():
        types = _row_types(tbl)
        if types is None or op not in ("I", "U", "D"):
            return False
        datas = [e.data for e in group]
        for keys in {tuple(d) for d in datas}:
            if not keys or not set(keys) <= types.columns or (op == "I" and set(keys) != types.columns):
                return False
        if tbl != "settings" and not all(map(schema.UUID_RE.match, [e.row_id for e in group])):
            return False
        try:
            msgspec.convert(datas, GenericAlias(list, (types.insert if op == "I" else types.update,)))
        except schema.DECODE_ERRORS:
            return False
        for name, check in types.checks:
            if op == "I":
                values = {(type(v), v) for d in datas if (v := d.get(name)) is not None}
            else:
                values = {(type(v[1]), v[1]) for d in datas if name in d and (v := d[name])[1] is not None}
            if not all(check(v) for _kind, v in values):
                return False
        times.update(e.recorded_at for e in group if e.recorded_at is not None)
    return all(map(_utc_time_ok, times))


@dataclass
class TableReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0
    refused: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged,
                "conflicts": self.conflicts, "refused": self.refused}


@dataclass
class ApplyReport:
    tables: dict[str, TableReport] = field(default_factory=lambda: defaultdict(TableReport))
    new_entries: int = 0
    duplicate_entries: int = 0
    conflicts: list[str] = field(default_factory=list)   # conflict ids opened
    resolved: list[str] = field(default_factory=list)    # conflict ids closed by a covering write

    @property
    def refused(self) -> list[dict]:
        return [r for t in self.tables.values() for r in t.refused]

    @property
    def changed(self) -> bool:
        return any(t.created or t.updated for t in self.tables.values()) or bool(self.conflicts)

    def to_json(self) -> dict:
        return {"tables": {k: v.to_json() for k, v in sorted(self.tables.items())},
                "new_entries": self.new_entries, "duplicate_entries": self.duplicate_entries,
                "conflicts": len(self.conflicts), "resolved_conflicts": len(self.resolved)}




class Merger:
    """Applies entries inside one ChangeWriter transaction."""

    def __init__(self, ws, writer, *, source: str, relayed_by_city: bool = False, sender: str | None = None):
        self.ws = ws
        self.w = writer
        self.s = writer.session
        self.source = source
        # A county's package carries that county's own writes only (the city relays
        # for everyone): an entry in another site's name is refused.
        self.sender = sender
        # The city enrolled every county and checked each one's self-description
        # (its ``sites`` row) against that enrolment; a county trusts what it relays.
        self.relayed_by_city = relayed_by_city

    # -- context ---------------------------------------------------------------
    def _context(self, rows_by_table) -> rights.Context:
        s = self.s
        roles = dict(s.execute(select(Site.id, Site.role)).all())
        roles.update(dict(s.execute(select(SyncPeer.site_id, SyncPeer.role)).all()))  # enrolment wins
        roles[self.ws.site.id] = self.ws.site.role
        partners: dict[str, set[str]] = defaultdict(set)
        unit_site = dict(s.execute(select(Unit.id, Unit.site_id)).all())
        for pid, a, b in s.execute(select(Referral.project_id, Referral.from_unit_id, Referral.to_unit_id)
                                   .where(~Referral.deleted)):
            for unit in (a, b):
                if unit_site.get(unit):
                    partners[pid].add(unit_site[unit])
        keys = {}  # the keys this site enrolled: a ``sites`` row must carry the same
        for site_id, sign_key, box_key in s.execute(select(SyncPeer.site_id, SyncPeer.sign_key, SyncPeer.box_key)
                                                    .where(SyncPeer.sign_key.is_not(None))):
            try:
                fp = key_fingerprint(sign_key)
            except ValueError:
                fp = None
            keys[site_id] = (sign_key, box_key, fp)
        return rights.Context(roles, partners, {}, keys)

    # -- the work ----------------------------------------------------------------
    def apply(self, entries: list[Entry]) -> ApplyReport:
        report = ApplyReport()
        entries = self._drop_known(entries, report)
        if not entries:
            return report
        report.new_entries = len(entries)
        sqlite = self.s.bind.dialect.name == "sqlite"
        if sqlite:
            self.s.execute(select(1))  # ensure the connection is in the transaction
            self.s.connection().exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for e in sorted(entries, key=attrgetter("hlc", "origin", "counter")):
            groups[(e.tbl, e.row_id)].append(e)
        current = self._load_rows(groups)
        ctx = self._context(groups)
        if self.relayed_by_city:
            for e in entries:
                if e.tbl == "sites" and e.op == "I" and e.row_id == e.origin and e.origin not in ctx.roles:
                    ctx.roles[e.origin] = e.data.get("role")
        for (tbl, rid), held in current.items():
            ctx.parents[(tbl, rid)] = held["owner_site_id"]
        for (tbl, rid), group in groups.items():
            if (tbl, rid) not in current:
                first = group[0] if group[0].op == "I" else next((e for e in group if e.op == "I"), None)
                if first:
                    ctx.parents[(tbl, rid)] = first.data.get("owner_site_id")
        self._load_parents(groups, ctx)
        history = self._load_history([k for k in groups if k in current], current)

        accepted_entries: list[Entry] = []
        inserts: dict[str, list[dict]] = defaultdict(list)
        updates: list[tuple[str, str, dict]] = []
        touched: list[tuple[str, str, list[Entry], list]] = []
        alone: set[tuple[str, str]] = set()   # new rows made from their only entry, an insert
        by_table: dict[str, list] = defaultdict(list)
        for key, group in groups.items():
            by_table[key[0]].append((key, group))

        def new_row(t: str, rid: str, values: dict) -> None:
            values["id"] = rid
            derive = DERIVERS.get(t)
            if derive:
                values.update(derive(values))
            inserts[t].append(values)
            report.tables[t].created += 1

        sender, check = self.sender, rights.check
        for tbl in TABLE_ORDER:
            if tbl not in by_table:
                continue
            info = TableInfo.of(SYNCED_MODELS[tbl])
            derive = DERIVERS.get(tbl)
            for (t, rid), group in by_table[tbl]:
                row = current.get((t, rid))
                owner = row["owner_site_id"] if row else ctx.parents.get((t, rid))
                accepted = []
                reason: str | None
                for e in group:
                    if sender is not None and e.origin != sender:
                        reason = "不能以其他站点的名义提交修改"
                    else:
                        data = e.data if row is None and e.op == "I" else {
                            **(e.data if e.op == "I" else {}), **(row or {}), "_row_id": rid}
                        reason = check(ctx, origin=e.origin, table=t, op=e.op, owner=owner,
                                       fields=e.data.keys(), data=data, row_id=rid, written=e.data)
                    if reason:
                        report.tables[t].refused.append({"row_id": rid, "origin": e.origin,
                                                         "counter": e.counter, "reason": reason,
                                                         "fields": sorted(e.data)})
                    else:
                        accepted.append(e)
                if not accepted:
                    continue
                old = history.get((t, rid), [])
                if row is None and not old and len(accepted) == 1 and accepted[0].op == "I":
                    # The common case (bulk work): a record new here, with its insert as the
                    # only version of every field — nothing to resolve, no conflict possible.
                    e = accepted[0]
                    values = dict(e.data)  # every synced column (validate_entry)
                    if not sqlite:  # on SQLite decoded with the insert, per column (_insert_entry_rows)
                        for c, decode in info.decoders.items():
                            v = values.get(c)
                            if v is not None:
                                values[c] = decode(v)
                    values["id"] = rid   # new_row, its look-ups made once per table
                    if derive:
                        values.update(derive(values))
                    inserts[t].append(values)
                    report.tables[t].created += 1
                    alone.add((t, rid))
                    accepted_entries.append(e)
                    continue
                all_entries = old + accepted
                if row is None and not any(e.op == "I" for e in all_entries):
                    for e in accepted:
                        report.tables[t].refused.append({"row_id": rid, "origin": e.origin,
                                                         "counter": e.counter, "reason": "记录不存在（缺少创建记录）",
                                                         "fields": sorted(e.data)})
                    continue
                resolved = resolve_fields([(e.hlc, e.origin, e.counter, e.data, e.base) for e in all_entries])
                by_token = {e.token: e for e in all_entries}
                winners = {f: info.decode(f, by_token[version_token(v[1], v[2])].value(f))
                           for f, (v, _) in resolved.items()}
                accepted_entries.extend(accepted)
                touched.append((t, rid, accepted, [(f, resolved[f], by_token) for f in
                                                   {f for e in accepted for f in e.data}]))
                if row is None:
                    new_row(t, rid, {c: winners.get(c) for c in info.columns})
                else:
                    diff = {f: v for f, v in winners.items() if row.get(f) != v}
                    if diff:
                        derive = DERIVERS.get(t)
                        if derive:
                            merged = {**row, **diff}
                            diff.update({k: v for k, v in derive(merged).items() if row.get(k) != v})
                        updates.append((t, rid, diff))
                        report.tables[t].updated += 1
                    else:
                        report.tables[t].unchanged += 1

        missing = self._check_references(inserts, updates, report, accepted_entries)
        if missing:
            touched[:] = [x for x in touched if (x[0], x[1]) not in missing]
        self._write_log(accepted_entries, {(t, v["id"]): v for t, rows in inserts.items() for v in rows}, alone)
        for t in TABLE_ORDER:
            if inserts.get(t):
                info = TableInfo.of(SYNCED_MODELS[t])
                if sqlite:   # the rows made from their insert alone hold its JSON values
                    as_sent = [v for v in inserts[t] if (t, v["id"]) in alone]
                    if as_sent:
                        self.w._insert_entry_rows(info, as_sent)
                    rest = [v for v in inserts[t] if (t, v["id"]) not in alone]
                    if rest:
                        self.w._insert_rows(info, rest)
                else:
                    self.w._insert_rows(info, inserts[t])
        changing: dict[str, dict] = defaultdict(dict)  # compact inserts keep what the updates replace
        for t, rid, diff in updates:
            changing[t][rid] = (current[(t, rid)], diff)
        for t, rows in changing.items():
            keep_insert_values(self.s, t, rows)
        for t, rid, diff in updates:
            table = SYNCED_MODELS[t].__table__
            self.s.execute(update(table).where(table.c.id == rid).values(**diff))
        renamed = {rid: diff["name_norm"] for t, rid, diff in updates if t == "companies" and "name_norm" in diff}
        if renamed:  # the look-up keys of a renamed company (a new one's: with its row)
            write_name_keys(self.s, renamed, {rid: current[("companies", rid)]["name_norm"] for rid in renamed})
        self._conflicts(touched, current, report)
        hlcs = [e.hlc for e in accepted_entries if e.hlc]
        if hlcs:
            self.max_remote_hlc = max(hlcs)
        return report

    def _drop_known(self, entries: list[Entry], report: ApplyReport) -> list[Entry]:
        by_origin: dict[str, list[Entry]] = defaultdict(list)
        for e in entries:
            by_origin[e.origin].append(e)
        fresh = []
        seen_rows = set()
        for origin, group in by_origin.items():
            counters = [e.counter for e in group]
            lo, hi = min(counters), max(counters)
            have = set(self.s.scalars(select(ChangeLog.counter).where(
                ChangeLog.origin_site_id == origin, ChangeLog.counter.between(lo, hi))))
            if not have and len(set(counters)) == len(counters):   # all new, none twice: the usual file
                fresh.extend(group)
                continue
            for e in group:
                if e.counter in have:
                    report.duplicate_entries += 1
                    seen_rows.add((e.tbl, e.row_id))
                else:
                    have.add(e.counter)
                    fresh.append(e)
        # rows that only came again are unchanged
        if seen_rows:
            for tbl, _ in seen_rows - {(e.tbl, e.row_id) for e in fresh}:
                report.tables[tbl].unchanged += 1
        return fresh

    # child table -> (parent table, the column naming the parent)
    PARENTS = {**{t: ("projects", "project_id") for t in rights.PROJECT_CHILDREN},
               "review_steps": ("reviews", "review_id")}

    def _load_parents(self, groups, ctx: rights.Context) -> None:
        """Owners of the parents that new child rows name (a stage, an arrival or a
        problem of a project received in an earlier package), for the rights check."""
        wanted: dict[str, set[str]] = defaultdict(set)
        for (tbl, _), group in groups.items():
            parent = self.PARENTS.get(tbl)
            if parent is None:
                continue
            for e in group:
                pid = e.data.get(parent[1]) if e.op == "I" else None
                if pid and (parent[0], pid) not in ctx.parents:
                    wanted[parent[0]].add(pid)
        for table_name, ids in wanted.items():
            table = SYNCED_MODELS[table_name].__table__
            for chunk in chunks(ids):
                for rid, owner in self.s.execute(select(table.c.id, table.c.owner_site_id)
                                                 .where(table.c.id.in_(chunk))):
                    ctx.parents[(table_name, rid)] = owner

    def _load_rows(self, groups) -> dict[tuple[str, str], dict]:
        out = {}
        by_table: dict[str, list[str]] = defaultdict(list)
        for t, rid in groups:
            by_table[t].append(rid)
        sqlite = self.s.bind.dialect.name == "sqlite"
        for t, ids in by_table.items():
            table = SYNCED_MODELS[t].__table__
            # SQLite: the ids as one JSON array (json_each), not IN lists of thousands of parameters
            for chunk in ([ids] if sqlite else chunks(ids)):
                wanted = (table.c.id.in_(select(func.json_each(literal(json.dumps(chunk))).table_valued("value")
                                                .c.value).scalar_subquery())
                          if sqlite else table.c.id.in_(chunk))
                for r in self.s.execute(select(table).where(wanted)).mappings():
                    out[(t, r["id"])] = dict(r)
        return out

    def _load_history(self, keys, current: dict | None = None) -> dict[tuple[str, str], list[Entry]]:
        """The entries held of rows (``current``: their values, for compact inserts)."""
        out: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        by_table: dict[str, list[str]] = defaultdict(list)
        for t, rid in keys:
            by_table[t].append(rid)
        for t, ids in by_table.items():
            for chunk in chunks(ids):
                rows = self.s.scalars(select(ChangeLog).where(ChangeLog.tbl == t, ChangeLog.row_id.in_(chunk))).all()
                for e in Entry.from_rows(self.s, rows, current):
                    out[(t, e.row_id)].append(e)
        return out

    def _check_references(self, inserts, updates, report, accepted_entries) -> set[tuple[str, str]]:
        """A row whose foreign keys point at rows this site does not hold — new, or
        changed to point there — is refused rather than breaking the whole import.
        Returns the refused rows."""
        incoming = {(t, v["id"]) for t, rows in inserts.items() for v in rows}
        missing: set[tuple[str, str]] = set()
        for t, rows in list(inserts.items()):
            table = SYNCED_MODELS[t].__table__
            wanted: dict[str, set[str]] = defaultdict(set)
            fks = [(c.key, next(iter(c.foreign_keys)).column.table.name) for c in table.columns if c.foreign_keys]
            for col, target in fks:   # column by column: the distinct ids each names
                wanted[target].update(i for i in {v.get(col) for v in rows} if i and (target, i) not in incoming)
            have: set[tuple[str, str]] = set()
            absent = False
            for target, ids in wanted.items():
                ttable = Base.metadata.tables[target]
                for chunk in chunks(ids):
                    have.update((target, i) for i in self.s.scalars(select(ttable.c.id).where(ttable.c.id.in_(chunk))))
                absent = absent or any((target, i) not in have for i in ids)
            if not absent:   # every id named is held or comes with the file: no row lacks one
                continue
            kept = []
            for v in rows:
                lacking = [(target, v[col]) for col, target in fks
                           if v.get(col) and (target, v[col]) not in incoming and (target, v[col]) not in have]
                if lacking:
                    missing.add((t, v["id"]))
                    rep = report.tables[t]
                    rep.created -= 1
                    rep.refused.append({"row_id": v["id"], "reason": f"引用的记录尚未收到（{lacking[0][0]}）"})
                else:
                    kept.append(v)
            inserts[t] = kept
        while missing:  # and the new rows that refer to a refused one (a step of a refused review …)
            more = set()
            for t, rows in inserts.items():
                fks = [(c.key, next(iter(c.foreign_keys)).column.table.name)
                       for c in SYNCED_MODELS[t].__table__.columns if c.foreign_keys]
                kept = []
                for v in rows:
                    lacking = [target for col, target in fks if v.get(col) and (target, v[col]) in missing]
                    if lacking:
                        more.add((t, v["id"]))
                        report.tables[t].created -= 1
                        report.tables[t].refused.append({"row_id": v["id"],
                                                         "reason": f"引用的记录尚未收到（{lacking[0]}）"})
                    else:
                        kept.append(v)
                inserts[t] = kept
            if not more:
                break
            missing |= more
        incoming -= missing
        kept_updates = []
        for t, rid, diff in updates:  # few: one look-up per changed reference
            lacking = []
            for col in SYNCED_MODELS[t].__table__.columns:
                value = diff.get(col.key)
                if not value or not col.foreign_keys:
                    continue
                target = next(iter(col.foreign_keys)).column.table
                if (target.name, value) not in incoming and \
                        self.s.scalar(select(target.c.id).where(target.c.id == value)) is None:
                    lacking.append(target.name)
            if lacking:
                missing.add((t, rid))
                report.tables[t].updated -= 1
                report.tables[t].refused.append({"row_id": rid, "reason": f"引用的记录尚未收到（{lacking[0]}）"})
            else:
                kept_updates.append((t, rid, diff))
        updates[:] = kept_updates
        if missing:
            accepted_entries[:] = [e for e in accepted_entries if (e.tbl, e.row_id) not in missing]
        return missing

    def _write_log(self, entries: list[Entry], new_rows: dict | None = None, alone: set | None = None) -> None:
        """Log the accepted entries; the insert of a row new here (``new_rows``:
        {(tbl, id): the values inserted}) compact, as a local insert is. ``alone``:
        the new rows made from their insert alone, whose compact form is worked
        out per table, column by column (``compact_new_inserts``)."""
        if not entries:
            return
        new_rows = new_rows or {}
        compacts: dict[int, dict | None] = {}   # id(entry) -> its compact data
        if alone:
            by_table: dict[str, list[Entry]] = defaultdict(list)
            for e in entries:
                if e.op == "I" and (e.tbl, e.row_id) in alone:
                    by_table[e.tbl].append(e)
            for t, group in by_table.items():
                datas = compact_new_inserts(TableInfo.of(SYNCED_MODELS[t]), [e.data for e in group])
                compacts.update(zip(map(id, group), datas))
        now = utcnow()
        rows = []
        encode = _log_text
        source = self.source
        times: dict[str, dt.datetime | None] = {}   # a batch repeats its times: each parsed once
        for e in entries:
            at = None
            if e.recorded_at:
                at = times.get(e.recorded_at, now)
                if at is now:
                    try:
                        at = dt.datetime.fromisoformat(e.recorded_at)
                    except ValueError:
                        at = None
                    times[e.recorded_at] = at
            data = e.data
            if e.op == "I":
                if id(e) in compacts:
                    data = compacts[id(e)] or data
                else:
                    held = new_rows.get((e.tbl, e.row_id))
                    if held is not None:
                        data = compact_insert(TableInfo.of(SYNCED_MODELS[e.tbl]), data, held) or data
            # in ChangeLog column order: _LOG_KEYS
            rows.append((e.origin, e.counter, e.hlc, e.tbl, e.row_id, e.op, encode(data),
                         log_json(e.base) if e.base else None, e.actor, source, at or now))
        if self.w._sqlite:  # the writer's bulk path, as for local writes
            self.w._insert_columns(ChangeLog.__table__, _LOG_KEYS, list(zip(*rows)), by_value=True)
            return
        for chunk in chunks(rows, 5000):
            self.s.execute(insert(ChangeLog.__table__), [dict(zip(_LOG_KEYS, r)) for r in chunk])

    def _edit_vs_delete(self, t, rid, by_token: dict, existing, report: ApplyReport, now) -> None:
        """docs/SYNC.md: an edit concurrent with a delete is surfaced. When the row's
        winning state is deleted and another site edited it after the delete's
        clock time (it cannot have seen the delete), a conflict on ``deleted``
        offers "keep deleted" / "restore". A later write of ``deleted`` whose base
        names the edit (a resolution) settles it."""
        entries = list(by_token.values())
        resolved = resolve_fields([(e.hlc, e.origin, e.counter, e.data, e.base) for e in entries])
        if "deleted" not in resolved:
            return
        winner = resolved["deleted"][0]
        d = by_token[version_token(winner[1], winner[2])]
        if d.value("deleted") is not True:
            return
        seen: set[str] = set()
        for e in entries:
            if e.base and "deleted" in e.base:
                b = e.base["deleted"]
                seen.update(b if isinstance(b, list) else [b])
        edits = [e for e in entries if e.op == "U" and "deleted" not in e.data and e.origin != d.origin
                 and e.hlc > d.hlc and e.token not in seen]
        if not edits:
            return
        tokens = {d.token, *(e.token for e in edits)}
        if any({v["token"] for v in json.loads(c.versions)} == tokens for c in existing):
            return
        versions = [{"token": d.token, "site": d.origin, "hlc": d.hlc, "value": True}]
        versions += [{"token": e.token, "site": e.origin, "hlc": e.hlc, "value": False,
                      "edited": sorted(e.data)} for e in edits]
        cid = new_id()
        self.s.execute(insert(Conflict.__table__).values(
            id=cid, tbl=t, row_id=rid, field="deleted", versions=json.dumps(versions, ensure_ascii=False),
            status="open", detected_at=now))
        report.conflicts.append(cid)
        report.tables[t].conflicts += 1

    def _conflicts(self, touched, current, report: ApplyReport) -> None:
        """Open a conflict for each field with several heads holding different
        values; close open conflicts whose field has a single head again."""
        if not touched:
            return
        keys = {(t, rid) for t, rid, _, _ in touched}
        open_rows: dict[tuple[str, str, str], list[Conflict]] = defaultdict(list)
        for chunk in chunks(sorted(keys)):
            for c in self.s.scalars(select(Conflict).where(
                    Conflict.status == "open",
                    Conflict.row_id.in_([rid for _, rid in chunk]))):
                open_rows[(c.tbl, c.row_id, c.field)].append(c)
        now = utcnow()
        for t, rid, _accepted, fields in touched:
            if fields:
                self._edit_vs_delete(t, rid, fields[0][2], open_rows.get((t, rid, "deleted"), []), report, now)
            for f, (_winner, heads), by_token in fields:
                existing = open_rows.get((t, rid, f), [])
                if len(heads) == 1 and not existing:
                    continue
                tokens = [version_token(h[1], h[2]) for h in heads]
                values = {json.dumps(by_token[tok].value(f), sort_keys=True, ensure_ascii=False)
                          for tok in tokens}
                if len(heads) > 1 and len(values) > 1:
                    versions = [{"token": tok, "site": by_token[tok].origin, "hlc": by_token[tok].hlc,
                                 "value": by_token[tok].value(f)} for tok in tokens]
                    if any({v["token"] for v in json.loads(c.versions)} == set(tokens) for c in existing):
                        continue
                    cid = new_id()
                    self.s.execute(insert(Conflict.__table__).values(
                        id=cid, tbl=t, row_id=rid, field=f, versions=json.dumps(versions, ensure_ascii=False),
                        status="open", detected_at=now))
                    report.conflicts.append(cid)
                    report.tables[t].conflicts += 1
                elif existing:
                    for c in existing:
                        self.s.execute(update(Conflict.__table__).where(Conflict.id == c.id).values(
                            status="resolved", resolved_at=now,
                            resolution=json.dumps({"by": "sync", "winner": tokens[0]})))
                        report.resolved.append(c.id)
