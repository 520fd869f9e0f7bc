"""The floor of a page with a table on this machine: a title, one metric and one small st.dataframe
(benchmarks/bench_browser.py). Streamlit loads its data grid's code when the first table arrives."""

import pandas as pd
import streamlit as st

st.title("Floor")
st.metric("Hours", "40 h")
st.dataframe(pd.DataFrame({"Task": ["Moderate", "Reply"], "SMM": ["A", "I"], "CM": ["R", "A/R"]}), hide_index=True)
