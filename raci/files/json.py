"""Plan files in JSON: a documented, versioned structure for people who script.

Unlike the CSV file, the JSON file carries everything a plan holds, roles'
full names, profiles and capacities included, so ``read_json(write_json(plan))
== plan`` for every plan.

The structure (version 2)
-------------------------

::

    {
      "format": "raci-plan",
      "version": 2,
      "roles": [
        {"short": "SMM", "name": "Social Media Manager", "profile": "strategic", "capacity": 120},
        {"short": "CM", "name": "Community Manager", "profile": "operational", "capacity": null}
      ],
      "tasks": [
        {"name": "Seleccionar plataformas de redes sociales", "category": "Planificación",
         "nature": "strategic", "effort_hours": 2, "letters": {"SMM": "A/R", "CM": "C"}},
        {"name": "Moderar conversaciones en línea", "category": "Construcción de comunidad",
         "nature": "operational", "effort_hours": 14, "letters": {"SMM": "I", "CM": "A/R"},
         "recurrence": {"times": 1, "per": "day", "minutes": 10, "per_platform": true}}
      ],
      "platforms": ["Instagram", "TikTok", "LinkedIn", "Facebook"],
      "people": [{"name": "Lucía", "hours": 140, "roles": {"CM": 1.0}}]
    }

- ``format`` (required): always ``"raci-plan"``.
- ``version`` (required): the integer ``2`` (this planner also reads ``1``, the same
  structure without ``platforms``, ``people`` and ``recurrence``). A later planner
  that changes the structure writes a higher number; this one refuses a version it
  does not know.
- ``roles`` (required): the matrix's columns, in order. Each role:

  - ``short`` (required, text): the short name, the column's name; not empty,
    unique (exactly: ``"CM"`` and ``"cm"`` are two roles, which the rules flag),
    not a CSV column name (``task``, ``category``, ``nature``, ``effort_hours``...).
  - ``name`` (text, default: the short name): the full name.
  - ``profile``: ``"strategic"``, ``"operational"`` or ``"other"`` (the default).
  - ``capacity``: hours per month the role can take, a number above 0, or
    ``null`` (the default) for no stated capacity.

- ``tasks`` (required): the matrix's rows, in order. Each task:

  - ``name`` (required, text): not empty; names may repeat (the rules flag it).
  - ``category`` (text, default ``""``).
  - ``nature``: ``"strategic"``, ``"operational"`` or ``""`` (not said, the default).
  - ``effort_hours``: hours per month, a number, 0 or more (default 0).
  - ``letters``: an object from role short names to ``"R"``, ``"A"``, ``"C"``,
    ``"I"``, ``"A/R"`` or ``""`` (no letter). A role left out has no letter
    (the default ``{}`` leaves the task unassigned). Only these exact
    spellings: this is a file for programs, not a spreadsheet.
  - ``recurrence`` (version 2, optional): see below.

- ``platforms`` and ``people`` (version 2, default ``[]``): see :mod:`raci.files.json_team`.

Everything is checked: any other key, a missing required key, a repeated key,
a value of the wrong type, a letter to a role the plan does not have. The
file is UTF-8 (a BOM is allowed) of at most ``max_bytes`` (by default
:data:`raci.files.limits.MAX_FILE_BYTES`, 5 MB).

:func:`write_json` writes every key, roles in order, tasks in order, and in
``letters`` only the roles with a letter; UTF-8 without BOM, indented by two
spaces, non-ASCII text as is; whole hours as integers (``2``, not ``2.0``).

Errors
------

:func:`read_json` returns a whole plan or raises :class:`raci.files.errors.PlanFileError`,
never another exception and never half a plan. ``error.key`` says what is wrong
(its sentence is ``files.<key>`` in ``raci/locales/<lang>/files.json``). For a
JSON syntax or encoding error ``error.row`` is the line (and ``params['col']``
the column of a syntax error); for any other error ``error.column`` is the
JSON path of the value concerned, e.g. ``$.tasks[2].letters.CM`` (indexes from 0).
"""

