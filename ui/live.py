"""A quick edit redraws what it changes, not the page.

A click on a task's owner reruns that task's row alone (the row is an ``st.fragment``) and then
the few parts of the screen that show the plan's figures: the hours panel, the findings, the
sidebar's health and saved version. Redrawing every row for one click cost about 6 ms a row in
the browser; this way the click costs the same for 5 tasks or 25 (benchmarks/bench_browser.py).

How, with Streamlit's fragments: the page draws those parts through ``slot``, a container. A
fragment may write into a container made outside it only where it wrote during the last full
run, so in a full run each row keeps an empty place at the end of every slot (``spots``). After
an edit the row fills its places with the figures drawn again, numbered, and
a rule of our own CSS (numbers only, no user text) hides the slot's other versions: the full
run's, and those another row drew earlier.

Whatever else an edit can change on screen reruns the whole page instead: the undo buttons
waking up, a save that met someone else's version, a message waiting, a proposal to drop.
``begin`` notes those at the start of every full run, and ``spots`` compares.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui import persistence, session
from ui.flash import flash_pending

_SLOTS, _DRAWN, _EDITED, _WHOLE, _SHOWN = (
    "_live_slots", "_live_drawn", "_live_edited", "_live_whole_page", "_live_shown")


def _screen() -> tuple:
    """What the page shows outside its slots that an edit can change."""
    return (session.can_undo(), session.can_redo(), persistence.problem(),
            st.session_state.get(persistence.PENDING) is not None, flash_pending())


def begin() -> None:
    """At the start of a full run (raci_app.py): no slots yet, and what the screen shows. A row's edit
    that ends up in a full run (Streamlit merged the reruns) needs nothing more: the run draws it all."""
    state = st.session_state
    state.pop(_EDITED, None)
    state[_SLOTS], state[_SHOWN], state[_WHOLE] = {}, {}, False
    state[_DRAWN] = _screen()


def slot(name: str, draw: Callable[[], None]) -> None:
    """Draw ``draw()`` here, in a place a row's edit draws again."""
    holder = st.container()
    st.session_state.setdefault(_SLOTS, {})[name] = (holder, draw)
    with holder, st.container(key=f"live-{name}-base"):
        draw()


def whole_page() -> None:
    """This screen shows something of the plan outside its slots (an open proposal): an edit redraws it all."""
    st.session_state[_WHOLE] = True


def edited() -> None:
    """In a row's callback: the rerun that follows is this row's, after an edit."""
    st.session_state[_EDITED] = True


def spots(row: str) -> None:
    """At the top of a row (an ``st.fragment``): in a full run, its empty place in every slot; after its edit,
    the slots' figures drawn again in those places, or the whole page when more changed."""
    state = st.session_state
    slots: dict = state.get(_SLOTS, {})
    if not state.pop(_EDITED, False):
        for holder, _ in slots.values():
            with holder:
                st.empty()
        return
    if state.get(_WHOLE) or _screen() != state.get(_DRAWN):
        st.rerun(scope="app")
    shown: dict[str, int] = state.setdefault(_SHOWN, {})  # row -> the drawing its places hold
    drawing = shown[row] = max(shown.values(), default=0) + 1
    stale = [f"live-{name}-base" for name in slots]
    stale += [f"live-{name}-{n}" for name in slots for n in shown.values() if n != drawing]
    # the keyed block, and the wrapper Streamlit puts around it (else its gap stays on screen)
    hide = ",".join(f".st-key-{key},[data-testid=stLayoutWrapper]:has(>.st-key-{key})" for key in stale)
    for k, (name, (holder, draw)) in enumerate(slots.items()):
        with holder, st.container(key=f"live-{name}-{drawing}"):
            draw()
            if k == 0:  # a <style> applies wherever it sits, even once its own drawing is hidden
                st.html(f"<style>{hide}{{display:none}}</style>")
