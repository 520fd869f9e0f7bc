from raci.files import keep_team, read_csv, read_json, write_csv, write_json
from raci.model import Role
from raci.seed import seed_plan


def test_a_csv_round_trip_keeps_the_teams_full_names_profiles_and_capacities():
    plan = (seed_plan("es").update_role("CM", name="Laura (Community)", capacity=80.0)
            .add_role(Role("Diseño", "Estudio de diseño", "operational", 20.0), letter="I"))
    back = read_csv(write_csv(plan, ";", "es"))
    assert back.role("CM").capacity is None and back.role("Diseño").name == "Diseño"  # what a CSV carries
    kept, names = keep_team(back, plan)
    assert kept == plan and names == ["CM", "Diseño"]


def test_only_roles_the_file_names_and_only_what_it_does_not_say():
    open_plan = seed_plan("en").update_role("CM", capacity=80.0)
    # The file renamed nothing, dropped nothing, and added a role the open plan does not have.
    edited = read_csv(write_csv(open_plan.add_role(Role("Agency"), letter="I")))
    kept, names = keep_team(edited, open_plan)
    assert names == ["CM"] and kept.role("CM").capacity == 80.0 and kept.role("Agency") == Role("Agency")
    # A JSON file says what the roles are: its word stands.
    said = read_json(write_json(open_plan.update_role("CM", capacity=60.0)))
    assert keep_team(said, open_plan) == (said, [])
    assert keep_team(open_plan, open_plan) == (open_plan, [])
