"""The floor of a page with a chart on this machine: a title, one metric and one small Plotly chart
(benchmarks/bench_browser.py). Streamlit loads Plotly's 4.7 MB bundle when the first chart arrives."""

import plotly.graph_objects as go
import streamlit as st

st.title("Floor")
st.metric("Hours", "40 h")
st.plotly_chart(go.Figure(go.Bar(x=["SMM", "CM"], y=[80, 112])))
