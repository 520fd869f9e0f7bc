"""What the signed-in user may do with the open plan: its role (owner, editor, viewer).

The store checks every operation itself (:mod:`raci.storage.acting`); this module only decides
what is drawn: for a viewer nothing that changes the plan is drawn enabled, and a banner says why.
In the embedded default (no sign-in) the one local user owns every plan.
"""

from __future__ import annotations

import streamlit as st

from raci.storage import StoreError
from ui import persistence
from ui.text import t

_ROLE = "plan_role"
OWNER, EDITOR, VIEWER = "owner", "editor", "viewer"


def role() -> str:
    """The user's role on the open plan (the local user of the embedded default: owner)."""
    return st.session_state.get(_ROLE) or OWNER


def set_role(value: str | None) -> None:
    st.session_state[_ROLE] = value


def refresh() -> None:
    """Read the user's role on the open plan again (each run: someone may have shared or revoked it)."""
    plan_id = st.session_state.get(persistence.PLAN_ID)
    db = persistence.store() if plan_id else None
    if db is None:
        set_role(OWNER if persistence.acting_identity().local else VIEWER)
        return
    try:
        set_role(db.role_of(plan_id) or VIEWER)
    except StoreError:
        set_role(VIEWER)  # not known right now: draw nothing that changes the plan


def can_edit() -> bool:
    return role() in (OWNER, EDITOR)


def is_owner() -> bool:
    return role() == OWNER


def read_only_banner() -> None:
    """For a viewer, one line at the top of the page: what they can do and who can change the plan."""
    if not can_edit():
        st.info(t("access.read_only"), icon=":material/visibility:")
