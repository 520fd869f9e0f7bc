"""Suggest a balance: new owners for the fewest tasks so that the highest utilisation is as low as it can be.

A *move* is what the one-click owner control does (:meth:`raci.model.Plan.assign_owner`): the
task's doers become one role (A/R, the others keep C or become I) or two roles (both R, one of
them the A; the optimiser picks which). Shares of three or more roles are never proposed (a task
the user shared that way may stay so, or move).

The answer is exact: :mod:`raci.analysis.balance_milp` solves a mixed-integer programme with
HiGHS (``scipy.optimize.milp``): first the lowest highest utilisation (load / capacity) among the
roles, then, among the answers that reach it, the fewest moves. When a person is absent and a role
is left with no hours, the hours of doing and owning left on it come first (its tasks get a backup).
With a time limit the answer says whether it is proven optimal and the gap left.

Constraints: tasks locked in place (by id), nature fit (a strategic task only to a strategic or
other-profile role, an operational one only to an operational or other; off with ``any_role``), at
most ``max_moves`` moves. A role without a known capacity counts with ``Settings.full_time_hours``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np

from raci import letters as L
from raci.analysis.balance_milp import MAX_CHOICES, Choices, Fractions, build_choices, count_choices, row_loads, solve
from raci.analysis.settings import DEFAULT_SETTINGS, Settings
from raci.analysis.utilisation import capacities
from raci.analysis.workload import workload
from raci.errors import PlanError
from raci.i18n import percent, signed_hours, translate
from raci.model import Plan

#: The default time the solver may take, in seconds (the answer then says the gap it left).
DEFAULT_TIME_LIMIT = 10.0
MAX_TIME_LIMIT = 600.0
#: Good enough by default: nobody over capacity (100 %). 0 asks for the most even team.
DEFAULT_TARGET = 1.0
MAX_TARGET = 10.0
#: Utilisation is compared in steps of half a percentage point: two answers closer than that are
#: equally good, and the one with fewer moves wins (it also lets the solver prove its answer).
STEP = 0.005


class BalanceError(PlanError):
    """A balance that cannot be asked: an unknown locked task, a bad limit, a plan too large to balance."""

    AREA = "balance"
    PREFIX = "error_"


@dataclass(frozen=True)
class RoleLoad:
    """One role's hours against the capacity the balancer counts (``assumed``: full-time hours, none known)."""

    role: str
    load: float
    capacity: float
    assumed: bool

    @property
    def utilisation(self) -> float | None:
        """Load / capacity; None for a role with no hours at all (everyone in it absent)."""
        return self.load / self.capacity if self.capacity > 0 else None


@dataclass(frozen=True)
class Side:
    """The team before or after the proposal: each role's load, and the highest utilisation."""

    roles: tuple[RoleLoad, ...]

    @property
    def max_utilisation(self) -> float:
        shares = [r.utilisation for r in self.roles if r.utilisation is not None]
        return max(shares, default=0.0)

    def role(self, short: str) -> RoleLoad:
        return next(r for r in self.roles if r.role == short)

    def as_dict(self) -> dict[str, object]:
        return {"max_utilisation": round(self.max_utilisation, 4),
                "utilisation": {r.role: None if r.utilisation is None else round(r.utilisation, 4)
                                for r in self.roles},
                "load": {r.role: round(r.load, 2) for r in self.roles},
                "capacity": {r.role: round(r.capacity, 2) for r in self.roles}}


@dataclass(frozen=True)
class Move:
    """One task's new owners: ``owners`` (the doers, the A first), its letters before and after, hours per role."""

    index: int
    task_id: str
    task: str
    owners: tuple[str, ...]
    before: dict[str, str]
    after: dict[str, str]
    hours: dict[str, float]  # role -> hours gained (negative: freed), only roles whose load changes

    @property
    def accountable(self) -> str:
        return self.owners[0]

    def as_dict(self) -> dict[str, object]:
        return {"task": self.task, "before": self.before, "after": self.after,
                "hours": {r: round(h, 2) for r, h in self.hours.items()}}

    def text(self, lang: str) -> str:
        """"Moderar conversaciones: CM -> compartida SMM + CM (A: SMM); CM -6,0 h, SMM +6,0 h"."""
        before = _owners_text([r for r, x in self.before.items() if x in ("R", "A/R")], None, lang)
        after = _owners_text(list(self.owners), self.accountable, lang)
        hours = ", ".join(f"{role} {signed_hours(h, lang)}" for role, h in self.hours.items())
        return translate("balance.move", lang, task=self.task, before=before, after=after, hours=hours)


