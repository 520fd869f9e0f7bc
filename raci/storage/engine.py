"""Making the engine and running work on it: SQLite's pragmas, one transaction per unit of work,
bounded waits, retries when the database is locked, and every driver fault as a :class:`StoreUnavailable`.

SQLite is opened in WAL mode (readers never wait for the writer) with a busy
timeout, foreign keys on, and write transactions started with ``BEGIN
IMMEDIATE`` (SQLAlchemy's documented pysqlite recipe: the driver's own BEGIN
is switched off and the engine's ``begin`` event emits ours), so concurrent
writers queue instead of failing; a transaction that still meets "database is
locked" is retried a few times with backoff. PostgreSQL goes through psycopg
(a plain ``postgresql://`` URL is given that driver) with a connect timeout and
a statement timeout.

Every wait is bounded by ``timeout`` (``$RACI_DB_TIMEOUT``, 3 s) *in all*: each
attempt's busy timeout is what is left of it, and no retry starts after it. A
failure that cost the wait opens the database's :mod:`circuit breaker
<raci.storage.breaker>`: for ``retry_after`` seconds operations fail at once.
"""

from __future__ import annotations

import errno
import math
import random
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event, exc
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.pool import StaticPool

from raci.storage.breaker import CircuitBreaker, breaker_for
from raci.storage.config import db_retry_after, db_timeout
from raci.storage.errors import StoreError, StoreUnavailable

T = TypeVar("T")

try:  # the PostgreSQL driver is optional: only a postgresql URL needs it
    import psycopg as _psycopg
except ImportError:  # pragma: no cover - depends on the installation
    _psycopg = None

try:
    from alembic.util import CommandError as _AlembicError
except ImportError:  # pragma: no cover - alembic is a requirement
    _AlembicError = exc.SQLAlchemyError  # type: ignore[misc, assignment]

_DRIVER_ERRORS: tuple[type[BaseException], ...] = (exc.SQLAlchemyError, sqlite3.Error, OSError, _AlembicError) + (
    (_psycopg.Error,) if _psycopg is not None else ()
)
_LOCKED = re.compile(r"database( table)? is locked|database is busy|SQLITE_BUSY", re.I)
_FULL = re.compile(r"database or disk is full|disk is full|could not extend file|no space left on device", re.I)
_TIMED_OUT = re.compile(r"timeout expired|timed out|statement timeout|canceling statement due to", re.I)
_UNWRITABLE = re.compile(r"unable to open|readonly|read-only|disk I/O|permission|access denied|"
                         r"no such file|not a directory|out of memory", re.I)
_NOT_A_DB = re.compile(r"file is not a database|file is encrypted", re.I)


def error_text(error: BaseException) -> str:
    """The driver's message of an error, on one line (for ``detail`` and logs)."""
    orig = getattr(error, "orig", None)
    return " ".join(str(orig if orig is not None else error).split())


