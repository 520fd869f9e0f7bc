"""diff, describe and rebase: what changed, the history line that says it, and merging two edits."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from raci import letters as L
from raci.analysis.workload import workload
from raci.history import Conflict, PlanDiff, describe, describe_text, diff, rebase, render_description, stored_text
from raci.model import Plan, PlanError, Role, Task
from raci.seed import seed_plan

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MODERATE = 15  # "Moderar conversaciones en línea" in the seeded plan (CM: A/R)


def small_plan() -> Plan:
    return Plan.create(
        [Task("Uno", "Cat", "strategic", 4), Task("Dos", "Cat", "operational", 10), Task("Tres", "", "", 2)],
        [Role("SMM", "Social Media Manager", "strategic"), Role("CM", "Community Manager", "operational", 80.0)],
        [["A/R", "C"], ["I", "A/R"], ["R", "A"]],
    )


# ----- diff --------------------------------------------------------------------------
def test_identical_plans_have_an_empty_diff():
    d = diff(seed_plan("es"), seed_plan("es"))
    assert d.is_empty and d.letter_changes == () and d.hours_changed == {}


def test_diff_lists_letters_with_task_names_and_hours():
    old = seed_plan("es")
    new = old.set_letter(MODERATE, "CM", "R").set_letter(MODERATE, "SMM", "A")
    d = diff(old, new)
    assert [(c.task_id, c.task, c.role, c.old, c.new) for c in d.letter_changes] == [
        ("moderate-conversations", "Moderar conversaciones en línea", "SMM", "I", "A"),
        ("moderate-conversations", "Moderar conversaciones en línea", "CM", "A/R", "R"),
    ]
    assert d.hours_before == pytest.approx(workload(old).load.to_dict())
    assert d.hours_after == pytest.approx(workload(new).load.to_dict())
    assert set(d.hours_changed) == {"SMM", "CM"}
    assert not d.is_empty and not d.tasks_added and not d.task_changes


def test_diff_and_describe_do_not_run_the_workload_until_the_hours_are_asked(monkeypatch):
    """An autosave describes every change: it must not weigh both plans each time."""
    import importlib

    diff_module = importlib.import_module("raci.history.diff")  # the package's `diff` is the function

    calls = []
    real = diff_module.workload
    monkeypatch.setattr(diff_module, "workload", lambda plan, *args: calls.append(plan) or real(plan, *args))
    old = seed_plan("es")
    new = old.set_letter(MODERATE, "CM", "R")
    d = diff(old, new)
    describe(d)
    assert calls == []
    assert set(d.hours_changed) == {"CM"} and len(calls) == 2
    assert d.hours_before == pytest.approx(workload(old).load.to_dict()) and len(calls) == 2  # computed once


def test_diff_matches_tasks_by_id_and_roles_by_short_name():
    old = small_plan()
    new = (old.add_task(Task("Cuatro", effort=3), position=0, letters={"CM": "A/R"})
           .remove_task(old.n_tasks)  # "Tres" (shifted by the insertion)
           .update_task(1, effort=6.0, category="Otra")
           .add_role(Role("PM", "Project Manager", "other"), letter="I")
           .update_role("CM", name="Community lead", capacity=None)
           .remove_role("SMM"))
    d = diff(old, new)
    assert [(t.task_id, t.name) for t in d.tasks_added] == [("cuatro", "Cuatro")]
    assert [(t.task_id, t.name) for t in d.tasks_removed] == [("tres", "Tres")]
    assert [(c.task_id, c.field, c.old, c.new) for c in d.task_changes] == [
        ("uno", "category", "Cat", "Otra"), ("uno", "effort", 4.0, 6.0)]
    assert [r.short for r in d.roles_added] == ["PM"] and [r.short for r in d.roles_removed] == ["SMM"]
    assert [(c.role, c.fields) for c in d.roles_changed] == [("CM", ("name", "capacity"))]
    assert d.letter_changes == ()  # the remaining cells of CM did not change
    assert not d.tasks_reordered and not d.roles_reordered
    assert set(d.hours_before) == {"SMM", "CM"} and set(d.hours_after) == {"CM", "PM"}


def test_diff_notices_a_new_order():
    old = small_plan()
    d = diff(old, old.move_task(2, 0).move_role("CM", 0))
    assert d.tasks_reordered and d.roles_reordered and not d.letter_changes and not d.is_empty


# ----- describe --------------------------------------------------------------------------
def test_one_letter_change_reads_as_a_sentence():
    old = seed_plan("es").set_letter(MODERATE, "CM", "R")
    new = old.set_letter(MODERATE, "CM", "A/R")
    assert describe_text(diff(old, new), "en") == "CM: R -> A/R on 'Moderar conversaciones en línea'"
    assert describe_text(diff(old, new), "es") == "CM: R → A/R en 'Moderar conversaciones en línea'"
    assert describe_text(diff(new, new.set_letter(0, "CM", "")), "en") == (
        "CM: C -> — on 'Seleccionar plataformas de redes sociales'")


def test_several_changes_read_as_a_summary():
    old = seed_plan("es")
    new = (old.set_letter(0, "CM", "I").set_letter(1, "CM", "I").set_letter(2, "CM", "I")
           .add_task(Task("Grabar vídeos cortos", "Difusión de contenido", "operational", 6), letters={"CM": "A/R"}))
    assert describe_text(diff(old, new), "en") == "3 letters changed, 1 task added: 'Grabar vídeos cortos'"
    assert describe_text(diff(old, new), "es") == "3 letras cambiadas, 1 tarea añadida: 'Grabar vídeos cortos'"


def test_other_changes_are_described_in_both_languages():
    old = small_plan()
    assert describe_text(diff(old, old), "en") == "No changes"
    assert describe_text(diff(old, old), "es") == "Sin cambios"
    assert describe_text(diff(old, old.update_task(1, effort=12)), "en") == "Effort of 'Dos': 10 h -> 12 h"
    assert describe_text(diff(old, old.update_task(1, nature="strategic")), "es") == (
        "Naturaleza de 'Dos': operativa → estratégica")
    assert describe_text(diff(old, old.add_role(Role("PM")).move_task(2, 0)), "en") == (
        "Role added: PM, tasks reordered")
    assert describe_text(diff(old, old.remove_task(0).remove_task(0)), "es") == "2 tareas eliminadas"
    assert describe_text(diff(old, old.update_role("CM", profile="other")), "es") == "Rol modificado: CM"
    long_name = "Una tarea de nombre muy largo " * 5
    line = describe_text(diff(old, old.add_task(Task(long_name))), "en")
    assert line.startswith("1 task added: 'Una tarea de nombre muy largo Una") and line.endswith("…'")
    assert len(line) < 100


def test_a_description_is_kept_as_keys_and_said_in_the_readers_language():
    old = seed_plan("es").set_letter(MODERATE, "CM", "R")
    d = diff(old, old.set_letter(MODERATE, "CM", "A/R"))
    stored = describe(d).stored()
    assert json.loads(stored) == {"k": "store.letters_on_task", "p": {
        "cells": [{"k": "store.letter_cell", "p": {"role": "CM", "old": "R", "new": "A/R"}}],
        "task": "Moderar conversaciones en línea"}}
    assert render_description(stored, "es") == "CM: R → A/R en 'Moderar conversaciones en línea'"
    assert render_description(stored, "en") == "CM: R -> A/R on 'Moderar conversaciones en línea'"
    assert describe(d, "es") == describe(d)  # the language argument of older callers is ignored
    assert str(describe(d)) == describe(d).text("en")


def test_translatable_parameters_are_keys_too():
    old = small_plan()
    removed = describe(diff(old, old.set_letter(0, "CM", ""))).stored()
    assert '"k":"store.no_letter"' in removed and "—" not in removed
    nature = describe(diff(old, old.update_task(1, nature="strategic"))).stored()
    assert "store.field_nature" in nature and "store.nature_strategic" in nature and "strat" not in nature.replace(
        "store.nature_strategic", "")
    effort = describe(diff(old, old.update_task(1, effort=12.5)))
    assert effort.text("en") == "Effort of 'Dos': 10 h -> 12.5 h"
    assert effort.text("es") == "Esfuerzo de 'Dos': 10 h → 12,5 h"  # hours written the reader's way
    summary = describe(diff(old, old.add_role(Role("PM")).move_task(2, 0)))
    assert isinstance(json.loads(summary.stored()), list)
    assert summary.text("es") == "Rol añadido: PM, tareas reordenadas"


def test_plain_text_is_shown_as_it_was_stored():
    for text in ["Created", "CM: R -> A/R on 'X'", "Hecho a mano", "", "{not json", "[1, 2]", '{"k": "app.title"}',
                 '{"k": "store.created", "extra": 1}', '{"t": 3}', "[]"]:
        assert render_description(text, "es") == text
        assert render_description(text, "en") == text
    typed = '{"k": "store.created"}'  # a line someone typed that looks like the neutral form
    assert render_description(typed, "es") == "Creado"
    assert render_description(stored_text(typed), "es") == typed  # stored_text keeps it as typed
    assert stored_text("Vídeos para TikTok") == "Vídeos para TikTok"
    assert render_description(None, "en") == ""


def test_long_descriptions_stay_short_in_the_database():
    old = small_plan()
    many = old
    for k in range(300):
        many = many.add_role(Role(f"R{k:03d}"), letter="I")
    stored = describe(diff(old, many)).stored()
    assert len(stored) < 600 and describe(diff(old, many)).text("en").startswith("300 roles added: R000, R001")
    wide = Plan.create([Task("Uno")], [Role(f"R{k}") for k in range(40)], [[""] * 40])
    line = describe(diff(wide, Plan.create([Task("Uno")], wide.roles, [["I"] * 40])))
    assert len(line.stored()) < 1500 and line.text("en").endswith(", … on 'Uno'")


# ----- rebase: examples ---------------------------------------------------------------------
def test_rebase_keeps_both_edits_when_they_touch_different_cells():
    base = seed_plan("es")
    mine = base.set_letter(0, "CM", "I")
    theirs = base.set_letter(MODERATE, "SMM", "C")
    merged, conflicts = rebase(base, mine, theirs)
    assert conflicts == []
    assert merged == base.set_letter(0, "CM", "I").set_letter(MODERATE, "SMM", "C")


def test_rebase_reports_a_cell_both_changed_and_keeps_theirs():
    base = seed_plan("es")
    mine = base.set_letter(MODERATE, "CM", "R").set_letter(0, "CM", "I")
    theirs = base.set_letter(MODERATE, "CM", "C")
    merged, conflicts = rebase(base, mine, theirs)
    assert conflicts == [Conflict("letter", task="Moderar conversaciones en línea", role="CM", mine="R",
                                  theirs="C", task_id="moderate-conversations")]
    assert merged.letter(MODERATE, "CM") == "C" and merged.letter(0, "CM") == "I"
    assert conflicts[0].message("en") == (
        "'Moderar conversaciones en línea', CM: you chose R, the saved plan has C (kept).")
    assert conflicts[0].message("es") == (
        "'Moderar conversaciones en línea', CM: elegiste R, el plan guardado tiene C (se mantiene).")


def test_the_same_change_on_both_sides_is_no_conflict():
    base = small_plan()
    both = base.set_letter(0, "CM", "I").update_task(1, effort=3)
    assert rebase(base, both, both) == (both, [])


def test_rebase_adds_my_tasks_and_roles_where_i_put_them():
    base = small_plan()
    mine = base.add_task(Task("Nueva", effort=1), position=1, letters={"SMM": "A/R"}).add_role(Role("PM"), 1, "I")
    theirs = base.add_task(Task("Suya", effort=2), position=3, letters={"CM": "A/R"})
    merged, conflicts = rebase(base, mine, theirs)
    assert conflicts == []
    assert merged.tasks["name"].tolist() == ["Uno", "Nueva", "Dos", "Tres", "Suya"]
    assert merged.role_names == ["SMM", "PM", "CM"]
    assert merged.letters()["PM"].tolist() == ["I", "I", "I", "I", ""]  # no letter on their new task
    assert merged.letter(1, "SMM") == "A/R" and merged.letter(4, "CM") == "A/R"


def test_my_removal_applies_unless_they_changed_the_task():
    base = small_plan()
    mine = base.remove_task(2).remove_task(0)  # remove Uno and Tres
    theirs = base.set_letter(2, "CM", "C")  # they changed Tres
    merged, conflicts = rebase(base, mine, theirs)
    assert merged.tasks["name"].tolist() == ["Dos", "Tres"]
    assert conflicts == [Conflict("task_kept", task="Tres", task_id="tres")]
    assert "stays" in conflicts[0].message("en")


def test_their_removal_stands_and_my_changes_to_it_are_listed():
    base = small_plan()
    mine = base.update_task(0, effort=9).set_letter(1, "SMM", "C")
    theirs = base.remove_task(0)
    merged, conflicts = rebase(base, mine, theirs)
    assert merged.tasks["name"].tolist() == ["Dos", "Tres"] and merged.letter(0, "SMM") == "C"
    assert conflicts == [Conflict("task_removed", task="Uno", task_id="uno")]


def test_roles_removed_kept_and_edited():
    base = small_plan()
    # I remove CM, they change one of CM's letters: CM stays.
    merged, conflicts = rebase(base, base.remove_role("CM"), base.set_letter(0, "CM", "I"))
    assert merged.role_names == ["SMM", "CM"] and conflicts == [Conflict("role_kept", role="CM")]
    # They remove CM, I had changed its capacity: CM stays removed.
    merged, conflicts = rebase(base, base.update_role("CM", capacity=100.0), base.remove_role("CM"))
    assert merged.role_names == ["SMM"] and conflicts == [Conflict("role_removed", role="CM")]
    # Both change CM's full name: theirs stands; my profile change applies.
    mine = base.update_role("CM", name="Mine", profile="other")
    merged, conflicts = rebase(base, mine, base.update_role("CM", name="Theirs"))
    assert merged.role("CM") == Role("CM", "Theirs", "other", 80.0)
    assert conflicts == [Conflict("role", role="CM", field="name", mine="Mine", theirs="Theirs")]


def test_task_fields_merge_field_by_field():
    base = small_plan()
    mine = base.update_task(0, effort=5, category="Mía")
    theirs = base.update_task(0, effort=6, nature="operational")
    merged, conflicts = rebase(base, mine, theirs)
    assert merged.task(0) == Task("Uno", "Mía", "operational", 6)
    assert conflicts == [Conflict("field", task="Uno", task_id="uno", field="effort", mine="5", theirs="6")]
    assert conflicts[0].message("es") == "'Uno': pusiste esfuerzo 5, el plan guardado tiene 6 (se mantiene)."


def test_order_my_moves_apply_unless_they_reordered_too():
    base = small_plan()
    mine = base.move_task(2, 0)
    merged, conflicts = rebase(base, mine, base.set_letter(1, "SMM", "C"))
    assert merged.tasks["name"].tolist() == ["Tres", "Uno", "Dos"] and conflicts == []
    merged, conflicts = rebase(base, mine, base.move_task(0, 2))
    assert merged.tasks["name"].tolist() == ["Dos", "Tres", "Uno"]
    assert conflicts == [Conflict("task_order")]


def test_rebase_works_on_empty_plans():
    empty = Plan.create([], [])
    assert rebase(empty, empty, empty) == (empty, [])
    one = empty.add_role(Role("CM"))
    assert rebase(empty, one, empty) == (one, [])


# ----- rebase: properties ----------------------------------------------------------------------
SHORTS = ["SMM", "CM", "PM", "Ads"]
NAMES = [f"Tarea {i}" for i in range(8)]
NEW_NAMES = [f"Nueva {i}" for i in range(4)]
NEW_SHORTS = ["X1", "X2"]
codes = st.integers(0, len(L.LETTERS) - 1)


@st.composite
def plans(draw) -> Plan:
    shorts = draw(st.lists(st.sampled_from(SHORTS), min_size=1, max_size=4, unique=True))
    names = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=6, unique=True))
    roles = [Role(s, f"{s} full", draw(st.sampled_from(["strategic", "operational", "other"]))) for s in shorts]
    tasks = pd.DataFrame({
        "name": names,
        "category": [draw(st.sampled_from(["A", "B", ""])) for _ in names],
        "nature": [draw(st.sampled_from(["strategic", "operational", ""])) for _ in names],
        "effort": [float(draw(st.integers(0, 20))) for _ in names],
    })
    cells = np.array(draw(st.lists(codes, min_size=len(names) * len(roles), max_size=len(names) * len(roles))),
                     dtype=np.int8).reshape(len(names), len(roles))
    return Plan.from_columns(tasks, roles, cells)


operations = st.one_of(
    st.tuples(st.just("letter"), st.integers(0, 99), st.integers(0, 99), codes),
    st.tuples(st.just("field"), st.integers(0, 99), st.sampled_from(["category", "nature", "effort"]),
              st.integers(0, 2)),
    st.tuples(st.just("rename"), st.integers(0, 99), st.sampled_from(NEW_NAMES)),
    st.tuples(st.just("add_task"), st.sampled_from(NEW_NAMES), st.integers(0, 99), codes),
    st.tuples(st.just("remove_task"), st.integers(0, 99)),
    st.tuples(st.just("move_task"), st.integers(0, 99), st.integers(0, 99)),
    st.tuples(st.just("add_role"), st.sampled_from(NEW_SHORTS), st.integers(0, 9), codes),
    st.tuples(st.just("remove_role"), st.integers(0, 99)),
    st.tuples(st.just("role_field"), st.integers(0, 99), st.sampled_from(["name", "profile", "capacity"]),
              st.integers(0, 2)),
)
FIELD_VALUES = {"category": ["A", "B", "C"], "nature": ["strategic", "operational", ""], "effort": [1.0, 7.0, 30.0],
                "name": ["n1", "n2", "n3"], "profile": ["strategic", "operational", "other"],
                "capacity": [None, 40.0, 90.0]}


def apply(plan: Plan, ops) -> Plan:  # noqa: ANN001
    """Apply random edits, skipping those that do not fit the plan."""
    for op in ops:
        kind = op[0]
        try:
            if kind in ("letter", "field", "rename", "remove_task", "move_task") and plan.n_tasks == 0:
                continue
            if kind == "letter" and plan.n_roles:
                plan = plan.set_letter(op[1] % plan.n_tasks, plan.role_names[op[2] % plan.n_roles], int(op[3]))
            elif kind == "field":
                plan = plan.update_task(op[1] % plan.n_tasks, **{op[2]: FIELD_VALUES[op[2]][op[3]]})
            elif kind == "rename" and op[2] not in plan.tasks["name"].tolist():
                plan = plan.update_task(op[1] % plan.n_tasks, name=op[2])
            elif kind == "add_task" and op[1] not in plan.tasks["name"].tolist():
                letters = {plan.role_names[0]: L.LETTERS[op[3]]} if plan.n_roles else {}
                plan = plan.add_task(Task(op[1], "A", "", 3), position=op[2] % (plan.n_tasks + 1), letters=letters)
            elif kind == "remove_task":
                plan = plan.remove_task(op[1] % plan.n_tasks)
            elif kind == "move_task":
                plan = plan.move_task(op[1] % plan.n_tasks, op[2] % plan.n_tasks)
            elif kind == "add_role" and op[1] not in plan.role_names:
                plan = plan.add_role(Role(op[1]), position=op[2] % (plan.n_roles + 1), letter=L.LETTERS[op[3]])
            elif kind == "remove_role" and plan.n_roles:
                plan = plan.remove_role(plan.role_names[op[1] % plan.n_roles])
            elif kind == "role_field" and plan.n_roles:
                plan = plan.update_role(plan.role_names[op[1] % plan.n_roles], **{op[2]: FIELD_VALUES[op[2]][op[3]]})
        except PlanError:
            continue
    return plan


edits = st.lists(operations, max_size=8)


@SETTINGS
@given(base=plans(), ops=edits)
def test_rebasing_on_an_unchanged_plan_gives_mine(base, ops):
    mine = apply(base, ops)
    assert rebase(base, mine, base) == (mine, [])


@SETTINGS
@given(base=plans(), ops=edits)
def test_rebasing_no_changes_gives_theirs(base, ops):
    theirs = apply(base, ops)
    assert rebase(base, base, theirs) == (theirs, [])


@SETTINGS
@given(base=plans(), ops=edits)
def test_the_same_edits_on_both_sides_merge_into_them(base, ops):
    both = apply(base, ops)
    assert rebase(base, both, both) == (both, [])


@SETTINGS
@given(base=plans(), data=st.data())
def test_edits_on_different_cells_and_fields_commute(base, data):
    cells = [(i, k) for i in range(base.n_tasks) for k in range(base.n_roles)]
    fields = [(i, f) for i in range(base.n_tasks) for f in ("category", "nature", "effort")]
    chosen_cells = data.draw(st.lists(st.sampled_from(cells), unique=True, max_size=len(cells)))
    chosen_fields = data.draw(st.lists(st.sampled_from(fields), unique=True, max_size=len(fields)))
    cut_cells = data.draw(st.integers(0, len(chosen_cells)))
    cut_fields = data.draw(st.integers(0, len(chosen_fields)))

    def edit(plan: Plan, cell_list, field_list) -> Plan:  # noqa: ANN001
        for i, k in cell_list:
            plan = plan.set_letter(i, plan.role_names[k], (int(base.cells[i, k]) + 1) % len(L.LETTERS))
        for i, name in field_list:
            current = base.task(i)
            value = {"category": current.category + "+", "effort": current.effort + 1,
                     "nature": "operational" if current.nature == "strategic" else "strategic"}[name]
            plan = plan.update_task(i, **{name: value})
        return plan

    mine = edit(base, chosen_cells[:cut_cells], chosen_fields[:cut_fields])
    theirs = edit(base, chosen_cells[cut_cells:], chosen_fields[cut_fields:])
    expected = edit(base, chosen_cells, chosen_fields)
    assert rebase(base, mine, theirs) == (expected, [])
    assert rebase(base, theirs, mine) == (expected, [])


@SETTINGS
@given(base=plans(), data=st.data())
def test_cells_both_changed_differently_are_exactly_the_conflicts(base, data):
    shape = base.cells.shape
    mine_cells = data.draw(st.lists(codes, min_size=base.cells.size, max_size=base.cells.size))
    theirs_cells = data.draw(st.lists(codes, min_size=base.cells.size, max_size=base.cells.size))
    mine = Plan.from_columns(base.tasks, base.roles, np.array(mine_cells, dtype=np.int8).reshape(shape))
    theirs = Plan.from_columns(base.tasks, base.roles, np.array(theirs_cells, dtype=np.int8).reshape(shape))
    merged, conflicts = rebase(base, mine, theirs)
    b, m, t = base.cells, mine.cells, theirs.cells
    clash = (m != b) & (t != b) & (m != t)
    assert {(c.task_id, c.role) for c in conflicts} == {
        (base.task_ids[i], base.role_names[k]) for i, k in np.argwhere(clash)}
    assert all(c.kind == "letter" and c.mine == L.LETTERS[m[base.task_ids.index(c.task_id),
                                                             base.role_names.index(c.role)]] for c in conflicts)
    expected = np.where(m != b, np.where(clash, t, m), t)
    assert np.array_equal(merged.cells, expected)


@SETTINGS
@given(base=plans(), mine_ops=edits, theirs_ops=edits)
def test_nothing_of_mine_is_lost(base, mine_ops, theirs_ops):
    """Every change of mine is in the result, or a conflict says why not; theirs are all kept but where I won."""
    mine, theirs = apply(base, mine_ops), apply(base, theirs_ops)
    merged, conflicts = rebase(base, mine, theirs)
    assert rebase(base, mine, theirs) == (merged, conflicts)  # deterministic
    kinds = {(c.kind, c.task_id or c.role) for c in conflicts}
    letter_conflicts = {(c.task_id, c.role) for c in conflicts if c.kind == "letter"}
    field_conflicts = {(c.task_id, c.field) for c in conflicts if c.kind == "field"}
    at = {task_id: i for i, task_id in enumerate(merged.task_ids)}
    mine_diff = diff(base, mine)
    for change in mine_diff.letter_changes:
        if change.task_id in at and change.role in merged.role_names:
            got = merged.letter(at[change.task_id], change.role)
            assert got == change.new or (change.task_id, change.role) in letter_conflicts
        else:
            assert ("task_removed", change.task_id) in kinds or ("role_removed", change.role) in kinds
    for change in mine_diff.task_changes:
        if change.task_id in at:
            got = getattr(merged.task(at[change.task_id]), change.field)
            assert got == change.new or (change.task_id, change.field) in field_conflicts
        else:
            assert ("task_removed", change.task_id) in kinds
    for task in mine_diff.tasks_added:
        assert task.task_id in at
    for task in mine_diff.tasks_removed:
        assert task.task_id not in at or ("task_kept", task.task_id) in kinds
    for role in mine_diff.roles_added:
        assert role.short in merged.role_names
    for role in mine_diff.roles_removed:
        assert role.short not in merged.role_names or ("role_kept", role.short) in kinds
    # What of theirs is gone, I removed, and they had not changed.
    theirs_diff = diff(base, theirs)
    base_ids, mine_ids = set(base.task_ids), set(mine.task_ids)
    for task_id in set(theirs.task_ids) - set(at):
        assert task_id in base_ids and task_id not in mine_ids
        assert not any(c.task_id == task_id for c in theirs_diff.letter_changes + theirs_diff.task_changes)
    for short in set(theirs.role_names) - set(merged.role_names):
        assert short in base.role_names and short not in mine.role_names
        assert not any(c.role == short for c in theirs_diff.letter_changes + theirs_diff.roles_changed)
    # Their letters stand wherever I did not change the cell.
    theirs_at = {task_id: i for i, task_id in enumerate(theirs.task_ids)}
    mine_changed = {(c.task_id, c.role) for c in mine_diff.letter_changes}
    mine_new = {t.task_id for t in mine_diff.tasks_added} | {f"role:{r.short}" for r in mine_diff.roles_added}
    for task_id, i in at.items():
        for role in merged.role_names:
            if (task_id in theirs_at and role in theirs.role_names and (task_id, role) not in mine_changed
                    and task_id not in mine_new and f"role:{role}" not in mine_new):
                assert merged.letter(i, role) == theirs.letter(theirs_at[task_id], role)


def test_plan_diff_defaults_are_empty():
    assert PlanDiff().is_empty


def test_rebase_merges_people_one_by_one_and_says_when_both_changed_one():
    from raci.history.rebase import rebase
    from raci.team import Person, Team

    base = seed_plan("es").with_team(Team((Person("Lucía", 140.0, {"CM": 1.0}),), ("Instagram",)))
    mine = base.add_person(Person("Marta", 140.0, {"CM": 1.0}))  # a scenario hires Marta
    theirs = base.add_person(Person("Pablo", 70.0, {"SMM": 1.0}))  # the plan meanwhile adds Pablo
    merged, conflicts = rebase(base, mine, theirs)
    assert [p.name for p in merged.people] == ["Lucía", "Pablo", "Marta"] and conflicts == []
    # both changed Lucía: theirs stands and a sentence says so; my other changes still apply
    mine = mine.update_person("Lucía", Person("Lucía", 100.0, {"CM": 1.0}))
    theirs = theirs.update_person("Lucía", Person("Lucía", 120.0, {"CM": 1.0}))
    merged, conflicts = rebase(base, mine, theirs)
    assert [(p.name, p.hours) for p in merged.people] == [("Lucía", 120.0), ("Pablo", 70.0), ("Marta", 140.0)]
    assert [c.kind for c in conflicts] == ["person"]
    assert conflicts[0].message("es").startswith("Lucía: cambiaste a esta persona")
    # I removed Lucía, they left her alone: she goes; they changed the platforms, I did not: theirs
    mine = base.remove_person("Lucía")
    theirs = base.with_platforms(["Instagram", "TikTok"])
    merged, conflicts = rebase(base, mine, theirs)
    assert merged.people == () and merged.platforms == ("Instagram", "TikTok") and conflicts == []
