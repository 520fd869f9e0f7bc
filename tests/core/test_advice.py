"""Staffing advice (issue 11): the FTE gap of each role over capacity and the profile to hire."""

from hypothesis import given
from hypothesis import strategies as st

from raci.analysis.advice import advice_summary, fte_gap, staffing_advice
from raci.analysis.settings import Settings
from raci.analysis.utilisation import utilisation
from raci.analysis.workload import workload
from raci.model import Plan, Role, Task
from raci.team import Person

DEFAULT_SETTINGS = Settings()


def plan_with(tasks, people=(), roles=None):
    """tasks: (category, effort) pairs, all done by role 'Equipo' (A/R), 'Otro' informed."""
    roles = roles or [Role("Equipo"), Role("Otro")]
    plan = Plan.create([Task(f"T{i}", category, "", effort) for i, (category, effort) in enumerate(tasks)],
                       roles, [["A/R", "I"] for _ in tasks])
    for person in people:
        plan = plan.add_person(person)
    return plan


def advise(plan, lang="en", settings=DEFAULT_SETTINGS):
    load = workload(plan, settings)
    use = utilisation(plan, load.load.to_dict())
    return staffing_advice(plan, use, settings, lang, load=load), use


def test_a_community_heavy_overload_asks_for_a_community_manager():
    plan = plan_with([("Construcción de comunidad", 200.0), ("Planificación", 20.0)],
                     [Person("Lucía", 140, {"Equipo": 1.0})])
    (advice,), _ = advise(plan)
    assert advice.role == "Equipo" and advice.profile == "CM"
    assert advice.fte_gap == 1.0  # 242 h - 140 h = 102 h = 0.73 FTE -> 1.0
    assert "Community Manager with interpersonal and relationship-building skills" in advice.message
    assert "If a company prioritises community development" in advice.message  # the document's words
    (spanish,), _ = advise(plan, "es")
    assert "Community Manager con habilidades interpersonales" in spanish.message
    assert "«Si una empresa prioriza el desarrollo de la comunidad" in spanish.message
    assert "{" not in spanish.message


def test_content_and_strategy_overload_asks_for_a_social_media_manager():
    plan = plan_with([("Difusión de contenido", 90.0), ("Planning", 60.0), ("analysis", 30.0),
                      ("Community building", 40.0)], [Person("Sara", 100, {"Equipo": 1.0})])
    (advice,), _ = advise(plan)
    assert advice.profile == "SMM" and advice.fte_gap == 1.5  # 242 h - 100 h = 142 h = 1.01 FTE -> 1.5
    (spanish,), _ = advise(plan, "es")
    assert "Social Media Manager con experiencia en estrategia de redes sociales y análisis de datos" in spanish.message
    assert "distribución de contenido y la promoción de la marca" in spanish.message


def test_a_team_within_capacity_gets_no_advice_and_a_sentence_saying_so():
    plan = plan_with([("Construcción de comunidad", 50.0)], [Person("Lucía", 140, {"Equipo": 1.0})])
    advice, use = advise(plan)
    assert advice == []
    assert advice_summary(advice, use, "en") == "The team is within capacity: no hiring needed."
    assert advice_summary(advice, use, "es").startswith("El equipo está dentro de su capacidad")
    unmeasured, use = advise(plan_with([("Construcción de comunidad", 500.0)]))
    assert unmeasured == [] and "capacity" in advice_summary(unmeasured, use, "en")


def test_a_role_capacity_without_people_counts_and_uncategorised_load_falls_back_on_the_profile():
    roles = [Role("Equipo", profile="strategic", capacity=10.0), Role("Otro")]
    (advice,), use = advise(plan_with([("", 50.0)], roles=roles))
    assert advice.profile == "SMM" and advice.fte_gap == 0.5
    assert advice_summary([advice], use, "en") == "1 role over capacity: about 0.5 full-time people more."
    roles = [Role("Equipo", capacity=10.0), Role("Otro")]
    (advice,), _ = advise(plan_with([("Otra cosa", 50.0)], roles=roles))
    assert advice.profile is None and "Add people to the role" in advice.message


def test_fte_gap_rounds_up_to_the_next_half():
    assert [fte_gap(h, 140) for h in (0, 28, 70, 84, 140, 141, 280)] == [0.0, 0.5, 0.5, 1.0, 1.0, 1.5, 2.0]


@given(st.floats(min_value=0.001, max_value=10_000), st.floats(min_value=1, max_value=744))
def test_fte_gap_is_the_smallest_half_step_covering_the_hours(over, full_time):
    gap = fte_gap(over, full_time)
    assert gap >= 0.5 and (gap * 2).is_integer()
    assert gap * full_time >= over * (1 - 1e-9)  # covers the hours
    assert (gap - 0.5) * full_time < over or gap == 0.5  # and half a person fewer would not
