"""An address that names no page ("/informe-viejo") says so in the user's language.

Streamlit's own notice for it is an English dialog. When the browser asks for a page the app
does not have, a hidden page is added under that very address, so Streamlit finds it and shows
this page instead: what was asked for (as text), and a link back to the plan.
"""

from __future__ import annotations

from urllib.parse import unquote, urlparse

import streamlit as st

from raci.text import clip
from ui.safe import md
from ui.text import t


def address_page() -> str:
    """The page name in this browser's address: "" at the app's root, and for an address of several segments."""
    path = urlparse(st.context.url or "").path
    base = (st.get_option("server.baseUrlPath") or "").strip("/")
    name = unquote(path).strip("/")  # the browser sends the page name decoded
    if base and (name == base or name.startswith(f"{base}/")):
        name = name[len(base):].strip("/")
    return "" if "/" in name else name


def not_found_page(asked: str, home: st.Page) -> st.Page:
    """A hidden page at ``asked`` that says the page does not exist and leads back to ``home``."""

    def show() -> None:
        st.title(t("notfound.title"))
        st.warning(t("notfound.body", page=md(clip(asked))), icon=":material/search_off:")
        st.page_link(home, label=t("notfound.back"), icon=":material/arrow_back:")

    return st.Page(show, title=t("notfound.title"), url_path=asked, visibility="hidden")
