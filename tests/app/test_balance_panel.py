"""*Suggest a balance* in the app: propose, accept some of the moves as one version, undo; discard; stale."""

import os

from raci.analysis.balance import balance
from raci.seed import seed_plan
from raci.storage import Store
from tests.app.board import pick
from tests.app.conftest import open_app


def saved_plan(lang: str = "en", cm_capacity: float = 64.0) -> tuple[str, object]:
    """A saved copy of the seeded plan whose CM is over capacity (64 h: three moves with any role)."""
    plan = seed_plan(lang).update_role("CM", capacity=cm_capacity)
    with Store(os.environ["RACI_DATABASE_URL"]) as store:
        info = store.create_plan("Marca B", plan)
    return info.id, plan


def proposed(at, where: str = "assign", any_role: bool = True):  # noqa: ANN001, ANN201
    at.button(key=f"balance_open::{where}").click().run()
    if any_role:
        at.toggle(key="balance_fit").set_value(False).run()
    at.button(key=f"balance_go::{where}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_propose_accept_two_of_three_moves_as_one_version_then_undo():
    plan_id, plan = saved_plan()
    expected = balance(plan, any_role=True)
    assert len(expected.moves) == 3
    at = proposed(open_app("en", plan_id=plan_id))
    picks = [c for c in at.checkbox if c.key.startswith("balance_pick::")]
    assert [c.key.split("::")[1] for c in picks] == [m.task_id for m in expected.moves]
    assert all(c.value for c in picks)
    assert "->" in picks[0].label.replace("\\", "") and " h" in picks[0].label
    assert "proven optimal" in at.success[0].value.replace("\\", "")
    assert at.session_state["plan"] == plan  # nothing applied behind the user's back
    head = at.session_state["plan_head"]
    assert at.button(key="balance_accept").disabled  # every move ticked: that is "accept all"
    assert at.button(key="balance_accept_all").label == "Accept all (3)"
    picks[2].uncheck().run()
    accept = at.button(key="balance_accept")
    assert "(2)" in accept.label
    accept.click().run()
    assert not at.exception, [e.value for e in at.exception]
    first_two = [m.task_id for m in expected.moves[:2]]
    assert at.session_state["plan"] == expected.apply(plan, first_two)
    assert at.session_state["plan_head"] == head + 1  # one version for both moves
    with Store(os.environ["RACI_DATABASE_URL"]) as store:
        line = store.history(plan_id, limit=1)[0].description_text("en")
    assert line.startswith("Suggested balance: 2 tasks")
    assert not at.session_state["balance_open"]  # the panel closes once accepted
    at.sidebar.button(key="undo").click().run()
    assert at.session_state["plan"] == plan
    at = proposed(at)
    at.button(key="balance_accept_all").click().run()
    assert at.session_state["plan"] == expected.apply(plan)


def test_discard_changes_nothing_and_an_edit_drops_a_stale_proposal():
    plan_id, plan = saved_plan()
    at = proposed(open_app("en", plan_id=plan_id))
    at.button(key="balance_discard").click().run()
    assert at.session_state["plan"] == plan and not at.checkbox
    at = proposed(at)
    assert any(c.key.startswith("balance_pick::") for c in at.checkbox)
    pick(at, "select-platforms", "CM")  # the plan moves on
    assert not any(c.key.startswith("balance_pick::") for c in at.checkbox)


def test_the_panel_speaks_spanish_and_says_why_nothing_moves():
    at = open_app("es")  # the seeded plan: nobody over capacity
    at = proposed(at, any_role=False)
    assert at.button(key="balance_go::assign").label == "Proponer"
    assert at.info[0].value.startswith("No hace falta mover nada")


def test_the_team_page_has_the_same_proposal_with_nature_fit():
    plan_id, plan = saved_plan("es", cm_capacity=90.0)
    at = proposed(open_app("es", "app_pages/team.py", plan_id=plan_id), where="team", any_role=False)
    picks = [c for c in at.checkbox if c.key.startswith("balance_pick::")]
    assert len(picks) == len(balance(plan).moves) >= 1
    assert at.button(key="balance_accept").label.startswith("Aceptar los cambios marcados")
    assert len(at.get("plotly_chart")) >= 1
