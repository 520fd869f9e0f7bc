"""What-if scenarios on each backend: made from a plan, listed, edited, compared, promoted (the plan unchanged,
or moved on: rebased, with conflicts), rebased, discarded and undeleted, hidden with their plan, purged with it;
and ``python -m raci plans scenarios|scenario|promote``."""

from __future__ import annotations

import json
import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci import letters as L
from raci.history import Conflict, diff
from raci.model import Task
from raci.seed import seed_plan
from raci.storage import PlanDeleted, PlanInfo, PlanNotFound, StaleVersion, Store, StoreError
from raci.storage.scenarios import Comparison, Promotion
from tests.store.test_cli_plans import one_line, raci
from tests.store.test_store import sql

MODERATE = 15  # "Moderar conversaciones en línea": CM A/R in the seeded plan
CONTENT = 1  # "Planificar la estrategia de contenido": CM C


@pytest.fixture
def family(store):
    """A plan at version 2 and a scenario of it, made from that version."""
    first = seed_plan("es")
    plan = store.create_plan("Equipo redes", first, author="ana")
    second = first.set_letter(0, "CM", "I")
    store.save(plan.id, second, 1, author="ana")
    scenario = store.create_scenario(plan.id, "Contratar un segundo CM", author="bea")
    return {"plan": plan.id, "scenario": scenario, "head": second}


def head(store: Store, plan_id: str):
    return store.open_plan(plan_id)[0]


# ----- records --------------------------------------------------------------------------------------
def test_plan_info_keeps_positional_construction_and_says_whether_it_is_a_scenario():
    moment = datetime(2026, 1, 1, tzinfo=UTC)
    plan = PlanInfo("abc", "Plan", 3, moment, moment, "ana", None)
    assert (plan.parent_id, plan.base_version, plan.is_scenario, plan.damaged) == (None, None, False, False)
    scenario = PlanInfo("def", "Qué pasa si", 1, moment, moment, "", None, False, "abc", 3)
    assert scenario.is_scenario and (scenario.parent_id, scenario.base_version) == ("abc", 3)


# ----- making and listing ------------------------------------------------------------------------------
def test_a_scenario_is_a_copy_of_the_plans_head_stored_with_it(store, family):
    scenario = family["scenario"]
    assert scenario.is_scenario and (scenario.parent_id, scenario.base_version, scenario.head) == (
        family["plan"], 2, 1)
    assert (scenario.name, scenario.updated_by, scenario.deleted_at) == ("Contratar un segundo CM", "bea", None)
    plan, info = store.open_plan(scenario.id)
    assert plan == family["head"] and info == scenario
    (created,) = store.history(scenario.id)
    assert created.author == "bea"
    assert created.description_text("es") == "Escenario creado desde «Equipo redes» v2"
    assert created.description_text("en") == "Scenario created from «Equipo redes» v2"
    assert json.loads(created.stored) == {"k": "store.scenario_created", "p": {"name": "Equipo redes", "number": 2}}
    assert [p.id for p in store.list_plans()] == [family["plan"]]  # scenarios are not plans in the list
    assert [p.id for p in store.list_plans(include_deleted=True)] == [family["plan"]]
    assert store.scenarios(family["plan"]) == [scenario]
    assert store.parent_of(scenario.id) == store.open_plan(family["plan"])[1]
    assert store.scenarios(scenario.id) == []  # a scenario has none


def test_scenarios_are_edited_like_plans_and_listed_most_recent_first(store, family):
    older = family["scenario"]
    newer = store.create_scenario(family["plan"], "  Black Friday: +50 % en Difusión de contenido  ")
    assert newer.name == "Black Friday: +50 % en Difusión de contenido"
    assert [s.id for s in store.scenarios(family["plan"])] == [newer.id, older.id]
    edited = family["head"].set_letter(MODERATE, "SMM", "R")
    saved = store.save(older.id, edited, 1, author="bea")
    assert (saved.head, saved.parent_id, saved.base_version) == (2, family["plan"], 2)
    assert [s.id for s in store.scenarios(family["plan"])] == [older.id, newer.id]
    assert head(store, older.id) == edited and head(store, family["plan"]) == family["head"]  # the plan untouched
    assert store.history(older.id)[0].description_text("en") == "SMM: I -> R on 'Moderar conversaciones en línea'"
    with pytest.raises(StaleVersion):
        store.save(older.id, edited.set_letter(0, "SMM", "I"), 1)
    renamed = store.rename(older.id, "Dos CM")
    assert renamed.name == "Dos CM" and renamed.is_scenario and store.scenarios(family["plan"])[0].name == "Dos CM"
    assert store.restore(older.id, 1, 2).head == 3 and head(store, older.id) == family["head"]


