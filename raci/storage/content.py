"""A version's content: the plan as compact JSON, compressed, and the decoded plans kept in memory.

:func:`encode` gives the bytes the ``versions.content`` column keeps and the
SHA-256 of the JSON (``versions.digest``: an unchanged plan is noticed without
reading the previous content). :data:`CACHE` keeps decoded plans by that
digest, shared by every Store of the process: keyed by content, it is never
stale, whatever database a plan came from.
"""

from __future__ import annotations

import hashlib
import threading
import zlib
from collections import OrderedDict
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from raci.files.csv import PlanFileError
from raci.files.json import read_json, write_json
from raci.model import Plan
from raci.storage.errors import StoreDamaged
from raci.storage.schema import VERSIONS

_COMPRESSION = 6
_CACHE_ENTRIES = 32  # decoded plans kept in memory, keyed by the digest of their content...
_CACHE_CELLS = 4_000_000  # ...up to this many matrix cells in all (a 1,000 x 20 plan has 20,000)


def encode(plan: Plan) -> tuple[bytes, str]:
    """(zlib-compressed JSON, SHA-256 of the JSON) of a plan."""
    if not isinstance(plan, Plan):
        raise TypeError("the store saves raci.model.Plan objects")
    raw = write_json(plan, compact=True)  # ~5x faster than the indented form people read
    return zlib.compress(raw, _COMPRESSION), hashlib.sha256(raw).hexdigest()


def decode(content: bytes, plan_id: str, number: int) -> Plan:
    """The plan a version's content holds; StoreDamaged ``damaged`` when it cannot be read
    (not zlib, not JSON, a bad or newer structure version)."""
    try:
        return read_json(zlib.decompress(content), max_bytes=None)
    except (zlib.error, PlanFileError, TypeError, ValueError, RecursionError, MemoryError):
        raise StoreDamaged("damaged", plan_id=plan_id, number=number) from None


class PlanCache:
    """Decoded plans by the SHA-256 of their JSON, bounded in entries and in cells; thread-safe.

    It spares decoding a version that another session (or another Store on
    the same database) already decoded.
    """

    def __init__(self, entries: int, cells: int) -> None:
        self._plans: OrderedDict[str, Plan] = OrderedDict()
        self._lock = threading.Lock()
        self._entries, self._cells, self._size = entries, cells, 0

    def get(self, digest: str | None) -> Plan | None:
        """The plan with this digest, if it is in memory."""
        if digest is None:
            return None
        with self._lock:
            plan = self._plans.get(digest)
            if plan is not None:
                self._plans.move_to_end(digest)
            return plan

    def put(self, digest: str, plan: Plan) -> None:
        """Keep a plan (the least recently used ones go when the bounds are passed)."""
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
        """Forget every plan."""
        with self._lock:
            self._plans.clear()
            self._size = 0


CACHE = PlanCache(_CACHE_ENTRIES, _CACHE_CELLS)


class Refetch(Exception):
    """A plan left the in-memory cache between a fetch and its use: read it again."""


def fetch_version(conn: Connection, plan_id: str, number: int, *columns: sa.Column, required: bool = True) -> Any:
    """Version ``number``'s digest, the given columns, and its content unless that plan is in memory.

    A version that should be there (``required``) and is not means a damaged database.
    """
    where = (VERSIONS.c.plan_id == plan_id, VERSIONS.c.number == number)
    row = conn.execute(sa.select(VERSIONS.c.number, VERSIONS.c.digest, *columns).where(*where)).first()
    if row is None:
        if required:
            raise StoreDamaged("damaged", plan_id=plan_id, number=number)
        return None
    content = None
    if CACHE.get(row.digest) is None:
        content = conn.execute(sa.select(VERSIONS.c.content).where(*where)).scalar()
    return row, content


def plan_of(plan_id: str, fetched: Any) -> Plan:
    """The plan of a fetched version: from memory, else decoded (and kept)."""
    row, content = fetched
    plan = CACHE.get(row.digest)
    if plan is None:
        if content is None:  # it left the memory since the fetch: very rare
            raise Refetch
        plan = decode(content, plan_id, row.number)
        CACHE.put(row.digest, plan)
    return plan
