"""User text on screen: never as HTML, and never interpreted as Markdown."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&=])")
# GitHub-flavoured Markdown turns bare URLs, "www." names and e-mail addresses into links after
# escapes are resolved, so escaping is not enough there: a WORD JOINER (invisible, no break)
# goes where the link pattern needs two characters side by side.
_AUTOLINKS = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")
_JOINER = "\u2060"


def md(text: str) -> str:
    """Escape ``text`` so that Streamlit's Markdown shows it literally (no links, images, LaTeX or HTML)."""
    text = _AUTOLINKS.sub(_JOINER, str(text))
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text).replace("\n", "  \n")
