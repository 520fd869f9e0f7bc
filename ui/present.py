"""Presentation mode of the Meeting view (``?present=1``): no sidebar, no buttons, large type, the plan
on every chart."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from raci.i18n import date_text
from ui import persistence
from ui.text import lang, t

PARAM = "present"
# Larger type and no chrome: CSS only, nothing of the user's in it.
_STYLE = ("<style>html{font-size:18px}[data-testid='stHeader'],[data-testid='stSidebar'],"
          "[data-testid='stSidebarCollapsedControl']{display:none}"
          "[data-testid='stMainBlockContainer']{padding-top:1.5rem;max-width:100%}</style>")


def presenting() -> bool:
    """Whether the Meeting view is shown as a presentation."""
    return st.query_params.get(PARAM) == "1"


def _enter() -> None:
    st.query_params[PARAM] = "1"


def stop_presenting() -> None:
    st.query_params.pop(PARAM, None)


def present_switch() -> None:
    """One click to enter the presentation, or (presenting) to leave it; the large type while presenting."""
    if presenting():
        st.html(_STYLE)
        st.button(t("present.leave"), on_click=stop_presenting, icon=":material/close_fullscreen:", key="present_leave",
                  type="tertiary")
    else:
        st.button(t("present.enter"), on_click=_enter, icon=":material/slideshow:", key="present_enter",
                  help=t("present.help"))


def stamp() -> str:
    """What every chart says while presenting: the plan's name and today's date, in the reader's language."""
    today = date_text(dt.date.today(), lang())
    name = persistence.plan_name()
    return f"{name} · {today}" if name else today
