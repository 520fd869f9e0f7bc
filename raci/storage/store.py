"""Plans that last: named plans with their whole history, in SQLite or PostgreSQL.

One class, :class:`Store`, over SQLAlchemy Core. ``Store(database_url())``
opens the database named by :func:`database_url` (a SQLite file beside the
repository unless ``RACI_DATABASE_URL`` or ``RACI_DB_PATH`` says otherwise)
and creates or migrates its tables on the way.

The data
--------

* ``plans``: one row per plan: ``id`` (short, URL-safe), ``name``,
  ``created_at``, ``updated_at``, ``deleted_at`` (NULL unless in the bin),
  ``head`` (its latest version number) and ``updated_by``.
* ``versions``: every saved state of every plan, never changed once written:
  ``(plan_id, number)`` is the primary key, so opening the head or one
  version is one indexed lookup and the history is an index range scan that
  never reads the contents. ``content`` is the plan as JSON
  (:mod:`raci.files.json`, everything a plan holds) compressed with zlib;
  ``digest`` its SHA-256, so saving an unchanged plan is noticed without
  reading the previous content.
* Decoded plans are kept in memory (a small process-wide cache keyed by that
  digest, so it is never stale), so opening a version someone just saved, or
  describing a change from the version you opened, does not decode it again.
* ``meta``: ``schema_version``. :data:`MIGRATIONS` is the ordered list of
  steps from an empty database (version 0) to the current schema; opening an
  older database applies the missing steps in one transaction.

Timestamps are timezone-aware UTC datetimes.

Saving: optimistic concurrency
------------------------------

Whoever opened version N saves with ``base_version=N``. In one write
transaction the save reads the plan's row (``FOR UPDATE`` on PostgreSQL;
SQLite's write lock is already held), runs ``UPDATE plans SET head = head + 1
... WHERE id = :id AND head = :base`` and inserts version N + 1. When the
head is no longer N someone else saved first: nothing is written, and
:class:`StaleVersion` carries their version (number, plan, author,
description) so that the app can show who changed what and
:func:`raci.history.rebase` the user's edits on it. Nothing is overwritten and
nothing is lost.

SQLite is opened in WAL mode (readers never wait for the writer) with a busy
timeout, foreign keys on, and write transactions started with ``BEGIN
IMMEDIATE`` (SQLAlchemy's documented pysqlite recipe: the driver's own BEGIN
is switched off and the engine's ``begin`` event emits ours), so concurrent
writers queue instead of failing; a transaction that still meets "database
is locked" is retried a few times with backoff.

Errors
------

Every error is a :class:`StoreError` with a ``key`` and ``message(lang)``:
:class:`PlanNotFound` (also :class:`PlanDeleted`, :class:`VersionNotFound`),
:class:`StaleVersion`, and :class:`StoreUnavailable` for a database that
cannot be reached, opened, written or locked (``key`` says which; the
driver's own text is kept in ``detail`` for logs, never as the message). No
SQLAlchemy or driver exception leaves this module.
"""

from __future__ import annotations

import hashlib
import os
import random
import re
import secrets
import sqlite3
import threading
import time
import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from raci.errors import RaciError
from raci.files.csv import PlanFileError
from raci.files.json import read_json, write_json
from raci.history import describe, diff
from raci.history.describe import Description, render_description, stored_text
from raci.i18n import translate
from raci.model import Plan
from raci.text import clip

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = ROOT / "raci.db"
MAX_NAME = 200
MAX_AUTHOR = 200
MAX_DESCRIPTION = 1000  # characters of a typed description
MAX_STORED_DESCRIPTION = 4000  # characters of a neutral one's JSON (describe() stays far below)
_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: ids are read aloud and typed
_ID_LENGTH = 10
_CACHE_ENTRIES = 32  # decoded plans kept in memory, keyed by the digest of their content...
_CACHE_CELLS = 4_000_000  # ...up to this many matrix cells in all (a 1,000 x 20 plan has 20,000)
_PG_LOCK = 0x52414349  # 'RACI': the advisory lock that serialises schema migrations
_COMPRESSION = 6

