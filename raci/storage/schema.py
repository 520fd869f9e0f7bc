"""The tables, as the code reads and writes them (the migrations in ``migrations/versions`` make them).

* ``plans``: one row per plan: ``id`` (short, URL-safe), ``name``,
  ``created_at``, ``updated_at``, ``deleted_at`` (NULL unless in the bin),
  ``head`` (its latest version number) and ``updated_by``. A *scenario* (a
  what-if copy of a plan, see :mod:`raci.storage.scenarios`) is a row too:
  ``parent_id`` names the plan it came from (NULL for a plan) and
  ``base_version`` the parent's version it was copied from or last rebased on.
* ``versions``: every saved state of every plan, never changed once written;
  ``(plan_id, number)`` is the primary key. ``content`` is the plan as JSON
  compressed with zlib, ``digest`` its SHA-256, ``description`` the history
  line (language-neutral JSON, see :mod:`raci.history.describe`).
* ``meta``: ``schema_version``, the number of the Alembic revision the
  database is at (``alembic_version`` holds its id): a program older than the
  database reads it and refuses to write.

Timestamps are timezone-aware UTC datetimes (:class:`UTCDateTime`); a stored value
that is not one (written by hand, damaged) reads as a :class:`Damaged` marker
instead of failing the whole query, so that the store can name the row.
A change here needs a new revision in ``migrations/versions``; the
revisions never import these definitions, so that they stay as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa


@dataclass(frozen=True)
class Damaged:
    """A stored value that could not be read as what its column holds (``raw``: what was there)."""

    raw: object


class UTCDateTime(sa.types.TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite keeps naive UTC text)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        """An aware datetime as the backend keeps it (naive UTC on SQLite); naive ones are refused."""
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def result_processor(self, dialect: sa.Dialect, coltype: object) -> Any:
        """The backend's own parsing and :meth:`process_result_value`; a value neither can read is :class:`Damaged`."""
        inner = super().result_processor(dialect, coltype)

        def process(value: object) -> object:
            try:
                return inner(value) if inner is not None else value
            except (ValueError, TypeError, OverflowError, AttributeError):
                return Damaged(value)

        return process

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        """The stored value as an aware UTC datetime."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


METADATA = sa.MetaData()
META = sa.Table(
    "meta", METADATA,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
PLANS = sa.Table(
    "plans", METADATA,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("updated_at", UTCDateTime, nullable=False),
    sa.Column("deleted_at", UTCDateTime, nullable=True),
    sa.Column("head", sa.Integer, nullable=False),
    sa.Column("updated_by", sa.Text, nullable=False),
    sa.Column("parent_id", sa.String(32), sa.ForeignKey("plans.id"), nullable=True),
    sa.Column("base_version", sa.Integer, nullable=True),
    sa.Column("owner", sa.Text, nullable=True),
    sa.Index("plans_by_deleted_at", "deleted_at"),
    sa.Index("plans_by_parent", "parent_id"),
)
PLAN_ACCESS = sa.Table(
    "plan_access", METADATA,
    sa.Column("plan_id", sa.String(32), sa.ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("principal", sa.String(254), primary_key=True),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Column("granted_by", sa.Text, nullable=False),
    sa.Column("granted_at", UTCDateTime, nullable=False),
    sa.Index("plan_access_by_principal", "principal"),
)
MEETING_LINKS = sa.Table(
    "meeting_links", METADATA,
    sa.Column("id", sa.String(16), primary_key=True),
    sa.Column("plan_id", sa.String(32), sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_by", sa.Text, nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("last_used_at", UTCDateTime, nullable=True),
    sa.Column("revoked_at", UTCDateTime, nullable=True),
    sa.Index("meeting_links_by_plan", "plan_id"),
)
ACCESS_EVENTS = sa.Table(
    "access_events", METADATA,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("plan_id", sa.String(32), sa.ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    sa.Column("at", UTCDateTime, nullable=False),
    sa.Column("actor", sa.Text, nullable=False),
    sa.Column("action", sa.String(32), nullable=False),
    sa.Column("principal", sa.Text, nullable=False),
    sa.Column("role", sa.String(16), nullable=False),
    sa.Index("access_events_by_plan", "plan_id"),
)
VERSIONS = sa.Table(
    "versions", METADATA,
    sa.Column("plan_id", sa.String(32), sa.ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("number", sa.Integer, primary_key=True),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("digest", sa.String(64), nullable=False),
    sa.Column("content", sa.LargeBinary, nullable=False),
)
