"""The store as one user sees it: :class:`Acting` checks every operation's access itself, then does it.

``Store.acting(identity)`` is the only way the app touches plans. Every method first works out the
user's role on the plan (:func:`raci.storage.access.role_of`; a scenario has its plan's access) and
refuses with :class:`AccessDenied` (no access: one sentence for a plan that is not there, was deleted
or is someone else's) or :class:`ReadOnly` (a viewer asking to change it), then hands over to the
:class:`raci.storage.store.Store` method of the same name. Sharing, handing over and meeting links
live here too, each change written with its :class:`AccessEvent` in one transaction.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from raci.model import Plan
from raci.storage.access import (
    EDITOR,
    GRANTABLE,
    OWNER,
    VIEWER,
    AccessDenied,
    AccessEvent,
    AccessInfo,
    Grant,
    Identity,
    MeetingLink,
    ReadOnly,
    at_least,
    email,
    principal,
    role_of,
)
from raci.storage.errors import StoreError
from raci.storage.records import PlanInfo
from raci.storage.rows import new_id, now
from raci.storage.schema import ACCESS_EVENTS, MEETING_LINKS, PLAN_ACCESS, PLANS

if TYPE_CHECKING:
    from raci.storage.store import Store

#: What a session's store is also asked that is about the database, not a plan (no check needed).
_ABOUT_THE_DATABASE = frozenset({"url", "backend", "breaker", "schema_state", "schema_version", "close"})
MAX_GRANTS = 500
MAX_LINKS = 50


def admin_email() -> str | None:
    """The administrator who owns the plans of before access (``RACI_ADMIN_EMAIL``), if one is set."""
    value = os.environ.get("RACI_ADMIN_EMAIL", "").strip()
    return email(value) if value else None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


class Acting:
    """``store`` as ``identity`` may use it (see the module)."""

    def __init__(self, store: Store, identity: Identity) -> None:
        self.store = store
        self.identity = identity

    def __getattr__(self, name: str) -> Any:
        if name in _ABOUT_THE_DATABASE:
            return getattr(self.store, name)
        raise AttributeError(name)

    def __repr__(self) -> str:
        return f"Acting({self.identity.label or 'local'} on {self.store!r})"

    # ----- the rule ----------------------------------------------------------------------------
    def _role(self, conn: Connection, plan_id: object) -> str | None:
        if not isinstance(plan_id, str) or len(plan_id) > 64:
            return None
        row = conn.execute(sa.select(PLANS.c.owner, PLANS.c.parent_id).where(PLANS.c.id == plan_id)).first()
        if row is None:
            return None
        if row.parent_id is not None:  # a scenario has its plan's access
            plan_id = row.parent_id
            row = conn.execute(sa.select(PLANS.c.owner, PLANS.c.parent_id).where(PLANS.c.id == plan_id)).first()
            if row is None:  # pragma: no cover - a scenario's plan is never erased before it
                return None
        grants = conn.execute(sa.select(PLAN_ACCESS.c.principal, PLAN_ACCESS.c.role)
                              .where(PLAN_ACCESS.c.plan_id == plan_id)).all()
        return role_of(self.identity, row.owner, grants, admin_email())

    def role_of(self, plan_id: str) -> str | None:
        """The user's role on the plan (or scenario): 'owner', 'editor', 'viewer'; None: no access or no plan."""
        if self.identity.local:
            return OWNER
        return self.store._run(lambda conn: self._role(conn, plan_id))

    def _check(self, plan_id: str, needed: str) -> str:
        role = self.role_of(plan_id)
        if role is None:
            raise AccessDenied()
        if not at_least(role, needed):
            raise ReadOnly(needed)
        return role

    def _owner(self) -> str | None:
        return None if self.identity.local else self.identity.email

    # ----- plans -------------------------------------------------------------------------------
    def list_plans(self, include_deleted: bool = False) -> list[PlanInfo]:
        """The plans the user may see (most recently updated first, as the store lists them)."""
        listed = self.store.list_plans(include_deleted=include_deleted)
        if self.identity.local:
            return listed

        def work(conn: Connection) -> set[str]:
            domain = "@" + self.identity.email.rpartition("@")[2]
            granted = set(conn.execute(sa.select(PLAN_ACCESS.c.plan_id).where(
                PLAN_ACCESS.c.principal.in_([self.identity.email, domain]))).scalars())
            admin = admin_email()
            owners = conn.execute(sa.select(PLANS.c.id, PLANS.c.owner).where(PLANS.c.parent_id.is_(None))).all()
            return granted | {i for i, owner in owners if (owner or admin) in (None, self.identity.email)}

        visible = self.store._run(work)
        return [info for info in listed if info.id in visible]

    def open_plan(self, plan_id: str) -> tuple[Plan, PlanInfo]:
        self._check(plan_id, VIEWER)
        return self.store.open_plan(plan_id)

    def history(self, plan_id: str, limit: int | None = None) -> list:
        self._check(plan_id, VIEWER)
        return self.store.history(plan_id, limit)

    def version(self, plan_id: str, number: int) -> Plan:
        self._check(plan_id, VIEWER)
        return self.store.version(plan_id, number)

    def create_plan(self, name: str, plan: Plan, author: str = "") -> PlanInfo:
        """A new plan; its creator is its owner."""
        return self.store.create_plan(name, plan, author, owner=self._owner())

    def save(self, plan_id: str, plan: Plan, base_version: int, author: str = "", description: Any = None) -> PlanInfo:
        self._check(plan_id, EDITOR)
        return self.store.save(plan_id, plan, base_version, author, description)

    def restore(self, plan_id: str, number: int, base_version: int, author: str = "") -> PlanInfo:
        self._check(plan_id, EDITOR)
        return self.store.restore(plan_id, number, base_version, author)

    def rename(self, plan_id: str, name: str) -> PlanInfo:
        self._check(plan_id, EDITOR)
        return self.store.rename(plan_id, name)

    def duplicate(self, plan_id: str, name: str, author: str = "") -> PlanInfo:
        """A copy of a plan the user may see; the copy is theirs."""
        self._check(plan_id, VIEWER)
        return self.store.duplicate(plan_id, name, author, owner=self._owner())

    def delete(self, plan_id: str) -> None:
        self._check(plan_id, OWNER)
        self.store.delete(plan_id)

    def undelete(self, plan_id: str) -> PlanInfo:
        self._check(plan_id, OWNER)
        return self.store.undelete(plan_id)

    # ----- scenarios: their plan's access ------------------------------------------------------
    def scenarios(self, plan_id: str, include_deleted: bool = False) -> list[PlanInfo]:
        self._check(plan_id, VIEWER)
        return self.store.scenarios(plan_id, include_deleted=include_deleted)

    def create_scenario(self, plan_id: str, name: str, author: str = "") -> PlanInfo:
        self._check(plan_id, EDITOR)
        return self.store.create_scenario(plan_id, name, author)

    def parent_of(self, scenario_id: str) -> PlanInfo:
        self._check(scenario_id, VIEWER)
        return self.store.parent_of(scenario_id)

    def compare(self, scenario_id: str) -> Any:
        self._check(scenario_id, VIEWER)
        return self.store.compare(scenario_id)

    def promote(self, scenario_id: str, author: str = "") -> Any:
        self._check(scenario_id, EDITOR)
        return self.store.promote(scenario_id, author)

    def rebase_scenario(self, scenario_id: str, author: str = "") -> Any:
        self._check(scenario_id, EDITOR)
        return self.store.rebase_scenario(scenario_id, author)

    # ----- access ------------------------------------------------------------------------------
    def access(self, plan_id: str) -> AccessInfo:
        """The plan's owner and grants (anyone who sees the plan sees who else does)."""
        mine = self._check(plan_id, VIEWER)

        def work(conn: Connection) -> AccessInfo:
            owner = conn.execute(sa.select(PLANS.c.owner).where(PLANS.c.id == plan_id)).scalar()
            rows = conn.execute(sa.select(PLAN_ACCESS).where(PLAN_ACCESS.c.plan_id == plan_id)
                                .order_by(PLAN_ACCESS.c.principal)).all()
            grants = tuple(Grant(r.principal, r.role, r.granted_by, r.granted_at) for r in rows)
            return AccessInfo(owner or admin_email(), grants, mine)

        return self.store._run(work)

    def _event(self, conn: Connection, plan_id: str, action: str, whom: str, role: str) -> None:
        conn.execute(sa.insert(ACCESS_EVENTS).values(plan_id=plan_id, at=now(), actor=self.identity.label or "local",
                                                     action=action, principal=whom, role=role))

    def _top_level(self, plan_id: str) -> None:
        """Access is given on plans, not on scenarios (they have their plan's)."""
        parent = self.store._run(lambda conn: conn.execute(
            sa.select(PLANS.c.parent_id).where(PLANS.c.id == plan_id)).scalar())
        if parent is not None:
            raise StoreError("scenario_access")

    def share(self, plan_id: str, who: str, role: str) -> Grant:
        """Give an e-mail or a ``@domain`` the role 'editor' or 'viewer' (again: change it)."""
        self._check(plan_id, OWNER)
        self._top_level(plan_id)
        grantee = principal(who)
        if role not in GRANTABLE:
            raise StoreError("bad_role", value=str(role)[:20])
        grant = Grant(grantee, role, self.identity.label or "local", now())

        def work(conn: Connection) -> Grant:
            current = conn.execute(sa.select(sa.func.count()).select_from(PLAN_ACCESS)
                                   .where(PLAN_ACCESS.c.plan_id == plan_id)).scalar()
            if current >= MAX_GRANTS:
                raise StoreError("too_many_grants", limit=MAX_GRANTS)
            conn.execute(sa.delete(PLAN_ACCESS).where(PLAN_ACCESS.c.plan_id == plan_id,
                                                      PLAN_ACCESS.c.principal == grantee))
            conn.execute(sa.insert(PLAN_ACCESS).values(plan_id=plan_id, principal=grantee, role=role,
                                                       granted_by=grant.granted_by, granted_at=grant.granted_at))
            self._event(conn, plan_id, "shared", grantee, role)
            return grant

        return self.store._run(work, write=True)

    def unshare(self, plan_id: str, who: str) -> None:
        self._check(plan_id, OWNER)
        grantee = principal(who)

        def work(conn: Connection) -> None:
            gone = conn.execute(sa.delete(PLAN_ACCESS).where(PLAN_ACCESS.c.plan_id == plan_id,
                                                             PLAN_ACCESS.c.principal == grantee)).rowcount
            if not gone:
                raise StoreError("not_shared", who=grantee)
            self._event(conn, plan_id, "unshared", grantee, "")

        self.store._run(work, write=True)

    def transfer(self, plan_id: str, to: str) -> None:
        """Hand the plan to another owner; the former one stays as an editor."""
        self._check(plan_id, OWNER)
        self._top_level(plan_id)
        new_owner = email(to)

        def work(conn: Connection) -> None:
            former = conn.execute(sa.select(PLANS.c.owner).where(PLANS.c.id == plan_id)).scalar() or admin_email()
            conn.execute(sa.update(PLANS).where(PLANS.c.id == plan_id).values(owner=new_owner))
            conn.execute(sa.delete(PLAN_ACCESS).where(PLAN_ACCESS.c.plan_id == plan_id,
                                                      PLAN_ACCESS.c.principal == new_owner))
            if former and former != new_owner:
                conn.execute(sa.delete(PLAN_ACCESS).where(PLAN_ACCESS.c.plan_id == plan_id,
                                                          PLAN_ACCESS.c.principal == former))
                conn.execute(sa.insert(PLAN_ACCESS).values(plan_id=plan_id, principal=former, role=EDITOR,
                                                           granted_by=self.identity.label or "local",
                                                           granted_at=now()))
            self._event(conn, plan_id, "owner_changed", new_owner, OWNER)

        self.store._run(work, write=True)

    def access_log(self, plan_id: str, limit: int = 200) -> list[AccessEvent]:
        """Who changed the plan's access, newest first."""
        self._check(plan_id, VIEWER)

        def work(conn: Connection) -> list[AccessEvent]:
            rows = conn.execute(sa.select(ACCESS_EVENTS).where(ACCESS_EVENTS.c.plan_id == plan_id)
                                .order_by(ACCESS_EVENTS.c.id.desc()).limit(limit)).all()
            return [AccessEvent(r.at, r.actor, r.action, r.principal, r.role) for r in rows]

        return self.store._run(work)

    # ----- meeting links -----------------------------------------------------------------------
    def create_meeting_link(self, plan_id: str) -> str:
        """A new read-only link's token (128 bits from ``secrets``); only its hash is kept."""
        self._check(plan_id, OWNER)
        self._top_level(plan_id)
        token = secrets.token_urlsafe(16)

        def work(conn: Connection) -> str:
            live = conn.execute(sa.select(sa.func.count()).select_from(MEETING_LINKS).where(
                MEETING_LINKS.c.plan_id == plan_id, MEETING_LINKS.c.revoked_at.is_(None))).scalar()
            if live >= MAX_LINKS:
                raise StoreError("too_many_links", limit=MAX_LINKS)
            conn.execute(sa.insert(MEETING_LINKS).values(id=new_id(), plan_id=plan_id, token_hash=token_hash(token),
                                                         created_by=self.identity.label or "local", created_at=now()))
            self._event(conn, plan_id, "link_created", "", "")
            return token

        return self.store._run(work, write=True)

    def meeting_links(self, plan_id: str) -> list[MeetingLink]:
        self._check(plan_id, OWNER)

        def work(conn: Connection) -> list[MeetingLink]:
            rows = conn.execute(sa.select(MEETING_LINKS).where(MEETING_LINKS.c.plan_id == plan_id)
                                .order_by(MEETING_LINKS.c.created_at.desc())).all()
            return [MeetingLink(r.id, r.created_by, r.created_at, r.last_used_at, r.revoked_at) for r in rows]

        return self.store._run(work)

    def revoke_meeting_link(self, plan_id: str, link_id: str) -> None:
        self._check(plan_id, OWNER)

        def work(conn: Connection) -> None:
            done = conn.execute(sa.update(MEETING_LINKS).where(
                MEETING_LINKS.c.plan_id == plan_id, MEETING_LINKS.c.id == link_id,
                MEETING_LINKS.c.revoked_at.is_(None)).values(revoked_at=now())).rowcount
            if done:
                self._event(conn, plan_id, "link_revoked", "", "")

        self.store._run(work, write=True)


def open_meeting(store: Store, token: object) -> tuple[Plan, PlanInfo]:
    """The plan a live meeting link opens (its head), marking the link used; anything else AccessDenied."""
    if not isinstance(token, str) or not 10 <= len(token) <= 64:
        raise AccessDenied()

    def work(conn: Connection) -> str | None:
        row = conn.execute(sa.select(MEETING_LINKS.c.id, MEETING_LINKS.c.plan_id, PLANS.c.deleted_at)
                           .join(PLANS, PLANS.c.id == MEETING_LINKS.c.plan_id)
                           .where(MEETING_LINKS.c.token_hash == token_hash(token),
                                  MEETING_LINKS.c.revoked_at.is_(None))).first()
        if row is None or row.deleted_at is not None:
            return None
        conn.execute(sa.update(MEETING_LINKS).where(MEETING_LINKS.c.id == row.id).values(last_used_at=now()))
        return row.plan_id

    plan_id = store._run(work, write=True)
    if plan_id is None:
        raise AccessDenied()
    return store.open_plan(plan_id)
