"""The Assignment page's task list (ui/owner_board.py) through AppTest: what each task shows, and that whatever
a page sends other than a pick of the open plan changes nothing."""

import pytest

from tests.app.board import SHARED, board, on, pick, rows
from tests.app.conftest import open_app
from tools.board import event_states
from ui.owner_board import Pick, read_pick


def test_each_task_shows_its_name_effort_owner_and_for_a_shared_one_its_accountable():
    at = open_app("es")
    row = rows(at)["select-platforms"]
    assert (row["name"], row["meta"]) == ("Seleccionar plataformas de redes sociales", "Estratégica · 2 h/mes")
    assert [(o["value"], o["label"]) for o in row["owner"]["options"]] == [
        ("SMM", "SMM"), ("CM", "CM"), (SHARED, "Compartida")]
    assert row["owner"]["label"] == "Dueño" and not row["owner"]["multi"] and row["accountable"] is None
    assert [g["title"] for g in board(at)["groups"]] == [
        "Planificación", "Análisis", "Construcción de comunidad", "Difusión de contenido"]
    pick(at, "select-platforms", SHARED)
    row = rows(at)["select-platforms"]
    assert on(at, "select-platforms") == [SHARED]
    assert [(o["value"], o["label"], o["on"]) for o in row["accountable"]["options"]] == [
        ("SMM", "A: SMM", True), ("CM", "A: CM", False)]
    assert row["accountable"]["label"] == "Aprobador"
    assert not board(at)["disabled"]


def test_a_role_name_is_data_never_markup():
    from raci.seed import seed_plan

    at = open_app("en")
    at.session_state["plan"] = seed_plan("en").update_role("CM", short="<b>CM</b> *x*")
    at.run()
    assert [o["label"] for o in rows(at)["select-platforms"]["owner"]["options"]][1] == "<b>CM</b> *x*"


@pytest.mark.parametrize("value", [
    None, "CM", [], {"task": "select-platforms"}, {"task": "select-platforms", "control": "owner", "values": "CM"},
    {"task": "select-platforms", "control": "delete", "values": ["CM"]},
    {"task": 3, "control": "owner", "values": ["CM"]}, {"task": "x", "control": "owner", "values": [1]},
    {"task": "select-platforms", "control": "owner", "values": []},
])
def test_what_is_not_a_pick_is_not_read(value):
    assert read_pick(value) is None


def test_a_pick_reads_back():
    assert read_pick({"task": "t", "control": "accountable", "values": ["CM"]}) == Pick("t", "accountable", ("CM",))


@pytest.mark.parametrize("event", [
    {"task": "no-such-task", "control": "owner", "values": ["CM"]},  # the plan moved under the click
    {"task": "select-platforms", "control": "owner", "values": ["Nobody"]},  # no such role
    {"task": "select-platforms", "control": "accountable", "values": ["CM"]},  # the CM does not do it
    {"task": "select-platforms", "control": "owner", "values": ["SMM"]},  # already so: no new version
    {"task": "select-platforms", "control": "owner"},
    "not a pick",
])
def test_a_pick_the_plan_cannot_take_changes_nothing(event):
    at = open_app("en")
    plan, head = at.session_state["plan"], at.session_state["plan_head"]
    at._run(event_states(at, event))
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["plan"] == plan and at.session_state["plan_head"] == head


def test_with_more_roles_the_owner_is_several_toggles_and_no_shared_option():
    from raci.model import Role
    from raci.seed import seed_plan

    at = open_app("en")
    at.session_state["plan"] = seed_plan("en").add_role(Role("Agency", "Creative agency", "operational"), letter="I")
    at.run()
    owner = rows(at)["select-platforms"]["owner"]
    assert owner["multi"] and [o["value"] for o in owner["options"]] == ["SMM", "CM", "Agency"]
