"""What a file does not carry about the team is kept from the open plan.

A CSV file (and a workbook without a Roles sheet) names each role by its short
name only; read back, a role is :func:`raci.files.grid.default_role` of it. When
such a file replaces the open plan, each role it names that the open plan also
has keeps the open plan's full name, profile and capacity: a download edited in
Excel and uploaded again loses nothing of the team.
"""

from __future__ import annotations

from raci.files.grid import default_role
from raci.model import Plan


def keep_team(new: Plan, old: Plan) -> tuple[Plan, list[str]]:
    """``new`` with the roles it names only by short name taken from ``old``; and those roles' names.

    A role of ``new`` that says more than its short name (a JSON file, a workbook's
    Roles sheet) is the file's word and stays as it is.
    """
    known = {role.short: role for role in old.roles}
    kept = []
    roles = list(new.roles)
    for k, role in enumerate(roles):
        before = known.get(role.short)
        if before is not None and before != role and role == default_role(role.short):
            roles[k] = before
            kept.append(role.short)
    if not kept:
        return new, []
    return Plan.from_columns(new.tasks, roles, new.cells), kept
