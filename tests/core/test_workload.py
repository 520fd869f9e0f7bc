import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from raci import letters as L
from raci.analysis.settings import Settings
from raci.analysis.workload import workload
from raci.model import Plan, Role, Task
from raci.seed import seed_plan

ROLES = [Role("SMM", profile="strategic"), Role("CM", profile="operational"), Role("DIS")]


def plan_of(rows, efforts, natures=None, categories=None, roles=ROLES):
    tasks = [
        Task(f"Task {i + 1}", categories[i] if categories else "", natures[i] if natures else "", effort)
        for i, effort in enumerate(efforts)
    ]
    return Plan.create(tasks, roles[: len(rows[0])] if rows else roles, rows)


def test_a_shared_task_is_split_equally_and_never_counted_twice():
    load = workload(plan_of([["A/R", "R", "R"]], [30.0]))
    assert load.by_letter["R"].tolist() == [10.0, 10.0, 10.0]
    assert load.by_letter["R"].sum() == load.assigned_effort == 30.0


def test_accountable_consulted_and_informed_add_their_fractions_of_the_effort():
    load = workload(plan_of([["A", "C", "I"], ["R", "", ""]], [100.0, 0.0]))
    assert load.by_letter.loc["SMM", "A"] == pytest.approx(10.0)
    assert load.by_letter.loc["CM", "C"] == pytest.approx(5.0)
    assert load.by_letter.loc["DIS", "I"] == pytest.approx(2.0)
    custom = workload(
        plan_of([["A", "C", "I"]], [100.0]),
        Settings(accountable_fraction=0.2, consulted_fraction=0.1, informed_fraction=0.0),
    )
    assert custom.by_letter["total"].tolist() == pytest.approx([20.0, 10.0, 0.0])


def test_a_r_gets_its_r_share_plus_the_a_fraction():
    load = workload(plan_of([["A/R", "R", ""]], [10.0]))
    assert load.by_letter.loc["SMM"].tolist() == pytest.approx([5.0, 1.0, 0.0, 0.0, 6.0])
    assert load.by_letter.loc["CM"].tolist() == pytest.approx([5.0, 0.0, 0.0, 0.0, 5.0])


def test_a_task_nobody_does_is_unassigned_effort_but_its_a_c_i_still_count():
    load = workload(plan_of([["A", "C", ""], ["A/R", "", ""]], [10.0, 4.0]))
    assert load.total_effort == 14.0
    assert load.assigned_effort == 4.0 and load.unassigned_effort == 10.0
    assert load.by_letter["R"].sum() == 4.0
    assert load.by_letter.loc["SMM", "A"] == pytest.approx(1.4)
    assert load.total_load == pytest.approx(4.0 + 1.4 + 0.5)


def test_by_nature_and_by_category_split_each_role_total():
    plan = plan_of(
        [["A/R", "I", ""], ["C", "A/R", ""], ["R", "R", "A"]],
        [10.0, 20.0, 6.0],
        natures=["strategic", "operational", ""],
        categories=["Planning", "", "Planning"],
    )
    load = workload(plan)
    assert list(load.by_nature.columns) == ["strategic", "operational", "unclassified"]
    assert list(load.by_category.columns) == ["Planning", ""]  # first appearance; "" = no category
    assert load.by_nature.loc["SMM"].tolist() == pytest.approx([11.0, 1.0, 3.0])
    assert load.by_category.loc["CM"].tolist() == pytest.approx([0.2 + 3.0, 22.0])
    for frame in (load.by_nature, load.by_category):
        assert list(frame.index) == ["SMM", "CM", "DIS"]
        np.testing.assert_allclose(frame.sum(axis=1), load.by_letter["total"])
    share = load.nature_share()
    assert share.loc["SMM"].tolist() == pytest.approx([11 / 12, 1 / 12])
    assert share.loc["DIS"].tolist() == [0.0, 0.0]  # only unclassified load


