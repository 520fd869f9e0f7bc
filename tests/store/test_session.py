"""A person's session on saved plans (raci.storage.session), without Streamlit: open, autosave,
lost races, conflicts, an unreachable database, restoring, following someone else's saves."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from raci.history import describe_text, diff
from raci.seed import seed_plan
from raci.storage.session import SAVE_ATTEMPTS, Notice, PlanSession, SessionState, Text
from raci.storage.store import PlanNotFound, StaleVersion, Store, StoreUnavailable

MODERATE, ANSWER = 15, 11  # two tasks of the seeded plan, far from task 0


def opened(store: Store, author: str = "ana", lang: str = "en") -> tuple[PlanSession, object]:
    """A new session on ``store``, with the plan it opens first."""
    session = PlanSession(store)
    outcome = session.open_initial(None, seed_plan(lang), "Team", author)
    return session, outcome.plan


def joined(store: Store, plan_id: str) -> tuple[PlanSession, object]:
    """A second session on the plan ``plan_id`` (another browser tab, another person)."""
    session = PlanSession(store)
    return session, session.open_initial(plan_id, seed_plan("en"), "Team", "").plan


# ----- opening ------------------------------------------------------------------------------------
def test_a_session_on_an_empty_database_creates_the_first_plan(store):
    session = PlanSession(store)
    outcome = session.open_initial(None, seed_plan("es"), "Equipo de redes sociales", "ana")
    state = session.state
    assert outcome.plan == seed_plan("es") and outcome.notices == [] and outcome.adopted
    assert state.plan_id and state.head == 1 and state.saved == seed_plan("es")
    assert state.name == "Equipo de redes sociales" and not state.unsaved and state.pending is None
    plan, info = store.open_plan(state.plan_id)
    assert plan == seed_plan("es") and info.name == "Equipo de redes sociales" and info.updated_by == "ana"
    assert len(store.list_plans()) == 1


def test_the_plan_asked_for_is_opened_even_when_it_is_not_the_latest(store):
    older = store.create_plan("Brand A", seed_plan("en").set_letter(0, "CM", "I"))
    store.create_plan("Brand B", seed_plan("en"))
    session = PlanSession(store)
    outcome = session.open_initial(older.id, seed_plan("en"), "Team", "")
    assert outcome.plan.letter(0, "CM") == "I" and outcome.notices == [] and outcome.adopted
    assert (session.state.plan_id, session.state.name, session.state.head) == (older.id, "Brand A", 1)
    assert len(store.list_plans()) == 2  # nothing created


def test_without_a_link_someone_elses_latest_plan_is_never_opened(store):
    """A visitor without a link does not inherit (nor pay to load) another person's plan."""
    first = store.create_plan("Brand A", seed_plan("en"))
    store.save(first.id, seed_plan("en").set_letter(0, "CM", "I"), 1, author="bea")  # the latest
    session = PlanSession(store)
    store.open_plan = None  # type: ignore[method-assign]  # opening any saved plan would fail the test
    outcome = session.open_initial(None, seed_plan("en"), "Team", "cai")
    assert session.state.plan_id not in (None, first.id) and outcome.plan == seed_plan("en")
    assert outcome.notices == [] and outcome.adopted and len(store.list_plans()) == 2


def test_an_unknown_plan_asked_for_is_a_warning_and_a_new_plan_opens(store):
    store.create_plan("Brand A", seed_plan("en"))
    session = PlanSession(store)
    outcome = session.open_initial("no-such-plan", seed_plan("en"), "Team", "")
    assert session.state.plan_id and outcome.adopted and outcome.plan == seed_plan("en")
    assert outcome.notices == [Notice("app.store.not_found", {"plan": "no-such-plan"}, "warning")]
    assert "'no-such-plan'" in outcome.notices[0].message("en")
    assert outcome.notices[0].message("es").startswith("No existe ningún plan guardado 'no-such-plan'")


