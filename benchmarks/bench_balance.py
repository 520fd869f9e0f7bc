"""Speed of the balancer (issue 12): the proposal for plans of 22 x 2, 200 x 10 and 1,000 x 20.

    python -m benchmarks.bench_balance [--repeat 3] [--time-limit 10]

The generated plans carry realistic letters (benchmarks/generate.py) and a capacity per role of its
load today times 0.8 to 1.5, so some roles are over capacity and some have room; the seeded plan's CM
gets 90 h. Each size runs with the default target (nobody over 100 %) and with target 0 (as even as
possible). Targets (2-core machine, default target): 22 x 2 < 0.1 s, 200 x 10 < 1 s, 1,000 x 20
optimal or within 1 % in < 10 s.
"""

from __future__ import annotations

import argparse
from dataclasses import replace

import numpy as np

from benchmarks.bench_core import best_of
from benchmarks.generate import generated_plan
from raci.analysis.balance import balance
from raci.analysis.workload import workload
from raci.model import Plan
from raci.seed import seed_plan


def capacity_plan(n_tasks: int, n_roles: int, seed: int = 0) -> Plan:
    """A generated plan whose roles have capacities around their load (0.8 to 1.5 times it)."""
    plan = generated_plan(n_tasks, n_roles, seed)
    load = workload(plan).load
    rng = np.random.default_rng(seed + 1)
    roles = [replace(r, capacity=float(round(load[r.short] * rng.uniform(0.8, 1.5)))) for r in plan.roles]
    for role in roles:
        plan = plan.update_role(role.short, capacity=role.capacity)
    return plan


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--time-limit", type=float, default=10.0)
    args = parser.parse_args()
    plans = {"22 x 2 (seeded, CM 90 h)": seed_plan("es").update_role("CM", capacity=90.0),
             "200 x 10": capacity_plan(200, 10), "1000 x 20": capacity_plan(1000, 20)}
    print(f"{'plan':<26} {'target':>6} {'roles':>9} {'best s':>7} {'moves':>5} {'optimal':>7} {'gap':>7} "
          f"{'highest before':>14} {'after':>7}")
    for name, plan in plans.items():
        for target, any_role in ((1.0, False), (1.0, True), (0.0, False)):
            seconds, proposal = best_of(args.repeat, lambda plan=plan, target=target, any_role=any_role: balance(
                plan, target=target, any_role=any_role, time_limit=args.time_limit))
            print(f"{name:<26} {target:>6.0%} {'any' if any_role else 'by nature':>9} {seconds:>7.3f} "
                  f"{len(proposal.moves):>5} {proposal.optimal!s:>7} {proposal.gap:>7.2%} "
                  f"{proposal.before.max_utilisation:>14.1%} {proposal.after.max_utilisation:>7.1%}")


if __name__ == "__main__":
    main()
