"""Dashboard: key figures, workload balance, strategic/operational split, categories, heatmap."""

import streamlit as st

from ui import session
from ui.capacity import team_use
from ui.figures import chart, metric_tiles
from ui.text import lang, t

st.title(t("dashboard.title"))
metric_tiles()
left, right = st.columns(2)
with left:
    chart("workload")
with right:
    chart("split")
if team_use().known:  # only once some capacity is known: people, or a role's own number
    chart("utilisation")
chart("category")
chart("heatmap")
with st.expander(t("dashboard.settings")):
    st.caption(t("dashboard.settings_help"))
    st.dataframe(
        [{t("dashboard.setting"): d.label, t("dashboard.value"): d.value, t("dashboard.meaning"): d.explanation}
         for d in session.settings().describe(lang())],
        hide_index=True,
    )