def test_an_unknown_plan_on_an_empty_database_warns_and_creates_the_first_plan(store):
    session = PlanSession(store)
    outcome = session.open_initial("no-such-plan", seed_plan("en"), "Team", "")
    assert [n.key for n in outcome.notices] == ["app.store.not_found"]
    assert session.state.plan_id and session.state.name == "Team" and outcome.plan == seed_plan("en")


# ----- saving ---------------------------------------------------------------------------------------
def test_every_save_is_a_new_version_described_in_the_readers_language(store):
    session, plan = opened(store, lang="es")
    plan_id = session.state.plan_id
    edit = plan.set_letter(0, "CM", "I")
    outcome = session.save(edit, "ana", "es")
    assert outcome.plan is edit and outcome.notices == [] and outcome.adopted
    assert session.state.head == 2 and session.state.saved is edit
    second = edit.set_letter(ANSWER, "SMM", "A/R")
    session.save(second, "bea", "en")
    assert session.state.head == 3
    history = store.history(plan_id)
    assert [(v.number, v.author) for v in history] == [(3, "bea"), (2, "ana"), (1, "ana")]
    # Stored language-neutral: each reader gets the line in their own language, whoever saved it.
    assert history[1].description_text("es") == describe_text(diff(plan, edit), "es")
    assert history[1].description_text("en") == describe_text(diff(plan, edit), "en")
    assert history[0].description_text("es") == describe_text(diff(edit, second), "es")
    assert history[1].description_text("es") != history[1].description_text("en")
    assert store.open_plan(plan_id)[0] == second


def test_saving_an_unchanged_plan_writes_no_version(store):
    session, plan = opened(store)
    outcome = session.save(plan, "ana", "en")
    assert outcome.plan is plan and session.state.head == 1
    assert len(store.history(session.state.plan_id)) == 1


# ----- two people on one plan -------------------------------------------------------------------
def test_a_lost_race_re_applies_my_edit_on_theirs_and_says_who(store, open_store):
    ana, plan = opened(store)
    plan_id = ana.state.plan_id
    bea, bea_plan = joined(open_store(), plan_id)
    ana.save(plan.set_letter(0, "CM", "I"), "Ana", "en")  # version 2
    mine = bea_plan.set_letter(ANSWER, "SMM", "A/R")  # based on version 1
    outcome = bea.save(mine, "Bea", "en")
    expected = seed_plan("en").set_letter(0, "CM", "I").set_letter(ANSWER, "SMM", "A/R")
    assert outcome.plan == expected and outcome.adopted
    assert bea.state.head == 3 and bea.state.saved == expected and bea.state.pending is None
    assert store.open_plan(plan_id)[0] == expected
    assert [(v.number, v.author) for v in store.history(plan_id)] == [(3, "Bea"), (2, "Ana"), (1, "ana")]
    [notice] = outcome.notices
    assert notice.key == "app.store.merged" and notice.level == "info" and notice.params["who"] == "Ana"
    assert notice.params["what"].message("en") == store.history(plan_id)[1].description
    assert notice.message("en").startswith("Ana saved a newer version in the meantime (")
    assert notice.message("es").startswith("Ana guardó entretanto una versión más reciente (")


def test_an_anonymous_saver_is_someone_in_the_readers_language(store, open_store):
    ana, plan = opened(store)
    bea, bea_plan = joined(open_store(), ana.state.plan_id)
    ana.save(plan.set_letter(0, "CM", "I"), "", "en")
    [notice] = bea.save(bea_plan.set_letter(ANSWER, "SMM", "A/R"), "Bea", "en").notices
    assert notice.params["who"] == Text("app.store.someone")
    assert notice.message("en").startswith("Someone saved") and notice.message("es").startswith("Alguien guardó")