class Database:
    """One engine on one database URL, and :meth:`run` to do work on it in a transaction.

    ``url`` is shown without its password (:attr:`shown_url`); a URL that is
    not usable raises :class:`StoreUnavailable` (``bad_url``, ``driver_missing``,
    ``unwritable``) before anything is opened. ``timeout``: the longest one
    operation waits, retries included (default :func:`db_timeout`);
    ``retries``: how many times a transaction that found the database locked
    is tried again within it. ``breaker``: the circuit breaker to use (default:
    the process's one for this URL, open for ``retry_after`` seconds, default
    :func:`db_retry_after`, after a failure that cost the wait).
    """

    def __init__(self, url: str, *, timeout: float | None = None, retries: int = 4,
                 retry_after: float | None = None, breaker: CircuitBreaker | None = None) -> None:
        self.retries = retries
        self.timeout = db_timeout() if timeout is None else timeout
        shown = url if isinstance(url, str) else repr(url)
        self.shown_url = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", shown)
        self.engine = self._make_engine(url)
        self.breaker = breaker if breaker is not None else breaker_for(
            self.engine.url.render_as_string(hide_password=False),
            db_retry_after() if retry_after is None else retry_after)

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.engine.dialect.name

    def dispose(self) -> None:
        """Release the connections (they reopen on the next use)."""
        self.engine.dispose()

    # ----- making the engine --------------------------------------------------------------
    def _make_engine(self, url: str) -> Engine:
        try:
            parsed = make_url(url)
        except (exc.ArgumentError, ValueError, TypeError, AttributeError):
            raise StoreUnavailable("bad_url", url=self.shown_url) from None
        self.shown_url = parsed.render_as_string(hide_password=True)
        backend = parsed.get_backend_name()
        if backend in ("postgres", "postgresql") and parsed.drivername in ("postgres", "postgresql"):
            parsed = parsed.set(drivername="postgresql+psycopg")  # the driver the planner installs
        try:
            if backend == "sqlite":
                return self._sqlite_engine(parsed)
            if backend in ("postgres", "postgresql"):
                return sa.create_engine(self._postgres_url(parsed), pool_pre_ping=True)
        except (ImportError, exc.NoSuchModuleError) as error:
            package = "psycopg[binary]" if "psycopg" in parsed.drivername else parsed.drivername
            raise StoreUnavailable("driver_missing", detail=error_text(error), url=self.shown_url,
                                   package=package) from None
        except exc.ArgumentError as error:
            raise StoreUnavailable("bad_url", detail=error_text(error), url=self.shown_url) from None
        raise StoreUnavailable("bad_url", url=self.shown_url)

    def _postgres_url(self, parsed: URL) -> URL:
        """The URL with libpq's connect timeout (whole seconds, at least 2: libpq's and psycopg's floor)
        and a statement timeout from ``timeout``, unless the URL sets them itself."""
        query = dict(parsed.query)
        if "connect_timeout" not in query:
            query["connect_timeout"] = str(max(2, math.ceil(self.timeout)))
        options = query.get("options", "")
        options = " ".join(options) if isinstance(options, tuple) else options
        if "statement_timeout" not in options:
            options = f"{options} -c statement_timeout={max(1, round(self.timeout * 1000))}".strip()
        query["options"] = options
        return parsed.set(query=query)

    def _sqlite_engine(self, parsed: URL) -> Engine:
        database = parsed.database or ""
        in_memory = database in ("", ":memory:") or "mode=memory" in database
        if not in_memory and not parsed.query.get("uri"):
            try:
                Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreUnavailable("unwritable", detail=str(error), url=self.shown_url) from None
        options: dict[str, Any] = {"connect_args": {"timeout": self.timeout}}
        if in_memory:
            options = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
        engine = sa.create_engine(parsed, **options)
        busy_ms = _milliseconds(self.timeout)

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
            options = conn.get_execution_options()
            if "raci_busy_ms" in options:  # what is left of the operation's timeout
                conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(options['raci_busy_ms'])}")
            conn.exec_driver_sql("BEGIN IMMEDIATE" if options.get("raci_write", False) else "BEGIN")

        return engine

    # ----- transactions and faults ----------------------------------------------------------
    def run(self, work: Callable[[Connection], T], write: bool = False) -> T:
        """``work(conn)`` in one transaction (``BEGIN IMMEDIATE`` on SQLite when ``write``).

        Fails at once while the circuit breaker is open. Retried with backoff
        when the database is locked (or the connection was lost), as long as
        the operation's ``timeout`` is not spent; any other fault becomes
        :class:`StoreUnavailable`. A :class:`StoreError` raised by ``work``
        rolls the transaction back and goes through as it is.
        """
        self.breaker.check()
        deadline = time.monotonic() + self.timeout
        sqlite = self.backend == "sqlite"
        delay = 0.02
        attempt = 0
        while True:
            try:
                with self.engine.connect() as conn:
                    if sqlite:
                        conn.execution_options(raci_write=write,
                                               raci_busy_ms=_milliseconds(deadline - time.monotonic()))
                    with conn.begin():
                        result = work(conn)
                self.breaker.success()
                return result
            except StoreError:
                self.breaker.success()  # the database answered: the refusal is the work's own
                raise
            except _DRIVER_ERRORS as error:
                retry = bool(_LOCKED.search(error_text(error))) or bool(getattr(error, "connection_invalidated", 0))
                pause = delay * (1 + random.random())
                if retry and attempt < self.retries and time.monotonic() + pause < deadline:
                    attempt += 1
                    time.sleep(pause)
                    delay *= 3
                    continue
                failure = self.unavailable(error)
                self.breaker.failure(failure)
                raise failure from None

    def unavailable(self, error: BaseException) -> StoreUnavailable:
        """The StoreUnavailable that says what a driver fault means to the user."""
        text = error_text(error)
        url = self.shown_url
        if _disk_full(error, text):
            return StoreUnavailable("disk_full", detail=text, url=url)
        if self.backend == "sqlite":
            if _LOCKED.search(text):
                return StoreUnavailable("locked", detail=text, url=url)
            if _NOT_A_DB.search(text):
                return StoreUnavailable("not_a_database", detail=text, url=url)
            if isinstance(error, OSError) or _UNWRITABLE.search(text):
                return StoreUnavailable("unwritable", detail=text, url=url)
            return StoreUnavailable("failed", detail=text, url=url)
        if _TIMED_OUT.search(text):
            return StoreUnavailable("timeout", detail=text, url=url, seconds=_shown_seconds(self.timeout))
        if isinstance(error, (exc.OperationalError, exc.InterfaceError, OSError)) or (
            _psycopg is not None and isinstance(error, (_psycopg.OperationalError, _psycopg.InterfaceError))
        ):
            return StoreUnavailable("unreachable", detail=text, url=url)
        return StoreUnavailable("failed", detail=text, url=url)


def _milliseconds(seconds: float) -> int:
    """A wait in whole milliseconds, at least 1 (0 would mean "do not wait" to SQLite)."""
    return max(1, int(seconds * 1000))


def _shown_seconds(seconds: float) -> str:
    return f"{seconds:g}"


def _disk_full(error: BaseException, text: str) -> bool:
    """SQLite's SQLITE_FULL, PostgreSQL's "could not extend file" (53100), or ENOSPC from the system."""
    orig = getattr(error, "orig", None) or error
    if isinstance(orig, OSError) and orig.errno == errno.ENOSPC:
        return True
    if getattr(orig, "sqlstate", None) == "53100":
        return True
    return bool(_FULL.search(text))
