"""Each role's hours against its capacity, where the eye is: "88 / 80 h" and a bar that turns red over it."""

from __future__ import annotations

import streamlit as st

from raci.i18n import hours, number, percent
from raci.model import Plan
from ui.safe import md
from ui.text import lang, t

OK_COLOR, OVER_COLOR, TRACK_COLOR = "#2E7D6B", "#C62828", "#E6E6E6"
# The panel stays in view while the task list scrolls, and its figures ("112,3 / 120 h") fit its narrow
# column at 1280 px (CSS only: no user text in it).
_STICKY = ("<style>.st-key-load_panel{position:sticky;top:3.75rem;align-self:flex-start;z-index:1;}"
           ".st-key-load_panel [data-testid='stMetricValue']{font-size:1.5rem;}"
           "div[data-testid='stColumn']:has(.st-key-load_panel){align-self:flex-start;position:sticky;"
           "top:3.75rem;}</style>")


def _bar(share: float) -> str:
    """A progress bar for ``share`` (load / capacity): numbers only, never user text."""
    width = max(0.0, min(share, 1.0)) * 100
    color = OVER_COLOR if share > 1 else OK_COLOR
    return (f'<div style="background:{TRACK_COLOR};border-radius:4px;height:8px;margin:-0.4rem 0 0.8rem">'
            f'<div style="width:{width:.1f}%;background:{color};border-radius:4px;height:8px"></div></div>')


def load_panel(plan: Plan, load: dict[str, float]) -> None:
    """One line per role: its hours, and against its capacity when it has one."""
    language = lang()
    st.html(_STICKY)
    with st.container(key="load_panel"):
        st.subheader(t("assign.load"))
        for role in plan.roles:
            hours_now = load.get(role.short, 0.0)
            if role.capacity is None:
                st.metric(md(role.short), hours(hours_now, language), help=t("assign.load_help"))
                continue
            share = hours_now / role.capacity
            value = t("capacity.of", load=number(hours_now, language, 1),
                      capacity=hours(role.capacity, language, None))
            over = hours_now - role.capacity
            st.metric(md(role.short), value, help=t("assign.load_help"),
                      delta=t("capacity.over" if over > 0 else "capacity.left", hours=hours(abs(over), language)),
                      delta_color="inverse" if over > 0 else "off", delta_arrow="off")
            st.html(_bar(share))
            st.caption(t("capacity.used", share=percent(share, language)))
