"""Who may see and change the open plan (Plans page): its owner, the people and domains it is shared with,
its read-only meeting links, and what changed in its access. Only the owner changes any of it; the store
checks that itself (raci.storage.acting), this only draws it.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from raci.i18n import date_text
from ui import access, persistence
from ui.flash import attempt, flash
from ui.safe import md
from ui.text import lang, t

_NEW_LINK = "sharing_new_link"


def _when(moment) -> str:  # noqa: ANN001
    return date_text(moment.astimezone(), lang()) if moment is not None else "—"


def _share(plan_id: str) -> None:
    state = st.session_state
    who = (state.get("share_who") or "").strip()
    if not who:
        flash(t("sharing.need_who"), "error")
        return
    role = state.get("share_role") or access.VIEWER
    if attempt(lambda: persistence.store().share(plan_id, who, role)) is not None:
        state["share_who"] = ""
        flash(t("sharing.shared", who=who, role=t(f"sharing.{role}")))


def _unshare(plan_id: str, principal: str) -> None:
    attempt(lambda: persistence.store().unshare(plan_id, principal))


def _transfer(plan_id: str) -> None:
    who = (st.session_state.get("transfer_to") or "").strip()
    if who and attempt(lambda: persistence.store().transfer(plan_id, who)) is not None:
        access.set_role(access.EDITOR)
        flash(t("sharing.transferred", who=who))


def _new_link(plan_id: str) -> None:
    token = attempt(lambda: persistence.store().create_meeting_link(plan_id))
    st.session_state[_NEW_LINK] = token


def _revoke(plan_id: str, link_id: str) -> None:
    attempt(lambda: persistence.store().revoke_meeting_link(plan_id, link_id))


def sharing_panel(plan_id: str) -> None:
    """The open plan's access: read by anyone who sees the plan, changed by its owner."""
    db = persistence.store()
    info = attempt(lambda: db.access(plan_id))
    if info is None:
        return
    st.subheader(t("sharing.title"))
    st.caption(t("sharing.owner", owner=md(info.owner or t("sharing.everyone"))))
    roles = {access.EDITOR: t("sharing.editor"), access.VIEWER: t("sharing.viewer")}
    if info.grants:
        st.dataframe(pd.DataFrame({t("sharing.who"): [g.principal for g in info.grants],
                                   t("sharing.role"): [roles.get(g.role, g.role) for g in info.grants],
                                   t("sharing.since"): [_when(g.granted_at) for g in info.grants],
                                   t("sharing.by"): [g.granted_by for g in info.grants]}), hide_index=True)
    else:
        st.caption(t("sharing.nobody"))
    if access.is_owner():
        _owner_controls(plan_id, info, roles)
    access_log(plan_id)


def _owner_controls(plan_id: str, info, roles: dict[str, str]) -> None:  # noqa: ANN001
    with st.form("share_form", border=True):
        st.markdown(f"**{t('sharing.add')}**")
        who, role = st.columns([3, 2])
        who.text_input(t("sharing.who"), key="share_who", max_chars=254, placeholder=t("sharing.who_example"))
        role.radio(t("sharing.role"), list(roles), format_func=roles.get, key="share_role", horizontal=True)
        st.form_submit_button(t("sharing.share"), on_click=_share, args=(plan_id,), type="primary")
    if info.grants:
        principals = [g.principal for g in info.grants]
        pick, remove = st.columns([3, 1], vertical_alignment="bottom")
        chosen = pick.selectbox(t("sharing.remove_who"), principals, key="unshare_who", placeholder=t("choose.one"))
        remove.button(t("sharing.remove"), on_click=lambda: _unshare(plan_id, chosen), disabled=chosen is None,
                      key="unshare_button", width="stretch")
    with st.expander(t("sharing.transfer")):
        st.text_input(t("sharing.transfer_to"), key="transfer_to", max_chars=254)
        st.button(t("sharing.transfer_button"), on_click=_transfer, args=(plan_id,), key="transfer_button")
    _links(plan_id)


def _links(plan_id: str) -> None:
    st.markdown(f"**{t('sharing.links')}**")
    st.caption(t("sharing.links_help"))
    st.button(t("sharing.new_link"), on_click=_new_link, args=(plan_id,), key="new_link",
              icon=":material/link:")
    token = st.session_state.get(_NEW_LINK)
    if token:
        base = str(st.context.url or "").split("?")[0].rsplit("/", 1)[0]
        st.success(t("sharing.link_made"), icon=":material/link:")
        st.code(f"{base}/?meeting={token}", language=None)
    links = attempt(lambda: persistence.store().meeting_links(plan_id)) or []
    for link in links:
        state = t("sharing.link_revoked", when=_when(link.revoked_at)) if link.revoked_at else \
            t("sharing.link_used", when=_when(link.last_used_at))
        text, revoke = st.columns([4, 1], vertical_alignment="center")
        text.caption(md(t("sharing.link_line", created=_when(link.created_at), by=link.created_by, state=state)))
        if link.revoked_at is None:
            revoke.button(t("sharing.revoke"), on_click=_revoke, args=(plan_id, link.id), key=f"revoke::{link.id}")


def access_log(plan_id: str) -> None:
    """Who shared the plan with whom, as what, when (Plans and History pages)."""
    events = attempt(lambda: persistence.store().access_log(plan_id)) or []
    if not events:
        return
    with st.expander(t("sharing.log", count=len(events))):
        for event in events[:50]:
            role = t("sharing.owner_role" if event.role == access.OWNER else f"sharing.{event.role}") \
                if event.role else ""
            st.caption(md(t(f"sharing.event_{event.action}", actor=event.actor, whom=event.principal, role=role,
                            when=_when(event.at))))
