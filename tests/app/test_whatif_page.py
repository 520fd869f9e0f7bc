"""The What if... page (AppTest): make a scenario, try changes on it, compare it with its plan, apply or discard it."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from raci.storage import Store
from tests.app.conftest import open_app

PAGE = "app_pages/whatif.py"
CREATE = {"es": "FormSubmitter:whatif_new-Crear y abrir", "en": "FormSubmitter:whatif_new-Create and open"}


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Everything the page says in boxes, captions, headings and Markdown, as one string."""
    parts = [*at.success, *at.info, *at.warning, *at.error, *at.caption, *at.subheader, *at.markdown, *at.title]
    return "\n".join(str(p.value) for p in parts)


def metric(at: AppTest, label: str) -> tuple[str, str | None]:
    found = [m for m in at.metric if m.label == label]
    assert found, [m.label for m in at.metric]
    return found[-1].value, found[-1].delta or None


def frame(at: AppTest, first_column: str):  # noqa: ANN201 - a DataFrame
    """The first table whose first column is ``first_column``."""
    found = [d.value for d in at.dataframe if list(d.value.columns)[:1] == [first_column]]
    assert found, [list(d.value.columns) for d in at.dataframe]
    return found[0]


def new_scenario(at: AppTest, name: str, lang: str = "es") -> AppTest:
    at.text_input(key="whatif_new_name").input(name)
    return ok(at.button(key=CREATE[lang]).click().run())


def add_person(at: AppTest, name: str, role: str, hours: float = 140) -> AppTest:
    at.text_input(key="whatif_person_name").input(name)
    at.number_input(key="whatif_person_hours").set_value(hours)
    ok(at.multiselect(key="whatif_person_roles").set_value([role]).run())
    return ok(at.button(key="whatif_add_person").click().run())


@pytest.mark.parametrize("lang", ["es", "en"])
def test_the_page_starts_in_both_languages_and_lists_no_scenario_yet(lang):
    at = open_app(lang, PAGE)
    assert at.title[0].value == {"es": "¿Y si...?", "en": "What if...?"}[lang]
    assert {"es": "Aún no hay escenarios", "en": "No scenarios yet"}[lang] in texts(at)
    assert at.text_input(key="whatif_new_name").placeholder == {"es": "p. ej. Contratar un segundo CM",
                                                                 "en": "e.g. Hire a second CM"}[lang]


def test_a_second_cm_in_a_scenario_changes_the_figures_and_promoting_gives_the_plan_the_person(tmp_path):
    at = open_app("es", PAGE)
    plan_id = at.session_state["plan_id"]
    at = new_scenario(at, "Contratar un segundo CM")
    scenario_id = at.session_state["plan_id"]
    assert scenario_id != plan_id
    shown = texts(at)
    assert "Escenario «Contratar un segundo CM» de «Equipo de redes sociales»" in shown  # the sidebar says it too
    assert at.sidebar.info[0].value.startswith("Escenario «Contratar un segundo CM» de «Equipo de redes sociales»")
    assert metric(at, "Personas") == ("0", "sin cambio")

    at = add_person(at, "Marta", "CM")
    assert "Se ha añadido a Marta al escenario." in texts(at)
    assert metric(at, "Personas") == ("1", "+1")
    assert metric(at, "Horas del equipo") == ("140 h", "+140,0 h")
    assert metric(at, "Rol más cargado")[0] == "82 %"  # the CM's 115,4 h on Marta's 140 h
    roles = frame(at, "Rol")
    assert roles.set_index("Rol").loc["CM", "En el escenario"] == "115,4 / 140 h · 82 %"
    assert "Persona añadida" in texts(at)  # the History page's sentence of what changed

    store = Store(_url(tmp_path))
    assert [p.name for p in store.open_plan(plan_id)[0].people] == []  # the plan is untouched so far
    at = ok(at.button(key="whatif_promote").click().run())
    assert at.session_state["plan_id"] == plan_id  # the plan is open again
    assert "«Contratar un segundo CM» aplicado a «Equipo de redes sociales»: ahora va por la versión 2." in texts(at)
    plan, info = store.open_plan(plan_id)
    assert [p.name for p in plan.people] == ["Marta"] and info.head == 2
    assert store.scenarios(plan_id) == []  # applied: it went to the bin
    assert not at.sidebar.info or "Escenario" not in at.sidebar.info[0].value
    assert "Escenarios aplicados o descartados" in texts(at)


def _url(tmp_path) -> str:  # noqa: ANN001
    return f"sqlite:///{tmp_path / 'raci.db'}"


