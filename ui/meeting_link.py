"""A read-only meeting link (``/?meeting=TOKEN``): that plan's Meeting view, without signing in.

The token is checked by the store (``Store.open_meeting``: a live, unrevoked link, or "no access" that
says nothing of any plan). The session then holds that plan read-only: the navigation and the sidebar
are not drawn, nothing is saved, and each run reads the plan's latest version again.
"""

from __future__ import annotations

import streamlit as st

from raci.storage import StoreError
from ui import access, persistence, session
from ui.safe import md
from ui.text import lang, t


def meeting_token() -> str | None:
    token = st.query_params.get("meeting")
    return token if isinstance(token, str) and token else None


def open_meeting(token: str) -> bool:
    """Make the link's plan the session's, read-only; False (and "no access" drawn) when the link does not open."""
    db = persistence.raw_store()
    try:
        if db is None:
            raise StoreError("unavailable")
        plan, info = db.open_meeting(token)
    except StoreError as error:
        st.error(md(error.message(lang())), icon=":material/lock:")
        return False
    if st.session_state.get("plan") != plan:  # the plan's latest version, each run
        session.replace_plan(plan, save=False)
    st.session_state[persistence.NAME] = info.name
    access.set_role(access.VIEWER)
    st.caption(t("sharing.via_link", name=md(info.name)))
    return True
