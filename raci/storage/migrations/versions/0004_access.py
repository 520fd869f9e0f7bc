"""Access: every plan's owner, the people and domains it is shared with, meeting links, access events.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02

``plans`` gains ``owner`` (an e-mail; NULL for the plans of before: they belong to the configured
administrator, ``RACI_ADMIN_EMAIL``, or stay open to everyone until one is set). New tables:
``plan_access`` (one row per e-mail or ``@domain`` a plan is shared with, and its role),
``meeting_links`` (a read-only link's SHA-256 token hash, never the token), ``access_events``
(who shared what with whom, when). Existing rows are not read or written. This file never changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add plans.owner and the three access tables."""
    op.add_column("plans", sa.Column("owner", sa.Text, nullable=True))
    op.create_table(
        "plan_access",
        sa.Column("plan_id", sa.String(32), sa.ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("principal", sa.String(254), primary_key=True),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("granted_by", sa.Text, nullable=False),
        sa.Column("granted_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("plan_access_by_principal", "plan_access", ["principal"])
    op.create_table(
        "meeting_links",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("plan_id", sa.String(32), sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("meeting_links_by_plan", "meeting_links", ["plan_id"])
    op.create_table(
        "access_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("plan_id", sa.String(32), sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.Text, nullable=False),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("principal", sa.Text, nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
    )
    op.create_index("access_events_by_plan", "access_events", ["plan_id"])


def downgrade() -> None:
    """Drop them again (every plan is then open to whoever reaches the server, as before)."""
    for table in ("access_events", "meeting_links", "plan_access"):
        op.drop_table(table)
    op.drop_column("plans", "owner")
