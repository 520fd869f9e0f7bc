"""Plans and their versions: the schema the planner had before Alembic (meta, plans, versions).

Revision ID: 0001
Revises:
Create Date: 2026-01-01

A database made before Alembic (``meta.schema_version`` = 1) is exactly this
revision: it is stamped 0001, not run again. This file never changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create meta (unless a version-0 database has it), plans and versions."""
    if not sa.inspect(op.get_bind()).has_table("meta"):
        op.create_table(
            "meta",
            sa.Column("key", sa.String(64), primary_key=True),
            sa.Column("value", sa.Text, nullable=False),
        )
    op.create_table(
        "plans",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("head", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.Text, nullable=False),
    )
    op.create_index("plans_by_deleted_at", "plans", ["deleted_at"])
    op.create_table(
        "versions",
        sa.Column("plan_id", sa.String(32), sa.ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    """Drop the tables (every plan with them)."""
    op.drop_table("versions")
    op.drop_index("plans_by_deleted_at", table_name="plans")
    op.drop_table("plans")
    op.drop_table("meta")
