"""The plan: tasks, roles and one RACI cell per task and role.

A ``Plan`` is immutable. Every operation (assign an owner, set a letter, add,
rename, move or remove a task or a role) is a method that returns a new, valid
plan, so the app, the command line and the tests all change plans the same way
and an earlier plan is never altered behind anyone's back.

Tasks are stored as columns (a DataFrame) and the letters as an int8 matrix of
codes from :mod:`raci.letters`, so that analysing 100,000 tasks is array work.

Over 400 lines on purpose: every operation that makes a new plan, and the checks
every plan passes (text, hidden characters, the limits of :mod:`raci.limits`), live
with the one type they guard, so that there is one way to change a plan.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd

from raci import letters as L
from raci.catalogue import task_ids
from raci.errors import PlanError
from raci.limits import MAX_CELLS, MAX_EFFORT_HOURS, MAX_NAME_CHARS, MAX_ROLES, MAX_TASKS
from raci.recurrence import Recurrence
from raci.team import Person, Team
from raci.text import HIDDEN_PATTERN, check_clean, check_text, hidden_character

Nature = Literal["strategic", "operational", ""]
Profile = Literal["strategic", "operational", "other"]

NATURES: tuple[str, ...] = ("strategic", "operational")
PROFILES: tuple[str, ...] = ("strategic", "operational", "other")
TASK_COLUMNS = ("name", "category", "nature", "effort")
#: What ``update_task`` may change: the columns, and the effort's recurrence (None for plain hours).
TASK_FIELDS = (*TASK_COLUMNS, "recurrence")

#: Column names a role may not take, because the CSV reader gives them another meaning.
RESERVED_ROLE_NAMES = frozenset(
    {"task", "tarea", "category", "categoria", "categoría", "nature", "naturaleza",
     "effort_hours", "effort", "horas", "hours", "id"}
)




@dataclass(frozen=True)
class Task:
    """One task of a plan. ``nature`` is 'strategic', 'operational' or '' (not said).

    With a ``recurrence`` the effort is derived from it (see :mod:`raci.recurrence`) when the
    task is in a plan, which knows how many platforms there are.
    """

    name: str
    category: str = ""
    nature: str = ""
    effort: float = 0.0
    recurrence: Recurrence | None = None

    def __post_init__(self) -> None:
        check_text(self.name, "task_name")
        check_clean(self.category, "category")
        if self.nature not in (*NATURES, ""):
            raise PlanError("bad_nature", value=self.nature)
        effort = float(self.effort)
        if not math.isfinite(effort) or effort < 0:
            raise PlanError("bad_effort", value=self.effort)
        if effort > MAX_EFFORT_HOURS:
            raise PlanError("effort_too_large", value=self.effort, limit=MAX_EFFORT_HOURS)
        object.__setattr__(self, "effort", effort)
        if self.recurrence is not None and not isinstance(self.recurrence, Recurrence):
            raise PlanError("bad_recurrence_value", value=type(self.recurrence).__name__)


@dataclass(frozen=True)
class Role:
    """A role of the team: a short name (the matrix column), a full name, a profile."""

    short: str
    name: str = ""
    profile: str = "other"
    capacity: float | None = field(default=None)

    def __post_init__(self) -> None:
        check_text(self.short, "role_name")
        if self.short.strip().casefold() in RESERVED_ROLE_NAMES:
            raise PlanError("reserved_role", name=self.short)
        if self.profile not in PROFILES:
            raise PlanError("bad_profile", value=self.profile)
        check_clean(self.name, "role_name")
        if self.capacity is not None and not (math.isfinite(self.capacity) and self.capacity > 0):
            raise PlanError("bad_capacity", value=self.capacity)
        if not self.name:
            object.__setattr__(self, "name", self.short)


def check_plan_size(n_tasks: int, n_roles: int) -> None:
    """Refuse a plan of more than :data:`raci.limits.MAX_TASKS` tasks, ``MAX_ROLES`` roles or ``MAX_CELLS`` cells."""
    if n_tasks > MAX_TASKS:
        raise PlanError("too_many_tasks", limit=MAX_TASKS, found=n_tasks)
    if n_roles > MAX_ROLES:
        raise PlanError("too_many_roles", limit=MAX_ROLES, found=n_roles)
    if n_tasks * n_roles > MAX_CELLS:
        raise PlanError("too_many_cells", limit=MAX_CELLS, found=n_tasks * n_roles, tasks=n_tasks, roles=n_roles)


def _tasks_frame(rows: Iterable[Task]) -> pd.DataFrame:
    rows = list(rows)
    return pd.DataFrame(
        {
            "name": pd.Series([t.name for t in rows], dtype=str),
            "category": pd.Series([t.category for t in rows], dtype=str),
            "nature": pd.Series([t.nature for t in rows], dtype=str),
            "effort": pd.Series([t.effort for t in rows], dtype="float64"),
            "recurrence": pd.Series([t.recurrence for t in rows], dtype=object),
        }
    )


def _derive_efforts(tasks: pd.DataFrame, platforms: int) -> pd.DataFrame:
    """The frame with every recurring task's effort derived from its recurrence (one pass, O(tasks))."""
    recurring = tasks["recurrence"].notna().to_numpy()
    if not recurring.any():
        return tasks
    derived = tasks["effort"].to_numpy(copy=True)
    rows = np.flatnonzero(recurring)
    derived[rows] = [tasks["recurrence"].iat[i].hours(platforms) for i in rows]
    if np.array_equal(derived, tasks["effort"].to_numpy()):
        return tasks
    return tasks.assign(effort=derived)


