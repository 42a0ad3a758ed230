"""A project's category (项目类别: 工业 / 服务业 / 农业 / 其他), for the person-level
赛马 (issue 13): Bozhou's rule rates a person 优秀 for "1个亿元以上工业项目或者2个投资合计
超过1亿元的工业项目", so a project must say whether it is industrial. Nullable: the
projects recorded before say nothing, and count as not industrial until someone sets it.
A synced column like the others (written through the change log when set).

Revision ID: 0009_project_category
Revises: 0008_unique_targets
"""
import sqlalchemy as sa
from alembic import op

revision = "0009_project_category"
down_revision = "0008_unique_targets"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.add_column(sa.Column("category", sa.String(length=16), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("projects") as batch:
        batch.drop_column("category")
