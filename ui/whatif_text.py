"""The What if... screens' texts (raci/locales/<lang>/whatif.json) in the session's language."""

from __future__ import annotations

from raci.i18n import translate
from ui.text import lang


def w(key: str, **params: object) -> str:
    """A text of the What if... screens, in the session's language."""
    return translate(f"whatif.{key}", lang(), **params)
