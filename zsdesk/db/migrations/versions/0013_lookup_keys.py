"""Look-up keys (issue 15): 撞车 names by symmetric deletion, and 突击上报 by a partial index.

``company_name_keys`` (local, never synced) holds for every company the hashes of
its ``name_norm`` and of the name less one character at each place
(``zsdesk.db.changes.name_key_hashes``): two names at most one insertion and one
deletion apart share a key, so 撞车 detection after an import finds them by
index look-ups on ``key_hash`` instead of comparing with every company
(利辉远新精密机械 / 禾利辉远精密机械 was missed by the look-ups of 0012's release).
One B-tree: the primary key (key_hash, company_id), WITHOUT ROWID on SQLite; a
rename removes the old keys by it. The keys of the companies already held are
written here, in batches by id.

``ix_change_rushed``: ``change_log(recorded_at)`` for the rows of projects, their
stages and capital arrivals only (a partial index), read by the 突击上报 of
``zsdesk.metrics``.

Downgrade drops both.

Revision ID: 0013_lookup_keys
Revises: 0012_compact_inserts
"""
import logging
import time

import sqlalchemy as sa
from alembic import op

revision = "0013_lookup_keys"
down_revision = "0012_compact_inserts"
branch_labels = None
depends_on = None

BATCH = 20_000
RUSH_WHERE = "tbl IN ('projects', 'project_stages', 'capital_arrivals')"  # as zsdesk.db.models.RUSH_WHERE
log = logging.getLogger("zsdesk.migrations")


def upgrade() -> None:
    from zsdesk.db.changes import name_key_hashes

    op.create_table(
        "company_name_keys",
        sa.Column("key_hash", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("key_hash", "company_id"),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_change_rushed", "change_log", ["recorded_at"],
                    sqlite_where=sa.text(RUSH_WHERE), postgresql_where=sa.text(RUSH_WHERE))
    conn = op.get_bind()
    companies = sa.table("companies", sa.column("id", sa.String), sa.column("name_norm", sa.String))
    keys = sa.table("company_name_keys", sa.column("key_hash", sa.BigInteger), sa.column("company_id", sa.String))
    started, last, done = time.perf_counter(), "", 0
    while True:
        rows = conn.execute(sa.select(companies.c.id, companies.c.name_norm).where(companies.c.id > last)
                            .order_by(companies.c.id).limit(BATCH)).all()
        if not rows:
            break
        last = rows[-1][0]
        done += len(rows)
        conn.execute(sa.insert(keys), [{"key_hash": h, "company_id": cid}
                                       for cid, norm in rows for h in name_key_hashes(norm or "")])
    log.info("0013: look-up keys of %d companies in %.1f s", done, time.perf_counter() - started)


def downgrade() -> None:
    op.drop_index("ix_change_rushed", table_name="change_log")
    op.drop_table("company_name_keys")
