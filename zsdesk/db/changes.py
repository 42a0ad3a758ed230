"""Change capture: the one place every write to a synced table goes through.

``ChangeWriter`` inserts, updates and tombstones rows and appends one
``change_log`` entry per written row, stamped with the hybrid logical clock,
the site, the site's change counter and — for updates — the version of each
field the writer saw (``base``). Bulk writes take the same path in batches.
The log is both the input of sync and the audit trail.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from decimal import Decimal
from operator import itemgetter

from sqlalchemy import Boolean, Date, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from zsdesk.db.models import ChangeLog, CompanyNameKey, LocalState, NumberSequence, Synced, synced_columns
from zsdesk.db.types import ScaledDecimal, UTCDateTime, new_id, utcnow
from zsdesk.errors import NotFoundError, RefusedError
from zsdesk.hlc import HybridClock

def _derive_company(values: dict) -> dict:
    from zsdesk.names import normalize_company_name, pinyin_keys

    name = values.get("name") or ""
    return {"name_norm": normalize_company_name(name), "search_key": pinyin_keys(name)}


def _derive_name_keys(values: dict) -> dict:
    # a lead's or project's name, so that "hhsw" finds 华海生物医药产业基地 (issue 12)
    from zsdesk.names import pinyin_keys

    return {"search_key": pinyin_keys(values.get("name") or "")}


def name_key_hashes(norm: str) -> set[int]:
    """The 撞车 look-up keys of a normalised company name (``CompanyNameKey``): the
    name and the name less one character at each place, each as a signed 64-bit
    blake2b hash. Two names share a key when each, less at most one character, is
    the same. A name of three characters or fewer has only itself: one less would
    meet only names under the 撞车 threshold (ratio 85: one character apart needs
    seven between the two names, two apart fourteen)."""
    keys = {norm}
    if len(norm) >= 4:
        keys.update(norm[:i] + norm[i + 1:] for i in range(len(norm)))
    return {int.from_bytes(hashlib.blake2b(k.encode(), digest_size=8).digest(), "big", signed=True)
            for k in keys}


def write_name_keys(session: Session | Connection, names: dict[str, str],
                    old: dict[str, str] | None = None) -> None:
    """Write the look-up keys of companies (id -> ``name_norm``); ``old``: the
    names they had (a rename), whose keys the new name has not are removed. By
    primary key only (no index on ``company_id``): a key written again is first
    removed, so a rename never meets a key already held."""
    table = CompanyNameKey.__table__
    if old:
        gone = [{"k": h, "c": cid} for cid in old if cid in names
                for h in name_key_hashes(old[cid] or "") | name_key_hashes(names[cid] or "")]
        if gone:
            session.execute(delete(table).where(table.c.key_hash == bindparam("k"),
                                                table.c.company_id == bindparam("c")), gone)
    rows = [{"key_hash": h, "company_id": cid} for cid in names for h in name_key_hashes(names[cid] or "")]
    if rows:
        session.execute(insert(table), rows)


# Derived (local, never synced) columns per table: fn(values) -> {column: value}.
# Computed on every write path: local writes, bulk writes and sync.
DERIVERS: dict[str, Callable[[dict], dict]] = {
    "companies": _derive_company, "leads": _derive_name_keys, "projects": _derive_name_keys}


def version_token(origin_site_id: str, counter: int) -> str:
    return f"{origin_site_id}:{counter}"


# --- JSON encoding of field values --------------------------------------------

def _encode(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _encode_default(value):
    """``_encode`` for the values JSON cannot hold itself (the C encoder calls it
    only for those), so ``_ROW_JSON.encode(row)`` equals
    ``json.dumps({k: _encode(v) ...}, ensure_ascii=False, separators=(",", ":"))``
    at a fraction of the cost."""
    if isinstance(value, (Decimal, dt.date)):
        return _encode(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


#: The JSON of the log's ``data`` and ``base``: no spaces after separators (the
#: default ", " and ": " cost two bytes a field, about 6% of the log; issue 15),
#: Chinese as itself. Every reader parses it with ``json.loads``, so entries written
#: before (with spaces) read the same; migration 0011 rewrites them.
LOG_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_encode_default)
_ROW_JSON = LOG_JSON


def log_json(value) -> str:
    """``value`` as the log stores it (``LOG_JSON``)."""
    return LOG_JSON.encode(value)


def _new_ids(count: int) -> list[str]:
    """``count`` random (version 4) UUIDs as text, like ``new_id()``, made in one go."""
    if count < 8:
        return [new_id() for _ in range(count)]
    h = os.urandom(16 * count).hex()
    return [f"{h[i:i + 8]}-{h[i + 8:i + 12]}-4{h[i + 13:i + 16]}-{_VARIANT[h[i + 16]]}{h[i + 17:i + 20]}-"
            f"{h[i + 20:i + 32]}" for i in range(0, 32 * count, 32)]


def _convert_column(convert: Callable, values) -> list:
    """``[convert(v) for v in values]``, computed once when every value is the
    same object (a batch's timestamp, a default flag)."""
    first = values[0]
    if all(v is first for v in values):
        return [convert(first)] * len(values)
    return list(map(convert, values))


_VARIANT = {c: "89ab"[int(c, 16) & 3] for c in "0123456789abcdef"}  # RFC 4122 variant bits 10xx


def _stored_column(values: list, decode: Callable | None, bind: Callable | None) -> list:
    """A column of JSON values as the driver is to store them: ``bind(decode(v))``
    (None stays None), worked out once per distinct value. Values equal as keys
    (``True`` and ``1``, ``-0`` and ``0``) store the same through every decoder
    and bind processor here, so sharing one result is exact."""
    def one(v):
        if decode is not None:
            v = decode(v)
        return v if bind is None else bind(v)
    try:
        memo = {v: one(v) for v in set(values) if v is not None}
    except TypeError:   # a list or object (a column of no declared type)
        return [None if v is None else one(v) for v in values]
    return list(map(memo.get, values))


class TableInfo:
    """Per-table facts the writer needs, computed once."""

    _cache: dict[type, TableInfo] = {}

    def __init__(self, model):
        self.model = model
        self.table = model.__table__
        self.name = model.__tablename__
        self.columns = synced_columns(model)
        self.local = model.__local__
        self.defaults = {}
        self.decoders: dict[str, Callable] = {}
        for col in self.table.columns:
            if col.default is not None and col.default.is_scalar:
                self.defaults[col.key] = col.default.arg
            if isinstance(col.type, ScaledDecimal):
                self.decoders[col.key] = Decimal
            elif isinstance(col.type, UTCDateTime):
                self.decoders[col.key] = dt.datetime.fromisoformat
            elif isinstance(col.type, Date):
                self.decoders[col.key] = dt.date.fromisoformat
            elif isinstance(col.type, Boolean):
                self.decoders[col.key] = bool
        # per synced column: (name, what the log reads back for a row holding a value,
        # whether a value the writer is given reads back as the JSON it logs)
        self.stored = [(c, _stored_fn(self.table.c[c])) for c in self.columns]
        self.same = [(c, _same_fn(self.table.c[c])) for c in self.columns]
        # per synced column: the JSON types that read back as themselves (compact_new_inserts)
        self.read_back = {c: _read_back_types(self.table.c[c]) for c in self.columns}

    @classmethod
    def of(cls, model) -> TableInfo:
        info = cls._cache.get(model)
        if info is None:
            info = cls._cache[model] = cls(model)
        return info

    def decode(self, column: str, value):
        if value is None:
            return None
        fn = self.decoders.get(column)
        return fn(value) if fn else value


# --- compact insert entries (issue 15) ------------------------------------------
#
# An insert entry stores only the fields whose value differs from what its row
# holds, after the marker ``COMPACT`` (``{"~":1}`` when nothing differs): every
# other synced column is "as in the row". This is exact because, before any write
# changes a field of a row, ``keep_insert_values`` writes the field's value (which
# is still the inserted one) into the row's compact insert entries. Every reader
# of entry data goes through ``entries_data`` (or ``entry_fields`` for the names
# only), which puts the row's values back: a sync package, the audit trail and
# the versions read exactly what a full entry held.

#: The marker of a compact insert entry: not a column name (none can be "~").
COMPACT = "~"
_COMPACT_START = '{"~":'
_NOPE = object()   # a value the log cannot count on reading back the same


def is_compact(data: str | None) -> bool:
    """Whether an entry's ``data`` text is a compact insert."""
    return data is not None and data.startswith(_COMPACT_START)


def _stored_fn(column) -> Callable:
    """fn(value held by the row or given to a write) -> the JSON value the log
    reads back for the row (``_encode`` of what the database returns), or
    ``_NOPE`` when that is not known for sure."""
    t = column.type
    if isinstance(t, ScaledDecimal):
        def stored_decimal(v):
            if v is None:
                return None
            if type(v) is bool or type(v) is float:
                return _NOPE
            try:
                return str(t.process_result_value(t.process_bind_param(v, None), None))
            except (ArithmeticError, ValueError, TypeError):
                return _NOPE
        return stored_decimal
    if isinstance(t, Boolean):
        return lambda v: v if v is None or type(v) is bool else (bool(v) if type(v) is int and v in (0, 1) else _NOPE)
    if isinstance(t, Date):
        return lambda v: None if v is None else (v.isoformat() if type(v) is dt.date else _NOPE)
    kind = t.python_type if not isinstance(t, UTCDateTime) else None
    if kind in (str, int):
        return lambda v: v if v is None or type(v) is kind else _NOPE
    return lambda v: v if v is None else _NOPE


def _same_fn(column) -> Callable[[object], bool]:
    """fn(value given to ``insert_many``) -> whether the row reads back as the JSON
    the entry would hold (``_encode(value)``), so the entry may leave it out."""
    stored = _stored_fn(column)
    t = column.type
    if isinstance(t, ScaledDecimal):
        def same_decimal(v):
            s = stored(v)
            e = _encode(v)
            return s is not _NOPE and type(s) is type(e) and s == e
        return same_decimal
    if isinstance(t, Boolean):
        return lambda v: v is None or type(v) is bool
    if isinstance(t, Date):
        return lambda v: v is None or type(v) is dt.date
    kind = t.python_type if not isinstance(t, UTCDateTime) else None
    if kind in (str, int):
        return lambda v: v is None or type(v) is kind
    return lambda v: v is None


def _same_json(a, b) -> bool:
    """Two JSON values equal as JSON (``True`` is not ``1``, ``"5"`` not ``5``)."""
    return a is not _NOPE and type(a) is type(b) and a == b


def compact_insert(info: TableInfo, data: dict, row: dict) -> dict | None:
    """The compact form of an insert entry's ``data`` (JSON values) for a row
    holding ``row`` (its values as written or read): the marker and the fields
    that would not read back the same. None when the entry is not exactly the
    table's synced columns in their order (older entries stay whole)."""
    if len(data) != len(info.columns) or list(data) != info.columns:
        return None
    out: dict = {COMPACT: 1}
    for c, stored in info.stored:
        j = data[c]
        if not _same_json(stored(row.get(c)), j):
            out[c] = j
    return out


def _read_back_types(column) -> frozenset[type] | None:
    """The JSON value types that, given to an insert of ``column`` (decoded as the
    merge decodes them, ``TableInfo.decode``), always read back as the same JSON:
    ``_same_json(stored(decode(v)), v)`` for every value of these types (None: no
    type is sure — the value decides). Mirrors ``_stored_fn``."""
    t = column.type
    if isinstance(t, (ScaledDecimal, Date)):
        return None
    if isinstance(t, Boolean):
        return frozenset({bool, type(None)})
    kind = t.python_type if not isinstance(t, UTCDateTime) else None
    if kind in (str, int):
        return frozenset({kind, type(None)})
    return frozenset({type(None)})


def compact_new_inserts(info: TableInfo, datas: list[dict]) -> list[dict | None]:
    """``compact_insert(info, d, row)`` of insert entries' data ``d`` whose row was
    made from ``d`` alone (every value decoded by ``TableInfo.decode``: a record
    new here, its insert its only entry) — the same result, worked out column by
    column: a column whose values are all of types that read back as themselves
    costs one pass in C; any other value is decided once per distinct value (a
    batch repeats its dates and times)."""
    columns = info.columns
    whole = tuple(columns)
    ok = [i for i, d in enumerate(datas) if tuple(d) == whole]
    out: list[dict | None] = [None] * len(datas)
    if not ok:
        return out
    compact = [{COMPACT: 1} for _ in ok]
    rows = [datas[i] for i in ok]
    for c, stored in info.stored:
        col = list(map(itemgetter(c), rows))
        sure = info.read_back.get(c)
        if sure is not None and sure.issuperset(map(type, col)):
            continue   # every value reads back the same: the column is left to the row
        decode = info.decoders.get(c)
        memo: dict = {}
        for p, v in enumerate(col):
            try:
                same = memo[(type(v), v)]
            except KeyError:
                same = memo[(type(v), v)] = _same_json(stored(v if v is None or decode is None else decode(v)), v)
            except TypeError:   # a list or object (a column of no declared type): not hashable
                same = _same_json(stored(v if v is None or decode is None else decode(v)), v)
            if not same:
                compact[p][c] = v
    for p, i in enumerate(ok):
        out[i] = compact[p]
    return out


def entry_fields(tbl: str, data) -> list[str]:
    """The fields an entry wrote (its data as text or parsed), without reading
    the row: a compact insert wrote every synced column."""
    d = json.loads(data) if isinstance(data, str) else data
    if COMPACT in d:
        from zsdesk.db.models import SYNCED_MODELS

        return list(TableInfo.of(SYNCED_MODELS[tbl]).columns)
    return list(d)


def _row_values(session: Session | Connection, tbl: str, ids, known: dict | None = None) -> dict[str, tuple]:
    """{row id: (JSON value as the log reads it, per synced column in order)} of
    rows of ``tbl`` (``known``: {(tbl, id): row values} already read, used instead)."""
    from zsdesk.batch import chunks
    from zsdesk.db.models import SYNCED_MODELS

    info = TableInfo.of(SYNCED_MODELS[tbl])
    out: dict[str, tuple] = {}
    wanted = []
    for rid in ids:
        row = known.get((tbl, rid)) if known else None
        if row is not None:
            out[rid] = tuple(_encode(row.get(c)) for c in info.columns)
        else:
            wanted.append(rid)
    if wanted:
        table = info.table
        cols = [table.c.id, *(table.c[c] for c in info.columns)]
        for chunk in chunks(wanted):
            for r in session.execute(select(*cols).where(table.c.id.in_(chunk))):
                out[r[0]] = tuple(map(_encode, r[1:]))
    return out


def entries_data(session: Session | Connection, entries, known: dict | None = None) -> list[dict]:
    """The data of change-log entries — (tbl, row_id, data text) each — parsed,
    with compact inserts made whole again from their rows (each table's rows
    read once per call, ``known`` rows not at all; one table's values held at a
    time): what every reader of entry data reads (export, audit, versions, the
    merge's history)."""
    entries = list(entries)
    out: list = [None] * len(entries)
    wanted: dict[str, list[int]] = {}
    for i, (tbl, _row_id, data) in enumerate(entries):
        out[i] = d = json.loads(data)
        if COMPACT in d:
            wanted.setdefault(tbl, []).append(i)
    if not wanted:
        return out
    from zsdesk.db.models import SYNCED_MODELS

    for tbl, positions in wanted.items():
        columns = TableInfo.of(SYNCED_MODELS[tbl]).columns
        rows = _row_values(session, tbl, {entries[i][1] for i in positions}, known)
        for i in positions:
            values = rows.get(entries[i][1])
            if values is None:
                raise RefusedError(f"修改记录不完整：{tbl} {entries[i][1]} 的记录已不存在，无法读出其创建时的内容")
            d = out[i]
            if len(d) == 1:   # nothing differed: the row as it is
                out[i] = dict(zip(columns, values))
            else:
                out[i] = {c: d.get(c, v) for c, v in zip(columns, values)}
        del rows
    return out


def keep_insert_values(session: Session, tbl: str, changing: dict[str, tuple[dict, Iterable[str]]],
                       held: list[tuple] | None = None) -> int:
    """Before fields of rows change: ``changing`` maps a row id to (the row's
    values before the write, the fields about to change). Each compact insert
    entry of those rows that leaves a changing synced field to the row gets the
    field's present value written into it — the value it was inserted with,
    which the row is about to lose. One look-up by ``ix_change_row`` per row,
    batched (``held``: the rows' entries as (seq, row_id, op, data), already
    read). Returns the entries rewritten."""
    if not changing:
        return 0
    from zsdesk.batch import chunks
    from zsdesk.db.models import SYNCED_MODELS

    model = SYNCED_MODELS.get(tbl)
    if model is None:
        return 0
    synced = set(TableInfo.of(model).columns)
    wanted = [rid for rid, (_old, fields) in changing.items() if synced.intersection(fields)]
    if held is None:
        held = [row for chunk in chunks(wanted) for row in session.execute(
            select(ChangeLog.seq, ChangeLog.row_id, ChangeLog.op, ChangeLog.data)
            .where(ChangeLog.tbl == tbl, ChangeLog.row_id.in_(chunk), ChangeLog.op == "I"))]
    rewritten = []
    for seq, rid, op, data in held:
        if op == "I" and rid in changing and is_compact(data):
            d = json.loads(data)
            old, fields = changing[rid]
            missing = [f for f in fields if f in synced and f not in d]
            if missing:
                for f in missing:
                    d[f] = _encode(old.get(f))
                rewritten.append({"k": seq, "d": LOG_JSON.encode(d)})
    if rewritten:
        table = ChangeLog.__table__
        session.execute(update(table).where(table.c.seq == bindparam("k")).values(data=bindparam("d")),
                        rewritten)
    return len(rewritten)


def expand_inserts(session: Session | Connection, *where, batch: int = 20_000, progress: Callable | None = None) -> int:
    """Make the compact insert entries (of those ``where`` selects) whole again, in
    batches by ``seq``: before a write that changes rows without keeping their
    inserts' values (a re-keying, a downgrade). Returns the entries rewritten."""
    table = ChangeLog.__table__
    stmt = update(table).where(table.c.seq == bindparam("k")).values(data=bindparam("d"))
    last, done = -1, 0
    while True:
        rows = session.execute(
            select(table.c.seq, table.c.tbl, table.c.row_id, table.c.data)
            .where(table.c.seq > last, table.c.op == "I", table.c.data.startswith(_COMPACT_START), *where)
            .order_by(table.c.seq).limit(batch)).all()
        if not rows:
            return done
        last = rows[-1][0]
        datas = entries_data(session, [(t, rid, d) for _seq, t, rid, d in rows])
        session.execute(stmt, [{"k": r[0], "d": LOG_JSON.encode(d)} for r, d in zip(rows, datas)])
        done += len(rows)
        if progress:
            progress(done)


_SQLITE_INSERTS: dict[tuple, tuple[str, list]] = {}


def _sqlite_insert(table, dialect, keys: tuple[str, ...]) -> tuple[str, list]:
    """(INSERT statement, bind converter per key) for ``keys`` of ``table``, cached.
    The converters are SQLAlchemy's own bind processors, so the stored values are
    exactly what ``session.execute(insert(table), rows)`` would store."""
    found = _SQLITE_INSERTS.get((table, keys))
    if found is None:
        cols = [table.c[k] for k in keys]
        quote = dialect.identifier_preparer
        sql = (f"INSERT INTO {quote.format_table(table)} ({', '.join(quote.format_column(c) for c in cols)}) "
               f"VALUES ({', '.join('?' * len(cols))})")
        found = _SQLITE_INSERTS[(table, keys)] = (
            sql, [c.type.dialect_impl(dialect).bind_processor(dialect) for c in cols])
    return found


_LOG_KEYS = ("origin_site_id", "counter", "hlc", "tbl", "row_id", "op", "data", "base", "actor", "source",
             "recorded_at")


Version = tuple[int, str, int]  # (hlc, origin site id, counter)


def base_tokens(value) -> list[str]:
    """A field's base in the log: one version token, or a list (a resolution
    that covers both sides of a conflict)."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def resolve_fields(entries) -> dict[str, tuple[Version, list[Version]]]:
    """For each field written by ``entries`` (rows of hlc, origin, counter, data,
    base; data and base as JSON text or already-parsed dicts): (winner, heads).
    A version is superseded when another version names it as its base; the heads
    are the versions nobody superseded, and the winner is the head with the
    highest (hlc, site). This is a function of the set of versions, so every site
    reaches the same answer whatever order packages arrived in, and an edit made
    on top of a version always beats it, even when that version came from a
    laptop whose clock runs days ahead. Several heads with different values are
    a conflict."""
    written: dict[str, dict[str, Version]] = {}
    covered: dict[str, set[str]] = {}
    for hlc, origin, counter, data, base in entries:
        version = (hlc, origin, counter)
        token = version_token(origin, counter)
        for f in (json.loads(data) if isinstance(data, str) else data):
            written.setdefault(f, {})[token] = version
        if base:
            for f, b in (json.loads(base) if isinstance(base, str) else base).items():
                covered.setdefault(f, set()).update(base_tokens(b))
    out = {}
    for f, versions in written.items():
        done = covered.get(f, ())
        heads = [v for t, v in versions.items() if t not in done] or list(versions.values())
        heads.sort(key=lambda v: (v[0], v[1]), reverse=True)
        out[f] = (heads[0], heads)
    return out


def field_versions(session: Session, tbl: str, row_id: str) -> dict[str, Version]:
    """The current (winning) version of each field of a row: {field: (hlc, origin, counter)}.
    Only the names of the fields each entry wrote matter (a compact insert wrote
    every synced column), so no row is read."""
    rows = session.execute(
        select(ChangeLog.hlc, ChangeLog.origin_site_id, ChangeLog.counter, ChangeLog.data, ChangeLog.base)
        .where(ChangeLog.tbl == tbl, ChangeLog.row_id == row_id)
    ).all()
    return _winners(tbl, rows)


def _winners(tbl: str, rows) -> dict[str, Version]:
    """``field_versions`` of a row's entries (hlc, origin, counter, data, base)."""
    entries = [(h, o, c, dict.fromkeys(entry_fields(tbl, d)) if is_compact(d) else d, b) for h, o, c, d, b in rows]
    return {f: winner for f, (winner, _) in resolve_fields(entries).items()}


class ChangeWriter:
    """Writes within one transaction. Obtain one from ``Workspace.write()``."""

    def __init__(self, session: Session, site_id: str, site_code: str, *, actor: str | None,
                 source: str = "local", wall: Callable[[], int] | None = None):
        self.session = session
        self.site_id = site_id
        self.site_code = site_code
        self.actor = actor
        self.source = source
        self.today = dt.date.today()
        self._sqlite = session.get_bind().dialect.name == "sqlite"
        self._lock_and_load(wall)
        self.log_rows = 0

    # -- state -------------------------------------------------------------
    def _lock_and_load(self, wall) -> None:
        s = self.session
        if s.get_bind().dialect.name == "sqlite":
            # A write first: takes SQLite's write lock now rather than failing to
            # upgrade a read snapshot later.
            s.execute(update(LocalState).where(LocalState.key == "counter")
                      .values(value=LocalState.value))
            state = dict(s.execute(select(LocalState.key, LocalState.value)).all())
        else:
            state = dict(s.execute(select(LocalState.key, LocalState.value)
                                   .with_for_update()).all())
        if "counter" not in state:
            raise RefusedError("数据库尚未初始化站点：请先运行 zsdesk init")
        self.counter = int(state["counter"])
        self._start_counter = self.counter
        self.clock = HybridClock(int(state.get("hlc", "0")), **({"wall": wall} if wall else {}))
        self._start_hlc = self.clock.last

    def finish(self) -> None:
        """Persist the counter and clock (called before commit)."""
        if self.counter != self._start_counter:
            self.session.execute(update(LocalState).where(LocalState.key == "counter")
                                 .values(value=str(self.counter)))
        if self.clock.last != self._start_hlc:
            self.session.execute(update(LocalState).where(LocalState.key == "hlc")
                                 .values(value=str(self.clock.last)))

    # -- numbers -------------------------------------------------------------
    def allocate_numbers(self, kind: str, year: int, count: int) -> list[str]:
        """Human-readable numbers, e.g. TX-U01-2026-0012 (projects) or
        TX-U01-V2026-00012 (others), unique per site, kind and year.

        Safe with several PCs writing one PostgreSQL database: this writer holds the
        site's lock (``local_state`` FOR UPDATE, ``_lock_and_load``) until it commits,
        so one transaction at a time reads and moves a sequence (tests/test_pg_races.py)."""
        s = self.session
        seq = s.get(NumberSequence, (self.site_id, kind, year))
        if seq is None:
            seq = NumberSequence(site_id=self.site_id, kind=kind, year=year, last=0)
            s.add(seq)
        first = seq.last + 1
        seq.last += count
        s.flush()
        prefix = f"{self.site_code}-{year}" if kind == "P" else f"{self.site_code}-{kind}{year}"
        return [f"{prefix}-{n:04d}" for n in range(first, first + count)]

    # -- writes --------------------------------------------------------------
    def insert(self, model, values: dict) -> str:
        return self.insert_many(model, [values])[0]

    def insert_many(self, model, rows: Iterable[dict], *, number_year: Callable[[dict], int] | None = None
                    ) -> list[str]:
        """Insert rows (dicts of column values) and log each one. Missing ids are
        made here; ``owner_site_id`` defaults to this site; numbered tables get
        their numbers (by the year ``number_year(row)``, default this year)."""
        info = TableInfo.of(model)
        rows = list(rows)
        if not rows:
            return []
        if model.__numbered__:
            self._number_rows(model, rows, number_year)
        derive = DERIVERS.get(info.name)
        first_hlc = self.clock.reserve(len(rows))
        first_counter = self.counter + 1
        self.counter += len(rows)
        now = utcnow()
        defaults = info.defaults
        columns = info.columns
        same = info.same
        encode = _ROW_JSON.encode
        fresh_ids = iter(_new_ids(sum(1 for row in rows if not row.get("id"))))
        db_rows, log_rows = [], []
        for i, row in enumerate(rows):
            full = {c: row.get(c, defaults.get(c)) for c in columns}
            if full.get("owner_site_id") is None:
                full["owner_site_id"] = self.site_id
            row_id = row.get("id") or next(fresh_ids)
            # in ChangeLog column order: _LOG_KEYS
            # compact (issue 15): the marker and only what would not read back the same
            kept = {COMPACT: 1}
            for c, ok in same:
                v = full[c]
                if not ok(v):
                    kept[c] = v
            log_rows.append((self.site_id, first_counter + i, first_hlc + i, info.name, row_id, "I",
                             encode(kept), None, self.actor, self.source, now))
            full["id"] = row_id
            if derive:
                full.update(derive(full))
            db_rows.append(full)
        self._insert_rows(info, db_rows)
        if self._sqlite:
            self._insert_columns(ChangeLog.__table__, _LOG_KEYS, list(zip(*log_rows)))
        else:
            self.session.execute(insert(ChangeLog.__table__), [dict(zip(_LOG_KEYS, r)) for r in log_rows])
        self.log_rows += len(rows)
        return [r["id"] for r in db_rows]

    def _insert_rows(self, info: TableInfo, rows: list[dict]) -> None:
        """Insert rows (dicts with the same keys) into a table: on SQLite through
        ``_insert_columns``, elsewhere (or for uneven rows) with SQLAlchemy's executemany.
        A company's look-up keys are written with it (``write_name_keys``)."""
        if info.name == "companies":
            write_name_keys(self.session, {r["id"]: r["name_norm"] for r in rows})
        if self._sqlite:
            keys = tuple(rows[0])
            if all(k in info.table.c for k in keys) and all(len(r) == len(keys) for r in rows):
                try:
                    columns = [[r[k] for r in rows] for k in keys]
                except KeyError:  # rows with different keys
                    columns = None
                if columns is not None:
                    self._insert_columns(info.table, keys, columns)
                    return
        self.session.execute(insert(info.table), rows)

    def _insert_columns(self, table, keys: tuple[str, ...], columns: list, *, by_value: bool = False) -> None:
        """SQLite bulk insert: ``columns[j]`` holds every row's value of ``keys[j]``.
        Values are converted column by column with SQLAlchemy's bind processors
        (the same stored values as ``session.execute(insert(table), rows)``) and
        handed to the driver's executemany in one call, on the session's
        connection and inside its transaction. ``by_value``: each distinct value
        converted once (``_stored_column``; values that repeat, as imported times do)."""
        sql, converters = _sqlite_insert(table, self.session.get_bind().dialect, keys)
        columns = [col if conv is None else (_stored_column(col, None, conv) if by_value
                                             else _convert_column(conv, col))
                   for col, conv in zip(columns, converters)]
        self.session.connection().exec_driver_sql(sql, list(zip(*columns)))

    def _insert_entry_rows(self, info: TableInfo, rows: list[dict]) -> None:
        """SQLite bulk insert of rows whose synced values are as an insert entry
        carries them (JSON values: "2026-03-01", "12000.5", …; the sync merge's new
        rows): each value decoded as ``TableInfo.decode`` does, then bound as
        SQLAlchemy binds it — what ``_insert_rows`` of the decoded rows stores —,
        column by column and once per distinct value (a batch repeats its dates,
        times and flags)."""
        if info.name == "companies":
            write_name_keys(self.session, {r["id"]: r["name_norm"] for r in rows})
        dialect = self.session.get_bind().dialect
        by_keys: dict[tuple[str, ...], list[dict]] = {}
        for r in rows:
            by_keys.setdefault(tuple(r), []).append(r)
        for keys, group in by_keys.items():
            sql, converters = _sqlite_insert(info.table, dialect, keys)
            columns = []
            for k, bind in zip(keys, converters):
                col = list(map(itemgetter(k), group))
                decode = info.decoders.get(k)
                if decode is not None or bind is not None:
                    col = _stored_column(col, decode, bind)
                columns.append(col)
            self.session.connection().exec_driver_sql(sql, list(zip(*columns)))

    def insert_seed(self, model, rows: list[dict], origin: str, first_counter: int) -> None:
        """Insert built-in catalogue rows as authored by the seed pseudo-site at
        clock 0: every site logs the very same entries (deduplicated by origin
        and counter when they meet in sync), and any real edit beats them."""
        info = TableInfo.of(model)
        db_rows, log_rows = [], []
        for i, row in enumerate(rows):
            full = {c: row.get(c, info.defaults.get(c)) for c in info.columns}
            data = {k: _encode(v) for k, v in full.items()}
            log_rows.append({"origin_site_id": origin, "counter": first_counter + i, "hlc": 0,
                             "tbl": info.name, "row_id": row["id"], "op": "I",
                             "data": log_json(compact_insert(info, data, full) or data),
                             "base": None, "actor": None, "source": "seed", "recorded_at": utcnow()})
            db_rows.append({**full, "id": row["id"]})
        self.session.execute(insert(info.table), db_rows)
        self.session.execute(insert(ChangeLog.__table__), log_rows)
        self.log_rows += len(rows)

    def _number_rows(self, model, rows: list[dict], number_year) -> None:
        todo = [r for r in rows if not r.get("number")]
        by_year: dict[int, list[dict]] = {}
        for r in todo:
            year = number_year(r) if number_year else self.today.year
            by_year.setdefault(year, []).append(r)
        for year, group in by_year.items():
            for r, number in zip(group, self.allocate_numbers(model.__numbered__, year, len(group))):
                r["number"] = number

    def current(self, model, row_id: str, *, include_deleted: bool = False) -> dict:
        """The row's current values as a dict (raises NotFoundError)."""
        row = self.session.execute(select(model.__table__).where(model.__table__.c.id == row_id)
                                   ).mappings().first()
        if row is None or (row["deleted"] and not include_deleted):
            raise NotFoundError(f"记录不存在或已删除：{model.__tablename__} {row_id}")
        return dict(row)

    def update(self, model, row_id: str, changes: dict, *,
               seen: dict[str, str] | None = None, allow_foreign: bool = False,
               force: bool = False, base_override: list[str] | None = None) -> dict:
        """Change some fields of a row. Only fields whose value really changes are
        written and logged. ``seen`` maps fields to the version tokens the user
        saw; a field changed since by someone else is refused rather than silently
        overwritten. Returns {field: (old, new)}."""
        info = TableInfo.of(model)
        unknown = set(changes) - set(info.columns)
        if unknown or "owner_site_id" in changes:
            raise RefusedError(f"不能修改字段：{', '.join(sorted(unknown or {'owner_site_id'}))}")
        old = self.current(model, row_id, include_deleted="deleted" in changes)
        if old["owner_site_id"] != self.site_id and not allow_foreign:
            raise RefusedError("该记录属于其他站点，只读")
        # force: write even an unchanged value (a conflict resolution must travel)
        diff = {f: (old[f], v) for f, v in changes.items() if force or old[f] != v}
        if not diff:
            return {}
        # the row's entries, read once: its versions, and its inserts for keep_insert_values
        entries = self.session.execute(
            select(ChangeLog.hlc, ChangeLog.origin_site_id, ChangeLog.counter, ChangeLog.data, ChangeLog.base,
                   ChangeLog.seq, ChangeLog.op)
            .where(ChangeLog.tbl == info.name, ChangeLog.row_id == row_id)).all()
        versions = _winners(info.name, [e[:5] for e in entries])
        base: dict[str, str | list[str]] = {
            f: version_token(versions[f][1], versions[f][2]) for f in diff if f in versions}
        if base_override:  # a resolution supersedes every conflicting version
            base = {f: list(base_override) for f in diff}
        if seen:
            stale = [f for f in diff if f in seen and seen[f] != base.get(f)]
            if stale:
                raise RefusedError(f"保存前该记录已被修改（{', '.join(stale)}），请重新打开后再改")
        values = {f: new for f, (_, new) in diff.items()}
        derive = DERIVERS.get(info.name)
        if derive:
            merged = {**old, **values}
            values.update({k: v for k, v in derive(merged).items() if merged.get(k) != v})
        # the row's compact insert entry keeps what this write replaces (issue 15)
        keep_insert_values(self.session, info.name, {row_id: (old, diff)},
                           held=[(e.seq, row_id, e.op, e.data) for e in entries])
        self.session.execute(update(info.table).where(info.table.c.id == row_id).values(**values))
        if "name_norm" in values and info.name == "companies":
            write_name_keys(self.session, {row_id: values["name_norm"]}, {row_id: old["name_norm"]})
        self.counter += 1
        self.session.execute(insert(ChangeLog.__table__), [{
            "origin_site_id": self.site_id, "counter": self.counter, "hlc": self.clock.now(),
            "tbl": info.name, "row_id": row_id, "op": "D" if changes.get("deleted") else "U",
            "data": log_json({f: [_encode(o), _encode(n)] for f, (o, n) in diff.items()}),
            "base": log_json(base) if base else None,
            "actor": self.actor, "source": self.source, "recorded_at": utcnow(),
        }])
        self.log_rows += 1
        return diff

    def delete(self, model, row_id: str, **kw) -> None:
        """Tombstone a row: it stays in the database, marked deleted."""
        self.update(model, row_id, {"deleted": True}, **kw)


def is_synced_model(model) -> bool:
    return isinstance(model, type) and issubclass(model, Synced)
