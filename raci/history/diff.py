"""What changed between two plans, a history line that says it, and rebasing one edit on another.

Pure functions on :class:`raci.model.Plan`, no database:

* :func:`diff` compares two plans. Tasks are matched by their stable id
  (``plan.task_ids``: the catalogue id of a seeded task, else a slug of its
  name), roles by their short name. A renamed task or role is therefore one
  removed and one added.
* :func:`describe` turns a diff into one short history line in Spanish or
  English ("CM: R -> A/R on 'Moderate online conversations'", or a summary
  such as "3 letters changed, 1 task added: 'X'"); texts are ``store.<key>``.
* :func:`rebase` re-applies my changes (``base`` -> ``mine``) on top of theirs
  (``base`` -> ``theirs``), the way a save that lost the race keeps its work:
  the result is ``theirs`` plus every change of mine that does not collide
  with one of theirs, and each change of mine that was *not* applied is
  listed as a :class:`Conflict`. Nothing is lost: every change of mine is
  either in the result or in the conflict list.

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
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from raci import letters as L
from raci.analysis.workload import workload
from raci.i18n import translate
from raci.model import Plan, Role
from raci.text import clip

TASK_FIELDS: tuple[str, ...] = ("name", "category", "nature", "effort")
ROLE_FIELDS: tuple[str, ...] = ("name", "profile", "capacity")


# ----- the diff -------------------------------------------------------------------
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
        return self.new.short

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f for f in ROLE_FIELDS if getattr(self.old, f) != getattr(self.new, f))


@dataclass(frozen=True)
class PlanDiff:
    """Everything that differs between two plans (see :func:`diff`)."""

    roles_added: tuple[Role, ...] = ()
    roles_removed: tuple[Role, ...] = ()
    roles_changed: tuple[RoleChange, ...] = ()
    tasks_added: tuple[TaskRef, ...] = ()
    tasks_removed: tuple[TaskRef, ...] = ()
    task_changes: tuple[FieldChange, ...] = ()
    letter_changes: tuple[LetterChange, ...] = ()
    tasks_reordered: bool = False
    roles_reordered: bool = False
    #: Each role's load (hours, :func:`raci.analysis.workload.workload`) before and after.
    hours_before: dict[str, float] = field(default_factory=dict)
    hours_after: dict[str, float] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """True when the plans hold the same tasks, roles, fields, letters and order."""
        return not (self.roles_added or self.roles_removed or self.roles_changed or self.tasks_added
                    or self.tasks_removed or self.task_changes or self.letter_changes
                    or self.tasks_reordered or self.roles_reordered)

    @property
    def hours_changed(self) -> dict[str, tuple[float, float]]:
        """Roles whose load changed: short name -> (before, after); 0 for a role added or removed."""
        shorts = list(self.hours_before) + [s for s in self.hours_after if s not in self.hours_before]
        changed = {}
        for short in shorts:
            before, after = self.hours_before.get(short, 0.0), self.hours_after.get(short, 0.0)
            if not np.isclose(before, after, rtol=0, atol=1e-9):
                changed[short] = (before, after)
        return changed


def _positions(ids: Sequence[str]) -> dict[str, int]:
    return {key: i for i, key in enumerate(ids)}


def _same_relative_order(first: Sequence[str], second: Sequence[str]) -> bool:
    """Do the ids both lists hold appear in the same order in both?"""
    common = set(first) & set(second)
    return [i for i in first if i in common] == [i for i in second if i in common]


def _task_rows(plan: Plan) -> list[tuple[str, str, str, float]]:
    """Each task's (name, category, nature, effort), in order, as plain Python values."""
    tasks = plan.tasks
    return list(zip(tasks["name"].tolist(), tasks["category"].tolist(), tasks["nature"].tolist(),
                    [float(e) for e in tasks["effort"].tolist()], strict=True))


def diff(old: Plan, new: Plan) -> PlanDiff:
    """What changed from ``old`` to ``new`` (tasks by id, roles by short name)."""
    old_ids, new_ids = old.task_ids, new.task_ids
    old_at, new_at = _positions(old_ids), _positions(new_ids)
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
    old_rows, new_rows = _task_rows(old), _task_rows(new)
    changes = []
    for task_id in common_tasks:
        before, after = old_rows[old_at[task_id]], new_rows[new_at[task_id]]
        for name, a, b in zip(TASK_FIELDS, before, after, strict=True):
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

    return PlanDiff(
        roles_added=roles_added,
        roles_removed=roles_removed,
        roles_changed=roles_changed,
        tasks_added=tasks_added,
        tasks_removed=tasks_removed,
        task_changes=tuple(changes),
        letter_changes=tuple(letter_changes),
        tasks_reordered=not _same_relative_order(old_ids, new_ids),
        roles_reordered=not _same_relative_order(old.role_names, new.role_names),
        hours_before=_hours(old),
        hours_after=_hours(new),
    )


def _hours(plan: Plan) -> dict[str, float]:
    return {short: float(hours) for short, hours in workload(plan).load.items()}


# ----- the history line -------------------------------------------------------------
def _quote(name: str) -> str:
    return clip(" ".join(name.split()))


def _letter(letter: str, lang: str) -> str:
    return letter or translate("store.no_letter", lang)


