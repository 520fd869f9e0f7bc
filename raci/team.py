"""The people behind the roles, and the platforms a plan's per-platform tasks repeat on.

A person has a name, hours available per month and the share of those hours given to
each role ("Pablo: CM 50 %, Diseño 50 %"). Shares may add up to more than 100 %: an
overbooked person is what a planner must see, so it is allowed here and flagged by the
``person-overbooked`` rule. "CM x 2" is two people in the CM role.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from raci.errors import PlanError
from raci.text import check_text, fold

#: Hours a month of one full-time person (the default of a new person; one FTE for the advice).
FULL_TIME_HOURS = 140.0
#: The platforms the app suggests when a plan adds one (a plan lists its own; see data/catalogue.toml).
SUGGESTED_PLATFORMS: tuple[str, ...] = ("Instagram", "TikTok", "LinkedIn", "X", "Facebook", "YouTube",
                                        "Threads", "Pinterest", "WhatsApp", "Twitch")
MAX_PEOPLE = 2_000
MAX_PLATFORMS = 50
MAX_PERSON_HOURS = 744.0  # every hour of a 31-day month


class TeamError(PlanError):
    """People or platforms that cannot be: a bad name, hours, share, or a role the plan lacks."""


def _check_name(text: object, what: str) -> str:
    check_text(text, what, TeamError)
    return text.strip()


@dataclass(frozen=True)
class Person:
    """Someone on the team: ``hours`` a month, and the share (0 to 1] of them given to each role."""

    name: str
    hours: float = FULL_TIME_HOURS
    roles: Mapping[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", _check_name(self.name, "person_name"))
        hours = self.hours
        if isinstance(hours, bool) or not isinstance(hours, (int, float)) or not math.isfinite(hours) \
                or not 0 <= hours <= MAX_PERSON_HOURS:
            raise TeamError("bad_person_hours", name=self.name, value=hours, limit=MAX_PERSON_HOURS)
        object.__setattr__(self, "hours", float(hours))
        shares: dict[str, float] = {}
        for role, share in dict(self.roles).items():
            if isinstance(share, bool) or not isinstance(share, (int, float)) or not math.isfinite(share) \
                    or not 0 < share <= 1:
                shown = f"{share * 100:g} %" if isinstance(share, (int, float)) and math.isfinite(share) else share
                raise TeamError("bad_share", name=self.name, role=role, value=shown)
            shares[str(role)] = float(share)
        object.__setattr__(self, "roles", _FrozenShares(shares))

    @property
    def booked(self) -> float:
        """The sum of the person's shares (1.0 = fully booked; above it, overbooked)."""
        return sum(self.roles.values())

    def hours_in(self, role: str) -> float:
        return self.hours * self.roles.get(role, 0.0)

    def as_dict(self) -> dict[str, object]:
        hours = int(self.hours) if self.hours.is_integer() else self.hours
        return {"name": self.name, "hours": hours, "roles": dict(self.roles)}


class _FrozenShares(dict):
    """A person's shares: a dict that cannot change (people are immutable, like plans)."""

    def _refuse(self, *args: object, **kwargs: object) -> None:
        raise TypeError("a person's shares cannot change; build a new Person")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = _refuse  # type: ignore[assignment]

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(tuple(sorted(self.items())))


@dataclass(frozen=True)
class Team:
    """The people of a plan and the platforms it publishes on."""

    people: tuple[Person, ...] = ()
    platforms: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        people = tuple(self.people)
        if len(people) > MAX_PEOPLE:
            raise TeamError("too_many_people", limit=MAX_PEOPLE, found=len(people))
        _unique((p.name for p in people), "duplicate_person")
        platforms = tuple(_check_name(p, "platform") for p in self.platforms)
        if len(platforms) > MAX_PLATFORMS:
            raise TeamError("too_many_platforms", limit=MAX_PLATFORMS, found=len(platforms))
        _unique(platforms, "duplicate_platform")
        object.__setattr__(self, "people", people)
        object.__setattr__(self, "platforms", platforms)

    def check_roles(self, roles: Iterable[str]) -> None:
        """Every share names a role of the plan."""
        known = set(roles)
        for person in self.people:
            for role in person.roles:
                if role not in known:
                    raise TeamError("unknown_person_role", name=person.name, role=role)

    def person(self, name: str) -> Person:
        for person in self.people:
            if person.name == name:
                return person
        raise TeamError("unknown_person", name=name)

    def people_in(self, role: str) -> list[Person]:
        return [p for p in self.people if role in p.roles]

    def renamed_role(self, old: str, new: str) -> Team:
        people = tuple(Person(p.name, p.hours, {new if r == old else r: s for r, s in p.roles.items()})
                       for p in self.people)
        return Team(people, self.platforms)

    def without_role(self, role: str) -> Team:
        people = tuple(Person(p.name, p.hours, {r: s for r, s in p.roles.items() if r != role})
                       for p in self.people)
        return Team(people, self.platforms)


def _unique(names: Iterable[str], code: str) -> None:
    seen: set[str] = set()
    for name in names:
        key = fold(name)
        if key in seen:
            raise TeamError(code, name=name)
        seen.add(key)
