"""What a manager does in the app, through AppTest (no browser)."""

import pytest

from raci.files.csv import write_csv
from raci.seed import seed_plan
from tests.app.board import SHARED, on, pick, rows
from tests.app.conftest import open_app

GRID = "grid::{generation}::False:"


def metrics(at) -> dict[str, str]:  # noqa: ANN001
    return {m.label: m.value for m in at.metric}


def grid_edit(at, edits: dict) -> None:  # noqa: ANN001
    key = GRID.format(generation=at.session_state["grid_generation"])
    at.session_state[key] = {"edited_rows": edits, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_changing_an_owner_moves_hours_and_letters():
    at = open_app("en")
    before = metrics(at)
    pick(at, "select-platforms", "CM")
    plan = at.session_state["plan"]
    assert plan.letters().iloc[0].tolist() == ["I", "A/R"]
    after = metrics(at)
    assert float(after["SMM"].split()[0]) < float(before["SMM"].split()[0])
    assert float(after["CM"].split()[0]) > float(before["CM"].split()[0])


def test_sharing_a_task_and_moving_its_a():
    at = open_app("es")
    pick(at, "select-platforms", SHARED)
    assert at.session_state["plan"].letters().iloc[0].tolist() == ["A/R", "R"]  # strategic: A on the SMM
    assert on(at, "select-platforms", "accountable") == ["SMM"]
    pick(at, "select-platforms", "CM", control="accountable")
    assert at.session_state["plan"].letters().iloc[0].tolist() == ["R", "A/R"]


def test_an_owner_click_fixes_the_finding_a_grid_edit_caused():
    at = open_app("en", "app_pages/matrix.py")
    grid_edit(at, {0: {"SMM": [], "CM": []}})  # task 1 now has nobody at all
    assert at.session_state["plan"].letters().iloc[0].tolist() == ["", ""]
    assert any("Select social media platforms" in e.value for e in at.error)
    assert metrics(at)["Plan health"] != "100/100"
    at.switch_page("app_pages/assign.py").run()
    pick(at, "select-platforms", "SMM")
    assert at.session_state["plan"].letters().iloc[0].tolist() == ["A/R", "I"]
    assert metrics(at)["Plan health"] == "100/100"
    assert not at.error


def test_grid_edits_are_kept_after_further_edits():
    at = open_app("en", "app_pages/matrix.py")
    grid_edit(at, {0: {"CM": ["A"]}})
    assert at.session_state["plan"].letter(0, "CM") == "A"
    assert any("2 Accountable" in e.value for e in at.error)
    grid_edit(at, {0: {"CM": ["A"]}, 3: {"SMM": ["C"]}})
    grid_edit(at, {0: {"CM": ["A"]}, 3: {"SMM": ["C"]}, 5: {"effort": 9.5, "task": "Presupuestos Q3"}})
    at.run()  # a rerun without a new edit applies nothing twice
    plan = at.session_state["plan"]
    assert plan.letter(0, "CM") == "A" and plan.letter(3, "SMM") == "C"
    assert plan.task(5).name == "Presupuestos Q3" and plan.task(5).effort == 9.5
    assert at.session_state["plan_version"] == 3


def test_a_and_r_picked_together_make_a_r_and_two_new_letters_that_are_not_one_are_refused():
    at = open_app("en", "app_pages/matrix.py")
    grid_edit(at, {10: {"SMM": ["A", "R"], "CM": ["C"]}})
    assert at.session_state["plan"].letters().iloc[10].tolist() == ["A/R", "C"]
    before = at.session_state["plan"]
    grid_edit(at, {10: {"CM": ["R", "I"]}})  # two new letters at once (a paste) that are not one letter
    assert at.session_state["plan"] == before
    assert any(e.value.replace("\\", "") == "Have direct contact with users, CM: choose a single letter; "
               "A/R for Accountable and Responsible." for e in at.error)  # (Markdown escapes removed)


def test_a_new_pick_beside_the_old_letter_replaces_it_and_the_cell_shows_one_letter():
    at = open_app("es", "app_pages/matrix.py")
    generation = at.session_state["grid_generation"]
    grid_edit(at, {0: {"SMM": ["A/R", "C"]}})  # A/R was there; C was picked
    assert at.session_state["plan"].letter(0, "SMM") == "C"
    assert at.session_state["grid_generation"] == generation + 1  # redrawn: the cell shows C alone
    grid_edit(at, {0: {"SMM": ["C", "A"]}, 1: {"CM": ["C", "R"]}})
    plan = at.session_state["plan"]
    assert plan.letter(0, "SMM") == "A" and plan.letter(1, "CM") == "R"  # A after C is A, not an error
    grid_edit(at, {2: {"CM": ["I"]}})  # a plain pick keeps the grid (no redraw, no lost focus)
    assert at.session_state["grid_generation"] == generation + 2


def test_adding_and_removing_roles_and_tasks_through_the_forms():
    at = open_app("en", "app_pages/matrix.py")
    at.text_input(key="new_role_short").input("Design")
    at.text_input(key="new_role_name").input("Graphic designer")
    at.selectbox(key="new_role_letter").set_value("I")
    at.button(key="FormSubmitter:add_role-Add role").click().run()
    plan = at.session_state["plan"]
    assert plan.role_names == ["SMM", "CM", "Design"] and set(plan.letters()["Design"]) == {"I"}
    # A task of the document, typed by name: its category, nature and hours come with it.
    at.text_input(key="new_task_name").input("Moderate online conversations").run()
    at.selectbox(key="new_task_owner").set_value("Design")
    at.button(key="add_task").click().run()
    plan = at.session_state["plan"]
    assert plan.task(plan.n_tasks - 1) == plan.task(15)  # the seeded one: same name, category, nature, hours
    assert plan.letters().iloc[-1].tolist() == ["I", "I", "A/R"]  # the owner does it, the others hear of it
    at.button(key="remove_role").click().run()  # the picked role is the first: SMM
    assert at.session_state["plan"].role_names == ["CM", "Design"]


def test_uploading_a_good_csv_replaces_the_plan():
    at = open_app("en", "app_pages/files.py")
    plan = seed_plan("en").assign_owner(0, ["CM"])
    at.file_uploader(key="plan_upload").upload("plan.csv", write_csv(plan), "text/csv").run()
    assert at.session_state["plan"] == plan
    assert any("22 tasks" in s.value for s in at.success)


def test_uploading_a_messy_spanish_excel_csv():
    at = open_app("es", "app_pages/files.py")
    text = (
        "Tarea;Categoría;Naturaleza;Horas;SMM;CM;Diseñador\r\n"
        "Diseñar banners de campaña;Difusión de contenido;Operativa;7,5;c;a/r;R\r\n"
        "Gestionar presupuestos de campaña;Planificación;Estratégica;4;A/R;i;\r\n"
        "=Revisar KPI € «mensual»;Análisis;estrategica;2;Responsable/Aprobador;Informado;\r\n"
    )
    at.file_uploader(key="plan_upload").upload("excel.csv", text.encode("cp1252"), "text/csv").run()
    plan = at.session_state["plan"]
    assert plan.role_names == ["SMM", "CM", "Diseñador"]
    assert plan.task(0).effort == 7.5 and plan.letters().iloc[0].tolist() == ["C", "A/R", "R"]
    assert plan.task(2).name == "=Revisar KPI € «mensual»" and plan.letter(2, "SMM") == "A/R"
    assert not at.exception


def test_a_refused_upload_names_the_problem_and_changes_nothing():
    at = open_app("es", "app_pages/files.py")
    before = at.session_state["plan"]
    text = "task,SMM,CM\r\nPlan posts,A/R,C\r\nReply,X,A/R\r\n"
    at.file_uploader(key="plan_upload").upload("bad.csv", text.encode(), "text/csv").run()
    assert at.session_state["plan"] is before
    message = " ".join(e.value for e in at.error)
    assert "bad.csv" in message and "3" in message and "SMM" in message and "X" in message


def test_reset_returns_to_the_seeded_plan_after_confirmation():
    at = open_app("en", "app_pages/files.py")
    at.session_state["plan"] = seed_plan("en").remove_task(0)
    at.run()
    at.button(key="reset_confirm").click().run()
    assert at.session_state["plan"] == seed_plan("en")


def test_meeting_view_offers_png_downloads_or_says_why_not(monkeypatch):
    import ui.figures

    at = open_app("en", "app_pages/meeting.py")
    assert not at.data_editor and not at.main.text_input  # nothing editable on the shared screen
    monkeypatch.setattr(ui.figures, "image_export_available", lambda: False)
    at.run()
    assert [b.label for b in at.download_button] == ["Meeting deck (PowerPoint)"]  # the deck needs no browser
    assert sum("needs Chromium on the server" in c.value for c in at.caption) == 4
    monkeypatch.setattr(ui.figures, "image_export_available", lambda: True)
    at.run()
    assert len(at.download_button) == 5


@pytest.mark.parametrize(("lang", "label"), [("es", "Presentación (PowerPoint)"), ("en", "Meeting deck (PowerPoint)")])
def test_plan_files_and_the_meeting_view_offer_the_deck_in_the_users_language(lang, label):
    from raci.i18n import translate

    explained = translate("app.files.deck_help", lang)
    for page in ("app_pages/files.py", "app_pages/meeting.py"):
        at = open_app(lang, page)
        decks = [b for b in at.download_button if b.label == label]
        assert len(decks) == 1
        assert decks[0].help == explained or explained in [c.value for c in at.caption]  # a tooltip or a caption


def test_a_plan_too_big_for_a_deck_says_so_instead_of_offering_it():
    from benchmarks.generate import generated_plan

    at = open_app("es", "app_pages/files.py")
    at.session_state["plan"] = generated_plan(6_000, 2)  # 400 matrix slides
    at.run()
    assert not at.exception
    assert not [b for b in at.download_button if "PowerPoint" in b.label]
    assert any("6.000 tareas × 2 roles" in w.value and "como máximo 400" in w.value for w in at.warning)


def test_with_more_roles_a_task_goes_to_any_role_or_several():
    from raci.model import Role

    at = open_app("en")
    at.session_state["plan"] = seed_plan("en").add_role(Role("Agency", "Creative agency", "operational"), letter="I")
    at.run()
    assert rows(at)["select-platforms"]["owner"]["multi"] and on(at, "select-platforms") == ["SMM"]
    pick(at, "select-platforms", "Agency")
    assert at.session_state["plan"].letters().iloc[0].tolist() == ["I", "C", "A/R"]
    pick(at, "select-platforms", "SMM", "Agency")
    plan = at.session_state["plan"]
    assert plan.owners(0) == ["SMM", "Agency"] and plan.accountable(0) == ["SMM"]  # strategic task
    pick(at, "select-platforms")  # a task keeps an owner
    assert at.session_state["plan"] == plan


def test_search_narrows_the_assignment_list_and_the_matrix_ignoring_accents_and_case():
    at = open_app("es")
    at.text_input(key="assign_search").input("  LINEA ").run()  # "en línea"
    assert list(rows(at)) == ["build-online-community", "moderate-conversations"]
    assert any("2 de 22 tareas contienen" in c.value for c in at.caption)
    at.text_input(key="assign_search").input("zzz").run()
    assert not rows(at)
    assert any("Ninguna tarea contiene 'zzz'" in c.value for c in at.caption)
    at.switch_page("app_pages/matrix.py").run()
    at.text_input(key="matrix_search").input("estrategia").run()
    assert any("Se muestran 3 de 22" in c.value or "3 de 22" in c.value for c in at.caption)
    at.text_input(key="matrix_search").input("STRATEG").run()  # the English name of a seeded task works too
    assert any("3 de 22" in c.value for c in at.caption)
    at.text_input(key="matrix_search").input("zzz").run()  # nothing found: an empty grid, no error
    assert not at.exception and any("0 de 22" in c.value for c in at.caption)


def test_the_assignment_help_names_the_plans_roles():
    from raci.model import Role

    at = open_app("en")
    assert "gives a task to the SMM, the CM or both" in at.caption[0].value
    at.session_state["plan"] = seed_plan("en").add_role(Role("Agency"), letter="I")
    at.run()
    assert "one role or several" in at.caption[0].value and "SMM, the CM" not in at.caption[0].value


def test_the_assignment_panel_shows_hours_against_capacity_and_says_when_over():
    at = open_app("es")
    at.session_state["plan"] = seed_plan("es").update_role("CM", capacity=40.0).update_role("SMM", capacity=500.0)
    at.run()
    panel = {m.label: m for m in at.metric}
    assert panel["CM"].value.endswith(" / 40 h") and "," in panel["CM"].value  # "61,3 / 40 h"
    assert panel["CM"].delta == "75,4 h de más" and "288 % de la capacidad" in [c.value for c in at.caption]
    assert "libres" in panel["SMM"].delta and panel["SMM"].value.endswith(" / 500 h")
    bars = [h.proto.body for h in at.get("html") if "width:" in h.proto.body]
    assert len(bars) == 2 and "#2E7D6B" in bars[0]  # SMM, then CM: full and red
    assert "#C62828" in bars[1] and "width:100.0%" in bars[1]


def test_uploading_a_csv_keeps_the_teams_capacities_and_full_names_and_says_so():
    at = open_app("es", "app_pages/files.py")
    plan = seed_plan("es").update_role("CM", name="Laura", capacity=80.0)
    at.session_state["plan"] = plan
    at.run()
    edited = write_csv(plan.assign_owner(0, ["CM"]), ";")  # downloaded, changed in Excel, uploaded back
    at.file_uploader(key="plan_upload").upload("plan.csv", edited, "text/csv").run()
    after = at.session_state["plan"]
    assert after.role("CM") == plan.role("CM") and after.letters().iloc[0].tolist() == ["I", "A/R"]
    assert any("22 tareas, 2 roles" in s.value and "conservados del plan abierto para CM" in s.value
               for s in at.success)


def test_presentation_mode_hides_the_chrome_and_stamps_every_chart(monkeypatch):
    import json

    import ui.figures

    monkeypatch.setattr(ui.figures, "image_export_available", lambda: True)
    at = open_app("es", "app_pages/meeting.py")
    assert len(at.download_button) == 5 and len(at.sidebar.metric) == 1
    at.button(key="present_enter").click().run()
    assert at.query_params["present"] == "1"
    assert not at.download_button and not at.sidebar.metric and not at.sidebar.text_input
    charts = [json.loads(c.proto.spec) for c in at.get("plotly_chart")]
    assert len(charts) == 4
    assert all("Equipo de redes sociales · " in c["layout"]["title"]["subtitle"]["text"] for c in charts)
    at.button(key="present_leave").click().run()
    assert "present" not in at.query_params and len(at.download_button) == 5


def test_undo_steps_back_over_ones_own_edits_each_a_new_version_and_redo_forward():
    at = open_app("es")
    original = at.session_state["plan"]
    assert at.sidebar.button(key="undo").disabled
    pick(at, "select-platforms", "CM")
    pick(at, "answer-questions", "SMM")
    edited, head = at.session_state["plan"], at.session_state["plan_head"]
    at.sidebar.button(key="undo").click().run()
    at.sidebar.button(key="undo").click().run()
    assert at.session_state["plan"] == original and at.sidebar.button(key="undo").disabled
    assert at.session_state["plan_head"] == head + 2  # undoing adds versions; history is never rewritten
    at.sidebar.button(key="redo").click().run()
    at.sidebar.button(key="redo").click().run()
    assert at.session_state["plan"] == edited and at.sidebar.button(key="redo").disabled