def test_making_a_scenario_checks_its_inputs(store, family):
    plan = family["plan"]
    for name in ("", "   ", "a\x00b", "x" * 201, None, 3):
        with pytest.raises(StoreError) as caught:
            store.create_scenario(plan, name)  # type: ignore[arg-type]
        assert caught.value.key == "bad_name"
    with pytest.raises(StoreError) as caught:
        store.create_scenario(family["scenario"].id, "Otro")
    assert caught.value.key == "scenario_of_scenario"
    assert caught.value.message("es") == (
        "'Contratar un segundo CM' es un escenario: crea el nuevo escenario desde el plan del que viene.")
    assert "is a scenario" in caught.value.message("en")
    for unknown in ("nope", "", "x" * 100, None):
        with pytest.raises(PlanNotFound) as caught:
            store.create_scenario(unknown, "Otro")  # type: ignore[arg-type]
        assert type(caught.value) is PlanNotFound
    store.delete(plan)
    with pytest.raises(PlanDeleted) as caught:
        store.create_scenario(plan, "Otro")
    assert caught.value.message("es").startswith("El plan 'Equipo redes' se eliminó")
    assert len(store.scenarios(plan, include_deleted=True)) == 1  # nothing made
    with pytest.raises(PlanNotFound):
        store.scenarios("nope")
    with pytest.raises(StoreError) as caught:
        store.parent_of(plan)
    assert caught.value.key == "not_a_scenario" and caught.value.message("en") == (
        "'Equipo redes' is a plan, not a scenario.")
    with pytest.raises(PlanNotFound):
        store.parent_of("nope")


def test_a_duplicate_does_not_copy_the_scenarios_and_a_scenarios_duplicate_is_a_plan(store, family):
    copy = store.duplicate(family["plan"], "Copia")
    assert store.scenarios(copy.id) == [] and not copy.is_scenario
    own = store.duplicate(family["scenario"].id, "Ahora un plan")
    assert not own.is_scenario and {p.id for p in store.list_plans()} == {family["plan"], copy.id, own.id}
    assert len(store.scenarios(family["plan"])) == 1


# ----- comparing ------------------------------------------------------------------------------------------
def test_compare_gives_the_scenario_the_plans_head_and_the_version_it_is_based_on(store, family):
    scenario = family["scenario"]
    mine = family["head"].set_letter(MODERATE, "CM", "R")
    store.save(scenario.id, mine, 1)
    comparison = store.compare(scenario.id)
    assert isinstance(comparison, Comparison) and not comparison.moved_on
    assert comparison.plan == mine and comparison.parent_plan == comparison.base == family["head"]
    assert comparison.merged() == (mine, [])
    theirs = family["head"].set_letter(2, "CM", "I")
    store.save(family["plan"], theirs, 2)
    comparison = store.compare(scenario.id)
    assert comparison.moved_on and (comparison.scenario.base_version, comparison.parent.head) == (2, 3)
    assert comparison.base == family["head"] and comparison.parent_plan == theirs
    assert [c.task for c in diff(comparison.base, comparison.plan).letter_changes] == [
        "Moderar conversaciones en línea"]
    merged, conflicts = comparison.merged()
    assert conflicts == [] and merged == theirs.set_letter(MODERATE, "CM", "R")
    assert store.version(family["plan"], comparison.scenario.base_version) == comparison.base
    with pytest.raises(StoreError) as caught:
        store.compare(family["plan"])
    assert caught.value.key == "not_a_scenario"