def _check_team(team: Team, roles: tuple[Role, ...]) -> None:
    team.check_roles(r.short for r in roles)


class Plan:
    """Tasks x roles, one letter code per cell. Build with :meth:`Plan.create`."""

    __slots__ = ("_tasks", "roles", "cells", "team", "__dict__")

    def __init__(self, tasks: pd.DataFrame, roles: tuple[Role, ...], cells: np.ndarray,
                 team: Team | None = None) -> None:
        # Trusted constructor: callers inside the package pass checked data. The frame stays
        # private: readers get the accessors below or a copy (pandas' copy-on-write makes it cheap).
        if "recurrence" not in tasks.columns:
            tasks = tasks.assign(recurrence=pd.Series([None] * len(tasks), dtype=object, index=tasks.index))
        self._tasks = tasks
        self.roles = roles
        cells = np.ascontiguousarray(cells, dtype=np.int8)
        cells.setflags(write=False)
        self.cells = cells
        self.team = team if team is not None else Team()

    def _with(self, tasks: pd.DataFrame | None = None, roles: tuple[Role, ...] | None = None,
              cells: np.ndarray | None = None, team: Team | None = None) -> Plan:
        """A new plan with some parts replaced; the team always goes along."""
        return Plan(self._tasks if tasks is None else tasks, self.roles if roles is None else roles,
                    self.cells if cells is None else cells, self.team if team is None else team)

    # ----- building -------------------------------------------------------
    @classmethod
    def create(
        cls,
        tasks: Sequence[Task],
        roles: Sequence[Role],
        letters: Sequence[Sequence[str]] | None = None,
        team: Team | None = None,
    ) -> Plan:
        """A plan from tasks, roles and (optionally) written letters per task and role.

        ``letters[i][k]`` is the letter of task i for role k, in any form
        :func:`raci.letters.parse_letter` reads ('R', 'A/R', 'consultado'...).
        """
        roles = tuple(roles)
        check_plan_size(len(tasks), len(roles))
        _check_unique_roles(roles)
        cells = np.zeros((len(tasks), len(roles)), dtype=np.int8)
        for i, row in enumerate(letters or []):
            if len(row) != len(roles):
                raise PlanError("bad_shape", shape=f"{len(row)} != {len(roles)}")
            cells[i] = [_parse(letter) for letter in row]
        team = team if team is not None else Team()
        _check_team(team, roles)
        return cls(_derive_efforts(_tasks_frame(tasks), len(team.platforms)), roles, cells, team)

    @classmethod
    def from_columns(
        cls, tasks: pd.DataFrame, roles: Sequence[Role], cells: np.ndarray, team: Team | None = None
    ) -> Plan:
        """A plan from a task frame (name, category, nature, effort; optionally recurrence) and a code matrix.

        The fast path for files and generated plans: columns are checked as
        arrays, not task by task.
        """
        roles = tuple(roles)
        check_plan_size(len(tasks), len(roles))
        _check_unique_roles(roles)
        try:
            frame = pd.DataFrame(
                {
                    "name": tasks["name"].astype(str),
                    "category": tasks["category"].astype(str),
                    "nature": tasks["nature"].astype(str),
                    "effort": tasks["effort"].astype("float64"),
                    "recurrence": (tasks["recurrence"].astype(object) if "recurrence" in tasks.columns
                                   else pd.Series([None] * len(tasks), dtype=object, index=tasks.index)),
                }
            ).reset_index(drop=True)
            frame["recurrence"] = frame["recurrence"].where(frame["recurrence"].notna(), None)
        except UnicodeEncodeError:  # a lone surrogate: text no file can hold
            raise PlanError("bad_text", what="task_name") from None
        for column, what in (("name", "task_name"), ("category", "category")):
            if frame[column].str.contains("\x00", regex=False).any():
                raise PlanError("bad_text", what=what)
            hidden = frame[column].str.contains(HIDDEN_PATTERN, regex=True)
            if hidden.any():
                raise PlanError("hidden_char", what=what, char=hidden_character(frame[column][hidden].iloc[0]))
        cells = np.asarray(cells, dtype=np.int8)
        if cells.shape != (len(frame), len(roles)):
            raise PlanError("bad_shape", shape=str(cells.shape))
        if cells.size and (cells.min() < 0 or cells.max() >= len(L.LETTERS)):
            raise PlanError("bad_letter", value=int(cells.max()))
        if (frame["name"].str.strip() == "").any():
            raise PlanError("empty_name", what="task_name")
        for column, what in (("name", "task_name"), ("category", "category")):
            lengths = frame[column].str.len()
            if len(frame) and lengths.max() > MAX_NAME_CHARS:
                raise PlanError("text_too_long", what=what, limit=MAX_NAME_CHARS, found=int(lengths.max()))
        if not frame["nature"].isin([*NATURES, ""]).all():
            bad = frame.loc[~frame["nature"].isin([*NATURES, ""]), "nature"].iloc[0]
            raise PlanError("bad_nature", value=bad)
        effort = frame["effort"].to_numpy()
        if not (np.isfinite(effort).all() and (effort >= 0).all()):
            raise PlanError("bad_effort", value=float(effort[~(np.isfinite(effort) & (effort >= 0))][0]))
        if len(effort) and effort.max() > MAX_EFFORT_HOURS:
            raise PlanError("effort_too_large", value=float(effort.max()), limit=MAX_EFFORT_HOURS)
        given = frame["recurrence"].dropna()
        if len(given) and not all(isinstance(r, Recurrence) for r in given):
            bad = next(r for r in given if not isinstance(r, Recurrence))
            raise PlanError("bad_recurrence_value", value=type(bad).__name__)
        team = team if team is not None else Team()
        _check_team(team, roles)
        return cls(_derive_efforts(frame, len(team.platforms)), roles, cells, team)

    # ----- reading --------------------------------------------------------
    @property
    def tasks(self) -> pd.DataFrame:
        """The task columns (name, category, nature, effort) as a frame of the caller's own.

        A copy-on-write copy: changing it never changes the plan (plans are immutable).
        For reading one column, the accessors below are cheaper.
        """
        return self._tasks.copy(deep=False)

    @cached_property
    def names(self) -> tuple[str, ...]:
        """Every task's name, in task order."""
        return tuple(self._tasks["name"].tolist())

    @cached_property
    def categories(self) -> tuple[str, ...]:
        """Every task's category ('' when none), in task order."""
        return tuple(self._tasks["category"].tolist())

    @cached_property
    def natures(self) -> tuple[str, ...]:
        """Every task's nature ('strategic', 'operational' or ''), in task order."""
        return tuple(self._tasks["nature"].tolist())

    @cached_property
    def efforts(self) -> np.ndarray:
        """Every task's effort in hours per month, as a read-only float array."""
        efforts = self._tasks["effort"].to_numpy(dtype=np.float64, copy=True)
        efforts.setflags(write=False)
        return efforts

    def column(self, name: str) -> pd.Series:
        """One task column (see TASK_COLUMNS) as a Series of the caller's own."""
        if name not in TASK_COLUMNS:
            raise PlanError("unknown_field", name=name)
        return self._tasks[name].copy(deep=False)

    @property
    def n_tasks(self) -> int:
        return len(self._tasks)

    @property
    def n_roles(self) -> int:
        return len(self.roles)

    @property
    def role_names(self) -> list[str]:
        """The roles' short names, in column order."""
        return [r.short for r in self.roles]

    @cached_property
    def task_ids(self) -> list[str]:
        """Stable ids: the catalogue id of a seeded task, else a slug of its name."""
        return task_ids(self.names)

    def task(self, index: int) -> Task:
        """The task at position ``index``."""
        i = self._task_index(index)
        return Task(self.names[i], self.categories[i], self.natures[i], float(self.efforts[i]),
                    self._tasks["recurrence"].iat[i])

    def role(self, short: str) -> Role:
        """The role with this short name."""
        return self.roles[self.role_index(short)]

    def role_index(self, short: str) -> int:
        """The column of the role with this short name (PlanError if unknown)."""
        for k, role in enumerate(self.roles):
            if role.short == short:
                return k
        raise PlanError("unknown_role", name=short)

    def letter(self, task: int, role: str) -> str:
        """The written letter in one cell ('' when empty)."""
        return L.LETTERS[self.cells[self._task_index(task), self.role_index(role)]]

    def letters(self) -> pd.DataFrame:
        """The matrix as written letters: one row per task, one column per role."""
        return pd.DataFrame(L.LETTER_ARRAY[self.cells], columns=self.role_names)

    def owners(self, task: int) -> list[str]:
        """The roles that do the task (R or A/R), in column order."""
        row = self.cells[self._task_index(task)]
        return [self.roles[k].short for k in np.flatnonzero(np.isin(row, L.RESPONSIBLE_CODES))]

    def accountable(self, task: int) -> list[str]:
        """The roles that own the task (A or A/R), in column order."""
        row = self.cells[self._task_index(task)]
        return [self.roles[k].short for k in np.flatnonzero(np.isin(row, L.ACCOUNTABLE_CODES))]

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Plan):
            return NotImplemented
        return (
            self.roles == other.roles
            and self.cells.shape == other.cells.shape
            and bool(np.array_equal(self.cells, other.cells))
            and self._tasks.equals(other._tasks)
            and self.team == other.team
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Plan({self.n_tasks} tasks x {self.n_roles} roles: {', '.join(self.role_names)})"

    # ----- changing letters ---------------------------------------------
    def set_letter(self, task: int, role: str, letter: str | int) -> Plan:
        """Put one letter (written form or code) in one cell."""
        code = letter if isinstance(letter, (int, np.integer)) else _parse(letter)
        cells = self.cells.copy()
        cells[self._task_index(task), self.role_index(role)] = code
        return self._with(cells=cells)

    def assign_owner(
        self, task: int, owners: Sequence[str], accountable: str | None = None
    ) -> Plan:
        """Give a task to one role, or share it between several, in one step.

        One owner gets A/R. Several owners all get R and one of them the A (A/R):
        ``accountable`` if given, else the first whose profile matches the task's
        nature, else the first. Every other role keeps C if it was consulted and
        is otherwise Informed.
        """
        owners = list(dict.fromkeys(owners))
        if not owners:
            raise PlanError("no_owner")
        columns = [self.role_index(o) for o in owners]
        i = self._task_index(task)
        if accountable is None:
            nature = self.natures[i]
            matching = [o for o in owners if self.role(o).profile == nature]
            accountable = (matching or owners)[0]
        elif accountable not in owners:
            raise PlanError("accountable_not_owner", name=accountable)
        row = self.cells[i]
        new_row = np.where(row == L.C, L.C, L.I).astype(np.int8)
        new_row[columns] = L.R
        new_row[self.role_index(accountable)] = L.AR
        cells = self.cells.copy()
        cells[i] = new_row
        return self._with(cells=cells)

    def set_accountable(self, task: int, role: str) -> Plan:
        """Move the A of a task to ``role``; the former owner keeps doing (R) or is Informed."""
        i = self._task_index(task)
        k = self.role_index(role)
        row = self.cells[i].copy()
        row[row == L.AR] = L.R
        row[row == L.A] = L.I
        row[k] = L.AR if row[k] == L.R else L.A
        cells = self.cells.copy()
        cells[i] = row
        return self._with(cells=cells)

    # ----- tasks ----------------------------------------------------------
    def add_task(self, task: Task, position: int | None = None, letters: dict[str, str] | None = None) -> Plan:
        """Insert a task (at the end by default), with optional letters per role."""
        check_plan_size(self.n_tasks + 1, self.n_roles)
        position = self.n_tasks if position is None else max(0, min(position, self.n_tasks))
        row = np.zeros(self.n_roles, dtype=np.int8)
        for short, letter in (letters or {}).items():
            row[self.role_index(short)] = _parse(letter)
        new = _derive_efforts(_tasks_frame([task]), len(self.team.platforms))
        tasks = pd.concat([self._tasks.iloc[:position], new, self._tasks.iloc[position:]], ignore_index=True)
        cells = np.insert(self.cells, position, row, axis=0)
        return self._with(tasks=tasks, cells=cells)

    def update_task(self, index: int, **changes: object) -> Plan:
        """Change a task's name, category, nature, effort and/or recurrence (rename is ``name=``).

        A plain ``effort`` ends the task's recurrence; a ``recurrence`` (None for plain hours)
        sets the effort it derives.
        """
        i = self._task_index(index)
        unknown = set(changes) - set(TASK_FIELDS)
        if unknown:
            raise PlanError("unknown_field", name=", ".join(sorted(unknown)))
        if "effort" in changes and "recurrence" not in changes:
            changes["recurrence"] = None
        updated = replace(self.task(i), **changes)  # validates
        tasks = self._tasks.copy()
        for column in TASK_COLUMNS:
            tasks.loc[i, column] = getattr(updated, column)
        tasks["recurrence"] = tasks["recurrence"].astype(object)
        tasks.at[i, "recurrence"] = updated.recurrence
        return self._with(tasks=_derive_efforts(tasks, len(self.team.platforms)))

    def move_task(self, index: int, position: int) -> Plan:
        """Move a task to another position (0 = first)."""
        i = self._task_index(index)
        order = list(range(self.n_tasks))
        order.pop(i)
        order.insert(max(0, min(position, self.n_tasks - 1)), i)
        return self.reorder_tasks(order)

    def reorder_tasks(self, order: Sequence[int]) -> Plan:
        """Put the tasks in a new order, given as a permutation of positions."""
        if sorted(order) != list(range(self.n_tasks)):
            raise PlanError("bad_order")
        tasks = self._tasks.iloc[list(order)].reset_index(drop=True)
        return self._with(tasks=tasks, cells=self.cells[list(order)])

    def remove_task(self, index: int) -> Plan:
        """Remove the task at ``index``."""
        i = self._task_index(index)
        tasks = self._tasks.drop(index=i).reset_index(drop=True)
        return self._with(tasks=tasks, cells=np.delete(self.cells, i, axis=0))

    # ----- roles ----------------------------------------------------------
    def add_role(self, role: Role, position: int | None = None, letter: str = "") -> Plan:
        """Add a role (at the end by default); every task gets ``letter`` for it."""
        if role.short in self.role_names:
            raise PlanError("duplicate_role", name=role.short)
        check_plan_size(self.n_tasks, self.n_roles + 1)
        position = self.n_roles if position is None else max(0, min(position, self.n_roles))
        roles = self.roles[:position] + (role,) + self.roles[position:]
        cells = np.insert(self.cells, position, _parse(letter), axis=1)
        return self._with(roles=roles, cells=cells)

    def update_role(self, role: str, **changes: object) -> Plan:
        """Change a role's short name (rename), full name, profile or capacity."""
        short = role
        k = self.role_index(short)
        updated = replace(self.roles[k], **changes)
        if updated.short != short and updated.short in self.role_names:
            raise PlanError("duplicate_role", name=updated.short)
        if "short" in changes and "name" not in changes and self.roles[k].name == short:
            updated = replace(updated, name=updated.short)
        roles = self.roles[:k] + (updated,) + self.roles[k + 1 :]
        team = self.team.renamed_role(short, updated.short) if updated.short != short else self.team
        return self._with(roles=roles, team=team)

    def move_role(self, short: str, position: int) -> Plan:
        """Move a role's column to another position (0 = first)."""
        k = self.role_index(short)
        order = list(range(self.n_roles))
        order.pop(k)
        order.insert(max(0, min(position, self.n_roles - 1)), k)
        return self._with(roles=tuple(self.roles[j] for j in order), cells=self.cells[:, order])

    def remove_role(self, short: str) -> Plan:
        """Remove a role and its column of letters."""
        k = self.role_index(short)
        roles = self.roles[:k] + self.roles[k + 1 :]
        return self._with(roles=roles, cells=np.delete(self.cells, k, axis=1), team=self.team.without_role(short))

    # ----- people and platforms -----------------------------------------------
    @property
    def people(self) -> tuple[Person, ...]:
        return self.team.people

    @property
    def platforms(self) -> tuple[str, ...]:
        return self.team.platforms

    @cached_property
    def recurrences(self) -> tuple[Recurrence | None, ...]:
        """Each task's recurrence, or None where its effort is a plain number of hours."""
        return tuple(self._tasks["recurrence"])

    def with_team(self, team: Team) -> Plan:
        """The plan with other people and/or platforms; per-platform efforts follow the platforms."""
        _check_team(team, self.roles)
        tasks = self._tasks
        if len(team.platforms) != len(self.team.platforms):
            tasks = _derive_efforts(tasks, len(team.platforms))
        return self._with(tasks=tasks, team=team)

    def add_person(self, person: Person) -> Plan:
        return self.with_team(Team((*self.people, person), self.platforms))

    def update_person(self, name: str, person: Person) -> Plan:
        """Replace the person called ``name`` (a rename too) with ``person``."""
        self.team.person(name)
        return self.with_team(Team(tuple(person if p.name == name else p for p in self.people), self.platforms))

    def remove_person(self, name: str) -> Plan:
        self.team.person(name)
        return self.with_team(Team(tuple(p for p in self.people if p.name != name), self.platforms))

    def with_platforms(self, platforms: Sequence[str]) -> Plan:
        return self.with_team(Team(self.people, tuple(platforms)))

    # ----- helpers ----------------------------------------------------------
    def _task_index(self, index: int) -> int:
        if not isinstance(index, (int, np.integer)) or not 0 <= index < self.n_tasks:
            raise PlanError("unknown_task", index=index)
        return int(index)


def _parse(letter: str | int) -> int:
    if isinstance(letter, (int, np.integer)):
        return int(letter)
    try:
        return L.parse_letter(letter)
    except ValueError:
        raise PlanError("bad_letter", value=letter) from None


def _check_unique_roles(roles: tuple[Role, ...]) -> None:
    seen: set[str] = set()
    for role in roles:
        if role.short in seen:
            raise PlanError("duplicate_role", name=role.short)
        seen.add(role.short)
