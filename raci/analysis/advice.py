"""Staffing advice: for every role over its capacity, how many full-time people it lacks and
which profile the source document advises hiring.

* **The gap**: the role's hours over capacity / ``settings.full_time_hours``, rounded UP to
  the next half person (0.2 -> 0.5, 0.5 -> 0.5, 0.6 -> 1.0 FTE).
* **The profile**: where the role's load comes from, by the category of its tasks (the
  catalogue's categories, matched in either language: ``community``, ``content``,
  ``planning``, ``analysis``). Mostly community building and direct contact -> a Community
  Manager with interpersonal and relationship-building skills; mostly content distribution,
  brand promotion, strategy or data (content + planning + analysis) -> a Social Media
  Manager with social-media strategy and data-analysis experience. Each sentence quotes
  the document's "Consideraciones de contratación" (``hiring_es/en`` of the catalogue's
  roles). A role whose tasks carry none of those categories falls back on its profile
  (operational -> CM, strategic -> SMM), else on a sentence without a profile.
* A team within capacity gets no advice (an empty list); :func:`advice_summary` says so.

One pass over the roles plus the workload's category table: O(roles x categories).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from raci.analysis.settings import DEFAULT_SETTINGS, Settings
from raci.analysis.utilisation import Utilisation
from raci.analysis.workload import Workload, workload
from raci.catalogue import catalogue, find_category
from raci.i18n import hours, normalise_lang, number, percent, translate
from raci.model import Plan

COMMUNITY_CATEGORIES = frozenset({"community"})
STRATEGY_CATEGORIES = frozenset({"content", "planning", "analysis"})


@dataclass(frozen=True)
class Advice:
    """One role short of people: the gap in full-time equivalents and the sentence to read."""

    role: str
    fte_gap: float
    message: str
    profile: str | None = None  # 'CM', 'SMM', or None when the load does not say
    over_hours: float = 0.0

    def to_dict(self) -> dict[str, object]:
        return {"role": self.role, "fte_gap": self.fte_gap, "message": self.message}


def fte_gap(over_hours: float, full_time_hours: float) -> float:
    """Hours over capacity as full-time people, rounded up to the next 0.5 (0 for no hours over)."""
    if not over_hours > 0:
        return 0.0
    halves = over_hours / full_time_hours * 2
    return math.ceil(halves - 1e-9) / 2 or 0.5  # a sliver over still needs someone: half a person


def staffing_advice(
    plan: Plan,
    use: Utilisation,
    settings: Settings = DEFAULT_SETTINGS,
    lang: str = "en",
    *,
    load: Workload | None = None,
) -> list[Advice]:
    """One :class:`Advice` per role over its capacity, in role order (empty: within capacity).

    ``load`` is the plan's :func:`~raci.analysis.workload.workload` when the caller has it
    (else it is computed); ``use`` is :func:`~raci.analysis.utilisation.utilisation` of it.
    """
    lang = normalise_lang(lang)
    over = [r for r in use.roles if r.capacity is not None and r.utilisation is not None and r.utilisation > 1]
    if not over:
        return []
    load = load if load is not None else workload(plan, settings)
    by_category = load.by_category
    groups = [_group(str(name)) for name in by_category.columns]
    profiles = {role.short: role.profile for role in plan.roles}
    advice = []
    for role in over:
        community = strategy = 0.0
        if role.role in by_category.index:
            for group, value in zip(groups, by_category.loc[role.role].tolist(), strict=True):
                if group == "community":
                    community += value
                elif group == "strategy":
                    strategy += value
        profile = _profile(community, strategy, role.role, profiles.get(role.role, "other"))
        over_hours = role.load - role.capacity
        gap = fte_gap(over_hours, settings.full_time_hours)
        advice.append(Advice(role.role, gap, _message(role.role, gap, over_hours, community, strategy, profile,
                                                       role.load, lang), profile, over_hours))
    return advice


def advice_summary(advice: list[Advice], use: Utilisation, lang: str = "en") -> str:
    """One line for the top of the advice: how many people are missing, or that the team is within capacity."""
    if advice:
        total = sum(a.fte_gap for a in advice)
        key = "advice.summary_one" if len(advice) == 1 else "advice.summary_short"
        return translate(key, lang, count=len(advice), fte=number(total, lang, 1))
    return translate("advice.within_capacity" if use.known else "advice.no_capacity", lang)


def _group(category: str) -> str | None:
    found = find_category(category) if category else None
    if found is None:
        return None
    if found.id in COMMUNITY_CATEGORIES:
        return "community"
    return "strategy" if found.id in STRATEGY_CATEGORIES else None


def _profile(community: float, strategy: float, short: str, profile: str) -> str | None:
    if community > strategy:
        return "CM"
    if strategy > community:
        return "SMM"
    if community == strategy == 0:  # the load says nothing: the role's own profile, if any
        if short in ("CM", "SMM"):
            return short
        return {"operational": "CM", "strategic": "SMM"}.get(profile)
    return "SMM" if profile == "strategic" else "CM" if profile == "operational" else None


def _message(role: str, gap: float, over_hours: float, community: float, strategy: float,
             profile: str | None, load: float, lang: str) -> str:
    head = translate("advice.gap", lang, role=role, over=hours(over_hours, lang, 1), fte=number(gap, lang, 1))
    if profile is None:
        return f"{head} {translate('advice.hire_any', lang)}"
    part = community if profile == "CM" else strategy
    source = (translate(f"advice.source_{profile}", lang, share=percent(part / load, lang))
              if load > 0 and part > 0 else translate(f"advice.profile_{profile}", lang))
    quote = _hiring(profile, lang)
    return f"{head} {source} {translate(f'advice.hire_{profile}', lang, quote=quote)}"


def _hiring(profile: str, lang: str) -> str:
    for role in catalogue().roles:
        if role.short == profile:
            return str(role.text("hiring", lang))
    return ""
