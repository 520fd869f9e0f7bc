"""What the planner finds out about a plan: rules and findings, workload, key figures.

:func:`analyse` is the one wiring of these steps, used by the app, the report, the
workbook and the command line alike::

    result = analyse(plan, settings)
    result.findings, result.score, result.workload, result.figures

- :mod:`raci.analysis.settings`: the thresholds and weights a user may change;
- :mod:`raci.analysis.rules`: the rule catalogue and :func:`check`;
- :mod:`raci.analysis.workload`: hours per role by letter, nature and category;
- :mod:`raci.analysis.utilisation`: capacity and load / capacity per role and per person;
- :mod:`raci.analysis.advice`: staffing advice (FTE gap and profile to hire) per role over capacity;
- :mod:`raci.analysis.summary`: the key figures a meeting looks at first.
"""

from __future__ import annotations

from dataclasses import dataclass

from raci.analysis.rules import RULES, SEVERITIES, Finding, Rule, check, count_by_severity, health_score, severity_name
from raci.analysis.settings import DEFAULT_SETTINGS, Settings
from raci.analysis.summary import KeyFigures, key_figures
from raci.analysis.workload import Workload, workload
from raci.model import Plan


@dataclass(frozen=True)
class Analysis:
    """Everything the planner derives from one plan under one set of settings."""

    findings: list[Finding]
    score: int
    workload: Workload
    figures: KeyFigures

    @property
    def counts(self) -> dict[str, int]:
        """Findings per severity (every severity present, maybe 0)."""
        return {"error": self.figures.errors, "warning": self.figures.warnings,
                "info": len(self.findings) - self.figures.errors - self.figures.warnings}

    @property
    def has_errors(self) -> bool:
        """Whether any finding is of error severity."""
        return self.figures.errors > 0


def analyse(plan: Plan, settings: Settings = DEFAULT_SETTINGS) -> Analysis:
    """Check ``plan``, score it, weigh its workload and sum it up in key figures, once."""
    findings = check(plan, settings)
    score = health_score(findings, settings)
    load = workload(plan, settings)
    return Analysis(findings, score, load, key_figures(plan, load, findings, score))


__all__ = [
    "DEFAULT_SETTINGS", "RULES", "SEVERITIES", "Analysis", "Finding", "KeyFigures", "Rule", "Settings", "Workload",
    "analyse", "check", "count_by_severity", "health_score", "key_figures", "severity_name", "workload",
]
