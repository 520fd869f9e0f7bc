"""Small text helpers every part of the planner shares: fold for matching, clip for quoting."""

from __future__ import annotations

import unicodedata

#: What a quoted name is cut to in a message or a history line.
QUOTE_LIMIT = 60


def fold(text: str) -> str:
    """Trim, collapse spaces, case-fold and strip accents: the key names are matched on."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_clean_text(text: str) -> bool:
    """No NUL and no lone surrogate (text that no file or database can hold)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable(text: object) -> str:
    """Text as a message may print it: no NUL, an unpaired surrogate as its escape."""
    text = "" if text is None else str(text)
    return text.replace("\x00", "").encode("utf-8", errors="backslashreplace").decode("utf-8")


def clip(text: object, limit: int = QUOTE_LIMIT) -> str:
    """Cut and mark: printable, at most ``limit`` characters, an ellipsis where it was cut."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