T = TypeVar("T")

try:  # the PostgreSQL driver is optional: only a postgresql URL needs it
    import psycopg as _psycopg
except ImportError:  # pragma: no cover - depends on the installation
    _psycopg = None

_DRIVER_ERRORS: tuple[type[BaseException], ...] = (exc.SQLAlchemyError, sqlite3.Error, OSError) + (
    (_psycopg.Error,) if _psycopg is not None else ()
)


# ----- where the database is -------------------------------------------------------------
def database_url(explicit: str | None = None) -> str:
    """The database to use: ``explicit``, else ``$RACI_DATABASE_URL``, else a SQLite file.

    The SQLite file is ``$RACI_DB_PATH`` when set, else ``raci.db`` at the
    repository's root (``*.db`` is git-ignored); its URL carries the absolute
    path, so the database does not depend on the working directory.
    """
    if explicit:
        return explicit
    from_env = os.environ.get("RACI_DATABASE_URL", "").strip()
    if from_env:
        return from_env
    path = os.environ.get("RACI_DB_PATH", "").strip() or DEFAULT_DB_PATH
    return f"sqlite:///{Path(path).expanduser().resolve()}"


# ----- errors ------------------------------------------------------------------------------
class StoreError(RaciError):
    """Anything the store refuses or cannot do; ``message(lang)`` says it to the user."""

    AREA, PREFIX = "store", "error_"


class StoreUnavailable(StoreError):
    """The database cannot be used: ``key`` is unreachable, unwritable, locked, not_a_database,
    schema_newer, driver_missing, bad_url or failed. ``detail``: the driver's text, for logs."""

    def __init__(self, key: str, detail: str = "", **params: object) -> None:
        super().__init__(key, **params)
        self.detail = detail


class PlanNotFound(StoreError):
    """No plan with this id (or, for the subclasses, not in a state that allows the operation)."""


class PlanDeleted(PlanNotFound):
    """The plan is in the bin: it can be opened and undeleted, not changed."""


class VersionNotFound(PlanNotFound):
    """The plan exists but has no version with this number."""


class StaleVersion(StoreError):
    """Someone saved a newer version since ``base``: ``head`` is its number, ``plan`` its content,
    ``author`` and ``description`` who saved it and what changed, ``info`` the plan's row.

    ``description`` is the line in the store's language; ``description_text(lang)`` says it
    in any language (``stored`` is the line as the database keeps it)."""

    def __init__(self, base: int, head: int, plan: Plan, author: str, description: str,
                 created_at: datetime, info: PlanInfo, stored: str | None = None) -> None:
        super().__init__("stale", head=head, author=author, description=description)
        self.base, self.head, self.plan = base, head, plan
        self.author, self.description, self.created_at, self.info = author, description, created_at, info
        self.stored = description if stored is None else stored

    def description_text(self, lang: str) -> str:
        """What the newer version changed, in ``lang``."""
        return render_description(self.stored, lang)

    def message(self, lang: str = "en") -> str:
        """The refusal in ``lang``: who saved which version, and what changed."""
        author = self.author or translate("store.someone", lang)
        return translate("store.error_stale", lang, author=author, head=self.head,
                         description=self.description_text(lang))


# ----- what the store returns ---------------------------------------------------------------
@dataclass(frozen=True)
class PlanInfo:
    """A plan's row: ``head`` is its latest version number."""

    id: str
    name: str
    head: int
    created_at: datetime
    updated_at: datetime
    updated_by: str
    deleted_at: datetime | None = None


@dataclass(frozen=True)
class VersionInfo:
    """One entry of a plan's history (without its content).

    ``description`` is what changed in the store's language (``Store(lang=...)``);
    :meth:`description_text` says it in the reader's. ``stored`` is the line as
    the database keeps it (language-neutral, or the plain text of an older one).
    """

    number: int
    created_at: datetime
    author: str
    description: str
    stored: str | None = field(default=None, repr=False, compare=False)

    def description_text(self, lang: str) -> str:
        """What this version changed, in ``lang`` (an older plain-text line as it was)."""
        return render_description(self.description if self.stored is None else self.stored, lang)


