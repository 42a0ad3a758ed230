"""Pinyin search keys on leads and projects (华海生物医药产业基地 is found by "hhsw").

Revision ID: 0007_record_search_keys
Revises: 0006_deleted_reason
"""
import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0007_record_search_keys"
down_revision = "0006_deleted_reason"
branch_labels = None
depends_on = None

TABLES = ("leads", "projects")
_HAN_RUN_RE = re.compile(r"([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+)")


def _keys(text: str) -> str:
    # Frozen copy of zsdesk.names.pinyin_keys at this revision: text, full pinyin, initials.
    if not text:
        return ""
    from pypinyin import lazy_pinyin

    text = unicodedata.normalize("NFKC", text)
    full, initials = [], []
    for i, part in enumerate(_HAN_RUN_RE.split(text)):
        if not part:
            continue
        if i % 2:
            syllables = lazy_pinyin(part, errors="default")
            full += syllables
            initials += [s[:1] for s in syllables]
        else:
            full.append(part)
            initials.append(part)
    return " ".join((text.lower(), "".join(full).lower(), "".join(initials).lower()))


def upgrade() -> None:
    conn = op.get_bind()
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("search_key", sa.Text(), nullable=True))
        table = sa.table(name, sa.column("id", sa.String), sa.column("name", sa.String),
                         sa.column("search_key", sa.Text))
        rows = conn.execute(sa.select(table.c.id, table.c.name)).all()
        keys: dict[str, str] = {}
        for start in range(0, len(rows), 5000):
            conn.execute(table.update().where(table.c.id == sa.bindparam("rid"))
                         .values(search_key=sa.bindparam("key")),
                         [{"rid": r.id, "key": keys.setdefault(r.name, _keys(r.name))}
                          for r in rows[start:start + 5000]])


def downgrade() -> None:
    for name in TABLES:
        with op.batch_alter_table(name) as batch:
            batch.drop_column("search_key")
