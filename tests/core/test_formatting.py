"""Numbers and dates as the reader's language writes them (raci.i18n, on Babel's CLDR data)."""

import datetime as dt
import math

import pytest

from raci.i18n import date_text, decimals, hours, number, percent, signed_hours


@pytest.mark.parametrize("lang, expected", [
    ("es", ["80,1 h", "1.234 h", "2 dic 2026", "95 %", "1.234,5", "2 dic 2026, 09:05"]),
    ("en", ["80.1 h", "1,234 h", "2 Dec 2026", "95%", "1,234.5", "2 Dec 2026, 09:05"]),
])
def test_the_languages_formats(lang, expected):
    assert [
        hours(80.1, lang),
        hours(1234, lang, 0),
        date_text(dt.date(2026, 12, 2), lang),
        percent(0.95, lang),
        number(1234.5, lang, 1),
        date_text(dt.datetime(2026, 12, 2, 9, 5), lang),
    ] == expected


def test_a_language_code_is_normalised_and_anything_else_is_english():
    assert hours(80.1, "es-MX") == "80,1 h"
    assert hours(80.1, "fr") == hours(80.1, None) == "80.1 h"


def test_spaces_are_plain_spaces():
    # Babel writes "95\u00a0%" in Spanish; the planner writes "95 %", like "80,1 h".
    for text in (percent(0.95, "es"), hours(1234.5, "es"), number(1_234_567, "es")):
        assert "\u00a0" not in text and "\u202f" not in text


@pytest.mark.parametrize("lang", ["es", "en"])
def test_never_minus_zero(lang):
    assert number(-0.0, lang) == "0"
    assert number(-0.4, lang) == "0"
    assert number(-0.04, lang, 1) in ("0,0", "0.0")
    assert hours(-0.001, lang) in ("0,0 h", "0.0 h")
    assert percent(-0.001, lang) in ("0 %", "0%")
    assert number(-2, lang) == "-2"  # a real negative keeps its sign


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("value", [math.inf, -math.inf, math.nan])
def test_never_inf_or_nan(lang, value):
    for text in (number(value, lang), number(value, lang, 2), hours(value, lang), hours(value, lang, None),
                 percent(value, lang)):
        assert text == "—"
        assert "inf" not in text.lower() and "nan" not in text.lower()
    assert decimals(value) == 0


def test_exactly_the_digits_asked_for():
    assert number(2, "en", 2) == "2.00"
    assert number(2.345, "es", 0) == "2"
    assert hours(80, "en") == "80.0 h"  # the default is one decimal
    assert percent(0.45, "es", 1) == "45,0 %"
    assert percent(0.4567, "en", 1) == "45.7%"
    assert percent(12.345, "es") == "1.235 %"
    assert number(1234.5, "es", -1) == "1.234"  # a negative count is none


def test_as_many_digits_as_needed():
    assert [decimals(v) for v in (3, 2.5, 2.25, 2.257, 0.1 + 0.2, 1e-9)] == [0, 1, 2, 2, 1, 0]
    assert hours(3, "es", None) == "3 h"
    assert hours(2.5, "es", None) == "2,5 h"
    assert hours(2.25, "en", None) == "2.25 h"
    assert hours(0.1 + 0.2, "en", None) == "0.3 h"  # not "0.30 h": the float's noise is not a figure


def test_dates_and_times():
    assert date_text(dt.date(2025, 3, 5), "es") == "5 mar 2025"
    assert date_text(dt.date(2025, 9, 5), "en") == "5 Sep 2025"
    assert date_text(dt.datetime(2025, 3, 5, 21, 30), "en") == "5 Mar 2025, 21:30"
    # An aware datetime is written in its own time zone, whatever the machine's is.
    aware = dt.datetime(2025, 3, 5, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert date_text(aware, "es") == "5 mar 2025, 23:30"


@pytest.mark.parametrize("lang, up, down", [("es", "+6,0 h", "-6,0 h"), ("en", "+6.0 h", "-6.0 h")])
def test_a_change_of_hours_carries_its_sign(lang, up, down):
    assert signed_hours(6, lang) == up and signed_hours(-6, lang) == down
    assert signed_hours(0.01, lang) == signed_hours(-0.01, lang) == hours(0, lang)  # no "+0" nor "-0"