# ----- promoting -----------------------------------------------------------------------------------------
def test_promoting_onto_an_unchanged_plan_saves_the_scenario_as_it_is(store, family):
    scenario = family["scenario"]
    mine = family["head"].set_letter(MODERATE, "CM", "R").add_task(Task("Lives de Black Friday", "Difusión",
                                                                          "operational", 12), letters={"CM": "R"})
    store.save(scenario.id, mine, 1, author="bea")
    done = store.promote(scenario.id, author="carl")
    assert isinstance(done, Promotion) and (done.rebased, done.conflicts, done.new_version) == (False, [], True)
    assert (done.plan.id, done.plan.head, done.plan.updated_by) == (family["plan"], 3, "carl")
    assert head(store, family["plan"]) == mine
    line = store.history(family["plan"])[0]
    assert line.author == "carl" and line.description_text("es") == "Escenario «Contratar un segundo CM» promovido"
    assert line.description_text("en") == "Scenario «Contratar un segundo CM» promoted"
    assert store.scenarios(family["plan"]) == []  # it went to the bin
    (binned,) = store.scenarios(family["plan"], include_deleted=True)
    assert binned.id == scenario.id and binned.deleted_at is not None and head(store, scenario.id) == mine


def test_promoting_after_the_plan_moved_on_keeps_both_edits_and_lists_the_clash(store, family):
    scenario = family["scenario"]
    store.save(scenario.id, family["head"].set_letter(MODERATE, "CM", "R").set_letter(CONTENT, "CM", "I"), 1)
    theirs = family["head"].set_letter(2, "SMM", "I").set_letter(CONTENT, "CM", "R")
    store.save(family["plan"], theirs, 2, author="ana")
    done = store.promote(scenario.id)
    assert done.rebased and done.new_version and done.plan.head == 4
    assert done.conflicts == [Conflict("letter", task="Planificar la estrategia de contenido", role="CM",
                                       mine="I", theirs="R", task_id=done.conflicts[0].task_id)]
    promoted = head(store, family["plan"])
    assert promoted == theirs.set_letter(MODERATE, "CM", "R")  # theirs kept, mine applied, the clash theirs
    assert promoted.letter(CONTENT, "CM") == "R" and promoted.letter(2, "SMM") == "I"
    line = store.history(family["plan"])[0]
    assert line.description_text("es") == "Escenario «Contratar un segundo CM» promovido, 1 cambio no aplicado"
    assert line.description_text("en") == "Scenario «Contratar un segundo CM» promoted, 1 change not applied"


def test_a_promotion_that_changes_nothing_writes_no_version_but_discards_the_scenario(store, family):
    done = store.promote(family["scenario"].id)
    assert (done.new_version, done.rebased, done.plan.head) == (False, False, 2)
    assert len(store.history(family["plan"])) == 2 and store.scenarios(family["plan"]) == []
    again = store.create_scenario(family["plan"], "Lo mismo que el plan")
    store.save(family["plan"], family["head"].set_letter(2, "CM", "I"), 2)
    done = store.promote(again.id)  # the plan moved on, the scenario changed nothing: the head as it is
    assert (done.new_version, done.rebased, done.plan.head, done.conflicts) == (False, True, 3, [])


def test_promoting_twice_or_promoting_a_plan_is_refused(store, family):
    scenario = family["scenario"]
    store.save(scenario.id, family["head"].set_letter(MODERATE, "CM", "R"), 1)
    store.promote(scenario.id)
    for attempt in (store.promote, store.rebase_scenario):
        with pytest.raises(PlanDeleted) as caught:
            attempt(scenario.id)
        assert caught.value.key == "scenario_deleted"
        assert caught.value.message("es") == ("El escenario 'Contratar un segundo CM' ya se promovió o se descartó: "
                                              "restáuralo desde la papelera para volver a usarlo.")
    assert len(store.history(family["plan"])) == 3  # one promotion only
    with pytest.raises(StoreError) as caught:
        store.promote(family["plan"])
    assert caught.value.key == "not_a_scenario"
    for unknown in ("nope", None, 7):
        with pytest.raises(PlanNotFound):
            store.promote(unknown)  # type: ignore[arg-type]


