"""Meeting view: made for a shared screen. Key figures, large charts, top findings; nothing to edit.

``?present=1`` (one click on *Presentar*) shows it as a presentation: see ui/present.py.
"""

import streamlit as st

from ui import session
from ui.advice import advice_panel
from ui.capacity import team_use
from ui.deck import deck_download
from ui.figures import chart, metric_tiles
from ui.findings_panel import findings_list
from ui.present import present_switch, presenting, stamp
from ui.text import t

present_switch()
mark = stamp() if presenting() else None
st.title(t("meeting.title"))
if not presenting():
    deck_download("meeting", t("files.deck_help"))
metric_tiles()
chart("workload", height=560, stamp=mark)
chart("split", height=520, stamp=mark)
if team_use().known:  # only once some capacity is known
    chart("utilisation", stamp=mark)
    advice_panel()
chart("category", height=560, stamp=mark)
st.subheader(t("meeting.top_findings"))
findings_list(session.analysis().findings, limit=5)
chart("heatmap", stamp=mark)
