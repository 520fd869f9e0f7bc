"""One-off messages for the next screen (callbacks and saves run before the page draws)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from raci.storage.errors import StoreError
from ui.safe import md
from ui.text import lang

T = TypeVar("T")

_FLASH = "_flash"
#: The coloured box for each kind of message (also the findings' severities).
BOXES = {"error": st.error, "warning": st.warning, "info": st.info, "success": st.success}


def flash(message: str, kind: str = "success") -> None:
    """Show ``message`` at the top of the next page drawn."""
    st.session_state[_FLASH] = (kind, message)


def attempt(action: Callable[[], T]) -> T | None:
    """A store action; its refusal as a message on the next screen instead of a traceback (None then)."""
    try:
        return action()
    except StoreError as error:
        flash(error.message(lang()), "error")
        return None


def flash_pending() -> bool:
    """Whether a message waits for the next page drawn (a fragment's rerun does not draw it)."""
    return _FLASH in st.session_state


def show_flash() -> None:
    """Show and forget the pending message, if any."""
    pending = st.session_state.pop(_FLASH, None)
    if pending:
        kind, message = pending
        BOXES.get(kind, st.info)(md(message))  # plain sentences that may quote user text: never Markdown
