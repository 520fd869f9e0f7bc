"""Speed of the team view on a large generated plan: workload + utilisation + staffing advice +
the team document (``python -m raci team --format json``), and the rules with people.

    python -m benchmarks.bench_team [--tasks 100000] [--roles 50] [--people 200] [--repeat 3]

Each person holds one to three roles at random shares (some overbooked), so that every
branch runs: roles over capacity (advice), under-used roles and people. Target (issue 11,
2-core machine): workload + utilisation + advice + document < 1 s.
"""

from __future__ import annotations

import argparse
import json

import numpy as np

from benchmarks.bench_core import best_of
from benchmarks.generate import generated_plan
from raci.analysis.rules import check
from raci.analysis.settings import Settings
from raci.cli.team import analyse_team, team_document
from raci.model import Plan
from raci.team import Person, Team


def staffed_plan(n_tasks: int, n_roles: int, n_people: int, seed: int = 0) -> Plan:
    plan = generated_plan(n_tasks, n_roles, seed)
    rng = np.random.default_rng(seed + 1)
    shorts = plan.role_names
    people = []
    for i in range(n_people):
        held = rng.choice(len(shorts), size=int(rng.integers(1, 4)), replace=False)
        shares = {shorts[k]: float(rng.choice([0.25, 0.5, 0.75, 1.0])) for k in held}
        people.append(Person(f"Persona {i}", float(rng.integers(40, 161)), shares))
    return plan.with_team(Team(tuple(people), plan.platforms))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--roles", type=int, default=50)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    plan = staffed_plan(args.tasks, args.roles, args.people)
    settings = Settings()
    print(f"plan: {plan.n_tasks:,} tasks x {plan.n_roles} roles x {len(plan.people)} people")

    def team_view() -> tuple[dict, list]:
        analysed = analyse_team(plan, settings, "es")
        return team_document(plan, settings, "es", analysed), analysed[2]

    t_team, (document, advice) = best_of(args.repeat, team_view)
    text = json.dumps(document, ensure_ascii=False, allow_nan=False)
    t_check, findings = best_of(args.repeat, lambda: check(plan, settings))
    people_findings = sum(1 for f in findings if f.person is not None)
    print(f"workload + utilisation + advice + document: {t_team * 1000:6.0f} ms   (target < 1000 ms)")
    print(f"  {len(advice)} advice, document {len(text) / 1024:.0f} KiB")
    print(f"check (with people):                        {t_check * 1000:6.0f} ms  "
          f"({len(findings):,} findings, {people_findings} on people)")


if __name__ == "__main__":
    main()
