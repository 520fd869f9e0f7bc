from raci.model import Role, Task
from raci.seed import seed_plan
from raci.undo import MAX_STEPS, UndoHistory


def test_ten_edits_of_every_kind_undone_give_the_original_plan_and_redone_the_last():
    history, plan = UndoHistory(), seed_plan("es")
    original, edits = plan, [
        lambda p: p.assign_owner(0, ["CM"]), lambda p: p.set_letter(3, "SMM", "C"),
        lambda p: p.add_task(Task("Diseñar banners", "Contenido", "operational", 6.0)),
        lambda p: p.update_role("CM", short="Community"), lambda p: p.update_task(5, name="Presupuestos Q3"),
        lambda p: p.add_role(Role("Diseño"), letter="I"), lambda p: p.update_task(2, effort=9.5),
        lambda p: p.move_task(4, 0), lambda p: p.remove_task(7), lambda p: p.assign_owner(1, ["Diseño"]),
    ]
    for edit in edits:
        after = edit(plan)
        assert after != plan
        history.changed(plan, after)
        plan = after
    last = plan
    for _ in edits:
        plan = history.step_back(plan)
    assert plan == original and history.step_back(plan) is None
    for _ in edits:
        plan = history.step_forward(plan)
    assert plan == last and history.step_forward(plan) is None


def test_a_new_change_after_an_undo_drops_the_redo_and_the_stack_is_bounded():
    history, plan = UndoHistory(), seed_plan("en")
    history.changed(plan, plan.set_letter(0, "CM", "I"))
    back = history.step_back(plan.set_letter(0, "CM", "I"))
    history.changed(back, back.set_letter(1, "CM", "I"))
    assert history.step_forward(back) is None
    history.changed(plan, plan)  # no change, no step
    for k in range(MAX_STEPS + 10):
        history.changed(plan, plan.update_task(0, effort=float(k + 1)))
    assert len(history.undo) == MAX_STEPS
    history.forget()
    assert history.step_back(plan) is None
