"""How long the planner waits on a database that fails: a locked SQLite file, a silent PostgreSQL.

    python -m benchmarks.bench_faults [--clicks 3]

Uses ``$RACI_DB_TIMEOUT`` and ``$RACI_DB_RETRY_AFTER`` as the app does (defaults 3 s
and 30 s). Prints, in seconds:

* SQLite, the file locked by another process (``BEGIN EXCLUSIVE``): the first save
  (what the click that meets the lock costs), then each later page run's store
  call (the retry of the unsaved edit; ``PlanSession.save``, as ``ui.session.sync``
  does it), while the circuit breaker is open.
* PostgreSQL that accepts connections and never answers (a socket on loopback):
  a click (``PlanSession.save`` on a store that cannot be opened, as in the app
  when the database was down from the start), first and then while the breaker is open.

Only ``Store(url)`` and ``PlanSession`` are used, so the script also measures an
older planner (before the breaker) when run from its checkout.

Measured on the 2-core machine (2026-12-02), defaults: before (commit ac27500, 10 s busy
timeout x 5 attempts, 5 s connect timeout, no breaker) a save on the locked file took 51.2 s
and so did every later page run (51.6 s), each click against the silent PostgreSQL 5.0 s;
after, the save 3.03 s then 0.001-0.002 s per page run, the first click 3.00 s then 0.001-0.002 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from raci.seed import seed_plan
from raci.storage import Store, StoreError
from raci.storage.session import PlanSession
from tests.store.fakes import locked_by_another_process, silent_postgres


def seconds(step) -> float:  # noqa: ANN001
    start = time.perf_counter()
    try:
        step()
    except StoreError:
        pass
    return time.perf_counter() - start


def locked_sqlite(clicks: int) -> list[tuple[str, float]]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        store = Store(f"sqlite:///{path}")
        session = PlanSession(store)
        session.open_initial(None, seed_plan("en"), "Bench")
        edits = [seed_plan("en").set_letter(k, "CM", "I") for k in range(clicks + 1)]
        figures = []
        with locked_by_another_process(path):
            figures.append(("save, file locked", seconds(lambda: session.save(edits[0]))))
            for k in range(clicks):
                figures.append((f"later page run {k + 1}", seconds(lambda k=k: session.save(edits[k + 1]))))
        store.close()
        return figures


def silent_postgresql(clicks: int) -> list[tuple[str, float]]:
    with silent_postgres() as url:
        session = PlanSession(lambda: Store(url))  # the app opens the store on every call until it opens
        figures = [("click, first", seconds(lambda: session.save(seed_plan("en"))))]
        for k in range(clicks):
            figures.append((f"click {k + 2}", seconds(lambda: session.save(seed_plan("en")))))
        return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clicks", type=int, default=3, help="later runs to time after the first")
    args = parser.parse_args()
    for title, run in (("SQLite locked by another process", locked_sqlite),
                       ("PostgreSQL that accepts connections and never answers", silent_postgresql)):
        print(title)
        for step, elapsed in run(args.clicks):
            print(f"  {step:<24}{elapsed:>8.3f} s")


if __name__ == "__main__":
    main()
