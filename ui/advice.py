"""The staffing advice where the team is discussed (Team page, Meeting view): how many people
the team lacks, and for each role over capacity the document's hiring advice."""

from __future__ import annotations

import streamlit as st

from raci.analysis.advice import advice_summary, staffing_advice
from ui import session
from ui.capacity import team_use
from ui.safe import md
from ui.text import lang, t


def advice_panel() -> None:
    """Nothing until some capacity is known; then the summary, and one sentence per role over capacity."""
    use = team_use()
    if not use.known:
        return
    language = lang()
    advice = session.derived(("advice", language), lambda: staffing_advice(
        session.plan(), use, session.settings(), language, load=session.analysis().workload))
    st.subheader(t("advice.title"))
    summary = md(advice_summary(advice, use, language))
    if not advice:
        st.success(summary, icon=":material/check_circle:")
        return
    st.warning(summary, icon=":material/person_add:")
    for item in advice:
        st.markdown(md(item.message))
