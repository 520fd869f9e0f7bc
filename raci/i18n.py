"""Translations and the reader's numbers and dates: one catalogue per language, ``translate``,
and Babel's CLDR formats for figures ("80,1 h", "1.234 h", "2 dic 2026" in Spanish;
"80.1 h", "1,234 h", "2 Dec 2026" in English).

Texts live in ``raci/locales/<lang>/*.json`` (one file per area: plan, files,
rules, app), as flat objects of ``"key": "text with {placeholders}"``. The
language is always an argument, never a global: one app process serves users
of both languages at once.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from functools import cache
from pathlib import Path
from string import Formatter

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal, format_percent

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


@cache
def placeholders(key: str, lang: str) -> frozenset[str]:
    """The names of the ``{placeholders}`` the text for ``key`` in ``lang`` uses."""
    text = texts(normalise_lang(lang)).get(key) or texts(DEFAULT_LANG).get(key) or key
    try:
        return frozenset(field.split(".")[0].split("[")[0] for _, field, _, _ in Formatter().parse(text) if field)
    except ValueError:
        return frozenset()


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


# ----- numbers and dates in the reader's language ---------------------------------------------
def number(value: float, lang: str, digits: int = 0) -> str:
    """1234.5 -> '1,234.5' (en) or '1.234,5' (es), with exactly ``digits`` decimals."""
    value = float(value)
    if not math.isfinite(value):
        return "—"
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(round(value, digits) + 0.0, format=pattern, locale=normalise_lang(lang))  # + 0.0: no "-0"


def decimals(value: float, most: int = 2) -> int:
    """0 for whole figures, else as many decimals as the value needs, at most ``most``."""
    for digits in range(most):
        if round(value, digits) == value:
            return digits
    return most


def hours(value: float, lang: str, digits: int | None = 1) -> str:
    """Hours as a figure with its unit: '80.1 h' / '80,1 h'; ``digits=None``: as many as needed (up to 2)."""
    digits = decimals(value) if digits is None else digits
    return f"{number(value, lang, digits)} h"


def percent(share: float, lang: str, digits: int = 0) -> str:
    """0.45 -> '45%' (en) or '45 %' (es)."""
    share = float(share)
    if not math.isfinite(share):
        return "—"
    text = format_percent(round(share, digits + 2) + 0.0, locale=normalise_lang(lang), decimal_quantization=False)
    return text.replace("\u00a0", " ")  # CLDR's no-break space before '%': a plain one, as in our texts


def date_text(moment: dt.date, lang: str) -> str:
    """A date, or a date and time for a datetime: '2 Dec 2026' / '2 dic 2026', then ', 09:30'."""
    locale = normalise_lang(lang)
    if isinstance(moment, dt.datetime):
        return format_datetime(moment, "d MMM y, HH:mm", locale=locale)
    return format_date(moment, "d MMM y", locale=locale)
