"""Translations: one catalogue per language, one ``translate`` function.

Texts live in ``raci/locales/<lang>/*.json`` (one file per area: plan, files,
rules, app), as flat objects of ``"key": "text with {placeholders}"``. The
language is always an argument, never a global: one app process serves users
of both languages at once.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

LANGS = ("es", "en")
DEFAULT_LANG = "en"
_LOCALES = Path(__file__).resolve().parent / "locales"


def normalise_lang(lang: str | None) -> str:
    """'es', 'es-ES', 'ES_mx' -> 'es'; anything that is not Spanish -> 'en'."""
    return "es" if (lang or "").strip().lower()[:2] == "es" else "en"


@cache
def texts(lang: str) -> dict[str, str]:
    """Every text of one language, keyed 'area.key' (e.g. 'rules.no-accountable')."""
    merged: dict[str, str] = {}
    for path in sorted((_LOCALES / normalise_lang(lang)).glob("*.json")):
        area = path.stem
        for key, value in json.loads(path.read_text(encoding="utf-8")).items():
            merged[f"{area}.{key}"] = value
    return merged


def translate(key: str, lang: str, **params: object) -> str:
    """The text for ``key`` in ``lang`` with ``params`` filled in.

    A missing key falls back to English, then to the key itself, so a gap in a
    translation never breaks a screen.
    """
    text = texts(normalise_lang(lang)).get(key) or texts(DEFAULT_LANG).get(key) or key
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text
