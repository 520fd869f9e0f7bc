"""What changed between two plans: :func:`diff` and the :class:`PlanDiff` it returns.

Pure functions on :class:`raci.model.Plan`, no database. Tasks are matched by
their stable id (``plan.task_ids``: the catalogue id of a seeded task, else a
slug of its name), roles by their short name. A renamed task or role is
therefore one removed and one added.

A diff is cheap: it compares the tasks, roles and cells, in time linear in
the plans' size. The roles' hours before and after (``hours_before``,
``hours_after``, ``hours_changed``) run the workload of both plans, so they
are computed only when asked (the History page asks; an autosave, which only
needs the history line, never does).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from raci import letters as L
from raci.analysis.workload import workload
from raci.model import TASK_COLUMNS, Plan, Role

ROLE_FIELDS: tuple[str, ...] = ("name", "profile", "capacity")


@dataclass(frozen=True)
class TaskRef:
    """A task named in a diff: its stable id and its name."""

    task_id: str
    name: str


@dataclass(frozen=True)
class FieldChange:
    """One field of one task changed: name, category, nature or effort."""

    task_id: str
    task: str  # the task's (new) name
    field: str
    old: str | float
    new: str | float


@dataclass(frozen=True)
class LetterChange:
    """One cell changed: the letters are written forms ('' for none)."""

    task_id: str
    task: str
    role: str
    old: str
    new: str


@dataclass(frozen=True)
class RoleChange:
    """A role kept its short name but changed its full name, profile or capacity."""

    old: Role
    new: Role

    @property
    def role(self) -> str:
        """The role's short name."""
        return self.new.short

    @property
    def fields(self) -> tuple[str, ...]:
        """The role fields that differ, in :data:`ROLE_FIELDS` order."""
        return tuple(f for f in ROLE_FIELDS if getattr(self.old, f) != getattr(self.new, f))


def role_hours(plan: Plan | None) -> dict[str, float]:
    """Each role's load in hours (:func:`raci.analysis.workload.workload`), by short name; {} for no plan."""
    if plan is None:
        return {}
    return {short: float(hours) for short, hours in workload(plan).load.items()}


@dataclass(frozen=True)
class PlanDiff:
    """Everything that differs between two plans (see :func:`diff`).

    ``old`` and ``new`` are the two plans compared (kept, not copied, so that
    the hours can be computed when asked; they take no part in equality).
    """

    roles_added: tuple[Role, ...] = ()
    roles_removed: tuple[Role, ...] = ()
    roles_changed: tuple[RoleChange, ...] = ()
    tasks_added: tuple[TaskRef, ...] = ()
    tasks_removed: tuple[TaskRef, ...] = ()
    task_changes: tuple[FieldChange, ...] = ()
    letter_changes: tuple[LetterChange, ...] = ()
    tasks_reordered: bool = False
    roles_reordered: bool = False
    people_added: tuple[str, ...] = ()
    people_removed: tuple[str, ...] = ()
    people_changed: tuple[str, ...] = ()  # hours or shares
    platforms_changed: bool = False
    recurrences_changed: tuple[TaskRef, ...] = ()  # a task's recurrence set, changed or ended
    old: Plan | None = field(default=None, repr=False, compare=False)
    new: Plan | None = field(default=None, repr=False, compare=False)

    @property
    def is_empty(self) -> bool:
        """True when the plans hold the same tasks, roles, fields, letters and order."""
        return not (self.roles_added or self.roles_removed or self.roles_changed or self.tasks_added
                    or self.tasks_removed or self.task_changes or self.letter_changes
                    or self.tasks_reordered or self.roles_reordered or self.people_added or self.people_removed
                    or self.people_changed or self.platforms_changed or self.recurrences_changed)

    @cached_property
    def hours_before(self) -> dict[str, float]:
        """Each role's load (hours) in the old plan; computed on first use."""
        return role_hours(self.old)

    @cached_property
    def hours_after(self) -> dict[str, float]:
        """Each role's load (hours) in the new plan; computed on first use."""
        return role_hours(self.new)

    @property
    def hours_changed(self) -> dict[str, tuple[float, float]]:
        """Roles whose load changed: short name -> (before, after); 0 for a role added or removed."""
        before_all, after_all = self.hours_before, self.hours_after
        shorts = list(before_all) + [s for s in after_all if s not in before_all]
        changed = {}
        for short in shorts:
            before, after = before_all.get(short, 0.0), after_all.get(short, 0.0)
            if not np.isclose(before, after, rtol=0, atol=1e-9):
                changed[short] = (before, after)
        return changed