# ----- the schema ------------------------------------------------------------------------------
class UTCDateTime(sa.types.TypeDecorator):
    """Aware UTC datetimes in, aware UTC datetimes out (SQLite keeps naive UTC text)."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value if dialect.name == "postgresql" else value.replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _define_tables_v1(metadata: sa.MetaData) -> tuple[sa.Table, sa.Table]:
    """The plans and versions tables as schema version 1 creates them.

    A later schema change adds a migration step; this function stays as it
    is, because the step to version 1 must always create the same tables.
    """
    plans = sa.Table(
        "plans", metadata,
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("updated_at", UTCDateTime, nullable=False),
        sa.Column("deleted_at", UTCDateTime, nullable=True),
        sa.Column("head", sa.Integer, nullable=False),
        sa.Column("updated_by", sa.Text, nullable=False),
        sa.Index("plans_by_deleted_at", "deleted_at"),
    )
    versions = sa.Table(
        "versions", metadata,
        sa.Column("plan_id", sa.String(32), sa.ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("number", sa.Integer, primary_key=True),
        sa.Column("created_at", UTCDateTime, nullable=False),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
    )
    return plans, versions


METADATA = sa.MetaData()
META = sa.Table(
    "meta", METADATA,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
PLANS, VERSIONS = _define_tables_v1(METADATA)


def _migrate_to_1(conn: Connection) -> None:
    """Version 0 (empty) -> 1: the plans and versions tables."""
    metadata = sa.MetaData()
    plans, versions = _define_tables_v1(metadata)
    metadata.create_all(conn, tables=[plans, versions])


#: MIGRATIONS[n] takes a database from schema version n to n + 1. Append, never edit.
MIGRATIONS: list[Callable[[Connection], None]] = [_migrate_to_1]
SCHEMA_VERSION = len(MIGRATIONS)


# ----- helpers -----------------------------------------------------------------------------
def _now() -> datetime:
    return datetime.now(UTC)


def _new_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))


def _check_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip() or "\x00" in name or len(name.strip()) > MAX_NAME:
        raise StoreError("bad_name")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError("bad_name") from None
    return name.strip()


def _encode(plan: Plan) -> tuple[bytes, str]:
    """(zlib-compressed JSON, SHA-256 of the JSON)."""
    if not isinstance(plan, Plan):
        raise TypeError("the store saves raci.model.Plan objects")
    raw = write_json(plan, compact=True)  # ~5x faster than the indented form people read
    return zlib.compress(raw, _COMPRESSION), hashlib.sha256(raw).hexdigest()


def _decode(content: bytes, plan_id: str, number: int) -> Plan:
    try:
        return read_json(zlib.decompress(content), max_bytes=None)
    except (zlib.error, PlanFileError, TypeError):
        raise StoreError("corrupt", plan_id=plan_id, number=number) from None


def _stored(description: Description | str) -> str:
    """The description as the versions table keeps it: neutral JSON, or a typed line clipped."""
    if isinstance(description, Description):
        stored = description.stored()
        if len(stored) <= MAX_STORED_DESCRIPTION:
            return stored
        description = description.text("en")  # pragma: no cover - describe() keeps its lines short
    return stored_text(clip(description, MAX_DESCRIPTION))


def _info(row: Any) -> PlanInfo:
    return PlanInfo(id=row.id, name=row.name, head=row.head, created_at=row.created_at,
                    updated_at=row.updated_at, updated_by=row.updated_by, deleted_at=row.deleted_at)


def _error_text(error: BaseException) -> str:
    orig = getattr(error, "orig", None)
    return " ".join(str(orig if orig is not None else error).split())


_WHO = (VERSIONS.c.author, VERSIONS.c.description, VERSIONS.c.created_at)


class _Refetch(Exception):
    """A plan left the in-memory cache between a fetch and its use: read it again."""


_LOCKED = re.compile(r"database( table)? is locked|database is busy|SQLITE_BUSY", re.I)
_UNWRITABLE = re.compile(r"unable to open|readonly|read-only|disk I/O|permission|access denied|disk is full|"
                         r"no such file|not a directory|out of memory", re.I)
_NOT_A_DB = re.compile(r"file is not a database|file is encrypted", re.I)


class _PlanCache:
    """Decoded plans by the SHA-256 of their JSON: shared by every Store of the process.

    Keyed by content, it can never be stale, whatever database a plan came
    from; it spares decoding a version that another session (or another Store
    on the same database) already decoded. Bounded in entries and in cells.
    """

    def __init__(self, entries: int, cells: int) -> None:
        self._plans: OrderedDict[str, Plan] = OrderedDict()
        self._lock = threading.Lock()
        self._entries, self._cells, self._size = entries, cells, 0

    def get(self, digest: str | None) -> Plan | None:
        if digest is None:
            return None
        with self._lock:
            plan = self._plans.get(digest)
            if plan is not None:
                self._plans.move_to_end(digest)
            return plan

    def put(self, digest: str, plan: Plan) -> None:
        size = plan.cells.size + plan.n_tasks
        if size > self._cells:
            return
        with self._lock:
            if digest in self._plans:
                self._plans.move_to_end(digest)
                return
            self._plans[digest] = plan
            self._size += size
            while len(self._plans) > self._entries or self._size > self._cells:
                _, old = self._plans.popitem(last=False)
                self._size -= old.cells.size + old.n_tasks

    def clear(self) -> None:
        with self._lock:
            self._plans.clear()
            self._size = 0


_CACHE = _PlanCache(_CACHE_ENTRIES, _CACHE_CELLS)


# ----- the store ---------------------------------------------------------------------------
class Store:
    """Named, versioned plans in one database (see the module docstring).

    ``url``: a SQLAlchemy URL, ``sqlite:///...`` or ``postgresql+psycopg://...``
    (:func:`database_url` gives the default). ``lang`` is the language the
    descriptions are given in as text (``VersionInfo.description``,
    ``StaleVersion.description``); the database keeps them language-neutral, and
    ``description_text(lang)`` says them in any language. ``busy_timeout`` (seconds) is how long a SQLite writer waits
    for the lock, ``retries`` how many times a transaction that still found
    the database locked is tried again.

    A Store is safe to share between threads; :meth:`close` releases its
    connections.
    """

    def __init__(self, url: str, *, lang: str = "en", busy_timeout: float = 10.0, retries: int = 4) -> None:
        self._lang = lang
        self._retries = retries
        self._busy_timeout = busy_timeout
        self._engine = self._make_engine(url)
        #: (from, to) schema versions when opening migrated the database, else None.
        self.migrated: tuple[int, int] | None = None
        try:
            self._ensure_schema()
        except BaseException:
            self._engine.dispose()
            raise

    # ----- opening ------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return self._shown_url

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self._engine.dialect.name

    def _make_engine(self, url: str) -> Engine:
        shown = url if isinstance(url, str) else repr(url)
        self._shown_url = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", shown)
        try:
            parsed = make_url(url)
        except (exc.ArgumentError, ValueError, TypeError, AttributeError):
            raise StoreUnavailable("bad_url", url=self._shown_url) from None
        self._shown_url = parsed.render_as_string(hide_password=True)
        backend = parsed.get_backend_name()
        if backend in ("postgres", "postgresql") and parsed.drivername in ("postgres", "postgresql"):
            parsed = parsed.set(drivername="postgresql+psycopg")  # the driver the planner installs
        try:
            if backend == "sqlite":
                return self._sqlite_engine(parsed)
            if backend in ("postgres", "postgresql"):
                return sa.create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5})
        except (ImportError, exc.NoSuchModuleError) as error:
            package = "psycopg[binary]" if "psycopg" in parsed.drivername else parsed.drivername
            raise StoreUnavailable("driver_missing", detail=_error_text(error), url=self._shown_url,
                                   package=package) from None
        except exc.ArgumentError as error:
            raise StoreUnavailable("bad_url", detail=_error_text(error), url=self._shown_url) from None
        raise StoreUnavailable("bad_url", url=self._shown_url)

    def _sqlite_engine(self, parsed: URL) -> Engine:
        database = parsed.database or ""
        in_memory = database in ("", ":memory:") or "mode=memory" in database
        if not in_memory and not parsed.query.get("uri"):
            try:
                Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreUnavailable("unwritable", detail=str(error), url=self._shown_url) from None
        options: dict[str, Any] = {"connect_args": {"timeout": self._busy_timeout}}
        if in_memory:
            options = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
        engine = sa.create_engine(parsed, **options)
        busy_ms = int(self._busy_timeout * 1000)

        @event.listens_for(engine, "connect")
        def _connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None  # the engine's "begin" event emits BEGIN itself
            cursor = dbapi_connection.cursor()
            try:
                cursor.execute(f"PRAGMA busy_timeout = {busy_ms}")
                cursor.execute("PRAGMA foreign_keys = ON")
                if not in_memory:
                    cursor.execute("PRAGMA journal_mode = WAL")
                    cursor.execute("PRAGMA synchronous = NORMAL")
            finally:
                cursor.close()

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            write = conn.get_execution_options().get("raci_write", False)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

        return engine

    def close(self) -> None:
        """Release the store's connections (it can still be used: they reopen)."""
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # ----- transactions and faults -----------------------------------------------------------
    def _run(self, work: Callable[[Connection], T], write: bool = False) -> T:
        """``work(conn)`` in one transaction (``BEGIN IMMEDIATE`` on SQLite when ``write``).

        Retried with backoff when the database is locked (or the connection was
        lost); any other fault becomes :class:`StoreUnavailable`.
        """
        delay = 0.02
        attempt = 0
        while True:
            try:
                with self._engine.connect() as conn:
                    if write:
                        conn.execution_options(raci_write=True)
                    with conn.begin():
                        return work(conn)
            except StoreError:
                raise
            except _DRIVER_ERRORS as error:
                retry = self._is_locked(error) or bool(getattr(error, "connection_invalidated", False))
                if retry and attempt < self._retries:
                    attempt += 1
                    time.sleep(delay * (1 + random.random()))
                    delay *= 3
                    continue
                raise self._unavailable(error) from None

    @staticmethod
    def _is_locked(error: BaseException) -> bool:
        return bool(_LOCKED.search(_error_text(error)))

    def _unavailable(self, error: BaseException) -> StoreUnavailable:
        text = _error_text(error)
        url = self._shown_url
        if self.backend == "sqlite":
            if _LOCKED.search(text):
                return StoreUnavailable("locked", detail=text, url=url)
            if _NOT_A_DB.search(text):
                return StoreUnavailable("not_a_database", detail=text, url=url)
            if isinstance(error, OSError) or _UNWRITABLE.search(text):
                return StoreUnavailable("unwritable", detail=text, url=url)
            return StoreUnavailable("failed", detail=text, url=url)
        if isinstance(error, (exc.OperationalError, exc.InterfaceError, OSError)) or (
            _psycopg is not None and isinstance(error, (_psycopg.OperationalError, _psycopg.InterfaceError))
        ):
            return StoreUnavailable("unreachable", detail=text, url=url)
        return StoreUnavailable("failed", detail=text, url=url)

    # ----- schema -----------------------------------------------------------------------
    @staticmethod
    def _schema_version(conn: Connection) -> int:
        if not sa.inspect(conn).has_table("meta"):
            return 0
        value = conn.execute(sa.select(META.c.value).where(META.c.key == "schema_version")).scalar()
        return int(value) if value is not None else 0

    def _ensure_schema(self) -> None:
        target = len(MIGRATIONS)
        found = self._run(self._schema_version)
        if found == target:
            return
        if found > target:
            raise StoreUnavailable("schema_newer", found=found, known=target)

        def migrate(conn: Connection) -> tuple[int, int] | None:
            if conn.dialect.name == "postgresql":  # one migrator at a time
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_LOCK})
            current = self._schema_version(conn)
            if current > target:
                raise StoreUnavailable("schema_newer", found=current, known=target)
            if current == target:
                return None
            META.create(conn, checkfirst=True)
            for step in MIGRATIONS[current:]:
                step(conn)
            conn.execute(sa.delete(META).where(META.c.key == "schema_version"))
            conn.execute(sa.insert(META).values(key="schema_version", value=str(target)))
            return current, target

        self.migrated = self._run(migrate, write=True)

    @property
    def schema_version(self) -> int:
        """The schema version the database is at."""
        return self._run(self._schema_version)

    # ----- decoded versions -----------------------------------------------------------------
    @staticmethod
    def clear_cache() -> None:
        """Forget the decoded plans kept in memory (process-wide; benchmarks measure cold opens with it)."""
        _CACHE.clear()

    @staticmethod
    def _fetch(conn: Connection, plan_id: str, number: int, *columns: sa.Column, required: bool = True) -> Any:
        """Version ``number``'s digest, the given columns, and its content unless that plan is in memory.

        A version that should be there (``required``) and is not means a damaged database.
        """
        where = (VERSIONS.c.plan_id == plan_id, VERSIONS.c.number == number)
        row = conn.execute(sa.select(VERSIONS.c.number, VERSIONS.c.digest, *columns).where(*where)).first()
        if row is None:
            if required:
                raise StoreError("corrupt", plan_id=plan_id, number=number)
            return None
        content = None
        if _CACHE.get(row.digest) is None:
            content = conn.execute(sa.select(VERSIONS.c.content).where(*where)).scalar()
        return row, content

    @staticmethod
    def _plan_of(plan_id: str, fetched: Any) -> Plan:
        """The plan of a fetched version: from memory, else decoded (and kept)."""
        row, content = fetched
        plan = _CACHE.get(row.digest)
        if plan is None:
            if content is None:  # it left the memory since the fetch: very rare
                raise _Refetch
            plan = _decode(content, plan_id, row.number)
            _CACHE.put(row.digest, plan)
        return plan

    def _read_version(self, work: Callable[[Connection], tuple[Any, Any]], plan_id: str) -> tuple[Any, Plan]:
        """Run ``work`` (-> (anything, fetched version)) and decode the version outside the transaction."""
        for _ in range(3):
            extra, fetched = self._run(work)
            try:
                return extra, self._plan_of(plan_id, fetched)
            except _Refetch:
                continue
        _CACHE.clear()  # pragma: no cover - three evictions in a row
        extra, fetched = self._run(work)
        return extra, self._plan_of(plan_id, fetched)

    # ----- reading ---------------------------------------------------------------------------
    @staticmethod
    def _plan_row(conn: Connection, plan_id: str, lock: bool = False) -> Any:
        """The plan's row (PlanNotFound if none); ``lock``: FOR UPDATE (PostgreSQL; SQLite holds the file lock)."""
        row = None
        if isinstance(plan_id, str) and len(plan_id) <= 32:
            query = sa.select(PLANS).where(PLANS.c.id == plan_id)
            row = conn.execute(query.with_for_update() if lock else query).first()
        if row is None:
            raise PlanNotFound("not_found", plan_id=clip(plan_id, 40))
        return row

    def list_plans(self, include_deleted: bool = False) -> list[PlanInfo]:
        """Every plan, most recently updated first (the deleted ones too when asked)."""
        query = sa.select(PLANS).order_by(PLANS.c.updated_at.desc(), PLANS.c.id)
        if not include_deleted:
            query = query.where(PLANS.c.deleted_at.is_(None))
        return self._run(lambda conn: [_info(row) for row in conn.execute(query)])

    def open_plan(self, plan_id: str) -> tuple[Plan, PlanInfo]:
        """The plan's latest version and its row (a deleted plan opens too: see ``deleted_at``)."""

        def work(conn: Connection) -> tuple[Any, Any]:
            row = self._plan_row(conn, plan_id)
            return row, self._fetch(conn, plan_id, row.head)

        row, plan = self._read_version(work, plan_id)
        return plan, _info(row)

    def history(self, plan_id: str, limit: int | None = None) -> list[VersionInfo]:
        """The plan's versions, newest first, without their contents (``limit``: the newest N)."""
        query = (sa.select(VERSIONS.c.number, VERSIONS.c.created_at, VERSIONS.c.author, VERSIONS.c.description)
                 .where(VERSIONS.c.plan_id == plan_id).order_by(VERSIONS.c.number.desc()))
        if limit is not None:
            query = query.limit(limit)

        def work(conn: Connection) -> list[VersionInfo]:
            self._plan_row(conn, plan_id)
            return [self._version_info(r) for r in conn.execute(query)]

        return self._run(work)

    def _version_info(self, row: Any) -> VersionInfo:
        return VersionInfo(row.number, row.created_at, row.author, render_description(row.description, self._lang),
                           row.description)

    def version(self, plan_id: str, number: int) -> Plan:
        """The plan as it was at version ``number``."""

        def work(conn: Connection) -> tuple[None, Any]:
            self._plan_row(conn, plan_id)
            fetched = None
            if isinstance(number, int) and not isinstance(number, bool):
                fetched = self._fetch(conn, plan_id, number, required=False)
            if fetched is None:
                raise VersionNotFound("version_not_found", plan_id=plan_id, number=clip(number, 20))
            return None, fetched

        return self._read_version(work, plan_id)[1]

    # ----- writing ---------------------------------------------------------------------------
    def create_plan(self, name: str, plan: Plan, author: str = "") -> PlanInfo:
        """A new plan whose version 1 is ``plan``."""
        return self._create(name, plan, author, Description.line("created"))

    def _create(self, name: str, plan: Plan, author: str, description: Description) -> PlanInfo:
        name = _check_name(name)
        author = clip(author, MAX_AUTHOR)
        content, digest = _encode(plan)

        def work(conn: Connection) -> PlanInfo:
            now = _now()
            plan_id = _new_id()
            while conn.execute(sa.select(PLANS.c.id).where(PLANS.c.id == plan_id)).first() is not None:
                plan_id = _new_id()  # pragma: no cover - 31^10 ids
            conn.execute(sa.insert(PLANS).values(id=plan_id, name=name, created_at=now, updated_at=now,
                                                 deleted_at=None, head=1, updated_by=author))
            conn.execute(sa.insert(VERSIONS).values(plan_id=plan_id, number=1, created_at=now, author=author,
                                                    description=_stored(description),
                                                    digest=digest, content=content))
            return PlanInfo(plan_id, name, 1, now, now, author, None)

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
        author = clip(author, MAX_AUTHOR)
        content, digest = _encode(plan)  # the slow part, outside any transaction
        if description is None:  # describing the change needs the version it starts from

            def read(conn: Connection) -> tuple[Any, Any]:
                row = self._plan_row(conn, plan_id)
                if row.deleted_at is not None or row.head != base_version:
                    return row, self._fetch(conn, plan_id, row.head, *_WHO)
                return row, self._fetch(conn, plan_id, base_version)

            row, fetched = self._run(read)
            if row.deleted_at is not None or row.head != base_version:
                raise self._stale_error(base_version, row, fetched)
            if fetched[0].digest == digest:
                return _info(row)
            try:
                previous = self._plan_of(plan_id, fetched)
            except _Refetch:
                previous = self.version(plan_id, base_version)
            description = describe(diff(previous, plan))
        stored = _stored(description)

        def write(conn: Connection) -> tuple[str, Any, Any]:
            """Check and write under the lock: ('saved' | 'same' | 'stale', plan row, head version)."""
            row = self._plan_row(conn, plan_id, lock=True)
            if row.deleted_at is not None or row.head != base_version:
                return "stale", row, self._fetch(conn, plan_id, row.head, *_WHO)
            base_digest = conn.execute(sa.select(VERSIONS.c.digest).where(
                VERSIONS.c.plan_id == plan_id, VERSIONS.c.number == base_version)).scalar()
            if base_digest == digest:
                return "same", row, None
            now = _now()
            updated = conn.execute(
                sa.update(PLANS).where(PLANS.c.id == plan_id, PLANS.c.head == base_version)
                .values(head=PLANS.c.head + 1, updated_at=now, updated_by=author))
            if updated.rowcount != 1:  # pragma: no cover - the row is locked: only a bug gets here
                raise StoreError("failed", url=self._shown_url)
            conn.execute(sa.insert(VERSIONS).values(plan_id=plan_id, number=base_version + 1, created_at=now,
                                                    author=author, description=stored, digest=digest,
                                                    content=content))
            return "saved", PlanInfo(row.id, row.name, base_version + 1, row.created_at, now, author, None), None

        outcome, row, fetched = self._run(write, write=True)
        if outcome == "stale":
            raise self._stale_error(base_version, row, fetched)
        if outcome == "same":
            return _info(row)
        _CACHE.put(digest, plan)
        return row

    def _stale_error(self, base_version: int, row: Any, fetched: Any) -> StoreError:
        """The StaleVersion for a save based on ``base_version`` (PlanDeleted if the plan went to the bin)."""
        if row.deleted_at is not None:
            return PlanDeleted("deleted", plan_id=row.id, name=row.name)
        head = fetched[0]
        try:
            plan = self._plan_of(row.id, fetched)
        except _Refetch:
            plan = self.version(row.id, head.number)
        return StaleVersion(base_version, head.number, plan, head.author,
                            render_description(head.description, self._lang), head.created_at, _info(row),
                            stored=head.description)

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
        name = _check_name(name)

        def work(conn: Connection) -> PlanInfo:
            row = self._plan_row(conn, plan_id)
            if row.deleted_at is not None:
                raise PlanDeleted("deleted", plan_id=plan_id, name=row.name)
            conn.execute(sa.update(PLANS).where(PLANS.c.id == plan_id).values(name=name, updated_at=_now()))
            return _info(conn.execute(sa.select(PLANS).where(PLANS.c.id == plan_id)).one())

        return self._run(work, write=True)

    def duplicate(self, plan_id: str, name: str, author: str = "") -> PlanInfo:
        """A new plan whose version 1 is this plan's head."""
        plan, info = self.open_plan(plan_id)
        description = Description.line("duplicated", name=info.name, number=info.head)
        return self._create(name, plan, author, description)

    def delete(self, plan_id: str) -> None:
        """Put the plan in the bin (soft: it is listed with include_deleted and can be undeleted)."""

        def work(conn: Connection) -> None:
            self._plan_row(conn, plan_id)
            conn.execute(sa.update(PLANS).where(PLANS.c.id == plan_id, PLANS.c.deleted_at.is_(None))
                         .values(deleted_at=_now()))

        self._run(work, write=True)

    def undelete(self, plan_id: str) -> PlanInfo:
        """Take the plan out of the bin."""

        def work(conn: Connection) -> PlanInfo:
            self._plan_row(conn, plan_id)
            conn.execute(sa.update(PLANS).where(PLANS.c.id == plan_id).values(deleted_at=None))
            return _info(conn.execute(sa.select(PLANS).where(PLANS.c.id == plan_id)).one())

        return self._run(work, write=True)

    def purge_deleted(self, older_than: timedelta) -> int:
        """Erase for good the plans deleted at least ``older_than`` ago, with their history; returns how many."""
        cutoff = _now() - older_than
        doomed = sa.select(PLANS.c.id).where(PLANS.c.deleted_at.is_not(None), PLANS.c.deleted_at <= cutoff)

        def work(conn: Connection) -> set[str]:
            ids = set(conn.execute(doomed).scalars())
            if ids:
                conn.execute(sa.delete(VERSIONS).where(VERSIONS.c.plan_id.in_(doomed)))
                conn.execute(sa.delete(PLANS).where(PLANS.c.id.in_(doomed)))
            return ids

        return len(self._run(work, write=True))