@dataclass(frozen=True)
class Proposal:
    """What :func:`balance` proposes: the moves, the team before and after, how sure the solver is."""

    moves: tuple[Move, ...]
    before: Side
    after: Side
    optimal: bool
    gap: float
    reason: str  # '' when there are moves; else why none: 'balanced', 'locked', 'no_choice', 'timeout', ...
    seconds: float

    def apply(self, plan: Plan, chosen: Iterable[str] | None = None) -> Plan:
        """``plan`` with the moves applied (only those whose task id is in ``chosen`` when given)."""
        return apply_moves(plan, self.moves if chosen is None else [m for m in self.moves if m.task_id in set(chosen)])

    def as_dict(self) -> dict[str, object]:
        return {"optimal": self.optimal, "gap": round(self.gap, 6), "reason": self.reason,
                "moves": [m.as_dict() for m in self.moves],
                "before": self.before.as_dict(), "after": self.after.as_dict()}

    def summary(self, lang: str) -> str:
        """One sentence: what the proposal achieves, or why it has no move."""
        if not self.moves:
            return translate(f"balance.none_{self.reason or 'balanced'}", lang)
        key = "balance.summary" if self.optimal else "balance.summary_gap"
        key += "_one" if len(self.moves) == 1 else ""
        return translate(key, lang, count=len(self.moves), before=percent(self.before.max_utilisation, lang),
                         after=percent(self.after.max_utilisation, lang), gap=percent(self.gap, lang, 1))


def apply_moves(plan: Plan, moves: Iterable[Move]) -> Plan:
    """``plan`` with each move made by the owner control's own operation (a task moved since is skipped)."""
    ids = plan.task_ids
    for move in moves:
        if move.index < plan.n_tasks and ids[move.index] == move.task_id:
            plan = plan.assign_owner(move.index, list(move.owners), move.accountable)
    return plan


def side(plan: Plan, settings: Settings = DEFAULT_SETTINGS) -> Side:
    """Each role's load against the capacity the balancer counts (full-time hours where none is known)."""
    load = workload(plan, settings).load
    known = capacities(plan)
    return Side(tuple(RoleLoad(r, float(load[r]), settings.full_time_hours if known[r] is None else float(known[r]),
                               known[r] is None) for r in plan.role_names))


def balance(plan: Plan, settings: Settings = DEFAULT_SETTINGS, *, locked: Collection[str] = (),
            any_role: bool = False, max_moves: int | None = None, target: float = DEFAULT_TARGET,
            time_limit: float = DEFAULT_TIME_LIMIT) -> Proposal:
    """Propose new owners (see the module): ``locked`` task ids stay, at most ``max_moves`` moves.

    ``target``: a highest utilisation at or below it is good enough (1.0: nobody over capacity; 0:
    as even as the team can be), so the fewest moves that reach it win.
    """
    started = time.perf_counter()
    _check(plan, locked, max_moves, time_limit, target)
    before = side(plan, settings)
    capacity = np.array([r.capacity for r in before.roles])
    movable, allowed = _movable(plan, set(locked), any_role, capacity)
    doers = np.isin(plan.cells[movable], L.RESPONSIBLE_CODES)
    sharing = count_choices(allowed, doers, True) <= MAX_CHOICES
    if not sharing and count_choices(allowed, doers, False) > MAX_CHOICES:
        raise BalanceError("balance_too_large", tasks=len(movable), roles=plan.n_roles, limit=MAX_CHOICES)

    def nothing(reason: str, optimal: bool = True) -> Proposal:
        return Proposal((), before, before, optimal, 0.0, reason, time.perf_counter() - started)

    if plan.n_tasks == 0 or not (capacity > 0).any():
        return nothing("no_hours" if plan.n_tasks else "empty")
    if not len(movable):
        return nothing("locked" if locked else "no_choice")
    if max_moves == 0:
        return nothing("max_moves")
    choices = build_choices(allowed, doers, sharing, _current_choice(plan.cells[movable]))
    if not choices.moves.any():
        return nothing("no_choice")
    f = Fractions(settings.accountable_fraction, settings.consulted_fraction, settings.informed_fraction)
    solution = solve(plan.cells, plan.efforts, capacity, movable, choices, f, max_moves, started + time_limit,
                     target, STEP)
    after_plan, moves = _moves(plan, movable, choices, solution.chosen, f)
    if not moves:
        within = before.max_utilisation <= max(target, STEP) + 1e-9
        return nothing("within_target" if within else "balanced" if solution.optimal else "timeout",
                       solution.optimal)
    return Proposal(moves, before, side(after_plan, settings), solution.optimal, solution.gap, "",
                    time.perf_counter() - started)


