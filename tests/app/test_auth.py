"""Sign-in (AppTest): the embedded default asks for nobody; with [auth] only the sign-in page until a
verified e-mail signs in, and that e-mail, not a typed name, signs the history."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from raci.i18n import translate
from tests.app.board import on, pick
from tests.app.conftest import APP, open_app
from ui.auth import return_query

GOOGLE = "https://accounts.google.com/.well-known/openid-configuration"
PROVIDER = {"client_id": "planner", "client_secret": "not-a-secret", "server_metadata_url": GOOGLE}
AUTH = {"redirect_uri": "http://localhost:8501/oauth2callback", "cookie_secret": "x" * 64, **PROVIDER}
ANA = {"is_logged_in": True, "email": "Ana@Marca.es", "name": "Ana Pérez", "email_verified": True}


def visit(user: dict, lang: str = "en", auth: dict | None = None, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.secrets["auth"] = auth or AUTH
    at.user = user
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def everything_shown(at: AppTest) -> str:
    texts = [e.value for kind in ("title", "markdown", "caption", "warning", "error") for e in getattr(at, kind)]
    return " ".join([*texts, *(b.label for b in at.button)])


def test_without_auth_the_app_runs_as_today_with_the_name_field():
    at = open_app("en")
    assert at.text_input(key="author").label == "Your name"
    assert on(at, "select-platforms") == ["SMM"]  # the plan is there
    labels = [b.label for b in at.button]
    assert "Sign in" not in labels and "Sign out" not in labels


@pytest.mark.parametrize("lang, title, button", [("es", "Planificador RACI", "Iniciar sesión"),
                                                 ("en", "RACI planner", "Sign in")])
def test_signed_out_sees_only_the_sign_in_page_in_their_language(lang, title, button):
    at = visit({"is_logged_in": False}, lang)
    assert [t.value for t in at.title] == [title]
    assert [b.label for b in at.button] == [button]
    assert len(at.markdown) == 1 and translate("auth.intro", lang) == at.markdown[0].value
    assert not at.sidebar.children and not at.segmented_control and not at.dataframe and not at.text_input
    assert "plan_id" not in at.session_state  # no plan was opened, let alone shown


def test_signed_out_on_a_pages_address_still_sees_only_the_sign_in_page():
    at = visit({"is_logged_in": False}, page="app_pages/history.py")
    assert [t.value for t in at.title] == ["RACI planner"]
    assert not at.dataframe and "plan_id" not in at.session_state


def test_named_providers_get_a_button_each():
    auth = {"redirect_uri": AUTH["redirect_uri"], "cookie_secret": AUTH["cookie_secret"],
            "google": PROVIDER, "microsoft": {**PROVIDER, "server_metadata_url": "https://login.microsoftonline.com/"
                                              "common/v2.0/.well-known/openid-configuration"}}
    at = visit({"is_logged_in": False}, "es", auth)
    assert [b.label for b in at.button] == ["Iniciar sesión con Google", "Iniciar sesión con Microsoft"]


def test_signed_in_there_is_no_name_field_and_the_email_signs_the_history():
    at = visit(ANA)
    assert not at.sidebar.text_input  # no free-text "Your name"
    assert at.session_state["author"] == "ana@marca.es"
    line = " ".join(c.value for c in at.sidebar.caption)
    assert "Signed in as Ana Pérez" in line and "marca.es" in line
    assert "Sign out" in [b.label for b in at.sidebar.button]

    pick(at, "select-platforms", "CM")
    at.switch_page("app_pages/history.py").run()
    assert not at.exception, [e.value for e in at.exception]
    authors = at.dataframe[0].value[translate("app.history.author", "en")].tolist()
    assert authors == ["ana@marca.es", "ana@marca.es"]  # the edit and the plan's first version


def test_a_typed_name_cannot_sign_for_a_signed_in_user():
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["auth"] = AUTH
    at.user = ANA
    at.session_state["author"] = "Somebody Else"
    at.run()
    assert at.session_state["author"] == "ana@marca.es"


@pytest.mark.parametrize("claims", [{"name": "Sin Correo"}, {"email": "", "name": "Vacío"},
                                    {"email": "ana@marca.es", "email_verified": False},
                                    {"email": "ana@marca.es", "email_verified": "false"},
                                    {"email": "not-an-address"}])
def test_a_user_without_a_verified_email_is_refused_with_a_sentence(claims):
    at = visit({"is_logged_in": True, **claims}, "es")
    assert [w.value for w in at.warning] == [translate("auth.no_email", "es")]
    assert [b.label for b in at.button] == ["Cerrar sesión"]
    assert not at.sidebar.children and "plan_id" not in at.session_state


def test_a_verified_email_claim_as_text_is_accepted():
    at = visit({"is_logged_in": True, "email": "luis@marca.es", "email_verified": "true"})
    assert at.session_state["author"] == "luis@marca.es"
    line = " ".join(c.value for c in at.sidebar.caption).replace("\u2060", "")
    assert "Signed in as luis@marca.es" in line and "(luis" not in line  # no name: the e-mail alone


def test_provider_text_is_shown_literally():
    at = visit({**ANA, "name": "[Ana](https://evil.example) <b>x</b>"})
    line = " ".join(c.value for c in at.sidebar.caption)
    assert "\\[Ana\\]\\(https" in line and "\\<b\\>" in line


@pytest.mark.parametrize("cookie, kept", [
    ("plan%3D8n654cq6sm%26lang%3Den", {"plan": "8n654cq6sm", "lang": "en"}),
    ("plan=8n654cq6sm", {"plan": "8n654cq6sm"}),
    ("lang=fr&plan=../../etc&x=1", {}),
    ("plan=8N654CQ6SM0&lang=es", {"lang": "es"}),
    (None, {}), ("", {}), ("%ZZ", {}),
])
def test_only_a_well_formed_plan_and_a_known_language_come_back_from_sign_in(cookie, kept):
    assert return_query(cookie) == kept
