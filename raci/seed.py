"""The seeded plan: the document's tasks, its two roles and their default letters."""

from __future__ import annotations

from raci.catalogue import catalogue
from raci.model import Plan, Role, Task


def seed_roles() -> list[Role]:
    """The document's two roles: SMM (strategic) and CM (operational)."""
    return [Role(r.short, r.name, r.profile) for r in catalogue().roles]


def seed_plan(lang: str = "es") -> Plan:
    """The document's tasks as a plan, written in ``lang`` ('es' or 'en')."""
    cat = catalogue()
    roles = seed_roles()
    tasks = [
        Task(t.name(lang), cat.category(t.category).name(lang), t.nature, t.effort_hours_estimate)
        for t in cat.tasks
    ]
    letters = [[t.letters.get(role.short, "") for role in roles] for t in cat.tasks]
    return Plan.create(tasks, roles, letters)
