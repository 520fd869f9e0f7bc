"""Meeting view: made for a shared screen. Key figures, large charts, top findings; nothing to edit."""

import streamlit as st

from ui import session
from ui.figures import chart, metric_tiles
from ui.findings_panel import findings_list
from ui.text import t

st.title(t("meeting.title"))
metric_tiles()
chart("workload", height=560)
chart("split", height=520)
chart("category", height=560)
st.subheader(t("meeting.top_findings"))
findings_list(session.analysis().findings, limit=5)
chart("heatmap")
