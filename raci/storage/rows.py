"""The plans table's rows as the operations read and check them: ids, names, a row as a :class:`PlanInfo`.

Shared by :mod:`raci.storage.store` and :mod:`raci.storage.scenarios`.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from raci.storage.errors import PlanNotFound, StoreDamaged, StoreError
from raci.storage.records import UNKNOWN_TIME, PlanInfo
from raci.storage.schema import PLANS, Damaged
from raci.text import clip

MAX_NAME = 200
MAX_AUTHOR = 200
_ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"  # no 0/o, 1/l/i: ids are read aloud and typed
_ID_LENGTH = 10
PLAN_TIMES = ("created_at", "updated_at", "deleted_at")


def now() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return "".join(secrets.choice(_ID_ALPHABET) for _ in range(_ID_LENGTH))


def check_name(name: object) -> str:
    """A plan's (or scenario's) name, stripped; StoreError ``bad_name`` when it cannot be one."""
    if not isinstance(name, str) or not name.strip() or "\x00" in name or len(name.strip()) > MAX_NAME:
        raise StoreError("bad_name")
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        raise StoreError("bad_name") from None
    return name.strip()


def damaged_plan(row: Any) -> StoreDamaged:
    return StoreDamaged("damaged_plan", plan_id=clip(row.id, 40), name=clip(str(row.name), 80))


def plan_info(row: Any, listing: bool = False) -> PlanInfo:
    """The row as a PlanInfo; a damaged row raises StoreDamaged, or, in a ``listing``, is marked damaged."""
    times = {name: getattr(row, name) for name in PLAN_TIMES}
    damaged = [name for name, value in times.items() if isinstance(value, Damaged)]
    if damaged:
        if not listing:
            raise damaged_plan(row)
        times.update((name, UNKNOWN_TIME) for name in damaged)
    return PlanInfo(id=row.id, name=row.name, head=row.head, updated_by=row.updated_by, damaged=bool(damaged),
                    parent_id=row.parent_id, base_version=row.base_version, **times)


def time_of(value: Any) -> datetime:
    return UNKNOWN_TIME if isinstance(value, Damaged) else value


def plan_row(conn: Connection, plan_id: str, lock: bool = False, whole: bool = True) -> Any:
    """The plan's row (PlanNotFound if none); ``lock``: FOR UPDATE (PostgreSQL; SQLite holds the file lock).

    ``whole``: StoreDamaged when a timestamp of the row cannot be read.
    """
    row = None
    if isinstance(plan_id, str) and len(plan_id) <= 32:
        query = sa.select(PLANS).where(PLANS.c.id == plan_id)
        row = conn.execute(query.with_for_update() if lock else query).first()
    if row is None:
        raise PlanNotFound("not_found", plan_id=clip(plan_id, 40))
    if whole and any(isinstance(getattr(row, name), Damaged) for name in PLAN_TIMES):
        raise damaged_plan(row)
    return row
