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
  - ``recurrence`` (version 2, optional): the effort as a recurrence, ``times`` (above 0)
    per ``per`` (``"day"``, ``"week"`` or ``"month"``), ``minutes`` each (above 0),
    ``per_platform`` (default ``false``: when true it repeats on every platform),
    ``estimate`` (default ``false``: the planner's own estimate). The task's hours are
    derived from it (:mod:`raci.recurrence`); ``effort_hours`` is written alongside
    for readers that ignore recurrences, and recomputed on reading.

- ``platforms`` (version 2, default ``[]``): the platforms the plan publishes on, in order.
- ``people`` (version 2, default ``[]``): who staffs the roles. Each person: ``name``
  (required, unique), ``hours`` a month (0 to 744, default 140) and ``roles``, an object
  from role short names to the share of those hours (above 0, at most 1; shares may add
  up to more than 1, which the rules flag).

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
import re
from typing import Any

import numpy as np
import pandas as pd

from raci import letters as L
from raci.files.errors import SHOWN_CHARS, PlanFileError
from raci.files.limits import MAX_FILE_BYTES, check_size
from raci.limits import MAX_CELLS, MAX_EFFORT_HOURS, MAX_NAME_CHARS, MAX_ROLES, MAX_TASKS
from raci.model import NATURES, PROFILES, RESERVED_ROLE_NAMES, Plan, PlanError, Role
from raci.recurrence import Recurrence, RecurrenceError
from raci.team import FULL_TIME_HOURS, MAX_PEOPLE, MAX_PERSON_HOURS, MAX_PLATFORMS, Person, Team, TeamError
from raci.text import clip, hidden_character, is_clean_text

FORMAT = "raci-plan"
VERSION = 2
READS = (1, 2)

_TOP_KEYS = ("format", "version", "roles", "tasks")
_TOP_KEYS_V2 = (*_TOP_KEYS, "platforms", "people")
_ROLE_KEYS = ("short", "name", "profile", "capacity")
_TASK_KEYS = ("name", "category", "nature", "effort_hours", "letters")
_TASK_KEYS_V2 = (*_TASK_KEYS, "recurrence")
_RECURRENCE_KEYS = ("times", "per", "minutes", "per_platform", "estimate")
_PERSON_KEYS = ("name", "hours", "roles")
_CODE_BY_LETTER = {letter: code for code, letter in enumerate(L.LETTERS)}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
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


class _Constant:
    """NaN, Infinity or -Infinity as written: JSON has no such numbers, so they are refused where read."""

    def __init__(self, token: str) -> None:
        self.token = token


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
    return _Reader().plan(document)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise PlanFileError("json_encoding", row=data.count(b"\n", 0, error.start) + 1) from None


def _parse(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_object, parse_constant=_Constant, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise PlanFileError("json_syntax", row=error.lineno, col=error.colno, reason=error.msg) from None
    except RecursionError:
        raise PlanFileError("json_too_deep") from None
    except ValueError:  # anything else json refuses (it has no position to report)
        raise PlanFileError("json_syntax", row=1, col=1, reason="invalid JSON") from None


def _path(parent: str, key: str | int) -> str:
    """'$.tasks' + 2 -> '$.tasks[2]'; '$.letters' + 'Rol 1' -> '$.letters["Rol 1"]'."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if _IDENTIFIER.fullmatch(key):
        return f"{parent}.{key}"
    return f"{parent}[{_show(key)}]"


def _show(value: object) -> str:
    """A value as a message quotes it: as JSON, on one line, at most SHOWN_CHARS characters."""
    if isinstance(value, _Constant):
        text = value.token
    elif isinstance(value, dict):
        text = "{…}" if value else "{}"
    elif isinstance(value, list):
        text = "[…]" if value else "[]"
    else:
        text = json.dumps(value, ensure_ascii=False)
    return clip(text, SHOWN_CHARS)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


class _Reader:
    """Checks a parsed document top-down and builds the plan; the first problem is raised."""

    def plan(self, document: Any) -> Plan:
        if not isinstance(document, dict) or "format" not in document:
            raise PlanFileError("json_not_plan")
        self.format_and_version(document)
        self.v2 = document["version"] >= 2
        self.keys(document, "$", _TOP_KEYS_V2 if self.v2 else _TOP_KEYS, required=_TOP_KEYS)
        roles = self.roles(document["roles"])
        index = {role.short: k for k, role in enumerate(roles)}
        tasks, cells = self.tasks(document["tasks"], roles, index)
        team = self.team(document, index) if self.v2 else Team()
        try:
            return Plan.from_columns(tasks, roles, cells, team)
        except PlanError as error:  # every check above should make this unreachable
            raise PlanFileError("json_invalid", cause=error) from None

    # ----- people and platforms (version 2) -------------------------------------
    def team(self, document: dict, index: dict[str, int]) -> Team:
        platforms = document.get("platforms", [])
        self.items(platforms, "$.platforms", list, "json_not_list")
        if len(platforms) > MAX_PLATFORMS:
            raise PlanFileError("json_too_many", column="$.platforms", limit=MAX_PLATFORMS, found=len(platforms))
        for k, platform in enumerate(platforms):
            where = _path("$.platforms", k)
            if not isinstance(platform, str):
                raise PlanFileError("json_not_text", column=where, value=_show(platform))
            self.name(platform, where)
        raw = document.get("people", [])
        self.items(raw, "$.people", list, "json_not_list")
        if len(raw) > MAX_PEOPLE:
            raise PlanFileError("json_too_many", column="$.people", limit=MAX_PEOPLE, found=len(raw))
        people = []
        for k, item in enumerate(raw):
            path = _path("$.people", k)
            self.items(item, path, dict, "json_not_object")
            self.keys(item, path, _PERSON_KEYS, required=("name", "roles"))
            name = self.text(item, "name", path)
            self.name(name, _path(path, "name"))
            hours = item.get("hours", FULL_TIME_HOURS)
            if not _is_number(hours):
                raise PlanFileError("json_bad_value", column=_path(path, "hours"),
                                    cause=TeamError("bad_person_hours", name=clip(name), value=_show(hours),
                                                    limit=MAX_PERSON_HOURS))
            shares = self.items(item["roles"], _path(path, "roles"), dict, "json_not_object")
            if getattr(shares, "repeated", None) is not None:
                raise PlanFileError("json_duplicate_key", column=_path(path, "roles"), name=_show(shares.repeated))
            for role, share in shares.items():
                if role not in index:
                    raise PlanFileError("json_bad_value", column=_path(_path(path, "roles"), role),
                                        cause=TeamError("unknown_person_role", name=clip(name), role=clip(role)))
                if not _is_number(share):
                    raise PlanFileError("json_bad_value", column=_path(_path(path, "roles"), role),
                                        cause=TeamError("bad_share", name=clip(name), role=clip(role),
                                                        value=_show(share)))
            try:
                people.append(Person(name, hours, dict(shares)))
            except TeamError as error:
                raise PlanFileError("json_bad_value", column=path, cause=error) from None
        try:
            return Team(tuple(people), tuple(platforms))
        except TeamError as error:  # a repeated name
            raise PlanFileError("json_bad_value", column="$.people" if error.key == "duplicate_person"
                                else "$.platforms", cause=error) from None

    def recurrence(self, raw: Any, path: str) -> Recurrence:
        self.items(raw, path, dict, "json_not_object")
        self.keys(raw, path, _RECURRENCE_KEYS, required=("times", "per", "minutes"))
        for flag in ("per_platform", "estimate"):
            if not isinstance(raw.get(flag, False), bool):
                raise PlanFileError("json_not_bool", column=_path(path, flag), value=_show(raw[flag]))
        for number_key in ("times", "minutes"):
            if not _is_number(raw[number_key]):
                raise PlanFileError("json_bad_value", column=_path(path, number_key),
                                    cause=RecurrenceError("bad_recurrence", what=number_key,
                                                          value=_show(raw[number_key]), limit="…"))
        try:
            return Recurrence(raw["times"], raw["per"] if isinstance(raw["per"], str) else _show(raw["per"]),
                              raw["minutes"], raw.get("per_platform", False), raw.get("estimate", False))
        except RecurrenceError as error:
            raise PlanFileError("json_bad_value", column=path, cause=error) from None

    # ----- shape ----------------------------------------------------------------
    def keys(self, obj: dict, path: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> None:
        """Repeated, then missing, then unknown keys."""
        if getattr(obj, "repeated", None) is not None:
            raise PlanFileError("json_duplicate_key", column=path, name=_show(obj.repeated))
        for key in required:
            if key not in obj:
                raise PlanFileError("json_missing_key", column=path, name=_show(key))
        for key in obj:
            if key not in allowed:
                raise PlanFileError("json_unknown_key", column=path, name=_show(key),
                                    expected=", ".join(allowed))

    @staticmethod
    def format_and_version(obj: dict) -> None:
        if getattr(obj, "repeated", None) is not None:
            raise PlanFileError("json_duplicate_key", column="$", name=_show(obj.repeated))
        if obj["format"] != FORMAT:
            raise PlanFileError("json_format", column="$.format", value=_show(obj["format"]))
        if "version" not in obj:
            raise PlanFileError("json_missing_key", column="$", name=_show("version"))
        version = obj["version"]
        if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
            raise PlanFileError("json_version_newer", column="$.version", version=version, supported=VERSION)
        if not (isinstance(version, int) and not isinstance(version, bool) and version in READS):
            raise PlanFileError("json_version", column="$.version", value=_show(version), supported=VERSION)

    @staticmethod
    def text(obj: dict, key: str, path: str, default: str = "") -> str:
        value = obj.get(key, default)
        if not isinstance(value, str):
            raise PlanFileError("json_not_text", column=_path(path, key), value=_show(value))
        return value

    @staticmethod
    def items(value: Any, path: str, kind: type, key: str) -> Any:
        if not isinstance(value, kind):
            raise PlanFileError(key, column=path, value=_show(value))
        return value

    # ----- roles ----------------------------------------------------------------
    def roles(self, raw: Any) -> list[Role]:
        self.items(raw, "$.roles", list, "json_not_list")
        if len(raw) > MAX_ROLES:
            raise PlanFileError("json_too_many", column="$.roles", limit=MAX_ROLES, found=len(raw))
        roles: list[Role] = []
        seen: set[str] = set()
        for k, item in enumerate(raw):
            path = _path("$.roles", k)
            self.items(item, path, dict, "json_not_object")
            self.keys(item, path, _ROLE_KEYS, required=("short",))
            short = self.text(item, "short", path)
            where = _path(path, "short")
            self.name(short, where)
            if short.strip().casefold() in RESERVED_ROLE_NAMES:
                raise PlanFileError("json_reserved_role", column=where, role=short)
            if short in seen:
                raise PlanFileError("json_duplicate_role", column=where, role=short)
            seen.add(short)
            name = self.text(item, "name", path)
            self.clean(name, _path(path, "name"))
            profile = item.get("profile", "other")
            if profile not in PROFILES:  # also anything that is not text
                raise PlanFileError("json_bad_profile", column=_path(path, "profile"), value=_show(profile))
            capacity = item.get("capacity")
            if capacity is not None:
                ok = _is_number(capacity) and math.isfinite(float(capacity)) and capacity > 0
                if not ok:
                    raise PlanFileError("json_bad_capacity", column=_path(path, "capacity"), value=_show(capacity))
                capacity = float(capacity)
            try:
                roles.append(Role(short, name, profile, capacity))
            except PlanError as error:  # unreachable after the checks above
                raise PlanFileError("json_invalid", column=path, cause=error) from None
        return roles

    @staticmethod
    def name(text: str, where: str) -> None:
        if not text.strip():
            raise PlanFileError("json_empty_name", column=where)
        if len(text) > MAX_NAME_CHARS:
            raise PlanFileError("json_text_too_long", column=where, limit=MAX_NAME_CHARS, found=len(text))
        _Reader.clean(text, where)

    @staticmethod
    def clean(text: str, where: str) -> None:
        if not is_clean_text(text):
            raise PlanFileError("json_bad_text", column=where)
        hidden = hidden_character(text)
        if hidden:
            raise PlanFileError("json_hidden_char", column=where, char=hidden)

    # ----- tasks ----------------------------------------------------------------
    def tasks(self, raw: Any, roles: list[Role], index: dict[str, int]) -> tuple[pd.DataFrame, np.ndarray]:
        self.items(raw, "$.tasks", list, "json_not_list")
        n = len(raw)
        if n > MAX_TASKS:
            raise PlanFileError("json_too_many", column="$.tasks", limit=MAX_TASKS, found=n)
        if n * len(roles) > MAX_CELLS:
            raise PlanFileError("json_invalid", cause=PlanError("too_many_cells", limit=MAX_CELLS, found=n * len(roles),
                                                                tasks=n, roles=len(roles)))
        names, categories, natures = [""] * n, [""] * n, [""] * n
        recurrences: list[Recurrence | None] = [None] * n
        efforts = np.zeros(n, dtype=np.float64)
        cells = np.zeros((n, len(roles)), dtype=np.int8)
        known = ", ".join(role.short for role in roles) or "—"
        for i, item in enumerate(raw):
            path = _path("$.tasks", i)
            self.items(item, path, dict, "json_not_object")
            self.keys(item, path, _TASK_KEYS_V2 if self.v2 else _TASK_KEYS, required=("name",))
            name = self.text(item, "name", path)
            self.name(name, _path(path, "name"))
            category = self.text(item, "category", path)
            self.clean(category, _path(path, "category"))
            if len(category) > MAX_NAME_CHARS:
                raise PlanFileError("json_text_too_long", column=_path(path, "category"), limit=MAX_NAME_CHARS,
                                    found=len(category))
            nature = item.get("nature", "")
            if nature not in (*NATURES, ""):
                raise PlanFileError("json_bad_nature", column=_path(path, "nature"), value=_show(nature))
            effort = item.get("effort_hours", 0)
            if not (_is_number(effort) and math.isfinite(float(effort)) and effort >= 0):
                raise PlanFileError("json_bad_effort", column=_path(path, "effort_hours"), value=_show(effort))
            if effort > MAX_EFFORT_HOURS:
                raise PlanFileError("json_effort_too_large", column=_path(path, "effort_hours"), value=_show(effort),
                                    limit=MAX_EFFORT_HOURS)
            letters = item.get("letters", {})
            letters_path = _path(path, "letters")
            self.items(letters, letters_path, dict, "json_not_object")
            if getattr(letters, "repeated", None) is not None:
                raise PlanFileError("json_duplicate_key", column=letters_path, name=_show(letters.repeated))
            row = cells[i]
            for role, letter in letters.items():
                where = _path(letters_path, role)
                k = index.get(role)
                if k is None:
                    raise PlanFileError("json_unknown_role", column=where, task=clip(name), role=clip(role),
                                        roles=known)
                code = _CODE_BY_LETTER.get(letter) if isinstance(letter, str) else None
                if code is None:
                    raise PlanFileError("json_bad_letter", column=where, task=clip(name), role=clip(role),
                                        value=_show(letter))
                row[k] = code
            if "recurrence" in item:
                recurrences[i] = self.recurrence(item["recurrence"], _path(path, "recurrence"))
            names[i], categories[i], natures[i], efforts[i] = name, category, nature, float(effort)
        frame = pd.DataFrame({"name": pd.Series(names, dtype=str), "category": pd.Series(categories, dtype=str),
                              "nature": pd.Series(natures, dtype=str), "effort": efforts,
                              "recurrence": pd.Series(recurrences, dtype=object)})
        return frame, cells
