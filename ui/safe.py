"""User text on screen: never as HTML, and never interpreted as Markdown."""

from __future__ import annotations

import re

# What starts Markdown anywhere in a line: links, images, emphasis, code, HTML, LaTeX, emoji and icon
# shortcodes, tables, entities...
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#!|~$:&])")
# ...and what starts it only at the start of a line: bullets and heading underlines, numbered lists.
_LINE_MARKS = re.compile(r"(?m)^([ \t]*)([+\-=])")
_NUMBERED = re.compile(r"(?m)^([ \t]*\d+)(\.)")
# GitHub-flavoured Markdown turns bare URLs, "www." names and e-mail addresses into links after
# escapes are resolved, so escaping is not enough there: a WORD JOINER (invisible, no break)
# goes where the link pattern needs two characters side by side.
_AUTOLINKS = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")
_JOINER = "\u2060"


def md(text: str) -> str:
    """Escape ``text`` so that Streamlit's Markdown shows it literally (no links, images, LaTeX or HTML)."""
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", _AUTOLINKS.sub(_JOINER, str(text)))
    text = _NUMBERED.sub(r"\1\\\2", _LINE_MARKS.sub(r"\1\\\2", text))
    return text.replace("\n", "  \n")
