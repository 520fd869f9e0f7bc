"""A click on the Assignment page redraws what it changes, not the page.

The page's tasks and figures are one ``st.fragment`` (app_pages/assign.py): a click reruns it alone,
and with it the sidebar's saved version and health, which the fragment draws too (``refresh``) in
a place the sidebar keeps for them (``slot``). A fragment may write into a container made outside
it where it wrote during the last full run; so on that page the sidebar leaves its place empty and
the fragment fills it, in the full run and in each of its own.

Whatever else a click can change on screen reruns the whole page instead: the undo buttons waking
up, a save that met someone else's version, a message waiting, a proposal to drop. ``begin`` notes
those at the start of every full run, and ``refresh`` compares.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui import persistence, session
from ui.flash import flash_pending

_SLOTS, _DRAWN, _EDITED, _WHOLE, _BY_PAGE = (
    "_live_slots", "_live_drawn", "_live_edited", "_live_whole_page", "_live_by_page")


def _screen() -> tuple:
    """What the page shows outside the fragment that a click can change."""
    return (session.can_undo(), session.can_redo(), persistence.problem(),
            st.session_state.get(persistence.PENDING) is not None, flash_pending())


def begin(page_redraws: bool) -> None:
    """At the start of a full run (raci_app.py): no slots yet, what the screen shows, and whether this page's
    fragment draws the slots (else ``slot`` draws them at once)."""
    state = st.session_state
    state.pop(_EDITED, None)
    state[_SLOTS], state[_WHOLE], state[_BY_PAGE] = {}, False, page_redraws
    state[_DRAWN] = _screen()


def slot(name: str, draw: Callable[[], None]) -> None:
    """Draw ``draw()`` here: at once, or from the page's fragment when it redraws it after a click."""
    holder = st.container()
    if st.session_state.get(_BY_PAGE):
        st.session_state[_SLOTS][name] = (holder, draw)
    else:
        with holder:
            draw()


def whole_page() -> None:
    """This screen shows something of the plan outside the fragment (an open proposal): a click redraws it all."""
    st.session_state[_WHOLE] = True


def edited() -> None:
    """In a click's callback: the rerun that follows changed the plan."""
    st.session_state[_EDITED] = True


def refresh() -> None:
    """At the top of the page's fragment: the whole page when a click changed more than the fragment shows;
    else the slots, drawn in their places."""
    state = st.session_state
    if state.pop(_EDITED, False) and (state.get(_WHOLE) or _screen() != state.get(_DRAWN)):
        st.rerun(scope="app")
    for holder, draw in state.get(_SLOTS, {}).values():
        with holder:
            draw()
