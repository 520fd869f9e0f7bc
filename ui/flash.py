"""One-off messages for the next screen (callbacks and saves run before the page draws)."""

from __future__ import annotations

import streamlit as st

from ui.safe import md

_FLASH = "_flash"
#: The coloured box for each kind of message (also the findings' severities).
BOXES = {"error": st.error, "warning": st.warning, "info": st.info, "success": st.success}


def flash(message: str, kind: str = "success") -> None:
    """Show ``message`` at the top of the next page drawn."""
    st.session_state[_FLASH] = (kind, message)


def show_flash() -> None:
    """Show and forget the pending message, if any."""
    pending = st.session_state.pop(_FLASH, None)
    if pending:
        kind, message = pending
        BOXES.get(kind, st.info)(md(message))  # plain sentences that may quote user text: never Markdown
