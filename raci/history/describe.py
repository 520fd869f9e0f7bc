"""The history line, kept language-neutral: :func:`describe` says what a diff changed as keys and
parameters; :func:`render_description` says it in the reader's language.

A :class:`Description` is one or more *parts*, each a locale key of ``store.json``
and its parameters, e.g. ``{"k": "store.letters_on_task", "p": {"cells": [...],
"task": "Moderar conversaciones"}}``. It is stored as compact JSON in the
versions' ``description`` column (:meth:`Description.stored`) and rendered when
shown, so a Spanish reader sees "CM: R → A/R en 'X'" and an English one
"CM: R -> A/R on 'X'" for the same version, whoever saved it.

The stored form, exactly (anything else is plain text, shown as it is):

* a part: ``{"k": "store.<key>"}`` or ``{"k": "store.<key>", "p": {name: value}}``;
* the line: one part, or a list of parts (joined with ", ", first letter upper-cased);
* a parameter value: a string or number (as it is), a part (translated: a
  letter's absence, a field's name, a nature), ``{"h": 12.5}`` (hours, written
  the reader's way: "12.5 h" / "12,5 h"), ``{"t": "text"}`` (literal text), or a
  list of values (joined with ", ").

A description that is not of this form is plain text: the history of a
database written before descriptions were neutral, or a line the user typed,
is shown exactly as it was stored (:func:`stored_text` keeps a typed line that
happens to look like JSON from being read as a key).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from raci.history.diff import PlanDiff
from raci.i18n import hours, translate
from raci.text import clip

#: The most cells a one-task line lists before "…"; the most characters of a list of role names.
MAX_CELLS = 12
MAX_NAMES = 200
#: The most characters of a typed description, and of a neutral one's JSON.
MAX_TEXT = 1000
MAX_STORED = 4000
_PREFIX = "store."


def quote(name: str) -> str:
    """A name as a history line quotes it: spaces collapsed, clipped."""
    return clip(" ".join(name.split()))


def letter_text(letter: str, lang: str) -> str:
    """A letter as written, or the 'no letter' mark."""
    return letter or translate("store.no_letter", lang)


# ----- the neutral form ----------------------------------------------------------------------
def part(key: str, **params: Any) -> dict[str, Any]:
    """One part of a line: ``store.<key>`` and its parameters (already in the neutral form)."""
    return {"k": _PREFIX + key, "p": params} if params else {"k": _PREFIX + key}


@dataclass(frozen=True)
class Description:
    """A history line as keys and parameters; ``text(lang)`` says it, ``stored()`` is its JSON.

    ``parts`` is one part (a dict) or a list of parts (see the module docstring).
    """

    parts: dict[str, Any] | list[dict[str, Any]]

    @classmethod
    def line(cls, key: str, **params: Any) -> Description:
        """A one-part line, e.g. ``Description.line("restored", number=3)``."""
        return cls(part(key, **params))

    def stored(self) -> str:
        """The compact JSON kept in the database."""
        return json.dumps(self.parts, ensure_ascii=False, separators=(",", ":"))

    def text(self, lang: str) -> str:
        """The line in ``lang``."""
        return _render_line(self.parts, lang)

    def __str__(self) -> str:
        return self.text("en")


def stored_text(description: Description | str) -> str:
    """What the database keeps for a description: a Description's JSON, else the text as typed (clipped).

    A typed line that would read as the neutral form is wrapped as literal text
    (``{"t": ...}``), so that it is always shown as typed. A typed line is cut
    to :data:`MAX_TEXT` characters; a Description whose JSON would pass
    :data:`MAX_STORED` (``describe`` stays far below) is kept as English text.
    """
    if isinstance(description, Description):
        stored = description.stored()
        if len(stored) <= MAX_STORED:
            return stored
        description = description.text("en")  # pragma: no cover - describe() keeps its lines short
    text = clip(description, MAX_TEXT)
    if _parsed(text) is not None:
        return json.dumps({"t": text}, ensure_ascii=False, separators=(",", ":"))
    return text


def render_description(stored: Description | str | None, lang: str) -> str:
    """A stored description in ``lang``: the neutral form rendered, plain (older, typed) text as it is."""
    if stored is None:
        return ""
    if isinstance(stored, Description):
        return stored.text(lang)
    parsed = _parsed(stored)
    if parsed is None:
        return stored
    return _render_line(parsed, lang)


def _parsed(stored: str) -> Any:
    """The neutral form held in ``stored``, or None when it is plain text."""
    if not stored.startswith(("{", "[")):
        return None
    try:
        value = json.loads(stored)
    except (ValueError, RecursionError):
        return None
    if isinstance(value, dict) and set(value) == {"t"} and isinstance(value["t"], str):
        return value
    if isinstance(value, list) and value and all(_is_part(p) for p in value):
        return value
    return value if _is_part(value) else None


def _is_part(value: Any, depth: int = 0) -> bool:
    if not isinstance(value, dict) or depth > 4:
        return False
    key, params = value.get("k"), value.get("p", {})
    return (set(value) <= {"k", "p"} and isinstance(key, str) and key.startswith(_PREFIX)
            and isinstance(params, dict) and all(_is_value(v, depth + 1) for v in params.values()))


def _is_value(value: Any, depth: int) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, str | int | float):
        return True
    if isinstance(value, list):
        return all(_is_value(v, depth + 1) for v in value)
    if isinstance(value, dict) and set(value) == {"h"}:
        return isinstance(value["h"], int | float) and not isinstance(value["h"], bool)
    if isinstance(value, dict) and set(value) == {"t"}:
        return isinstance(value["t"], str)
    return _is_part(value, depth)


def _render_value(value: Any, lang: str) -> str:
    if isinstance(value, list):
        return ", ".join(_render_value(v, lang) for v in value)
    if isinstance(value, dict):
        if "h" in value:
            return hours(float(value["h"]), lang, digits=None)
        if "t" in value:
            return value["t"]
        return _render_part(value, lang)
    return str(value)


def _render_part(value: dict[str, Any], lang: str) -> str:
    params = {name: _render_value(v, lang) for name, v in value.get("p", {}).items()}
    return translate(value["k"], lang, **params)


def _render_line(parts: dict[str, Any] | list[dict[str, Any]], lang: str) -> str:
    if isinstance(parts, dict):
        return parts["t"] if "t" in parts and "k" not in parts else _render_part(parts, lang)
    line = ", ".join(_render_part(p, lang) for p in parts)
    return line[:1].upper() + line[1:]


# ----- describing a diff ------------------------------------------------------------------------
def _letter(letter: str) -> str | dict[str, Any]:
    return letter or part("no_letter")


def _value(field_name: str, value: str | float) -> Any:
    if field_name == "effort":
        return {"h": float(value)}
    if field_name == "nature":
        return part(f"nature_{value or 'none'}")
    if field_name == "name":
        return f"'{quote(str(value))}'"
    return clip(value) if value else part("no_letter")


def _counted(key: str, items: Sequence[str], names: bool = False) -> dict[str, Any]:
    """'1 task added: 'X'' or '3 tasks added'; roles (``names``) list their short names."""
    if len(items) == 1:
        return part(f"{key}_one", name=items[0])
    if names:
        return part(f"{key}_many", count=len(items), names=clip(", ".join(items), MAX_NAMES))
    return part(f"{key}_many", count=len(items))


def describe(d: PlanDiff, lang: str | None = None) -> Description:
    """A short history line for a diff, language-neutral: ``describe(d).text("es")`` says it.

    ``lang`` is accepted and ignored (older callers passed the language the
    line used to be written in); the reader's language is chosen when the line
    is shown.
    """
    if d.is_empty:
        return Description(part("no_changes"))
    only_letters = not (d.roles_added or d.roles_removed or d.roles_changed or d.tasks_added or d.tasks_removed
                        or d.task_changes or d.tasks_reordered or d.roles_reordered or d.people_added
                        or d.people_removed or d.people_changed or d.platforms_changed or d.recurrences_changed)
    if only_letters and len({c.task_id for c in d.letter_changes}) == 1:
        # One task's letters (one cell, or a new owner): say each cell. "CM: R -> A/R on 'X'"
        cells: list[Any] = [part("letter_cell", role=c.role, old=_letter(c.old), new=_letter(c.new))
                            for c in d.letter_changes[:MAX_CELLS]]
        if len(d.letter_changes) > MAX_CELLS:
            cells.append("…")
        return Description(part("letters_on_task", cells=cells, task=quote(d.letter_changes[0].task)))
    parts = []
    if d.letter_changes:
        count = len(d.letter_changes)
        parts.append(part(f"letters_changed_{'one' if count == 1 else 'many'}", count=count))
    if d.tasks_added:
        parts.append(_counted("tasks_added", [quote(t.name) for t in d.tasks_added]))
    if d.tasks_removed:
        parts.append(_counted("tasks_removed", [quote(t.name) for t in d.tasks_removed]))
    if d.task_changes:
        if len(d.task_changes) == 1:
            (change,) = d.task_changes
            parts.append(part("field_change", task=quote(change.task), field=part(f"field_{change.field}"),
                              old=_value(change.field, change.old), new=_value(change.field, change.new)))
        else:
            names = {c.task_id: c.task for c in d.task_changes}
            parts.append(_counted("tasks_edited", [quote(name) for name in names.values()]))
    if d.roles_added:
        parts.append(_counted("roles_added", [r.short for r in d.roles_added], names=True))
    if d.roles_removed:
        parts.append(_counted("roles_removed", [r.short for r in d.roles_removed], names=True))
    if d.roles_changed:
        parts.append(_counted("roles_edited", [c.role for c in d.roles_changed], names=True))
    if d.tasks_reordered:
        parts.append(part("tasks_reordered"))
    if d.roles_reordered:
        parts.append(part("roles_reordered"))
    for key, names in (("people_added", d.people_added), ("people_removed", d.people_removed),
                       ("people_edited", d.people_changed)):
        if names:
            parts.append(_counted(key, list(names), names=True))
    if d.platforms_changed:
        parts.append(part("platforms_changed", names=clip(", ".join(d.new.platforms), MAX_NAMES) if d.new else ""))
    if d.recurrences_changed:
        parts.append(_counted("recurrences_changed", [quote(t.name) for t in d.recurrences_changed]))
    return Description(parts)


def describe_text(d: PlanDiff, lang: str) -> str:
    """The history line of a diff as a sentence in ``lang`` (``describe(d).text(lang)``)."""
    return describe(d).text(lang)
