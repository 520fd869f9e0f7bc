"""The History and Plans pages speak the reader's language, whoever saved the versions (AppTest)."""

from __future__ import annotations

from datetime import datetime

from streamlit.testing.v1 import AppTest

from raci.i18n import date_text
from tests.app.board import pick
from tests.app.conftest import open_app


def session(lang: str, plan_id: str | None = None, page: str | None = None) -> AppTest:
    return open_app(lang, page, plan_id)


def today(lang: str) -> str:
    """Today as the pages write it, without the time: "2 dic 2026" / "2 Dec 2026"."""
    return date_text(datetime.now().astimezone(), lang).split(",")[0]


def test_a_spanish_history_never_shows_the_english_lines_of_an_english_session():
    english = session("en")
    pick(english, "select-platforms", "CM")
    english.switch_page("app_pages/history.py").run()
    english.selectbox(key="history_restore").set_value(1).run()
    english.button(key="restore_version").click().run()
    english.run()
    assert not english.exception, [e.value for e in english.exception]
    assert english.dataframe[0].value["What changed"].tolist() == [
        "Restored version 1", "SMM: A/R -> I, CM: C -> A/R on 'Select social media platforms'", "Created"]

    spanish = session("es", english.session_state["plan_id"], "app_pages/history.py")
    table = spanish.dataframe[0].value
    assert table["Qué cambió"].tolist() == [
        "Versión 1 restaurada", "SMM: A/R → I, CM: C → A/R en 'Select social media platforms'", "Creado"]
    shown = " ".join(table["Qué cambió"].tolist())
    assert "Created" not in shown and "Restored" not in shown and " on '" not in shown
    assert all(when.startswith(today("es") + ", ") for when in table["Cuándo"].tolist()), table["Cuándo"].tolist()


def test_the_plans_page_writes_dates_the_readers_way():
    spanish = session("es", page="app_pages/plans.py")
    assert all(u.startswith(today("es") + ", ") for u in spanish.dataframe[0].value["Último guardado"].tolist())
    english = session("en", spanish.session_state["plan_id"], "app_pages/plans.py")
    assert all(u.startswith(today("en") + ", ") for u in english.dataframe[0].value["Last saved"].tolist())
