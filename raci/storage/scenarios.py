"""What-if scenarios stored with their plan: the part of :class:`~raci.storage.Store` that makes,
lists, compares, promotes and rebases them (:class:`ScenarioOperations`).

A *scenario* ("Contratar un segundo CM", "Black Friday: +50 % en Difusión")
is a row of ``plans`` like any plan, with ``parent_id`` naming the plan it came
from and ``base_version`` the parent's version it was copied from (or last
rebased on). It has its own versions and is edited like a plan: opened with
``open_plan``, saved with ``save``, renamed, its history read. Only one level:
a scenario of a scenario is refused.

* :meth:`~ScenarioOperations.create_scenario`: version 1 is the parent's head.
* :meth:`~ScenarioOperations.scenarios`: a plan's live scenarios (``list_plans``
  never lists scenarios). :meth:`~ScenarioOperations.parent_of` and
  :meth:`~ScenarioOperations.compare` (the scenario, the parent's head and the
  parent's base version together, for a comparison screen).
* :meth:`~ScenarioOperations.promote`: the scenario becomes the parent's next
  version, then goes to the bin. When the parent moved on since
  ``base_version``, the scenario's changes are re-applied on the parent's head
  with :func:`raci.history.rebase.rebase` (``base`` = the parent at
  ``base_version``, ``mine`` = the scenario, ``theirs`` = the parent's head),
  exactly as two people's edits: where both changed the same thing the plan's
  value stays and the scenario's change is listed as a :class:`Conflict`. The
  new version and the discarding are one transaction.
* :meth:`~ScenarioOperations.rebase_scenario`: the same merge saved as the
  scenario's next version, its ``base_version`` moved to the parent's head.
* Discarding is ``delete`` (soft; ``undelete`` takes it back). A plan in the
  bin hides its scenarios; purging a plan purges its scenarios.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from raci.history.describe import Description, part, quote
from raci.history.rebase import Conflict, rebase
from raci.model import Plan
from raci.storage.errors import PlanDeleted, StaleVersion, StoreError
from raci.storage.records import PlanInfo
from raci.storage.rows import check_name, now, plan_info, plan_row
from raci.storage.schema import PLANS
from raci.text import clip

#: How many times promoting (rebasing) reads again when someone saved the plan or the scenario meanwhile.
ATTEMPTS = 4


@dataclass(frozen=True)
class Promotion:
    """What :meth:`ScenarioOperations.promote` (or ``rebase_scenario``) did.

    ``plan``: the row written to (the parent's, after a promotion; the scenario's, after a
    rebase); ``conflicts``: the scenario's changes not applied because the plan changed the
    same thing differently; ``rebased``: the plan had moved on since the scenario's
    ``base_version``, so the changes were re-applied on its head; ``new_version``: a
    version was written (False when the result was already the head).
    """

    plan: PlanInfo
    conflicts: list[Conflict]
    rebased: bool
    new_version: bool = True


@dataclass(frozen=True)
class Comparison:
    """A scenario beside the plan it came from: the rows, the scenario's head (``plan``), the
    parent's head (``parent_plan``) and the parent at the scenario's ``base_version`` (``base``).

    ``raci.history.diff(base, plan)`` is what the scenario changes; ``diff(base, parent_plan)``
    what the plan did meanwhile; :meth:`merged` what promoting would save.
    """

    scenario: PlanInfo
    parent: PlanInfo
    plan: Plan
    parent_plan: Plan
    base: Plan

    @property
    def moved_on(self) -> bool:
        """The plan has versions the scenario was not based on."""
        return self.parent.head != self.scenario.base_version

    def merged(self) -> tuple[Plan, list[Conflict]]:
        """The scenario on the plan's head: the scenario as it is when the plan did not move on,
        else the rebase of its changes, with the ones not applied."""
        if not self.moved_on:
            return self.plan, []
        return rebase(self.base, self.plan, self.parent_plan)


class _Moved(StoreError):
    """Someone saved the scenario while it was being promoted: read it again (never leaves this module)."""


def _line(key: str, name: str, conflicts: list[Conflict], **params: object) -> Description:
    """A history line for a promotion or a rebase, with 'N changes not applied' when there are conflicts."""
    first = part(key, name=quote(name), **params)
    if not conflicts:
        return Description(first)
    count = len(conflicts)
    return Description([first, part(f"unapplied_{'one' if count == 1 else 'many'}", count=count)])


def _not_a_scenario(info: Any) -> StoreError:
    return StoreError("not_a_scenario", name=clip(str(info.name), 80))


def _scenario_gone(info: Any) -> PlanDeleted:
    return PlanDeleted("scenario_deleted", plan_id=info.id, name=clip(str(info.name), 80))


class ScenarioOperations:
    """The scenario operations of :class:`~raci.storage.Store` (mixed into it; see the module docstring).

    They use the Store's own ``_run``, ``_create``, ``_save``, ``open_plan`` and ``version``.
    """

    _run: Callable[..., Any]
    _create: Callable[..., PlanInfo]
    _save: Callable[..., PlanInfo]
    open_plan: Callable[[str], tuple[Plan, PlanInfo]]
    version: Callable[[str, int], Plan]

    def create_scenario(self, plan_id: str, name: str, author: str = "") -> PlanInfo:
        """A new scenario of the plan ``plan_id``: its version 1 is the plan's head, its ``base_version``
        that head's number ("Scenario created from «Plan» v3").

        Refused: a name that cannot be a plan's (``bad_name``), an unknown plan (PlanNotFound),
        a plan in the bin (PlanDeleted), a scenario (``scenario_of_scenario``).
        """
        name = check_name(name)
        plan, parent = self.open_plan(plan_id)
        if parent.is_scenario:
            raise StoreError("scenario_of_scenario", name=clip(parent.name, 80))
        if parent.deleted_at is not None:
            raise PlanDeleted("deleted", plan_id=parent.id, name=parent.name)
        description = Description.line("scenario_created", name=quote(parent.name), number=parent.head)
        return self._create(name, plan, author, description, parent=parent)

    def scenarios(self, plan_id: str, include_deleted: bool = False) -> list[PlanInfo]:
        """The plan's scenarios, most recently updated first: the live ones of a live plan (none while the
        plan is in the bin); ``include_deleted``: every one, discarded and promoted too.

        PlanNotFound for an unknown plan; a scenario has no scenarios (an empty list).
        """
        query = sa.select(PLANS).where(PLANS.c.parent_id == plan_id).order_by(PLANS.c.updated_at.desc(), PLANS.c.id)
        if not include_deleted:
            query = query.where(PLANS.c.deleted_at.is_(None))

        def work(conn: Connection) -> list[PlanInfo]:
            row = plan_row(conn, plan_id, whole=False)
            if row.deleted_at is not None and not include_deleted:
                return []
            return [plan_info(r, listing=True) for r in conn.execute(query)]

        return self._run(work)

    def parent_of(self, scenario_id: str) -> PlanInfo:
        """The row of the plan the scenario came from (``not_a_scenario`` for a plan)."""

        def work(conn: Connection) -> PlanInfo:
            row = plan_row(conn, scenario_id, whole=False)
            if row.parent_id is None:
                raise _not_a_scenario(row)
            return plan_info(plan_row(conn, row.parent_id))

        return self._run(work)

    def compare(self, scenario_id: str) -> Comparison:
        """The scenario, the plan it came from and that plan's version it is based on, read together
        (a discarded scenario, or one of a plan in the bin, can be compared too)."""
        plan, scenario = self.open_plan(scenario_id)
        if not scenario.is_scenario:
            raise _not_a_scenario(scenario)
        parent_plan, parent = self.open_plan(scenario.parent_id)  # type: ignore[arg-type]
        if parent.head == scenario.base_version:
            base = parent_plan
        else:
            base = self.version(parent.id, scenario.base_version)  # type: ignore[arg-type]
        return Comparison(scenario, parent, plan, parent_plan, base)

    def _live(self, scenario_id: str) -> Comparison:
        """:meth:`compare`, refusing a scenario in the bin (promoted or discarded) or of a plan in the bin."""
        comparison = self.compare(scenario_id)
        if comparison.scenario.deleted_at is not None:
            raise _scenario_gone(comparison.scenario)
        if comparison.parent.deleted_at is not None:
            raise PlanDeleted("deleted", plan_id=comparison.parent.id, name=comparison.parent.name)
        return comparison

    def promote(self, scenario_id: str, author: str = "") -> Promotion:
        """Make the scenario the next version of its plan ("Scenario «X» promoted", and "N changes not
        applied" when some were not), then put the scenario in the bin, in one transaction.

        When the plan moved on since the scenario's ``base_version``, the scenario's changes are
        rebased on the plan's head (see the module docstring). A result equal to the plan's head
        writes no version, and the scenario is discarded all the same. Someone saving the plan
        or the scenario meanwhile makes it read them again (up to :data:`ATTEMPTS` times, then
        ``scenario_busy``). Refused: a plan (``not_a_scenario``), a scenario already promoted or
        discarded (``scenario_deleted``), a scenario of a plan in the bin (``deleted``).
        """
        for _ in range(ATTEMPTS):
            comparison = self._live(scenario_id)
            scenario, parent = comparison.scenario, comparison.parent
            result, conflicts = comparison.merged()
            description = _line("scenario_promoted", scenario.name, conflicts)
            try:
                info = self._save(parent.id, result, parent.head, author, description, then=_discard(scenario))
            except (StaleVersion, _Moved):
                continue
            return Promotion(info, conflicts, comparison.moved_on, new_version=info.head != parent.head)
        raise StoreError("scenario_busy", name=clip(scenario.name, 80), attempts=ATTEMPTS)

    def rebase_scenario(self, scenario_id: str, author: str = "") -> Promotion:
        """Bring the scenario onto its plan's head: the merge :meth:`promote` would save, saved as the
        scenario's next version ("Scenario brought up to date with «Plan» v5"), and its ``base_version``
        moved to that head. Nothing to do (``rebased`` False) when the plan did not move on.

        The scenario's changes that clash with the plan's are not applied (``conflicts``; its
        history keeps them). Refused like :meth:`promote`.
        """
        for _ in range(ATTEMPTS):
            comparison = self._live(scenario_id)
            scenario, parent = comparison.scenario, comparison.parent
            if not comparison.moved_on:
                return Promotion(scenario, [], False, new_version=False)
            result, conflicts = comparison.merged()
            description = _line("scenario_rebased", parent.name, conflicts, number=parent.head)
            try:
                info = self._save(scenario.id, result, scenario.head, author, description,
                                  then=_based_on(scenario.id, parent.head))
            except StaleVersion:
                continue
            return Promotion(replace(info, base_version=parent.head), conflicts, True,
                             new_version=info.head != scenario.head)
        raise StoreError("scenario_busy", name=clip(scenario.name, 80), attempts=ATTEMPTS)


def _discard(scenario: PlanInfo) -> Callable[[Connection], None]:
    """In the promotion's transaction: put the scenario in the bin, if it is still as it was read."""

    def discard(conn: Connection) -> None:
        row = plan_row(conn, scenario.id, lock=True, whole=False)
        if row.deleted_at is not None:  # promoted or discarded by someone else meanwhile
            raise _scenario_gone(row)
        if row.head != scenario.head:
            raise _Moved("scenario_busy")
        conn.execute(sa.update(PLANS).where(PLANS.c.id == scenario.id).values(deleted_at=now()))

    return discard


def _based_on(scenario_id: str, number: int) -> Callable[[Connection], None]:
    """In the rebase's transaction: the scenario is now based on the plan's version ``number``."""

    def based_on(conn: Connection) -> None:
        conn.execute(sa.update(PLANS).where(PLANS.c.id == scenario_id).values(base_version=number))

    return based_on
