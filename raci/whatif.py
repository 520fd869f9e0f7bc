"""What if...? One-step changes to try on a scenario, and what they do to the team.

A scenario (:mod:`raci.storage.scenarios`) is a copy of a plan edited apart. These are the
questions a planner asks of it, each one step that returns a new plan or refuses with a
:class:`WhatIfError` (a sentence in the reader's language, locale area ``whatif``):

* :func:`scale_effort`: "Black Friday: +50 % en Difusión de contenido" is a factor of 1.5 on
  that category's tasks (or on every task). A recurring task scales how many times it is done,
  so that its hours stay derived from its recurrence; the others scale their hours.
* :func:`mark_absent`: a person's hours go to 0 (holidays, sick leave), their shares stay.
* :func:`orphaned_tasks`: the tasks whose A is on a role left with no hours at all, and
  :func:`backup`: the balancer's moves (:func:`raci.analysis.balance.balance`) that give those
  tasks another owner.
* :func:`compare`: the key figures and the utilisation of every role and person, before and after.

Adding and removing a person are the plan's own operations (``Plan.add_person``, ``remove_person``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from raci import letters as L
from raci.analysis import analyse
from raci.analysis.balance import Move, Proposal, balance
from raci.analysis.settings import DEFAULT_SETTINGS, Settings
from raci.analysis.utilisation import capacities, utilisation
from raci.errors import PlanError
from raci.i18n import decimals, number, translate
from raci.limits import MAX_EFFORT_HOURS
from raci.model import Plan
from raci.recurrence import MAX_TIMES
from raci.team import Person

#: The largest factor an effort may be scaled by in one step (+900 %).
MAX_FACTOR = 10.0
#: Scaled hours are kept to the hundredth of an hour (no 2.2000000000000002 h in the history).
EFFORT_DIGITS = 2
#: How long the backup proposal may take (seconds): a screen waits for it.
BACKUP_TIME_LIMIT = 5.0


class WhatIfError(PlanError):
    """A what-if step that cannot be taken: a bad factor, an unknown category, hours beyond the limits."""

    AREA = "whatif"
    PREFIX = "error_"

    def message_params(self, lang: str) -> dict[str, object]:
        params = dict(self.params)
        for name in ("value", "limit"):  # figures in the reader's own digits ("1.500", "10,5")
            if isinstance(params.get(name), (int, float)) and not isinstance(params[name], bool):
                params[name] = number(params[name], lang, decimals(params[name]))
        if "per" in params:
            params["per"] = translate(f"whatif.period_{params['per']}", lang)
        return params


# ----- one-step changes ---------------------------------------------------------------------------------
def scale_effort(plan: Plan, factor: float, category: str | None = None) -> Plan:
    """Every task's effort (or only ``category``'s tasks') multiplied by ``factor`` (above 0, at most 10).

    A recurring task keeps its recurrence with ``times`` scaled (its hours follow, derived as always);
    a task of plain hours gets its hours scaled, to :data:`EFFORT_DIGITS` decimals. Refused: a factor
    out of range (``bad_factor``), a category no task has (``unknown_category``), a task that would
    pass :data:`raci.limits.MAX_EFFORT_HOURS` hours (``effort_too_large``) or
    :data:`raci.recurrence.MAX_TIMES` times per period (``times_too_large``).
    """
    if isinstance(factor, bool) or not isinstance(factor, (int, float)) or not math.isfinite(factor) \
            or not 0 < factor <= MAX_FACTOR:
        raise WhatIfError("bad_factor", value=factor, limit=MAX_FACTOR)
    factor = float(factor)
    if category is not None and category not in plan.categories:
        raise WhatIfError("unknown_category", category=category)
    chosen = np.ones(plan.n_tasks, dtype=bool) if category is None else np.array(plan.categories) == category
    recurrences = list(plan.recurrences)
    efforts = plan.efforts.copy()
    for i in np.flatnonzero(chosen):
        recurrence = recurrences[i]
        if recurrence is None:
            efforts[i] = round(float(efforts[i]) * factor, EFFORT_DIGITS)
            if efforts[i] > MAX_EFFORT_HOURS:
                raise WhatIfError("effort_too_large", task=plan.names[i], value=efforts[i], limit=MAX_EFFORT_HOURS)
            continue
        times = recurrence.times * factor
        if times > MAX_TIMES:
            raise WhatIfError("times_too_large", task=plan.names[i], value=times, per=recurrence.per, limit=MAX_TIMES)
        recurrences[i] = replace(recurrence, times=round(times, 4) or times)
    # One new plan from the changed columns (checked as arrays, recurring efforts derived again), not one
    # update_task per task: that copies the frame each time, quadratic on a plan of 100,000 tasks.
    tasks = plan.tasks.assign(effort=efforts)
    tasks["recurrence"] = recurrences
    return Plan.from_columns(tasks, plan.roles, plan.cells, plan.team)


def mark_absent(plan: Plan, person_name: str) -> Plan:
    """The plan with ``person_name``'s hours at 0 (their shares of each role stay, so they can come back).

    Refused: an unknown person (``unknown_person``), one already at 0 hours (``already_absent``).
    """
    person = plan.team.person(person_name)
    if person.hours == 0:
        raise WhatIfError("already_absent", name=person.name)
    return plan.update_person(person.name, Person(person.name, 0.0, dict(person.roles)))


def orphaned_tasks(plan: Plan) -> list[int]:
    """The tasks (positions) that lose their A: their A (A or A/R) is on a role with no hours at all now.

    A role has no hours when its people's hours in it add up to 0 (everyone in it absent, see
    :func:`raci.analysis.utilisation.capacities`); a role nobody staffs, with no capacity of its own,
    is not counted (its hours are not known, not nil).
    """
    capacity = capacities(plan)
    empty = [k for k, role in enumerate(plan.role_names) if capacity[role] is not None and capacity[role] <= 0]
    if not empty or not plan.n_tasks:
        return []
    owning = np.isin(plan.cells[:, empty], L.ACCOUNTABLE_CODES).any(axis=1)
    return [int(i) for i in np.flatnonzero(owning)]


@dataclass(frozen=True)
class Backup:
    """Who could take over the tasks that lost their A: ``tasks`` (positions), the balancer's whole
    ``proposal`` and its ``moves`` that touch those tasks (the ones :meth:`apply` makes)."""

    tasks: tuple[int, ...]
    proposal: Proposal
    moves: tuple[Move, ...]

    @property
    def task_ids(self) -> list[str]:
        return [m.task_id for m in self.moves]

    def apply(self, plan: Plan) -> Plan:
        """``plan`` with the backup's moves made (a task moved or renamed since is skipped)."""
        return self.proposal.apply(plan, self.task_ids)


