"""A circuit breaker: remember that the database timed out, and fail at once for a while.

Without it, a database that hangs (an SQLite file locked by another program, a
PostgreSQL server that accepts connections and never answers) costs the whole
timeout on every page run. After a failure that cost a wait, :class:`CircuitBreaker`
is *open* for ``retry_after`` seconds: :meth:`~CircuitBreaker.check` raises the
remembered :class:`StoreUnavailable` at once. Then one caller is let through to
try again (the others keep failing at once until it reports); a success closes
the breaker, a failure opens it for another ``retry_after``.

There is one breaker per database URL and process (:func:`breaker_for`), shared
by every Store and session on that database. It is thread-safe: the Streamlit
server runs sessions on several threads.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from raci.storage.errors import StoreUnavailable

#: The StoreUnavailable keys that mean "waited and got nothing": the ones worth remembering.
#: Other faults (a bad URL, a full disk, a read-only file) fail at once anyway.
TRIPPING = frozenset({"locked", "unreachable", "timeout"})


class CircuitBreaker:
    """Open for ``retry_after`` seconds after a failure (see the module docstring); ``clock`` for tests."""

    def __init__(self, retry_after: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.retry_after = retry_after
        self._clock = clock
        self._lock = threading.Lock()
        self._error: StoreUnavailable | None = None
        self._until = 0.0

    @property
    def is_open(self) -> bool:
        """True while operations fail at once."""
        with self._lock:
            return self._error is not None and self._clock() < self._until

    def check(self) -> None:
        """Raise the remembered StoreUnavailable while open; else return (this caller may use the database).

        When the wait is over, the first caller goes through to try again and the
        breaker stays open for the others until that caller reports.
        """
        with self._lock:
            error = self._error
            if error is None:
                return
            now = self._clock()
            if now >= self._until:  # this caller is the trial; the others wait for its outcome, failing at once
                self._until = now + self.retry_after
                return
            left = self._until - now
        raise StoreUnavailable(error.key, detail=f"not tried again for {left:.0f} s after: {error.detail}",
                               **error.params)

    def failure(self, error: StoreUnavailable) -> None:
        """An operation failed: open the breaker when the failure is one that cost a wait."""
        if error.key not in TRIPPING or self.retry_after <= 0:
            return
        with self._lock:
            self._error = error
            self._until = self._clock() + self.retry_after

    def success(self) -> None:
        """An operation reached the database: close the breaker."""
        if self._error is None:  # the common case, without taking the lock
            return
        with self._lock:
            self._error = None
            self._until = 0.0


_BREAKERS: dict[str, CircuitBreaker] = {}
_REGISTRY_LOCK = threading.Lock()


def breaker_for(url: str, retry_after: float) -> CircuitBreaker:
    """The process's breaker for the database at ``url`` (made on first use; ``retry_after`` updated)."""
    with _REGISTRY_LOCK:
        breaker = _BREAKERS.get(url)
        if breaker is None:
            breaker = _BREAKERS[url] = CircuitBreaker(retry_after)
        breaker.retry_after = retry_after
        return breaker


def reset() -> None:
    """Forget every failure remembered (tests, and a program that changed its database)."""
    with _REGISTRY_LOCK:
        _BREAKERS.clear()
