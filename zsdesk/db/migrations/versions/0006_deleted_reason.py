"""Why a capital arrival, a problem, a stage entry or an attachment was deleted:
a tombstone of these rows carries its reason (audited and synced with it).

Revision ID: 0006_deleted_reason
Revises: 0005_enrolment_secret
"""
import sqlalchemy as sa
from alembic import op

revision = "0006_deleted_reason"
down_revision = "0005_enrolment_secret"
branch_labels = None
depends_on = None

TABLES = ("capital_arrivals", "problems", "project_stages", "attachments")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("deleted_reason", sa.Text(), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("deleted_reason")
