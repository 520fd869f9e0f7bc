import json
import re
from pathlib import Path

import pytest

from raci.i18n import normalise_lang, translate

LOCALES = Path(__file__).resolve().parents[2] / "raci" / "locales"
AREAS = sorted(p.name for p in (LOCALES / "en").glob("*.json"))


@pytest.mark.parametrize("area", AREAS)
def test_spanish_and_english_have_the_same_texts_and_placeholders(area):
    english = json.loads((LOCALES / "en" / area).read_text(encoding="utf-8"))
    spanish = json.loads((LOCALES / "es" / area).read_text(encoding="utf-8"))
    assert set(english) == set(spanish)
    for key in english:
        placeholders = [set(re.findall(r"{(\w+)}", text)) for text in (english[key], spanish[key])]
        assert placeholders[0] == placeholders[1], key
        assert spanish[key].strip(), key


@pytest.mark.parametrize("given, expected", [("es", "es"), ("es-MX", "es"), ("ES_es", "es"), ("en-GB", "en"),
                                             ("fr", "en"), (None, "en"), ("", "en")])
def test_language_codes_are_normalised(given, expected):
    assert normalise_lang(given) == expected


def test_translate_fills_placeholders_and_falls_back_to_the_key():
    assert translate("plan_error.duplicate_role", "es", name="CM") == "Ya existe un rol llamado 'CM'."
    assert translate("no.such.key", "es") == "no.such.key"
