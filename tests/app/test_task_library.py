"""The add-task form and the task library, through AppTest: matches as you type, picking one, a suggestion."""

import pytest

from tests.app.conftest import open_app

MATRIX = "app_pages/matrix.py"


def picks(at) -> list[str]:  # noqa: ANN001
    return [b.label for b in at.button if b.key and b.key.startswith("library_pick::")]


def captions(at) -> str:  # noqa: ANN001
    return "\n".join(c.value for c in at.main.caption)


def type_name(at, text: str):  # noqa: ANN001, ANN201
    at.text_input(key="new_task_name").input(text).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("lang, typed, shown", [
    ("es", "RESENAS", ["Responder a reseñas y valoraciones online", "Pedir reseñas a clientes satisfechos"]),
    ("en", "reseñas", ["Respond to online reviews and ratings", "Ask happy customers for reviews"]),
    ("en", "linea", ["Plan the content strategy", "Moderate online conversations",
                     "Build and manage the online community"]),
])
def test_typing_a_name_shows_the_librarys_matches_in_the_users_language(lang, typed, shown):
    at = type_name(open_app(lang, MATRIX), typed)
    assert picks(at)[:len(shown)] == shown
    assert len(picks(at)) <= 6


def test_picking_a_match_fills_the_form_and_adds_the_task_with_the_librarys_category_and_owner():
    at = type_name(open_app("es", MATRIX), "pujas")
    at.button(key="library_pick::optimise-ads").click().run()
    assert at.text_input(key="new_task_name").value == "Optimizar pujas, audiencias y segmentación de anuncios"
    assert at.selectbox(key="new_task_category").value == "Publicidad de pago"
    assert at.session_state["new_task_nature"] == "operational"
    assert at.selectbox(key="new_task_owner").value == "SMM"
    assert at.number_input(key="new_task_effort").value == 6.5  # 2 a week x 45 min
    assert "Tarea de la biblioteca (de nuestra práctica, no del documento)" in captions(at)
    assert "2 por semana x 45 min = 6,5 h/mes" in captions(at)
    at.button(key="add_task").click().run()
    plan = at.session_state["plan"]
    task = plan.task(plan.n_tasks - 1)
    assert (task.name, task.category, task.nature, task.effort) == (
        "Optimizar pujas, audiencias y segmentación de anuncios", "Publicidad de pago", "operational", 6.5)
    assert task.recurrence is not None and task.recurrence.per == "week"  # our estimate comes with it
    assert plan.letters().iloc[-1].tolist() == ["A/R", "I"]
    assert any("añadida" in s.value for s in at.success)
    assert at.text_input(key="new_task_name").value == ""  # the form is empty again


def test_a_picked_task_can_still_be_changed_before_it_is_added():
    at = type_name(open_app("en", MATRIX), "giveaway")
    at.button(key="library_pick::contests-giveaways").click().run()
    at.selectbox(key="new_task_owner").set_value("SMM")
    at.number_input(key="new_task_effort").set_value(10.0)
    at.button(key="add_task").click().run()
    plan = at.session_state["plan"]
    task = plan.task(plan.n_tasks - 1)
    assert task.category == "Community building" and task.effort == 10.0 and task.recurrence is None
    assert plan.letters().iloc[-1].tolist() == ["A/R", "I"]


@pytest.mark.parametrize("lang, typed, expected, category", [
    ("es", "simulacro de crisis", "Sugerencia: categoría Reputación y crisis, estratégica, dueño SMM — según:",
     "Reputación y crisis"),
    ("en", "Handle negative reviews on Trustpilot",
     "Suggested: category Customer care, operational, owner CM — from: 'Respond to online reviews and ratings'",
     "Customer care"),
])
def test_a_name_of_ones_own_gets_a_suggestion_that_one_click_applies(lang, typed, expected, category):
    at = type_name(open_app(lang, MATRIX), typed)
    assert expected in captions(at)
    at.button(key="use_suggestion").click().run()
    assert at.text_input(key="new_task_name").value == typed  # the name stays as typed
    assert at.selectbox(key="new_task_category").value == category
    at.button(key="add_task").click().run()
    plan = at.session_state["plan"]
    task = plan.task(plan.n_tasks - 1)
    assert task.name == typed and task.category == category and task.effort == 4.0
    owner = "SMM" if "SMM" in expected else "CM"
    assert plan.owners(plan.n_tasks - 1) == [owner]


def test_a_suggestion_is_only_offered_and_the_user_fills_in_otherwise():
    at = type_name(open_app("en", MATRIX), "crisis simulation drill")
    assert at.selectbox(key="new_task_category").value is None  # nothing applied until asked
    at.button(key="add_task").click().run()
    plan = at.session_state["plan"]
    assert plan.task(plan.n_tasks - 1).category == "" and plan.owners(plan.n_tasks - 1) == []


def test_nothing_similar_says_so_and_typed_markdown_stays_text():
    at = type_name(open_app("en", MATRIX), "qqq **zz** [x](http://e.vil)")
    assert not picks(at)
    assert "No library task is similar enough" in captions(at)
    assert "No library task holds" in captions(at) and "](" not in captions(at).replace("\\](", "")
    assert not [b for b in at.button if b.key == "use_suggestion"]
