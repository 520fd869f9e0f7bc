"""Where the open plan stands in the database: saved, not saved (and why), or an edit set aside."""

from __future__ import annotations

import streamlit as st

from ui import persistence, session
from ui.safe import md
from ui.text import t


def _apply_mine() -> None:
    mine = st.session_state.pop(persistence.PENDING, None)
    if mine is not None:
        session.replace_plan(mine)


def _drop_mine() -> None:
    st.session_state.pop(persistence.PENDING, None)


_OFFERED = "_pending_offered"  # the edit kept aside that the dialog was already shown for


def _choice(suffix: str = "") -> None:
    st.warning(t("store.pending"), icon=":material/merge:")
    apply, drop = st.columns(2)
    apply.button(t("store.apply_mine"), on_click=_apply_mine, key=f"apply_mine{suffix}", type="primary")
    drop.button(t("store.drop_mine"), on_click=_drop_mine, key=f"drop_mine{suffix}")


def pending_edit_offer() -> None:
    """After a conflicting save: the user's own edit, kept aside, to apply or drop.

    Where the user is: a toast and a dialog over the page the moment it happens (the
    control they clicked snaps back to the other person's version behind it); the
    same choice also stays at the top of every page until it is made.
    """
    pending = st.session_state.get(persistence.PENDING)
    if pending is None:
        return
    if st.session_state.get(_OFFERED) is not pending:
        st.session_state[_OFFERED] = pending
        st.toast(t("store.pending_toast"), icon=":material/merge:")
        st.dialog(t("store.pending_title"))(lambda: _choice("_dialog"))()
    with st.container(border=True):
        _choice()


def save_badge() -> None:
    """A line in the sidebar: saved as version N, or why not."""
    reason = persistence.problem()
    if reason:
        st.warning(md(t("store.unsaved", reason=reason)), icon=":material/cloud_off:")
    elif st.session_state.get(persistence.PLAN_ID):
        st.caption(t("store.saved", version=st.session_state[persistence.HEAD]))