def _value(field_name: str, value: str | float, lang: str) -> str:
    if field_name == "effort":
        return translate("store.hours", lang, hours=f"{float(value):g}")
    if field_name == "nature":
        return translate(f"store.nature_{value or 'none'}", lang)
    return f"'{_quote(str(value))}'" if field_name == "name" else (str(value) or translate("store.no_letter", lang))


def _counted(key: str, items: Sequence[str], lang: str) -> str:
    """'1 task added: 'X'' or '3 tasks added'; roles list their short names."""
    if len(items) == 1:
        return translate(f"store.{key}_one", lang, name=items[0])
    return translate(f"store.{key}_many", lang, count=len(items), names=", ".join(items))


def describe(d: PlanDiff, lang: str = "en") -> str:
    """A short history line for a diff, in ``lang``."""
    if d.is_empty:
        return translate("store.no_changes", lang)
    only_letters = not (d.roles_added or d.roles_removed or d.roles_changed or d.tasks_added or d.tasks_removed
                        or d.task_changes or d.tasks_reordered or d.roles_reordered)
    if only_letters and len({c.task_id for c in d.letter_changes}) == 1:
        # One task's letters (one cell, or a new owner): say each cell. "CM: R -> A/R on 'X'"
        cells = ", ".join(translate("store.letter_cell", lang, role=c.role, old=_letter(c.old, lang),
                                    new=_letter(c.new, lang)) for c in d.letter_changes)
        return translate("store.letters_on_task", lang, cells=cells, task=_quote(d.letter_changes[0].task))
    parts = []
    if d.letter_changes:
        count = len(d.letter_changes)
        parts.append(translate(f"store.letters_changed_{'one' if count == 1 else 'many'}", lang, count=count))
    if d.tasks_added:
        parts.append(_counted("tasks_added", [_quote(t.name) for t in d.tasks_added], lang))
    if d.tasks_removed:
        parts.append(_counted("tasks_removed", [_quote(t.name) for t in d.tasks_removed], lang))
    if d.task_changes:
        edited = list(dict.fromkeys(c.task_id for c in d.task_changes))
        if len(d.task_changes) == 1:
            (change,) = d.task_changes
            parts.append(translate("store.field_change", lang, task=_quote(change.task),
                                   field=translate(f"store.field_{change.field}", lang),
                                   old=_value(change.field, change.old, lang),
                                   new=_value(change.field, change.new, lang)))
        else:
            names = {c.task_id: c.task for c in d.task_changes}
            parts.append(_counted("tasks_edited", [_quote(names[t]) for t in edited], lang))
    if d.roles_added:
        parts.append(_counted("roles_added", [r.short for r in d.roles_added], lang))
    if d.roles_removed:
        parts.append(_counted("roles_removed", [r.short for r in d.roles_removed], lang))
    if d.roles_changed:
        parts.append(_counted("roles_edited", [c.role for c in d.roles_changed], lang))
    if d.tasks_reordered:
        parts.append(translate("store.tasks_reordered", lang))
    if d.roles_reordered:
        parts.append(translate("store.roles_reordered", lang))
    line = ", ".join(parts)
    return line[:1].upper() + line[1:]


# ----- rebase -------------------------------------------------------------------------
@dataclass(frozen=True)
class Conflict:
    """One change of mine that :func:`rebase` did not apply, because theirs differs.

    ``kind``: ``letter`` (both changed the cell), ``field`` (both changed a task
    field), ``role`` (both changed a role's full name, profile or capacity),
    ``task_kept`` / ``role_kept`` (I removed it, they changed it: it stays),
    ``task_removed`` / ``role_removed`` (they removed it, I had changed it),
    ``task_order`` / ``role_order`` (we both reordered). ``mine`` and ``theirs``
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
            mine, theirs = _letter(mine, lang), _letter(theirs, lang)
        field_name = translate(f"store.field_{self.field}", lang) if self.field else ""
        return translate(f"store.conflict_{self.kind}", lang, task=_quote(self.task), role=self.role,
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
    mine_moved = not _same_relative_order(base, mine)
    theirs_moved = not _same_relative_order(base, theirs)
    if mine_moved and not theirs_moved:
        primary, source = mine, theirs
    else:
        primary, source = theirs, mine
        if mine_moved and theirs_moved and not _same_relative_order(mine, theirs):
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
        self.row = _positions(self.ids)
        self.shorts = plan.role_names
        self.col = _positions(self.shorts)
        self.roles = {r.short: r for r in plan.roles}
        self.rows = _task_rows(plan)

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
        base_values = b.values(task_id) if task_id in b.row else (_MISSING,) * len(TASK_FIELDS)
        mine_values = m.values(task_id)
        merged = []
        for k, name in enumerate(TASK_FIELDS):
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
    for side in (t, m):  # the usual case: the tasks are exactly one side's, so its (checked) frame is reused
        if task_order == side.ids and all(values[i] == row for i, row in zip(side.ids, side.rows, strict=True)):
            return Plan(side.plan.tasks, result_roles, cells), conflicts
    frame = pd.DataFrame([values[i] for i in task_order], columns=list(TASK_FIELDS))
    if not task_order:
        frame = pd.DataFrame({"name": [], "category": [], "nature": [], "effort": []})
    return Plan.from_columns(frame, result_roles, cells), conflicts
