"""Change capture: the one place every write to a synced table goes through.

``ChangeWriter`` inserts, updates and tombstones rows and appends one
``change_log`` entry per written row, stamped with the hybrid logical clock,
the site, the site's change counter and — for updates — the version of each
field the writer saw (``base``). Bulk writes take the same path in batches.
The log is both the input of sync and the audit trail.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from decimal import Decimal

from sqlalchemy import Boolean, Date, insert, select, update
from sqlalchemy.orm import Session

from zsdesk.db.models import ChangeLog, LocalState, NumberSequence, Synced, synced_columns
from zsdesk.db.types import ScaledDecimal, UTCDateTime, new_id, utcnow
from zsdesk.errors import NotFoundError, RefusedError
from zsdesk.hlc import HybridClock

# Derived (local, never synced) columns per table: fn(values) -> {column: value}
DERIVERS: dict[str, Callable[[dict], dict]] = {}


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


def field_versions(session: Session, tbl: str, row_id: str) -> dict[str, tuple[int, str, int]]:
    """The current version of each field of a row: {field: (hlc, origin, counter)},
    the highest stamp among the log entries that wrote it (last writer wins)."""
    rows = session.execute(
        select(ChangeLog.hlc, ChangeLog.origin_site_id, ChangeLog.counter, ChangeLog.data)
        .where(ChangeLog.tbl == tbl, ChangeLog.row_id == row_id)
    ).all()
    versions: dict[str, tuple[int, str, int]] = {}
    for hlc, origin, counter, data in rows:
        stamp = (hlc, origin, counter)
        for field in json.loads(data):
            if field not in versions or stamp[:2] > versions[field][:2]:
                versions[field] = stamp
    return versions


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
        self._lock_and_load(wall)
        self.log_rows = 0

    # -- state -------------------------------------------------------------
    def _lock_and_load(self, wall) -> None:
        s = self.session
        if s.bind.dialect.name == "sqlite":
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
        TX-U01-V2026-00012 (others), unique per site, kind and year."""
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
        db_rows, log_rows = [], []
        for i, row in enumerate(rows):
            full = {c: row.get(c, defaults.get(c)) for c in columns}
            if full.get("owner_site_id") is None:
                full["owner_site_id"] = self.site_id
            row_id = row.get("id") or new_id()
            log_rows.append({
                "origin_site_id": self.site_id, "counter": first_counter + i,
                "hlc": first_hlc + i, "tbl": info.name, "row_id": row_id, "op": "I",
                "data": json.dumps({k: _encode(v) for k, v in full.items()}, ensure_ascii=False),
                "base": None, "actor": self.actor, "source": self.source, "recorded_at": now,
            })
            full["id"] = row_id
            if derive:
                full.update(derive(full))
            db_rows.append(full)
        self.session.execute(insert(info.table), db_rows)
        self.session.execute(insert(ChangeLog.__table__), log_rows)
        self.log_rows += len(rows)
        return [r["id"] for r in db_rows]

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
               seen: dict[str, str] | None = None, allow_foreign: bool = False) -> dict:
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
        diff = {f: (old[f], v) for f, v in changes.items() if old[f] != v}
        if not diff:
            return {}
        versions = field_versions(self.session, info.name, row_id)
        base = {f: version_token(versions[f][1], versions[f][2]) for f in diff if f in versions}
        if seen:
            stale = [f for f in diff if f in seen and seen[f] != base.get(f)]
            if stale:
                raise RefusedError(f"保存前该记录已被修改（{', '.join(stale)}），请重新打开后再改")
        values = {f: new for f, (_, new) in diff.items()}
        derive = DERIVERS.get(info.name)
        if derive:
            merged = {**old, **values}
            values.update({k: v for k, v in derive(merged).items() if merged.get(k) != v})
        self.session.execute(update(info.table).where(info.table.c.id == row_id).values(**values))
        self.counter += 1
        self.session.execute(insert(ChangeLog.__table__), [{
            "origin_site_id": self.site_id, "counter": self.counter, "hlc": self.clock.now(),
            "tbl": info.name, "row_id": row_id, "op": "D" if changes.get("deleted") else "U",
            "data": json.dumps({f: [_encode(o), _encode(n)] for f, (o, n) in diff.items()},
                               ensure_ascii=False),
            "base": json.dumps(base) if base else None,
            "actor": self.actor, "source": self.source, "recorded_at": utcnow(),
        }])
        self.log_rows += 1
        return diff

    def delete(self, model, row_id: str, **kw) -> None:
        """Tombstone a row: it stays in the database, marked deleted."""
        self.update(model, row_id, {"deleted": True}, **kw)


def is_synced_model(model) -> bool:
    return isinstance(model, type) and issubclass(model, Synced)
