"""A compact history (issue 15): the change log without spaces in its JSON, and
without the index on ``recorded_at``.

* ``change_log.data`` and ``base`` are rewritten as ``zsdesk.db.changes.LOG_JSON``
  writes them: the same JSON (the same keys in the same order, the same values)
  without the space after each ``,`` and ``:``. Every reader parses them with
  ``json.loads``, so every audit answer and every sync package stays the same.
* ``ix_change_recorded`` is dropped: no query used it (the 突击上报 query filters
  three tables, which SQLite finds by ``ix_change_row``).

The freed pages are reused by the next writes; the file itself shrinks when the
database is vacuumed. Downgrade puts back the index and the spaces.

Revision ID: 0011_compact_history
Revises: 0010_events_chains
"""
import json

import sqlalchemy as sa
from alembic import op

revision = "0011_compact_history"
down_revision = "0010_events_chains"
branch_labels = None
depends_on = None

change_log = sa.table("change_log", sa.column("seq", sa.Integer), sa.column("data", sa.Text),
                      sa.column("base", sa.Text))

BATCH = 20_000


def _rewrite(separators: tuple[str, str]) -> None:
    """Every entry's ``data`` and ``base`` dumped again with ``separators``, in
    batches by ``seq`` (a batch in memory at a time); entries already in that
    form are left alone."""
    conn = op.get_bind()
    dump = json.JSONEncoder(ensure_ascii=False, separators=separators).encode

    def again(text):
        return text if text is None else dump(json.loads(text))

    last = -1
    stmt = (sa.update(change_log).where(change_log.c.seq == sa.bindparam("k"))
            .values(data=sa.bindparam("d"), base=sa.bindparam("b")))
    while True:
        rows = conn.execute(sa.select(change_log.c.seq, change_log.c.data, change_log.c.base)
                            .where(change_log.c.seq > last).order_by(change_log.c.seq).limit(BATCH)).all()
        if not rows:
            break
        last = rows[-1][0]
        changed = []
        for seq, data, base in rows:
            new_data, new_base = again(data), again(base)
            if new_data != data or new_base != base:
                changed.append({"k": seq, "d": new_data, "b": new_base})
        if changed:
            conn.execute(stmt, changed)


def upgrade() -> None:
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index("ix_change_recorded")
    _rewrite((",", ":"))


def downgrade() -> None:
    _rewrite((", ", ": "))
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index("ix_change_recorded", ["recorded_at"], unique=False)
