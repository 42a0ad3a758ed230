"""Pinyin search keys on companies (华为 is found by "hw" and "huawei").

Revision ID: 0002_search_keys
Revises: 0001_initial
"""
from alembic import op
import sqlalchemy as sa

revision = "0002_search_keys"
down_revision = "0001_initial"
branch_labels = None
depends_on = None


def _keys(name: str) -> str:
    # Frozen copy of the rule at this revision: text, full pinyin, initials.
    from pypinyin import Style, lazy_pinyin

    full = "".join(lazy_pinyin(name)).lower()
    initials = "".join(lazy_pinyin(name, style=Style.FIRST_LETTER)).lower()
    return f"{name.lower()} {full} {initials}"


def upgrade() -> None:
    with op.batch_alter_table("companies") as batch:
        batch.add_column(sa.Column("search_key", sa.Text(), nullable=True))
    conn = op.get_bind()
    companies = sa.table("companies", sa.column("id", sa.String), sa.column("name", sa.String),
                         sa.column("search_key", sa.Text))
    rows = conn.execute(sa.select(companies.c.id, companies.c.name)).all()
    if rows:
        conn.execute(companies.update().where(companies.c.id == sa.bindparam("rid"))
                     .values(search_key=sa.bindparam("key")),
                     [{"rid": r.id, "key": _keys(r.name)} for r in rows])


def downgrade() -> None:
    with op.batch_alter_table("companies") as batch:
        batch.drop_column("search_key")
