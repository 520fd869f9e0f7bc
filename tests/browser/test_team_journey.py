"""The Team page in a real browser: a second CM halves the CMs' utilisation; a fifth platform raises a task's hours."""

from pathlib import Path

from playwright.sync_api import Page, expect

from tools.browser import wait_idle

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def add_person(page: Page, name: str, role: str) -> None:
    page.locator(".st-key-team_new_name input").fill(name)
    page.locator(".st-key-team_new_name input").press("Enter")
    wait_idle(page)
    roles = page.locator(".st-key-team_new_roles input")
    roles.click()
    roles.fill(role)
    roles.press("Enter")
    page.keyboard.press("Escape")
    wait_idle(page)
    expect(page.locator(f"[class*='st-key-team_new_share--{role}'] input")).to_have_value("100.00")
    page.get_by_role("button", name="Añadir persona").click()
    wait_idle(page)
    expect(page.get_by_text(f"Persona añadida: {name}")).to_be_visible()


def person_use(page: Page, name: str) -> str:
    """The utilisation shown on the person's row of the people table."""
    row = page.get_by_test_id("stHorizontalBlock").filter(has=page.get_by_text(name, exact=True)).first
    return row.get_by_text("%").last.inner_text()


def test_a_second_cm_and_a_fifth_platform(page: Page, app_url: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(app_url)
    wait_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Equipo", exact=True).click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="¿Quién hay detrás de cada rol?")).to_be_visible()

    add_person(page, "Lucía", "CM")
    assert person_use(page, "Lucía") == "82 %"  # the CM's 115,4 h on her 140 h
    add_person(page, "Marta", "CM")
    assert person_use(page, "Lucía") == "41 %" and person_use(page, "Marta") == "41 %"  # shared by two
    page.screenshot(path=str(ARTIFACTS / "team-two-cms.png"), full_page=True)

    answer = "Responder a preguntas y comentarios"
    listing = page.get_by_test_id("stMarkdownContainer").filter(has_text=answer).last
    expect(listing).to_contain_text("1 por día x 15 min x 4 plataformas = 21,0 h/mes")
    platforms = page.locator("[class*='st-key-team_platforms'] input")
    platforms.click()
    platforms.fill("YouTube")
    platforms.press("Enter")
    page.keyboard.press("Escape")
    wait_idle(page)
    listing = page.get_by_test_id("stMarkdownContainer").filter(has_text=answer).last
    expect(listing).to_contain_text("1 por día x 15 min x 5 plataformas = 26,3 h/mes")
    expect(page.locator("[class*='st-key-team_platforms']").get_by_text("YouTube")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "team-youtube.png"), full_page=True)
    page.get_by_role("heading", name="Esfuerzo recurrente").scroll_into_view_if_needed()
    wait_idle(page)
    page.screenshot(path=str(ARTIFACTS / "team-recurring.png"))
