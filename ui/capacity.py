"""Each role's hours against its capacity, where the eye is: "88 / 80 h" and a bar that turns red over it.

A role's capacity is its people's hours in it (raci.analysis.utilisation), else its own number;
the people behind the roles follow in a small block, each against their own hours.
"""

from __future__ import annotations

import streamlit as st

from raci.analysis.utilisation import Utilisation, utilisation
from raci.i18n import hours, number, percent
from raci.model import Plan
from ui import session
from ui.safe import md
from ui.text import lang, t

OK_COLOR, OVER_COLOR, TRACK_COLOR = "#2E7D6B", "#C62828", "#E6E6E6"
# The panel stays in view while the task list scrolls, and its figures ("112,3 / 120 h") fit its narrow
# column at 1280 px (CSS only: no user text in it).
_STICKY = ("<style>.st-key-load_panel{position:sticky;top:3.75rem;align-self:flex-start;z-index:1;}"
           ".st-key-load_panel [data-testid='stMetricValue']{font-size:1.5rem;}"
           "div[data-testid='stColumn']:has(.st-key-load_panel){align-self:flex-start;position:sticky;"
           "top:3.75rem;}</style>")


def team_use() -> Utilisation:
    """Utilisation per role and person of the open plan, computed once per plan."""
    return session.derived(("utilisation",), lambda: utilisation(session.plan(), session.analysis().workload.load))


def bar(share: float) -> None:
    """A bar for ``share`` (load / capacity), red over 100 %."""
    st.html(_bar(share))


def _bar(share: float) -> str:
    """A progress bar for ``share`` (load / capacity): numbers only, never user text."""
    width = max(0.0, min(share, 1.0)) * 100
    color = OVER_COLOR if share > 1 else OK_COLOR
    return (f'<div style="background:{TRACK_COLOR};border-radius:4px;height:8px;margin:-0.4rem 0 0.8rem">'
            f'<div style="width:{width:.1f}%;background:{color};border-radius:4px;height:8px"></div></div>')


def load_panel(plan: Plan, load: dict[str, float]) -> None:
    """One line per role: its hours, and against its capacity when it has one; then the people behind them."""
    language = lang()
    use = utilisation(plan, load)
    st.html(_STICKY)
    with st.container(key="load_panel"):
        st.subheader(t("assign.load"))
        for role in use.roles:
            hours_now = role.load
            if role.capacity is None:
                st.metric(md(role.role), hours(hours_now, language), help=t("assign.load_help"))
                continue
            value = t("capacity.of", load=number(hours_now, language, 1),
                      capacity=hours(role.capacity, language, None))
            over = hours_now - role.capacity
            st.metric(md(role.role), value, help=t("assign.load_help"),
                      delta=t("capacity.over" if over > 0 else "capacity.left", hours=hours(abs(over), language)),
                      delta_color="inverse" if over > 0 else "off", delta_arrow="off")
            if role.utilisation is not None:
                st.html(_bar(role.utilisation))
                st.caption(t("capacity.used", share=percent(role.utilisation, language)))
        if use.people:
            people_block(use)
        elif not use.known:
            st.caption(t("capacity.team_hint"))


def people_block(use: Utilisation, limit: int = 12) -> None:
    """Each person's load against their hours: "Lucía · 95,2 / 140 h · 68 %" and a bar (names as text only)."""
    language = lang()
    st.markdown(f"**{t('capacity.people')}**")
    for person in use.people[:limit]:
        line = t("capacity.person_line", load=number(person.load, language, 1),
                 capacity=hours(person.hours, language, None),
                 share=percent(person.utilisation, language) if person.utilisation is not None else "—")
        st.caption(f"**{md(person.name)}** · {md(line)}")
        if person.utilisation is not None:
            st.html(_bar(person.utilisation))
    if len(use.people) > limit:
        st.caption(t("findings.more", count=len(use.people) - limit))
