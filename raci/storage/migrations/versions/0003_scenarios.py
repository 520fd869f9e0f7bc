"""Scenarios: what-if copies of a plan, stored with it (plans.parent_id, plans.base_version).

Revision ID: 0003
Revises: 0002
Create Date: 2026-01-03

``plans`` gains ``parent_id`` (NULL for a plan; for a scenario, the plan it
came from: a foreign key to ``plans.id``) and ``base_version`` (the parent's
version the scenario was copied from or last rebased on), and an index on
``parent_id``. Every existing row is a plan: both stay NULL, nothing else is
read or written. The column is added with plain ``ALTER TABLE ... ADD COLUMN
... REFERENCES``, which both SQLite and PostgreSQL accept, so that SQLite's
``plans`` table is never copied and dropped (dropping it would cascade to the
versions). This file never changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add plans.parent_id (references plans.id), plans.base_version and the index on parent_id."""
    op.execute("ALTER TABLE plans ADD COLUMN parent_id VARCHAR(32) REFERENCES plans (id)")
    op.add_column("plans", sa.Column("base_version", sa.Integer, nullable=True))
    op.create_index("plans_by_parent", "plans", ["parent_id"])


def downgrade() -> None:
    """Drop them again: every scenario is then kept as a plan of its own (nothing is erased)."""
    op.drop_index("plans_by_parent", table_name="plans")
    op.drop_column("plans", "base_version")
    op.drop_column("plans", "parent_id")
