"""over-capacity, under-used and person-overbooked (issue 11): roles and people against their hours."""

import json

import pytest

from raci.analysis.rules import check
from raci.analysis.settings import Settings
from raci.model import Plan, Role, Task
from raci.team import Person

DEFAULT_SETTINGS = Settings()


def two_roles(cm_effort=126.0, design_effort=10.0, roles=None):
    roles = roles or [Role("CM"), Role("Diseño")]
    tasks = [Task("Responder", "", "", cm_effort), Task("Banners", "", "", design_effort)]
    return Plan.create(tasks, roles, [["A/R", ""], ["", "A/R"]])


def found(plan, rule, settings=DEFAULT_SETTINGS):
    return [f for f in check(plan, settings) if f.rule == rule]


def test_a_role_staffed_above_its_people_hours_is_over_capacity_not_overloaded():
    # CM: 126 h of effort + 10 % A = 138.6 h, staffed by Lucía (80 h): 173 %.
    plan = two_roles().add_person(Person("Lucía", 80, {"CM": 1.0})).add_person(Person("Diego", 20, {"Diseño": 1.0}))
    over = found(plan, "over-capacity")
    assert [(f.role, f.person) for f in over] == [("CM", None), (None, "Lucía")]
    assert over[0].message("es").startswith("CM: 138,6 h de 80,0 h (173 %)")
    assert over[0].message("en").startswith("CM: 138.6 h of 80.0 h (173%)")
    assert over[1].message("es").startswith("Lucía: 138,6 h de 80,0 h (173 %)")
    assert found(plan, "overloaded-role") == []  # the capacity is known: the mean does not judge it
    assert found(plan, "under-used") == []  # Diseño: 11 of 20 h = 55 %


def test_the_mean_still_judges_a_role_with_no_capacity():
    plan = two_roles()
    assert [f.role for f in found(plan, "overloaded-role")] == ["CM"]
    assert found(plan, "over-capacity") == []


def test_exactly_full_is_not_over_capacity():
    plan = two_roles(cm_effort=100.0, roles=[Role("CM", capacity=110.0), Role("Diseño")])
    assert found(plan, "over-capacity") == []  # 110 h of 110 h


def test_under_used_below_the_share_for_roles_and_people():
    plan = two_roles(cm_effort=30.0).add_person(Person("Lucía", 140, {"CM": 1.0}))
    under = found(plan, "under-used")
    assert [(f.role, f.person, f.severity) for f in under] == [("CM", None, "info"), (None, "Lucía", "info")]
    assert "24 %" in under[0].message("es") and "24%" in under[1].message("en")
    assert found(plan, "under-used", Settings(under_used_share=0.2)) == []


def test_a_person_with_no_hours_but_load_is_over_capacity_without_a_percentage():
    plan = two_roles().add_person(Person("Eva", 0, {"CM": 1.0}))
    over = found(plan, "over-capacity")
    assert [f.params["variant"] for f in over] == ["role_no_hours"]  # Eva carries nothing: her role has 0 h
    json.dumps([f.to_dict("es") for f in over], allow_nan=False)
    assert "{" not in over[0].message("es")


def test_person_overbooked_names_the_share_and_the_roles():
    plan = two_roles().add_person(Person("Pablo", 140, {"CM": 1.0, "Diseño": 0.5}))
    (finding,) = found(plan, "person-overbooked")
    assert finding.person == "Pablo" and finding.severity == "warning"
    assert finding.params["share"] == pytest.approx(1.5)
    assert finding.message("es").startswith("Pablo: 150 % de su tiempo repartido entre CM, Diseño")
    assert finding.message("en").startswith("Pablo: 150% of their time shared out among CM, Diseño")
    assert finding.to_dict()["person"] == "Pablo"
    full = two_roles().add_person(Person("Ana", 140, {"CM": 0.5, "Diseño": 0.5}))
    assert found(full, "person-overbooked") == []


def test_people_findings_sort_after_role_findings_in_the_order_of_people():
    plan = (two_roles(cm_effort=500.0)
            .add_person(Person("Zoe", 100, {"CM": 1.0, "Diseño": 0.6}))
            .add_person(Person("Ana", 100, {"CM": 1.0})))
    warnings = [(f.rule, f.role or f.person) for f in check(plan) if f.severity == "warning"]
    assert warnings == [("over-capacity", "CM"), ("over-capacity", "Zoe"), ("person-overbooked", "Zoe"),
                        ("over-capacity", "Ana")]
