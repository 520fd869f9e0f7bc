"""Speed and memory of the planner core on a large generated plan.

    python -m benchmarks.bench_core [--tasks 100000] [--roles 50] [--repeat 3]

Prints the best of ``--repeat`` runs of each step and the process's peak memory.
Targets (issue 2, on the 2-core machine): check + workload < 1 s, CSV import +
export < 3 s, peak memory < 1 GiB.
"""

from __future__ import annotations

import argparse
import resource
import time

from benchmarks.generate import generated_plan
from raci.analysis.rules import check
from raci.analysis.workload import workload
from raci.files.csv import read_csv, write_csv


def best_of(repeat: int, step):  # noqa: ANN001
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--roles", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    plan = generated_plan(args.tasks, args.roles)
    print(f"plan: {plan.n_tasks:,} tasks x {plan.n_roles} roles = {plan.cells.size:,} cells")
    t_check, findings = best_of(args.repeat, lambda: check(plan))
    t_load, _ = best_of(args.repeat, lambda: workload(plan))
    t_write, data = best_of(args.repeat, lambda: write_csv(plan))
    t_read, back = best_of(args.repeat, lambda: read_csv(data, max_bytes=None))
    # A CSV carries role short names only, so compare what it carries.
    assert back.tasks.equals(plan.tasks) and (back.cells == plan.cells).all() and back.role_names == plan.role_names
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"check:            {t_check * 1000:8.0f} ms  ({len(findings):,} findings)")
    print(f"workload:         {t_load * 1000:8.0f} ms")
    print(f"check + workload: {(t_check + t_load) * 1000:8.0f} ms   (target < 1000 ms)")
    print(f"CSV export:       {t_write * 1000:8.0f} ms  ({len(data) / 2**20:.1f} MiB)")
    print(f"CSV import:       {t_read * 1000:8.0f} ms")
    print(f"import + export:  {(t_read + t_write) * 1000:8.0f} ms   (target < 3000 ms)")
    print(f"peak memory:      {peak_mib:8.0f} MiB  (target < 1024 MiB)")


if __name__ == "__main__":
    main()
