"""Plans that last, in a real browser: an edit survives a reload and opens from its link."""

from playwright.sync_api import Page, expect

from tools.browser import choice, wait_idle


def test_an_edit_is_still_there_after_a_reload(page: Page, app_url: str):
    page.goto(f"{app_url}/?lang=en")
    wait_idle(page)
    assert "plan=" in page.url  # the open plan's id is in the link
    control = choice(page, "moderate-conversations")
    control.get_by_role("radio", name="SMM", exact=True).click()
    wait_idle(page)
    expect(control.get_by_role("radio", name="SMM", exact=True)).to_have_attribute("aria-checked", "true")

    page.reload()
    wait_idle(page)
    control = choice(page, "moderate-conversations")
    expect(control.get_by_role("radio", name="SMM", exact=True)).to_have_attribute("aria-checked", "true")
    expect(page.get_by_test_id("stSidebar").get_by_text("Saved · version")).to_be_visible()


def test_the_name_typed_is_remembered_in_this_browser_and_signs_the_history(page: Page, app_url: str):
    page.goto(f"{app_url}/?lang=es")
    wait_idle(page)
    name = page.get_by_test_id("stSidebar").locator(".st-key-author input")
    name.fill("Ana <b>Pérez</b>")
    name.press("Enter")
    wait_idle(page)
    page.wait_for_function("document.cookie.includes('raci_author=')")
    page.goto(f"{app_url}/?lang=es")  # a new visit, a new session
    wait_idle(page)
    assert name.input_value() == "Ana <b>Pérez</b>"
    choice(page, "select-platforms").get_by_role("radio", name="CM", exact=True).click()
    wait_idle(page)
    page.get_by_test_id("stSidebarNav").get_by_text("Historial", exact=True).click()
    wait_idle(page)
    assert "Ana <b>Pérez</b>" in page.get_by_test_id("stMain").inner_text()  # shown as typed, never as HTML
