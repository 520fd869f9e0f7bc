"""The plan store's operations: :class:`Store` (see :mod:`raci.storage` for how the pieces fit).

Saving is optimistic: whoever opened version N saves with ``base_version=N``.
In one write transaction the save reads the plan's row (``FOR UPDATE`` on
PostgreSQL; SQLite's write lock is already held), runs ``UPDATE plans SET head
= head + 1 ... WHERE id = :id AND head = :base`` and inserts version N + 1.
When the head is no longer N someone else saved first: nothing is written, and
:class:`StaleVersion` carries their version (number, plan, author,
description) so that the app can show who changed what and
:func:`raci.history.rebase` the user's edits on it. Nothing is overwritten and
nothing is lost.

Opening a version is one indexed lookup, the history a range scan that never
reads the contents; decoded plans stay in memory (:mod:`raci.storage.content`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from raci.history import describe, diff
from raci.history.describe import Description, render_description, stored_text
from raci.model import Plan
from raci.storage import migrate
from raci.storage.access import Identity
from raci.storage.acting import Acting, open_meeting
from raci.storage.breaker import CircuitBreaker
from raci.storage.config import DEFAULT_DB_PATH, ROOT, database_url
from raci.storage.content import CACHE as _CACHE
from raci.storage.content import Refetch, fetch_version, plan_of
from raci.storage.content import encode as _encode
from raci.storage.engine import Database
from raci.storage.errors import (
    PlanDeleted,
    PlanNotFound,
    StaleVersion,
    StoreDamaged,
    StoreError,
    StoreUnavailable,
    VersionNotFound,
)
from raci.storage.migrate import SchemaState
from raci.storage.records import PlanInfo, VersionInfo
from raci.storage.rows import MAX_AUTHOR, check_name, new_id, now, plan_info, plan_row, time_of
from raci.storage.scenarios import Comparison, Promotion, ScenarioOperations
from raci.storage.schema import (
    ACCESS_EVENTS,
    MEETING_LINKS,
    META,
    METADATA,
    PLAN_ACCESS,
    PLANS,
    VERSIONS,
    Damaged,
    UTCDateTime,
)
from raci.text import clip

__all__ = ["DEFAULT_DB_PATH", "META", "METADATA", "PLANS", "ROOT", "SCHEMA_VERSION", "VERSIONS", "Comparison",
           "PlanDeleted", "PlanInfo", "PlanNotFound", "Promotion", "StaleVersion", "Store", "StoreDamaged",
           "StoreError", "StoreUnavailable", "UTCDateTime", "VersionInfo", "VersionNotFound", "database_url"]

#: The newest schema version (Alembic revision number) this program knows.
SCHEMA_VERSION = migrate.known_version()

T = TypeVar("T")
_WHO = (VERSIONS.c.author, VERSIONS.c.description, VERSIONS.c.created_at)


# ----- the store ---------------------------------------------------------------------------
class Store(ScenarioOperations):
    """Named, versioned plans in one database (see :mod:`raci.storage`).

    ``url``: a SQLAlchemy URL, ``sqlite:///...`` or ``postgresql+psycopg://...``
    (:func:`database_url` gives the default). Opening it creates the schema or
    upgrades it to the newest revision (:mod:`raci.storage.migrate`), unless
    ``upgrade=False``; :attr:`migrated` says whether it did. ``lang`` is the
    language the descriptions are given in as text (``VersionInfo.description``,
    ``StaleVersion.description``); the database keeps them language-neutral, and
    ``description_text(lang)`` says them in any language.

    ``timeout`` (seconds, default ``$RACI_DB_TIMEOUT`` or 3) is the longest one
    operation waits for the database, retries included: SQLite's busy timeout,
    PostgreSQL's connect and statement timeouts. ``retries``: how many times a
    transaction that found the database locked is tried again within it. After
    a failure that cost that wait, the database's circuit breaker
    (:mod:`raci.storage.breaker`, one per URL and process unless ``breaker`` is
    given) makes every operation fail at once for ``retry_after`` seconds
    (default ``$RACI_DB_RETRY_AFTER`` or 30).
    A stored row that cannot be read raises :class:`StoreDamaged` naming the
    plan (and version); listings mark such rows ``damaged`` instead.

    A Store is safe to share between threads; :meth:`close` releases its
    connections. The scenario operations (``create_scenario``, ``scenarios``,
    ``compare``, ``promote``...) come from :class:`~raci.storage.scenarios.ScenarioOperations`.
    """

    def __init__(self, url: str, *, lang: str = "en", timeout: float | None = None, retries: int = 4,
                 retry_after: float | None = None, breaker: CircuitBreaker | None = None,
                 upgrade: bool = True) -> None:
        self._lang = lang
        self._db = Database(url, timeout=timeout, retries=retries, retry_after=retry_after, breaker=breaker)
        self._engine = self._db.engine
        #: (from, to) schema versions when opening migrated the database, else None.
        self.migrated: tuple[int, int] | None = None
        try:
            if upgrade:
                self.upgrade()
        except BaseException:
            self._db.dispose()
            raise

    # ----- opening ------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self._db.shown_url

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self._db.backend

    @property
    def breaker(self) -> CircuitBreaker:
        """The circuit breaker this store's operations go through."""
        return self._db.breaker

    def close(self) -> None:
        """Release the store's connections (it can still be used: they reopen)."""
        self._db.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    def _run(self, work: Callable[[Connection], T], write: bool = False) -> T:
        return self._db.run(work, write=write)

    # ----- schema -----------------------------------------------------------------------
    def schema_state(self) -> SchemaState:
        """Where the database stands: its schema version and revision, and the newest one known."""
        return self._run(migrate.state)

    def upgrade(self) -> tuple[int, int] | None:
        """Create or upgrade the schema to the newest revision; (from, to), or None when it was there.

        A database ahead of this program raises StoreUnavailable ``schema_newer``.
        """
        if self.schema_state().current:
            return None
        self.migrated = self._run(migrate.upgrade, write=True)
        return self.migrated

    @property
    def schema_version(self) -> int:
        """The schema version the database is at."""
        return self.schema_state().version

    # ----- decoded versions -----------------------------------------------------------------
    def acting(self, identity: Identity) -> Acting:
        """This store as ``identity`` may use it: every plan operation checked (raci.storage.acting)."""
        return Acting(self, identity)

    def open_meeting(self, token: str) -> tuple[Plan, PlanInfo]:
        """The plan a live, unrevoked meeting link opens (no identity needed); AccessDenied otherwise."""
        return open_meeting(self, token)

    @staticmethod
    def clear_cache() -> None:
        """Forget the decoded plans kept in memory (process-wide; benchmarks measure cold opens with it)."""
        _CACHE.clear()

    def _read_version(self, work: Callable[[Connection], tuple[Any, Any]], plan_id: str) -> tuple[Any, Plan]:
        """Run ``work`` (-> (anything, fetched version)) and decode the version outside the transaction."""
        for _ in range(3):
            extra, fetched = self._run(work)
            try:
                return extra, plan_of(plan_id, fetched)
            except Refetch:
                continue
        _CACHE.clear()  # pragma: no cover - three evictions in a row
        extra, fetched = self._run(work)
        return extra, plan_of(plan_id, fetched)

    # ----- reading ---------------------------------------------------------------------------
    _plan_row = staticmethod(plan_row)

    def list_plans(self, include_deleted: bool = False) -> list[PlanInfo]:
        """Every plan, most recently updated first (the deleted ones too when asked); never the
        scenarios (see :meth:`scenarios`).

        A plan whose row is damaged is listed with ``damaged`` set, so that one bad row
        never hides the others.
        """
        query = (sa.select(PLANS).where(PLANS.c.parent_id.is_(None))
                 .order_by(PLANS.c.updated_at.desc(), PLANS.c.id))
        if not include_deleted:
            query = query.where(PLANS.c.deleted_at.is_(None))
        return self._run(lambda conn: [plan_info(row, listing=True) for row in conn.execute(query)])

    def open_plan(self, plan_id: str) -> tuple[Plan, PlanInfo]:
        """The plan's latest version and its row (a deleted plan opens too: see ``deleted_at``)."""

        def work(conn: Connection) -> tuple[Any, Any]:
            row = self._plan_row(conn, plan_id)
            return row, fetch_version(conn, plan_id, row.head)

        row, plan = self._read_version(work, plan_id)
        return plan, plan_info(row)

    def history(self, plan_id: str, limit: int | None = None) -> list[VersionInfo]:
        """The plan's versions, newest first, without their contents (``limit``: the newest N).

        A version whose row is damaged is listed with ``damaged`` set.
        """
        query = (sa.select(VERSIONS.c.number, VERSIONS.c.created_at, VERSIONS.c.author, VERSIONS.c.description)
                 .where(VERSIONS.c.plan_id == plan_id).order_by(VERSIONS.c.number.desc()))
        if limit is not None:
            query = query.limit(limit)

        def work(conn: Connection) -> list[VersionInfo]:
            self._plan_row(conn, plan_id)
            return [self._version_info(r) for r in conn.execute(query)]

        return self._run(work)

    def _version_info(self, row: Any) -> VersionInfo:
        damaged = isinstance(row.created_at, Damaged)
        return VersionInfo(row.number, time_of(row.created_at), row.author,
                           render_description(row.description, self._lang), row.description, damaged=damaged)

    def version(self, plan_id: str, number: int) -> Plan:
        """The plan as it was at version ``number``."""

        def work(conn: Connection) -> tuple[None, Any]:
            self._plan_row(conn, plan_id)
            fetched = None
            if isinstance(number, int) and not isinstance(number, bool):
                fetched = fetch_version(conn, plan_id, number, required=False)
            if fetched is None:
                raise VersionNotFound("version_not_found", plan_id=plan_id, number=clip(number, 20))
            return None, fetched

        return self._read_version(work, plan_id)[1]

    # ----- writing ---------------------------------------------------------------------------
    def create_plan(self, name: str, plan: Plan, author: str = "", owner: str | None = None) -> PlanInfo:
        """A new plan whose version 1 is ``plan``, owned by ``owner`` (None: see raci.storage.access)."""
        return self._create(name, plan, author, Description.line("created"), owner=owner)

    def _create(self, name: str, plan: Plan, author: str, description: Description,
                parent: PlanInfo | None = None, owner: str | None = None) -> PlanInfo:
        """Insert a plan whose version 1 is ``plan``; with ``parent``, a scenario of it based on its head."""
        name = check_name(name)
        author = clip(author, MAX_AUTHOR)
        content, digest = _encode(plan)
        parent_id, base = (parent.id, parent.head) if parent is not None else (None, None)

        def work(conn: Connection) -> PlanInfo:
            if parent is not None and self._plan_row(conn, parent.id, lock=True).deleted_at is not None:
                raise PlanDeleted("deleted", plan_id=parent.id, name=parent.name)  # deleted meanwhile
            moment = now()
            plan_id = new_id()
            while conn.execute(sa.select(PLANS.c.id).where(PLANS.c.id == plan_id)).first() is not None:
                plan_id = new_id()  # pragma: no cover - 31^10 ids
            conn.execute(sa.insert(PLANS).values(id=plan_id, name=name, created_at=moment, updated_at=moment,
                                                 deleted_at=None, head=1, updated_by=author, parent_id=parent_id,
                                                 base_version=base, owner=owner))
            conn.execute(sa.insert(VERSIONS).values(plan_id=plan_id, number=1, created_at=moment, author=author,
                                                    description=stored_text(description),
                                                    digest=digest, content=content))
            return PlanInfo(plan_id, name, 1, moment, moment, author, None, parent_id=parent_id, base_version=base)

        info = self._run(work, write=True)
        _CACHE.put(digest, plan)
        return info

    def save(self, plan_id: str, plan: Plan, base_version: int, author: str = "",
             description: Description | str | None = None) -> PlanInfo:
        """Save ``plan`` as the next version of a plan opened at ``base_version``.

        :class:`StaleVersion` when someone saved since (nothing is written);
        an unchanged plan writes no version and returns the plan's row as is.
        ``description`` defaults to :func:`raci.history.describe` of the change
        (kept language-neutral); a string is kept as typed, in any language.
        """
        return self._save(plan_id, plan, base_version, author, description)

    def _save(self, plan_id: str, plan: Plan, base_version: int, author: str,
              description: Description | str | None, then: Callable[[Connection], None] | None = None) -> PlanInfo:
        """:meth:`save`; ``then(conn)``, when given, runs in the same write transaction once the version is
        written (or found unchanged), and may refuse with a StoreError: then nothing is written."""
        author = clip(author, MAX_AUTHOR)
        content, digest = _encode(plan)  # the slow part, outside any transaction
        if description is None:  # describing the change needs the version it starts from

            def read(conn: Connection) -> tuple[Any, Any]:
                row = self._plan_row(conn, plan_id)
                if row.deleted_at is not None or row.head != base_version:
                    return row, fetch_version(conn, plan_id, row.head, *_WHO)
                return row, fetch_version(conn, plan_id, base_version)

            row, fetched = self._run(read)
            if row.deleted_at is not None or row.head != base_version:
                raise self._stale_error(base_version, row, fetched)
            if fetched[0].digest == digest and then is None:
                return plan_info(row)
            try:
                previous = plan_of(plan_id, fetched)
            except Refetch:
                previous = self.version(plan_id, base_version)
            description = describe(diff(previous, plan))
        stored = stored_text(description)

        def write(conn: Connection) -> tuple[str, Any, Any]:
            """Check and write under the lock: ('saved' | 'same' | 'stale', plan row, head version)."""
            row = self._plan_row(conn, plan_id, lock=True)
            if row.deleted_at is not None or row.head != base_version:
                return "stale", row, fetch_version(conn, plan_id, row.head, *_WHO)
            base_digest = conn.execute(sa.select(VERSIONS.c.digest).where(
                VERSIONS.c.plan_id == plan_id, VERSIONS.c.number == base_version)).scalar()
            if base_digest == digest:
                if then is not None:
                    then(conn)
                return "same", row, None
            moment = now()
            updated = conn.execute(
                sa.update(PLANS).where(PLANS.c.id == plan_id, PLANS.c.head == base_version)
                .values(head=PLANS.c.head + 1, updated_at=moment, updated_by=author))
            if updated.rowcount != 1:  # pragma: no cover - the row is locked: only a bug gets here
                raise StoreError("failed", url=self.url)
            conn.execute(sa.insert(VERSIONS).values(plan_id=plan_id, number=base_version + 1, created_at=moment,
                                                    author=author, description=stored, digest=digest,
                                                    content=content))
            if then is not None:
                then(conn)
            saved = replace(plan_info(row), head=base_version + 1, updated_at=moment, updated_by=author)
            return "saved", saved, None

        outcome, row, fetched = self._run(write, write=True)
        if outcome == "stale":
            raise self._stale_error(base_version, row, fetched)
        if outcome == "same":
            return plan_info(row)
        _CACHE.put(digest, plan)
        return row

    def _stale_error(self, base_version: int, row: Any, fetched: Any) -> StoreError:
        """The StaleVersion for a save based on ``base_version`` (PlanDeleted if the plan went to the bin)."""
        if row.deleted_at is not None:
            return PlanDeleted("deleted", plan_id=row.id, name=row.name)
        head = fetched[0]
        try:
            plan = plan_of(row.id, fetched)
        except Refetch:
            plan = self.version(row.id, head.number)
        return StaleVersion(base_version, head.number, plan, head.author,
                            render_description(head.description, self._lang), time_of(head.created_at),
                            plan_info(row), stored=head.description)

    def restore(self, plan_id: str, number: int, base_version: int, author: str = "") -> PlanInfo:
        """Save version ``number`` again as a new version ("Restored version N").

        Like any save: StaleVersion when ``base_version`` is not the head, and
        no new version when the head already equals that version.
        """
        plan = self.version(plan_id, number)
        return self.save(plan_id, plan, base_version, author,
                         description=Description.line("restored", number=number))

    def rename(self, plan_id: str, name: str) -> PlanInfo:
        """Give the plan another name (no new version: the name is not part of the plan)."""
        name = check_name(name)

        def work(conn: Connection) -> PlanInfo:
            row = self._plan_row(conn, plan_id)
            if row.deleted_at is not None:
                raise PlanDeleted("deleted", plan_id=plan_id, name=row.name)
            conn.execute(sa.update(PLANS).where(PLANS.c.id == plan_id).values(name=name, updated_at=now()))
            return plan_info(conn.execute(sa.select(PLANS).where(PLANS.c.id == plan_id)).one())

        return self._run(work, write=True)

    def duplicate(self, plan_id: str, name: str, author: str = "", owner: str | None = None) -> PlanInfo:
        """A new plan whose version 1 is this plan's head (its scenarios are not copied; a scenario's
        duplicate is a plan of its own), owned by ``owner``."""
        plan, info = self.open_plan(plan_id)
        description = Description.line("duplicated", name=info.name, number=info.head)
        return self._create(name, plan, author, description, owner=owner)

    def delete(self, plan_id: str) -> None:
        """Put the plan in the bin (soft: it is listed with include_deleted and can be undeleted).

        A plan whose row is damaged can be deleted too (it is then purged like any other).
        Deleting a scenario discards it; deleting a plan hides its scenarios with it
        (:meth:`scenarios` no longer lists them) until it is undeleted.
        """

        def work(conn: Connection) -> None:
            self._plan_row(conn, plan_id, whole=False)
            conn.execute(sa.update(PLANS).where(PLANS.c.id == plan_id, PLANS.c.deleted_at.is_(None))
                         .values(deleted_at=now()))

        self._run(work, write=True)

    def undelete(self, plan_id: str) -> PlanInfo:
        """Take the plan out of the bin."""

        def work(conn: Connection) -> PlanInfo:
            self._plan_row(conn, plan_id)
            conn.execute(sa.update(PLANS).where(PLANS.c.id == plan_id).values(deleted_at=None))
            return plan_info(conn.execute(sa.select(PLANS).where(PLANS.c.id == plan_id)).one())

        return self._run(work, write=True)

    def purge_deleted(self, older_than: timedelta) -> int:
        """Erase for good the plans and scenarios deleted at least ``older_than`` ago, with their history,
        and every scenario of such a plan (whatever its state); returns how many rows went."""
        cutoff = now() - older_than
        doomed = sa.select(PLANS.c.id).where(PLANS.c.deleted_at.is_not(None), PLANS.c.deleted_at <= cutoff)
        orphans = sa.select(PLANS.c.id).where(PLANS.c.parent_id.in_(doomed))  # scenarios of a doomed plan

        def work(conn: Connection) -> set[str]:
            ids = set(conn.execute(doomed).scalars()) | set(conn.execute(orphans).scalars())
            if ids:
                for table in (VERSIONS, PLAN_ACCESS, MEETING_LINKS, ACCESS_EVENTS):
                    conn.execute(sa.delete(table).where(sa.or_(table.c.plan_id.in_(doomed),
                                                               table.c.plan_id.in_(orphans))))
                conn.execute(sa.delete(PLANS).where(PLANS.c.id.in_(orphans)))  # first: they reference their plan
                conn.execute(sa.delete(PLANS).where(PLANS.c.id.in_(doomed)))
            return ids

        return len(self._run(work, write=True))
