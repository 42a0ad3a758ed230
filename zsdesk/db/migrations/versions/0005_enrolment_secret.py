"""Enrolment by a one-time secret: the city keeps the secret of each county's
current setup file, whether the county's fingerprint is also to be confirmed,
and the keys of replaced laptops (revoked).

Revision ID: 0005_enrolment_secret
Revises: 0004_company_name_index
"""
import sqlalchemy as sa
from alembic import op

revision = "0005_enrolment_secret"
down_revision = "0004_company_name_index"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_peers") as batch:
        batch.add_column(sa.Column("enrol_secret", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("enrol_issued_at", sa.String(length=32), nullable=True))
        batch.add_column(sa.Column("confirm_fingerprint", sa.Boolean(), nullable=False,
                                   server_default=sa.false()))
        batch.add_column(sa.Column("revoked_keys", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_peers") as batch:
        batch.drop_column("revoked_keys")
        batch.drop_column("confirm_fingerprint")
        batch.drop_column("enrol_issued_at")
        batch.drop_column("enrol_secret")
