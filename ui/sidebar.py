"""The sidebar every page shares: language, the open plan and its health, who is editing (and signing out)."""

from __future__ import annotations

import streamlit as st

from ui import live, persistence, session
from ui.auth import signed_in_line
from ui.author import author_field
from ui.safe import md
from ui.save_status import save_badge
from ui.scenarios import scenario_banner
from ui.text import language_switch, t
from ui.undo_keys import undo_keys


def sidebar() -> None:
    with st.sidebar:
        language_switch()
        name = persistence.plan_name()
        if name:
            st.markdown(f"**{md(name)}**")
        scenario_banner()
        back, forward = st.columns(2)
        back.button(t("undo.undo"), on_click=session.undo, disabled=not session.can_undo(), key="undo",
                    icon=":material/undo:", width="stretch", help=t("undo.help"))
        forward.button(t("undo.redo"), on_click=session.redo, disabled=not session.can_redo(), key="redo",
                       icon=":material/redo:", width="stretch")
        undo_keys()
        live.slot("status", _status)  # redrawn after an owner's click (ui/live.py)
        author_field()
        signed_in_line()


def _status() -> None:
    """The saved version and the plan's health."""
    save_badge()
    result = session.analysis()
    st.metric(t("health.score"), f"{result.score}/100")
    st.caption(t("health.counts", errors=result.counts["error"], warnings=result.counts["warning"]))
    plan = session.plan()
    st.caption(t("plan.size", tasks=plan.n_tasks, roles=plan.n_roles))