def test_to_dict_gives_hours_per_role_by_letter_and_nature_as_json():
    data = workload(seed_plan("en")).to_dict()
    json.dumps(data)
    assert data["unit"] == "hours"
    assert [r["role"] for r in data["roles"]] == ["SMM", "CM"]
    smm = data["roles"][0]
    assert set(smm["by_letter"]) == {"R", "A", "C", "I"}
    assert set(smm["by_nature"]) == {"strategic", "operational", "unclassified"}
    assert smm["total"] == pytest.approx(sum(smm["by_letter"].values()), abs=0.02)
    assert data["total_effort"] == data["assigned_effort"] + data["unassigned_effort"]


def test_the_seeded_plan_gives_every_hour_of_effort_to_someone():
    load = workload(seed_plan("es"))
    assert load.unassigned_effort == 0.0
    assert load.by_letter["R"].sum() == pytest.approx(load.total_effort)
    share = load.nature_share()
    assert share.loc["SMM", "strategic"] > 0.6 and share.loc["CM", "operational"] > 0.6


@pytest.mark.parametrize(
    "plan",
    [Plan.create([], ROLES), Plan.create([Task("Post", effort=3)], [])],
)
def test_plans_without_tasks_or_roles_have_zero_load(plan):
    load = workload(plan)
    assert load.total_load == 0.0 and load.assigned_effort == 0.0
    assert list(load.by_letter.index) == plan.role_names
    assert load.unassigned_effort == load.total_effort


def reference_hours(cells: np.ndarray, effort: np.ndarray, s: Settings) -> np.ndarray:
    """Each role's total hours, cell by cell, as the module docstring states the formula."""
    hours = np.zeros(cells.shape[1])
    for i, row in enumerate(cells.tolist()):
        doers = sum(c in (L.R, L.AR) for c in row)
        for k, code in enumerate(row):
            if code in (L.R, L.AR):
                hours[k] += effort[i] / doers
            if code in (L.A, L.AR):
                hours[k] += s.accountable_fraction * effort[i]
            hours[k] += {L.C: s.consulted_fraction, L.I: s.informed_fraction}.get(code, 0.0) * effort[i]
    return hours


@st.composite
def random_plans(draw):
    n_roles = draw(st.integers(1, 6))
    n_tasks = draw(st.integers(0, 25))

    def column(values):
        return draw(st.lists(values, min_size=n_tasks, max_size=n_tasks))

    cells = np.array(column(st.lists(st.integers(0, 5), min_size=n_roles, max_size=n_roles)), dtype=np.int8)
    tasks = pd.DataFrame(
        {
            "name": [f"T{i}" for i in range(n_tasks)],
            "category": column(st.sampled_from(["", "Plan", "Reply"])),
            "nature": column(st.sampled_from(["", "strategic", "operational"])),
            "effort": column(st.floats(0, 500, allow_nan=False)),
        }
    )
    roles = [Role(f"P{k}") for k in range(n_roles)]
    return Plan.from_columns(tasks, roles, cells.reshape(n_tasks, n_roles))


@hypothesis_settings(max_examples=150, deadline=None)
@given(random_plans())
def test_r_hours_add_up_to_the_assigned_effort_on_any_plan(plan):
    load = workload(plan)
    effort = plan.tasks["effort"].to_numpy()
    has_doer = np.isin(plan.cells, L.RESPONSIBLE_CODES).any(axis=1)
    assert load.by_letter["R"].sum() == pytest.approx(effort[has_doer].sum())
    assert load.assigned_effort == pytest.approx(effort[has_doer].sum())
    assert load.assigned_effort + load.unassigned_effort == pytest.approx(load.total_effort)
    np.testing.assert_allclose(load.by_letter["total"], reference_hours(plan.cells, effort, Settings()))
    np.testing.assert_allclose(load.by_nature.sum(axis=1), load.by_letter["total"], atol=1e-9)
    np.testing.assert_allclose(load.by_category.sum(axis=1), load.by_letter["total"], atol=1e-9)
    assert load.total_load == pytest.approx(load.by_letter["total"].sum())
