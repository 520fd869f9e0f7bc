"""The floor of a click on this machine: one segmented control and one metric (benchmarks/bench_browser.py)."""

import streamlit as st

choice = st.segmented_control("Choice", ["A", "B"], default="A", key="choice")
st.metric("Hours", f"{40 if choice == 'A' else 80} h")
