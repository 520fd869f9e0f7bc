"""My work: one role's (or one person's) brief: what they do, own, are consulted on and told about, their load
against capacity, who owns what they work on; printable on one A4 page (HTML or PDF)."""

import streamlit as st

from ui.brief import b, current_brief, downloads, heading, load_figures, picker, sections

st.title(b("title"))
st.caption(b("intro"))
with st.columns([1, 2])[0]:  # the picker need not span the page
    chosen = picker()
if chosen is not None:
    result = current_brief(*chosen)
    heading(result)
    load_figures(result)
    downloads(result)
    sections(result)