def backup(plan: Plan, settings: Settings = DEFAULT_SETTINGS, any_role: bool = False,
           time_limit: float = BACKUP_TIME_LIMIT) -> Backup | None:
    """The balancer's backup for the tasks that lost their A (None when no task lost it).

    The balancer moves the doing and owning off a role with no hours first; ``any_role`` lets a
    task go to a role of another profile (a strategic role taking an operational task).
    """
    orphans = orphaned_tasks(plan)
    if not orphans:
        return None
    proposal = balance(plan, settings, any_role=any_role, time_limit=time_limit)
    ids = {plan.task_ids[i] for i in orphans}
    return Backup(tuple(orphans), proposal, tuple(m for m in proposal.moves if m.task_id in ids))


# ----- before and after -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class Figure:
    """One key figure before and after: ``key`` is 'health', 'hours', 'unassigned', 'people', 'capacity'
    or 'busiest' (the highest utilisation, None when no role has a capacity)."""

    key: str
    before: float | None
    after: float | None


@dataclass(frozen=True)
class UseChange:
    """One role's or person's load, capacity (hours) and utilisation before and after (None: not in that plan,
    or no capacity known)."""

    name: str
    load_before: float | None
    load_after: float | None
    capacity_before: float | None
    capacity_after: float | None

    @property
    def before(self) -> float | None:
        return _share(self.load_before, self.capacity_before)

    @property
    def after(self) -> float | None:
        return _share(self.load_after, self.capacity_after)


@dataclass(frozen=True)
class Comparison:
    """Two plans side by side: key figures, then utilisation per role and per person."""

    figures: tuple[Figure, ...]
    roles: tuple[UseChange, ...]
    people: tuple[UseChange, ...]

    def figure(self, key: str) -> Figure:
        return next(f for f in self.figures if f.key == key)


def compare(before: Plan, after: Plan, settings: Settings = DEFAULT_SETTINGS) -> Comparison:
    """What the change from ``before`` to ``after`` does to the key figures and to everyone's utilisation."""
    sides = []
    for plan in (before, after):
        result = analyse(plan, settings)
        use = utilisation(plan, result.workload.load)
        known = [r.utilisation for r in use.roles if r.utilisation is not None]
        capacity = sum(r.capacity for r in use.roles if r.capacity is not None)
        figures = {"health": result.score, "hours": result.figures.total_effort,
                   "unassigned": result.figures.unassigned_effort, "people": len(plan.people),
                   "capacity": capacity, "busiest": max(known) if known else None}
        sides.append((figures, use))
    (old, old_use), (new, new_use) = sides
    figures = tuple(Figure(key, old[key], new[key]) for key in old)
    roles = _use_changes([(r.role, r.load, r.capacity) for r in old_use.roles],
                         [(r.role, r.load, r.capacity) for r in new_use.roles])
    people = _use_changes([(p.name, p.load, p.hours) for p in old_use.people],
                          [(p.name, p.load, p.hours) for p in new_use.people])
    return Comparison(figures, roles, people)


def _use_changes(old: Sequence[tuple[str, float, float | None]],
                 new: Sequence[tuple[str, float, float | None]]) -> tuple[UseChange, ...]:
    """Rows matched by name, in the old order, then the new ones."""
    before = {name: (load, capacity) for name, load, capacity in old}
    after = {name: (load, capacity) for name, load, capacity in new}
    names = list(before) + [name for name in after if name not in before]
    rows = []
    for name in names:
        load_before, capacity_before = before.get(name, (None, None))
        load_after, capacity_after = after.get(name, (None, None))
        rows.append(UseChange(name, load_before, load_after, capacity_before, capacity_after))
    return tuple(rows)


def _share(load: float | None, capacity: float | None) -> float | None:
    if load is None or capacity is None:
        return None
    if capacity <= 0:
        return None if load <= 0 else math.inf
    return load / capacity
