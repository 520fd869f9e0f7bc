"""The Team page: people and shares, platforms, recurring effort (AppTest)."""

import pytest

from raci.team import Person
from tests.app.conftest import open_app

TEAM = "app_pages/team.py"
ANSWER = 11  # "Responder a preguntas y comentarios": 1 a day x 15 min on every platform (seeded)


def _errors(at):
    return [e.value for e in at.error]


def _add(at, name, roles, hours=None):
    at.text_input(key="team_new_name").input(name)
    if hours is not None:
        at.number_input(key="team_new_hours").set_value(hours)
    at.multiselect(key="team_new_roles").set_value(list(roles)).run()
    for role, share in roles.items():
        at.number_input(key=f"team_new_share::{role}").set_value(share)
    at.button(key="team_add_button").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_team_page_is_in_the_navigation_after_the_assignment_in_both_languages():
    source = open(open_app.__globals__["APP"], encoding="utf-8").read()
    assert source.index("app_pages/assign.py") < source.index("app_pages/team.py") < source.index("app_pages/matrix.py")
    assert open_app("es", TEAM).title[0].value == "¿Quién hay detrás de cada rol?"
    assert open_app("en", TEAM).title[0].value == "Who is behind each role?"


def test_add_a_person_with_a_default_full_time_and_see_their_utilisation():
    at = open_app("es", TEAM)
    assert at.number_input(key="team_new_hours").value == 140.0  # settings.full_time_hours
    _add(at, "Lucía", {"CM": 100.0})
    plan = at.session_state["plan"]
    assert plan.people == (Person("Lucía", 140.0, {"CM": 1.0}),)
    shown = [m.value for m in at.markdown]
    assert "Lucía" in shown and "140 h" in shown
    assert "82 %" in shown  # the CM's 115,4 h of Lucía's 140 h
    assert at.text_input(key="team_new_name").value == ""  # the form is cleared for the next person


def test_edit_then_remove_a_person():
    at = open_app("en", TEAM)
    _add(at, "Pablo", {"CM": 50.0, "SMM": 50.0}, hours=100.0)
    version = at.session_state["plan_version"]
    prefix = f"team_edit::Pablo::{version}::"
    assert at.number_input(key=f"{prefix}share::CM").value == 50.0  # prefilled
    at.text_input(key=f"{prefix}name").input("Pablo R.")
    at.number_input(key=f"{prefix}hours").set_value(120.0)
    at.number_input(key=f"{prefix}share::SMM").set_value(25.0)
    at.button(key="team_save").click().run()
    assert at.session_state["plan"].people == (Person("Pablo R.", 120.0, {"CM": 0.5, "SMM": 0.25}),)
    at.button(key="team_remove").click().run()
    assert at.session_state["plan"].people == ()
    assert not at.exception


@pytest.mark.parametrize("lang, says", [("es", "no es una parte del tiempo"), ("en", "is not a share of their time")])
def test_a_refused_share_or_duplicate_name_says_why_and_changes_nothing(lang, says):
    at = _add(open_app(lang, TEAM), "Lucía", {"CM": 100.0})
    before = at.session_state["plan"]
    _add(at, "Ana", {"SMM": 0.0})  # a share of 0 % is no share
    assert at.session_state["plan"] is before
    assert any(says in e for e in _errors(at))
    _add(at, "lucía", {"SMM": 50.0})
    assert at.session_state["plan"] is before
    assert any("Lucía" in e or "lucía" in e for e in _errors(at))


def test_more_platforms_raise_a_per_platform_tasks_hours():
    at = open_app("en", TEAM)
    plan = at.session_state["plan"]
    assert plan.efforts[ANSWER] == 21.0 and len(plan.platforms) == 4
    at.multiselect(key="team_platforms::0").set_value([*plan.platforms, "YouTube"]).run()
    plan = at.session_state["plan"]
    assert plan.platforms[-1] == "YouTube" and plan.efforts[ANSWER] == pytest.approx(26.3)
    listing = [m.value for m in at.markdown if "Responder" in m.value or "Answer" in m.value]
    assert any("5 platforms = 26.3 h/month" in m for m in listing), listing


def test_set_a_recurrence_see_its_formula_and_go_back_to_plain_hours():
    at = open_app("es", TEAM)
    at.selectbox(key="team_task_pick").set_value(0).run()
    prefix = "team_effort::0::0::"
    at.segmented_control(key=f"{prefix}mode").set_value("recurring").run()
    at.number_input(key=f"{prefix}times").set_value(3.0)
    at.segmented_control(key=f"{prefix}per").set_value("week")
    at.number_input(key=f"{prefix}minutes").set_value(45.0)
    at.checkbox(key=f"{prefix}per_platform").check().run()
    assert "Resultado: 3 por semana x 45 min x 4 plataformas = 39,0 h/mes" in \
        [m.value.replace("\\", "") for m in at.markdown]
    at.button(key="team_effort_save").click().run()
    plan = at.session_state["plan"]
    assert plan.efforts[0] == 39.0 and plan.recurrences[0].per_platform and not plan.recurrences[0].estimate
    listing = next(m.value for m in at.markdown if m.value.startswith("- **"))
    first = listing.splitlines()[0].replace("\\", "")
    assert first.endswith("39,0 h/mes") and "estimación" not in first  # the team's figure, not ours
    prefix = f"team_effort::0::{at.session_state['plan_version']}::"
    at.segmented_control(key=f"{prefix}mode").set_value("hours").run()
    at.number_input(key=f"{prefix}hours").set_value(6.0)
    at.button(key="team_effort_save").click().run()
    plan = at.session_state["plan"]
    assert plan.efforts[0] == 6.0 and plan.recurrences[0] is None


def test_people_show_in_the_assignment_panel_and_the_utilisation_chart_on_dashboard_and_meeting():
    at = open_app("en", "app_pages/dashboard.py")
    assert not any('"Utilisation"' in c.proto.spec for c in at.get("plotly_chart"))  # no capacity known yet
    at.switch_page(TEAM).run()
    _add(at, "Lucía", {"CM": 100.0})
    at.switch_page("app_pages/assign.py").run()
    assert "**Lucía** · 115.4 / 140 h · 82%" in [c.value.replace("\\", "") for c in at.caption]
    for page in ("app_pages/dashboard.py", "app_pages/meeting.py"):
        at.switch_page(page).run()
        assert not at.exception
        assert any('"Utilisation"' in c.proto.spec for c in at.get("plotly_chart")), page


@pytest.mark.parametrize("page", [TEAM, "app_pages/meeting.py"])
def test_the_staffing_advice_names_the_gap_and_the_documents_profile_or_says_the_team_fits(page):
    from raci.seed import seed_plan
    at = open_app("es", page)
    assert "¿A quién contratar?" not in [s.value for s in at.subheader]  # no capacity known: no advice
    at.session_state["plan"] = seed_plan("es").add_person(Person("Lucía", 80, {"CM": 1.0}))
    at.run()
    assert "¿A quién contratar?" in [s.value for s in at.subheader]
    assert at.warning[0].value.replace("\\", "").startswith("1 rol por encima de su capacidad")
    advice = " ".join(m.value for m in at.markdown).replace("\\", "")
    assert "0,5 personas más" in advice and "Community Manager" in advice and "El documento:" in advice
    at.session_state["plan"] = seed_plan("es").add_person(Person("Lucía", 140, {"CM": 1.0}))
    at.run()
    assert at.success and not any("Community Manager" in m.value for m in at.markdown)
