"""The team's key figures: the numbers a meeting looks at first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from raci.analysis.rules import Finding, count_by_severity
from raci.analysis.workload import Workload
from raci.model import Plan


@dataclass(frozen=True)
class KeyFigures:
    """Counts, hours and shares of one plan (hours as the efforts are: per month)."""

    tasks: int
    roles: int
    total_effort: float
    unassigned_effort: float
    strategic_share: float
    busiest_role: str | None
    busiest_hours: float
    health_score: int
    errors: int
    warnings: int


def key_figures(plan: Plan, workload: Workload, findings: Sequence[Finding], score: int) -> KeyFigures:
    """The key figures of ``plan`` from its already computed workload and findings."""
    load = workload.load
    counts = count_by_severity(findings)
    classified = workload.by_nature[["strategic", "operational"]].to_numpy().sum()
    strategic = workload.by_nature["strategic"].to_numpy().sum()
    return KeyFigures(
        tasks=plan.n_tasks,
        roles=plan.n_roles,
        total_effort=workload.total_effort,
        unassigned_effort=workload.unassigned_effort,
        strategic_share=float(strategic / classified) if classified else 0.0,
        busiest_role=str(load.idxmax()) if len(load) and load.max() > 0 else None,
        busiest_hours=float(load.max()) if len(load) else 0.0,
        health_score=score,
        errors=counts["error"],
        warnings=counts["warning"],
    )
