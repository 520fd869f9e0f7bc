"""Rebasing one edit on another: :func:`rebase` and the :class:`Conflict` it lists.

Pure functions on :class:`raci.model.Plan`, no database. :func:`rebase`
re-applies my changes (``base`` -> ``mine``) on top of theirs (``base`` ->
``theirs``), the way a save that lost the race keeps its work: the result is
``theirs`` plus every change of mine that does not collide with one of theirs,
and each change of mine that was *not* applied is listed as a
:class:`Conflict`. Nothing is lost: every change of mine is either in the
result or in the conflict list.

Rebase rules, cell by cell and field by field (``b``, ``m``, ``t`` the base,
my and their value):

* ``m == b``: theirs stands. ``t == b`` or ``t == m``: mine applies.
  Otherwise a conflict, and theirs stands.
* A task (role) I added is added unless theirs has it too (same id / short
  name), in which case their fields stand and differing values are conflicts.
  It goes right after the task (role) that precedes it in my plan.
* A task (role) I removed is removed unless theirs changed it (a field or a
  letter, including a letter on a task they added): then it stays and a
  ``task_kept`` (``role_kept``) conflict says so.
* A task (role) they removed stays removed; if I had changed it, a
  ``task_removed`` (``role_removed``) conflict lists it.
* Order: when only I reordered tasks (roles), my order is used; otherwise
  theirs. When we both reordered them differently, theirs stands and a
  ``task_order`` (``role_order``) conflict says so.

The result is deterministic, ``rebase(base, mine, base) == (mine, [])`` and
``rebase(base, base, theirs) == (theirs, [])``, and edits on different cells
and fields commute.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from raci import letters as L
from raci.history.describe import letter_text, quote
from raci.history.diff import ROLE_FIELDS, positions, same_relative_order, task_rows
from raci.i18n import translate
from raci.model import TASK_COLUMNS, Plan, Role
from raci.team import Person, Team


@dataclass(frozen=True)
class Conflict:
    """One change of mine that :func:`rebase` did not apply, because theirs differs.

    ``kind``: ``letter`` (both changed the cell), ``field`` (both changed a task
    field), ``role`` (both changed a role's full name, profile or capacity),
    ``task_kept`` / ``role_kept`` (I removed it, they changed it: it stays),
    ``task_removed`` / ``role_removed`` (they removed it, I had changed it),
    ``task_order`` / ``role_order`` (we both reordered), ``person`` (both changed a person; ``role``:
    their name). ``mine`` and ``theirs``
    are the written values (letters, field values; '' for no letter).
    """

    kind: str
    task: str = ""
    role: str = ""
    mine: str = ""
    theirs: str = ""
    task_id: str = ""
    field: str = ""

    def message(self, lang: str = "en") -> str:
        """The conflict as a sentence in ``lang``."""
        mine, theirs = self.mine, self.theirs
        if self.kind == "letter":
            mine, theirs = letter_text(mine, lang), letter_text(theirs, lang)
        field_name = translate(f"store.field_{self.field}", lang) if self.field else ""
        return translate(f"store.conflict_{self.kind}", lang, task=quote(self.task), role=self.role,
                         mine=mine, theirs=theirs, field=field_name)


_MISSING = object()


def _merge3(base: object, mine: object, theirs: object) -> tuple[object, bool]:
    """(value, conflict): mine applies where theirs did not change it or agrees."""
    if mine == base:
        return theirs, False
    if theirs == base or theirs == mine:
        return mine, False
    return theirs, True


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _weave(primary: list[str], source: Sequence[str], secondary: set[str]) -> list[str]:
    """``primary`` with the ``secondary`` ids put after the primary id that precedes them in ``source``."""
    in_primary = set(primary)
    groups: dict[str | None, list[str]] = {}
    anchor: str | None = None
    for key in source:
        if key in in_primary:
            anchor = key
        elif key in secondary:
            groups.setdefault(anchor, []).append(key)
    out = list(groups.get(None, []))
    for key in primary:
        out.append(key)
        out.extend(groups.get(key, []))
    return out


def _order(base: Sequence[str], mine: Sequence[str], theirs: Sequence[str], kept: set[str],
           kind: str, conflicts: list[Conflict]) -> list[str]:
    """The result's order of ``kept`` ids (see the module docstring)."""
    mine_moved = not same_relative_order(base, mine)
    theirs_moved = not same_relative_order(base, theirs)
    if mine_moved and not theirs_moved:
        primary, source = mine, theirs
    else:
        primary, source = theirs, mine
        if mine_moved and theirs_moved and not same_relative_order(mine, theirs):
            conflicts.append(Conflict(kind))
    first = [key for key in primary if key in kept]
    return _weave(first, source, kept - set(first))


def _gather(plan: Plan, rows: Sequence[int], cols: Sequence[int]) -> np.ndarray:
    """plan's codes at (rows x cols), -1 where the row or the column is -1 (absent)."""
    out = np.full((len(rows), len(cols)), -1, dtype=np.int16)
    r, c = np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp)
    rs, cs = np.flatnonzero(r >= 0), np.flatnonzero(c >= 0)
    if len(rs) and len(cs):
        out[np.ix_(rs, cs)] = plan.cells[np.ix_(r[rs], c[cs])]
    return out


