"""The Plans page in a real browser: what the picker and the name fields show after renaming and creating."""

from playwright.sync_api import Page, expect

from tools.browser import wait_idle


def test_after_renaming_the_picker_shows_the_new_name_and_creating_empties_the_name(page: Page, app_url: str):
    page.goto(f"{app_url}/plans?lang=en")
    wait_idle(page)
    rename = page.locator(".st-key-rename_plan input")
    rename.fill("Marca B")
    rename.press("Enter")
    wait_idle(page)
    page.locator(".st-key-rename_button button").click()
    wait_idle(page)
    expect(page.locator(".st-key-plans_pick input")).to_have_value("Marca B")
    new_name = page.locator(".st-key-new_plan_name input")
    new_name.fill("Marca C")
    page.get_by_role("button", name="Create plan").click()
    wait_idle(page)
    expect(page.get_by_text("Marca C").first).to_be_visible()
    expect(new_name).to_have_value("")
    expect(page.locator(".st-key-plans_pick input")).to_have_value("Marca C")
    expect(rename).to_have_value("Marca C")
