"""Plans that last: autosave, links, two people on one plan, history, plans, faults (AppTest)."""

from streamlit.testing.v1 import AppTest

from raci.seed import seed_plan
from tests.app.board import pick
from tests.app.conftest import open_app


def reopen(plan_id: str, lang: str = "en", page: str | None = None) -> AppTest:
    """A new browser tab (a new session) on the plan's link."""
    return open_app(lang, page, plan_id)


def owner(at: AppTest, task_id: str, role: str) -> None:
    pick(at, task_id, role)


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
    assert [toast.value for toast in second.toast] == ["Your edit met someone else's: choose what to keep."]
    assert second.button(key="apply_mine_dialog")  # the choice over the page, where the user clicked
    second.run()
    assert not second.toast and second.button(key="apply_mine")  # shown once; the choice stays on the page
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


# ----- the database failing fails fast ------------------------------------------------------------------
def database_path(at: AppTest):  # noqa: ANN201
    import os

    return os.environ["RACI_DATABASE_URL"].removeprefix("sqlite:///")


def timed_click(at: AppTest, task_id: str, role: str) -> float:
    import time

    start = time.monotonic()
    owner(at, task_id, role)
    return time.monotonic() - start


def test_a_locked_database_says_not_saved_and_the_next_runs_do_not_wait(monkeypatch):
    from tests.store.fakes import locked_by_another_process

    monkeypatch.setenv("RACI_DB_TIMEOUT", "1.5")
    at = open_app("en")
    timed_click(at, "select-platforms", "SMM")  # warm: the first click's own costs are not the database's
    with locked_by_another_process(database_path(at)):
        first = timed_click(at, "select-platforms", "CM")  # the save waits the timeout, once
        assert any("Not saved" in w.value and "busy" in w.value for w in at.sidebar.warning)
        assert first >= 1.4
        second = timed_click(at, "answer-questions", "SMM")  # the database is not waited for again
        at.switch_page("app_pages/history.py").run()  # nor by a page that reads it
        assert not at.exception, [e.value for e in at.exception]
        assert any("Not saved" in w.value for w in at.sidebar.warning)
        assert second < 1.0, second
    assert at.session_state["plan"].letters().iloc[0].tolist() == ["I", "A/R"]  # the edits are in the session


def test_a_full_disk_says_so_and_keeps_the_edit(monkeypatch):
    import sqlite3

    from raci.storage.engine import Database

    at = open_app("en")
    original, disk = Database.run, {"full": True}

    def full(self, work, write=False):  # noqa: ANN001, ANN202
        if write and disk["full"]:
            raise self.unavailable(sqlite3.OperationalError("database or disk is full"))
        return original(self, work, write)

    monkeypatch.setattr(Database, "run", full)  # not undone by hand: monkeypatch also holds the test's database URL
    owner(at, "select-platforms", "CM")
    warnings = " ".join(w.value for w in at.sidebar.warning)
    assert "Not saved" in warnings and "disk of the plan database is full" in warnings and "kept" in warnings
    assert at.session_state["plan"].letters().iloc[0].tolist() == ["I", "A/R"]
    disk["full"] = False
    at.run()  # the disk has room again: the kept edit is saved by itself
    assert not any("Not saved" in w.value for w in at.sidebar.warning)
    assert reopen(at.session_state["plan_id"]).session_state["plan"].letters().iloc[0].tolist() == ["I", "A/R"]


def test_a_damaged_plan_is_listed_as_damaged_and_the_others_still_list():
    import sqlite3

    from raci.storage import Store

    at = open_app("en", "app_pages/plans.py")
    path = database_path(at)
    with Store(f"sqlite:///{path}") as store:
        damaged = store.create_plan("Brand B", seed_plan("en"))
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE plans SET updated_at = 'garbage' WHERE id = ?", (damaged.id,))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    table = at.dataframe[0].value
    assert sorted(table["Name"].tolist()) == ["Brand B", "Social media team"]
    assert table.set_index("Name").loc["Brand B", "Last saved"] == "damaged: cannot be opened"
    at.selectbox(key="plans_pick").set_value(damaged.id).run()
    at.button(key="open_plan").click().run()  # opening it says why it cannot, in the user's language
    assert not at.exception, [e.value for e in at.exception]
    assert any("'Brand B'" in e.value and "damaged" in e.value for e in at.error)


def test_the_history_page_says_a_damaged_version_cannot_be_compared():
    import sqlite3

    from raci.storage import Store

    at = open_app("es")
    owner(at, "select-platforms", "CM")
    plan_id = at.session_state["plan_id"]
    with sqlite3.connect(database_path(at)) as conn:
        conn.execute("UPDATE versions SET content = x'00' WHERE plan_id = ? AND number = 1", (plan_id,))
    Store.clear_cache()
    at.switch_page("app_pages/history.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.dataframe[0].value["Versión"].tolist() == [2, 1]  # the history still lists
    assert any(f"La versión 1 del plan '{plan_id}'" in w.value and "dañados" in w.value for w in at.warning)
