"""One live target per unit (or person), year and metric, enforced by the database (issue 13).

Two PCs of a city office saving the same target at the same moment each found no
target and each inserted one: two live rows (110 and 114); the next save changed
one of them and the ranking went on reading the other. The services now look the
target up inside the write transaction, after the site's lock; the two partial
unique indexes made here make the database refuse a second live row whoever
writes it. A unique index treats NULLs as distinct, so a unit's own targets
(``staff_id IS NULL``) and a person's (``staff_id IS NOT NULL``) get one index each.

First the duplicates a database already holds are merged, so that the indexes can
be made:

* The row that stays is the oldest one: its insert comes first in the change log
  (clock, site, counter; then the id). Every site that holds two duplicates holds
  both inserts, so every site keeps the same row, even a county that has not yet
  received every later change to them. (Keeping "the row changed last" instead
  would depend on which changes a site has received: a county could keep the
  other row, and the city's tombstone arriving later would leave it none.)
* It keeps the value written last among the duplicates: the winning version of
  ``value`` (resolved as ``ChangeWriter`` does) with the latest clock. So the last
  save before the upgrade is in force, whichever of the rows it went to.
* The others become tombstones, as a delete makes them: ``deleted`` set, the row
  and its history kept (the 修改记录 still shows what was saved there).

At the site that owns the targets (the city; only the city writes them) the
tombstones and the value change are written to the change log as any write is:
op ``D`` / ``U``, the old and new value, this site's next counter and clock, the
version each replaces as its base, source ``migration:0008_unique_targets`` and
no actor. They travel to the counties with the reference data, so every county,
and one that joins later and builds its targets from the log, ends with the same
single row. A site that does not own the rows (a county) changes its copy without
logging (it may not write the city's rows); the city's entries for the same rows
arrive later and agree with it.

The rows keep their ids: sync matches rows by id, so a new (deterministic) id
would cut a target off from its history at the other sites.

Revision ID: 0008_unique_targets
Revises: 0007_record_search_keys
"""
import datetime as dt
import json
import time
from decimal import Decimal

import sqlalchemy as sa
from alembic import op

revision = "0008_unique_targets"
down_revision = "0007_record_search_keys"
branch_labels = None
depends_on = None

SOURCE = "migration:0008_unique_targets"
# (index, columns, condition): the names and conditions of zsdesk.db.models.Target
INDEXES = (
    ("uq_targets_unit_key", ["year", "unit_id", "metric"], "staff_id IS NULL AND NOT deleted"),
    ("uq_targets_staff_key", ["year", "unit_id", "staff_id", "metric"], "staff_id IS NOT NULL AND NOT deleted"),
)

targets = sa.table("targets", sa.column("id", sa.String), sa.column("year", sa.Integer),
                   sa.column("unit_id", sa.String), sa.column("staff_id", sa.String),
                   sa.column("metric", sa.String), sa.column("value", sa.BigInteger),
                   sa.column("owner_site_id", sa.String), sa.column("deleted", sa.Boolean))
change_log = sa.table("change_log", sa.column("origin_site_id", sa.String), sa.column("counter", sa.BigInteger),
                      sa.column("hlc", sa.BigInteger), sa.column("tbl", sa.String), sa.column("row_id", sa.String),
                      sa.column("op", sa.String), sa.column("data", sa.Text), sa.column("base", sa.Text),
                      sa.column("actor", sa.String), sa.column("source", sa.String),
                      sa.column("recorded_at", sa.String))
local_state = sa.table("local_state", sa.column("key", sa.String), sa.column("value", sa.Text))


