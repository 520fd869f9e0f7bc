"""``python -m raci team FILE``: capacity, load and utilisation per role and per person, and the
staffing advice. :func:`team_document` is the JSON form (also what the text output reads)."""

from __future__ import annotations

import math

from raci.analysis.advice import Advice, advice_summary, staffing_advice
from raci.analysis.settings import DEFAULT_SETTINGS, Settings
from raci.analysis.utilisation import Utilisation, utilisation
from raci.analysis.workload import Workload, workload
from raci.i18n import hours, percent, translate
from raci.model import Plan

_DIGITS = 2  # hours
_SHARE_DIGITS = 4  # utilisation fractions


def _hours(value: float | None) -> float | None:
    return None if value is None else round(float(value), _DIGITS)


def _fraction(value: float | None) -> float | None:
    """A utilisation for JSON: None where no capacity (or 0 h of it, where no fraction exists)."""
    return None if value is None or not math.isfinite(value) else round(float(value), _SHARE_DIGITS)


def analyse_team(plan: Plan, settings: Settings = DEFAULT_SETTINGS, lang: str = "en",
                 load: Workload | None = None) -> tuple[Workload, Utilisation, list[Advice]]:
    """The workload, utilisation and staffing advice of ``plan``, each computed once."""
    load = load if load is not None else workload(plan, settings)
    use = utilisation(plan, load.load.to_dict())
    return load, use, staffing_advice(plan, use, settings, lang, load=load)


def team_document(plan: Plan, settings: Settings = DEFAULT_SETTINGS, lang: str = "en",
                  analysed: tuple[Workload, Utilisation, list[Advice]] | None = None) -> dict[str, object]:
    """``{"roles": [...], "people": [...], "advice": [...]}``, JSON-ready (no NaN nor infinity)."""
    _, use, advice = analysed if analysed is not None else analyse_team(plan, settings, lang)
    return {
        "roles": [{"role": r.role, "capacity": _hours(r.capacity), "load": _hours(r.load),
                   "utilisation": _fraction(r.utilisation)} for r in use.roles],
        "people": [{"name": p.name, "hours": _hours(p.hours), "load": _hours(p.load),
                    "utilisation": _fraction(p.utilisation), "roles": dict(p.roles)} for p in use.people],
        "advice": [a.to_dict() for a in advice],
    }


def role_capacities(use: Utilisation) -> dict[str, dict[str, float | None]]:
    """Per role, the ``capacity`` and ``utilisation`` that ``workload --format json`` adds."""
    return {r.role: {"capacity": _hours(r.capacity), "utilisation": _fraction(r.utilisation)} for r in use.roles}


def team_lines(plan: Plan, settings: Settings, lang: str) -> list[str]:
    """The text output: a line per role, a line per person, then the advice."""
    _, use, advice = analyse_team(plan, settings, lang)
    lines = [translate("cli.team_roles", lang)]
    for r in use.roles:
        lines.append("  " + _use_line(r.role, r.load, r.capacity, r.utilisation, lang))
    if use.people:
        lines.append(translate("cli.team_people", lang))
        for p in use.people:
            shares = ", ".join(f"{role} {percent(share, lang)}" for role, share in p.roles.items())
            line = _use_line(p.name, p.load, p.hours, p.utilisation, lang)
            lines.append(f"  {line} [{shares or translate('cli.team_no_roles', lang)}]")
    lines.append(translate("cli.team_advice", lang))
    lines.append("  " + advice_summary(advice, use, lang))
    lines.extend(f"  - {a.message}" for a in advice)
    return lines


def _use_line(who: str, load: float, capacity: float | None, share: float | None, lang: str) -> str:
    if capacity is None:
        return translate("cli.team_use_unknown", lang, who=who, load=hours(load, lang, 1))
    used = percent(share, lang) if share is not None and math.isfinite(share) else "—"
    return translate("cli.team_use", lang, who=who, load=hours(load, lang, 1), capacity=hours(capacity, lang, 1),
                     share=used)
