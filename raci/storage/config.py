"""Where the database is: :func:`database_url` and the default SQLite file."""

from __future__ import annotations

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
