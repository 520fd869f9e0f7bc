"""The sidebar every page shares: language switch and the plan's health at a glance."""

from __future__ import annotations

import streamlit as st

from raci.rules import count_by_severity
from ui import session
from ui.text import language_switch, t


def sidebar() -> None:
    with st.sidebar:
        language_switch()
        result = session.analysis()
        counts = count_by_severity(result.findings)
        st.metric(t("health.score"), f"{result.score}/100")
        st.caption(t("health.counts", errors=counts["error"], warnings=counts["warning"]))
        plan = session.plan()
        st.caption(t("plan.size", tasks=plan.n_tasks, roles=plan.n_roles))