from __future__ import annotations

import json
import math
from typing import Any

from raci import letters as L
from raci.files.errors import PlanFileError
from raci.files.json_read import FORMAT, READS, VERSION, Constant, Reader  # noqa: F401  (FORMAT, VERSION: the file's)
from raci.files.limits import MAX_FILE_BYTES, check_size
from raci.model import Plan

_MAX_EXACT_INT = 2**53


# ----- writing ------------------------------------------------------------------
def write_json(plan: Plan, compact: bool = False) -> bytes:
    """The plan as a JSON file (the structure of the module docstring), UTF-8 bytes.

    ``compact`` leaves out the indentation: for machines (the store), and ~5x faster
    because Python's C encoder only handles unindented JSON.
    """
    role_names = plan.role_names
    roles = [
        {"short": role.short, "name": role.name, "profile": role.profile,
         "capacity": None if role.capacity is None else _number(role.capacity)}
        for role in plan.roles
    ]
    letters = L.LETTER_ARRAY[plan.cells]
    tasks = [
        {"name": name, "category": category, "nature": nature, "effort_hours": _number(effort),
         "letters": {role: letter for role, letter in zip(role_names, row, strict=True) if letter}}
        for name, category, nature, effort, row in zip(
            plan.tasks["name"].tolist(), plan.tasks["category"].tolist(), plan.tasks["nature"].tolist(),
            plan.tasks["effort"].tolist(), letters.tolist(), strict=True)
    ]
    for task, recurrence in zip(tasks, plan.recurrences, strict=True):
        if recurrence is not None:
            task["recurrence"] = recurrence.as_dict()
    document = {"format": FORMAT, "version": VERSION, "roles": roles, "tasks": tasks,
                "platforms": list(plan.platforms), "people": [person.as_dict() for person in plan.people]}
    layout = {"separators": (",", ":")} if compact else {"indent": 2}
    text = json.dumps(document, ensure_ascii=False, allow_nan=False, **layout) + "\n"
    # A role's full name is the one text the model does not check: an unpaired surrogate
    # in it goes out as its JSON escape (\udXXX), which reads back as the same text.
    return text.encode("utf-8", errors="backslashreplace")


def _number(value: float) -> int | float:
    """Whole numbers as integers (2, not 2.0) where that is exact; -0.0 stays a float."""
    value = float(value)
    if value.is_integer() and abs(value) < _MAX_EXACT_INT and math.copysign(1.0, value) > 0:
        return int(value)
    return value


# ----- reading ------------------------------------------------------------------
class _Object(dict):
    """A JSON object as read, remembering a key it saw twice (reported with its path)."""

    repeated: str | None = None


def _object(pairs: list[tuple[str, Any]]) -> _Object:
    result = _Object(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                result.repeated = key
                break
            seen.add(key)
    return result


def _integer(text: str) -> int | float:
    # Beyond any float an integer is infinite for our purposes (and Python refuses
    # to parse integers of more than 4,300 digits).
    return int(text) if len(text) <= 400 else math.inf


def read_json(data: bytes | str, max_bytes: int | None = MAX_FILE_BYTES) -> Plan:
    """The plan in a JSON plan file, or :class:`PlanFileError` saying what is wrong and where.

    ``max_bytes=None`` lifts the size limit.
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    if not isinstance(data, (bytes, str)):
        raise TypeError("read_json takes the file's bytes")
    check_size(data, max_bytes)
    text = data if isinstance(data, str) else _decode(data)
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise PlanFileError("json_empty")
    document = _parse(text)
    return Reader().plan(document)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PlanFileError("json_encoding", row=data.count(b"\n", 0, error.start) + 1) from None


def _parse(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=Constant, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise PlanFileError("json_syntax", row=error.lineno, col=error.colno, reason=error.msg) from None
    except RecursionError:
        raise PlanFileError("json_too_deep") from None
    except ValueError:  # anything else json refuses (it has no position to report)
        raise PlanFileError("json_syntax", row=1, col=1, reason="invalid JSON") from None
