"""People, platforms and recurring effort in the plan; capacity and utilisation arithmetic."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from raci.analysis import workload
from raci.analysis.utilisation import capacities, utilisation
from raci.catalogue import catalogue
from raci.model import PlanError, Role
from raci.recurrence import PER_MONTH, Recurrence, RecurrenceError
from raci.seed import seed_plan
from raci.team import Person, Team, TeamError


# ----- recurrence --------------------------------------------------------------------------
def test_the_issues_example_and_its_formula_in_both_languages():
    weekly = Recurrence(3, "week", 45, per_platform=True)
    assert weekly.hours(4) == 39.0
    assert weekly.formula(4, "es") == "3 por semana x 45 min x 4 plataformas = 39,0 h/mes"
    assert weekly.formula(4, "en") == "3 per week x 45 min x 4 platforms = 39.0 h/month"
    assert Recurrence(1.5, "day", 7.5).formula(9, "es") == "1,5 por día x 7,5 min = 3,9 h/mes"  # not per platform


@given(st.floats(0.01, 1000), st.sampled_from(["day", "week", "month"]), st.floats(0.01, 1440),
       st.booleans(), st.integers(0, 50))
def test_hours_are_the_product_rounded_to_a_tenth(times, per, minutes, per_platform, platforms):
    hours = Recurrence(times, per, minutes, per_platform).hours(platforms)
    exact = times * PER_MONTH[per] * minutes / 60 * (max(1, platforms) if per_platform else 1)
    assert abs(hours - exact) <= 0.05 + 1e-6 and round(hours, 1) == hours


@pytest.mark.parametrize("bad", [dict(per="year"), dict(times=0), dict(minutes=-5), dict(minutes=math.nan),
                                 dict(times=10_000), dict(times=True)])
def test_a_recurrence_that_cannot_be_is_refused(bad):
    with pytest.raises(RecurrenceError):
        Recurrence(**{"times": 1, "per": "day", "minutes": 10, **bad})


def test_the_seeded_recurring_tasks_are_our_estimate_and_platforms_move_them():
    plan = seed_plan("es")
    recurring = [i for i, r in enumerate(plan.recurrences) if r is not None]
    assert len(recurring) == 5 and all(plan.recurrences[i].estimate for i in recurring)
    # The catalogue's hours are what the recurrence derives with the seeded platforms.
    by_name = {t.es: t for t in catalogue().tasks}
    for i in recurring:
        assert plan.efforts[i] == by_name[plan.names[i]].effort_hours_estimate
    more = plan.with_platforms([*plan.platforms, "YouTube"])
    for i in recurring:
        rise = more.efforts[i] > plan.efforts[i]
        assert rise == plan.recurrences[i].per_platform
    # Plain hours end a recurrence; a recurrence sets the hours.
    i = recurring[0]
    assert plan.update_task(i, effort=3.0).recurrences[i] is None
    assert plan.update_task(0, recurrence=Recurrence(2, "month", 30)).efforts[0] == 1.0


# ----- people --------------------------------------------------------------------------------
def test_people_follow_role_renames_and_removals_and_must_name_known_roles():
    plan = seed_plan("en").add_person(Person("Pablo", 140, {"CM": 0.5, "SMM": 0.5}))
    renamed = plan.update_role("CM", short="Community")
    assert renamed.team.person("Pablo").roles == {"Community": 0.5, "SMM": 0.5}
    assert renamed.remove_role("SMM").team.person("Pablo").roles == {"Community": 0.5}
    with pytest.raises(PlanError) as error:
        plan.add_person(Person("Ana", 140, {"Design": 1.0}))
    assert "Design" in error.value.message("en")
    with pytest.raises(TeamError):
        plan.add_person(Person("pablo ", 100, {"CM": 1.0}))  # the same name, case and spaces aside
    assert plan.remove_person("Pablo").people == ()


@pytest.mark.parametrize("bad", [dict(hours=-1), dict(hours=800), dict(roles={"CM": 0}), dict(roles={"CM": 1.5}),
                                 dict(name="  "), dict(name="Ana\u202e")])
def test_a_person_who_cannot_be_is_refused(bad):
    with pytest.raises(TeamError):
        Person(**{"name": "Ana", "hours": 140, "roles": {"CM": 1.0}, **bad})


def test_an_overbooked_person_is_allowed_and_says_so():
    assert Person("Pablo", 140, {"CM": 0.8, "SMM": 0.7}).booked == pytest.approx(1.5)


# ----- capacity and utilisation ------------------------------------------------------------
def test_capacity_comes_from_people_else_the_roles_own_number():
    plan = (seed_plan("es").update_role("SMM", capacity=60.0).update_role("CM", capacity=999.0)
            .add_person(Person("Lucía", 140, {"CM": 1.0})).add_person(Person("Pablo", 120, {"CM": 0.5})))
    assert capacities(plan) == {"SMM": 60.0, "CM": 200.0}  # "CM x 2": their hours, not the number
    assert capacities(seed_plan("es")) == {"SMM": None, "CM": None}


def test_a_second_cm_halves_each_cms_utilisation():
    one = seed_plan("es").add_person(Person("Lucía", 140, {"CM": 1.0}))
    two = one.add_person(Person("Marta", 140, {"CM": 1.0}))
    use_one, use_two = (utilisation(p, workload(p).load) for p in (one, two))
    cm = workload(one).load["CM"]
    assert use_one.role("CM").utilisation == pytest.approx(cm / 140)
    assert use_two.role("CM").utilisation == pytest.approx(cm / 280)
    assert [p.load for p in use_two.people] == pytest.approx([cm / 2, cm / 2])


shares = st.floats(0.05, 1.0)


@given(st.lists(st.tuples(st.one_of(st.just(0.0), st.floats(0.1, 744)), shares, shares), min_size=1, max_size=8))
def test_people_carry_exactly_their_roles_load(people):
    """Every staffed role's load is shared out among its people in proportion to their hours in it."""
    plan = seed_plan("en").update_role("SMM", capacity=None)
    for k, (hours, smm, cm) in enumerate(people):
        plan = plan.add_person(Person(f"P{k}", hours, {"SMM": smm, "CM": cm}))
    load = workload(plan).load
    use = utilisation(plan, load)
    for role in ("SMM", "CM"):
        capacity = sum(h * (s if role == "SMM" else c) for h, s, c in people)
        assert use.role(role).capacity == pytest.approx(capacity)
    if all(h > 0 for h, _, _ in people):
        assert sum(p.load for p in use.people) == pytest.approx(load["SMM"] + load["CM"])
        for person in use.people:
            assert person.utilisation == pytest.approx(person.load / person.hours)


def test_a_role_without_people_or_number_has_no_utilisation():
    plan = seed_plan("en").add_role(Role("Design"), letter="I")
    use = utilisation(plan, workload(plan).load)
    assert use.role("Design").utilisation is None and not use.known
    assert Team().platforms == ()


def test_history_says_who_joined_left_or_changed_and_the_platforms():
    from raci.history.describe import describe
    from raci.history.diff import diff
    before = seed_plan("es")
    after = before.add_person(Person("Lucía", 140, {"CM": 1.0}))
    assert describe(diff(before, after)).text("es") == "Persona añadida: Lucía"
    changed = after.update_person("Lucía", Person("Lucía", 70, {"CM": 1.0})).with_platforms(["Instagram"])
    text = describe(diff(after, changed)).text("en")
    assert "hours or roles of Lucía changed" in text and "platforms: Instagram" in text
    assert not diff(after, after).people_changed and diff(after, after).is_empty