def positions(ids: Sequence[str]) -> dict[str, int]:
    """Each id's position in ``ids``."""
    return {key: i for i, key in enumerate(ids)}


def same_relative_order(first: Sequence[str], second: Sequence[str]) -> bool:
    """Do the ids both lists hold appear in the same order in both?"""
    common = set(first) & set(second)
    return [i for i in first if i in common] == [i for i in second if i in common]


def task_rows(plan: Plan) -> list[tuple[str, str, str, float]]:
    """Each task's fields (:data:`raci.model.TASK_COLUMNS`), in order, as plain Python values."""
    tasks = plan.tasks
    name, category, nature, effort = (tasks[column].tolist() for column in TASK_COLUMNS)
    return list(zip(name, category, nature, [float(e) for e in effort], strict=True))


def diff(old: Plan, new: Plan) -> PlanDiff:
    """What changed from ``old`` to ``new`` (tasks by id, roles by short name); the hours are left for later."""
    old_ids, new_ids = old.task_ids, new.task_ids
    old_at, new_at = positions(old_ids), positions(new_ids)
    old_roles = {r.short: r for r in old.roles}
    new_roles = {r.short: r for r in new.roles}

    roles_added = tuple(r for r in new.roles if r.short not in old_roles)
    roles_removed = tuple(r for r in old.roles if r.short not in new_roles)
    roles_changed = tuple(RoleChange(old_roles[r.short], r) for r in new.roles
                          if r.short in old_roles and old_roles[r.short] != r)
    new_names = new.tasks["name"].tolist()
    old_names = old.tasks["name"].tolist()
    tasks_added = tuple(TaskRef(t, new_names[i]) for i, t in enumerate(new_ids) if t not in old_at)
    tasks_removed = tuple(TaskRef(t, old_names[i]) for i, t in enumerate(old_ids) if t not in new_at)

    common_tasks = [t for t in new_ids if t in old_at]
    old_rows, new_rows = task_rows(old), task_rows(new)
    changes = []
    for task_id in common_tasks:
        before, after = old_rows[old_at[task_id]], new_rows[new_at[task_id]]
        for name, a, b in zip(TASK_COLUMNS, before, after, strict=True):
            if a != b:
                changes.append(FieldChange(task_id, after[0], name, a, b))

    common_roles = [r.short for r in new.roles if r.short in old_roles]
    letter_changes: list[LetterChange] = []
    if common_tasks and common_roles:
        rows_old = [old_at[t] for t in common_tasks]
        rows_new = [new_at[t] for t in common_tasks]
        cols_old = [old.role_index(s) for s in common_roles]
        cols_new = [new.role_index(s) for s in common_roles]
        before = old.cells[np.ix_(rows_old, cols_old)]
        after = new.cells[np.ix_(rows_new, cols_new)]
        for i, k in np.argwhere(before != after):
            letter_changes.append(LetterChange(common_tasks[i], new_names[rows_new[i]], common_roles[k],
                                               L.LETTERS[before[i, k]], L.LETTERS[after[i, k]]))

    old_people = {p.name: p for p in old.people}
    new_people = {p.name: p for p in new.people}
    old_recurrence, new_recurrence = old.recurrences, new.recurrences
    return PlanDiff(
        people_added=tuple(n for n in new_people if n not in old_people),
        people_removed=tuple(n for n in old_people if n not in new_people),
        people_changed=tuple(n for n, p in new_people.items() if n in old_people and old_people[n] != p),
        platforms_changed=old.platforms != new.platforms,
        recurrences_changed=tuple(TaskRef(t, new_names[new_at[t]]) for t in common_tasks
                                  if old_recurrence[old_at[t]] != new_recurrence[new_at[t]]),
        roles_added=roles_added,
        roles_removed=roles_removed,
        roles_changed=roles_changed,
        tasks_added=tasks_added,
        tasks_removed=tasks_removed,
        task_changes=tuple(changes),
        letter_changes=tuple(letter_changes),
        tasks_reordered=not same_relative_order(old_ids, new_ids),
        roles_reordered=not same_relative_order(old.role_names, new.role_names),
        old=old,
        new=new,
    )


def __getattr__(name: str) -> object:
    """``from raci.history.diff import describe, rebase`` still works (ui/persistence.py until it moves)."""
    moved = {"describe": "raci.history.describe", "rebase": "raci.history.rebase", "Conflict": "raci.history.rebase"}
    if name in moved:
        import importlib  # a function of the package shadows each submodule's name: ask for the module itself

        return getattr(importlib.import_module(moved[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
