"""What if...? steps: scaling effort, marking someone absent, the tasks that lose their A, the backup, before/after."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from raci.errors import PlanError
from raci.limits import MAX_EFFORT_HOURS
from raci.model import Plan, Role, Task
from raci.recurrence import MAX_TIMES, Recurrence
from raci.seed import seed_plan
from raci.team import Person, Team, TeamError
from raci.whatif import MAX_FACTOR, WhatIfError, backup, compare, mark_absent, orphaned_tasks, scale_effort

SPREAD = "Difusión de contenido"

efforts = st.lists(st.floats(min_value=0, max_value=500, allow_nan=False).map(lambda e: round(e, 2)),
                   min_size=1, max_size=12)
factors = st.floats(min_value=0.1, max_value=MAX_FACTOR, allow_nan=False)


def plain_plan(hours: list[float], categories: list[str] | None = None) -> Plan:
    categories = categories or ["B" if i % 2 else "A" for i in range(len(hours))]
    tasks = [Task(f"Task {i}", categories[i], "operational", e) for i, e in enumerate(hours)]
    return Plan.create(tasks, [Role("SMM", profile="strategic"), Role("CM", profile="operational")],
                       [["I", "A/R"]] * len(tasks))


@given(efforts, factors)
@hypothesis_settings(max_examples=150, deadline=None)
def test_scaling_by_f_then_by_one_over_f_gives_the_efforts_back_within_rounding(hours, factor):
    plan = plain_plan(hours)
    back = scale_effort(scale_effort(plan, factor), 1 / factor)
    # each step rounds to the hundredth of an hour: 0.005 h, the second one seen through 1/f
    assert np.allclose(back.efforts, plan.efforts, rtol=0, atol=0.005 + 0.005 / factor + 1e-9)


@given(efforts, factors)
@hypothesis_settings(max_examples=100, deadline=None)
def test_scaling_one_category_leaves_the_other_tasks_as_they_were(hours, factor):
    plan = plain_plan(hours)
    scaled = scale_effort(plan, factor, "A")
    others = np.array(plan.categories) != "A"
    assert np.array_equal(scaled.efforts[others], plan.efforts[others])
    assert np.allclose(scaled.efforts[~others], plan.efforts[~others] * factor, rtol=0, atol=0.005 + 1e-9)
    assert np.array_equal(scaled.cells, plan.cells) and scaled.names == plan.names


def test_black_friday_scales_the_spread_of_content_by_half_again_recurring_tasks_through_their_times():
    plan = seed_plan("es")
    scaled = scale_effort(plan, 1.5, SPREAD)
    for i, category in enumerate(plan.categories):
        before, after = plan.recurrences[i], scaled.recurrences[i]
        if category != SPREAD:
            assert scaled.efforts[i] == plan.efforts[i] and after == before
        elif before is None:
            assert scaled.efforts[i] == pytest.approx(plan.efforts[i] * 1.5)
        else:  # still a recurrence, done half as many times again; its hours derived from it
            assert isinstance(after, Recurrence) and after.times == pytest.approx(before.times * 1.5)
            assert (after.per, after.minutes, after.per_platform) == (before.per, before.minutes, before.per_platform)
            assert scaled.efforts[i] == after.hours(len(plan.platforms))
            assert scaled.efforts[i] == pytest.approx(plan.efforts[i] * 1.5, abs=0.1)
    assert any(r is not None for r, c in zip(plan.recurrences, plan.categories, strict=True) if c == SPREAD)
    assert scaled.efforts.sum() > plan.efforts.sum()


def test_scaling_every_task_when_no_category_is_named():
    plan = seed_plan("en")
    plain = [i for i, r in enumerate(plan.recurrences) if r is None]
    scaled = scale_effort(plan, 0.5)
    assert np.allclose(scaled.efforts[plain], plan.efforts[plain] * 0.5, rtol=0, atol=0.005 + 1e-9)


@pytest.mark.parametrize("factor", [0, -1, MAX_FACTOR + 0.01, math.inf, math.nan, True, "1.5", None])
def test_a_factor_out_of_range_is_refused_with_a_sentence(factor):
    with pytest.raises(WhatIfError) as refused:
        scale_effort(seed_plan("es"), factor)
    assert refused.value.key == "bad_factor"
    assert "no es un factor" in refused.value.message("es") and "+900 %" in refused.value.message("en")


def test_an_unknown_category_is_refused():
    with pytest.raises(WhatIfError, match="Nope"):
        scale_effort(seed_plan("es"), 1.5, "Nope")


def test_hours_beyond_the_limit_are_refused_naming_the_task_and_the_plan_stays():
    plan = plain_plan([MAX_EFFORT_HOURS / 2, 1.0])
    with pytest.raises(WhatIfError) as refused:
        scale_effort(plan, 3)
    assert refused.value.key == "effort_too_large"
    assert "'Task 0'" in refused.value.message("en") and "10.000 h" in refused.value.message("es")


def test_a_recurrence_beyond_its_limits_is_refused_in_the_readers_words():
    task = Task("Reply", "A", "operational", recurrence=Recurrence(MAX_TIMES / 2, "week", 5))
    plan = Plan.create([task], [Role("CM", profile="operational")], [["A/R"]])
    with pytest.raises(WhatIfError) as refused:
        scale_effort(plan, 3)
    assert refused.value.key == "times_too_large"
    assert "1.500 veces por semana" in refused.value.message("es")
    assert "1,500 times per week" in refused.value.message("en")


def test_what_if_errors_are_plan_errors():
    assert issubclass(WhatIfError, PlanError)


# ----- absence ---------------------------------------------------------------------------------------------
def staffed(plan: Plan) -> Plan:
    return plan.with_team(Team((Person("Lucía", 140, {"CM": 1.0}), Person("Pablo", 100, {"SMM": 1.0})),
                               plan.platforms))


def test_an_absent_person_keeps_their_shares_with_no_hours():
    plan = mark_absent(staffed(seed_plan("es")), "Lucía")
    lucia = plan.team.person("Lucía")
    assert lucia.hours == 0 and dict(lucia.roles) == {"CM": 1.0}
    assert plan.team.person("Pablo").hours == 100


def test_marking_an_unknown_or_already_absent_person_is_refused():
    plan = staffed(seed_plan("es"))
    with pytest.raises(TeamError):
        mark_absent(plan, "Nadie")
    with pytest.raises(WhatIfError, match="Lucía already has no hours"):
        mark_absent(mark_absent(plan, "Lucía"), "Lucía")


def test_the_tasks_that_lose_their_a_are_those_owned_by_a_role_left_with_no_hours():
    plan = staffed(seed_plan("es"))
    assert orphaned_tasks(plan) == []
    absent = mark_absent(plan, "Lucía")
    cm = absent.role_index("CM")
    expected = [i for i in range(absent.n_tasks) if absent.letters().iloc[i, cm] in ("A", "A/R")]
    assert orphaned_tasks(absent) == expected and expected


def test_a_role_nobody_staffs_is_not_a_role_with_no_hours():
    plan = seed_plan("es")  # no people: the roles' hours are not known
    assert orphaned_tasks(plan) == []
    assert backup(plan) is None


def test_a_second_person_in_the_role_keeps_its_tasks_owned():
    plan = staffed(seed_plan("es")).add_person(Person("Marta", 70, {"CM": 1.0}))
    assert orphaned_tasks(mark_absent(plan, "Lucía")) == []


def test_the_backup_moves_the_orphaned_tasks_to_a_role_with_hours():
    absent = mark_absent(staffed(seed_plan("es")), "Lucía")
    orphans = orphaned_tasks(absent)
    fitting = backup(absent)  # the SMM is strategic: without any_role most CM tasks cannot go to it
    anyone = backup(absent, any_role=True)
    assert anyone.tasks == tuple(orphans)
    assert len(anyone.moves) >= len(fitting.moves) and anyone.moves
    assert {m.index for m in anyone.moves} <= set(orphans)
    covered = anyone.apply(absent)
    moved = [m.index for m in anyone.moves]
    assert all(covered.accountable(i) == ["SMM"] for i in moved)
    assert len(orphaned_tasks(covered)) == len(orphans) - len(moved)
    assert all(m.text("es") for m in anyone.moves)


# ----- before and after -----------------------------------------------------------------------------------
def test_a_second_cm_halves_the_cms_utilisation_and_adds_a_person_and_hours():
    before = staffed(seed_plan("es"))
    after = before.add_person(Person("Marta", 140, {"CM": 1.0}))
    result = compare(before, after)
    assert result.figure("people").before == 2 and result.figure("people").after == 3
    assert result.figure("capacity").after - result.figure("capacity").before == 140
    assert result.figure("hours").before == result.figure("hours").after
    cm = next(r for r in result.roles if r.name == "CM")
    assert cm.after == pytest.approx(cm.before / 2)
    marta = next(p for p in result.people if p.name == "Marta")
    assert marta.before is None and marta.load_before is None and marta.after == pytest.approx(cm.after)
    lucia = next(p for p in result.people if p.name == "Lucía")
    assert lucia.after == pytest.approx(lucia.before / 2)


def test_an_absent_person_shows_as_a_role_with_no_hours():
    before = staffed(seed_plan("es"))
    result = compare(before, mark_absent(before, "Lucía"))
    cm = next(r for r in result.roles if r.name == "CM")
    assert cm.capacity_after == 0 and cm.after == math.inf
    assert result.figure("busiest").after == math.inf  # work on a role with no hours: no utilisation can hold it
