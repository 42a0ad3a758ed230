"""An index on companies(name): a list sorted by company walks it (1M visits
sorted by company: the first page in milliseconds instead of seconds).

Revision ID: 0004_company_name_index
Revises: 0003_sync
"""
from alembic import op

revision = "0004_company_name_index"
down_revision = "0003_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_companies_name", "companies", ["name"])


def downgrade() -> None:
    op.drop_index("ix_companies_name", table_name="companies")