def test_a_conflicting_edit_leaves_their_version_open_and_keeps_mine_aside(store, open_store):
    ana, plan = opened(store)
    plan_id = ana.state.plan_id
    bea, bea_plan = joined(open_store(), plan_id)
    theirs = plan.set_letter(0, "CM", "I")
    ana.save(theirs, "Ana", "en")
    mine = bea_plan.set_letter(0, "CM", "R")  # the same cell, differently
    outcome = bea.save(mine, "Bea", "en")
    assert outcome.plan == theirs and bea.state.pending is mine
    assert bea.state.head == 2 and bea.state.saved == theirs
    assert len(store.history(plan_id)) == 2  # nothing of mine written
    [notice] = outcome.notices
    assert (notice.key, notice.level, notice.params["who"], notice.params["count"]) == (
        "app.store.conflict", "warning", "Ana", 1)
    assert "kept aside" in notice.message("en") and "se conserva aparte" in notice.message("es")

    applied = bea.save(bea.state.pending, "Bea", "en")  # "apply my edit": over their version, now the base
    assert applied.plan is mine and applied.notices == [] and bea.state.head == 3
    assert store.open_plan(plan_id)[0].letter(0, "CM") == "R"


def race(session_store: Store, rival: Store, plan_id: str, times: int) -> Callable[[], int]:
    """Make ``session_store`` lose the race ``times`` times: before each of its saves, ``rival`` saves first."""
    real = session_store.save
    lost = [0]

    def save(pid: str, plan, base: int, author: str = "", description: str | None = None):  # noqa: ANN001, ANN202
        if lost[0] < times:
            lost[0] += 1
            current, info = rival.open_plan(plan_id)
            rival.save(plan_id, current.set_letter(lost[0], "SMM", "I"), info.head, author=f"rival{lost[0]}")
        return real(pid, plan, base, author, description=description)

    session_store.save = save  # type: ignore[method-assign]
    return lambda: lost[0]


def test_a_save_that_keeps_losing_the_race_is_tried_again_and_saved(store, open_store):
    ana, plan = opened(store)
    plan_id = ana.state.plan_id
    mine = plan.set_letter(ANSWER, "SMM", "A/R")

    race(store, open_store(), plan_id, times=2)  # lost twice, saved at the third attempt
    outcome = ana.save(mine, "Ana", "en")
    assert ana.state.head == 4 and not ana.state.unsaved
    assert [n.params["who"] for n in outcome.notices] == ["rival1", "rival2"]
    assert store.open_plan(plan_id)[0] == outcome.plan
    assert outcome.plan.letter(ANSWER, "SMM") == "A/R" and outcome.plan.letter(2, "SMM") == "I"


def test_five_lost_races_in_a_row_still_save_my_edit(store, open_store):
    ana, plan = opened(store)
    plan_id = ana.state.plan_id
    mine = plan.set_letter(ANSWER, "SMM", "A/R")
    lost = race(store, open_store(), plan_id, times=5)
    outcome = ana.save(mine, "Ana", "en")
    assert lost() == 5 and [n.key for n in outcome.notices] == ["app.store.merged"] * 5
    assert ana.state.head == 7 and not ana.state.unsaved and ana.state.pending is None
    saved = store.open_plan(plan_id)[0]
    assert saved == outcome.plan and saved.letter(ANSWER, "SMM") == "A/R" and saved.letter(5, "SMM") == "I"


def test_a_save_that_loses_every_race_keeps_my_edit_aside_and_says_so(store, open_store):
    """The edit survives: never a silent "Saved" while a colleague's next save would replace it."""
    ana, plan = opened(store)
    plan_id = ana.state.plan_id
    mine = plan.set_letter(ANSWER, "SMM", "A/R")
    lost = race(store, open_store(), plan_id, times=SAVE_ATTEMPTS + 5)
    outcome = ana.save(mine, "Ana", "en")
    assert lost() == SAVE_ATTEMPTS  # every attempt was tried, then it stopped
    assert outcome.notices[-1].key == "app.store.busy_kept_aside" and outcome.notices[-1].level == "warning"
    assert "aparte" in outcome.notices[-1].message("es") and "aside" in outcome.notices[-1].message("en")
    theirs = store.open_plan(plan_id)[0]
    assert outcome.plan == theirs and ana.state.saved == theirs  # their newest version is what is open
    assert ana.state.pending.letter(ANSWER, "SMM") == "A/R"  # mine, re-applied on theirs, kept aside
    assert ana.state.pending.letter(SAVE_ATTEMPTS, "SMM") == "I"

    applied = ana.save(ana.state.pending, "Ana", "en")  # "Apply my edit"
    assert store.open_plan(plan_id)[0].letter(ANSWER, "SMM") == "A/R" and applied.plan.letter(ANSWER, "SMM") == "A/R"