class _Side:
    """One plan of a rebase, indexed by task id and role short name."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.ids = plan.task_ids
        self.row = positions(self.ids)
        self.shorts = plan.role_names
        self.col = positions(self.shorts)
        self.roles = {r.short: r for r in plan.roles}
        self.rows = task_rows(plan)

    def values(self, task_id: str) -> tuple[str, str, str, float]:
        return self.rows[self.row[task_id]]

    def task_row(self, task_id: str, shorts: Sequence[str]) -> np.ndarray:
        """The task's codes for these roles (-1 for a role this plan lacks)."""
        row = self.plan.cells[self.row[task_id]]
        return np.array([row[self.col[s]] if s in self.col else -1 for s in shorts], dtype=np.int16)

    def role_column(self, short: str, ids: Sequence[str]) -> np.ndarray:
        """The role's codes for these tasks (-1 for a task this plan lacks)."""
        column = self.plan.cells[:, self.col[short]]
        return np.array([column[self.row[t]] if t in self.row else -1 for t in ids], dtype=np.int16)


def _changed_row(base: _Side, side: _Side, task_id: str) -> bool:
    """Did ``side`` change this base task: a field, or a letter (a new role's letter counts)?"""
    if base.values(task_id) != side.values(task_id):
        return True
    shorts = side.shorts
    before = base.task_row(task_id, shorts)
    after = side.task_row(task_id, shorts)
    return bool(np.any(np.where(before < 0, after != L.EMPTY, after != before)))


def _changed_column(base: _Side, side: _Side, short: str) -> bool:
    """Did ``side`` change this base role: a field, or a letter (a new task's letter counts)?"""
    if base.roles[short] != side.roles[short]:
        return True
    before = base.role_column(short, side.ids)
    after = side.role_column(short, side.ids)
    return bool(np.any(np.where(before < 0, after != L.EMPTY, after != before)))


