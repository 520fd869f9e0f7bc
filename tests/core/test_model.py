import numpy as np
import pandas as pd
import pytest

from raci import letters as L
from raci.model import Plan, PlanError, Role, Task
from raci.seed import seed_plan

SMM = Role("SMM", "Social Media Manager", "strategic")
CM = Role("CM", "Community Manager", "operational")
DESIGN = Role("DIS", "Diseñador", "operational")


def small_plan() -> Plan:
    return Plan.create(
        [Task("Plan posts", "Planning", "strategic", 4), Task("Reply", "Community", "operational", 10)],
        [SMM, CM],
        [["A/R", "C"], ["I", "A/R"]],
    )


def test_create_reads_written_letters_and_keeps_typed_columns():
    plan = small_plan()
    assert plan.letters().values.tolist() == [["A/R", "C"], ["I", "A/R"]]
    assert plan.tasks["effort"].dtype == np.float64
    assert plan.cells.dtype == np.int8
    assert not plan.cells.flags.writeable


def test_plans_are_immutable_values():
    plan = small_plan()
    changed = plan.set_letter(0, "CM", "R")
    assert plan.letter(0, "CM") == "C" and changed.letter(0, "CM") == "R"
    assert plan == small_plan() and changed != plan


@pytest.mark.parametrize(
    "owners, accountable, expected",
    [
        (["CM"], None, ["I", "A/R"]),  # SMM had A/R: now only informed; CM owns and does
        (["SMM"], None, ["A/R", "C"]),  # CM keeps its C
        (["SMM", "CM"], None, ["A/R", "R"]),  # strategic task: A on the strategic role
        (["SMM", "CM"], "CM", ["R", "A/R"]),
    ],
)
def test_assign_owner_sets_valid_letters_in_one_step(owners, accountable, expected):
    plan = small_plan()
    assert plan.assign_owner(0, owners, accountable).letters().iloc[0].tolist() == expected


def test_assign_owner_gives_the_a_to_the_role_matching_the_nature_and_informs_the_rest():
    plan = small_plan().add_role(DESIGN)
    shared = plan.assign_owner(1, ["SMM", "CM"])  # operational task
    assert shared.letters().iloc[1].tolist() == ["R", "A/R", "I"]
    assert shared.owners(1) == ["SMM", "CM"] and shared.accountable(1) == ["CM"]


def test_assign_owner_refuses_no_owner_unknown_role_and_foreign_accountable():
    plan = small_plan()
    with pytest.raises(PlanError):
        plan.assign_owner(0, [])
    with pytest.raises(PlanError):
        plan.assign_owner(0, ["Agency"])
    with pytest.raises(PlanError):
        plan.assign_owner(0, ["SMM"], accountable="CM")


def test_set_accountable_moves_the_a_between_sharing_roles():
    plan = small_plan().assign_owner(0, ["SMM", "CM"]).set_accountable(0, "CM")
    assert plan.letters().iloc[0].tolist() == ["R", "A/R"]
    only_a = small_plan().set_letter(1, "SMM", "A").set_letter(1, "CM", "R").set_accountable(1, "CM")
    assert only_a.letters().iloc[1].tolist() == ["I", "A/R"]


def test_set_letter_reads_any_spelling_and_refuses_unknown_letters():
    plan = small_plan().set_letter(0, "CM", "consultado")
    assert plan.letter(0, "CM") == "C"
    with pytest.raises(PlanError) as error:
        plan.set_letter(0, "CM", "X")
    assert "X" in error.value.message("en")


def test_add_rename_move_remove_tasks():
    plan = small_plan().add_task(Task("Moderate", "Community", "operational", 2), 1, {"CM": "A/R"})
    assert plan.tasks["name"].tolist() == ["Plan posts", "Moderate", "Reply"]
    assert plan.letters().iloc[1].tolist() == ["", "A/R"]
    plan = plan.update_task(1, name="Moderar", effort=3.5, nature="operational")
    assert plan.task(1) == Task("Moderar", "Community", "operational", 3.5)
    moved = plan.move_task(0, 2)
    assert moved.tasks["name"].tolist() == ["Moderar", "Reply", "Plan posts"]
    assert moved.letters().iloc[2].tolist() == ["A/R", "C"]
    removed = moved.remove_task(0)
    assert removed.tasks["name"].tolist() == ["Reply", "Plan posts"] and removed.cells.shape == (2, 2)
    assert removed.tasks.index.tolist() == [0, 1]


def test_add_rename_move_remove_roles():
    plan = small_plan().add_role(DESIGN, letter="I")
    assert plan.role_names == ["SMM", "CM", "DIS"] and plan.letters()["DIS"].tolist() == ["I", "I"]
    plan = plan.update_role("DIS", short="Design")
    assert plan.role("Design").name == "Diseñador"
    plan = plan.move_role("Design", 0)
    assert plan.role_names == ["Design", "SMM", "CM"]
    assert plan.letters()["SMM"].tolist() == ["A/R", "I"]
    plan = plan.remove_role("SMM")
    assert plan.role_names == ["Design", "CM"] and plan.letters().values.tolist() == [["I", "C"], ["I", "A/R"]]