def test_a_plan_that_moved_on_gets_the_scenarios_changes_rebased_and_conflicts_said(tmp_path):
    at = open_app("en", PAGE)
    plan_id = at.session_state["plan_id"]
    at = new_scenario(at, "Hire a second CM", "en")
    scenario_id = at.session_state["plan_id"]
    at = add_person(at, "Marta", "CM")
    store = Store(_url(tmp_path))
    scenario, row = store.open_plan(scenario_id)  # the scenario also gives the first task to the CM...
    store.save(scenario_id, scenario.set_letter(0, "CM", "A/R").set_letter(0, "SMM", "I"), row.head, "Ana")
    plan, info = store.open_plan(plan_id)  # ...while someone makes the CM only informed of it in the plan itself,
    plan = plan.set_letter(0, "CM", "I").set_letter(1, "SMM", "R")  # and changes another task too
    store.save(plan_id, plan, info.head, "Ana")
    at = ok(at.run())
    assert "has changed since this scenario was made from its version 1 (it is at version 2)" in texts(at)
    at = ok(at.button(key="whatif_promote").click().run())
    assert at.session_state["plan_id"] == plan_id
    shown = texts(at)
    assert "applied to «Social media team»: it is now at version 3" in shown
    assert "re-applied on its latest version" in shown
    assert "1 change of the scenario was not applied" in shown
    assert "- 'Select social media platforms', CM\\: you chose" in shown  # the conflict as a sentence (escaped)
    promoted = store.open_plan(plan_id)[0]
    assert [p.name for p in promoted.people] == ["Marta"]  # the scenario's change applied
    assert promoted.letter(1, "SMM") == "R" and promoted.letter(0, "CM") == "I"  # the plan's kept


def test_discarding_a_scenario_opens_its_plan_and_the_bin_gives_it_back(tmp_path):
    at = open_app("es", PAGE)
    plan_id = at.session_state["plan_id"]
    at = new_scenario(at, "Black Friday")
    scenario_id = at.session_state["plan_id"]
    at.selectbox(key="whatif_scale_category").set_value("Difusión de contenido")
    at.number_input(key="whatif_scale_change").set_value(50)
    at = ok(at.button(key="whatif_scale").click().run())
    assert "Esfuerzo cambiado un +50 % en Difusión de contenido." in texts(at)
    hours, delta = metric(at, "Trabajo al mes")
    assert delta.startswith("+") and hours != "174,2 h"

    at = ok(at.button(key="whatif_discard").click().run())
    assert at.session_state["plan_id"] == plan_id
    assert "Escenario 'Black Friday' descartado" in texts(at)
    store = Store(_url(tmp_path))
    assert store.scenarios(plan_id) == []
    at = ok(at.button(key=f"whatif_restore::{scenario_id}").click().run())
    assert [s.name for s in store.scenarios(plan_id)] == ["Black Friday"]
    assert frame(at, "Nombre")["Nombre"].tolist() == ["Black Friday"]
    at = ok(at.button(key="whatif_open").click().run())
    assert at.session_state["plan_id"] == scenario_id


def test_an_absent_person_shows_the_tasks_that_lose_their_a_and_the_backup_applies():
    at = new_scenario(open_app("es", PAGE), "Marta de vacaciones")
    at = add_person(at, "Marta", "CM")
    at.selectbox(key="whatif_person_pick").set_value("Marta")
    at = ok(at.button(key="whatif_absent").click().run())
    shown = texts(at)
    assert "Marta está ausente en el escenario" in shown
    assert "10 tareas tienen su A en un rol que se ha quedado sin horas" in shown
    assert "Moderar conversaciones en línea · A: CM" in shown
    at = ok(at.toggle(key="whatif_any_role").set_value(True).run())
    assert "El respaldo que propone el equilibrador" in texts(at)
    assert "Moderar conversaciones en línea\\: CM -\\> SMM" in texts(at)
    at = ok(at.button(key="whatif_apply_backup").click().run())
    assert "Respaldo aplicado" in texts(at)
    assert "se ha quedado sin horas" not in texts(at)  # every task has its A on the SMM now


def test_a_bad_change_is_a_sentence_not_a_traceback():
    at = new_scenario(open_app("en", PAGE), "Nothing to do", "en")
    at.number_input(key="whatif_scale_change").set_value(-100)
    at = ok(at.button(key="whatif_scale").click().run())
    assert "is not a factor the effort can be scaled by" in " ".join(e.value for e in at.error)
    at = ok(add_person(at, "", "CM"))
    assert at.error  # a person needs a name: said, nothing added
    assert metric(at, "People") == ("0", "no change")


def test_without_a_database_the_page_says_scenarios_need_saved_plans(monkeypatch, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the database's folder should be")
    monkeypatch.setenv("RACI_DATABASE_URL", f"sqlite:///{blocked}/raci.db")
    at = open_app("en", PAGE)
    assert "Scenarios need saved plans" in texts(at)
