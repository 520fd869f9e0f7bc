"""The seeded plan: the document's tasks, its two roles and their default letters."""

from __future__ import annotations

import pandas as pd

from raci.catalogue import catalogue, category_display_name, task_display_name
from raci.model import Plan, Role, Task
from raci.recurrence import Recurrence
from raci.team import Team


def seed_roles() -> list[Role]:
    """The document's two roles: SMM (strategic) and CM (operational)."""
    return [Role(r.short, r.name, r.profile) for r in catalogue().roles]


def seed_plan(lang: str = "es") -> Plan:
    """The document's tasks as a plan, written in ``lang`` ('es' or 'en')."""
    cat = catalogue()
    roles = seed_roles()
    tasks = [
        Task(t.name(lang), cat.category(t.category).name(lang), t.nature, t.effort_hours_estimate,
             Recurrence(**t.recurrence, estimate=True) if t.recurrence else None)
        for t in cat.tasks
    ]
    letters = [[t.letters.get(role.short, "") for role in roles] for t in cat.tasks]
    return Plan.create(tasks, roles, letters, Team(platforms=tuple(cat.source.get("platforms", ()))))


def in_language(plan: Plan, lang: str) -> Plan:
    """The same plan with the document's tasks and categories written in ``lang``.

    Other text is the user's own and stays as written; letters, efforts and
    roles are untouched. Used when a plan leaves the app (a download), so the
    file speaks the language the user is working in.
    """
    names = [task_display_name(name, lang) for name in plan.names]
    categories = [category_display_name(c, lang) for c in plan.categories]
    tasks = plan.tasks.assign(name=pd.Series(names, dtype=str), category=pd.Series(categories, dtype=str))
    return Plan.from_columns(tasks, plan.roles, plan.cells, plan.team)