def test_a_plan_deleted_meanwhile_is_an_error_notice_and_my_plan_stays_open(store):
    session, plan = opened(store)
    store.delete(session.state.plan_id)
    edit = plan.set_letter(0, "CM", "I")
    outcome = session.save(edit, "ana", "en")
    assert outcome.plan is edit and not session.state.unsaved
    [notice] = outcome.notices
    assert notice.level == "error" and notice.key == "store.error_deleted" and notice.params["name"] == "Team"
    assert notice.message("en").startswith("The plan 'Team' was deleted")


# ----- following other people's saves ----------------------------------------------------------
def test_newer_version_picks_up_another_sessions_save(store, open_store):
    ana, plan = opened(store)
    bea, _ = joined(open_store(), ana.state.plan_id)
    assert bea.newer_version().plan is None  # nothing new yet
    theirs = plan.set_letter(0, "CM", "I")
    ana.save(theirs, "Ana", "en")
    outcome = bea.newer_version()
    assert outcome.plan == theirs and outcome.adopted and bea.state.head == 2 and bea.state.saved == theirs
    [notice] = outcome.notices
    assert (notice.key, notice.level, notice.params["who"]) == ("app.store.updated", "info", "Ana")
    assert notice.params["what"].message("en") == store.history(ana.state.plan_id)[0].description
    assert notice.message("en").startswith("Ana changed the plan: ")
    assert bea.newer_version().plan is None  # and only once


def test_switching_plans_opens_the_other_one_and_drops_an_edit_kept_aside(store):
    session, plan = opened(store)
    other = store.create_plan("Brand B", seed_plan("en").remove_task(0))
    session.state.pending = plan.set_letter(0, "CM", "R")
    outcome = session.switch_to(other.id)
    assert outcome.plan == seed_plan("en").remove_task(0) and outcome.adopted
    assert (session.state.plan_id, session.state.name, session.state.head) == (other.id, "Brand B", 1)
    assert session.state.pending is None


def test_switching_to_an_unknown_plan_changes_nothing_and_says_why(store):
    session, plan = opened(store)
    before = SessionState(**vars(session.state))
    session.state.pending = pending = plan.set_letter(0, "CM", "R")
    outcome = session.switch_to("no-such-plan")
    assert outcome.plan is None and not outcome.adopted
    [notice] = outcome.notices
    assert notice.level == "error" and isinstance(notice.error, PlanNotFound)
    assert notice.message("en") == "There is no plan 'no-such-plan'."
    assert session.state.plan_id == before.plan_id and session.state.pending is pending


# ----- restoring ---------------------------------------------------------------------------------------
def test_restoring_a_version_makes_a_new_version(store):
    session, plan = opened(store)
    plan_id = session.state.plan_id
    session.save(plan.set_letter(0, "CM", "I"), "ana", "en")
    session.save(plan.set_letter(0, "CM", "I").set_letter(ANSWER, "SMM", "A/R"), "ana", "en")
    outcome = session.restore(1, "bea")
    assert outcome.plan == seed_plan("en") and outcome.adopted and outcome.notices == []
    assert session.state.head == 4 and session.state.saved == seed_plan("en")
    assert [(v.number, v.author) for v in store.history(plan_id)][:1] == [(4, "bea")]
    assert store.version(plan_id, 2).letter(0, "CM") == "I"  # nothing destroyed


def test_restoring_on_a_stale_base_is_refused_with_who_saved_meanwhile(store, open_store):
    ana, plan = opened(store)
    bea, _ = joined(open_store(), ana.state.plan_id)
    ana.save(plan.set_letter(0, "CM", "I"), "Ana", "en")
    outcome = bea.restore(1, "Bea")
    assert outcome.plan is None and bea.state.head == 1
    [notice] = outcome.notices
    assert isinstance(notice.error, StaleVersion) and notice.level == "error"
    assert notice.message("en").startswith("Ana saved version 2 of this plan while you were editing")
    assert bea.newer_version().plan is not None  # the next look shows their version


