"""The user's language: chosen per session, from ?lang=, the switch or the browser."""

from __future__ import annotations

import streamlit as st

from raci.i18n import LANGS, normalise_lang, translate

LANG_NAMES = {"es": "Español", "en": "English"}


def resolve_lang() -> str:
    """Decide the session's language, once per run: ?lang= wins, then the switch, then the browser."""
    asked = st.query_params.get("lang")
    if asked in LANGS:
        st.session_state["lang"] = asked
    elif "lang" not in st.session_state:
        st.session_state["lang"] = normalise_lang(st.context.locale)
    return st.session_state["lang"]


def lang() -> str:
    """The session's language (cheap: screens ask for it once per task drawn)."""
    return st.session_state.get("lang") or resolve_lang()


def t(key: str, **params: object) -> str:
    """A text of the app (raci/locales/<lang>/app.json) in the session's language."""
    return translate(f"app.{key}", lang(), **params)


def _switch() -> None:
    chosen = st.session_state.get("lang_switch") or lang()
    st.session_state["lang"] = chosen
    st.query_params["lang"] = chosen


def language_switch() -> None:
    """The visible Español / English switch; keeps ?lang= in the URL in step."""
    st.session_state["lang_switch"] = lang()
    st.segmented_control(
        "Idioma / Language",
        list(LANGS),
        format_func=LANG_NAMES.get,
        key="lang_switch",
        on_change=_switch,
        required=True,
    )
