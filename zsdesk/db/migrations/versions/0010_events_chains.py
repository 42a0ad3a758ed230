"""产业链图谱 and 招商活动 (issue 16): three new synced tables.

* ``events``: a 招商活动 (集中签约, 推介会, 展会, 外出招商活动) of a unit, optionally one
  of a named series ("1336", "兰洽会").
* ``event_links``: a visit, lead or signed project linked to an event. A table of its
  own instead of an ``event_id`` column on visits, leads and projects, so a record
  written by an earlier version (which knows no such column) still syncs unchanged.
* ``chain_targets``: a company of the 客商库 marked by a unit as a 目标企业 for one
  chain node (产业链环节) as 龙头 / 配套 / 其他.

New tables only: nothing existing is touched, and an empty database upgrades to
exactly what the models describe.

Revision ID: 0010_events_chains
Revises: 0009_project_category
"""
import sqlalchemy as sa
from alembic import op

revision = "0010_events_chains"
down_revision = "0009_project_category"
branch_labels = None
depends_on = None


def _synced() -> list:
    return [sa.Column("id", sa.String(length=36), nullable=False),
            sa.Column("owner_site_id", sa.String(length=36), nullable=False),
            sa.Column("deleted", sa.Boolean(), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=100), nullable=True),
        sa.Column("series", sa.String(length=60), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(["owner_site_id"], ["sites.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_events_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "event_links",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("record_table", sa.String(length=16), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        *_synced(),
        sa.ForeignKeyConstraint(["event_id"], ["events.id"]),
        sa.ForeignKeyConstraint(["owner_site_id"], ["sites.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("event_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_links_event_id"), ["event_id"], unique=False)
        batch_op.create_index("ix_event_links_record", ["record_table", "record_id"], unique=False)

    op.create_table(
        "chain_targets",
        sa.Column("node_id", sa.String(length=36), nullable=False),
        sa.Column("company_id", sa.String(length=36), nullable=False),
        sa.Column("unit_id", sa.String(length=36), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        *_synced(),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"]),
        sa.ForeignKeyConstraint(["node_id"], ["industries.id"]),
        sa.ForeignKeyConstraint(["owner_site_id"], ["sites.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("chain_targets", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_chain_targets_company_id"), ["company_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_chain_targets_node_id"), ["node_id"], unique=False)


def downgrade() -> None:
    op.drop_table("chain_targets")
    op.drop_table("event_links")
    op.drop_table("events")