# ----- an unreachable database -------------------------------------------------------------------------
def blocked_url(tmp_path: Path) -> tuple[str, Path]:
    """A SQLite URL whose folder is a file: the database cannot be opened until the file goes."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the database's folder should be")
    return f"sqlite:///{blocked}/raci.db", blocked


def test_a_database_down_from_the_start_keeps_the_plan_unsaved_then_creates_it(tmp_path):
    url, blocked = blocked_url(tmp_path)
    stores: list[Store] = []

    def connect() -> Store:
        if not stores:
            stores.append(Store(url))
        return stores[0]

    session = PlanSession(connect)
    outcome = session.open_initial("some-plan", seed_plan("en"), "Team", "ana")
    assert outcome.plan == seed_plan("en") and not outcome.adopted and outcome.notices == []
    state = session.state
    assert state.unsaved and state.plan_id is None and isinstance(state.problem, StoreUnavailable)
    assert state.problem.key == "unwritable" and "cannot be opened" in state.problem.message("en")

    edit = seed_plan("en").set_letter(0, "CM", "I")
    assert session.save(edit, "ana", "en").plan is edit and state.unsaved  # still down: kept, unsaved
    assert session.newer_version().plan is None and session.restore(1, "ana").plan is None
    assert session.switch_to("some-plan").plan is None and state.unsaved

    blocked.unlink()
    blocked.mkdir()  # the database is back
    outcome = session.save(edit, "ana", "es")
    assert outcome.plan is edit and outcome.adopted and not state.unsaved and state.problem is None
    assert state.plan_id and state.head == 1 and state.name == "Equipo de redes sociales"
    assert stores[0].open_plan(state.plan_id)[0] == edit
    stores[0].close()


def test_a_database_that_goes_down_mid_session_keeps_edits_and_saving_resumes(store, open_store, monkeypatch):
    session, plan = opened(store)
    plan_id = session.state.plan_id
    other, other_plan = joined(open_store(), plan_id)

    def down(*_args: object, **_kwargs: object) -> None:
        raise StoreUnavailable("unreachable", url="postgresql://db")

    with monkeypatch.context() as patched:
        for name in ("save", "history", "open_plan"):
            patched.setattr(store, name, down)
        edit = plan.set_letter(0, "CM", "I")
        outcome = session.save(edit, "ana", "en")
        assert outcome.plan is edit and outcome.notices == [] and not outcome.adopted
        assert session.state.unsaved and session.state.problem.key == "unreachable"
        assert session.state.head == 1  # still based on version 1
        assert session.newer_version().plan is None
    theirs = other_plan.set_letter(ANSWER, "SMM", "A/R")
    other.save(theirs, "Bea", "en")  # the database is back; someone else saved meanwhile
    assert session.newer_version().plan is None and session.state.unsaved  # my unsaved edit is not replaced

    outcome = session.save(edit, "ana", "en")  # the next save (the retry at the next run)
    expected = edit.set_letter(ANSWER, "SMM", "A/R")
    assert outcome.plan == expected and outcome.adopted and not session.state.unsaved
    assert [n.key for n in outcome.notices] == ["app.store.merged"]
    assert session.state.head == 3 and store.open_plan(plan_id)[0] == expected


def test_the_state_is_plain_data_another_session_object_can_carry_on_from(store):
    session, plan = opened(store)
    carried = PlanSession(store, SessionState(**vars(session.state)))  # as if kept between two runs
    carried.save(plan.set_letter(0, "CM", "I"), "ana", "en")
    assert carried.state.head == 2 and session.state.head == 1


@pytest.mark.parametrize("lang", ["es", "en"])
def test_notice_messages_fill_texts_in_the_readers_language(lang):
    notice = Notice("app.store.updated", {"who": Text("app.store.someone"), "what": "x"})
    assert notice.message(lang) == {"es": "Alguien cambió el plan: x. Ahora ves la última versión.",
                                    "en": "Someone changed the plan: x. You are now seeing the latest version."}[lang]
