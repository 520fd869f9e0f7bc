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
import decimal
import json
import math
from functools import cache, lru_cache
from pathlib import Path
from string import Formatter

from babel import Locale
from babel.dates import format_date, format_datetime
from babel.numbers import NumberPattern, parse_pattern

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
# Babel writes Spanish percentages with a no-break space ("45\u00a0%"); the planner writes a plain one, as it
# does before "h" ("45 %", "80,1 h"), so that a figure reads and compares the same wherever it is shown.
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " "})
_MISSING = "—"


@cache
def _pattern(lang: str, digits: int, percent: bool) -> tuple[Locale, NumberPattern]:
    """The locale and its decimal (or percent) pattern with exactly ``digits`` decimals, parsed once (Babel's
    format_decimal parses both on every call: four times slower)."""
    locale = Locale.parse(lang)
    base = locale.percent_formats[None].pattern if percent else "#,##0"
    return locale, parse_pattern(base.replace("#,##0", "#,##0" + ("." + "0" * digits if digits else ""), 1))


@lru_cache(maxsize=8192)
def _formatted(value: float, lang: str, digits: int, percent: bool) -> str:
    """A finite figure written by the locale's pattern (charts write the same few hundred figures at every edit)."""
    locale, pattern = _pattern(lang, digits, percent)
    # + 0.0 turns a -0.0 (what rounds to nothing below zero) into 0.0: no "-0".
    try:
        return pattern.apply(round(value, digits + 2 if percent else digits) + 0.0, locale).translate(_SPACES)
    except decimal.InvalidOperation:  # beyond what a decimal of that precision holds (1e308 hours)
        return f"{value:.3g}"


def number(value: float, lang: str, digits: int = 0) -> str:
    """1234.5 -> '1,234.5' (en) or '1.234,5' (es), with exactly ``digits`` decimals; never '-0', '—' if not finite."""
    value = float(value)
    if not math.isfinite(value):
        return _MISSING
    return _formatted(value, normalise_lang(lang), max(0, digits), percent=False)


def decimals(value: float, most: int = 2) -> int:
    """0 for whole figures, else the fewest decimals that show the value as ``most`` decimals would (at most ``most``).

    2.5 -> 1, 2.25 -> 2, 0.1 + 0.2 -> 1 (not 2: the float's noise is not a figure).
    """
    value = float(value)
    if not math.isfinite(value):
        return 0
    target = round(value, most)
    return next(digits for digits in range(most + 1) if round(value, digits) == target)


def hours(value: float, lang: str, digits: int | None = 1) -> str:
    """Hours as a figure with its unit: '80.1 h' / '80,1 h'; ``digits=None``: as many as needed (up to 2)."""
    digits = decimals(value) if digits is None else digits
    text = number(value, lang, digits)
    return text if text == _MISSING else f"{text} h"


def signed_hours(value: float, lang: str, digits: int = 1) -> str:
    """A change of hours with its sign: '+6,0 h' / '-6.0 h'; '0,0 h' for no change."""
    text = hours(value, lang, digits)
    return f"+{text}" if math.isfinite(value) and round(value, digits) > 0 else text


def percent(share: float, lang: str, digits: int = 0) -> str:
    """0.45 -> '45%' (en) or '45 %' (es), with exactly ``digits`` decimals; never '-0 %', '—' if not finite."""
    share = float(share)
    if not math.isfinite(share):
        return _MISSING
    return _formatted(share, normalise_lang(lang), max(0, digits), percent=True)


def date_text(moment: dt.date, lang: str) -> str:
    """A date, or a date and time for a datetime: '2 Dec 2026' / '2 dic 2026', then ', 09:30' (the time as given)."""
    locale = normalise_lang(lang)
    if isinstance(moment, dt.datetime):
        return format_datetime(moment, "d MMM y, HH:mm", tzinfo=moment.tzinfo, locale=locale)
    return format_date(moment, "d MMM y", locale=locale)