def test_a_scenario_of_a_plan_in_the_bin_cannot_be_promoted(store, family):
    store.save(family["scenario"].id, family["head"].set_letter(MODERATE, "CM", "R"), 1)
    store.delete(family["plan"])
    with pytest.raises(PlanDeleted) as caught:
        store.promote(family["scenario"].id)
    assert caught.value.key == "deleted" and "Equipo redes" in caught.value.message("en")
    assert store.open_plan(family["scenario"].id)[1].deleted_at is None  # not discarded either


def test_promoting_reads_again_when_someone_saves_the_plan_or_the_scenario_meanwhile(store, open_store, family,
                                                                                     monkeypatch):
    other = open_store()
    scenario = family["scenario"]
    store.save(scenario.id, family["head"].set_letter(MODERATE, "CM", "R"), 1)
    real = store._save  # noqa: SLF001
    meanwhile = [lambda: other.save(family["plan"], family["head"].set_letter(2, "SMM", "I"), 2, author="dani"),
                 lambda: other.save(scenario.id, head(other, scenario.id).set_letter(3, "SMM", "I"), 2)]

    def racing(*args, **kwargs):
        if meanwhile:
            meanwhile.pop(0)()
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "_save", racing)
    done = store.promote(scenario.id)
    assert not meanwhile and done.rebased and done.plan.head == 4 and done.conflicts == []
    assert head(store, family["plan"]) == (family["head"].set_letter(2, "SMM", "I")
                                           .set_letter(MODERATE, "CM", "R").set_letter(3, "SMM", "I"))

    busy = store.create_scenario(family["plan"], "Siempre ocupado")
    store.save(busy.id, head(store, busy.id).set_letter(4, "SMM", "I"), 1)

    def always_stale(*args, **kwargs):
        parent, plan_head = head(other, family["plan"]), other.open_plan(family["plan"])[1].head
        other.save(family["plan"], parent.set_letter(5, "SMM", "I" if parent.letter(5, "SMM") != "I" else "C"),
                   plan_head)
        return real(*args, **kwargs)

    monkeypatch.setattr(store, "_save", always_stale)
    with pytest.raises(StoreError) as caught:
        store.promote(busy.id)
    assert caught.value.key == "scenario_busy" and "4" in caught.value.message("en")
    assert store.open_plan(busy.id)[1].deleted_at is None