def _money_text(scaled: int) -> str:
    # Frozen copy of zsdesk.db.types.ScaledDecimal (Money: 6 places) read back and
    # written to the log as text, the way ChangeWriter writes it: 12000, 1.5
    if not scaled % 10**6:
        return str(scaled // 10**6)
    d = Decimal(scaled).scaleb(-6)
    return str(d.quantize(Decimal(1)) if d == d.to_integral_value() else d.normalize())


def _winners(entries) -> dict:
    # Frozen copy of zsdesk.db.changes.resolve_fields at this revision: for each field,
    # the winning version (hlc, origin, counter) among those nobody superseded.
    written: dict = {}
    covered: dict = {}
    for hlc, origin, counter, data, base in entries:
        for f in json.loads(data):
            written.setdefault(f, {})[f"{origin}:{counter}"] = (hlc, origin, counter)
        if base:
            for f, b in json.loads(base).items():
                covered.setdefault(f, set()).update(b if isinstance(b, list) else [b])
    out = {}
    for f, versions in written.items():
        done = covered.get(f, ())
        heads = [v for t, v in versions.items() if t not in done] or list(versions.values())
        out[f] = max(heads, key=lambda v: (v[0], v[1]))
    return out


def _next_stamp(last: int) -> int:
    # Frozen copy of zsdesk.hlc.HybridClock.now: wall milliseconds << 16, never backwards.
    millis = time.time_ns() // 1_000_000
    last_millis, logical = last >> 16, last & 0xFFFF
    if millis > last_millis:
        return millis << 16
    if logical < 0xFFFF:
        return last + 1
    return (last_millis + 1) << 16


def _merge_duplicates(conn) -> None:
    groups: dict = {}
    for r in conn.execute(sa.select(targets).where(sa.not_(targets.c.deleted))).mappings():
        groups.setdefault((r["year"], r["unit_id"], r["staff_id"], r["metric"]), []).append(dict(r))
    duplicates = [g for _, g in sorted(groups.items(), key=lambda kv: tuple(str(k) for k in kv[0]))
                  if len(g) > 1]
    if not duplicates:
        return
    ids = [r["id"] for g in duplicates for r in g]
    history: dict = {}
    for start in range(0, len(ids), 500):
        for e in conn.execute(sa.select(change_log.c.row_id, change_log.c.hlc, change_log.c.origin_site_id,
                                        change_log.c.counter, change_log.c.op, change_log.c.data,
                                        change_log.c.base)
                              .where(change_log.c.tbl == "targets", change_log.c.row_id.in_(ids[start:start + 500]))):
            history.setdefault(e.row_id, []).append(e)
    # the site's counter and clock, locked as ChangeWriter locks them (PostgreSQL: other PCs wait)
    state = dict(conn.execute(sa.select(local_state.c.key, local_state.c.value).with_for_update()).all())
    site_id = state.get("site_id")
    counter, clock = int(state.get("counter") or 0), int(state.get("hlc") or 0)
    recorded_at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    log = []

    def logged(row: dict, op_: str, data: dict, field: str) -> None:
        nonlocal counter, clock
        if site_id is None or row["owner_site_id"] != site_id:
            return  # another site's row: its owner logs the same change
        counter += 1
        clock = _next_stamp(clock)
        version = row["versions"].get(field)
        log.append({"origin_site_id": site_id, "counter": counter, "hlc": clock, "tbl": "targets",
                    "row_id": row["id"], "op": op_, "data": json.dumps(data, ensure_ascii=False),
                    "base": json.dumps({field: f"{version[1]}:{version[2]}"}) if version else None,
                    "actor": None, "source": SOURCE, "recorded_at": recorded_at})

    for group in duplicates:
        for r in group:
            entries = history.get(r["id"], [])
            inserts = [(e.hlc, e.origin_site_id, e.counter) for e in entries if e.op == "I"]
            r["born"] = (0, min(inserts)) if inserts else (1, ())
            r["versions"] = _winners([(e.hlc, e.origin_site_id, e.counter, e.data, e.base) for e in entries])
        keeper, *others = sorted(group, key=lambda r: (r["born"], r["id"]))
        newest = max(group, key=lambda r: (r["versions"].get("value") or (-1, "", -1), r["id"]))
        if newest["value"] != keeper["value"]:
            conn.execute(targets.update().where(targets.c.id == keeper["id"]).values(value=newest["value"]))
            logged(keeper, "U", {"value": [_money_text(keeper["value"]), _money_text(newest["value"])]}, "value")
        for r in others:
            conn.execute(targets.update().where(targets.c.id == r["id"]).values(deleted=True))
            logged(r, "D", {"deleted": [False, True]}, "deleted")
    if log:
        conn.execute(change_log.insert(), log)
        for key, value in (("counter", counter), ("hlc", clock)):
            conn.execute(local_state.update().where(local_state.c.key == key).values(value=str(value)))


def upgrade() -> None:
    _merge_duplicates(op.get_bind())
    for name, columns, condition in INDEXES:
        op.create_index(name, "targets", columns, unique=True,
                        sqlite_where=sa.text(condition), postgresql_where=sa.text(condition))


def downgrade() -> None:
    # the merged duplicates stay merged (tombstones, as any delete)
    for name, _, _ in reversed(INDEXES):
        op.drop_index(name, table_name="targets")
