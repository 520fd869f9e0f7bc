"""Where the database is: :func:`database_url` and the default SQLite file."""

from __future__ import annotations

import math
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DB_PATH = ROOT / "raci.db"


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


#: How long one store operation may wait for the database, in seconds (``$RACI_DB_TIMEOUT``).
DEFAULT_TIMEOUT = 3.0
#: How long a database that timed out is not tried again, in seconds (``$RACI_DB_RETRY_AFTER``).
DEFAULT_RETRY_AFTER = 30.0


def _seconds(name: str, default: float) -> float:
    """A number of seconds from the environment; ``default`` when unset, not a number or negative."""
    try:
        value = float(os.environ.get(name, "").strip())
    except ValueError:
        return default
    return value if math.isfinite(value) and value >= 0 else default


def db_timeout() -> float:
    """The longest one store operation waits for the database, in all (seconds): ``$RACI_DB_TIMEOUT``, default 3.

    SQLite's busy timeout and PostgreSQL's connect and statement timeouts come from it,
    and the retries of a locked transaction share it instead of each waiting it again.
    """
    return _seconds("RACI_DB_TIMEOUT", DEFAULT_TIMEOUT) or DEFAULT_TIMEOUT


def db_retry_after() -> float:
    """How long a database that timed out is given up on (seconds): ``$RACI_DB_RETRY_AFTER``, default 30.

    0 switches the memory off: every operation tries the database again.
    """
    return _seconds("RACI_DB_RETRY_AFTER", DEFAULT_RETRY_AFTER)