def test_two_people_promoting_one_scenario_at_once_promote_it_once(open_store, family):
    stores = [open_store(), open_store()]
    scenario = family["scenario"]
    stores[0].save(scenario.id, family["head"].set_letter(MODERATE, "CM", "R"), 1)
    start, outcomes = threading.Barrier(2), []

    def promote(store: Store) -> None:
        start.wait()
        try:
            outcomes.append(store.promote(scenario.id))
        except StoreError as error:
            outcomes.append(error.key)

    threads = [threading.Thread(target=promote, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(o if isinstance(o, str) else "promoted" for o in outcomes) == ["promoted", "scenario_deleted"]
    assert len(stores[0].history(family["plan"])) == 3


# ----- rebasing ---------------------------------------------------------------------------------------------
def test_rebasing_brings_the_scenario_onto_the_plans_head(store, family):
    scenario = family["scenario"]
    assert store.rebase_scenario(scenario.id) == Promotion(scenario, [], False, new_version=False)
    store.save(scenario.id, family["head"].set_letter(MODERATE, "CM", "R").set_letter(CONTENT, "CM", "I"), 1)
    theirs = family["head"].set_letter(2, "SMM", "I").set_letter(CONTENT, "CM", "R")
    store.save(family["plan"], theirs, 2)
    done = store.rebase_scenario(scenario.id, author="bea")
    assert done.rebased and done.new_version and [c.kind for c in done.conflicts] == ["letter"]
    assert (done.plan.id, done.plan.head, done.plan.base_version) == (scenario.id, 3, 3)
    assert store.scenarios(family["plan"])[0].base_version == 3
    assert head(store, scenario.id) == theirs.set_letter(MODERATE, "CM", "R")
    line = store.history(scenario.id)[0]
    assert line.description_text("es") == "Escenario puesto al día con «Equipo redes» v3, 1 cambio no aplicado"
    assert line.author == "bea" and line.description_text("en").startswith("Scenario brought up to date with")
    assert not store.compare(scenario.id).moved_on
    promoted = store.promote(scenario.id)  # now based on the head: saved as it is
    assert not promoted.rebased and head(store, family["plan"]) == head(store, scenario.id)


# ----- the bin ------------------------------------------------------------------------------------------------
def test_discarding_is_deleting_and_undelete_brings_the_scenario_back(store, family):
    scenario = family["scenario"]
    store.save(scenario.id, family["head"].set_letter(MODERATE, "CM", "R"), 1)
    store.delete(scenario.id)
    assert store.scenarios(family["plan"]) == [] and [p.id for p in store.list_plans()] == [family["plan"]]
    assert [s.id for s in store.scenarios(family["plan"], include_deleted=True)] == [scenario.id]
    with pytest.raises(PlanDeleted):
        store.save(scenario.id, family["head"], 2)
    back = store.undelete(scenario.id)
    assert back.deleted_at is None and back.is_scenario and store.scenarios(family["plan"]) == [back]
    assert len(store.history(scenario.id)) == 2 and store.promote(scenario.id).new_version


def test_a_plan_in_the_bin_hides_its_scenarios_until_it_is_back(store, family):
    scenario = family["scenario"]
    store.delete(family["plan"])
    assert store.scenarios(family["plan"]) == [] and store.list_plans() == []
    assert [s.id for s in store.scenarios(family["plan"], include_deleted=True)] == [scenario.id]
    assert store.open_plan(scenario.id)[1].deleted_at is None  # the scenario itself was not touched
    store.undelete(family["plan"])
    assert store.scenarios(family["plan"]) == [scenario]


def test_purging_a_plan_purges_its_scenarios_first(store, store_url, family):
    scenario = family["scenario"]
    discarded = store.create_scenario(family["plan"], "Descartado")
    store.delete(discarded.id)
    other = store.create_plan("Otro", seed_plan("en"))
    other_live = store.create_scenario(other.id, "Sigue")
    other_gone = store.create_scenario(other.id, "Se va")
    store.delete(other_gone.id)
    store.delete(family["plan"])
    assert store.purge_deleted(timedelta(days=30)) == 0
    time.sleep(0.01)
    assert store.purge_deleted(timedelta(0)) == 4  # the plan, its two scenarios, the other plan's discarded one
    for gone in (family["plan"], scenario.id, discarded.id, other_gone.id):
        with pytest.raises(PlanNotFound):
            store.open_plan(gone)
    assert [s.id for s in store.scenarios(other.id, include_deleted=True)] == [other_live.id]
    gone = "', '".join((family["plan"], scenario.id, discarded.id, other_gone.id))
    assert sql(store_url, f"SELECT count(*) FROM versions WHERE plan_id IN ('{gone}')") == [(0,)]
    assert [p.id for p in store.list_plans(include_deleted=True)] == [other.id]


# ----- a property ---------------------------------------------------------------------------------------------
CELL = st.tuples(st.integers(0, 9), st.sampled_from(["SMM", "CM"]))
EDITS = st.dictionaries(CELL, st.sampled_from(L.LETTERS), max_size=5)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mine=EDITS, theirs=EDITS)
def test_a_promotion_keeps_every_edit_that_does_not_clash_and_lists_every_one_that_does(store, mine, theirs):
    base = seed_plan("en")
    plan = store.create_plan("Base", base)
    scenario = store.create_scenario(plan.id, "What if")
    edited_mine, edited_theirs = base, base
    for (task, role), letter in mine.items():
        edited_mine = edited_mine.set_letter(task, role, letter)
    for (task, role), letter in theirs.items():
        edited_theirs = edited_theirs.set_letter(task, role, letter)
    store.save(scenario.id, edited_mine, 1)
    store.save(plan.id, edited_theirs, 1)
    done = store.promote(scenario.id)
    result = head(store, plan.id)
    clashes = 0
    for task in range(base.n_tasks):
        for role in ("SMM", "CM"):
            b, m, t = base.letter(task, role), edited_mine.letter(task, role), edited_theirs.letter(task, role)
            clash = m != b and t not in (b, m)
            clashes += clash
            assert result.letter(task, role) == (t if m == b or clash else m)
    assert len(done.conflicts) == clashes and all(c.kind == "letter" for c in done.conflicts)
    assert done.rebased == (edited_theirs != base)


# ----- python -m raci plans scenarios | scenario | promote ---------------------------------------------------------
def test_the_scenario_commands(store, store_url, family):
    plan, scenario = family["plan"], family["scenario"]
    made = raci("plans", "scenario", plan, "Black Friday", "--db", store_url, "--author", "carl")
    assert made.returncode == 0, made.stderr
    new_id = made.stdout.decode().strip()
    assert store.parent_of(new_id).id == plan and store.open_plan(new_id)[1].updated_by == "carl"
    rows = json.loads(raci("plans", "scenarios", plan, "--db", store_url, "--format", "json").stdout)
    assert [(r["id"], r["name"], r["head"], r["parent_id"], r["base_version"]) for r in rows] == [
        (new_id, "Black Friday", 1, plan, 2), (scenario.id, "Contratar un segundo CM", 1, plan, 2)]
    text = raci("plans", "scenarios", plan, "--db", store_url, "--lang", "es").stdout.decode("utf-8").splitlines()
    assert text[0].split()[:4] == ["id", "versión", "desde", "versión"]
    assert text[1].startswith(new_id) and text[1].endswith("Black Friday") and len(text) == 3

    store.save(scenario.id, family["head"].set_letter(MODERATE, "CM", "R").set_letter(CONTENT, "CM", "I"), 1)
    store.save(plan, family["head"].set_letter(CONTENT, "CM", "R"), 2)
    promoted = raci("plans", "promote", scenario.id, "--db", store_url, "--author", "dani")
    assert promoted.returncode == 0, promoted.stderr
    assert promoted.stdout.decode("utf-8").splitlines() == [
        "'Equipo redes' is now at version 4 (scenario 'Contratar un segundo CM' promoted and discarded).",
        "The plan had changed since the scenario was made: the scenario's changes were applied on top of its "
        "latest version.",
        "Changes of the scenario not applied (1); the plan's values were kept:",
        "  - 'Planificar la estrategia de contenido', CM: you chose I, the saved plan has R (kept).",
    ]
    assert store.history(plan)[0].author == "dani"
    assert one_line(raci("plans", "promote", scenario.id, "--db", store_url, "--lang", "es")).startswith(
        "El escenario 'Contratar un segundo CM' ya se promovió")
    same = raci("plans", "promote", new_id, "--db", store_url).stdout.decode("utf-8").splitlines()
    assert same[0] == ("'Equipo redes' already had the scenario's changes: it stays at version 4; "
                       "the scenario 'Black Friday' was discarded.")
    assert len(same) == 2 and same[1].startswith("The plan had changed")  # based on v2, the plan at v4
    assert raci("plans", "scenarios", plan, "--db", store_url).stdout.decode().strip() == (
        f"The plan '{plan}' has no scenarios.")
    binned = raci("plans", "scenarios", plan, "--db", store_url, "--deleted").stdout.decode("utf-8")
    assert binned.count("(deleted)") == 2


def test_the_scenario_commands_fail_in_one_line(store_url, family, tmp_path):
    plan, scenario = family["plan"], family["scenario"].id
    assert one_line(raci("plans", "scenarios", "nope", "--db", store_url)) == "There is no plan 'nope'."
    assert one_line(raci("plans", "scenario", "nope", "X", "--db", store_url)) == "There is no plan 'nope'."
    assert "es un escenario" in one_line(raci("plans", "scenario", scenario, "X", "--db", store_url, "--lang", "es"))
    assert "needs a name" in one_line(raci("plans", "scenario", plan, "  ", "--db", store_url))
    assert one_line(raci("plans", "promote", plan, "--db", store_url)) == "'Equipo redes' is a plan, not a scenario."
    assert one_line(raci("plans", "promote", "nope", "--db", store_url)) == "There is no plan 'nope'."
    missing = f"sqlite:///{tmp_path / 'none.db'}"
    for args in (("scenarios", "x"), ("scenario", "x", "Y"), ("promote", "x")):
        assert one_line(raci("plans", *args, "--db", missing)) == "There is no plan 'x'."
    assert not (tmp_path / "none.db").exists()
    for action in ("scenarios", "scenario", "promote"):
        assert raci("plans", action, "--help").returncode == 0
