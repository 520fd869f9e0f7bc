"""Who may do what with a plan: identities, roles, grants, and the one rule that gives a user's role.

* The **owner** (``plans.owner``, an e-mail) may do everything: share, hand over, delete.
* A **grant** gives an e-mail, or a whole domain (``@marca.es``), the role *editor* (change the plan,
  its scenarios) or *viewer* (see every page, present it, download it). The highest role applies.
* A plan with no owner (made before access existed) belongs to the administrator
  (``RACI_ADMIN_EMAIL``) when one is configured, and is open to everyone (everyone its owner) until then.
* :data:`LOCAL` is the one user of the embedded default (no sign-in) and of the command line: it may
  do everything, like the planner did before there was sign-in.

The store checks every operation against :func:`role_of` (:mod:`raci.storage.acting`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from raci.storage.errors import StoreError

VIEWER, EDITOR, OWNER = "viewer", "editor", "owner"
ROLES = (VIEWER, EDITOR, OWNER)
GRANTABLE = (VIEWER, EDITOR)
_RANK = {None: 0, VIEWER: 1, EDITOR: 2, OWNER: 3}
MAX_EMAIL = 254
_EMAIL = re.compile(r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+$")
_DOMAIN = re.compile(r"^@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+$")


class AccessDenied(StoreError):
    """No access: one sentence that says nothing of the plan, not even whether it exists."""

    def __init__(self) -> None:
        super().__init__("no_access")


class ReadOnly(StoreError):
    """The user sees the plan but may not do this: the sentence names the role it takes."""

    def __init__(self, needed: str) -> None:
        super().__init__(f"needs_{needed}")


def email(text: object) -> str:
    """An e-mail as kept: stripped, lower-case; StoreError ``bad_email`` for anything else."""
    value = text.strip().lower() if isinstance(text, str) else ""
    if len(value) > MAX_EMAIL or not _EMAIL.match(value):
        raise StoreError("bad_email", value=str(text)[:80])
    return value


def principal(text: object) -> str:
    """Whom a plan is shared with: an e-mail, or a domain written ``@marca.es``."""
    value = text.strip().lower() if isinstance(text, str) else ""
    if value.startswith("@"):
        if len(value) > MAX_EMAIL or not _DOMAIN.match(value):
            raise StoreError("bad_email", value=str(text)[:80])
        return value
    return email(value)


@dataclass(frozen=True)
class Identity:
    """Who acts: a signed-in e-mail (and name), or the local user (``local``) who may do everything."""

    email: str
    name: str = ""
    local: bool = False

    @classmethod
    def of(cls, address: object, name: str = "") -> Identity:
        return cls(email(address), name.strip() if isinstance(name, str) else "")

    @property
    def label(self) -> str:
        """How history and access events name this user."""
        return self.email or self.name


LOCAL = Identity("", "", local=True)


@dataclass(frozen=True)
class Grant:
    principal: str
    role: str
    granted_by: str
    granted_at: datetime


@dataclass(frozen=True)
class AccessInfo:
    """A plan's owner (None: nobody yet, open to everyone), its grants, and the acting user's role."""

    owner: str | None
    grants: tuple[Grant, ...]
    mine: str


@dataclass(frozen=True)
class MeetingLink:
    """A read-only meeting link, without its token (only its hash is kept)."""

    id: str
    created_by: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(frozen=True)
class AccessEvent:
    """Who changed a plan's access, how (``shared``, ``unshared``, ``owner_changed``, ``link_created``,
    ``link_revoked``), for whom, with what role, when."""

    at: datetime
    actor: str
    action: str
    principal: str
    role: str


def role_of(who: Identity, owner: str | None, grants: Iterable[tuple[str, str]], admin: str | None) -> str | None:
    """The role ``who`` has on a plan owned by ``owner`` with ``grants`` ((principal, role) pairs); None: none."""
    if who.local:
        return OWNER
    owner = owner or admin
    if owner is None or owner == who.email:
        return OWNER
    domain = "@" + who.email.rpartition("@")[2]
    best = None
    for grantee, role in grants:
        if grantee in (who.email, domain) and _RANK[role] > _RANK[best]:
            best = role
    return best


def at_least(role: str | None, needed: str) -> bool:
    return _RANK[role] >= _RANK[needed]
