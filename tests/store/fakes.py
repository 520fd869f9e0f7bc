"""Databases that hang, for the fail-fast tests and benchmarks: a locked SQLite file, a silent PostgreSQL."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
if sys.argv[2] == "exclusive-mode":  # nobody else may even read the file
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
if sys.argv[2] == "exclusive-mode":
    conn.execute("CREATE TABLE IF NOT EXISTS _locker (x)")  # a write takes the lock for good in that mode
print("locked", flush=True)
sys.stdin.read()  # hold the lock until the test closes our stdin
conn.execute("ROLLBACK")
"""


@contextmanager
def locked_by_another_process(path: Path, mode: str = "write") -> Iterator[subprocess.Popen]:
    """Another process holds BEGIN EXCLUSIVE on the SQLite file at ``path`` until the block ends.

    ``mode="write"``: writers wait (readers still read: WAL). ``"exclusive-mode"``: the
    other process also set ``locking_mode = EXCLUSIVE``, so that even reads wait.
    """
    locker = subprocess.Popen([sys.executable, "-c", _LOCKER, str(path), mode], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert locker.stdout.readline().strip() == "locked"
        yield locker
    finally:
        locker.stdin.close()  # it rolls back and exits
        try:
            locker.wait(timeout=10)
        except subprocess.TimeoutExpired:  # pragma: no cover - only if it hangs
            locker.kill()
            locker.wait()


@contextmanager
def silent_postgres() -> Iterator[str]:
    """A TCP server on loopback that accepts connections and never answers; yields a PostgreSQL URL to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    server.settimeout(0.05)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            accepted.append(conn)  # kept open, never read, never answered

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"postgresql+psycopg://raci:secret-pw@127.0.0.1:{server.getsockname()[1]}/raci"
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in accepted:
            conn.close()
        server.close()
