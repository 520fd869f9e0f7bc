"""Capacity and utilisation: load / capacity per role and per person.

* A role's **capacity** is the sum of its people's hours in it (a person's hours x their
  share of the role); a role nobody staffs keeps its own optional ``Role.capacity``
  (None: no capacity known).
* A person's **load** is each role's load weighted by the person's part of that role's
  capacity: Lucía gives the CM 140 of its 210 h, so she carries 2/3 of the CM's load.
* **Utilisation** is load / capacity (a fraction: 0.95), None where no capacity is known.
  A person's is their load over their own hours (an overbooked person, shares above
  100 %, can be given more load than they have hours: that shows as over 100 %).

Everything is one pass over people and roles: O(people x roles they hold + roles).
"""

from __future__ import annotations

from dataclasses import dataclass

from raci.model import Plan


@dataclass(frozen=True)
class RoleUse:
    role: str
    capacity: float | None
    load: float
    utilisation: float | None
    staffed: bool  # the capacity comes from people (not the role's own number)


@dataclass(frozen=True)
class PersonUse:
    name: str
    hours: float
    load: float
    utilisation: float | None
    roles: dict[str, float]  # role -> share
    booked: float  # sum of shares (above 1: overbooked)


@dataclass(frozen=True)
class Utilisation:
    roles: tuple[RoleUse, ...]
    people: tuple[PersonUse, ...]

    def role(self, short: str) -> RoleUse:
        return next(r for r in self.roles if r.role == short)

    @property
    def known(self) -> bool:
        """Some role has a capacity: the team can be measured against it."""
        return any(r.capacity is not None for r in self.roles)


def capacities(plan: Plan) -> dict[str, float | None]:
    """Each role's capacity in hours a month: its people's hours in it, else its own number, else None."""
    staffed: dict[str, float] = {}
    for person in plan.people:
        for role, share in person.roles.items():
            staffed[role] = staffed.get(role, 0.0) + person.hours * share
    return {r.short: staffed[r.short] if r.short in staffed else r.capacity for r in plan.roles}


def utilisation(plan: Plan, load: dict[str, float]) -> Utilisation:
    """Utilisation per role and per person, from each role's load (``Workload.load``)."""
    capacity = capacities(plan)
    staffed = {role for person in plan.people for role in person.roles}
    roles = tuple(
        RoleUse(r.short, capacity[r.short], float(load.get(r.short, 0.0)),
                _share(load.get(r.short, 0.0), capacity[r.short]), r.short in staffed)
        for r in plan.roles
    )
    people = []
    for person in plan.people:
        carried = 0.0
        for role, share in person.roles.items():
            role_capacity = capacity.get(role)
            if role_capacity:
                carried += float(load.get(role, 0.0)) * person.hours * share / role_capacity
        people.append(PersonUse(person.name, person.hours, carried, _share(carried, person.hours),
                                dict(person.roles), person.booked))
    return Utilisation(roles, tuple(people))


def _share(load: float, capacity: float | None) -> float | None:
    if capacity is None:
        return None
    if capacity <= 0:
        return None if load <= 0 else float("inf")
    return float(load) / capacity
