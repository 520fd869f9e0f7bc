"""Checking a parsed plan file top-down and building the plan (the reader of :mod:`raci.files.json`,
whose docstring gives the structure). The first problem is raised as a PlanFileError naming the
JSON path; the version-2 parts (people, platforms, recurrences) are in :mod:`raci.files.json_team`.
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
from raci.files.json_team import TeamReading
from raci.limits import MAX_CELLS, MAX_EFFORT_HOURS, MAX_NAME_CHARS, MAX_ROLES, MAX_TASKS
from raci.model import NATURES, PROFILES, RESERVED_ROLE_NAMES, Plan, PlanError, Role
from raci.recurrence import Recurrence
from raci.team import Team
from raci.text import clip, hidden_character, is_clean_text

FORMAT = "raci-plan"
VERSION = 2
READS = (1, 2)

_TOP_KEYS = ("format", "version", "roles", "tasks")
_TOP_KEYS_V2 = (*_TOP_KEYS, "platforms", "people")
_ROLE_KEYS = ("short", "name", "profile", "capacity")
_TASK_KEYS = ("name", "category", "nature", "effort_hours", "letters")
_TASK_KEYS_V2 = (*_TASK_KEYS, "recurrence")
_CODE_BY_LETTER = {letter: code for code, letter in enumerate(L.LETTERS)}
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")



class Constant:
    """NaN, Infinity or -Infinity as written: JSON has no such numbers, so they are refused where read."""

    def __init__(self, token: str) -> None:
        self.token = token


def _path(parent: str, key: str | int) -> str:
    """'$.tasks' + 2 -> '$.tasks[2]'; '$.letters' + 'Rol 1' -> '$.letters["Rol 1"]'."""
    if isinstance(key, int):
        return f"{parent}[{key}]"
    if _IDENTIFIER.fullmatch(key):
        return f"{parent}.{key}"
    return f"{parent}[{_show(key)}]"


def _show(value: object) -> str:
    """A value as a message quotes it: as JSON, on one line, at most SHOWN_CHARS characters."""
    if isinstance(value, Constant):
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


class Reader(TeamReading):
    """Checks a parsed document top-down and builds the plan; the first problem is raised."""

    # What the version-2 parts (raci/files/json_team.py) need from here.
    path, show, is_number = staticmethod(_path), staticmethod(_show), staticmethod(_is_number)

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
        Reader.clean(text, where)

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
