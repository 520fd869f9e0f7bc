"""The Assignment page's task list (ui/owner_board.py) in a real browser. A click redraws the tasks and the
figures only (ui/live.py): after clicks on several tasks, in any order, the hours on screen are the plan's, the
panel is shown once, the sidebar's saved version and health follow, and nothing moves on screen; a reload shows
the same plan. The keyboard picks too, and a shared task's Accountable is one more click."""

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from raci.analysis import analyse
from raci.i18n import hours
from raci.seed import seed_plan
from tools.browser import choice, wait_idle

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SHOWN_HOURS = """() => [...document.querySelectorAll('[data-testid=stMain] .st-key-load_panel [data-testid=stMetric]')]
    .filter(m => m.checkVisibility()).map(m => [
        m.querySelector('[data-testid=stMetricLabel]').innerText.trim(),
        m.querySelector('[data-testid=stMetricValue]').innerText.trim()])"""
CLICKS = [  # (task index, its id, the button)
    (0, "select-platforms", "CM"),
    (1, "plan-content-strategy", "CM"),
    (2, "set-publishing-calendars", "Compartida"),
    (1, "plan-content-strategy", "SMM"),
    (0, "select-platforms", "Compartida"),
    (3, "define-marketing-campaigns", "CM"),
]


def shown_hours(page: Page) -> list[list[str]]:
    return page.evaluate(SHOWN_HOURS)


def where(page: Page) -> tuple[float, float]:
    """How far down the page the hours panel's title and the sidebar's health are: a redraw must not move them."""
    title = page.get_by_role("heading", name="Horas al mes").filter(visible=True).bounding_box()
    health = page.get_by_test_id("stSidebar").get_by_text("Salud del plan").filter(visible=True).bounding_box()
    return round(title["y"]), round(health["y"])


def test_clicks_on_several_rows_keep_the_figures_true(page: Page, app_url: str):
    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(f"{app_url}/?lang=es")
    wait_idle(page)
    plan = seed_plan("es")
    sidebar = page.get_by_test_id("stSidebar")
    at_first = where(page)
    for version, (index, task_id, button) in enumerate(CLICKS, start=2):
        owners = plan.role_names if button == "Compartida" else [button]
        plan = plan.assign_owner(index, owners)
        choice(page, task_id).get_by_role("radio", name=button, exact=True).click()
        wait_idle(page)
        expect(sidebar.get_by_text(f"versión {version}")).to_be_visible()
        load = analyse(plan).workload.load
        expected = [[role, hours(load[role], "es")] for role in plan.role_names]
        as_js = json.dumps(expected, ensure_ascii=False, separators=(",", ":"))  # as JSON.stringify writes it
        page.wait_for_function(f"JSON.stringify(({SHOWN_HOURS})()) === {json.dumps(as_js)}")
        assert shown_hours(page) == expected, f"after click {version - 1}"
        assert page.get_by_role("heading", name="Hallazgos").filter(visible=True).count() == 1
        assert sidebar.get_by_text("Salud del plan").filter(visible=True).count() == 1
        assert sidebar.get_by_text("versión").filter(visible=True).count() == 1
        assert where(page) == at_first  # the hidden drawings leave no gap
    page.screenshot(path=str(ARTIFACTS / "assignment-after-clicks.png"), full_page=True)

    page.reload()
    wait_idle(page)
    assert shown_hours(page) == expected
    expect(sidebar.get_by_text(f"versión {len(CLICKS) + 1}")).to_be_visible()


def test_the_keyboard_picks_and_a_shared_task_gets_its_accountable(page: Page, app_url: str):
    page.goto(f"{app_url}/?lang=es")
    wait_idle(page)
    owner = choice(page, "select-platforms")
    expect(owner).to_have_attribute("aria-label", "Dueño: Seleccionar plataformas de redes sociales")
    expect(owner.get_by_role("radio", name="SMM", exact=True)).to_have_attribute("tabindex", "0")  # one tab stop
    expect(owner.get_by_role("radio", name="CM", exact=True)).to_have_attribute("tabindex", "-1")
    owner.get_by_role("radio", name="SMM", exact=True).focus()
    page.keyboard.press("ArrowRight")  # to CM, and picked
    wait_idle(page)
    expect(owner.get_by_role("radio", name="CM", exact=True)).to_have_attribute("aria-checked", "true")
    expect(page.get_by_test_id("stSidebar").get_by_text("versión 2")).to_be_visible()
    assert page.evaluate("() => document.activeElement.shadowRoot?.activeElement?.textContent") == "CM"  # kept
    page.keyboard.press("ArrowRight")  # to Compartida: both do it, and its Accountable appears
    wait_idle(page)
    accountable = choice(page, "select-platforms", "accountable")
    expect(accountable).to_have_attribute("aria-label", "Aprobador: Seleccionar plataformas de redes sociales")
    expect(accountable.get_by_role("radio", name="A: SMM", exact=True)).to_have_attribute("aria-checked", "true")
    accountable.get_by_role("radio", name="A: CM", exact=True).click()
    wait_idle(page)
    expect(accountable.get_by_role("radio", name="A: CM", exact=True)).to_have_attribute("aria-checked", "true")
    expect(page.get_by_test_id("stSidebar").get_by_text("versión 4")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "assignment-shared-task.png"))
    page.reload()
    wait_idle(page)
    accountable = choice(page, "select-platforms", "accountable")
    expect(accountable.get_by_role("radio", name="A: CM", exact=True)).to_have_attribute("aria-checked", "true")
