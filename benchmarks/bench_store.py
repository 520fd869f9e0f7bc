"""Speed of the plan store: open, save one edit, list the history; 1 version and 1,000 versions.

    python -m benchmarks.bench_store [--tasks 1000] [--roles 20] [--repeat 9] [--versions 1000] [--db URL]

Runs on a temporary SQLite file unless ``--db`` names a database (its own
plan is removed at the end). Prints the median of ``--repeat`` runs of each step.

* open (cold): ``Store.open_plan`` with nothing in memory: read, decompress, decode.
* open (warm): the same version was already decoded by this process.
* save one edit: ``Store.save`` of the plan with one letter changed, its
  description computed (diff + describe), optimistic check, one version written.
* history: ``Store.history`` of every version (numbers, dates, authors, descriptions).

The second round pads the plan's history to ``--versions`` by inserting
version rows directly (alternating two real contents): how the history grew
does not matter for the lookups measured. Target (issue "Plans that last"):
every step under 100 ms on the 2-core machine, with 1 version as with 1,000.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa

from benchmarks.generate import generated_plan
from raci.model import Plan
from raci.storage import Store
from raci.storage.content import encode
from raci.storage.schema import PLANS, VERSIONS


def median_ms(repeat: int, step) -> float:  # noqa: ANN001
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def edited(plan: Plan, k: int) -> Plan:
    """The plan with one cell changed (a different cell each time)."""
    i, role = k % plan.n_tasks, plan.role_names[k % plan.n_roles]
    current = plan.letter(i, role)
    return plan.set_letter(i, role, "C" if current != "C" else "I")


def measure(store: Store, plan_id: str, repeat: int) -> dict[str, float]:
    def cold_open() -> None:
        store.clear_cache()
        store.open_plan(plan_id)

    counter = iter(range(10**9))

    def save_one_edit() -> None:
        plan, info = store.open_plan(plan_id)
        new = edited(plan, next(counter))
        start = time.perf_counter()
        store.save(plan_id, new, info.head, author="bench")
        save_times.append(time.perf_counter() - start)

    save_times: list[float] = []
    figures = {
        "versions": len(store.history(plan_id)),
        "open (cold)": median_ms(repeat, cold_open),
        "open (warm)": median_ms(repeat, lambda: store.open_plan(plan_id)),
        "history": median_ms(repeat, lambda: store.history(plan_id)),
    }
    for _ in range(repeat):  # last: each save adds a version
        save_one_edit()
    figures["save one edit"] = statistics.median(save_times) * 1000
    return figures


def pad_history(store: Store, plan_id: str, versions: int) -> None:
    """Insert version rows up to ``versions`` (two real contents, alternating), then move the head there."""
    plan, info = store.open_plan(plan_id)
    contents = [encode(edited(plan, 10_000 + k)) for k in range(2)]  # (content, digest) as the store writes them
    now = datetime.now(UTC)
    rows = [{"plan_id": plan_id, "number": n, "created_at": now, "author": "bench", "description": f"padding {n}",
             "content": contents[n % 2][0], "digest": contents[n % 2][1]}
            for n in range(info.head + 1, versions + 1)]
    engine = store._engine  # noqa: SLF001 - a benchmark may reach inside
    with engine.connect() as conn, conn.begin():
        for start in range(0, len(rows), 200):
            conn.execute(sa.insert(VERSIONS), rows[start:start + 200])
        conn.execute(sa.update(PLANS).where(PLANS.c.id == plan_id).values(head=versions))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=1000)
    parser.add_argument("--roles", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--versions", type=int, default=1000)
    parser.add_argument("--db", default=None, help="a database URL (default: a temporary SQLite file)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        url = args.db or f"sqlite:///{Path(folder) / 'bench.db'}"
        store = Store(url)
        plan = generated_plan(args.tasks, args.roles)
        info = store.create_plan("Benchmark", plan, author="bench")
        print(f"{store.backend}: plan of {plan.n_tasks:,} tasks x {plan.n_roles} roles, "
              f"median of {args.repeat} runs (ms)")
        try:
            first = measure(store, info.id, args.repeat)
            pad_history(store, info.id, args.versions)
            second = measure(store, info.id, args.repeat)
            print(f"{'step':<16}{'1 version':>12}{f'{args.versions:,} versions':>16}")
            for step in ("open (cold)", "open (warm)", "history", "save one edit"):
                print(f"{step:<16}{first[step]:>12.1f}{second[step]:>16.1f}")
        finally:
            with store._engine.connect() as conn, conn.begin():  # noqa: SLF001 - remove the benchmark's plan
                conn.execute(sa.delete(VERSIONS).where(VERSIONS.c.plan_id == info.id))
                conn.execute(sa.delete(PLANS).where(PLANS.c.id == info.id))
            store.close()


if __name__ == "__main__":
    main()
