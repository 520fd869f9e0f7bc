"""A viewer's screens (AppTest, signed in through st.user): every page drawn read-only, a banner saying why;
a stranger's link says "no access" and nothing of the plan; an editor's edit is saved under their e-mail."""

import os

import pytest
from streamlit.testing.v1 import AppTest

from raci.seed import seed_plan
from raci.storage import Identity, Store
from tests.app.board import board, pick
from tests.app.conftest import APP, PAGES
from tests.app.test_auth import AUTH

ANA = Identity.of("ana@marca.es", "Ana Pérez")


def user(address: str) -> dict:
    return {"is_logged_in": True, "email": address, "name": address.split("@")[0].title(), "email_verified": True}


def store() -> Store:
    return Store(os.environ["RACI_DATABASE_URL"])


def anas_plan(share: dict[str, str] | None = None) -> str:
    """A plan Ana owns, shared as given ({"luis@otra.es": "viewer"})."""
    with store() as db:
        acting = db.acting(ANA)
        info = acting.create_plan("Cliente secreto", seed_plan("es"), ANA.email)
        for who, role in (share or {}).items():
            acting.share(info.id, who, role)
    return info.id


def visit(address: str, plan_id: str, lang: str = "es", page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["plan"] = plan_id
    at.secrets["auth"] = AUTH
    at.user = user(address)
    at.run()
    if page and page != PAGES[0]:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", PAGES)
def test_every_page_draws_for_a_viewer_with_nothing_enabled_that_changes_the_plan(page):
    plan_id = anas_plan({"luis@otra.es": "viewer"})
    at = visit("luis@otra.es", plan_id, page=page)
    assert at.session_state["plan_id"] == plan_id and at.session_state["plan_role"] == "viewer"
    if page.endswith("assign.py"):
        assert board(at)["disabled"]  # the owner and accountable controls
    writes = ("add_task", "add_role", "team_add_button", "reset_confirm", "remove_task", "balance_open::assign",
              "balance_open::team", "share_form", "new_link", "transfer_button")
    assert not [b.key for b in at.button if b.key in writes]
    assert not at.get("file_uploader") or page.endswith("plans.py")  # a new plan of one's own is fine
    for key in ("rename_button", "restore_version"):
        if key in [b.key for b in at.button]:
            assert at.button(key=key).disabled


def test_the_viewer_banner_speaks_the_users_language_and_the_plan_is_listed():
    plan_id = anas_plan({"@otra.es": "viewer"})  # a whole domain
    assert visit("luis@otra.es", plan_id).info[0].value.startswith("Solo lectura")
    assert visit("marta@otra.es", plan_id, "en", "app_pages/matrix.py").info[0].value.startswith("Read only")
    at = visit("marta@otra.es", plan_id, "en", "app_pages/plans.py")
    assert "Cliente secreto" in at.dataframe[0].value.iloc[:, 0].tolist()


def test_a_strangers_link_says_no_access_and_nothing_of_the_plan():
    plan_id = anas_plan()
    at = visit("eve@fuera.es", plan_id, "en")
    assert at.session_state["plan_id"] != plan_id  # a plan of her own instead
    shown = " ".join(e.value for kind in ("warning", "error", "info", "markdown", "caption") for e in getattr(at, kind))
    assert "You have no access to this plan, or it does not exist." in shown
    at.switch_page("app_pages/plans.py").run()
    shown += " ".join(e.value for kind in ("markdown", "caption") for e in getattr(at, kind))
    assert "Cliente secreto" not in shown
    assert all("Cliente secreto" not in frame.value.to_string() for frame in at.dataframe)
    forged = visit("eve@fuera.es", "zzzzzzzzzz", "en")  # a made-up id: the very same sentence
    assert any(w.value == "You have no access to this plan, or it does not exist." for w in forged.warning)


def test_an_editor_changes_the_plan_under_their_own_e_mail():
    plan_id = anas_plan({"luis@otra.es": "editor"})
    at = visit("luis@otra.es", plan_id)
    pick(at, "select-platforms", "CM")
    with store() as db:
        latest = db.history(plan_id, limit=1)[0]
    assert latest.author == "luis@otra.es"


def test_a_change_slipped_past_the_page_is_refused_by_the_store():
    plan_id = anas_plan({"luis@otra.es": "editor"})
    at = visit("luis@otra.es", plan_id, "en")  # drawn for an editor...
    with store() as db:
        db.acting(ANA).share(plan_id, "luis@otra.es", "viewer")  # ...who is a viewer when the click arrives
    plan = at.session_state["plan"]
    pick(at, "select-platforms", "CM")
    with store() as db:
        assert db.open_plan(plan_id)[0] == plan  # nothing saved
    assert at.session_state["plan_role"] == "viewer"
