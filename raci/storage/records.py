"""What the store returns: a plan's row (:class:`PlanInfo`) and a history entry (:class:`VersionInfo`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from raci.history.describe import render_description

#: Stands for a timestamp that could not be read from a damaged row (``damaged`` is then True).
UNKNOWN_TIME = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class PlanInfo:
    """A plan's row: ``head`` is its latest version number.

    ``damaged``: the row could not be read whole (a timestamp is :data:`UNKNOWN_TIME`);
    only listings return such rows, opening the plan raises ``StoreDamaged``.
    A scenario's row (:attr:`is_scenario`) names its plan in ``parent_id`` and, in
    ``base_version``, the plan's version it was copied from or last rebased on;
    both are None for a plan.
    """

    id: str
    name: str
    head: int
    created_at: datetime
    updated_at: datetime
    updated_by: str
    deleted_at: datetime | None = None
    damaged: bool = False
    parent_id: str | None = None
    base_version: int | None = None

    @property
    def is_scenario(self) -> bool:
        """A what-if copy of another plan (see :mod:`raci.storage.scenarios`), not a plan of its own."""
        return self.parent_id is not None


@dataclass(frozen=True)
class VersionInfo:
    """One entry of a plan's history (without its content).

    ``description`` is what changed in the store's language (``Store(lang=...)``);
    :meth:`description_text` says it in the reader's. ``stored`` is the line as
    the database keeps it (language-neutral, or the plain text of an older one).
    ``damaged``: its row could not be read whole (``created_at`` is :data:`UNKNOWN_TIME`).
    """

    number: int
    created_at: datetime
    author: str
    description: str
    stored: str | None = field(default=None, repr=False, compare=False)
    damaged: bool = False

    def description_text(self, lang: str) -> str:
        """What this version changed, in ``lang`` (an older plain-text line as it was)."""
        return render_description(self.description if self.stored is None else self.stored, lang)
