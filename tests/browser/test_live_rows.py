"""An owner's click on the Assignment page redraws its row and the figures only (ui/live.py): after clicks on
several rows, in any order, the hours on screen are the plan's, the panel is shown once, and the sidebar's saved
version and health follow, nothing moves on screen; a reload shows the same plan."""

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from raci.analysis import analyse
from raci.i18n import hours
from raci.seed import seed_plan
from tools.browser import wait_idle

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
        page.locator(f".st-key-owner--{task_id}").get_by_role("radio", name=button, exact=True).click()
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
