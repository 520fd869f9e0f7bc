"""Sign-in in a real browser, through a real OpenID Connect provider on loopback (tools/oidc.py)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tools.browser import ROOT, choice, wait_idle
from tools.oidc import app_with_sign_in, sign_in

SHOTS = ROOT / "test-artifacts" / "sign-in"
AUTH_COOKIE = "_streamlit_user"  # Streamlit's signed identity cookie




@pytest.fixture
def app_url(signed_in_app_url: str) -> str:
    return signed_in_app_url  # this module's app signs people in (tests/browser/conftest.py)

def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def text_of(page: Page, test_id: str) -> str:
    # ui/safe.md puts an invisible WORD JOINER after "@" so that Markdown does not make a link of an e-mail.
    return page.get_by_test_id(test_id).inner_text().replace("\u2060", "")


def expect_sign_in_page(page: Page) -> None:
    expect(page.get_by_role("heading", name="Planificador RACI")).to_be_visible()
    expect(page.get_by_role("button", name="Iniciar sesión", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    assert "plan=" not in page.url
    assert "Equipo de redes sociales" not in page.content()  # the seeded plan's name: no plan is shown


def test_a_signed_out_visitor_sees_only_the_sign_in_page(page: Page, app_url: str):
    page.goto(f"{app_url}/?lang=es")
    wait_idle(page)
    expect_sign_in_page(page)
    shot(page, "signed-out")
    page.goto(f"{app_url}/history?lang=es")  # a page's address shows nothing more
    wait_idle(page)
    expect_sign_in_page(page)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)  # not the History page's table of versions


def test_ana_signs_in_her_email_signs_the_history_and_she_signs_out(page: Page, app_url: str):
    page.goto(f"{app_url}/?lang=es")
    wait_idle(page)
    sign_in(page, app_url, "ana@marca.es")
    sidebar = text_of(page, "stSidebar")
    assert "Sesión iniciada como Ana Pérez (ana@marca.es)" in sidebar
    expect(page.locator(".st-key-author")).to_have_count(0)  # no free-text "Tu nombre"
    shot(page, "signed-in")

    choice(page, "select-platforms").get_by_role("radio", name="CM", exact=True).click()
    wait_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Historial", exact=True).click()
    wait_idle(page)
    history = text_of(page, "stMain")
    assert "v2 · " in history and "· ana@marca.es" in history  # the edit's version, signed with her e-mail
    expect(page.get_by_test_id("stDataFrame").first).to_be_visible()
    page.wait_for_timeout(1000)  # let the table and the chart draw before the picture
    shot(page, "history")

    page.get_by_role("button", name="Cerrar sesión").click()
    page.wait_for_url("**/oauth2/end_session?**")  # the provider ends its session too
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{app_url}/")
    wait_idle(page)
    expect_sign_in_page(page)
    assert AUTH_COOKIE not in {c["name"] for c in page.context.cookies()}
    shot(page, "signed-out-again")


def test_a_tampered_auth_cookie_gives_the_sign_in_page_not_her_plan(page: Page, app_url: str):
    page.goto(f"{app_url}/?lang=es")
    wait_idle(page)
    sign_in(page, app_url, "ana@marca.es")
    her_plan = page.url
    assert "plan=" in her_plan
    cookies = page.context.cookies()
    cookie = next(c for c in cookies if c["name"] == AUTH_COOKIE)
    value = cookie["value"]
    middle = len(value) // 2
    tampered = value[:middle] + ("A" if value[middle] != "A" else "B") + value[middle + 1:]
    page.context.clear_cookies()
    page.context.add_cookies([{**c, "value": tampered} if c["name"] == AUTH_COOKIE else c for c in cookies])

    page.goto(her_plan)  # her plan's own link
    wait_idle(page)
    expect(page.get_by_role("heading", name="Planificador RACI")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    assert "Ana" not in page.get_by_test_id("stMain").inner_text()
    assert "Equipo de redes sociales" not in page.content()
    shot(page, "tampered-cookie")

    page.context.clear_cookies()  # the control: the cookie as Streamlit signed it still opens her plan
    page.context.add_cookies(cookies)
    page.goto(her_plan)
    wait_idle(page)
    assert "Ana Pérez (ana@marca.es)" in text_of(page, "stSidebar")


def test_two_users_in_two_browsers_sign_in_independently(browser: Browser, app_url: str, browser_context_args):
    ana_context, luis_context = browser.new_context(**browser_context_args), browser.new_context(**browser_context_args)
    try:
        ana, luis = ana_context.new_page(), luis_context.new_page()
        for page, sub in ((ana, "ana@marca.es"), (luis, "luis@marca.es")):
            page.goto(f"{app_url}/?lang=es")
            wait_idle(page)
            sign_in(page, app_url, sub)
        ana.reload()  # Luis signing in changed nothing for Ana
        wait_idle(ana)
        assert "Ana Pérez (ana@marca.es)" in text_of(ana, "stSidebar")
        assert "Luis" not in text_of(ana, "stSidebar")
        assert "Luis Gil (luis@marca.es)" in text_of(luis, "stSidebar")
        assert "Ana" not in text_of(luis, "stSidebar")
        shot(luis, "second-user")
    finally:
        ana_context.close()
        luis_context.close()


def test_a_provider_that_gives_no_email_is_refused(page: Page, app_url: str):
    page.goto(f"{app_url}/?lang=es")
    wait_idle(page)
    page.get_by_role("button", name="Iniciar sesión", exact=True).click()
    page.wait_for_url("**/oauth2/authorize?**")
    page.locator("input[name=sub]").fill("sin-correo")
    page.get_by_role("button", name="Authorize", exact=True).click()
    page.wait_for_url(f"{app_url}/**")
    wait_idle(page)
    expect(page.get_by_text("no ha dado una dirección de correo verificada")).to_be_visible()
    expect(page.get_by_test_id("stSidebar")).to_have_count(0)
    assert "Equipo de redes sociales" not in page.content()
    shot(page, "no-email")


def test_with_two_named_providers_each_has_its_button(provider, tmp_path, page: Page):
    env = {"RACI_DATABASE_URL": f"sqlite:///{tmp_path / 'raci.db'}"}
    with app_with_sign_in(provider, tmp_path, env=env, names=("google", "microsoft")) as url:
        page.goto(f"{url}/?lang=en")
        wait_idle(page)
        buttons = page.get_by_test_id("stMain").get_by_role("button")
        expect(buttons).to_have_text([re.compile("Sign in with Google$"), re.compile("Sign in with Microsoft$")])
        shot(page, "two-providers")
        sign_in(page, url, "luis@marca.es", button="Sign in with Microsoft")
        assert "Signed in as Luis Gil (luis@marca.es)" in text_of(page, "stSidebar")


def test_a_plans_link_opened_signed_out_opens_that_plan_after_signing_in(browser: Browser, app_url: str,
                                                                         browser_context_args):
    first, second = browser.new_context(**browser_context_args), browser.new_context(**browser_context_args)
    try:
        page = first.new_page()
        page.goto(f"{app_url}/?lang=es")
        wait_idle(page)
        sign_in(page, app_url, "ana@marca.es")
        plan_id = re.search(r"plan=(\w+)", page.url).group(1)

        later = second.new_page()  # another browser, signed out, opening the plan's link in English
        later.goto(f"{app_url}/?plan={plan_id}&lang=en")
        wait_idle(later)
        expect(later.get_by_role("heading", name="RACI planner")).to_be_visible()
        sign_in(later, app_url, "ana@marca.es", button="Sign in")
        assert f"plan={plan_id}" in later.url
        assert "Signed in as Ana Pérez (ana@marca.es)" in text_of(later, "stSidebar")
        expect(later.get_by_role("heading", name="Who owns each task?")).to_be_visible()
        shot(later, "back-to-the-link")
    finally:
        first.close()
        second.close()
