"""What if... in a real browser: a scenario "Contratar un segundo CM" gets a second CM, is compared with its plan
(the CM's utilisation halves) and is applied to the plan, which then has both CMs."""

from pathlib import Path

from playwright.sync_api import Page, expect

from tools.browser import wait_idle

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SCENARIO, PLAN = "Contratar un segundo CM", "Equipo de redes sociales"


def add_person(page: Page, name: str, role: str) -> None:
    """Fill the scenario's "Alguien más" fields (name, then the role, whose share field appears at 100 %)."""
    page.locator(".st-key-whatif_person_name input").fill(name)
    page.locator(".st-key-whatif_person_name input").press("Enter")
    wait_idle(page)
    roles = page.locator(".st-key-whatif_person_roles input")
    roles.click()
    roles.fill(role)
    roles.press("Enter")
    page.keyboard.press("Escape")
    wait_idle(page)
    expect(page.locator(f"[class*='st-key-whatif_person_share--{role}'] input")).to_have_value("100.00")
    page.get_by_role("button", name="Añadir al escenario").click()
    wait_idle(page)


def tile(page: Page, label: str) -> str:
    """The value of the key-figure tile called ``label``."""
    metric = page.locator(".st-key-whatif_figures [data-testid='stMetric']").filter(has_text=label)
    return metric.get_by_test_id("stMetricValue").inner_text()


def test_a_second_cm_in_a_scenario_is_compared_then_applied_to_the_plan(page: Page, app_url: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(app_url)
    wait_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Equipo", exact=True).click()  # the plan has one CM, Lucía
    wait_idle(page)
    page.locator(".st-key-team_new_name input").fill("Lucía")
    page.locator(".st-key-team_new_name input").press("Enter")
    wait_idle(page)
    roles = page.locator(".st-key-team_new_roles input")
    roles.click()
    roles.fill("CM")
    roles.press("Enter")
    page.keyboard.press("Escape")
    wait_idle(page)
    page.get_by_role("button", name="Añadir persona").click()
    wait_idle(page)

    page.get_by_test_id("stSidebarNav").get_by_text("¿Y si...?", exact=True).click()
    wait_idle(page)
    expect(page.get_by_role("heading", name="¿Y si...?")).to_be_visible()
    name = page.locator(".st-key-whatif_new_name input")
    expect(name).to_have_attribute("placeholder", "p. ej. Contratar un segundo CM")
    name.fill(SCENARIO)
    page.get_by_role("button", name="Crear y abrir").click()
    wait_idle(page)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text(f"Escenario «{SCENARIO}» de «{PLAN}»")).to_be_visible()
    assert tile(page, "Rol más cargado") == "82 %"  # Lucía alone: the CM's 115,4 h on her 140 h

    add_person(page, "Marta", "CM")
    expect(page.get_by_text("Se ha añadido a Marta al escenario.")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "whatif-scenario-top.png"))
    expect(page.locator(".st-key-whatif_figures").get_by_text("En el plan: 140 h")).to_be_visible()
    assert tile(page, "Horas del equipo") == "280 h"
    assert tile(page, "Rol más cargado") == "41 %"  # the CM's 115,4 h on 280 h (the SMM has no hours known)
    assert tile(page, "Personas") == "2"
    page.get_by_text("Uso por rol").scroll_into_view_if_needed()
    wait_idle(page)
    page.screenshot(path=str(ARTIFACTS / "whatif-second-cm.png"))

    page.get_by_role("button", name="Aplicar al plan").click()
    page.get_by_role("button", name="Sí, aplicarlo").click()
    wait_idle(page)
    expect(page.get_by_text(f"«{SCENARIO}» aplicado a «{PLAN}»: ahora va por la versión 3.")).to_be_visible()
    expect(sidebar.get_by_text(f"Escenario «{SCENARIO}»")).to_have_count(0)
    page.screenshot(path=str(ARTIFACTS / "whatif-promoted.png"))
    page.get_by_test_id("stSidebarNav").get_by_text("Equipo", exact=True).click()
    wait_idle(page)
    expect(page.get_by_text("Marta", exact=True).first).to_be_visible()
    expect(page.get_by_text("Lucía", exact=True).first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "whatif-promoted-team.png"), full_page=True)
