"""Open follow-ups by partial indexes (issue 15): the reminders' counts and lists.

A city's visits and leads mostly have their follow-ups done (or none): on a database
of a million visits, 9 % are open. The brief, the 工作台 and ``zsdesk stats`` count
the open ones per unit and list the oldest; with the plain due-date indexes that
meant visiting every row due by today. ``ix_visits_open_due`` and
``ix_leads_open_followup`` hold only the open ones (due date, unit, person), so the
count is a walk of the index. Their WHERE is written as the queries write it
(``zsdesk.db.models.OPEN_VISIT_WHERE`` / ``OPEN_LEAD_WHERE``: SQLite matches the
terms as written).

Downgrade drops both.

Revision ID: 0014_open_followups
Revises: 0013_lookup_keys
"""
import sqlalchemy as sa
from alembic import op

revision = "0014_open_followups"
down_revision = "0013_lookup_keys"
branch_labels = None
depends_on = None

# as zsdesk.db.models.OPEN_VISIT_WHERE / OPEN_LEAD_WHERE (a migration keeps its own copy)
_STAGES = "stage NOT IN ('signed', 'terminated')"
VISIT_WHERE = {"sqlite": "deleted = 0 AND followup_done = 0 AND next_due IS NOT NULL",
               "postgresql": "NOT deleted AND NOT followup_done AND next_due IS NOT NULL"}
LEAD_WHERE = {"sqlite": f"deleted = 0 AND {_STAGES} AND next_followup IS NOT NULL",
              "postgresql": f"NOT deleted AND {_STAGES} AND next_followup IS NOT NULL"}


def upgrade() -> None:
    op.create_index("ix_visits_open_due", "visits", ["next_due", "unit_id", "staff_id"],
                    sqlite_where=sa.text(VISIT_WHERE["sqlite"]), postgresql_where=sa.text(VISIT_WHERE["postgresql"]))
    op.create_index("ix_leads_open_followup", "leads", ["next_followup", "unit_id", "owner_staff_id"],
                    sqlite_where=sa.text(LEAD_WHERE["sqlite"]), postgresql_where=sa.text(LEAD_WHERE["postgresql"]))


def downgrade() -> None:
    op.drop_index("ix_leads_open_followup", table_name="leads")
    op.drop_index("ix_visits_open_due", table_name="visits")
