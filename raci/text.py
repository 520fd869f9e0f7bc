"""Small text helpers every part of the planner shares: fold for matching, clip for quoting."""

from __future__ import annotations

import re
import unicodedata

from raci.errors import PlanError
from raci.limits import MAX_NAME_CHARS

#: What a quoted name is cut to in a message or a history line.
QUOTE_LIMIT = 60

#: Characters a name may not hold: the bidirectional embeddings, overrides and isolates
#: (they reorder what is shown, "Trojan Source") and the zero-width characters that only
#: hide a difference (zero-width space, word joiner, invisible operators, BOM). The joiners
#: U+200C/U+200D (emoji sequences, Persian, Indic scripts) and the direction marks
#: U+200E/U+200F/U+061C (right-to-left text) are allowed: :data:`IGNORED` drops them for matching.
HIDDEN = "\u200b\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
#: Invisible characters that never tell two names apart (also the allowed joiners and marks).
IGNORED = HIDDEN + "\u00ad\u061c\u180e\u200c-\u200f"
HIDDEN_PATTERN = f"[{HIDDEN}]"
IGNORED_PATTERN = f"[{IGNORED}]"
_HIDDEN = re.compile(HIDDEN_PATTERN)
_IGNORED = re.compile(IGNORED_PATTERN)


def fold(text: str) -> str:
    """Trim, collapse spaces, case-fold, strip accents and invisible characters: the key names are matched on."""
    decomposed = unicodedata.normalize("NFKD", " ".join(_IGNORED.sub("", text).split()).casefold())
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


def hidden_character(text: str) -> str | None:
    """The first character of :data:`HIDDEN` in ``text``, as "U+202E", or None."""
    match = _HIDDEN.search(text)
    return None if match is None else f"U+{ord(match.group(0)):04X}"


def printable(text: object) -> str:
    """Text as a message may print it: no NUL; a hidden character and an unpaired surrogate as escapes."""
    text = "" if text is None else str(text)
    text = _HIDDEN.sub(lambda match: f"<U+{ord(match.group(0)):04X}>", text.replace("\x00", ""))
    return text.encode("utf-8", errors="backslashreplace").decode("utf-8")


def clip(text: object, limit: int = QUOTE_LIMIT) -> str:
    """Cut and mark: printable, at most ``limit`` characters, an ellipsis where it was cut."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def file_stem(name: str, fallback: str = "raci", limit: int = 60) -> str:
    """A plan's name as the start of a file name: "Marca B (2027)" -> "marca-b-2027".

    Lower case, accents and invisible characters dropped (:func:`fold`), letters of any
    script and digits kept, every run of other characters (slashes, dots, spaces) one "-",
    at most ``limit`` characters; ``fallback`` when nothing is left.
    """
    stem = re.sub(r"[\W_]+", "-", fold(name)).strip("-")[:limit].rstrip("-")
    return stem or fallback


def check_text(text: object, what: str, error: type[PlanError] = PlanError) -> None:
    """A name of a plan (task, role, person, platform...): not empty, and :func:`check_clean`."""
    if not isinstance(text, str) or not text.strip():
        raise error("empty_name", what=what)
    check_clean(text, what, error)


def check_clean(text: str, what: str, error: type[PlanError] = PlanError) -> None:
    """No NUL, no broken character, no hidden character (:data:`HIDDEN`), at most ``MAX_NAME_CHARS``;
    refused as ``error`` (a PlanError, or the TeamError of a person's or platform's name)."""
    if not is_clean_text(text):
        raise error("bad_text", what=what)
    hidden = hidden_character(text)
    if hidden:
        raise error("hidden_char", what=what, char=hidden)
    if len(text) > MAX_NAME_CHARS:
        raise error("text_too_long", what=what, limit=MAX_NAME_CHARS, found=len(text))
