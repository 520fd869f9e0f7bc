from raci.files import keep_team, read_csv, read_json, write_csv, write_json
from raci.model import Role
from raci.seed import seed_plan


def test_a_csv_round_trip_keeps_the_teams_full_names_profiles_and_capacities():
    plan = (seed_plan("es").update_role("CM", name="Laura (Community)", capacity=80.0)
            .add_role(Role("Diseño", "Estudio de diseño", "operational", 20.0), letter="I"))
    back = read_csv(write_csv(plan, ";", "es"))
    assert back.role("CM").capacity is None and back.role("Diseño").name == "Diseño"  # what a CSV carries
    kept = keep_team(back, plan)
    assert kept.plan == plan and kept.roles == ["CM", "Diseño"]


def test_only_roles_the_file_names_and_only_what_it_does_not_say():
    open_plan = seed_plan("en").update_role("CM", capacity=80.0)
    # The file renamed nothing, dropped nothing, and added a role the open plan does not have.
    edited = read_csv(write_csv(open_plan.add_role(Role("Agency"), letter="I")))
    kept, names, _, _ = keep_team(edited, open_plan)
    assert names == ["CM"] and kept.role("CM").capacity == 80.0 and kept.role("Agency") == Role("Agency")
    # A JSON file says what the roles are: its word stands.
    said = read_json(write_json(open_plan.update_role("CM", capacity=60.0)))
    assert keep_team(said, open_plan) == (said, [], 0, 0)
    assert keep_team(open_plan, open_plan) == (open_plan, [], 0, 0)


def test_a_csv_round_trip_keeps_people_platforms_and_recurrences_unless_the_hours_changed():
    from raci.team import Person
    plan = (seed_plan("es").update_role("CM", capacity=80.0)
            .add_person(Person("Lucía", 140, {"CM": 1.0})).add_person(Person("Pablo", 120, {"CM": 0.5, "SMM": 0.5})))
    back = read_csv(write_csv(plan, ";", "es"))
    assert back.people == () and all(r is None for r in back.recurrences)  # what a CSV carries
    kept = keep_team(back, plan)
    assert kept.plan == plan and (kept.people, kept.recurrences) == (2, 5)
    # Hours typed in the file win over the recurrence; a role dropped in the file leaves the shares.
    i = plan.recurrences.index(next(r for r in plan.recurrences if r is not None))
    edited = read_csv(write_csv(plan.update_task(i, effort=3.0).remove_role("SMM"), ";", "es"))
    kept = keep_team(edited, plan)
    assert kept.plan.recurrences[i] is None and kept.plan.efforts[i] == 3.0 and kept.recurrences == 4
    assert kept.plan.team.person("Pablo").roles == {"CM": 0.5}