def test_role_full_name_follows_a_rename_when_it_was_the_short_name():
    plan = small_plan().add_role(Role("Agency")).update_role("Agency", short="Agencia")
    assert plan.role("Agencia").name == "Agencia"


@pytest.mark.parametrize(
    "action",
    [
        lambda p: p.add_role(Role("SMM")),
        lambda p: p.update_role("CM", short="SMM"),
        lambda p: p.add_task(Task("   ")),
        lambda p: p.update_task(0, effort=-1),
        lambda p: p.update_task(0, effort=float("nan")),
        lambda p: p.update_task(0, nature="tactical"),
        lambda p: p.update_task(0, colour="red"),
        lambda p: p.remove_task(5),
        lambda p: p.remove_role("Agency"),
        lambda p: p.reorder_tasks([0, 0]),
    ],
)
def test_operations_that_would_break_the_plan_are_refused_and_change_nothing(action):
    plan = small_plan()
    with pytest.raises(PlanError):
        action(plan)
    assert plan == small_plan()


@pytest.mark.parametrize("name", ["task", "Tarea", "nature", "effort_hours", " horas "])
def test_role_names_that_are_file_columns_are_refused(name):
    with pytest.raises(PlanError) as error:
        Role(name)
    assert "rol" in error.value.message("es")


def test_from_columns_checks_whole_columns():
    tasks = pd.DataFrame({"name": ["a", "b"], "category": ["", ""], "nature": ["", "strategic"], "effort": [1, 2]})
    plan = Plan.from_columns(tasks, [SMM], np.array([[L.AR], [L.I]]))
    assert plan.letters()["SMM"].tolist() == ["A/R", "I"]
    with pytest.raises(PlanError):
        Plan.from_columns(tasks.assign(effort=[1, -2]), [SMM], np.zeros((2, 1)))
    with pytest.raises(PlanError):
        Plan.from_columns(tasks, [SMM], np.full((2, 1), 9))
    with pytest.raises(PlanError):
        Plan.from_columns(tasks.assign(name=["a", " "]), [SMM], np.zeros((2, 1)))


def test_plan_errors_speak_both_languages():
    with pytest.raises(PlanError) as error:
        small_plan().add_role(Role("CM"))
    assert error.value.message("en") == "There is already a role called 'CM'."
    assert error.value.message("es") == "Ya existe un rol llamado 'CM'."


def test_seeded_plan_has_the_documents_two_roles_and_every_task_owned_once():
    plan = seed_plan("es")
    assert plan.role_names == ["SMM", "CM"]
    assert [r.profile for r in plan.roles] == ["strategic", "operational"]
    assert all(len(plan.accountable(i)) == 1 and plan.owners(i) for i in range(plan.n_tasks))


# ----- the plan does not leak its storage ---------------------------------------------------------
def test_the_plans_frame_cannot_be_changed_in_place():
    plan = seed_plan("en")
    before = plan.tasks.copy(deep=True)
    frame = plan.tasks
    frame.loc[0, "name"] = "Changed behind the plan's back"
    frame["effort"] = 0.0
    frame.iloc[1, 2] = "strategic"
    category = plan.column("category")
    category.iloc[0] = "Other"
    assert plan.tasks.equals(before)
    assert plan.names[0] != "Changed behind the plan's back"
    assert plan.task(0).effort == before["effort"].iat[0]


def test_the_task_accessors_are_read_only_and_in_step_with_the_frame():
    plan = seed_plan("es")
    frame = plan.tasks
    assert plan.names == tuple(frame["name"]) and plan.categories == tuple(frame["category"])
    assert plan.natures == tuple(frame["nature"]) and plan.efforts.tolist() == frame["effort"].tolist()
    with pytest.raises(ValueError):
        plan.efforts[0] = 99.0
    with pytest.raises(TypeError):
        plan.names[0] = "x"  # type: ignore[index]
    with pytest.raises(PlanError):
        plan.column("letters")


@pytest.mark.parametrize("hidden", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u2060", "\ufeff"])
def test_names_with_hidden_characters_are_refused_naming_the_character(hidden):
    code = f"U+{ord(hidden):04X}"
    makers = ((lambda: Task(f"Post{hidden}ear"), "task"), (lambda: Task("Post", category=f"a{hidden}"), "categor"),
              (lambda: Role(f"C{hidden}M"), "role"), (lambda: Role("CM", name=f"Comm{hidden}"), "role"))
    for make, what in makers:
        with pytest.raises(PlanError) as caught:
            make()
        assert caught.value.key == "hidden_char"
        assert code in caught.value.message("en") and what in caught.value.message("en")
        assert code in caught.value.message("es") and "oculto" in caught.value.message("es")
    tasks = pd.DataFrame({"name": ["ok", f"bad{hidden}"], "category": "", "nature": "", "effort": 0.0})
    with pytest.raises(PlanError, match=code.replace("+", r"\+")):
        Plan.from_columns(tasks, [Role("SMM")], np.zeros((2, 1), dtype=np.int8))


def test_joiners_and_direction_marks_that_scripts_need_are_kept():
    for name in ("👩\u200d💻 Diseño", "می\u200cخواهم", "\u200fשלום\u200e"):
        assert Task(name).name == name
        assert Role(name).short == name
