"""Plans that last: autosave, links, two people on one plan, history, plans, faults (AppTest)."""

from streamlit.testing.v1 import AppTest

from raci.seed import seed_plan
from tests.app.conftest import open_app


def reopen(plan_id: str, lang: str = "en", page: str | None = None) -> AppTest:
    """A new browser tab (a new session) on the plan's link."""
    return open_app(lang, page, plan_id)


def owner(at: AppTest, task_id: str, role: str) -> None:
    at.segmented_control(key=f"owner::{task_id}").set_value(role).run()
    assert not at.exception, [e.value for e in at.exception]


def test_the_first_visit_creates_a_saved_plan_and_puts_its_id_in_the_url():
    at = open_app("es")
    plan_id = at.session_state["plan_id"]
    assert plan_id and at.query_params["plan"] in (plan_id, [plan_id])
    assert any("Guardado · versión 1" in c.value for c in at.sidebar.caption)


def test_a_visitor_without_a_link_does_not_open_someone_elses_plan():
    first = open_app("en")
    owner(first, "select-platforms", "CM")  # someone's saved plan, now the latest
    visitor = open_app("en")
    assert visitor.session_state["plan_id"] != first.session_state["plan_id"]  # a new plan of the visitor's own
    assert visitor.session_state["plan"] == seed_plan("en")


def test_every_change_is_saved_and_a_new_tab_shows_it():
    at = open_app("en")
    owner(at, "select-platforms", "CM")
    again = reopen(at.session_state["plan_id"])
    assert again.session_state["plan"].letters().iloc[0].tolist() == ["I", "A/R"]
    assert again.session_state["plan_head"] == 2


def test_a_stale_save_is_never_applied_silently_and_both_edits_are_kept():
    first = open_app("en")
    plan_id = first.session_state["plan_id"]
    second = reopen(plan_id)
    first.text_input(key="author").input("Ana").run()
    owner(first, "select-platforms", "CM")  # Ana saves version 2
    owner(second, "answer-questions", "SMM")  # based on version 1: stale, re-applied on top of Ana's
    plan = second.session_state["plan"]
    assert plan.letters().iloc[0].tolist() == ["I", "A/R"]  # Ana's edit
    assert plan.letters().iloc[11].tolist() == ["A/R", "I"]  # the second person's edit
    assert any("Ana saved a newer version" in i.value for i in second.info)
    assert reopen(plan_id).session_state["plan"] == plan  # and that is what was saved


def test_a_conflicting_edit_is_kept_aside_and_offered():
    first = open_app("en")
    plan_id = first.session_state["plan_id"]
    second = reopen(plan_id)
    owner(first, "select-platforms", "CM")
    owner(second, "select-platforms", "__shared__")  # the same cells, differently
    assert second.session_state["plan"].letters().iloc[0].tolist() == ["I", "A/R"]  # theirs is open
    assert any("kept aside" in w.value for w in second.warning)
    second.button(key="apply_mine").click().run()
    assert second.session_state["plan"].letters().iloc[0].tolist() == ["A/R", "R"]
    assert reopen(plan_id).session_state["plan"].letters().iloc[0].tolist() == ["A/R", "R"]


def test_an_open_tab_follows_what_someone_else_saved():
    first = open_app("en")
    second = reopen(first.session_state["plan_id"])
    first.text_input(key="author").input("Ana").run()
    owner(first, "select-platforms", "CM")
    second.run()  # any interaction
    assert second.session_state["plan"].letters().iloc[0].tolist() == ["I", "A/R"]
    assert any("Ana changed the plan" in i.value for i in second.info)


def test_history_compares_versions_and_restores_one():
    at = open_app("en")
    owner(at, "select-platforms", "CM")
    owner(at, "answer-questions", "SMM")
    at.switch_page("app_pages/history.py").run()
    assert not at.exception
    table = at.dataframe[0].value
    assert table["Version"].tolist() == [3, 2, 1]
    assert "'Answer questions and comments'" in table["What changed"].tolist()[0]
    assert "SMM: I -> A/R" in table["What changed"].tolist()[0]
    at.selectbox(key="history_from").set_value(1).run()
    compared = " ".join(str(df.value.to_dict()) for df in at.dataframe)
    assert "Select social media platforms" in compared and "Answer questions and comments" in compared
    at.selectbox(key="history_restore").set_value(1).run()
    at.button(key="restore_version").click().run()
    assert at.session_state["plan"] == seed_plan("en")
    assert at.session_state["plan_head"] == 4  # restoring is a new version; nothing destroyed
    assert reopen(at.session_state["plan_id"]).session_state["plan"] == seed_plan("en")


def test_plans_are_created_renamed_duplicated_deleted_and_restored():
    at = open_app("en", "app_pages/plans.py")
    first_id = at.session_state["plan_id"]
    at.text_input(key="new_plan_name").input("Brand B · Q3")
    at.radio(key="new_plan_source").set_value("blank")
    at.button(key="FormSubmitter:new_plan-Create plan").click().run()
    assert at.session_state["plan_id"] != first_id and at.session_state["plan"].n_tasks == 0
    assert at.session_state["plan_name"] == "Brand B · Q3"
    assert at.text_input(key="new_plan_name").value == ""  # ready for the next plan
    assert at.text_input(key="rename_plan").value == "Brand B · Q3"  # the open plan's name, not the first's
    at.text_input(key="rename_plan").input("Brand B · Q4")
    at.button(key="rename_button").click().run()
    assert at.session_state["plan_name"] == "Brand B · Q4"
    pick = at.selectbox(key="plans_pick")
    assert pick.value == at.session_state["plan_id"] and "Brand B · Q4" in pick.options
    at.button(key="delete_plan").click().run()
    assert at.session_state["plan_id"] == first_id
    undelete = [b for b in at.button if b.key and b.key.startswith("undelete::")]
    assert len(undelete) == 1
    undelete[0].click().run()
    assert at.session_state["plan_name"] == "Brand B · Q4"
    assert at.text_input(key="rename_plan").value == "Brand B · Q4"
    at.button(key="duplicate_button").click().run()
    assert at.session_state["plan_name"] == "Copy of Brand B · Q4"


def test_an_unreachable_database_keeps_the_plan_in_the_session(monkeypatch, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the database's folder should be")
    monkeypatch.setenv("RACI_DATABASE_URL", f"sqlite:///{blocked}/raci.db")
    at = open_app("en")
    assert any("Not saved" in w.value for w in at.sidebar.warning)
    owner(at, "select-platforms", "CM")  # editing still works
    assert at.session_state["plan"].letters().iloc[0].tolist() == ["I", "A/R"]
    assert not at.exception
    assert "database is locked" not in " ".join(w.value for w in at.sidebar.warning)


def test_history_lines_are_written_in_the_users_language():
    at = open_app("es")
    owner(at, "answer-questions", "SMM")
    at.switch_page("app_pages/history.py").run()
    assert "en 'Responder a preguntas y comentarios'" in at.dataframe[0].value["Qué cambió"].tolist()[0]
