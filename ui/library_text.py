"""The task library's texts in the add-task form (raci/locales/<lang>/library.json) in the session's language."""

from __future__ import annotations

from raci.i18n import translate
from ui.text import lang


def lib(key: str, **params: object) -> str:
    """A text of the task library's part of the add-task form, in the session's language."""
    return translate(f"library.{key}", lang(), **params)
