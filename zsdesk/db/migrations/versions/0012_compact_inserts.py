"""A compact history, part two (issue 15): insert entries no longer repeat their row.

An insert entry in ``change_log`` held every synced column of the record it
created — the row again, 180–670 bytes an entry, about a third of a database
whose history is mostly inserts. Release 0012 writes an insert entry as the
marker ``{"~":1}`` followed by only the fields whose value differs from what the
row holds (``zsdesk.db.changes.COMPACT``); every reader puts the row's values back
(``entries_data``), and every write that changes a field of a row first writes
the field's value into the row's compact insert (``keep_insert_values``), so the
log reads exactly as before: sync packages, the audit trail, the versions.

This migration compacts the insert entries already held, in batches by ``seq``
(one batch of entries and their rows in memory at a time): an entry is compacted
when its fields are exactly its table's synced columns (older entries written
before a column existed stay whole) and its row exists; each field whose value
reads back from the row as the same JSON value is left out. The freed pages are
reused by later writes; the file shrinks when the database is vacuumed.

It uses the code's own reading of rows (``zsdesk.db.changes``), so a compacted
entry is read back by the same rules it was compacted by. A table whose synced
columns are not all in the database yet (a later release's column) is left as it is.

Downgrade makes every compact insert whole again.

Revision ID: 0012_compact_inserts
Revises: 0011_compact_history
"""
import json
import logging
import time

import sqlalchemy as sa
from alembic import op

revision = "0012_compact_inserts"
down_revision = "0011_compact_history"
branch_labels = None
depends_on = None

BATCH = 20_000
log = logging.getLogger("zsdesk.migrations")


def upgrade() -> None:
    from zsdesk.batch import chunks
    from zsdesk.db.changes import LOG_JSON, TableInfo, compact_insert, is_compact
    from zsdesk.db.models import SYNCED_MODELS

    conn = op.get_bind()
    inspector = sa.inspect(conn)
    tables = {}
    for name, model in SYNCED_MODELS.items():
        info = TableInfo.of(model)
        present = {c["name"] for c in inspector.get_columns(name)}
        if set(info.columns) <= present and "id" in present:
            tables[name] = info
    log_table = sa.table("change_log", sa.column("seq", sa.Integer), sa.column("tbl", sa.String),
                         sa.column("row_id", sa.String), sa.column("op", sa.String), sa.column("data", sa.Text))
    stmt = sa.update(log_table).where(log_table.c.seq == sa.bindparam("k")).values(data=sa.bindparam("d"))
    started, last, seen, compacted = time.perf_counter(), -1, 0, 0
    while True:
        rows = conn.execute(sa.select(log_table.c.seq, log_table.c.tbl, log_table.c.row_id, log_table.c.data)
                            .where(log_table.c.seq > last, log_table.c.op == "I")
                            .order_by(log_table.c.seq).limit(BATCH)).all()
        if not rows:
            break
        last = rows[-1][0]
        seen += len(rows)
        wanted: dict[str, set[str]] = {}
        for _seq, tbl, rid, data in rows:
            if tbl in tables and not is_compact(data):
                wanted.setdefault(tbl, set()).add(rid)
        held: dict[tuple[str, str], dict] = {}
        for tbl, ids in wanted.items():
            table = tables[tbl].table
            cols = [table.c.id, *(table.c[c] for c in tables[tbl].columns)]
            for chunk in chunks(sorted(ids)):
                for r in conn.execute(sa.select(*cols).where(table.c.id.in_(chunk))):
                    held[(tbl, r[0])] = dict(zip(tables[tbl].columns, r[1:]))
        changed = []
        for seq, tbl, rid, data in rows:
            row = held.get((tbl, rid))
            if row is None or is_compact(data):
                continue
            short = compact_insert(tables[tbl], json.loads(data), row)
            if short is not None:
                changed.append({"k": seq, "d": LOG_JSON.encode(short)})
        if changed:
            conn.execute(stmt, changed)
            compacted += len(changed)
        log.info("compact inserts: %d entries read, %d compacted (%.0f s)", seen, compacted,
                 time.perf_counter() - started)


def downgrade() -> None:
    from zsdesk.db.changes import expand_inserts

    started = time.perf_counter()
    done = expand_inserts(op.get_bind(), batch=BATCH, progress=lambda n: log.info(
        "expand inserts: %d entries (%.0f s)", n, time.perf_counter() - started))
    log.info("expand inserts: %d entries made whole", done)
