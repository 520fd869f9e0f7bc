import pytest

from tests.app.board import board, rows
from tests.app.conftest import APP, PAGES, open_app


@pytest.mark.parametrize("lang", ["es", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_starts_without_exception_in_both_languages(page, lang):
    at = open_app(lang, page)
    assert at.title, "each page has a title"
    assert not at.exception


def test_pages_speak_the_chosen_language():
    spanish = open_app("es")
    english = open_app("en")
    assert spanish.title[0].value == "¿Quién es dueño de cada tarea?"
    assert english.title[0].value == "Who owns each task?"
    assert rows(spanish)["select-platforms"]["name"] == "Seleccionar plataformas de redes sociales"
    assert rows(english)["select-platforms"]["name"] == "Select social media platforms"
    assert rows(spanish)["select-platforms"]["meta"] == "Estratégica · 2 h/mes"
    assert board(spanish)["groups"][0]["title"] == "Planificación"


def test_browser_locale_chooses_the_language_when_no_lang_is_asked():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(APP, default_timeout=60)
    at.context["locale"] = "es-MX"
    at.run()
    assert at.title[0].value == "¿Quién es dueño de cada tarea?"


def test_language_switch_changes_the_language_and_the_url():
    at = open_app("es")
    at.segmented_control(key="lang_switch").set_value("en").run()
    assert at.title[0].value == "Who owns each task?"
    assert at.query_params["lang"] == ["en"] or at.query_params["lang"] == "en"


def test_seeded_plan_opens_healthy():
    at = open_app("en")
    assert at.session_state["plan"].n_tasks == 22
    assert "100/100" in [m.value for m in at.metric]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_one_session_walks_through_every_page_and_back(lang):
    at = open_app(lang)
    for page in [*PAGES[1:], *PAGES]:
        at.switch_page(page).run()
        assert not at.exception, (page, [e.value for e in at.exception])


def test_a_spanish_screen_has_spanish_placeholders_and_says_the_upload_limit():
    at = open_app("es")
    at.session_state["matrix_only_flagged"] = True
    seen = 0
    for page in PAGES:
        at.switch_page(page).run()
        assert not at.exception, page
        for widget in [*at.selectbox, *at.multiselect]:
            assert widget.proto.placeholder.startswith(("Elige una", "Escribe para buscar")), (page, widget.label)
            seen += 1
        if page.endswith("files.py"):
            assert any("Hasta 5 MB" in c.value for c in at.caption)
    assert seen >= 5
