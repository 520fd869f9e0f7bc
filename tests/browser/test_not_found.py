"""An address naming no page: a page in the user's language says so (not Streamlit's English dialog),
shows what was asked for as text, and leads back to the plan."""

from pathlib import Path

from playwright.sync_api import Page, expect

from tools.browser import wait_idle

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def test_unknown_page_in_spanish_and_back(page: Page, app_url: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{app_url}/informe-viejo?lang=es")
    wait_idle(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Página no encontrada")).to_be_visible()
    expect(main.get_by_text("No hay ninguna página «informe-viejo»")).to_be_visible()
    assert page.get_by_role("dialog").count() == 0  # no "Page not found" dialog in English
    expect(page.get_by_text("Page not found")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "page-not-found.png"))
    main.get_by_role("link", name="Volver a la asignación").click()
    wait_idle(page)
    expect(main.get_by_role("heading", name="¿Quién es dueño de cada tarea?")).to_be_visible()


def test_unknown_page_shows_the_address_as_text(page: Page, app_url: str):
    page.goto(f"{app_url}/%3Cb%3Ehola%E2%80%AE?lang=en")  # "<b>hola" and a right-to-left override
    wait_idle(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(main.get_by_text("There is no page “<b>hola<U+202E>”")).to_be_visible()
    assert main.locator("b").count() == 0


def test_the_default_page_by_its_own_name(page: Page, app_url: str):
    """/assign is the Assignment page (served at the root too), not a page the app lacks."""
    page.goto(f"{app_url}/assign?lang=es")
    wait_idle(page)
    main = page.get_by_test_id("stMain")
    expect(main.get_by_role("heading", name="¿Quién es dueño de cada tarea?")).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(main.get_by_text("This app has encountered an error")).to_have_count(0)
    assert page.get_by_role("dialog").count() == 0  # not Streamlit's "Page not found" either
    expect(page.get_by_text("Page not found")).to_have_count(0)
    nav = page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name="Matriz RACI").click()
    wait_idle(page)
    expect(main.get_by_role("heading", name="Matriz RACI")).to_be_visible()
    nav.get_by_role("link", name="Asignación").click()
    wait_idle(page)
    expect(main.get_by_role("heading", name="¿Quién es dueño de cada tarea?")).to_be_visible()
    assert page.get_by_role("dialog").count() == 0