# ----- the pieces ------------------------------------------------------------------------
def _check(plan: Plan, locked: Collection[str], max_moves: int | None, time_limit: float, target: float) -> None:
    unknown = set(locked) - set(plan.task_ids)
    if unknown:
        raise BalanceError("balance_unknown_lock", task=sorted(unknown)[0])
    if max_moves is not None and (isinstance(max_moves, bool) or not isinstance(max_moves, int) or max_moves < 0):
        raise BalanceError("balance_bad_max_moves", value=max_moves)
    if isinstance(time_limit, bool) or not isinstance(time_limit, (int, float)) or not math.isfinite(time_limit) \
            or not 0 < time_limit <= MAX_TIME_LIMIT:
        raise BalanceError("balance_bad_time_limit", value=time_limit, limit=MAX_TIME_LIMIT)
    if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 <= target <= MAX_TARGET:
        raise BalanceError("balance_bad_target", value=target, limit=MAX_TARGET)


def _movable(plan: Plan, locked: set[str], any_role: bool, capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The tasks that may move (not locked, with somewhere to go) and, per such task, the roles it may go to."""
    profiles = np.array([r.profile for r in plan.roles], dtype=object)
    natures = np.array(plan.natures, dtype=object)
    allowed = np.broadcast_to(capacity > 0, (plan.n_tasks, plan.n_roles)).copy()
    if not any_role:
        fits_strategic = (profiles == "strategic") | (profiles == "other")
        fits_operational = (profiles == "operational") | (profiles == "other")
        allowed[natures == "strategic"] &= fits_strategic
        allowed[natures == "operational"] &= fits_operational
    free = np.array([tid not in locked for tid in plan.task_ids], dtype=bool) & allowed.any(axis=1)
    movable = np.flatnonzero(free)
    return movable, allowed[movable]


def _current_choice(cells: np.ndarray) -> np.ndarray:
    """Per task, the choice its row already is ((A, other doer) or (A, -1)); (-1, -1) when it is none."""
    n = len(cells)
    same = np.full((n, 2), -1)
    if n == 0:
        return same
    doer = (cells == L.R) | (cells == L.AR)
    ar = cells == L.AR
    others_told = np.where(doer, True, (cells == L.C) | (cells == L.I)).all(axis=1)
    count = doer.sum(axis=1)
    canonical = others_told & (ar.sum(axis=1) == 1) & ~(cells == L.A).any(axis=1) & (count <= 2)
    same[canonical, 0] = ar[canonical].argmax(axis=1)
    two = canonical & (count == 2)
    other = doer & ~ar
    same[two, 1] = other[two].argmax(axis=1)
    return same


def _moves(plan: Plan, movable: np.ndarray, choices: Choices, chosen: np.ndarray,
           f: Fractions) -> tuple[Plan, tuple[Move, ...]]:
    """The plan after the chosen moves, and each move described (letters and hours per role)."""
    roles = plan.role_names
    after = plan
    picked = [o for o in chosen if choices.first[o] >= 0]
    for o in picked:
        owners = [roles[choices.first[o]]] + ([roles[choices.second[o]]] if choices.second[o] >= 0 else [])
        after = after.assign_owner(int(movable[choices.task[o]]), owners, owners[0])
    before_rows = row_loads(plan.cells, plan.efforts, f)[0]
    after_rows = row_loads(after.cells, after.efforts, f)[0]
    moves = []
    for o in picked:
        i = int(movable[choices.task[o]])
        owners = [roles[choices.first[o]]] + ([roles[choices.second[o]]] if choices.second[o] >= 0 else [])
        delta = after_rows[i] - before_rows[i]
        moves.append(Move(i, plan.task_ids[i], plan.names[i], tuple(owners),
                          _letters(plan, i), _letters(after, i),
                          {roles[k]: float(delta[k]) for k in np.flatnonzero(np.abs(delta) > 1e-9)}))
    return after, tuple(moves)


def _letters(plan: Plan, index: int) -> dict[str, str]:
    return {role: L.LETTERS[code] for role, code in zip(plan.role_names, plan.cells[index], strict=True)}


def _owners_text(owners: list[str], accountable: str | None, lang: str) -> str:
    if not owners:
        return translate("balance.nobody", lang)
    if len(owners) == 1:
        return owners[0]
    shared = translate("balance.shared", lang, roles=" + ".join(owners))
    return shared if accountable is None else f"{shared} (A: {accountable})"
