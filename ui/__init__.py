"""The Streamlit front: session state, language and shared screen components."""
