"""Workload: how many hours each role carries, by letter, by nature and by category.

The formula, for a task of effort E hours (the task's ``effort`` column):

* **R** (Responsible): the task's whole effort is split equally among the roles
  that do it, those with R or A/R. With k of them each gets E / k, so a shared
  task is never counted twice: the R hours of all roles add up to the effort of
  the tasks that have someone Responsible (``assigned_effort``). A task with no
  R nor A/R has nobody doing it; its effort is ``unassigned_effort``.
* **A** (Accountable): each role with A or A/R adds ``accountable_fraction`` x E
  (default 10 %) for owning the outcome and signing it off.
* **C** (Consulted): each role with C adds ``consulted_fraction`` x E (default 5 %).
* **I** (Informed): each role with I adds ``informed_fraction`` x E (default 2 %).
* **A/R** counts twice on purpose: its share of the R hours plus the A fraction.

A role's load (``total``) is the sum of those four. The fractions are
:class:`raci.analysis.settings.Settings`, shown in the app. Hours are whatever unit the
efforts are in (the seeded catalogue estimates hours per month).

``by_nature`` splits each role's load by the nature of the tasks it comes from
(strategic, operational, or unclassified when the task's nature is not said);
``by_category`` by the task's category, in order of first appearance, with the
tasks that have no category under the column ``""``.

Everything is computed on the whole code matrix at once (no loop over tasks),
so 100,000 tasks x 50 roles take a fraction of a second.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from raci import letters as L
from raci.analysis.settings import DEFAULT_SETTINGS, Settings
from raci.model import Plan

LETTER_COLUMNS: tuple[str, ...] = ("R", "A", "C", "I")
NATURE_COLUMNS: tuple[str, ...] = ("strategic", "operational", "unclassified")


def letter_nature_hours(plan: Plan, settings: Settings = DEFAULT_SETTINGS) -> np.ndarray:
    """Hours per role, letter and nature: an array of shape (roles, 4 letters R A C I, 3 natures).

    The core of the formula, shared by :func:`workload` and the rules that look at
    load (overloaded-role, nature-mismatch).
    """
    cells = plan.cells
    n_tasks, n_roles = cells.shape
    hours = np.zeros((n_roles, len(LETTER_COLUMNS), len(NATURE_COLUMNS)))
    if n_tasks == 0 or n_roles == 0:
        return hours
    effort, _, share = _per_task(plan)
    # One row per nature holding each task's R share (or effort) where the task
    # has that nature and 0 elsewhere; times a letter's boolean matrix, it sums the
    # hours per nature and role. (numpy converts the booleans in small blocks,
    # far cheaper than a float copy of the whole matrix.)
    nature = _nature_codes(plan)
    tasks = np.arange(n_tasks)
    share_by_nature = np.zeros((len(NATURE_COLUMNS), n_tasks))
    share_by_nature[nature, tasks] = share
    effort_by_nature = np.zeros((len(NATURE_COLUMNS), n_tasks))
    effort_by_nature[nature, tasks] = effort
    responsible = (cells == L.R) | (cells == L.AR)
    accountable = (cells == L.A) | (cells == L.AR)
    hours[:, 0] = (share_by_nature @ responsible).T
    hours[:, 1] = settings.accountable_fraction * (effort_by_nature @ accountable).T
    hours[:, 2] = settings.consulted_fraction * (effort_by_nature @ (cells == L.C)).T
    hours[:, 3] = settings.informed_fraction * (effort_by_nature @ (cells == L.I)).T
    return hours


def classified_shares(by_nature: np.ndarray) -> np.ndarray:
    """Roles x (strategic, operational) hours -> fractions of each role's classified load.

    ``by_nature`` has the columns of NATURE_COLUMNS; unclassified hours are left out, and a
    role without classified load gets 0 and 0 (the nature-mismatch rule reads the same).
    """
    classified = by_nature[:, :2]
    total = classified.sum(axis=1, keepdims=True)
    return np.divide(classified, total, out=np.zeros_like(classified, dtype=np.float64), where=total > 0)


def _per_task(plan: Plan) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per task: its effort, the number of roles doing it (R or A/R), the hours each gets."""
    effort = plan.efforts
    cells = plan.cells
    doers = np.count_nonzero((cells == L.R) | (cells == L.AR), axis=1)
    share = np.divide(effort, doers, out=np.zeros_like(effort), where=doers > 0)
    return effort, doers, share


def _nature_codes(plan: Plan) -> np.ndarray:
    """Per task, its column in NATURE_COLUMNS: 0 strategic, 1 operational, 2 unclassified."""
    nature = np.array(plan.natures, dtype=object)
    codes = np.full(len(nature), 2, dtype=np.intp)
    codes[nature == "strategic"] = 0
    codes[nature == "operational"] = 1
    return codes


