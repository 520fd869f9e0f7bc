"""Reading the parts of a version-2 plan file (raci/files/json.py) that say who staffs the roles.
Every problem is a PlanFileError naming the JSON path and what is wrong, like the rest of the reader.

- A task's ``recurrence`` (optional): the effort as a recurrence, ``times`` (above 0) per
  ``per`` (``"day"``, ``"week"`` or ``"month"``), ``minutes`` each (above 0), ``per_platform``
  (default ``false``: when true it repeats on every platform), ``estimate`` (default ``false``:
  the planner's own estimate). The task's hours are derived from it (:mod:`raci.recurrence`);
  ``effort_hours`` is written alongside for readers that ignore recurrences, and recomputed.
- ``platforms`` (default ``[]``): the platforms the plan publishes on, in order; unique names.
- ``people`` (default ``[]``): who staffs the roles. Each person: ``name`` (required, unique),
  ``hours`` a month (0 to 744, default 140) and ``roles``, an object from role short names to
  the share of those hours (above 0, at most 1; shares may add up to more than 1, which the
  rules flag).
"""

from __future__ import annotations

from typing import Any

from raci.files.errors import PlanFileError
from raci.recurrence import Recurrence, RecurrenceError
from raci.team import FULL_TIME_HOURS, MAX_PEOPLE, MAX_PERSON_HOURS, MAX_PLATFORMS, Person, Team, TeamError
from raci.text import clip

_RECURRENCE_KEYS = ("times", "per", "minutes", "per_platform", "estimate")
_PERSON_KEYS = ("name", "hours", "roles")


class TeamReading:
    """The version-2 parts of :class:`raci.files.json.Reader`, which provides ``items``, ``keys``,
    ``name``, ``text``, ``path``, ``show`` and ``is_number``."""

    def team(self, document: dict, index: dict[str, int]) -> Team:
        platforms = document.get("platforms", [])
        self.items(platforms, "$.platforms", list, "json_not_list")
        if len(platforms) > MAX_PLATFORMS:
            raise PlanFileError("json_too_many", column="$.platforms", limit=MAX_PLATFORMS, found=len(platforms))
        for k, platform in enumerate(platforms):
            where = self.path("$.platforms", k)
            if not isinstance(platform, str):
                raise PlanFileError("json_not_text", column=where, value=self.show(platform))
            self.name(platform, where)
        raw = document.get("people", [])
        self.items(raw, "$.people", list, "json_not_list")
        if len(raw) > MAX_PEOPLE:
            raise PlanFileError("json_too_many", column="$.people", limit=MAX_PEOPLE, found=len(raw))
        people = []
        for k, item in enumerate(raw):
            path = self.path("$.people", k)
            self.items(item, path, dict, "json_not_object")
            self.keys(item, path, _PERSON_KEYS, required=("name", "roles"))
            name = self.text(item, "name", path)
            self.name(name, self.path(path, "name"))
            hours = item.get("hours", FULL_TIME_HOURS)
            if not self.is_number(hours):
                raise PlanFileError("json_bad_value", column=self.path(path, "hours"),
                                    cause=TeamError("bad_person_hours", name=clip(name), value=self.show(hours),
                                                    limit=MAX_PERSON_HOURS))
            shares = self.items(item["roles"], self.path(path, "roles"), dict, "json_not_object")
            if getattr(shares, "repeated", None) is not None:
                raise PlanFileError("json_duplicate_key", column=self.path(path, "roles"),
                                    name=self.show(shares.repeated))
            for role, share in shares.items():
                if role not in index:
                    raise PlanFileError("json_bad_value", column=self.path(self.path(path, "roles"), role),
                                        cause=TeamError("unknown_person_role", name=clip(name), role=clip(role)))
                if not self.is_number(share):
                    raise PlanFileError("json_bad_value", column=self.path(self.path(path, "roles"), role),
                                        cause=TeamError("bad_share", name=clip(name), role=clip(role),
                                                        value=self.show(share)))
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
                raise PlanFileError("json_not_bool", column=self.path(path, flag), value=self.show(raw[flag]))
        for number_key in ("times", "minutes"):
            if not self.is_number(raw[number_key]):
                raise PlanFileError("json_bad_value", column=self.path(path, number_key),
                                    cause=RecurrenceError("bad_recurrence", what=number_key,
                                                          value=self.show(raw[number_key]), limit="…"))
        try:
            return Recurrence(raw["times"], raw["per"] if isinstance(raw["per"], str) else self.show(raw["per"]),
                              raw["minutes"], raw.get("per_platform", False), raw.get("estimate", False))
        except RecurrenceError as error:
            raise PlanFileError("json_bad_value", column=path, cause=error) from None
