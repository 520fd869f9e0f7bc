"""Making the engine and running work on it: SQLite's pragmas, one transaction per unit of work,
retries when the database is locked, and every driver fault as a :class:`StoreUnavailable`.

SQLite is opened in WAL mode (readers never wait for the writer) with a busy
timeout, foreign keys on, and write transactions started with ``BEGIN
IMMEDIATE`` (SQLAlchemy's documented pysqlite recipe: the driver's own BEGIN
is switched off and the engine's ``begin`` event emits ours), so concurrent
writers queue instead of failing; a transaction that still meets "database is
locked" is retried a few times with backoff. PostgreSQL goes through psycopg
(a plain ``postgresql://`` URL is given that driver) with a connect timeout.
"""

from __future__ import annotations

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
_UNWRITABLE = re.compile(r"unable to open|readonly|read-only|disk I/O|permission|access denied|disk is full|"
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
    ``unwritable``) before anything is opened.
    """

    def __init__(self, url: str, *, busy_timeout: float = 10.0, retries: int = 4) -> None:
        self.retries = retries
        self.busy_timeout = busy_timeout
        shown = url if isinstance(url, str) else repr(url)
        self.shown_url = re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", shown)
        self.engine = self._make_engine(url)

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
                return sa.create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 5})
        except (ImportError, exc.NoSuchModuleError) as error:
            package = "psycopg[binary]" if "psycopg" in parsed.drivername else parsed.drivername
            raise StoreUnavailable("driver_missing", detail=error_text(error), url=self.shown_url,
                                   package=package) from None
        except exc.ArgumentError as error:
            raise StoreUnavailable("bad_url", detail=error_text(error), url=self.shown_url) from None
        raise StoreUnavailable("bad_url", url=self.shown_url)

    def _sqlite_engine(self, parsed: URL) -> Engine:
        database = parsed.database or ""
        in_memory = database in ("", ":memory:") or "mode=memory" in database
        if not in_memory and not parsed.query.get("uri"):
            try:
                Path(database).expanduser().resolve().parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StoreUnavailable("unwritable", detail=str(error), url=self.shown_url) from None
        options: dict[str, Any] = {"connect_args": {"timeout": self.busy_timeout}}
        if in_memory:
            options = {"connect_args": {"check_same_thread": False}, "poolclass": StaticPool}
        engine = sa.create_engine(parsed, **options)
        busy_ms = int(self.busy_timeout * 1000)

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

    # ----- transactions and faults ----------------------------------------------------------
    def run(self, work: Callable[[Connection], T], write: bool = False) -> T:
        """``work(conn)`` in one transaction (``BEGIN IMMEDIATE`` on SQLite when ``write``).

        Retried with backoff when the database is locked (or the connection was
        lost); any other fault becomes :class:`StoreUnavailable`. A
        :class:`StoreError` raised by ``work`` rolls the transaction back and
        goes through as it is.
        """
        delay = 0.02
        attempt = 0
        while True:
            try:
                with self.engine.connect() as conn:
                    if write:
                        conn.execution_options(raci_write=True)
                    with conn.begin():
                        return work(conn)
            except StoreError:
                raise
            except _DRIVER_ERRORS as error:
                retry = bool(_LOCKED.search(error_text(error))) or bool(getattr(error, "connection_invalidated", 0))
                if retry and attempt < self.retries:
                    attempt += 1
                    time.sleep(delay * (1 + random.random()))
                    delay *= 3
                    continue
                raise self.unavailable(error) from None

    def unavailable(self, error: BaseException) -> StoreUnavailable:
        """The StoreUnavailable that says what a driver fault means to the user."""
        text = error_text(error)
        url = self.shown_url
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