def cell_hours(plan: Plan, settings: Settings = DEFAULT_SETTINGS) -> np.ndarray:
    """Tasks x roles: the hours each cell gives its role (a role's load is its column's sum)."""
    effort, _, share = _per_task(plan)
    by_code = np.zeros((plan.n_tasks, len(L.LETTERS)))  # per task, the hours of each letter
    by_code[:, L.R] = share
    by_code[:, L.A] = settings.accountable_fraction * effort
    by_code[:, L.C] = settings.consulted_fraction * effort
    by_code[:, L.I] = settings.informed_fraction * effort
    by_code[:, L.AR] = share + by_code[:, L.A]
    return np.take_along_axis(by_code, plan.cells.astype(np.intp), axis=1)


def _by_category(plan: Plan, settings: Settings) -> pd.DataFrame:
    """Roles x categories (order of first appearance): the hours of each cell, summed."""
    index = pd.Index(plan.role_names, name="role")
    if plan.n_tasks == 0:
        return pd.DataFrame(index=index, dtype=np.float64)
    hours = cell_hours(plan, settings)
    # Group the rows by category: sort them (stably) and add each run up.
    codes, categories = pd.factorize(plan.column("category"), sort=False)
    order = np.argsort(codes, kind="stable")
    starts = np.flatnonzero(np.r_[True, np.diff(codes[order]) != 0])
    sums = np.add.reduceat(hours[order], starts, axis=0)  # (categories, roles)
    return pd.DataFrame(sums.T, index=index, columns=list(categories))


@dataclass(frozen=True, eq=False)
class Workload:
    """Hours per role, computed by :func:`workload`. Index of every frame: role short names."""

    #: Roles x R, A, C, I, total (hours). A/R adds to both R and A.
    by_letter: pd.DataFrame
    #: Roles x strategic, operational, unclassified (hours); rows sum to the role's total.
    by_nature: pd.DataFrame
    #: Roles x categories in order of first appearance ("" = no category); rows sum to the total.
    by_category: pd.DataFrame
    #: Sum of every task's effort (hours).
    total_effort: float
    #: Effort of the tasks with at least one Responsible role (R or A/R).
    assigned_effort: float
    #: Effort of the tasks nobody is Responsible for.
    unassigned_effort: float
    #: Sum of every role's load (hours): assigned effort plus the A, C and I fractions.
    total_load: float

    @property
    def load(self) -> pd.Series:
        """Each role's total load (hours)."""
        return self.by_letter["total"]

    def nature_share(self) -> pd.DataFrame:
        """Roles x strategic, operational: fractions of the role's classified load.

        Unclassified hours (tasks without a nature) are left out, as the
        nature-mismatch rule does; a role without classified load gets 0 and 0.
        """
        shares = classified_shares(self.by_nature.to_numpy())
        return pd.DataFrame(shares, index=self.by_nature.index, columns=["strategic", "operational"])

    def to_dict(self, digits: int | None = 2) -> dict[str, object]:
        """A JSON-ready summary: team totals and, per role, hours by letter and by nature.

        Hours are rounded to ``digits`` decimals (None keeps them exact).
        """

        def hours(value: float) -> float:
            return float(value) if digits is None else round(float(value), digits)

        roles = []
        for short in self.by_letter.index:
            letters = self.by_letter.loc[short]
            natures = self.by_nature.loc[short]
            roles.append(
                {
                    "role": short,
                    "total": hours(letters["total"]),
                    "by_letter": {c: hours(letters[c]) for c in LETTER_COLUMNS},
                    "by_nature": {c: hours(natures[c]) for c in NATURE_COLUMNS},
                }
            )
        return {
            "unit": "hours",
            "total_effort": hours(self.total_effort),
            "assigned_effort": hours(self.assigned_effort),
            "unassigned_effort": hours(self.unassigned_effort),
            "total_load": hours(self.total_load),
            "roles": roles,
        }


def workload(plan: Plan, settings: Settings = DEFAULT_SETTINGS) -> Workload:
    """Each role's hours on ``plan`` by letter, nature and category (see the module docstring)."""
    hours = letter_nature_hours(plan, settings)
    index = pd.Index(plan.role_names, name="role")
    by_letter = pd.DataFrame(hours.sum(axis=2), index=index, columns=list(LETTER_COLUMNS))
    by_letter["total"] = by_letter.sum(axis=1)
    by_nature = pd.DataFrame(hours.sum(axis=1), index=index, columns=list(NATURE_COLUMNS))
    effort, doers, _ = _per_task(plan)
    total_effort = float(effort.sum())
    assigned = float(effort[doers > 0].sum())
    return Workload(
        by_letter=by_letter,
        by_nature=by_nature,
        by_category=_by_category(plan, settings),
        total_effort=total_effort,
        assigned_effort=assigned,
        unassigned_effort=total_effort - assigned,
        total_load=float(hours.sum()),
    )
