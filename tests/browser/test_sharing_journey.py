"""Sharing in a real browser, through a real OpenID Connect provider on loopback (tools/oidc.py).

Ana signs in and has a plan; Luis signs in and cannot see it, by list or by link; Ana shares it with him
as viewer (he sees it read-only), then as editor (his edit is signed with his e-mail), then removes him
(he loses it). Her meeting link opens the Meeting view signed out, until she revokes it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from tools.browser import ROOT, wait_idle
from tools.oidc import sign_in

SHOTS = ROOT / "test-artifacts" / "sharing"
NO_ACCESS = "No tienes acceso a este plan, o no existe."




@pytest.fixture
def app_url(signed_in_app_url: str) -> str:
    return signed_in_app_url  # this module's app signs people in (tests/browser/conftest.py)

def shot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png")


def go(page: Page, url: str) -> None:
    page.goto(url)
    wait_idle(page)


def plans_page(page: Page, app_url: str, plan_id: str) -> None:
    go(page, f"{app_url}/plans?plan={plan_id}&lang=es")


def owner_buttons(page: Page):  # noqa: ANN201
    """The one-click owner controls of the Assignment page (SMM, CM, Compartida per task)."""
    return page.locator("[data-choice='owner'] button")  # ui/owner_board.js


def plan_names(page: Page) -> list[str]:
    """The plans the Plans page offers to open, as its picker lists them."""
    page.locator("[data-testid='stSelectbox']").first.click()  # the first select: "Plan"
    names = [o.inner_text() for o in page.get_by_role("option").all()]
    page.keyboard.press("Escape")
    return names


def share(page: Page, who: str, role: str) -> None:
    form = page.locator("[data-testid='stForm']").filter(has_text="Compartir el plan")
    form.get_by_label("Correo o dominio").fill(who)
    form.get_by_text(role, exact=True).click()
    form.get_by_role("button", name="Compartir").click()
    wait_idle(page)


def test_share_as_viewer_then_editor_then_remove_and_a_meeting_link(browser: Browser, app_url: str,
                                                                      browser_context_args):
    contexts = [browser.new_context(**browser_context_args) for _ in range(3)]
    ana, luis, visitor = (context.new_page() for context in contexts)
    try:
        go(ana, f"{app_url}/?lang=es")
        sign_in(ana, app_url, "ana@marca.es")
        plan_id = re.search(r"plan=(\w+)", ana.url).group(1)
        plans_page(ana, app_url, plan_id)  # she names it
        ana.get_by_label("Nombre").nth(1).fill("Cliente secreto")
        ana.get_by_role("button", name="Renombrar").click()
        wait_idle(ana)

        go(luis, f"{app_url}/?lang=es")
        sign_in(luis, app_url, "luis@otra.es")
        go(luis, f"{app_url}/?plan={plan_id}&lang=es")  # by link: no access, nothing of it
        expect(luis.get_by_text(NO_ACCESS)).to_be_visible()
        assert "Cliente secreto" not in luis.content()
        assert plan_id not in luis.url
        go(luis, f"{app_url}/plans?lang=es")  # by list: not there (the list's own picker names every plan)
        assert plan_names(luis) == ["Equipo de redes sociales"]
        shot(luis, "luis-no-access")

        plans_page(ana, app_url, plan_id)
        share(ana, "luis@otra.es", "lector")
        expect(ana.get_by_role("combobox", name="Quitar el acceso de")).to_have_value("luis@otra.es")
        shot(ana, "ana-shared")

        go(luis, f"{app_url}/?plan={plan_id}&lang=es")  # a viewer: every page read-only
        expect(luis.get_by_text("Solo lectura", exact=False).first).to_be_visible()
        expect(luis.get_by_role("button", name="Proponer reparto")).to_have_count(0)
        owners = owner_buttons(luis)
        expect(owners).to_have_count(66)  # 22 tasks x (SMM, CM, Compartida)
        for k in range(6):
            expect(owners.nth(k)).to_be_disabled()
        shot(luis, "luis-viewer")

        plans_page(ana, app_url, plan_id)
        share(ana, "luis@otra.es", "editor")  # again: the access changes
        go(luis, f"{app_url}/?plan={plan_id}&lang=es")
        expect(luis.get_by_text("Solo lectura", exact=False)).to_have_count(0)
        owners = owner_buttons(luis)
        expect(owners.first).to_be_enabled()
        owners.nth(1).click()  # the first task's CM
        wait_idle(luis)
        go(luis, f"{app_url}/history?plan={plan_id}&lang=es")
        history = luis.get_by_test_id("stMain").inner_text().replace("\u2060", "")
        assert "v2 · " in history and "· luis@otra.es" in history  # his edit, signed with his e-mail
        shot(luis, "luis-editor-history")

        plans_page(ana, app_url, plan_id)
        expect(ana.get_by_role("combobox", name="Quitar el acceso de")).to_have_value("luis@otra.es")
        ana.get_by_role("button", name="Quitar", exact=True).click()
        wait_idle(ana)
        go(luis, f"{app_url}/?plan={plan_id}&lang=es")
        expect(luis.get_by_text(NO_ACCESS)).to_be_visible()

        plans_page(ana, app_url, plan_id)  # a meeting link, opened signed out
        ana.get_by_role("button", name="Crear un enlace de reunión").click()
        wait_idle(ana)
        link = ana.locator("[data-testid='stCode']").inner_text().strip()
        assert re.fullmatch(r"http://[^ /]+/\?meeting=[\w-]{22,}", link), link
        shot(ana, "ana-meeting-link")
        go(visitor, link)
        expect(visitor.get_by_text("Vista de reunión de «Cliente secreto»", exact=False)).to_be_visible()
        expect(visitor.get_by_test_id("stSidebar")).to_have_count(0)
        shot(visitor, "visitor-meeting")
        plans_page(ana, app_url, plan_id)
        expect(ana.get_by_text("último uso", exact=False)).to_be_visible()
        ana.get_by_role("button", name="Revocar").click()
        wait_idle(ana)
        go(visitor, link)
        expect(visitor.get_by_text(NO_ACCESS)).to_be_visible()
        assert "Cliente secreto" not in visitor.content()
    finally:
        for context in contexts:
            context.close()
