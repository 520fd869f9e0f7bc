"""Who signs this session's changes in the history.

With sign-in on (ui/auth.py) it is the signed-in e-mail, set on every run, and there is no name to type.
In the embedded default it is the name typed in "Tu nombre", remembered in this browser (a cookie).
That name is read at the start of a session from the request's cookies (``st.context.cookies``);
written by a tiny script component when the name changes. The name goes to the
script as data and into the cookie through ``encodeURIComponent``: it is never HTML.
"""

from __future__ import annotations

from urllib.parse import unquote

import streamlit as st

from raci.text import hidden_character, is_clean_text
from ui.auth import auth_enabled, identity
from ui.text import t

COOKIE = "raci_author"
KEY, _SAVED = "author", "_author_cookie"
MAX_CHARS = 60
_JS = f"""export default function (component) {{
    const name = (component.data || {{}}).name;
    if (typeof name === "string") {{
        document.cookie = "{COOKIE}=" + encodeURIComponent(name) + "; max-age=31536000; path=/; SameSite=Strict";
    }}
}}"""
_write_cookie = st.components.v2.component("raci_author_cookie", js=_JS)


def _clean(text: str) -> str:
    text = " ".join(text.split())[:MAX_CHARS]
    return text if is_clean_text(text) and hidden_character(text) is None else ""


def restore_author() -> None:
    """Signed in: the signed-in e-mail. Otherwise, at the start of a session: the name this browser remembers."""
    if (who := identity()) is not None:
        st.session_state[KEY] = who[0]
        return
    if KEY not in st.session_state:
        remembered = _clean(unquote(st.context.cookies.get(COOKIE, "") or ""))
        st.session_state[KEY] = remembered
        st.session_state[_SAVED] = remembered


def remember_author() -> None:
    """After the name field: when the name changed, this browser remembers the new one."""
    name = _clean(st.session_state.get(KEY, ""))
    if name != st.session_state.get(_SAVED):
        _write_cookie(data={"name": name}, key="author_cookie", height=0)
        st.session_state[_SAVED] = name


def author_field() -> None:
    """The sidebar's "Tu nombre" field; with sign-in on, no field: the author is the signed-in e-mail."""
    if auth_enabled():
        return
    st.text_input(t("store.author"), key=KEY, max_chars=MAX_CHARS, help=t("store.author_help"))
    remember_author()
