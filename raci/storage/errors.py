"""The store's refusals: every one is a :class:`StoreError` (a :class:`raci.errors.RaciError`).

``key`` names the problem and ``message(lang)`` says it from ``store.json``
(``store.error_<key>``). :class:`StoreUnavailable` keeps the driver's own text
in ``detail`` for logs, never in the message.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from raci.errors import RaciError
from raci.history.describe import render_description
from raci.i18n import translate

if TYPE_CHECKING:
    from raci.model import Plan
    from raci.storage.records import PlanInfo


class StoreError(RaciError):
    """Anything the store refuses or cannot do; ``message(lang)`` says it to the user."""

    AREA, PREFIX = "store", "error_"


class StoreUnavailable(StoreError):
    """The database cannot be used: ``key`` is unreachable, timeout, locked, unwritable, disk_full,
    not_a_database, schema_newer, driver_missing, bad_url or failed. ``detail``: the driver's text, for logs."""

    def __init__(self, key: str, detail: str = "", **params: object) -> None:
        super().__init__(key, **params)
        self.detail = detail


class StoreDamaged(StoreError):
    """A stored row cannot be read (a bad timestamp, content that is not a plan): ``damaged`` names
    the plan and the version, ``damaged_plan`` the plan whose own row is damaged."""


class PlanNotFound(StoreError):
    """No plan with this id (or, for the subclasses, not in a state that allows the operation)."""


class PlanDeleted(PlanNotFound):
    """The plan is in the bin: it can be opened and undeleted, not changed."""


class VersionNotFound(PlanNotFound):
    """The plan exists but has no version with this number."""


class StaleVersion(StoreError):
    """Someone saved a newer version since ``base``: ``head`` is its number, ``plan`` its content,
    ``author`` and ``description`` who saved it and what changed, ``info`` the plan's row.

    ``description`` is the line in the store's language; ``description_text(lang)`` says it
    in any language (``stored`` is the line as the database keeps it)."""

    def __init__(self, base: int, head: int, plan: Plan, author: str, description: str,
                 created_at: datetime, info: PlanInfo, stored: str | None = None) -> None:
        super().__init__("stale", head=head, author=author, description=description)
        self.base, self.head, self.plan = base, head, plan
        self.author, self.description, self.created_at, self.info = author, description, created_at, info
        self.stored = description if stored is None else stored

    def description_text(self, lang: str) -> str:
        """What the newer version changed, in ``lang``."""
        return render_description(self.stored, lang)

    def message(self, lang: str = "en") -> str:
        """The refusal in ``lang``: who saved which version, and what changed."""
        author = self.author or translate("store.someone", lang)
        return translate("store.error_stale", lang, author=author, head=self.head,
                         description=self.description_text(lang))
