"""The My work page: a role's (or a person's) brief on screen, switched with the picker (AppTest)."""

import pytest

from tests.app.conftest import open_app
from tests.app.test_team_page import TEAM, _add

MYWORK = "app_pages/mywork.py"


def _subheaders(at):
    return [s.value for s in at.subheader]


@pytest.mark.parametrize("lang, title, section", [("es", "Mi trabajo", "Lo que hago (R, A/R)"),
                                                  ("en", "My work", "What I do (R, A/R)")])
def test_the_page_opens_on_the_first_roles_brief_in_both_languages(lang, title, section):
    at = open_app(lang, MYWORK)
    assert at.title[0].value == title
    assert _subheaders(at)[:2] == ["SMM · Social Media Manager", section]
    assert "mywork_kind" not in [s.key for s in at.segmented_control]  # no people: no person to pick
    assert at.selectbox(key="mywork_role").options == ["SMM · Social Media Manager", "CM · Community Manager"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[("Carga al mes" if lang == "es" else "Load a month")] == ("80,6 h" if lang == "es" else "80.6 h")
    assert len(at.dataframe) == 3  # do, consulted, informed: the SMM owns nothing it does not do
    assert [b.proto.label for b in at.get("download_button")][-2:] == (
        ["Ficha (HTML)", "Ficha (PDF)"] if lang == "es" else ["Brief (HTML)", "Brief (PDF)"])
    assert not at.exception


def test_switching_the_role_shows_its_tasks():
    at = open_app("en", MYWORK)
    at.selectbox(key="mywork_role").set_value("CM").run()
    assert not at.exception
    assert _subheaders(at)[0] == "CM · Community Manager"
    do = at.dataframe[0].value
    assert "Moderate online conversations" in do["task"].tolist() and len(do) == 11
    assert set(do["other"]) == {"SMM", "CM"}  # the owner of each task the CM does
    assert {m.label: m.value for m in at.metric}["Load a month"] == "115.4 h"


def test_a_person_when_people_exist():
    at = open_app("es", TEAM)
    _add(at, "Lucía", {"CM": 100.0})
    at.switch_page(MYWORK).run()
    assert not at.exception
    at.segmented_control(key="mywork_kind").set_value("person").run()
    assert at.selectbox(key="mywork_person").options == ["Lucía"]
    assert _subheaders(at)[0] == "Lucía · CM 100 %"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Capacidad al mes"] == "140,0 h" and metrics["De la capacidad"] == "82 %"
    assert any("width:82.4%" in h.proto.body for h in at.get("html"))  # the load against capacity as a bar
    assert "Dentro de su capacidad" in [c.value for c in at.caption]
    do = at.dataframe[0].value
    assert set(do["role"]) == {"CM"} and "CM (Lucía)" in set(do["other"])
    at.segmented_control(key="mywork_kind").set_value("role").run()
    assert _subheaders(at)[0] == "SMM · Social Media Manager" and not at.exception


def test_a_role_removed_elsewhere_falls_back_to_the_first():
    at = open_app("en", MYWORK)
    at.selectbox(key="mywork_role").set_value("CM").run()
    at.session_state["plan"] = at.session_state["plan"].remove_role("CM")
    at.run()
    assert not at.exception
    assert _subheaders(at)[0] == "SMM · Social Media Manager"