def rebase(base: Plan, mine: Plan, theirs: Plan) -> tuple[Plan, list[Conflict]]:
    """My changes (``base`` -> ``mine``) re-applied on ``theirs``; the changes not applied as conflicts."""
    b, m, t = _Side(base), _Side(mine), _Side(theirs)
    conflicts: list[Conflict] = []

    # ----- roles
    roles: dict[str, Role] = {}
    for short in t.shorts:
        theirs_role = t.roles[short]
        if short in b.roles and short not in m.roles:  # I removed it
            if _changed_column(b, t, short):
                conflicts.append(Conflict("role_kept", role=short))
                roles[short] = theirs_role
            continue
        if short not in m.roles:
            roles[short] = theirs_role
            continue
        base_role = b.roles.get(short)
        changes = {}
        for name in ROLE_FIELDS:
            base_value = getattr(base_role, name) if base_role is not None else _MISSING
            mine_value, theirs_value = getattr(m.roles[short], name), getattr(theirs_role, name)
            value, clash = _merge3(base_value, mine_value, theirs_value)
            if clash:
                conflicts.append(Conflict("role", role=short, field=name, mine=_text(mine_value),
                                          theirs=_text(theirs_value)))
            elif value != theirs_value:
                changes[name] = value
        roles[short] = replace(theirs_role, **changes) if changes else theirs_role
    for short in m.shorts:
        if short in t.roles:
            continue
        if short in b.roles:  # they removed it
            if _changed_column(b, m, short):
                conflicts.append(Conflict("role_removed", role=short))
        else:
            roles[short] = m.roles[short]
    role_order = _order(b.shorts, m.shorts, t.shorts, set(roles), "role_order", conflicts)

    # ----- tasks
    values: dict[str, tuple[str, str, str, float]] = {}
    task_conflicts: list[Conflict] = []
    for task_id in t.ids:
        theirs_values = t.values(task_id)
        if task_id in b.row and task_id not in m.row:  # I removed it
            if _changed_row(b, t, task_id):
                task_conflicts.append(Conflict("task_kept", task=theirs_values[0], task_id=task_id))
                values[task_id] = theirs_values
            continue
        if task_id not in m.row:
            values[task_id] = theirs_values
            continue
        base_values = b.values(task_id) if task_id in b.row else (_MISSING,) * len(TASK_COLUMNS)
        mine_values = m.values(task_id)
        merged = []
        for k, name in enumerate(TASK_COLUMNS):
            value, clash = _merge3(base_values[k], mine_values[k], theirs_values[k])
            if clash:
                task_conflicts.append(Conflict("field", task=theirs_values[0], task_id=task_id, field=name,
                                               mine=_text(mine_values[k]), theirs=_text(theirs_values[k])))
            merged.append(value)
        values[task_id] = tuple(merged)
    for task_id in m.ids:
        if task_id in t.row:
            continue
        if task_id in b.row:  # they removed it
            if _changed_row(b, m, task_id):
                task_conflicts.append(Conflict("task_removed", task=m.values(task_id)[0], task_id=task_id))
        else:
            values[task_id] = m.values(task_id)
    task_order = _order(b.ids, m.ids, t.ids, set(values), "task_order", conflicts)
    conflicts.extend(task_conflicts)

    # ----- letters
    def rows(side: _Side) -> list[int]:
        return [side.row.get(i, -1) for i in task_order]

    def cols(side: _Side) -> list[int]:
        return [side.col.get(s, -1) for s in role_order]

    base_codes = _gather(base, rows(b), cols(b))
    mine_codes = _gather(mine, rows(m), cols(m))
    theirs_codes = _gather(theirs, rows(t), cols(t))
    cells = np.where(theirs_codes >= 0, theirs_codes, np.where(mine_codes >= 0, mine_codes, L.EMPTY))
    both = (mine_codes >= 0) & (theirs_codes >= 0)
    mine_changed = both & (mine_codes != base_codes)
    agree = (theirs_codes == base_codes) | (theirs_codes == mine_codes)
    take_mine = mine_changed & agree
    cells[take_mine] = mine_codes[take_mine]
    for i, k in np.argwhere(mine_changed & ~agree):
        task_id = task_order[i]
        conflicts.append(Conflict("letter", task=values[task_id][0], role=role_order[k], task_id=task_id,
                                  mine=L.LETTERS[mine_codes[i, k]], theirs=L.LETTERS[theirs_codes[i, k]]))

    result_roles = tuple(roles[s] for s in role_order)
    cells = cells.astype(np.int8)
    team = _team(base, mine, theirs, [r.short for r in result_roles], conflicts)
    for side in (t, m):  # the usual case: the tasks are exactly one side's, so its (checked) frame is reused
        if task_order == side.ids and all(values[i] == row for i, row in zip(side.ids, side.rows, strict=True)):
            return Plan(side.plan.tasks, result_roles, cells).with_team(team), conflicts
    frame = pd.DataFrame([values[i] for i in task_order], columns=list(TASK_COLUMNS))
    if not task_order:
        frame = pd.DataFrame({"name": [], "category": [], "nature": [], "effort": []})
    # A task's recurrence: theirs where they have the task, else mine (not merged field by field).
    recurrence = {i: side.plan.recurrences[side.row[i]] for side in (m, t) for i in side.ids}
    frame["recurrence"] = pd.Series([recurrence.get(i) for i in task_order], dtype=object)
    return Plan.from_columns(frame, result_roles, cells, team), conflicts


def _team(base: Plan, mine: Plan, theirs: Plan, roles: list[str], conflicts: list[Conflict]) -> Team:
    """People person by person (by name), like cells: mine where only I changed them, theirs where we both
    did (a ``person`` conflict); platforms as one list, mine if I changed them. Shares are kept for the
    roles still there. People keep their order in theirs, then mine's new ones."""
    people: dict[str, Person | None] = {}
    sides = [{p.name: p for p in plan.people} for plan in (base, mine, theirs)]
    for name in dict.fromkeys([*sides[2], *sides[1], *sides[0]]):
        b, m, t = (side.get(name) for side in sides)
        if m == b or t == m:
            people[name] = t
        elif t == b:
            people[name] = m
        else:
            people[name] = t
            conflicts.append(Conflict("person", role=name))
    platforms = mine.platforms if mine.platforms != base.platforms else theirs.platforms
    kept = set(roles)
    return Team(tuple(Person(p.name, p.hours, {r: s for r, s in p.roles.items() if r in kept})
                      for p in people.values() if p is not None), platforms)
