"""User text on screen: never as HTML, and never interpreted as Markdown."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$:&=])")


def md(text: str) -> str:
    """Escape ``text`` so that st.markdown shows it literally (no links, no LaTeX, no HTML)."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", str(text)).replace("\n", "  \n")
