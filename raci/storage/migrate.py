"""The schema's migrations: Alembic, run from inside the program (no alembic.ini).

The revisions live in ``raci/storage/migrations/versions`` and are numbered
``0001``, ``0002``...: the number is the *schema version*, which the ``meta``
table also keeps (``schema_version``) so that a program older than the
database, even one from before Alembic, refuses to write it (``schema_newer``).

:func:`upgrade` takes a database, inside one transaction of the caller's, to
the newest revision:

* an empty database (or one at schema version 0) is created from revision 0001;
* a database made by the planner before Alembic (``meta.schema_version`` = 1, no
  ``alembic_version`` table) is *stamped* 0001, which is exactly its schema, and
  upgraded from there, every plan and version kept;
* one at an older revision gets the revisions it lacks; one at the newest
  revision is left alone (a no-op);
* one at a revision this program does not know, or whose ``meta`` says a
  higher schema version, is refused with :class:`StoreUnavailable`
  ``schema_newer``: nothing is written.

On PostgreSQL the transaction first takes an advisory lock, so that programs
starting at once migrate one after the other (the later ones find nothing to
do); on SQLite the write transaction (``BEGIN IMMEDIATE``) does the same.
Everything happens in the caller's transaction: a failing revision leaves the
database as it was.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection

from raci.storage.errors import StoreUnavailable
from raci.storage.schema import META

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: More folders of revisions, searched with the package's own (tests add revisions this way).
EXTRA_VERSION_LOCATIONS: list[str] = []
#: The revision a database made before Alembic is at.
PRE_ALEMBIC_REVISION = "0001"
PG_LOCK = 0x52414349  # 'RACI': the advisory lock that serialises schema migrations


@dataclass(frozen=True)
class SchemaState:
    """Where a database stands: its schema version, its Alembic revision (None before Alembic),
    and the newest version this program knows."""

    version: int
    revision: str | None
    known: int

    @property
    def current(self) -> bool:
        """Nothing to do: the database is at the newest revision."""
        return self.version == self.known and self.revision is not None


def _option(path: Path | str) -> str:
    return str(path).replace("%", "%%")  # the Config's values go through ConfigParser interpolation


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic Config on the package's migration environment; ``connection``: the one to migrate."""
    config = Config()
    config.set_main_option("script_location", _option(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    locations = [str(MIGRATIONS_DIR / "versions"), *EXTRA_VERSION_LOCATIONS]
    config.set_main_option("version_locations", os.pathsep.join(_option(p) for p in locations))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@cache
def _script(locations: tuple[str, ...]) -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def script() -> ScriptDirectory:
    """The revisions this program knows (read once per set of folders)."""
    return _script(tuple(EXTRA_VERSION_LOCATIONS))


def revision_number(revision: str | None) -> int:
    """A revision id's schema version: '0002' -> 2; None (no revision yet) -> 0."""
    return int(revision) if revision else 0


def known_version() -> int:
    """The newest schema version this program knows."""
    return revision_number(script().get_current_head())


def _meta_version(conn: Connection) -> int | None:
    if not sa.inspect(conn).has_table("meta"):
        return None
    value = conn.execute(sa.select(META.c.value).where(META.c.key == "schema_version")).scalar()
    return int(value) if value is not None and str(value).strip().isdigit() else 0


def state(conn: Connection) -> SchemaState:
    """Where the database on ``conn`` stands; StoreUnavailable ``schema_newer`` when it is ahead of us."""
    known = known_version()
    meta = _meta_version(conn)
    revision = None
    if sa.inspect(conn).has_table("alembic_version"):
        revision = MigrationContext.configure(conn).get_current_revision()
    if revision is not None:
        try:
            known_revision = script().get_revision(revision) is not None
        except Exception:  # noqa: BLE001 - alembic raises several kinds for an unknown id
            known_revision = False
        found = max(meta or 0, revision_number(revision) if revision.isdigit() else known + 1)
        if not known_revision or found > known:
            raise StoreUnavailable("schema_newer", found=found, known=known)
        return SchemaState(revision_number(revision), revision, known)
    found = meta or 0
    if found > revision_number(PRE_ALEMBIC_REVISION):  # hand-numbered, but not by any program we know
        raise StoreUnavailable("schema_newer", found=found, known=known)
    return SchemaState(found, None, known)


def upgrade(conn: Connection) -> tuple[int, int] | None:
    """Take the database on ``conn`` to the newest revision, in the caller's transaction.

    Returns (from, to) schema versions, or None when it was already there.
    """
    if conn.dialect.name == "postgresql":  # one migrator at a time; the others then find nothing to do
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_LOCK})
    found = state(conn)
    if found.current:
        return None
    config = alembic_config(conn)
    if found.revision is None and found.version == revision_number(PRE_ALEMBIC_REVISION):
        command.stamp(config, PRE_ALEMBIC_REVISION)  # made before Alembic: its schema is exactly 0001
    command.upgrade(config, "head")
    conn.execute(sa.delete(META).where(META.c.key == "schema_version"))
    conn.execute(sa.insert(META).values(key="schema_version", value=str(found.known)))
    return found.version, found.known


def steps(start: int, end: int) -> list[tuple[str, str]]:
    """The revisions between two schema versions, oldest first: (id, what it does)."""
    chosen = [s for s in script().walk_revisions() if start < revision_number(s.revision) <= end]
    return [(s.revision, (s.doc or "").strip()) for s in reversed(chosen)]
