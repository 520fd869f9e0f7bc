"""The history line: :func:`describe` says what a :class:`raci.history.diff.PlanDiff` changed.

"CM: R -> A/R on 'Moderate online conversations'", or a summary such as
"3 letters changed, 1 task added: 'X'"; texts are ``store.<key>``.
"""

from __future__ import annotations

from collections.abc import Sequence

from raci.history.diff import PlanDiff
from raci.i18n import translate
from raci.text import clip


def quote(name: str) -> str:
    """A name as a history line quotes it: spaces collapsed, clipped."""
    return clip(" ".join(name.split()))


def letter_text(letter: str, lang: str) -> str:
    """A letter as written, or the 'no letter' mark."""
    return letter or translate("store.no_letter", lang)


def _value(field_name: str, value: str | float, lang: str) -> str:
    if field_name == "effort":
        return translate("store.hours", lang, hours=f"{float(value):g}")
    if field_name == "nature":
        return translate(f"store.nature_{value or 'none'}", lang)
    return f"'{quote(str(value))}'" if field_name == "name" else (str(value) or translate("store.no_letter", lang))


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
        cells = ", ".join(translate("store.letter_cell", lang, role=c.role, old=letter_text(c.old, lang),
                                    new=letter_text(c.new, lang)) for c in d.letter_changes)
        return translate("store.letters_on_task", lang, cells=cells, task=quote(d.letter_changes[0].task))
    parts = []
    if d.letter_changes:
        count = len(d.letter_changes)
        parts.append(translate(f"store.letters_changed_{'one' if count == 1 else 'many'}", lang, count=count))
    if d.tasks_added:
        parts.append(_counted("tasks_added", [quote(t.name) for t in d.tasks_added], lang))
    if d.tasks_removed:
        parts.append(_counted("tasks_removed", [quote(t.name) for t in d.tasks_removed], lang))
    if d.task_changes:
        edited = list(dict.fromkeys(c.task_id for c in d.task_changes))
        if len(d.task_changes) == 1:
            (change,) = d.task_changes
            parts.append(translate("store.field_change", lang, task=quote(change.task),
                                   field=translate(f"store.field_{change.field}", lang),
                                   old=_value(change.field, change.old, lang),
                                   new=_value(change.field, change.new, lang)))
        else:
            names = {c.task_id: c.task for c in d.task_changes}
            parts.append(_counted("tasks_edited", [quote(names[t]) for t in edited], lang))
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
