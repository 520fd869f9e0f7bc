"""Plans that last: named plans with their whole history, in SQLite or PostgreSQL.

``Store(database_url())`` is all most code needs: it opens the database, brings
its schema up to date, and offers the plan operations (create, open, save,
history, restore, rename, duplicate, delete, undelete, purge) and the
scenario operations (create_scenario, scenarios, parent_of, compare,
promote, rebase_scenario). Import the names
from here; ``raci.storage.store`` keeps re-exporting them for older importers.

How the pieces fit, from the outside in:

* :mod:`.config`: *where* the database is: :func:`database_url` (an explicit
  URL, else ``$RACI_DATABASE_URL``, else the SQLite file ``$RACI_DB_PATH`` or
  :data:`DEFAULT_DB_PATH`, ``raci.db`` at the repository's root), and how long
  to wait for it: :func:`db_timeout` (``$RACI_DB_TIMEOUT``, 3 s in all per
  operation) and :func:`db_retry_after` (``$RACI_DB_RETRY_AFTER``, 30 s).
* :mod:`.breaker`: the circuit breaker, one per database and process: after a
  failure that cost the wait, operations fail at once for a while instead of
  waiting again on every page run.
* :mod:`.store`: :class:`Store`, the operations. Every one is a unit of work
  ``work(conn)`` run in one transaction by the engine; saving is optimistic
  (``base_version``; :class:`StaleVersion` when someone saved first, nothing
  written). History lines are written language-neutral
  (:mod:`raci.history.describe`) and said in the reader's language by
  ``VersionInfo.description_text(lang)``.
* :mod:`.scenarios`: what-if copies of a plan stored with it (a plans row
  with ``parent_id`` and ``base_version``), compared with it and promoted
  (rebased on the plan's head when it moved on) or discarded; mixed into
  :class:`Store`. :mod:`.rows`: reading and checking a plans row, for both.
* :mod:`.engine`: :class:`~raci.storage.engine.Database`, making the engine
  (SQLite in WAL mode with a busy timeout, foreign keys, ``BEGIN IMMEDIATE``
  for writes; PostgreSQL through psycopg) and running work on it: retries when
  the database is locked, and every driver fault turned into a
  :class:`StoreUnavailable` whose ``key`` says what to do (no SQLAlchemy or
  driver exception leaves the package).
* :mod:`.schema`: the tables as the code reads and writes them (``plans``,
  ``versions``, ``meta``); :mod:`.records`: what the operations return
  (:class:`PlanInfo`, :class:`VersionInfo`); :mod:`.errors`: the refusals, all
  :class:`StoreError` (a :class:`raci.errors.RaciError`: ``key`` and
  ``message(lang)``).
* :mod:`.content`: a version's content (compact JSON, zlib, SHA-256) and the
  process-wide memory of decoded plans keyed by that digest.
* :mod:`.migrate` and the Alembic environment in ``migrations/`` (``env.py``,
  ``script.py.mako``, ``versions/0001_*.py``...): the schema's history. Opening
  a Store runs :func:`raci.storage.migrate.upgrade` when the database is not at
  the newest revision: an empty database is created, one made before Alembic
  (``meta.schema_version`` 1) is stamped 0001 and upgraded in place, one from a
  newer planner is refused (``schema_newer``). PostgreSQL migrators queue on an
  advisory lock, SQLite ones on the write lock, all in one transaction.
  ``python -m raci db upgrade`` (:mod:`raci.cli.db`) does it on purpose and
  says what it did; ``db current`` says where a database stands.

A schema change is a new file in ``migrations/versions`` numbered after the
last (``0003_...``, ``down_revision = "0002"``), plus the matching change in
:mod:`.schema`; the revision never imports :mod:`.schema`, so that it stays
what it was. Nothing else is needed: every program that opens the database
runs it once.
"""

from raci.storage.access import (
    LOCAL,
    AccessDenied,
    AccessEvent,
    AccessInfo,
    Grant,
    Identity,
    MeetingLink,
    ReadOnly,
)
from raci.storage.acting import Acting
from raci.storage.config import DEFAULT_DB_PATH, database_url, db_retry_after, db_timeout
from raci.storage.errors import (
    PlanDeleted,
    PlanNotFound,
    StaleVersion,
    StoreDamaged,
    StoreError,
    StoreUnavailable,
    VersionNotFound,
)
from raci.storage.records import PlanInfo, VersionInfo
from raci.storage.scenarios import Comparison, Promotion
from raci.storage.store import SCHEMA_VERSION, Store

__all__ = ["LOCAL", "Acting", "AccessDenied", "AccessEvent", "AccessInfo", "Grant", "Identity", "MeetingLink",
           "ReadOnly", "DEFAULT_DB_PATH", "SCHEMA_VERSION", "Comparison", "PlanDeleted", "PlanInfo", "PlanNotFound",
           "Promotion",
           "StaleVersion", "Store", "StoreDamaged", "StoreError", "StoreUnavailable", "VersionInfo", "VersionNotFound",
           "database_url", "db_retry_after", "db_timeout"]
