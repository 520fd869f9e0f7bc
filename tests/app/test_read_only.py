"""A viewer's screens: every page drawn, nothing that changes the plan enabled, a banner saying why."""

import pytest

from tests.app.conftest import PAGES, open_app


def as_viewer(lang: str, page: str):  # noqa: ANN201
    at = open_app(lang, page)
    at.session_state["plan_role"] = "viewer"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", [p for p in PAGES if not p.endswith(("plans.py", "history.py"))])
def test_every_page_draws_for_a_viewer_with_nothing_enabled_that_changes_the_plan(page):
    at = as_viewer("es", page)
    for control in at.get("button_group"):  # the owner and accountable controls (category filters may move)
        assert control.disabled or not control.key.startswith(("owner::", "acc::")), control
    for editor in at.get("arrow_data_frame"):
        assert getattr(editor, "disabled", True)
    writes = ("add_task", "add_role", "team_add_button", "reset_confirm", "remove_task", "balance_open::assign",
              "balance_open::team")
    assert not [b.key for b in at.button if b.key in writes]
    assert not at.get("file_uploader")


def test_the_viewer_banner_speaks_the_users_language():
    assert as_viewer("es", PAGES[0]).info[0].value.startswith("Solo lectura")
    assert as_viewer("en", PAGES[2]).info[0].value.startswith("Read only")


def test_a_change_slipped_past_the_page_is_refused_and_the_plan_stays():
    at = open_app("en", PAGES[0])  # drawn for an editor...
    plan = at.session_state["plan"]
    at.session_state["plan_role"] = "viewer"  # ...who is a viewer by the time the click arrives (or forges it)
    at.segmented_control(key="owner::select-platforms").set_value("CM").run()
    assert at.session_state["plan"] == plan
    assert any("changing it needs editor access" in e.value for e in at.error)
