"""What a file does not carry about the team is kept from the open plan.

A CSV file (and a workbook without its Roles and Team sheets) names each role by
its short name only; read back, a role is :func:`raci.files.grid.default_role` of
it, and the plan has no people, no platforms and no recurring efforts. When such a
file replaces the open plan, a download edited in Excel and uploaded again loses
nothing of the team:

* each role it names that the open plan also has keeps the open plan's full name,
  profile and capacity;
* the open plan's people and platforms stay, each person's shares kept for the roles
  the file still has;
* a task the file names (same name, accents and case aside) whose hours the file left
  as they were keeps its recurrence; hours changed in the file are the file's word.
"""

from __future__ import annotations

from typing import NamedTuple

from raci.files.grid import default_role
from raci.model import Plan
from raci.team import Person, Team
from raci.text import fold


class Kept(NamedTuple):
    """The plan to open, and what it took from the open plan."""

    plan: Plan
    roles: list[str]  # the roles whose full name, profile and capacity were kept
    people: int  # people kept
    recurrences: int  # tasks whose recurrence was kept


def keep_team(new: Plan, old: Plan) -> Kept:
    """``new`` with what it does not say about the team taken from ``old``.

    A role of ``new`` that says more than its short name (a JSON file, a workbook's
    Roles sheet) is the file's word and stays as it is; so are a file's own people,
    platforms and recurrences, when it has any.
    """
    known = {role.short: role for role in old.roles}
    kept = []
    roles = list(new.roles)
    for k, role in enumerate(roles):
        before = known.get(role.short)
        if before is not None and before != role and role == default_role(role.short):
            roles[k] = before
            kept.append(role.short)
    says_team = new.team != Team() or any(r is not None for r in new.recurrences)
    team, tasks, people, recurrences = new.team, new.tasks, 0, 0
    if not says_team and (old.people or old.platforms or any(r is not None for r in old.recurrences)):
        names = set(new.role_names)
        team = Team(tuple(Person(p.name, p.hours, {r: s for r, s in p.roles.items() if r in names})
                          for p in old.people), old.platforms)
        people = len(team.people)
        before = {fold(name): (effort, recurrence) for name, effort, recurrence
                  in zip(old.names, old.efforts, old.recurrences, strict=True) if recurrence is not None}
        found = [before.get(fold(name)) for name in new.names]
        kept_recurrence = [said[1] if said is not None and abs(said[0] - effort) < 0.05 else None
                           for said, effort in zip(found, new.efforts, strict=True)]
        recurrences = sum(r is not None for r in kept_recurrence)
        tasks = tasks.assign(recurrence=kept_recurrence)
    if not kept and not people and not recurrences and team == new.team:
        return Kept(new, [], 0, 0)
    return Kept(Plan.from_columns(tasks, roles, new.cells, team), kept, people, recurrences)
