"""The balancer's mixed-integer programme: every owner a task may get, as 0/1 choices, solved by HiGHS.

For each task that may move, one binary variable per *choice*: keep the task as it is, give it
to one role (A/R), or share it between two roles (both R, the first the A). Exactly one choice
per task. A role's load is linear in the choices (the formula of :mod:`raci.analysis.workload`),
so "nobody above utilisation z" is one row per role: ``(constant_k + sum a_ko x_o) / capacity_k <= z``.

Solved lexicographically, one ``scipy.optimize.milp`` call per stage, each stage's optimum a
constraint of the next:

0. only when some role has no hours at all (everyone in it absent): the fewest hours of doing
   and owning (R and A) left on such roles;
1. the lowest highest utilisation ``z`` among the roles that have hours;
2. the fewest moves (choices other than "keep") at that ``z``.

Columns hold at most two non-zeros in the load rows (the roles of the choice) except "keep",
whose column is the task's own row: the cost of building the programme is linear in the number of
choices, which :data:`MAX_CHOICES` bounds before anything is built.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from raci import letters as L

if TYPE_CHECKING:
    from scipy.sparse import csr_array

#: Most 0/1 choices one programme may hold; above it sharing is left out, then the plan is refused.
MAX_CHOICES = 400_000
#: Utilisation ties closer than this (relative) count as equal when the moves are minimised.
TIE = 1e-7


@dataclass(frozen=True)
class Fractions:
    """The workload fractions the load formula uses (Settings' accountable/consulted/informed)."""

    accountable: float
    consulted: float
    informed: float


@dataclass(frozen=True)
class Choices:
    """Every choice of every movable task: ``task[o]``, ``first[o]`` (the A, -1 for keep), ``second[o]`` (-1)."""

    task: np.ndarray
    first: np.ndarray
    second: np.ndarray

    @property
    def size(self) -> int:
        return len(self.task)

    @property
    def moves(self) -> np.ndarray:
        return self.first >= 0


@dataclass(frozen=True)
class Solution:
    """One choice per movable task (an index into Choices), and how sure the solver is of it."""

    chosen: np.ndarray
    optimal: bool
    gap: float


def count_choices(allowed: np.ndarray, doers: np.ndarray, sharing: bool) -> int:
    """How many choices ``allowed`` (movable tasks x roles) gives, without building them."""
    m = allowed.sum(axis=1).astype(np.int64)
    outside = m - (allowed & doers).sum(axis=1)  # allowed roles not doing the task now
    pairs = m * (m - 1) - outside * (outside - 1)
    return int(len(m) + m.sum() + pairs.sum() * sharing)


def build_choices(allowed: np.ndarray, doers: np.ndarray, sharing: bool, same: np.ndarray) -> Choices:
    """The choices of each movable task: keep; each allowed role alone; shared by two allowed roles, one of
    them a role doing it now (either may be the A): "share it with the SMM".

    ``doers`` (movable tasks x roles) marks who does each task now (R or A/R); ``same[t]`` (tasks x 2,
    -1 where none) is the choice the task's row already is (its A and its other doer), left out:
    keeping it costs no move.
    """
    n_tasks, n_roles = allowed.shape
    parts_t, parts_a, parts_b = [np.arange(n_tasks)], [np.full(n_tasks, -1)], [np.full(n_tasks, -1)]
    t, a = np.nonzero(allowed)
    parts_t.append(t)
    parts_a.append(a)
    parts_b.append(np.full(len(t), -1))
    if sharing and n_roles > 1:
        pair = allowed[:, :, None] & allowed[:, None, :] & (doers[:, :, None] | doers[:, None, :])
        pair[:, np.arange(n_roles), np.arange(n_roles)] = False
        t, a, b = np.nonzero(pair)
        parts_t.append(t)
        parts_a.append(a)
        parts_b.append(b)
    task, first, second = (np.concatenate(p) for p in (parts_t, parts_a, parts_b))
    new = ~((first >= 0) & (first == same[task, 0]) & (second == same[task, 1]))
    order = np.argsort(task[new], kind="stable")
    return Choices(task[new][order], first[new][order], second[new][order])


def row_loads(cells: np.ndarray, effort: np.ndarray, f: Fractions) -> tuple[np.ndarray, np.ndarray]:
    """Per task and role: the hours the row as it is gives (all letters), and its doing-and-owning part."""
    doers = np.count_nonzero((cells == L.R) | (cells == L.AR), axis=1)
    share = np.divide(effort, doers, out=np.zeros_like(effort), where=doers > 0)[:, None]
    e = effort[:, None]
    responsible = np.where((cells == L.R) | (cells == L.AR), share, 0.0)
    owning = np.where((cells == L.A) | (cells == L.AR), f.accountable * e, 0.0)
    told = np.where(cells == L.C, f.consulted * e, 0.0) + np.where(cells == L.I, f.informed * e, 0.0)
    return responsible + owning + told, responsible + owning


def solve(cells: np.ndarray, effort: np.ndarray, capacity: np.ndarray, movable: np.ndarray,
          choices: Choices, f: Fractions, max_moves: int | None, deadline: float,
          target: float, step: float) -> Solution:
    """Choose one option per movable task (see the module's stages); ``capacity`` per role (0: nobody).

    ``deadline``: the ``time.perf_counter()`` by which the answer is due (building the programme counts).
    """
    # SciPy is imported when a plan is balanced, not when the package is: every `python -m raci` starts faster.
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import coo_array, csr_array

    n_tasks, n_roles = cells.shape
    full, doing = row_loads(cells, effort, f)
    # Every load as the constant part (fixed tasks as they are; movable tasks' others' C or I) plus the
    # choices' differences from it.
    fixed = np.ones(n_tasks, dtype=bool)
    fixed[movable] = False
    cm = cells[movable]
    em = effort[movable]
    base = np.where(cm == L.C, f.consulted, f.informed) * em[:, None]  # a role outside the choice
    constant = full[fixed].sum(axis=0) + base.sum(axis=0)

    keep = choices.first < 0
    single = ~keep & (choices.second < 0)
    pair = choices.second >= 0
    rows, cols, vals = [], [], []
    # keep: the task's own row minus the base, on every role where they differ
    keep_cols = np.flatnonzero(keep)
    delta = full[movable] - base
    t_idx, k_idx = np.nonzero(delta)
    rows.append(k_idx)
    cols.append(keep_cols[t_idx])
    vals.append(delta[t_idx, k_idx])
    # one role: the whole effort plus the A
    o = np.flatnonzero(single)
    t, k = choices.task[o], choices.first[o]
    rows.append(k)
    cols.append(o)
    vals.append(em[t] * (1 + f.accountable) - base[t, k])
    # two roles: half each, the first also the A
    o = np.flatnonzero(pair)
    t, a, b = choices.task[o], choices.first[o], choices.second[o]
    rows += [a, b]
    cols += [o, o]
    vals += [em[t] * (0.5 + f.accountable) - base[t, a], em[t] * 0.5 - base[t, b]]
    n = choices.size
    load = coo_array((np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n_roles, n)).tocsr()

    one_each = csr_array((np.ones(n), (choices.task, np.arange(n))), shape=(len(movable), n))
    measured = capacity > 0
    absent = ~measured
    scaled = csr_array(load[measured] / capacity[measured][:, None])
    util_rows = _hstack(scaled, -np.full((int(measured.sum()), 1), step))
    util_upper = TIE - constant[measured] / capacity[measured]
    constraints = [LinearConstraint(_hstack(one_each, np.zeros((len(movable), 1))), 1, 1)]
    moves_row = np.r_[(~keep).astype(float), 0.0][None, :]
    if max_moves is not None:
        constraints.append(LinearConstraint(moves_row, -np.inf, max_moves))
    integrality = np.ones(n + 1)  # z counts steps of utilisation: a whole number
    # The relative gap below which the weighted optimum is exact: an absolute gap under one move's weight
    # 1/(T+1) leaves the whole number of steps and of moves proven. The objective is at most today's highest
    # utilisation in steps, or the target's, plus under one (keeping every task is an answer); whether the
    # answer is proven is checked on the solver's bound afterwards all the same.
    today = float((full.sum(axis=0)[measured] / capacity[measured]).max())
    gap = 0.99 / ((len(movable) + 1) * (max(target, today) / step + 1))
    free_z = Bounds(np.r_[np.zeros(n), math.floor(target / step + 1e-9)], np.r_[np.ones(n), np.inf])
    util = LinearConstraint(util_rows, -np.inf, util_upper)
    proven = True

    def run(objective: np.ndarray, extra: list[LinearConstraint], bounds: Bounds = free_z) -> object | None:
        """One stage; None when the time ran out before it found any answer."""
        nonlocal proven
        left = max(0.05, deadline - time.perf_counter())
        result = milp(objective, integrality=integrality, bounds=bounds, constraints=constraints + extra,
                      options={"time_limit": left, "mip_rel_gap": gap})
        proven = proven and result.status == 0
        return None if result.x is None else result

    extra: list[LinearConstraint] = []
    if absent.any() and keep.any():
        # Stage 0: the doing and owning left on roles nobody can do it in (only "keep" leaves it there).
        left_on_absent = np.zeros(n + 1)
        left_on_absent[keep_cols] = doing[movable][:, absent].sum(axis=1)
        if left_on_absent.any() and (first := run(left_on_absent, [])) is not None:
            bound = first.fun + TIE * max(1.0, abs(first.fun)) + 1e-9
            extra.append(LinearConstraint(left_on_absent[None, :], -np.inf, bound))
    # Stages 1 and 2 in one: z counts whole steps and all the moves together weigh less than one step,
    # so the weighted optimum is the lexicographic one (the lowest z, then the fewest moves).
    objective = moves_row[0] / (len(movable) + 1)
    objective[n] = 1.0
    best = run(objective, [*extra, util])
    if best is None:  # no answer in time: keep every task
        return Solution(np.flatnonzero(keep), False, float("nan"))
    z = round(float(best.x[n]))
    moves = int(round(float(moves_row[0] @ best.x)))
    if best.status != 0 and best.mip_dual_bound is not None:  # integrality may prove it all the same
        bound = float(best.mip_dual_bound)
        z_bound = math.ceil(bound - 1e-6)  # z is a whole number of steps
        moves_bound = math.ceil((bound - z) * (len(movable) + 1) - 1e-6) if z_bound >= z else 0
        proven = proven or (z_bound >= z and moves_bound >= moves)
        z_gap = max(0.0, (z - z_bound) / max(z, 1))
    else:
        z_gap = 0.0
    return Solution(np.flatnonzero(best.x[:n] > 0.5), proven, z_gap)


def _hstack(left: csr_array, right: np.ndarray) -> csr_array:
    from scipy.sparse import csr_array, hstack

    return csr_array(hstack([left, csr_array(right)], format="csr"))
